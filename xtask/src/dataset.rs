//! The dataset's home: the CSV tables in `data/tables/`, one per table of
//! the wire format, edited and reviewed like code. `cargo xtask dataset`
//! builds `assets/concordat.json` from them (checking every cell and the
//! whole dataset); a test keeps the shipped file equal to what they build.
//! The facts they were first made from are kept, with their sources, in
//! `data/reference/` (see its PROVENANCE.md); corrections since are listed
//! in `data/CHANGES.md`.

use crate::cmd::{Result, root};
use concordat_core::dataset::Dataset;
use concordat_core::date::{Day, PartialDate};
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

/// Dates that claim more than their source's words: an event shown "by" a
/// date rests on a source whose date is a bound (`by`), and the reverse; a
/// date whose year is read from context (`inferred`) says from what: an
/// event in its note, a milestone (which has none) in its locator.
pub fn overstated_dates(data: &Dataset) -> Vec<String> {
    let mut out = Vec::new();
    let blank = |text: Option<&String>| text.is_none_or(|t| t.trim().is_empty());
    for e in &data.events {
        let Some(stated) = &e.stated else { continue };
        let place = format!("events.csv {}", e.id);
        if stated.by && !e.bound {
            out.push(format!(
                "{place}: {} dates it only as `by`, so the event's date is a bound (column bound)",
                stated.source
            ));
        }
        if e.bound && !stated.by {
            out.push(format!(
                "{place}: a bound must rest on a `by` date: say `by` after its stated date, or drop the bound if the source says it happened then"
            ));
        }
        if stated.inferred && blank(e.note.as_ref()) {
            out.push(format!(
                "{place}: the year is inferred; its note must say from what"
            ));
        }
    }
    for m in &data.milestones {
        let Some(stated) = &m.stated else { continue };
        if stated.inferred && blank(m.locators.get(&stated.source)) {
            let group = m.group.as_deref().unwrap_or("national");
            out.push(format!(
                "milestones.csv {group} / {}: the year is inferred; a locator for {} must quote the words it is inferred from",
                m.text, stated.source
            ));
        }
    }
    out
}

/// Notes that name a source by its id ("s105"), which a reader never sees:
/// a note names the source in words (its links sit beside the fact).
pub fn ids_in_notes(data: &Dataset) -> Vec<String> {
    let names_an_id = |note: &str| {
        note.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| {
                word.len() == 4
                    && word.starts_with('s')
                    && word[1..].bytes().all(|b| b.is_ascii_digit())
            })
    };
    let events = data
        .events
        .iter()
        .filter(|e| e.note.as_deref().is_some_and(names_an_id))
        .map(|e| format!("events.csv {}", e.id));
    let groups = data
        .groups
        .iter()
        .filter(|g| g.note.as_deref().is_some_and(names_an_id))
        .map(|g| format!("groups.csv {}", g.id));
    events
        .chain(groups)
        .map(|place| format!("{place}: the note names a source by its id, which readers never see; name it in words"))
        .collect()
}

/// Signatories that do not record what they signed.
pub fn unsigned(data: &Dataset) -> Vec<String> {
    data.signatories
        .iter()
        .filter(|s| s.signed.is_none())
        .map(|s| {
            format!(
                "signatories.csv {} / {}: what it signed is not recorded (column signed: declaration, plan, both or unstated)",
                s.group, s.name
            )
        })
        .collect()
}

/// Plan themes shown beyond their plan: a theme's areas are its group's,
/// or fewer; and where a plan event citing the same source states the
/// plan's scope (its own areas), the theme's areas lie within it.
pub fn themes_out_of_scope(data: &Dataset) -> Vec<String> {
    let mut out = Vec::new();
    for link in &data.group_themes {
        let Some(group) = data.group(&link.group) else {
            continue;
        };
        let place = format!("group_themes.csv {} / {}", link.group, link.theme);
        let areas: &[String] = if link.areas.is_empty() {
            &group.areas
        } else {
            &link.areas
        };
        for code in &link.areas {
            if !group.areas.contains(code) {
                out.push(format!("{place}: {code} is not one of the group's areas"));
            }
        }
        // The plans citing the theme's sources that state their own areas:
        // together, the scope the theme may have.
        let plans: Vec<&concordat_core::dataset::Event> = data
            .events
            .iter()
            .filter(|e| {
                e.group.as_deref() == Some(group.id.as_str())
                    && e.status == "plan"
                    && !e.areas.is_empty()
                    && e.sources.iter().any(|id| link.sources.contains(id))
            })
            .collect();
        if plans.is_empty() {
            continue;
        }
        for code in areas
            .iter()
            .filter(|c| !plans.iter().any(|p| p.areas.contains(c)))
        {
            let ids: Vec<&str> = plans.iter().map(|p| p.id.as_str()).collect();
            out.push(format!(
                "{place}: shown for {code}, outside the scope of the plans it cites ({}); list the plan's areas in column areas",
                ids.join(", ")
            ));
        }
    }
    out
}

