use crate::details::details;
use crate::model::{Link, MapModel};
use crate::ui::sections::{GroupSection, HistorySection, SignatorySection, ThemeSection};
use leptos::prelude::*;
use std::sync::Arc;

pub const NOT_RECORDED: &str = "Not recorded";

/// Source links, opened safely in a new tab, named by their title, or by
/// their site only where space is short; "Not recorded" when there are none.
pub fn source_links(links: &[Link], short: bool) -> AnyView {
    if links.is_empty() {
        return view! { <span>{NOT_RECORDED}</span> }.into_any();
    }
    let items = links
        .iter()
        .map(|s| {
            let text = if short { s.site().to_string() } else { s.title.clone() };
            view! {
                <li>
                    <a href=s.url.clone() title=s.url.clone() target="_blank" rel="noopener noreferrer">
                        {text}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="links">{items}</ul> }.into_any()
}

/// The selected area's details, or a hint when none is selected.
#[component]
pub fn Panel(model: Arc<MapModel>, selected: RwSignal<Option<usize>>) -> impl IntoView {
    move || {
        let Some(area) = selected.get().and_then(|i| model.areas.get(i)) else {
            return view! { <p class="hint">"Select an area on the map to see its details."</p> }
                .into_any();
        };
        let more = details(&model.data, &area.code);
        let select_code = {
            let model = model.clone();
            move |code: String| {
                if let Some(i) = model.areas.iter().position(|a| a.code == code) {
                    selected.set(Some(i));
                }
            }
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
                    <dd>{source_links(&area.sources, true)}</dd>
                </dl>
                <GroupSection groups=more.groups select=select_code />
                <HistorySection history=more.history />
                <SignatorySection
                    signatories=more.signatories
                    complete=more.signatories_complete
                    missing_core=more.missing_core
                />
                <ThemeSection themes=more.themes />
            </aside>
        }
        .into_any()
    }
}
