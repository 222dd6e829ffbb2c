//! The SVG map: the frame, the zoom (a CSS transform of one group, following
//! the view state) and the outline of the open area; the areas themselves
//! are `AreaPaths`, the tooltip `Tooltip`. Marks the map ready once drawn.

use crate::geo::{Bounds, zoom_box};
use crate::ui::areas::{AreaPaths, on_area_focus};
use crate::ui::state::use_view;
use crate::ui::swatch::StatusPatterns;
use crate::ui::tooltip::{Tip, Tooltip};
use leptos::prelude::*;

/// Scrolls `element` to the top of the screen unless its top is already in
/// the screen's upper half.
fn bring_into_view(element: &web_sys::Element) {
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let top = element.get_bounding_client_rect().top();
    if top < 0.0 || top > height / 2.0 {
        element.scroll_into_view_with_bool(true);
    }
}

/// The map. `whole` shows all of England for now, whatever the view state
/// zooms to (the "Show all of England" button); it is not part of a link.
#[component]
pub fn MapView(whole: RwSignal<bool>) -> impl IntoView {
    let view = use_view();
    let model = view.model();
    let tip = RwSignal::new(None::<Tip>);
    let focused = RwSignal::new(None::<usize>);
    let frame = NodeRef::<leptos::html::Div>::new();
    let on_focus = on_area_focus(model.clone(), focused, tip, frame);
    Effect::new(move |_| {
        // An area opened from further down the page (the list of every
        // area) is shown on the map, above a phone's sheet; opened from the
        // map or the search beside it, nothing moves.
        if view.selected.get().is_some()
            && let Some(frame) = frame.get_untracked()
        {
            bring_into_view(&frame);
        }
    });
    Effect::new(move |_| {
        // Tests and embedding sites wait for this mark; failing to set it is harmless.
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark("map-ready");
        }
    });
    let [width, height] = model.size;
    let view_box = {
        let model = model.clone();
        Memo::new(move |_| {
            let bounds = if whole.get() {
                Bounds::EMPTY
            } else {
                view.with(|s| model.view_bounds(view.selected.get(), &s.filters.regions))
            };
            zoom_box(&bounds, width, height)
        })
    };
    let scale = Signal::derive(move || width / view_box.get()[2].max(f64::EPSILON));
    // Pattern tiles are 8 units wide, drawn for a map 1,000 units across:
    // at the atlas's own width and zoom they keep that size on screen.
    let pattern_scale = Signal::derive(move || scale.get() * 1000.0 / width.max(1.0));
    // Set through the CSS object model (`style:`), not a style attribute,
    // which the Content Security Policy (style-src 'self') would refuse.
    // None at all for the whole of England, so that the page rendered at
    // build time carries no style attribute either.
    // At build time a zoomed page has its zoom as the view box instead:
    // there is no transition to run, and no style attribute to refuse.
    let at_build = cfg!(not(target_arch = "wasm32"));
    let svg_box = if at_build {
        let [x, y, w, h] = view_box.get_untracked();
        format!("{x:.2} {y:.2} {w:.2} {h:.2}")
    } else {
        model.view_box.clone()
    };
    let transform = move || {
        if at_build {
            return None;
        }
        let [x, y, _, _] = view_box.get();
        let s = scale.get();
        let whole = (s - 1.0).abs() < 1e-9 && x.abs() < 1e-9 && y.abs() < 1e-9;
        (!whole).then(|| format!("translate({:.2}px,{:.2}px) scale({s:.4})", -x * s, -y * s))
    };
    let outline = {
        let model = model.clone();
        move || {
            view.selected
                .get()
                .and_then(|i| model.areas.get(i))
                .map(|a| view! { <path class="selection" d=a.path.clone()></path> })
        }
    };
    view! {
        <div
            class="map-frame"
            node_ref=frame
            on:focusin=on_focus
            on:focusout=move |_| tip.set(None)
        >
            <svg
                id="map"
                class="map"
                viewBox=svg_box
                // Ready means interactive: not so in the page rendered at build time.
                data-ready=cfg!(target_arch = "wasm32").then_some("true")
                role="group"
                aria-label="Map of England's upper-tier areas, coloured and patterned by status"
                aria-describedby="map-help"
            >
                <defs>
                    <StatusPatterns prefix="pattern-" scale=pattern_scale />
                </defs>
                <g class="viewport" style:transform=transform>
                    <AreaPaths focused tip frame />
                    {outline}
                </g>
            </svg>
            <p id="map-help" class="visually-hidden">
                "Arrow keys move between neighbouring areas the filters show; Enter opens an area's details; Escape closes them."
            </p>
            <Tooltip tip />
        </div>
    }
}
