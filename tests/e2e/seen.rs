//! What a visitor actually sees, not what the attributes say: the map's
//! pixels in every status's colour and pattern (light, dark, phone, forced
//! colours, print; before and after the app takes over; embedded), the
//! legend's swatches agreeing with them, the map as one tab stop, and no
//! view scrolling sideways on a phone. Every expected colour comes from the
//! shipped dataset, so a new palette keeps these tests true.

use crate::helpers::*;
use crate::{Result, World};
use concordat_map::colour::{
    Blend, NOT_RECORDED_FILL, NOT_RECORDED_YET_FILL, NOT_RECORDED_YET_INK, contrast, hue_distance,
    hue_saturation, parse_hex,
};
use concordat_map::model::{NOT_RECORDED_ID, NOT_RECORDED_YET_ID};
use fantoccini::{Client, Locator};
use std::collections::BTreeMap;
use std::time::Duration;

pub const ALL: &[(&str, Scenario)] = &[
    ("the_map_is_seen_in_its_status_colours_and_patterns", |w| {
        Box::pin(colours(w))
    }),
    ("every_tab_stop_in_the_map_is_an_area", |w| {
        Box::pin(tab_stops(w))
    }),
    ("no_view_scrolls_sideways_on_a_phone", |w| {
        Box::pin(no_sideways_scroll(w))
    }),
];

/// One way a visitor may see the map.
struct Look {
    /// Also the screenshot's name.
    name: &'static str,
    size: (u32, u32),
    path: &'static str,
    /// Emulated media features, e.g. dark mode.
    features: &'static [(&'static str, &'static str)],
    /// An emulated media type ("print"), or none for the screen.
    media: &'static str,
    /// The page rendered at build time, the wasm never arriving.
    before_app: bool,
}

const DARK: &[(&str, &str)] = &[("prefers-color-scheme", "dark")];
const FORCED: &[(&str, &str)] = &[("forced-colors", "active")];

/// Every status and "not recorded yet" is on the map in some look (the
/// test checks), each open area's outline is sampled too (Kent's).
const LOOKS: &[Look] = &[
    Look {
        name: "seen-before-app-1280x900",
        size: DESKTOP,
        path: "",
        features: &[],
        media: "",
        before_app: true,
    },
    Look {
        name: "seen-map-1280x900",
        size: DESKTOP,
        path: "",
        features: &[],
        media: "",
        before_app: false,
    },
    // Before the national deadline: "no declaration yet" and "not
    // recorded yet" beside the statuses.
    Look {
        name: "seen-2014-09-30-1280x900",
        size: DESKTOP,
        path: "?at=2014-09-30",
        features: &[],
        media: "",
        before_app: false,
    },
    Look {
        name: "seen-dark-2014-09-30-1280x900",
        size: DESKTOP,
        path: "?at=2014-09-30",
        features: DARK,
        media: "",
        before_app: false,
    },
    Look {
        name: "seen-area-1280x900",
        size: DESKTOP,
        path: "area/E10000016",
        features: &[],
        media: "",
        before_app: false,
    },
    Look {
        name: "seen-area-dark-1280x900",
        size: DESKTOP,
        path: "area/E10000016",
        features: DARK,
        media: "",
        before_app: false,
    },
    Look {
        name: "seen-phone-390x844",
        size: PHONE,
        path: "",
        features: &[],
        media: "",
        before_app: false,
    },
    Look {
        name: "seen-phone-dark-before-app-390x844",
        size: PHONE,
        path: "",
        features: DARK,
        media: "",
        before_app: true,
    },
    Look {
        name: "seen-embed-640x600",
        size: (640, 600),
        path: "?embed=1&region=north-west",
        features: &[],
        media: "",
        before_app: false,
    },
    Look {
        name: "seen-forced-colours-2014-09-30-1280x900",
        size: DESKTOP,
        path: "area/E10000016?at=2014-09-30",
        features: FORCED,
        media: "",
        before_app: false,
    },
    // The map as printed (the print stylesheet's landscape page): the
    // same colours and patterns as on screen.
    Look {
        name: "seen-print-2014-09-30-1280x900",
        size: DESKTOP,
        path: "?at=2014-09-30",
        features: &[],
        media: "print",
        before_app: false,
    },
];

