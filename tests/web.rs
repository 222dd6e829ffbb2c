//! Components in headless Chromium (wasm-bindgen-test): the map, the legend
//! and the panel, mounted over the small fixture data.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    reason = "a test should fail loudly on a bad fixture"
)]

use concordat_map::model::{self, MapModel};
use concordat_map::ui::state::ViewCtx;
use concordat_map::ui::{Explorer, Legend, RenderedPaths};
use leptos::prelude::*;
use leptos::task::tick;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The atlas made from fixtures/areas.geojson (a core test keeps it so).
const GEOMETRY: &str = include_str!("fixtures/atlas.json");
const DATASET: &str = include_str!("fixtures/concordat.json");

fn fixture_model() -> Arc<MapModel> {
    Arc::new(model::from_texts(GEOMETRY, DATASET).unwrap())
}

/// A fresh element in the page to mount into.
fn container() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

fn dispatch(target: &Element, event: web_sys::Event) {
    target.dispatch_event(&event).unwrap();
}

/// A primary-button click, as a mouse makes. Events are delegated to the
/// document, so they must bubble.
fn click(target: &Element) {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    dispatch(
        target,
        web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init)
            .unwrap()
            .into(),
    );
}

fn key(target: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_bubbles(true);
    init.set_key(key);
    dispatch(
        target,
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
            .unwrap()
            .into(),
    );
}

#[wasm_bindgen_test]
async fn map_draws_each_area_with_its_status() {
    let root = container();
    let model = fixture_model();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;

    let svg = find(&root, "svg#map");
    assert_eq!(svg.get_attribute("data-ready").as_deref(), Some("true"));
    assert_eq!(
        root.query_selector_all("path[data-area]").unwrap().length(),
        3
    );
    let status = |code: &str| {
        find(&root, &format!("path[data-area='{code}']"))
            .get_attribute("data-status")
            .unwrap()
    };
    assert_eq!(status("E10000030"), "plan");
    assert_eq!(status("E10000013"), "declared");
    assert_eq!(status("E10000016"), "none");
    let surrey = find(&root, "path[data-area='E10000030']");
    assert_eq!(
        surrey.get_attribute("aria-label").as_deref(),
        Some("Surrey: Action plan agreed")
    );
    assert!(surrey.get_attribute("d").unwrap().starts_with('m'));
    let marks = web_sys::window()
        .unwrap()
        .performance()
        .unwrap()
        .get_entries_by_name("map-ready");
    assert!(marks.length() >= 1, "no map-ready mark");
}

/// A page rendered at build time, as far as the map's paths go: one path
/// per code in a link to its page, each marked so that adoption can be
/// seen, all drawn "none".
fn rendered_page(codes: &[String]) -> Element {
    let page = container();
    let paths: String = codes
        .iter()
        .map(|code| {
            format!(
                "<a href=\"/area/{code}\" tabindex=\"-1\"><path d=\"m0 0h1\" data-area=\"{code}\" \
                 data-status=\"none\" data-built=\"yes\"></path></a>"
            )
        })
        .collect();
    page.set_inner_html(&format!("<svg><g class=\"areas\">{paths}</g></svg>"));
    page.into()
}

/// The explorer over the fixture, mounted where a page rendered with paths
/// for `codes` is there to adopt: the mount's root, that page, and the
/// mount (kept alive by the caller).
async fn mount_over_rendered(codes: &[String]) -> (HtmlElement, Element, impl Sized + use<>) {
    let root = container();
    let model = fixture_model();
    let page = rendered_page(codes);
    let rendered = page.clone();
    let mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(RenderedPaths::in_page(&rendered));
        view! { <Explorer model /> }
    });
    tick().await;
    (root, page, mounted)
}

fn fixture_codes() -> Vec<String> {
    fixture_model()
        .areas
        .iter()
        .map(|a| a.code.clone())
        .collect()
}

