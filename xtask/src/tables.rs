//! The dataset as spreadsheets: one CSV file per table, for maintainers who
//! are not programmers. Export then import gives back exactly the same file.
//! Import checks every cell and then the whole dataset, reports every problem
//! as `file row R, column C: …`, and writes nothing if there is any.
//!
//! In a cell: a list is written `a; b; c`; yes/no columns take `yes` or are
//! left empty; an empty optional cell means "not recorded". Where a fact is
//! stated in its sources is written `s029: item 98 | s028: "late November"`
//! (a source id, a colon, the locator; ` | ` between sources), and the date
//! as a source states it `s029 2014-11-26`.

use crate::cmd::Result;
use concordat_core::dataset::{self, Dataset, Signed};
use concordat_core::date::PartialDate;
use serde_json::{Map, Value};
use std::path::Path;

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Cell {
    Text,
    OptionalText,
    List,
    YesNo,
    Date,
    OptionalDate,
    /// Source id → where in it: `s1: page 3 | s2: item 98`.
    Locators,
    /// A source id and the date it states, then `by` where that is the
    /// source's own date, not the fact's, and `inferred` where its year is
    /// read from context: `s1 2014-11-26`, `s2 2014-12-05 by`.
    Stated,
    /// One of these words, or empty.
    OneOf(&'static [&'static str]),
}

use Cell::*;

/// Each table: its JSON key (and CSV file stem) and its columns in order.
pub(crate) const TABLES: &[(&str, &[(&str, Cell)])] = &[
    (
        "statuses",
        &[
            ("id", Text),
            ("label", Text),
            ("colour", Text),
            ("meaning", OptionalText),
        ],
    ),
    ("focus_areas", &[("id", Text), ("label", Text)]),
    (
        "themes",
        &[("id", Text), ("label", Text), ("focus_area", Text)],
    ),
    (
        "signatory_kinds",
        &[("id", Text), ("label", Text), ("core", YesNo)],
    ),
    ("regions", &[("code", Text), ("name", Text)]),
    ("areas", &[("code", Text), ("name", Text), ("region", Text)]),
    (
        "groups",
        &[
            ("id", Text),
            ("name", Text),
            ("areas", List),
            ("parent", OptionalText),
            ("areas_inferred", OptionalText),
            ("signatories_complete", YesNo),
            ("sources", List),
            ("locators", Locators),
            ("note", OptionalText),
        ],
    ),
    (
        "sources",
        &[
            ("id", Text),
            ("title", Text),
            ("url", Text),
            ("publisher", OptionalText),
            ("date", OptionalDate),
            ("mirror", YesNo),
        ],
    ),
    (
        "events",
        &[
            ("id", Text),
            ("status", Text),
            ("group", OptionalText),
            ("date", OptionalDate),
            ("stated", Stated),
            ("bound", YesNo),
            ("national", YesNo),
            ("label", OptionalText),
            ("areas", List),
            ("sources", List),
            ("locators", Locators),
            ("note", OptionalText),
        ],
    ),
    (
        "signatories",
        &[
            ("group", Text),
            ("name", Text),
            ("kind", Text),
            ("signed", OneOf(&Signed::NAMES)),
            ("sources", List),
            ("locators", Locators),
        ],
    ),
    (
        "group_themes",
        &[
            ("group", Text),
            ("theme", Text),
            ("areas", List),
            ("sources", List),
            ("locators", Locators),
        ],
    ),
    (
        "milestones",
        &[
            ("group", OptionalText),
            ("date", OptionalDate),
            ("stated", Stated),
            ("text", Text),
            ("sources", List),
            ("locators", Locators),
        ],
    ),
];

/// The single values, kept in `dataset.csv` as `field,value` rows.
const SETTINGS: &[(&str, Cell)] = &[
    ("format_version", Text),
    ("title", Text),
    ("version", OptionalText),
    ("last_updated", Date),
    ("view_date", Date),
];

fn to_cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join("; "),
        // A stated date.
        Value::Object(o) if o.contains_key("source") && o.contains_key("date") => {
            let mut stated = format!("{} {}", to_cell(&o["source"]), to_cell(&o["date"]));
            for flag in STATED_FLAGS {
                if o.get(flag) == Some(&Value::Bool(true)) {
                    stated = format!("{stated} {flag}");
                }
            }
            stated
        }
        // Locators, by source id.
        Value::Object(o) => o
            .iter()
            .map(|(id, v)| format!("{id}: {}", to_cell(v)))
            .collect::<Vec<_>>()
            .join(LOCATOR_SEPARATOR),
        other => other.to_string(),
    }
}

const LOCATOR_SEPARATOR: &str = " | ";

