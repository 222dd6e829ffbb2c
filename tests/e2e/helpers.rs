//! What every end-to-end scenario uses: opening the site in a fresh
//! browser, finding things as a visitor would, keys, screenshots and the
//! axe-core check.

use crate::{Result, World};
use concordat_map::model::{self, MapModel};
use fantoccini::{Client, Locator};
use std::future::Future;
use std::pin::Pin;
pub use xtask::server::Fault;
use xtask::server::{Options, Server};

pub type Checks<'c> = Pin<Box<dyn Future<Output = Result> + 'c>>;

pub type Scenario = for<'w> fn(&'w World) -> Pin<Box<dyn Future<Output = Result> + 'w>>;

pub const DESKTOP: (u32, u32) = (1280, 900);
pub const PHONE: (u32, u32) = (390, 844);

/// Opens the (optionally altered) site, runs `checks`, always closes the browser.
pub async fn on_page(
    world: &World,
    alter: impl FnOnce(&mut Options),
    size: (u32, u32),
    wait_for_map: bool,
    checks: impl for<'c> FnOnce(&'c Client, &'c str) -> Checks<'c>,
) -> Result {
    open_and_check(world, alter, "", size, wait_for_map, checks).await
}

/// Like `on_page`, arriving at `path` below the site's root (a deep link).
pub async fn at_path(
    world: &World,
    path: &str,
    size: (u32, u32),
    checks: impl for<'c> FnOnce(&'c Client, &'c str) -> Checks<'c>,
) -> Result {
    open_and_check(world, |_| {}, path, size, true, checks).await
}

pub async fn open_and_check(
    world: &World,
    alter: impl FnOnce(&mut Options),
    path: &str,
    size: (u32, u32),
    wait_for_map: bool,
    checks: impl for<'c> FnOnce(&'c Client, &'c str) -> Checks<'c>,
) -> Result {
    let selector = crate::ready_selector(wait_for_map);
    open_until_and_check(world, alter, path, size, selector, checks).await
}

/// Like `at_path`, for a page without the map: ready once `selector` matches.
pub async fn at_path_until(
    world: &World,
    path: &str,
    size: (u32, u32),
    selector: &str,
    checks: impl for<'c> FnOnce(&'c Client, &'c str) -> Checks<'c>,
) -> Result {
    open_until_and_check(world, |_| {}, path, size, selector, checks).await
}

async fn open_until_and_check(
    world: &World,
    alter: impl FnOnce(&mut Options),
    path: &str,
    size: (u32, u32),
    selector: &str,
    checks: impl for<'c> FnOnce(&'c Client, &'c str) -> Checks<'c>,
) -> Result {
    let server = world.serve(alter)?;
    let url = server.url();
    let client = world
        .open_until(&format!("{url}{path}"), size, selector)
        .await?;
    let result = match checks(&client, &url).await {
        Ok(()) => expect_no_csp_violations(&client, path).await,
        failed => failed,
    };
    let _ = client.close().await;
    result
}

/// The file name of the built site's wasm (to answer it with a 404: the
/// page rendered at build time, the app never starting).
pub fn built_wasm(world: &World) -> Result<String> {
    xtask::site::wasm_name(&world.dist)
}

/// Collects the page's Content Security Policy violations from its start.
pub const CSP_RECORDER: &str = "window.__csp = []; document.addEventListener(\
    'securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));";

/// The current document's Content Security Policy violations.
pub async fn csp_violations(client: &Client) -> Result<Vec<String>> {
    recorded(client, "__csp").await
}

/// What a recorder run in every document (`on_every_document`) kept in
/// `window[name]`, a list of strings.
pub async fn recorded(client: &Client, name: &str) -> Result<Vec<String>> {
    let list = client
        .execute(
            &format!("return window.{name} || ['no recorder ran'];"),
            vec![],
        )
        .await
        .map_err(|e| format!("cannot read window.{name}: {e}"))?;
    Ok(list
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().unwrap_or("?").to_string())
                .collect()
        })
        .unwrap_or_default())
}

