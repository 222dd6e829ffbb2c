//! The explorer's layout: data-problem notice, search, headline, zoom controls
//! and map, legend, panel and national milestones. Owns the zoom; Escape
//! anywhere closes the panel.

use crate::model::MapModel;
use crate::ui::map::StatusPatterns;
use crate::ui::zoom::{Zoom, ZoomControls};
use crate::ui::{Headline, Legend, MapView, Panel, Search};
use leptos::prelude::*;
use std::sync::Arc;

/// The loaded map: data problems (if any), map, legend and the area panel.
/// `selected` is the open area (index into `model.areas`); the router passes
/// one kept in step with the URL, tests may leave it out.
#[component]
pub fn Explorer(
    model: Arc<MapModel>,
    #[prop(optional)] selected: Option<RwSignal<Option<usize>>>,
) -> impl IntoView {
    let selected = selected.unwrap_or_else(|| RwSignal::new(None));
    let zoom = RwSignal::new(Zoom::England);
    Effect::new(move |_| {
        if selected.get().is_some() {
            zoom.set(Zoom::Selection);
        }
    });
    // Escape closes the panel wherever focus is.
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && selected.get_untracked().is_some() {
            selected.set(None);
        }
    });
    on_cleanup(move || escape.remove());
    let problems = (!model.problems.is_empty()).then(|| {
        let items = model
            .problems
            .iter()
            .map(|p| view! { <li>{p.to_string()}</li> })
            .collect_view();
        view! {
            <details class="notice warning" role="note">
                <summary>
                    {format!(
                        "The data has {} problem(s); the map shows what it safely can.",
                        model.problems.len(),
                    )}
                </summary>
                <ul>{items}</ul>
            </details>
        }
    });
    let milestones = model
        .national_milestones
        .iter()
        .map(|(date, text)| {
            let date = date.clone().unwrap_or_else(|| "Date not recorded".into());
            view! {
                <li>
                    <span class="when">{date}</span>
                    " — "
                    {text.clone()}
                </li>
            }
        })
        .collect_view();
    view! {
        {problems}
        // The way in that needs no map comes first.
        <Search model=model.clone() selected />
        <Headline model=model.clone() />
        <div class="explorer">
            <div class="map-column">
                <ZoomControls model=model.clone() selected zoom />
                <MapView model=model.clone() selected zoom />
            </div>
            <div class="side">
                <Legend model=model.clone() />
                <Panel model=model.clone() selected />
            </div>
        </div>
        // The legend's, tooltip's and panel's swatches draw from these.
        <svg class="defs" aria-hidden="true" focusable="false">
            <defs>
                <StatusPatterns model=model.clone() prefix="swatch-" scale=2.0 />
            </defs>
        </svg>
        <section class="national" aria-labelledby="national-title">
            <h2 id="national-title">"The Concordat nationally"</h2>
            <ul>{milestones}</ul>
        </section>
    }
}
