//! The page frame: loads the data once, then shows the explorer, or a loading
//! message ("still loading" once it is slow), or an alert naming the file
//! that failed with a way to try again; the footer with sources,
//! last update and the boundary attribution. The router (leptos_router) owns
//! the address: history, Back and Forward, and links to other views followed
//! in place.

use crate::embed::Embed;
use crate::fetch;
use crate::model::MapModel;
use crate::query;
use crate::ui::page::{HEADER_ID, PRERENDERED_ID, SiteFooter, SiteHeader, TITLE};
use crate::ui::routed::{base_path, origin};
use crate::ui::{RenderedDirectory, RenderedPaths, RoutedExplorer};
use crate::view_state::{Route, is_embedded, parse_path};
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone)]
enum Load {
    Loading,
    Failed(String),
    Ready(Arc<MapModel>),
}

/// After this long loading, the page says it is still at it.
const SLOW_AFTER: Duration = Duration::from_secs(3);

/// The data's loading: its state, whether it is slow, and which attempt
/// (the reader's "Try again" starts another).
#[derive(Clone, Copy)]
struct Loader {
    state: RwSignal<Load>,
    slow: RwSignal<bool>,
    attempt: StoredValue<u32>,
}

impl Loader {
    fn new() -> Self {
        let loader = Loader {
            state: RwSignal::new(Load::Loading),
            slow: RwSignal::new(false),
            attempt: StoredValue::new(0),
        };
        loader.start();
        loader
    }

    fn start(self) {
        let attempt = self.attempt.get_value() + 1;
        self.attempt.set_value(attempt);
        self.state.set(Load::Loading);
        // Asked for again by the reader: say so at once.
        self.slow.set(attempt > 1);
        // An earlier attempt's timer says nothing of this one.
        set_timeout(
            move || self.slow.set(self.attempt.get_value() == attempt),
            SLOW_AFTER,
        );
        leptos::task::spawn_local(async move {
            self.state.set(match fetch::load().await {
                Ok(model) => Load::Ready(Arc::new(model)),
                Err(error) => Load::Failed(error.to_string()),
            });
        });
    }
}

/// An element of the page rendered at build time (see `prerender`), if it
/// is still there.
fn prerendered(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// The browser's address as the page starts: path and query (`?…` or empty).
fn address_at_start() -> (String, String) {
    web_sys::window()
        .map(|w| w.location())
        .map(|l| {
            (
                l.pathname().unwrap_or_default(),
                l.search().unwrap_or_default(),
            )
        })
        .unwrap_or_default()
}

/// Whether the address asks for the embedded frame (the embed page itself
/// is a full page).
fn embedded_at_start() -> bool {
    let (path, search) = address_at_start();
    is_embedded(&path, &search, &base_path())
}

/// Whether the page rendered at build time (the national map on the full
/// page) is what this address shows until the data arrives: not for an
/// embed, the embed page or an unknown page.
fn shows_prerendered() -> bool {
    let (path, _) = address_at_start();
    !embedded_at_start()
        && matches!(
            parse_path(&path, &base_path()),
            Route::National | Route::Area(_)
        )
}

/// The page: loads the data once, then shows the map or says what failed,
/// in the full page or, embedded in another site, in a compact frame. The
/// page rendered at build time stays until then, and is swapped for the
/// app in one step, so that nothing visibly jumps; if the data cannot be
/// had, it stays (its areas are links to their pages) under the message.
#[component]
pub fn App() -> impl IntoView {
    let load = Loader::new();
    let waiting = RwSignal::new(false);
    if let Some(page) = prerendered(PRERENDERED_ID) {
        provide_context(RenderedPaths::in_page(&page));
        provide_context(RenderedDirectory::in_page(&page));
        if shows_prerendered() {
            waiting.set(true);
            notice_over(&page, load);
        } else {
            page.remove();
        }
    }
    // The header stays on the full page; an embed has none, and tells its
    // host its height from the start.
    if embedded_at_start() {
        if let Some(header) = prerendered(HEADER_ID) {
            header.remove();
        }
        crate::ui::embed::report_height();
    }
    Effect::new(move |_| {
        if matches!(load.state.get(), Load::Ready(_)) && waiting.get_untracked() {
            if let Some(page) = prerendered(PRERENDERED_ID) {
                page.remove();
            }
            waiting.set(false);
        }
    });
    let base = base_path();
    view! {
        <Router base>
            <Completes />
            <Frame load waiting />
        </Router>
    }
}

/// The router writes the address of a link it follows into the history once
/// its routes say the new path is ready; the view state reads the path
/// itself (`ViewState::from_url`), so every path is ready at once. This says
/// so, in place of route definitions (12 KB brotli more to say the same).
/// The app's own links are followed through the view state
/// (`ViewCtx::follow`); this keeps any other link to a view of the site that
/// the router follows from never reaching the history.
#[component]
fn Completes() -> impl IntoView {
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        location.search.track();
        if let Some(browser) = use_context::<BrowserUrl>() {
            browser.ready_to_complete();
        }
    });
}

