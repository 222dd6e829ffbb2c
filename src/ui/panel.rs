//! The selected area's panel: region, status, date reached and sources, and
//! focus moved in and back; a side panel on wide screens, a bottom sheet on
//! phones (CSS) that peeks (heading, status, date reached) or expands to
//! the whole panel.

use crate::citation::Link;
use crate::details::details;
use crate::embed::{Control, shows};
use crate::model::NOT_RECORDED_LABEL;
use crate::timeline::Known;
use crate::ui::links::source_links;
use crate::ui::sections::{GroupSection, HistorySection, SignatorySection, ThemeSection};
use crate::ui::state::{ViewCtx, use_view};
use crate::ui::swatch::Swatch;
use crate::view_state::Route;
use leptos::prelude::*;

/// The open area's sheet on a phone: a peek, or expanded to the whole
/// panel. Not part of the view state: like hover, a link does not carry it.
/// Back to a peek whenever another area opens.
#[derive(Clone, Copy)]
pub struct Sheet(RwSignal<bool>);

impl Sheet {
    pub fn new(view: ViewCtx) -> Self {
        let expanded = RwSignal::new(expanded_before_the_app());
        Effect::new(move |previous: Option<Option<usize>>| {
            let now = view.selected.get();
            if previous.is_some_and(|p| p != now) {
                expanded.set(false);
            }
            now
        });
        Sheet(expanded)
    }

    /// Folds an expanded sheet; false if there was none to fold. (Only a
    /// phone's sheet has a handle to expand it by.)
    pub fn fold(self) -> bool {
        let fold = self.0.get_untracked();
        if fold {
            self.0.set(false);
        }
        fold
    }
}

/// Expanded by the reader on the page rendered at build time (boot.js
/// answers the handle until the app runs): the app keeps it so.
fn expanded_before_the_app() -> bool {
    cfg!(target_arch = "wasm32")
        && web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector("#prerendered .sheet-handle[aria-expanded='true']")
                    .ok()
                    .flatten()
            })
            .is_some()
}

/// Focuses an HTML or SVG element (an area's shape is SVG).
fn focus(element: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    if let Some(html) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = html.focus();
    } else if let Some(svg) = element.dyn_ref::<web_sys::SvgElement>() {
        let _ = svg.focus();
    }
}

/// Moves focus into the panel when an area opens, and back to where it was
/// (the area's shape, usually) when the panel closes.
/// In another site's frame, only while the visitor is in the frame: a
/// host's command or the first load must not pull the host page's focus
/// (and scroll) into the map.
fn manage_focus(selected: Memo<Option<usize>>, embedded: bool) {
    let returns_to = StoredValue::new_local(None::<web_sys::Element>);
    Effect::new(move |previous: Option<Option<usize>>| {
        let now = selected.get();
        let document = web_sys::window().and_then(|w| w.document());
        let visitor_here = document
            .as_ref()
            .is_some_and(|d| d.has_focus().unwrap_or(false));
        if embedded && !visitor_here {
            return now;
        }
        match (previous.flatten(), now, document) {
            (None, Some(_), Some(document)) => {
                returns_to.set_value(document.active_element());
            }
            (Some(_), None, _) => {
                if let Some(element) = returns_to.get_value()
                    && element.is_connected()
                {
                    focus(&element);
                }
                returns_to.set_value(None);
                return now;
            }
            _ => {}
        }
        if now.is_some() {
            let title = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("panel-title"));
            if let Some(title) = title {
                focus(&title);
            }
        }
        now
    });
}

/// For the printed brief, where a link cannot be followed: every source
/// with its address (the page's own follows, under the explorer).
fn printed_sources(sources: Vec<Link>) -> impl IntoView {
    let items = sources
        .into_iter()
        .map(|s| {
            let by = s.byline.map(|b| format!(" — {b}")).unwrap_or_default();
            view! { <li>{format!("{}{by}: {}", s.title, s.url)}</li> }
        })
        .collect_view();
    view! {
        <section class="print-only printed-sources">
            <h3>"Sources"</h3>
            <ol>{items}</ol>
        </section>
    }
}

