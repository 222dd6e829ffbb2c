//! The atlas: every area's outline already projected, as SVG path data in
//! whole view-box units, with its box and centre. Made once at build time
//! from the GeoJSON in `geodata/` (`from_shapes`), shipped as `atlas.json`,
//! and read by the app (`parse`), so that no visitor's browser parses
//! GeoJSON or runs the projection.
//!
//! Path data is relative (`m`, implicit `l`) between points rounded to
//! whole units of a `geo::WIDTH`-wide view box: short, and exact, because
//! every step is taken between already-rounded points, so no error builds up.

use crate::geo::{self, Albers, AreaShape, Bounds, Frame};
use crate::problem::Problem;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt::Write;

pub const FILE_NAME: &str = "atlas.json";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Atlas {
    /// The view box's width and height.
    pub size: [u32; 2],
    pub areas: Vec<AtlasArea>,
    /// How longitude and latitude map into the view box (after
    /// `Albers::england`), for placing a point on the map; all zero in an
    /// atlas that does not say (one made before it did).
    #[serde(default)]
    pub frame: Frame,
    /// What was wrong with the GeoJSON it was made from (bad features
    /// skipped), for the app to list beside the map.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<AtlasProblem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AtlasArea {
    pub code: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub path: String,
    /// min x, min y, max x, max y.
    #[serde(rename = "box")]
    pub bbox: [i32; 4],
    pub centre: [i32; 2],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AtlasProblem {
    pub place: String,
    pub message: String,
}

impl AtlasArea {
    pub fn bounds(&self) -> Bounds {
        let [x0, y0, x1, y1] = self.bbox.map(f64::from);
        Bounds {
            min: [x0, y0],
            max: [x1, y1],
        }
    }

    pub fn centre(&self) -> [f64; 2] {
        self.centre.map(f64::from)
    }
}

impl Atlas {
    /// Projects and encodes parsed shapes. Shapes too small to draw anything
    /// at this resolution are reported and left out.
    pub fn from_shapes(shapes: &[AreaShape], mut problems: Vec<Problem>) -> Atlas {
        let projection = Albers::england();
        let Some(frame) = Frame::fit(&projection, shapes) else {
            return Atlas {
                size: [1, 1],
                areas: Vec::new(),
                frame: Frame::default(),
                problems: problems.into_iter().map(AtlasProblem::from).collect(),
            };
        };
        let mut areas = Vec::with_capacity(shapes.len());
        for shape in shapes {
            let path = path_data(shape, &projection, &frame);
            if path.is_empty() {
                problems.push(Problem::new(
                    shape.code.clone(),
                    format!("{} is too small to draw", shape.name),
                ));
                continue;
            }
            let (bounds, centre) = geo::placement(shape, &projection, &frame);
            areas.push(AtlasArea {
                code: shape.code.clone(),
                name: shape.name.clone(),
                region: shape.region.clone(),
                path,
                bbox: [
                    bounds.min[0].floor(),
                    bounds.min[1].floor(),
                    bounds.max[0].ceil(),
                    bounds.max[1].ceil(),
                ]
                .map(whole),
                centre: centre.map(|c| whole(c.round())),
            });
        }
        Atlas {
            size: [frame.width.ceil() as u32, frame.height.ceil() as u32],
            areas,
            frame,
            problems: problems.into_iter().map(AtlasProblem::from).collect(),
        }
    }

    /// Reads `atlas.json`. Only a file that cannot be read at all fails; an
    /// area without a path or with a code seen before is reported and left out.
    pub fn parse(text: &str) -> Result<(Atlas, Vec<Problem>), Problem> {
        let mut atlas: Atlas =
            serde_json::from_str(text).map_err(|e| Problem::new(FILE_NAME, e.to_string()))?;
        let mut problems: Vec<Problem> = atlas
            .problems
            .iter()
            .map(|p| Problem::new(p.place.clone(), p.message.clone()))
            .collect();
        let mut seen = HashSet::new();
        let mut i = 0;
        atlas.areas.retain(|area| {
            let place = format!("{FILE_NAME}: areas[{i}] ({})", area.code);
            i += 1;
            let problem = if !seen.insert(area.code.clone()) {
                Some("duplicate area code")
            } else if !area.path.starts_with(['m', 'M']) {
                Some("no outline to draw")
            } else {
                None
            };
            if let Some(message) = problem {
                problems.push(Problem::new(place, message));
            }
            problem.is_none()
        });
        if atlas.size.contains(&0) {
            problems.push(Problem::new(FILE_NAME, "the map has no size"));
            atlas.size = [1, 1];
        }
        Ok((atlas, problems))
    }

    /// The SVG `viewBox` attribute value.
    pub fn view_box(&self) -> String {
        format!("0 0 {} {}", self.size[0], self.size[1])
    }
}

impl From<Problem> for AtlasProblem {
    fn from(p: Problem) -> Self {
        AtlasProblem {
            place: p.place,
            message: p.message,
        }
    }
}

/// Saturates rather than wraps: projected points lie within the frame.
fn whole(value: f64) -> i32 {
    value as i32
}

/// SVG path data for a shape: one subpath per ring, between points rounded
/// to whole units; repeated points are dropped, and rings that round to
/// fewer than three points (nothing to see) are left out. Holes need no
/// special winding under `fill-rule: nonzero`: RFC 7946 winds them against
/// their exterior.
pub fn path_data(shape: &AreaShape, projection: &Albers, frame: &Frame) -> String {
    let mut d = String::new();
    // Where the pen is: after `z`, at the start of the ring just closed.
    let mut pen: Option<[i64; 2]> = None;
    for ring in shape.polygons.iter().flatten() {
        let mut points: Vec<[i64; 2]> = Vec::with_capacity(ring.len());
        for lon_lat in ring {
            let [x, y] = frame.apply(projection.project(*lon_lat));
            let point = [x.round() as i64, y.round() as i64];
            if points.last() != Some(&point) {
                points.push(point);
            }
        }
        // The ring's closing point is drawn by `z`.
        if points.len() > 1 && points.first() == points.last() {
            points.pop();
        }
        if points.len() < 3 {
            continue;
        }
        // A path may open with a relative `m` (from the origin); the pairs
        // after an `m` are relative lines.
        let mut previous = pen.unwrap_or([0, 0]);
        d.push('m');
        for (i, &[x, y]) in points.iter().enumerate() {
            number(&mut d, x - previous[0], i > 0);
            number(&mut d, y - previous[1], true);
            previous = [x, y];
        }
        d.push('z');
        pen = points.first().copied();
    }
    d
}

/// The rings of path data as `path_data` writes it (`m`, relative pairs of
/// whole numbers, `z`; an absolute `M` is read too), in view-box units.
/// What cannot be read ends the path: the rings read so far are returned.
pub fn rings(d: &str) -> Vec<Vec<[f64; 2]>> {
    let mut rings = Vec::new();
    let mut ring: Vec<[f64; 2]> = Vec::new();
    // Where a relative `m` starts from: the start of the ring last closed.
    let mut pen = [0.0, 0.0];
    let mut absolute = false;
    let mut pending: Option<f64> = None;
    let mut rest = d;
    while let Some(c) = rest.chars().next() {
        match c {
            'm' | 'M' | 'z' | 'Z' => {
                if let Some(&first) = ring.first() {
                    pen = first;
                    rings.push(std::mem::take(&mut ring));
                }
                if c != 'z' && c != 'Z' {
                    absolute = c == 'M';
                }
                pending = None;
                rest = &rest[1..];
            }
            ' ' | ',' => rest = &rest[1..],
            '-' | '0'..='9' => {
                let end = rest[1..]
                    .find(|c: char| !c.is_ascii_digit())
                    .map_or(rest.len(), |i| i + 1);
                // Whole numbers only (what `path_data` writes): parsing
                // decimals would cost the wasm a float parser.
                let Ok(n) = rest[..end].parse::<i32>() else {
                    break;
                };
                rest = &rest[end..];
                let n = f64::from(n);
                match pending.take() {
                    None => pending = Some(n),
                    Some(x) => {
                        let base = ring.last().copied().unwrap_or(pen);
                        ring.push(if absolute {
                            [x, n]
                        } else {
                            [base[0] + x, base[1] + n]
                        });
                    }
                }
            }
            _ => break,
        }
    }
    if ring.len() > 2 {
        rings.push(ring);
    }
    rings
}

/// Appends `n`, with a space before it only where the number before would
/// otherwise run into it (a minus sign separates by itself).
fn number(d: &mut String, n: i64, after_number: bool) {
    if after_number && n >= 0 {
        d.push(' ');
    }
    let _ = write!(d, "{n}");
}

/// Builds the atlas from a GeoJSON FeatureCollection of areas (`file` names
/// it in problems). Native only: the app reads the atlas, never GeoJSON.
#[cfg(feature = "geojson")]
pub fn from_geojson(text: &str, file: &str) -> Result<Atlas, Problem> {
    let (shapes, problems) = geo::parse_areas(text, file)?;
    Ok(Atlas::from_shapes(&shapes, problems))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The atlas made from tests/fixtures/areas.geojson, committed so that
    /// the wasm tests, which cannot parse GeoJSON, use the same areas.
    pub const SAMPLE: &str = include_str!("../../tests/fixtures/atlas.json");

    /// Absolute points of a path written by `path_data`, ring by ring.
    #[cfg(feature = "geojson")]
    fn decode(d: &str) -> Vec<Vec<[i64; 2]>> {
        rings(d)
            .into_iter()
            .map(|ring| ring.into_iter().map(|p| p.map(|c| c as i64)).collect())
            .collect()
    }

    #[cfg(feature = "geojson")]
    #[test]
    fn paths_are_relative_whole_numbers_that_decode_to_the_rounded_points() {
        let shapes = geo::tests::sample();
        let projection = Albers::england();
        let frame = Frame::fit(&projection, &shapes).unwrap();
        for shape in &shapes {
            let d = path_data(shape, &projection, &frame);
            assert!(d.starts_with('m') && d.ends_with('z'), "{d}");
            assert!(!d.contains('.') && !d.contains('L'), "{d}");
            let rings = decode(&d);
            let expected: Vec<Vec<[i64; 2]>> = shape
                .polygons
                .iter()
                .flatten()
                .map(|ring| {
                    let mut points: Vec<[i64; 2]> = ring
                        .iter()
                        .map(|p| frame.apply(projection.project(*p)))
                        .map(|[x, y]| [x.round() as i64, y.round() as i64])
                        .collect();
                    points.dedup();
                    points.pop();
                    points
                })
                .collect();
            assert_eq!(rings, expected, "{}", shape.code);
        }
    }

    #[cfg(feature = "geojson")]
    #[test]
    fn specks_and_repeats_are_dropped() {
        let ring = |points: &[[f64; 2]]| points.to_vec();
        let shape = AreaShape {
            code: "E1".into(),
            name: "Isles".into(),
            region: None,
            polygons: vec![
                vec![ring(&[
                    [-2.0, 52.0],
                    [-1.0, 52.0],
                    [-1.0, 52.0],
                    [-1.0, 53.0],
                    [-2.0, 52.0],
                ])],
                // Far smaller than a unit: rounds to one point.
                vec![ring(&[
                    [0.0, 52.0],
                    [0.000001, 52.0],
                    [0.0, 52.000001],
                    [0.0, 52.0],
                ])],
            ],
        };
        let projection = Albers::england();
        let frame = Frame::fit(&projection, std::slice::from_ref(&shape)).unwrap();
        let d = path_data(&shape, &projection, &frame);
        assert_eq!(decode(&d).len(), 1, "{d}");
        assert_eq!(decode(&d)[0].len(), 3, "{d}");
    }

    #[cfg(feature = "geojson")]
    #[test]
    fn the_committed_sample_is_made_from_the_geojson_sample() {
        let atlas = from_geojson(geo::tests::SAMPLE, "areas.geojson").unwrap();
        let written = serde_json::to_string(&atlas).unwrap();
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/atlas.json");
            std::fs::write(path, format!("{written}\n")).unwrap();
        }
        assert_eq!(
            SAMPLE.trim_end(),
            written,
            "tests/fixtures/atlas.json is stale: rerun with UPDATE_FIXTURES=1"
        );
    }

    #[test]
    fn round_trips_with_boxes_around_centres() {
        let (atlas, problems) = Atlas::parse(SAMPLE).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(atlas.areas.len(), 3);
        assert_eq!(atlas.size[0], geo::WIDTH as u32);
        for area in &atlas.areas {
            let (b, [x, y]) = (area.bounds(), area.centre());
            assert!(b.min[0] <= x && x <= b.max[0] && b.min[1] <= y && y <= b.max[1]);
            assert!(b.max[0] <= f64::from(atlas.size[0]) && b.max[1] <= f64::from(atlas.size[1]));
        }
        assert_eq!(
            atlas.view_box(),
            format!("0 0 {} {}", atlas.size[0], atlas.size[1])
        );
    }

    #[test]
    fn rings_are_read_back_and_bad_data_ends_them() {
        assert_eq!(
            rings("m10 20 5 0-5 5zm10 0 1 0 0 1z"),
            [
                vec![[10.0, 20.0], [15.0, 20.0], [10.0, 25.0]],
                vec![[20.0, 20.0], [21.0, 20.0], [21.0, 21.0]],
            ]
        );
        assert_eq!(
            rings("M0 0 4 0 4 4z"),
            [vec![[0.0, 0.0], [4.0, 0.0], [4.0, 4.0]]]
        );
        // Decimals, letters it does not write and overflows end the path.
        assert_eq!(rings("m0 0 4 0 4 4zm1.5 2 3 3 1 1z").len(), 1);
        assert_eq!(rings("m0 0 4 0 4 4zL1 1").len(), 1);
        assert_eq!(
            rings("m0 0 99999999999 0 1 1z"),
            Vec::<Vec<[f64; 2]>>::new()
        );
        assert!(rings("").is_empty());
        // An unclosed ring of three points still counts.
        assert_eq!(rings("m0 0 4 0 0 4").len(), 1);
    }

    #[test]
    fn bad_atlases_are_reported_not_fatal() {
        let err = Atlas::parse("{ nope").unwrap_err();
        assert!(err.to_string().starts_with("atlas.json: "), "{err}");
        let err = Atlas::parse(r#"{"size": [1, 1]}"#).unwrap_err();
        assert!(err.message.contains("areas"), "{err}");
        let area = |code: &str, path: &str| {
            format!(
                r#"{{"code":"{code}","name":"X","path":"{path}","box":[0,0,1,1],"centre":[0,0]}}"#
            )
        };
        let text = format!(
            r#"{{"size":[0,10],"areas":[{},{},{}],"problems":[{{"place":"a.geojson","message":"skipped"}}]}}"#,
            area("E1", "m0 0 1 0-1 1z"),
            area("E1", "m0 0 1 0-1 1z"),
            area("E2", "")
        );
        let (atlas, problems) = Atlas::parse(&text).unwrap();
        assert_eq!(atlas.areas.len(), 1);
        assert_eq!(atlas.size, [1, 1]);
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "a.geojson: skipped",
                "atlas.json: areas[1] (E1): duplicate area code",
                "atlas.json: areas[2] (E2): no outline to draw",
                "atlas.json: the map has no size",
            ]
        );
    }
}
