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
/// plans, each a day after the one before (a consistent history, so that
/// the cost measured is the checks', not the problems' reports).
pub fn synthetic_dataset(data: &str, count: usize) -> Result<String> {
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
/// `count` events; the median of three builds.
fn model_build(dist: &Path, count: usize) -> Result<Duration> {
    let read = |name: &str| {
        std::fs::read_to_string(dist.join(name))
            .map_err(|e| format!("cannot read {name} in {}: {e}", dist.display()))
    };
    let atlas = read("atlas.json")?;
    let data = synthetic_dataset(&read("concordat.json")?, count)?;
    let mut times = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let model = concordat_core::model::from_texts(&atlas, &data)
            .map_err(|p| format!("the synthetic dataset did not load: {p}"))?;
        times.push(start.elapsed());
        if !model.problems.is_empty() {
            return Err(format!(
                "the synthetic dataset has {} problems, e.g. {}",
                model.problems.len(),
                model.problems[0]
            ));
        }
    }
    times.sort();
    Ok(times[1])
}

pub fn report_model_build(dist: &Path) -> Result {
    println!("\nBuilding the model from a synthetic dataset (natively, median of 3):");
    for count in [5_000, 10_000, 20_000] {
        let took = model_build(dist, count)?;
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
    Ok(())
}
