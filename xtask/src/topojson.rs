//! TopoJSON, the format of the ONS boundary source: decoding an object to
//! GeoJSON (for the tests that compare the shipped boundaries with their
//! source), and extracting some of an object's areas with only the arcs they
//! use (to keep a lossless, small copy of the source in the repository).
//!
//! Only what the source uses is supported: a quantised `transform`, and
//! Polygon and MultiPolygon geometries. Anything else is an error, not a guess.

use crate::cmd::Result;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// The rings of a geometry as arc indices: one list of rings per polygon.
fn polygons(geometry: &Value) -> Result<Vec<&Value>> {
    let arcs = &geometry["arcs"];
    match geometry["type"].as_str() {
        Some("Polygon") => Ok(vec![arcs]),
        Some("MultiPolygon") => Ok(arcs
            .as_array()
            .ok_or("a MultiPolygon without arcs")?
            .iter()
            .collect()),
        other => Err(format!("unsupported geometry type {other:?}")),
    }
}

fn rings(polygon: &Value) -> Result<Vec<Vec<i64>>> {
    polygon
        .as_array()
        .ok_or("a polygon that is not a list of rings")?
        .iter()
        .map(|ring| {
            ring.as_array()
                .ok_or("a ring that is not a list of arcs")?
                .iter()
                .map(|i| i.as_i64().ok_or_else(|| format!("bad arc index {i}")))
                .collect()
        })
        .collect()
}

/// The geometries of `object`.
fn geometries<'a>(topo: &'a Value, object: &str) -> Result<&'a Vec<Value>> {
    topo["objects"][object]["geometries"]
        .as_array()
        .ok_or_else(|| format!("the TopoJSON has no object `{object}` with geometries"))
}

/// Arc `index` (negative: `!i`, arc i reversed) as positions.
fn arc_positions(arcs: &[Vec<[f64; 2]>], index: i64) -> Result<Vec<[f64; 2]>> {
    let (i, reversed) = if index < 0 {
        (!index, true)
    } else {
        (index, false)
    };
    let mut positions = usize::try_from(i)
        .ok()
        .and_then(|i| arcs.get(i))
        .ok_or_else(|| format!("arc {i} does not exist"))?
        .clone();
    if reversed {
        positions.reverse();
    }
    Ok(positions)
}

/// Every arc, un-quantised: positions are delta-encoded on an integer grid
/// and mapped to longitude/latitude by the transform.
fn decoded_arcs(topo: &Value) -> Result<Vec<Vec<[f64; 2]>>> {
    let number = |v: &Value| v.as_f64().ok_or_else(|| format!("not a number: {v}"));
    let transform = &topo["transform"];
    let scale = [
        number(&transform["scale"][0])?,
        number(&transform["scale"][1])?,
    ];
    let translate = [
        number(&transform["translate"][0])?,
        number(&transform["translate"][1])?,
    ];
    topo["arcs"]
        .as_array()
        .ok_or("the TopoJSON has no arcs")?
        .iter()
        .map(|arc| {
            let mut at = [0.0, 0.0];
            arc.as_array()
                .ok_or("an arc that is not a list")?
                .iter()
                .map(|delta| {
                    at[0] += number(&delta[0])?;
                    at[1] += number(&delta[1])?;
                    Ok([
                        at[0] * scale[0] + translate[0],
                        at[1] * scale[1] + translate[1],
                    ])
                })
                .collect()
        })
        .collect()
}