/// The words that may follow a stated date.
const STATED_FLAGS: [&str; 2] = ["by", "inferred"];

/// A cell as JSON, or None to leave the field out (its default applies).
fn from_cell(text: &str, kind: Cell) -> std::result::Result<Option<Value>, String> {
    let text = text.trim();
    Ok(match kind {
        Text => Some(Value::String(text.to_string())),
        OptionalText | OptionalDate if text.is_empty() => None,
        OptionalText => Some(Value::String(text.to_string())),
        Date | OptionalDate => {
            text.parse::<PartialDate>().map_err(|e| e.to_string())?;
            Some(Value::String(text.to_string()))
        }
        List if text.is_empty() => Some(Value::Array(Vec::new())),
        List => Some(Value::Array(
            text.split(';')
                .map(|item| Value::String(item.trim().to_string()))
                .collect(),
        )),
        Locators | Stated if text.is_empty() => None,
        Locators => {
            let mut map = Map::new();
            for entry in text.split(LOCATOR_SEPARATOR.trim()) {
                let (id, locator) = entry.split_once(':').ok_or_else(|| {
                    format!("\"{}\" is not `source id: where in it`", entry.trim())
                })?;
                let id = id.trim();
                if map
                    .insert(id.to_string(), Value::String(locator.trim().to_string()))
                    .is_some()
                {
                    return Err(format!("two locators for {id}"));
                }
            }
            Some(Value::Object(map))
        }
        Stated => {
            let form = || format!("\"{text}\" is not `source id date [by] [inferred]`");
            let mut words = text.split_whitespace();
            let (Some(source), Some(date)) = (words.next(), words.next()) else {
                return Err(form());
            };
            date.parse::<PartialDate>().map_err(|e| e.to_string())?;
            let mut map = Map::new();
            map.insert("source".into(), Value::String(source.to_string()));
            map.insert("date".into(), Value::String(date.to_string()));
            for word in words {
                if !STATED_FLAGS.contains(&word) || map.contains_key(word) {
                    return Err(form());
                }
                map.insert(word.to_string(), Value::Bool(true));
            }
            Some(Value::Object(map))
        }
        OneOf(_) if text.is_empty() => None,
        OneOf(names) => {
            if !names.contains(&text) {
                return Err(format!("\"{text}\" is not one of {}", names.join(", ")));
            }
            Some(Value::String(text.to_string()))
        }
        YesNo => match text.to_ascii_lowercase().as_str() {
            "" | "no" | "false" => None,
            "yes" | "true" => Some(Value::Bool(true)),
            other => return Err(format!("\"{other}\" is not yes or no")),
        },
    })
}

