//! The SVG map: status patterns, one path per area, one tab stop with arrow
//! keys between neighbours, the tooltip, selection, the outlined siblings and
//! the zoom transform; marks the map ready once drawn.

use crate::geo::zoom_box;
use crate::model::MapModel;
use crate::nav::{Direction, neighbour};
use crate::ui::zoom::Zoom;
use leptos::ev::{FocusEvent, KeyboardEvent, MouseEvent};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Over each status's colour, its pattern's marks, in a tile of 8 × 8 units.
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

/// One `<pattern>` per status, with ids `{prefix}{status id}`; `scale`
/// keeps the marks the same size on screen whatever the zoom.
#[component]
pub fn StatusPatterns(
    model: Arc<MapModel>,
    prefix: &'static str,
    #[prop(into)] scale: Signal<f64>,
) -> impl IntoView {
    model
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
        .collect_view()
}

/// The fill of an area or swatch with this status id.
pub fn status_fill(prefix: &str, status_id: &str) -> String {
    if status_id == crate::model::NOT_RECORDED_ID {
        "#ffffff".into()
    } else {
        format!("url(#{prefix}{status_id})")
    }
}

/// Focuses the shape of the area with this index, if drawn.
fn focus_area(model: &MapModel, index: usize) {
    let element = model.areas.get(index).and_then(|area| {
        web_sys::window()?
            .document()?
            .query_selector(&format!("#map path[data-area=\"{}\"]", area.code))
            .ok()
            .flatten()
    });
    if let Some(svg) = element.and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok()) {
        let _ = svg.focus();
    }
}

/// One SVG path per area, filled by status colour and pattern. The map is
/// one tab stop: arrow keys move between neighbouring areas, Enter or Space
/// select (Escape, handled by the explorer, clears). Hover and focus show
/// the same tooltip. The open area's group siblings are outlined and the
/// view zooms to them.
#[component]
pub fn MapView(
    model: Arc<MapModel>,
    selected: RwSignal<Option<usize>>,
    zoom: RwSignal<Zoom>,
) -> impl IntoView {
    // (area, x, y, flip): x, y relative to the map's box; flip puts the
    // tooltip left of the point so that it stays inside the map.
    let tip = RwSignal::new(None::<(usize, f64, f64, bool)>);
    let frame = NodeRef::<leptos::html::Div>::new();
    let show_tip = move |area: usize, client_x: f64, client_y: f64| {
        if let Some(el) = frame.get() {
            let rect = el.get_bounding_client_rect();
            let x = client_x - rect.left();
            tip.set(Some((
                area,
                x,
                client_y - rect.top(),
                x > rect.width() / 2.0,
            )));
        }
    };
    // The one area in the tab order: the last focused or selected.
    let roving = RwSignal::new(selected.get_untracked().unwrap_or(0));
    Effect::new(move |_| {
        if let Some(i) = selected.get() {
            roving.set(i);
            // On a phone the details open as a sheet over the lower half
            // of the screen: bring the map to the top so it shows above.
            let window = web_sys::window();
            let narrow = window
                .as_ref()
                .and_then(|w| w.inner_width().ok())
                .and_then(|w| w.as_f64())
                .is_some_and(|w| w <= 768.0);
            if narrow && let Some(el) = frame.get_untracked() {
                el.scroll_into_view_with_bool(true);
            }
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
            let bounds = zoom.get().bounds(&model, selected.get());
            zoom_box(&bounds, width, height)
        })
    };
    let scale = Signal::derive(move || width / view_box.get()[2].max(f64::EPSILON));
    let transform = move || {
        let [x, y, _, _] = view_box.get();
        let s = scale.get();
        format!(
            "transform:translate({:.2}px,{:.2}px) scale({s:.4})",
            -x * s,
            -y * s
        )
    };
    // The open area's group siblings, highlighted beside it.
    let siblings = {
        let model = model.clone();
        Memo::new(move |_| {
            selected
                .get()
                .and_then(|i| model.areas.get(i))
                .map(|a| {
                    model
                        .data
                        .group_siblings(&a.code)
                        .into_iter()
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let centres: Arc<Vec<[f64; 2]>> = Arc::new(model.areas.iter().map(|a| a.centre).collect());
    let paths = model
        .areas
        .iter()
        .enumerate()
        .map(|(i, area)| {
            let code = area.code.clone();
            let centres = centres.clone();
            let model = model.clone();
            view! {
                <path
                    class:sibling=move || siblings.with(|s| s.contains(&code))
                    d=area.path.clone()
                    fill=status_fill("pattern-", model.status_id(area))
                    data-area=area.code.clone()
                    data-status=model.status_id(area).to_string()
                    tabindex=move || if roving.get() == i { "0" } else { "-1" }
                    role="button"
                    aria-label=format!("{}: {}", area.name, model.status_label(area))
                    class:selected=move || selected.get() == Some(i)
                    on:mousemove=move |ev: MouseEvent| {
                        show_tip(i, f64::from(ev.client_x()), f64::from(ev.client_y()))
                    }
                    on:mouseleave=move |_| tip.set(None)
                    on:focus=move |ev: FocusEvent| {
                        roving.set(i);
                        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                        if let Some(el) = target {
                            let r = el.get_bounding_client_rect();
                            show_tip(i, r.left() + r.width() / 2.0, r.top() + r.height() / 2.0);
                        }
                    }
                    on:blur=move |_| tip.set(None)
                    on:click=move |_| selected.set(Some(i))
                    on:keydown=move |ev: KeyboardEvent| {
                        let key = ev.key();
                        if key == "Enter" || key == " " {
                            ev.prevent_default();
                            selected.set(Some(i));
                        } else if let Some(direction) = Direction::from_key(&key) {
                            // Arrows never scroll the page while on the map.
                            ev.prevent_default();
                            if let Some(next) = neighbour(&centres, i, direction) {
                                focus_area(&model, next);
                            }
                        }
                    }
                ></path>
            }
        })
        .collect_view();
    let outline = {
        let model = model.clone();
        move || {
            selected
                .get()
                .and_then(|i| model.areas.get(i))
                .map(|a| view! { <path class="selection" d=a.path.clone()></path> })
        }
    };
    let tooltip = {
        let model = model.clone();
        move || {
            tip.get().and_then(|(i, x, y, flip)| {
                let area = model.areas.get(i)?;
                let status = model.status_id(area).to_string();
                Some(view! {
                    <div
                        class="tooltip"
                        class:flip=flip
                        role="tooltip"
                        style=format!("left:{x:.0}px;top:{y:.0}px")
                    >
                        <strong>{area.name.clone()}</strong>
                        <span>
                            <Swatch status />
                            {model.status_label(area).to_string()}
                        </span>
                    </div>
                })
            })
        }
    };
    view! {
        <div class="map-frame" node_ref=frame>
            <svg
                id="map"
                class="map"
                viewBox=model.view_box.clone()
                data-ready="true"
                role="group"
                aria-label="Map of England's upper-tier areas, coloured and patterned by status"
                aria-describedby="map-help"
            >
                <defs>
                    <StatusPatterns model=model.clone() prefix="pattern-" scale />
                </defs>
                <g class="viewport" style=transform>
                    <g class="areas">{paths}</g>
                    {outline}
                </g>
            </svg>
            <p id="map-help" class="visually-hidden">
                "Arrow keys move between neighbouring areas; Enter opens an area's details; Escape closes them."
            </p>
            {tooltip}
        </div>
    }
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
