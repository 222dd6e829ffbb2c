//! Finding an area or a local group by what people call it: word prefixes
//! of official names ("manc", "north som"), common short names that are not
//! ("Hull" first for the city, "BANES"), and GSS codes.

use crate::model::MapModel;

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// An index into `MapModel::areas`.
    Area(usize),
    /// A group opens at its first area by name, whose panel shows the group.
    Group { id: String, first_area: usize },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub label: String,
    /// "Area · North West" or "Group of 10 areas".
    pub detail: String,
    pub target: Target,
}

/// Short names by which people know an area, where they are not simply the
/// start of a word of its official name. Keyed by GSS code.
const SHORT_NAMES: &[(&str, &str)] = &[
    ("E06000010", "hull"),     // Kingston upon Hull, City of
    ("E06000022", "banes"),    // Bath and North East Somerset
    ("E06000021", "stoke"),    // Stoke-on-Trent
    ("E06000033", "southend"), // Southend-on-Sea
    ("E06000023", "bristol"),  // Bristol, City of
];

struct Entry {
    label: String,
    /// The label's words, normalised.
    words: Vec<String>,
    /// The label's words joined by single spaces.
    joined: String,
    short_names: Vec<&'static str>,
    code: Option<String>,
    detail: String,
    target: Target,
}

pub struct SearchIndex {
    entries: Vec<Entry>,
}

/// Lower case, "&" as "and", punctuation as word breaks.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace('&', " and ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl SearchIndex {
    pub fn new(model: &MapModel) -> Self {
        let mut entries: Vec<Entry> = model
            .areas
            .iter()
            .enumerate()
            .map(|(i, area)| {
                let words = words(&area.name);
                Entry {
                    label: area.name.clone(),
                    joined: words.join(" "),
                    words,
                    short_names: SHORT_NAMES
                        .iter()
                        .filter(|(code, _)| *code == area.code)
                        .map(|(_, short)| *short)
                        .collect(),
                    code: Some(area.code.to_lowercase()),
                    detail: area
                        .region
                        .as_ref()
                        .map_or_else(|| "Area".to_string(), |r| format!("Area · {r}")),
                    target: Target::Area(i),
                }
            })
            .collect();
        for group in &model.data.groups {
            let mut members: Vec<usize> = model
                .areas
                .iter()
                .enumerate()
                .filter(|(_, a)| group.areas.contains(&a.code))
                .map(|(i, _)| i)
                .collect();
            members.sort_by(|&a, &b| model.areas[a].name.cmp(&model.areas[b].name));
            let Some(&first_area) = members.first() else {
                continue;
            };
            // A group of one area under that area's own name adds nothing.
            if members.len() == 1 && words(&group.name) == words(&model.areas[first_area].name) {
                continue;
            }
            let words = words(&group.name);
            entries.push(Entry {
                label: group.name.clone(),
                joined: words.join(" "),
                words,
                short_names: Vec::new(),
                code: None,
                detail: match members.len() {
                    1 => "Group of 1 area".to_string(),
                    n => format!("Group of {n} areas"),
                },
                target: Target::Group {
                    id: group.id.clone(),
                    first_area,
                },
            });
        }
        SearchIndex { entries }
    }

    /// Up to `limit` hits, best first: exact names and short names, then
    /// names starting with the query, then names with every query word
    /// starting one of their words; areas before groups, then by name.
    pub fn find(&self, query: &str, limit: usize) -> Vec<Hit> {
        let wanted = words(query);
        if wanted.is_empty() {
            return Vec::new();
        }
        let joined = wanted.join(" ");
        let mut ranked: Vec<(u8, u8, &Entry)> = self
            .entries
            .iter()
            .filter_map(|entry| {
                let rank = if entry.joined == joined
                    || entry.short_names.contains(&joined.as_str())
                    || entry.code.as_deref() == Some(joined.as_str())
                {
                    0
                } else if entry.joined.starts_with(&joined) {
                    1
                } else if wanted
                    .iter()
                    .all(|w| entry.words.iter().any(|e| e.starts_with(w.as_str())))
                {
                    2
                } else {
                    return None;
                };
                let kind = match entry.target {
                    Target::Area(_) => 0,
                    Target::Group { .. } => 1,
                };
                Some((rank, kind, entry))
            })
            .collect();
        ranked.sort_by(|a, b| (a.0, a.1, &a.2.label).cmp(&(b.0, b.1, &b.2.label)));
        ranked
            .into_iter()
            .take(limit)
            .map(|(_, _, e)| Hit {
                label: e.label.clone(),
                detail: e.detail.clone(),
                target: e.target.clone(),
            })
            .collect()
    }
}

