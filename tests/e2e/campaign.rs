//! The campaigner's tools, end to end: filters in the link, the legend as a
//! filter, the table, downloads, sharing, bad links, and the map on the first
//! screen. Expectations are computed from the shipped files by the same
//! pure core, never written in by hand.

use crate::helpers::*;
use crate::{Result, World};
use concordat_map::filters::Filters;
use concordat_map::model::MapModel;
use concordat_map::table;
use concordat_map::table::{Column, Sort};
use fantoccini::{Client, Locator};
use std::collections::BTreeSet;
use std::time::Duration;

pub const ALL: &[(&str, Scenario)] = &[
    ("filters_in_the_link_show_what_the_dataset_says", |w| {
        Box::pin(filters_in_link(w))
    }),
    ("the_legend_filters_by_keyboard_and_back_restores", |w| {
        Box::pin(legend_filter(w))
    }),
    ("the_table_sorts_by_every_column", |w| Box::pin(sorting(w))),
    ("arrow_keys_skip_the_areas_the_filters_leave_out", |w| {
        Box::pin(arrows_skip(w))
    }),
    ("downloads_hold_the_areas_shown", |w| Box::pin(downloads(w))),
    ("the_view_downloads_as_a_picture", |w| Box::pin(pictures(w))),
    ("copy_link_gives_this_view", |w| Box::pin(copy_link(w))),
    ("bad_links_never_break_the_page", |w| Box::pin(bad_links(w))),
    ("the_map_is_on_the_first_screen", |w| {
        Box::pin(first_screen(w))
    }),
    ("axe_finds_nothing_with_filters_and_table", |w| {
        Box::pin(axe_campaign(w))
    }),
    ("at_a_date_the_map_shows_what_the_dataset_says", |w| {
        Box::pin(dates(w))
    }),
    (
        "the_slider_steps_by_keyboard_and_play_steps_and_stops",
        |w| Box::pin(slider_and_play(w)),
    ),
    (
        "the_address_follows_the_view_after_back_forward_and_play",
        |w| Box::pin(address_follows(w)),
    ),
];

/// The codes of the areas `query` shows, and the summary the page must give.
fn expected(model: &MapModel, query: &str) -> (BTreeSet<String>, String) {
    let (filters, _) = Filters::from_pairs(&concordat_map::query::parse(query), &model.vocabulary);
    let codes: BTreeSet<String> = model
        .matching(&model.at(model.view_day), &filters)
        .iter()
        .zip(&model.areas)
        .filter(|(m, _)| **m)
        .map(|(_, a)| a.code.clone())
        .collect();
    let summary = model.summary(&filters, codes.len());
    (codes, summary)
}

/// One script call: the `data-area` of every element matching `css`, in order.
async fn codes(client: &Client, css: &str) -> Result<Vec<String>> {
    script_strings(
        client,
        "return Array.from(document.querySelectorAll(arguments[0]), e => e.dataset.area)",
        vec![serde_json::json!(css)],
    )
    .await
    .map_err(|e| format!("cannot list {css}: {e}"))
}

/// The query string of the page's address ("" for none).
async fn query(client: &Client) -> Result<String> {
    let url = client.current_url().await.map_err(|e| e.to_string())?;
    Ok(url.query().unwrap_or_default().to_string())
}

/// Waits until the address's query string is `expected`.
async fn until_query(client: &Client, what: &str, expected: &str) -> Result {
    until(what, || async { Ok(query(client).await? == expected) }).await
}

