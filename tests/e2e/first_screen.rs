//! The first screen, as a visitor opens the page at the sizes screens come
//! in (small and common phones, a phone on its side, laptops): the whole map
//! of England, its legend and the search are on it without scrolling, the
//! map as wide as a phone allows; an area's deep link shows the area on the
//! map, uncovered, with its details' heading beside it or on a sheet below;
//! the same before the app as after, and the app's takeover moves nothing.

use crate::helpers::*;
use crate::{Result, World};
use concordat_map::model::MapModel;
use fantoccini::{Client, Locator};
use serde_json::Value;
use std::time::Duration;

pub const ALL: &[(&str, Scenario)] = &[
    (
        "the_map_its_legend_and_the_search_come_first_at_every_size",
        |w| Box::pin(national(w)),
    ),
    (
        "an_area_opened_by_its_link_is_in_view_above_its_details",
        |w| Box::pin(deep_links(w)),
    ),
    ("on_a_phone_the_area_sheet_expands_and_collapses", |w| {
        Box::pin(sheet(w))
    }),
    ("an_embed_at_phone_width_shows_the_map_first", |w| {
        Box::pin(narrow_embed(w))
    }),
    ("a_page_arriving_slowly_moves_nothing", |w| {
        Box::pin(arriving_slowly(w))
    }),
];

/// A screen the product is laid out for, and what must be on its first screen.
#[derive(Clone, Copy)]
struct Screen {
    size: (u32, u32),
    /// Every status of the legend is on the first screen.
    legend: bool,
    /// The open area's heading, status and date reached are on the first
    /// screen (beside the map, or on its sheet).
    details: bool,
}

const SCREENS: &[Screen] = &[
    // A small phone: the map, its title and the search; the legend below.
    Screen {
        size: (320, 568),
        legend: false,
        details: true,
    },
    Screen {
        size: (360, 740),
        legend: true,
        details: true,
    },
    Screen {
        size: (390, 844),
        legend: true,
        details: true,
    },
    // Phones on their side: the map and the tools side by side.
    Screen {
        size: (844, 390),
        legend: true,
        details: false,
    },
    Screen {
        size: (740, 360),
        legend: true,
        details: false,
    },
    Screen {
        size: (1280, 720),
        legend: true,
        details: true,
    },
    Screen {
        size: (1366, 768),
        legend: true,
        details: true,
    },
];

impl Screen {
    fn name(self) -> String {
        format!("{}x{}", self.size.0, self.size.1)
    }

    /// Held upright: the map is as wide as the screen allows.
    fn portrait(self) -> bool {
        self.size.0 < self.size.1
    }
}

/// The page without scripts, before the app (the wasm never arriving), or
/// the app's.
#[derive(Clone, Copy, PartialEq)]
enum Phase {
    NoScripts,
    BeforeApp,
    App,
}

/// The phases in the order a page goes through them (the app's layout is
/// compared with the one before it).
const PHASES: [Phase; 3] = [Phase::NoScripts, Phase::BeforeApp, Phase::App];

impl Phase {
    fn name(self) -> &'static str {
        match self {
            Phase::NoScripts => "without scripts",
            Phase::BeforeApp => "before the app",
            Phase::App => "the app",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Phase::NoScripts => "no-scripts",
            Phase::BeforeApp => "before-app",
            Phase::App => "app",
        }
    }

    fn ready(self) -> &'static str {
        match self {
            Phase::NoScripts | Phase::BeforeApp => "#prerendered svg#map",
            Phase::App => "svg#map[data-ready='true']",
        }
    }
}

/// What moved between the page before the app and the app's, at one size:
/// the app's takeover must move nothing (a layout shift would not say so:
/// the app's nodes are new, shown in place of the page's).
fn moved(before: &Value, after: &Value, parts: &[&str]) -> Vec<String> {
    let close = |a: &Value, b: &Value| match (a.as_array(), b.as_array()) {
        (Some(a), Some(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|(x, y)| match (x.as_f64(), y.as_f64()) {
                        (Some(x), Some(y)) => (x - y).abs() <= 1.0,
                        _ => x == y,
                    })
        }
        _ => a == b,
    };
    parts
        .iter()
        .filter(|part| !close(&before[**part], &after[**part]))
        .map(|part| {
            format!(
                "the takeover moved {part} from {} to {}",
                before[*part], after[*part]
            )
        })
        .collect()
}

