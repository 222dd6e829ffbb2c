//! The explorer's layout: the search, the map (or the table) and its
//! legend first, the open area and the tools that act on the map after them
//! (beside the map on a wide screen), then the stages explained and the
//! national picture. Provides the view state where the page's address does
//! not; Escape anywhere folds the area's sheet, or closes the open area.

use crate::embed::{Control, shows};
use crate::model::{DATE_NOT_RECORDED, MapModel};
use crate::ui::embed::EmbedFoot;
use crate::ui::page::Intro;
use crate::ui::panel::Sheet;
use crate::ui::state::{ViewCtx, use_view};
use crate::ui::swatch::StatusPatterns;
use crate::ui::zoom::ZoomControls;
use crate::ui::{
    AreaTable, DateControl, Directory, Download, FilterControls, Headline, Legend, MapView, Panel,
    ProgressChart, Search, Share, Summary,
};
use crate::view_state::View;
use leptos::prelude::*;
use std::sync::Arc;

/// Switches between the map and the table of the same areas.
#[component]
fn ViewToggle() -> impl IntoView {
    let view = use_view();
    let table = move || view.with(|s| s.view == View::Table);
    view! {
        <button
            type="button"
            class="view-toggle"
            aria-pressed=move || table().to_string()
            aria-describedby="table-why"
            on:click=move |_| view.update(|s| s.view = if s.view == View::Table { View::Map } else { View::Table })
        >
            "Show as a table"
        </button>
        <span id="table-why" class="visually-hidden">"The same areas as the map, as a table to read or sort."</span>
    }
}

fn data_problems(model: &MapModel) -> Option<impl IntoView + use<>> {
    (!model.problems.is_empty()).then(|| {
        let items = model
            .problems
            .iter()
            .map(|p| view! { <li>{p.to_string()}</li> })
            .collect_view();
        let summary = format!(
            "The data has {} problem(s); the map shows what it safely can.",
            model.problems.len()
        );
        view! {
            <details class="notice warning" role="note">
                <summary>{summary}</summary>
                <ul>{items}</ul>
            </details>
        }
    })
}

/// The loaded map and everything that acts on it: on the full page, all of
/// it; embedded in another site, the map and the parts the embedder chose.
/// The one component that takes the model as a prop: mounted alone (the
/// component tests) it provides the view state itself, over no address.
///
/// One order for every screen, the reading order: the search, the map, its
/// legend and what it shows, the open area, what the map is, then the tools.
/// CSS places them in that order: on a phone one under another, the area a
/// sheet over the screen's foot; wider, the map on the left and the rest
/// beside it. The order is the page's as it arrives, too: a part placed
/// above one that came before it would move it (a layout shift) while the
/// page rendered at build time is still being read.
#[component]
pub fn Explorer(model: Arc<MapModel>) -> impl IntoView {
    let view = use_context::<ViewCtx>().unwrap_or_else(|| ViewCtx::provide_local(model.clone()));
    let whole = RwSignal::new(false);
    let sheet = Sheet::new(view);
    // Escape folds an expanded sheet, else closes the open area, wherever
    // focus is (in a browser: the page is also rendered natively, at build
    // time).
    if cfg!(target_arch = "wasm32") {
        let escape = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() != "Escape" || view.selected.get_untracked().is_none() {
                return;
            }
            if !sheet.fold() {
                view.select(None);
            }
        });
        on_cleanup(move || escape.remove());
    }
    // Memos, not closures over the state: parts must not be made anew on
    // every change of the view state, only when they come or go.
    let table = Memo::new(move |_| view.with(|s| s.view == View::Table));
    let embed = Memo::new(move |_| view.with(|s| s.embed.clone()));
    let shows = move |control: Control| embed.with(|e| shows(e.as_ref(), control));
    let full = move || embed.with(Option::is_none);
    let part = |visible: bool, part: AnyView| if visible { Some(part) } else { None };
    // The parts before the map and after it: grid cells of the explorer
    // (no wrapper), made anew only when the embed's choice of parts changes.
    // The way in that needs no map comes first.
    let lead = move || {
        part(
            shows(Control::Search),
            view! { <div class="finder"><Search /></div> }.into_any(),
        )
    };
    let rest = move || {
        let (filters, table) = (shows(Control::Filters), shows(Control::Table));
        view! {
            <div class="key">
                {part(shows(Control::Legend), view! { <Legend /> }.into_any())}
                <Summary can_clear=Signal::derive(move || shows(Control::Filters)) />
            </div>
            {part(shows(Control::Panel), view! { <Panel sheet /> }.into_any())}
            {part(full(), view! { <Intro /> }.into_any())}
            {(filters || table || full()).then(|| view! {
                <div class="tools">
                    {part(filters, view! { <ZoomControls whole /> }.into_any())}
                    {part(table, view! { <ViewToggle /> }.into_any())}
                    {part(full(), view! { <Share /> }.into_any())}
                </div>
            })}
            <div class="side">
                // The campaigner's filters before the date, within a
                // laptop's first screen.
                {part(filters, view! { <FilterControls /> }.into_any())}
                {part(full(), view! { <DateControl /> }.into_any())}
                {part(shows(Control::Download), view! { <Download /> }.into_any())}
            </div>
        }
    };
    let after = move || {
        if full() {
            view! { <Directory /> <Headline /> <ProgressChart /> <National /> }.into_any()
        } else {
            view! { <EmbedFoot /> }.into_any()
        }
    };
    view! {
        {data_problems(&model)}
        <div class="explorer">
            {lead}
            <div class="map-column">
                <div hidden=table><MapView whole /></div>
                {move || table.get().then(|| view! { <AreaTable /> })}
            </div>
            {rest}
        </div>
        // On paper, where the view is found again: a printed page cannot be clicked.
        <p class="print-only view-address">"This page: " {move || view.full_url()}</p>
        // The legend's, tooltip's, panel's and table's swatches draw from these.
        <svg class="defs" aria-hidden="true" focusable="false">
            <defs>
                <StatusPatterns prefix="swatch-" scale=2.0 />
            </defs>
        </svg>
        {after}
    }
}

/// The national milestones, in date order.
#[component]
fn National() -> impl IntoView {
    let milestones = use_view()
        .model()
        .national_milestones
        .iter()
        .map(|(date, text)| {
            let date = date.clone().unwrap_or_else(|| DATE_NOT_RECORDED.into());
            view! { <li><span class="when">{date}</span> " — " {text.clone()}</li> }
        })
        .collect_view();
    view! {
        <section class="national" aria-labelledby="national-title">
            <h2 id="national-title">"The Concordat nationally"</h2>
            <ul>{milestones}</ul>
        </section>
    }
}
