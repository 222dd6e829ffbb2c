//! The one accessor of the view state and the data. The URL owns the state
//! (`ViewState` in the core); components read it, and what derives from it
//! (the open area, which areas the filters show, where things stood on the
//! chosen day), through `use_view()`, and change it only by `update`, which
//! navigates. Nothing keeps a second copy in step. The fixed model (names,
//! shapes, facts) is `view.model()`; whatever depends on the day is read
//! with `view.snapshot`, through the model's methods that take one.
//!
//! In the app the state is the page's address, kept by the router
//! (`ui/routed.rs`); mounted alone (component tests) the explorer keeps it
//! in a signal, through the same accessor.

use crate::date::Day;
use crate::model::MapModel;
use crate::timeline::{Snapshot, clamp};
use crate::view_state::{Route, ViewState, area_path};
use leptos::prelude::*;
use std::sync::Arc;

/// How a change reaches the URL: pushed (Back returns to it) or replacing
/// the current entry (a rewrite of the same view).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    Push,
    Replace,
}

/// The view state and what derives from it, shared by every component.
#[derive(Clone, Copy)]
pub struct ViewCtx {
    state: Memo<ViewState>,
    /// Values in the URL that were not understood, to say so politely.
    pub notes: Memo<Vec<String>>,
    /// The open area, as an index into `model.areas`.
    pub selected: Memo<Option<usize>>,
    /// Where things stood on the chosen day (`at=`, kept between the first
    /// recorded change and today; else the dataset's own day): statuses,
    /// how each is known and the counts. Everything that depends on the
    /// date reads it from here.
    pub snapshot: Memo<Arc<Snapshot>>,
    /// Whether each area passes the filters.
    pub shown: Memo<Vec<bool>>,
    /// The days a date can be chosen between: the first change, and today.
    pub span: (Day, Day),
    /// The query string of the state (`?…` or nothing), for links.
    query: Memo<String>,
    write: Callback<(ViewState, History)>,
    base: StoredValue<String>,
    /// The site's origin ("https://example.org"), for addresses read away
    /// from the page: printed, or in a picture.
    origin: StoredValue<String>,
    model: StoredValue<Arc<MapModel>>,
}

impl ViewCtx {
    /// Derives the selection and the filter matches from `state`, and
    /// provides the accessor to every component below.
    /// `base` is the path the site is served under ("" at the root).
    pub fn provide(
        model: Arc<MapModel>,
        state: Memo<(ViewState, Vec<String>)>,
        write: Callback<(ViewState, History)>,
        base: String,
    ) -> ViewCtx {
        // Rendered at build time there is no visitor's today: the last
        // recorded change stands in, so that the slider has the stops (and
        // position) the app will give it, none being later than today.
        let today = today().unwrap_or_else(|| {
            let changes = model.timeline.change_days();
            changes.last().copied().unwrap_or(model.view_day)
        });
        let (first, last) = model.span(today);
        let chosen =
            Memo::new(move |_| state.with(|(s, _)| s.at.map(|at| clamp(at.latest(), first, last))));
        let notes = Memo::new(move |_| {
            let mut notes = state.with(|(_, notes)| notes.clone());
            notes.extend(chosen.get().and_then(|(_, note)| note));
            notes
        });
        let state = Memo::new(move |_| state.with(|(s, _)| s.clone()));
        let snapshot = {
            let model = model.clone();
            let view_day = model.view_day;
            // Cheap: no path or name is copied, only where each area stood.
            Memo::new(move |_| {
                let day = chosen.get().map_or(view_day, |(day, _)| day);
                Arc::new(model.at(day))
            })
        };
        let selected = {
            let model = model.clone();
            Memo::new(move |_| {
                state.with(|s| match &s.route {
                    Route::Area(key) => model.resolve_area(key),
                    _ => None,
                })
            })
        };
        let shown = {
            let model = model.clone();
            Memo::new(move |_| snapshot.with(|at| state.with(|s| model.matching(at, &s.filters))))
        };
        let query = {
            let model = model.clone();
            Memo::new(move |_| state.with(|s| s.query(&model.vocabulary)))
        };
        let ctx = ViewCtx {
            state,
            notes,
            selected,
            snapshot,
            shown,
            span: (first, last),
            query,
            write,
            base: StoredValue::new(base),
            // At build time there is no page yet: the build says (`set_origin`).
            origin: StoredValue::new(if cfg!(target_arch = "wasm32") {
                crate::ui::routed::origin()
            } else {
                String::new()
            }),
            model: StoredValue::new(model),
        };
        provide_context(ctx);
        ctx
    }

    /// A view state of its own, in a signal: for the explorer mounted
    /// over no address.
    pub fn provide_local(model: Arc<MapModel>) -> ViewCtx {
        ViewCtx::provide_local_at(model, String::new(), ViewState::default())
    }