/// Finds points well inside the largest shown areas of each status (up to
/// `arguments[0]` a status), inside each legend swatch, and along the open
/// area's outline, all on screen, in CSS pixels. A point is inside an area
/// if it and four points 3 px around it hit that area's path, so
/// boundaries and antialiasing stay out; the grid is jittered so that it
/// cannot fall in step with a pattern's tiles.
const SAMPLER: &str = r#"
const perStatus = arguments[0];
const shown = e => e.getClientRects().length > 0;
const map = [...document.querySelectorAll('svg.map')].find(shown);
if (!map) return { error: 'no map on screen' };
const [W, H] = [innerWidth, innerHeight];
const onScreen = (x, y) => x >= 0 && y >= 0 && x < W && y < H;
const hits = (el, x, y) => onScreen(x, y) && document.elementFromPoint(x, y) === el;
const inside = (el, x, y) => hits(el, x, y) && [[-3, 0], [3, 0], [0, -3], [0, 3]].every(([dx, dy]) => hits(el, x + dx, y + dy));
const jitter = (i, j) => ((i * 7919 + j * 104729) % 97) / 97 - 0.5;
// An area's box as far as it is seen: within the map's frame and the screen
// (zoomed in, most areas are outside both).
const frame = map.getBoundingClientRect();
const visible = r => {
  const left = Math.max(r.left, frame.left, 0), top = Math.max(r.top, frame.top, 0);
  const right = Math.min(r.right, frame.right, W), bottom = Math.min(r.bottom, frame.bottom, H);
  return right > left && bottom > top ? { left, top, width: right - left, height: bottom - top } : null;
};
const byStatus = {};
for (const p of map.querySelectorAll('g.areas path[data-area]')) {
  if (p.getAttribute('data-match') === 'false') continue;
  const r = visible(p.getBoundingClientRect());
  if (r) (byStatus[p.getAttribute('data-status')] ||= []).push([r.width * r.height, p, r]);
}
const samples = [];
for (const [status, list] of Object.entries(byStatus)) {
  list.sort((a, b) => b[0] - a[0]);
  for (const [, p, r] of list.slice(0, perStatus)) {
    const points = [];
    for (let i = 0; i < 24; i++) for (let j = 0; j < 24; j++) {
      const x = r.left + (i + 0.5 + jitter(i, j)) * r.width / 24;
      const y = r.top + (j + 0.5 + jitter(j, i)) * r.height / 24;
      if (inside(p, x, y)) points.push([x, y]);
    }
    samples.push({ what: p.getAttribute('data-area'), status, points });
  }
}
const swatches = [];
for (const s of document.querySelectorAll('.legend [data-status] .swatch')) {
  if (!shown(s)) continue;
  const r = s.getBoundingClientRect();
  const points = [];
  for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) {
    const x = r.left + 3 + (i + 0.5) * (r.width - 6) / 7, y = r.top + 3 + (j + 0.5) * (r.height - 6) / 7;
    if (onScreen(x, y)) points.push([x, y]);
  }
  swatches.push({ what: 'legend', status: s.closest('[data-status]').getAttribute('data-status'), points });
}
// The open area's outline: points along its middle, and the area's status.
let outline = null;
const selection = map.querySelector('path.selection');
const open = map.querySelector('g.areas path.selected');
if (selection && open) {
  const m = selection.getScreenCTM();
  const length = selection.getTotalLength();
  const points = [];
  for (let k = 0; k < 400; k++) {
    const p = selection.getPointAtLength(length * k / 400);
    const x = m.a * p.x + m.c * p.y + m.e, y = m.b * p.x + m.d * p.y + m.f;
    if (onScreen(x, y)) points.push([x, y]);
  }
  outline = { what: open.getAttribute('data-area'), status: open.getAttribute('data-status'), points };
}
return { size: [W, H], drawn: Object.keys(byStatus), samples, swatches, outline,
         print: matchMedia('print').matches };
"#;

/// A screenshot's pixels, RGB, row by row.
struct Picture {
    width: usize,
    height: usize,
    rgb: Vec<[u8; 3]>,
}

