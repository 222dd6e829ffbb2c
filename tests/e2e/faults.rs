//! The fault matrix: each of the files the page needs (the dataset, the
//! area boundaries, the wasm and its glue script) answered with each fault
//! an unlucky network or a misconfigured host gives (an error status, a
//! long wait, no answer, half the file, an HTML page, a dropped
//! connection), on the full page and embedded in another site's page. The
//! reader must always be told what happened and offered a way on: the
//! rendered map still there on the full page, the message above it, a
//! retry; in an embed a compact message and the frame's height posted to
//! its host. No script error is logged but the one expected.

use crate::embedding::{MESSAGE_RECORDER, host_server_at, sized};
use crate::helpers::*;
use crate::{Result, World};
use fantoccini::{Client, Locator};
use std::time::Duration;

pub const ALL: &[(&str, Scenario)] = &[
    (
        "fault_matrix_every_file_every_fault_full_page_and_embed",
        |w| Box::pin(matrix(w)),
    ),
    (
        "fault_a_failed_file_is_asked_again_and_try_again_works",
        |w| Box::pin(retries(w)),
    ),
];

/// Records every script error and console error, from the start.
const ERROR_RECORDER: &str = "window.__errors = []; \
    const logged = console.error; \
    console.error = (...a) => { window.__errors.push(a.map(String).join(' ')); logged.apply(console, a); }; \
    addEventListener('error', e => window.__errors.push('uncaught ' + e.message)); \
    addEventListener('unhandledrejection', e => window.__errors.push('unhandled ' + e.reason));";

#[derive(Clone, Copy, Debug, PartialEq)]
enum File {
    Dataset,
    Atlas,
    Wasm,
    Glue,
}

impl File {
    /// The file's path on the server.
    fn path(self, world: &World) -> Result<String> {
        Ok(match self {
            File::Dataset => "/concordat.json".into(),
            File::Atlas => "/atlas.json".into(),
            File::Wasm => format!("/{}", built_wasm(world)?),
            File::Glue => format!("/{}", built_wasm(world)?.replace("_bg.wasm", ".js")),
        })
    }

    fn is_data(self) -> bool {
        matches!(self, File::Dataset | File::Atlas)
    }
}

