//! What the map is zoomed to (England, a region or the selection), the region
//! select and the reset button.

use crate::geo::Bounds;
use crate::model::MapModel;
use leptos::prelude::*;
use std::sync::Arc;

const SELECTION: &str = "selection";

/// What the map is zoomed to. Selecting an area zooms to it and its group;
/// closing it shows England again unless a region was chosen.
#[derive(Debug, Clone, PartialEq)]
pub enum Zoom {
    England,
    Region(String),
    Selection,
}

impl Zoom {
    pub fn bounds(&self, model: &MapModel, selected: Option<usize>) -> Bounds {
        match self {
            Zoom::England => Bounds::EMPTY,
            Zoom::Region(region) => model.region_bounds(region),
            Zoom::Selection => selected
                .and_then(|i| model.areas.get(i))
                .map_or(Bounds::EMPTY, |a| model.group_bounds(&a.code)),
        }
    }
}

/// Zoom to a region (so that London's boroughs are big enough to pick) and
/// back to the whole of England.
#[component]
pub fn ZoomControls(
    model: Arc<MapModel>,
    selected: RwSignal<Option<usize>>,
    zoom: RwSignal<Zoom>,
) -> impl IntoView {
    let options = model
        .regions()
        .into_iter()
        .map(|r| view! { <option value=r.to_string()>{r.to_string()}</option> })
        .collect_view();
    // The select says what the map shows, including a zoom to the chosen area.
    let region_value = move || match zoom.get() {
        Zoom::Region(r) => r,
        Zoom::Selection if selected.get().is_some() => SELECTION.to_string(),
        _ => String::new(),
    };
    let zoomed = move || zoom.with(|z| !z.bounds(&model, selected.get()).is_empty());
    view! {
        <div class="map-controls">
            <label for="zoom-region">"Zoom to region"</label>
            <select
                id="zoom-region"
                prop:value=region_value
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    zoom.set(if value.is_empty() { Zoom::England } else { Zoom::Region(value) });
                }
            >
                <option value="">"All of England"</option>
                <option value=SELECTION disabled hidden>"The chosen area's group"</option>
                {options}
            </select>
            <button
                type="button"
                class="reset"
                disabled=move || !zoomed()
                on:click=move |_| zoom.set(Zoom::England)
            >
                "Show all of England"
            </button>
        </div>
    }
}
