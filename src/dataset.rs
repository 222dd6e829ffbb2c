//! The Concordat dataset as shipped in `assets/concordat.json`: its wire
//! format, parsing and validation. See docs/data-format.md.
//!
//! Statuses are never stored per area: an area's status at a date is derived
//! from dated events (`status.rs`), so it cannot contradict them. Unknown
//! fields are ignored, so files with fields added later still load.

use crate::date::PartialDate;
use crate::problem::Problem;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The newest format version this app understands.
pub const FORMAT_VERSION: u32 = 1;
pub const FILE_NAME: &str = "concordat.json";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub format_version: u32,
    pub title: String,
    pub last_updated: PartialDate,
    /// The date the map shows unless the visitor asks for another.
    pub view_date: PartialDate,
    /// In order of progress: the first is the status of an area no event has reached.
    pub statuses: Vec<StatusDef>,
    pub regions: Vec<Region>,
    pub areas: Vec<Area>,
    pub sources: Vec<Source>,
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusDef {
    pub id: String,
    pub label: String,
    /// `#rrggbb`.
    pub colour: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Region {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Area {
    /// GSS code, e.g. E10000030.
    pub code: String,
    pub name: String,
    /// A region code from `regions`.
    pub region: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub url: String,
}

/// Something that brought areas to a status on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub status: String,
    pub date: PartialDate,
    /// True when `date` is only a bound ("by this date"), e.g. the national
    /// statement that every area had declared by 31 December 2014.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bound: bool,
    /// GSS codes.
    pub areas: Vec<String>,
    /// Source ids.
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Dataset {
    pub fn status_index(&self, id: &str) -> Option<usize> {
        self.statuses.iter().position(|s| s.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn region_name(&self, code: &str) -> Option<&str> {
        self.regions
            .iter()
            .find(|r| r.code == code)
            .map(|r| r.name.as_str())
    }
}

/// Parses the dataset; a file that is not valid JSON of this shape is one
/// problem naming the line and column.
pub fn parse(text: &str) -> Result<Dataset, Problem> {
    serde_json::from_str(text).map_err(|e| Problem::new(FILE_NAME, e.to_string()))
}

fn is_http_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > "https://".len()
        && !url.chars().any(char::is_whitespace)
}

fn is_hex_colour(colour: &str) -> bool {
    colour.len() == 7
        && colour.starts_with('#')
        && colour[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Collects `place` for every value seen more than once.
fn duplicates<'a>(
    values: impl Iterator<Item = &'a str>,
    what: &str,
    place: impl Fn(usize) -> String,
    problems: &mut Vec<Problem>,
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for (i, value) in values.enumerate() {
        if !seen.insert(value) {
            problems.push(Problem::new(place(i), format!("duplicate {what} {value}")));
        }
    }
    seen
}

fn check_name(name: &str, place: String, problems: &mut Vec<Problem>) {
    if name.trim().is_empty() {
        problems.push(Problem::new(place, "empty name"));
    }
}

/// Every internal inconsistency in the dataset, each with its place.
pub fn validate(data: &Dataset) -> Vec<Problem> {
    let mut problems = Vec::new();
    let at = |path: String| format!("{FILE_NAME}: {path}");

    if data.format_version > FORMAT_VERSION {
        problems.push(Problem::new(
            at("format_version".into()),
            format!(
                "version {} is newer than this app understands ({FORMAT_VERSION}); \
                 newer fields are ignored",
                data.format_version
            ),
        ));
    }
    if data.statuses.is_empty() {
        problems.push(Problem::new(at("statuses".into()), "no statuses defined"));
    }
    let status_ids = duplicates(
        data.statuses.iter().map(|s| s.id.as_str()),
        "status id",
        |i| at(format!("statuses[{i}].id")),
        &mut problems,
    );
    for (i, status) in data.statuses.iter().enumerate() {
        check_name(
            &status.label,
            at(format!("statuses[{i}].label")),
            &mut problems,
        );
        if !is_hex_colour(&status.colour) {
            problems.push(Problem::new(
                at(format!("statuses[{i}].colour")),
                format!("\"{}\" is not a colour of the form #rrggbb", status.colour),
            ));
        }
    }

    let region_codes = duplicates(
        data.regions.iter().map(|r| r.code.as_str()),
        "region code",
        |i| at(format!("regions[{i}].code")),
        &mut problems,
    );
    for (i, region) in data.regions.iter().enumerate() {
        check_name(
            &region.name,
            at(format!("regions[{i}].name")),
            &mut problems,
        );
    }

    let area_codes = duplicates(
        data.areas.iter().map(|a| a.code.as_str()),
        "area code",
        |i| at(format!("areas[{i}].code")),
        &mut problems,
    );
    for (i, area) in data.areas.iter().enumerate() {
        check_name(&area.name, at(format!("areas[{i}].name")), &mut problems);
        if !region_codes.contains(area.region.as_str()) {
            problems.push(Problem::new(
                at(format!("areas[{i}].region")),
                format!("unknown region code {}", area.region),
            ));
        }
    }

    let source_ids = duplicates(
        data.sources.iter().map(|s| s.id.as_str()),
        "source id",
        |i| at(format!("sources[{i}].id")),
        &mut problems,
    );
    for (i, source) in data.sources.iter().enumerate() {
        check_name(
            &source.title,
            at(format!("sources[{i}].title")),
            &mut problems,
        );
        if !is_http_url(&source.url) {
            problems.push(Problem::new(
                at(format!("sources[{i}].url")),
                format!("\"{}\" is not an http(s) link", source.url),
            ));
        }
    }

    duplicates(
        data.events.iter().map(|e| e.id.as_str()),
        "event id",
        |i| at(format!("events[{i}].id")),
        &mut problems,
    );
    for (i, event) in data.events.iter().enumerate() {
        if !status_ids.contains(event.status.as_str()) {
            problems.push(Problem::new(
                at(format!("events[{i}].status")),
                format!("unknown status {}", event.status),
            ));
        }
        if event.areas.is_empty() {
            problems.push(Problem::new(at(format!("events[{i}].areas")), "no areas"));
        }
        for (j, code) in event.areas.iter().enumerate() {
            if !area_codes.contains(code.as_str()) {
                problems.push(Problem::new(
                    at(format!("events[{i}].areas[{j}]")),
                    format!("unknown area code {code}"),
                ));
            }
        }
        if event.sources.is_empty() {
            problems.push(Problem::new(
                at(format!("events[{i}].sources")),
                "no source: every fact needs one",
            ));
        }
        for (j, id) in event.sources.iter().enumerate() {
            if !source_ids.contains(id.as_str()) {
                problems.push(Problem::new(
                    at(format!("events[{i}].sources[{j}]")),
                    format!("unknown source id {id}"),
                ));
            }
        }
    }
    problems
}

/// Area code -> index in `areas`, for joins.
pub fn area_index(data: &Dataset) -> HashMap<&str, usize> {
    data.areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.as_str(), i))
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small valid dataset: three areas, two regions, two events.
    pub fn sample() -> Dataset {
        parse(SAMPLE).unwrap()
    }

    pub const SAMPLE: &str = include_str!("../tests/fixtures/concordat.json");

    fn messages(data: &Dataset) -> Vec<String> {
        validate(data).iter().map(ToString::to_string).collect()
    }

    /// Breaks a valid dataset with `edit` and expects exactly `expected`.
    fn check(edit: impl FnOnce(&mut Dataset), expected: &[&str]) {
        let mut data = sample();
        edit(&mut data);
        assert_eq!(messages(&data), expected);
    }

    #[test]
    fn the_sample_is_valid_and_ignores_unknown_fields() {
        assert_eq!(messages(&sample()), Vec::<String>::new());
    }

    #[test]
    fn malformed_json_names_line_and_column() {
        let err = parse("{\"format_version\": 1,\n \"title\": }").unwrap_err();
        assert!(err.to_string().starts_with("concordat.json: "), "{err}");
        assert!(err.to_string().contains("line 2"), "{err}");
        let err = parse(&SAMPLE.replace("\"2014-12-31\"", "\"2014-31-12\"")).unwrap_err();
        assert!(err.to_string().contains("no month 31"), "{err}");
    }

    #[test]
    fn each_rule_reports_its_place() {
        check(
            |d| d.events[0].areas.push("E10000099".into()),
            &["concordat.json: events[0].areas[2]: unknown area code E10000099"],
        );
        check(
            |d| d.areas[2].code = "E10000030".into(),
            &["concordat.json: areas[2].code: duplicate area code E10000030"],
        );
        check(
            |d| d.areas[1].region = "E12000099".into(),
            &["concordat.json: areas[1].region: unknown region code E12000099"],
        );
        check(
            |d| d.areas[0].name = " ".into(),
            &["concordat.json: areas[0].name: empty name"],
        );
        check(
            |d| d.events[1].status = "planned".into(),
            &["concordat.json: events[1].status: unknown status planned"],
        );
        check(
            |d| d.sources[0].url = "javascript:alert(1)".into(),
            &["concordat.json: sources[0].url: \"javascript:alert(1)\" is not an http(s) link"],
        );
        check(
            |d| d.events[1].sources = vec!["nowhere".into()],
            &["concordat.json: events[1].sources[0]: unknown source id nowhere"],
        );
        check(
            |d| d.events[1].sources.clear(),
            &["concordat.json: events[1].sources: no source: every fact needs one"],
        );
        check(
            |d| d.events[1].id = "declared".into(),
            &["concordat.json: events[1].id: duplicate event id declared"],
        );
        check(
            |d| d.statuses[2].colour = "green;x".into(),
            &[
                "concordat.json: statuses[2].colour: \"green;x\" is not a colour of the form #rrggbb",
            ],
        );
        check(
            |d| d.format_version = 2,
            &[
                "concordat.json: format_version: version 2 is newer than this app understands (1); newer fields are ignored",
            ],
        );
    }

    #[test]
    fn validation_collects_every_problem() {
        let mut data = sample();
        data.events[0].areas.push("E1".into());
        data.events[1].areas.push("E2".into());
        data.regions.clear();
        assert_eq!(validate(&data).len(), 5, "{:?}", messages(&data));
    }
}