/// Where things are on the screen, in CSS pixels of the viewport.
const MEASURE: &str = "
    const rect = e => { if (!e) return null; const r = e.getBoundingClientRect();
        return r.width || r.height ? [r.left, r.top, r.right, r.bottom] : null; };
    const union = list => list.map(rect).filter(Boolean).reduce((a, r) =>
        [Math.min(a[0], r[0]), Math.min(a[1], r[1]), Math.max(a[2], r[2]), Math.max(a[3], r[3])],
        [Infinity, Infinity, -Infinity, -Infinity]);
    const q = s => document.querySelector(s);
    const statuses = arguments[0].map(id => [id, rect(q(`.legend li[data-status='${id}']`))]);
    return {
        width: innerWidth, height: innerHeight,
        page_width: document.documentElement.scrollWidth,
        areas: union([...document.querySelectorAll('svg#map path[data-area]')]),
        map: rect(q('svg#map')),
        search: rect(q('#search-input')),
        locate: rect(q('button.locate')),
        statuses,
        title: rect(q('h1')),
    };";

/// The parts of a measurement the checks read.
struct Seen {
    width: f64,
    height: f64,
    value: Value,
}

impl Seen {
    fn rect(&self, at: &Value) -> Option<[f64; 4]> {
        let a = at.as_array()?;
        let n = |i: usize| a.get(i).and_then(Value::as_f64);
        Some([n(0)?, n(1)?, n(2)?, n(3)?])
    }

    fn named(&self, key: &str) -> Option<[f64; 4]> {
        self.rect(&self.value[key])
    }

    /// Wholly on the first screen (a pixel's rounding allowed).
    fn on_screen(&self, r: [f64; 4]) -> bool {
        r[0] >= -1.0 && r[1] >= -1.0 && r[2] <= self.width + 1.0 && r[3] <= self.height + 1.0
    }

    /// The share of the map's height that is on the first screen.
    fn map_share(&self) -> f64 {
        match self.named("areas") {
            Some([_, top, _, bottom]) if bottom > top => {
                (bottom.min(self.height) - top.max(0.0)).max(0.0) / (bottom - top)
            }
            _ => 0.0,
        }
    }
}

async fn measure(client: &Client, model: &MapModel) -> Result<Seen> {
    let ids: Vec<&str> = model.statuses.iter().map(|s| s.id.as_str()).collect();
    let value = client
        .execute(MEASURE, vec![serde_json::json!(ids)])
        .await
        .map_err(|e| format!("cannot measure the page: {e}"))?;
    let n = |key: &str| value[key].as_f64().unwrap_or(f64::NAN);
    Ok(Seen {
        width: n("width"),
        height: n("height"),
        value,
    })
}

/// What the first screen holds on the national page, as problems found.
fn national_problems(seen: &Seen, screen: Screen) -> Vec<String> {
    let mut problems = Vec::new();
    let share = seen.map_share();
    if share < 0.95 {
        problems.push(format!(
            "{:.0}% of the map is on the first screen",
            share * 100.0
        ));
    }
    if let Some([left, top, right, bottom]) = seen.named("areas") {
        // Upright, the map takes the screen's width; on its side or on a
        // laptop, most of its height.
        if screen.portrait() && right - left < 0.9 * seen.width {
            problems.push(format!(
                "the map is {:.0} px wide on a {} px screen",
                right - left,
                seen.width
            ));
        }
        if !screen.portrait() && bottom - top < 0.7 * seen.height {
            problems.push(format!(
                "the map is {:.0} px tall on a {} px screen",
                bottom - top,
                seen.height
            ));
        }
    } else {
        problems.push("no area of the map is drawn".into());
    }
    for (what, key) in [
        ("the search", "search"),
        ("\"Use my location\"", "locate"),
        ("the title", "title"),
    ] {
        match seen.named(key) {
            Some(r) if seen.on_screen(r) => {}
            other => problems.push(format!("{what} is not on the first screen: {other:?}")),
        }
    }
    if let Some([_, top, _, bottom]) = seen.named("title")
        && bottom - top > 48.0
    {
        problems.push(format!(
            "the title takes {:.0} px: more than a line",
            bottom - top
        ));
    }
    if screen.legend {
        for status in seen.value["statuses"].as_array().into_iter().flatten() {
            match seen.rect(&status[1]) {
                Some(r) if seen.on_screen(r) => {}
                other => problems.push(format!(
                    "the legend's {} is not on the first screen: {other:?}",
                    status[0]
                )),
            }
        }
    }
    problems.extend(sideways(seen));
    problems
}

