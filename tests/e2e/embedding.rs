//! The map embedded in another site, end to end: the example host page in
//! docs/ served from a different origin (127.0.0.2) frames the map; the frame
//! sizes itself, reports what the visitor chose, obeys its host and only its
//! host, and runs under the Content Security Policy. Also embed mode alone,
//! its accessibility at small sizes, and the page that writes the code.

use crate::helpers::*;
use crate::{Result, World};
use fantoccini::{Client, Locator};
use std::time::Duration;
use xtask::server::{Options, Server};

pub const ALL: &[(&str, Scenario)] = &[
    (
        "embedded_map_sizes_itself_and_talks_only_to_its_host",
        |w| Box::pin(host_page(w)),
    ),
    ("embed_mode_shows_the_chosen_parts_and_title_as_text", |w| {
        Box::pin(embed_mode(w))
    }),
    ("axe_finds_nothing_inside_the_embed", |w| {
        Box::pin(axe_embed(w))
    }),
    ("the_embed_page_writes_a_working_snippet", |w| {
        Box::pin(builder(w))
    }),
    (
        "an_embed_follows_its_links_without_adding_to_the_hosts_history",
        |w| Box::pin(embed_history(w)),
    ),
    ("the_embed_link_opens_its_page_at_the_top_with_focus", |w| {
        Box::pin(embed_link(w))
    }),
];

/// Records every message this window receives, from the start.
pub const MESSAGE_RECORDER: &str = "window.__messages = []; window.addEventListener('message', \
    e => window.__messages.push({ fromFrame: e.source !== window, data: e.data }));";

/// The example host page, pointed at `map` (the map's address), served from
/// another site.
fn host_server(map: &str) -> Result<Server> {
    host_server_at(map, "127.0.0.2:0")
}

/// The example host page, pointed at `map`, served at `addr`, from a folder
/// of its own (hosts may run at once).
pub fn host_server_at(map: &str, addr: &str) -> Result<Server> {
    static HOSTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = HOSTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let example = xtask::cmd::root().join("docs").join("embed-example.html");
    let page = std::fs::read_to_string(&example)
        .map_err(|e| format!("cannot read {}: {e}", example.display()))?
        .replace("http://127.0.0.1:8080", map.trim_end_matches('/'));
    let dir = xtask::cmd::root()
        .join("target")
        .join("e2e-host")
        .join(n.to_string());
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    std::fs::write(dir.join("index.html"), page).map_err(|e| e.to_string())?;
    let mut options = Options::new(&dir);
    // Another site's page, with its own inline script.
    options.security_headers = false;
    Server::start(options, addr)
}

/// The messages the host page has received from its frame.
async fn messages(client: &Client) -> Result<Vec<serde_json::Value>> {
    let value = client
        .execute(
            "return (window.__messages || []).filter(m => m.fromFrame).map(m => m.data);",
            vec![],
        )
        .await
        .map_err(|e| format!("cannot read the host's messages: {e}"))?;
    Ok(value.as_array().cloned().unwrap_or_default())
}

/// The latest height the frame reported in each format, and the frame's height.
async fn heights(client: &Client) -> Result<(Option<u64>, Option<u64>, f64)> {
    let all = messages(client).await?;
    let datawrapper = all
        .iter()
        .filter_map(|m| m["datawrapper-height"]["concordat-map"].as_u64())
        .next_back();
    let pym = all
        .iter()
        .filter_map(|m| {
            m.as_str()?
                .strip_prefix("pymxPYMxconcordat-mapxPYMxheightxPYMx")
        })
        .filter_map(|px| px.parse().ok())
        .next_back();
    let frame = client
        .execute(
            "return document.getElementById('concordat-map').getBoundingClientRect().height",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?
        .as_f64()
        .unwrap_or(0.0);
    Ok((datawrapper, pym, frame))
}

/// Waits until both formats report the same height and the frame has it.
pub async fn sized(client: &Client, when: &str) -> Result<u64> {
    eventually(&format!("the frame to size itself ({when})"), || async {
        let (datawrapper, pym, frame) = heights(client).await?;
        Ok(match (datawrapper, pym) {
            (Some(a), Some(b)) if a == b && (frame - a as f64).abs() < 1.0 => Some(a),
            _ => None,
        })
    })
    .await
}

pub async fn in_frame(client: &Client) -> Result {
    client
        .enter_frame(0)
        .await
        .map_err(|e| format!("cannot enter the map's frame: {e}"))?;
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css("svg#map[data-ready='true']"))
        .await
        .map(drop)
        .map_err(|e| format!("the framed map was not ready: {e}"))
}

