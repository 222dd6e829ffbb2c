//! The view as a picture: one self-contained SVG document (no fonts, styles
//! or images from elsewhere; the statuses' patterns inlined) with the map at
//! the view's zoom, areas the filters leave out muted, the view's words and
//! date, the legend with its counts and patterns, where the sources are and
//! the boundaries' attribution. For a report or a slide: the downloads write
//! it (and draw it on a canvas for a PNG). The pages' preview cards (`card`)
//! are written from the same parts, so that the two never drift.

use crate::colour::{NOT_RECORDED_FILL, NOT_RECORDED_YET_FILL, NOT_RECORDED_YET_INK};
use crate::geo::zoom_box;
use crate::model::{
    MapModel, NOT_RECORDED_ID, NOT_RECORDED_LABEL, NOT_RECORDED_YET_ID, NOT_RECORDED_YET_LABEL,
    StatusCounts,
};
use crate::pages::{ATTRIBUTION, IMAGE_SIZE, Page, SITE_NAME, Subject, escape};
use crate::timeline::Snapshot;
use std::fmt::Write;

/// The picture's size in CSS pixels: 4:3, for a slide or half a page.
pub const SIZE: (f64, f64) = (1200.0, 900.0);
const INK: &str = "#111111";
const MUTED: &str = "#4a4a4a";
const FONT: &str = "DejaVu Sans, Verdana, Arial, sans-serif";
/// The map's box: x, y, width, height.
const MAP: [f64; 4] = [24.0, 120.0, 700.0, 650.0];
/// Where the legend's words start.
const LEGEND_X: f64 = 760.0;
/// How a muted area (one the filters leave out) is drawn: faintly.
pub const MUTED_OPACITY: &str = "0.22";

/// What the picture shows: the view as the page has it.
pub struct View<'a> {
    pub model: &'a MapModel,
    pub snapshot: &'a Snapshot,
    /// Per area, whether the filters show it; the others are muted.
    pub shown: &'a [bool],
    /// The legend's numbers, among the areas the other filters show.
    pub counts: &'a StatusCounts,
    /// An open area, outlined.
    pub selected: Option<usize>,
    /// Region codes the view is zoomed to (empty: all of England).
    pub regions: &'a [String],
    /// The view in words, as the page's summary line says it.
    pub title: &'a str,
    /// This view's own address, where the full list of sources is.
    pub url: &'a str,
}

/// Lines of at most `width` characters, broken between words (a longer
/// word stands alone on its line).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// The fill of an area or swatch with this status id, its patterns' ids
/// starting `prefix`.
pub fn fill(prefix: &str, status_id: &str) -> String {
    if status_id == NOT_RECORDED_ID {
        NOT_RECORDED_FILL.into()
    } else {
        format!("url(#{prefix}{status_id})")
    }
}

