//! The dataset's home: the CSV tables in `data/tables/`, one per table of
//! the wire format, edited and reviewed like code. `cargo xtask dataset`
//! builds `assets/concordat.json` from them (checking every cell and the
//! whole dataset); a test keeps the shipped file equal to what they build.
//! The facts they were first made from are kept, with their sources, in
//! `data/reference/` (see its PROVENANCE.md); corrections since are listed
//! in `data/CHANGES.md`.

use crate::cmd::{Result, root};
use concordat_core::dataset::Dataset;
use std::path::PathBuf;

/// The canonical tables.
pub fn tables_dir() -> PathBuf {
    root().join("data").join("tables")
}

/// The sourced facts the tables were first built from.
pub fn facts_path() -> PathBuf {
    root()
        .join("data")
        .join("reference")
        .join("concordat-facts.json")
}

pub fn output_path() -> PathBuf {
    root().join("assets").join("concordat.json")
}

/// The dataset the tables hold, or every problem in them.
pub fn build() -> Result<Dataset> {
    crate::tables::import(&tables_dir()).map_err(|problems| {
        format!(
            "{} problem(s) in data/tables:\n{}",
            problems.len(),
            problems.join("\n")
        )
    })
}

/// A fact cites the one or two sources that state it, not its group's whole
/// list (as the facts were first built); `cargo xtask check-data` and a test
/// refuse more.
pub const SPECIFIC: usize = 2;

/// Every fact citing more than `SPECIFIC` sources, with its place.
pub fn unspecific_citations(data: &Dataset) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |place: String, sources: &[String]| {
        if sources.len() > SPECIFIC {
            out.push(format!(
                "{place}: cites {} sources; name the one or two that state it",
                sources.len()
            ));
        }
    };
    for e in &data.events {
        check(format!("events.csv {}", e.id), &e.sources);
    }
    for s in &data.signatories {
        check(
            format!("signatories.csv {} / {}", s.group, s.name),
            &s.sources,
        );
    }
    for t in &data.group_themes {
        check(
            format!("group_themes.csv {} / {}", t.group, t.theme),
            &t.sources,
        );
    }
    for m in &data.milestones {
        let group = m.group.as_deref().unwrap_or("national");
        check(format!("milestones.csv {group} / {}", m.text), &m.sources);
    }
    out
}

/// Facts of the Concordat's years (dated 2016 or before) citing a source
/// published after 2016: a later page may confirm an early fact, but then
/// an early source should say it too. Each with its place.
pub fn late_sources(data: &Dataset) -> Vec<String> {
    let late = |ids: &[String]| -> Vec<String> {
        ids.iter()
            .filter(|id| {
                data.source(id)
                    .and_then(|s| s.date)
                    .is_some_and(|d| d.year > 2016)
            })
            .cloned()
            .collect()
    };
    let mut out = Vec::new();
    let dated = data
        .events
        .iter()
        .map(|e| (format!("events.csv {}", e.id), e.date, &e.sources))
        .chain(data.milestones.iter().map(|m| {
            let group = m.group.as_deref().unwrap_or("national");
            (
                format!("milestones.csv {group} / {}", m.text),
                m.date,
                &m.sources,
            )
        }));
    for (place, date, sources) in dated {
        if date.is_some_and(|d| d.year <= 2016) {
            for id in late(sources) {
                out.push(format!(
                    "{place}: a fact of 2016 or before cites {id}, published later"
                ));
            }
        }
    }
    out
}

