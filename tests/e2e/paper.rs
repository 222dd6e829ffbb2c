//! Paper: the page as the browser prints it (Chromium's own PDF, read back
//! with pdftotext). An open area is a one-page A4 brief with every source's
//! address; the map is one landscape A4 page. The printed PDFs stay in
//! target/printed/ for a person to open.

use crate::helpers::{
    DESKTOP, Scenario, at_path, axe, click, count, ensure, eventually, serve_without_the_wasm,
    shipped,
};
use crate::{Result, World};
use concordat_map::details::details;
use concordat_map::filters::Filters;
use concordat_map::model::MapModel;
use concordat_map::view_state::ViewState;
use fantoccini::Client;
use std::path::PathBuf;

pub const ALL: &[(&str, Scenario)] = &[
    (
        "an_area_prints_as_a_one_page_brief_with_every_source",
        |w| Box::pin(briefs(w)),
    ),
    ("the_map_prints_on_one_landscape_page", |w| {
        Box::pin(national(w))
    }),
    ("print_this_area_prints_before_the_app_runs", |w| {
        Box::pin(before_app(w))
    }),
    (
        "an_embed_offers_pictures_and_print_only_with_the_download_control",
        |w| Box::pin(embed_control(w)),
    ),
];

/// The printed pages, kept for a person to open.
fn printed_dir() -> PathBuf {
    xtask::cmd::root().join("target").join("printed")
}

/// What a printed PDF holds: its pages' sizes in points and its words.
struct Printed {
    pages: Vec<(f64, f64)>,
    words: String,
}

impl Printed {
    fn says(&self, expected: &str) -> bool {
        squeeze(&self.words).contains(&squeeze(expected))
    }
}

