//! The full page's frame, the same in the app and in the page rendered at
//! build time: the title above, the sources and the boundaries'
//! attribution below; and the map's introduction, which the explorer places.

use crate::citation::cite;
use crate::model::MapModel;
use leptos::prelude::*;
use std::sync::Arc;

pub const TITLE: &str = "Mental Health Crisis Care Concordat: local progress";

/// The element that holds the page rendered at build time, until the app
/// takes over.
pub const PRERENDERED_ID: &str = "prerendered";
/// The page's header: rendered at build time and kept by the app (it never
/// changes), so the page's largest text is painted once, from the HTML.
pub const HEADER_ID: &str = "site-header";

pub use crate::pages::ATTRIBUTION;

/// The names the search learns (geodata/source/places/PROVENANCE.md).
const SEARCH_ATTRIBUTION: &str = "District, council and postcode names: ONS lookups under the same \
     licence; contains Royal Mail data © Royal Mail copyright and database right 2020.";

/// The page's title in three parts: on a phone the screen shows the middle
/// ("Crisis Care Concordat") on one line, and the rest is still there for
/// screen readers and search engines (CSS hides it only visually), so the
/// heading's text is `TITLE`.
const TITLE_PARTS: (&str, &str, &str) = (
    "Mental Health ",
    "Crisis Care Concordat",
    ": local progress",
);

#[component]
pub fn SiteHeader() -> impl IntoView {
    let (start, middle, end) = TITLE_PARTS;
    view! {
        <header class="site-header" id=HEADER_ID>
            <h1>
                <span class="long-title">{start}</span>
                {middle}
                <span class="long-title">{end}</span>
            </h1>
        </header>
    }
}

/// What the map is: after the map, its legend and the open area (beside
/// the map on a wider screen), before the tools.
#[component]
pub fn Intro() -> impl IntoView {
    view! {
        <p class="lede">
            "In 2014 every upper-tier area of England was asked to make a local crisis "
            "declaration, signed by the organisations that meet people in mental health crisis, "
            "and then to agree an action plan. The map shows how far each area had got. "
            "Search for an area or choose it on the map to see who signed, what the plan "
            "covers and the sources."
        </p>
    }
}

/// Sources and attribution; the sources once the data is there. The model
/// is a prop, not read from the view state's context: the footer stands
/// outside the explorer, and shows before the data (and the context) exist.
#[component]
pub fn SiteFooter(
    #[prop(into)] model: Signal<Option<Arc<MapModel>>>,
    /// The map's home address, for the citation.
    home: String,
) -> impl IntoView {
    view! {
        <footer class="site-footer">
            {move || {
                model
                    .get()
                    .map(|m| {
                        let sources = m
                            .national_sources
                            .iter()
                            .map(|s| {
                                view! {
                                    <li>
                                        <a href=s.url.clone() rel="external noopener noreferrer">
                                            {s.title.clone()}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view();
                        let released = match &m.data.version {
                            Some(v) => format!("Data version {v}, released {}.", m.last_updated),
                            None => format!("Data last updated {}.", m.last_updated),
                        };
                        view! {
                            <h2>"Sources"</h2>
                            <p>
                                {format!(
                                    "The data is compiled from {} public sources: press releases, \
                                     council and NHS papers and local action plans. Each area's \
                                     details link the sources for that area. The national statements \
                                     come from:",
                                    m.source_count,
                                )}
                            </p>
                            <ul class="sources">{sources}</ul>
                            <p>
                                "The data behind the map, with the source of every fact: "
                                // Files, not views: the router leaves them to the browser.
                                <a href="concordat.json" rel="external">"concordat.json"</a>
                                " (its format is described with the code), or as CSV tables in a "
                                <a href=crate::pages::DATA_PACKAGE rel="external">"data package"</a>
                                " that open-data tools read (Frictionless). The data is published under "
                                <a href="https://creativecommons.org/licenses/by/4.0/" rel="external noopener noreferrer">
                                    "CC BY 4.0"
                                </a> "."
                            </p>
                            <section class="cite">
                                <h2>"How to cite this data"</h2>
                                <p class="data-version">{released}</p>
                                <p class="citation">{cite(&m.data, &home)}</p>
                            </section>
                        }
                    })
            }}
            <p class="attribution boundaries">{ATTRIBUTION}</p>
            <p class="attribution">{SEARCH_ATTRIBUTION}</p>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_is_whole_around_its_short_form() {
        let (start, middle, end) = TITLE_PARTS;
        assert_eq!(format!("{start}{middle}{end}"), TITLE);
    }
}