/// Waits until `probe` says yes (the app reacts within a frame; navigation
/// through the router takes a tick more).
async fn until<F, Fut>(what: &str, mut probe: F) -> Result
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<bool>>,
{
    for _ in 0..50 {
        if probe().await? {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("gave up waiting: {what}"))
}

async fn expect_shown(client: &Client, want: &BTreeSet<String>, when: &str) -> Result {
    let shown: BTreeSet<String> = codes(client, "path[data-match='true']")
        .await?
        .into_iter()
        .collect();
    let muted = count(client, "path[data-match='false'].muted").await?;
    let all = count(client, "path[data-area]").await?;
    ensure(&shown == want && muted == all - want.len(), || {
        format!(
            "{when}: {} areas shown, expected {}; {muted} muted; extra {:?}, missing {:?}",
            shown.len(),
            want.len(),
            shown.difference(want).collect::<Vec<_>>(),
            want.difference(&shown).collect::<Vec<_>>()
        )
    })
}

async fn filters_in_link(world: &World) -> Result {
    let model = shipped(world)?;
    let (want, summary) = expected(&model, "region=north-west&status=plan");
    ensure(!want.is_empty() && want.len() < model.areas.len(), || {
        format!(
            "the North West's plans should be a real subset: {}",
            want.len()
        )
    })?;
    at_path(
        world,
        "?region=north-west&status=plan",
        DESKTOP,
        move |client, _| {
            Box::pin(async move {
                expect_shown(client, &want, "North West with a plan").await?;
                let said = text(client, "#summary").await?;
                ensure(said == summary, || {
                    format!("summary {said:?}, expected {summary:?}")
                })?;
                // The table holds the same areas.
                click(client, ".view-toggle").await?;
                until("the table", || async {
                    Ok(count(client, "tr[data-area]").await? > 0)
                })
                .await?;
                let rows: BTreeSet<String> =
                    codes(client, "tr[data-area]").await?.into_iter().collect();
                ensure(rows == want, || {
                    format!("table rows {rows:?}, expected {want:?}")
                })?;
                // Written back as the region's own page, with the rest.
                let (path, q) = (current_path(client).await?, query(client).await?);
                ensure(
                    path == "/region/north-west" && q == "status=plan&view=table",
                    || format!("address {path}?{q}"),
                )
            })
        },
    )
    .await?;
    // An area and filters together, kept as the visitor moves on.
    at_path(
        world,
        "area/E10000030?region=south-east",
        DESKTOP,
        move |client, _| {
            Box::pin(async move {
                expect_panel(client, Some("Surrey"), "Surrey in the South East").await?;
                let said = text(client, "#summary").await?;
                ensure(said.ends_with("areas: South East"), || {
                    format!("summary {said:?}")
                })?;
                click_area(client, "E10000016").await?;
                expect_panel(client, Some("Kent"), "Kent chosen").await?;
                let path = current_path(client).await?;
                let q = query(client).await?;
                ensure(
                    path == "/area/E10000016" && q == "region=south-east",
                    || format!("after choosing Kent the address is {path}?{q}"),
                )
            })
        },
    )
    .await
}

async fn legend_filter(world: &World) -> Result {
    let model = shipped(world)?;
    // Each status counts among all areas while no other filter is set.
    let total = model.areas.len();
    let declared_count = format!(
        "{} of {}",
        expected(&model, "status=declared").0.len(),
        model.areas.len()
    );
    let (plans, _) = expected(&model, "status=plan");
    let (plans_or_declared, _) = expected(&model, "status=declared,plan");
    at_path(world, "?view=table", DESKTOP, move |client, _| {
        Box::pin(async move {
            let plan = ".legend li[data-status='plan'] button";
            // Keyboard only: Enter and Space on the focused toggles.
            keys_to(client, plan, ENTER).await?;
            until_query(
                client,
                "status=plan in the address",
                "status=plan&view=table",
            )
            .await?;
            ensure(
                attr(client, plan, "aria-pressed").await?.as_deref() == Some("true"),
                || "the plan toggle is not pressed".into(),
            )?;
            expect_shown(client, &plans, "plans only").await?;
            let rows = count(client, "tr[data-area]").await?;
            ensure(rows == plans.len(), || {
                format!("{rows} table rows, expected {}", plans.len())
            })?;
            // Each status still counts among all areas: the other filters are none.
            let declared = text(client, ".legend li[data-status='declared'] .count").await?;
            ensure(declared == declared_count, || {
                format!("declared count {declared:?}")
            })?;
            keys_to(client, ".legend li[data-status='declared'] button", " ").await?;
            until_query(
                client,
                "both statuses in the address",
                "status=declared,plan&view=table",
            )
            .await?;
            expect_shown(client, &plans_or_declared, "plans or declarations").await?;
            // Back restores the previous filters, then none.
            client.back().await.map_err(|e| e.to_string())?;
            until_query(client, "Back to plans only", "status=plan&view=table").await?;
            expect_shown(client, &plans, "after Back").await?;
            client.back().await.map_err(|e| e.to_string())?;
            until_query(client, "Back to no filter", "view=table").await?;
            ensure(
                attr(client, plan, "aria-pressed").await?.as_deref() == Some("false"),
                || "the plan toggle is still pressed after Back".into(),
            )?;
            expect_count(client, "tr[data-area]", total).await
        })
    })
    .await
}

async fn arrows_skip(world: &World) -> Result {
    use concordat_map::nav::{Direction, neighbour, neighbour_among};
    let model = shipped(world)?;
    let (filters, _) = Filters::from_pairs(
        &concordat_map::query::parse("status=plan"),
        &model.vocabulary,
    );
    let shown = model.matching(&model.at(model.view_day), &filters);
    let centres: Vec<[f64; 2]> = model.areas.iter().map(|a| a.centre).collect();
    let surrey = model
        .areas
        .iter()
        .position(|a| a.code == "E10000030")
        .ok_or("no Surrey")?;
    let unfiltered = neighbour(&centres, surrey, Direction::Left);
    let filtered = neighbour_among(&centres, surrey, Direction::Left, |i| shown[i]);
    let code = |i: Option<usize>| i.map(|i| model.areas[i].code.clone());
    let (unfiltered, filtered) = (code(unfiltered), code(filtered));
    ensure(unfiltered != filtered, || {
        format!("nothing to skip west of Surrey: {unfiltered:?}")
    })?;
    at_path(world, "?status=plan", DESKTOP, move |client, _| {
        Box::pin(async move {
            client
                .execute(
                    "document.querySelector(\"path[data-area='E10000030']\").focus()",
                    vec![],
                )
                .await
                .map_err(|e| e.to_string())?;
            press(client, ARROW_LEFT).await?;
            let now = focused(client, "data-area").await?;
            ensure(now == filtered, || {
                format!(
                    "left of Surrey went to {now:?}, expected {filtered:?} (not {unfiltered:?})"
                )
            })
        })
    })
    .await
}

async fn sorting(world: &World) -> Result {
    let model = shipped(world)?;
    let all = vec![true; model.areas.len()];
    at_path(world, "?view=table", DESKTOP, move |client, _| {
        Box::pin(async move {
            for (n, column) in Column::ALL.into_iter().enumerate() {
                let heading = format!("thead th:nth-child({})", n + 1);
                // The table opens sorted by area: its first click turns it round.
                let directions: &[bool] = if column == Column::Area {
                    &[true, false]
                } else {
                    &[false, true]
                };
                for &descending in directions {
                    click(client, &format!("{heading} button")).await?;
                    let sort = Sort { column, descending };
                    let want: Vec<String> =
                        table::rows(&model, &model.at(model.view_day), &all, sort)
                            .into_iter()
                            .map(|i| model.areas[i].code.clone())
                            .collect();
                    let key = if sort == Sort::default() {
                        None
                    } else {
                        Some(format!(
                            "sort={}{}",
                            if descending { "-" } else { "" },
                            column.key()
                        ))
                    };
                    until(&format!("{column:?} descending={descending}"), || async {
                        let q = query(client).await?;
                        let in_address = match &key {
                            Some(key) => q.contains(key.as_str()),
                            None => !q.contains("sort="),
                        };
                        Ok(in_address && codes(client, "tr[data-area]").await? == want)
                    })
                    .await?;
                    let aria = attr(client, &heading, "aria-sort").await?;
                    let expected = if descending {
                        "descending"
                    } else {
                        "ascending"
                    };
                    ensure(aria.as_deref() == Some(expected), || {
                        format!("{column:?}: aria-sort {aria:?}, expected {expected}")
                    })?;
                    let others = count(client, "thead th[aria-sort]").await?;
                    ensure(others == 1, || format!("{others} headings claim the sort"))?;
                }
            }
            Ok(())
        })
    })
    .await
}

/// Waits for a finished download named `name` in `dir` (there, not empty,
/// and no longer growing) and reads it.
async fn downloaded(dir: &std::path::Path, name: &str) -> Result<String> {
    let bytes = downloaded_bytes(dir, name).await?;
    String::from_utf8(bytes).map_err(|e| format!("{name} is not UTF-8: {e}"))
}

/// The bytes of a downloaded file, once it is whole.
async fn downloaded_bytes(dir: &std::path::Path, name: &str) -> Result<Vec<u8>> {
    let path = dir.join(name);
    let mut last = Vec::new();
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = std::fs::read(&path).unwrap_or_default();
        if !now.is_empty() && now == last {
            return Ok(now);
        }
        last = now;
    }
    let found: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    Err(format!(
        "no finished {name} was downloaded (found {found:?})"
    ))
}