/// `text` without spaces, line breaks and hyphens: an address the page
/// wraps still reads whole (pdftotext takes a hyphen at a line's end for
/// the word's own break, and drops it).
fn squeeze(text: &str) -> String {
    text.replace('\u{fb01}', "fi")
        .replace('\u{fb02}', "fl")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// Prints the page as it stands, keeps the PDF as `name`.pdf and reads it.
async fn print(client: &Client, name: &str) -> Result<Printed> {
    let pdf = xtask::browser::print_to_pdf(client).await?;
    let dir = printed_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let file = dir.join(format!("{name}.pdf"));
    std::fs::write(&file, &pdf).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    // Each page object of Chromium's PDF names its own MediaBox.
    let raw = String::from_utf8_lossy(&pdf);
    let pages = raw
        .match_indices("/Type /Page")
        .filter(|(i, _)| !raw[i + 11..].starts_with('s'))
        .map(|(i, _)| media_box(&raw[i..]).unwrap_or((0.0, 0.0)))
        .collect();
    let out = std::process::Command::new(xtask::setup::PDFTOTEXT)
        .arg(&file)
        .arg("-")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", xtask::setup::PDFTOTEXT))?;
    ensure(out.status.success(), || {
        format!(
            "pdftotext could not read {}: {}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    })?;
    Ok(Printed {
        pages,
        words: String::from_utf8_lossy(&out.stdout).into_owned(),
    })
}

/// The width and height of the first MediaBox in `object`.
fn media_box(object: &str) -> Option<(f64, f64)> {
    let rest = &object[object.find("/MediaBox")?..];
    let inside = &rest[rest.find('[')? + 1..rest.find(']')?];
    let n: Vec<f64> = inside
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    match n[..] {
        [x0, y0, x1, y1] => Some((x1 - x0, y1 - y0)),
        _ => None,
    }
}

/// A4 in points, within a point: (portrait width, portrait height).
const A4: (f64, f64) = (595.0, 842.0);

fn is_a4(size: (f64, f64), landscape: bool) -> bool {
    let (w, h) = if landscape { (A4.1, A4.0) } else { A4 };
    (size.0 - w).abs() < 2.0 && (size.1 - h).abs() < 2.0
}

/// How much an area's brief has to say: the areas with the most, the
/// hardest to fit on one page.
fn weight(model: &MapModel, code: &str, at: &concordat_map::timeline::AreaAt) -> usize {
    let more = details(&model.data, code);
    let links = |l: &[concordat_map::citation::Link]| -> usize {
        l.iter()
            .map(|s| s.site().len() + s.locator.as_ref().map_or(0, String::len) + 40)
            .sum()
    };
    let named = |n: &[concordat_map::details::Named]| -> usize {
        n.iter()
            .map(|n| {
                n.items.iter().map(|i| i.len() + 60).sum::<usize>()
                    + n.sources.iter().map(|s| links(s)).sum::<usize>()
            })
            .sum()
    };
    let history: usize = more
        .history
        .iter()
        .map(|h| h.what.len() + h.note.as_ref().map_or(0, String::len) + links(&h.sources) + 60)
        .sum();
    let groups: usize = more
        .groups
        .iter()
        .map(|g| g.note.as_ref().map_or(0, String::len) + g.siblings.len() * 12)
        .sum();
    let sources: usize = more
        .all_sources(&model.status_sources(at))
        .iter()
        .map(|s| s.title.len() + s.url.len() + 40)
        .sum();
    history + groups + sources + named(&more.signatories) + named(&more.themes)
}

/// Every visible control (button, field, select) on the page as it is laid
/// out now; the legend's rows (buttons on screen, to filter) count unless
/// they are drawn as plain rows, without a border.
const VISIBLE_CONTROLS: &str = "return Array.from(document.querySelectorAll(\
    'button, input, select, textarea, summary'))\
    .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')\
    .filter(e => !e.matches('.legend button.toggle') || getComputedStyle(e).borderTopStyle !== 'none')\
    .map(e => e.outerHTML.slice(0, 80))";

/// The backgrounds of the page, its main part and the panel, as printed.
const BACKGROUNDS: &str = "return ['body', 'main', 'aside.panel']\
    .map(s => document.querySelector(s)).filter(Boolean)\
    .map(e => getComputedStyle(e).backgroundColor)";

/// The page's address as the browser has it.
async fn address(client: &Client) -> Result<String> {
    client
        .current_url()
        .await
        .map(|u| u.to_string())
        .map_err(|e| format!("cannot read the address: {e}"))
}

async fn strings(client: &Client, script: &str) -> Result<Vec<String>> {
    let value = client
        .execute(script, vec![])
        .await
        .map_err(|e| format!("cannot run a script: {e}"))?;
    Ok(value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default())
}

/// The areas with the most to say (the hardest to fit on one page), each
/// printed: one A4 portrait page, with its name, status, every source's
/// address and the page's own; no controls and no dark background, even
/// in dark mode. "Print this area" asks the browser to print.
async fn briefs(world: &World) -> Result {
    let model = shipped(world)?;
    let at = model.at(model.view_day);
    let mut heaviest: Vec<(usize, usize)> = model
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| (weight(&model, &a.code, &at.areas[i]), i))
        .collect();
    heaviest.sort_unstable_by(|a, b| b.cmp(a));
    for &(_, i) in heaviest.iter().take(8) {
        let area = &model.areas[i];
        let state = &at.areas[i];
        let sources = details(&model.data, &area.code).all_sources(&model.status_sources(state));
        let (name, code) = (area.name.clone(), area.code.clone());
        let status = model.status_label(state).to_string();
        at_path(world, &format!("area/{code}"), DESKTOP, move |client, _| {
            Box::pin(async move {
                // The button: labelled, reached by keyboard like any button,
                // and it asks the browser to print.
                client
                    .execute(
                        "window.__printed = 0; window.print = () => { window.__printed += 1; };",
                        vec![],
                    )
                    .await
                    .map_err(|e| format!("cannot watch printing: {e}"))?;
                axe(
                    client,
                    &format!("{code}'s details with \"Print this area\""),
                )
                .await?;
                click(client, "aside.panel button.print-area").await?;
                let printed = client
                    .execute("return window.__printed", vec![])
                    .await
                    .map_err(|e| e.to_string())?;
                ensure(printed.as_u64() == Some(1), || {
                    format!("{code}: \"Print this area\" printed {printed} times")
                })?;
                xtask::browser::emulate(client, "print", &[("prefers-color-scheme", "dark")])
                    .await?;
                let controls = strings(client, VISIBLE_CONTROLS).await?;
                ensure(controls.is_empty(), || {
                    format!("{code}: controls on paper: {controls:?}")
                })?;
                let backgrounds = strings(client, BACKGROUNDS).await?;
                ensure(
                    backgrounds
                        .iter()
                        .all(|b| b == "rgb(255, 255, 255)" || b == "rgba(0, 0, 0, 0)"),
                    || format!("{code}: dark backgrounds on paper: {backgrounds:?}"),
                )?;
                let paper = print(client, &format!("brief-{code}")).await?;
                ensure(paper.pages.len() == 1, || {
                    format!(
                        "{code}: the brief is {} pages, not one (target/printed/brief-{code}.pdf)",
                        paper.pages.len()
                    )
                })?;
                ensure(is_a4(paper.pages[0], false), || {
                    format!(
                        "{code}: printed on {:?} points, not A4 portrait",
                        paper.pages[0]
                    )
                })?;
                let address = address(client).await?;
                for expected in [name.as_str(), status.as_str(), address.as_str()] {
                    ensure(paper.says(expected), || {
                        format!("{code}: {expected:?} not on paper: {}", paper.words)
                    })?;
                }
                for source in &sources {
                    ensure(paper.says(&source.url), || {
                        format!("{code}: the source {} not on paper", source.url)
                    })?;
                }
                Ok(())
            })
        })
        .await?;
    }
    Ok(())
}

/// A region's view on one landscape page: the map, the legend's counts
/// and its date, the summary, the attribution and the view's address.
async fn national(world: &World) -> Result {
    let model = shipped(world)?;
    let query = "region=north-west&at=2014-12-31";
    let (filters, _) = Filters::from_pairs(&concordat_map::query::parse(query), &model.vocabulary);
    let day = concordat_map::timeline::parse_at("2014-12-31").map_err(|e| e.to_string())?;
    let at = model.at(day);
    let shown = model.matching(&at, &filters);
    let summary = model.summary(&filters, shown.iter().filter(|s| **s).count());
    let counts = model.status_counts(&at, &filters);
    let total = counts.total;
    let rows: Vec<String> = model
        .statuses
        .iter()
        .zip(&counts.statuses)
        .map(|(s, n)| format!("{} {n} of {total}", s.label))
        .collect();
    // The view's own address, as the app writes it (`/region/north-west?…`).
    let (state, _) = ViewState::from_url("/", query, "", &model.vocabulary);
    let canonical = state.to_url("", &model.vocabulary);
    at_path(world, &format!("?{query}"), DESKTOP, move |client, url| {
        Box::pin(async move {
            let address = format!("{}{canonical}", url.trim_end_matches('/'));
            xtask::browser::emulate(client, "print", &[]).await?;
            let controls = strings(client, VISIBLE_CONTROLS).await?;
            ensure(controls.is_empty(), || {
                format!("controls on the printed map: {controls:?}")
            })?;
            let paper = print(client, "map-north-west-2014-12-31").await?;
            ensure(paper.pages.len() == 1, || {
                format!("the map prints on {} pages, not one", paper.pages.len())
            })?;
            ensure(is_a4(paper.pages[0], true), || {
                format!(
                    "the map printed on {:?} points, not A4 landscape",
                    paper.pages[0]
                )
            })?;
            let mut expected = vec![
                summary.clone(),
                "31 December 2014".to_string(),
                "Open Government Licence".to_string(),
                address,
            ];
            expected.extend(rows.iter().cloned());
            for words in &expected {
                ensure(paper.says(words), || {
                    format!("{words:?} not on the printed map: {}", paper.words)
                })?;
            }
            // The map itself is laid out on the paper, at a size to read.
            let height = client
                .execute(
                    "return document.querySelector('svg#map').getBoundingClientRect().height",
                    vec![],
                )
                .await
                .map_err(|e| e.to_string())?;
            ensure(height.as_f64().is_some_and(|h| h > 300.0), || {
                format!("the printed map is {height} px tall")
            })
        })
    })
    .await
}

/// The page rendered at build time, the app never arriving: its "Print
/// this area" works all the same (the page's script prints).
async fn before_app(world: &World) -> Result {
    let server = serve_without_the_wasm(world)?;
    let url = format!("{}area/E10000017", server.url());
    let client = world.open_until(&url, DESKTOP, "aside.panel").await?;
    let result = async {
        client
            .execute(
                "window.__printed = 0; window.print = () => { window.__printed += 1; };",
                vec![],
            )
            .await
            .map_err(|e| format!("cannot watch printing: {e}"))?;
        click(&client, "aside.panel button.print-area").await?;
        eventually("the browser asked to print", || async {
            let printed = client
                .execute("return window.__printed", vec![])
                .await
                .map_err(|e| e.to_string())?;
            Ok((printed.as_u64() == Some(1)).then_some(()))
        })
        .await
    }
    .await;
    let _ = client.close().await;
    result?;
    // Without any script, the button would do nothing: it is not there.
    let client = world
        .open_without_scripts(&format!("{}area/E10000017", server.url()), DESKTOP)
        .await?;
    let shown = async {
        let buttons = client
            .find_all(fantoccini::Locator::Css(".print-area"))
            .await
            .map_err(|e| format!("cannot look for the print button: {e}"))?;
        ensure(!buttons.is_empty(), || {
            "the page rendered at build time has no print button".into()
        })?;
        for button in buttons {
            let displayed = button.is_displayed().await.map_err(|e| e.to_string())?;
            ensure(!displayed, || {
                "without scripts a print button that cannot work shows".into()
            })?;
        }
        Ok(())
    }
    .await;
    let _ = client.close().await;
    shown
}

/// An embed shows the downloads, pictures and "Print this area" only when
/// its host asks for them (`controls=…,download`).
async fn embed_control(world: &World) -> Result {
    for (controls, expected) in [("", 0), ("&controls=panel,download", 1)] {
        let path = format!("area/E08000003?embed=1{controls}");
        at_path(world, &path, DESKTOP, move |client, _| {
            Box::pin(async move {
                for css in [
                    "aside.panel button.print-area",
                    ".download.picture button",
                    ".download button",
                ] {
                    let n = count(client, css).await?;
                    ensure((n > 0) == (expected > 0), || {
                        format!("embed{controls}: {n} of {css}")
                    })?;
                }
                // The embed offers no embed of its own.
                ensure(count(client, ".embed-link").await? == 0, || {
                    format!("embed{controls}: an embed offers to embed itself")
                })
            })
        })
        .await?;
    }
    Ok(())
}
