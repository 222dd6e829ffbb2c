//! The filter controls: regions (checkboxes), a plan theme (grouped under
//! the Concordat's focus areas) and a kind of signatory recorded or not
//! recorded. Each reads and writes the view state; statuses are filtered
//! from the legend. Collapsible, so that on a phone it never covers the map.

use crate::filters::Filter;
use crate::ui::state::use_view;
use leptos::prelude::*;

/// A select of one value of `filter` ("" for any): choosing replaces the
/// filter's values; a link may hold several, and the select shows the first.
#[component]
fn OneOf(
    filter: Filter,
    id: &'static str,
    label: &'static str,
    any: &'static str,
    options: AnyView,
) -> impl IntoView {
    let view = use_view();
    let value = move || view.with(|s| s.filters.list(filter).first().cloned().unwrap_or_default());
    view! {
        <label for=id>{label}</label>
        <select
            id=id
            prop:value=value
            on:change=move |ev| {
                let value = event_target_value(&ev);
                view.update(|s| {
                    *s.filters.list_mut(filter) = if value.is_empty() { Vec::new() } else { vec![value] }
                });
            }
        >
            <option value="">{any}</option>
            {options}
        </select>
    }
}

#[component]
pub fn FilterControls(
    /// Open from the start (where choosing filters is the point of the page).
    #[prop(optional)]
    open: bool,
) -> impl IntoView {
    let view = use_view();
    let model = view.model();
    let vocabulary = &model.vocabulary;
    let regions = vocabulary
        .regions
        .iter()
        .map(|r| {
            let code = r.id.clone();
            let checked = {
                let code = code.clone();
                move || view.with(|s| s.filters.regions.contains(&code))
            };
            let model = model.clone();
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=checked
                        on:change=move |_| view.update(|s| s.filters.toggle(Filter::Region, &code, &model.vocabulary))
                    />
                    {r.label.clone()}
                </label>
            }
        })
        .collect_view();
    let themes = model
        .data
        .focus_areas
        .iter()
        .map(|focus| {
            let options = vocabulary
                .themes
                .iter()
                .filter(|(_, f)| *f == focus.id)
                .map(|(t, _)| view! { <option value=t.id.clone()>{t.label.clone()}</option> })
                .collect_view();
            view! { <optgroup label=focus.label.clone()>{options}</optgroup> }
        })
        .collect_view()
        .into_any();
    let kinds = || {
        vocabulary
            .kinds
            .iter()
            .map(|k| view! { <option value=k.id.clone()>{k.label.clone()}</option> })
            .collect_view()
            .into_any()
    };
    let active = move || {
        view.with(|s| {
            Filter::ALL
                .iter()
                .filter(|&&f| !s.filters.list(f).is_empty())
                .count()
        })
    };
    view! {
        <details class="filters" open=open>
            <summary>
                "Filters"
                <span class="active">{move || match active() { 0 => String::new(), n => format!("({n} in use)") }}</span>
            </summary>
            <fieldset>
                <legend>"Regions"</legend>
                <div class="checks">{regions}</div>
            </fieldset>
            <div class="field">
                <OneOf filter=Filter::Theme id="filter-theme" label="Plan theme recorded" any="Any theme" options=themes />
            </div>
            <div class="field">
                <OneOf filter=Filter::Has id="filter-has" label="A signatory of this kind is recorded" any="Any" options=kinds() />
            </div>
            <div class="field">
                <OneOf filter=Filter::Lacks id="filter-lacks" label="No signatory of this kind is recorded" any="Any" options=kinds() />
            </div>
            <p class="hint">"Signatory lists may be partial: “not recorded” means the sources we have do not name one."</p>
        </details>
    }
}
