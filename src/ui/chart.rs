//! The progress chart: how many areas had reached each stage over time, as
//! stepped lines in the statuses' colours, with the national milestones and
//! the chosen date marked. Clicking it, or arrow keys on it, choose a date.
//! The same numbers follow as a table, so nothing is told by picture alone.

use crate::chart::{HEIGHT, WIDTH, day_at, progress, x_of};
use crate::date::Day;
use crate::model::NOT_RECORDED_YET_LABEL;
use crate::ui::state::{History, use_view};
use leptos::prelude::*;
use std::sync::Arc;

/// Dashes tell the lines apart without colour, as patterns do on the map.
const DASHES: [&str; 3] = ["6 3", "none", "2 3"];

#[component]
pub fn ProgressChart() -> impl IntoView {
    let view = use_view();
    let model = view.model();
    let (first, last) = view.span;
    let chart = progress(
        &model.timeline,
        model.statuses.len(),
        model.areas.len(),
        first,
        last,
    );
    let days: Arc<Vec<Day>> = Arc::new(chart.rows.iter().map(|r| r.0).collect());
    let go = move |day: Day| view.change(History::Push, |s| s.at = Some(day.into()));
    let chosen = Memo::new(move |_| view.snapshot.with(|at| at.day));
    let lines = chart
        .lines
        .iter()
        .filter_map(|(i, d)| Some((*i, d, model.statuses.get(*i)?)))
        .map(|(i, d, status)| {
            view! {
                <path
                    d=d.clone()
                    fill="none"
                    stroke=status.colour.clone()
                    stroke-width="2.5"
                    stroke-dasharray=DASHES[i % DASHES.len()]
                    data-status=status.id.clone()
                ></path>
            }
        })
        .collect_view();
    // National milestones with a date, as ticks along the top.
    let milestones = model
        .data
        .milestones
        .iter()
        .filter(|m| m.group.is_none())
        .filter_map(|m| Some((m.date?.latest(), m.text.clone())))
        .filter(|(d, _)| (first..=last).contains(d))
        .map(|(d, text)| {
            let x = format!("{:.1}", x_of(d, first, last));
            view! {
                <line class="milestone" x1=x.clone() x2=x y1="0" y2=HEIGHT.to_string()>
                    <title>{format!("{}: {text}", d.label())}</title>
                </line>
            }
        })
        .collect_view();
    let years = (first.year..=last.year)
        .map(|year| {
            let x = x_of(Day { year, month: 1, day: 1 }, first, last);
            view! { <text class="year" x=format!("{x:.1}") y=(HEIGHT + 14.0).to_string()>{year.to_string()}</text> }
        })
        .collect_view();
    let cursor = move || format!("{:.1}", x_of(chosen.get(), first, last));
    let index = {
        let days = days.clone();
        move || days.iter().rposition(|d| *d <= chosen.get()).unwrap_or(0)
    };
    let click = {
        let days = days.clone();
        move |ev: leptos::ev::MouseEvent| {
            let Some(svg) = ev
                .current_target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            else {
                return;
            };
            let rect = svg.get_bounding_client_rect();
            let x = (f64::from(ev.client_x()) - rect.left()) / rect.width().max(1.0) * WIDTH;
            if let Some(day) = day_at(x, &days, first, last) {
                go(day);
            }
        }
    };
    let keys = {
        let days = days.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let now = chosen.get_untracked();
            let target = match ev.key().as_str() {
                "ArrowLeft" | "ArrowDown" => days.iter().rev().find(|d| **d < now),
                "ArrowRight" | "ArrowUp" => days.iter().find(|d| **d > now),
                "Home" => days.first(),
                "End" => days.last(),
                _ => return,
            };
            ev.prevent_default();
            if let Some(&day) = target {
                go(day);
            }
        }
    };
    let heads = model
        .statuses
        .iter()
        .skip(1)
        .map(|s| view! { <th scope="col">{format!("{} (at least)", s.label)}</th> })
        .collect_view();
    let rows = chart
        .rows
        .iter()
        .map(|(day, at_least, unknown)| {
            let cells = at_least
                .iter()
                .skip(1)
                .map(|n| view! { <td class="number">{n.to_string()}</td> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{day.label()}</th>
                    {cells}
                    <td class="number">{unknown.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    let count = days.len();
    view! {
        <section class="progress" aria-labelledby="progress-title">
            <h2 id="progress-title">"Progress over time"</h2>
            <svg
                class="chart"
                viewBox=format!("0 -4 {WIDTH} {}", HEIGHT + 22.0)
                role="slider"
                tabindex="0"
                aria-label="Progress over time: the date the map shows"
                aria-valuemin="0"
                aria-valuemax=count.saturating_sub(1).to_string()
                aria-valuenow=move || index().to_string()
                aria-valuetext=move || chosen.get().label()
                on:click=click
                on:keydown=keys
            >
                <line class="axis" x1="0" x2=WIDTH.to_string() y1=HEIGHT.to_string() y2=HEIGHT.to_string()></line>
                {milestones}
                {lines}
                <line class="cursor" x1=cursor x2=cursor y1="0" y2=HEIGHT.to_string()></line>
                {years}
            </svg>
            <details>
                <summary>"The same numbers as a table"</summary>
                <table class="progress-table">
                    <thead>
                        <tr>
                            <th scope="col">"Date"</th>
                            {heads}
                            <th scope="col">{NOT_RECORDED_YET_LABEL}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </section>
    }
}