#[wasm_bindgen_test]
async fn the_map_adopts_the_paths_rendered_at_build_time_and_updates_them() {
    let (root, page, _mounted) = mount_over_rendered(&fixture_codes()).await;

    // The very nodes, moved out of their links: none left behind, none
    // made anew, and the links gone (the live map is one tab stop).
    assert_eq!(page.query_selector_all("path, a").unwrap().length(), 0);
    assert_eq!(root.query_selector_all("svg#map a").unwrap().length(), 0);
    let live = root.query_selector_all("svg#map path[data-area]").unwrap();
    assert_eq!(live.length(), 3);
    assert_eq!(
        root.query_selector_all("svg#map path[data-built]")
            .unwrap()
            .length(),
        3
    );
    // ...and brought to the view's state, whatever the page said.
    let surrey = find(&root, "path[data-area='E10000030']");
    assert_eq!(surrey.get_attribute("data-status").as_deref(), Some("plan"));
    assert_eq!(
        surrey.get_attribute("aria-label").as_deref(),
        Some("Surrey: Action plan agreed")
    );
    // A control of the live map, in its one tab stop's roving order.
    assert_eq!(surrey.get_attribute("role").as_deref(), Some("button"));
    assert!(surrey.get_attribute("tabindex").is_some());
    click(&surrey);
    tick().await;
    assert!(text(&root, ".panel h2").contains("Surrey"));
}

#[wasm_bindgen_test]
async fn paths_of_other_areas_are_not_adopted() {
    let mut codes = fixture_codes();
    codes.reverse();
    let (root, page, _mounted) = mount_over_rendered(&codes).await;

    assert_eq!(page.query_selector_all("path").unwrap().length(), 3);
    assert_eq!(
        root.query_selector_all("svg#map path[data-area]")
            .unwrap()
            .length(),
        3
    );
    assert_eq!(
        root.query_selector_all("svg#map path[data-built]")
            .unwrap()
            .length(),
        0
    );
}

/// The legend alone, over a view state of its own.
fn legend(model: Arc<MapModel>) -> impl IntoView {
    ViewCtx::provide_local(model);
    view! { <Legend /> }
}

#[wasm_bindgen_test]
async fn legend_shows_each_status_by_word_colour_and_count() {
    let root = container();
    let model = fixture_model();
    let _mounted = leptos::mount::mount_to(root.clone(), move || legend(model));
    tick().await;

    let rows = root.query_selector_all(".legend li").unwrap();
    assert_eq!(rows.length(), 3);
    assert_eq!(
        text(&root, "li[data-status='plan'] button"),
        "Action plan agreed1 of 3"
    );
    assert_eq!(
        text(&root, "li[data-status='none'] .label"),
        "No declaration yet"
    );
    assert_eq!(text(&root, "li[data-status='none'] .count"), "1 of 3");
    let swatch = find(&root, "li[data-status='declared'] .swatch rect");
    assert_eq!(
        swatch.get_attribute("fill").as_deref(),
        Some("url(#swatch-declared)")
    );
    assert_eq!(text(&root, "#legend-title"), "Progress at 31 December 2014");
}

#[wasm_bindgen_test]
async fn legend_counts_areas_the_dataset_does_not_cover() {
    let root = container();
    let geometry = GEOMETRY.replace("E10000016", "E06000999");
    let model = Arc::new(model::from_texts(&geometry, DATASET).unwrap());
    let _mounted = leptos::mount::mount_to(root.clone(), move || legend(model));
    tick().await;
    assert_eq!(
        text(&root, "li[data-status='not-recorded'] .count"),
        "Not recorded — 1 of 3"
    );
}

#[wasm_bindgen_test]
async fn clicking_an_area_opens_its_panel_and_close_returns_to_the_hint() {
    let root = container();
    let model = fixture_model();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;
    assert!(text(&root, ".panel-hint").contains("Select an area"));

    click(&find(&root, "path[data-area='E10000030']"));
    tick().await;
    assert_eq!(text(&root, ".panel h2"), "Surrey");
    let details = text(&root, ".panel dl");
    for expected in [
        "South East",
        "Action plan agreed",
        "December 2014",
        "jonrouse.blog.gov.uk",
    ] {
        assert!(
            details.contains(expected),
            "{expected:?} not in {details:?}"
        );
    }
    let link = find(&root, ".panel dd a");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://jonrouse.blog.gov.uk/2014/12/31/concordat-map")
    );
    assert_eq!(
        link.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );

    click(&find(&root, ".panel .close"));
    tick().await;
    assert!(root.query_selector(".panel").unwrap().is_none());
    assert!(text(&root, ".panel-hint").contains("Select an area"));
}

