//! The legend, which is also the status filter: each status by colour,
//! pattern and word, a toggle button showing only areas of that status, with
//! how many areas have it among those the other filters show ("12 of 34").

use crate::filters::Filter;
use crate::model::{NOT_RECORDED_ID, NOT_RECORDED_YET_ID, NOT_RECORDED_YET_LABEL, of};
use crate::ui::state::use_view;
use crate::ui::swatch::Swatch;
use leptos::prelude::*;

#[component]
pub fn Legend(
    /// Under a section's own heading (the embed page): an h3, not an h2.
    #[prop(optional)]
    nested: bool,
) -> impl IntoView {
    let view = use_view();
    let model = view.model();
    let counts = {
        let model = model.clone();
        Memo::new(move |_| {
            view.snapshot
                .with(|at| view.with(|s| model.status_counts(at, &s.filters)))
        })
    };
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
            // "12 of 34", the total apart: a phone's strip shows the number
            // alone (CSS), the summary under it says of how many.
            let number = move || counts.with(|c| c.statuses.get(i).copied().unwrap_or(0));
            let of_total = move || counts.with(|c| format!(" of {}", c.total));
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
                        <span class="count">{number}<span class="of">{of_total}</span></span>
                    </button>
                </li>
            }
        })
        .collect_view();
    // Areas the dataset does not cover, on any day.
    let not_recorded = move || {
        let label = view
            .snapshot
            .with(|at| (at.not_recorded > 0).then(|| model.not_recorded_label(at)))?;
        Some(view! {
            <li data-status=NOT_RECORDED_ID>
                <Swatch status=NOT_RECORDED_ID />
                <span class="count">{label}</span>
            </li>
        })
    };
    // Before a deadline, areas with no local date yet: not "no declaration".
    let not_yet = move || {
        // Among the areas the other filters show, as the rows above count.
        let (count, total) = counts.with(|c| (c.not_recorded_yet, c.total));
        (count > 0).then(|| {
            view! {
                <li data-status=NOT_RECORDED_YET_ID>
                    <Swatch status=NOT_RECORDED_YET_ID />
                    <span class="count">{format!("{NOT_RECORDED_YET_LABEL} — {}", of(count, total))}</span>
                </li>
            }
        })
    };
    let title = move || format!("Progress at {}", view.snapshot.with(|at| at.day.label()));
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
