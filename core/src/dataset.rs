//! The Concordat dataset as shipped in `assets/concordat.json`: its wire
//! format, parsing and validation. See docs/data-format.md.
//!
//! Statuses are never stored per area: an area's status at a date is derived
//! from dated events (`status.rs`), so it cannot contradict them. Unknown
//! fields are ignored, so files with fields added later still load.

use crate::date::PartialDate;
use crate::problem::Problem;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Where in its sources a fact is stated, by source id: a page, section or
/// item, or the source's own words, for a reader checking a long document.
pub type Locators = BTreeMap<String, String>;

/// The longest locator: a pointer or a short quotation, not an excerpt.
pub const LOCATOR_MAX_CHARS: usize = 200;

/// A date as one of the fact's sources states it: the fact's own date may
/// be no more precise than this (it must contain it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stated {
    pub source: String,
    pub date: PartialDate,
    /// The source's own date, by which the fact had happened ("have made
    /// a pledge", a document published then), not the day it happened: the
    /// fact's date is a bound.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by: bool,
    /// Part of the date (the year) is not in the source's words but read
    /// from its context, e.g. a weekday; the fact's note says how.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
}

impl Stated {
    /// A date in words for a fact resting on `stated`: "by " before it
    /// for a bound, "(year inferred)" after it where that applies.
    pub fn when(stated: Option<&Stated>, date: PartialDate, bound: bool) -> String {
        let by = bound || stated.is_some_and(|s| s.by);
        let inferred = stated.is_some_and(|s| s.inferred);
        format!(
            "{}{}{}",
            if by { "by " } else { "" },
            date.label(),
            if inferred { " (year inferred)" } else { "" }
        )
    }
}

/// What a signatory put its name to, as its source says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Signed {
    Declaration,
    Plan,
    Both,
    /// The source says it signed up, not to which document.
    Unstated,
}

impl Signed {
    /// The values as written in the data.
    pub const NAMES: [&str; 4] = ["declaration", "plan", "both", "unstated"];

    /// In words, after the signatory's name.
    pub fn words(self) -> &'static str {
        match self {
            Signed::Declaration => "signed the declaration",
            Signed::Plan => "signed the action plan",
            Signed::Both => "signed the declaration and the action plan",
            Signed::Unstated => "signed; which document is not stated",
        }
    }
}

