//! Every area and region a page of its own: the built files (each page there,
//! valid as a browser parses it, with its own words and preview, linking
//! only to what exists, in both builds), the pages without JavaScript
//! (an area's whole panel before any script; national → region → area →
//! back by links alone), the app taking a page over without a shift, and a
//! plain static host with no fallback.

use crate::helpers::*;
use crate::{Result, SUB_PATH, World};
use concordat_map::model::MapModel;
use concordat_map::pages::{self, IMAGE_SIZE, Page, Subject};
use concordat_map::timeline::Known;
use fantoccini::{Client, Locator};
use scraper::{Html, Selector};
use std::path::Path;
use std::time::Duration;

pub const ALL: &[(&str, Scenario)] = &[
    (
        "every_page_is_built_valid_with_its_words_and_preview",
        |w| Box::pin(built(w)),
    ),
    ("an_area_page_holds_its_panel_before_any_script", |w| {
        Box::pin(area_pages_cold(w))
    }),
    (
        "without_javascript_links_go_national_region_area_and_back",
        |w| Box::pin(walk_without_javascript(w)),
    ),
    ("a_plain_static_host_serves_every_page", |w| {
        Box::pin(plain_host(w))
    }),
    ("the_list_of_every_area_opens_one_in_place", |w| {
        Box::pin(list_in_the_app(w))
    }),
];

/// With the app, the list rendered at build time is kept, and its links
/// open an area in place (no page load), as the map does.
async fn list_in_the_app(world: &World) -> Result {
    let server = world.serve(|_| {})?;
    let client = world.open(&server.url(), DESKTOP, true).await?;
    let result = async {
        expect_count(&client, "#main nav#directory details", 9).await?;
        client
            .execute("window.stayed = true; return null;", vec![])
            .await
            .map_err(|e| e.to_string())?;
        click(&client, "#directory details:nth-of-type(2) summary").await?;
        click(&client, "#directory a[href='/area/E08000001']").await?;
        eventually("Bolton's panel", || async {
            Ok(panel_title(&client)
                .await?
                .filter(|t| t == "Bolton")
                .map(drop))
        })
        .await?;
        let stayed = client
            .execute("return window.stayed === true;", vec![])
            .await
            .map_err(|e| e.to_string())?;
        ensure(stayed.as_bool() == Some(true), || {
            "the page was loaded again".into()
        })?;
        let path = current_path(&client).await?;
        ensure(path == "/area/E08000001", || format!("at {path}"))
    }
    .await;
    let _ = client.close().await;
    result?;
    // As a phone in dark mode shows a region's page: taken over without a
    // shift, and the list with its region open.
    let client = world.session(PHONE).await?;
    let result = async {
        xtask::browser::emulate_media(&client, &[("prefers-color-scheme", "dark")]).await?;
        client
            .goto(&format!("{}region/north-west", server.url()))
            .await
            .map_err(|e| e.to_string())?;
        wait_ready(&client).await?;
        // The region's page taken over by the app without a shift, too.
        let shift = layout_shift(&client).await?;
        ensure(shift == 0.0, || {
            format!("the North West's page shifted by {shift}")
        })?;
        expect_count(&client, "#directory details[open]", 1).await?;
        client
            .execute(
                "document.getElementById('directory').scrollIntoView(); return null;",
                vec![],
            )
            .await
            .map_err(|e| e.to_string())?;
        screenshot(&client, "directory-north-west-dark-390x844.png").await
    }
    .await;
    let _ = client.close().await;
    result
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e}"))
}

/// The one element `css` finds in `html`'s head, and its `attribute`.
fn head_value(html: &Html, css: &str, attribute: &str) -> Option<String> {
    let found: Vec<_> = html.select(&selector(css)).collect();
    match found.as_slice() {
        [one] => one.value().attr(attribute).map(str::to_string),
        _ => None,
    }
}

/// Width and height of a PNG file, from its header.
fn png_size(file: &Path) -> Result<(u32, u32)> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let word = |at: usize| {
        bytes
            .get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_be_bytes)
    };
    match (bytes.starts_with(b"\x89PNG\r\n\x1a\n"), word(16), word(20)) {
        (true, Some(w), Some(h)) => Ok((w, h)),
        _ => Err(format!("{} is not a PNG", file.display())),
    }
}

