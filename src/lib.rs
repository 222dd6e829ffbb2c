//! The Concordat progress map. Data flows one way:
//! fetch -> parse/validate (dataset, atlas) -> model -> view (ui).
//! The pure core lives in the `concordat-core` crate (core/), re-exported
//! here; this crate adds only the network (`fetch`) and the components (`ui`).
// Rendering the page to HTML at build time nests view types deeply.
#![recursion_limit = "256"]

pub use concordat_core::{
    atlas, chart, citation, colour, dataset, date, details, embed, filters, geo, model, nav, pages,
    places, problem, query, search, status, table, timeline, view_state,
};

pub mod fetch;
pub mod ui;

/// Mounts the app on the page's body.
pub fn start() {
    leptos::mount::mount_to_body(ui::App);
}