async fn downloads(world: &World) -> Result {
    let model = shipped(world)?;
    // In the table's order (by name), each with what the table says.
    let (filters, _) = Filters::from_pairs(
        &concordat_map::query::parse("region=north-west&status=plan"),
        &model.vocabulary,
    );
    let at = model.at(model.view_day);
    let rows = table::rows(&model, &at, &model.matching(&at, &filters), Sort::default());
    let want: Vec<String> = rows.iter().map(|&i| model.areas[i].code.clone()).collect();
    let first = model.areas[rows[0]].clone();
    let first_reached = model.reached(&at.areas[rows[0]]);
    let first_sources = model.area_source_urls(&first.code);
    let version = model.data.version.clone().unwrap_or_default();
    let dir = xtask::cmd::root().join("target").join("e2e-downloads");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let dir_for_checks = dir.clone();
    at_path(
        world,
        "?region=north-west&status=plan",
        DESKTOP,
        move |client, _| {
            Box::pin(async move {
                let dir = dir_for_checks;
                xtask::browser::download_to(client, &dir).await?;
                click(client, ".download button:nth-of-type(1)").await?;
                let csv = downloaded(&dir, "concordat-north-west-plan.csv").await?;
                ensure(!csv.starts_with('\u{feff}'), || {
                    "the CSV starts with a byte-order mark".into()
                })?;
                let mut reader = csv::Reader::from_reader(csv.as_bytes());
                let header: Vec<String> = reader
                    .headers()
                    .map_err(|e| e.to_string())?
                    .iter()
                    .map(str::to_string)
                    .collect();
                ensure(
                    header.first().map(String::as_str) == Some("code")
                        && header
                            .iter()
                            .rev()
                            .take(2)
                            .eq(["dataset_version", "sources"].iter()),
                    || format!("CSV header {header:?}"),
                )?;
                let mut got = Vec::new();
                for record in reader.records() {
                    let record = record.map_err(|e| format!("the CSV does not read back: {e}"))?;
                    let sources = record.get(header.len() - 2).unwrap_or_default();
                    ensure(
                        !version.is_empty()
                            && record.get(header.len() - 1) == Some(version.as_str()),
                        || format!("a row without the data's version {version:?}: {record:?}"),
                    )?;
                    ensure(
                        sources
                            .split(' ')
                            .all(|u| u.starts_with("https://") || u.starts_with("http://")),
                        || format!("sources {sources:?}"),
                    )?;
                    ensure(
                        record.get(3) == Some("Action plan agreed")
                            && record.get(2) == Some("North West"),
                        || format!("a row outside the filter: {record:?}"),
                    )?;
                    got.push(record.get(0).unwrap_or_default().to_string());
                }
                ensure(got == want, || {
                    format!("CSV rows {got:?}, expected {want:?}")
                })?;
                click(client, ".download button:nth-of-type(2)").await?;
                let json = downloaded(&dir, "concordat-north-west-plan.json").await?;
                let rows: serde_json::Value = serde_json::from_str(&json)
                    .map_err(|e| format!("the JSON does not read back: {e}"))?;
                let got: Vec<String> = rows
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|r| r["code"].as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                ensure(got == want, || {
                    format!("JSON rows {got:?}, expected {want:?}")
                })?;
                let row = &rows[0];
                ensure(
                    row["area"] == first.name.as_str()
                        && row["region"] == "North West"
                        && row["status_id"] == "plan"
                        && row["reached"].as_str() == first_reached.as_deref()
                        && row["groups"] == serde_json::json!(first.groups)
                        && row["signatories_recorded"] == first.signatories
                        && row["themes_recorded"] == first.facts.themes.len()
                        && row["sources"] == serde_json::json!(first_sources)
                        && row["dataset_version"] == version.as_str(),
                    || format!("the first JSON row {row} does not say what the table does"),
                )
            })
        },
    )
    .await
}

