//! What the map and table show, in words ("34 of 152 areas: North West,
//! action plan agreed"), with one click to clear the filters, and a polite
//! note of anything in the link that was not understood.

use crate::filters::Filters;
use crate::ui::state::use_view;
use leptos::prelude::*;

#[component]
pub fn Summary(
    /// Whether the visitor may clear the filters (an embedder's are theirs to keep).
    #[prop(into)]
    can_clear: Signal<bool>,
) -> impl IntoView {
    let view = use_view();
    let model = view.model();
    let text = move || {
        let shown = view.shown.with(|s| s.iter().filter(|&&m| m).count());
        view.with(|s| model.summary(&s.filters, shown))
    };
    let summary = NodeRef::<leptos::html::P>::new();
    let filtered = move || can_clear.get() && view.with(|s| !s.filters.is_empty());
    let notes = move || {
        let notes = view.notes.get();
        (!notes.is_empty()).then(|| {
            let items = notes
                .into_iter()
                .map(|n| view! { <li>{n}</li> })
                .collect_view();
            view! {
                <div class="notice warning" role="status">
                    <p>"Part of this link was not understood, so the map shows the rest:"</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    };
    view! {
        {notes}
        <div class="summary">
            <p id="summary" role="status" tabindex="-1" node_ref=summary>{text}</p>
            <button
                type="button"
                class="clear"
                hidden=move || !filtered()
                on:click=move |_| {
                    view.update(|s| s.filters = Filters::default());
                    // The button hides itself: keep focus on what it changed.
                    if let Some(summary) = summary.get_untracked() {
                        let _ = summary.focus();
                    }
                }
            >
                "Clear filters"
            </button>
        </div>
    }
}