/// Dated events and milestones (the facts people quote) without the date as
/// their source states it, so no check can hold the date to the source's
/// precision. Each with its place.
pub fn unstated_dates(data: &Dataset) -> Vec<String> {
    let events = data
        .events
        .iter()
        .filter(|e| e.date.is_some() && e.stated.is_none())
        .map(|e| format!("events.csv {}", e.id));
    let milestones = data
        .milestones
        .iter()
        .filter(|m| m.date.is_some() && m.stated.is_none())
        .map(|m| {
            let group = m.group.as_deref().unwrap_or("national");
            format!("milestones.csv {group} / {}", m.text)
        });
    events
        .chain(milestones)
        .map(|place| {
            format!("{place}: dated, but not how its source states the date (column stated)")
        })
        .collect()
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
    use concordat_core::date::PartialDate;
    use concordat_core::status::status_at;
    use std::collections::BTreeMap;

    fn built() -> Dataset {
        build().unwrap()
    }

    #[test]
    fn the_shipped_dataset_is_what_the_tables_build_and_is_valid() {
        let data = built();
        let shipped = std::fs::read_to_string(output_path()).unwrap();
        assert!(
            to_json(&data).unwrap() == shipped,
            "assets/concordat.json differs from data/tables: run `cargo xtask dataset` and commit the result"
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
    fn every_fact_cites_its_own_sources() {
        let left = unspecific_citations(&built());
        assert!(left.is_empty(), "{left:#?}");
        let mut data = built();
        data.signatories[0].sources = vec!["a".into(), "b".into(), "c".into()];
        data.signatories[1].sources = vec!["a".into()];
        let listed = unspecific_citations(&data);
        assert!(listed.iter().any(|l| l.contains(&data.signatories[0].name)));
        assert!(!listed.iter().any(|l| l.contains(&data.signatories[1].name)));
    }

    #[test]
    fn every_dated_fact_records_the_date_its_source_states() {
        let mut data = built();
        assert_eq!(unstated_dates(&data), Vec::<String>::new());
        let dated = data.events.iter().position(|e| e.date.is_some()).unwrap();
        data.events[dated].stated = None;
        let dated = data
            .milestones
            .iter()
            .position(|m| m.date.is_some())
            .unwrap();
        data.milestones[dated].stated = None;
        let unstated = unstated_dates(&data);
        assert_eq!(unstated.len(), 2);
        assert!(unstated[1].starts_with("milestones.csv"), "{unstated:?}");
    }

    #[test]
    fn early_facts_cite_early_sources() {
        let data = built();
        assert_eq!(late_sources(&data), Vec::<String>::new());
        let mut data = data;
        let late = data
            .sources
            .iter()
            .position(|s| s.date.is_some_and(|d| d.year > 2016))
            .unwrap();
        let id = data.sources[late].id.clone();
        let event = data.events.iter().position(|e| e.date.is_some()).unwrap();
        data.events[event].sources.push(id.clone());
        let found = late_sources(&data);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains(&id));
    }

    #[test]
    fn before_a_deadline_an_area_without_local_dates_is_not_recorded_yet() {
        use concordat_core::timeline::{Known, Timeline, parse_at};
        let data = built();
        let codes: Vec<String> = data.areas.iter().map(|a| a.code.clone()).collect();
        let timeline = Timeline::new(&data, &codes);
        let at = |d: &str| timeline.at(parse_at(d).unwrap());
        let index = |code: &str| codes.iter().position(|c| c == code).unwrap();
        // Suffolk, one of the first declarations, has no local date.
        let suffolk = index("E10000029");
        assert_eq!(at("2014-11-30").areas[suffolk].known, Known::NotRecordedYet);
        // Norfolk declared in August 2014: before that, no declaration yet.
        let norfolk = at("2014-06-30").areas[index("E10000020")];
        assert_eq!((norfolk.status, norfolk.known), (Some(0), Known::Local));
        // 31 December 2014: everyone at least declared, 21 areas green.
        let end = at("2014-12-31");
        assert_eq!(end.not_recorded_yet, 0);
        assert_eq!(end.counts, vec![0, 131, 21]);
        assert_eq!(at("2015-05-31").counts[2], 152);
    }

    #[test]
    fn every_group_of_the_facts_is_in_the_dataset() {
        let data = built();
        let facts: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(facts_path()).unwrap()).unwrap();
        let names: Vec<&str> = facts["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["group"].as_str().unwrap())
            .collect();
        assert_eq!(names.len(), 69);
        // Groups added since (data/CHANGES.md) come on top: Devon.
        assert_eq!(data.groups.len(), names.len() + 1);
        let covered: std::collections::HashSet<&str> = data
            .groups
            .iter()
            .flat_map(|g| g.areas.iter().map(String::as_str))
            .collect();
        assert!(covered.len() >= 120, "{} areas covered", covered.len());
    }
}
