//! The explorer over the page's address: the view state is the path and
//! query (`ui/address.rs`), so deep links, reload, Back, Forward and sharing
//! all work. A slug is rewritten in place to the area's code, so every view
//! has one address; an unknown area or page gets a message, and the
//! national map still shows.

use crate::model::MapModel;
use crate::query;
use crate::ui::address::use_address;
use crate::ui::state::{History, ViewCtx};
use crate::ui::{EmbedBuilder, Explorer};
use crate::view_state::{Route, ViewState, base_from_uri};
use leptos::prelude::*;
use std::sync::Arc;

/// The site's base path ("" or e.g. "/concordat-map"), from the page's `<base href>`.
pub fn base_path() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .map(|uri| base_from_uri(&uri))
        .unwrap_or_default()
}

/// The explorer over the page's address (`Address::provide` must have run).
#[component]
pub fn RoutedExplorer(model: Arc<MapModel>) -> impl IntoView {
    let address = use_address();
    let base = base_path();
    let state = {
        let (model, base) = (model.clone(), base.clone());
        Memo::new(move |_| {
            ViewState::from_url(
                &address.path.get(),
                &address.query.get(),
                &base,
                &model.vocabulary,
            )
        })
    };
    let write = {
        let (model, base) = (model.clone(), base.clone());
        Callback::new(move |(next, history): (ViewState, History)| {
            address.go(&next.to_url(&base, &model.vocabulary), history);
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
                    <a href=home>"see the national picture"</a>
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
