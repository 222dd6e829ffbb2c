//! Builds `assets/concordat.json` from the reference facts
//! (`data/reference/concordat-facts.json`), the 2014 area list and our
//! classification of themes under the Concordat's focus areas
//! (`xtask/data/themes.csv`), so that every shipped fact traces back to a
//! sourced record. Uses the core's own types: what it writes, the app reads.

use crate::cmd::{Result, root};
use concordat_core::dataset::{
    Area, Dataset, Event, FocusArea, Group, GroupTheme, Milestone, Region, Signatory,
    SignatoryKind, Source, StatusDef, Theme,
};
use concordat_core::date::PartialDate;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const LAST_UPDATED: &str = "2026-11-22";
const ROUSE_URL: &str = "https://jonrouse.blog.gov.uk/2014/12/31/concordat-map";

/// Names in the facts that differ from the ONS 2014 names.
const ALIASES: &[(&str, &str)] = &[
    ("Kingston upon Hull", "Kingston upon Hull, City of"),
    ("Bristol", "Bristol, City of"),
    ("Herefordshire", "Herefordshire, County of"),
    ("St Helens", "St. Helens"),
];

const FOCUS_AREAS: &[(&str, &str)] = &[
    ("before_crisis", "Access to support before crisis point"),
    (
        "urgent_access",
        "Urgent and emergency access to crisis care",
    ),
    (
        "quality_of_care",
        "Quality of treatment and care when in crisis",
    ),
    ("recovery", "Recovery and staying well"),
];

/// Kinds seen in the facts, in display order; `true` marks the core agencies
/// a plan was expected to include.
const KINDS: &[(&str, &str, bool)] = &[
    ("local_authority", "Local authority", true),
    ("ccg", "Clinical commissioning group", true),
    ("nhs_england", "NHS England", false),
    ("mental_health_trust", "Mental health trust", true),
    ("acute_trust", "Acute hospital trust", false),
    ("community_health_trust", "Community health trust", false),
    ("ambulance_trust", "Ambulance trust", true),
    ("police", "Police force", true),
    ("pcc", "Police and crime commissioner", false),
    ("transport_police", "British Transport Police", false),
    ("fire_rescue", "Fire and rescue service", false),
    ("probation_crc", "Probation", false),
    ("healthwatch", "Healthwatch", false),
    ("voluntary_sector", "Voluntary sector", false),
    ("other", "Other", false),
];

/// The sourced facts the dataset is built from (see data/reference/PROVENANCE.md).
pub fn facts_path() -> PathBuf {
    root()
        .join("data")
        .join("reference")
        .join("concordat-facts.json")
}

pub fn output_path() -> PathBuf {
    root().join("assets").join("concordat.json")
}

fn themes_path() -> PathBuf {
    root().join("xtask").join("data").join("themes.csv")
}

#[derive(serde::Deserialize)]
struct AreaRow {
    code: String,
    name: String,
    region_code: String,
    region_name: String,
}

