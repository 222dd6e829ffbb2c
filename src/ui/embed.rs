//! The map embedded in another site's page: it tells its host how tall it
//! is (in the messages Datawrapper and pym.js hosts already listen to) and
//! what the visitor chose, and takes a few commands from its host (and only
//! from its host). Also the compact attribution and the way to the full map.

use crate::embed::{
    Command, DEFAULT_ID, Embed, filters_event, height_messages, parse_command_text, select_event,
};
use crate::ui::state::{ViewCtx, use_view};
use crate::view_state::Route;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// The window this page is framed in, if it is framed.
fn host() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&window, &parent)).then_some(parent)
}

/// Posts `json` (an object, as text) to the host; "*": every message is
/// public (heights, codes, the map's own address).
fn post_json(json: &str) {
    if let (Some(host), Ok(value)) = (host(), js_sys::JSON::parse(json)) {
        let _ = host.post_message(&value, "*");
    }
}

fn debug(text: &str) {
    web_sys::console::debug_1(&format!("concordat-map: {text}").into());
}

/// The frame's id, as the page's address gives it (known before the data,
/// and never changed by the visitor).
fn frame_id() -> String {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    Embed::from_pairs(&crate::query::parse(&search))
        .0
        .map_or(DEFAULT_ID.to_string(), |e| e.frame_id().to_string())
}

/// Posts the page's height to the host, in both formats, for frame `id`.
fn post_height(id: &str) {
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    let px = body.get_bounding_client_rect().height().ceil().max(0.0) as u32;
    let (datawrapper, pym) = height_messages(id, px);
    post_json(&datawrapper);
    if let Some(host) = host() {
        let _ = host.post_message(&pym.into(), "*");
    }
}

/// Reports the page's height to the host at once and whenever it changes,
/// whether the map is loading, failed or shown.
pub fn report_height() {
    if host().is_none() {
        return;
    }
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    let id = frame_id();
    let on_resize = Closure::<dyn FnMut()>::new(move || post_height(&id));
    let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
        return;
    };
    observer.observe(&body);
    let kept = StoredValue::new_local((observer, on_resize));
    on_cleanup(move || kept.with_value(|(observer, _)| observer.disconnect()));
}

/// Tells the host when the visitor opens an area or changes the filters.
fn report_choices(view: ViewCtx) {
    let model = view.model();
    let select_model = model.clone();
    Effect::new(move |before: Option<Option<usize>>| {
        let now = view.selected.get();
        if before.is_some_and(|b| b != now) {
            let code = now
                .and_then(|i| select_model.areas.get(i))
                .map(|a| a.code.as_str());
            post_json(&select_event(code, &view.full_url()));
        }
        now
    });
    Effect::new(move |before: Option<crate::filters::Filters>| {
        let now = view.with(|s| s.filters.clone());
        if before.is_some_and(|b| b != now) {
            post_json(&filters_event(&now, &model.vocabulary, &view.full_url()));
        }
        now
    });
}

/// Takes commands from the host window only, each checked whole by the core.
fn take_commands(view: ViewCtx) {
    let model = view.model();
    let areas: Vec<String> = model.areas.iter().map(|a| a.code.clone()).collect();
    let listener = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
        let from_host = match (ev.source(), host()) {
            (Some(source), Some(host)) => js_sys::Object::is(&source, &host),
            _ => false,
        };
        let data = ev.data();
        // Strings are height messages and the like, not commands.
        if !from_host || !data.is_object() {
            return;
        }
        let Some(text) = js_sys::JSON::stringify(&data)
            .ok()
            .and_then(|t| t.as_string())
        else {
            return;
        };
        let codes: Vec<&str> = areas.iter().map(String::as_str).collect();
        let command = parse_command_text(&text, &model.vocabulary, &codes);
        match command {
            Ok(Command::Select(code)) => view.update(|s| {
                s.route = code.map_or(Route::National, Route::Area);
            }),
            Ok(Command::Filters(filters)) => view.update(|s| s.filters = filters),
            Ok(Command::At(date)) => view.update(|s| s.at = Some(date)),
            Ok(Command::Height) => post_height(&frame_id()),
            Err(reason) => debug(&format!("ignored a message: {reason}")),
        }
    });
    on_cleanup(move || listener.remove());
}

/// The embedded map's foot: the boundaries' attribution, short (with the
/// postcodes' where the search is shown), and the
/// same view on the full site, in a new tab. Sets up the talk with the host.
#[component]
pub fn EmbedFoot() -> impl IntoView {
    let view = use_view();
    if host().is_some() {
        report_choices(view);
        take_commands(view);
    }
    view! {
        <p class="embed-foot">
            <a href=move || view.full_url() target="_blank" rel="noopener">
                "Open the full map"
                <span class="visually-hidden">" (opens in a new tab)"</span>
            </a>
            // Which data the embed shows, for whoever cites it.
            {view.model().data.version.clone().map(|v| format!(" · Data version {v}"))}
            " · Boundaries: contains OS data © Crown copyright and database right 2016; "
            "source: Office for National Statistics, Open Government Licence v.3.0."
            // The search's postcodes carry Royal Mail's notice.
            {move || {
                view.with(|s| crate::embed::shows(s.embed.as_ref(), crate::embed::Control::Search))
                    .then_some(" Postcodes: contains Royal Mail data © Royal Mail copyright and database right 2020.")
            }}
        </p>
    }
}