/// A status's marks over its colour, in a tile of 8 × 8 units: the same
/// marks the page's swatches and map draw.
pub fn marks(pattern: &str, ink: &str) -> String {
    match pattern {
        "dots" => format!(r#"<circle cx="4" cy="4" r="1.2" fill="{ink}"></circle>"#),
        "stripes" => {
            format!(
                r#"<path d="M-1 1L1 -1M0 8L8 0M7 9L9 7" stroke="{ink}" stroke-width="1.3"></path>"#
            )
        }
        "grid" => format!(r#"<path d="M0 4H8M4 0V8" stroke="{ink}" stroke-width="0.9"></path>"#),
        _ => format!(
            r#"<path d="M0 5Q2 2 4 5T8 5" fill="none" stroke="{ink}" stroke-width="1"></path>"#
        ),
    }
}

/// "Not recorded yet": sparse grey dashes over white, as the map draws them.
pub fn unknown_marks() -> String {
    format!(
        r#"<path d="M1 7L3 5M5 3L7 1" stroke="{NOT_RECORDED_YET_INK}" stroke-width="0.8"></path>"#
    )
}

/// One `<pattern>` per status (and for "not recorded yet"), ids
/// `{prefix}{status id}`, its tile `8 / scale` units across.
fn patterns(model: &MapModel, prefix: &str, scale: f64) -> String {
    let tile = |id: &str, colour: &str, marks: String| {
        format!(
            r#"<pattern id="{prefix}{}" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="scale({:.4})"><rect width="8" height="8" fill="{}"/>{marks}</pattern>"#,
            escape(id),
            1.0 / scale,
            escape(colour)
        )
    };
    let mut out: String = model
        .statuses
        .iter()
        .map(|s| tile(&s.id, &s.colour, marks(s.pattern, s.ink)))
        .collect();
    out.push_str(&tile(
        NOT_RECORDED_YET_ID,
        NOT_RECORDED_YET_FILL,
        unknown_marks(),
    ));
    out
}

/// Lines of text from `y` down, `step` apart, at `x`.
fn lines(
    out: &mut String,
    lines: &[String],
    (x, y): (f64, f64),
    step: f64,
    style: (f64, bool, &str),
) {
    let (size, bold, fill) = style;
    let weight = if bold { "bold" } else { "normal" };
    for (i, line) in lines.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{:.1}" font-size="{size}" font-weight="{weight}" fill="{fill}">{}</text>"#,
            y + step * i as f64,
            escape(line)
        );
    }
}

/// A status's swatch (patterns `{prefix}…`) and its words, their baseline
/// at `y`, `size` pixels high.
fn swatch_row(
    out: &mut String,
    (prefix, status): (&str, &str),
    words: String,
    (x, y): (f64, f64),
    (size, bold): (f64, bool),
) {
    let _ = write!(
        out,
        r#"<rect data-status="{}" x="{x:.1}" y="{:.1}" width="{side:.1}" height="{side:.1}" fill="{}" stroke="{INK}" stroke-width="1.3"/>"#,
        escape(status),
        y - size,
        fill(prefix, status),
        side = size * 1.2,
    );
    lines(out, &[words], (x + size * 1.6, y), 0.0, (size, bold, INK));
}

/// The legend's rows, most progress first: (status id, words).
pub fn legend_rows(model: &MapModel, counts: &StatusCounts) -> Vec<(String, String)> {
    let total = counts.total;
    let mut rows: Vec<(String, String)> = model
        .statuses
        .iter()
        .zip(&counts.statuses)
        .rev()
        .map(|(s, n)| (s.id.clone(), format!("{}: {n} of {total}", s.label)))
        .collect();
    for (n, id, label) in [
        (
            counts.not_recorded_yet,
            NOT_RECORDED_YET_ID,
            NOT_RECORDED_YET_LABEL,
        ),
        (counts.not_recorded(), NOT_RECORDED_ID, NOT_RECORDED_LABEL),
    ] {
        if n > 0 {
            rows.push((id.into(), format!("{label}: {n} of {total}")));
        }
    }
    rows
}

/// The map as a picture shows it, in the box `frame` (x, y, width, height)
/// of the picture: zoomed to the open area or the regions, the areas the
/// filters leave out muted, the regions' areas and the open area's group
/// drawn with a stronger (the group's dashed) edge, the open area outlined.
struct MapFrame<'a> {
    model: &'a MapModel,
    snapshot: &'a Snapshot,
    shown: &'a [bool],
    selected: Option<usize>,
    regions: &'a [String],
    frame: [f64; 4],
    /// The map's box in map units.
    zoom: [f64; 4],
    /// Picture pixels per map unit: strokes and pattern tiles keep their
    /// size in the picture whatever the zoom.
    px: f64,
}

impl<'a> MapFrame<'a> {
    fn new(
        (model, snapshot): (&'a MapModel, &'a Snapshot),
        shown: &'a [bool],
        (selected, regions): (Option<usize>, &'a [String]),
        frame: [f64; 4],
    ) -> MapFrame<'a> {
        let [map_w, map_h] = model.size;
        let zoom = zoom_box(&model.view_bounds(selected, regions), map_w, map_h);
        let px = (frame[2] / zoom[2]).min(frame[3] / zoom[3]);
        MapFrame {
            model,
            snapshot,
            shown,
            selected,
            regions,
            frame,
            zoom,
            px,
        }
    }

