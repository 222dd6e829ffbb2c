//! How a status looks, the same everywhere: its colour with a pattern of
//! marks (dots, stripes, grid…) drawn as SVG patterns, and the small swatch
//! that stands beside its word in the legend, tooltip, panel and table.

use crate::colour::{NOT_RECORDED_YET_FILL, NOT_RECORDED_YET_INK};
use crate::model::NOT_RECORDED_YET_ID;
use crate::ui::state::use_view;
use leptos::prelude::*;

/// Over each status's colour, its pattern's marks, in a tile of 8 × 8 units:
/// the pictures' marks (`picture::marks`), as a view; a test holds the two
/// to the same markup.
fn marks(pattern: &str, ink: &'static str) -> AnyView {
    match pattern {
        "dots" => view! { <circle cx="4" cy="4" r="1.2" fill=ink></circle> }.into_any(),
        "stripes" => view! {
            <path d="M-1 1L1 -1M0 8L8 0M7 9L9 7" stroke=ink stroke-width="1.3"></path>
        }
        .into_any(),
        "grid" => view! { <path d="M0 4H8M4 0V8" stroke=ink stroke-width="0.9"></path> }.into_any(),
        _ => view! {
            <path d="M0 5Q2 2 4 5T8 5" fill="none" stroke=ink stroke-width="1"></path>
        }
        .into_any(),
    }
}

/// "Not recorded yet"'s dashes: the pictures' `picture::unknown_marks`.
fn unknown_marks() -> impl IntoView {
    view! { <path d="M1 7L3 5M5 3L7 1" stroke=NOT_RECORDED_YET_INK stroke-width="0.8"></path> }
}

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
                <pattern
                    id=format!("{prefix}{}", s.id)
                    width="8"
                    height="8"
                    patternUnits="userSpaceOnUse"
                    patternTransform=transform
                >
                    <rect width="8" height="8" fill=s.colour.clone()></rect>
                    {marks(s.pattern, s.ink)}
                </pattern>
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
                {unknown_marks()}
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::{marks, unknown_marks};
    use leptos::prelude::RenderHtml;

    #[test]
    fn the_maps_marks_are_the_pictures() {
        for pattern in ["dots", "stripes", "grid", "waves"] {
            let ink = "#123456";
            assert_eq!(
                marks(pattern, ink).to_html(),
                crate::picture::marks(pattern, ink),
                "{pattern}"
            );
        }
        assert_eq!(unknown_marks().to_html(), crate::picture::unknown_marks());
    }
}
