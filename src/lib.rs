//! The Concordat progress map. Data flows one way:
//! fetch -> parse/validate (dataset, geo) -> model -> view (ui).
//! Everything but `fetch` and `ui` is plain Rust, tested natively.

pub mod dataset;
pub mod date;
pub mod fetch;
pub mod geo;
pub mod model;
pub mod problem;
pub mod status;
pub mod ui;

/// Mounts the app on the page's body.
pub fn start() {
    leptos::mount::mount_to_body(ui::App);
}
