//! `places.json`: the names the search learns on first use, made from ONS's
//! lookups kept in `geodata/source/places/` (see PROVENANCE.md there).
//!
//! - every district of 2014 inside a county (`ltla14-lookup.csv`), under
//!   its 2014 name (`names.csv` corrects the two the lookup gives under
//!   later ones, and says which of those later names is real), leading to
//!   its county;
//! - every council made since 2014 by merging (`changes.csv`), leading to
//!   the 2014 area or areas its parts were in;
//! - every postcode district of England (`postcode-districts.csv`), leading
//!   to the areas holding its postcodes.

use crate::cmd::{Result, root};
use concordat_core::places::{Place, Places, Postcode, and_list};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

pub fn source_dir() -> PathBuf {
    root().join("geodata").join("source").join("places")
}

/// A postcode district's areas holding less than this share of its
/// postcodes are not offered: a handful of addresses over a boundary would
/// otherwise turn a third of all districts into a choice.
const LEAST_SHARE: f64 = 0.01;

/// The 2014 areas (code → name) and districts (code → (2014 name, the
/// 2014 area it is in)); the districts' names today where they differ;
/// other names a place goes by (code, name). Each file is read once.
struct Geography {
    areas: BTreeMap<String, String>,
    districts: BTreeMap<String, (String, String)>,
    renamed: HashMap<String, String>,
    short: Vec<(String, String)>,
}

fn rows(path: &Path) -> Result<Vec<HashMap<String, String>>> {
    let text = crate::pages::read(path)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .clone();
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("{}: row {}: {e}", path.display(), i + 2))?;
        out.push(
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect(),
        );
    }
    Ok(out)
}

fn field<'a>(row: &'a HashMap<String, String>, name: &str, path: &Path) -> Result<&'a str> {
    row.get(name)
        .map(String::as_str)
        .ok_or_else(|| format!("{}: no column {name}", path.display()))
}

fn geography(dir: &Path, areas_csv: &Path) -> Result<Geography> {
    let mut areas = BTreeMap::new();
    for row in rows(areas_csv)? {
        areas.insert(
            field(&row, "code", areas_csv)?.to_string(),
            field(&row, "name", areas_csv)?.to_string(),
        );
    }
    // `names.csv`: a district's 2014 name, its name now (where the lookup's
    // later one is not), or another name a place goes by.
    let names = dir.join("names.csv");
    let (mut names_2014, mut names_now, mut short) = (HashMap::new(), HashMap::new(), Vec::new());
    for row in rows(&names)? {
        let (code, name) = (
            field(&row, "code", &names)?.to_string(),
            field(&row, "name", &names)?.to_string(),
        );
        match field(&row, "use", &names)? {
            "2014" => drop(names_2014.insert(code, name)),
            "now" => drop(names_now.insert(code, name)),
            "short" => short.push((code, name)),
            other => {
                return Err(format!(
                    "{}: {code}: unknown use {other:?}",
                    names.display()
                ));
            }
        }
    }
    let lookup = dir.join("ltla14-lookup.csv");
    let mut districts = BTreeMap::new();
    let mut renamed = HashMap::new();
    for row in rows(&lookup)? {
        let code = field(&row, "ltlacd", &lookup)?;
        let county = field(&row, "ctycd", &lookup)?;
        if !code.starts_with('E') || county.is_empty() {
            continue;
        }
        if !areas.contains_key(county) {
            return Err(format!(
                "{}: {code}'s county {county} is not a 2014 area",
                lookup.display()
            ));
        }
        // The lookup gives today's names.
        let listed = field(&row, "ltlanm", &lookup)?;
        let name = names_2014.get(code).map_or(listed, String::as_str);
        let now = names_now.get(code).map_or(listed, String::as_str);
        if now != name {
            renamed.insert(code.to_string(), now.to_string());
        }
        districts.insert(code.to_string(), (name.to_string(), county.to_string()));
    }
    Ok(Geography {
        areas,
        districts,
        renamed,
        short,
    })
}

impl Geography {
    /// The 2014 area a 2014 area or district lies in.
    fn area_of(&self, code: &str) -> Option<&str> {
        if let Some((area, _)) = self.areas.get_key_value(code) {
            Some(area)
        } else {
            self.districts.get(code).map(|(_, county)| county.as_str())
        }
    }