async fn copy_link(world: &World) -> Result {
    at_path(
        world,
        "?region=london&view=table",
        DESKTOP,
        move |client, _| {
            Box::pin(async move {
                xtask::browser::grant_clipboard(client).await?;
                click(client, ".share button").await?;
                until("the copy to finish", || async {
                    Ok(!text(client, ".share-status").await?.is_empty())
                })
                .await?;
                let here = client
                    .current_url()
                    .await
                    .map_err(|e| e.to_string())?
                    .to_string();
                // With the clipboard granted, the copy must succeed (the
                // field to copy by hand is for browsers that refuse).
                let said = text(client, ".share-status").await?;
                ensure(said == "Link copied.", || {
                    format!("Copy link said {said:?}")
                })?;
                let copied = client
                    .execute_async(
                        "const done = arguments[arguments.length - 1];
                         navigator.clipboard.readText().then(done, e => done('unreadable: ' + e));",
                        vec![],
                    )
                    .await
                    .map_err(|e| e.to_string())?;
                ensure(
                    copied.as_str() == Some(here.as_str())
                        && here.contains("region=london&view=table"),
                    || format!("copied {copied} from {here}"),
                )
            })
        },
    )
    .await
}

async fn bad_links(world: &World) -> Result {
    let model = shipped(world)?;
    let plans = expected(&model, "status=plan").0.len();
    let all = model.areas.len();
    let huge = format!(
        "region={}&status={}",
        "x".repeat(10_000),
        "plan,".repeat(400)
    );
    let cases: Vec<(String, usize, Option<&str>)> = vec![
        (
            "?region=nort-west".into(),
            all,
            Some("Unknown region ‘nort-west’ ignored."),
        ),
        (
            "?region=&region=,,&status=plan&status=plan&status=".into(),
            plans,
            None,
        ),
        (
            "?theme=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E".into(),
            all,
            Some("Unknown theme ‘<img src=x onerror=alert(1)>’ ignored."),
        ),
        (format!("?{huge}"), plans, Some("Unknown region")),
        (
            "?%E2%28%FF=%%&status=%ZZ&view=%00&sort=&=&&".into(),
            all,
            Some("Unknown view"),
        ),
        (
            "area/%FF%FE?sort=nonsense".into(),
            all,
            Some("Unknown table order ‘nonsense’ ignored."),
        ),
    ];
    for (path, shown, note) in cases {
        let label: String = path.chars().take(60).collect();
        at_path(world, &path, DESKTOP, move |client, _| {
            Box::pin(async move {
                let fatal = count(client, "[role='alert']").await?;
                ensure(fatal == 0, || format!("{label}: the page reports a failure"))?;
                expect_count(client, "path[data-match='true']", shown).await.map_err(|e| format!("{label}: {e}"))?;
                let notes = client
                    .execute(
                        "return Array.from(document.querySelectorAll('.notice[role=status]'), e => e.textContent).join(' ')",
                        vec![],
                    )
                    .await
                    .map_err(|e| e.to_string())?;
                let notes = notes.as_str().unwrap_or_default().to_string();
                match note {
                    Some(note) => ensure(notes.contains(note), || format!("{label}: notes {notes:?}, expected {note:?}"))?,
                    None => ensure(!notes.contains("not understood"), || format!("{label}: unexpected notes {notes:?}"))?,
                }
                ensure(notes.len() < 1500, || format!("{label}: {} characters of notes", notes.len()))?;
                // Text from the link is text: no element was made of it.
                let images = count(client, "img").await?;
                ensure(images == 0, || format!("{label}: {images} img elements on the page"))
            })
        })
        .await?;
    }
    Ok(())
}

