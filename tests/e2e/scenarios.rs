//! Each scenario opens a fresh browser (a cold load) and checks what a
//! visitor would see, finding elements by the contract in README.md
//! (`data-area`, `data-status`, `data-ready`) and by visible text.

use crate::{Result, World};
use fantoccini::{Client, Locator};
use std::future::Future;
use std::pin::Pin;
use xtask::server::Options;

type Checks<'c> = Pin<Box<dyn Future<Output = Result> + 'c>>;
type Scenario = for<'w> fn(&'w World) -> Pin<Box<dyn Future<Output = Result> + 'w>>;

pub const ALL: &[(&str, Scenario)] = &[
    ("national_view_draws_152_areas_by_status", |w| {
        Box::pin(national_view(w))
    }),
    ("legend_counts_each_status", |w| Box::pin(legend(w))),
    ("clicking_an_area_opens_its_panel", |w| Box::pin(panel(w))),
    ("panel_shows_group_siblings_signatories_and_history", |w| {
        Box::pin(group_panel(w))
    }),
    ("missing_dataset_shows_what_failed", |w| {
        Box::pin(missing_dataset(w))
    }),
    ("malformed_dataset_shows_what_failed", |w| {
        Box::pin(malformed_dataset(w))
    }),
    ("a_bad_record_is_named_and_the_map_still_drawn", |w| {
        Box::pin(bad_record(w))
    }),
    ("no_request_leaves_the_origin", |w| Box::pin(same_origin(w))),
    ("an_area_has_a_link_that_survives_reload_and_history", |w| {
        Box::pin(links(w))
    }),
    ("the_site_works_under_a_sub_path", |w| Box::pin(sub_path(w))),
    ("phone_viewport_fits_without_sideways_scroll", |w| {
        Box::pin(phone(w))
    }),
];

const DESKTOP: (u32, u32) = (1280, 900);
const PHONE: (u32, u32) = (390, 844);

/// Opens the (optionally altered) site, runs `checks`, always closes the browser.
async fn on_page(
    world: &World,
    alter: impl FnOnce(&mut Options),
    size: (u32, u32),
    wait_for_map: bool,
    checks: impl for<'c> FnOnce(&'c Client, &'c str) -> Checks<'c>,
) -> Result {
    let server = world.serve(alter)?;
    let url = server.url();
    let client = world.open(&url, size, wait_for_map).await?;
    let result = checks(&client, &url).await;
    let _ = client.close().await;
    result
}

fn ensure(condition: bool, message: impl FnOnce() -> String) -> Result {
    if condition { Ok(()) } else { Err(message()) }
}

async fn count(client: &Client, css: &str) -> Result<usize> {
    client
        .find_all(Locator::Css(css))
        .await
        .map(|found| found.len())
        .map_err(|e| format!("cannot query {css}: {e}"))
}

async fn text(client: &Client, css: &str) -> Result<String> {
    let element = client
        .find(Locator::Css(css))
        .await
        .map_err(|e| format!("nothing matches {css}: {e}"))?;
    element
        .text()
        .await
        .map_err(|e| format!("no text for {css}: {e}"))
}

