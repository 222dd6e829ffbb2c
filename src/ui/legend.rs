use crate::model::{MapModel, NOT_RECORDED_ID, NOT_RECORDED_LABEL};
use leptos::prelude::*;
use std::sync::Arc;

/// Each status by colour and by word, with its count.
#[component]
pub fn Legend(model: Arc<MapModel>) -> impl IntoView {
    let mut rows: Vec<_> = model
        .statuses
        .iter()
        .map(|s| (s.id.clone(), s.colour.clone(), model.count_label(s)))
        .collect();
    if model.not_recorded > 0 {
        rows.push((
            NOT_RECORDED_ID.to_string(),
            String::new(),
            format!(
                "{NOT_RECORDED_LABEL} — {} of {}",
                model.not_recorded,
                model.areas.len()
            ),
        ));
    }
    let rows = rows
        .into_iter()
        .map(|(id, colour, label)| {
            view! {
                <li data-status=id>
                    <span class="swatch" style=format!("background:{colour}") aria-hidden="true"></span>
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
