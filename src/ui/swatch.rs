//! How a status looks, the same everywhere: its colour with a pattern of
//! marks (dots, stripes, grid…) drawn as SVG patterns, and the small swatch
//! that stands beside its word in the legend, tooltip, panel and table.

use crate::colour::{NOT_RECORDED_YET_FILL, NOT_RECORDED_YET_INK};
use crate::model::NOT_RECORDED_YET_ID;
use crate::ui::state::use_view;
use leptos::prelude::*;

/// One `<pattern>` per status, with ids `{prefix}{status id}`; `scale`
/// keeps the marks the same size on screen whatever the zoom.
#[component]
pub fn StatusPatterns(prefix: &'static str, #[prop(into)] scale: Signal<f64>) -> impl IntoView {
    let statuses = use_view()
        .model()
        .statuses
        .iter()
        .map(|s| {
            let transform = move || format!("scale({:.4})", 1.0 / scale.get());
            view! {
                // The marks as the pictures draw them (`picture::marks`):
                // one definition, so the map and its pictures never drift.
                <pattern
                    id=format!("{prefix}{}", s.id)
                    width="8"
                    height="8"
                    patternUnits="userSpaceOnUse"
                    patternTransform=transform
                    inner_html=format!(
                        r#"<rect width="8" height="8" fill="{}"></rect>{}"#,
                        // From the dataset: as text, never markup.
                        crate::pages::escape(&s.colour),
                        crate::picture::marks(s.pattern, s.ink)
                    )
                ></pattern>
            }
        })
        .collect_view();
    // Nothing recorded yet: white with sparse grey dashes, unlike any status
    // and unlike "not recorded" (plain white), with its own word beside it.
    let unknown = {
        let transform = move || format!("scale({:.4})", 1.0 / scale.get());
        view! {
            <pattern
                id=format!("{prefix}{NOT_RECORDED_YET_ID}")
                width="8"
                height="8"
                patternUnits="userSpaceOnUse"
                patternTransform=transform
            >
                <rect width="8" height="8" fill=NOT_RECORDED_YET_FILL></rect>
                <path d="M1 7L3 5M5 3L7 1" stroke=NOT_RECORDED_YET_INK stroke-width="0.8"></path>
            </pattern>
        }
    };
    view! { {statuses} {unknown} }
}

/// The fill of an area or swatch with this status id.
pub fn status_fill(prefix: &str, status_id: &str) -> String {
    crate::picture::fill(prefix, status_id)
}

/// A small square in a status's colour and pattern, beside its word.
#[component]
pub fn Swatch(#[prop(into)] status: String) -> impl IntoView {
    view! {
        <svg class="swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <rect width="16" height="16" fill=status_fill("swatch-", &status)></rect>
        </svg>
    }
}
