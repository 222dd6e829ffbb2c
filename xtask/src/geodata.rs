//! Builds the committed boundary file from the repository's copy of the ONS
//! TopoJSON (`geodata/source/`) with mapshaper, the field's standard tool: it
//! simplifies the shared arcs once, so neighbours keep their common edges.
//!
//! Mapshaper's `keep-shapes` keeps one ring per area, but simplification
//! still drops small parts: Walney Island, Tresco, Mersea. So a second,
//! unsimplified pass is made and every part the first one lost is put back
//! from it (see `restore_lost_parts`).

use crate::cmd::{Result, root, run, say};
use crate::{setup, topojson};
use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The boundary year: the 152 upper-tier areas asked to make a declaration in 2014.
pub const YEAR: i64 = 2014;
/// The TopoJSON object of upper-tier areas in the ONS file.
pub const OBJECT: &str = "utla";
/// Visvalingam threshold in metres (mapshaper's `interval`). With `PRECISION`
/// this keeps the file under 40 KB gzip while London boroughs still read as
/// their own shapes. It is the threshold that 10 % of the UK-wide file gave, so
/// the map stayed the same when the source kept in the repository was cut
/// down to England's 2014 areas (a percentage would have changed with it).
pub const INTERVAL_M: &str = "1088";
/// Decimal degrees kept: 0.001° is about 70 m east-west and 110 m north-south here,
/// finer than a pixel of the national view.
pub const PRECISION: &str = "0.001";

/// The boundary source kept in the repository (see geodata/source/PROVENANCE.md).
pub fn source_dir() -> PathBuf {
    root().join("geodata").join("source")
}

/// England's 2014 upper-tier areas, cut losslessly from the ONS `topo.json`.
pub fn source_topojson() -> PathBuf {
    source_dir().join("ctyua-2014-england.topo.json")
}

/// `code,name,kind,region_code,region_name` of each 2014 area.
pub fn areas_csv() -> PathBuf {
    source_dir().join("areas-2014.csv")
}

pub fn output_path() -> PathBuf {
    root().join("geodata").join("areas-2014.geojson")
}

