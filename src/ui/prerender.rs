//! The pages as a visitor first sees them, rendered at build time from the
//! same components and the same model as the app: the national map, each
//! region's and each area's, whole before the wasm arrives (and without
//! JavaScript at all). The app swaps a page for itself once it has its data
//! (`app.rs`). Native only.

use crate::model::MapModel;
use crate::ui::Explorer;
use crate::ui::page::{PRERENDERED_ID, SiteFooter, SiteHeader};
use crate::ui::state::ViewCtx;
use crate::view_state::ViewState;
use leptos::prelude::*;
use std::sync::Arc;

/// Effects are the browser's business: at build time they never run.
struct NoEffects;

impl any_spawner::CustomExecutor for NoEffects {
    fn spawn(&self, _: any_spawner::PinnedFuture<()>) {}
    fn spawn_local(&self, _: any_spawner::PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

/// The full page's content for the view `state` at the dataset's date, as
/// HTML for index.html's body, for a site served under `base` ("" at the
/// root, or e.g. "/concordat-map").
/// `summary` is the page's sentence (`pages::Page::description`), read first
/// by a screen reader in the page's main part.
pub fn page(
    model: Arc<MapModel>,
    (base, home): (&str, &str),
    state: ViewState,
    summary: &str,
) -> String {
    let (summary, footer_home) = (summary.to_string(), home.to_string());
    render(model.clone(), (base, home), state, move || {
        let footer = Some(model.clone());
        let summary = (!summary.is_empty())
            .then(|| view! { <p id="page-summary" class="visually-hidden">{summary}</p> });
        view! {
            <SiteHeader />
            <div id=PRERENDERED_ID>
                <main id="main">{summary}<Explorer model /></main>
                <SiteFooter model=footer home=footer_home />
            </div>
        }
    })
}

/// An area of the map as the page rendered at build time draws it: a link
/// to its page around its path. Still one tab stop (the list of every area
/// is the keyboard's way in), and left to the browser: the app takes the
/// paths out of their links (`areas::adopt`).
pub fn area_link(
    href: String,
    tab_stop: bool,
    label: String,
    path: impl IntoView,
) -> impl IntoView {
    view! {
        <a href=href tabindex=if tab_stop { "0" } else { "-1" } aria-label=label>
            {path}
        </a>
    }
}

/// `content` as HTML, with the view state `state` provided.
fn render<V: IntoView + RenderHtml>(
    model: Arc<MapModel>,
    (base, home): (&str, &str),
    state: ViewState,
    content: impl FnOnce() -> V,
) -> String {
    // Already set (a second page in one process) is as good.
    let _ = any_spawner::Executor::init_custom_executor(NoEffects);
    let owner = Owner::new();
    // Rendering reads signals once, outside any effect, by design: no warnings.
    let _quiet = leptos::reactive::diagnostics::SpecialNonReactiveZone::enter();
    let html = owner.with(|| {
        let ctx = ViewCtx::provide_local_at(model, base.trim_end_matches('/').to_string(), state);
        ctx.set_origin(origin(home));
        content().to_html()
    });
    // Leptos marks places for hydration with empty comments; nothing
    // hydrates this page, so they go.
    html.replace("<!>", "")
}

/// The origin of the address `url` ("https://example.org" of
/// "https://example.org/concordat-map/").
fn origin(url: &str) -> &str {
    let host = url.find("://").map_or(0, |i| i + 3);
    url[host..].find('/').map_or(url, |end| &url[..host + end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;

    fn rendered() -> (MapModel, String) {
        let geometry = include_str!("../../geodata/areas-2014.geojson");
        let data = include_str!("../../assets/concordat.json");
        let model = model::from_geojson(geometry, "areas-2014.geojson", data)
            .unwrap_or_else(|p| panic!("{p}"));
        (
            model.clone(),
            page(
                Arc::new(model),
                ("/concordat-map/", "https://example.org/concordat-map/"),
                ViewState::default(),
                "",
            ),
        )
    }

    #[test]
    fn the_footer_says_how_to_cite_this_version_of_the_data() {
        let (model, html) = rendered();
        let version = model
            .data
            .version
            .clone()
            .expect("the shipped data has a version");
        let released = format!("Data version {version}, released {}.", model.last_updated);
        assert!(html.contains(&released), "{released}");
        let cite = crate::citation::cite(&model.data, "https://example.org/concordat-map/");
        assert!(cite.contains(&version) && cite.contains("https://example.org/concordat-map/."));
        let escaped = cite.replace('\'', "&#x27;");
        assert!(html.contains(&cite) || html.contains(&escaped), "{cite}");
        assert!(html.contains("How to cite this data"));
    }

    #[test]
    fn the_whole_national_map_is_in_the_page() {
        let (model, html) = rendered();
        assert_eq!(
            html.matches("data-match=\"true\"").count(),
            model.areas.len()
        );
        let at = model.at(model.view_day);
        for (area, at) in model.areas.iter().zip(&at.areas) {
            let status = model.status_id(at);
            assert!(
                html.contains(&format!(
                    "data-area=\"{}\" data-status=\"{status}\"",
                    area.code
                )),
                "{} is not drawn as {status}",
                area.code
            );
        }
        assert!(html.contains("fill=\"url(#pattern-plan)\""));
        assert!(html.contains("<pattern id=\"pattern-declared\""));
        // Not interactive yet: the app says when it is.
        assert!(!html.contains("data-ready"));
        // Nothing the Content Security Policy would refuse.
        let style = html
            .find("style=")
            .map(|i| &html[i.saturating_sub(80)..(i + 80).min(html.len())]);
        assert_eq!(style, None, "a style attribute");
        assert!(!html.contains("<script"));
        assert!(!html.contains("<!>"));
    }

    #[test]
    fn the_page_says_what_the_app_says_at_first() {
        let (model, html) = rendered();
        for status in &model.statuses {
            assert!(html.contains(&status.label), "{}", status.label);
        }
        assert!(html.contains(&format!("All {} areas", model.areas.len())));
        assert!(html.contains("Where things stood at"));
        assert!(html.contains("The Concordat nationally"));
        assert!(html.contains("Open Government Licence v.3.0"));
        assert!(html.contains("href=\"concordat.json\""));
        assert!(html.starts_with("<header id=\"site-header\" class=\"site-header\">"));
        assert!(html.contains("<div id=\"prerendered\"><main id=\"main\">"));
        // Links made by the app carry the site's base path.
        assert!(html.contains("href=\"/concordat-map/embed\""));
    }

    #[test]
    fn a_page_says_its_view_in_its_markup() {
        let (model, _) = rendered();
        let model = Arc::new(model);
        let state = |path: &str| ViewState::from_url(path, "", "", &model.vocabulary).0;
        let home = ("", "https://example.org/");
        let surrey = page(
            model.clone(),
            home,
            state("/area/E10000030"),
            "Surrey: said.",
        );
        assert!(surrey.contains(
            "<main id=\"main\"><p id=\"page-summary\" class=\"visually-hidden\">Surrey: said.</p>"
        ));
        assert!(surrey.contains("<h2 id=\"panel-title\" tabindex=\"-1\">Surrey</h2>"));
        assert!(
            surrey.contains("selected>The chosen area&#x27;s group</option>")
                || surrey.contains("selected>The chosen area's group</option>"),
            "the select"
        );
        assert!(
            !surrey.contains(&format!("viewBox=\"{}\"", model.view_box)),
            "not zoomed"
        );
        assert!(surrey.contains("class=\"selection\""));
        // Each area a link to its page, the path inside without a role.
        assert!(surrey.contains("<a href=\"/area/E10000016\" tabindex=\"-1\""));
        assert!(!surrey.contains("role=\"button\""));
        let north_west = page(model.clone(), home, state("/region/north-west"), "");
        assert!(north_west.contains("<option value=\"E12000002\" selected>North West</option>"));
        assert!(!north_west.contains("panel-title"));
        assert_eq!(north_west.matches(" selected").count(), 1);
    }
}