    /// The 2014 districts of a county (none for a unitary area).
    fn districts_of(&self, county: &str) -> BTreeSet<&str> {
        self.districts
            .iter()
            .filter(|(_, (_, c))| c == county)
            .map(|(d, _)| d.as_str())
            .collect()
    }

    fn name(&self, area: &str) -> String {
        self.areas
            .get(area)
            .cloned()
            .unwrap_or_else(|| area.to_string())
    }
}

/// A council made since 2014 from `parts` (2014 areas and districts, or
/// councils made earlier), and when; `ended`, when it was itself merged.
struct Council {
    name: String,
    kind: String,
    parts: BTreeSet<String>,
    start: String,
    ended: Option<String>,
}

fn councils(dir: &Path) -> Result<BTreeMap<String, Council>> {
    let path = dir.join("changes.csv");
    let mut councils: BTreeMap<String, Council> = BTreeMap::new();
    for row in rows(&path)? {
        let new = field(&row, "newcd", &path)?;
        let kind = field(&row, "type", &path)?;
        // Councils only: combined authorities (E47) are not councils, and
        // Scotland's and Wales's are not on the map.
        if !(new.starts_with("E06") || new.starts_with("E07") || new.starts_with("E08"))
            || !(kind == "merger" || kind == "new_code")
        {
            continue;
        }
        let (name, start) = (field(&row, "newnm", &path)?, field(&row, "start", &path)?);
        let council = councils.entry(new.to_string()).or_insert_with(|| Council {
            name: name.to_string(),
            kind: kind.to_string(),
            parts: BTreeSet::new(),
            start: start.to_string(),
            ended: None,
        });
        council
            .parts
            .insert(field(&row, "oldcd", &path)?.to_string());
    }
    let later: Vec<(String, String)> = councils
        .values()
        .flat_map(|c| c.parts.iter().map(|p| (p.clone(), c.start.clone())))
        .collect();
    for (part, start) in later {
        if let Some(earlier) = councils.get_mut(&part) {
            earlier.ended = Some(start);
        }
    }
    Ok(councils)
}

/// The 2014 districts and unitary areas a council was made from, through
/// councils made earlier.
fn pieces<'a>(code: &'a str, councils: &'a BTreeMap<String, Council>, out: &mut BTreeSet<&'a str>) {
    match councils.get(code) {
        Some(council) => council.parts.iter().for_each(|p| pieces(p, councils, out)),
        None => {
            out.insert(code);
        }
    }
}

fn council_place(geo: &Geography, all: &BTreeMap<String, Council>, code: &str) -> Result<Place> {
    let council = &all[code];
    let mut from = BTreeSet::new();
    pieces(code, all, &mut from);
    let mut areas: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for piece in &from {
        let area = geo.area_of(piece).ok_or_else(|| {
            format!("changes.csv: {code} was made from {piece}, not a 2014 area or district")
        })?;
        areas.entry(area).or_default().insert(piece);
    }
    // A county is wholly covered when the council took all its districts.
    let described: Vec<String> = areas
        .iter()
        .map(|(area, taken)| {
            let whole = taken.contains(area) || *taken == geo.districts_of(area);
            let name = geo.name(area);
            if whole {
                name
            } else {
                format!("part of {name}")
            }
        })
        .collect();
    let one_named_alike = areas.len() == 1
        && areas
            .keys()
            .all(|a| geo.name(a).eq_ignore_ascii_case(&council.name));
    let note = if council.kind == "new_code" {
        format!("{}'s code since {}", council.name, council.start)
    } else if code.starts_with("E07") {
        let county = and_list(&areas.keys().map(|a| geo.name(a)).collect::<Vec<_>>());
        match &council.ended {
            Some(end) => format!("A district of {county} from {} to {end}", council.start),
            None => format!("A district of {county} since {}", council.start),
        }
    } else {
        format!("Since {}; in 2014 {}", council.start, and_list(&described))
    };
    // Offered by name.
    let mut areas: Vec<&str> = areas.into_keys().collect();
    areas.sort_by_key(|a| geo.name(a));
    Ok(Place {
        name: council.name.clone(),
        code: code.to_string(),
        note,
        areas: areas.into_iter().map(str::to_string).collect(),
        short: Vec::new(),
        code_only: one_named_alike,
    })
}

