//! Take what you see away: the rows the filters show, in the table's order,
//! as CSV or JSON made in the browser, with a file name that names the
//! filters (`concordat-north-west-plan.csv`); or the map itself, embedded
//! in another site (a link to `/embed` with these filters).

use crate::table::{csv, json, rows};
use crate::ui::state::use_view;
use crate::view_state::Route;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Saves `text` as a file named `name` through a temporary object URL.
fn save(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    // In the document while clicked, and the file's address kept a moment:
    // some browsers start the download only after the click returns.
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

#[component]
pub fn Download() -> impl IntoView {
    let view = use_view();
    let failed = RwSignal::new(false);
    // The rows as things stood on the chosen day.
    let download = move |as_json: bool| {
        let (model, at) = (view.model(), view.snapshot.get_untracked());
        let order = view
            .shown
            .with_untracked(|shown| view.with_untracked(|s| rows(&model, &at, shown, s.sort)));
        let stem = view.with_untracked(|s| s.filters.file_stem(&model.vocabulary));
        let result = if as_json {
            save(
                &format!("{stem}.json"),
                "application/json",
                &json(&model, &at, &order),
            )
        } else {
            save(
                &format!("{stem}.csv"),
                "text/csv;charset=utf-8",
                &csv(&model, &at, &order),
            )
        };
        failed.set(result.is_err());
    };
    view! {
        <div class="download">
            <span class="label">"Download the areas shown:"</span>
            <button type="button" on:click=move |_| download(false)>"CSV"</button>
            <button type="button" on:click=move |_| download(true)>"JSON"</button>
            {move || failed.get().then(|| view! {
                <p class="warning" role="alert">"This browser could not save the file."</p>
            })}
        </div>
        <p class="embed-link">
            <a
                href=move || view.href(|s| s.route = Route::EmbedBuilder)
                on:click=move |ev| view.follow(&ev, |s| s.route = Route::EmbedBuilder)
            >
                "Embed this map in your site"
            </a>
        </p>
    }
}