pub async fn expect_no_csp_violations(client: &Client, when: &str) -> Result {
    let found = csp_violations(client).await?;
    ensure(found.is_empty(), || {
        format!("Content Security Policy violations at {when:?}: {found:?}")
    })
}

/// The strings a script returns as an array (anything else in it left out).
pub async fn script_strings(
    client: &Client,
    script: &str,
    args: Vec<serde_json::Value>,
) -> Result<Vec<String>> {
    let value = client
        .execute(script, args)
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

pub fn ensure(condition: bool, message: impl FnOnce() -> String) -> Result {
    if condition { Ok(()) } else { Err(message()) }
}

pub async fn count(client: &Client, css: &str) -> Result<usize> {
    client
        .find_all(Locator::Css(css))
        .await
        .map(|found| found.len())
        .map_err(|e| format!("cannot query {css}: {e}"))
}

pub async fn text(client: &Client, css: &str) -> Result<String> {
    let element = client
        .find(Locator::Css(css))
        .await
        .map_err(|e| format!("nothing matches {css}: {e}"))?;
    element
        .text()
        .await
        .map_err(|e| format!("no text for {css}: {e}"))
}

/// Clicks (or, on a phone, taps) the shape of the area with this GSS code,
/// first zooming back out to England, as a visitor would to reach an area
/// outside the zoomed view.
pub async fn click_area(client: &Client, code: &str) -> Result {
    let reset = client
        .find(Locator::Css(".map-controls .reset"))
        .await
        .map_err(|e| format!("no reset control: {e}"))?;
    if reset.is_enabled().await.map_err(|e| e.to_string())? {
        reset
            .click()
            .await
            .map_err(|e| format!("cannot reset the zoom: {e}"))?;
        // Let the zoom transition end before aiming at a shape.
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    }
    let css = format!("path[data-area='{code}']");
    let shape = client
        .find(Locator::Css(&css))
        .await
        .map_err(|e| format!("no shape for {code}: {e}"))?;
    shape
        .click()
        .await
        .map_err(|e| format!("cannot click {code}: {e}"))
}

pub async fn status_of(client: &Client, code: &str) -> Result<String> {
    let css = format!("path[data-area='{code}']");
    let element = client
        .find(Locator::Css(&css))
        .await
        .map_err(|e| format!("no shape for {code}: {e}"))?;
    element
        .attr("data-status")
        .await
        .map_err(|e| format!("cannot read data-status of {code}: {e}"))?
        .ok_or_else(|| format!("{code} has no data-status"))
}

/// Where the screenshots go, for a person to open after a run.
pub fn screenshot_dir() -> std::path::PathBuf {
    xtask::cmd::root().join("target").join("screenshots")
}

pub async fn screenshot(client: &Client, name: &str) -> Result {
    let png = client
        .screenshot()
        .await
        .map_err(|e| format!("no screenshot: {e}"))?;
    save_screenshot(&png, name)
}

pub fn save_screenshot(png: &[u8], name: &str) -> Result {
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    std::fs::write(dir.join(name), png).map_err(|e| format!("cannot save {name}: {e}"))
}

pub async fn current_path(client: &Client) -> Result<String> {
    client
        .current_url()
        .await
        .map(|u| u.path().to_string())
        .map_err(|e| format!("no current URL: {e}"))
}

pub async fn panel_title(client: &Client) -> Result<Option<String>> {
    let panels = client
        .find_all(Locator::Css(".panel h2"))
        .await
        .map_err(|e| format!("cannot look for the panel: {e}"))?;
    match panels.first() {
        Some(title) => title.text().await.map(Some).map_err(|e| e.to_string()),
        None => Ok(None),
    }
}

/// Waits (briefly) for the panel to show `expected` (None: no panel).
pub async fn expect_panel(client: &Client, expected: Option<&str>, when: &str) -> Result {
    for _ in 0..50 {
        if panel_title(client).await?.as_deref() == expected {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let actual = panel_title(client).await?;
    Err(format!(
        "{when}: panel shows {actual:?}, expected {expected:?}"
    ))
}

/// Clicks the first element `css` matches, as a visitor would.
pub async fn click(client: &Client, css: &str) -> Result {
    client
        .find(Locator::Css(css))
        .await
        .map_err(|e| format!("nothing matches {css}: {e}"))?
        .click()
        .await
        .map_err(|e| format!("cannot click {css}: {e}"))
}

/// Clicks the link in the notice an unknown area or page shows.
pub async fn follow_notice_link(client: &Client) -> Result {
    click(client, ".notice.warning a").await
}

/// The model of the shipped site, as the app builds it from the built files.
pub fn shipped(world: &World) -> Result<MapModel> {
    let read = |name: &str| {
        std::fs::read_to_string(world.dist.join(name))
            .map_err(|e| format!("cannot read the built {name}: {e}"))
    };
    model::from_texts(&read("atlas.json")?, &read("concordat.json")?).map_err(|p| p.to_string())
}

/// The built site with its wasm never answered: the page rendered at build
/// time as it is while the wasm is on its way.
pub fn serve_without_the_wasm(world: &World) -> Result<Server> {
    let wasm = built_wasm(world)?;
    world.serve(|o| {
        o.faults.insert(format!("/{wasm}"), Fault::Hang);
    })
}

/// Polls `probe` until it gives something, for up to 10 s.
pub async fn eventually<T, F, Fut>(what: &str, mut probe: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Option<T>>>,
{
    for _ in 0..100 {
        if let Some(found) = probe().await? {
            return Ok(found);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("gave up waiting for {what}"))
}

pub async fn wait_ready(client: &Client) -> Result {
    client
        .wait()
        .at_most(std::time::Duration::from_secs(30))
        .for_element(Locator::Css("svg#map[data-ready='true']"))
        .await
        .map(drop)
        .map_err(|e| format!("the map was not drawn: {e}"))
}

pub const ESCAPE: &str = "\u{E00C}";
pub const ENTER: &str = "\u{E007}";
pub const TAB: &str = "\u{E004}";
/// Shift, then Tab, then every modifier released.
pub const SHIFT_TAB: &str = "\u{E008}\u{E004}\u{E000}";
pub const ARROW_LEFT: &str = "\u{E012}";
pub const ARROW_UP: &str = "\u{E013}";
pub const ARROW_RIGHT: &str = "\u{E014}";
pub const ARROW_DOWN: &str = "\u{E015}";

/// Presses keys on whatever has focus, as a keyboard user would.
/// Sends `keys` to the element `css` matches, as a keyboard user would
/// after moving focus there.
pub async fn keys_to(client: &Client, css: &str, keys: &str) -> Result {
    client
        .find(Locator::Css(css))
        .await
        .map_err(|e| format!("nothing matches {css}: {e}"))?
        .send_keys(keys)
        .await
        .map_err(|e| format!("cannot type into {css}: {e}"))
}

/// Presses Tab on the search's last control ("Use my location"): the next
/// stop is the map's.
pub async fn tab_from_search(client: &Client) -> Result {
    keys_to(client, "button.locate", TAB)
        .await
        .map_err(|e| format!("cannot tab from the search: {e}"))
}

pub async fn press(client: &Client, keys: &str) -> Result {
    client
        .active_element()
        .await
        .map_err(|e| format!("nothing has focus: {e}"))?
        .send_keys(keys)
        .await
        .map_err(|e| format!("cannot press {keys:?}: {e}"))
}

/// An attribute of the focused element, e.g. `data-area` or `id`.
pub async fn focused(client: &Client, attribute: &str) -> Result<Option<String>> {
    client
        .active_element()
        .await
        .map_err(|e| format!("nothing has focus: {e}"))?
        .attr(attribute)
        .await
        .map_err(|e| format!("cannot read {attribute} of the focused element: {e}"))
}

pub async fn attr(client: &Client, css: &str, attribute: &str) -> Result<Option<String>> {
    client
        .find(Locator::Css(css))
        .await
        .map_err(|e| format!("nothing matches {css}: {e}"))?
        .attr(attribute)
        .await
        .map_err(|e| format!("cannot read {attribute} of {css}: {e}"))
}

/// Waits (briefly) until `css` matches `n` elements.
pub async fn expect_count(client: &Client, css: &str, n: usize) -> Result {
    for _ in 0..30 {
        if count(client, css).await? == n {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let actual = count(client, css).await?;
    Err(format!("{actual} elements match {css}, expected {n}"))
}

/// The map's zoom as the scale in the viewport's transform (1: England).
pub async fn zoom_scale(client: &Client) -> Result<f64> {
    let transform = attr(client, "svg#map .viewport", "style")
        .await?
        .unwrap_or_default();
    // No transform at all: the whole of England.
    if !transform.contains("scale(") {
        return Ok(1.0);
    }
    transform
        .split("scale(")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("no scale in the map's transform {transform:?}"))
}

/// Injects axe-core and runs the WCAG 2.0, 2.1 and 2.2 A and AA rules.
pub async fn axe(client: &Client, when: &str) -> Result {
    let path = match std::env::var_os("AXE_CORE") {
        Some(path) => std::path::PathBuf::from(path),
        None => xtask::setup::axe_core()?,
    };
    let script = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read axe-core at {}: {e}", path.display()))?;
    client
        .execute(&format!("{script}\n;return typeof axe;"), vec![])
        .await
        .map_err(|e| format!("cannot inject axe-core: {e}"))?;
    let violations = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values:
               ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] } })
               .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help
                 + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
               .catch(e => done(['axe-core failed: ' + e]));",
            vec![],
        )
        .await
        .map_err(|e| format!("axe-core did not run: {e}"))?;
    let list: Vec<String> = violations
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().unwrap_or("?").to_string())
                .collect()
        })
        .ok_or_else(|| format!("axe-core returned {violations}"))?;
    ensure(list.is_empty(), || {
        format!("{when}: {}", list.join("\n      "))
    })
}