fn postcodes(geo: &Geography, dir: &Path) -> Result<Vec<Postcode>> {
    let path = dir.join(POSTCODES);
    let mut counts: BTreeMap<String, Vec<(String, u64)>> = BTreeMap::new();
    for row in rows(&path)? {
        let area = field(&row, "area", &path)?;
        if !geo.areas.contains_key(area) {
            return Err(format!("{}: {area} is not a 2014 area", path.display()));
        }
        let n: u64 = field(&row, "postcodes", &path)?
            .parse()
            .map_err(|e| format!("{}: postcodes: {e}", path.display()))?;
        counts
            .entry(field(&row, "outward", &path)?.to_string())
            .or_default()
            .push((area.to_string(), n));
    }
    Ok(counts
        .into_iter()
        .map(|(outward, mut areas)| {
            let total = areas.iter().map(|(_, n)| n).sum::<u64>() as f64;
            areas.retain(|(_, n)| *n as f64 >= LEAST_SHARE * total);
            areas.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let shares = areas
                .into_iter()
                .map(|(area, n)| (area, (100.0 * n as f64 / total).round() as u8))
                .collect();
            Postcode(outward, shares)
        })
        .collect())
}

/// Every place, from the files in `dir` and the 2014 areas in `areas_csv`.
pub fn build(dir: &Path, areas_csv: &Path) -> Result<Places> {
    let geo = geography(dir, areas_csv)?;
    let mut places = Vec::new();
    for (code, (name, county)) in &geo.districts {
        let county_name = geo.name(county);
        let later = geo.renamed.get(code);
        let note = match later {
            Some(later) => format!("A district of {county_name} (2014), later named {later}"),
            None => format!("A district of {county_name} (2014)"),
        };
        places.push(Place {
            name: name.clone(),
            code: code.clone(),
            note,
            areas: vec![county.clone()],
            short: Vec::new(),
            code_only: false,
        });
        if let Some(later) = later {
            places.push(Place {
                name: later.clone(),
                code: code.clone(),
                note: format!("Named {name} in 2014: a district of {county_name}"),
                areas: vec![county.clone()],
                short: Vec::new(),
                code_only: false,
            });
        }
    }
    let councils = councils(dir)?;
    for code in councils.keys() {
        places.push(council_place(&geo, &councils, code)?);
    }
    for (code, name) in &geo.short {
        let place = places
            .iter_mut()
            .find(|p| &p.code == code)
            .ok_or_else(|| format!("names.csv: no place has the code {code}"))?;
        place.short.push(name.clone());
    }
    Ok(Places {
        places,
        postcodes: postcodes(&geo, dir)?,
    })
}

/// The postcode districts' table kept in the repository: `outward,area,postcodes`.
pub const POSTCODES: &str = "postcode-districts.csv";