    /// The patterns the map's fills name (`map-…`), about 9 pixels across.
    fn patterns(&self) -> String {
        patterns(self.model, "map-", self.px * 8.0 / 9.0)
    }

    fn write(&self, out: &mut String) {
        let model = self.model;
        let unit = |pixels: f64| format!("{:.2}", pixels / self.px);
        let [fx, fy, fw, fh] = self.frame;
        let [x, y, w, h] = self.zoom;
        let _ = write!(
            out,
            r#"<svg x="{fx}" y="{fy}" width="{fw}" height="{fh}" viewBox="{x:.1} {y:.1} {w:.1} {h:.1}">"#,
        );
        let siblings: Vec<&str> = self
            .selected
            .and_then(|i| model.areas.get(i))
            .map(|a| model.data.group_siblings(&a.code))
            .unwrap_or_default();
        for (i, (area, at)) in model.areas.iter().zip(&self.snapshot.areas).enumerate() {
            let shown = self.shown.get(i).copied().unwrap_or(true);
            let sibling = siblings.contains(&area.code.as_str());
            let in_regions = area
                .facts
                .region_code
                .as_ref()
                .is_some_and(|r| self.regions.contains(r));
            let edge = if sibling || in_regions { 1.8 } else { 0.7 };
            let dashes = if sibling {
                format!(r#" stroke-dasharray="{} {}""#, unit(5.0), unit(3.0))
            } else {
                String::new()
            };
            let _ = write!(
                out,
                r#"<path data-area="{}" d="{}" fill="{}" fill-opacity="{}" stroke="{INK}" stroke-width="{}"{dashes} stroke-linejoin="round"><title>{}</title></path>"#,
                escape(&area.code),
                escape(&area.path),
                fill("map-", model.status_id(at)),
                if shown { "1" } else { MUTED_OPACITY },
                unit(edge),
                escape(&area.name)
            );
        }
        if let Some(area) = self.selected.and_then(|i| model.areas.get(i)) {
            let _ = write!(
                out,
                r#"<path d="{}" fill="none" stroke="{INK}" stroke-width="{}" stroke-linejoin="round"/>"#,
                escape(&area.path),
                unit(3.5)
            );
        }
        out.push_str("</svg>");
    }
}

/// The opening of a picture `width` × `height`, its title `title`, its
/// patterns `defs`, on white; `extra` adds attributes to the root (the
/// card's `shape-rendering`).
fn open(out: &mut String, (width, height): (f64, f64), title: &str, defs: &str, extra: &str) {
    let _ = write!(
        out,
        r##"<?xml version="1.0" encoding="UTF-8"?><svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT}"{extra}><title>{}</title><defs>{defs}</defs><rect width="{width}" height="{height}" fill="#ffffff"/>"##,
        escape(title),
    );
}

/// The picture of `view`, as a standalone SVG document.
pub fn svg(view: &View) -> String {
    let model = view.model;
    let map = MapFrame::new(
        (model, view.snapshot),
        view.shown,
        (view.selected, view.regions),
        MAP,
    );
    let mut out = String::with_capacity(model.areas.len() * 400 + 4096);
    let defs = map.patterns() + &patterns(model, "key-", 0.8);
    open(&mut out, SIZE, view.title, &defs, "");
    let day = view.snapshot.day.label();
    lines(
        &mut out,
        &[format!("{} · {SITE_NAME}", model.title)],
        (24.0, 40.0),
        0.0,
        (18.0, false, MUTED),
    );
    lines(
        &mut out,
        &wrap(&format!("{} — {day}", view.title), 80),
        (24.0, 74.0),
        30.0,
        (24.0, true, INK),
    );
    map.write(&mut out);
    lines(
        &mut out,
        &[format!("Progress at {day}")],
        (LEGEND_X, 150.0),
        0.0,
        (22.0, true, INK),
    );
    for (k, (status, words)) in legend_rows(model, view.counts).into_iter().enumerate() {
        let y = 200.0 + 46.0 * k as f64;
        swatch_row(
            &mut out,
            ("key-", &status),
            words,
            (LEGEND_X, y),
            (20.0, false),
        );
    }
    let sources = format!(
        "Sources: {} public documents, each cited for its fact; the full list at {}",
        model.source_count, view.url
    );
    lines(
        &mut out,
        &wrap(&sources, 130),
        (24.0, 808.0),
        20.0,
        (14.0, false, INK),
    );
    lines(
        &mut out,
        &wrap(ATTRIBUTION, 150),
        (24.0, 852.0),
        18.0,
        (12.0, false, MUTED),
    );
    out.push_str("</svg>");
    out
}

/// The card's map box: left of its words, and square enough for England
/// in a link preview's 1.91:1.
const CARD_MAP: [f64; 4] = [28.0, 15.0, 540.0, 600.0];
/// Where the card's words start, clear of the map.
const CARD_TEXT_X: f64 = 600.0;

/// The preview image of `page` (for link previews; the build makes it a
/// PNG), as a standalone SVG document: the map at the page's view at the
/// dataset's date, the area or region outlined, beside its name, its status
/// in words and pattern (or the region's counts), the date and the
/// boundaries' attribution. Written by the same parts as the downloads.
pub fn card(model: &MapModel, page: &Page) -> String {
    let state = page.view_state();
    let snapshot = model.at(model.view_day);
    let shown = model.matching(&snapshot, &state.filters);
    let selected = match page.subject {
        Subject::Area(i) => Some(i),
        _ => None,
    };
    let map = MapFrame::new(
        (model, &snapshot),
        &shown,
        (selected, &state.filters.regions),
        CARD_MAP,
    );
    let (width, height) = IMAGE_SIZE;
    let mut out = String::with_capacity(model.areas.len() * 400 + 4096);
    let defs = map.patterns() + &patterns(model, "card-", 0.8);
    // Shapes without anti-aliasing: the image keeps to a palette of 256
    // colours or fewer, a third of the size.
    let crisp = r#" shape-rendering="crispEdges""#;
    open(
        &mut out,
        (f64::from(width), f64::from(height)),
        &page.title,
        &defs,
        crisp,
    );
    map.write(&mut out);
    let x = CARD_TEXT_X;
    lines(
        &mut out,
        &["Mental Health Crisis Care Concordat".into()],
        (x, 62.0),
        0.0,
        (24.0, true, MUTED),
    );
    lines(
        &mut out,
        &["Local progress map".into()],
        (x, 92.0),
        0.0,
        (24.0, false, MUTED),
    );
    lines(
        &mut out,
        &wrap(&page.name, 17),
        (x, 185.0),
        66.0,
        (58.0, true, INK),
    );
    match selected.and_then(|i| snapshot.areas.get(i)) {
        Some(at) => {
            let status = model.status_id(at);
            let label = model.status_label(at).to_string();
            swatch_row(&mut out, ("card-", status), label, (x, 350.0), (34.0, true));
            if let Some(when) = model.reached(at) {
                lines(
                    &mut out,
                    &wrap(&when, 34),
                    (x, 390.0),
                    34.0,
                    (26.0, false, INK),
                );
            }
        }
        None => {
            // The legend's numbers, among the areas the page's view shows.
            let counts = model.status_counts(&snapshot, &state.filters);
            for (k, (status, words)) in legend_rows(model, &counts).into_iter().enumerate() {
                let y = 330.0 + 52.0 * k as f64;
                swatch_row(&mut out, ("card-", &status), words, (x, y), (28.0, true));
            }
        }
    }
    lines(
        &mut out,
        &[format!("Where things stood on {}", snapshot.day.label())],
        (x, 540.0),
        0.0,
        (22.0, false, INK),
    );
    lines(
        &mut out,
        &wrap(ATTRIBUTION, 78),
        (x, 572.0),
        18.0,
        (13.0, false, MUTED),
    );
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::Filters;

    fn sample() -> MapModel {
        crate::model::from_texts(crate::atlas::tests::SAMPLE, crate::dataset::tests::SAMPLE)
            .unwrap()
    }

    fn picture(edit: impl FnOnce(&mut MapModel), filters: &str, at: &str) -> (MapModel, String) {
        let mut model = sample();
        edit(&mut model);
        let (filters, _) = Filters::from_pairs(&crate::query::parse(filters), &model.vocabulary);
        let day = crate::timeline::parse_at(at).unwrap();
        let snapshot = model.at(day);
        let shown = model.matching(&snapshot, &filters);
        let counts = model.status_counts(&snapshot, &filters);
        let svg = svg(&View {
            model: &model,
            snapshot: &snapshot,
            shown: &shown,
            counts: &counts,
            selected: None,
            regions: &filters.regions,
            title: "2 of 3 areas: declaration made",
            url: "https://example.org/?status=declared&at=2014-12-31",
        });
        (model, svg)
    }

    #[test]
    fn a_filtered_dated_view_is_one_well_formed_picture_of_every_area() {
        let (model, text) = picture(|_| {}, "status=declared", "2014-12-31");
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        let snapshot = model.at(crate::timeline::parse_at("2014-12-31").unwrap());
        let (filters, _) =
            Filters::from_pairs(&crate::query::parse("status=declared"), &model.vocabulary);
        let shown = model.matching(&snapshot, &filters);
        for (i, area) in model.areas.iter().enumerate() {
            let drawn: Vec<_> = doc
                .descendants()
                .filter(|n| n.attribute("data-area") == Some(area.code.as_str()))
                .collect();
            assert_eq!(drawn.len(), 1, "{} drawn once", area.code);
            let status = model.status_id(&snapshot.areas[i]);
            assert_eq!(
                drawn[0].attribute("fill"),
                Some(fill("map-", status).as_str())
            );
            let opacity = if shown[i] { "1" } else { MUTED_OPACITY };
            assert_eq!(drawn[0].attribute("fill-opacity"), Some(opacity));
            // Every fill is a pattern the picture defines itself.
            if let Some(id) = fill("map-", status).strip_prefix("url(#") {
                let id = id.trim_end_matches(')');
                assert!(
                    doc.descendants().any(|n| n.attribute("id") == Some(id)),
                    "{id}"
                );
            }
        }
        assert!(!shown.iter().all(|s| *s), "the filter mutes some areas");
        // The legend's counts are the model's.
        let counts = model.status_counts(&snapshot, &filters);
        let words: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text().map(str::to_string))
            .collect();
        for (label, n) in model
            .statuses
            .iter()
            .map(|s| &s.label)
            .zip(&counts.statuses)
        {
            let row = format!("{label}: {n} of {}", counts.total);
            assert!(words.contains(&row), "{row} not in {words:?}");
        }
        assert!(words.iter().any(|w| w.contains("31 December 2014")));
        assert!(
            words
                .iter()
                .any(|w| w.contains("https://example.org/?status=declared&at=2014-12-31"))
        );
        assert!(
            words
                .iter()
                .any(|w| w.starts_with("Boundaries: contains OS data"))
        );
        // Nothing from elsewhere: no links, fonts, styles or images.
        for n in doc.descendants() {
            assert!(!["image", "style", "link", "script", "use"].contains(&n.tag_name().name()));
            assert!(
                n.attributes()
                    .all(|a| !a.value().contains("http") || a.name() == "xmlns")
            );
        }
    }

