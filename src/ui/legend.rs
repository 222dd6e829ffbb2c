//! The legend: each status by colour, pattern and word, with how many areas
//! have it.

use crate::model::{MapModel, NOT_RECORDED_ID, NOT_RECORDED_LABEL};
use crate::ui::map::Swatch;
use leptos::prelude::*;
use std::sync::Arc;

/// Each status by colour, pattern and word, with its count.
#[component]
pub fn Legend(model: Arc<MapModel>) -> impl IntoView {
    let mut rows: Vec<_> = model
        .statuses
        .iter()
        .map(|s| (s.id.clone(), model.count_label(s)))
        .collect();
    if model.not_recorded > 0 {
        rows.push((
            NOT_RECORDED_ID.to_string(),
            format!(
                "{NOT_RECORDED_LABEL} — {} of {}",
                model.not_recorded,
                model.areas.len()
            ),
        ));
    }
    let rows = rows
        .into_iter()
        .map(|(id, label)| {
            let swatch = id.clone();
            view! {
                <li data-status=id>
                    <Swatch status=swatch />
                    <span class="count">{label}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="legend" aria-labelledby="legend-title">
            <h2 id="legend-title">"Progress at " {model.view_date.clone()}</h2>
            <ul>{rows}</ul>
        </section>
    }
}
