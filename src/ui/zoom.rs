//! The region control beside the map. Choosing a region is the region
//! filter: the map zooms to it (so London's boroughs are big enough to pick)
//! and mutes the rest, and the link carries it. "Show all of England" zooms
//! out for now without changing the view state.

use crate::ui::state::use_view;
use leptos::prelude::*;

const SELECTION: &str = "selection";
const SEVERAL: &str = "several";

#[component]
pub fn ZoomControls(whole: RwSignal<bool>) -> impl IntoView {
    let view = use_view();
    let model = view.model();
    // Zooming out lasts until the view changes.
    Effect::new(move |_| {
        view.with(|_| ());
        whole.set(false);
    });
    // The select says what the map shows, including a zoom to the chosen area.
    let value = move || {
        view.with(|s| match s.filters.regions.as_slice() {
            [] if view.selected.get().is_some() && !whole.get() => SELECTION.to_string(),
            [] => String::new(),
            [one] => one.clone(),
            _ => SEVERAL.to_string(),
        })
    };
    // At build time the page says the choice in its markup; the live page
    // sets it as a property (`prop:value`).
    let chosen = (!cfg!(target_arch = "wasm32")).then(value);
    let picked = move |id: &str| chosen.as_deref() == Some(id);
    let options = model
        .vocabulary
        .regions
        .iter()
        .map(|r| view! { <option value=r.id.clone() selected=picked(&r.id)>{r.label.clone()}</option> })
        .collect_view();
    let select = NodeRef::<leptos::html::Select>::new();
    // The button disables itself: keep focus close by, on the region select.
    let zoom_out = move |_| {
        whole.set(true);
        if let Some(select) = select.get_untracked() {
            let _ = select.focus();
        }
    };
    let zoomed = move || {
        !whole.get()
            && (view.selected.get().is_some() || view.with(|s| !s.filters.regions.is_empty()))
    };
    view! {
        <div class="map-controls">
            <label for="zoom-region">"Region"</label>
            <select
                id="zoom-region"
                node_ref=select
                prop:value=value
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    view.update(|s| s.filters.regions = if value.is_empty() { Vec::new() } else { vec![value] });
                }
            >
                <option value="" selected=picked("")>"All of England"</option>
                <option value=SELECTION disabled hidden selected=picked(SELECTION)>"The chosen area's group"</option>
                <option value=SEVERAL disabled hidden selected=picked(SEVERAL)>"Several regions"</option>
                {options}
            </select>
            <button type="button" class="reset" disabled=move || !zoomed() on:click=zoom_out>
                "Show all of England"
            </button>
        </div>
    }
}
