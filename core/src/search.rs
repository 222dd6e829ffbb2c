//! Finding an area or a local group by what people call it: word prefixes
//! of official names ("manc", "north som"), common short names that are not
//! ("Hull" first for the city, "BANES"), and GSS codes; once the app has
//! fetched them, the districts of 2014, the councils since and postcode
//! districts (`places`).

use crate::model::MapModel;
use crate::places::{self, Places};
use crate::problem::Problem;

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// An index into `MapModel::areas`.
    Area(usize),
    /// A group opens at its first area by name, whose panel shows the group.
    Group { id: String, first_area: usize },
    /// A place in parts of several areas: the reader chooses one
    /// (indices into `MapModel::areas`: a council's by name, a postcode
    /// district's largest share first).
    Choice(Vec<usize>),
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

#[derive(Clone)]
struct Entry {
    label: String,
    /// The label's words, normalised.
    words: Vec<String>,
    /// The label's words joined by single spaces.
    joined: String,
    short_names: Vec<String>,
    code: Option<String>,
    /// Found by its code alone.
    code_only: bool,
    /// From `places.json`, not one of the map's areas or groups.
    place: bool,
    detail: String,
    target: Target,
}

#[derive(Clone)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// Postcode districts (labelled by outward code), once `places.json`
    /// is added. A scan of a few thousand is far quicker than a keystroke,
    /// and costs the wasm less than a map.
    postcodes: Vec<Hit>,
}

/// One area, or a choice of several; none for no area.
fn target(areas: Vec<usize>) -> Option<Target> {
    match areas.as_slice() {
        [] => None,
        [one] => Some(Target::Area(*one)),
        _ => Some(Target::Choice(areas)),
    }
}