async fn first_screen(world: &World) -> Result {
    for size in [(1280, 900), (1440, 900)] {
        at_path(world, "", size, move |client, _| {
            Box::pin(async move {
                let boxes = client
                    .execute(
                        "const b = s => { const r = document.querySelector(s).getBoundingClientRect(); \
                           return [r.left, r.top, r.right, r.bottom]; }; \
                         return [b('svg#map'), b('.legend'), b('.filters summary'), [innerWidth, innerHeight]]",
                        vec![],
                    )
                    .await
                    .map_err(|e| e.to_string())?;
                let get = |i: usize, j: usize| boxes[i][j].as_f64().unwrap_or(f64::NAN);
                let (width, height) = (get(3, 0), get(3, 1));
                for (i, what) in ["the map", "the legend", "the filters"].iter().enumerate() {
                    ensure(
                        get(i, 0) >= 0.0 && get(i, 1) >= 0.0 && get(i, 2) <= width && get(i, 3) <= height,
                        || format!("{what} is not all on the first {}x{} screen: {boxes}", size.0, size.1),
                    )?;
                }
                // And big enough to read: most of the screen's height.
                ensure(get(0, 3) - get(0, 1) > height * 0.6, || format!("the map is small: {boxes}"))?;
                screenshot(client, &format!("first-screen-{}x{}.png", size.0, size.1)).await
            })
        })
        .await?;
    }
    Ok(())
}