/// The selected area's details, or a hint when none is selected.
#[component]
pub fn Panel(sheet: Sheet) -> impl IntoView {
    let view = use_view();
    let model = view.model();
    manage_focus(view.selected, view.with_untracked(|s| s.embed.is_some()));
    move || {
        // Its status, date reached and sources as things stood on the chosen day.
        let snapshot = view.snapshot.get();
        let selected = view.selected.get();
        let (Some(area), Some(at)) = (
            selected.and_then(|i| model.areas.get(i)),
            selected.and_then(|i| snapshot.areas.get(i)),
        ) else {
            return view! { <p class="hint panel-hint">"Select an area on the map to see its details."</p> }
                .into_any();
        };
        let more = details(&model.data, &area.code);
        let status_sources = model.status_sources(at);
        let printed = printed_sources(more.all_sources(&status_sources));
        let can_print = view.with_untracked(|s| shows(s.embed.as_ref(), Control::Download));
        view! {
            <aside class="panel" aria-labelledby="panel-title" data-area=area.code.clone()>
                // On a phone: the whole panel, or a peek at its top. A
                // button, so that it works by keyboard, touch and speech.
                <button
                    type="button"
                    class="sheet-handle"
                    aria-expanded=move || sheet.0.get().to_string()
                    on:click=move |_| sheet.0.update(|e| *e = !*e)
                >
                    <span class="visually-hidden">"All the area's details"</span>
                </button>
                // A link, so that it closes the details without the app too.
                <a
                    class="close"
                    href=view.href(|s| s.route = Route::National)
                    aria-label="Close area details"
                    on:click=move |ev| view.follow(&ev, |s| s.route = Route::National)
                >
                    "×"
                </a>
                <h2 id="panel-title" tabindex="-1">{area.name.clone()}</h2>
                // What a phone's sheet shows first: the status and when.
                <dl>
                    <dt>"Status"</dt>
                    <dd class="status" data-status=model.status_id(at).to_string()>
                        <Swatch status=model.status_id(at).to_string() />
                        {model.status_label(at).to_string()}
                    </dd>
                    <dt>"Reached"</dt>
                    <dd>
                        {model.reached(at).unwrap_or_else(|| NOT_RECORDED_LABEL.into())}
                        {(at.known == Known::Bound).then(|| view! {
                            <span class="note bound">
                                " — status from a deadline or a “by” date: reached by then, the day itself not recorded"
                            </span>
                        })}
                    </dd>
                    <dt>"Region"</dt>
                    <dd>{area.region.clone().unwrap_or_else(|| NOT_RECORDED_LABEL.into())}</dd>
                    <dt>"Source"</dt>
                    <dd>{source_links(&status_sources, true)}</dd>
                </dl>
                // Left to the page's script (boot.js): it prints before the app runs.
                {can_print.then(|| view! {
                    <button type="button" class="print-area" data-print="">"Print this area"</button>
                })}
                {if more.has_local_record() {
                    view! {
                        <GroupSection groups=more.groups />
                        <HistorySection history=more.history shown=snapshot.day />
                        <SignatorySection
                            signatories=more.signatories
                            complete=more.signatories_complete
                            missing_core=more.missing_core
                        />
                        <ThemeSection themes=more.themes />
                    }
                    .into_any()
                } else {
                    // Said once, plainly, rather than a group and lists all empty.
                    view! {
                        <section class="group no-local-record">
                            <h3>"Local record"</h3>
                            <p>"No local record found; the status comes from the national statements."</p>
                        </section>
                        <HistorySection history=more.history shown=snapshot.day />
                    }
                    .into_any()
                }}
                {printed}
            </aside>
        }
        .into_any()
    }
}
