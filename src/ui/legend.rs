//! The legend, which is also the status filter: each status by colour,
//! pattern and word, a toggle button showing only areas of that status, with
//! how many areas have it among those the other filters show ("12 of 34").

use crate::date::PartialDate;
use crate::filters::Filter;
use crate::model::{MapModel, NOT_RECORDED_ID, NOT_RECORDED_YET_ID, NOT_RECORDED_YET_LABEL, of};
use crate::ui::state::use_view;
use crate::ui::swatch::Swatch;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn Legend(
    model: Arc<MapModel>,
    /// Under a section's own heading (the embed page): an h3, not an h2.
    #[prop(optional)]
    nested: bool,
) -> impl IntoView {
    let view = use_view();
    let counts = Memo::new(move |_| {
        view.dated
            .with(|m| view.with(|s| m.status_counts(&s.filters)))
    });
    let rows = model
        .statuses
        .iter()
        .enumerate()
        .map(|(i, status)| {
            let id = status.id.clone();
            let pressed = {
                let id = id.clone();
                move || view.with(|s| s.filters.statuses.contains(&id))
            };
            let toggle = {
                let (model, id) = (model.clone(), id.clone());
                move |_| view.update(|s| s.filters.toggle(Filter::Status, &id, &model.vocabulary))
            };
            let count =
                move || counts.with(|(c, total)| of(c.get(i).copied().unwrap_or(0), *total));
            view! {
                <li data-status=id.clone()>
                    <button
                        type="button"
                        class="toggle"
                        aria-pressed=move || pressed().to_string()
                        aria-describedby="legend-hint"
                        on:click=toggle
                    >
                        <Swatch status=id.clone() />
                        <span class="label">{status.label.clone()}</span>
                        <span class="count">{count}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    let not_recorded = (model.not_recorded > 0).then(|| {
        view! {
            <li data-status=NOT_RECORDED_ID>
                <Swatch status=NOT_RECORDED_ID />
                <span class="count">{model.not_recorded_label()}</span>
            </li>
        }
    });
    // Before a deadline, areas with no local date yet: not "no declaration".
    let not_yet = move || {
        // Among the areas the other filters show, as the rows above count.
        let count = view
            .dated
            .with(|m| view.with(|s| m.not_recorded_yet_among(&s.filters)));
        let total = counts.with(|(_, total)| *total);
        (count > 0).then(|| {
            view! {
                <li data-status=NOT_RECORDED_YET_ID>
                    <Swatch status=NOT_RECORDED_YET_ID />
                    <span class="count">{format!("{NOT_RECORDED_YET_LABEL} — {}", of(count, total))}</span>
                </li>
            }
        })
    };
    let title = move || {
        let day = view.dated.with(|m| m.day);
        format!("Progress at {}", PartialDate::from(day).label())
    };
    view! {
        <section class="legend" aria-labelledby="legend-title">
            {
                if nested {
                    view! { <h3 id="legend-title">{title}</h3> }.into_any()
                } else {
                    view! { <h2 id="legend-title">{title}</h2> }.into_any()
                }
            }
            <p class="hint" id="legend-hint">"Choose a status to show only areas at it."</p>
            <ul>{rows} {not_recorded} {not_yet}</ul>
        </section>
    }
}