#[wasm_bindgen_test]
async fn keyboard_selects_and_escape_clears() {
    let root = container();
    let model = fixture_model();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;

    let kent = find(&root, "path[data-area='E10000016']");
    key(&kent, "Enter");
    tick().await;
    assert_eq!(text(&root, ".panel h2"), "Kent");
    // Kent has no event: its date and source are honestly unknown.
    assert!(text(&root, ".panel dl").contains("Not recorded"));
    assert!(
        find(&root, "path[data-area='E10000016']")
            .class_list()
            .contains("selected")
    );

    key(&kent, "Escape");
    tick().await;
    assert!(root.query_selector(".panel").unwrap().is_none());
}

/// The area's sheet (a phone's, but its state is the component's at any
/// width): the handle expands it; Escape folds it first and closes the
/// area next; another area opens as a peek.
#[wasm_bindgen_test]
async fn the_sheet_expands_and_escape_folds_it_before_closing() {
    let root = container();
    let model = fixture_model();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;
    let expanded =
        |root: &Element| find(root, ".panel .sheet-handle").get_attribute("aria-expanded");

    let kent = find(&root, "path[data-area='E10000016']");
    key(&kent, "Enter");
    tick().await;
    let handle = find(&root, ".panel .sheet-handle");
    assert_eq!(handle.tag_name(), "BUTTON");
    assert_eq!(expanded(&root).as_deref(), Some("false"));
    click(&handle);
    tick().await;
    assert_eq!(expanded(&root).as_deref(), Some("true"));

    key(&kent, "Escape");
    tick().await;
    assert_eq!(
        text(&root, ".panel h2"),
        "Kent",
        "Escape folded the sheet, not the area"
    );
    assert_eq!(expanded(&root).as_deref(), Some("false"));

    click(&find(&root, ".panel .sheet-handle"));
    tick().await;
    key(&find(&root, "path[data-area='E10000030']"), "Enter");
    tick().await;
    assert_eq!(text(&root, ".panel h2"), "Surrey");
    assert_eq!(
        expanded(&root).as_deref(),
        Some("false"),
        "another area opens as a peek"
    );

    key(&kent, "Escape");
    tick().await;
    assert!(root.query_selector(".panel").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn data_problems_are_listed_and_the_map_still_draws() {
    let root = container();
    let dataset = DATASET.replace(
        "\"areas\": [\"E10000030\"]",
        "\"areas\": [\"E10000030\", \"E10000099\"]",
    );
    let model = Arc::new(model::from_texts(GEOMETRY, &dataset).unwrap());
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;
    let notice = text(&root, ".notice.warning");
    assert!(notice.contains("1 problem"), "{notice}");
    assert!(
        notice.contains("events[1].areas[1]: unknown area code E10000099"),
        "{notice}"
    );
    assert_eq!(
        root.query_selector_all("path[data-area]").unwrap().length(),
        3
    );
}

#[wasm_bindgen_test]
async fn hover_and_focus_show_the_same_tooltip() {
    let root = container();
    let model = fixture_model();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;
    assert!(root.query_selector(".tooltip").unwrap().is_none());

    let glos = find(&root, "path[data-area='E10000013']");
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_client_x(50);
    init.set_client_y(50);
    dispatch(
        &glos,
        web_sys::MouseEvent::new_with_mouse_event_init_dict("mousemove", &init)
            .unwrap()
            .into(),
    );
    tick().await;
    let hovered = text(&root, ".tooltip");
    assert_eq!(hovered, "GloucestershireDeclaration made");
    // Leaving the map (the group of areas) hides it.
    dispatch(
        &find(&root, "svg#map g.areas"),
        web_sys::Event::new("mouseleave").unwrap(),
    );
    tick().await;
    assert!(root.query_selector(".tooltip").unwrap().is_none());

    let glos: web_sys::SvgElement = glos.unchecked_into();
    glos.focus().unwrap();
    tick().await;
    assert_eq!(text(&root, ".tooltip"), hovered);
    glos.blur().unwrap();
    tick().await;
    assert!(root.query_selector(".tooltip").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_panel_shows_the_group_its_siblings_signatories_and_themes() {
    let root = container();
    let model = fixture_model();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;
    click(&find(&root, "path[data-area='E10000030']"));
    tick().await;

    assert_eq!(
        text(&root, ".panel .group h3"),
        "Surrey and Gloucestershire"
    );
    let signatories = text(&root, ".panel .signatories");
    for expected in [
        "Signatories (2)",
        "may be partial",
        "Local authority (1)",
        "Surrey County Council",
    ] {
        assert!(
            signatories.contains(expected),
            "{expected:?} not in {signatories:?}"
        );
    }
    let themes = text(&root, ".panel .themes");
    assert!(
        themes.contains("Urgent and emergency access to crisis care (1)"),
        "{themes}"
    );
    assert!(themes.contains("Street triage"), "{themes}");
    let history = text(&root, ".panel .history");
    assert!(
        history.contains("October 2015 — Plan version: 2015-10 (update)"),
        "{history}"
    );
    assert!(
        history.contains("Date not recorded — Declaration"),
        "{history}"
    );
    // Each fact with its own sources; an inferred membership says so.
    assert!(!text(&root, ".panel .history li .links a").is_empty());
    // The date the map shows is marked among the dates; later ones dimmed.
    assert_eq!(
        text(&root, ".panel .history li.shown-date"),
        "31 December 2014 — the date the map shows"
    );
    assert!(text(&root, ".panel .history li.later").contains("Plan version: 2015-10"));
    // ...and where in the source it is stated, where recorded.
    assert_eq!(
        text(&root, ".panel .history li.later .locator"),
        " — its title page"
    );
    assert_eq!(text(&root, ".panel .themes li .locator"), " — section 2");
    assert!(!text(&root, ".panel .signatories li .links a").is_empty());
    assert!(!text(&root, ".panel .themes li .links a").is_empty());
    assert_eq!(
        text(&root, ".panel .group .inferred"),
        "Areas inferred, not stated: an invented reason."
    );

    // A sibling is a control that selects that area.
    click(&find(&root, ".panel .siblings a"));
    tick().await;
    assert_eq!(text(&root, ".panel h2"), "Gloucestershire");
    assert!(
        find(&root, "path[data-area='E10000013']")
            .class_list()
            .contains("selected")
    );
}

/// For paper: every source the panel links is listed once with its
/// address, the page's address is there, and "Print this area" is a button
/// the page's script (boot.js) prints from.
#[wasm_bindgen_test]
async fn the_panel_lists_every_source_for_paper_and_offers_to_print() {
    let root = container();
    let model = fixture_model();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;
    click(&find(&root, "path[data-area='E10000030']"));
    tick().await;

    let links = root
        .query_selector_all(".panel .links a, .panel dd a[href^='http']")
        .unwrap();
    let mut linked: Vec<String> = (0..links.length())
        .filter_map(|i| links.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    let cited = linked.len();
    linked.sort();
    linked.dedup();
    // The fixture's one source, cited for several facts: listed once.
    assert!(!linked.is_empty() && cited > linked.len(), "{linked:?}");
    let items = root
        .query_selector_all(".panel .printed-sources li")
        .unwrap();
    let listed: Vec<String> = (0..items.length())
        .filter_map(|i| items.item(i))
        .filter_map(|n| n.text_content())
        .collect();
    assert_eq!(listed.len(), linked.len(), "{listed:?} for {linked:?}");
    for url in &linked {
        let times = listed.iter().filter(|l| l.ends_with(url.as_str())).count();
        assert_eq!(times, 1, "{url} listed {times} times in {listed:?}");
    }
    assert!(
        text(&root, ".view-address").ends_with("/area/E10000030"),
        "{}",
        text(&root, ".view-address")
    );
    let print = find(&root, ".panel button.print-area");
    assert_eq!(print.text_content().unwrap(), "Print this area");
    assert!(print.has_attribute("data-print"));
}

#[wasm_bindgen_test]
async fn an_area_without_local_facts_says_not_recorded() {
    let root = container();
    let model = fixture_model();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;
    // Kent: a declaration of its own, but no group, signatories or themes.
    click(&find(&root, "path[data-area='E10000016']"));
    tick().await;
    for section in [".group", ".signatories", ".themes"] {
        let content = text(&root, &format!(".panel {section}"));
        assert!(content.contains("Not recorded"), "{section}: {content:?}");
    }
    assert_eq!(text(&root, ".panel .signatories h3"), "Signatories (0)");
}

#[wasm_bindgen_test]
async fn a_signatory_says_what_it_signed_and_a_theme_stays_in_its_plans_scope() {
    let root = container();
    let data = DATASET
        .replace(
            "\"name\": \"Surrey County Council\", \"kind\": \"local_authority\",",
            "\"name\": \"Surrey County Council\", \"kind\": \"local_authority\", \"signed\": \"plan\",",
        )
        .replace(
            "{\"group\": \"south\", \"theme\": \"street_triage\",",
            "{\"group\": \"south\", \"theme\": \"street_triage\", \"areas\": [\"E10000013\"],",
        );
    assert_eq!(data.matches("\"signed\"").count(), 1, "the fixture changed");
    assert!(
        data.contains("\"areas\": [\"E10000013\"],"),
        "the fixture changed"
    );
    let model = Arc::new(model::from_texts(GEOMETRY, &data).unwrap());
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;
    click(&find(&root, "path[data-area='E10000030']"));
    tick().await;
    let signatories = text(&root, ".panel .signatories");
    assert!(
        signatories.contains("Surrey County Council — signed the action plan"),
        "{signatories:?}"
    );
    // Surrey's group has a plan for Gloucestershire only: not Surrey's theme.
    let themes = text(&root, ".panel .themes");
    assert!(!themes.contains("Street triage"), "{themes:?}");
    click(&find(&root, "path[data-area='E10000013']"));
    tick().await;
    assert!(text(&root, ".panel .themes").contains("Street triage"));
}

#[wasm_bindgen_test]
async fn an_area_with_no_local_record_says_so_once() {
    let root = container();
    // Kent without its declaration: nothing local recorded at all.
    let data = DATASET.replace(
        "\"id\": \"kent-declaration\"",
        "\"id\": \"kent-national\", \"national\": true",
    );
    assert_ne!(
        data, DATASET,
        "the fixture has no kent-declaration to change"
    );
    let model = Arc::new(model::from_texts(GEOMETRY, &data).unwrap());
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;
    click(&find(&root, "path[data-area='E10000016']"));
    tick().await;
    let content = text(&root, ".panel .group");
    assert!(
        content.contains("No local record found; the status comes from the national statements."),
        "{content:?}"
    );
    // Not a group and two lists, all empty.
    let panel = find(&root, ".panel");
    for section in [".signatories", ".themes"] {
        assert!(
            panel.query_selector(section).unwrap().is_none(),
            "{section} shown"
        );
    }
}

#[wasm_bindgen_test]
async fn focus_moves_into_the_panel_and_back_and_escape_works_anywhere() {
    let root = container();
    let model = fixture_model();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;
    let document = web_sys::window().unwrap().document().unwrap();
    let surrey: web_sys::SvgElement = find(&root, "path[data-area='E10000030']").unchecked_into();
    surrey.focus().unwrap();
    key(&surrey, "Enter");
    tick().await;
    tick().await;
    let active = document.active_element().unwrap();
    assert_eq!(active.id(), "panel-title", "focus is in the panel");
    // The group's other area is outlined on the map; others are not.
    assert!(
        find(&root, "path[data-area='E10000013']")
            .class_list()
            .contains("sibling")
    );
    assert!(
        !find(&root, "path[data-area='E10000016']")
            .class_list()
            .contains("sibling")
    );

    // Escape from inside the panel closes it, and focus returns to Surrey.
    key(&active, "Escape");
    tick().await;
    tick().await;
    assert!(root.query_selector(".panel").unwrap().is_none());
    let back = document.active_element().unwrap();
    assert_eq!(
        back.get_attribute("data-area").as_deref(),
        Some("E10000030")
    );
    assert!(
        !find(&root, "path[data-area='E10000013']")
            .class_list()
            .contains("sibling")
    );
}

/// The fill of `selector`'s element.
fn fill(root: &Element, selector: &str) -> String {
    find(root, selector)
        .get_attribute("fill")
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn each_status_has_the_same_colour_pattern_and_word_everywhere() {
    let root = container();
    let model = fixture_model();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;
    let mut marks = Vec::new();
    for (status, colour) in [
        ("none", "#cccccc"),
        ("declared", "#f2b134"),
        ("plan", "#1e7b3c"),
    ] {
        // One pattern for the map, one for swatches: the same colour and marks.
        let map = find(&root, &format!("pattern#pattern-{status}"));
        let swatch = find(&root, &format!("pattern#swatch-{status}"));
        assert_eq!(fill(&map, "rect"), colour);
        assert_eq!(fill(&swatch, "rect"), colour);
        let mark = map.last_element_child().unwrap().outer_html();
        assert_eq!(mark, swatch.last_element_child().unwrap().outer_html());
        marks.push(mark);
        assert_eq!(
            fill(&root, &format!("li[data-status='{status}'] .swatch rect")),
            format!("url(#swatch-{status})")
        );
    }
    marks.sort();
    marks.dedup();
    assert_eq!(marks.len(), 3, "each status has its own pattern");
    // Map, tooltip and panel agree for Gloucestershire (declared).
    let shape = find(&root, "path[data-area='E10000013']");
    assert_eq!(
        fill(&root, "path[data-area='E10000013']"),
        "url(#pattern-declared)"
    );
    shape
        .clone()
        .unchecked_into::<web_sys::SvgElement>()
        .focus()
        .unwrap();
    tick().await;
    assert_eq!(
        fill(&root, ".tooltip .swatch rect"),
        "url(#swatch-declared)"
    );
    assert!(text(&root, ".tooltip").contains("Declaration made"));
    click(&shape);
    tick().await;
    assert_eq!(
        fill(&root, ".panel .status .swatch rect"),
        "url(#swatch-declared)"
    );
    assert_eq!(text(&root, ".panel .status"), "Declaration made");
}

/// The signatories section of Surrey's panel, over a variant of the fixture.
async fn surrey_signatories(dataset: &str) -> String {
    let root = container();
    let model = Arc::new(model::from_texts(GEOMETRY, dataset).unwrap());
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;
    click(&find(&root, "path[data-area='E10000030']"));
    tick().await;
    text(&root, ".panel .signatories")
}

#[wasm_bindgen_test]
async fn a_complete_list_names_the_missing_core_agencies() {
    let complete = DATASET.replacen(
        "\"id\": \"south\",",
        "\"id\": \"south\", \"signatories_complete\": true,",
        1,
    );
    assert_ne!(complete, DATASET, "the fixture has no group south");
    let signatories = surrey_signatories(&complete).await;
    assert!(
        signatories.contains("Missing core agencies: Police force."),
        "{signatories:?}"
    );
    assert!(!signatories.contains("may be partial"), "{signatories:?}");

    // Complete with every core agency: nothing is flagged.
    let all = complete.replacen("\"kind\": \"voluntary_sector\"", "\"kind\": \"police\"", 1);
    assert_ne!(
        all, complete,
        "the fixture has no voluntary sector signatory"
    );
    let signatories = surrey_signatories(&all).await;
    assert!(
        signatories.contains("Every core agency signed."),
        "{signatories:?}"
    );
    assert!(!signatories.contains("Missing"), "{signatories:?}");
    // Partial (the fixture as it is): a caveat, never a claim of absence.
    let signatories = surrey_signatories(DATASET).await;
    assert!(signatories.contains("may be partial"), "{signatories:?}");
    assert!(!signatories.contains("Missing"), "{signatories:?}");
}

fn input(target: &Element, value: &str) {
    target
        .clone()
        .unchecked_into::<web_sys::HtmlInputElement>()
        .set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    dispatch(
        target,
        web_sys::Event::new_with_event_init_dict("input", &init).unwrap(),
    );
}

#[wasm_bindgen_test]
async fn search_offers_areas_and_groups_and_opens_the_chosen_one() {
    let root = container();
    let model = fixture_model();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;
    let field = find(&root, "#search-input");
    assert_eq!(field.get_attribute("role").as_deref(), Some("combobox"));
    assert_eq!(
        field.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    input(&field, "sur");
    tick().await;
    let options: Vec<String> = (0..2)
        .map(|i| text(&root, &format!("#search-option-{i} .label")))
        .collect();
    assert_eq!(options, ["Surrey", "Surrey and Gloucestershire"]);
    assert_eq!(
        field.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(text(&root, ".search [role='status']"), "2 results");
    key(&field, "ArrowDown");
    key(&field, "ArrowDown");
    tick().await;
    assert_eq!(
        field.get_attribute("aria-activedescendant").as_deref(),
        Some("search-option-1")
    );
    assert_eq!(
        find(&root, "#search-option-1")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );
    // The group opens at its first area by name, whose panel shows the group.
    key(&field, "Enter");
    tick().await;
    assert_eq!(text(&root, ".panel h2"), "Gloucestershire");
    assert_eq!(
        field.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );

    input(&field, "nowhere");
    tick().await;
    assert_eq!(text(&root, ".search [role='status']"), "No results");
    assert!(root.query_selector("[role='option']").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_map_is_one_tab_stop_and_selection_zooms() {
    let root = container();
    let model = fixture_model();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;
    let stops = root
        .query_selector_all("svg#map path[tabindex='0']")
        .unwrap();
    assert_eq!(stops.length(), 1);
    let viewport = find(&root, "svg#map .viewport");
    let style = || viewport.get_attribute("style").unwrap_or_default();
    // No transform for the whole of England; else the browser's own form.
    let unzoomed = || !style().contains("scale(") || style().contains("scale(1)");
    assert!(unzoomed(), "{}", style());
    let reset = find(&root, ".map-controls .reset");
    assert!(reset.has_attribute("disabled"));
    // Kent: the map zooms in and the reset control wakes up.
    key(&find(&root, "path[data-area='E10000016']"), "Enter");
    tick().await;
    assert!(!unzoomed(), "{}", style());
    assert!(!reset.has_attribute("disabled"));
    let kent = find(&root, "path[data-area='E10000016']");
    assert_eq!(kent.get_attribute("tabindex").as_deref(), Some("0"));
    let region = || {
        find(&root, "#zoom-region")
            .unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    };
    tick().await;
    assert_eq!(region(), "selection", "the select says what the map shows");
    click(&reset);
    tick().await;
    assert_eq!(region(), "");
    assert!(unzoomed(), "{}", style());
    assert_eq!(
        text(&root, ".panel h2"),
        "Kent",
        "resetting the zoom keeps the panel"
    );
}

/// `data-match` of each area's shape, in the fixture's order.
fn matches(root: &Element) -> Vec<String> {
    ["E10000030", "E10000013", "E10000016"]
        .iter()
        .map(|code| {
            find(root, &format!("path[data-area='{code}']"))
                .get_attribute("data-match")
                .unwrap_or_default()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_legend_filters_the_map_and_counts_within_the_other_filters() {
    let root = container();
    let model = fixture_model();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;
    assert_eq!(matches(&root), ["true", "true", "true"]);
    assert_eq!(text(&root, "#summary"), "All 3 areas");
    let plan = find(&root, "li[data-status='plan'] button");
    assert_eq!(plan.get_attribute("aria-pressed").as_deref(), Some("false"));
    click(&plan);
    tick().await;
    assert_eq!(plan.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(matches(&root), ["true", "false", "false"]);
    assert!(
        find(&root, "path[data-area='E10000013']")
            .class_list()
            .contains("muted")
    );
    assert_eq!(text(&root, "#summary"), "1 of 3 areas: action plan agreed");
    // A region narrows the others; each status counts within it.
    // A real click, so that the checkbox's own behaviour runs.
    find(&root, ".filters input[type='checkbox']")
        .unchecked_into::<HtmlElement>()
        .click();
    tick().await;
    assert_eq!(text(&root, "li[data-status='none'] .count"), "1 of 2");
    assert_eq!(text(&root, "li[data-status='plan'] .count"), "1 of 2");
    assert_eq!(text(&root, "li[data-status='declared'] .count"), "0 of 2");
    assert_eq!(
        text(&root, "#summary"),
        "1 of 3 areas: South East, action plan agreed"
    );
    // Only what the filters show is in the tab order: Surrey.
    let stops = root
        .query_selector_all("svg#map path[tabindex='0']")
        .unwrap();
    assert_eq!(stops.length(), 1);
    assert_eq!(
        find(&root, "svg#map path[tabindex='0']")
            .get_attribute("data-area")
            .as_deref(),
        Some("E10000030")
    );
    click(&find(&root, ".summary .clear"));
    tick().await;
    assert_eq!(matches(&root), ["true", "true", "true"]);
    assert_eq!(plan.get_attribute("aria-pressed").as_deref(), Some("false"));
}

/// The area codes of the table's rows, in order.
fn table_rows(root: &Element) -> Vec<String> {
    let rows = root.query_selector_all("table tr[data-area]").unwrap();
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .filter_map(|e| e.get_attribute("data-area"))
        .collect()
}

#[wasm_bindgen_test]
async fn the_table_shows_the_same_areas_sorts_and_opens_the_panel() {
    let root = container();
    let model = fixture_model();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <Explorer model /> });
    tick().await;
    assert!(root.query_selector("table.areas-table").unwrap().is_none());
    let toggle = find(&root, ".view-toggle");
    click(&toggle);
    tick().await;
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    // By name: Gloucestershire, Kent, Surrey.
    assert_eq!(table_rows(&root), ["E10000013", "E10000016", "E10000030"]);
    let area_heading = find(&root, "thead th:first-child");
    assert_eq!(
        area_heading.get_attribute("aria-sort").as_deref(),
        Some("ascending")
    );
    let status = find(&root, "thead th:nth-child(3)");
    assert!(!status.has_attribute("aria-sort"));
    click(&find(&root, "thead th:nth-child(3) button"));
    tick().await;
    assert_eq!(
        status.get_attribute("aria-sort").as_deref(),
        Some("ascending")
    );
    assert!(!area_heading.has_attribute("aria-sort"));
    assert_eq!(table_rows(&root), ["E10000016", "E10000013", "E10000030"]);
    click(&find(&root, "thead th:nth-child(3) button"));
    tick().await;
    assert_eq!(
        status.get_attribute("aria-sort").as_deref(),
        Some("descending")
    );
    assert_eq!(table_rows(&root), ["E10000030", "E10000013", "E10000016"]);
    let cell = text(&root, "tr[data-area='E10000030'] td[data-status='plan']");
    assert_eq!(cell, "Action plan agreed");
    // The legend filters the table too.
    click(&find(&root, "li[data-status='plan'] button"));
    tick().await;
    assert_eq!(table_rows(&root), ["E10000030"]);
    click(&find(&root, "tr[data-area='E10000030'] th a"));
    tick().await;
    assert_eq!(text(&root, ".panel h2"), "Surrey");
}
