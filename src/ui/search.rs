//! The search box: a WAI-ARIA 1.2 combobox over the core's `SearchIndex`,
//! which learns districts, councils and postcodes (`places.json`) when the
//! box is first used; and the choice of areas a place straddles.

use crate::search::{Hit, SearchIndex, Target, count_label};
use crate::ui::locate::Locate;
use crate::ui::state::{ViewCtx, use_view};
use crate::view_state::Route;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use std::sync::Arc;

const LIMIT: usize = 8;

/// What the search knows beyond the map's own names.
#[derive(Clone)]
enum Extra {
    /// Not asked for yet: the box has not been used.
    NotYet,
    Loading,
    Ready(Arc<SearchIndex>),
    /// It could not be fetched or read; asked for again on the next focus.
    Failed(String),
}

fn focus_search() {
    if let Some(input) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("search-input"))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = input.focus();
    }
}

/// Fetches `places.json` once and makes the index that knows it. After a
/// failure it asks again only when `again` (on focus, not on every
/// keystroke, so that the note stays put while the reader types).
fn learn(view: ViewCtx, extra: RwSignal<Extra>, own: &Arc<SearchIndex>, again: bool) {
    let ask = match extra.get_untracked() {
        Extra::NotYet => true,
        Extra::Failed(_) => again,
        Extra::Loading | Extra::Ready(_) => false,
    };
    if !ask {
        return;
    }
    extra.set(Extra::Loading);
    let mut index = SearchIndex::clone(own);
    leptos::task::spawn_local(async move {
        let next = match crate::fetch::places().await {
            Ok((places, mut problems)) => {
                problems.extend(index.add_places(&view.model(), &places));
                for problem in problems {
                    web_sys::console::warn_1(&problem.to_string().into());
                }
                Extra::Ready(Arc::new(index))
            }
            Err(e) => Extra::Failed(e.to_string()),
        };
        // The search may have gone (an embed's controls changed).
        extra.try_set(next);
    });
}

/// Find an area, group, district, council or postcode: a WAI-ARIA 1.2
/// combobox with a list of suggestions. Arrow keys move through them, Enter
/// opens one, Escape closes the list (then clears the text); the number of
/// results is announced. A place in parts of several areas opens a choice
/// of them.
#[component]
pub fn Search() -> impl IntoView {
    let view = use_view();
    let model = view.model();
    let own = Arc::new(SearchIndex::new(&model));
    let extra = RwSignal::new(Extra::NotYet);
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    // A place that straddles areas, with them: (label, detail, areas).
    let choice = RwSignal::new(None::<(String, String, Vec<usize>)>);
    let located = RwSignal::new(String::new());
    // An area opened any other way (the map, the location, Back) closes
    // the choice: it sits over the map.
    Effect::new(move |_| {
        view.selected.track();
        choice.set(None);
    });
    let mine = own.clone();
    let hits = Memo::new(move |_| {
        let index = match extra.get() {
            Extra::Ready(index) => index,
            _ => mine.clone(),
        };
        query.with(|q| index.find(q, LIMIT))
    });
    let choose = move |hit: &Hit| {
        query.set(hit.label.clone());
        open.set(false);
        active.set(None);
        match &hit.target {
            Target::Area(i) | Target::Group { first_area: i, .. } => {
                choice.set(None);
                view.select(Some(*i));
            }
            Target::Choice(areas) => {
                choice.set(Some((hit.label.clone(), hit.detail.clone(), areas.clone())));
                // The choice's first area takes focus, inside its labelled group.
                request_animation_frame(|| {
                    if let Some(link) = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.query_selector("#search-choice a").ok().flatten())
                        .and_then(|e| {
                            wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()
                        })
                    {
                        let _ = link.focus();
                    }
                });
            }
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
                if choice.with_untracked(Option::is_some) {
                    ev.stop_propagation();
                    choice.set(None);
                } else if open.get_untracked() && hits.with(|h| !h.is_empty()) {
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
                    Target::Choice(_) => "choice",
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
    let note = move || match extra.get() {
        Extra::Failed(why) => Some(format!(
            "{why} Areas and local groups can still be found by name."
        )),
        _ => None,
    };
    let chooser = move || {
        choice.get().map(|(label, detail, areas)| {
            let model = view.model();
            let links = areas
                .into_iter()
                .filter_map(|i| {
                    let area = model.areas.get(i)?;
                    let code = area.code.clone();
                    Some(view! {
                        <li>
                            <a
                                href=view.area_href(&area.code)
                                on:click=move |ev| {
                                    view.follow(&ev, |s| s.route = Route::Area(code.clone()));
                                    // The link goes with the choice: focus
                                    // returns to the box it came from.
                                    choice.set(None);
                                    focus_search();
                                }
                            >
                                {area.name.clone()}
                            </a>
                        </li>
                    })
                })
                .collect_view();
            view! {
                <div
                    id="search-choice"
                    class="search-choice"
                    role="group"
                    aria-labelledby="search-choice-title"
                    on:keydown=move |ev: KeyboardEvent| {
                        // Escape leaves the choice for the search box, and
                        // closes nothing else.
                        if ev.key() == "Escape" {
                            ev.stop_propagation();
                            choice.set(None);
                            focus_search();
                        }
                    }
                >
                    <p id="search-choice-title">
                        <strong>{label}</strong> " — " {detail} ". Choose an area of 2014:"
                    </p>
                    <ul>{links}</ul>
                </div>
            }
        })
    };
    view! {
        <div class="search">
            <label for="search-input">"Find an area, council or postcode"</label>
            <div class="search-row">
            <div class="combo">
                <input
                    id="search-input"
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="e.g. Harrogate, HG1"
                    aria-autocomplete="list"
                    aria-controls="search-options"
                    aria-expanded=move || expanded().to_string()
                    aria-activedescendant=move || {
                        active.get().filter(|_| expanded()).map(|i| format!("search-option-{i}"))
                    }
                    prop:value=move || query.get()
                    on:focus={
                        let own = own.clone();
                        move |_| learn(view, extra, &own, true)
                    }
                    on:input={
                        let own = own.clone();
                        move |ev| {
                        learn(view, extra, &own, false);
                        query.set(event_target_value(&ev));
                        open.set(true);
                        active.set(None);
                        choice.set(None);
                    }}
                    on:keydown=on_key
                    on:blur=move |_| open.set(false)
                />
                <ul
                    id="search-options"
                    role="listbox"
                    aria-label="Matching areas, groups, councils and postcodes"
                    hidden=move || !expanded()
                >
                    {options}
                </ul>
            </div>
            <Locate status=located />
            {chooser}
            </div>
            <p class="visually-hidden" role="status" aria-live="polite">{announcement}</p>
            <p id="locate-status" role="status">{move || located.get()}</p>
            {move || note().map(|n| view! { <p class="note search-note">{n}</p> })}
        </div>
    }
}
