//! The page frame: loads the data once, then shows the explorer, or a loading
//! message, or an alert naming the file that failed; the footer with sources,
//! last update and the boundary attribution.

use crate::fetch;
use crate::model::MapModel;
use crate::ui::RoutedExplorer;
use crate::ui::routed::base_path;
use leptos::prelude::*;
use leptos_router::components::Router;
use std::sync::Arc;

#[derive(Clone)]
enum Load {
    Loading,
    Failed(String),
    Ready(Arc<MapModel>),
}

const ATTRIBUTION: &str = "Boundaries: contains OS data © Crown copyright and database right 2016. \
     Source: Office for National Statistics licensed under the Open Government Licence v.3.0.";

/// The page: loads the data once, then shows the map or says what failed.
#[component]
pub fn App() -> impl IntoView {
    let load = RwSignal::new(Load::Loading);
    leptos::task::spawn_local(async move {
        load.set(match fetch::load().await {
            Ok(model) => Load::Ready(Arc::new(model)),
            Err(error) => Load::Failed(error.to_string()),
        });
    });
    let model = move || match load.get() {
        Load::Ready(model) => Some(model),
        _ => None,
    };
    view! {
        <Router base=base_path()>
        <header class="site-header">
            <h1>"Mental Health Crisis Care Concordat: local progress"</h1>
            <p class="lede">
                "In 2014 every upper-tier area of England was asked to make a local crisis "
                "declaration, signed by the organisations that meet people in mental health crisis, "
                "and then to agree an action plan. The map shows how far each area had got. "
                "Search for an area or choose it on the map to see who signed, what the plan "
                "covers and the sources."
            </p>
        </header>
        <main id="main">
            {move || match load.get() {
                Load::Loading => {
                    view! { <p class="notice" role="status">"Loading the map…"</p> }.into_any()
                }
                Load::Failed(message) => {
                    view! {
                        <div class="notice error" role="alert">
                            <h2>"The map could not be shown"</h2>
                            <p>{message}</p>
                        </div>
                    }
                        .into_any()
                }
                Load::Ready(model) => view! { <RoutedExplorer model /> }.into_any(),
            }}
        </main>
        <footer class="site-footer">
            {move || {
                model()
                    .map(|m| {
                        let sources = m
                            .national_sources
                            .iter()
                            .map(|s| {
                                view! {
                                    <li>
                                        <a href=s.url.clone() rel="noopener noreferrer">
                                            {s.title.clone()}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <p>"Data last updated " {m.last_updated.clone()} "."</p>
                            <h2>"Sources"</h2>
                            <p>
                                {format!(
                                    "The data is compiled from {} public sources: press releases, \
                                     council and NHS papers and local action plans. Each area's \
                                     details link the sources for that area. The national statements \
                                     come from:",
                                    m.source_count,
                                )}
                            </p>
                            <ul class="sources">{sources}</ul>
                        }
                    })
            }}
            <p class="attribution">{ATTRIBUTION}</p>
        </footer>
        </Router>
    }
}