impl Picture {
    fn decode(png_bytes: &[u8]) -> Result<Picture> {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder
            .read_info()
            .map_err(|e| format!("the screenshot is not a PNG: {e}"))?;
        let size = reader
            .output_buffer_size()
            .ok_or("the screenshot is too large to decode")?;
        let mut buffer = vec![0; size];
        let frame = reader
            .next_frame(&mut buffer)
            .map_err(|e| format!("cannot decode the screenshot: {e}"))?;
        let channels = frame.color_type.samples();
        let rgb = buffer[..frame.buffer_size()]
            .chunks_exact(channels)
            .map(|p| match channels {
                1 | 2 => [p[0]; 3],
                _ => [p[0], p[1], p[2]],
            })
            .collect();
        Ok(Picture {
            width: frame.width as usize,
            height: frame.height as usize,
            rgb,
        })
    }

    /// The mean colour at these points (CSS pixels of a viewport `css_width` wide).
    fn mean_at(&self, points: &[[f64; 2]], css_width: f64) -> Option<[f64; 3]> {
        let scale = self.width as f64 / css_width.max(1.0);
        let mut sum = [0.0; 3];
        let mut n = 0.0;
        for [x, y] in points {
            let (px, py) = ((x * scale) as usize, (y * scale) as usize);
            if px < self.width && py < self.height {
                let c = self.rgb[py * self.width + px];
                for i in 0..3 {
                    sum[i] += f64::from(c[i]);
                }
                n += 1.0;
            }
        }
        (n > 0.0).then(|| sum.map(|s| s / n))
    }
}

/// The built site; with its wasm missing if `before_app`.
fn serve(world: &World, before_app: bool) -> Result<xtask::server::Server> {
    if before_app {
        serve_without_the_wasm(world)
    } else {
        world.serve(|_| {})
    }
}

/// Opens `url` and waits for the map: the rendered one before the app, the
/// app's once ready.
async fn open_map(client: &Client, url: &str, before_app: bool) -> Result {
    client
        .goto(url)
        .await
        .map_err(|e| format!("cannot open {url}: {e}"))?;
    let ready = if before_app {
        "#prerendered svg.map g.areas path[data-area]"
    } else {
        "svg#map[data-ready='true']"
    };
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(ready))
        .await
        .map(drop)
        .map_err(|e| format!("nothing matched {ready} within 30 s: {e}"))
}

/// Each status id's fill and its pattern's ink, as sRGB channels.
type Palette = BTreeMap<String, ([u8; 3], [u8; 3])>;

/// Each status id's fill and pattern ink, from the shipped dataset (and
/// the core's constants for what the dataset does not cover).
fn expected_colours(world: &World) -> Result<Palette> {
    let model = shipped(world)?;
    let hex = |text: &str| parse_hex(text).ok_or_else(|| format!("not a colour: {text:?}"));
    let mut colours = BTreeMap::new();
    for status in &model.statuses {
        colours.insert(status.id.clone(), (hex(&status.colour)?, hex(status.ink)?));
    }
    colours.insert(
        NOT_RECORDED_YET_ID.to_string(),
        (hex(NOT_RECORDED_YET_FILL)?, hex(NOT_RECORDED_YET_INK)?),
    );
    let plain = hex(NOT_RECORDED_FILL)?;
    colours.insert(NOT_RECORDED_ID.to_string(), (plain, plain));
    Ok(colours)
}

/// Whether `mean` is the status drawn as it should be: its fill blended with
/// 1% to 45% of its pattern's ink (the marks show, and do not swamp it) and
/// near that line (so its hue, and not dark), and for a coloured fill,
/// within 15° of the fill's hue.
fn judge(mean: [f64; 3], fill: [u8; 3], ink: [u8; 3]) -> Result {
    let blend = Blend::of(mean, fill, ink);
    let (hue, saturation) = hue_saturation(mean);
    let (want_hue, want_saturation) = hue_saturation(fill.map(f64::from));
    let said = format!(
        "mean rgb({:.0}, {:.0}, {:.0}), hue {hue:.0}°, {:.0}% ink, {:.0} off the fill–ink line \
         (fill rgb{fill:?}, hue {want_hue:.0}°; ink rgb{ink:?})",
        mean[0],
        mean[1],
        mean[2],
        blend.ink * 100.0,
        blend.off
    );
    let hue_ok = want_saturation < 0.3 || (saturation > 0.1 && hue_distance(hue, want_hue) <= 15.0);
    // With marks at all, some of them must show: a plain fill is not the pattern.
    // (Sparse marks, the dashes of "not recorded yet", cover about 7%.)
    let least = if fill == ink { -0.05 } else { 0.01 };
    ensure(
        (least..=0.45).contains(&blend.ink) && blend.off <= 20.0 && hue_ok,
        || said,
    )
}

