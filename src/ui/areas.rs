//! One SVG path per area, filled by status colour and pattern, muted when
//! the filters leave it out. The map is one tab stop (a roving tabindex):
//! arrow keys move to the neighbouring area the filters show, Enter or
//! Space open an area (Escape, handled by the explorer, closes it). Hover
//! and focus show the same tooltip; the open area's siblings are outlined.
//!
//! The paths are drawn once, with their state at the time; after that one
//! effect updates in place only the attributes that changed, and one set of
//! listeners on the group serves every path (focus, which would make the
//! group a tab stop, is followed from the map's frame: `on_area_focus`). So
//! 152 areas cost one effect, not a thousand, at start-up and on every
//! filter change. In the browser the paths are not even drawn once: the
//! live map adopts those of the page rendered at build time
//! (`RenderedPaths`), which are the same shapes. There each path is wrapped
//! in a link to its area's page, so that the map works without the app.

use crate::model::MapModel;
use crate::nav::{Direction, neighbour_among};
use crate::ui::state::use_view;
use crate::ui::swatch::status_fill;
use crate::ui::tooltip::Tip;
use leptos::ev::{FocusEvent, KeyboardEvent, MouseEvent};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// What an area's path says beyond its shape and status.
#[derive(Debug, Clone, PartialEq)]
struct PathState {
    shown: bool,
    selected: bool,
    sibling: bool,
    tab_stop: bool,
    /// Its status id on the chosen day, and "Name: Status".
    status: String,
    name_status: String,
}

impl PathState {
    fn class(&self) -> String {
        let mut classes = Vec::new();
        if !self.shown {
            classes.push("muted");
        }
        if self.selected {
            classes.push("selected");
        }
        if self.sibling {
            classes.push("sibling");
        }
        classes.join(" ")
    }

    fn label(&self) -> String {
        if self.shown {
            self.name_status.clone()
        } else {
            format!("{} (left out by the filters)", self.name_status)
        }
    }
}

/// The map's paths in the page rendered at build time, kept by the app
/// when it takes that page over, for the live map to adopt rather than make
/// again: moving 152 nodes is cheaper than building them and their path
/// data anew (see ARCHITECTURE.md, "attaching").
#[derive(Clone, Copy)]
pub struct RenderedPaths(StoredValue<Option<web_sys::Element>, LocalStorage>);

impl RenderedPaths {
    pub fn in_page(page: &web_sys::Element) -> Self {
        Self(StoredValue::new_local(
            page.query_selector("g.areas").ok().flatten(),
        ))
    }

    /// The rendered group, once, and only if it holds the model's areas in
    /// the model's order (a page from another build of the data does not).
    fn take_for(&self, model: &MapModel) -> Option<web_sys::Element> {
        let group = self.0.try_update_value(Option::take).flatten()?;
        let links = group.children();
        let same = links.length() as usize == model.areas.len()
            && model.areas.iter().enumerate().all(|(i, area)| {
                links
                    .item(i as u32)
                    .and_then(|link| link.first_element_child())
                    .and_then(|path| path.get_attribute("data-area"))
                    .is_some_and(|code| code == area.code)
            });
        same.then_some(group)
    }
}

/// Each rendered area's path, out of its link, into the live map's group:
/// there the map is one tab stop with arrow keys, not 152 links.
fn adopt(rendered: &web_sys::Element, group: &web_sys::Element) {
    while let Some(link) = rendered.first_element_child() {
        if let Some(path) = link.first_element_child() {
            let _ = path.set_attribute("role", "button");
            let _ = group.append_child(&path);
        }
        link.remove();
    }
}

/// Focus arriving on an area: it becomes the map's tab stop and shows its
/// tooltip. For the map's frame, an HTML element, not the areas' group: in
/// Chromium any focus listener on an SVG element makes it a tab stop of its
/// own, and the group was one, unnamed, before the areas.
pub fn on_area_focus(
    model: Arc<MapModel>,
    focused: RwSignal<Option<usize>>,
    tip: RwSignal<Option<Tip>>,
    frame: NodeRef<leptos::html::Div>,
) -> impl Fn(FocusEvent) + 'static {
    move |ev: FocusEvent| {
        if let Some((i, element)) = area_of(&ev, &model) {
            focused.set(Some(i));
            let r = element.get_bounding_client_rect();
            tip.set(Tip::at(
                frame,
                i,
                r.left() + r.width() / 2.0,
                r.top() + r.height() / 2.0,
            ));
        }
    }
}

/// The area an event happened on, by its `data-area`.
fn area_of(event: &web_sys::Event, model: &MapModel) -> Option<(usize, web_sys::Element)> {
    let element = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let code = element.get_attribute("data-area")?;
    Some((model.index_of(&code)?, element))
}