fn sideways(seen: &Seen) -> Option<String> {
    let page = seen.value["page_width"].as_f64().unwrap_or(f64::MAX);
    (page > seen.width).then(|| format!("the page scrolls sideways: {page} px wide"))
}

/// A browser at `size`, through `phase`, at the site's `path`.
async fn open(
    world: &World,
    phase: Phase,
    size: (u32, u32),
    path: &str,
) -> Result<(Client, xtask::server::Server)> {
    let server = match phase {
        Phase::BeforeApp => serve_without_the_wasm(world)?,
        Phase::NoScripts | Phase::App => world.serve(|_| {})?,
    };
    let url = format!("{}{path}", server.url());
    let client = if phase == Phase::NoScripts {
        let client = world.open_without_scripts(&url, size).await?;
        client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css(phase.ready()))
            .await
            .map_err(|e| format!("{url}: nothing matched {} within 30 s: {e}", phase.ready()))?;
        client
    } else {
        world.open_until(&url, size, phase.ready()).await?
    };
    Ok((client, server))
}

/// Goes to the site's `path` in the same browser, once it is ready.
async fn go(client: &Client, base: &str, path: &str, phase: Phase) -> Result {
    let url = format!("{base}{path}");
    client
        .goto(&url)
        .await
        .map_err(|e| format!("cannot open {url}: {e}"))?;
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(phase.ready()))
        .await
        .map_err(|e| format!("{url}: not ready within 30 s: {e}"))?;
    // The zoom's transition (0.45 s) ends before anything is aimed at.
    tokio::time::sleep(Duration::from_millis(700)).await;
    Ok(())
}

async fn national(world: &World) -> Result {
    let model = shipped(world)?;
    let mut failures = Vec::new();
    for &screen in SCREENS {
        let mut before_app = Value::Null;
        for phase in PHASES {
            let when = format!("{} at {}", phase.name(), screen.name());
            let (client, _server) = open(world, phase, screen.size, "").await?;
            let before_app = &mut before_app;
            let result = async {
                tokio::time::sleep(Duration::from_millis(300)).await;
                let seen = measure(&client, &model).await?;
                let [left, top, right, bottom] = seen.named("areas").unwrap_or_default();
                println!(
                    "    first screen, {when}: {:.0}% of the map's height on it; the map {:.0} × {:.0} px",
                    seen.map_share() * 100.0,
                    right - left,
                    bottom - top
                );
                let mut problems = national_problems(&seen, screen);
                match phase {
                    Phase::BeforeApp => *before_app = seen.value.clone(),
                    Phase::App => {
                        let (shift, what) = layout_shifts(&client).await?;
                        if shift != 0.0 {
                            problems.push(format!("the layout shifted by {shift}: {what:?}"));
                        }
                        problems.extend(moved(
                            before_app,
                            &seen.value,
                            &["title", "search", "locate", "areas", "map", "statuses"],
                        ));
                    }
                    Phase::NoScripts => {}
                }
                screenshot(
                    &client,
                    &format!("first-screen-{}-{}.png", screen.name(), phase.slug()),
                )
                .await?;
                // axe-core is a script: it runs where scripts do.
                if phase != Phase::NoScripts
                    && let Err(e) = axe(&client, &when).await
                {
                    problems.push(e);
                }
                ensure(problems.is_empty(), || problems.join("; "))
            }
            .await;
            let _ = client.close().await;
            if let Err(e) = result {
                failures.push(format!("{when}: {e}"));
            }
        }
    }
    ensure(failures.is_empty(), || failures.join("\n    "))
}