async fn colours(world: &World) -> Result {
    let expected = expected_colours(world)?;
    let mut failures = Vec::new();
    let mut seen_on_map = std::collections::BTreeSet::new();
    for look in LOOKS {
        let server = serve(world, look.before_app)?;
        let client = world.session(look.size).await?;
        let result = async {
            if !look.features.is_empty() || !look.media.is_empty() {
                xtask::browser::emulate(&client, look.media, look.features).await?;
            }
            open_map(
                &client,
                &format!("{}{}", server.url(), look.path),
                look.before_app,
            )
            .await?;
            if look.before_app {
                // Long enough for the app to have started, were it coming.
                tokio::time::sleep(Duration::from_millis(1000)).await;
                expect_count(&client, "[data-ready='true']", 0).await?;
            }
            let report = look_at(&client, look, &expected).await?;
            expect_no_csp_violations(&client, look.name).await?;
            Ok::<_, String>(report)
        }
        .await;
        let _ = client.close().await;
        match result {
            Ok(report) => {
                println!("    seen in {}: {}", look.name, report.line());
                failures.extend(report.failures);
                seen_on_map.extend(
                    report
                        .seen
                        .keys()
                        .filter_map(|k| k.strip_prefix("map "))
                        .map(String::from),
                );
            }
            Err(e) => failures.push(format!("{}: {e}", look.name)),
        }
    }
    // Every pattern is looked at somewhere: each status, and "not recorded
    // yet" (what the dataset covers; "not recorded" is plain white).
    for status in expected.keys().filter(|s| *s != NOT_RECORDED_ID) {
        if !seen_on_map.contains(status) {
            failures.push(format!("no look shows {status} on the map: add one"));
        }
    }
    ensure(failures.is_empty(), || {
        format!(
            "not seen as drawn (screenshots in {}):\n      {}",
            screenshot_dir().display(),
            failures.join("\n      ")
        )
    })
}

/// What one look found: what was not seen as drawn, and the mean colours
/// seen, by part and status (printed, for a person to read).
#[derive(Default)]
struct Report {
    failures: Vec<String>,
    seen: BTreeMap<String, Vec<[f64; 3]>>,
}

