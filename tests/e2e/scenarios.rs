//! Each scenario opens a fresh browser (a cold load) and checks what a
//! visitor would see, finding elements by the contract in README.md
//! (`data-area`, `data-status`, `data-ready`) and by visible text.

use crate::helpers::*;
use crate::{Result, World};
use fantoccini::Locator;
use xtask::server::Options;

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
    ("search_by_keyboard_alone_reaches_an_area", |w| {
        Box::pin(search(w))
    }),
    (
        "the_map_is_one_tab_stop_and_arrows_move_to_neighbours",
        |w| Box::pin(arrows(w)),
    ),
    ("selecting_zooms_and_small_areas_can_be_picked", |w| {
        Box::pin(zoom(w))
    }),
    ("axe_finds_no_wcag_violations", |w| Box::pin(axe_checks(w))),
    ("dark_mode_and_forced_colours_keep_statuses_readable", |w| {
        Box::pin(colour_schemes(w))
    }),
    ("a_320px_screen_needs_no_sideways_scroll", |w| {
        Box::pin(narrowest(w))
    }),
];

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
                    ("none", "No declaration yet", "0 of 152"),
                    ("declared", "Declaration made", "131 of 152"),
                    ("plan", "Action plan agreed", "21 of 152"),
                ];
                for (status, label, counted) in expected {
                    let row = format!(".legend li[data-status='{status}']");
                    let actual = text(client, &format!("{row} .label")).await?;
                    let number = text(client, &format!("{row} .count")).await?;
                    ensure(actual == label && number == counted, || {
                        format!("legend says {actual:?} {number:?}, expected {label:?} {counted:?}")
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
                for expected in [
                    "South East",
                    "Action plan agreed",
                    "Reached\nby 31 December 2014",
                    // Surrey's plan date is the national post's: a bound, said so.
                    "status from a deadline or a “by” date",
                ] {
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
    let shipped = shipped(world)?;
    on_page(
        world,
        |_| {},
        DESKTOP,
        true,
        |client, url| {
            Box::pin(async move {
                click_area(client, "E08000003").await?;
                let group = text(client, ".panel .group h3").await?;
                ensure(group == "Greater Manchester", || format!("group {group:?}"))?;
                let siblings = count(client, ".panel .siblings a").await?;
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
                // Each fact carries its own sources, beside it.
                let cited = count(client, ".panel .history li .links a").await?;
                ensure(cited >= 2, || format!("{cited} sources in the history"))?;
                // A sibling selects its own area.
                let bolton = client
                    .find(Locator::XPath(
                        "//ul[@class='siblings']//a[text()='Bolton']",
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
                // The footer names the data's version and how to cite it.
                let version = shipped.data.version.clone().unwrap_or_default();
                let footer = text(client, ".site-footer").await?;
                let released =
                    format!("Data version {version}, released {}.", shipped.last_updated);
                ensure(!version.is_empty() && footer.contains(&released), || {
                    format!("{released:?} not in the footer {footer:?}")
                })?;
                let cite = concordat_map::citation::cite(&shipped.data, url);
                let shown = text(client, ".site-footer .citation").await?;
                ensure(shown == cite, || {
                    format!("citation {shown:?}, expected {cite:?}")
                })?;
                screenshot(client, "group-panel-1280x900.png").await
            })
        },
    )
    .await
}

async fn missing_dataset(world: &World) -> Result {
    let hide = |o: &mut Options| {
        o.faults
            .insert("/concordat.json".into(), Fault::Status(404));
    };
    on_page(world, hide, DESKTOP, false, |client, _| {
        Box::pin(async move {
            let alert = text(client, "[role='alert']").await?;
            let expected = "Could not load the Concordat dataset (concordat.json): \
                            the server answered 404 Not Found.";
            ensure(alert.contains(expected), || format!("alert says {alert:?}"))?;
            let maps = count(client, "svg#map[data-ready='true']").await?;
            ensure(maps == 0, || "a map was drawn without its data".into())?;
            // The map rendered at build time stays, its areas links.
            expect_count(client, "#prerendered svg.map", 1).await
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
    // The shipped dataset is compact (no spaces).
    let broken = text.replacen("\"date\":\"2014-12\"", "\"date\":\"2014-14\"", 1);
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
        ensure(notice.contains("No area matches ‘atlantis’"), || {
            format!("notice {notice:?}")
        })?;
        expect_panel(&client, None, "unknown area").await?;

        // A link to another view is followed in place: the page is not
        // loaded again (a mark left on it survives), and Back returns.
        client
            .execute("window.__same_page = true", vec![])
            .await
            .map_err(|e| e.to_string())?;
        follow_notice_link(&client).await?;
        eventually("the national view", || async {
            let there = current_path(&client).await? == "/"
                && count(&client, ".notice.warning").await? == 0;
            Ok(there.then_some(()))
        })
        .await?;
        let same_page = client
            .execute("return window.__same_page === true", vec![])
            .await
            .map_err(|e| e.to_string())?;
        ensure(same_page.as_bool() == Some(true), || {
            "following the link loaded the page again".into()
        })?;
        client
            .back()
            .await
            .map_err(|e| format!("cannot go back: {e}"))?;
        eventually("the unknown area's notice after Back", || async {
            let back = current_path(&client).await? == "/area/atlantis"
                && count(&client, ".notice.warning").await? == 1;
            Ok(back.then_some(()))
        })
        .await?;
        let notice = text(&client, ".notice.warning").await?;
        ensure(notice.contains("atlantis"), || {
            format!("notice after Back {notice:?}")
        })?;

        // A link to a file of the site is the browser's to load: the data
        // itself, not a view of the app saying there is no such page.
        click(&client, ".site-footer a[href='concordat.json']").await?;
        eventually("the dataset itself", || async {
            let path = current_path(&client).await?;
            let body = client
                .execute(
                    "return document.body ? document.body.innerText.slice(0, 40) : ''",
                    vec![],
                )
                .await
                .map_err(|e| e.to_string())?;
            let loaded = path == "/concordat.json"
                && body
                    .as_str()
                    .is_some_and(|b| b.trim_start().starts_with('{'));
            Ok(loaded.then_some(()))
        })
        .await
    }
    .await;
    let _ = client.close().await;
    result
}

async fn sub_path(world: &World) -> Result {
    let mut options = Options::new(world.sub_path_dist()?);
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
        })?;
        // Built with another public URL, the page still allows its styles.
        expect_no_csp_violations(&client, "under the sub-path").await
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
                // A bottom sheet: fixed to the foot of the screen, full
                // width, leaving the top of the screen to the map.
                tokio::time::sleep(std::time::Duration::from_millis(600)).await;
                let sheet = client
                    .execute(
                        "const p = document.querySelector('.panel'); \
                         const r = p.getBoundingClientRect(); \
                         const m = document.querySelector('#map').getBoundingClientRect(); \
                         return [getComputedStyle(p).position, r.left, r.right, r.top, r.bottom, \
                                 innerWidth, innerHeight, m.top, m.bottom]",
                        vec![],
                    )
                    .await
                    .map_err(|e| format!("cannot measure the panel: {e}"))?;
                let n = |i: usize| sheet[i].as_f64().unwrap_or(f64::NAN);
                ensure(
                    sheet[0].as_str() == Some("fixed")
                        && n(1).abs() < 1.0
                        && (n(2) - n(5)).abs() < 1.0
                        && (n(4) - n(6)).abs() < 1.0
                        && n(3) > n(6) * 0.3,
                    || format!("panel is not a bottom sheet: {sheet}"),
                )?;
                // The page stays where the tap was: the map shows above the sheet.
                ensure(n(8) > 100.0 && n(7) < n(3) - 100.0, || {
                    format!("the map is not in view above the sheet: {sheet}")
                })?;
                screenshot(client, "panel-390x844.png").await?;
                // Its close button works on a phone too.
                client
                    .find(Locator::Css(".panel .close"))
                    .await
                    .map_err(|e| e.to_string())?
                    .click()
                    .await
                    .map_err(|e| format!("cannot close the sheet: {e}"))?;
                expect_panel(client, None, "after closing the sheet").await
            })
        },
    )
    .await
}

async fn search(world: &World) -> Result {
    on_page(
        world,
        |_| {},
        DESKTOP,
        true,
        |client, _| {
            Box::pin(async move {
                // The search box is the first thing Tab reaches on the page.
                client
                    .execute("document.activeElement.blur(); window.focus()", vec![])
                    .await
                    .map_err(|e| e.to_string())?;
                client
                    .find(Locator::Css("body"))
                    .await
                    .map_err(|e| e.to_string())?
                    .send_keys(TAB)
                    .await
                    .map_err(|e| format!("cannot press Tab: {e}"))?;
                let id = focused(client, "id").await?;
                ensure(id.as_deref() == Some("search-input"), || {
                    format!("Tab reached {id:?}, not the search box")
                })?;
                ensure(
                    focused(client, "role").await?.as_deref() == Some("combobox"),
                    || "the search box is not a combobox".into(),
                )?;
                press(client, "manc").await?;
                expect_count(client, "#search-options [role='option']", 2).await?;
                let options = text(client, "#search-options").await?;
                for expected in ["Manchester", "Greater Manchester"] {
                    ensure(options.lines().any(|l| l.starts_with(expected)), || {
                        format!("{expected:?} not offered: {options:?}")
                    })?;
                }
                let live = client
                    .execute(
                        "return document.querySelector('.search [role=status]').textContent",
                        vec![],
                    )
                    .await
                    .map_err(|e| e.to_string())?;
                ensure(live.as_str() == Some("2 results"), || {
                    format!("live region says {live:?}")
                })?;
                let expanded = attr(client, "#search-input", "aria-expanded").await?;
                ensure(expanded.as_deref() == Some("true"), || {
                    format!("aria-expanded {expanded:?} while offering")
                })?;
                press(client, ARROW_DOWN).await?;
                press(client, ARROW_DOWN).await?;
                let active = attr(client, "#search-input", "aria-activedescendant").await?;
                ensure(active.as_deref() == Some("search-option-1"), || {
                    format!("aria-activedescendant {active:?} after two downs")
                })?;
                press(client, ARROW_UP).await?;
                press(client, ENTER).await?;
                expect_panel(client, Some("Manchester"), "Enter on Manchester").await?;
                let path = current_path(client).await?;
                ensure(path == "/area/E08000003", || format!("URL path {path:?}"))?;
                let expanded = attr(client, "#search-input", "aria-expanded").await?;
                ensure(expanded.as_deref() == Some("false"), || {
                    format!("aria-expanded {expanded:?} after choosing")
                })?;

                // A short name, then a name also in a group's: the area comes first.
                for (query, panel) in [
                    ("hull", "Kingston upon Hull, City of"),
                    ("scilly", "Isles of Scilly"),
                ] {
                    let input = client
                        .find(Locator::Css("#search-input"))
                        .await
                        .map_err(|e| e.to_string())?;
                    input.clear().await.map_err(|e| e.to_string())?;
                    input.send_keys(query).await.map_err(|e| e.to_string())?;
                    // The area first, then any group named after it.
                    expect_count(client, "#search-options [role='option']", 2).await?;
                    press(client, ENTER).await?;
                    expect_panel(client, Some(panel), query).await?;
                }
                let input = client
                    .find(Locator::Css("#search-input"))
                    .await
                    .map_err(|e| e.to_string())?;
                input.clear().await.map_err(|e| e.to_string())?;
                input.send_keys("zzzz").await.map_err(|e| e.to_string())?;
                expect_count(client, "#search-options [role='option']", 0).await?;
                let live = client
                    .execute(
                        "return document.querySelector('.search [role=status]').textContent",
                        vec![],
                    )
                    .await
                    .map_err(|e| e.to_string())?;
                ensure(live.as_str() == Some("No results"), || {
                    format!("live region says {live:?} for zzzz")
                })?;
                // Escape empties the box first, and only then closes the panel.
                press(client, ESCAPE).await?;
                expect_panel(client, Some("Isles of Scilly"), "first Escape").await?;
                press(client, ESCAPE).await?;
                expect_panel(client, None, "second Escape").await
            })
        },
    )
    .await
}

async fn arrows(world: &World) -> Result {
    on_page(
        world,
        |_| {},
        DESKTOP,
        true,
        |client, _| {
            Box::pin(async move {
                let stops = count(client, "svg#map path[tabindex='0']").await?;
                ensure(stops == 1, || {
                    format!("{stops} areas in the tab order, expected 1")
                })?;
                // The map comes next after the search's last control ("Use
                // my location"), and the first Tab lands on an area.
                tab_from_search(client).await?;
                let first = focused(client, "data-area").await?;
                ensure(first.is_some(), || {
                    "the first Tab from the search did not reach an area".into()
                })?;
                client
                    .execute(
                        "document.querySelector(\"path[data-area='E10000030']\").focus()",
                        vec![],
                    )
                    .await
                    .map_err(|e| e.to_string())?;
                let tip = text(client, ".tooltip").await?;
                ensure(
                    tip.contains("Surrey") && tip.contains("Action plan agreed"),
                    || format!("focus tooltip {tip:?}"),
                )?;
                // Surrey: Kent to the east, West Sussex to the south,
                // Bracknell Forest to the west (Hampshire lies further).
                for (key, name, expected) in [
                    (ARROW_RIGHT, "right", "E10000016"),
                    (ARROW_LEFT, "left", "E10000030"),
                    (ARROW_DOWN, "down", "E10000032"),
                    (ARROW_UP, "up", "E10000030"),
                    (ARROW_LEFT, "left", "E06000036"),
                ] {
                    press(client, key).await?;
                    let now = focused(client, "data-area").await?;
                    ensure(now.as_deref() == Some(expected), || {
                        format!("{name} arrow moved focus to {now:?}, expected {expected}")
                    })?;
                }
                let stops = count(client, "svg#map path[tabindex='0']").await?;
                ensure(stops == 1, || format!("{stops} tab stops after moving"))?;
                // Space opens, Escape closes and focus returns to the area.
                client
                    .execute(
                        "document.querySelector(\"path[data-area='E10000030']\").focus()",
                        vec![],
                    )
                    .await
                    .map_err(|e| e.to_string())?;
                press(client, " ").await?;
                expect_panel(client, Some("Surrey"), "Space on Surrey").await?;
                press(client, ESCAPE).await?;
                expect_panel(client, None, "Escape").await?;
                let back = focused(client, "data-area").await?;
                ensure(back.as_deref() == Some("E10000030"), || {
                    format!("focus went to {back:?} after closing, not Surrey")
                })
            })
        },
    )
    .await
}

async fn zoom(world: &World) -> Result {
    on_page(
        world,
        |_| {},
        DESKTOP,
        true,
        |client, _| {
            Box::pin(async move {
                let scale = zoom_scale(client).await?;
                ensure((scale - 1.0).abs() < 1e-3, || {
                    format!("starts at scale {scale}")
                })?;
                click_area(client, "E10000030").await?;
                expect_panel(client, Some("Surrey"), "Surrey chosen").await?;
                let scale = zoom_scale(client).await?;
                ensure(scale > 2.0, || format!("choosing Surrey zoomed to {scale}"))?;
                let reset = client
                    .find(Locator::Css(".map-controls .reset"))
                    .await
                    .map_err(|e| e.to_string())?;
                reset.click().await.map_err(|e| e.to_string())?;
                let scale = zoom_scale(client).await?;
                ensure((scale - 1.0).abs() < 1e-3, || {
                    format!("reset left scale {scale}")
                })?;
                expect_panel(client, Some("Surrey"), "after reset").await?;

                // London's boroughs, down to the City, are big enough to pick.
                let region = client
                    .find(Locator::Css("#zoom-region"))
                    .await
                    .map_err(|e| e.to_string())?;
                region
                    .select_by_label("London")
                    .await
                    .map_err(|e| format!("cannot zoom to London: {e}"))?;
                // The region is a filter too, carried by the link.
                let url = client.current_url().await.map_err(|e| e.to_string())?;
                ensure(url.query() == Some("region=london"), || {
                    format!("choosing London left the address {url}")
                })?;
                tokio::time::sleep(std::time::Duration::from_millis(700)).await;
                let size = client
                    .execute(
                        "const r = document.querySelector(\"path[data-area='E09000033']\")\
                         .getBoundingClientRect(); return [r.width, r.height]",
                        vec![],
                    )
                    .await
                    .map_err(|e| e.to_string())?;
                let fits = size
                    .as_array()
                    .is_some_and(|v| v.iter().all(|n| n.as_f64().is_some_and(|n| n >= 24.0)));
                ensure(fits, || format!("Westminster is {size} px at London zoom"))?;
                client
                    .find(Locator::Css("path[data-area='E09000001']"))
                    .await
                    .map_err(|e| e.to_string())?
                    .click()
                    .await
                    .map_err(|e| format!("cannot pick the City of London: {e}"))?;
                expect_panel(client, Some("City of London"), "City picked").await?;
                screenshot(client, "london-1280x900.png").await?;

                // Zooming glides, except for those who ask for less motion.
                let duration = "return getComputedStyle(document.querySelector('svg#map .viewport'))\
                                .transitionDuration";
                let normal = client.execute(duration, vec![]).await.map_err(|e| e.to_string())?;
                xtask::browser::emulate_media(client, &[("prefers-reduced-motion", "reduce")])
                    .await?;
                let reduced = client.execute(duration, vec![]).await.map_err(|e| e.to_string())?;
                ensure(
                    normal.as_str() != Some("0s") && reduced.as_str() == Some("0s"),
                    || format!("zoom transition {normal} normally, {reduced} under reduced motion"),
                )
            })
        },
    )
    .await
}

async fn axe_checks(world: &World) -> Result {
    let server = world.serve(|_| {})?;
    let url = server.url();
    let mut failures = Vec::new();
    for (size, label) in [(DESKTOP, "desktop"), (PHONE, "phone")] {
        let client = world.open(&url, size, true).await?;
        let result = async {
            axe(&client, &format!("national view, {label}")).await?;
            // Manchester's panel is among the fullest: group, siblings,
            // signatories of many kinds, themes, documents.
            client
                .goto(&format!("{url}area/E08000003"))
                .await
                .map_err(|e| e.to_string())?;
            wait_ready(&client).await?;
            expect_panel(&client, Some("Manchester"), "Manchester's link").await?;
            axe(&client, &format!("Manchester's panel, {label}")).await?;
            // The open search list too.
            let input = client
                .find(Locator::Css("#search-input"))
                .await
                .map_err(|e| e.to_string())?;
            input.send_keys("man").await.map_err(|e| e.to_string())?;
            press(&client, ARROW_DOWN).await?;
            axe(&client, &format!("search suggestions, {label}")).await?;
            expect_no_csp_violations(&client, &format!("axe checks, {label}")).await
        }
        .await;
        let _ = client.close().await;
        if let Err(e) = result {
            failures.push(e);
        }
    }
    ensure(failures.is_empty(), || failures.join("\n    "))
}

async fn colour_schemes(world: &World) -> Result {
    at_path(world, "area/E08000003", DESKTOP, |client, _| {
        Box::pin(async move {
            xtask::browser::emulate_media(client, &[("prefers-color-scheme", "dark")]).await?;
            let background = client
                .execute(
                    "return getComputedStyle(document.documentElement).backgroundColor",
                    vec![],
                )
                .await
                .map_err(|e| e.to_string())?;
            ensure(background.as_str() == Some("rgb(18, 20, 22)"), || {
                format!("dark mode page background {background}")
            })?;
            expect_panel(client, Some("Manchester"), "dark mode").await?;
            axe(client, "Manchester's panel in dark mode").await?;
            screenshot(client, "dark-panel-1280x900.png").await?;

            // Windows high contrast: system colours everywhere but the map and
            // swatches, which keep their patterns.
            xtask::browser::emulate_media(client, &[("forced-colors", "active")]).await?;
            let kept = client
                .execute(
                    "return [\"path[data-area='E08000003']\", \".legend li[data-status='plan'] .swatch rect\"]\
                       .map(s => { const c = getComputedStyle(document.querySelector(s)); \
                         return c.forcedColorAdjust + ' ' + c.fill; })",
                    vec![],
                )
                .await
                .map_err(|e| e.to_string())?;
            let kept: Vec<&str> = kept
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
                .unwrap_or_default();
            ensure(
                kept.len() == 2
                    && kept
                        .iter()
                        .all(|k| k.starts_with("none url(") && k.contains("-plan")),
                || format!("in forced colours the patterns are {kept:?}"),
            )?;
            screenshot(client, "forced-colours-1280x900.png").await
        })
    })
    .await
}

async fn narrowest(world: &World) -> Result {
    at_path(world, "area/E08000003", (320, 640), |client, _| {
        Box::pin(async move {
            expect_panel(client, Some("Manchester"), "320 px").await?;
            let width = page_width(client).await?;
            if width > 320.0 {
                let wide = client
                    .execute(
                        "return [...document.querySelectorAll('body *')]\
                           .filter(e => !e.closest('svg') && !e.closest('.panel') && (e.getBoundingClientRect().right > 321 \
                             || e.scrollWidth > e.clientWidth + 1))\
                           .slice(0, 8).map(e => e.tagName + ' ' + e.getAttribute('class') + ' ' \
                             + Math.round(e.getBoundingClientRect().right) + ' ' + e.scrollWidth)",
                        vec![],
                    )
                    .await
                    .map_err(|e| e.to_string())?;
                return Err(format!("page is {width}px wide at 320px; too wide: {wide}"));
            }
            let sheet = client
                .execute(
                    "const p = document.querySelector('.panel'); return p.scrollWidth <= p.clientWidth",
                    vec![],
                )
                .await
                .map_err(|e| e.to_string())?;
            ensure(sheet.as_bool() == Some(true), || {
                "the bottom sheet scrolls sideways at 320px".into()
            })?;
            screenshot(client, "panel-320x640.png").await
        })
    })
    .await
}