pub async fn out_of_frame(client: &Client) -> Result {
    client
        .enter_parent_frame()
        .await
        .map_err(|e| format!("cannot leave the frame: {e}"))
}

async fn host_page(world: &World) -> Result {
    let map = world.serve(|_| {})?;
    let host = host_server(&map.url())?;
    let client = world.session(DESKTOP).await?;
    let result = async {
        xtask::browser::on_every_document(&client, MESSAGE_RECORDER).await?;
        client.goto(&host.url()).await.map_err(|e| e.to_string())?;
        // The frame reports its height while loading too: wait for the map's.
        in_frame(&client).await?;
        out_of_frame(&client).await?;
        let first = eventually("the frame sized to the drawn map", || async {
            let (datawrapper, pym, frame) = heights(&client).await?;
            Ok(match (datawrapper, pym) {
                (Some(a), Some(b)) if a == b && a > 200 && (frame - a as f64).abs() < 1.0 => Some(a),
                _ => None,
            })
        })
        .await?;
        // And stays so: a frame that grows must not make its content grow.
        let reports = messages(&client).await?.len();
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let (_, _, frame) = heights(&client).await?;
        let later = messages(&client).await?.len();
        ensure((frame - first as f64).abs() < 1.0 && later <= reports + 2, || {
            format!("the frame crept from {first} px to {frame} px ({reports} then {later} messages)")
        })?;
        // A sizer that arrives late asks for the height and gets it.
        client
            .execute(
                "const frame = document.getElementById('concordat-map');
                 frame.style.height = '300px';
                 frame.contentWindow.postMessage({type: 'concordat-map:height'}, '*');",
                vec![],
            )
            .await
            .map_err(|e| e.to_string())?;
        let again = sized(&client, "when asked").await?;
        ensure(again == first, || format!("asked, the map said {again} px, not {first}"))?;

        // The visitor chooses an area: the host hears its code and address.
        in_frame(&client).await?;
        client
            .find(Locator::Css("path[data-area='E08000003']"))
            .await
            .map_err(|e| e.to_string())?
            .click()
            .await
            .map_err(|e| format!("cannot click Manchester in the frame: {e}"))?;
        expect_panel(&client, Some("Manchester"), "chosen in the frame").await?;
        out_of_frame(&client).await?;
        let event = eventually("the select event", || async {
            Ok(messages(&client)
                .await?
                .into_iter()
                .find(|m| m["type"] == "concordat-map:select"))
        })
        .await?;
        let url = event["url"].as_str().unwrap_or_default();
        ensure(
            event["area"] == "E08000003"
                && url.starts_with(&map.url())
                && url.contains("/area/E08000003?region=north-west")
                && !url.contains("embed"),
            || format!("select event {event}"),
        )?;
        let said = text(&client, "#chosen").await?;
        ensure(said.contains("E08000003"), || format!("the host page says {said:?}"))?;
        // The panel made the map taller: the frame followed.
        let taller = sized(&client, "after the panel opened").await?;
        ensure(taller > first, || format!("{first} px, then {taller} px with the panel open"))?;

        // The host asks for Kent: the map obeys.
        client
            .find(Locator::Css("#show-kent"))
            .await
            .map_err(|e| e.to_string())?
            .click()
            .await
            .map_err(|e| e.to_string())?;
        in_frame(&client).await?;
        expect_panel(&client, Some("Kent"), "after the host's command").await?;
        out_of_frame(&client).await?;

        // Another window's command, and a bad one from the host, are ignored.
        client
            .execute(
                "const frame = document.getElementById('concordat-map');
                 const other = document.createElement('iframe');
                 other.srcdoc = '<script>parent.frames[0].postMessage(' +
                   '{type: \"concordat-map:select\", area: \"E10000030\"}, \"*\")<' + '/script>';
                 document.body.append(other);
                 frame.contentWindow.postMessage({type: 'concordat-map:select', area: 'E99999999'}, '*');
                 frame.contentWindow.postMessage({type: 'concordat-map:select', area: 'E10000030', x: 1}, '*');
                 frame.contentWindow.postMessage('concordat-map:select E10000030', '*');",
                vec![],
            )
            .await
            .map_err(|e| e.to_string())?;
        tokio::time::sleep(Duration::from_millis(800)).await;
        in_frame(&client).await?;
        // (The framed map's Content Security Policy is checked where the
        // browser lets a test listen from the start: embed mode loaded alone.)
        expect_panel(&client, Some("Kent"), "after foreign and bad messages").await?;
        out_of_frame(&client).await?;

        // The host can choose the date the map shows.
        client
            .execute(
                "document.getElementById('concordat-map').contentWindow
                   .postMessage({type: 'concordat-map:at', at: '2014-06-30'}, '*');",
                vec![],
            )
            .await
            .map_err(|e| e.to_string())?;
        tokio::time::sleep(Duration::from_millis(800)).await;
        in_frame(&client).await?;
        let title = text(&client, "#legend-title").await?;
        ensure(title == "Progress at 30 June 2014", || {
            format!("after the host's date, the legend reads {title:?}")
        })?;
        out_of_frame(&client).await
    }
    .await;
    let _ = client.close().await;
    result
}