/// The loading's notice at the top of the page rendered at build time, while
/// that page is shown: nothing at first, then that it is slow or what
/// failed. Its place is there from the start, so that what it says is
/// announced, and takes the focus from a "Try again" that goes.
fn notice_over(page: &web_sys::Element, load: Loader) {
    let main = page.query_selector("main").ok().flatten();
    let place = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("div").ok());
    let (Some(main), Some(place)) = (main, place) else {
        return;
    };
    place.set_class_name("load-notice");
    let _ = place.set_attribute("aria-live", "polite");
    let _ = place.set_attribute("tabindex", "-1");
    if main.prepend_with_node_1(&place).is_ok() {
        use wasm_bindgen::JsCast;
        leptos::mount::mount_to(place.unchecked_into(), move || {
            view! { <LoadNotice load over_rendered=true /> }
        })
        .forget();
    }
}

/// Loading, slow, or failed with a way to try again; nothing once ready.
/// `over_rendered`: shown above the map rendered at build time, which
/// serves meanwhile (so no "Loading" at first, and a word on what still works).
#[component]
fn LoadNotice(load: Loader, over_rendered: bool) -> impl IntoView {
    move || match load.state.get() {
        Load::Loading if load.slow.get() || !over_rendered => {
            let text = match (load.attempt.get_value() > 1, load.slow.get()) {
                (true, _) => "Trying again…",
                (false, true) => "Still loading the map…",
                (false, false) => "Loading the map…",
            };
            // Over the rendered map, quiet: it moves nothing on the page.
            let class = if over_rendered {
                "notice toast"
            } else {
                "notice"
            };
            view! { <p class=class role="status">{text}</p> }.into_any()
        }
        Load::Failed(message) => view! {
            <div class="notice error" role="alert">
                <h2>"The map could not be shown"</h2>
                <p>{message}</p>
                {over_rendered.then_some(
                    view! { <p>"The map below still works: each area opens its own page."</p> },
                )}
                <button
                    type="button"
                    on:click=move |ev| {
                        load.start();
                        keep_focus(&ev);
                    }
                >
                    "Try again"
                </button>
            </div>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

/// Moves the focus from a "Try again" about to go to what holds the notice.
fn keep_focus(ev: &web_sys::MouseEvent) {
    use wasm_bindgen::JsCast;
    let holder = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|button| button.closest(".load-notice, main").ok().flatten())
        .and_then(|holder| holder.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(holder) = holder {
        let _ = holder.focus();
    }
}

/// What the page holds: loading, the failure, or the map. While the page
/// rendered at build time is shown (`waiting`), the notice is above it.
fn content(load: Loader, waiting: RwSignal<bool>) -> impl IntoView {
    move || match load.state.get() {
        Load::Ready(model) => view! { <RoutedExplorer model /> }.into_any(),
        _ if waiting.get() => ().into_any(),
        _ => view! { <LoadNotice load over_rendered=false /> }.into_any(),
    }
}

/// Full page or embedded frame, known from the address before the data
/// arrives, so that an embedded map never shows the full page's header.
#[component]
fn Frame(load: Loader, waiting: RwSignal<bool>) -> impl IntoView {
    let location = use_location();
    let base = base_path();
    // None: the full page; Some(title): embedded, with the embedder's title.
    let embedded = Memo::new(move |_| {
        if parse_path(&location.pathname.get(), &base) == Route::EmbedBuilder {
            return None;
        }
        Embed::from_pairs(&query::parse(&location.search.get()))
            .0
            .map(|e| e.title)
    });
    let frame = move || match embedded.get() {
        None => view! { <FullPage load waiting /> }.into_any(),
        Some(title) => view! {
            <div class="embedded">
                {match title {
                    Some(title) => view! { <h1 class="embed-title">{title}</h1> }.into_any(),
                    None => view! { <h1 class="visually-hidden">{TITLE}</h1> }.into_any(),
                }}
                <main id="main" tabindex="-1">{content(load, waiting)}</main>
            </div>
        }
        .into_any(),
    };
    view! { <div class="app" hidden=waiting>{frame}</div> }
}

#[component]
fn FullPage(load: Loader, waiting: RwSignal<bool>) -> impl IntoView {
    let model = Signal::derive(move || match load.state.get() {
        Load::Ready(model) => Some(model),
        _ => None,
    });
    // The header rendered at build time stays (the same words, painted once).
    let header = prerendered(HEADER_ID)
        .is_none()
        .then(|| view! { <SiteHeader /> });
    view! {
        {header}
        <main id="main" tabindex="-1">{content(load, waiting)}</main>
        <SiteFooter model home=format!("{}{}/", origin(), base_path()) />
    }
}
