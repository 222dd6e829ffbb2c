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
    save_blob(name, &blob)
}

/// Saves `blob` as a file named `name` through a temporary object URL.
fn save_blob(name: &str, blob: &web_sys::Blob) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
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
    // An embed is the host's: it offers no embed of its own.
    let embed_link = view.with_untracked(|s| s.embed.is_none()).then(|| {
        view! {
            <p class="embed-link">
                <a
                    href=move || view.href(|s| s.route = Route::EmbedBuilder)
                    on:click=move |ev| view.follow(&ev, |s| s.route = Route::EmbedBuilder)
                >
                    "Embed this map in your site"
                </a>
            </p>
        }
    });
    view! {
        <div class="download">
            <span class="label">"Download the areas shown:"</span>
            <button type="button" on:click=move |_| download(false)>"CSV"</button>
            <button type="button" on:click=move |_| download(true)>"JSON"</button>
            {move || failed.get().then(|| view! {
                <p class="warning" role="alert">"This browser could not save the file."</p>
            })}
        </div>
        <PictureDownload />
        {embed_link}
    }
}

/// How much larger than the picture's own size the PNG is: sharp on a slide.
const PNG_SCALE: f64 = 2.0;

/// The view as a picture (`picture::svg`, the same composition as the
/// pages' previews), with the file name's stem: the filters and the day.
fn view_picture() -> (String, String) {
    let view = use_view();
    let (model, at) = (view.model(), view.snapshot.get_untracked());
    let selected = view.selected.get_untracked();
    let url = view.full_url();
    view.shown.with_untracked(|shown| {
        view.with_untracked(|s| {
            let counts = model.status_counts(&at, &s.filters);
            let title = model.summary(&s.filters, shown.iter().filter(|on| **on).count());
            let svg = crate::picture::svg(&crate::picture::View {
                model: &model,
                snapshot: &at,
                shown,
                counts: &counts,
                selected,
                regions: &s.filters.regions,
                title: &title,
                url: &url,
            });
            let stem = format!(
                "{}-{}",
                s.filters.file_stem(&model.vocabulary),
                at.day.iso()
            );
            (svg, stem)
        })
    })
}

/// Draws `svg` on a canvas at `PNG_SCALE` and saves it as `name`, setting
/// `failed` if it cannot. The browser's own decoder and canvas: no image
/// code in the wasm.
fn save_png(svg: &str, name: String, failed: RwSignal<bool>) -> Result<(), JsValue> {
    use wasm_bindgen::closure::Closure;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let image = web_sys::HtmlImageElement::new()?;
    let (width, height) = crate::picture::SIZE;
    let drawn = image.clone();
    let onload = Closure::once(move || {
        let draw = || -> Result<(), JsValue> {
            let canvas: web_sys::HtmlCanvasElement =
                document.create_element("canvas")?.dyn_into()?;
            canvas.set_width((width * PNG_SCALE) as u32);
            canvas.set_height((height * PNG_SCALE) as u32);
            let context: web_sys::CanvasRenderingContext2d = canvas
                .get_context("2d")?
                .ok_or_else(|| JsValue::from_str("no 2D canvas"))?
                .dyn_into()?;
            context.draw_image_with_html_image_element_and_dw_and_dh(
                &drawn,
                0.0,
                0.0,
                width * PNG_SCALE,
                height * PNG_SCALE,
            )?;
            let saved = Closure::once(move |blob: Option<web_sys::Blob>| {
                failed.set(blob.is_none_or(|b| save_blob(&name, &b).is_err()));
            });
            canvas.to_blob(saved.as_ref().unchecked_ref())?;
            saved.forget();
            Ok(())
        };
        if draw().is_err() {
            failed.set(true);
        }
    });
    image.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    let onerror = Closure::once(move || failed.set(true));
    image.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onerror.forget();
    // A data: address (the page's policy allows data: images) of the SVG.
    let data = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(svg))
    );
    image.set_src(&data);
    Ok(())
}

/// The view as an image for a report or a slide: SVG, or PNG at twice
/// the size.
#[component]
fn PictureDownload() -> impl IntoView {
    let failed = RwSignal::new(false);
    let svg = move |_| {
        let (svg, stem) = view_picture();
        failed.set(save(&format!("{stem}.svg"), "image/svg+xml", &svg).is_err());
    };
    let png = move |_| {
        let (svg, stem) = view_picture();
        failed.set(save_png(&svg, format!("{stem}.png"), failed).is_err());
    };
    view! {
        <div class="download picture">
            <span class="label">"Picture of this view:"</span>
            <button type="button" on:click=svg>"SVG"</button>
            <button type="button" on:click=png>"PNG"</button>
            {move || failed.get().then(|| view! {
                <p class="warning" role="alert">"This browser could not make the picture."</p>
            })}
        </div>
    }
}
