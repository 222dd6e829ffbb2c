//! The date the map shows: a native date input over the dataset's span,
//! kept in the URL as `at=`. Map, legend, headline, panel and table follow
//! it through the view state's dated model; the headline spells it out.

use crate::date::{Day, PartialDate};
use crate::ui::state::use_view;
use leptos::prelude::*;

fn iso(day: Day) -> String {
    format!("{:04}-{:02}-{:02}", day.year, day.month, day.day)
}

#[component]
pub fn DateControl(
    /// The dataset's own date, shown without `at=`.
    default_day: Day,
) -> impl IntoView {
    let view = use_view();
    let (first, last) = view.span;
    let value = move || view.dated.with(|m| iso(m.day));
    let chosen = move || view.with(|s| s.at.is_some());
    let change = move |ev| {
        let text = event_target_value(&ev);
        // The input gives a day or nothing; anything else is left as it was.
        let at = match text.trim() {
            "" => None,
            day => match day.parse::<PartialDate>() {
                Ok(date) => Some(date),
                Err(_) => return,
            },
        };
        view.update(|s| s.at = at);
    };
    view! {
        <div class="date-control">
            <label for="at-date">"Show where things stood on"</label>
            <input
                id="at-date"
                type="date"
                min=iso(first)
                max=iso(last)
                prop:value=value
                on:change=change
            />
            {move || chosen().then(|| view! {
                <button type="button" class="link" on:click=move |_| view.update(|s| s.at = None)>
                    {format!("Back to {}", PartialDate::from(default_day).label())}
                </button>
            })}
        </div>
    }
}
