//! The explorer over the page's address: the view state is the path and
//! query, kept by the router, so deep links, reload, Back, Forward and
//! sharing all work. A slug is rewritten in place to the area's code, so
//! every view has one address; an unknown area or page gets a message, and
//! the national map still shows.

use crate::model::MapModel;
use crate::query;
use crate::ui::state::{History, ViewCtx};
use crate::ui::{EmbedBuilder, Explorer};
use crate::view_state::{Route, ViewState, base_from_uri};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use std::sync::Arc;
use wasm_bindgen::JsValue;

/// The page's origin, e.g. "https://example.org".
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The site's base path ("" or e.g. "/concordat-map"), from the page's `<base href>`.
pub fn base_path() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .map(|uri| base_from_uri(&uri))
        .unwrap_or_default()
}

/// The explorer over the page's address (inside the `Router`). The model is
/// a prop: this is where the view state, and so the context, is provided.
#[component]
pub fn RoutedExplorer(model: Arc<MapModel>) -> impl IntoView {
    let location = use_location();
    let base = base_path();
    let state = {
        let (model, base) = (model.clone(), base.clone());
        Memo::new(move |_| {
            ViewState::from_url(
                &location.pathname.get(),
                &location.search.get(),
                &base,
                &model.vocabulary,
            )
        })
    };
    let write = {
        let (model, base) = (model.clone(), base.clone());
        let navigate = use_navigate();
        Callback::new(move |(next, history): (ViewState, History)| {
            let url = next.to_url(&base, &model.vocabulary);
            // A new entry is pushed here, not by the router: it skips a push
            // to the address it last wrote, which after Back, Forward or a
            // replaced entry may not be the one shown (leptos_router 0.8).
            if history == History::Push
                && let Some(log) = web_sys::window().and_then(|w| w.history().ok())
            {
                // Refused only for another origin, which the app never builds.
                let _ = log.push_state_with_url(&JsValue::NULL, "", Some(&url));
            }
            // The address as built (base included); the page stays where it
            // is scrolled.
            let options = NavigateOptions {
                resolve: false,
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            };
            navigate(&url, options);
        })
    };
    let view = ViewCtx::provide(model.clone(), state, write, base);
    // `/area/surrey` and `/area/e10000030` become `/area/E10000030`.
    {
        let model = model.clone();
        Effect::new(move |_| {
            let key = view.with(|s| match &s.route {
                Route::Area(key) => Some(key.clone()),
                _ => None,
            });
            let code = view
                .selected
                .get()
                .and_then(|i| model.areas.get(i))
                .map(|a| a.code.clone());
            if let (Some(key), Some(code)) = (key, code)
                && key != code
            {
                view.change(History::Replace, |s| s.route = Route::Area(code));
            }
        });
    }
    let message = Memo::new(move |_| {
        view.with(|s| match &s.route {
            Route::Area(key) if view.selected.get().is_none() => {
                Some(format!("No area matches {}.", query::quote(key)))
            }
            Route::NotFound(path) => Some(format!("There is no page at {path}.")),
            _ => None,
        })
    });
    let missing = move || {
        let message = message.get()?;
        // The national view with the rest of this view (an embed stays one).
        let home = view.href(|s| s.route = Route::National);
        Some(view! {
            <div class="notice warning" role="status">
                <p>
                    {message}
                    " Search for it below, choose it on the map, or "
                    <a href=home on:click=move |ev| view.follow(&ev, |s| s.route = Route::National)>
                        "see the national picture"
                    </a>
                    "."
                </p>
            </div>
        })
    };
    let builder = Memo::new(move |_| view.with(|s| s.route == Route::EmbedBuilder));
    view! {
        {missing}
        {move || if builder.get() {
            view! { <EmbedBuilder /> }.into_any()
        } else {
            view! { <Explorer model=model.clone() /> }.into_any()
        }}
    }
}
