//! Paper: the page as the browser prints it (Chromium's own PDF, read back
//! with pdftotext). An open area is a one-page A4 brief with every source's
//! address; the map is one landscape A4 page. The printed PDFs stay in
//! target/printed/ for a person to open.

use crate::helpers::{
    DESKTOP, Scenario, at_path, axe, click, count, ensure, eventually, script_strings,
    serve_without_the_wasm, shipped,
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

    /// Whether every one of `urls` is on the paper: each as many times as
    /// it is part of one of them (one address may begin another).
    fn lists(&self, urls: &[String]) -> std::result::Result<(), String> {
        let words = squeeze(&self.words);
        for url in urls {
            let url = squeeze(url);
            let needed = urls.iter().filter(|u| squeeze(u).contains(&url)).count();
            let found = words.matches(url.as_str()).count();
            if found < needed {
                return Err(format!("{url} is on the paper {found} times, not {needed}"));
            }
        }
        Ok(())
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

/// Runs one of poppler-utils' tools: `args`, then `file`, then `after`;
/// its output as text.
fn poppler(tool: &str, args: &[&str], file: &std::path::Path, after: &[&str]) -> Result<String> {
    let out = std::process::Command::new(tool)
        .args(args)
        .arg(file)
        .args(after)
        .output()
        .map_err(|e| format!("cannot run {tool}: {e}"))?;
    ensure(out.status.success(), || {
        format!(
            "{tool} could not read {}: {}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    })?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Prints the page as it stands, keeps the PDF as `name`.pdf and reads it.
async fn print(client: &Client, name: &str) -> Result<Printed> {
    let pdf = xtask::browser::print_to_pdf(client).await?;
    let dir = printed_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let file = dir.join(format!("{name}.pdf"));
    std::fs::write(&file, &pdf).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    // "Page    1 size: 594.96 x 841.92 pts (A4)", a line for each page.
    let info = poppler(xtask::setup::PDFINFO, &["-f", "1", "-l", "99"], &file, &[])?;
    let pages = info
        .lines()
        .filter_map(|l| l.strip_prefix("Page").and_then(|r| r.split_once("size:")))
        .map(|(_, size)| {
            let n: Vec<f64> = size
                .split_whitespace()
                .filter_map(|v| v.parse().ok())
                .collect();
            match n[..] {
                [w, h, ..] => (w, h),
                _ => (0.0, 0.0),
            }
        })
        .collect();
    // "-": the words to stdout.
    let words = poppler(xtask::setup::PDFTOTEXT, &[], &file, &["-"])?;
    Ok(Printed { pages, words })
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

/// How many of the areas with the most to say are printed.
const HEAVIEST: usize = 8;

/// The addresses an area's brief lists: every source of its details, the
/// status's own first.
fn printed_sources(model: &MapModel, i: usize) -> Vec<String> {
    let at = model.at(model.view_day);
    let (Some(area), Some(state)) = (model.areas.get(i), at.areas.get(i)) else {
        return Vec::new();
    };
    details(&model.data, &area.code)
        .all_sources(&model.status_sources(state))
        .into_iter()
        .map(|l| l.url)
        .collect()
}

/// Every visible control (button, field, select) on the page as it is laid
/// out now; the legend's rows (buttons on screen, to filter) count unless
/// they are drawn as plain rows, without a border.
const VISIBLE_CONTROLS: &str = "return Array.from(document.querySelectorAll(\
    'button, input, select, textarea, summary'))\
    .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')\
    .filter(e => !e.matches('.legend button.toggle') || getComputedStyle(e).borderTopStyle !== 'none')\
    .map(e => e.outerHTML.slice(0, 80))";

/// Text drawn in a light colour (as a dark theme's would be), which paper
/// would all but lose.
const LIGHT_TEXT: &str = "return Array.from(document.querySelectorAll('body *'))\
    .filter(e => e.getClientRects().length > 0\
      && Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))\
    .filter(e => { const [r, g, b] = getComputedStyle(e).color.match(/[0-9.]+/g).map(Number);\
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.45; })\
    .map(e => `${e.tagName}.${e.className}: ${getComputedStyle(e).color}`)";

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

/// Clicks the panel's "Print this area" and waits until the browser has
/// been asked to print, once (its print caught, so no dialog opens).
async fn print_button_prints(client: &Client) -> Result {
    client
        .execute(
            "window.__printed = 0; window.print = () => { window.__printed += 1; };",
            vec![],
        )
        .await
        .map_err(|e| format!("cannot watch printing: {e}"))?;
    click(client, "aside.panel button.print-area").await?;
    eventually("\"Print this area\" to print once", || async {
        let printed = client
            .execute("return window.__printed", vec![])
            .await
            .map_err(|e| e.to_string())?;
        Ok((printed.as_u64() == Some(1)).then_some(()))
    })
    .await
}

/// Lays the page out for paper, from a reader in dark mode, and checks
/// that nothing on it is a control or light text.
async fn laid_out_for_paper(client: &Client, what: &str) -> Result {
    xtask::browser::emulate(client, "print", &[("prefers-color-scheme", "dark")]).await?;
    let controls = strings(client, VISIBLE_CONTROLS).await?;
    ensure(controls.is_empty(), || {
        format!("{what}: controls on paper: {controls:?}")
    })?;
    let light = strings(client, LIGHT_TEXT).await?;
    ensure(light.is_empty(), || {
        format!("{what}: light text on paper: {light:?}")
    })
}

async fn strings(client: &Client, script: &str) -> Result<Vec<String>> {
    script_strings(client, script, vec![]).await
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
    // CONCORDAT_PRINT_ALL=1: every area, not only the heaviest (some minutes).
    let how_many = if std::env::var_os("CONCORDAT_PRINT_ALL").is_some() {
        heaviest.len()
    } else {
        HEAVIEST
    };
    for &(_, i) in heaviest.iter().take(how_many) {
        let area = &model.areas[i];
        let state = &at.areas[i];
        let sources = printed_sources(&model, i);
        let (name, code) = (area.name.clone(), area.code.clone());
        let status = model.status_label(state).to_string();
        at_path(world, &format!("area/{code}"), DESKTOP, move |client, _| {
            Box::pin(async move {
                // The button: labelled, reached by keyboard like any button,
                // and it asks the browser to print.
                axe(
                    client,
                    &format!("{code}'s details with \"Print this area\""),
                )
                .await?;
                print_button_prints(client)
                    .await
                    .map_err(|e| format!("{code}: {e}"))?;
                laid_out_for_paper(client, &code).await?;
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
                paper.lists(&sources).map_err(|e| format!("{code}: {e}"))
            })
        })
        .await?;
    }
    Ok(())
}

/// England's map, and a region's, each on one landscape page: the map,
/// the legend's counts and its date, the summary, the attribution and the
/// view's address.
async fn national(world: &World) -> Result {
    let model = shipped(world)?;
    for (query, name) in [
        ("at=2014-12-31", "map-england-2014-12-31"),
        (
            "region=north-west&at=2014-12-31",
            "map-north-west-2014-12-31",
        ),
    ] {
        let (filters, _) =
            Filters::from_pairs(&concordat_map::query::parse(query), &model.vocabulary);
        let day = concordat_map::timeline::parse_at("2014-12-31").map_err(|e| e.to_string())?;
        let at = model.at(day);
        let shown = model.matching(&at, &filters);
        let counts = model.status_counts(&at, &filters);
        let total = counts.total;
        let mut expected: Vec<String> = model
            .statuses
            .iter()
            .zip(&counts.statuses)
            .map(|(s, n)| format!("{} {n} of {total}", s.label))
            .collect();
        expected.push(model.summary(&filters, shown.iter().filter(|s| **s).count()));
        expected.push(day.label());
        expected.push("Open Government Licence".into());
        // The view's own address, as the app writes it (`/region/north-west?…`).
        let (state, _) = ViewState::from_url("/", query, "", &model.vocabulary);
        let canonical = state.to_url("", &model.vocabulary);
        at_path(world, &format!("?{query}"), DESKTOP, move |client, url| {
            Box::pin(async move {
                expected.push(format!("{}{canonical}", url.trim_end_matches('/')));
                laid_out_for_paper(client, name).await?;
                let paper = print(client, name).await?;
                ensure(paper.pages.len() == 1, || {
                    format!("{name}: {} pages, not one", paper.pages.len())
                })?;
                ensure(is_a4(paper.pages[0], true), || {
                    format!(
                        "{name}: printed on {:?} points, not A4 landscape",
                        paper.pages[0]
                    )
                })?;
                for words in &expected {
                    ensure(paper.says(words), || {
                        format!("{name}: {words:?} not on paper: {}", paper.words)
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
                    format!("{name}: the map is {height} px tall on paper")
                })
            })
        })
        .await?;
    }
    Ok(())
}

/// The page rendered at build time, the app never arriving: its "Print
/// this area" works all the same (the page's script prints). Without any
/// script the button is not shown, and the browser's own Print gives the
/// same one-page brief.
async fn before_app(world: &World) -> Result {
    let model = shipped(world)?;
    let sources = model
        .areas
        .iter()
        .position(|a| a.code == "E10000017")
        .map(|i| printed_sources(&model, i))
        .unwrap_or_default();
    ensure(!sources.is_empty(), || "Lancashire cites no source".into())?;
    let server = serve_without_the_wasm(world)?;
    let url = format!("{}area/E10000017", server.url());
    let client = world.open_until(&url, DESKTOP, "aside.panel").await?;
    let result = print_button_prints(&client).await;
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
        let paper = print(&client, "brief-E10000017-without-scripts").await?;
        ensure(
            paper.pages.len() == 1 && is_a4(paper.pages[0], false),
            || format!("without scripts the brief is {:?}", paper.pages),
        )?;
        paper.lists(&sources)
    }
    .await;
    let _ = client.close().await;
    shown
}

/// An embed shows the downloads, pictures and "Print this area" only when
/// its host asks for them (`download`; the print button lives in the
/// area's details, so it needs `panel` too), and never offers to embed
/// itself. Printed, an embed keeps the boundaries' attribution.
async fn embed_control(world: &World) -> Result {
    // (controls, downloads shown, print button shown)
    let cases = [
        ("", false, false),
        ("&controls=panel", false, false),
        ("&controls=download", true, false),
        ("&controls=panel,download", true, true),
    ];
    for (controls, downloads, print_button) in cases {
        let path = format!("area/E08000003?embed=1{controls}");
        at_path(world, &path, DESKTOP, move |client, _| {
            Box::pin(async move {
                for (css, expected) in [
                    ("aside.panel button.print-area", print_button),
                    (".download.picture button", downloads),
                    (".download button", downloads),
                ] {
                    let n = count(client, css).await?;
                    ensure((n > 0) == expected, || {
                        format!("embed{controls}: {n} of {css}")
                    })?;
                }
                if downloads {
                    // The one place an embed could offer it: never.
                    ensure(count(client, ".embed-link").await? == 0, || {
                        format!("embed{controls}: an embed offers to embed itself")
                    })?;
                }
                let paper = print(
                    client,
                    &format!("embed{}", controls.replace(['&', '=', ','], "-")),
                )
                .await?;
                ensure(paper.says("Open Government Licence"), || {
                    format!("embed{controls}: no attribution on paper: {}", paper.words)
                })
            })
        })
        .await?;
    }
    Ok(())
}