#[derive(serde::Deserialize)]
struct ThemeRow {
    id: String,
    label: String,
    focus_area: String,
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn csv_rows<T: serde::de::DeserializeOwned>(text: &str, file: &str) -> Result<Vec<T>> {
    csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .deserialize()
        .enumerate()
        .map(|(i, row)| row.map_err(|e| format!("{file} row {}: {e}", i + 2)))
        .collect()
}

/// A stable id from a name: "Leicester, Leicestershire and Rutland" ->
/// "leicester-leicestershire-and-rutland".
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A date at the start of a free-text date ("2015-11 (v18)" -> 2015-11).
fn leading_date(text: &str) -> Option<PartialDate> {
    let head: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    head.trim_end_matches('-').parse().ok()
}

fn strs(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

struct Builder {
    areas: Vec<AreaRow>,
    sources: BTreeMap<String, String>,
}

impl Builder {
    fn code(&self, name: &str) -> Option<String> {
        let name = ALIASES
            .iter()
            .find(|(from, _)| *from == name)
            .map_or(name, |(_, to)| to);
        self.areas
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.code.clone())
    }

    /// Source id for a URL, registering it on first use.
    fn source(&mut self, url: &str) -> String {
        let next = format!("s{:03}", self.sources.len() + 1);
        self.sources.entry(url.to_string()).or_insert(next).clone()
    }

    fn sources(&mut self, urls: &[String]) -> Vec<String> {
        urls.iter().map(|u| self.source(u)).collect()
    }
}

/// What a source is, in words, without inventing a title: its site and path.
fn source_title(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    rest.trim_end_matches('/').to_string()
}

pub fn build() -> Result<Dataset> {
    let areas: Vec<AreaRow> = csv_rows(&read(&crate::geodata::areas_csv())?, "areas-2014.csv")?;
    let themes: Vec<ThemeRow> = csv_rows(&read(&themes_path())?, "themes.csv")?;
    let facts: Value = serde_json::from_str(&read(&facts_path())?)
        .map_err(|e| format!("concordat-facts.json: {e}"))?;
    let national = &facts["national"];
    let facts_groups = facts["groups"].as_array().cloned().unwrap_or_default();
    let mut b = Builder {
        areas,
        sources: BTreeMap::new(),
    };
    let all_codes: Vec<String> = b.areas.iter().map(|a| a.code.clone()).collect();
    let national_sources = b.sources(&strs(&national["sources"]));
    let rouse = b.source(ROUSE_URL);

    let green_names = strs(&national["green_by_2014_12_31"]);
    let end_2014: concordat_core::date::Day = PartialDate {
        year: 2014,
        month: Some(12),
        day: Some(31),
    }
    .latest();
    let mut groups = Vec::new();
    let mut events = Vec::new();
    let mut signatories = Vec::new();
    let mut group_themes = Vec::new();
    let mut milestones = Vec::new();
    for fact in &facts_groups {
        let name = fact["group"].as_str().ok_or("a group has no name")?;
        let id = slug(name);
        let names = match strs(&fact["upper_tier_areas_by_geography"]) {
            n if !n.is_empty() => n,
            _ => strs(&fact["areas"]),
        };
        let codes = names
            .iter()
            .map(|n| {
                b.code(n)
                    .ok_or_else(|| format!("group {name:?}: {n:?} is not a 2014 area"))
            })
            .collect::<Result<Vec<_>>>()?;
        let mut urls = strs(&fact["sources"]);
        urls.extend(strs(&fact["later_sources"]));
        urls.extend(fact["site_area_url"].as_str().map(str::to_string));
        let sources = b.sources(&urls);
        let date = |key: &str| -> Result<Option<PartialDate>> {
            match fact[key].as_str() {
                None => Ok(None),
                Some(text) => text
                    .parse()
                    .map(Some)
                    .map_err(|e| format!("{name}: {key}: {e}")),
            }
        };
        let mut note = fact["date_notes"]
            .as_str()
            .filter(|n| !n.is_empty())
            .map(str::to_string);
        let supporters = strs(&fact["supporters"]);
        if !supporters.is_empty() {
            note = Some(join_note(
                note,
                &format!("Supporters (not signatories): {}.", supporters.join(", ")),
            ));
        }
        events.push(Event {
            id: format!("{id}-declaration"),
            status: "declared".into(),
            group: Some(id.clone()),
            date: date("declaration_date")?,
            bound: false,
            national: false,
            label: Some("Declaration".into()),
            areas: Vec::new(),
            sources: sources.clone(),
            note: None,
        });
        let plan_date = date("action_plan_date")?;
        let named_green = green_names
            .iter()
            .any(|g| g == name || name.starts_with(g.as_str()));
        match plan_date {
            // The national map of 31 Dec 2014 (Jon Rouse) is the record of which
            // plans counted by then; an earlier local plan document it did not
            // count is kept as a milestone, with a note saying why.
            Some(plan) if plan.latest() <= end_2014 && !named_green => {
                note = Some(join_note(
                    note,
                    &format!(
                        "A local action plan is dated {}, but the national map of 31 December 2014 \
                         did not list this area as having an agreed plan; the map follows the \
                         national record, and the local document is listed as a milestone.",
                        plan.label()
                    ),
                ));
                milestones.push(Milestone {
                    group: Some(id.clone()),
                    date: Some(plan),
                    text: "Local action plan document".into(),
                    sources: sources.clone(),
                });
            }
            Some(plan) => {
                // Jon Rouse's post names Derbyshire, not Derby, as green; no
                // source dates a plan for Derby, so the joint plan counts for
                // Derbyshire only.
                let plan_areas = if id == "derbyshire-and-derby" {
                    note = Some(join_note(
                        note,
                        "The joint plan is shown for Derbyshire only: Jon Rouse's post of \
                         31 December 2014 names Derbyshire as green, and no source dates a plan for Derby.",
                    ));
                    vec![
                        b.code("Derbyshire")
                            .ok_or("Derbyshire is not a 2014 area")?,
                    ]
                } else {
                    Vec::new()
                };
                events.push(Event {
                    id: format!("{id}-plan"),
                    status: "plan".into(),
                    group: Some(id.clone()),
                    date: Some(plan),
                    bound: false,
                    national: false,
                    label: Some("Action plan".into()),
                    areas: plan_areas,
                    sources: sources.clone(),
                    note: None,
                });
            }
            None => {}
        }
        for version in strs(&fact["plan_versions"]) {
            milestones.push(Milestone {
                group: Some(id.clone()),
                date: leading_date(&version),
                text: format!("Plan version: {version}"),
                sources: sources.clone(),
            });
        }
        for later in fact["later_milestones"].as_array().into_iter().flatten() {
            milestones.push(Milestone {
                group: Some(id.clone()),
                date: later["date"].as_str().and_then(|d| d.parse().ok()),
                text: later["fact"].as_str().unwrap_or("").to_string(),
                sources: sources.clone(),
            });
        }
        for s in fact["signatories"].as_array().into_iter().flatten() {
            signatories.push(Signatory {
                group: id.clone(),
                name: s["name"].as_str().unwrap_or("").to_string(),
                kind: s["kind"].as_str().unwrap_or("").to_string(),
                sources: sources.clone(),
            });
        }
        for theme in strs(&fact["themes"]) {
            group_themes.push(GroupTheme {
                group: id.clone(),
                theme,
                sources: sources.clone(),
            });
        }
        groups.push(Group {
            id,
            name: name.to_string(),
            areas: codes,
            parent: fact["parent_group"].as_str().map(slug),
            signatories_complete: false,
            sources,
            note,
        });
    }

    // National statements, true of every area: a local date shows where it is earlier.
    let declared_by: PartialDate = national["declarations_all_areas_by"]
        .as_str()
        .ok_or("national.declarations_all_areas_by is missing")?
        .parse()
        .map_err(|e| format!("national.declarations_all_areas_by: {e}"))?;
    let planned_by: PartialDate = national["all_plans_published_by"]
        .as_str()
        .ok_or("national.all_plans_published_by is missing")?
        .parse()
        .map_err(|e| format!("national.all_plans_published_by: {e}"))?;
    let mut green = Vec::new();
    for name in green_names.iter().cloned() {
        match b.code(&name) {
            Some(code) => green.push(code),
            None => {
                let group = groups
                    .iter()
                    .find(|g| g.name == name)
                    .ok_or_else(|| format!("{name:?} is neither a 2014 area nor a group"))?;
                green.extend(group.areas.clone());
            }
        }
    }
    let national_event = |id: &str, status: &str, date, label: &str, areas, sources, note| Event {
        id: id.into(),
        status: status.into(),
        group: None,
        date: Some(date),
        bound: true,
        national: true,
        label: Some(label.into()),
        areas,
        sources,
        note: Some(note),
    };
    let green_note = format!(
        "Named as having an agreed action plan by 31 December 2014: {}.",
        green_names.join(", ")
    );
    events.extend([
        national_event(
            "national-declared",
            "declared",
            declared_by,
            "Declaration (national deadline)",
            all_codes.clone(),
            vec![rouse.clone()],
            "Every upper-tier area had made a declaration by 31 December 2014.".into(),
        ),
        national_event(
            "national-green-2014",
            "plan",
            declared_by,
            "Action plan (named on 31 December 2014)",
            green,
            vec![rouse.clone()],
            green_note,
        ),
        national_event(
            "national-plans",
            "plan",
            planned_by,
            "Action plan (national deadline)",
            all_codes,
            national_sources.clone(),
            "Every area had a published action plan by May 2015.".into(),
        ),
    ]);
    let number = |key: &str| national[key].as_u64().map(|n| n.to_string());
    let text = |key: &str| national[key].as_str().map(str::to_string);
    let listed = |key: &str| Some(strs(&national[key]).join(", ")).filter(|s| !s.is_empty());
    // (date key, text): a fact without a date of its own is an undated milestone.
    let national_milestones: Vec<(Option<&str>, Option<String>)> = vec![
        (
            Some("launch_date"),
            number("national_signatories_initial")
                .map(|n| format!("Concordat signed by {n} national bodies")),
        ),
        (
            None,
            number("national_signatories_later")
                .map(|n| format!("Later, {n} national bodies had signed the Concordat")),
        ),
        (
            None,
            listed("first_three_declarations_on_site")
                .map(|l| format!("First three local declarations on the Concordat website: {l}")),
        ),
        (
            Some("declarations_all_areas_by"),
            number("local_areas")
                .map(|n| format!("All {n} upper-tier areas had made a declaration")),
        ),
        (
            None,
            number("min_core_signatory_orgs_per_plan")
                .map(|n| format!("An action plan needed at least {n} core organisations to sign")),
        ),
        (
            None,
            number("plans_approved_by_mind").zip(number("plans_draft_remaining")).map(|(a, d)| {
                format!("{a} local action plans approved by Mind, the Concordat's secretariat, and {d} in draft")
            }),
        ),
        (
            Some("all_plans_published_by"),
            Some("Every area had a published action plan".into()),
        ),
        (
            None,
            text("local_groups_oct_2016")
                .map(|g| format!("In October 2016, {g} local Concordat groups")),
        ),
        (
            Some("mind_secretariat_end"),
            Some("Mind's secretariat for the Concordat ended".into()),
        ),
    ];
    for (date_key, text) in national_milestones {
        let Some(text) = text else { continue };
        milestones.push(Milestone {
            group: None,
            date: date_key
                .and_then(|k| national[k].as_str())
                .and_then(|d| d.parse().ok()),
            text,
            sources: national_sources.clone(),
        });
    }

    let regions: BTreeMap<&str, &str> = b
        .areas
        .iter()
        .map(|a| (a.region_code.as_str(), a.region_name.as_str()))
        .collect();
    let mut sources: Vec<Source> = b
        .sources
        .iter()
        .map(|(url, id)| Source {
            id: id.clone(),
            title: source_title(url),
            url: url.clone(),
        })
        .collect();
    sources.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Dataset {
        format_version: concordat_core::dataset::FORMAT_VERSION,
        title: "Mental Health Crisis Care Concordat: local progress".into(),
        last_updated: LAST_UPDATED.parse().map_err(|e| format!("{e}"))?,
        view_date: "2014-12-31".parse().map_err(|e| format!("{e}"))?,
        statuses: vec![
            status("none", "No declaration yet", "#d5d5d5"),
            status("declared", "Declaration made", "#f2b134"),
            status("plan", "Action plan agreed", "#1b7a3e"),
        ],
        focus_areas: FOCUS_AREAS
            .iter()
            .map(|(id, label)| FocusArea {
                id: id.to_string(),
                label: label.to_string(),
            })
            .collect(),
        themes: themes
            .into_iter()
            .map(|t| Theme {
                id: t.id,
                label: t.label,
                focus_area: t.focus_area,
            })
            .collect(),
        signatory_kinds: KINDS
            .iter()
            .map(|(id, label, core)| SignatoryKind {
                id: id.to_string(),
                label: label.to_string(),
                core: *core,
            })
            .collect(),
        regions: regions
            .iter()
            .map(|(code, name)| Region {
                code: code.to_string(),
                name: name.to_string(),
            })
            .collect(),
        areas: b
            .areas
            .iter()
            .map(|a| Area {
                code: a.code.clone(),
                name: a.name.clone(),
                region: a.region_code.clone(),
            })
            .collect(),
        groups,
        sources,
        events,
        signatories,
        group_themes,
        milestones,
    })
}