/// The dataset's version, `year.month.release`, present and well formed.
pub fn version_problems(data: &Dataset) -> Vec<String> {
    match data.version.as_deref() {
        None => vec!["dataset.csv: no version (run `cargo xtask dataset`)".into()],
        Some(v) if parse_version(v).is_none() => vec![format!(
            "dataset.csv: version \"{v}\" is not year.month.release, e.g. 2026.12.0"
        )],
        Some(_) => Vec::new(),
    }
}

/// `2026.12.0` as (2026, 12, 0).
pub fn parse_version(version: &str) -> Option<(u16, u8, u32)> {
    // Digits only, and no leading zero: one spelling per version.
    let number = |part: &str| {
        let digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        (digits && (part == "0" || !part.starts_with('0'))).then(|| part.to_string())
    };
    let mut parts = version.split('.').map(number);
    let year = parts.next()??.parse().ok().filter(|y| *y >= 2014)?;
    let month = parts
        .next()??
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))?;
    let release = parts.next()??.parse().ok()?;
    parts.next().is_none().then_some((year, month, release))
}

/// The version after `current` for a release in `year`-`month`: the next
/// release of the same month, or the month's first.
pub fn next_version(current: Option<&str>, year: u16, month: u8) -> String {
    match current.and_then(parse_version) {
        Some((y, m, n)) if (y, m) == (year, month) => format!("{year}.{month}.{}", n + 1),
        _ => format!("{year}.{month}.0"),
    }
}

/// Today, by this machine's clock (UTC), or `CONCORDAT_RELEASE_DATE`
/// (YYYY-MM-DD) where a release must be made for another day.
pub fn today() -> Result<Day> {
    if let Ok(text) = std::env::var("CONCORDAT_RELEASE_DATE") {
        let date: PartialDate = text
            .parse()
            .map_err(|e| format!("CONCORDAT_RELEASE_DATE: {e}"))?;
        return match date {
            PartialDate { day: Some(_), .. } => Ok(date.earliest()),
            _ => Err(format!("CONCORDAT_RELEASE_DATE: {text} is not a day")),
        };
    }
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| format!("the clock is before 1970: {e}"))?
        .as_secs();
    Ok(day_from_ordinal(
        i64::try_from(seconds / 86_400).unwrap_or(0),
    ))
}

/// The day `n` days after 1 January 1970 (Howard Hinnant's civil_from_days).
fn day_from_ordinal(n: i64) -> Day {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Day {
        year: u16::try_from(year).unwrap_or(u16::MAX),
        month: u8::try_from(month).unwrap_or(1),
        day: u8::try_from(day).unwrap_or(1),
    }
}

/// The tables as built, released: if they say something the shipped
/// dataset does not (anything but its version and date), a new version
/// dated `today()`, later than the shipped one; otherwise the shipped
/// version and date are kept (and the clock is not read). Returns whether
/// it made a release, or why it cannot.
pub fn release(
    data: &mut Dataset,
    shipped: Option<&Dataset>,
    today: impl FnOnce() -> Result<Day>,
) -> Result<bool> {
    if let Some(shipped) = shipped {
        let mut same = data.clone();
        same.version.clone_from(&shipped.version);
        same.last_updated = shipped.last_updated;
        if &same == shipped && data.version.is_some() {
            return Ok(false);
        }
    }
    let today = today()?;
    let current = shipped
        .and_then(|s| s.version.as_deref())
        .or(data.version.as_deref());
    let version = next_version(current, today.year, today.month);
    if let Some(shipped) = shipped {
        if today < shipped.last_updated.latest() {
            return Err(format!(
                "today ({}) is before the shipped release ({}): a release cannot go back in time (CONCORDAT_RELEASE_DATE, or the clock?)",
                today.iso(),
                shipped.last_updated
            ));
        }
        let order = |v: Option<&str>| v.and_then(parse_version);
        if order(shipped.version.as_deref()) >= order(Some(&version)) {
            return Err(format!(
                "the next version, {version}, is not after the shipped {}",
                shipped.version.as_deref().unwrap_or("")
            ));
        }
    }
    data.version = Some(version);
    data.last_updated = today.into();
    Ok(true)
}