impl Report {
    fn line(&self) -> String {
        self.seen
            .iter()
            .map(|(what, means)| {
                let n = means.len() as f64;
                let mean = [0, 1, 2].map(|i| means.iter().map(|m| m[i]).sum::<f64>() / n);
                format!("{what} rgb({:.0}, {:.0}, {:.0})", mean[0], mean[1], mean[2])
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Scrolls the first shown element matching `arguments[0]` into view
/// (`arguments[1]`: where) unless it is all on screen; says which.
const BRING_INTO_VIEW: &str = "const e = [...document.querySelectorAll(arguments[0])].find(e => e.getClientRects().length); \
    if (!e) return 'absent'; \
    const r = e.getBoundingClientRect(); \
    if (r.top >= 0 && r.bottom <= innerHeight) return 'on screen'; \
    e.scrollIntoView({ block: arguments[1] }); return 'scrolled';";

async fn bring_into_view(client: &Client, css: &str, block: &str) -> Result<String> {
    let answer = client
        .execute(BRING_INTO_VIEW, vec![css.into(), block.into()])
        .await
        .map_err(|e| format!("cannot scroll to {css}: {e}"))?;
    if answer.as_str() == Some("scrolled") {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Ok(answer.as_str().unwrap_or("?").to_string())
}

/// Samples the map, as a visitor scrolls to it, and the legend (beside the
/// map, or below it on a phone), each from a screenshot.
async fn look_at(client: &Client, look: &Look, expected: &Palette) -> Result<Report> {
    let mut report = Report::default();
    bring_into_view(client, "svg.map", "start").await?;
    let first = sample(client).await?;
    if first["drawn"].as_array().is_none_or(Vec::is_empty) {
        report
            .failures
            .push(format!("{}: no area is drawn as shown", look.name));
    }
    if first["print"].as_bool() != Some(look.media == "print") {
        report.failures.push(format!(
            "{}: the page is not laid out for {:?}",
            look.name, look.media
        ));
    }
    let picture = snap(client, look.name).await?;
    judge_all(
        &first,
        "samples",
        &picture,
        expected,
        look.name,
        &mut report,
    );
    judge_outline(&first, &picture, expected, look.name, &mut report);
    let (legend, picture) = match bring_into_view(client, ".legend", "center").await?.as_str() {
        "absent" => {
            report.failures.push(format!("{}: no legend", look.name));
            return Ok(report);
        }
        "on screen" => (first, picture),
        _ => {
            let legend = sample(client).await?;
            let picture = snap(client, &format!("{}-legend", look.name)).await?;
            (legend, picture)
        }
    };
    if legend["swatches"].as_array().is_none_or(Vec::is_empty) {
        report
            .failures
            .push(format!("{}: no legend swatch on screen", look.name));
    }
    judge_all(
        &legend,
        "swatches",
        &picture,
        expected,
        look.name,
        &mut report,
    );
    Ok(report)
}

async fn sample(client: &Client) -> Result<serde_json::Value> {
    // Not while the map zooms: the points must be where the screenshot finds them.
    eventually("the map's zoom to end", || async {
        let running = client
            .execute(
                "return document.getAnimations().filter(a => a.playState === 'running').length",
                vec![],
            )
            .await
            .map_err(|e| format!("cannot list the page's animations: {e}"))?;
        Ok((running.as_u64() == Some(0)).then_some(()))
    })
    .await?;
    let found = client
        .execute(SAMPLER, vec![serde_json::json!(3)])
        .await
        .map_err(|e| format!("cannot sample the map: {e}"))?;
    match found["error"].as_str() {
        Some(error) => Err(error.to_string()),
        None => Ok(found),
    }
}

async fn snap(client: &Client, name: &str) -> Result<Picture> {
    let png_bytes = client
        .screenshot()
        .await
        .map_err(|e| format!("no screenshot: {e}"))?;
    save_screenshot(&png_bytes, &format!("{name}.png"))?;
    Picture::decode(&png_bytes)
}

/// Judges every sample in `found[key]` into the report.
fn judge_all(
    found: &serde_json::Value,
    key: &str,
    picture: &Picture,
    expected: &Palette,
    look: &str,
    report: &mut Report,
) {
    let css_width = found["size"][0].as_f64().unwrap_or(1.0);
    for sample in found[key].as_array().into_iter().flatten() {
        let what = sample["what"].as_str().unwrap_or("?");
        let status = sample["status"].as_str().unwrap_or("?");
        let points: Vec<[f64; 2]> = sample["points"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| Some([p[0].as_f64()?, p[1].as_f64()?]))
            .collect();
        let place = format!("{look}: {what} ({status})");
        let Some(&(fill, ink)) = expected.get(status) else {
            report
                .failures
                .push(format!("{place}: a status the dataset does not have"));
            continue;
        };
        if points.len() < 12 {
            report.failures.push(format!(
                "{place}: only {} points inside it on screen",
                points.len()
            ));
            continue;
        }
        let Some(mean) = picture.mean_at(&points, css_width) else {
            report
                .failures
                .push(format!("{place}: its points are off the screenshot"));
            continue;
        };
        let part = if what == "legend" { "legend" } else { "map" };
        report
            .seen
            .entry(format!("{part} {status}"))
            .or_default()
            .push(mean);
        if let Err(said) = judge(mean, fill, ink) {
            report
                .failures
                .push(format!("{place}: {said}, over {} points", points.len()));
        }
    }
}

/// The open area's outline stands out from the area itself, 3:1 at least
/// (WCAG's non-text contrast) against the status's fill, whatever its colour.
fn judge_outline(
    found: &serde_json::Value,
    picture: &Picture,
    expected: &Palette,
    look: &str,
    report: &mut Report,
) {
    let Some(outline) = found["outline"].as_object() else {
        return;
    };
    let what = outline["what"].as_str().unwrap_or("?");
    let points: Vec<[f64; 2]> = outline["points"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some([p[0].as_f64()?, p[1].as_f64()?]))
        .collect();
    let css_width = found["size"][0].as_f64().unwrap_or(1.0);
    let fill = outline["status"]
        .as_str()
        .and_then(|s| expected.get(s))
        .map(|(fill, _)| *fill);
    let (Some(fill), Some(mean)) = (fill, picture.mean_at(&points, css_width)) else {
        report
            .failures
            .push(format!("{look}: {what}'s outline is not on screen"));
        return;
    };
    report.seen.insert("outline".into(), vec![mean]);
    let hex = |c: [f64; 3]| format!("#{:02x}{:02x}{:02x}", c[0] as u8, c[1] as u8, c[2] as u8);
    let ratio = contrast(&hex(mean), &hex(fill.map(f64::from))).unwrap_or(0.0);
    if points.len() < 50 || ratio < 3.0 {
        report.failures.push(format!(
            "{look}: {what}'s outline, {} points, mean {} against its fill {}: contrast {ratio:.2}, needs 3",
            points.len(),
            hex(mean),
            hex(fill.map(f64::from))
        ));
    }
}

/// Tabbing through the page, the map is one stop, an area: not its group,
/// not the SVG. Walks forward and back across the map, before the app (the
/// page rendered at build time) and after.
async fn tab_stops(world: &World) -> Result {
    // Every walk starts at the last control before the map, the search's
    // "Use my location".
    let pages = [
        ("before the app", "", true),
        ("with the app", "", false),
        ("embedded", "?embed=1&controls=search,legend,panel", false),
    ];
    for (when, path, before_app) in pages {
        let server = serve(world, before_app)?;
        let client = world.session(DESKTOP).await?;
        let result = async {
            open_map(&client, &format!("{}{path}", server.url()), before_app)
                .await
                .map_err(|e| format!("{when}: {e}"))?;
            tab_from_search(&client)
                .await
                .map_err(|e| format!("{when}: {e}"))?;
            tab_across_the_map(&client, when).await
        }
        .await;
        let _ = client.close().await;
        result?;
    }
    Ok(())
}

/// What has focus, in words: `area CODE` (its shape, or before the app the
/// link around it), `in map: TAG.CLASS`, or `TAG.CLASS`.
async fn focus_stop(client: &Client) -> Result<String> {
    let stop = client
        .execute(
            "const e = document.activeElement; \
             const name = e.tagName.toLowerCase() + (e.getAttribute('class') ? '.' + e.getAttribute('class').split(' ').join('.') : ''); \
             const area = e.matches('path[data-area]') ? e : e.querySelector(':scope > path[data-area]'); \
             if (e.closest('svg.map')) return area ? 'area ' + area.getAttribute('data-area') : 'in map: ' + name; \
             return name;",
            vec![],
        )
        .await
        .map_err(|e| format!("cannot read the focus: {e}"))?;
    Ok(stop.as_str().unwrap_or("?").to_string())
}

fn in_map(stop: &str) -> bool {
    stop.starts_with("area ") || stop.starts_with("in map:")
}

/// From the first Tab past the control before the map: forward until focus
/// leaves the map, then back.
async fn tab_across_the_map(client: &Client, when: &str) -> Result {
    let mut forward = Vec::new();
    for _ in 0..6 {
        let stop = focus_stop(client).await?;
        let in_map = in_map(&stop);
        forward.push(stop);
        if !in_map {
            break;
        }
        press(client, TAB).await?;
    }
    let map_stops: Vec<&String> = forward.iter().filter(|s| in_map(s)).collect();
    ensure(
        map_stops.len() == 1 && map_stops[0].starts_with("area "),
        || {
            format!(
                "{when}: Tab across the map went through {forward:?}; the map must be one stop, an area"
            )
        },
    )?;
    ensure(forward[0].starts_with("area "), || {
        format!(
            "{when}: the first Tab into the map reached {:?}, not an area",
            forward[0]
        )
    })?;
    // And back: Shift+Tab from the first stop after the map lands on the area.
    let mut backward = Vec::new();
    for _ in 0..6 {
        press(client, SHIFT_TAB).await?;
        let stop = focus_stop(client).await?;
        let in_map = in_map(&stop);
        backward.push(stop);
        if !in_map && backward.len() > 1 {
            break;
        }
    }
    let map_stops: Vec<&String> = backward.iter().filter(|s| in_map(s)).collect();
    ensure(
        map_stops.len() == 1 && backward[0].starts_with("area "),
        || format!("{when}: Shift+Tab back across the map went through {backward:?}"),
    )
}

/// The views a phone visitor may open, each at 320 and 390 px: the page is
/// never wider than the screen, and the table scrolls inside its frame.
async fn no_sideways_scroll(world: &World) -> Result {
    let views = [
        ("map", "", "svg#map[data-ready='true']"),
        ("table", "?view=table", "tr[data-area]"),
        ("area", "area/E08000003", ".panel h2"),
        (
            "embed",
            "?embed=1&controls=search,filters,legend,table,panel",
            "svg#map[data-ready='true']",
        ),
        (
            "embed table",
            "?embed=1&view=table&controls=table",
            "tr[data-area]",
        ),
        ("embed builder", "embed", ".builder textarea"),
    ];
    let mut failures = Vec::new();
    for width in [320, 390] {
        for (name, path, ready) in views {
            let size = (width, 740);
            let result = at_path_until(world, path, size, ready, move |client, _| {
                Box::pin(async move {
                    // Let late layout (fonts, the builder's preview) settle.
                    tokio::time::sleep(Duration::from_millis(300)).await;
                    // Against the width the page is laid out in (scroll
                    // bars take none here, hidden as on a phone).
                    let widths = client
                        .execute(
                            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]",
                            vec![],
                        )
                        .await
                        .map_err(|e| format!("cannot measure the page: {e}"))?;
                    let (page, laid_out) = (
                        widths[0].as_f64().unwrap_or(f64::MAX),
                        widths[1].as_f64().unwrap_or(0.0),
                    );
                    if page > laid_out || laid_out > f64::from(width) {
                        let wide = client
                            .execute(WIDEST, vec![serde_json::json!(width)])
                            .await
                            .map_err(|e| e.to_string())?;
                        return Err(format!("the page is {page} px wide; widest: {wide}"));
                    }
                    if name.contains("table") {
                        table_scrolls_in_its_frame(client).await?;
                    }
                    screenshot(
                        client,
                        &format!("narrow-{}-{width}px.png", name.replace(' ', "-")),
                    )
                    .await
                })
            })
            .await;
            if let Err(e) = result {
                failures.push(format!("{name} at {width} px: {e}"));
            }
        }
    }
    // On a wide screen the table fits, and no cue says otherwise.
    let wide = at_path_until(world, "?view=table", DESKTOP, "tr[data-area]", |client, _| {
        Box::pin(async move {
            let hint = client
                .execute(
                    "const f = document.querySelector('.table-frame'); \
                     return [f.scrollWidth <= f.clientWidth, \
                             document.querySelector('.table-scroll-hint').getClientRects().length === 0];",
                    vec![],
                )
                .await
                .map_err(|e| e.to_string())?;
            ensure(hint == serde_json::json!([true, true]), || {
                format!("at 1280 px the table (fits, hint hidden) is {hint}")
            })
        })
    })
    .await;
    if let Err(e) = wide {
        failures.push(format!("table at 1280 px: {e}"));
    }
    ensure(failures.is_empty(), || failures.join("\n    "))
}

/// The elements sticking out of a viewport `arguments[0]` px wide, for a message.
const WIDEST: &str = "return [...document.querySelectorAll('body *')]\
    .filter(e => e.getBoundingClientRect().right > arguments[0] + 1 && !e.closest('.table-frame > *'))\
    .slice(0, 6).map(e => e.tagName + '.' + e.getAttribute('class') + ' ' + Math.round(e.getBoundingClientRect().right))";

/// The table is wider than a phone: it scrolls inside its frame, and says so.
async fn table_scrolls_in_its_frame(client: &Client) -> Result {
    let frame = client
        .execute(
            "const f = document.querySelector('.table-frame'); \
             const hint = document.querySelector('.table-scroll-hint'); \
             return [f.scrollWidth, f.clientWidth, getComputedStyle(f).overflowX, \
                     !!hint && hint.getClientRects().length > 0];",
            vec![],
        )
        .await
        .map_err(|e| format!("cannot measure the table's frame: {e}"))?;
    let (scroll, client_width) = (
        frame[0].as_f64().unwrap_or(0.0),
        frame[1].as_f64().unwrap_or(0.0),
    );
    ensure(
        scroll > client_width && frame[2].as_str() == Some("auto"),
        || format!("the table does not scroll inside its frame: {frame}"),
    )?;
    ensure(frame[3].as_bool() == Some(true), || {
        "no cue says the table scrolls sideways".into()
    })?;
    // For the screenshot: the cue and the table's first rows.
    bring_into_view(client, ".table-scroll-hint", "start")
        .await
        .map(drop)
}