/// Checks one build: every page, its head, its preview, its links.
fn check_build(model: &MapModel, dist: &Path, base: &str) -> Result<usize> {
    let all = pages::pages(model);
    // Where the build says the site is when no address is given for it.
    let site = pages::Site {
        origin: "http://127.0.0.1:8080".into(),
        base: base.into(),
    };
    let text =
        |file: &Path| std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()));
    // What a link names, as a file of the build (or None: not ours).
    let target = |href: &str| -> Option<String> {
        let href = href.split(['#', '?']).next().unwrap_or("");
        let local = if let Some(rest) = href.strip_prefix(site.origin.as_str()) {
            rest.to_string()
        } else if href.contains("://") || href.starts_with("data:") || href.starts_with("mailto:") {
            return None;
        } else if href.starts_with('/') {
            href.to_string()
        } else {
            // Relative to <base href="{base}/">.
            format!("{base}/{href}")
        };
        Some(local)
    };
    let exists = |local: &str| -> bool {
        let Some(inside) = local.strip_prefix(base) else {
            return false;
        };
        let path = dist.join(inside.trim_start_matches('/'));
        path.is_file() || path.join("index.html").is_file()
    };
    let mut links = 0;
    let mut problems = Vec::new();
    for page in &all {
        let file = dist.join(page.dir()).join("index.html");
        let html = Html::parse_document(&text(&file)?);
        let place = format!("{base}{}", page.path);
        if !html.errors.is_empty() {
            problems.push(format!("{place}: not valid HTML: {:?}", html.errors));
        }
        let title = html
            .select(&selector("head > title"))
            .map(|t| t.text().collect::<String>())
            .collect::<Vec<_>>();
        if title != [page.title.clone()] {
            problems.push(format!("{place}: title {title:?}"));
        }
        let expected = [
            (
                "meta[name='description']",
                "content",
                page.description.clone(),
            ),
            ("link[rel='canonical']", "href", site.url(&page.path)),
            ("meta[property='og:title']", "content", page.title.clone()),
            (
                "meta[property='og:description']",
                "content",
                page.description.clone(),
            ),
            ("meta[property='og:url']", "content", site.url(&page.path)),
            (
                "meta[property='og:image']",
                "content",
                site.url(&page.image_path()),
            ),
            (
                "meta[name='twitter:card']",
                "content",
                "summary_large_image".into(),
            ),
        ];
        for (css, attribute, want) in expected {
            let found = head_value(&html, css, attribute);
            if found.as_deref() != Some(want.as_str()) {
                problems.push(format!("{place}: {css} is {found:?}, not {want:?}"));
            }
        }
        let image = dist.join(page.image_path().trim_start_matches('/'));
        match png_size(&image) {
            Ok(size) if size == IMAGE_SIZE => {}
            Ok(size) => problems.push(format!("{place}: preview is {size:?}")),
            Err(e) => problems.push(format!("{place}: {e}")),
        }
        // The page's own view, as the app would show it.
        let panel = html
            .select(&selector("#prerendered .panel #panel-title"))
            .next();
        match (&page.subject, panel) {
            (Subject::Area(_), Some(title)) if title.text().collect::<String>() == page.name => {}
            (Subject::Area(_), _) => problems.push(format!("{place}: no panel for {}", page.name)),
            (_, Some(_)) => problems.push(format!("{place}: a panel open")),
            (_, None) => {}
        }
        for attribute in ["href", "src"] {
            for element in html.select(&selector(&format!("[{attribute}]"))) {
                let Some(value) = element.value().attr(attribute) else {
                    continue;
                };
                // <base> says where relative links start; it is no link.
                if element.value().name() == "base" {
                    continue;
                }
                if let Some(local) = target(value) {
                    links += 1;
                    if !exists(&local) {
                        problems.push(format!(
                            "{place}: {attribute}={value:?} names nothing built"
                        ));
                    }
                }
            }
        }
    }
    let sitemap = text(&dist.join("sitemap.xml"))?;
    for page in &all {
        let loc = format!("<loc>{}</loc>", site.url(&page.path));
        if !sitemap.contains(&loc) {
            problems.push(format!("sitemap.xml lacks {loc}"));
        }
    }
    let robots = text(&dist.join("robots.txt"))?;
    if !robots.contains(&format!("Sitemap: {}", site.url("/sitemap.xml"))) {
        problems.push(format!("robots.txt: {robots}"));
    }
    let national = Html::parse_document(&text(&dist.join("index.html"))?);
    let ld = national
        .select(&selector("script[type='application/ld+json']"))
        .map(|s| s.text().collect::<String>())
        .next()
        .unwrap_or_default();
    match serde_json::from_str::<serde_json::Value>(&ld) {
        Ok(json) if json["@type"] == "Dataset" => {
            for download in json["distribution"].as_array().into_iter().flatten() {
                let url = download["contentUrl"].as_str().unwrap_or("");
                if !target(url).is_some_and(|local| exists(&local)) {
                    problems.push(format!("JSON-LD names {url:?}, not built"));
                }
            }
        }
        _ => problems.push(format!("the national page's JSON-LD: {ld:?}")),
    }
    problems.truncate(12);
    ensure(problems.is_empty(), || problems.join("\n      "))?;
    Ok(links)
}