/// Clicks (or, on a phone, taps) the shape of the area with this GSS code.
async fn click_area(client: &Client, code: &str) -> Result {
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

async fn status_of(client: &Client, code: &str) -> Result<String> {
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

async fn screenshot(client: &Client, name: &str) -> Result {
    let png = client
        .screenshot()
        .await
        .map_err(|e| format!("no screenshot: {e}"))?;
    let dir = xtask::cmd::root().join("target").join("screenshots");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    std::fs::write(dir.join(name), png).map_err(|e| format!("cannot save {name}: {e}"))
}

async fn national_view(world: &World) -> Result {
    on_page(
        world,
        |_| {},
        DESKTOP,
        true,
        |client, _| {
            Box::pin(async move {
                let shapes = count(client, "svg#map path[data-area]").await?;
                ensure(shapes == 152, || {
                    format!("{shapes} shapes drawn, expected 152")
                })?;
                // At 31 December 2014: the five named groups green, the rest amber.
                let expected = [
                    ("E10000030", "plan"),     // Surrey
                    ("E10000013", "plan"),     // Gloucestershire
                    ("E10000007", "plan"),     // Derbyshire
                    ("E08000003", "plan"),     // Manchester (Greater Manchester)
                    ("E09000033", "plan"),     // Westminster (North West London)
                    ("E09000017", "plan"),     // Hillingdon (North West London)
                    ("E06000015", "declared"), // Derby
                    ("E10000016", "declared"), // Kent
                    ("E09000001", "declared"), // City of London
                    ("E06000053", "declared"), // Isles of Scilly
                    ("E08000012", "declared"), // Liverpool
                ];
                for (code, status) in expected {
                    let actual = status_of(client, code).await?;
                    ensure(actual == status, || {
                        format!("{code} is {actual}, expected {status}")
                    })?;
                }
                let attribution = text(client, ".attribution").await?;
                ensure(
                    attribution.contains("Open Government Licence v.3.0"),
                    || format!("attribution missing: {attribution:?}"),
                )?;
                screenshot(client, "national-1280x900.png").await
            })
        },
    )
    .await
}

async fn legend(world: &World) -> Result {
    on_page(
        world,
        |_| {},
        DESKTOP,
        true,
        |client, _| {
            Box::pin(async move {
                let expected = [
                    ("none", "No declaration yet — 0 of 152"),
                    ("declared", "Declaration made — 131 of 152"),
                    ("plan", "Action plan agreed — 21 of 152"),
                ];
                for (status, label) in expected {
                    let actual =
                        text(client, &format!(".legend li[data-status='{status}']")).await?;
                    ensure(actual == label, || {
                        format!("legend says {actual:?}, expected {label:?}")
                    })?;
                }
                let date = text(client, "#legend-title").await?;
                ensure(date == "Progress at 31 December 2014", || {
                    format!("legend title {date:?}")
                })
            })
        },
    )
    .await
}

async fn panel(world: &World) -> Result {
    on_page(
        world,
        |_| {},
        DESKTOP,
        true,
        |client, _| {
            Box::pin(async move {
                click_area(client, "E10000030").await?;
                let title = text(client, ".panel h2").await?;
                ensure(title == "Surrey", || format!("panel title {title:?}"))?;
                let details = text(client, ".panel dl").await?;
                // Surrey's own plan date (a local source) shows, not the national bound.
                for expected in ["South East", "Action plan agreed", "Reached\nDecember 2014"] {
                    ensure(details.contains(expected), || {
                        format!("{expected:?} not in the panel: {details:?}")
                    })?;
                }
                let link = client
                    .find(Locator::Css(".panel a[href^='https://']"))
                    .await
                    .map_err(|e| format!("no source link in the panel: {e}"))?;
                let href = link.attr("href").await.map_err(|e| e.to_string())?;
                ensure(
                    href.as_deref()
                        == Some("https://jonrouse.blog.gov.uk/2014/12/31/concordat-map"),
                    || format!("source link {href:?}"),
                )?;
                screenshot(client, "panel-1280x900.png").await?;
                // Escape, pressed wherever focus is (the panel), closes it.
                let focused = client
                    .active_element()
                    .await
                    .map_err(|e| format!("nothing has focus: {e}"))?;
                focused
                    .send_keys("\u{E00C}")
                    .await
                    .map_err(|e| format!("cannot press Escape: {e}"))?;
                expect_panel(client, None, "after Escape").await
            })
        },
    )
    .await
}

async fn group_panel(world: &World) -> Result {
    on_page(
        world,
        |_| {},
        DESKTOP,
        true,
        |client, _| {
            Box::pin(async move {
                click_area(client, "E08000003").await?;
                let group = text(client, ".panel .group h3").await?;
                ensure(group == "Greater Manchester", || format!("group {group:?}"))?;
                let siblings = count(client, ".panel .siblings button").await?;
                ensure(siblings == 9, || {
                    format!("{siblings} sibling areas, expected 9")
                })?;
                let signatories = text(client, ".panel .signatories").await?;
                for expected in ["Greater Manchester Police", "may be partial"] {
                    ensure(signatories.contains(expected), || {
                        format!("{expected:?} not in {signatories:?}")
                    })?;
                }
                let history = text(client, ".panel .history").await?;
                ensure(history.contains("December 2014 — Action plan"), || {
                    format!("history {history:?}")
                })?;
                // A sibling selects its own area.
                let bolton = client
                    .find(Locator::XPath(
                        "//ul[@class='siblings']//button[text()='Bolton']",
                    ))
                    .await
                    .map_err(|e| format!("no Bolton among the siblings: {e}"))?;
                bolton
                    .click()
                    .await
                    .map_err(|e| format!("cannot choose Bolton: {e}"))?;
                let title = text(client, ".panel h2").await?;
                ensure(title == "Bolton", || {
                    format!("panel title {title:?} after choosing Bolton")
                })?;
                let updated = text(client, ".site-footer").await?;
                ensure(
                    updated.contains("Data last updated 22 November 2026"),
                    || format!("footer {updated:?}"),
                )?;
                screenshot(client, "group-panel-1280x900.png").await
            })
        },
    )
    .await
}

async fn missing_dataset(world: &World) -> Result {
    let hide = |o: &mut Options| {
        o.missing.insert("/concordat.json".into());
    };
    on_page(world, hide, DESKTOP, false, |client, _| {
        Box::pin(async move {
            let alert = text(client, "[role='alert']").await?;
            let expected = "Could not load the Concordat dataset (concordat.json): \
                            the server answered 404 Not Found.";
            ensure(alert.contains(expected), || format!("alert says {alert:?}"))?;
            let maps = count(client, "svg#map").await?;
            ensure(maps == 0, || "a map was drawn without its data".into())
        })
    })
    .await
}

async fn malformed_dataset(world: &World) -> Result {
    let garble = |o: &mut Options| {
        o.replaced.insert(
            "/concordat.json".into(),
            b"{\"format_version\": 1, \"title\": ".to_vec(),
        );
    };
    on_page(world, garble, DESKTOP, false, |client, _| {
        Box::pin(async move {
            let alert = text(client, "[role='alert']").await?;
            ensure(
                alert.contains("The Concordat dataset could not be read: concordat.json: EOF"),
                || format!("alert says {alert:?}"),
            )
        })
    })
    .await
}

async fn bad_record(world: &World) -> Result {
    let path = world.dist.join("concordat.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let broken = text.replacen("\"date\": \"2014-12\"", "\"date\": \"2014-14\"", 1);
    ensure(broken != text, || {
        "the dataset has no event dated 2014-12 to break".into()
    })?;
    let serve_broken = move |o: &mut Options| {
        o.replaced
            .insert("/concordat.json".into(), broken.into_bytes());
    };
    on_page(world, serve_broken, DESKTOP, true, |client, _| {
        Box::pin(async move {
            let shapes = count(client, "svg#map path[data-area]").await?;
            ensure(shapes == 152, || {
                format!("{shapes} shapes drawn, expected 152")
            })?;
            let notice = client
                .find(Locator::Css(".notice.warning"))
                .await
                .map_err(|e| format!("no data-problem notice: {e}"))?;
            notice
                .click()
                .await
                .map_err(|e| format!("cannot open the notice: {e}"))?;
            let text = notice.text().await.map_err(|e| e.to_string())?;
            ensure(
                text.contains("skipped") && text.contains("no month 14"),
                || format!("notice says {text:?}"),
            )
        })
    })
    .await
}

async fn current_path(client: &Client) -> Result<String> {
    client
        .current_url()
        .await
        .map(|u| u.path().to_string())
        .map_err(|e| format!("no current URL: {e}"))
}

async fn panel_title(client: &Client) -> Result<Option<String>> {
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
async fn expect_panel(client: &Client, expected: Option<&str>, when: &str) -> Result {
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

async fn wait_ready(client: &Client) -> Result {
    client
        .wait()
        .at_most(std::time::Duration::from_secs(30))
        .for_element(Locator::Css("svg#map[data-ready='true']"))
        .await
        .map(drop)
        .map_err(|e| format!("the map was not drawn: {e}"))
}

async fn links(world: &World) -> Result {
    let server = world.serve(|_| {})?;
    let url = server.url();
    let client = world
        .open(&format!("{url}area/E10000030"), DESKTOP, true)
        .await?;
    let result = async {
        expect_panel(&client, Some("Surrey"), "deep link").await?;
        client
            .refresh()
            .await
            .map_err(|e| format!("cannot reload: {e}"))?;
        wait_ready(&client).await?;
        expect_panel(&client, Some("Surrey"), "after reload").await?;

        client.goto(&url).await.map_err(|e| e.to_string())?;
        wait_ready(&client).await?;
        expect_panel(&client, None, "national view").await?;
        click_area(&client, "E10000016").await?;
        expect_panel(&client, Some("Kent"), "after choosing Kent").await?;
        let path = current_path(&client).await?;
        ensure(path == "/area/E10000016", || {
            format!("URL path {path:?} after choosing Kent")
        })?;
        client
            .back()
            .await
            .map_err(|e| format!("cannot go back: {e}"))?;
        expect_panel(&client, None, "after Back").await?;
        client
            .forward()
            .await
            .map_err(|e| format!("cannot go forward: {e}"))?;
        expect_panel(&client, Some("Kent"), "after Forward").await?;

        // A readable slug opens the area and the address becomes its code.
        client
            .goto(&format!("{url}area/surrey"))
            .await
            .map_err(|e| e.to_string())?;
        wait_ready(&client).await?;
        expect_panel(&client, Some("Surrey"), "slug").await?;
        let path = current_path(&client).await?;
        ensure(path == "/area/E10000030", || {
            format!("URL path {path:?} after the slug")
        })?;

        client
            .goto(&format!("{url}area/atlantis"))
            .await
            .map_err(|e| e.to_string())?;
        wait_ready(&client).await?;
        let notice = text(&client, ".notice.warning").await?;
        ensure(notice.contains("No area matches “atlantis”"), || {
            format!("notice {notice:?}")
        })?;
        expect_panel(&client, None, "unknown area").await
    }
    .await;
    let _ = client.close().await;
    result
}

async fn sub_path(world: &World) -> Result {
    let mut options = Options::new(&world.sub_path_dist);
    options.prefix = crate::SUB_PATH.to_string();
    let server = xtask::server::Server::start(options, "127.0.0.1:0")?;
    let url = server.url();
    let client = world
        .open(&format!("{url}area/E10000030"), DESKTOP, true)
        .await?;
    let result = async {
        let shapes = count(&client, "svg#map path[data-area]").await?;
        ensure(shapes == 152, || format!("{shapes} shapes under {url}"))?;
        expect_panel(&client, Some("Surrey"), "deep link under the sub-path").await?;
        click_area(&client, "E10000016").await?;
        expect_panel(&client, Some("Kent"), "after choosing Kent").await?;
        let path = current_path(&client).await?;
        let expected = format!("{}/area/E10000016", crate::SUB_PATH);
        ensure(path == expected, || {
            format!("URL path {path:?}, expected {expected:?}")
        })
    }
    .await;
    let _ = client.close().await;
    result
}

async fn same_origin(world: &World) -> Result {
    on_page(
        world,
        |_| {},
        DESKTOP,
        true,
        |client, url| {
            Box::pin(async move {
                let names = client
                    .execute(
                        "return performance.getEntriesByType('resource').map(e => e.name)",
                        vec![],
                    )
                    .await
                    .map_err(|e| format!("cannot list resources: {e}"))?;
                let names: Vec<String> = names
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default();
                ensure(names.len() >= 4, || {
                    format!("too few requests seen: {names:?}")
                })?;
                let foreign: Vec<&String> = names.iter().filter(|n| !n.starts_with(url)).collect();
                ensure(foreign.is_empty(), || {
                    format!("requests outside {url}: {foreign:?}")
                })
            })
        },
    )
    .await
}

async fn phone(world: &World) -> Result {
    on_page(
        world,
        |_| {},
        PHONE,
        true,
        |client, _| {
            Box::pin(async move {
                let width = client
                    .execute("return document.documentElement.scrollWidth", vec![])
                    .await
                    .map_err(|e| format!("cannot measure the page: {e}"))?;
                let width = width.as_f64().unwrap_or(f64::MAX);
                ensure(width <= f64::from(PHONE.0), || {
                    format!("page is {width}px wide in a {}px viewport", PHONE.0)
                })?;
                screenshot(client, "national-390x844.png").await?;
                click_area(client, "E10000016").await?;
                let title = text(client, ".panel h2").await?;
                ensure(title == "Kent", || format!("panel title {title:?}"))?;
                screenshot(client, "panel-390x844.png").await
            })
        },
    )
    .await
}