async fn axe_campaign(world: &World) -> Result {
    for size in [DESKTOP, PHONE] {
        at_path(
            world,
            "?region=north-west&lacks=police",
            size,
            move |client, _| {
                Box::pin(async move {
                    click(client, ".filters summary").await?;
                    axe(client, &format!("filters open at {}x{}", size.0, size.1)).await?;
                    screenshot(client, &format!("filters-{}x{}.png", size.0, size.1)).await?;
                    click(client, ".view-toggle").await?;
                    until("the table", || async {
                        Ok(count(client, "tr[data-area]").await? > 0)
                    })
                    .await?;
                    axe(client, &format!("table at {}x{}", size.0, size.1)).await?;
                    screenshot(client, &format!("table-{}x{}.png", size.0, size.1)).await
                })
            },
        )
        .await?;
    }
    Ok(())
}

/// How many areas the map draws with each `data-status`, by status id.
async fn drawn_statuses(client: &Client) -> Result<std::collections::BTreeMap<String, usize>> {
    let mut counts = std::collections::BTreeMap::new();
    for status in client
        .find_all(Locator::Css("svg#map path[data-area]"))
        .await
        .map_err(|e| e.to_string())?
    {
        let id = status
            .attr("data-status")
            .await
            .map_err(|e| e.to_string())?;
        *counts.entry(id.unwrap_or_default()).or_insert(0) += 1;
    }
    Ok(counts)
}

/// The counts the core gives for `day` on the shipped files.
fn expected_statuses(
    model: &MapModel,
    day: &str,
) -> Result<std::collections::BTreeMap<String, usize>> {
    let day = concordat_map::timeline::parse_at(day)?;
    let at = model.at(day);
    Ok(at
        .areas
        .iter()
        .map(|a| model.status_id(a).to_string())
        .fold(std::collections::BTreeMap::new(), |mut m, id| {
            *m.entry(id).or_insert(0) += 1;
            m
        }))
}

async fn dates(world: &World) -> Result {
    let model = shipped(world)?;
    for (day, spelled) in [
        ("2014-06-30", "30 June 2014"),
        ("2014-12-31", "31 December 2014"),
        ("2015-06-01", "1 June 2015"),
    ] {
        let want = expected_statuses(&model, day)?;
        at_path(world, &format!("?at={day}"), DESKTOP, move |client, _| {
            Box::pin(async move {
                let drawn = drawn_statuses(client).await?;
                ensure(drawn == want, || {
                    format!("at {day}: drawn {drawn:?}, expected {want:?}")
                })?;
                let title = text(client, "#headline-title").await?;
                ensure(title == format!("Where things stood at {spelled}"), || {
                    format!("at {day}: headline {title:?}")
                })
            })
        })
        .await?;
    }
    // Before the deadline, an area with no local date is not recorded yet.
    let june = expected_statuses(&model, "2014-06-30")?;
    ensure(
        june.get("not-recorded-yet").copied().unwrap_or(0) > 0,
        || format!("no area is 'not recorded yet' on 30 June 2014: {june:?}"),
    )?;
    let (start, later) = (
        expected_statuses(&model, "2014-12-31")?,
        expected_statuses(&model, "2015-06-01")?,
    );
    at_path(world, "", DESKTOP, move |client, _| {
        Box::pin(async move {
            // The date input changes the address and the map; Back restores.
            client
                .execute(
                    "const i = document.getElementById('at-date'); i.value = '2015-06-01';
                     i.dispatchEvent(new Event('change', { bubbles: true }));",
                    vec![],
                )
                .await
                .map_err(|e| e.to_string())?;
            until_query(client, "at= in the address", "at=2015-06-01").await?;
            until("the map at 1 June 2015", || async {
                Ok(drawn_statuses(client).await? == later)
            })
            .await?;
            client.back().await.map_err(|e| e.to_string())?;
            until_query(client, "Back to no date", "").await?;
            until("the map back at 31 December 2014", || async {
                Ok(drawn_statuses(client).await? == start)
            })
            .await?;
            // A date out of range is kept within it, and says so; junk is ignored.
            client
                .goto(&format!(
                    "{}?at=2009-01-01",
                    client
                        .current_url()
                        .await
                        .map_err(|e| e.to_string())?
                        .origin()
                        .ascii_serialization()
                ))
                .await
                .map_err(|e| e.to_string())?;
            wait_ready(client).await?;
            let notice = text(client, ".notice.warning").await?;
            ensure(notice.contains("The map starts on"), || {
                format!("no note that the date was kept in range: {notice:?}")
            })?;
            Ok(())
        })
    })
    .await
}

