//! Raw, gzip and brotli sizes of the shipped files: what a visitor downloads.

use std::io::Write;
use std::path::{Path, PathBuf};

pub struct FileSize {
    pub path: PathBuf,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

pub fn gzip_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

pub fn gzip_len(bytes: &[u8]) -> usize {
    gzip_bytes(bytes).len()
}

pub fn brotli_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut input = bytes;
    match brotli::BrotliCompress(&mut input, &mut out, &params) {
        Ok(_) => out,
        Err(_) => Vec::new(),
    }
}

pub fn brotli_len(bytes: &[u8]) -> usize {
    brotli_bytes(bytes).len()
}

/// Every file under `dir`, sorted by path, with its sizes.
pub fn measure(dir: &Path) -> std::io::Result<Vec<FileSize>> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path)?;
            Ok(FileSize {
                raw: bytes.len(),
                gzip: gzip_len(&bytes),
                brotli: brotli_len(&bytes),
                path: path.strip_prefix(dir).unwrap_or(&path).to_path_buf(),
            })
        })
        .collect()
}

/// Whether the national page loads this file (a path under the site)
/// before it is interactive: itself, the scripts, the wasm and the two
/// data files. Not embed.js (for host pages), the other pages, their
/// preview images, the sitemap, robots.txt, the areas' CSV, or the names the
/// search fetches when it is first used (`places.json`).
pub fn loaded_by_the_page(path: &Path) -> bool {
    let top = path.parent().is_none_or(|p| p.as_os_str().is_empty());
    let kind = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    top && ["html", "js", "wasm", "json"].contains(&kind)
        && !path.ends_with("embed.js")
        && !path.ends_with(concordat_core::places::FILE_NAME)
}

/// Whether a file is a compressed copy made for serving (`x.wasm.br`).
fn is_copy(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "br" || e == "gz")
}

/// Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every file under
/// `dir`, for a server to send the one a browser accepts; not beside the
/// PNGs, which are compressed already (brotli took 1% off, slowly).
pub fn precompress(dir: &Path) -> std::io::Result<()> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    for file in files
        .into_iter()
        .filter(|f| f.extension().is_none_or(|e| e != "png"))
    {
        let bytes = std::fs::read(&file)?;
        let mut name = file.clone().into_os_string();
        name.push(".br");
        std::fs::write(&name, brotli_bytes(&bytes))?;
        let mut name = file.into_os_string();
        name.push(".gz");
        std::fs::write(&name, gzip_bytes(&bytes))?;
    }
    Ok(())
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if is_copy(&path) {
            continue;
        }
        if path.is_dir() {
            collect(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_shrinks_repetitive_text() {
        let text = "Action plan agreed. ".repeat(500);
        let raw = text.len();
        let gz = gzip_len(text.as_bytes());
        let br = brotli_len(text.as_bytes());
        assert!(gz > 0 && gz < raw / 10, "gzip {gz} of {raw}");
        assert!(br > 0 && br <= gz, "brotli {br}, gzip {gz}");
    }

    #[test]
    fn the_first_load_is_the_national_pages_own_files() {
        for loaded in [
            "index.html",
            "concordat-map-1f.js",
            "x_bg.wasm",
            "atlas.json",
            "boot.js",
        ] {
            assert!(loaded_by_the_page(Path::new(loaded)), "{loaded}");
        }
        for other in [
            "embed.js",
            "area/E10000030/index.html",
            "preview.png",
            "sitemap.xml",
            "robots.txt",
            "concordat-areas.csv",
            "places.json",
        ] {
            assert!(!loaded_by_the_page(Path::new(other)), "{other}");
        }
    }
}

/// Size budgets, brotli bytes, in one place; a test holds the built site to
/// them so that a later feature cannot quietly undo work on weight. They are
/// where the site is now plus a little room (2026-11-29, after geometry moved
/// to the build: wasm 254 KB, first load 318 KB, page before the wasm 22 KB),
/// not where it should be: the aim is 130 KB for the whole first load. Lower
/// them as the site gets lighter; raise one only with the reason, here.
/// Raised, 2026-11-29: each fact's sources in the panel, the timeline and
/// the date field (issues 12 and 13) added 15 KB to the wasm; the slider,
/// Play and the progress chart (issue 13) 12 KB more (wasm now 281 KB, first
/// load 348 KB). Raised again, 2026-11-29: each dated fact's stated date and
/// each source's locator (issue 12) added 1.8 KB to the dataset and 3.8 KB
/// to the wasm (reading and checking them, and showing them in the panel):
/// wasm 293 KB, first load 364 KB. Lowered, 2026-11-29: talc for dlmalloc
/// and the address kept without leptos_router took 9 KB off the wasm (wasm
/// 284 KB, first load 359 KB, with the sources' locators added meanwhile).
/// Raised, 2026-12-03: leptos_router keeps the address again (issue 20: the
/// stack names it, and it is what history, links and the base path are
/// for): +10.5 KB, with the model split taking 1.7 KB off before it (wasm
/// 293.3 KB, first load 368.6 KB). Route definitions would add 12 KB more:
/// `ui/app.rs` tells the router each path is ready instead.
/// Raised, 2026-12-03 (issue 21, every area and region a page of its own):
/// the pages, previews and list of areas are made by the build, but the app
/// reads `/region/<slug>`, adopts the rendered list and map links, and its
/// panel's close and sibling areas became links (so that they work without
/// the app): +2.4 KB of wasm (a list drawn by the app would have cost 5 KB
/// more); index.html carries its preview tags, the dataset's JSON-LD and
/// the list of every area: +2 KB (wasm 296.4 KB, first load 374 KB).
/// Raised, 2026-12-03 (issue 22, find your area by council, postcode or
/// location): the names themselves are fetched on first use of the search
/// (`places.json`, 10.6 KB, not in the first load), but reading them, the
/// postcode check, the choice of areas, the location button and placing a
/// point in an outline cost +13 KB of wasm, against a target of 6 KB.
/// Cut on the way: the file is rows of strings (one small deserializer, not
/// one per type: -8 KB raw), the projection takes the browser's sine and
/// cosine (-6 KB raw), outlines are read as whole numbers (no float parser),
/// postcodes are scanned rather than hashed, the geolocation callbacks are a
/// promise's own. A review's fixes (a watchdog for an unanswered prompt,
/// the choice closed by any other opening, postcodes read while typed)
/// added 1.1 KB, the embed's postcode notice and a shared edge iterator
/// 0.5 KB more (wasm 310 KB, first load 388.6 KB).
/// Raised, 2026-12-03 (issue 23, no fault strands a reader): the data
/// fetches' deadline (AbortController) and retry, "Still loading" and "Try
/// again" over the rendered map, the embed's height posted while loading or
/// failed, and the panic hook: +3.9 KB of wasm; boot.js, which now tells
/// the reader when the app cannot start: +1.2 KB (wasm 313.9 KB, first load
/// about 393.7 KB). Cut on the way: the order check's sorts (a new sort is
/// some 1.5 KB): it keeps per area and status the latest start instead.
/// Raised, 2026-12-03 (issue 24, in part): the footer's link to the data
/// package and the data's licence, in the page and the wasm: first load
/// 395.3 KB. Raised again, 2026-12-03 (issue 24): what each signatory
/// signed, a date's "by" and "(year inferred)", a plan theme's scope, the
/// data's version (footer, embed foot, every download row) and the
/// citation in the footer: +3.8 KB of wasm (reading three more fields
/// and an enum, and showing them); the dataset itself grew with the facts
/// added and their sources (wasm 317.7 KB, first load 400.7 KB). Cut on
/// the way: the citation and version as one section of the footer (a
/// seven-part view is a new tuple type: -1.5 KB raw).
/// Raised, 2026-12-03 (issue 25, in part): the view as a picture, SVG or
/// PNG: the core's SVG writer and the canvas that rasterises it, +4.4 KB of
/// wasm against the issue's target of 8 KB (wasm 322.1 KB, first load
/// 405.4 KB). No image code in the wasm: the browser decodes and encodes.
/// Raised again, 2026-12-03 (issue 25): paper and the embed's `download`
/// control: "Print this area", the brief's list of every source with its
/// address, the view's address on paper and the full map's address read
/// in one place: +3.0 KB of wasm (7.4 KB for the issue, against its 8 KB);
/// the print stylesheet +1 KB on every page (wasm 325.3 KB, first load
/// 409.6 KB). Cut on the way: the printed sources as one text each and one
/// address for the map and the brief (-0.8 KB).
pub mod budget {
    /// The app's wasm.
    pub const WASM: usize = 320 * 1024;
    /// Everything the national page loads before it is interactive
    /// (`loaded_by_the_page`).
    pub const FIRST_LOAD: usize = 402 * 1024;
    /// What a page needs to show its whole map: its index.html, with the
    /// map rendered at build time and the stylesheet inlined (the largest
    /// of the national, region and area pages).
    pub const BEFORE_THE_MAP: usize = 30 * 1024;
}
