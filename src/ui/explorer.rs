//! The explorer's layout: the map (or the table) first, with the tools that
//! act on it beside it, then the stages explained and the national picture.
//! Provides the view state where the page's address does not; Escape anywhere closes the
//! open area.

use crate::embed::{Control, shows};
use crate::model::{DATE_NOT_RECORDED, MapModel};
use crate::ui::embed::EmbedFoot;
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
#[component]
pub fn Explorer(model: Arc<MapModel>) -> impl IntoView {
    let view = use_context::<ViewCtx>().unwrap_or_else(|| ViewCtx::provide_local(model.clone()));
    let whole = RwSignal::new(false);
    // Escape closes the open area wherever focus is (in a browser: the
    // page is also rendered natively, at build time).
    if cfg!(target_arch = "wasm32") {
        let escape = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() == "Escape" && view.selected.get_untracked().is_some() {
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
    let toolbar = move || {
        let (search, filters, table) = (
            shows(Control::Search),
            shows(Control::Filters),
            shows(Control::Table),
        );
        (search || filters || table || full()).then(|| {
            view! {
                <div class="toolbar">
                    // The way in that needs no map comes first.
                    {part(search, view! { <Search /> }.into_any())}
                    {part(filters, view! { <ZoomControls whole /> }.into_any())}
                    {part(table, view! { <ViewToggle /> }.into_any())}
                    {part(full(), view! { <Share /> }.into_any())}
                </div>
            }
        })
    };
    let side = move || {
        view! {
            {part(full(), view! { <DateControl /> }.into_any())}
            {part(shows(Control::Legend), view! { <Legend /> }.into_any())}
            {part(shows(Control::Filters), view! { <FilterControls /> }.into_any())}
            {part(shows(Control::Download), view! { <Download /> }.into_any())}
            {part(shows(Control::Panel), view! { <Panel /> }.into_any())}
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
        {toolbar}
        <Summary can_clear=Signal::derive(move || shows(Control::Filters)) />
        <div class="explorer">
            <div class="map-column">
                <div hidden=table><MapView whole /></div>
                {move || table.get().then(|| view! { <AreaTable /> })}
            </div>
            <div class="side">{side}</div>
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