/// CITATION.cff with its `version` and `date-released` set to the data's.
pub fn cite_release(citation: &str, data: &Dataset) -> String {
    citation
        .lines()
        .map(|line| {
            if line.starts_with("version:") {
                format!("version: \"{}\"", data.version.as_deref().unwrap_or(""))
            } else if line.starts_with("date-released:") {
                format!("date-released: \"{}\"", data.last_updated)
            } else {
                line.to_string()
            }
        })
        .map(|line| line + "\n")
        .collect()
}

/// Every curation rule `check-data` holds the data to, beyond the dataset's
/// own validation: each line a problem with its place.
pub fn curation_problems(data: &Dataset) -> Vec<String> {
    [
        late_sources(data),
        unspecific_citations(data),
        unstated_dates(data),
        overstated_dates(data),
        unsigned(data),
        themes_out_of_scope(data),
        ids_in_notes(data),
        version_problems(data),
    ]
    .concat()
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
    fn a_bound_rests_on_a_by_date_and_an_inferred_year_says_how() {
        let mut data = built();
        assert_eq!(overstated_dates(&data), Vec::<String>::new());
        let stated = |e: &concordat_core::dataset::Event, by: bool| {
            e.stated.as_ref().is_some_and(|s| s.by == by && !s.inferred) && e.note.is_some()
        };
        let by = data.events.iter().position(|e| stated(e, true)).unwrap();
        data.events[by].bound = false;
        let on = data.events.iter().position(|e| stated(e, false)).unwrap();
        data.events[on].bound = true;
        if let Some(stated) = data.events[on].stated.as_mut() {
            stated.inferred = true;
        }
        data.events[on].note = None;
        let milestone = data
            .milestones
            .iter()
            .position(|m| m.stated.as_ref().is_some_and(|s| s.inferred))
            .expect("a milestone with an inferred year");
        data.milestones[milestone].locators.clear();
        let found = overstated_dates(&data);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found.iter().any(|f| f.contains(&data.events[by].id)));
        assert!(found[3].starts_with("milestones.csv"), "{found:#?}");
    }

    #[test]
    fn a_note_names_its_sources_in_words() {
        let mut data = built();
        assert_eq!(ids_in_notes(&data), Vec::<String>::new());
        data.events[0].note = Some("as the plan says (s105)".into());
        data.groups[1].note = Some("see s1234 and sources".into());
        let found = ids_in_notes(&data);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].contains(&data.events[0].id));
    }

    #[test]
    fn every_signatory_records_what_it_signed() {
        let mut data = built();
        assert_eq!(unsigned(&data), Vec::<String>::new());
        data.signatories[3].signed = None;
        let found = unsigned(&data);
        assert_eq!(found.len(), 1);
        assert!(found[0].contains(&data.signatories[3].name));
    }

    #[test]
    fn a_theme_lies_within_its_plans_stated_scope() {
        let mut data = built();
        assert_eq!(themes_out_of_scope(&data), Vec::<String>::new());
        // A theme of a plan for fewer areas than its group, shown for all.
        let scoped = data
            .group_themes
            .iter()
            .position(|t| !t.areas.is_empty())
            .expect("a theme with its plan's scope");
        let group = data.group_themes[scoped].group.clone();
        data.group_themes[scoped].areas.clear();
        let found = themes_out_of_scope(&data);
        assert!(
            !found.is_empty() && found.iter().all(|f| f.contains(&group)),
            "{found:#?}"
        );
        // An area outside the group.
        data.group_themes[0].areas = vec!["E06000001".into()];
        let found = themes_out_of_scope(&data);
        assert!(
            found
                .iter()
                .any(|f| f.contains("E06000001 is not one of the group's areas"))
        );
    }

    #[test]
    fn a_version_is_year_month_release_and_moves_on_with_each_release() {
        assert_eq!(parse_version("2026.12.0"), Some((2026, 12, 0)));
        for bad in [
            "2026.13.0",
            "2026.12",
            "26.12.0",
            "2026.12.0.1",
            "v2026.12.0",
            "2026.+1.0",
            "2026.01.0",
            "2026.12.00",
            "",
        ] {
            assert_eq!(parse_version(bad), None, "{bad}");
        }
        assert_eq!(next_version(Some("2026.12.0"), 2026, 12), "2026.12.1");
        assert_eq!(next_version(Some("2026.11.4"), 2026, 12), "2026.12.0");
        assert_eq!(next_version(None, 2027, 1), "2027.1.0");
        let mut data = built();
        assert_eq!(version_problems(&data), Vec::<String>::new());
        data.version = Some("December".into());
        assert_eq!(version_problems(&data).len(), 1);
    }

    #[test]
    fn only_a_change_in_the_tables_makes_a_release_and_never_backwards() {
        let shipped = built();
        let day = || {
            Ok(Day {
                year: 2031,
                month: 5,
                day: 2,
            })
        };
        let mut same = built();
        let unread = || -> Result<Day> { panic!("the clock is read only for a release") };
        assert_eq!(release(&mut same, Some(&shipped), unread), Ok(false));
        assert_eq!(same, shipped);
        let mut changed = built();
        changed.signatories[0].name.push_str(" (renamed)");
        assert_eq!(release(&mut changed, Some(&shipped), day), Ok(true));
        assert_eq!(changed.version.as_deref(), Some("2031.5.0"));
        assert_eq!(changed.last_updated.to_string(), "2031-05-02");
        // A second change the same month is the month's next release.
        let released = changed.clone();
        changed.signatories[1].name.push_str(" (renamed)");
        assert_eq!(release(&mut changed, Some(&released), day), Ok(true));
        assert_eq!(changed.version.as_deref(), Some("2031.5.1"));
        // Not before the shipped release: a clock behind, or a date mistyped.
        let before = || {
            Ok(Day {
                year: 2031,
                month: 4,
                day: 30,
            })
        };
        let mut late = built();
        late.signatories[2].name.push_str(" (renamed)");
        let refused = release(&mut late, Some(&changed), before).unwrap_err();
        assert!(refused.contains("cannot go back in time"), "{refused}");
        // The citation file follows the release.
        let cff = "cff-version: 1.2.0\nversion: \"2026.12.0\"\ndate-released: \"2026-12-03\"\n";
        assert_eq!(
            cite_release(cff, &changed),
            "cff-version: 1.2.0\nversion: \"2031.5.1\"\ndate-released: \"2031-05-02\"\n"
        );
    }

    #[test]
    fn the_clock_reads_as_a_calendar_day() {
        for day in [
            Day {
                year: 1970,
                month: 1,
                day: 1,
            },
            Day {
                year: 2000,
                month: 2,
                day: 29,
            },
            Day {
                year: 2026,
                month: 12,
                day: 3,
            },
            Day {
                year: 2100,
                month: 3,
                day: 1,
            },
        ] {
            assert_eq!(day_from_ordinal(day.ordinal()), day);
        }
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
        // London declared on 27 October 2014 (data/CHANGES.md): the day
        // before, the City had no declaration yet; the day after, it had.
        let city = index("E09000001");
        let before = at("2014-10-26").areas[city];
        assert_eq!((before.status, before.known), (Some(0), Known::Local));
        let after = at("2014-10-28").areas[city];
        assert_eq!((after.status, after.known), (Some(1), Known::Local));
        // Norfolk's declaration is known only as made by 5 August 2014:
        // before then, not recorded yet, never "no declaration yet".
        let norfolk = at("2014-06-30").areas[index("E10000020")];
        assert_eq!(norfolk.known, Known::NotRecordedYet);
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
        // Groups added since (data/CHANGES.md) come on top: Devon, London
        // (its declaration), South Tyneside and Greenwich.
        assert_eq!(data.groups.len(), names.len() + 4);
        let covered: std::collections::HashSet<&str> = data
            .groups
            .iter()
            .flat_map(|g| g.areas.iter().map(String::as_str))
            .collect();
        assert!(covered.len() >= 120, "{} areas covered", covered.len());
    }
}
