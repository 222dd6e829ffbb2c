//! Builds `assets/concordat.json` from the reference facts and the 2014 area
//! list, so that every shipped fact traces back to a sourced record.
//!
//! This first dataset carries only the national statements about 31 December
//! 2014: every area had declared, and five named groups had an agreed plan.

use crate::cmd::{Result, root};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const LAST_UPDATED: &str = "2026-11-22";
const ROUSE_URL: &str = "https://jonrouse.blog.gov.uk/2014/12/31/concordat-map";

pub fn default_shared() -> PathBuf {
    root().join("..").join("shared")
}

pub fn output_path() -> PathBuf {
    root().join("assets").join("concordat.json")
}

#[derive(serde::Deserialize)]
struct Area {
    code: String,
    name: String,
    region_code: String,
    region_name: String,
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Rows of `areas-2014.csv` (code,name,kind,region_code,region_name).
fn areas(csv_text: &str) -> Result<Vec<Area>> {
    csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes())
        .deserialize()
        .enumerate()
        .map(|(i, row)| row.map_err(|e| format!("areas-2014.csv row {}: {e}", i + 2)))
        .collect()
}

/// Area codes for a name in the facts file: an area of that name, else the
/// areas of the group of that name.
fn resolve(name: &str, areas: &[Area], groups: &[Value]) -> Result<Vec<String>> {
    if let Some(area) = areas.iter().find(|a| a.name == name) {
        return Ok(vec![area.code.clone()]);
    }
    let group = groups
        .iter()
        .find(|g| g["group"].as_str() == Some(name))
        .ok_or_else(|| format!("{name:?} is neither a 2014 area nor a group in the facts"))?;
    let members = group["upper_tier_areas_by_geography"]
        .as_array()
        .or_else(|| group["areas"].as_array())
        .ok_or_else(|| format!("group {name:?} lists no areas"))?;
    members
        .iter()
        .map(|member| {
            let member = member.as_str().unwrap_or("");
            areas
                .iter()
                .find(|a| a.name == member)
                .map(|a| a.code.clone())
                .ok_or_else(|| format!("group {name:?}: {member:?} is not a 2014 area"))
        })
        .collect()
}

pub fn build(shared: &Path) -> Result<Value> {
    let areas = areas(&read(&shared.join("geodata-src").join("areas-2014.csv"))?)?;
    let facts: Value = serde_json::from_str(&read(
        &shared.join("reference").join("concordat-facts.json"),
    )?)
    .map_err(|e| format!("concordat-facts.json: {e}"))?;
    let national = &facts["national"];
    let groups = facts["groups"].as_array().cloned().unwrap_or_default();
    if national["declarations_all_areas_by"].as_str() != Some("2014-12-31") {
        return Err(
            "concordat-facts.json: national.declarations_all_areas_by is not 2014-12-31".into(),
        );
    }
    let green_names: Vec<&str> = national["green_by_2014_12_31"]
        .as_array()
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if green_names.is_empty() {
        return Err("concordat-facts.json: national.green_by_2014_12_31 is empty".into());
    }
    let mut green = Vec::new();
    for name in &green_names {
        green.extend(resolve(name, &areas, &groups)?);
    }
    let regions: BTreeMap<&str, &str> = areas
        .iter()
        .map(|a| (a.region_code.as_str(), a.region_name.as_str()))
        .collect();
    Ok(json!({
        "format_version": 1,
        "title": "Mental Health Crisis Care Concordat: local progress",
        "last_updated": LAST_UPDATED,
        "view_date": "2014-12-31",
        "statuses": [
            {"id": "none", "label": "No declaration yet", "colour": "#d5d5d5"},
            {"id": "declared", "label": "Declaration made", "colour": "#f2b134"},
            {"id": "plan", "label": "Action plan agreed", "colour": "#1b7a3e"}
        ],
        "regions": regions.iter().map(|(code, name)| json!({"code": code, "name": name})).collect::<Vec<_>>(),
        "areas": areas.iter().map(|a| json!({"code": a.code, "name": a.name, "region": a.region_code})).collect::<Vec<_>>(),
        "sources": [{
            "id": "rouse-2014-12-31",
            "title": "Jon Rouse (Department of Health), blog post on the Concordat map, 31 December 2014",
            "url": ROUSE_URL
        }],
        "events": [
            {
                "id": "all-areas-declared-by-2014-12-31",
                "status": "declared",
                "date": "2014-12-31",
                "bound": true,
                "areas": areas.iter().map(|a| a.code.clone()).collect::<Vec<_>>(),
                "sources": ["rouse-2014-12-31"],
                "note": "National statement: every upper-tier area had made a declaration by 31 December 2014."
            },
            {
                "id": "five-groups-plan-by-2014-12-31",
                "status": "plan",
                "date": "2014-12-31",
                "bound": true,
                "areas": green,
                "sources": ["rouse-2014-12-31"],
                "note": format!("Named as having an agreed action plan by 31 December 2014: {}.", green_names.join(", "))
            }
        ]
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_dataset_is_what_the_facts_build() {
        let shared = default_shared();
        if !shared.join("reference").is_dir() {
            panic!(
                "{} is missing: the facts are needed to check the dataset",
                shared.display()
            );
        }
        let built = build(&shared).unwrap();
        let shipped: Value =
            serde_json::from_str(&std::fs::read_to_string(output_path()).unwrap()).unwrap();
        assert_eq!(
            built, shipped,
            "run `cargo xtask dataset` and commit the result"
        );
    }

    #[test]
    fn names_resolve_to_areas_or_groups() {
        let areas =
            areas("code,name,kind,region_code,region_name\nE1,Bury,m,R,NW\nE2,Surrey,c,R2,SE\n")
                .unwrap();
        let groups = vec![json!({"group": "GM", "upper_tier_areas_by_geography": ["Bury"]})];
        assert_eq!(resolve("Surrey", &areas, &groups).unwrap(), ["E2"]);
        assert_eq!(resolve("GM", &areas, &groups).unwrap(), ["E1"]);
        assert!(
            resolve("Atlantis", &areas, &groups)
                .unwrap_err()
                .contains("neither")
        );
    }
}
