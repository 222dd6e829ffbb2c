//! The dataset as a Frictionless Data Package (<https://specs.frictionlessdata.io/>):
//! its tables as CSV, the same files the spreadsheet workflow writes
//! (`tables::export`), beside `datapackage.json`, which describes each
//! table's fields, types, keys and the licences, so that standard open-data
//! tools open and check it. The build puts it in the site under `data/`;
//! `check` holds the files to their description.

use crate::cmd::Result;
use crate::tables::{Cell, TABLES};
use concordat_core::dataset::Dataset;
use concordat_core::date::PartialDate;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The package's folder in the site, and its descriptor's name.
pub const DIR: &str = "data";
pub const DESCRIPTOR: &str = "datapackage.json";

/// A foreign key: a field, the table it names a row of, and that table's field.
type Reference = (&'static str, &'static str, &'static str);

/// Each table's primary key, and its foreign keys: (field, table, its field).
/// List columns (areas, sources) hold several ids in a cell, which a
/// package's keys cannot say; `check-data` checks those.
const KEYS: &[(&str, &[&str], &[Reference])] = &[
    ("statuses", &["id"], &[]),
    ("focus_areas", &["id"], &[]),
    ("themes", &["id"], &[("focus_area", "focus_areas", "id")]),
    ("signatory_kinds", &["id"], &[]),
    ("regions", &["code"], &[]),
    ("areas", &["code"], &[("region", "regions", "code")]),
    ("groups", &["id"], &[("parent", "groups", "id")]),
    ("sources", &["id"], &[]),
    (
        "events",
        &["id"],
        &[("status", "statuses", "id"), ("group", "groups", "id")],
    ),
    (
        "signatories",
        &[],
        &[("group", "groups", "id"), ("kind", "signatory_kinds", "id")],
    ),
    (
        "group_themes",
        &["group", "theme"],
        &[("group", "groups", "id"), ("theme", "themes", "id")],
    ),
    ("milestones", &[], &[("group", "groups", "id")]),
];

const PARTIAL_DATE: &str = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";

/// A field of the descriptor for a column of `kind`.
fn field(name: &str, kind: Cell) -> Value {
    let text =
        |description: &str| json!({ "name": name, "type": "string", "description": description });
    match kind {
        Cell::Text => {
            json!({ "name": name, "type": "string", "constraints": { "required": true } })
        }
        Cell::OptionalText => json!({ "name": name, "type": "string" }),
        Cell::OneOf(names) => {
            json!({ "name": name, "type": "string", "constraints": { "enum": names } })
        }
        Cell::List => text("a list: ids or codes separated by \"; \""),
        Cell::YesNo => json!({
            "name": name, "type": "boolean", "trueValues": ["yes"], "falseValues": ["no"],
            "description": "yes, or empty for no",
        }),
        Cell::Date | Cell::OptionalDate => json!({
            "name": name, "type": "string",
            "description": "a date as precise as its source: a year, year-month or year-month-day",
            "constraints": { "pattern": PARTIAL_DATE, "required": kind == Cell::Date },
        }),
        Cell::Locators => text(
            "where in each cited source the fact is stated: `s029: item 98 | s028: \"late November\"`",
        ),
        Cell::Stated => text(
            "the date as a source states it: a source id and the date, `s029 2014-11-26`, then `by` where the source's date is one by which the fact had happened, and `inferred` where its year is read from the source's context",
        ),
    }
}

/// Columns whose meaning their type alone does not give.
fn described(table: &str, name: &str, kind: Cell) -> Value {
    let mut field = field(name, kind);
    match (table, name) {
        ("signatories", "signed") => {
            field["description"] = json!(
                "what the body signed, as its source says: declaration, plan, both, or unstated (the source says it signed up, not to which document)"
            );
            field["constraints"]["required"] = json!(true);
        }
        ("group_themes", "areas") => {
            field["description"] = json!(
                "area codes separated by \"; \": the plan's stated scope where it covers only some of the group's areas; empty for all of them"
            );
        }
        _ => {}
    }
    field
}

/// The package's descriptor for `data`.
pub fn descriptor(data: &Dataset) -> Value {
    let mut resources = vec![json!({
        "name": "dataset",
        "path": "dataset.csv",
        "profile": "tabular-data-resource",
        "description": "The dataset's settings, one per row: its format version, title, version (year.month.release), release date (last_updated) and the day it shows first.",
        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "schema": {
            "fields": [field("field", Cell::Text), field("value", Cell::Text)],
            "primaryKey": ["field"],
            "missingValues": [""],
        },
    })];
    for (table, columns) in TABLES {
        let fields: Vec<Value> = columns
            .iter()
            .map(|(name, kind)| described(table, name, *kind))
            .collect();
        let mut schema = json!({ "fields": fields, "missingValues": [""] });
        if let Some((_, primary, foreign)) = KEYS.iter().find(|(t, _, _)| t == table) {
            if !primary.is_empty() {
                schema["primaryKey"] = json!(primary);
            }
            let foreign: Vec<Value> = foreign
                .iter()
                .map(|(field, other, key)| {
                    // A key into its own table names no resource.
                    let resource = if other == table { "" } else { other };
                    json!({ "fields": field, "reference": { "resource": resource, "fields": key } })
                })
                .collect();
            if !foreign.is_empty() {
                schema["foreignKeys"] = json!(foreign);
            }
        }
        resources.push(json!({
            "name": table,
            "path": format!("{table}.csv"),
            "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": schema,
        }));
    }
    json!({
        "profile": "tabular-data-package",
        "name": "concordat-local-progress",
        "title": data.title,
        "description": "How far each upper-tier area of England got with its Mental Health Crisis Care Concordat declaration and action plan, from 2014 on: local groups, dated events, signatories, plan themes and milestones, each fact with its public sources. Its format is described in docs/data-format.md of the map's repository.",
        "version": data.version.clone().unwrap_or_default(),
        "created": data.last_updated.to_string(),
        "licenses": [{
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }],
        "sources": [{
            "title": "The public documents each fact cites (sources.csv): press releases, council and NHS papers, local action plans",
        }],
        "x-licence-note": "The data is CC BY 4.0. The locators quote a few words of a cited source to show where a fact is stated; those words remain under their source's terms. The map's area boundaries are not in this package: they contain OS data © Crown copyright and database right 2016, source Office for National Statistics, Open Government Licence v3.0.",
        "resources": resources,
    })
}

/// Writes the tables of `data` and their descriptor into `dir`.
pub fn write(data: &Dataset, dir: &Path) -> Result {
    crate::tables::export(data, dir)?;
    let text = serde_json::to_string_pretty(&descriptor(data))
        .map_err(|e| format!("cannot write {DESCRIPTOR}: {e}"))?;
    crate::pages::write(&dir.join(DESCRIPTOR), text.as_bytes())
}

/// Every way the package in `dir` differs from its descriptor: a table's
/// columns not those declared, in order; a primary key empty or repeated; a
/// foreign key naming no row; a yes/no or date cell not of its type.
pub fn check(dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let descriptor: Value = match std::fs::read_to_string(dir.join(DESCRIPTOR))
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
    {
        Ok(d) => d,
        Err(e) => return vec![format!("{DESCRIPTOR}: cannot read it ({e})")],
    };
    let resources = descriptor["resources"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    // Each table's rows, by column name.
    let mut tables: HashMap<String, Vec<HashMap<String, String>>> = HashMap::new();
    for resource in &resources {
        let (Some(name), Some(path)) = (resource["name"].as_str(), resource["path"].as_str())
        else {
            problems.push(format!("{DESCRIPTOR}: a resource without its name or path"));
            continue;
        };
        let declared: Vec<&str> = resource["schema"]["fields"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["name"].as_str())
            .collect();
        let mut reader = match csv::Reader::from_path(dir.join(path)) {
            Ok(reader) => reader,
            Err(e) => {
                problems.push(format!("{path}: cannot read it ({e})"));
                continue;
            }
        };
        let header: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(String::from).collect(),
            Err(e) => {
                problems.push(format!("{path}: cannot read its header ({e})"));
                continue;
            }
        };
        if header != declared {
            problems.push(format!("{path}: columns {header:?}, declared {declared:?}"));
            continue;
        }
        let mut rows: Vec<HashMap<String, String>> = Vec::new();
        for (i, record) in reader.records().enumerate() {
            match record {
                Ok(record) => rows.push(
                    header
                        .iter()
                        .cloned()
                        .zip(record.iter().map(String::from))
                        .collect(),
                ),
                Err(e) => problems.push(format!("{path} row {}: {e}", i + 2)),
            }
        }
        for field in resource["schema"]["fields"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let column = field["name"].as_str().unwrap_or("");
            let pattern = field["constraints"]["pattern"].as_str();
            let allowed = field["constraints"]["enum"].as_array();
            for (i, row) in rows.iter().enumerate() {
                let value = row.get(column).map_or("", String::as_str);
                let place = || format!("{path} row {}, column {column}", i + 2);
                if value.is_empty() {
                    if field["constraints"]["required"] == json!(true) {
                        problems.push(format!("{}: empty, but required", place()));
                    }
                } else if field["type"] == "boolean" && !["yes", "no"].contains(&value) {
                    problems.push(format!("{}: {value:?} is not yes or no", place()));
                } else if pattern.is_some() && value.parse::<PartialDate>().is_err() {
                    problems.push(format!("{}: {value:?} is not a date", place()));
                } else if allowed.is_some_and(|a| !a.iter().any(|v| v == value)) {
                    problems.push(format!(
                        "{}: {value:?} is not one of {}",
                        place(),
                        field["constraints"]["enum"]
                    ));
                }
            }
        }
        tables.insert(name.to_string(), rows);
    }
    for resource in &resources {
        let name = resource["name"].as_str().unwrap_or("");
        let path = resource["path"].as_str().unwrap_or("");
        let rows = tables.get(name).map_or(&[][..], Vec::as_slice);
        let primary: Vec<&str> = resource["schema"]["primaryKey"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        if !primary.is_empty() {
            let mut seen = HashSet::new();
            for (i, row) in rows.iter().enumerate() {
                let key: Vec<&str> = primary
                    .iter()
                    .map(|c| row.get(*c).map_or("", String::as_str))
                    .collect();
                if key.iter().any(|k| k.is_empty()) || !seen.insert(key.clone()) {
                    problems.push(format!(
                        "{path} row {}: primary key {key:?} empty or repeated",
                        i + 2
                    ));
                }
            }
        }
        for foreign in resource["schema"]["foreignKeys"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let field = foreign["fields"].as_str().unwrap_or("");
            let other = match foreign["reference"]["resource"].as_str() {
                Some("") | None => name,
                Some(other) => other,
            };
            let key = foreign["reference"]["fields"].as_str().unwrap_or("");
            let known: HashSet<&str> = tables
                .get(other)
                .into_iter()
                .flatten()
                .filter_map(|row| row.get(key).map(String::as_str))
                .collect();
            for (i, row) in rows.iter().enumerate() {
                let value = row.get(field).map_or("", String::as_str);
                if !value.is_empty() && !known.contains(value) {
                    problems.push(format!(
                        "{path} row {}, column {field}: {value:?} is no {key} of {other}",
                        i + 2
                    ));
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::tests::replace_in;

    fn shipped() -> Dataset {
        let text = std::fs::read_to_string(crate::dataset::output_path()).unwrap();
        concordat_core::dataset::parse(&text).unwrap().0
    }

    fn written(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-package-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        write(&shipped(), &dir).unwrap();
        dir
    }

    #[test]
    fn the_shipped_package_holds_to_its_descriptor() {
        let dir = written("shipped");
        assert_eq!(check(&dir), Vec::<String>::new());
        let descriptor = descriptor(&shipped());
        // Every table of the dataset is in it, the settings too.
        assert_eq!(
            descriptor["resources"].as_array().unwrap().len(),
            TABLES.len() + 1
        );
        assert_eq!(descriptor["licenses"][0]["name"], "CC-BY-4.0");
    }

    #[test]
    fn the_page_links_the_package_where_the_build_puts_it() {
        assert_eq!(
            format!("{DIR}/{DESCRIPTOR}"),
            concordat_core::pages::DATA_PACKAGE
        );
    }

    #[test]
    fn a_package_that_breaks_its_descriptor_is_caught() {
        let dir = written("broken");
        // A column not declared, a key named twice, a reference to nothing, a bad flag.
        replace_in(&dir, "regions.csv", "code,name", "code,name,extra");
        let areas = std::fs::read_to_string(dir.join("areas.csv")).unwrap();
        let second = areas.lines().nth(1).unwrap().to_string();
        std::fs::write(dir.join("areas.csv"), format!("{areas}{second}\n")).unwrap();
        replace_in(&dir, "signatories.csv", ",police,", ",polic,");
        replace_in(&dir, "signatory_kinds.csv", ",yes", ",yess");
        replace_in(&dir, "signatories.csv", ",plan,", ",planned,");
        let problems = check(&dir);
        let found = |words: &str| problems.iter().any(|p| p.contains(words));
        assert!(found("regions.csv: columns"), "{problems:#?}");
        assert!(
            found("areas.csv row ") && found("empty or repeated"),
            "{problems:#?}"
        );
        assert!(
            found("\"polic\" is no id of signatory_kinds"),
            "{problems:#?}"
        );
        assert!(found("\"yess\" is not yes or no"), "{problems:#?}");
        assert!(
            found("column signed: \"planned\" is not one of"),
            "{problems:#?}"
        );
    }
}
