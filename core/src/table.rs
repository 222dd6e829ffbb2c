//! The table of areas: which rows the filters show and in what order, and
//! the same rows as CSV or JSON for download. The table is the non-map way
//! through the data, so it says exactly what the map says.

use crate::date::Day;
use crate::model::{AreaView, MapModel, NOT_RECORDED_LABEL};
use crate::timeline::{AreaAt, Snapshot};
use std::cmp::Ordering;

/// A column of the table of areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    #[default]
    Area,
    Region,
    Status,
    Reached,
    Group,
    Signatories,
    Themes,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::Area,
        Column::Region,
        Column::Status,
        Column::Reached,
        Column::Group,
        Column::Signatories,
        Column::Themes,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Column::Area => "area",
            Column::Region => "region",
            Column::Status => "status",
            Column::Reached => "reached",
            Column::Group => "group",
            Column::Signatories => "signatories",
            Column::Themes => "themes",
        }
    }
}

/// The table's order: by `column`, descending if `descending`; ties by area name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

impl Sort {
    /// `reached` or `-reached`.
    pub fn parse(value: &str) -> Option<Sort> {
        let (descending, key) = match value.trim().strip_prefix('-') {
            Some(key) => (true, key),
            None => (false, value.trim()),
        };
        Column::ALL
            .into_iter()
            .find(|c| c.key().eq_ignore_ascii_case(key))
            .map(|column| Sort { column, descending })
    }

    pub fn key(self) -> String {
        format!(
            "{}{}",
            if self.descending { "-" } else { "" },
            self.column.key()
        )
    }
}

/// The areas `shown` marks, as indices into `model.areas`, in `sort` order
/// on the snapshot's day; ties (and areas equal in the column) go by name.
/// Unknown values (no date, no group) sort after known ones whichever the
/// direction.
pub fn rows(model: &MapModel, snapshot: &Snapshot, shown: &[bool], sort: Sort) -> Vec<usize> {
    let mut keys: Vec<(usize, Key)> = model
        .areas
        .iter()
        .enumerate()
        .filter(|&(i, _)| shown.get(i).copied().unwrap_or(false))
        .map(|(i, area)| (i, Key::of(model, snapshot, i, area)))
        .collect();
    keys.sort_by(|(_, a), (_, b)| {
        let by_column = a.compare(b, sort.column);
        let by_column = if sort.descending {
            by_column.map(Ordering::reverse)
        } else {
            by_column
        };
        by_column
            .unwrap_or_else(|| b.known(sort.column).cmp(&a.known(sort.column)))
            .then_with(|| a.area.name.cmp(&b.area.name))
    });
    keys.into_iter().map(|(i, _)| i).collect()
}

/// What an area is sorted by: its fixed facts and, on the day, its status
/// and when it was reached.
struct Key<'a> {
    area: &'a AreaView,
    status: Option<usize>,
    reached: Option<Day>,
}

impl<'a> Key<'a> {
    fn of(model: &'a MapModel, snapshot: &Snapshot, i: usize, area: &'a AreaView) -> Key<'a> {
        let at = snapshot.areas.get(i);
        Key {
            area,
            status: at.and_then(|at| at.status),
            reached: at.and_then(|at| model.reached_day(at)),
        }
    }

    /// The order of two areas in `column` when both values are known; None
    /// when either is not, so that unknowns stay last.
    fn compare(&self, other: &Key, column: Column) -> Option<Ordering> {
        let (a, b) = (self.area, other.area);
        match column {
            Column::Area => Some(a.name.cmp(&b.name)),
            Column::Region => Some(a.region.as_ref()?.cmp(b.region.as_ref()?)),
            Column::Status => Some(self.status?.cmp(&other.status?)),
            Column::Reached => Some(self.reached?.cmp(&other.reached?)),
            Column::Group => Some(a.groups.first()?.cmp(b.groups.first()?)),
            Column::Signatories => Some(a.signatories.cmp(&b.signatories)),
            Column::Themes => Some(a.facts.themes.len().cmp(&b.facts.themes.len())),
        }
    }

    fn known(&self, column: Column) -> bool {
        match column {
            Column::Region => self.area.region.is_some(),
            Column::Status => self.status.is_some(),
            Column::Reached => self.reached.is_some(),
            Column::Group => !self.area.groups.is_empty(),
            _ => true,
        }
    }
}

/// One exported row, as text: what the table shows, with codes and sources.
struct Record {
    code: String,
    area: String,
    region: String,
    status: String,
    status_id: String,
    reached: String,
    groups: String,
    group_list: Vec<String>,
    signatories: usize,
    themes: usize,
    sources: Vec<String>,
}

