//! The parts of the area panel below its summary.

use crate::date::Day;
use crate::details::{GroupView, HistoryItem, Named};
use crate::model::{DATE_NOT_RECORDED, NOT_RECORDED_LABEL};
use crate::ui::links::source_links;
use crate::ui::state::use_view;
use crate::view_state::Route;
use leptos::prelude::*;

/// Each group covering the area, its sibling areas (each a link to its
/// page, followed in place), notes and documents.
#[component]
pub fn GroupSection(groups: Vec<GroupView>) -> impl IntoView {
    let view = use_view();
    if groups.is_empty() {
        return view! {
            <section class="group">
                <h3>"Local group"</h3>
                <p>{NOT_RECORDED_LABEL}</p>
            </section>
        }
        .into_any();
    }
    groups
        .into_iter()
        .map(|group| {
            let siblings = group
                .siblings
                .into_iter()
                .map(|(code, name)| {
                    view! {
                        <li>
                            <a
                                href=view.area_href(&code)
                                on:click=move |ev| view.follow(&ev, |s| s.route = Route::Area(code.clone()))
                            >
                                {name}
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="group">
                    <h3>{group.name}</h3>
                    {group.parent.map(|p| view! { <p>"Part of " {p} "."</p> })}
                    <ul class="siblings" aria-label="Other areas in this group">{siblings}</ul>
                    {group.areas_inferred.map(|why| view! { <p class="note inferred">"Areas inferred, not stated: " {why}</p> })}
                    {group.note.map(|n| view! { <p class="note">{n}</p> })}
                    // One block, so that paper leaves it out whole (its
                    // sources are listed there with their addresses).
                    <div class="documents">
                        <h4>"Documents and sources"</h4>
                        {source_links(&group.sources, false)}
                    </div>
                </section>
            }
        })
        .collect_view()
        .into_any()
}

#[component]
pub fn HistorySection(
    history: Vec<HistoryItem>,
    /// The date the map shows: marked among the dates, later ones dimmed.
    shown: Day,
) -> impl IntoView {
    let mark = || {
        view! {
            <li class="shown-date">
                <span class="when">{shown.label()}</span>
                " — the date the map shows"
            </li>
        }
    };
    let total = history.len();
    let at = history
        .iter()
        .position(|h| h.day.is_none_or(|d| d > shown))
        .unwrap_or(total);
    let items = history
        .into_iter()
        .enumerate()
        .map(|(i, h)| {
            let when = h.when.unwrap_or_else(|| DATE_NOT_RECORDED.into());
            let later = h.day.is_some_and(|d| d > shown);
            // Each fact with its own sources, so a reader can check it in one click.
            let sources = (!h.sources.is_empty()).then(|| source_links(&h.sources, true));
            view! {
                {(i == at).then(mark)}
                <li class:national=h.national class:later=later>
                    <span class="when">{when}</span>
                    " — "
                    {h.what}
                    {later.then(|| view! { <span class="visually-hidden">" (after the date shown)"</span> })}
                    {h.note.map(|n| view! { <p class="note">{n}</p> })}
                    {sources}
                </li>
            }
        })
        .collect_view();
    let last = (at == total).then(mark);
    view! {
        <section class="history">
            <h3>"History"</h3>
            <ul>{items} {last}</ul>
        </section>
    }
}

fn named_lists(lists: Vec<Named>) -> impl IntoView {
    lists
        .into_iter()
        .map(|n| {
            let count = n.items.len();
            let notes = n.notes;
            // Each name or theme with the source that states it, by site.
            let items = n
                .items
                .into_iter()
                .zip(n.sources)
                .enumerate()
                .map(|(i, (item, sources))| {
                    let cited = (!sources.is_empty()).then(|| source_links(&sources, true));
                    let note = notes
                        .get(i)
                        .copied()
                        .flatten()
                        .map(|n| view! { <span class="signed">" — " {n}</span> });
                    view! { <li>{item} {note} {cited}</li> }
                })
                .collect_view();
            view! {
                <h4>{format!("{} ({count})", n.label)}</h4>
                <ul>{items}</ul>
            }
        })
        .collect_view()
}

#[component]
pub fn SignatorySection(
    signatories: Vec<Named>,
    complete: bool,
    missing_core: Vec<String>,
) -> impl IntoView {
    let total: usize = signatories.iter().map(|n| n.items.len()).sum();
    let caveat = if total == 0 {
        view! { <p>{NOT_RECORDED_LABEL}</p> }.into_any()
    } else if !complete {
        view! { <p class="note">"This list may be partial: the sources name only some signatories."</p> }
            .into_any()
    } else if missing_core.is_empty() {
        view! { <p class="note">"Every core agency signed."</p> }.into_any()
    } else {
        view! {
            <p class="warning">"Missing core agencies: " {missing_core.join(", ")} "."</p>
        }
        .into_any()
    };
    view! {
        <section class="signatories">
            <h3>{format!("Signatories ({total})")}</h3>
            {caveat}
            {named_lists(signatories)}
        </section>
    }
}

#[component]
pub fn ThemeSection(themes: Vec<Named>) -> impl IntoView {
    let empty = themes
        .is_empty()
        .then(|| view! { <p>{NOT_RECORDED_LABEL}</p> });
    view! {
        <section class="themes">
            <h3>"Plan themes"</h3>
            {empty}
            {named_lists(themes)}
        </section>
    }
}