/// `object` as a GeoJSON FeatureCollection, each feature with its geometry's
/// properties and rings wound as the TopoJSON has them.
pub fn decode(topo: &Value, object: &str) -> Result<Value> {
    let arcs = decoded_arcs(topo)?;
    let mut features = Vec::new();
    for geometry in geometries(topo, object)? {
        let mut coordinates = Vec::new();
        for polygon in polygons(geometry)? {
            let mut decoded = Vec::new();
            for ring in rings(polygon)? {
                let mut positions: Vec<[f64; 2]> = Vec::new();
                for &index in &ring {
                    let arc = arc_positions(&arcs, index)?;
                    // Each arc starts where the previous one ended.
                    let skip = usize::from(!positions.is_empty());
                    positions.extend(arc.into_iter().skip(skip));
                }
                decoded.push(positions);
            }
            coordinates.push(decoded);
        }
        let geometry_json = match geometry["type"].as_str() {
            Some("Polygon") => json!({"type": "Polygon", "coordinates": coordinates[0]}),
            _ => json!({"type": "MultiPolygon", "coordinates": coordinates}),
        };
        features.push(json!({
            "type": "Feature",
            "properties": geometry["properties"].clone(),
            "geometry": geometry_json,
        }));
    }
    Ok(json!({"type": "FeatureCollection", "features": features}))
}

/// A Topology holding only the geometries of `object` whose properties pass
/// `keep`, and only the arcs they use (renumbered, in their old order). The
/// transform and every kept position are unchanged, so nothing is lost.
pub fn extract(topo: &Value, object: &str, keep: impl Fn(&Value) -> bool) -> Result<Value> {
    let all_arcs = topo["arcs"].as_array().ok_or("the TopoJSON has no arcs")?;
    let kept: Vec<&Value> = geometries(topo, object)?
        .iter()
        .filter(|g| keep(&g["properties"]))
        .collect();
    let mut renumber: BTreeMap<i64, i64> = BTreeMap::new();
    for geometry in &kept {
        for polygon in polygons(geometry)? {
            for index in rings(polygon)?.into_iter().flatten() {
                renumber.insert(if index < 0 { !index } else { index }, 0);
            }
        }
    }
    for (new, old) in renumber.values_mut().zip(0..) {
        *new = old;
    }
    let arcs = renumber
        .keys()
        .map(|&old| {
            usize::try_from(old)
                .ok()
                .and_then(|i| all_arcs.get(i))
                .cloned()
                .ok_or_else(|| format!("arc {old} does not exist"))
        })
        .collect::<Result<Vec<Value>>>()?;
    let new_index = |index: i64| {
        if index < 0 {
            !renumber[&!index]
        } else {
            renumber[&index]
        }
    };
    let mut geometries_out = Vec::new();
    for geometry in kept {
        let renumbered: Vec<Value> = polygons(geometry)?
            .into_iter()
            .map(|polygon| -> Result<Value> {
                let rings: Vec<Vec<i64>> = rings(polygon)?
                    .into_iter()
                    .map(|ring| ring.into_iter().map(new_index).collect())
                    .collect();
                Ok(json!(rings))
            })
            .collect::<Result<_>>()?;
        let mut out = geometry.as_object().cloned().unwrap_or_else(Map::new);
        let arcs_json = match geometry["type"].as_str() {
            Some("Polygon") => renumbered.into_iter().next().unwrap_or(Value::Null),
            _ => Value::Array(renumbered),
        };
        out.insert("arcs".into(), arcs_json);
        geometries_out.push(Value::Object(out));
    }
    Ok(json!({
        "type": "Topology",
        "transform": topo["transform"].clone(),
        "objects": {object: {"type": "GeometryCollection", "geometries": geometries_out}},
        "arcs": arcs,
    }))
}