async fn built(world: &World) -> Result {
    let model = shipped(world)?;
    let links = check_build(&model, &world.dist, "")?;
    ensure(links > 300 * 162, || format!("only {links} links checked"))?;
    check_build(&model, &world.sub_path_dist()?, SUB_PATH).map(drop)
}

/// Three areas with different stories: one in a group with other areas,
/// one whose status came from a "by" date, one whose status is the first
/// (or not recorded).
fn three_areas(model: &MapModel) -> Result<Vec<Page>> {
    let snapshot = model.at(model.view_day);
    let all = pages::pages(model);
    let area = |pick: &dyn Fn(usize) -> bool| {
        all.iter()
            .find(|p| matches!(p.subject, Subject::Area(i) if pick(i)))
            .cloned()
            .ok_or("no such area in the shipped data")
    };
    let grouped = area(&|i| !model.data.group_siblings(&model.areas[i].code).is_empty())?;
    let bound =
        area(&|i| snapshot.areas[i].known == Known::Bound && grouped.name != model.areas[i].name)?;
    // Not recorded if the data has such an area; else one with no date
    // recorded, or whose status is only the first.
    let unknown = area(&|i| snapshot.areas[i].known == Known::NotRecorded)
        .or_else(|_| area(&|i| model.reached(&snapshot.areas[i]).is_none()))
        .or_else(|_| {
            area(&|i| {
                snapshot.areas[i].known == Known::Local
                    && grouped.name != model.areas[i].name
                    && bound.name != model.areas[i].name
            })
        })?;
    Ok(vec![grouped, bound, unknown])
}

/// The panel of `page` as the page rendered at build time holds it.
async fn expect_rendered_panel(client: &Client, model: &MapModel, page: &Page) -> Result {
    let Subject::Area(i) = page.subject else {
        return Err(format!("{} is no area", page.path));
    };
    let at = model.at(model.view_day).areas[i];
    let when = format!("{} without scripts", page.path);
    let title = text(client, "#prerendered .panel #panel-title").await?;
    ensure(title == page.name, || {
        format!("{when}: panel titled {title:?}")
    })?;
    let status = text(client, "#prerendered .panel dd.status").await?;
    ensure(status.contains(model.status_label(&at)), || {
        format!("{when}: status {status:?}")
    })?;
    let reached = model.reached(&at).unwrap_or_else(|| "Not recorded".into());
    let dl = text(client, "#prerendered .panel dl").await?;
    ensure(dl.contains(&reached), || {
        format!("{when}: no {reached:?} in {dl:?}")
    })?;
    let sources = count(client, "#prerendered .panel a[target='_blank']").await?;
    ensure(sources > 0 || at.event.is_none(), || {
        format!("{when}: no sources")
    })?;
    let siblings = model.data.group_siblings(&model.areas[i].code);
    for code in &siblings {
        expect_count(
            client,
            &format!("#prerendered .panel .siblings a[href$='/area/{code}']"),
            1,
        )
        .await?;
    }
    let heading = client.title().await.map_err(|e| e.to_string())?;
    ensure(heading == page.title, || {
        format!("{when}: title {heading:?}")
    })?;
    // Outlined on a map zoomed to it and its group, as the app does.
    let view_box = attr(client, "#prerendered svg.map", "viewBox")
        .await?
        .unwrap_or_default();
    ensure(view_box != model.view_box, || {
        format!("{when}: the map is not zoomed")
    })?;
    expect_count(client, "#prerendered svg.map .selection", 1).await
}

async fn area_pages_cold(world: &World) -> Result {
    let model = shipped(world)?;
    let server = world.serve(|_| {})?;
    for page in three_areas(&model)? {
        let url = format!("{}{}", server.url().trim_end_matches('/'), page.path);
        let client = world.open_without_scripts(&url, DESKTOP).await?;
        let result = async {
            expect_rendered_panel(&client, &model, &page).await?;
            screenshot(
                &client,
                &format!("page-{}-no-javascript.png", page.dir().replace('/', "-")),
            )
            .await
        }
        .await;
        let _ = client.close().await;
        result?;
        // With scripts, the app takes the page over: same panel, no shift.
        let client = world.open(&url, DESKTOP, true).await?;
        let result = async {
            let title = text(&client, "#main .panel #panel-title").await?;
            ensure(title == page.name, || {
                format!("{url}: the app shows {title:?}")
            })?;
            expect_count(&client, "#prerendered", 0).await?;
            let shift = layout_shift(&client).await?;
            ensure(shift == 0.0, || {
                format!("{url}: the layout shifted by {shift}")
            })?;
            expect_no_csp_violations(&client, &url).await
        }
        .await;
        let _ = client.close().await;
        result?;
    }
    // An area page as rendered, to assistive technology.
    let without = serve_without_the_wasm(world)?;
    let page = &three_areas(&model)?[0];
    let url = format!("{}{}", without.url().trim_end_matches('/'), page.path);
    let client = world
        .open_until(&url, DESKTOP, "#prerendered .panel")
        .await?;
    let result = axe(&client, &format!("{url} before the app")).await;
    let _ = client.close().await;
    result
}