/// What a screen reader hears as the suggestions change.
pub fn count_label(n: usize) -> String {
    match n {
        0 => "No results".to_string(),
        1 => "1 result".to_string(),
        n => format!("{n} results"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;

    fn shipped() -> MapModel {
        model::from_geojson(
            include_str!("../../geodata/areas-2014.geojson"),
            "areas-2014.geojson",
            include_str!("../../assets/concordat.json"),
        )
        .unwrap()
    }

    fn labels(index: &SearchIndex, query: &str) -> Vec<String> {
        index.find(query, 8).into_iter().map(|h| h.label).collect()
    }

    #[test]
    fn a_prefix_finds_the_area_and_its_group() {
        let model = shipped();
        let index = SearchIndex::new(&model);
        let hits = index.find("manc", 8);
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert_eq!(hits[0].label, "Manchester");
        assert_eq!(hits[0].detail, "Area · North West");
        assert!(matches!(hits[0].target, Target::Area(i) if model.areas[i].code == "E08000003"));
        assert_eq!(hits[1].label, "Greater Manchester");
        assert_eq!(hits[1].detail, "Group of 10 areas");
        match &hits[1].target {
            Target::Group { id, first_area } => {
                assert_eq!(id, "greater-manchester");
                assert_eq!(model.areas[*first_area].name, "Bolton");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn short_names_codes_and_punctuation() {
        let index = SearchIndex::new(&shipped());
        assert_eq!(
            labels(&index, "Hull"),
            [
                "Kingston upon Hull, City of",
                "Hull and East Riding of Yorkshire"
            ]
        );
        assert_eq!(labels(&index, "stoke")[0], "Stoke-on-Trent");
        assert_eq!(labels(&index, "stoke on trent")[0], "Stoke-on-Trent");
        assert_eq!(labels(&index, "southend")[0], "Southend-on-Sea");
        assert_eq!(labels(&index, "BANES"), ["Bath and North East Somerset"]);
        assert_eq!(labels(&index, "e10000030"), ["Surrey"]);
        assert_eq!(labels(&index, "north som")[0], "North Somerset");
        assert_eq!(
            labels(&index, "brighton & hove"),
            labels(&index, "brighton and hove")
        );
        // A one-area group named after its area is not offered twice.
        assert_eq!(labels(&index, "solihull"), ["Solihull"]);
        assert!(index.find("zzz", 8).is_empty());
        assert!(index.find("  ", 8).is_empty());
    }

    #[test]
    fn exact_names_rank_first_and_the_limit_holds() {
        let index = SearchIndex::new(&shipped());
        // "Kent" exactly, before names that merely start with it.
        let kent = labels(&index, "kent");
        assert_eq!(kent[0], "Kent");
        let hits = index.find("e", 5);
        assert_eq!(hits.len(), 5);
        // Names starting with the query come before other word matches.
        let north = labels(&index, "north");
        let first_other = north
            .iter()
            .position(|l| !l.to_lowercase().starts_with("north"));
        if let Some(i) = first_other {
            assert!(
                north[i..]
                    .iter()
                    .all(|l| !l.to_lowercase().starts_with("north"))
            );
        }
    }

    #[test]
    fn count_labels() {
        assert_eq!(count_label(0), "No results");
        assert_eq!(count_label(1), "1 result");
        assert_eq!(count_label(8), "8 results");
    }
}
