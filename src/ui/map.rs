use crate::model::MapModel;
use leptos::ev::{FocusEvent, KeyboardEvent, MouseEvent};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// One SVG path per area, filled by status. Hover and focus show the same
/// tooltip; click, Enter or Space select (Escape, handled by the explorer,
/// clears); the open area's group siblings are outlined.
#[component]
pub fn MapView(model: Arc<MapModel>, selected: RwSignal<Option<usize>>) -> impl IntoView {
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
    Effect::new(move |_| {
        // Tests and embedding sites wait for this mark; failing to set it is harmless.
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark("map-ready");
        }
    });
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
    let paths = model
        .areas
        .iter()
        .enumerate()
        .map(|(i, area)| {
            let colour = area
                .status
                .and_then(|s| model.statuses.get(s))
                .map_or("#ffffff", |s| s.colour.as_str())
                .to_string();
            let code = area.code.clone();
            view! {
                <path
                    class:sibling=move || siblings.with(|s| s.contains(&code))
                    d=area.path.clone()
                    fill=colour
                    data-area=area.code.clone()
                    data-status=model.status_id(area).to_string()
                    tabindex="0"
                    role="button"
                    aria-label=format!("{}: {}", area.name, model.status_label(area))
                    class:selected=move || selected.get() == Some(i)
                    on:mousemove=move |ev: MouseEvent| {
                        show_tip(i, f64::from(ev.client_x()), f64::from(ev.client_y()))
                    }
                    on:mouseleave=move |_| tip.set(None)
                    on:focus=move |ev: FocusEvent| {
                        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                        if let Some(el) = target {
                            let r = el.get_bounding_client_rect();
                            show_tip(i, r.left() + r.width() / 2.0, r.top() + r.height() / 2.0);
                        }
                    }
                    on:blur=move |_| tip.set(None)
                    on:click=move |_| selected.set(Some(i))
                    on:keydown=move |ev: KeyboardEvent| match ev.key().as_str() {
                        "Enter" | " " => {
                            ev.prevent_default();
                            selected.set(Some(i));
                        }
                        _ => {}
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
    let view_box = model.view_box.clone();
    let tooltip = move || {
        tip.get().and_then(|(i, x, y, flip)| {
            let area = model.areas.get(i)?;
            Some(view! {
                <div
                    class="tooltip"
                    class:flip=flip
                    role="tooltip"
                    style=format!("left:{x:.0}px;top:{y:.0}px")
                >
                    <strong>{area.name.clone()}</strong>
                    <span>{model.status_label(area).to_string()}</span>
                </div>
            })
        })
    };
    view! {
        <div class="map-frame" node_ref=frame>
            <svg
                id="map"
                class="map"
                viewBox=view_box
                data-ready="true"
                role="group"
                aria-label="Map of England's upper-tier areas, coloured by status"
            >
                <g class="areas">{paths}</g>
                {outline}
            </svg>
            {tooltip}
        </div>
    }
}
