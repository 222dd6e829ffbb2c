//! The view as a picture: one self-contained SVG document (no fonts, styles
//! or images from elsewhere; the statuses' patterns inlined) with the map at
//! the view's zoom, areas the filters leave out muted, the view's words and
//! date, the legend with its counts and patterns, where the sources are and
//! the boundaries' attribution. For a report or a slide: the downloads write
//! it (and draw it on a canvas for a PNG), and it is the one composition a
//! build-time preview can share, so that the two never drift.

use crate::colour::{NOT_RECORDED_FILL, NOT_RECORDED_YET_FILL, NOT_RECORDED_YET_INK};
use crate::geo::zoom_box;
use crate::model::{
    MapModel, NOT_RECORDED_ID, NOT_RECORDED_LABEL, NOT_RECORDED_YET_ID, NOT_RECORDED_YET_LABEL,
    StatusCounts,
};
use crate::pages::{ATTRIBUTION, SITE_NAME, escape};
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

/// The picture of `view`, as a standalone SVG document.
pub fn svg(view: &View) -> String {
    let model = view.model;
    let (width, height) = SIZE;
    let [map_w, map_h] = model.size;
    let [x, y, w, h] = zoom_box(
        &model.view_bounds(view.selected, view.regions),
        map_w,
        map_h,
    );
    // Pixels per map unit: strokes and pattern tiles keep their size in the
    // picture whatever the zoom.
    let px = (MAP[2] / w).min(MAP[3] / h);
    let unit = |pixels: f64| format!("{:.2}", pixels / px);
    let mut out = String::with_capacity(model.areas.len() * 400 + 4096);
    let _ = write!(
        out,
        r##"<?xml version="1.0" encoding="UTF-8"?><svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT}"><title>{}</title><defs>{}{}</defs><rect width="{width}" height="{height}" fill="#ffffff"/>"##,
        escape(view.title),
        // Tiles about 9 pixels across on the map, 10 in the legend.
        patterns(model, "map-", px * 8.0 / 9.0),
        patterns(model, "key-", 0.8),
    );
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
    let _ = write!(
        out,
        r#"<svg x="{}" y="{}" width="{}" height="{}" viewBox="{x:.1} {y:.1} {w:.1} {h:.1}">"#,
        MAP[0], MAP[1], MAP[2], MAP[3]
    );
    for (i, (area, at)) in model.areas.iter().zip(&view.snapshot.areas).enumerate() {
        let shown = view.shown.get(i).copied().unwrap_or(true);
        let opacity = if shown { "1" } else { MUTED_OPACITY };
        let _ = write!(
            out,
            r#"<path data-area="{}" d="{}" fill="{}" fill-opacity="{opacity}" stroke="{INK}" stroke-width="{}" stroke-linejoin="round"><title>{}</title></path>"#,
            escape(&area.code),
            escape(&area.path),
            fill("map-", model.status_id(at)),
            unit(0.7),
            escape(&area.name)
        );
    }
    if let Some(area) = view.selected.and_then(|i| model.areas.get(i)) {
        let _ = write!(
            out,
            r#"<path d="{}" fill="none" stroke="{INK}" stroke-width="{}" stroke-linejoin="round"/>"#,
            escape(&area.path),
            unit(3.5)
        );
    }
    out.push_str("</svg>");
    lines(
        &mut out,
        &[format!("Progress at {day}")],
        (LEGEND_X, 150.0),
        0.0,
        (22.0, true, INK),
    );
    for (k, (status, words)) in legend_rows(model, view.counts).into_iter().enumerate() {
        let y = 200.0 + 46.0 * k as f64;
        let _ = write!(
            out,
            r#"<rect data-status="{}" x="{LEGEND_X}" y="{:.1}" width="26" height="26" fill="{}" stroke="{INK}" stroke-width="1.2"/>"#,
            escape(&status),
            y - 20.0,
            fill("key-", &status)
        );
        lines(
            &mut out,
            &[words],
            (LEGEND_X + 38.0, y),
            0.0,
            (19.0, false, INK),
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
