//! Links to sources, opened safely in a new tab: what every fact cites.

use crate::citation::Link;
use crate::model::NOT_RECORDED_LABEL;
use leptos::prelude::*;

/// Source links, opened safely in a new tab, named by their title, or by
/// their site only where space is short; "Not recorded" when there are none.
pub fn source_links(links: &[Link], short: bool) -> AnyView {
    if links.is_empty() {
        return view! { <span>{NOT_RECORDED_LABEL}</span> }.into_any();
    }
    let items = links
        .iter()
        .map(|s| {
            let text = if short { s.site().to_string() } else { s.title.clone() };
            // Who says it and when, and whether this is the publisher's own page.
            let about = (!short).then(|| {
                let mut parts: Vec<String> = s.byline.iter().cloned().collect();
                if s.mirror {
                    parts.push("a copy on a document-sharing site".into());
                }
                (!parts.is_empty()).then(|| view! { <span class="byline">{format!(" — {}", parts.join("; "))}</span> })
            });
            // Where in the source the fact is stated: worth its space even
            // where space is short, since a reader checks the fact there.
            let locator = s
                .locator
                .clone()
                .map(|l| view! { <span class="locator">{format!(" — {l}")}</span> });
            view! {
                <li>
                    <a href=s.url.clone() title=s.url.clone() target="_blank" rel="noopener noreferrer">
                        {text}
                    </a>
                    {about}
                    {locator}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="links">{items}</ul> }.into_any()
}
