//! `cargo xtask bench`: the size and speed report. Sizes of what a visitor
//! downloads; navigation to map-ready over cold loads; and how long a filter
//! change takes to reach the screen, on the map and in the table. Timings are
//! reported here, never asserted in tests.

use crate::cmd::{Result, flag_value, say};
use crate::{browser, server, setup, site, sizes};
use std::time::Duration;

pub fn run(args: &[String]) -> Result {
    let loads: usize = flag_value(args, "--loads")?.unwrap_or(10).max(1);
    let dist = site::default_dist();
    site::build_release(&setup::for_build()?, &dist, "/")?;
    report_sizes(&dist)?;
    let server = server::Server::start(server::Options::new(&dist), "127.0.0.1:0")?;
    setup::for_tests()?;
    let driver = browser::Driver::start()?;
    let runtime = tokio::runtime::Runtime::new().map_err(|e| format!("no async runtime: {e}"))?;
    let (mut fcp, mut lcp, mut ready) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..loads {
        let [first, largest, interactive] = runtime.block_on(load_times(&driver, &server.url()))?;
        say(&format!(
            "cold load {}/{loads}: first paint {first:.0} ms, largest paint {largest:.0} ms, map-ready {interactive:.0} ms",
            i + 1
        ));
        fcp.push(first);
        lcp.push(largest);
        ready.push(interactive);
    }
    for (what, times) in [
        ("first-contentful-paint", &mut fcp),
        ("largest-contentful-paint", &mut lcp),
        ("map-ready (interactive)", &mut ready),
    ] {
        println!(
            "navigation -> {what} over {loads} cold loads: {}",
            spread(times)
        );
    }
    for (view, query) in [("map", ""), ("table", "?view=table")] {
        let url = format!("{}{query}", server.url());
        let mut times = runtime.block_on(filter_changes(&driver, &url))?;
        println!(
            "filter change -> {view} updated and painted, {} changes at 152 areas: {}",
            times.len(),
            spread(&mut times)
        );
    }
    Ok(())
}

/// "median 12 ms (min 9, max 20)".
fn spread(times: &mut [f64]) -> String {
    times.sort_by(f64::total_cmp);
    let n = times.len();
    if n == 0 {
        return "no measurements".into();
    }
    let median = if n % 2 == 1 {
        times[n / 2]
    } else {
        (times[n / 2 - 1] + times[n / 2]) / 2.0
    };
    format!(
        "median {median:.1} ms (min {:.1}, max {:.1})",
        times[0],
        times[n - 1]
    )
}

/// Files the site ships that the map's own page never loads.
const NOT_LOADED_BY_THE_PAGE: [&str; 1] = [
    // For host pages that embed the map.
    "embed.js",
];

fn report_sizes(dist: &std::path::Path) -> Result {
    let files = sizes::measure(dist).map_err(|e| format!("cannot read {}: {e}", dist.display()))?;
    let row = |name: &str, raw: usize, gzip: usize, brotli: usize| {
        println!("{name:<48} {raw:>10} {gzip:>10} {brotli:>10}");
    };
    println!(
        "{:<48} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    let (mut raw, mut gzip, mut brotli) = (0, 0, 0);
    let (loaded, others): (Vec<_>, Vec<_>) = files
        .iter()
        .partition(|f| !NOT_LOADED_BY_THE_PAGE.iter().any(|n| f.path.ends_with(n)));
    for f in loaded {
        row(&f.path.display().to_string(), f.raw, f.gzip, f.brotli);
        raw += f.raw;
        gzip += f.gzip;
        brotli += f.brotli;
    }
    row("total (first load)", raw, gzip, brotli);
    for f in others {
        row(
            &format!("{} (not loaded by the map)", f.path.display()),
            f.raw,
            f.gzip,
            f.brotli,
        );
    }
    Ok(())
}

async fn open_ready(driver: &browser::Driver, url: &str) -> Result<fantoccini::Client> {
    let client = driver.session(1280, 900).await?;
    client
        .goto(url)
        .await
        .map_err(|e| format!("cannot open {url}: {e}"))?;
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(fantoccini::Locator::Css("[data-ready='true']"))
        .await
        .map_err(|e| format!("the map was not ready within 30 s: {e}"))?;
    Ok(client)
}

/// Navigation to first contentful paint, to largest contentful paint (as
/// the browser reports them) and to the map-ready mark (interactive), ms.
async fn load_times(driver: &browser::Driver, url: &str) -> Result<[f64; 3]> {
    let client = open_ready(driver, url).await?;
    let value = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const at = name => { const m = performance.getEntriesByName(name); return m.length ? m[0].startTime : null; };
             new PerformanceObserver(list => {
               const entries = list.getEntries();
               done([at('first-contentful-paint'), entries[entries.length - 1].startTime, at('map-ready')]);
             }).observe({ type: 'largest-contentful-paint', buffered: true });",
            vec![],
        )
        .await
        .map_err(|e| format!("cannot read the paint timings: {e}"));
    let _ = client.close().await;
    let value = value?;
    let read = |i: usize, what: &str| {
        value[i]
            .as_f64()
            .ok_or_else(|| format!("the page recorded no {what}"))
    };
    Ok([
        read(0, "first contentful paint")?,
        read(1, "largest contentful paint")?,
        read(2, "map-ready mark")?,
    ])
}

/// Toggles the legend's "action plan" filter 20 times; for each, the time
/// from the click to the first frame painted after the summary changed (the
/// map's and table's updates happen in the same reactive pass).
async fn filter_changes(driver: &browser::Driver, url: &str) -> Result<Vec<f64>> {
    let client = open_ready(driver, url).await?;
    let value = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const button = document.querySelector(\".legend li[data-status='plan'] button\");
             const summary = document.getElementById('summary');
             const times = [];
             const once = () => {
               const before = summary.textContent;
               const start = performance.now();
               const seen = new MutationObserver(() => {
                 if (summary.textContent === before) return;
                 seen.disconnect();
                 requestAnimationFrame(() => setTimeout(() => {
                   times.push(performance.now() - start);
                   if (times.length < 20) { setTimeout(once, 50); } else { done(times); }
                 }, 0));
               });
               seen.observe(summary, { childList: true, characterData: true, subtree: true });
               button.click();
             };
             once();",
            vec![],
        )
        .await
        .map_err(|e| format!("cannot time filter changes at {url}: {e}"));
    let _ = client.close().await;
    Ok(value?
        .as_array()
        .map(|a| a.iter().filter_map(serde_json::Value::as_f64).collect())
        .unwrap_or_default())
}
