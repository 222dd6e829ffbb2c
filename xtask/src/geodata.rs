//! Builds the committed boundary file from the ONS TopoJSON with mapshaper,
//! the field's standard tool: it simplifies the shared arcs once, so
//! neighbours keep their common edges, and `keep-shapes` stops small islands
//! and enclaves from vanishing.

use crate::cmd::{Result, root, run, say};
use crate::setup;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The boundary year: the 152 upper-tier areas asked to make a declaration in 2014.
pub const YEAR: u32 = 2014;
/// Share of removable vertices kept; with `PRECISION` this keeps the file under
/// 40 KB gzip while London boroughs still read as their own shapes.
pub const RETAIN: &str = "10%";
/// Decimal degrees kept: 0.001° is about 70 m east-west and 110 m north-south here,
/// finer than a pixel of the national view.
pub const PRECISION: &str = "0.001";

pub fn default_source() -> PathBuf {
    root().join("..").join("shared").join("geodata-src")
}

pub fn output_path() -> PathBuf {
    root().join("geodata").join("areas-2014.geojson")
}

/// `source` holds `onsvisual-uk-topojson/topo.json` and `areas-2014.csv`.
pub fn build(source: &Path) -> Result<PathBuf> {
    let topo = source.join("onsvisual-uk-topojson").join("topo.json");
    let lookup = source.join("areas-2014.csv");
    for file in [&topo, &lookup] {
        if !file.is_file() {
            return Err(format!(
                "{} is missing (see geodata/README.md for where it comes from)",
                file.display()
            ));
        }
    }
    let mapshaper = setup::mapshaper()?;
    let out = output_path();
    say(&format!("building {} from {}", out.display(), topo.display()));
    let filter = format!(
        "areacd.startsWith('E') && (start == null || start <= {YEAR}) && (end == null || end >= {YEAR})"
    );
    run(Command::new(mapshaper)
        .arg("-i")
        .arg(&topo)
        .args(["-target", "utla", "-filter", &filter, "-join"])
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
            "-simplify",
            RETAIN,
            "keep-shapes",
            "-o",
        ])
        .arg(&out)
        .args([
            "format=geojson",
            &format!("precision={PRECISION}"),
            "rfc7946",
        ]))?;
    Ok(out)
}