fn write_csv(path: &Path, header: &[&str], rows: Vec<Vec<String>>) -> Result {
    let mut writer = csv::Writer::from_path(path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let mut write = |row: &[String]| {
        writer
            .write_record(row)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    write(&header.iter().map(|h| h.to_string()).collect::<Vec<_>>())?;
    for row in &rows {
        write(row)?;
    }
    writer
        .flush()
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Writes the single values of `data` (`dataset.csv`) into `dir`.
pub fn write_settings(data: &Dataset, dir: &Path) -> Result {
    let json = serde_json::to_value(data).map_err(|e| format!("cannot encode: {e}"))?;
    let settings = SETTINGS
        .iter()
        .map(|(field, _)| vec![field.to_string(), to_cell(&json[field])])
        .collect();
    write_csv(&dir.join("dataset.csv"), &["field", "value"], settings)
}

/// Writes every table of `data` into `dir`.
pub fn export(data: &Dataset, dir: &Path) -> Result {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let json = serde_json::to_value(data).map_err(|e| format!("cannot encode: {e}"))?;
    write_settings(data, dir)?;
    for (table, columns) in TABLES {
        let rows = json[table]
            .as_array()
            .into_iter()
            .flatten()
            .map(|record| columns.iter().map(|(c, _)| to_cell(&record[c])).collect())
            .collect();
        let header: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
        write_csv(&dir.join(format!("{table}.csv")), &header, rows)?;
    }
    Ok(())
}

/// Where a problem found in the assembled dataset lives in the CSV files:
/// `concordat.json: signatories[41].kind` -> `signatories.csv row 43, column kind`.
fn csv_place(place: &str) -> String {
    let path = place.strip_prefix("concordat.json: ").unwrap_or(place);
    let Some((table, rest)) = path.split_once('[') else {
        return match SETTINGS.iter().find(|(f, _)| *f == path) {
            Some(_) => format!("dataset.csv, field {path}"),
            None => format!("{path}.csv"),
        };
    };
    let Some((index, field)) = rest.split_once(']') else {
        return path.to_string();
    };
    let row = index.parse::<usize>().map_or(0, |i| i + 2);
    let column = field.trim_start_matches('.');
    let column = column.split('[').next().unwrap_or(column);
    if column.is_empty() {
        format!("{table}.csv row {row}")
    } else {
        format!("{table}.csv row {row}, column {column}")
    }
}

/// Reads every table from `dir` into a dataset, or every problem found.
pub fn import(dir: &Path) -> std::result::Result<Dataset, Vec<String>> {
    let mut problems = Vec::new();
    let mut json = Map::new();
    let mut read_rows =
        |file: &str, columns: &[&str]| -> Vec<(usize, csv::StringRecord, Vec<usize>)> {
            let path = dir.join(file);
            let mut reader = match csv::Reader::from_path(&path) {
                Ok(reader) => reader,
                Err(e) => {
                    problems.push(format!("{file}: cannot read it ({e})"));
                    return Vec::new();
                }
            };
            let header = match reader.headers() {
                Ok(h) => h.clone(),
                Err(e) => {
                    problems.push(format!("{file}: cannot read its header ({e})"));
                    return Vec::new();
                }
            };
            let mut positions = Vec::new();
            for column in columns {
                match header
                    .iter()
                    .position(|h| h.trim().trim_start_matches('\u{feff}') == *column)
                {
                    Some(p) => positions.push(p),
                    None => problems.push(format!("{file}: no column named {column}")),
                }
            }
            if positions.len() != columns.len() {
                return Vec::new();
            }
            reader
                .records()
                .enumerate()
                .filter_map(|(i, record)| match record {
                    Ok(r) => Some((i + 2, r, positions.clone())),
                    Err(e) => {
                        problems.push(format!("{file} row {}: {e}", i + 2));
                        None
                    }
                })
                .collect()
        };

    let settings = read_rows("dataset.csv", &["field", "value"]);
    let mut cell_problems = Vec::new();
    for (field, kind) in SETTINGS {
        let found = settings
            .iter()
            .find(|(_, r, p)| r.get(p[0]).map(str::trim) == Some(*field));
        match found {
            None => cell_problems.push(format!("dataset.csv: no row for {field}")),
            Some((row, record, p)) => {
                let text = record.get(p[1]).unwrap_or("");
                let value = if *field == "format_version" {
                    text.trim().parse::<u32>().map(Value::from).map_err(|_| {
                        format!(
                            "dataset.csv row {row}, column value: \"{text}\" is not a whole number"
                        )
                    })
                } else {
                    from_cell(text, *kind)
                        .map(|v| v.unwrap_or(Value::Null))
                        .map_err(|e| format!("dataset.csv row {row}, column value: {e}"))
                };
                match value {
                    Ok(v) => {
                        json.insert(field.to_string(), v);
                    }
                    Err(e) => cell_problems.push(e),
                }
            }
        }
    }
    for (table, columns) in TABLES {
        let file = format!("{table}.csv");
        let names: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
        let mut records = Vec::new();
        for (row, record, positions) in read_rows(&file, &names) {
            let mut object = Map::new();
            for ((column, kind), position) in columns.iter().zip(&positions) {
                match from_cell(record.get(*position).unwrap_or(""), *kind) {
                    Ok(Some(value)) => {
                        object.insert(column.to_string(), value);
                    }
                    Ok(None) => {}
                    Err(e) => cell_problems.push(format!("{file} row {row}, column {column}: {e}")),
                }
            }
            records.push(Value::Object(object));
        }
        json.insert(table.to_string(), Value::Array(records));
    }
    problems.extend(cell_problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let data: Dataset = serde_json::from_value(Value::Object(json))
        .map_err(|e| vec![format!("the tables do not form a dataset: {e}")])?;
    let invalid: Vec<String> = dataset::validate(&data)
        .into_iter()
        .map(|p| format!("{}: {}", csv_place(&p.place), p.message))
        .collect();
    if invalid.is_empty() {
        Ok(data)
    } else {
        Err(invalid)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-tables-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn shipped() -> Dataset {
        let text = std::fs::read_to_string(crate::dataset::output_path()).unwrap();
        let (data, skipped) = dataset::parse(&text).unwrap();
        assert!(skipped.is_empty(), "{skipped:?}");
        data
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(48))]

            /// A spreadsheet edited anywhere (text put in, or a file cut
            /// short) is imported or refused with its problems, never a panic.
            #[test]
            fn tables_altered_anywhere_are_imported_or_refused(
                file in any::<prop::sample::Index>(),
                at in any::<prop::sample::Index>(),
                cut in any::<bool>(),
                text in ".{0,12}",
            ) {
                let dir = temp_dir("altered");
                export(&shipped(), &dir).unwrap();
                let mut files: Vec<_> = std::fs::read_dir(&dir)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .collect();
                files.sort();
                let path = file.get(&files);
                let old = std::fs::read_to_string(path).unwrap();
                let at = old.floor_char_boundary(at.index(old.len() + 1));
                let (before, after) = old.split_at(at);
                let new = if cut { before.to_string() } else { format!("{before}{text}{after}") };
                std::fs::write(path, new).unwrap();
                let _ = import(&dir);
            }
        }
    }

    #[test]
    fn the_shipped_dataset_round_trips_exactly() {
        let data = shipped();
        let dir = temp_dir("round-trip");
        export(&data, &dir).unwrap();
        let back = import(&dir).unwrap_or_else(|p| panic!("{p:#?}"));
        assert!(back == data, "import(export(data)) differs from data");
        assert_eq!(
            crate::dataset::to_json(&back).unwrap(),
            crate::dataset::to_json(&data).unwrap()
        );
    }

    /// Replaces the first `from` in `dir`'s `file` with `to`.
    pub(crate) fn replace_in(dir: &Path, file: &str, from: &str, to: &str) {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    #[test]
    fn broken_tables_name_file_row_and_column() {
        let data = shipped();
        let dir = temp_dir("broken");
        export(&data, &dir).unwrap();
        let kind = &data.signatories[39].kind;
        let name = &data.signatories[39].name;
        replace_in(
            &dir,
            "signatories.csv",
            &format!("{name},{kind},"),
            &format!("{name},polic,"),
        );
        replace_in(&dir, "events.csv", "2014-12-31", "2014-02-30");
        replace_in(&dir, "groups.csv", "E08000001", "E08000099");
        let problems = import(&dir).unwrap_err();
        assert!(
            problems.iter().any(|p| p.starts_with("events.csv row ")
                && p.contains(", column date: \"2014-02-30\" is not a day")),
            "{problems:#?}"
        );
        // Cell problems come first and stop the dataset checks.
        assert_eq!(problems.len(), 1, "{problems:#?}");

        replace_in(&dir, "events.csv", "2014-02-30", "2014-12-31");
        let problems = import(&dir).unwrap_err();
        assert!(
            problems.contains(
                &"signatories.csv row 41, column kind: unknown kind \"polic\"".to_string()
            ),
            "{problems:#?}"
        );
        assert!(
            problems.iter().any(|p| p.starts_with("groups.csv row ")
                && p.ends_with("column areas: unknown area code E08000099")),
            "{problems:#?}"
        );

        // A stated date needs its source, and a locator its source id.
        replace_in(&dir, "events.csv", "s004 2014-12-31 by", "2014-12-31");
        replace_in(
            &dir,
            "events.csv",
            "s004 2014-12-31 by",
            "s004 2014-12-31 maybe",
        );
        replace_in(&dir, "milestones.csv", "s048: plan last", "plan last");
        let problems = import(&dir).unwrap_err();
        assert!(
            problems.iter().any(|p| p.starts_with("events.csv row ")
                && p.ends_with(
                    "column stated: \"2014-12-31\" is not `source id date [by] [inferred]`"
                )),
            "{problems:#?}"
        );
        assert!(
            problems.iter().any(|p| p.ends_with(
                "column stated: \"s004 2014-12-31 maybe\" is not `source id date [by] [inferred]`"
            )),
            "{problems:#?}"
        );
        assert!(
            problems.iter().any(|p| p.starts_with("milestones.csv row ")
                && p.contains("column locators: \"plan last updated January 2016\" is not `source id: where in it`")),
            "{problems:#?}"
        );
    }

    #[test]
    fn a_missing_file_or_column_is_reported() {
        let data = shipped();
        let dir = temp_dir("missing");
        export(&data, &dir).unwrap();
        std::fs::remove_file(dir.join("themes.csv")).unwrap();
        replace_in(&dir, "areas.csv", "code,name,region", "code,name,regio");
        let problems = import(&dir).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("themes.csv: cannot read it")),
            "{problems:#?}"
        );
        assert!(
            problems.contains(&"areas.csv: no column named region".to_string()),
            "{problems:#?}"
        );
    }

    #[test]
    fn places_map_to_rows_and_columns() {
        assert_eq!(
            csv_place("concordat.json: signatories[39].kind"),
            "signatories.csv row 41, column kind"
        );
        assert_eq!(
            csv_place("concordat.json: groups[0].areas[3]"),
            "groups.csv row 2, column areas"
        );
        assert_eq!(
            csv_place("concordat.json: view_date"),
            "dataset.csv, field view_date"
        );
        assert_eq!(csv_place("concordat.json: statuses"), "statuses.csv");
    }
}
