//! The Concordat progress map. Data flows one way:
//! fetch -> parse/validate (dataset, atlas) -> model -> view (ui).
//! The pure core lives in the `concordat-core` crate (core/), re-exported
//! here; this crate adds only the network (`fetch`) and the components (`ui`).
// Rendering the page to HTML at build time nests view types deeply.
#![recursion_limit = "256"]

pub use concordat_core::{
    atlas, chart, citation, colour, dataset, date, details, embed, filters, geo, model, nav, pages,
    picture, places, problem, query, search, status, table, timeline, view_state,
};

pub mod fetch;
pub mod ui;

/// The event a panic sends to the page's window: boot.js tells the reader
/// the map has stopped (a panic leaves the wasm unusable).
pub const PANIC_EVENT: &str = "concordat-map:panic";

/// Mounts the app on the page's body.
pub fn start() {
    std::panic::set_hook(Box::new(report_panic));
    leptos::mount::mount_to_body(ui::App);
}

/// Says in the console what panicked, and to the page that the app stopped.
fn report_panic(info: &std::panic::PanicHookInfo) {
    web_sys::console::error_1(&format!("The map stopped: {info}").into());
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(PANIC_EVENT)) {
        let _ = window.dispatch_event(&event);
    }
}