/// What the reader should see.
#[derive(Debug)]
enum Seen {
    /// An alert containing these words.
    Alert(&'static str),
    /// "Still loading…" while it waits, then the map.
    SlowThenMap,
    /// The map, in time.
    Map,
    /// A quiet status containing these words (the app slow to start).
    Status(&'static str),
}

/// What a data file's fault, and the app's, should show.
fn expected(file: File, fault: &Fault) -> Seen {
    match (file.is_data(), fault) {
        (_, Fault::Delay(_)) if file.is_data() => Seen::SlowThenMap,
        (_, Fault::Delay(_)) => Seen::Map,
        (true, Fault::Status(404)) => Seen::Alert("the server answered 404"),
        (true, Fault::Status(_)) => Seen::Alert("the server answered 500"),
        (true, Fault::Hang) => Seen::Alert("did not arrive within 30 s"),
        (true, Fault::Truncate | Fault::WrongType) => Seen::Alert("could not be read"),
        (true, _) => Seen::Alert("the request failed"),
        (false, Fault::Hang) => Seen::Status("taking long to start"),
        (false, _) => Seen::Alert("The interactive map could not start"),
    }
}

const FAULTS: [Fault; 7] = [
    Fault::Status(404),
    Fault::Status(500),
    Fault::Delay(Duration::from_secs(6)),
    Fault::Hang,
    Fault::Truncate,
    Fault::WrongType,
    Fault::Reset,
];

struct Case {
    file: File,
    fault: Fault,
    embedded: bool,
}

impl Case {
    fn name(&self) -> String {
        let page = if self.embedded { "embed" } else { "page" };
        format!("{:?} {:?} on the {page}", self.file, self.fault)
    }
}

async fn matrix(world: &World) -> Result {
    let mut cases = Vec::new();
    // The hanging ones first, side by side: each waits for a timeout.
    for hang in [true, false] {
        for file in [File::Dataset, File::Atlas, File::Wasm, File::Glue] {
            for fault in FAULTS.iter().filter(|f| (**f == Fault::Hang) == hang) {
                for embedded in [false, true] {
                    cases.push(Case {
                        file,
                        fault: fault.clone(),
                        embedded,
                    });
                }
            }
        }
    }
    let mut failures = Vec::new();
    let mut run = 0;
    // Four at a time: two cores, and most cases mostly wait.
    for batch in cases.chunks(4) {
        let results = futures::future::join_all(batch.iter().map(|c| one(world, c))).await;
        for (case, result) in batch.iter().zip(results) {
            run += 1;
            if let Err(e) = result {
                failures.push(format!("{}: {e}", case.name()));
            }
        }
    }
    ensure(run >= 30, || format!("only {run} cases"))?;
    ensure(failures.is_empty(), || {
        format!(
            "{} of {run} cases failed:\n    {}",
            failures.len(),
            failures.join("\n    ")
        )
    })
}

/// Opens the page with `case`'s fault and checks what the reader sees.
async fn one(world: &World, case: &Case) -> Result {
    let path = case.file.path(world)?;
    let fault = case.fault.clone();
    let map = world.serve(move |o| {
        o.faults.insert(path, fault);
    })?;
    let host = if case.embedded {
        // Another origin of the same site: the frame shares the page's
        // process, so that the error recorder runs in it too.
        Some(host_server_at(&map.url(), "127.0.0.1:0")?)
    } else {
        None
    };
    let client = world.session(DESKTOP).await?;
    let result = async {
        xtask::browser::on_every_document(&client, ERROR_RECORDER).await?;
        xtask::browser::on_every_document(&client, MESSAGE_RECORDER).await?;
        let url = host.as_ref().map_or(map.url(), |h| h.url());
        client.goto(&url).await.map_err(|e| e.to_string())?;
        if host.is_some() {
            enter_the_frame(&client).await?;
        }
        let seen = expected(case.file, &case.fault);
        check(&client, case, &seen).await?;
        let errors = script_errors(&client).await?;
        let unexpected: Vec<&String> = errors
            .iter()
            .filter(|e| {
                let expected_one = matches!(seen, Seen::Alert(_))
                    && !case.file.is_data()
                    && e.starts_with("The interactive map could not start");
                !expected_one
            })
            .collect();
        ensure(unexpected.is_empty(), || {
            format!("script errors: {unexpected:?}")
        })?;
        if host.is_some() {
            client
                .enter_parent_frame()
                .await
                .map_err(|e| e.to_string())?;
            sized(&client, "after the fault").await?;
        }
        let pictured = matches!(case.fault, Fault::Status(500)) && case.file != File::Glue
            || case.fault == Fault::Hang && case.file == File::Wasm;
        if pictured && !case.embedded {
            axe(&client, &case.name()).await?;
        }
        if pictured {
            let name = format!(
                "fault-{:?}-{:?}-{}-1280x900.png",
                case.file,
                case.fault,
                if case.embedded { "embed" } else { "page" }
            )
            .replace(['(', ')'], "")
            .to_lowercase();
            screenshot(&client, &name).await?;
        }
        Ok(())
    }
    .await;
    let _ = client.close().await;
    result
}

async fn enter_the_frame(client: &Client) -> Result {
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("iframe#concordat-map"))
        .await
        .map_err(|e| format!("no frame on the host's page: {e}"))?;
    client
        .enter_frame(0)
        .await
        .map_err(|e| format!("cannot enter the map's frame: {e}"))
}

/// Waits up to `seconds` for `css`, then returns its text.
async fn waited_text(client: &Client, css: &str, seconds: u64) -> Result<String> {
    let found = client
        .wait()
        .at_most(Duration::from_secs(seconds))
        .for_element(Locator::Css(css))
        .await
        .map_err(|e| format!("nothing matched {css} within {seconds} s: {e}"))?;
    found.text().await.map_err(|e| e.to_string())
}

async fn check(client: &Client, case: &Case, seen: &Seen) -> Result {
    match seen {
        Seen::Alert(words) => {
            let text = waited_text(client, "[role='alert']", 90).await?;
            ensure(text.contains(words), || {
                format!("the alert says {text:?}, not {words:?}")
            })?;
            // A way on: a retry for the data, a link for the app.
            let way = if case.file.is_data() {
                "[role='alert'] button"
            } else {
                "#app-fault a[href]"
            };
            expect_count(client, way, 1).await?;
            where_the_map_is(client, case).await
        }
        Seen::Status(words) => {
            let text = waited_text(client, "[role='status']#app-fault", 30).await?;
            ensure(text.contains(words), || {
                format!("the status says {text:?}, not {words:?}")
            })?;
            expect_count(client, "#app-fault a[href]", 1).await?;
            where_the_map_is(client, case).await
        }
        Seen::SlowThenMap => {
            eventually("'Still loading the map…'", || async {
                let text = text(client, "p.notice[role='status']")
                    .await
                    .unwrap_or_default();
                Ok(text.contains("Still loading the map").then_some(()))
            })
            .await?;
            if case.file == File::Dataset {
                let page = if case.embedded { "embed" } else { "page" };
                screenshot(client, &format!("fault-dataset-slow-{page}-1280x900.png")).await?;
            }
            waited_text(client, "svg#map[data-ready='true']", 30).await?;
            expect_count(client, "[role='alert']", 0).await
        }
        Seen::Map => {
            waited_text(client, "svg#map[data-ready='true']", 30).await?;
            expect_count(client, "[role='alert'], #app-fault", 0).await
        }
    }
}

/// On the full page the rendered map stays under the message, its areas
/// links; in an embed neither the full page's header nor its map shows.
async fn where_the_map_is(client: &Client, case: &Case) -> Result {
    if case.embedded {
        return expect_count(client, "#site-header, #prerendered", 0).await;
    }
    let links = count(client, "#prerendered svg.map a[href]").await?;
    ensure(links >= 152, || {
        format!("{links} area links on the rendered map")
    })?;
    let above = client
        .execute(
            "const note = document.querySelector('[role=alert], #app-fault');
             const map = document.querySelector('#prerendered svg.map');
             return !!note && !!map &&
                 !!(note.compareDocumentPosition(map) & Node.DOCUMENT_POSITION_FOLLOWING);",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    ensure(above == serde_json::Value::Bool(true), || {
        "the message is not above the rendered map".into()
    })
}