fn join_note(note: Option<String>, more: &str) -> String {
    match note {
        Some(note) => format!("{note} {more}"),
        None => more.to_string(),
    }
}

fn status(id: &str, label: &str, colour: &str) -> StatusDef {
    StatusDef {
        id: id.into(),
        label: label.into(),
        colour: colour.into(),
    }
}

pub fn to_json(data: &Dataset) -> Result<String> {
    serde_json::to_string_pretty(data)
        .map(|text| text + "\n")
        .map_err(|e| format!("cannot encode the dataset: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use concordat_core::dataset;
    use concordat_core::status::status_at;

    fn built() -> Dataset {
        build().unwrap()
    }

    #[test]
    fn the_shipped_dataset_is_what_the_facts_build_and_is_valid() {
        let data = built();
        let shipped = std::fs::read_to_string(output_path()).unwrap();
        assert!(
            to_json(&data).unwrap() == shipped,
            "run `cargo xtask dataset` and commit the result"
        );
        let problems = dataset::validate(&data);
        assert!(problems.is_empty(), "{problems:#?}");
    }

    fn statuses_at(data: &Dataset, at: &str) -> BTreeMap<String, usize> {
        let day = at.parse::<PartialDate>().unwrap().latest();
        let mut counts = BTreeMap::new();
        for area in &data.areas {
            let status = &data.statuses[status_at(data, &area.code, day).status].id;
            *counts.entry(status.clone()).or_insert(0) += 1;
        }
        counts
    }

    #[test]
    fn statuses_agree_with_the_national_facts() {
        let data = built();
        let end_2014 = statuses_at(&data, "2014-12-31");
        assert_eq!(end_2014.get("none"), None, "every area had declared");
        assert_eq!(
            end_2014.get("plan"),
            Some(&21),
            "the five named groups: {end_2014:?}"
        );
        let day = "2014-12-31".parse::<PartialDate>().unwrap().latest();
        for code in [
            "E10000030",
            "E10000013",
            "E10000007",
            "E08000001",
            "E08000010",
            "E09000005",
            "E09000033",
        ] {
            assert_eq!(
                data.statuses[status_at(&data, code, day).status].id,
                "plan",
                "{code}"
            );
        }
        assert_eq!(statuses_at(&data, "2015-05-31").get("plan"), Some(&152));
        // Before the first declarations nothing is green or amber.
        assert_eq!(statuses_at(&data, "2014-01-31").get("none"), Some(&152));
    }

    #[test]
    fn every_group_of_the_facts_is_in_the_dataset() {
        let data = built();
        assert_eq!(data.groups.len(), 69);
        assert_eq!(data.signatories.len(), 269);
        let covered: std::collections::HashSet<&str> = data
            .groups
            .iter()
            .flat_map(|g| g.areas.iter().map(String::as_str))
            .collect();
        assert!(covered.len() >= 120, "{} areas covered", covered.len());
    }

    #[test]
    fn slugs_and_leading_dates() {
        assert_eq!(
            slug("Leicester, Leicestershire and Rutland"),
            "leicester-leicestershire-and-rutland"
        );
        assert_eq!(
            slug("Merseyside (PCC and Merseyside Police signing)"),
            "merseyside-pcc-and-merseyside-police-signing"
        );
        assert_eq!(leading_date("2015-11 (v18)"), "2015-11".parse().ok());
        assert_eq!(leading_date("v3 (undated)"), None);
    }
}
