//! The date the map shows, kept in the URL as `at=`: a slider over the days
//! on which some area's status changed, a native date field for any day
//! from the first recorded change to today, and Play, which steps through
//! the changes and says each step politely. Map, legend, headline, panel and
//! table follow the date through the view state's snapshot; the headline
//! spells it out.

use crate::date::{Day, PartialDate};
use crate::model::{MapModel, NOT_RECORDED_YET_LABEL};
use crate::timeline::Snapshot;
use crate::ui::state::{History, use_view};
use leptos::prelude::*;
use std::sync::Arc;

/// "31 December 2014: had reached Declaration made 152, Action plan agreed
/// 21": what a step of playback says, in the headline's and chart's terms.
fn announcement(model: &MapModel, at: &Snapshot) -> String {
    let reached: Vec<String> = model
        .statuses
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, s)| format!("{} {}", s.label, at.reached_at_least(i)))
        .collect();
    let mut text = format!("{}: had reached {}", at.day.label(), reached.join(", "));
    if at.not_recorded_yet > 0 {
        text.push_str(&format!(
            "; {NOT_RECORDED_YET_LABEL} {}",
            at.not_recorded_yet
        ));
    }
    text
}

#[component]
pub fn DateControl() -> impl IntoView {
    let view = use_view();
    let model = view.model();
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
    let day = Memo::new(move |_| view.snapshot.with(|at| at.day));
    // The last stop on or before the day shown.
    let stop = {
        let stops = stops.clone();
        Memo::new(move |_| {
            let shown = day.get();
            stops.iter().rposition(|d| *d <= shown).unwrap_or(0)
        })
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
        // The field gives a day or nothing. While a year is being typed it
        // passes through days like 0201-…: only a day within the span is taken.
        match event_target_value(&ev).trim() {
            "" => go(None, History::Push),
            text => {
                if let Ok(date) = text.parse::<PartialDate>()
                    && (first..=last).contains(&date.latest())
                {
                    go(Some(date.latest()), History::Push);
                }
            }
        }
    };
    let playing = RwSignal::new(false);
    let said = RwSignal::new(String::new());
    // The first step of a playback is a history entry, the rest replace it:
    // Back returns to where playback started, not through every step.
    let first_step = StoredValue::new(true);
    // One step of playback: to the next stop, or stop at the end.
    let step = {
        let stops = stops.clone();
        move || {
            let now = day.get_untracked();
            match stops.iter().find(|d| **d > now) {
                Some(&next) => {
                    let history = if first_step.get_value() {
                        History::Push
                    } else {
                        History::Replace
                    };
                    first_step.set_value(false);
                    go(Some(next), history);
                }
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
                first_step.set_value(true);
            }
            playing.update(|p| *p = !*p);
        }
    };
    // While playing, each date reached is said once, politely.
    let default_day = model.view_day;
    Effect::new(move |_| {
        let text = view.snapshot.with(|at| announcement(&model, at));
        if playing.get() {
            said.set(text);
        }
    });
    playback(playing, step);
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
                    // The attribute too: the page rendered at build time has
                    // no properties, and a slider or field without a value
                    // would show another date until the app takes over.
                    value=move || stop.get().to_string()
                    prop:value=move || stop.get().to_string()
                    aria-valuetext=move || day.get().label()
                    on:change=slide
                />
                <button type="button" class="play" on:click=toggle>
                    {move || if playing.get() { "Pause" } else { "Play" }}
                </button>
            </div>
            <div class="date-row">
                <label for="at-date">"Show where things stood on"</label>
                <input
                    id="at-date"
                    type="date"
                    min=first.iso()
                    max=last.iso()
                    value=move || day.get().iso()
                    prop:value=move || day.get().iso()
                    on:change=pick
                />
                {move || view.with(|s| s.at.is_some()).then(|| view! {
                    <button type="button" class="link" on:click=move |_| go(None, History::Push)>
                        {format!("Back to {}", default_day.label())}
                    </button>
                })}
            </div>
            <p class="visually-hidden" role="status" aria-live="polite">{move || said.get()}</p>
        </div>
    }
}

/// Steps every 0.9 s (long enough to read the map) while `playing`, in the
/// browser only. A step changes colours at once: nothing moves, so reduced
/// motion needs nothing more. The timer goes with the control: it must not
/// outlive the view it steps.
fn playback(playing: RwSignal<bool>, step: impl Fn() + Clone + 'static) {
    #[cfg(target_arch = "wasm32")]
    {
        let timer = StoredValue::new(None::<IntervalHandle>);
        let stop = move || {
            if let Some(handle) = timer.try_update_value(Option::take).flatten() {
                handle.clear();
            }
        };
        Effect::new(move |_| {
            stop();
            if playing.get() {
                let handle =
                    set_interval_with_handle(step.clone(), std::time::Duration::from_millis(900))
                        .ok();
                timer.set_value(handle);
            }
        });
        on_cleanup(stop);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (playing, step);
}
