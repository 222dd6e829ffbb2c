//! The page's address as signals: what the view state is read from. Changing
//! the view pushes (or replaces) a history entry; Back and Forward, and a
//! click on a link to another view of the app, change the signals without
//! loading the page again. Written here rather than taken from
//! leptos_router, which this needs none of the rest of: 9 KB brotli less wasm.

use crate::ui::state::History;
use crate::view_state::{Route, is_embedded, is_view_path, parse_path};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The address's path and query (`?…` or empty).
#[derive(Clone, Copy)]
pub struct Address {
    pub path: RwSignal<String>,
    pub query: RwSignal<String>,
}

/// The browser's address now.
pub fn current() -> (String, String) {
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

impl Address {
    /// Follows the browser's address, and the page's links to views under
    /// `base`, for as long as the page lives; provided to the components.
    pub fn provide(base: String) -> Address {
        let (path, query) = current();
        let address = Address {
            path: RwSignal::new(path),
            query: RwSignal::new(query),
        };
        // Both listeners serve the whole life of the page, so their handles
        // are never dropped.
        std::mem::forget(window_event_listener(ev::popstate, move |_| address.sync()));
        std::mem::forget(window_event_listener(ev::click, move |event| {
            address.follow(&event, &base)
        }));
        provide_context(address);
        address
    }

    /// Shows `url` (a path and query under the base), recording it in the
    /// history. The page stays where it is scrolled.
    pub fn go(&self, url: &str, history: History) {
        if let Some(log) = web_sys::window().and_then(|w| w.history().ok()) {
            // Refused only for another origin, which the app never builds.
            let _ = match history {
                History::Push => log.push_state_with_url(&JsValue::NULL, "", Some(url)),
                History::Replace => log.replace_state_with_url(&JsValue::NULL, "", Some(url)),
            };
        }
        self.sync();
    }

    fn sync(&self) {
        let (path, query) = current();
        self.path.set(path);
        self.query.set(query);
    }

    /// A plain click on a link to another view of the app changes the view
    /// in place; any other link (a file, another site, a new tab or window,
    /// a download, a place in this page) is left to the browser. In another
    /// site's frame the entry is replaced, as `ViewCtx::change` does, so the
    /// host's Back button leaves the host's page.
    fn follow(&self, event: &web_sys::MouseEvent, base: &str) {
        if event.default_prevented()
            || event.button() != 0
            || event.ctrl_key()
            || event.meta_key()
            || event.shift_key()
            || event.alt_key()
        {
            return;
        }
        let Some(link) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        let here = web_sys::window().and_then(|w| w.location().origin().ok());
        let (path, query) = current();
        let (to, to_query) = (link.pathname(), link.search());
        let same_view = to == path && to_query == query;
        if !link.target().is_empty()
            || link.has_attribute("download")
            || here.as_deref() != Some(link.origin().as_str())
            || (same_view && !link.hash().is_empty())
            || !is_view_path(&to, base)
        {
            return;
        }
        event.prevent_default();
        if same_view {
            return;
        }
        let history = if is_embedded(&to, &to_query, base) {
            History::Replace
        } else {
            History::Push
        };
        self.go(&format!("{to}{to_query}"), history);
        // Another page (the embed-code page, or back to the map) opens at
        // its top, as a page loaded afresh would, with the reader's focus at
        // its start rather than lost with the link that was followed.
        let builder = |path: &str| parse_path(path, base) == Route::EmbedBuilder;
        if builder(&to) != builder(&path)
            && let Some(window) = web_sys::window()
        {
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
    }
}

/// The address; `Address::provide` must have run above.
pub fn use_address() -> Address {
    expect_context::<Address>()
}
