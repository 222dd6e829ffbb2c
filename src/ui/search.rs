//! The search box: a WAI-ARIA 1.2 combobox over the core's `SearchIndex`.

use crate::search::{Hit, SearchIndex, Target, count_label};
use crate::ui::state::use_view;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use std::sync::Arc;

const LIMIT: usize = 8;

/// Find an area or group by name: a WAI-ARIA 1.2 combobox with a list of
/// suggestions. Arrow keys move through them, Enter opens one, Escape
/// closes the list (then clears the text); the number of results is
/// announced.
#[component]
pub fn Search() -> impl IntoView {
    let view = use_view();
    let model = view.model();
    let index = Arc::new(SearchIndex::new(&model));
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let hits = Memo::new(move |_| query.with(|q| index.find(q, LIMIT)));
    let choose = move |hit: &Hit| {
        let area = match hit.target {
            Target::Area(i) => i,
            Target::Group { first_area, .. } => first_area,
        };
        query.set(hit.label.clone());
        open.set(false);
        active.set(None);
        view.select(Some(area));
        // Bring the map into view above the panel (or the bottom sheet).
        if let Some(map) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("map"))
        {
            map.scroll_into_view_with_bool(true);
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        let count = hits.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if count > 0 => {
                ev.prevent_default();
                let down = ev.key() == "ArrowDown";
                open.set(true);
                active.update(|a| {
                    *a = Some(match (*a, down) {
                        (None, true) => 0,
                        (None, false) => count - 1,
                        (Some(i), true) => (i + 1) % count,
                        (Some(i), false) => (i + count - 1) % count,
                    });
                });
            }
            "Enter" => {
                // Enter takes the highlighted suggestion, or the best one.
                let pick = hits.with(|h| {
                    open.get_untracked()
                        .then(|| h.get(active.get_untracked().unwrap_or(0)).cloned())
                        .flatten()
                });
                if let Some(hit) = pick {
                    ev.prevent_default();
                    choose(&hit);
                }
            }
            "Escape" => {
                // Handled here so that the page's Escape (close the panel)
                // waits until the list is closed and the box is empty.
                if open.get_untracked() && hits.with(|h| !h.is_empty()) {
                    ev.stop_propagation();
                    open.set(false);
                    active.set(None);
                } else if !query.with_untracked(String::is_empty) {
                    ev.stop_propagation();
                    query.set(String::new());
                }
            }
            _ => {}
        }
    };
    let expanded = move || open.get() && hits.with(|h| !h.is_empty());
    let options = move || {
        hits.get()
            .into_iter()
            .enumerate()
            .map(|(i, hit)| {
                let chosen = hit.clone();
                let kind = match hit.target {
                    Target::Area(_) => "area",
                    Target::Group { .. } => "group",
                };
                view! {
                    <li
                        id=format!("search-option-{i}")
                        role="option"
                        data-kind=kind
                        aria-selected=move || (active.get() == Some(i)).to_string()
                        on:mousedown=|ev| ev.prevent_default()
                        on:click=move |_| choose(&chosen)
                    >
                        <span class="label">{hit.label}</span>
                        <span class="detail">{hit.detail}</span>
                    </li>
                }
            })
            .collect_view()
    };
    let announcement = move || {
        if query.with(|q| q.trim().is_empty()) || !open.get() {
            String::new()
        } else {
            count_label(hits.with(Vec::len))
        }
    };
    view! {
        <div class="search">
            <label for="search-input">"Find an area or local group"</label>
            <div class="combo">
                <input
                    id="search-input"
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="e.g. Hull, Surrey, Greater Manchester"
                    aria-autocomplete="list"
                    aria-controls="search-options"
                    aria-expanded=move || expanded().to_string()
                    aria-activedescendant=move || {
                        active.get().filter(|_| expanded()).map(|i| format!("search-option-{i}"))
                    }
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        query.set(event_target_value(&ev));
                        open.set(true);
                        active.set(None);
                    }
                    on:keydown=on_key
                    on:blur=move |_| open.set(false)
                />
                <ul
                    id="search-options"
                    role="listbox"
                    aria-label="Matching areas and groups"
                    hidden=move || !expanded()
                >
                    {options}
                </ul>
            </div>
            <p class="visually-hidden" role="status" aria-live="polite">{announcement}</p>
        </div>
    }
}
