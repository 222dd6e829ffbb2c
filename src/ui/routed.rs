//! The router's side of the app: the open area lives in the URL
//! (`/area/<code>`), so deep links, reload, Back and Forward work; slugs are
//! rewritten to codes and unknown paths get a message.

use crate::model::MapModel;
use crate::ui::Explorer;
use crate::view_state::{Route, area_path, base_from_uri, national_path, parse_path, resolve_area};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use std::sync::Arc;

/// The site's base path ("" or e.g. "/concordat-map"), from the page's `<base href>`.
pub fn base_path() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .map(|uri| base_from_uri(&uri))
        .unwrap_or_default()
}

/// The explorer with the open area kept in the URL: `/area/<code>` (or a
/// readable slug) opens it, selecting pushes a history entry, Back and
/// Forward move between them. Must be inside a `<Router>`.
#[component]
pub fn RoutedExplorer(model: Arc<MapModel>) -> impl IntoView {
    let location = use_location();
    let navigate = use_navigate();
    let base = base_path();
    let selected = RwSignal::new(None::<usize>);
    let missing = RwSignal::new(None::<String>);

    // URL -> selection; a slug or case variant is rewritten in place to the
    // area's code, so that every area has one address.
    {
        let model = model.clone();
        let base = base.clone();
        let navigate = navigate.clone();
        Effect::new(move |_| {
            let path = location.pathname.get();
            let (next, unknown) = match parse_path(&path, &base) {
                Route::National => (None, None),
                Route::Area(key) => match resolve_area(&model, &key) {
                    Some(i) => {
                        let canonical = area_path(&base, &model.areas[i].code);
                        if path != canonical {
                            navigate(
                                &canonical,
                                NavigateOptions {
                                    resolve: false,
                                    replace: true,
                                    scroll: false,
                                    ..Default::default()
                                },
                            );
                        }
                        (Some(i), None)
                    }
                    None => (None, Some(format!("No area matches “{key}”."))),
                },
                Route::NotFound(p) => (None, Some(format!("There is no page at {p}."))),
            };
            if selected.get_untracked() != next {
                selected.set(next);
            }
            missing.set(unknown);
        });
    }
    // Selection -> URL: only for changes after the first run, so a deep
    // link is read before anything is written back.
    {
        let model = model.clone();
        Effect::new(move |previous: Option<Option<usize>>| {
            let now = selected.get();
            if previous.is_some_and(|p| p != now) {
                let target = match now.and_then(|i| model.areas.get(i)) {
                    Some(area) => area_path(&base, &area.code),
                    None => national_path(&base),
                };
                if location.pathname.get_untracked() != target {
                    navigate(
                        &target,
                        // Choosing an area must not move the page
                        // from under the reader.
                        NavigateOptions {
                            resolve: false,
                            scroll: false,
                            ..Default::default()
                        },
                    );
                }
            }
            now
        });
    }
    let home = national_path(&base_path());
    view! {
        {move || {
            missing
                .get()
                .map(|message| {
                    view! {
                        <div class="notice warning" role="status">
                            <p>
                                {message}
                                " Search for it below, choose it on the map, or "
                                <a href=home.clone()>"see the national picture"</a>
                                "."
                            </p>
                        </div>
                    }
                })
        }}
        <Explorer model selected />
    }
}