async fn script_errors(client: &Client) -> Result<Vec<String>> {
    recorded(client, "__errors").await
}

/// A file that fails once is fetched again without the reader noticing;
/// one that fails twice gets the alert, and "Try again" then shows the map.
async fn retries(world: &World) -> Result {
    // The alert also as a phone shows it, in the dark.
    for (times, size, dark) in [(1, DESKTOP, false), (2, DESKTOP, false), (2, PHONE, true)] {
        let alert_first = times > 1;
        let server = world.serve(|o| {
            o.faults
                .insert("/concordat.json".into(), Fault::FailFirst(times));
        })?;
        let client = world.session(size).await?;
        let result = async {
            xtask::browser::on_every_document(&client, ERROR_RECORDER).await?;
            if dark {
                xtask::browser::emulate_media(&client, &[("prefers-color-scheme", "dark")]).await?;
            }
            client
                .goto(&server.url())
                .await
                .map_err(|e| e.to_string())?;
            if alert_first {
                let text = waited_text(&client, "[role='alert']", 30).await?;
                ensure(text.contains("the server answered 503"), || {
                    format!("the alert says {text:?}")
                })?;
                let name = format!(
                    "fault-try-again-{}x{}{}.png",
                    size.0,
                    size.1,
                    if dark { "-dark" } else { "" }
                );
                screenshot(&client, &name).await?;
                click(&client, "[role='alert'] button").await?;
            }
            waited_text(&client, "svg#map[data-ready='true']", 30).await?;
            expect_count(&client, "[role='alert'], #prerendered", 0).await?;
            let errors = script_errors(&client).await?;
            ensure(errors.is_empty(), || format!("script errors: {errors:?}"))
        }
        .await;
        let _ = client.close().await;
        result.map_err(|e| format!("failing {times} time(s): {e}"))?;
    }
    Ok(())
}
