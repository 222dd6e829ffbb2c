//! Names people know that are not one of the map's 2014 areas: the
//! districts of 2014 inside a county, the councils made or renamed since,
//! and England's postcode districts. Each leads to the 2014 area or areas it lies in. Made at build
//! time from ONS's lookups (`xtask places`), shipped as `places.json`, and
//! fetched by the app only when the search is first used.

use crate::problem::Problem;
use serde::{Deserialize, Serialize};

pub const FILE_NAME: &str = "places.json";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Places {
    pub places: Vec<Place>,
    pub postcodes: Vec<Postcode>,
}

/// A postcode district (its outward code, "BH23") and the 2014 areas
/// holding its postcodes, each with its share of them in whole percent,
/// largest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Postcode(pub String, pub Vec<(String, u8)>);

#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub name: String,
    /// Its GSS code, which finds it too.
    pub code: String,
    /// What it is and where it leads, in words: "A district of North
    /// Yorkshire (2014)".
    pub note: String,
    /// The codes of the 2014 areas it lies in, wholly or in part, in the
    /// order a choice of them is offered.
    pub areas: Vec<String>,
    /// Other names it goes by ("BCP").
    pub short: Vec<String>,
    /// Found by its code only: its name is already that of the one area it
    /// leads to (North Yorkshire's council of 2023, for the county of 2014).
    pub code_only: bool,
}

/// The file as sent: every record a row of strings, so that reading it
/// takes one small deserializer in the wasm rather than one per type.
/// A place: name, code, note, short names (`;`-separated), `code` if found
/// by its code only, then its areas. A postcode district: its outward code,
/// then each area and its share.
#[derive(Serialize, Deserialize)]
struct Rows {
    places: Vec<Vec<String>>,
    #[serde(default)]
    postcodes: Vec<Vec<String>>,
}

const CODE_ONLY: &str = "code";

impl Places {
    pub fn to_json(&self) -> Result<String, Problem> {
        let places = self
            .places
            .iter()
            .map(|p| {
                let mut row = vec![
                    p.name.clone(),
                    p.code.clone(),
                    p.note.clone(),
                    p.short.join(";"),
                    if p.code_only { CODE_ONLY } else { "" }.to_string(),
                ];
                row.extend(p.areas.iter().cloned());
                row
            })
            .collect();
        let postcodes = self
            .postcodes
            .iter()
            .map(|Postcode(outward, shares)| {
                let mut row = vec![outward.clone()];
                for (area, share) in shares {
                    row.push(area.clone());
                    row.push(share.to_string());
                }
                row
            })
            .collect();
        serde_json::to_string(&Rows { places, postcodes })
            .map_err(|e| Problem::new(FILE_NAME, e.to_string()))
    }

    /// Reads `places.json`. Only a file that cannot be read at all fails; a
    /// record too short, leading nowhere or with a share that is no number
    /// is reported and left out.
    pub fn parse(text: &str) -> Result<(Places, Vec<Problem>), Problem> {
        let rows: Rows =
            serde_json::from_str(text).map_err(|e| Problem::new(FILE_NAME, e.to_string()))?;
        let mut problems = Vec::new();
        let mut bad = |what: &str, i: usize, why: &str| {
            problems.push(Problem::new(format!("{FILE_NAME}: {what}[{i}]"), why));
        };
        let mut places = Vec::with_capacity(rows.places.len());
        for (i, mut row) in rows.places.into_iter().enumerate() {
            if row.len() < 6 || row.first().is_none_or(|name| name.trim().is_empty()) {
                bad(
                    "places",
                    i,
                    "a place needs a name, a code, a note and an area",
                );
                continue;
            }
            let areas = row.split_off(5);
            let [name, code, note, short, flag] = <[String; 5]>::try_from(row).unwrap_or_default();
            places.push(Place {
                name,
                code,
                note,
                areas,
                short: short
                    .split(';')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
                code_only: flag == CODE_ONLY,
            });
        }
        let mut postcodes = Vec::with_capacity(rows.postcodes.len());
        for (i, row) in rows.postcodes.into_iter().enumerate() {
            let shares: Option<Vec<(String, u8)>> = row
                .get(1..)
                .unwrap_or_default()
                .chunks(2)
                .map(|pair| match pair {
                    [area, share] => Some((area.clone(), share.parse().ok()?)),
                    _ => None,
                })
                .collect();
            match (row.first(), shares) {
                (Some(outward), Some(shares)) if !shares.is_empty() => {
                    postcodes.push(Postcode(outward.clone(), shares));
                }
                _ => bad(
                    "postcodes",
                    i,
                    "a postcode district needs areas, each with a share",
                ),
            }
        }
        Ok((Places { places, postcodes }, problems))
    }
}

/// "A, B and C".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// What a postcode district's suggestion says, from its areas' names and
/// shares: "Postcode district (in England: Dorset 91% and Hampshire 9%)".
/// The table counts England's postcodes only, so a district that crosses
/// into Wales or Scotland is described by its English part, and says so.
pub fn postcode_note(areas: &[(&str, u8)]) -> String {
    let parts: Vec<String> = match areas {
        [(name, _)] => vec![name.to_string()],
        _ => areas
            .iter()
            .map(|(name, share)| format!("{name} {share}%"))
            .collect(),
    };
    format!("Postcode district (in England: {})", and_list(&parts))
}

