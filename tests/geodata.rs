//! The committed boundaries: the 152 areas of 2014, small, trimmed, RFC 7946,
//! and faithful to the ONS source (no lost islands or enclaves, neighbours
//! still share their edges).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    reason = "a test should fail loudly on a bad fixture"
)]

use concordat_map::geo::{Albers, AreaShape, Ring, parse_areas};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shipped_text() -> String {
    std::fs::read_to_string(root().join("geodata/areas-2014.geojson")).unwrap()
}

fn shipped() -> Vec<AreaShape> {
    let (shapes, problems) = parse_areas(&shipped_text(), "areas-2014.geojson").unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    shapes
}

/// The ONS source the file was built from (same arcs, unsimplified), kept in
/// the repository in geodata/source/.
fn source() -> Vec<AreaShape> {
    let text = xtask::geodata::source_areas().unwrap();
    let (shapes, problems) = parse_areas(&text, "areas-2014.geojson").unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    shapes
}

fn by_code(shapes: Vec<AreaShape>) -> HashMap<String, AreaShape> {
    shapes.into_iter().map(|s| (s.code.clone(), s)).collect()
}

/// Twice the signed area in the lon/lat plane: positive when counter-clockwise.
fn signed_area(ring: &Ring) -> f64 {
    ring.windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum()
}

#[test]
fn has_the_152_areas_of_2014_with_properties() {
    let shapes = shipped();
    assert_eq!(shapes.len(), 152);
    let source = by_code(source());
    for shape in &shapes {
        let original = source
            .get(&shape.code)
            .unwrap_or_else(|| panic!("{} not in ONS 2014", shape.code));
        assert_eq!(shape.name, original.name);
        assert!(shape.region.is_some(), "{} has no region", shape.code);
    }
    let regions: HashSet<_> = shapes.iter().filter_map(|s| s.region.clone()).collect();
    assert_eq!(regions.len(), 9);
}

#[test]
fn is_small_and_trimmed() {
    let text = shipped_text();
    let gzip = xtask::sizes::gzip_len(text.as_bytes());
    assert!(gzip <= 40 * 1024, "{gzip} bytes gzip, budget 40 KB");
    // No coordinate carries more than three decimals (about 100 m).
    let mut decimals = 0;
    let mut max_decimals = 0;
    let mut in_number_fraction = false;
    for c in text
        .split("\"properties\"")
        .map(|s| s.split("\"geometry\"").last().unwrap_or(""))
        .collect::<String>()
        .chars()
    {
        if c == '.' {
            in_number_fraction = true;
            decimals = 0;
        } else if in_number_fraction && c.is_ascii_digit() {
            decimals += 1;
            max_decimals = max_decimals.max(decimals);
        } else {
            in_number_fraction = false;
        }
    }
    assert!(max_decimals <= 3, "{max_decimals} decimals");
}

#[test]
fn rings_wind_as_rfc_7946_says() {
    for shape in shipped() {
        for polygon in &shape.polygons {
            assert!(
                signed_area(&polygon[0]) > 0.0,
                "{}: exterior not counter-clockwise",
                shape.code
            );
            for hole in &polygon[1..] {
                assert!(
                    signed_area(hole) < 0.0,
                    "{}: hole not clockwise",
                    shape.code
                );
            }
        }
    }
}

/// Area of a ring in km², on the equal-area projection.
fn area_km2(ring: &Ring) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0;
    let albers = Albers::england();
    let p: Vec<[f64; 2]> = ring.iter().map(|c| albers.project(*c)).collect();
    let twice: f64 = p
        .windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum();
    twice.abs() / 2.0 * EARTH_RADIUS_KM * EARTH_RADIUS_KM
}

fn grid(point: [f64; 2]) -> (i64, i64) {
    (
        (point[0] * 1e3).round() as i64,
        (point[1] * 1e3).round() as i64,
    )
}

/// Every island of the source is still there, except those smaller than a
/// cell of the 0.001° coordinate grid (about 0.01 km²), which cannot be drawn.
#[test]
fn keeps_every_island_and_enclave() {
    let shipped = by_code(shipped());
    let mut checked = 0;
    for original in source() {
        let shape = &shipped[&original.code];
        let kept: HashSet<(i64, i64)> = shape
            .polygons
            .iter()
            .flatten()
            .flatten()
            .map(|p| grid(*p))
            .collect();
        for part in &original.polygons {
            if area_km2(&part[0]) < 0.01 {
                continue;
            }
            checked += 1;
            assert!(
                part[0].iter().any(|p| kept.contains(&grid(*p))),
                "{}: lost a part of {:.2} km² near {:?}",
                original.name,
                area_km2(&part[0]),
                part[0][0]
            );
        }
        let holes = |s: &AreaShape| s.polygons.iter().map(|p| p.len() - 1).sum::<usize>();
        assert_eq!(
            holes(shape),
            holes(&original),
            "{}: enclaves",
            original.code
        );
    }
    assert!(checked > 250, "only {checked} parts checked");
    // Derby inside Derbyshire, and the other county enclaves.
    for county in ["E10000007", "E10000018", "E10000024", "E10000028"] {
        assert!(
            shipped[county].polygons.iter().any(|p| p.len() > 1),
            "{county} lost its enclave"
        );
    }
    // Walney Island (Cumbria) and Tresco (Isles of Scilly) were once lost.
    assert!(shipped["E10000006"].polygons.len() > 1);
    assert!(shipped["E06000053"].polygons.len() >= 5);
}

/// Which areas use each point (rounded to `decimals`).
fn neighbours(shapes: &[AreaShape], decimals: i32) -> HashMap<(usize, usize), usize> {
    let scale = 10f64.powi(decimals);
    let mut users: HashMap<(i64, i64), HashSet<usize>> = HashMap::new();
    for (i, shape) in shapes.iter().enumerate() {
        for point in shape.polygons.iter().flatten().flatten() {
            let key = (
                (point[0] * scale).round() as i64,
                (point[1] * scale).round() as i64,
            );
            users.entry(key).or_default().insert(i);
        }
    }
    let mut shared = HashMap::new();
    for areas in users.values().filter(|a| a.len() > 1) {
        let mut areas: Vec<usize> = areas.iter().copied().collect();
        areas.sort();
        for (k, &a) in areas.iter().enumerate() {
            for &b in &areas[k + 1..] {
                *shared.entry((a, b)).or_insert(0) += 1;
            }
        }
    }
    shared
}

#[test]
fn neighbours_still_share_their_edges() {
    let mut source = source();
    let mut shipped = shipped();
    source.sort_by(|a, b| a.code.cmp(&b.code));
    shipped.sort_by(|a, b| a.code.cmp(&b.code));
    let before = neighbours(&source, 6);
    let after = neighbours(&shipped, 3);
    let mut lost = Vec::new();
    for (&(a, b), &points) in &before {
        // A border of several points must survive as at least a shared segment.
        if points >= 3 && after.get(&(a, b)).copied().unwrap_or(0) < 2 {
            lost.push(format!("{} / {}", source[a].name, source[b].name));
        }
    }
    assert!(lost.is_empty(), "borders lost: {lost:?}");
    assert!(
        before.len() > 300,
        "only {} neighbour pairs in the source",
        before.len()
    );
}