fn record(model: &MapModel, area: &AreaView, at: &AreaAt) -> Record {
    Record {
        code: area.code.clone(),
        area: area.name.clone(),
        region: area.region.clone().unwrap_or_default(),
        status: model.status_label(at).to_string(),
        status_id: model.status_id(at).to_string(),
        reached: model.reached(at).unwrap_or_default(),
        groups: area.groups.join("; "),
        group_list: area.groups.clone(),
        signatories: area.signatories,
        themes: area.facts.themes.len(),
        sources: model.area_source_urls(&area.code),
    }
}

/// The records of `rows`, in order.
fn records(model: &MapModel, snapshot: &Snapshot, rows: &[usize]) -> Vec<Record> {
    rows.iter()
        .filter_map(|&i| Some(record(model, model.areas.get(i)?, snapshot.areas.get(i)?)))
        .collect()
}

const HEADER: [&str; 11] = [
    "code",
    "area",
    "region",
    "status",
    "status_id",
    "reached",
    "groups",
    "signatories_recorded",
    "themes_recorded",
    "sources",
    "dataset_version",
];

/// A spreadsheet-safe CSV field: a value that a spreadsheet would run as a
/// formula (starting `=`, `+`, `-`, `@`, tab or carriage return) is prefixed
/// with `'`; a value with a comma, quote or line break is quoted, its
/// quotes doubled (RFC 4180).
pub fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The rows as CSV: UTF-8 without a byte-order mark, CRLF line ends, a
/// header row; sources are URLs separated by spaces; empty = not recorded.
/// Each row names the dataset's version, so a file passed on still says
/// which data it came from.
pub fn csv(model: &MapModel, snapshot: &Snapshot, rows: &[usize]) -> String {
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    let version = model.data.version.clone().unwrap_or_default();
    for r in records(model, snapshot, rows) {
        let fields = [
            r.code,
            r.area,
            r.region,
            r.status,
            r.status_id,
            r.reached,
            r.groups,
            r.signatories.to_string(),
            r.themes.to_string(),
            r.sources.join(" "),
            version.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The rows as a JSON array of objects with the CSV's fields; not recorded
/// is `null`, lists are arrays.
pub fn json(model: &MapModel, snapshot: &Snapshot, rows: &[usize]) -> String {
    let text = |s: &str| {
        if s.is_empty() {
            serde_json::Value::Null
        } else {
            s.into()
        }
    };
    let records: Vec<serde_json::Value> = records(model, snapshot, rows)
        .into_iter()
        .map(|r| {
            serde_json::json!({
                "code": r.code,
                "area": r.area,
                "region": text(&r.region),
                "status": r.status,
                "status_id": r.status_id,
                "reached": text(&r.reached),
                "groups": r.group_list,
                "signatories_recorded": r.signatories,
                "themes_recorded": r.themes,
                "sources": r.sources,
                "dataset_version": model.data.version,
            })
        })
        .collect();
    serde_json::to_string_pretty(&records).unwrap_or_else(|_| "[]".into())
}

/// What the table shows in a cell of `column` for `area` (`at` on the day).
pub fn cell(model: &MapModel, area: &AreaView, at: &AreaAt, column: Column) -> String {
    match column {
        Column::Area => area.name.clone(),
        Column::Region => area
            .region
            .clone()
            .unwrap_or_else(|| NOT_RECORDED_LABEL.into()),
        Column::Status => model.status_label(at).to_string(),
        Column::Reached => model
            .reached(at)
            .unwrap_or_else(|| NOT_RECORDED_LABEL.into()),
        Column::Group => {
            if area.groups.is_empty() {
                NOT_RECORDED_LABEL.into()
            } else {
                area.groups.join("; ")
            }
        }
        Column::Signatories => area.signatories.to_string(),
        Column::Themes => area.facts.themes.len().to_string(),
    }
}

/// The column's heading.
pub fn heading(column: Column) -> &'static str {
    match column {
        Column::Area => "Area",
        Column::Region => "Region",
        Column::Status => "Status",
        Column::Reached => "Reached",
        Column::Group => "Local group",
        Column::Signatories => "Signatories recorded",
        Column::Themes => "Themes recorded",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{dataset, model};

    fn sample() -> MapModel {
        model::from_texts(crate::atlas::tests::SAMPLE, dataset::tests::SAMPLE).unwrap()
    }

    fn names(model: &MapModel, rows: &[usize]) -> Vec<String> {
        rows.iter().map(|&i| model.areas[i].name.clone()).collect()
    }

    fn sort(column: Column, descending: bool) -> Sort {
        Sort { column, descending }
    }

    #[test]
    fn rows_follow_the_filter_and_every_column_sorts_both_ways() {
        // Surrey's plan before Gloucestershire's declaration deadline.
        let mut data = dataset::tests::sample();
        for plan in data.events.iter_mut().filter(|e| e.status == "plan") {
            plan.date = "2014-10".parse().ok();
            plan.stated = None;
        }
        let (atlas, _) = crate::atlas::Atlas::parse(crate::atlas::tests::SAMPLE).unwrap();
        let model = model::build(atlas, data, Vec::new());
        let at = model.at(model.view_day);
        let rows = |shown: &[bool], sort| super::rows(&model, &at, shown, sort);
        let all = vec![true; 3];
        assert_eq!(
            names(&model, &rows(&all, Sort::default())),
            ["Gloucestershire", "Kent", "Surrey"]
        );
        assert_eq!(
            names(&model, &rows(&[true, false, true], Sort::default())),
            ["Kent", "Surrey"]
        );
        // Status in order of progress.
        assert_eq!(
            names(&model, &rows(&all, sort(Column::Status, true))),
            ["Surrey", "Gloucestershire", "Kent"]
        );
        // Kent has no date: last both ways.
        assert_eq!(
            names(&model, &rows(&all, sort(Column::Reached, false))),
            ["Surrey", "Gloucestershire", "Kent"]
        );
        assert_eq!(
            names(&model, &rows(&all, sort(Column::Reached, true))),
            ["Gloucestershire", "Surrey", "Kent"]
        );
        assert_eq!(
            names(&model, &rows(&all, sort(Column::Group, true))),
            ["Gloucestershire", "Surrey", "Kent"]
        );
        // Every other column both ways; ties by name, whatever the direction.
        for (column, descending, expected) in [
            (Column::Area, true, ["Surrey", "Kent", "Gloucestershire"]),
            (Column::Region, false, ["Kent", "Surrey", "Gloucestershire"]),
            (Column::Region, true, ["Gloucestershire", "Kent", "Surrey"]),
            (
                Column::Signatories,
                false,
                ["Kent", "Gloucestershire", "Surrey"],
            ),
            (
                Column::Signatories,
                true,
                ["Gloucestershire", "Surrey", "Kent"],
            ),
            (Column::Themes, false, ["Kent", "Gloucestershire", "Surrey"]),
            (Column::Themes, true, ["Gloucestershire", "Surrey", "Kent"]),
            (Column::Group, false, ["Gloucestershire", "Surrey", "Kent"]),
        ] {
            assert_eq!(
                names(&model, &rows(&all, sort(column, descending))),
                expected,
                "{column:?} descending={descending}"
            );
        }
    }

    #[test]
    fn csv_fields_are_quoted_and_formulas_neutralised() {
        assert_eq!(csv_field("Surrey"), "Surrey");
        assert_eq!(
            csv_field("Kingston upon Hull, City of"),
            "\"Kingston upon Hull, City of\""
        );
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        for formula in ["+1", "-1", "@SUM(A1)", "\tx"] {
            assert!(csv_field(formula).starts_with('\'') || csv_field(formula).starts_with("\"'"));
        }
        assert_eq!(
            csv_field("Bath and North East Somerset"),
            "Bath and North East Somerset"
        );
        assert_eq!(csv_field("Ynys Môn — Café"), "Ynys Môn — Café");
    }

    #[test]
    fn csv_and_json_carry_the_rows_and_their_sources() {
        let mut model = sample();
        model.areas[2].name = "=cmd|' /C calc'!A0, \"Kent\"".into();
        std::sync::Arc::make_mut(&mut model.data).version = Some("2026.12.0".into());
        let at = model.at(model.view_day);
        let order = [1, 2, 0];
        let text = csv(&model, &at, &order);
        assert!(!text.starts_with('\u{feff}'));
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], HEADER.join(","));
        assert_eq!(lines.len(), 5, "header, three rows, and the last line end");
        assert!(
            lines[1].starts_with("E10000013,Gloucestershire,South West,Declaration made,declared,")
        );
        assert!(
            lines[1].ends_with(",https://jonrouse.blog.gov.uk/2014/12/31/concordat-map,2026.12.0")
        );
        assert!(text.contains("\"'=cmd|' /C calc'!A0, \"\"Kent\"\"\""));
        let json: serde_json::Value = serde_json::from_str(&json(&model, &at, &order)).unwrap();
        assert_eq!(json.as_array().unwrap().len(), 3);
        assert_eq!(json[0]["code"], "E10000013");
        assert_eq!(json[0]["groups"][0], "Surrey and Gloucestershire");
        assert_eq!(json[0]["signatories_recorded"], 2);
        assert_eq!(json[0]["themes_recorded"], 1);
        assert_eq!(json[2]["dataset_version"], "2026.12.0");
        assert_eq!(json[1]["reached"], serde_json::Value::Null);
        assert_eq!(json[1]["area"], "=cmd|' /C calc'!A0, \"Kent\"");
    }

    #[test]
    fn a_sort_reads_back_what_it_writes() {
        for column in Column::ALL {
            for descending in [false, true] {
                let sort = Sort { column, descending };
                assert_eq!(Sort::parse(&sort.key()), Some(sort));
            }
        }
        assert_eq!(
            Sort::parse("-Reached").map(Sort::key).as_deref(),
            Some("-reached")
        );
        assert_eq!(Sort::parse("elsewhere"), None);
    }
}
