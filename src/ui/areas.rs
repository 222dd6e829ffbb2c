//! One SVG path per area, filled by status colour and pattern, muted when
//! the filters leave it out. The map is one tab stop (a roving tabindex):
//! arrow keys move to the neighbouring area the filters show, Enter or
//! Space open an area (Escape, handled by the explorer, closes it). Hover
//! and focus show the same tooltip; the open area's siblings are outlined.

use crate::model::MapModel;
use crate::nav::{Direction, neighbour_among};
use crate::ui::state::use_view;
use crate::ui::swatch::status_fill;
use crate::ui::tooltip::Tip;
use leptos::ev::{FocusEvent, KeyboardEvent, MouseEvent};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Focuses the shape of the area with this index in this map, if drawn.
fn focus_area(model: &MapModel, frame: NodeRef<leptos::html::Div>, index: usize) {
    let element = model.areas.get(index).and_then(|area| {
        frame
            .get_untracked()?
            .query_selector(&format!("path[data-area=\"{}\"]", area.code))
            .ok()
            .flatten()
    });
    if let Some(svg) = element.and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok()) {
        let _ = svg.focus();
    }
}

#[component]
pub fn AreaPaths(
    model: Arc<MapModel>,
    tip: RwSignal<Option<Tip>>,
    frame: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    let view = use_view();
    let (selected, shown) = (view.selected, view.shown);
    let is_shown = move |i: usize| shown.with(|s| s.get(i).copied().unwrap_or(false));
    // The one area in the tab order: the last focused or opened, else the
    // first the filters show; with none shown, still one, so that the map
    // never drops out of the tab order.
    let focused = RwSignal::new(None::<usize>);
    let roving = Memo::new(move |_| {
        focused
            .get()
            .or_else(|| selected.get())
            .filter(|&i| is_shown(i))
            .or_else(|| shown.with(|s| s.iter().position(|&m| m)))
            .or_else(|| selected.get())
            .or(Some(0))
    });
    Effect::new(move |_| {
        if let Some(i) = selected.get() {
            focused.set(Some(i));
        }
    });
    let siblings = {
        let model = model.clone();
        Memo::new(move |_| {
            selected
                .get()
                .and_then(|i| model.areas.get(i))
                .map(|a| {
                    let siblings = model.data.group_siblings(&a.code);
                    siblings.into_iter().map(str::to_string).collect::<Vec<_>>()
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
            let status = model.status_id(area);
            let open = move || view.select(Some(i));
            view! {
                <path
                    class:sibling=move || siblings.with(|s| s.contains(&code))
                    class:muted=move || !is_shown(i)
                    class:selected=move || selected.get() == Some(i)
                    d=area.path.clone()
                    fill=status_fill("pattern-", status)
                    data-area=area.code.clone()
                    data-status=status.to_string()
                    data-match=move || is_shown(i).to_string()
                    tabindex=move || if roving.get() == Some(i) { "0" } else { "-1" }
                    role="button"
                    aria-label={
                        let label = format!("{}: {}", area.name, model.status_label(area));
                        move || if is_shown(i) { label.clone() } else { format!("{label} (left out by the filters)") }
                    }
                    on:mousemove=move |ev: MouseEvent| {
                        tip.set(Tip::at(frame, i, f64::from(ev.client_x()), f64::from(ev.client_y())))
                    }
                    on:mouseleave=move |_| tip.set(None)
                    on:focus=move |ev: FocusEvent| {
                        focused.set(Some(i));
                        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                        if let Some(el) = target {
                            let r = el.get_bounding_client_rect();
                            tip.set(Tip::at(frame, i, r.left() + r.width() / 2.0, r.top() + r.height() / 2.0));
                        }
                    }
                    on:blur=move |_| tip.set(None)
                    on:click=move |_| open()
                    on:keydown=move |ev: KeyboardEvent| {
                        let key = ev.key();
                        if key == "Enter" || key == " " {
                            ev.prevent_default();
                            open();
                        } else if let Some(direction) = Direction::from_key(&key) {
                            // Arrows never scroll the page while on the map.
                            ev.prevent_default();
                            if let Some(next) = neighbour_among(&centres, i, direction, is_shown) {
                                focus_area(&model, frame, next);
                            }
                        }
                    }
                ></path>
            }
        })
        .collect_view();
    view! { <g class="areas">{paths}</g> }
}