#[component]
pub fn AreaPaths(
    /// The last area focused, followed by the frame (`on_area_focus`).
    focused: RwSignal<Option<usize>>,
    tip: RwSignal<Option<Tip>>,
    frame: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    let view = use_view();
    let model = view.model();
    let (selected, shown) = (view.selected, view.shown);
    let is_shown = move |i: usize| shown.with(|s| s.get(i).copied().unwrap_or(false));
    // The one area in the tab order: the last focused or opened, else the
    // first the filters show; with none shown, still one, so that the map
    // never drops out of the tab order.
    let roving = Memo::new(move |_| {
        focused
            .get()
            .or_else(|| selected.get())
            .filter(|&i| is_shown(i))
            .or_else(|| shown.with(|s| s.iter().position(|&m| m)))
            .or_else(|| selected.get())
            .unwrap_or(0)
    });
    Effect::new(move |_| {
        if let Some(i) = selected.get() {
            focused.set(Some(i));
        }
    });
    let states = {
        let model = model.clone();
        Memo::new(move |_| {
            let open = selected.get();
            let siblings: Vec<&str> = open
                .and_then(|i| model.areas.get(i))
                .map(|a| model.data.group_siblings(&a.code))
                .unwrap_or_default();
            let tab_stop = roving.get();
            let snapshot = view.snapshot.get();
            shown.with(|shown| {
                model
                    .areas
                    .iter()
                    .zip(&snapshot.areas)
                    .enumerate()
                    .map(|(i, (area, at))| PathState {
                        shown: shown.get(i).copied().unwrap_or(false),
                        selected: open == Some(i),
                        sibling: siblings.contains(&area.code.as_str()),
                        tab_stop: tab_stop == i,
                        status: model.status_id(at).to_string(),
                        name_status: format!("{}: {}", area.name, model.status_label(at)),
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let group = NodeRef::<leptos::svg::G>::new();
    let mut rendered = use_context::<RenderedPaths>().and_then(|r| r.take_for(&model));
    let adopting = rendered.is_some();
    // In place, only what changed since the last run; at the first run,
    // every attribute of every path, so adopted paths take the view's state.
    {
        Effect::new(move |before: Option<Vec<PathState>>| {
            let now = states.get();
            let Some(group) = group.get() else {
                return now;
            };
            if let Some(rendered) = rendered.take() {
                adopt(&rendered, &group);
            }
            let paths = group.children();
            for (i, state) in now.iter().enumerate() {
                if before.as_ref().and_then(|b| b.get(i)) == Some(state) {
                    continue;
                }
                let Some(path) = paths.item(i as u32) else {
                    continue;
                };
                let before = before.as_ref().and_then(|b| b.get(i));
                if before.is_none_or(|b| b.status != state.status) {
                    let _ = path.set_attribute("fill", &status_fill("pattern-", &state.status));
                    let _ = path.set_attribute("data-status", &state.status);
                }
                let _ = path.set_attribute("class", &state.class());
                let _ =
                    path.set_attribute("data-match", if state.shown { "true" } else { "false" });
                let _ = path.set_attribute("tabindex", if state.tab_stop { "0" } else { "-1" });
                let _ = path.set_attribute("aria-label", &state.label());
            }
            now
        });
    }
    // Drawn with the state of the moment (at build time, and in the browser
    // when there is nothing to adopt); the effect then keeps it up to date.
    let paths = (!adopting).then(|| {
        let first = states.get_untracked();
        model
            .areas
            .iter()
            .zip(first)
            .map(|(area, state)| {
                #[cfg(target_arch = "wasm32")]
                let path = view! {
                    <path
                        class=state.class()
                        d=area.path.clone()
                        fill=status_fill("pattern-", &state.status)
                        data-area=area.code.clone()
                        data-status=state.status.clone()
                        data-match=if state.shown { "true" } else { "false" }
                        tabindex=if state.tab_stop { "0" } else { "-1" }
                        role="button"
                        aria-label=state.label()
                    ></path>
                };
                // At build time a link to the area's page, with the path
                // (without a role, focus or name of its own) inside.
                #[cfg(not(target_arch = "wasm32"))]
                let path = crate::ui::prerender::area_link(
                    view.area_href(&area.code),
                    state.tab_stop,
                    state.label(),
                    view! {
                        <path
                            class=state.class()
                            d=area.path.clone()
                            fill=status_fill("pattern-", &state.status)
                            data-area=area.code.clone()
                            data-status=state.status.clone()
                            data-match=if state.shown { "true" } else { "false" }
                        ></path>
                    },
                );
                path
            })
            .collect_view()
    });
    let centres: Arc<Vec<[f64; 2]>> = Arc::new(model.areas.iter().map(|a| a.centre).collect());
    let focus_area = move |next: usize| {
        let path = group
            .get_untracked()
            .and_then(|g| g.children().item(next as u32));
        if let Some(svg) = path.and_then(|p| p.dyn_into::<web_sys::SvgElement>().ok()) {
            let _ = svg.focus();
        }
    };
    let (on_move, on_click, on_key) = (model.clone(), model.clone(), model);
    view! {
        <g
            class="areas"
            node_ref=group
            on:mousemove=move |ev: MouseEvent| {
                if let Some((i, _)) = area_of(&ev, &on_move) {
                    tip.set(Tip::at(frame, i, f64::from(ev.client_x()), f64::from(ev.client_y())));
                }
            }
            on:mouseleave=move |_| tip.set(None)
            on:click=move |ev: MouseEvent| {
                if let Some((i, _)) = area_of(&ev, &on_click) {
                    view.select(Some(i));
                }
            }
            on:keydown=move |ev: KeyboardEvent| {
                let Some((i, _)) = area_of(&ev, &on_key) else {
                    return;
                };
                let key = ev.key();
                if key == "Enter" || key == " " {
                    ev.prevent_default();
                    view.select(Some(i));
                } else if let Some(direction) = Direction::from_key(&key) {
                    // Arrows never scroll the page while on the map.
                    ev.prevent_default();
                    if let Some(next) = neighbour_among(&centres, i, direction, is_shown) {
                        focus_area(next);
                    }
                }
            }
        >
            {paths}
        </g>
    }
}
