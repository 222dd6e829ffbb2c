use crate::model::MapModel;
use leptos::prelude::*;
use std::sync::Arc;

const NOT_RECORDED: &str = "Not recorded";

/// The selected area's details, or a hint when none is selected.
#[component]
pub fn Panel(model: Arc<MapModel>, selected: RwSignal<Option<usize>>) -> impl IntoView {
    move || {
        let Some(area) = selected.get().and_then(|i| model.areas.get(i)) else {
            return view! { <p class="hint">"Select an area on the map to see its details."</p> }
                .into_any();
        };
        let sources = if area.sources.is_empty() {
            view! { <span>{NOT_RECORDED}</span> }.into_any()
        } else {
            let links = area
                .sources
                .iter()
                .map(|s| {
                    view! {
                        <li>
                            <a href=s.url.clone() target="_blank" rel="noopener noreferrer">
                                {s.title.clone()}
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul>{links}</ul> }.into_any()
        };
        view! {
            <aside class="panel" aria-labelledby="panel-title" data-area=area.code.clone()>
                <button
                    type="button"
                    class="close"
                    aria-label="Close area details"
                    on:click=move |_| selected.set(None)
                >
                    "×"
                </button>
                <h2 id="panel-title">{area.name.clone()}</h2>
                <dl>
                    <dt>"Region"</dt>
                    <dd>{area.region.clone().unwrap_or_else(|| NOT_RECORDED.into())}</dd>
                    <dt>"Status"</dt>
                    <dd class="status" data-status=model.status_id(area).to_string()>
                        {model.status_label(area).to_string()}
                    </dd>
                    <dt>"Reached"</dt>
                    <dd>{area.reached.clone().unwrap_or_else(|| NOT_RECORDED.into())}</dd>
                    <dt>"Source"</dt>
                    <dd>{sources}</dd>
                </dl>
            </aside>
        }
        .into_any()
    }
}
