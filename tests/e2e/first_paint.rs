//! The page before the app: the national map rendered at build time is
//! there without JavaScript, and while the wasm is still on its way (here:
//! never arrives), and it is not claimed to be interactive. And the weight
//! of what the site ships, held to its budgets.

use crate::helpers::*;
use crate::{Result, World};
use fantoccini::{Client, Locator};
use std::time::Duration;

pub const ALL: &[(&str, Scenario)] = &[
    ("without_javascript_the_national_map_is_there", |w| {
        Box::pin(without_javascript(w))
    }),
    ("the_map_shows_before_the_wasm_arrives", |w| {
        Box::pin(before_the_wasm(w))
    }),
    ("the_site_keeps_within_its_size_budgets", |w| {
        Box::pin(budgets(w))
    }),
];

/// The page rendered at build time shows the whole map by status, a way to
/// the data, and says nothing is ready.
async fn static_map(client: &Client, when: &str) -> Result {
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("#prerendered svg.map"))
        .await
        .map_err(|e| format!("{when}: no map rendered at build time: {e}"))?;
    let shapes = count(client, "#prerendered svg.map path[data-area][data-status]").await?;
    ensure(shapes == 152, || format!("{when}: {shapes} shapes"))?;
    expect_count(client, "#prerendered .legend li[data-status]", 3).await?;
    expect_count(client, "[data-ready='true']", 0).await?;
    let data = attr(
        client,
        "#prerendered .site-footer a[href='concordat.json']",
        "href",
    )
    .await?;
    ensure(data.is_some(), || format!("{when}: no link to the data"))?;
    let status = status_of(client, "E10000030").await?;
    ensure(status == "plan", || format!("{when}: Surrey is {status}"))
}

async fn without_javascript(world: &World) -> Result {
    let server = world.serve(|_| {})?;
    let client = world.open_without_scripts(&server.url(), DESKTOP).await?;
    let result = async {
        static_map(&client, "without JavaScript").await?;
        screenshot(&client, "no-javascript-1280x900.png").await
    }
    .await;
    let _ = client.close().await;
    result
}

async fn before_the_wasm(world: &World) -> Result {
    let server = serve_without_the_wasm(world)?;
    let client = world.session(DESKTOP).await?;
    let result = async {
        client
            .goto(&server.url())
            .await
            .map_err(|e| e.to_string())?;
        static_map(&client, "with the wasm still to come").await?;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        static_map(&client, "a while later").await?;
        expect_no_csp_violations(&client, "before the wasm").await
    }
    .await;
    let _ = client.close().await;
    result
}

async fn budgets(world: &World) -> Result {
    use xtask::sizes::{budget, measure};
    let files = measure(&world.dist).map_err(|e| e.to_string())?;
    let brotli = |pick: &dyn Fn(&str) -> bool| -> usize {
        files
            .iter()
            .filter(|f| pick(&f.path.to_string_lossy()))
            .map(|f| f.brotli)
            .sum()
    };
    let wasm = brotli(&|p| p.ends_with(".wasm"));
    // The largest page, national or not, before its map shows: each
    // carries its map and stylesheet.
    let before_the_map = files
        .iter()
        .filter(|f| f.path.ends_with("index.html"))
        .max_by_key(|f| f.brotli)
        .map_or(0, |f| f.brotli);
    let first_load: usize = files
        .iter()
        .filter(|f| xtask::sizes::loaded_by_the_page(&f.path))
        .map(|f| f.brotli)
        .sum();
    let over: Vec<String> = [
        ("wasm", wasm, budget::WASM),
        ("first load", first_load, budget::FIRST_LOAD),
        ("before the map", before_the_map, budget::BEFORE_THE_MAP),
    ]
    .iter()
    .filter(|(_, size, limit)| size > limit)
    .map(|(what, size, limit)| format!("{what}: {size} bytes brotli, budget {limit}"))
    .collect();
    ensure(over.is_empty(), || {
        format!("over budget (xtask::sizes::budget): {}", over.join("; "))
    })
}
