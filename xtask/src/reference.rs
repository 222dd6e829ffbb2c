//! The bench's reference page: the same shipped geometry, coloured by the
//! same statuses at the same date, drawn by a plain d3-geo page (d3 from
//! npm, pinned; no framework), so that the app's speed and weight are
//! measured against what the field's standard tool does with the same job.

use crate::cmd::{Result, root};
use crate::setup;
use std::path::{Path, PathBuf};

/// Draws the map: fetches the boundaries and the statuses together, winds
/// the rings the way d3 wants (it reads RFC 7946's counter-clockwise
/// exterior as "everything but"), projects with the same Albers equal-area
/// conic as the app, and marks `map-ready` as the app does.
const DRAW: &str = r##"const [areas, statuses] = await Promise.all([
  fetch("areas.geojson").then(r => r.json()),
  fetch("statuses.json").then(r => r.json()),
]);
for (const f of areas.features) {
  const g = f.geometry;
  const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  for (const p of polygons) for (const ring of p) ring.reverse();
}
const width = 1000, height = 1140;
const projection = d3.geoConicEqualArea().parallels([51, 55]).rotate([2, 0]).center([0, 53])
  .fitSize([width, height], areas);
const path = d3.geoPath(projection);
const svg = d3.select("#map").attr("viewBox", `0 0 ${width} ${height}`);
svg.selectAll("path").data(areas.features).join("path")
  .attr("d", path)
  .attr("fill", f => statuses[f.properties.code] || "#ffffff")
  .attr("stroke", "#111").attr("stroke-width", 0.6)
  .append("title").text(f => f.properties.name);
svg.attr("data-ready", "true");
performance.mark("map-ready");
"##;

const PAGE: &str = r##"<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reference: the Concordat map in plain d3</title>
<link rel="icon" href="data:,">
<style>body{margin:0;font-family:system-ui,sans-serif}svg{display:block;width:100%;height:auto;max-height:calc(100vh - 4rem)}</style>
</head>
<body>
<h1>Mental Health Crisis Care Concordat: local progress</h1>
<svg id="map" role="img" aria-label="Map of England's upper-tier areas by status"></svg>
<script src="d3.min.js"></script>
<script type="module" src="draw.js"></script>
</body>
</html>
"##;

/// Writes the reference page into `target/bench/d3/`, with the GeoJSON the
/// site's atlas was made from and `statuses` (area code → colour at the dataset's date).
pub fn build(statuses: &str) -> Result<PathBuf> {
    let dir = root().join("target").join("bench").join("d3");
    // Afresh: the size report lists whatever the folder holds.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let copy = |from: &Path, name: &str| {
        std::fs::copy(from, dir.join(name))
            .map(drop)
            .map_err(|e| format!("cannot copy {}: {e}", from.display()))
    };
    copy(&setup::d3()?, "d3.min.js")?;
    copy(
        &crate::geodata::drawn(&root().join("geodata"))?,
        "areas.geojson",
    )?;
    let write = |name: &str, text: &str| {
        std::fs::write(dir.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))
    };
    write("statuses.json", statuses)?;
    write("draw.js", DRAW)?;
    write("index.html", PAGE)?;
    // Served as the app is, compressed: a fair race on a slow network.
    crate::sizes::precompress(&dir)
        .map_err(|e| format!("cannot compress {}: {e}", dir.display()))?;
    Ok(dir)
}