/// A click at the progress chart's right edge: it chooses the last change.
async fn click_chart_at_its_right_edge(client: &Client) -> Result {
    client
        .execute(
            "const c = document.querySelector('svg.chart'); const r = c.getBoundingClientRect();
             c.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: r.right - 1, clientY: r.top + 5 }));",
            vec![],
        )
        .await
        .map(drop)
        .map_err(|e| format!("cannot click the chart: {e}"))
}

async fn slider_and_play(world: &World) -> Result {
    let model = shipped(world)?;
    let iso = |d: concordat_map::date::Day| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day);
    let stops: Vec<String> = model.timeline.change_days().into_iter().map(iso).collect();
    let at_default = stops
        .iter()
        .position(|s| *s == iso(model.view_day))
        .ok_or("the dataset's day is not a change day")?;
    let next = stops
        .get(at_default + 1)
        .cloned()
        .ok_or("no change after the dataset's day")?;
    let want_next = expected_statuses(&model, &next)?;
    let (second_last, last) = (
        stops[stops.len() - 2].clone(),
        stops[stops.len() - 1].clone(),
    );
    let (before_last, last_stop) = (second_last.clone(), last.clone());
    at_path(world, "", DESKTOP, move |client, _| {
        Box::pin(async move {
            // Keyboard: the slider moves to the next day anything changed.
            keys_to(client, "#at-slider", ARROW_RIGHT).await?;
            until_query(
                client,
                "the next change day in the address",
                &format!("at={next}"),
            )
            .await?;
            until("the map on the next change day", || async {
                Ok(drawn_statuses(client).await? == want_next)
            })
            .await?;
            let said = attr(client, "#at-slider", "aria-valuetext")
                .await?
                .unwrap_or_default();
            ensure(
                said.chars().any(|c| c.is_ascii_digit()) && said.contains(' '),
                || format!("the slider's value is not spelled out: {said:?}"),
            )?;
            // A click at the chart's right edge chooses the last change.
            click_chart_at_its_right_edge(client).await?;
            until_query(
                client,
                "the chart's click in the address",
                &format!("at={last_stop}"),
            )
            .await?;
            // Arrow keys on the chart step back, as on the slider.
            keys_to(client, "svg.chart", ARROW_LEFT).await?;
            until_query(
                client,
                "the chart's arrow in the address",
                &format!("at={before_last}"),
            )
            .await?;
            click(client, ".progress summary").await?;
            axe(client, "with the chart and its table").await
        })
    })
    .await?;
    at_path(
        world,
        &format!("?at={second_last}"),
        DESKTOP,
        move |client, _| {
            Box::pin(async move {
                // Play steps to the last change and stops there, focus untouched;
                // asking for less motion changes nothing: nothing moves.
                xtask::browser::emulate_media(client, &[("prefers-reduced-motion", "reduce")])
                    .await?;
                click(client, "button.play").await?;
                until_query(client, "playback at the last change", &format!("at={last}")).await?;
                until("playback stopped", || async {
                    Ok(text(client, "button.play").await? == "Play")
                })
                .await?;
                let said = text(client, ".date-control [role='status']").await?;
                ensure(said.contains(':'), || {
                    format!("nothing announced: {said:?}")
                })?;
                let focus = focused(client, "class").await?;
                ensure(focus.as_deref() == Some("play"), || {
                    format!("playback moved the focus to {focus:?}")
                })
            })
        },
    )
    .await
}

/// Every change the visitor makes reaches the address, whatever Back,
/// Forward and Play did before it: a router that skips a push to the
/// address it last wrote leaves the map and the address apart (then
/// reload, sharing and Back disagree with the screen).
async fn address_follows(world: &World) -> Result {
    let model = shipped(world)?;
    let stops: Vec<String> = model
        .timeline
        .change_days()
        .into_iter()
        .map(|d| d.iso())
        .collect();
    let n = stops.len();
    if n < 3 {
        return Err("fewer than three change days".into());
    }
    let (third_last, last) = (stops[n - 3].clone(), stops[n - 1].clone());
    at_path(world, "", DESKTOP, move |client, _| {
        Box::pin(async move {
            let plan = ".legend li[data-status='plan'] button";
            let declared = ".legend li[data-status='declared'] button";
            click(client, plan).await?;
            until_query(client, "plans", "status=plan").await?;
            click(client, declared).await?;
            until_query(client, "both", "status=declared,plan").await?;
            client.back().await.map_err(|e| e.to_string())?;
            until_query(client, "Back to plans", "status=plan").await?;
            client.forward().await.map_err(|e| e.to_string())?;
            until_query(client, "Forward to both", "status=declared,plan").await?;
            click(client, declared).await?;
            until_query(
                client,
                "declarations taken off after Forward",
                "status=plan",
            )
            .await
        })
    })
    .await?;
    at_path(
        world,
        &format!("?at={third_last}"),
        DESKTOP,
        move |client, _| {
            Box::pin(async move {
                // Play's first step is an entry, the next replaces it; Back
                // returns to where it started.
                click(client, "button.play").await?;
                until_query(client, "playback at the last change", &format!("at={last}")).await?;
                until("playback stopped", || async {
                    Ok(text(client, "button.play").await? == "Play")
                })
                .await?;
                client.back().await.map_err(|e| e.to_string())?;
                until_query(
                    client,
                    "Back to where Play started",
                    &format!("at={third_last}"),
                )
                .await?;
                // The chart's right edge: the last change again.
                click_chart_at_its_right_edge(client).await?;
                until_query(
                    client,
                    "the last change chosen after Back",
                    &format!("at={last}"),
                )
                .await
            })
        },
    )
    .await
}

