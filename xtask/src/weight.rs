//! What the wasm is made of, for the bench: twiggy's list of every function
//! and data segment in the build Trunk compiled (before wasm-bindgen and
//! wasm-opt, so names are kept), summed by the crate each belongs to.

use crate::cmd::{Result, root};
use crate::setup;
use std::collections::HashMap;
use std::process::Command;

/// Bytes of code and data per crate, largest first. An item is counted
/// under the crate of its path; a trait method (`<T as tachys::…>::f`)
/// under the trait's crate, since generic view code is instantiated there.
/// Name sections and wasm-bindgen's build-time descriptors are left out:
/// they never reach the shipped file.
pub fn by_crate(csv: &str) -> Vec<(String, u64)> {
    let mut sums: HashMap<String, u64> = HashMap::new();
    for line in csv.lines().skip(1) {
        // Name,ShallowSize,…: names may hold commas, so split from the right.
        let mut fields = line.rsplitn(5, ',');
        let (Some(_), Some(_), Some(_), Some(size), Some(name)) = (
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
        ) else {
            continue;
        };
        let Ok(size) = size.parse::<u64>() else {
            continue;
        };
        let name = name.trim_matches('"');
        if name.contains("subsection")
            || name.starts_with("custom section")
            || name.contains("__wbindgen_describe")
        {
            continue;
        }
        *sums.entry(owner(name)).or_default() += size;
    }
    let mut list: Vec<(String, u64)> = sums.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

/// The crate an item's name belongs to: the first path segment that is
/// followed by `::` (after ` as ` in a trait method), without its `[hash]`.
fn owner(name: &str) -> String {
    let bare = name.trim_start_matches('<');
    let bare = bare.split_once(" as ").map_or(bare, |(_, rest)| rest);
    let segment = bare
        .find("::")
        .map(|i| &bare[..i])
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || "_[]".contains(c)));
    match segment {
        Some(s) => s.split('[').next().unwrap_or(s).to_string(),
        None if name.starts_with("data segment") || name.starts_with("data[") => "data".into(),
        None => "other".into(),
    }
}

/// Prints the heaviest crates in the wasm the last release build made.
pub fn report() -> Result {
    let twiggy = setup::twiggy()?;
    let wasm = root()
        .join("target")
        .join("wasm32-unknown-unknown")
        .join("release")
        .join("concordat-map.wasm");
    let out = Command::new(twiggy)
        .args(["top", "-n", "1000000", "--format", "csv"])
        .arg(&wasm)
        .output()
        .map_err(|e| format!("cannot run twiggy: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "twiggy failed on {}: {}",
            wasm.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let list = by_crate(&String::from_utf8_lossy(&out.stdout));
    let total: u64 = list.iter().map(|(_, b)| b).sum();
    println!(
        "\nWhat the wasm is made of (twiggy, by crate, before wasm-opt; {} KB of code and data):",
        total / 1024
    );
    for (name, bytes) in list.iter().take(14) {
        println!(
            "{name:<28} {:>7} KB {:>5.1}%",
            bytes / 1024,
            *bytes as f64 * 100.0 / total.max(1) as f64
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_by_crate_and_leaves_out_what_is_not_shipped() {
        let csv = "Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent\n\
            \"\"\"function names\"\" subsection\",900,30,,\n\
            custom section '__wasm_bindgen_unstable',600,20,,\n\
            export \"__wbindgen_describe___wbg_new\",50,1,,\n\
            \"concordat_core::model::build::h12\",300,1,,\n\
            \"<F as tachys::reactive_graph::ReactiveFunction>::invoke::h5\",200,1,,\n\
            \"tachys::view::Render::build::h1\",100,1,,\n\
            \"core[c5930c85]::fmt::float::float_to_decimal_common_exact::<f64>\",40,1,,\n\
            \"<str>::to_lowercase\",10,1,,\n\
            data segment \".rodata\",70,1,,\n\
            not a row\n";
        let list = by_crate(csv);
        assert_eq!(
            list,
            [
                ("concordat_core".to_string(), 300),
                ("tachys".to_string(), 300),
                ("data".to_string(), 70),
                ("core".to_string(), 40),
                ("other".to_string(), 10),
            ]
        );
    }
}