    #[test]
    fn names_and_words_are_escaped() {
        let (_, text) = picture(
            |m| {
                m.areas[0].code = "E1<&>".into();
                m.areas[1].name = "Bath & <North> East \"Somerset\"".into();
            },
            "",
            "2014-12-31",
        );
        assert!(text.contains(r#"data-area="E1&lt;&amp;&gt;""#));
        assert!(text.contains("<title>Bath &amp; &lt;North&gt; East &quot;Somerset&quot;</title>"));
        let doc = roxmltree::Document::parse(&text).unwrap();
        assert!(doc.descendants().any(
            |n| n.has_tag_name("title") && n.text() == Some("Bath & <North> East \"Somerset\"")
        ));
    }

    /// Every text of a picture, and its paths' attributes by area code.
    fn read(text: &str) -> (Vec<String>, Vec<(String, String, String)>) {
        let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let words = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text().map(str::to_string))
            .collect();
        let paths = doc
            .descendants()
            .filter_map(|n| {
                let attr = |a: &str| n.attribute(a).unwrap_or("").to_string();
                n.attribute("data-area").map(|code| {
                    (
                        code.to_string(),
                        attr("fill-opacity"),
                        attr("stroke-dasharray"),
                    )
                })
            })
            .collect();
        (words, paths)
    }

    #[test]
    fn an_area_card_names_it_with_its_status_and_outlines_its_group() {
        let model = sample();
        let all = crate::pages::pages(&model);
        let (i, page) = all
            .iter()
            .find_map(|p| match p.subject {
                Subject::Area(i) if !model.data.group_siblings(&model.areas[i].code).is_empty() => {
                    Some((i, p))
                }
                _ => None,
            })
            .expect("an area with a group");
        let text = card(&model, page);
        let (words, paths) = read(&text);
        let at = model.at(model.view_day).areas[i];
        let name = wrap(&page.name, 17).join(" ");
        assert!(words.join(" ").contains(&name), "{name} in {words:?}");
        assert!(words.contains(&model.status_label(&at).to_string()));
        assert!(words.iter().any(|w| w.starts_with("Where things stood on")));
        assert!(
            words
                .iter()
                .any(|w| w.starts_with("Boundaries: contains OS data"))
        );
        // Every area drawn once; the siblings dashed, the others not.
        assert_eq!(paths.len(), model.areas.len());
        let siblings = model.data.group_siblings(&model.areas[i].code);
        for (code, _, dashes) in &paths {
            assert_eq!(
                siblings.contains(&code.as_str()),
                !dashes.is_empty(),
                "{code}"
            );
        }
        assert!(text.contains(r#"shape-rendering="crispEdges""#));
    }

    #[test]
    fn a_region_card_counts_its_areas_and_mutes_the_rest() {
        let model = sample();
        let page = crate::pages::pages(&model)
            .into_iter()
            .find(|p| matches!(p.subject, Subject::Region(_)))
            .expect("a region's page");
        let Subject::Region(region) = &page.subject else {
            unreachable!()
        };
        let (words, paths) = read(&card(&model, &page));
        let inside = |code: &str| {
            model
                .areas
                .iter()
                .find(|a| a.code == code)
                .and_then(|a| a.facts.region_code.as_ref())
                == Some(region)
        };
        assert!(
            paths.iter().any(|(code, _, _)| !inside(code)),
            "some outside"
        );
        for (code, opacity, _) in &paths {
            let expected = if inside(code) { "1" } else { MUTED_OPACITY };
            assert_eq!(opacity, expected, "{code}");
        }
        let state = page.view_state();
        let snapshot = model.at(model.view_day);
        let counts = model.status_counts(&snapshot, &state.filters);
        for (_, row) in legend_rows(&model, &counts) {
            assert!(words.contains(&row), "{row} in {words:?}");
        }
    }

    #[test]
    fn wraps_between_words() {
        assert_eq!(
            wrap("Bath and North East Somerset", 17),
            ["Bath and North", "East Somerset"]
        );
        assert_eq!(wrap("Kent", 17), ["Kent"]);
        assert_eq!(
            wrap("  a  verylongwordindeed b", 5),
            ["a", "verylongwordindeed", "b"]
        );
        assert!(wrap("", 10).is_empty());
    }
}