    /// `provide_local` starting at `state`, for a site served under `base`
    /// (e.g. "/concordat-map"): a page rendered at build time.
    pub fn provide_local_at(model: Arc<MapModel>, base: String, state: ViewState) -> ViewCtx {
        let state = RwSignal::new(state);
        let with_notes = Memo::new(move |_| (state.get(), Vec::new()));
        ViewCtx::provide(
            model,
            with_notes,
            Callback::new(move |(s, _)| state.set(s)),
            base,
        )
    }

    /// The fixed model: names, shapes and facts, never a status (those are
    /// the snapshot's).
    pub fn model(&self) -> Arc<MapModel> {
        self.model.get_value()
    }

    /// The address (path and query) of the view this one becomes after
    /// `change` (tracked).
    pub fn href(&self, change: impl FnOnce(&mut ViewState)) -> String {
        let mut next = self.state.get();
        change(&mut next);
        let base = self.base.get_value();
        self.model
            .with_value(|model| next.to_url(&base, &model.vocabulary))
    }

    /// The full map's address of this view, whole (an embed's options
    /// left out): where a printed page or a picture sends its reader.
    pub fn full_url(&self) -> String {
        let path = self.href(|s| {
            s.embed = None;
            s.extra.clear();
        });
        format!("{}{path}", self.origin.get_value())
    }

    /// The site's origin, where the page cannot read it (at build time).
    pub fn set_origin(&self, origin: &str) {
        self.origin
            .set_value(origin.trim_end_matches('/').to_string());
    }

    /// `area_href` as things are now, not following later changes.
    pub fn href_untracked(&self, code: &str) -> String {
        let path = self.base.with_value(|base| area_path(base, code));
        format!("{path}{}", self.query.get_untracked())
    }

    /// The URL of the view with the area `code` open: the link of a table
    /// row, or anything else that opens an area (tracked: it follows the
    /// filters).
    pub fn area_href(&self, code: &str) -> String {
        let path = self.base.with_value(|base| area_path(base, code));
        format!("{path}{}", self.query.get())
    }

    /// Reads the state (tracked).
    pub fn with<R>(&self, f: impl FnOnce(&ViewState) -> R) -> R {
        self.state.with(f)
    }

    /// Reads the state without subscribing to it.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&ViewState) -> R) -> R {
        self.state.with_untracked(f)
    }

    /// Changes the state by navigating to its new URL, adding a history entry.
    pub fn update(&self, change: impl FnOnce(&mut ViewState)) {
        self.change(History::Push, change);
    }

    pub fn change(&self, history: History, change: impl FnOnce(&mut ViewState)) {
        let mut next = self.state.get_untracked();
        change(&mut next);
        // In another site's frame the history is the host's: its Back button
        // must leave the page, not step through the map's choices.
        let history = if next.embed.is_some() && next.route != Route::EmbedBuilder {
            History::Replace
        } else {
            history
        };
        if next != self.state.get_untracked() {
            self.write.run((next, history));
        }
    }

    /// Follows a link to another view in place, through the view state (a
    /// history entry; replaced in an embed), if `ev` is a plain click: any
    /// other (a new tab or window) is the browser's, with the link's address.
    /// Moving between the map and the embed page puts the reader at the new
    /// page's start, as a page loaded afresh would.
    pub fn follow(&self, ev: &leptos::ev::MouseEvent, change: impl FnOnce(&mut ViewState)) {
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        ev.prevent_default();
        let builder = |s: &ViewState| s.route == Route::EmbedBuilder;
        let before = self.with_untracked(builder);
        self.update(change);
        if self.with_untracked(builder) != before {
            to_page_start();
        }
    }

    /// Opens the area at `index` (or closes the open one, for None),
    /// keeping the filters and the rest of the view.
    pub fn select(&self, index: Option<usize>) {
        let route = self
            .model
            .with_value(|model| match index.and_then(|i| model.areas.get(i)) {
                Some(area) => Route::Area(area.code.clone()),
                None => Route::National,
            });
        self.update(|s| s.route = route);
    }
}

/// At the top of the page, with the reader's focus at its start rather than
/// lost with the link that was followed.
fn to_page_start() {
    use wasm_bindgen::JsCast;
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

/// Today in the visitor's browser: the last day a date can be chosen.
#[cfg(target_arch = "wasm32")]
fn today() -> Option<Day> {
    let now = js_sys::Date::new_0();
    Some(Day {
        year: u16::try_from(now.get_full_year()).ok()?,
        month: u8::try_from(now.get_month() + 1).ok()?,
        day: u8::try_from(now.get_date()).ok()?,
    })
}

/// Rendered at build time, there is no visitor's today.
#[cfg(not(target_arch = "wasm32"))]
fn today() -> Option<Day> {
    None
}

/// The view state's accessor; the explorer provides it.
pub fn use_view() -> ViewCtx {
    expect_context::<ViewCtx>()
}