/// The view as SVG and PNG: every area once, muted where the filters leave
/// it out, the legend's counts the model's, the view's words and date, the
/// attribution; the PNG twice the picture's size.
async fn pictures(world: &World) -> Result {
    let model = shipped(world)?;
    let query = "region=north-west&status=plan&at=2014-12-31";
    let (filters, _) = Filters::from_pairs(&concordat_map::query::parse(query), &model.vocabulary);
    let day = concordat_map::timeline::parse_at("2014-12-31").map_err(|e| e.to_string())?;
    let at = model.at(day);
    let shown = model.matching(&at, &filters);
    let counts = model.status_counts(&at, &filters);
    let title = model.summary(&filters, shown.iter().filter(|s| **s).count());
    let dir = xtask::cmd::root().join("target").join("e2e-pictures");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let dir_for_checks = dir.clone();
    at_path(world, &format!("?{query}"), DESKTOP, move |client, _| {
        Box::pin(async move {
            let dir = dir_for_checks;
            xtask::browser::download_to(client, &dir).await?;
            let stem = "concordat-north-west-plan-2014-12-31";
            click(client, ".download.picture button:nth-of-type(1)").await?;
            let svg = downloaded(&dir, &format!("{stem}.svg")).await?;
            let doc = roxmltree::Document::parse(&svg)
                .map_err(|e| format!("the SVG is not well-formed XML: {e}"))?;
            for (i, area) in model.areas.iter().enumerate() {
                let drawn: Vec<_> = doc
                    .descendants()
                    .filter(|n| n.attribute("data-area") == Some(area.code.as_str()))
                    .collect();
                ensure(drawn.len() == 1, || {
                    format!("{} drawn {} times", area.code, drawn.len())
                })?;
                let opacity = if shown[i] {
                    "1"
                } else {
                    concordat_map::picture::MUTED_OPACITY
                };
                ensure(drawn[0].attribute("fill-opacity") == Some(opacity), || {
                    format!(
                        "{} drawn with opacity {:?}",
                        area.code,
                        drawn[0].attribute("fill-opacity")
                    )
                })?;
            }
            let words: Vec<String> = doc
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .filter_map(|n| n.text().map(str::to_string))
                .collect();
            let all = words.join(" ");
            for (_, row) in concordat_map::picture::legend_rows(&model, &counts) {
                ensure(words.contains(&row), || {
                    format!("legend row {row:?} not in {words:?}")
                })?;
            }
            for expected in [
                title.as_str(),
                "31 December 2014",
                "Open Government Licence",
            ] {
                ensure(all.contains(expected), || {
                    format!("{expected:?} not in the picture's words {all:?}")
                })?;
            }
            click(client, ".download.picture button:nth-of-type(2)").await?;
            let png = downloaded_bytes(&dir, &format!("{stem}.png")).await?;
            ensure(
                png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 24,
                || "the PNG is not a PNG".into(),
            )?;
            let size = |at: usize| {
                png.get(at..at + 4)
                    .and_then(|b| <[u8; 4]>::try_from(b).ok())
                    .map_or(0, u32::from_be_bytes)
            };
            let (width, height) = concordat_map::picture::SIZE;
            ensure(
                f64::from(size(16)) == width * 2.0 && f64::from(size(20)) == height * 2.0,
                || {
                    format!(
                        "the PNG is {} × {}, not twice the picture",
                        size(16),
                        size(20)
                    )
                },
            )
        })
    })
    .await
}
