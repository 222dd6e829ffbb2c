//! Share exactly this view: "Copy link" (the Clipboard API, or where that is
//! missing or refused, the link in a field to copy by hand), and the
//! system's share sheet where the browser has one.

use crate::ui::state::use_view;
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

fn page_url() -> Option<String> {
    web_sys::window()?.location().href().ok()
}

/// The navigator, if it has `method` (feature tests: calling a missing
/// method would throw).
fn navigator_with(method: &str) -> Option<web_sys::Navigator> {
    // Rendered at build time there is no browser to ask.
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let navigator = web_sys::window()?.navigator();
    let has = js_sys::Reflect::get(&navigator, &JsValue::from_str(method))
        .ok()
        .is_some_and(|v| !v.is_undefined() && !v.is_null());
    has.then_some(navigator)
}

/// Copies `text` to the clipboard; false where the browser cannot or will not.
pub async fn copy(text: &str) -> bool {
    let Some(navigator) = navigator_with("clipboard") else {
        return false;
    };
    JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .is_ok()
}

#[derive(Clone, PartialEq)]
enum Copied {
    Not,
    Done,
    /// The clipboard could not be used: the link to copy by hand.
    ByHand(String),
}

#[component]
pub fn Share() -> impl IntoView {
    let copied = RwSignal::new(Copied::Not);
    // What was copied was the view before: say nothing of it after a change.
    let view = use_view();
    Effect::new(move |_| {
        view.with(|_| ());
        copied.set(Copied::Not);
    });
    let can_share = navigator_with("share").is_some();
    // The link to copy by hand is ready to copy: focused and selected.
    let by_hand = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = by_hand.get() {
            let _ = input.focus();
            input.select();
        }
    });
    let on_copy = move |_| {
        let Some(url) = page_url() else { return };
        leptos::task::spawn_local(async move {
            copied.set(if copy(&url).await {
                Copied::Done
            } else {
                Copied::ByHand(url)
            });
        });
    };
    let on_share = move |_| {
        if let (Some(navigator), Some(url)) = (navigator_with("share"), page_url()) {
            let data = web_sys::ShareData::new();
            data.set_url(&url);
            data.set_title("Mental Health Crisis Care Concordat: local progress");
            let promise = navigator.share_with_data(&data);
            leptos::task::spawn_local(async move {
                // A dismissed share sheet is not an error worth showing.
                let _ = JsFuture::from(promise).await;
            });
        }
    };
    view! {
        <div class="share">
            <button type="button" on:click=on_copy>"Copy link"</button>
            {can_share.then(|| view! { <button type="button" on:click=on_share>"Share…"</button> })}
            <span role="status" class="share-status">
                {move || match copied.get() {
                    Copied::Done => Some(view! { <span>"Link copied."</span> }.into_any()),
                    Copied::ByHand(url) => Some(view! {
                        <label>
                            "Copy this link: "
                            <input type="text" readonly value=url node_ref=by_hand />
                        </label>
                    }.into_any()),
                    Copied::Not => None,
                }}
            </span>
        </div>
    }
}