async fn embed_mode(world: &World) -> Result {
    let version = shipped(world)?.data.version.clone().unwrap_or_default();
    let title = "<img src=x onerror=alert(1)> North West";
    let path =
        "?embed=1&region=north-west&title=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%20North%20West";
    at_path(world, path, (640, 600), move |client, url| {
        Box::pin(async move {
            let shown = text(client, ".embed-title").await?;
            ensure(shown == title, || format!("the title reads {shown:?}"))?;
            expect_count(client, "img", 0).await?;
            // Just the map, the legend and the way to the full map.
            for (css, n) in [
                (".site-header", 0),
                (".search", 0),
                (".view-toggle", 0),
                (".filters", 0),
                (".legend", 1),
                (".share", 0),
                (".embed-foot", 1),
            ] {
                expect_count(client, css, n).await?;
            }
            let full = attr(client, ".embed-foot a", "href")
                .await?
                .unwrap_or_default();
            ensure(full == format!("{url}region/north-west"), || {
                format!("the full map link is {full:?}")
            })?;
            let target = attr(client, ".embed-foot a", "target").await?;
            ensure(target.as_deref() == Some("_blank"), || {
                "the full map should open in a new tab".into()
            })?;
            // Which data it shows, for whoever cites the embed.
            let foot = text(client, ".embed-foot").await?;
            ensure(
                !version.is_empty() && foot.contains(&format!("Data version {version}")),
                || format!("the embed's foot {foot:?} does not name version {version:?}"),
            )?;
            // The region is the embedder's: shown, zoomed, not clearable here.
            let summary = text(client, "#summary").await?;
            ensure(summary.ends_with("areas: North West"), || {
                format!("summary {summary:?}")
            })?;
            let clear = client
                .find(Locator::Css(".summary .clear"))
                .await
                .map_err(|e| e.to_string())?;
            ensure(
                !clear.is_displayed().await.map_err(|e| e.to_string())?,
                || "Clear filters is offered in an embed without filters".into(),
            )?;
            ensure(zoom_scale(client).await? > 1.5, || {
                "the map is not zoomed to the region".into()
            })?;
            screenshot(client, "embed-640x600.png").await
        })
    })
    .await
}

/// In another site's frame a followed link replaces the history entry, as
/// every other change there does: the host's Back button leaves the page.
async fn embed_history(world: &World) -> Result {
    at_path(world, "area/atlantis?embed=1", (640, 600), |client, _| {
        Box::pin(async move {
            let length = || async {
                client
                    .execute("return history.length", vec![])
                    .await
                    .map(|v| v.as_u64())
                    .map_err(|e| e.to_string())
            };
            let before = length().await?;
            follow_notice_link(client).await?;
            eventually("the embedded national view", || async {
                Ok((current_path(client).await? == "/").then_some(()))
            })
            .await?;
            let query = client
                .current_url()
                .await
                .map(|u| u.query().unwrap_or_default().to_string())
                .map_err(|e| e.to_string())?;
            ensure(query.contains("embed=1"), || {
                format!("the embed was left: ?{query}")
            })?;
            let after = length().await?;
            ensure(after == before, || {
                format!("the history grew from {before:?} to {after:?} entries")
            })
        })
    })
    .await
}