/// `words`, joined by single spaces.
fn words_of(text: &str) -> String {
    words(text).join(" ")
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
                        .map(|(_, short)| short.to_string())
                        .collect(),
                    code: Some(area.code.to_lowercase()),
                    code_only: false,
                    place: false,
                    detail: area
                        .region
                        .as_ref()
                        .map_or_else(|| "Area".to_string(), |r| format!("Area · {r}")),
                    target: Target::Area(i),
                }
            })
            .collect();
        for group in &model.data.groups {
            let mut members: Vec<(&str, usize)> = model
                .areas
                .iter()
                .enumerate()
                .filter(|(_, a)| group.areas.contains(&a.code))
                .map(|(i, a)| (a.name.as_str(), i))
                .collect();
            members.sort_by(|a, b| a.0.cmp(b.0));
            let Some(&(first_name, first_area)) = members.first() else {
                continue;
            };
            // A group of one area under that area's own name adds nothing.
            if members.len() == 1 && words(&group.name) == words(first_name) {
                continue;
            }
            let words = words(&group.name);
            entries.push(Entry {
                label: group.name.clone(),
                joined: words.join(" "),
                words,
                short_names: Vec::new(),
                code: None,
                code_only: false,
                place: false,
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
        SearchIndex {
            entries,
            postcodes: Vec::new(),
        }
    }

    /// Adds the places of `places.json`, each leading to its area or to a
    /// choice of its areas (in the file's order). A place naming no area on
    /// the map is reported and left out; one naming some is kept with those.
    pub fn add_places(&mut self, model: &MapModel, places: &Places) -> Vec<Problem> {
        let mut problems = Vec::new();
        for place in &places.places {
            let mut areas: Vec<usize> = Vec::with_capacity(place.areas.len());
            for code in &place.areas {
                match model.index_of(code) {
                    Some(i) => areas.push(i),
                    None => problems.push(Problem::new(
                        format!("{}: {}", crate::places::FILE_NAME, place.code),
                        format!("{} names {code}, which is not on the map", place.name),
                    )),
                }
            }
            let Some(target) = target(areas) else {
                continue;
            };
            let words = words(&place.name);
            self.entries.push(Entry {
                label: place.name.clone(),
                joined: words.join(" "),
                words,
                short_names: place.short.iter().map(|s| words_of(s)).collect(),
                code: Some(place.code.to_lowercase()),
                code_only: place.code_only,
                place: true,
                detail: place.note.clone(),
                target,
            });
        }
        for places::Postcode(outward, shares) in &places.postcodes {
            let mut named: Vec<(&str, u8)> = Vec::with_capacity(shares.len());
            let mut areas = Vec::with_capacity(shares.len());
            for (code, share) in shares {
                match model
                    .index_of(code)
                    .and_then(|i| Some((i, model.areas.get(i)?)))
                {
                    Some((i, area)) => {
                        named.push((&area.name, *share));
                        areas.push(i);
                    }
                    None => problems.push(Problem::new(
                        format!("{}: {outward}", places::FILE_NAME),
                        format!("{code} is not on the map"),
                    )),
                }
            }
            let detail = places::postcode_note(&named);
            if let Some(target) = target(areas) {
                let hit = Hit {
                    label: outward.clone(),
                    detail,
                    target,
                };
                self.postcodes.push(hit);
            }
        }
        problems
    }

    /// Up to `limit` hits, best first: a postcode's district, exact names,
    /// codes and short names, then names starting with the query, then
    /// names with every query word starting one of their words; areas
    /// before groups before other places, then by name.
    pub fn find(&self, query: &str, limit: usize) -> Vec<Hit> {
        let postcode = places::outward_code(query)
            .and_then(|o| self.postcodes.iter().find(|hit| hit.label == o));
        let wanted = words(query);
        if wanted.is_empty() {
            return Vec::new();
        }
        let joined = wanted.join(" ");
        let mut ranked: Vec<(u8, u8, &Entry)> = self
            .entries
            .iter()
            .filter_map(|entry| {
                let rank = if entry.code.as_deref() == Some(joined.as_str()) {
                    0
                } else if entry.code_only {
                    return None;
                } else if entry.joined == joined || entry.short_names.contains(&joined) {
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
                // The map's own areas, then groups, then other places.
                let kind = match entry.target {
                    _ if entry.place => 2,
                    Target::Area(_) => 0,
                    _ => 1,
                };
                Some((rank, kind, entry))
            })
            .collect();
        ranked.sort_by(|a, b| (a.0, a.1, &a.2.label).cmp(&(b.0, b.1, &b.2.label)));
        postcode
            .cloned()
            .into_iter()
            .chain(ranked.into_iter().map(|(_, _, e)| Hit {
                label: e.label.clone(),
                detail: e.detail.clone(),
                target: e.target.clone(),
            }))
            .take(limit)
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

    fn with_places(model: &MapModel) -> (SearchIndex, Vec<Problem>) {
        let (places, problems) = Places::parse(
            r#"{"places":[
                ["Harrogate","E07000165","A district of North Yorkshire (2014)","","","E10000023"],
                ["Bournemouth, Christchurch and Poole","E06000058","Since 2019; in 2014 Bournemouth, Poole and part of Dorset","BCP","","E06000028","E10000009","E06000029"],
                ["North Yorkshire","E06000065","Since 2023","","code","E10000023"],
                ["Atlantis","E0","","","","E99999999"]
            ],"postcodes":[["BH23","E10000009","91","E10000014","9"],["HG3","E10000023","100"],["ZZ1","E99999999","100"]]}"#,
        )
        .unwrap();
        assert!(problems.is_empty());
        let mut index = SearchIndex::new(model);
        let problems = index.add_places(model, &places);
        (index, problems)
    }

    fn names(model: &MapModel, target: &Target) -> Vec<String> {
        match target {
            Target::Area(i) => vec![model.areas[*i].name.clone()],
            Target::Choice(areas) => areas.iter().map(|&i| model.areas[i].name.clone()).collect(),
            Target::Group { first_area, .. } => vec![model.areas[*first_area].name.clone()],
        }
    }

    #[test]
    fn places_lead_to_their_areas_or_a_choice() {
        let model = shipped();
        let (index, problems) = with_places(&model);
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "places.json: E0: Atlantis names E99999999, which is not on the map",
                "places.json: ZZ1: E99999999 is not on the map",
            ]
        );
        let hits = index.find("harrogate", 8);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].detail, "A district of North Yorkshire (2014)");
        assert_eq!(names(&model, &hits[0].target), ["North Yorkshire"]);
        // A council over parts of three areas leads to a choice, by name.
        for query in ["BCP", "bournemouth, christchurch", "E06000058"] {
            let hits = index.find(query, 8);
            let bcp = hits
                .iter()
                .find(|h| h.label.starts_with("Bournemouth,"))
                .unwrap_or_else(|| panic!("{query}: {hits:?}"));
            assert_eq!(
                names(&model, &bcp.target),
                ["Bournemouth", "Dorset", "Poole"]
            );
        }
        // The map's own area comes before a place that merely contains its name.
        assert_eq!(
            labels(&index, "poole")[..2],
            ["Poole", "Bournemouth, Christchurch and Poole"]
        );
        // A council named as its 2014 area is found by its code alone.
        let by_name = index.find("north yorkshire", 8);
        assert!(
            by_name.iter().all(|h| h.detail != "Since 2023"),
            "{by_name:?}"
        );
        let by_code = index.find("e06000065", 8);
        assert_eq!(by_code[0].detail, "Since 2023");
        assert!(index.find("atlantis", 8).is_empty());
    }

    #[test]
    fn postcodes_lead_by_their_outward_code() {
        let model = shipped();
        let (index, _) = with_places(&model);
        for query in ["BH23", "bh23 1aa", "BH231AA"] {
            let hits = index.find(query, 8);
            assert_eq!(hits[0].label, "BH23", "{query}");
            assert_eq!(
                hits[0].detail,
                "Postcode district (in England: Dorset 91% and Hampshire 9%)"
            );
            // Largest share first, not by name.
            assert_eq!(names(&model, &hits[0].target), ["Dorset", "Hampshire"]);
        }
        let hg3 = index.find("HG3 9ZZ", 8);
        assert_eq!(
            hg3[0].detail,
            "Postcode district (in England: North Yorkshire)"
        );
        assert_eq!(names(&model, &hg3[0].target), ["North Yorkshire"]);
        // Not a district in England, or not the shape of a postcode.
        assert!(index.find("CF10 1AA", 8).is_empty());
        assert!(index.find("ZZ1", 8).is_empty());
        // Without places.json, no postcode is known.
        assert!(SearchIndex::new(&model).find("BH23", 8).is_empty());
    }

    #[test]
    fn count_labels() {
        assert_eq!(count_label(0), "No results");
        assert_eq!(count_label(1), "1 result");
        assert_eq!(count_label(8), "8 results");
    }
}
