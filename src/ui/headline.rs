//! The stages explained in plain words, with how many areas had reached each.

use crate::model::NOT_RECORDED_YET_LABEL;
use crate::ui::state::use_view;
use crate::ui::swatch::Swatch;
use leptos::prelude::*;

/// The stages explained with the national picture in numbers, before the
/// map: how many areas were at the first stage, and how many had reached
/// each later one.
#[component]
pub fn Headline() -> impl IntoView {
    let view = use_view();
    let model = view.model();
    let total = model.areas.len();
    let stages = model
        .statuses
        .iter()
        .enumerate()
        .map(|(i, status)| {
            let reached = if i == 0 { "" } else { " had reached this" };
            let count = move || {
                view.snapshot.with(|at| match i {
                    0 => at.counts.first().copied().unwrap_or(0),
                    _ => at.reached_at_least(i),
                })
            };
            view! {
                <li data-status=status.id.clone()>
                    <span class="stage">
                        <Swatch status=status.id.clone() />
                        {status.label.clone()}
                    </span>
                    <span class="figure-line">
                        <strong class="figure">{move || count().to_string()}</strong>
                        {format!(" of {total} areas{reached}")}
                    </span>
                    <span class="meaning">{status.meaning.clone()}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="headline" aria-labelledby="headline-title">
            <h2 id="headline-title">
                {move || format!("Where things stood at {}", view.snapshot.with(|at| at.day.label()))}
            </h2>
            <ul>{stages}</ul>
            {move || {
                let count = view.snapshot.with(|at| at.not_recorded_yet);
                (count > 0).then(|| view! {
                    <p class="note">
                        {format!(
                            "{count} of {total} areas are {}: no local date, and no national deadline yet, says where they stood.",
                            NOT_RECORDED_YET_LABEL.to_lowercase()
                        )}
                    </p>
                })
            }}
        </section>
    }
}
