//! `/embed`: the page that writes the code to embed the map. Its own
//! address holds the embedded view's options, so the choices are the view
//! state like everything else; a live preview shows the result, and the
//! snippet is ready to copy.

use crate::embed::{self, Control, Embed, TITLE_MAX, clean_title, height_in};
use crate::ui::routed::{base_path, origin};
use crate::ui::share::copy;
use crate::ui::state::use_view;
use crate::ui::{FilterControls, Legend};
use crate::view_state::Route;
use leptos::prelude::*;

/// A checkbox for each part an embedder can ask for.
#[component]
fn ControlChoices() -> impl IntoView {
    let view = use_view();
    Control::ALL
        .into_iter()
        // A date control to offer once the map has one.
        .filter(|c| *c != Control::Timeline)
        .map(|control| {
            let chosen = move || view.with(|s| s.embed.as_ref().is_some_and(|e| e.shows(control)));
            let toggle = move |_| {
                view.update(|s| {
                    let embed = s.embed.get_or_insert_with(Embed::default);
                    if embed.shows(control) {
                        embed.controls.retain(|c| *c != control);
                    } else {
                        embed.controls.push(control);
                        embed
                            .controls
                            .sort_by_key(|c| Control::ALL.iter().position(|a| a == c));
                    }
                })
            };
            let words = match control {
                Control::Search => "Search box",
                Control::Filters => "Region and filters",
                Control::Legend => "Legend (also filters by status)",
                Control::Table => "“Show as a table”",
                Control::Timeline => "Date control",
                Control::Panel => "An area's details when chosen",
                Control::Download => "Downloads, pictures and printing",
            };
            view! {
                <label class="check">
                    <input type="checkbox" prop:checked=chosen on:change=toggle />
                    {words}
                </label>
            }
        })
        .collect_view()
}

#[component]
pub fn EmbedBuilder() -> impl IntoView {
    let view = use_view();
    let height = RwSignal::new(600_u32);
    let with_script = RwSignal::new(true);
    let copied = RwSignal::new(None::<bool>);
    let title = move || view.with(|s| s.embed.as_ref().and_then(|e| e.title.clone()));
    let frame_title = move || {
        title().unwrap_or_else(|| "Mental Health Crisis Care Concordat: local progress map".into())
    };
    let map_url = move || {
        let path = view.href(|s| {
            s.route = Route::National;
            // This page's own stray parameters are not the embed's.
            s.extra.clear();
        });
        format!("{}{path}", origin())
    };
    let script_url = format!("{}{}/embed.js", origin(), base_path());
    let snippet = move || {
        let script = with_script.get().then_some(script_url.as_str());
        // "Use my location" beside the search needs the host's leave.
        let locate = view.with(|s| embed::shows(s.embed.as_ref(), Control::Search));
        embed::snippet(&map_url(), &frame_title(), height.get(), script, locate)
    };
    let snippet_text = snippet.clone();
    // The preview sizes itself as it would on a host page.
    let preview = NodeRef::<leptos::html::Iframe>::new();
    let reported = RwSignal::new(None::<u32>);
    let listener = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
        let from_preview = match (
            ev.source(),
            preview.get_untracked().and_then(|f| f.content_window()),
        ) {
            (Some(source), Some(frame)) => js_sys::Object::is(&source, &frame),
            _ => false,
        };
        let text = js_sys::JSON::stringify(&ev.data())
            .ok()
            .and_then(|t| t.as_string());
        if let (true, Some(px)) = (from_preview, text.as_deref().and_then(height_in)) {
            reported.set(Some(px));
        }
    });
    on_cleanup(move || listener.remove());
    let on_copy = move |_| {
        let text = snippet_text();
        leptos::task::spawn_local(async move { copied.set(Some(copy(&text).await)) });
    };
    view! {
        <section class="builder" aria-labelledby="builder-title">
            <h2 id="builder-title">"Embed the map in your site"</h2>
            <p>
                "Choose what the map shows, then copy the code into your page. The map sets no cookies, "
                "asks nothing of any other site, and, with the script line, sizes its frame to fit."
            </p>
            <div class="builder-grid">
                <div class="builder-options">
                    <Legend nested=true />
                    <FilterControls open=true />
                    <fieldset>
                        <legend>"Parts of the page"</legend>
                        <ControlChoices />
                    </fieldset>
                    <label for="embed-title">"Title above the map (plain text)"</label>
                    <input
                        id="embed-title"
                        type="text"
                        maxlength=TITLE_MAX.to_string()
                        prop:value=move || title().unwrap_or_default()
                        on:change=move |ev| {
                            let (text, _) = clean_title(&event_target_value(&ev));
                            view.update(|s| s.embed.get_or_insert_with(Embed::default).title = (!text.is_empty()).then_some(text));
                        }
                    />
                    <label for="embed-height">"Height in pixels, before it sizes itself"</label>
                    <input
                        id="embed-height"
                        type="number"
                        min="280"
                        max="3000"
                        prop:value=move || height.get().to_string()
                        on:change=move |ev| {
                            if let Ok(px) = event_target_value(&ev).parse::<u32>() {
                                height.set(px.clamp(280, 3000));
                            }
                        }
                    />
                    <label class="check">
                        <input type="checkbox" prop:checked=with_script on:change=move |_| with_script.update(|on| *on = !*on) />
                        "Include the script that sizes the frame (embed.js, under 2 KB)"
                    </label>
                    <p class="hint">"A date to show the map at will come with the timeline."</p>
                </div>
                <div class="builder-result">
                    <h3>"Preview"</h3>
                    <iframe
                        class="preview"
                        node_ref=preview
                        src=map_url
                        title=frame_title
                        height=move || reported.get().unwrap_or(height.get()).to_string()
                    ></iframe>
                    <label for="embed-code">"Code to paste into your page"</label>
                    <textarea id="embed-code" readonly rows="5" prop:value=snippet></textarea>
                    <button type="button" on:click=on_copy>"Copy the code"</button>
                    <span role="status">
                        {move || copied.get().map(|done| if done { "Code copied." } else { "Select the code above and copy it." })}
                    </span>
                </div>
            </div>
        </section>
    }
}
