//! The date the map shows, kept in the URL as `at=`: a slider over the days
//! on which some area's status changed, a native date field for any day in
//! the dataset's span, and Play, which steps through the changes and says
//! each step politely. Map, legend, headline, panel and table follow the
//! date through the view state's dated model; the headline spells it out.

use crate::date::{Day, PartialDate};
use crate::model::{MapModel, NOT_RECORDED_YET_LABEL};
use crate::ui::state::{History, use_view};
use leptos::prelude::*;
use std::sync::Arc;

fn iso(day: Day) -> String {
    format!("{:04}-{:02}-{:02}", day.year, day.month, day.day)
}

fn spelled(day: Day) -> String {
    PartialDate::from(day).label()
}

/// "31 December 2014: Declaration made 131, Action plan agreed 21": what a
/// step of playback announces.
fn announcement(model: &MapModel) -> String {
    let mut parts: Vec<String> = model
        .statuses
        .iter()
        .skip(1)
        .map(|s| format!("{} {}", s.label, s.count))
        .collect();
    if model.not_recorded_yet > 0 {
        parts.push(format!(
            "{NOT_RECORDED_YET_LABEL} {}",
            model.not_recorded_yet
        ));
    }
    format!("{}: {}", spelled(model.day), parts.join(", "))
}

#[component]
pub fn DateControl(model: Arc<MapModel>) -> impl IntoView {
    let view = use_view();
    let (first, last) = view.span;
    // The slider's stops: every day a status changed, within the span.
    let stops: Arc<Vec<Day>> = Arc::new(
        model
            .timeline
            .change_days()
            .into_iter()
            .filter(|d| (first..=last).contains(d))
            .collect(),
    );
    let day = Memo::new(move |_| view.dated.with(|m| m.day));
    // The last stop on or before the day shown.
    let stop = {
        let stops = stops.clone();
        move || {
            let today = day.get();
            stops.iter().rposition(|d| *d <= today).unwrap_or(0)
        }
    };
    let go = move |at: Option<Day>, history: History| {
        view.change(history, |s| s.at = at.map(PartialDate::from));
    };
    let slide = {
        let stops = stops.clone();
        move |ev| {
            let index: usize = event_target_value(&ev).parse().unwrap_or(0);
            if let Some(&at) = stops.get(index) {
                go(Some(at), History::Push);
            }
        }
    };
    let pick = move |ev| {
        // The field gives a day or nothing; anything else is left as it was.
        match event_target_value(&ev).trim() {
            "" => go(None, History::Push),
            text => {
                if let Ok(date) = text.parse::<PartialDate>() {
                    go(Some(date.latest()), History::Push);
                }
            }
        }
    };
    let playing = RwSignal::new(false);
    let said = RwSignal::new(String::new());
    // One step of playback: to the next stop, or stop at the end.
    let step = {
        let stops = stops.clone();
        move || {
            let now = day.get_untracked();
            match stops.iter().find(|d| **d > now) {
                // Replacing, not pushing: Back leaves playback, not each step.
                Some(&next) => go(Some(next), History::Replace),
                None => playing.set(false),
            }
        }
    };
    let toggle = {
        let stops = stops.clone();
        move |_| {
            if !playing.get_untracked() {
                // From the start when at the end.
                if stops.last().is_some_and(|l| day.get_untracked() >= *l)
                    && let Some(&start) = stops.first()
                {
                    go(Some(start), History::Push);
                }
            }
            playing.update(|p| *p = !*p);
        }
    };
    // While playing, each date reached is said once, politely.
    Effect::new(move |_| {
        let text = view.dated.with(|m| announcement(m));
        if playing.get() {
            said.set(text);
        }
    });
    playback(playing, step);
    let default_day = model.view_day;
    let count = stops.len();
    view! {
        <div class="date-control">
            <div class="date-row">
                <label for="at-slider">"Date"</label>
                <input
                    id="at-slider"
                    type="range"
                    min="0"
                    max=count.saturating_sub(1).to_string()
                    step="1"
                    prop:value=move || stop().to_string()
                    aria-valuetext=move || spelled(day.get())
                    on:change=slide
                />
                <button
                    type="button"
                    class="play"
                    aria-pressed=move || playing.get().to_string()
                    on:click=toggle
                >
                    {move || if playing.get() { "Pause" } else { "Play" }}
                </button>
            </div>
            <div class="date-row">
                <label for="at-date">"Show where things stood on"</label>
                <input
                    id="at-date"
                    type="date"
                    min=iso(first)
                    max=iso(last)
                    prop:value=move || iso(day.get())
                    on:change=pick
                />
                {move || view.with(|s| s.at.is_some()).then(|| view! {
                    <button type="button" class="link" on:click=move |_| go(None, History::Push)>
                        {format!("Back to {}", spelled(default_day))}
                    </button>
                })}
            </div>
            <p class="visually-hidden" role="status" aria-live="polite">{move || said.get()}</p>
        </div>
    }
}

/// Steps every 0.9 s (long enough to read the map) while `playing`, in the
/// browser only. A step changes colours at once: nothing moves, so reduced
/// motion needs nothing more.
fn playback(playing: RwSignal<bool>, step: impl Fn() + Clone + 'static) {
    #[cfg(target_arch = "wasm32")]
    Effect::new(
        move |handle: Option<Option<leptos::prelude::IntervalHandle>>| {
            if let Some(Some(handle)) = handle {
                handle.clear();
            }
            if !playing.get() {
                return None;
            }
            let step = step.clone();
            set_interval_with_handle(step, std::time::Duration::from_millis(900)).ok()
        },
    );
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (playing, step);
}