/// On a phone the link to the embed-code page is far down the map's page:
/// its page opens at the top, with focus at its start, and Back returns.
async fn embed_link(world: &World) -> Result {
    at_path(world, "", PHONE, |client, _| {
        Box::pin(async move {
            let link = client
                .find(Locator::XPath("//a[contains(., 'Embed this map')]"))
                .await
                .map_err(|e| format!("no link to the embed page: {e}"))?;
            let element = serde_json::to_value(&link).map_err(|e| e.to_string())?;
            client
                .execute("arguments[0].scrollIntoView()", vec![element])
                .await
                .map_err(|e| e.to_string())?;
            link.click()
                .await
                .map_err(|e| format!("cannot follow the link: {e}"))?;
            eventually("the embed-code page", || async {
                let there = current_path(client).await? == "/embed"
                    && count(client, "#embed-code").await? == 1;
                Ok(there.then_some(()))
            })
            .await?;
            let (scrolled, focused) = client
                .execute(
                    "return [window.scrollY, document.activeElement && document.activeElement.id]",
                    vec![],
                )
                .await
                .map(|v| (v[0].as_f64(), v[1].as_str().map(str::to_string)))
                .map_err(|e| e.to_string())?;
            ensure(scrolled == Some(0.0), || {
                format!("the embed page opened scrolled to {scrolled:?}")
            })?;
            ensure(focused.as_deref() == Some("main"), || {
                format!("focus is on {focused:?}, not the page's main part")
            })?;
            client
                .back()
                .await
                .map_err(|e| format!("cannot go back: {e}"))?;
            eventually("the map again", || async {
                let back =
                    current_path(client).await? == "/" && count(client, "#embed-code").await? == 0;
                Ok(back.then_some(()))
            })
            .await
        })
    })
    .await
}

async fn axe_embed(world: &World) -> Result {
    for size in [(280, 400), (320, 480), (640, 600)] {
        at_path(
            world,
            "area/E08000003?embed=1&region=north-west&controls=search,filters,legend,table,panel",
            size,
            move |client, _| {
                Box::pin(async move {
                    let width = page_width(client).await?;
                    ensure(width <= f64::from(size.0), || {
                        format!("{width} px wide in a {} px frame", size.0)
                    })?;
                    axe(client, &format!("embed at {}x{}", size.0, size.1)).await?;
                    screenshot(client, &format!("embed-panel-{}x{}.png", size.0, size.1)).await
                })
            },
        )
        .await?;
    }
    Ok(())
}

async fn builder(world: &World) -> Result {
    at_path_until(world, "embed", DESKTOP, "#embed-code", |client, url| {
        Box::pin(async move {
            // The North West, with a title.
            let north_west = client
                .find(Locator::XPath("//label[contains(., 'North West')]/input"))
                .await
                .map_err(|e| format!("no North West choice: {e}"))?;
            north_west.click().await.map_err(|e| e.to_string())?;
            let title = client
                .find(Locator::Css("#embed-title"))
                .await
                .map_err(|e| e.to_string())?;
            title
                .send_keys("Crisis care \"here\"\u{E004}")
                .await
                .map_err(|e| e.to_string())?;
            let code = client
                .find(Locator::Css("#embed-code"))
                .await
                .map_err(|e| e.to_string())?;
            let mut snippet = String::new();
            for _ in 0..50 {
                snippet = code
                    .prop("value")
                    .await
                    .map_err(|e| e.to_string())?
                    .unwrap_or_default();
                if snippet.contains("region=north-west") && snippet.contains("title=Crisis") {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let src =
                format!("{url}?region=north-west&amp;embed=1&amp;title=Crisis%20care%20%22here%22");
            for part in [
                format!("<iframe src=\"{src}\""),
                "title=\"Crisis care &quot;here&quot;\"".to_string(),
                "loading=\"lazy\"".to_string(),
                format!("<script src=\"{url}embed.js\" async></script>"),
            ] {
                ensure(snippet.contains(&part), || {
                    format!("the snippet {snippet:?} lacks {part:?}")
                })?;
            }
            // Without the search, the frame is not given the reader's location.
            ensure(!snippet.contains("allow="), || {
                format!("the snippet {snippet:?} allows more than its controls need")
            })?;
            // The preview is that very map.
            let preview = attr(client, "iframe.preview", "src")
                .await?
                .unwrap_or_default();
            ensure(preview == src.replace("&amp;", "&"), || {
                format!("the preview shows {preview:?}")
            })?;
            // The preview sizes itself, as the frame would on a host page.
            let mut fits = serde_json::Value::Null;
            for _ in 0..50 {
                fits = client
                    .execute(
                        "const f = document.querySelector('iframe.preview');
                         const body = f.contentDocument && f.contentDocument.body;
                         return body ? [+f.getAttribute('height'), body.getBoundingClientRect().height] : null;",
                        vec![],
                    )
                    .await
                    .map_err(|e| e.to_string())?;
                let pair = (fits[0].as_f64(), fits[1].as_f64());
                if let (Some(frame), Some(content)) = pair
                    && content > 100.0
                    && (frame - content.ceil()).abs() < 1.5
                {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let settled = fits[0].as_f64().zip(fits[1].as_f64()).is_some_and(|(f, c)| (f - c.ceil()).abs() < 1.5);
            ensure(settled, || format!("the preview did not size itself: {fits}"))?;
            axe(client, "the embed page").await?;
            screenshot(client, "embed-builder-1280x900.png").await
        })
    })
    .await
}