/// The newest format version this app understands. Version 1 files (no
/// groups, signatories or themes) still load: every added field has a default.
pub const FORMAT_VERSION: u32 = 2;
pub const FILE_NAME: &str = "concordat.json";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub format_version: u32,
    pub title: String,
    /// The data's own version, e.g. "2026.12.0" (year, month, release in the
    /// month), for citing exactly what was used; `cargo xtask dataset` bumps
    /// it when the tables change. None in files made before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The day this version was released.
    pub last_updated: PartialDate,
    /// The date the map shows unless the visitor asks for another.
    pub view_date: PartialDate,
    /// In order of progress: the first is the status of an area no event has reached.
    pub statuses: Vec<StatusDef>,
    /// The headings themes are grouped under: the Concordat's four focus
    /// areas, and commissioning and partnership.
    #[serde(default)]
    pub focus_areas: Vec<FocusArea>,
    #[serde(default)]
    pub themes: Vec<Theme>,
    #[serde(default)]
    pub signatory_kinds: Vec<SignatoryKind>,
    pub regions: Vec<Region>,
    pub areas: Vec<Area>,
    /// Local groups that made declarations and plans, often for several areas.
    #[serde(default)]
    pub groups: Vec<Group>,
    pub sources: Vec<Source>,
    pub events: Vec<Event>,
    #[serde(default)]
    pub signatories: Vec<Signatory>,
    #[serde(default)]
    pub group_themes: Vec<GroupTheme>,
    /// National facts with a date, shown as context, never as an area's status.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FocusArea {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    pub id: String,
    pub label: String,
    /// A focus area id.
    pub focus_area: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignatoryKind {
    pub id: String,
    pub label: String,
    /// One of the core agencies a plan was expected to have.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub core: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub id: String,
    pub name: String,
    /// GSS codes.
    pub areas: Vec<String>,
    /// The wider group whose declaration this local group works under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Why the areas are taken to be covered, where no source lists them
    /// (e.g. it names Greater Manchester, not its ten boroughs); None: the
    /// sources state the areas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub areas_inferred: Option<String>,
    /// True only where a source gives the full list of signatories.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub signatories_complete: bool,
    /// Source ids: the group's documents and the pages that report on it.
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub locators: Locators,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signatory {
    /// A group id.
    pub group: String,
    pub name: String,
    /// A signatory kind id.
    pub kind: String,
    /// None in files made before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<Signed>,
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub locators: Locators,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupTheme {
    pub group: String,
    pub theme: String,
    /// GSS codes: the plan's stated scope where it covers only some of the
    /// group's areas; empty means all of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<String>,
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub locators: Locators,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    /// A group id; None for a national milestone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// None where the source gives no date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// The date as a source states it, where recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated: Option<Stated>,
    pub text: String,
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub locators: Locators,
}

impl Milestone {
    /// When it happened, in words, as for an event; None if undated.
    pub fn when(&self) -> Option<String> {
        self.date
            .map(|date| Stated::when(self.stated.as_ref(), date, false))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusDef {
    pub id: String,
    pub label: String,
    /// `#rrggbb`.
    pub colour: String,
    /// What the stage means, in plain words, for the page's explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meaning: Option<String>,
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
    /// Who published it (for a copy, the site holding the copy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// When it was published, as precisely as it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// A copy on a document-sharing or archive site, not the publisher's own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mirror: bool,
}

/// Something that brought areas to a status (a declaration, a plan, a
/// refreshed plan), on a date if one is known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub status: String,
    /// The group that made it; its areas are the event's unless `areas` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// None: the event is known, its date is not (it then sets no status).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// The date as the source that dates it states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated: Option<Stated>,
    /// True when `date` is only a bound ("by this date").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bound: bool,
    /// True for a national statement covering areas with no local record,
    /// e.g. every area had declared by 31 December 2014.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub national: bool,
    /// A short label for history lists, e.g. "Declaration" or "Refreshed plan".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// GSS codes; empty means the group's areas.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<String>,
    /// Source ids.
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub locators: Locators,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl GroupTheme {
    /// Whether the plan's scope, where stated, includes `code` (its group's
    /// coverage is for the caller to check).
    pub fn in_scope(&self, code: &str) -> bool {
        self.areas.is_empty() || self.areas.iter().any(|a| a == code)
    }
}

impl Event {
    /// When it happened, in words: "10 December 2014", "by 31 December
    /// 2014", with a national bound "by 31 December 2014 (national
    /// deadline)", or "December 2014 (year inferred)"; None if undated.
    pub fn when(&self) -> Option<String> {
        let suffix = if self.national {
            " (national deadline)"
        } else {
            ""
        };
        self.date
            .map(|date| Stated::when(self.stated.as_ref(), date, self.bound) + suffix)
    }
}

impl Dataset {
    pub fn status_index(&self, id: &str) -> Option<usize> {
        self.statuses.iter().position(|s| s.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The groups that cover `code`: those that list it and the wider groups
    /// they are part of (a local plan under a shared declaration), each once,
    /// narrowest first (the area's own group before the groups around it).
    pub fn groups_covering(&self, code: &str) -> Vec<&Group> {
        let mut ids: Vec<&str> = self
            .groups
            .iter()
            .filter(|g| g.areas.iter().any(|a| a == code))
            .map(|g| g.id.as_str())
            .collect();
        let mut next = 0;
        while let Some(id) = ids.get(next).copied() {
            let parent = self.group(id).and_then(|g| g.parent.as_deref());
            if let Some(parent) = parent.filter(|p| !ids.contains(p)) {
                ids.push(parent);
            }
            next += 1;
        }
        let mut groups: Vec<&Group> = ids.into_iter().filter_map(|id| self.group(id)).collect();
        groups.sort_by_key(|g| std::cmp::Reverse(self.depth(g)));
        groups
    }

    /// How many wider groups a group sits in (a cycle stops the count).
    fn depth(&self, group: &Group) -> usize {
        let mut depth = 0;
        let mut at = group;
        while let Some(parent) = at.parent.as_deref().and_then(|p| self.group(p)) {
            depth += 1;
            if depth > self.groups.len() {
                break;
            }
            at = parent;
        }
        depth
    }

    /// The other areas of every group that covers `code`.
    pub fn group_siblings(&self, code: &str) -> Vec<&str> {
        let mut siblings: Vec<&str> = self
            .groups
            .iter()
            .filter(|g| g.areas.iter().any(|a| a == code))
            .flat_map(|g| g.areas.iter().map(String::as_str))
            .filter(|a| *a != code)
            .collect();
        siblings.sort_unstable();
        siblings.dedup();
        siblings
    }

    /// The areas an event covers: its own list, else its group's.
    pub fn event_areas<'a>(&'a self, event: &'a Event) -> &'a [String] {
        if !event.areas.is_empty() {
            return &event.areas;
        }
        event
            .group
            .as_deref()
            .and_then(|g| self.group(g))
            .map_or(&[], |g| g.areas.as_slice())
    }

    pub fn region_name(&self, code: &str) -> Option<&str> {
        self.regions
            .iter()
            .find(|r| r.code == code)
            .map(|r| r.name.as_str())
    }
}

/// The file as read: top-level values typed, each table kept as raw JSON so
/// that one bad record does not stop the others from being read.
#[derive(Deserialize)]
struct Wire<'a> {
    format_version: u32,
    title: String,
    #[serde(default)]
    version: Option<String>,
    last_updated: PartialDate,
    view_date: PartialDate,
    statuses: Vec<StatusDef>,
    #[serde(borrow, default)]
    focus_areas: Option<&'a RawValue>,
    #[serde(borrow, default)]
    themes: Option<&'a RawValue>,
    #[serde(borrow, default)]
    signatory_kinds: Option<&'a RawValue>,
    #[serde(borrow, default)]
    regions: Option<&'a RawValue>,
    #[serde(borrow, default)]
    areas: Option<&'a RawValue>,
    #[serde(borrow, default)]
    groups: Option<&'a RawValue>,
    #[serde(borrow, default)]
    sources: Option<&'a RawValue>,
    #[serde(borrow, default)]
    events: Option<&'a RawValue>,
    #[serde(borrow, default)]
    signatories: Option<&'a RawValue>,
    #[serde(borrow, default)]
    group_themes: Option<&'a RawValue>,
    #[serde(borrow, default)]
    milestones: Option<&'a RawValue>,
}

/// Reads a table record by record; a bad record is skipped and named.
fn records<'a, T: Deserialize<'a>>(
    table: Option<&'a RawValue>,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Vec<T> {
    let Some(table) = table else {
        return Vec::new();
    };
    let Ok(raw) = serde_json::from_str::<Vec<&RawValue>>(table.get()) else {
        problems.push(Problem::new(
            format!("{FILE_NAME}: {key}"),
            "expected a list",
        ));
        return Vec::new();
    };
    raw.into_iter()
        .enumerate()
        .filter_map(|(i, record)| match serde_json::from_str(record.get()) {
            Ok(record) => Some(record),
            Err(e) => {
                problems.push(Problem::new(
                    format!("{FILE_NAME}: {key}[{i}]"),
                    format!("skipped: {e}"),
                ));
                None
            }
        })
        .collect()
}

/// Parses the dataset. A file that is not JSON, or whose top-level values
/// (version, title, dates, statuses) are unusable, is one problem naming the
/// line and column. A bad record in any other table is skipped, with a
/// problem naming its place, so the rest can still be shown.
pub fn parse(text: &str) -> Result<(Dataset, Vec<Problem>), Problem> {
    let wire: Wire =
        serde_json::from_str(text).map_err(|e| Problem::new(FILE_NAME, e.to_string()))?;
    let mut problems = Vec::new();
    let p = &mut problems;
    let data = Dataset {
        format_version: wire.format_version,
        title: wire.title,
        version: wire.version,
        last_updated: wire.last_updated,
        view_date: wire.view_date,
        statuses: wire.statuses,
        focus_areas: records(wire.focus_areas, "focus_areas", p),
        themes: records(wire.themes, "themes", p),
        signatory_kinds: records(wire.signatory_kinds, "signatory_kinds", p),
        regions: records(wire.regions, "regions", p),
        areas: records(wire.areas, "areas", p),
        groups: records(wire.groups, "groups", p),
        sources: records(wire.sources, "sources", p),
        events: records(wire.events, "events", p),
        signatories: records(wire.signatories, "signatories", p),
        group_themes: records(wire.group_themes, "group_themes", p),
        milestones: records(wire.milestones, "milestones", p),
    };
    Ok((data, problems))
}

pub fn is_http_url(url: &str) -> bool {
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

/// Whether a signatory's name stands for organisations the source did not
/// name ("Police (unnamed)", "Councils in North Yorkshire (all)", "Four
/// CCGs", a bare "Police"): such a row claims a signature no source shows.
pub fn placeholder_name(name: &str) -> bool {
    const GENERIC: &[&str] = &[
        "police",
        "ambulance service",
        "ambulance trust",
        "nhs",
        "nhs organisations",
        "nhs trusts",
        "ccg",
        "ccgs",
        "council",
        "councils",
        "local authority",
        "local authorities",
        "mental health trust",
        "voluntary sector",
        "probation",
        "fire service",
        "primary care",
        "third sector organisations",
    ];
    const COUNTS: &[&str] = &[
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    // "Four CCGs", "25 partner organisations": a count of unnamed bodies;
    // "Three Rivers District Council" or "111 Service" name one.
    const PLURALS: &[&str] = &[
        "ccgs",
        "councils",
        "trusts",
        "organisations",
        "partners",
        "partner",
        "agencies",
        "authorities",
    ];
    let lower = name.trim().to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let counted = words
        .first()
        .is_some_and(|w| COUNTS.contains(w) || w.bytes().all(|b| b.is_ascii_digit()))
        && words.iter().skip(1).take(2).any(|w| PLURALS.contains(w));
    ["unnamed", "not named", "(all)", "etc."]
        .iter()
        .any(|w| lower.contains(w))
        || GENERIC.contains(&lower.as_str())
        || counted
}

/// A row of one of the dataset's tables: where a problem is. Formatted
/// only when there is one, since validation runs on every visit.
#[derive(Debug, Clone, Copy)]
struct Row {
    table: &'static str,
    index: usize,
}

impl Row {
    /// "concordat.json: events[3].sources".
    fn at(self, field: &str) -> String {
        format!("{FILE_NAME}: {}[{}].{field}", self.table, self.index)
    }
}

/// Each item of a table with its row.
fn rows<'a, T>(table: &'static str, items: &'a [T]) -> impl Iterator<Item = (Row, &'a T)> {
    (0..).map(move |index| Row { table, index }).zip(items)
}

/// The ids each table defines, for checking references to them.
#[derive(Default)]
struct Ids<'a> {
    statuses: HashSet<&'a str>,
    regions: HashSet<&'a str>,
    areas: HashSet<&'a str>,
    sources: HashSet<&'a str>,
    focus_areas: HashSet<&'a str>,
    themes: HashSet<&'a str>,
    kinds: HashSet<&'a str>,
    groups: HashSet<&'a str>,
}

/// Validation's state: the data, the ids it defines, the problems so far.
struct Checker<'a> {
    data: &'a Dataset,
    ids: Ids<'a>,
    problems: Vec<Problem>,
}

/// Every internal inconsistency in the dataset, each with its place:
/// duplicate ids first, then each table's rows in the file's order.
pub fn validate(data: &Dataset) -> Vec<Problem> {
    let mut check = Checker {
        data,
        ids: Ids::default(),
        problems: Vec::new(),
    };
    check.header();
    check.ids = check.unique_ids();
    check.vocabulary();
    check.groups();
    check.events();
    check.problems.extend(impossible_orders(data));
    check.facts();
    check.problems
}

impl<'a> Checker<'a> {
    fn add(&mut self, place: String, message: impl Into<String>) {
        self.problems.push(Problem::new(place, message));
    }

    fn header(&mut self) {
        if self.data.format_version > FORMAT_VERSION {
            let message = format!(
                "version {} is newer than this app understands ({FORMAT_VERSION}); \
                 newer fields are ignored",
                self.data.format_version
            );
            self.add(format!("{FILE_NAME}: format_version"), message);
        }
        if self.data.statuses.is_empty() {
            self.add(format!("{FILE_NAME}: statuses"), "no statuses defined");
        }
    }

    fn unique_ids(&mut self) -> Ids<'a> {
        let d = self.data;
        // Nothing refers to an event, but two with one id are still a mistake.
        self.unique(("events", "id", "event id"), &d.events, |e| &e.id);
        Ids {
            statuses: self.unique(("statuses", "id", "status id"), &d.statuses, |s| &s.id),
            regions: self.unique(("regions", "code", "region code"), &d.regions, |r| &r.code),
            areas: self.unique(("areas", "code", "area code"), &d.areas, |a| &a.code),
            sources: self.unique(("sources", "id", "source id"), &d.sources, |s| &s.id),
            focus_areas: self.unique(
                ("focus_areas", "id", "focus area id"),
                &d.focus_areas,
                |f| &f.id,
            ),
            themes: self.unique(("themes", "id", "theme id"), &d.themes, |t| &t.id),
            kinds: self.unique(
                ("signatory_kinds", "id", "signatory kind id"),
                &d.signatory_kinds,
                |k| &k.id,
            ),
            groups: self.unique(("groups", "id", "group id"), &d.groups, |g| &g.id),
        }
    }

    /// A table's ids, each seen twice a problem; `what` names the table, its
    /// id field and what an id is.
    fn unique<T>(
        &mut self,
        (table, field, what): (&'static str, &str, &str),
        items: &'a [T],
        id: fn(&T) -> &String,
    ) -> HashSet<&'a str> {
        let mut seen = HashSet::new();
        for (row, item) in rows(table, items) {
            let id = id(item);
            if !seen.insert(id.as_str()) {
                self.add(row.at(field), format!("duplicate {what} {id}"));
            }
        }
        seen
    }

    fn name(&mut self, row: Row, field: &str, name: &str) {
        if name.trim().is_empty() {
            self.add(row.at(field), "empty name");
        }
    }

    /// `id`, in `field` of `row`, must be one of `known`'s.
    fn known(
        &mut self,
        known: for<'i> fn(&'i Ids<'a>) -> &'i HashSet<&'a str>,
        row: Row,
        field: &str,
        what: &str,
        id: &str,
    ) {
        if !known(&self.ids).contains(id) {
            self.add(row.at(field), format!("unknown {what} {id}"));
        }
    }

    /// The tables that name things: statuses, regions, areas, sources, themes.
    fn vocabulary(&mut self) {
        let d = self.data;
        for (row, status) in rows("statuses", &d.statuses) {
            self.name(row, "label", &status.label);
            if !is_hex_colour(&status.colour) {
                let message = format!("\"{}\" is not a colour of the form #rrggbb", status.colour);
                self.add(row.at("colour"), message);
            }
        }
        for (row, region) in rows("regions", &d.regions) {
            self.name(row, "name", &region.name);
        }
        for (row, area) in rows("areas", &d.areas) {
            self.name(row, "name", &area.name);
            self.known(|i| &i.regions, row, "region", "region code", &area.region);
        }
        for (row, source) in rows("sources", &d.sources) {
            self.name(row, "title", &source.title);
            if !is_http_url(&source.url) {
                self.add(
                    row.at("url"),
                    format!("\"{}\" is not an http(s) link", source.url),
                );
            }
        }
        for (row, theme) in rows("themes", &d.themes) {
            self.name(row, "label", &theme.label);
            self.known(
                |i| &i.focus_areas,
                row,
                "focus_area",
                "focus area",
                &theme.focus_area,
            );
        }
    }

    fn groups(&mut self) {
        for (row, group) in rows("groups", &self.data.groups) {
            self.name(row, "name", &group.name);
            if group.areas.is_empty() {
                self.add(row.at("areas"), "no areas");
            }
            self.area_codes(row, &group.areas);
            if group
                .areas_inferred
                .as_deref()
                .is_some_and(|why| why.trim().is_empty())
            {
                self.add(
                    row.at("areas_inferred"),
                    "an inferred membership needs its reason",
                );
            }
            if let Some(parent) = &group.parent
                && (!self.ids.groups.contains(parent.as_str()) || parent == &group.id)
            {
                self.add(row.at("parent"), format!("unknown parent group {parent}"));
            }
            self.cited(row, &group.sources, &group.locators);
        }
    }

    fn events(&mut self) {
        let d = self.data;
        for (row, event) in rows("events", &d.events) {
            self.known(|i| &i.statuses, row, "status", "status", &event.status);
            if let Some(group) = &event.group {
                self.known(|i| &i.groups, row, "group", "group", group);
            }
            if d.event_areas(event).is_empty() && event.group.is_none() {
                self.add(row.at("areas"), "no areas");
            }
            self.area_codes(row, &event.areas);
            if event.date.is_none() && event.bound {
                self.add(row.at("bound"), "a bound needs a date");
            }
            self.cited(row, &event.sources, &event.locators);
            self.stated(row, event.date, event.stated.as_ref(), &event.sources);
        }
    }

    /// What groups recorded: signatories, plan themes, milestones.
    fn facts(&mut self) {
        let d = self.data;
        for (row, signatory) in rows("signatories", &d.signatories) {
            self.known(|i| &i.groups, row, "group", "group", &signatory.group);
            self.name(row, "name", &signatory.name);
            if placeholder_name(&signatory.name) {
                let message = format!(
                    "\"{}\" names no organisation: a signatory is one the source names",
                    signatory.name
                );
                self.add(row.at("name"), message);
            }
            if !self.ids.kinds.contains(signatory.kind.as_str()) {
                self.add(
                    row.at("kind"),
                    format!("unknown kind \"{}\"", signatory.kind),
                );
            }
            self.cited(row, &signatory.sources, &signatory.locators);
        }
        for (row, link) in rows("group_themes", &d.group_themes) {
            self.known(|i| &i.groups, row, "group", "group", &link.group);
            self.area_codes(row, &link.areas);
            self.known(|i| &i.themes, row, "theme", "theme", &link.theme);
            self.cited(row, &link.sources, &link.locators);
        }
        for (row, milestone) in rows("milestones", &d.milestones) {
            if let Some(group) = &milestone.group {
                self.known(|i| &i.groups, row, "group", "group", group);
            }
            self.name(row, "text", &milestone.text);
            self.cited(row, &milestone.sources, &milestone.locators);
            self.stated(
                row,
                milestone.date,
                milestone.stated.as_ref(),
                &milestone.sources,
            );
        }
    }

    fn area_codes(&mut self, row: Row, codes: &[String]) {
        // The field's name is made only for a problem (so not by `known`).
        for (j, code) in codes.iter().enumerate() {
            if !self.ids.areas.contains(code.as_str()) {
                self.add(
                    row.at(&format!("areas[{j}]")),
                    format!("unknown area code {code}"),
                );
            }
        }
    }

    /// A fact's sources (at least one, each one the dataset has), and where
    /// in them it is stated: each locator for a source the fact cites, brief.
    fn cited(&mut self, row: Row, sources: &[String], locators: &Locators) {
        if sources.is_empty() {
            self.add(row.at("sources"), "no source: every fact needs one");
        }
        for (j, id) in sources.iter().enumerate() {
            if !self.ids.sources.contains(id.as_str()) {
                self.add(
                    row.at(&format!("sources[{j}]")),
                    format!("unknown source id {id}"),
                );
            }
        }
        for (id, text) in locators {
            let at = || row.at(&format!("locators.{id}"));
            if !sources.contains(id) {
                self.add(
                    at(),
                    format!("a locator for {id}, which the fact does not cite"),
                );
            }
            let length = text.trim().chars().count();
            if length == 0 {
                self.add(at(), "an empty locator");
            } else if length > LOCATOR_MAX_CHARS {
                let message = format!(
                    "{length} characters: a locator is a page, section or short quotation of at most {LOCATOR_MAX_CHARS}"
                );
                self.add(at(), message);
            }
        }
    }

    /// A fact's date says no more than its source: it contains the date as
    /// the source states it (so "2014-11" may rest on "2014-11-26", never
    /// the reverse), and that source is one the fact cites.
    fn stated(
        &mut self,
        row: Row,
        date: Option<PartialDate>,
        stated: Option<&Stated>,
        sources: &[String],
    ) {
        let Some(stated) = stated else {
            return;
        };
        if !sources.contains(&stated.source) {
            let message = format!("stated by {}, which the fact does not cite", stated.source);
            self.add(row.at("stated"), message);
        }
        match date {
            None => self.add(row.at("stated"), "a stated date on a fact with no date"),
            Some(date)
                if date.earliest() > stated.date.earliest()
                    || date.latest() < stated.date.latest() =>
            {
                let message = format!(
                    "{date} is not what its source says: {} states {}, so the date can be no more precise than that",
                    stated.source, stated.date
                );
                self.add(row.at("date"), message);
            }
            Some(_) => {}
        }
    }
}

/// A later status dated certainly before an earlier one for the same area,
/// e.g. a plan agreed before its declaration was made. National bounds are
/// left out: they say "by", not "on"; so are area codes the dataset does
/// not list (reported on their own). In time linear in the events: per area
/// and status the latest day one of its events may have started, so that
/// an area's events are looked through only where a problem is certain.
fn impossible_orders(data: &Dataset) -> Vec<Problem> {
    // An event's rank and date, if it is checked.
    let ranked = |event: &Event| {
        let rank = data.status_index(&event.status)?;
        (!event.bound && !event.national).then_some((rank, event.date?))
    };
    let index = area_index(data);
    let ranks = data.statuses.len();
    // Per area, its checked events (rank, earliest day, index); per area
    // and rank, the latest of their earliest days.
    let mut events_of: Vec<Vec<(usize, crate::date::Day, usize)>> =
        vec![Vec::new(); data.areas.len()];
    let mut latest_start: Vec<Option<crate::date::Day>> = vec![None; data.areas.len() * ranks];
    for (i, event) in data.events.iter().enumerate() {
        let Some((rank, date)) = ranked(event) else {
            continue;
        };
        for area in data.event_areas(event) {
            let Some(&a) = index.get(area.as_str()) else {
                continue;
            };
            if let Some(list) = events_of.get_mut(a) {
                list.push((rank, date.earliest(), i));
            }
            if let Some(slot) = latest_start.get_mut(a * ranks + rank) {
                *slot = (*slot).max(Some(date.earliest()));
            }
        }
    }
    let mut problems = Vec::new();
    for (i, later) in data.events.iter().enumerate() {
        let Some((later_rank, date)) = ranked(later) else {
            continue;
        };
        // Each event found once, even where the two share several areas.
        let mut found: Vec<usize> = Vec::new();
        for area in data.event_areas(later) {
            let Some(&a) = index.get(area.as_str()) else {
                continue;
            };
            // Earlier statuses but the first ("none").
            let earlier = 1..later_rank;
            let starts = latest_start
                .get(a * ranks + earlier.start..a * ranks + earlier.end)
                .unwrap_or_default();
            if !starts.iter().any(|s| s.is_some_and(|s| s > date.latest())) {
                continue;
            }
            for &(rank, earliest, j) in events_of.get(a).map_or(&[][..], Vec::as_slice) {
                if earlier.contains(&rank) && earliest > date.latest() && !found.contains(&j) {
                    found.push(j);
                }
            }
        }
        for j in found {
            let Some(earlier) = data.events.get(j) else {
                continue;
            };
            problems.push(Problem::new(
                format!("{FILE_NAME}: events[{i}].date"),
                format!(
                    "{} ({date}) is before {} ({}, events[{j}])",
                    later.status,
                    earlier.status,
                    earlier.date.map(|d| d.to_string()).unwrap_or_default()
                ),
            ));
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
        let (data, problems) = parse(SAMPLE).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        data
    }

    pub const SAMPLE: &str = include_str!("../../tests/fixtures/concordat.json");

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

    fn stated(source: &str, date: &str) -> Option<Stated> {
        Some(Stated {
            source: source.into(),
            date: date.parse().unwrap(),
            by: false,
            inferred: false,
        })
    }

    #[test]
    fn a_date_says_when_it_is_only_a_bound_or_its_year_is_inferred() {
        let mut event = sample().events[0].clone();
        event.date = Some("2014-12-17".parse().unwrap());
        event.national = false;
        event.bound = false;
        event.stated = stated("s1", "2014-12-17");
        assert_eq!(event.when().as_deref(), Some("17 December 2014"));
        if let Some(s) = event.stated.as_mut() {
            s.by = true;
            s.inferred = true;
        }
        event.bound = true;
        assert_eq!(
            event.when().as_deref(),
            Some("by 17 December 2014 (year inferred)")
        );
        let mut milestone = sample().milestones[0].clone();
        milestone.date = Some("2021-12-14".parse().unwrap());
        milestone.stated = stated("s1", "2021-12-14").map(|s| Stated {
            inferred: true,
            ..s
        });
        assert_eq!(
            milestone.when().as_deref(),
            Some("14 December 2021 (year inferred)")
        );
    }

    #[test]
    fn a_date_is_no_more_precise_than_its_source_states() {
        // Less precise than the source, or as precise: fine.
        check(|d| d.events[1].stated = stated("rouse", "2014-12-05"), &[]);
        check(|d| d.events[1].stated = stated("rouse", "2014-12"), &[]);
        check(
            |d| d.milestones[0].stated = stated("rouse", "2015-10-31"),
            &[],
        );
        // More precise than the source, or elsewhere.
        check(
            |d| d.events[3].stated = stated("rouse", "2015-02"),
            &[
                "concordat.json: events[3].date: 2015-02-10 is not what its source says: rouse states 2015-02, so the date can be no more precise than that",
            ],
        );
        check(
            |d| d.events[1].stated = stated("rouse", "2015-01"),
            &[
                "concordat.json: events[1].date: 2014-12 is not what its source says: rouse states 2015-01, so the date can be no more precise than that",
            ],
        );
        check(
            |d| d.milestones[0].stated = stated("rouse", "2015"),
            &[
                "concordat.json: milestones[0].date: 2015-10 is not what its source says: rouse states 2015, so the date can be no more precise than that",
            ],
        );
        check(
            |d| d.events[1].stated = stated("elsewhere", "2014-12"),
            &[
                "concordat.json: events[1].stated: stated by elsewhere, which the fact does not cite",
            ],
        );
        check(
            |d| d.events[2].stated = stated("rouse", "2014-12"),
            &["concordat.json: events[2].stated: a stated date on a fact with no date"],
        );
    }

    #[test]
    fn locators_point_briefly_into_a_cited_source() {
        let locate = |text: &str| Locators::from([("rouse".to_string(), text.to_string())]);
        check(
            |d| d.signatories[0].locators = locate("the list of signatories"),
            &[],
        );
        check(
            |d| d.events[1].locators = locate(&"x".repeat(LOCATOR_MAX_CHARS + 1)),
            &[
                "concordat.json: events[1].locators.rouse: 201 characters: a locator is a page, section or short quotation of at most 200",
            ],
        );
        check(
            |d| d.group_themes[0].locators = locate(" "),
            &["concordat.json: group_themes[0].locators.rouse: an empty locator"],
        );
        check(
            |d| {
                d.milestones[0].locators =
                    Locators::from([("gov".to_string(), "page 3".to_string())]);
            },
            &[
                "concordat.json: milestones[0].locators.gov: a locator for gov, which the fact does not cite",
            ],
        );
    }

    #[test]
    fn placeholder_signatories_are_refused() {
        for name in [
            "Police (unnamed)",
            "Councils in North Yorkshire (all)",
            "Four CCGs (incl. Hardwick CCG)",
            "25 partner organisations (not named in source)",
            "CCGs (North Staffs, Stoke-on-Trent, etc.)",
            "Police",
            " ccgs ",
        ] {
            assert!(placeholder_name(name), "{name}");
        }
        for name in [
            "Surrey Police",
            "NHS England",
            "Police and Crime Commissioner for Greater Manchester (Tony Lloyd)",
            "Mind (Norwich and Central Norfolk)",
            "2gether NHS Foundation Trust",
            "Three Rivers District Council",
            "Five Boroughs Partnership NHS Foundation Trust",
            "111 Service",
        ] {
            assert!(!placeholder_name(name), "{name}");
        }
        check(
            |d| d.signatories[0].name = "Ambulance trust (unnamed)".into(),
            &[
                "concordat.json: signatories[0].name: \"Ambulance trust (unnamed)\" names no organisation: a signatory is one the source names",
            ],
        );
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
            &[
                "concordat.json: areas[2].code: duplicate area code E10000030",
                "concordat.json: events[3].areas[0]: unknown area code E10000016",
            ],
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
            |d| d.format_version = 3,
            &[
                "concordat.json: format_version: version 3 is newer than this app understands (2); newer fields are ignored",
            ],
        );
        check(
            |d| d.groups[0].areas.push("E10000099".into()),
            &["concordat.json: groups[0].areas[2]: unknown area code E10000099"],
        );
        check(
            |d| d.groups[0].parent = Some("north".into()),
            &["concordat.json: groups[0].parent: unknown parent group north"],
        );
        check(
            |d| d.events[2].group = Some("north".into()),
            &["concordat.json: events[2].group: unknown group north"],
        );
        check(
            |d| d.signatories[1].kind = "polic".into(),
            &["concordat.json: signatories[1].kind: unknown kind \"polic\""],
        );
        check(
            |d| d.signatories[0].name.clear(),
            &["concordat.json: signatories[0].name: empty name"],
        );
        check(
            |d| d.group_themes[0].theme = "triage".into(),
            &["concordat.json: group_themes[0].theme: unknown theme triage"],
        );
        check(
            |d| d.themes[1].focus_area = "later".into(),
            &["concordat.json: themes[1].focus_area: unknown focus area later"],
        );
        check(
            |d| d.signatory_kinds[2].id = "police".into(),
            &[
                "concordat.json: signatory_kinds[2].id: duplicate signatory kind id police",
                "concordat.json: signatories[1].kind: unknown kind \"voluntary_sector\"",
            ],
        );
        check(
            |d| d.milestones[0].sources.clear(),
            &[
                "concordat.json: milestones[0].sources: no source: every fact needs one",
                "concordat.json: milestones[0].locators.rouse: a locator for rouse, which the fact does not cite",
            ],
        );
        check(
            |d| d.events[2].bound = true,
            &["concordat.json: events[2].bound: a bound needs a date"],
        );
    }

    #[test]
    fn a_plan_dated_before_its_declaration_is_impossible() {
        let mut data = sample();
        data.events[2].date = Some("2014-12-01".parse().unwrap());
        data.events.push(Event {
            id: "south-plan".into(),
            status: "plan".into(),
            group: Some("south".into()),
            date: Some("2014-11".parse().unwrap()),
            stated: None,
            bound: false,
            national: false,
            label: None,
            areas: Vec::new(),
            sources: vec!["rouse".into()],
            locators: Locators::new(),
            note: None,
        });
        assert_eq!(
            messages(&data),
            [
                "concordat.json: events[4].date: plan (2014-11) is before declared (2014-12-01, events[2])"
            ]
        );
        // A plan dated December 2014 may be after the 1st: no problem.
        data.events[4].date = Some("2014-12".parse().unwrap());
        assert_eq!(messages(&data), Vec::<String>::new());
    }

    #[test]
    fn an_area_is_covered_by_its_groups_and_their_wider_groups() {
        let mut data = sample();
        let mut wider = data.groups[0].clone();
        wider.id = "wider".into();
        wider.areas = vec![];
        data.groups.push(wider.clone());
        data.groups[0].parent = Some("wider".into());
        // A cycle must not hang the walk. The wider group comes first in the
        // file but after the area's own group in the answer.
        data.groups[1].parent = Some("south".into());
        data.groups.swap(0, 1);
        let ids = |code: &str| -> Vec<String> {
            data.groups_covering(code)
                .iter()
                .map(|g| g.id.clone())
                .collect()
        };
        assert_eq!(ids("E10000030"), ["south", "wider"]);
        assert!(ids("E10000016").is_empty());
    }

    #[test]
    fn siblings_are_the_other_areas_of_the_groups() {
        let data = sample();
        assert_eq!(data.group_siblings("E10000030"), ["E10000013"]);
        assert!(data.group_siblings("E10000016").is_empty());
    }

    #[test]
    fn version_1_files_still_load() {
        let v1 = r##"{"format_version": 1, "title": "Old", "last_updated": "2026-11-22",
            "view_date": "2014-12-31",
            "statuses": [{"id": "none", "label": "No declaration yet", "colour": "#cccccc"}],
            "regions": [], "areas": [], "sources": [], "events": []}"##;
        let (data, problems) = parse(v1).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert!(data.groups.is_empty() && data.themes.is_empty());
        assert_eq!(messages(&data), Vec::<String>::new());
    }

    #[test]
    fn a_bad_record_is_skipped_and_named_and_the_rest_kept() {
        let text = SAMPLE.replace("\"date\": \"2014-12\"", "\"date\": \"2014-14\"");
        let (data, problems) = parse(&text).unwrap();
        assert_eq!(data.events.len(), 3, "the other events are kept");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0]
                .to_string()
                .starts_with("concordat.json: events[1]: skipped: ")
        );
        assert!(
            problems[0].message.contains("no month 14"),
            "{}",
            problems[0]
        );
        let mut json: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
        json["regions"] = serde_json::json!({"not": "a list"});
        let (data, problems) = parse(&json.to_string()).unwrap();
        assert!(data.regions.is_empty());
        assert_eq!(
            problems[0].to_string(),
            "concordat.json: regions: expected a list"
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
