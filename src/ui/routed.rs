//! The explorer over the page's address: the view state is the path and
//! query, kept by the router, so deep links, reload, Back, Forward and
//! sharing all work. A slug is rewritten in place to the area's code, so
//! every view has one address; an unknown area or page gets a message, and
//! the national map still shows. Moving between the map and the embed page
//! puts the reader at the new page's start.

use crate::model::MapModel;
use crate::query;
use crate::ui::state::{History, ViewCtx};
use crate::ui::{EmbedBuilder, Explorer};
use crate::view_state::{Route, ViewState, base_from_uri};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The site's base path ("" or e.g. "/concordat-map"), from the page's `<base href>`.
pub fn base_path() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .map(|uri| base_from_uri(&uri))
        .unwrap_or_default()
}

/// At the start of a page opened in place: its top, with the reader's focus
/// at its start rather than lost with the link that was followed.
fn to_page_start() {
    let Some(window) = web_sys::window() else {
        return;
    };
    window.scroll_to_with_x_and_y(0.0, 0.0);
    if let Some(main) = window
        .document()
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        // At the top of the page, not scrolled to main's own top.
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        // Refused only for an element that cannot take focus.
        let _ = main.focus_with_options(&options);
    }
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
            // The address as built (base included); the page stays where
            // it is scrolled.
            let options = NavigateOptions {
                resolve: false,
                replace: history == History::Replace,
                scroll: false,
                ..NavigateOptions::default()
            };
            navigate(&next.to_url(&base, &model.vocabulary), options);
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
    // In another site's frame a followed link replaces the history entry, as
    // every change there does (`ViewCtx::change`).
    let embedded = move || view.with(|s| s.embed.is_some());
    let missing = move || {
        let message = message.get()?;
        // The national view with the rest of this view (an embed stays one).
        let home = view.href(|s| s.route = Route::National);
        Some(view! {
            <div class="notice warning" role="status">
                <p>
                    {message}
                    " Search for it below, choose it on the map, or "
                    <a href=home data-noscroll="" prop:replace=embedded>"see the national picture"</a>
                    "."
                </p>
            </div>
        })
    };
    let builder = Memo::new(move |_| view.with(|s| s.route == Route::EmbedBuilder));
    Effect::new(move |before: Option<bool>| {
        let now = builder.get();
        if before.is_some_and(|b| b != now) {
            to_page_start();
        }
        now
    });
    view! {
        {missing}
        {move || if builder.get() {
            view! { <EmbedBuilder /> }.into_any()
        } else {
            view! { <Explorer model=model.clone() /> }.into_any()
        }}
    }
}