pub async fn page_width(client: &Client) -> Result<f64> {
    client
        .execute("return document.documentElement.scrollWidth", vec![])
        .await
        .map_err(|e| format!("cannot measure the page: {e}"))
        .map(|w| w.as_f64().unwrap_or(f64::MAX))
}

/// Records every layout shift of the page from its start, not caused by
/// input, with what moved. (Layout shifts never reach the performance
/// timeline: `getEntriesByType('layout-shift')` is always empty, so an
/// observer it must be.)
pub const SHIFT_RECORDER: &str = "window.__shifts = []; \
    new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) \
      window.__shifts.push([e.value, Math.round(e.startTime) + ' ms: ' + e.sources.map(s => s.node \
        ? (s.node.nodeName.toLowerCase() + (s.node.className && s.node.className.baseVal === undefined ? '.' + s.node.className : '')) \
          + ' from y ' + Math.round(s.previousRect.y) + ' to ' + Math.round(s.currentRect.y) : '?').join(', ')]); }) \
      .observe({ type: 'layout-shift', buffered: true });";

/// How much the layout has shifted since the page began (CLS's sum), and
/// what moved when it did.
pub async fn layout_shifts(client: &Client) -> Result<(f64, Vec<String>)> {
    // The observer hears of a shift a task after it.
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let value = client
        .execute(
            "const s = window.__shifts; return s ? s : 'no recorder ran';",
            vec![],
        )
        .await
        .map_err(|e| format!("cannot read the layout shifts: {e}"))?;
    let shifts = value
        .as_array()
        .ok_or_else(|| format!("layout shifts: {value}"))?;
    let sum = shifts.iter().filter_map(|s| s[0].as_f64()).sum();
    let what = shifts
        .iter()
        .map(|s| format!("{} at {}", s[0], s[1].as_str().unwrap_or("?")))
        .collect();
    Ok((sum, what))
}

/// How much the layout has shifted since the page began (CLS's sum).
pub async fn layout_shift(client: &Client) -> Result<f64> {
    layout_shifts(client).await.map(|(sum, _)| sum)
}