/// The outward code of a UK postcode ("HG3" of "HG3 1AB", or "HG3" alone),
/// upper case, if `text` has the shape of one: one or two letters, a digit,
/// then a digit or a letter or nothing; then, for a full postcode, a digit
/// and two letters. Spaces anywhere are ignored.
pub fn outward_code(text: &str) -> Option<String> {
    // Typed with a space, the part before it is the outward code, even
    // while the inward code is still being typed ("HG3 1").
    let text = text.trim();
    if let Some((outward, inward)) = text.split_once(char::is_whitespace) {
        let (outward, inward) = (outward.to_ascii_uppercase(), inward.trim().as_bytes());
        let partial = match inward {
            [d, letters @ ..] => {
                d.is_ascii_digit()
                    && letters.len() <= 2
                    && letters.iter().all(u8::is_ascii_alphabetic)
            }
            [] => false,
        };
        if partial && outward.is_ascii() && outward_shape(outward.as_bytes()) {
            return Some(outward);
        }
    }
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !compact.is_ascii() {
        return None;
    }
    // A full postcode ends with its inward code: a digit and two letters.
    let outward = match compact.len() {
        5..=7 => {
            let (outward, inward) = compact.split_at_checked(compact.len() - 3)?;
            let inward_shape = matches!(inward.as_bytes(), [d, a, b]
                if d.is_ascii_digit() && a.is_ascii_alphabetic() && b.is_ascii_alphabetic());
            (inward_shape && outward_shape(outward.as_bytes())).then_some(outward)?
        }
        2..=4 if outward_shape(compact.as_bytes()) => &compact,
        _ => return None,
    };
    Some(outward.to_string())
}

/// A9, A9A, A99, AA9, AA9A, AA99.
fn outward_shape(b: &[u8]) -> bool {
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let rest = b.get(letters..).unwrap_or_default();
    (1..=2).contains(&letters)
        && match rest {
            [d] => d.is_ascii_digit(),
            [d, e] => d.is_ascii_digit() && (e.is_ascii_digit() || e.is_ascii_alphabetic()),
            _ => false,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_by_shape() {
        for (text, outward) in [
            ("HG3 1AB", "HG3"),
            ("hg31ab", "HG3"),
            ("HG3", "HG3"),
            ("SW1A 1AA", "SW1A"),
            ("sw1a", "SW1A"),
            ("M1 1AE", "M1"),
            ("B33 8TH", "B33"),
            ("CR2 6XH", "CR2"),
            ("DN55 1PT", "DN55"),
            ("W1A 0AX", "W1A"),
            (" e1 ", "E1"),
            // While the inward code is typed.
            ("HG3 1", "HG3"),
            ("hg3 1a", "HG3"),
            ("sw1a 1", "SW1A"),
        ] {
            assert_eq!(outward_code(text).as_deref(), Some(outward), "{text}");
        }
        for text in [
            "",
            "H",
            "HG",
            "Harrogate",
            "1AB",
            "HGG3",
            "HG3 11B",
            "HG3 1A2",
            "North 1",
            "HG123",
            "HG3 1ABC",
            "E06000010",
            "HG3 1ÅB",
            "Kent",
        ] {
            assert_eq!(outward_code(text), None, "{text}");
        }
    }

    #[test]
    fn notes_and_lists() {
        assert_eq!(and_list(&[]), "");
        assert_eq!(and_list(&["A".into()]), "A");
        assert_eq!(
            and_list(&["A".into(), "B".into(), "C".into()]),
            "A, B and C"
        );
        assert_eq!(
            postcode_note(&[("North Yorkshire", 100)]),
            "Postcode district (in England: North Yorkshire)"
        );
        assert_eq!(
            postcode_note(&[("Dorset", 91), ("Hampshire", 9)]),
            "Postcode district (in England: Dorset 91% and Hampshire 9%)"
        );
    }

    #[test]
    fn places_are_read_and_bad_ones_named() {
        let text = r#"{"places":[
            ["Harrogate","E07000165","A district of North Yorkshire (2014)","","","E10000023"],
            ["Bournemouth, Christchurch and Poole","E06000058","Since 2019","BCP","","E06000028","E10000009"],
            ["North Yorkshire","E06000065","Since 2023","","code","E10000023"],
            ["","E0","","","","E10000023"],
            ["Nowhere","E1","","",""]
        ],"postcodes":[["BH23","E10000009","91","E10000014","9"],["X1","E10000009"],["X2","E10000009","lots"],[]]}"#;
        let (places, problems) = Places::parse(text).unwrap();
        assert_eq!(places.places.len(), 3);
        let bcp = &places.places[1];
        assert_eq!(
            (bcp.short.clone(), bcp.code_only),
            (vec!["BCP".to_string()], false)
        );
        assert_eq!(bcp.areas, ["E06000028", "E10000009"]);
        assert!(places.places[2].code_only && places.places[0].short.is_empty());
        assert_eq!(
            places.postcodes,
            [Postcode(
                "BH23".into(),
                vec![("E10000009".into(), 91), ("E10000014".into(), 9)]
            )]
        );
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "places.json: places[3]: a place needs a name, a code, a note and an area",
                "places.json: places[4]: a place needs a name, a code, a note and an area",
                "places.json: postcodes[1]: a postcode district needs areas, each with a share",
                "places.json: postcodes[2]: a postcode district needs areas, each with a share",
                "places.json: postcodes[3]: a postcode district needs areas, each with a share",
            ]
        );
        // What the build writes is read back the same.
        let (again, none) = Places::parse(&places.to_json().unwrap()).unwrap();
        assert!(none.is_empty());
        assert_eq!(again, places);
        let err = Places::parse("<html>").unwrap_err();
        assert!(err.to_string().starts_with("places.json: "), "{err}");
    }
}
