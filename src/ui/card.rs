//! A page's preview image, as SVG (the build makes it a PNG): the map at the
//! page's view, with the area or region outlined, beside its name, its
//! status in words and pattern (or a region's counts), the date and the
//! boundaries' attribution. The same shapes, patterns and words as the
//! map. Native only: made at build time, never in the wasm.

use crate::geo::zoom_box;
use crate::model::MapModel;
use crate::pages::{IMAGE_SIZE, Page, Subject};
use crate::picture::wrap;
use crate::ui::page::ATTRIBUTION;
use crate::ui::state::use_view;
use crate::ui::swatch::{StatusPatterns, status_fill};
use leptos::prelude::*;

const INK: &str = "#111111";
const MUTED: &str = "#4a4a4a";
const FONT: &str = "DejaVu Sans, sans-serif";
/// The map's box on the card.
const MAP: [f64; 4] = [28.0, 15.0, 540.0, 600.0];
/// Where the words start, and how wide they may run.
const TEXT_X: f64 = 600.0;

/// Lines of text from `y` down, `step` apart.
fn text_lines(
    lines: Vec<String>,
    y: f64,
    step: f64,
    size: f64,
    bold: bool,
    fill: &'static str,
) -> impl IntoView {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            view! {
                <text
                    x=TEXT_X
                    y=format!("{:.1}", y + step * i as f64)
                    font-size=size
                    font-weight=if bold { "bold" } else { "normal" }
                    fill=fill
                >
                    {line}
                </text>
            }
        })
        .collect_view()
}

/// A status's swatch and words, at `y`.
fn status_row(status: String, words: String, y: f64, size: f64) -> impl IntoView {
    view! {
        <rect
            x=TEXT_X
            y=format!("{:.1}", y - size)
            width=size * 1.2
            height=size * 1.2
            fill=status_fill("card-", &status)
            stroke=INK
            stroke-width="1.5"
        ></rect>
        <text x=TEXT_X + size * 1.6 y=format!("{:.1}", y) font-size=size font-weight="bold" fill=INK>
            {words}
        </text>
    }
}

/// What the card says beside the map: an area's status, or the counts.
fn words(model: &MapModel, page: &Page) -> impl IntoView + use<> {
    let view = use_view();
    let snapshot = view.snapshot.get_untracked();
    match &page.subject {
        Subject::Area(i) => {
            let at = snapshot.areas.get(*i).copied();
            let (status, label, when) = at.map_or_else(Default::default, |at| {
                (
                    model.status_id(&at).to_string(),
                    model.status_label(&at).to_string(),
                    model.reached(&at),
                )
            });
            let when =
                when.map(|w: String| text_lines(wrap(&w, 34), 390.0, 34.0, 26.0, false, INK));
            view! { {status_row(status, label, 350.0, 34.0)} {when} }.into_any()
        }
        Subject::National | Subject::Region(_) | Subject::EmbedBuilder => {
            // The legend's numbers, among the areas the page's view shows.
            let counts = view.with_untracked(|s| model.status_counts(&snapshot, &s.filters));
            let rows = crate::picture::legend_rows(model, &counts);
            rows.into_iter()
                .enumerate()
                .map(|(k, (status, words))| {
                    status_row(status, words, 330.0 + 52.0 * k as f64, 28.0)
                })
                .collect_view()
                .into_any()
        }
    }
}

/// The preview image of `page`, as a standalone SVG document.
#[component]
pub fn Card(page: Page) -> impl IntoView {
    let view = use_view();
    let model = view.model();
    let snapshot = view.snapshot.get_untracked();
    let selected = view.selected.get_untracked();
    let regions = view.with_untracked(|s| s.filters.regions.clone());
    let [width, height] = model.size;
    let [x, y, w, h] = zoom_box(&model.view_bounds(selected, &regions), width, height);
    // On-card pixels per map unit, for strokes and pattern tiles that keep
    // their size on the card whatever the zoom.
    let px = (MAP[2] / w).min(MAP[3] / h);
    let unit = |pixels: f64| format!("{:.2}", pixels / px);
    let siblings: Vec<&str> = selected
        .and_then(|i| model.areas.get(i))
        .map(|a| model.data.group_siblings(&a.code))
        .unwrap_or_default();
    let areas = model
        .areas
        .iter()
        .zip(&snapshot.areas)
        .map(|(area, at)| {
            let outside = !regions.is_empty()
                && !area
                    .facts
                    .region_code
                    .as_ref()
                    .is_some_and(|r| regions.contains(r));
            let sibling = siblings.contains(&area.code.as_str());
            let inside = !regions.is_empty() && !outside;
            view! {
                <path
                    d=area.path.clone()
                    fill=status_fill("map-", model.status_id(at))
                    fill-opacity=if outside { "0.22" } else { "1" }
                    stroke=INK
                    stroke-width=unit(if sibling || inside { 1.8 } else { 0.7 })
                    stroke-dasharray=sibling.then(|| format!("{} {}", unit(5.0), unit(3.0)))
                    stroke-linejoin="round"
                ></path>
            }
        })
        .collect_view();
    // An area's outline; a region's areas are drawn with a darker edge
    // instead (their paths are relative: joined, they would not meet).
    let outline = selected.and_then(|i| model.areas.get(i)).map(|a| {
        view! {
            <path d=a.path.clone() fill="none" stroke=INK stroke-width=unit(3.5) stroke-linejoin="round"></path>
        }
    });
    let (card_w, card_h) = IMAGE_SIZE;
    let day = snapshot.day.label();
    view! {
        <svg
            xmlns="http://www.w3.org/2000/svg"
            width=card_w
            height=card_h
            viewBox=format!("0 0 {card_w} {card_h}")
            font-family=FONT
            // Shapes without anti-aliasing: the image keeps to a palette of
            // 256 colours or fewer, a third of the size.
            shape-rendering="crispEdges"
        >
            <defs>
                // Tiles about 9 pixels across on the map, 10 in the swatches.
                <StatusPatterns prefix="map-" scale=px * 8.0 / 9.0 />
                <StatusPatterns prefix="card-" scale=0.8 />
            </defs>
            <rect width=card_w height=card_h fill="#ffffff"></rect>
            <svg
                x=MAP[0]
                y=MAP[1]
                width=MAP[2]
                height=MAP[3]
                viewBox=format!("{x:.1} {y:.1} {w:.1} {h:.1}")
            >
                {areas}
                {outline}
            </svg>
            {text_lines(vec!["Mental Health Crisis Care Concordat".into()], 62.0, 30.0, 24.0, true, MUTED)}
            {text_lines(vec!["Local progress map".into()], 92.0, 30.0, 24.0, false, MUTED)}
            {text_lines(wrap(&page.name, 17), 185.0, 66.0, 58.0, true, INK)}
            {words(&model, &page)}
            {text_lines(vec![format!("Where things stood on {day}")], 540.0, 30.0, 22.0, false, INK)}
            {text_lines(wrap(ATTRIBUTION, 78), 572.0, 18.0, 13.0, false, MUTED)}
        </svg>
    }
}