/// The one `.geojson` file in `dir`: another geography is a matter of
/// replacing it, with no change to the code.
pub fn drawn(dir: &Path) -> Result<PathBuf> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "geojson"))
        .collect();
    found.sort();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(format!("no .geojson file of areas in {}", dir.display())),
        many => Err(format!(
            "{} holds {} .geojson files ({}); keep only the areas to draw",
            dir.display(),
            many.len(),
            many.iter()
                .filter_map(|p| p.file_name().map(|f| f.to_string_lossy().into_owned()))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

fn read_json(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The source's areas, unsimplified, as GeoJSON with `code` and `name`
/// properties (rings wound as in the TopoJSON): what the shipped file is
/// checked against.
pub fn source_areas() -> Result<String> {
    let mut collection = topojson::decode(&read_json(&source_topojson())?, OBJECT)?;
    for feature in collection["features"].as_array_mut().into_iter().flatten() {
        let properties = &feature["properties"];
        feature["properties"] = serde_json::json!({
            "code": properties["areacd"],
            "name": properties["areanm"],
        });
    }
    Ok(collection.to_string())
}

/// Whether a `utla` area of the ONS file is one of England's areas in `YEAR`.
fn in_england_in_year(properties: &Value) -> bool {
    let year = |key: &str| properties[key].as_i64();
    properties["areacd"]
        .as_str()
        .is_some_and(|code| code.starts_with('E'))
        && year("start").is_none_or(|start| start <= YEAR)
        && year("end").is_none_or(|end| end >= YEAR)
}

/// Replaces the repository's source with England's `YEAR` areas cut from
/// `upstream`, the `output/topo.json` of ONSvisual/uk-topojson.
pub fn import(upstream: &Path) -> Result<PathBuf> {
    let cut = topojson::extract(&read_json(upstream)?, OBJECT, in_england_in_year)?;
    let out = source_topojson();
    std::fs::write(&out, topojson::to_text(&cut)?)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    say(&format!(
        "wrote {} ({} areas) from {}",
        out.display(),
        cut["objects"][OBJECT]["geometries"]
            .as_array()
            .map_or(0, Vec::len),
        upstream.display()
    ));
    Ok(out)
}

/// Builds `geodata/areas-2014.geojson` from `geodata/source/`.
pub fn build() -> Result<PathBuf> {
    let topo = source_topojson();
    let lookup = areas_csv();
    for file in [&topo, &lookup] {
        if !file.is_file() {
            return Err(format!(
                "{} is missing (see geodata/source/PROVENANCE.md for where it comes from)",
                file.display()
            ));
        }
    }
    let mapshaper = setup::mapshaper()?;
    let out = output_path();
    let full = root()
        .join("target")
        .join("tools")
        .join("areas-2014-unsimplified.geojson");
    say(&format!(
        "building {} from {}",
        out.display(),
        topo.display()
    ));
    for (target, simplify) in [(&out, true), (&full, false)] {
        let mut command = Command::new(&mapshaper);
        command
            .arg("-i")
            .arg(&topo)
            .args(["-target", OBJECT, "-join"])
            .arg(&lookup)
            .args([
                "keys=areacd,code",
                "string-fields=code,region_code",
                "-each",
                "code=areacd, name=areanm, region=region_name",
                "-filter-fields",
                "code,name,region_code,region",
                "-sort",
                "code",
            ]);
        if simplify {
            command.args([
                "-simplify",
                &format!("interval={INTERVAL_M}"),
                "keep-shapes",
            ]);
        }
        run(command.arg("-o").arg(target).args([
            "format=geojson",
            &format!("precision={PRECISION}"),
            "rfc7946",
        ]))?;
    }
    let mut simplified = read_json(&out)?;
    let restored = restore_lost_parts(&mut simplified, &read_json(&full)?)?;
    say(&format!(
        "restored {restored} island(s) that simplification dropped"
    ));
    std::fs::write(&out, feature_per_line(&simplified)?)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(out)
}

/// The polygons of a Polygon or MultiPolygon geometry, as JSON values.
fn parts(geometry: &Value) -> Vec<Value> {
    match geometry["type"].as_str() {
        Some("Polygon") => vec![geometry["coordinates"].clone()],
        Some("MultiPolygon") => geometry["coordinates"]
            .as_array()
            .cloned()
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Vertices of a polygon value on the output grid, for exact comparison.
fn vertices(polygon: &Value) -> HashSet<(i64, i64)> {
    let scale = 1.0 / PRECISION.parse::<f64>().unwrap_or(0.001);
    polygon
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
        .map(|(x, y)| ((x * scale).round() as i64, (y * scale).round() as i64))
        .collect()
}

/// Appends to each simplified area the parts of its unsimplified twin that
/// share no vertex with what simplification kept. Both passes round the same
/// arcs to the same grid, and simplification only removes vertices, so a part
/// that survived shares vertices with its original. Returns how many were put back.
pub fn restore_lost_parts(simplified: &mut Value, full: &Value) -> Result<usize> {
    let features = simplified["features"]
        .as_array_mut()
        .ok_or("the simplified file has no features")?;
    let originals = full["features"]
        .as_array()
        .ok_or("the unsimplified file has no features")?;
    if features.len() != originals.len() {
        return Err("the two mapshaper passes kept different areas".into());
    }
    let mut restored = 0;
    for (feature, original) in features.iter_mut().zip(originals) {
        if feature["properties"]["code"] != original["properties"]["code"] {
            return Err("the two mapshaper passes sorted the areas differently".into());
        }
        let mut kept = parts(&feature["geometry"]);
        let seen: HashSet<(i64, i64)> = kept.iter().flat_map(vertices).collect();
        for part in parts(&original["geometry"]) {
            if vertices(&part).is_disjoint(&seen) {
                kept.push(part);
                restored += 1;
            }
        }
        feature["geometry"] = if kept.len() == 1 {
            serde_json::json!({"type": "Polygon", "coordinates": kept[0]})
        } else {
            serde_json::json!({"type": "MultiPolygon", "coordinates": kept})
        };
    }
    Ok(restored)
}

/// One feature per line, as mapshaper writes it: readable diffs, small file.
fn feature_per_line(collection: &Value) -> Result<String> {
    let features = collection["features"].as_array().ok_or("no features")?;
    let lines: Vec<String> = features
        .iter()
        .map(|f| serde_json::to_string(f).map_err(|e| e.to_string()))
        .collect::<Result<_>>()?;
    Ok(format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[\n{}\n]}}\n",
        lines.join(",\n")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn square(x: f64, y: f64) -> Value {
        json!([[
            [x, y],
            [x + 0.01, y],
            [x + 0.01, y + 0.01],
            [x, y + 0.01],
            [x, y]
        ]])
    }

    #[test]
    fn the_drawn_file_is_the_one_geojson_in_the_folder() {
        let dir = std::env::temp_dir().join(format!("concordat-drawn-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let touch = |name: &str| std::fs::write(dir.join(name), "{}").unwrap();
        touch("README.md");
        assert!(drawn(&dir).unwrap_err().contains("no .geojson file"));
        touch("wards.geojson");
        assert_eq!(drawn(&dir).unwrap(), dir.join("wards.geojson"));
        touch("areas.geojson");
        let err = drawn(&dir).unwrap_err();
        assert!(
            err.contains("2 .geojson files (areas.geojson, wards.geojson)"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(drawn(&dir).unwrap_err().contains("cannot list"));
    }

    #[test]
    fn keeps_the_english_areas_that_existed_in_the_year() {
        for (properties, kept) in [
            (json!({"areacd": "E10000030"}), true),
            (json!({"areacd": "W06000001"}), false),
            (json!({"areacd": "E06000028", "end": 2018}), true),
            (json!({"areacd": "E06000058", "start": 2019}), false),
            (json!({"areacd": "E06000029", "end": 2013}), false),
            (json!({"areanm": "no code"}), false),
        ] {
            assert_eq!(in_england_in_year(&properties), kept, "{properties}");
        }
    }

    #[test]
    fn puts_back_only_the_parts_simplification_dropped() {
        let area = |geometry: Value| json!({"properties": {"code": "E1"}, "geometry": geometry});
        let mut simplified = json!({"features": [area(json!({"type": "Polygon", "coordinates": square(0.0, 50.0)}))]});
        let full = json!({"features": [area(json!({"type": "MultiPolygon",
            "coordinates": [square(0.0, 50.0), square(1.0, 50.0)]}))]});
        assert_eq!(restore_lost_parts(&mut simplified, &full).unwrap(), 1);
        let geometry = &simplified["features"][0]["geometry"];
        assert_eq!(geometry["type"], "MultiPolygon");
        assert_eq!(geometry["coordinates"][1], square(1.0, 50.0));
        // Nothing more to restore the second time.
        assert_eq!(restore_lost_parts(&mut simplified, &full).unwrap(), 0);
    }
}