/// A Topology written one geometry and one arc per line: small, and its
/// diffs readable.
pub fn to_text(topo: &Value) -> Result<String> {
    let line = |v: &Value| serde_json::to_string(v).map_err(|e| e.to_string());
    let lines = |values: &Value| -> Result<String> {
        Ok(values
            .as_array()
            .ok_or("not a list")?
            .iter()
            .map(line)
            .collect::<Result<Vec<_>>>()?
            .join(",\n"))
    };
    let objects = topo["objects"]
        .as_object()
        .ok_or("the TopoJSON has no objects")?;
    let mut parts = Vec::new();
    for (name, object) in objects {
        parts.push(format!(
            "{}:{{\"type\":\"GeometryCollection\",\"geometries\":[\n{}\n]}}",
            line(&json!(name))?,
            lines(&object["geometries"])?
        ));
    }
    Ok(format!(
        "{{\"type\":\"Topology\",\"transform\":{},\n\"objects\":{{{}}},\n\"arcs\":[\n{}\n]}}\n",
        line(&topo["transform"])?,
        parts.join(",\n"),
        lines(&topo["arcs"])?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two one-degree squares side by side sharing arc 1 (the edge at
    /// x = 11), on a grid of 0.5 degrees from (10, 50), and a triangle.
    fn sample() -> Value {
        json!({
            "type": "Topology",
            "transform": {"scale": [0.5, 0.5], "translate": [10.0, 50.0]},
            "objects": {"areas": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "properties": {"code": "A"}, "arcs": [[0, 1]]},
                {"type": "MultiPolygon", "properties": {"code": "B"}, "arcs": [[[2, -2]]]},
                {"type": "Polygon", "properties": {"code": "C"}, "arcs": [[3]]}
            ]}},
            "arcs": [
                // (11,50) -> (10,50) -> (10,51) -> (11,51), as grid deltas
                [[2, 0], [-2, 0], [0, 2], [2, 0]],
                // (11,51) -> (11,50)
                [[2, 2], [0, -2]],
                // (11,51) -> (12,51) -> (12,50) -> (11,50)
                [[2, 2], [2, 0], [0, -2], [-2, 0]],
                // a lone triangle from (15,55)
                [[10, 10], [1, 0], [0, 1], [-1, -1]]
            ]
        })
    }

    #[test]
    fn decodes_quantised_delta_arcs_and_reversed_ones() {
        let geojson = decode(&sample(), "areas").unwrap();
        let a = &geojson["features"][0];
        assert_eq!(a["properties"]["code"], "A");
        assert_eq!(a["geometry"]["type"], "Polygon");
        assert_eq!(
            a["geometry"]["coordinates"],
            json!([[
                [11.0, 50.0],
                [10.0, 50.0],
                [10.0, 51.0],
                [11.0, 51.0],
                [11.0, 50.0]
            ]])
        );
        // B walks the shared edge the other way: arc 1 reversed.
        let b = &geojson["features"][1]["geometry"];
        assert_eq!(b["type"], "MultiPolygon");
        assert_eq!(
            b["coordinates"],
            json!([[[
                [11.0, 51.0],
                [12.0, 51.0],
                [12.0, 50.0],
                [11.0, 50.0],
                [11.0, 51.0]
            ]]])
        );
        assert_eq!(
            geojson["features"][2]["geometry"]["coordinates"][0][1],
            json!([15.5, 55.0])
        );
    }

    #[test]
    fn extracting_keeps_only_used_arcs_and_loses_nothing() {
        let topo = sample();
        let kept = extract(&topo, "areas", |p| p["code"] != "A").unwrap();
        assert_eq!(kept["arcs"].as_array().unwrap().len(), 3, "arc 0 dropped");
        let geometries = &kept["objects"]["areas"]["geometries"];
        assert_eq!(geometries[0]["arcs"], json!([[[1, -1]]]));
        assert_eq!(geometries[1]["arcs"], json!([[2]]));
        assert_eq!(geometries[1]["properties"]["code"], "C");
        let before = decode(&topo, "areas").unwrap();
        let after = decode(&kept, "areas").unwrap();
        assert_eq!(after["features"][0], before["features"][1]);
        assert_eq!(after["features"][1], before["features"][2]);
        // What is written reads back as the same Topology.
        let text = to_text(&kept).unwrap();
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), kept);
    }

    #[test]
    fn refuses_what_it_does_not_understand() {
        let mut topo = sample();
        topo["objects"]["areas"]["geometries"][0]["type"] = json!("LineString");
        assert!(decode(&topo, "areas").unwrap_err().contains("LineString"));
        assert!(
            decode(&sample(), "nothing")
                .unwrap_err()
                .contains("nothing")
        );
        let mut topo = sample();
        topo["objects"]["areas"]["geometries"][0]["arcs"] = json!([[0, 9]]);
        assert!(decode(&topo, "areas").unwrap_err().contains("arc 9"));
    }
}
