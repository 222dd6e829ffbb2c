//! The page frame: loads the data once, then shows the explorer, or a loading
//! message, or an alert naming the file that failed; the footer with sources,
//! last update and the boundary attribution.

use crate::embed::Embed;
use crate::fetch;
use crate::model::MapModel;
use crate::query;
use crate::ui::RoutedExplorer;
use crate::ui::routed::base_path;
use crate::view_state::{Route, parse_path};
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_location;
use std::sync::Arc;

#[derive(Clone)]
enum Load {
    Loading,
    Failed(String),
    Ready(Arc<MapModel>),
}

const TITLE: &str = "Mental Health Crisis Care Concordat: local progress";

const ATTRIBUTION: &str = "Boundaries: contains OS data © Crown copyright and database right 2016. \
     Source: Office for National Statistics licensed under the Open Government Licence v.3.0.";

/// The page: loads the data once, then shows the map or says what failed,
/// in the full page or, embedded in another site, in a compact frame.
#[component]
pub fn App() -> impl IntoView {
    let load = RwSignal::new(Load::Loading);
    leptos::task::spawn_local(async move {
        load.set(match fetch::load().await {
            Ok(model) => Load::Ready(Arc::new(model)),
            Err(error) => Load::Failed(error.to_string()),
        });
    });
    view! {
        <Router base=base_path()>
            <Frame load />
        </Router>
    }
}

/// What the page holds: loading, the failure, or the map.
fn content(load: RwSignal<Load>) -> impl IntoView {
    move || match load.get() {
        Load::Loading => {
            view! { <p class="notice" role="status">"Loading the map…"</p> }.into_any()
        }
        Load::Failed(message) => view! {
            <div class="notice error" role="alert">
                <h2>"The map could not be shown"</h2>
                <p>{message}</p>
            </div>
        }
        .into_any(),
        Load::Ready(model) => view! { <RoutedExplorer model /> }.into_any(),
    }
}

/// Full page or embedded frame, known from the address before the data
/// arrives, so that an embedded map never shows the full page's header.
#[component]
fn Frame(load: RwSignal<Load>) -> impl IntoView {
    let location = use_location();
    let base = base_path();
    // None: the full page; Some(title): embedded, with the embedder's title.
    let embedded = Memo::new(move |_| {
        if parse_path(&location.pathname.get(), &base) == Route::EmbedBuilder {
            return None;
        }
        Embed::from_pairs(&query::parse(&location.search.get()))
            .0
            .map(|e| e.title)
    });
    move || match embedded.get() {
        None => view! { <FullPage load /> }.into_any(),
        Some(title) => view! {
            <div class="embedded">
                {match title {
                    Some(title) => view! { <h1 class="embed-title">{title}</h1> }.into_any(),
                    None => view! { <h1 class="visually-hidden">{TITLE}</h1> }.into_any(),
                }}
                <main id="main">{content(load)}</main>
            </div>
        }
        .into_any(),
    }
}

#[component]
fn FullPage(load: RwSignal<Load>) -> impl IntoView {
    let model = move || match load.get() {
        Load::Ready(model) => Some(model),
        _ => None,
    };
    view! {
        <header class="site-header">
            <h1>{TITLE}</h1>
            <p class="lede">
                "In 2014 every upper-tier area of England was asked to make a local crisis "
                "declaration, signed by the organisations that meet people in mental health crisis, "
                "and then to agree an action plan. The map shows how far each area had got. "
                "Search for an area or choose it on the map to see who signed, what the plan "
                "covers and the sources."
            </p>
        </header>
        <main id="main">{content(load)}</main>
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
    }
}