/// Clicks the link `css` and waits for the page at a path ending `path`.
async fn follow(client: &Client, css: &str, path: &str) -> Result {
    click(client, css).await?;
    let arrived = eventually(&format!("the page at {path}"), || async {
        let here = current_path(client).await?;
        Ok(here.ends_with(path).then_some(()))
    })
    .await;
    if let Err(e) = arrived {
        return Err(format!(
            "{e} after clicking {css}: at {}",
            current_path(client).await?
        ));
    }
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#prerendered svg.map"))
        .await
        .map(drop)
        .map_err(|e| format!("{path}: no page: {e}"))
}

async fn walk_without_javascript(world: &World) -> Result {
    let model = shipped(world)?;
    let server = world.serve(|_| {})?;
    let client = world.open_without_scripts(&server.url(), DESKTOP).await?;
    let result = async {
        // National → North West, by the list of every area.
        click(&client, "#directory details:nth-of-type(2) summary").await?;
        follow(
            &client,
            "#directory a[href$='/region/north-west']",
            "/region/north-west",
        )
        .await?;
        let title = client.title().await.map_err(|e| e.to_string())?;
        ensure(title.starts_with("North West"), || {
            format!("the region's page is titled {title:?}")
        })?;
        let summary = text(&client, "#prerendered .summary").await?;
        ensure(summary.contains("North West"), || {
            format!("the region's summary: {summary:?}")
        })?;
        // → Bolton, on the map itself.
        let bolton = model.index_of("E08000001").ok_or("no Bolton")?;
        follow(
            &client,
            "#prerendered svg.map a[href*='/area/E08000001'] path",
            "/area/E08000001",
        )
        .await?;
        let title = text(&client, "#prerendered .panel #panel-title").await?;
        ensure(title == model.areas[bolton].name, || {
            format!("Bolton's page shows {title:?}")
        })?;
        // Its sources are ordinary links.
        let sources = count(
            &client,
            "#prerendered .panel a[target='_blank'][href^='http']",
        )
        .await?;
        ensure(sources > 0, || "Bolton's page links to no source".into())?;
        screenshot(&client, "walk-area-no-javascript.png").await?;
        // Its close link is England's map (the page holds no filter)…
        follow(&client, "#prerendered .panel a.close", "/").await?;
        // …and Back steps through Bolton and the North West to England.
        for (back_to, heading) in [
            ("/area/E08000001", model.areas[bolton].name.as_str()),
            ("/region/north-west", "North West"),
            ("/", "Mental Health Crisis Care Concordat"),
        ] {
            client.back().await.map_err(|e| e.to_string())?;
            eventually(back_to, || async {
                let here = current_path(&client).await?;
                let title = client.title().await.map_err(|e| e.to_string())?;
                Ok((here.ends_with(back_to) && title.starts_with(heading)).then_some(()))
            })
            .await?;
        }
        let title = client.title().await.map_err(|e| e.to_string())?;
        ensure(title == pages::NATIONAL_TITLE, || {
            format!("back at {title:?}")
        })
    }
    .await;
    let _ = client.close().await;
    result
}

async fn plain_host(world: &World) -> Result {
    let model = shipped(world)?;
    let server = world.serve(|o| o.fallback = false)?;
    let page = &three_areas(&model)?[1];
    let url = format!("{}{}", server.url().trim_end_matches('/'), page.path);
    let client = world.open(&url, PHONE, true).await?;
    let result = async {
        let title = text(&client, "#main .panel #panel-title").await?;
        ensure(title == page.name, || format!("{url}: {title:?}"))?;
        // A region's page too, and an address no file answers is the host's 404.
        client
            .goto(&format!("{}region/london", server.url()))
            .await
            .map_err(|e| e.to_string())?;
        wait_ready(&client).await?;
        let summary = text(&client, ".summary").await?;
        ensure(summary.contains("London"), || {
            format!("London's page: {summary:?}")
        })?;
        screenshot(&client, "region-london-390x844.png").await
    }
    .await;
    let _ = client.close().await;
    result
}