/// Areas whose links are opened: a London borough in a group of 33, a
/// small unitary at the edge of its group, a county, a metropolitan district
/// of Greater Manchester and the islands off Cornwall.
const DEEP_LINKS: &[&str] = &[
    "E09000001",
    "E06000017",
    "E10000016",
    "E08000003",
    "E06000053",
];

/// Where the area's centre (a point inside it, in the atlas's units) is on
/// the screen, and which area the page has there.
const HIT: &str = "
    const [code, x, y] = arguments;
    const shape = document.querySelector(`svg#map path[data-area='${code}']`);
    if (!shape) return null;
    const p = new DOMPoint(x, y).matrixTransform(shape.getScreenCTM());
    const hit = document.elementFromPoint(p.x, p.y);
    const area = hit && hit.closest('svg#map [data-area]');
    const rect = s => { const e = document.querySelector(s); if (!e) return null;
        const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const reached = [...document.querySelectorAll('.panel dt')].find(dt => dt.textContent === 'Reached');
    const r = reached && reached.nextElementSibling.getBoundingClientRect();
    // The region select's words against the room it has for them (its
    // arrow takes about 20 px).
    const select = document.querySelector('#zoom-region');
    const style = getComputedStyle(select);
    const pen = document.createElement('canvas').getContext('2d');
    pen.font = style.font;
    const words = select.options[select.selectedIndex].text;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
    const map = document.querySelector('svg#map').getBoundingClientRect();
    return {
        map: [map.left, map.top, map.right, map.bottom],
        select: [words, pen.measureText(words).width, room],
        point: [p.x, p.y],
        hit: hit ? hit.tagName.toLowerCase() + (hit.className.baseVal !== undefined ? '' : '.' + hit.className) : null,
        area: area ? area.getAttribute('data-area') : null,
        heading: rect('#panel-title'),
        status: rect('.panel dd.status'),
        reached: r ? [r.left, r.top, r.right, r.bottom] : null,
    };";

async fn deep_links(world: &World) -> Result {
    let model = shipped(world)?;
    let mut failures = Vec::new();
    // The test aims at each area's centre: it must be inside the area.
    for code in DEEP_LINKS {
        let i = model
            .areas
            .iter()
            .position(|a| a.code == *code)
            .ok_or_else(|| format!("{code} is not on the map"))?;
        let centre = model.areas[i].centre;
        ensure(model.area_at(centre, 0.0) == Some(i), || {
            format!("{code}'s centre {centre:?} is not inside it: choose another area")
        })?;
    }
    for &screen in SCREENS {
        let mut before_app = std::collections::HashMap::new();
        for phase in PHASES {
            let when = format!("{} at {}", phase.name(), screen.name());
            let (client, server) = open(world, phase, screen.size, "").await?;
            let base = server.url();
            let before_app = &mut before_app;
            let result = async {
                let mut problems = Vec::new();
                for code in DEEP_LINKS {
                    go(&client, &base, &format!("area/{code}"), phase).await?;
                    let (found, seen) =
                        deep_link_problems(&client, &model, code, screen, phase).await?;
                    let mut found = found;
                    match phase {
                        Phase::BeforeApp => {
                            before_app.insert(*code, seen);
                        }
                        Phase::App => found.extend(moved(
                            before_app.get(code).unwrap_or(&Value::Null),
                            &seen,
                            &["point", "heading", "status", "reached", "map"],
                        )),
                        Phase::NoScripts => {}
                    }
                    problems.extend(found.into_iter().map(|p| format!("/area/{code}: {p}")));
                    if code == &DEEP_LINKS[2] {
                        screenshot(
                            &client,
                            &format!("deep-link-{}-{}.png", screen.name(), phase.slug()),
                        )
                        .await?;
                        if phase == Phase::App
                            && let Err(e) = axe(&client, &format!("/area/{code}")).await
                        {
                            problems.push(e);
                        }
                    }
                }
                ensure(problems.is_empty(), || problems.join("; "))
            }
            .await;
            let _ = client.close().await;
            if let Err(e) = result {
                failures.push(format!("{when}: {e}"));
            }
        }
    }
    ensure(failures.is_empty(), || failures.join("\n    "))
}

async fn deep_link_problems(
    client: &Client,
    model: &MapModel,
    code: &str,
    screen: Screen,
    phase: Phase,
) -> Result<(Vec<String>, Value)> {
    let area = model
        .areas
        .iter()
        .find(|a| a.code == code)
        .ok_or_else(|| format!("{code} is not on the map"))?;
    let [x, y] = area.centre;
    let seen = client
        .execute(HIT, vec![code.into(), x.into(), y.into()])
        .await
        .map_err(|e| format!("cannot aim at {code}: {e}"))?;
    let mut problems = Vec::new();
    if seen["area"].as_str() != Some(code) {
        problems.push(format!(
            "its centre at {} shows {} ({}), not the area",
            seen["point"], seen["hit"], seen["area"]
        ));
    }
    let select = &seen["select"];
    if select[1].as_f64().unwrap_or(f64::MAX) > select[2].as_f64().unwrap_or(0.0) {
        problems.push(format!(
            "the region select cuts its words (text, width, room): {select}"
        ));
    }
    let (width, height) = (f64::from(screen.size.0), f64::from(screen.size.1));
    let seen = Seen {
        width,
        height,
        value: seen,
    };
    // Without scripts the panel follows the map (nothing would fold the sheet).
    if screen.details && phase != Phase::NoScripts {
        for part in ["heading", "status", "reached"] {
            if !seen.named(part).is_some_and(|r| seen.on_screen(r)) {
                problems.push(format!(
                    "the details' {part} is not on the first screen: {}",
                    seen.value[part]
                ));
            }
        }
    }
    if phase == Phase::App {
        let (shift, what) = layout_shifts(client).await?;
        if shift != 0.0 {
            problems.push(format!("the layout shifted by {shift}: {what:?}"));
        }
    }
    let page = page_width(client).await?;
    if page > width {
        problems.push(format!("the page scrolls sideways: {page} px wide"));
    }
    Ok((problems, seen.value))
}

/// The sheet's handle, its state, and where the sheet's top is.
const SHEET: &str = "
    const handle = document.querySelector('.panel .sheet-handle');
    const panel = document.querySelector('.panel');
    return panel ? {
        expanded: handle ? handle.getAttribute('aria-expanded') : null,
        handle_tag: handle ? handle.tagName.toLowerCase() : null,
        top: panel.getBoundingClientRect().top,
        fits: (() => {
            // Scrolled to its end, its last part is inside it and the screen.
            const top = panel.scrollTop;
            panel.scrollTop = panel.scrollHeight;
            const parts = [...panel.children].filter(c => c.getClientRects().length);
            const last = parts[parts.length - 1].getBoundingClientRect();
            const box = panel.getBoundingClientRect();
            panel.scrollTop = top;
            return last.bottom <= box.bottom + 1 && box.bottom <= innerHeight + 1;
        })(),
        title: document.querySelector('#panel-title').textContent,
    } : null;";

async fn sheet_state(client: &Client) -> Result<Value> {
    client
        .execute(SHEET, vec![])
        .await
        .map_err(|e| format!("cannot read the sheet: {e}"))
}

/// Waits for the sheet's handle to say `expanded`, and the sheet to have
/// moved there (its transition).
async fn sheet_is(client: &Client, expanded: &str) -> Result<Value> {
    eventually(
        &format!("the sheet's handle at aria-expanded={expanded}"),
        || async {
            let state = sheet_state(client).await?;
            Ok((state["expanded"].as_str() == Some(expanded)).then_some(()))
        },
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    sheet_state(client).await
}

async fn sheet(world: &World) -> Result {
    for phase in [Phase::BeforeApp, Phase::App] {
        for size in [(390, 844), (320, 568)] {
            let when = format!("{} at {}x{}", phase.name(), size.0, size.1);
            let (client, _server) = open(world, phase, size, "area/E10000016").await?;
            let result = async {
                tokio::time::sleep(Duration::from_millis(700)).await;
                let peek = sheet_state(&client).await?;
                ensure(peek["handle_tag"].as_str() == Some("button"), || {
                    format!("the sheet's handle is not a button: {peek}")
                })?;
                ensure(peek["expanded"].as_str() == Some("false"), || {
                    format!("the sheet does not open as a peek: {peek}")
                })?;
                let height = f64::from(size.1);
                let peek_top = peek["top"].as_f64().unwrap_or(0.0);
                ensure(peek_top > height * 0.55, || {
                    format!("the peek covers more than the screen's lower part: {peek}")
                })?;
                click(&client, ".panel .sheet-handle").await?;
                let open = sheet_is(&client, "true").await?;
                let open_top = open["top"].as_f64().unwrap_or(f64::MAX);
                ensure(
                    open_top < height * 0.3 && open["fits"].as_bool() == Some(true),
                    || format!("expanded, the sheet does not hold the whole panel: {open}"),
                )?;
                screenshot(
                    &client,
                    &format!("sheet-expanded-{}x{}-{}.png", size.0, size.1, phase.slug()),
                )
                .await?;
                click(&client, ".panel .sheet-handle").await?;
                sheet_is(&client, "false").await?;
                // Escape folds the expanded sheet (before the app, boot.js).
                click(&client, ".panel .sheet-handle").await?;
                sheet_is(&client, "true").await?;
                press(&client, ESCAPE).await?;
                let state = sheet_is(&client, "false").await?;
                ensure(state["title"].as_str() == Some("Kent"), || {
                    format!("Escape closed the area instead of the sheet: {state}")
                })?;
                if phase == Phase::App {
                    // The map above the peek still answers a tap.
                    click_visible_area(&client, "E06000035").await?;
                    expect_panel(&client, Some("Medway"), "a tap above the peek").await?;
                    press(&client, ESCAPE).await?;
                    expect_panel(&client, None, "Escape on the peek").await?;
                }
                Ok::<(), String>(())
            }
            .await;
            let _ = client.close().await;
            result.map_err(|e| format!("{when}: {e}"))?;
        }
    }
    kept_at_the_takeover(world).await
}

/// A sheet expanded before the app (the wasm late) is still expanded when
/// the app takes the page over.
async fn kept_at_the_takeover(world: &World) -> Result {
    let wasm = built_wasm(world)?;
    let server = world.serve(|o| {
        o.faults
            .insert(format!("/{wasm}"), Fault::Delay(Duration::from_secs(3)));
    })?;
    let url = format!("{}area/E10000016", server.url());
    let client = world
        .open_until(&url, (390, 844), "#prerendered .sheet-handle")
        .await?;
    let result = async {
        click(&client, "#prerendered .sheet-handle").await?;
        sheet_is(&client, "true").await?;
        client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css(Phase::App.ready()))
            .await
            .map_err(|e| format!("{url}: the app did not start: {e}"))?;
        expect_count(&client, "#prerendered", 0).await?;
        let state = sheet_state(&client).await?;
        ensure(state["expanded"].as_str() == Some("true"), || {
            format!("the app folded the sheet the reader had expanded: {state}")
        })
    }
    .await;
    let _ = client.close().await;
    result.map_err(|e| format!("expanded before the app: {e}"))
}

/// Taps an area where the screen shows it (no zooming out first).
async fn click_visible_area(client: &Client, code: &str) -> Result {
    client
        .find(Locator::Css(&format!("svg#map path[data-area='{code}']")))
        .await
        .map_err(|e| format!("no shape for {code}: {e}"))?
        .click()
        .await
        .map_err(|e| format!("cannot tap {code}: {e}"))
}

/// An embed in a phone-wide frame: the map before the legend and the
/// tools, as wide as the frame, the whole of England on its first screen;
/// and, framed in a host's page on a phone, the height it reports is its
/// own (nothing scrolls inside the frame, nothing is left empty below).
async fn narrow_embed(world: &World) -> Result {
    let model = std::sync::Arc::new(shipped(world)?);
    for size in [(320, 568), (400, 700)] {
        let model = model.clone();
        at_path(
            world,
            "?embed=1&controls=search,filters,legend,table,panel",
            size,
            move |client, _| {
                Box::pin(async move {
                    let seen = measure(client, &model).await?;
                    embed_map_first(&seen).map_err(|e| format!("at {}x{}: {e}", size.0, size.1))?;
                    screenshot(
                        client,
                        &format!("embed-first-screen-{}x{}.png", size.0, size.1),
                    )
                    .await
                })
            },
        )
        .await?;
    }
    let map = world.serve(|_| {})?;
    let host = crate::embedding::host_server_at(&map.url(), "127.0.0.2:0")?;
    let client = world.session((360, 740)).await?;
    let result = async {
        xtask::browser::on_every_document(&client, crate::embedding::MESSAGE_RECORDER).await?;
        client.goto(&host.url()).await.map_err(|e| e.to_string())?;
        crate::embedding::in_frame(&client).await?;
        crate::embedding::out_of_frame(&client).await?;
        crate::embedding::sized(&client, "in a phone's page").await?;
        crate::embedding::in_frame(&client).await?;
        // Inside, the frame's height is the page's: nothing scrolls in it,
        // nothing is left empty below (once the height it reported last
        // has reached the host).
        let fit = eventually("the frame as tall as its page", || async {
            let heights = client
                .execute(
                    "return [innerHeight, Math.ceil(document.body.getBoundingClientRect().height), \
                             document.documentElement.scrollHeight]",
                    vec![],
                )
                .await
                .map_err(|e| e.to_string())?;
            let n = |i: usize| heights[i].as_f64().unwrap_or(f64::NAN);
            Ok(((n(0) - n(1)).abs() <= 1.0 && n(2) <= n(0) + 1.0).then_some(heights))
        })
        .await;
        let seen = measure(&client, &model).await?;
        crate::embedding::out_of_frame(&client).await?;
        fit?;
        // Zoomed to its region: the map's frame ends within a phone
        // screen's height of the frame's top, as wide as the frame.
        let map = seen.named("map").ok_or("no map in the frame")?;
        ensure(
            map[3] <= 740.0 && map[2] - map[0] >= 0.9 * seen.width,
            || {
                format!(
                    "in a phone's page the map is at {map:?} in a {} px frame",
                    seen.width
                )
            },
        )?;
        screenshot(&client, "embed-framed-360x740.png").await
    }
    .await;
    let _ = client.close().await;
    result
}

/// The map first in an embed, whole on its first screen, as wide as it.
fn embed_map_first(seen: &Seen) -> Result {
    let [left, top, right, _] = seen.named("areas").ok_or("no area drawn")?;
    ensure(seen.map_share() >= 0.95, || {
        format!(
            "{:.0}% of the map on the frame's first screen",
            seen.map_share() * 100.0
        )
    })?;
    ensure(right - left >= 0.9 * seen.width, || {
        format!(
            "the map is {:.0} px wide in a {} px frame",
            right - left,
            seen.width
        )
    })?;
    let legend = seen.value["statuses"][0][1][1].as_f64().unwrap_or(0.0);
    ensure(legend > top, || {
        format!("the legend is above the map: {}", seen.value)
    })?;
    match sideways(seen) {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

/// A page that arrives in pieces is painted a piece at a time: no part may
/// then come in above one already painted (here the page pauses halfway,
/// in its map, for 1.5 s), and the app's takeover moves nothing.
/// Lighthouse's phone, and a laptop; the national page and an area's.
async fn arriving_slowly(world: &World) -> Result {
    let pause = Duration::from_millis(1500);
    let server = world.serve(|o| {
        for path in ["/", "/area/E10000016"] {
            o.faults.insert(path.into(), Fault::Pause(pause));
        }
    })?;
    let mut failures = Vec::new();
    for size in [(412, 823), (1366, 768)] {
        for path in ["", "area/E10000016"] {
            let client = world.session(size).await?;
            let result = async {
                let url = format!("{}{path}", server.url());
                client
                    .goto(&url)
                    .await
                    .map_err(|e| format!("cannot open {url}: {e}"))?;
                client
                    .wait()
                    .at_most(Duration::from_secs(30))
                    .for_element(Locator::Css(Phase::App.ready()))
                    .await
                    .map_err(|e| format!("{url}: not ready within 30 s: {e}"))?;
                let (_, shifts) = layout_shifts(&client).await?;
                ensure(shifts.is_empty(), || {
                    format!("/{path} at {}x{}: shifted {shifts:?}", size.0, size.1)
                })
            }
            .await;
            let _ = client.close().await;
            if let Err(e) = result {
                failures.push(e);
            }
        }
    }
    ensure(failures.is_empty(), || failures.join("\n    "))
}
