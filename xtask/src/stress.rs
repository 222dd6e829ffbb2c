//! The bench's reliability numbers: the model built from a synthetic
//! dataset of many events (so that validation stays linear as a dataset
//! grows), and our server under load: many requests at once for the page
//! and for the wasm, and many half-open connections it must close.
//! Reported, never asserted.

use crate::cmd::Result;
use crate::server;
use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, Instant};

/// The most a model may take to build from 20,000 events, natively.
pub const MODEL_TARGET: Duration = Duration::from_millis(500);

/// `data` (a dataset's text) with its events replaced by `count` made-up
/// ones, spread over its areas: in each area declarations first, then
/// plans, each a day after the one before (a consistent history); with
/// `misdated`, each area's first declaration dated after all its plans, so
/// that every plan is a problem.
pub fn synthetic_dataset(data: &str, count: usize, misdated: bool) -> Result<String> {
    let mut dataset: Value =
        serde_json::from_str(data).map_err(|e| format!("the dataset is not JSON: {e}"))?;
    let codes: Vec<String> = dataset["areas"]
        .as_array()
        .map(|areas| {
            areas
                .iter()
                .filter_map(|a| a["code"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let source = dataset["sources"][0]["id"].clone();
    if codes.is_empty() || source.is_null() {
        return Err("the dataset has no areas or no sources to make events for".into());
    }
    let rounds = count.div_ceil(codes.len());
    let events: Vec<Value> = (0..count)
        .map(|i| {
            let round = i / codes.len();
            let status = if round < rounds / 2 {
                "declared"
            } else {
                "plan"
            };
            let round = if misdated && round == 0 {
                rounds
            } else {
                round
            };
            // A day per round from 1 January 2014 (28-day months: any date is valid).
            let (year, month, day) = (2014 + round / 336, 1 + round / 28 % 12, 1 + round % 28);
            json!({
                "id": format!("synthetic-{i}"),
                "status": status,
                "areas": [codes[i % codes.len()]],
                "date": format!("{year}-{month:02}-{day:02}"),
                "sources": [source],
            })
        })
        .collect();
    dataset["events"] = Value::Array(events);
    Ok(dataset.to_string())
}

/// Builds the model from the site's atlas and a synthetic dataset of
/// `count` events; the median of three builds, and the problems found.
fn model_build(dist: &Path, count: usize, misdated: bool) -> Result<(Duration, usize)> {
    let read = |name: &str| {
        std::fs::read_to_string(dist.join(name))
            .map_err(|e| format!("cannot read {name} in {}: {e}", dist.display()))
    };
    let atlas = read("atlas.json")?;
    let data = synthetic_dataset(&read("concordat.json")?, count, misdated)?;
    let mut times = Vec::new();
    let mut problems = 0;
    for _ in 0..3 {
        let start = Instant::now();
        let model = concordat_core::model::from_texts(&atlas, &data)
            .map_err(|p| format!("the synthetic dataset did not load: {p}"))?;
        times.push(start.elapsed());
        problems = model.problems.len();
        if problems > 0 && !misdated {
            return Err(format!(
                "the synthetic dataset has {} problems, e.g. {}",
                model.problems.len(),
                model.problems[0]
            ));
        }
    }
    times.sort();
    Ok((times[1], problems))
}

pub fn report_model_build(dist: &Path) -> Result {
    println!("\nBuilding the model from a synthetic dataset (natively, median of 3):");
    for count in [5_000, 10_000, 20_000] {
        let (took, _) = model_build(dist, count, false)?;
        let verdict = if count == 20_000 {
            let met = if took <= MODEL_TARGET {
                "met"
            } else {
                "MISSED"
            };
            format!("   target ≤ {} ms: {met}", MODEL_TARGET.as_millis())
        } else {
            String::new()
        };
        println!(
            "  {count:>6} events: {:>7.1} ms{verdict}",
            took.as_secs_f64() * 1000.0
        );
    }
    // The order check's worst: each problem costs a look through its area.
    let (took, problems) = model_build(dist, 20_000, true)?;
    println!(
        "  {:>6} events, each area's first declaration dated after its plans ({problems} problems): {:.1} ms",
        20_000,
        took.as_secs_f64() * 1000.0
    );
    Ok(())
}

/// How many requests the load runs at once, and how many half-open
/// connections it leaves for the server to close.
const CONCURRENT: usize = 1_000;
const HALF_OPEN: usize = 5_000;

/// One request's outcome: whether it was answered 200 in full, and how long it took.
async fn fetch(addr: std::net::SocketAddr, path: &str) -> (bool, Duration) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let start = Instant::now();
    let answered = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await.ok()?;
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br, gzip\r\nConnection: close\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).await.ok()?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.ok()?;
        let text = String::from_utf8_lossy(answer.get(..answer.len().min(1024))?);
        let head_end = answer.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
        let length: usize = text
            .lines()
            .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length: ").map(str::to_string))?
            .trim()
            .parse()
            .ok()?;
        Some(text.starts_with("HTTP/1.1 200") && answer.len() - head_end == length)
    }
    .await
    .unwrap_or(false);
    (answered, start.elapsed())
}

/// `CONCURRENT` requests for `path` at once: success rate, p50 and p99.
async fn burst(addr: std::net::SocketAddr, path: &str) -> (f64, Duration, Duration) {
    let tasks: Vec<_> = (0..CONCURRENT)
        .map(|_| {
            let path = path.to_string();
            tokio::spawn(async move { fetch(addr, &path).await })
        })
        .collect();
    let mut times = Vec::new();
    let mut ok = 0;
    for task in tasks {
        if let Ok((answered, took)) = task.await {
            ok += usize::from(answered);
            times.push(took);
        }
    }
    times.sort();
    let at = |q: f64| {
        times
            .get(((times.len() as f64 * q) as usize).min(times.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    (ok as f64 / CONCURRENT as f64, at(0.5), at(0.99))
}

/// Opens `HALF_OPEN` connections that send half a request and stop; then a
/// normal request. How long the normal one took (and whether it was
/// answered), and how long until the server had closed every half-open one.
async fn half_open(
    addr: std::net::SocketAddr,
) -> Result<((bool, Duration), Duration, usize, usize)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let start = Instant::now();
    let mut waiting = Vec::new();
    for _ in 0..HALF_OPEN {
        // Out of file handles (this process holds both ends): fewer, said so.
        let Ok(mut stream) = tokio::net::TcpStream::connect(addr).await else {
            break;
        };
        let _ = stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").await;
        // Done when the server closes it (end of stream or reset).
        waiting.push(tokio::spawn(async move {
            let mut buffer = [0; 256];
            loop {
                match tokio::time::timeout(Duration::from_secs(60), stream.read(&mut buffer)).await
                {
                    Ok(Ok(0)) | Ok(Err(_)) => return Some(start.elapsed()),
                    Ok(Ok(_)) => {}
                    Err(_) => return None,
                }
            }
        }));
    }
    let opened = waiting.len();
    let normal = fetch(addr, "/").await;
    let mut latest = Duration::ZERO;
    let mut still_open = 0;
    for task in waiting {
        match task.await {
            Ok(Some(closed)) => latest = latest.max(closed),
            _ => still_open += 1,
        }
    }
    Ok((normal, latest, still_open, opened))
}

pub fn report_server_load(dist: &Path) -> Result {
    let wasm = crate::site::wasm_name(dist)?;
    let runtime = tokio::runtime::Runtime::new().map_err(|e| format!("no async runtime: {e}"))?;
    let app = server::Server::start(server::Options::new(dist), "127.0.0.1:0")?;
    let addr = app.addr();
    println!("\nOur server (cargo xtask serve) under load, on this machine:");
    println!("  {CONCURRENT} requests at once    answered     p50 (ms)   p99 (ms)");
    for (what, path) in [
        ("the page", "/".to_string()),
        ("the wasm", format!("/{wasm}")),
    ] {
        let (rate, p50, p99) = runtime.block_on(burst(addr, &path));
        println!(
            "  {what:<24} {:>8.1}%   {:>9.1}   {:>8.1}",
            rate * 100.0,
            p50.as_secs_f64() * 1000.0,
            p99.as_secs_f64() * 1000.0
        );
    }
    let ((answered, took), closed, still_open, opened) = runtime.block_on(half_open(addr))?;
    println!(
        "  {opened} of {HALF_OPEN} half-open connections opened (the rest past this process's file handles); all but {still_open} closed by {:.1} s (header timeout {} s); \
         a normal request meanwhile: {} in {:.0} ms",
        closed.as_secs_f64(),
        server::HEADER_TIMEOUT.as_secs(),
        if answered { "answered" } else { "NOT answered" },
        took.as_secs_f64() * 1000.0
    );
    Ok(())
}