/// Makes `postcode-districts.csv` from a copy of the PHE postcode → MSOA
/// package (`src/Postcode/<OUTWARD>.php`, one file per postcode district)
/// and ONS's MSOA → district lookup: for each postcode district, how many of
/// its postcodes lie in each 2014 area.
pub fn import_postcodes(postcode_dir: &Path, msoa_csv: &Path) -> Result {
    let dir = source_dir();
    let geo = geography(&dir, &crate::geodata::areas_csv())?;
    let mut msoa_area: HashMap<String, String> = HashMap::new();
    for row in rows(msoa_csv)? {
        let district = field(&row, "LAD18CD", msoa_csv)?;
        if let Some(area) = geo.area_of(district) {
            msoa_area.insert(
                field(&row, "MSOA11CD", msoa_csv)?.to_string(),
                area.to_string(),
            );
        }
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(postcode_dir)
        .map_err(|e| format!("cannot list {}: {e}", postcode_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "php"))
        .collect();
    files.sort();
    let mut out = String::from("outward,area,postcodes\n");
    let mut unplaced = 0usize;
    for file in &files {
        let outward = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
        for line in crate::pages::read(file)?.lines() {
            // `'1AA' => 'E02005781',`
            let Some((_, msoa)) = line.trim().split_once("=> '") else {
                continue;
            };
            let msoa = msoa.trim_end_matches([',', '\'']);
            match msoa_area.get(msoa) {
                Some(area) => *counts.entry(area.as_str()).or_default() += 1,
                None => unplaced += 1,
            }
        }
        for (area, n) in counts {
            out.push_str(&format!("{outward},{area},{n}\n"));
        }
    }
    crate::pages::write(&dir.join(POSTCODES), out.as_bytes())?;
    crate::cmd::say(&format!(
        "wrote {} from {} postcode districts ({unplaced} postcodes in no known MSOA left out)",
        dir.join(POSTCODES).display(),
        files.len()
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use concordat_core::model::{self, MapModel};
    use concordat_core::search::{SearchIndex, Target};

    fn shipped() -> (MapModel, SearchIndex, Places) {
        let read = |p: &str| std::fs::read_to_string(root().join(p)).unwrap();
        let model = model::from_geojson(
            &read("geodata/areas-2014.geojson"),
            "areas-2014.geojson",
            &read("assets/concordat.json"),
        )
        .unwrap();
        let places = build(&source_dir(), &crate::geodata::areas_csv()).unwrap();
        let mut index = SearchIndex::new(&model);
        let problems = index.add_places(&model, &places);
        assert!(problems.is_empty(), "{problems:?}");
        (model, index, places)
    }

    fn codes(model: &MapModel, target: &Target) -> Vec<String> {
        let areas = match target {
            Target::Area(i) => vec![*i],
            Target::Choice(areas) => areas.clone(),
            Target::Group { first_area, .. } => vec![*first_area],
        };
        areas
            .into_iter()
            .map(|i| model.areas[i].code.clone())
            .collect()
    }

    #[test]
    fn every_district_of_2014_leads_to_its_county() {
        let (model, index, _) = shipped();
        let lookup = rows(&source_dir().join("ltla14-lookup.csv")).unwrap();
        let renamed = [("E07000112", "Shepway"), ("E07000083", "Tewkesbury")];
        let mut seen = 0;
        for row in lookup
            .iter()
            .filter(|r| r["ctrycd"] == "E92000001" && !r["ctycd"].is_empty())
        {
            let code = row["ltlacd"].as_str();
            let name = renamed
                .iter()
                .find(|(c, _)| *c == code)
                .map_or(row["ltlanm"].as_str(), |(_, n)| n);
            let county = model.areas[model.index_of(&row["ctycd"]).unwrap()]
                .name
                .clone();
            let hits = index.find(name, 8);
            let hit = hits
                .iter()
                .find(|h| h.label == name && h.detail.starts_with("A district of"))
                .unwrap_or_else(|| panic!("{name}: {hits:?}"));
            assert_eq!(codes(&model, &hit.target), [row["ctycd"].clone()], "{name}");
            assert!(
                hit.detail
                    .starts_with(&format!("A district of {county} (2014)")),
                "{hit:?}"
            );
            // And by its code.
            assert_eq!(index.find(code, 8)[0].target, hit.target);
            seen += 1;
        }
        assert_eq!(seen, 201);
        // Under a later name, too.
        let folkestone = index.find("folkestone", 8);
        assert_eq!(
            folkestone[0].detail,
            "Named Shepway in 2014: a district of Kent"
        );
    }

    #[test]
    fn every_council_since_2014_leads_to_its_2014_areas() {
        let (model, index, _) = shipped();
        let expected: &[(&str, &str, &[&str], &str)] = &[
            (
                "E06000058",
                "Bournemouth, Christchurch and Poole",
                &["E06000028", "E10000009", "E06000029"],
                "Since 2019; in 2014 Bournemouth, Poole and part of Dorset",
            ),
            (
                "E06000059",
                "Dorset",
                &["E10000009"],
                "Since 2019; in 2014 part of Dorset",
            ),
            (
                "E06000060",
                "Buckinghamshire",
                &["E10000002"],
                "Since 2020; in 2014 Buckinghamshire",
            ),
            (
                "E06000061",
                "North Northamptonshire",
                &["E10000021"],
                "Since 2021; in 2014 part of Northamptonshire",
            ),
            (
                "E06000062",
                "West Northamptonshire",
                &["E10000021"],
                "Since 2021; in 2014 part of Northamptonshire",
            ),
            (
                "E06000063",
                "Cumberland",
                &["E10000006"],
                "Since 2023; in 2014 part of Cumbria",
            ),
            (
                "E06000064",
                "Westmorland and Furness",
                &["E10000006"],
                "Since 2023; in 2014 part of Cumbria",
            ),
            (
                "E06000065",
                "North Yorkshire",
                &["E10000023"],
                "Since 2023; in 2014 North Yorkshire",
            ),
            (
                "E06000066",
                "Somerset",
                &["E10000027"],
                "Since 2023; in 2014 Somerset",
            ),
            (
                "E07000244",
                "East Suffolk",
                &["E10000029"],
                "A district of Suffolk since 2019",
            ),
            (
                "E07000245",
                "West Suffolk",
                &["E10000029"],
                "A district of Suffolk since 2019",
            ),
            (
                "E07000246",
                "Somerset West and Taunton",
                &["E10000027"],
                "A district of Somerset from 2019 to 2023",
            ),
            (
                "E08000038",
                "Barnsley",
                &["E08000016"],
                "Barnsley's code since 2025",
            ),
            (
                "E08000039",
                "Sheffield",
                &["E08000019"],
                "Sheffield's code since 2025",
            ),
        ];
        // Every council the change list makes is here.
        let changes = rows(&source_dir().join("changes.csv")).unwrap();
        let mut made: Vec<&str> = changes
            .iter()
            .map(|r| r["newcd"].as_str())
            .filter(|c| ["E06", "E07", "E08"].iter().any(|p| c.starts_with(p)))
            .collect();
        made.sort();
        made.dedup();
        assert_eq!(made, expected.iter().map(|e| e.0).collect::<Vec<_>>());
        for (code, name, areas, note) in expected {
            let hit = index
                .find(code, 8)
                .into_iter()
                .find(|h| h.label == *name)
                .unwrap();
            assert_eq!(codes(&model, &hit.target), *areas, "{name}");
            assert_eq!(hit.detail, *note, "{name}");
            // Found by name, unless the name is its 2014 area's own.
            let by_name = index.find(name, 8);
            let named_alike =
                areas.len() == 1 && model.areas[model.index_of(areas[0]).unwrap()].name == *name;
            assert_eq!(
                by_name.iter().any(|h| h.detail == *note),
                !named_alike,
                "{name}"
            );
        }
        let bcp = index.find("BCP", 8);
        assert!(matches!(bcp[0].target, Target::Choice(_)), "{bcp:?}");
    }

    #[test]
    fn postcode_districts_lead_to_the_areas_holding_their_postcodes() {
        let (model, index, places) = shipped();
        assert!(places.postcodes.len() > 2300, "{}", places.postcodes.len());
        for (query, areas, note) in [
            (
                "BH23 1AA",
                &["E10000009", "E10000014"][..],
                "Postcode district (in England: Dorset 91% and Hampshire 9%)",
            ),
            (
                "ls17",
                &["E08000035", "E10000023"][..],
                "Postcode district (in England: Leeds 94% and North Yorkshire 6%)",
            ),
            (
                "HG3",
                &["E10000023"][..],
                "Postcode district (in England: North Yorkshire)",
            ),
            (
                "GU1 1AA",
                &["E10000030"][..],
                "Postcode district (in England: Surrey)",
            ),
        ] {
            let hit = &index.find(query, 8)[0];
            assert_eq!(codes(&model, &hit.target), areas, "{query}");
            assert_eq!(hit.detail, note, "{query}");
        }
        // Every share shown is at least the least share, largest first.
        for concordat_core::places::Postcode(outward, shares) in &places.postcodes {
            assert!(
                !shares.is_empty() && shares.iter().all(|(_, s)| *s >= 1),
                "{outward}"
            );
            assert!(shares.windows(2).all(|w| w[0].1 >= w[1].1), "{outward}");
        }
    }
}
