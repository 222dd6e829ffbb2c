//! Invariants of the tree, checked like any other test. Each walks the tree,
//! so a new file is covered the day it is added.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    reason = "a test should fail loudly on a bad fixture"
)]

use std::path::{Component, Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every file under `dir` (relative to the root) whose name ends with one of
/// `endings`, as paths relative to the root; build output and hidden
/// directories are skipped.
fn files(dir: &str, endings: &[&str]) -> Vec<PathBuf> {
    fn walk(dir: &Path, endings: &[&str], out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if !name.starts_with('.') && !["target", "dist", "node_modules"].contains(&&*name) {
                    walk(&path, endings, out);
                }
            } else if endings.iter().any(|e| name.ends_with(e)) {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join(dir), endings, &mut out);
    out.sort();
    out.into_iter()
        .map(|p| p.strip_prefix(root()).unwrap().to_path_buf())
        .collect()
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const BROWSER_CRATES: [&str; 5] = ["leptos", "web_sys", "gloo", "wasm_bindgen", "js_sys"];

#[test]
fn the_pure_core_depends_on_no_browser_crate() {
    let manifest = read("core/Cargo.toml");
    let dependencies = manifest.split("[dependencies]").nth(1).unwrap_or("");
    assert!(
        dependencies.contains("serde"),
        "core/Cargo.toml: no [dependencies] read"
    );
    for forbidden in BROWSER_CRATES {
        assert!(
            !dependencies.contains(&forbidden.replace('_', "-")),
            "core/Cargo.toml depends on {forbidden}"
        );
    }
    let modules = files("core/src", &[".rs"]);
    assert!(
        modules.len() >= 12,
        "only {} core modules found",
        modules.len()
    );
    for module in modules {
        let text = text(&module);
        for forbidden in BROWSER_CRATES {
            assert!(
                !text.contains(forbidden),
                "{} mentions {forbidden}",
                module.display()
            );
        }
    }
}

#[test]
fn every_rust_file_says_what_it_owns() {
    let mut missing = Vec::new();
    let mut checked = 0;
    for dir in ["src", "core/src", "xtask/src", "tests"] {
        for file in files(dir, &[".rs"]) {
            checked += 1;
            if !text(&file).starts_with("//!") {
                missing.push(file.display().to_string());
            }
        }
    }
    assert!(checked >= 40, "only {checked} Rust files found");
    assert!(
        missing.is_empty(),
        "these files do not start with a `//!` header: {missing:?}"
    );
}

#[test]
fn no_component_writes_raw_html() {
    let files = files("src", &[".rs"]);
    assert!(files.len() >= 12, "only {} app files found", files.len());
    for file in files {
        assert!(
            !text(&file).contains("inner_html"),
            "{} sets inner_html",
            file.display()
        );
    }
}

/// Paths in `line` (of the file `file`) that lead out of the repository.
/// Paths in `include_str!`-like macros and in Cargo manifests are resolved
/// from the file's directory, as the compiler and cargo do; any other path
/// from the root, where every command runs. URL paths (`/..`) are not files.
fn escaping_paths(file: &Path, line: &str) -> Vec<String> {
    let file_relative = line.contains("include_str!")
        || line.contains("include_bytes!")
        || line.contains("#[path")
        || file.extension().is_some_and(|e| e == "toml");
    let base = if file_relative {
        file.parent().unwrap_or(Path::new("")).to_path_buf()
    } else {
        PathBuf::new()
    };
    let mut found = Vec::new();
    if line.contains("join(\"..\")") {
        found.push("join(\"..\")".to_string());
    }
    let is_path_char = |c: char| c.is_ascii_alphanumeric() || "./_-".contains(c);
    for token in line.split(|c: char| !is_path_char(c)) {
        let is_path = token.contains('/') && token.split('/').any(|s| s == "..");
        if !is_path || token.starts_with('/') {
            continue;
        }
        let mut depth: i32 = base.components().count() as i32;
        for component in Path::new(token).components() {
            match component {
                Component::ParentDir => depth -= 1,
                Component::Normal(_) => depth += 1,
                _ => {}
            }
            if depth < 0 {
                found.push(token.to_string());
                break;
            }
        }
    }
    found
}

#[test]
fn the_path_check_finds_ways_out() {
    let geo = Path::new("core/src/geo.rs");
    assert!(escaping_paths(geo, r#"include_str!("../../tests/fixtures/a.json")"#).is_empty());
    assert_eq!(
        escaping_paths(geo, r#"include_str!("../../../elsewhere/a.json")"#),
        ["../../../elsewhere/a.json"]
    );
    let xtask = Path::new("xtask/src/dataset.rs");
    assert_eq!(
        escaping_paths(xtask, r#"root().join("../elsewhere/reference")"#),
        ["../elsewhere/reference"]
    );
    assert_eq!(
        escaping_paths(xtask, r#"root().join("..").join("elsewhere")"#),
        ["join(\"..\")"]
    );
    assert!(escaping_paths(xtask, r#"resolve(&o, "/../etc/passwd")"#).is_empty());
    assert!(escaping_paths(xtask, "for i in 0..n { v[1..].len(); }").is_empty());
    let manifest = Path::new("xtask/Cargo.toml");
    assert!(escaping_paths(manifest, r#"core = { path = "../core" }"#).is_empty());
    assert_eq!(
        escaping_paths(manifest, r#"x = { path = "../../x" }"#),
        ["../../x"]
    );
}

/// A clone has nothing beside it: no build step, test or tool may read
/// outside the repository.
#[test]
fn nothing_reads_outside_the_repository() {
    let mut code = Vec::new();
    for dir in ["src", "core", "xtask", "tests", "assets"] {
        code.extend(files(dir, &[".rs", ".toml", ".html", ".css", ".sh"]));
    }
    code.extend(files(".ci", &[""]));
    code.extend(files(".cargo", &[".toml"]));
    for top in ["Cargo.toml", "Trunk.toml", "index.html", "clippy.toml"] {
        code.push(PathBuf::from(top));
    }
    let mut found = Vec::new();
    // This file's own examples of ways out are the check's test cases.
    for file in code.iter().filter(|f| *f != Path::new(file!())) {
        for (i, line) in text(file).lines().enumerate() {
            for path in escaping_paths(file, line) {
                found.push(format!("{}:{}: {path}", file.display(), i + 1));
            }
        }
    }
    assert!(code.len() >= 50, "only {} code files found", code.len());
    assert!(found.is_empty(), "paths out of the repository: {found:#?}");
}

#[test]
fn trunk_pins_the_wasm_bindgen_of_cargo_lock() {
    let locked = xtask::setup::locked_wasm_bindgen_version().unwrap();
    let trunk = read("Trunk.toml");
    assert!(
        trunk.contains(&format!("wasm_bindgen = \"{locked}\"")),
        "Trunk.toml must pin wasm_bindgen = \"{locked}\" (the version in Cargo.lock)"
    );
}

#[test]
fn ci_runs_the_readme_test_command() {
    let readme = read("README.md");
    let ci = read(".ci/run");
    assert!(readme.contains("cargo xtask serve") && readme.contains("cargo xtask test"));
    let commands: Vec<&str> = ci
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("set "))
        .collect();
    assert_eq!(
        commands,
        ["cargo xtask test"],
        ".ci/run must run only the README's test command"
    );
}

#[test]
fn the_boundary_attribution_is_in_the_app_and_the_readmes() {
    let notice = "Open Government Licence v.3.0";
    for path in [
        // The app's footer, the embed's foot and the pictures take it from here.
        "core/src/pages.rs",
        "README.md",
        "geodata/README.md",
        "geodata/source/PROVENANCE.md",
    ] {
        assert!(
            read(path).contains(notice),
            "{path} lacks the OGL attribution"
        );
    }
}

#[test]
fn the_page_carries_the_sites_content_security_policy() {
    let index = read("index.html");
    let meta = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />",
        xtask::policy::TEMPLATE
    );
    assert!(
        index.contains(&meta),
        "index.html must carry {meta} (xtask::policy::TEMPLATE)"
    );
    // No inline script; the one inline stylesheet is Trunk's, from
    // assets/style.css (its comments taken out at build time), and the
    // build allows it by its hash.
    assert!(!index.contains("<script>") && !index.contains("<style"));
    let trunk = read("Trunk.toml");
    assert!(
        trunk.contains("pattern_script"),
        "Trunk would inline its loader"
    );
}

#[test]
fn the_embed_script_is_small_and_self_contained() {
    let script = read("assets/embed.js");
    assert!(script.len() < 2048, "embed.js is {} bytes", script.len());
    for forbidden in ["import ", "require(", "http://", "https://", "eval("] {
        assert!(!script.contains(forbidden), "embed.js has {forbidden:?}");
    }
}

/// The core's layers, lowest first: a module may use only modules of lower
/// layers, so the core has no import circle and reads from the bottom up.
/// ARCHITECTURE.md states the same order.
const CORE_LAYERS: [&[&str]; 8] = [
    &["date", "colour", "query", "problem", "nav"],
    &["dataset", "geo", "places"],
    &["status", "timeline", "atlas", "citation", "filters"],
    &["model", "details", "chart"],
    &["search", "table", "embed"],
    &["view_state"],
    &["pages"],
    &["picture"],
];

/// The core modules a module's code (its tests left out) names through
/// `crate::`, including `use crate::{a, b::c}`.
fn core_uses(text: &str) -> Vec<String> {
    // Tests may use anything: the module's code ends at its test module.
    let code = text.split("\n#[cfg(test)]").next().unwrap_or(text);
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut used = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The group's items at its top level: `a`, `b::{c, d}`.
            let (mut depth, mut start) = (0, 0);
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        used.push(ident(&group[start..j]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        used.push(ident(&group[start..j]));
                        start = j + 1;
                    }
                    _ => {}
                }
            }
        } else {
            used.push(ident(rest));
        }
    }
    // In these flat modules `super::` is `crate::`: named so that the check
    // refuses it, as it refuses a glob (`crate::*`), which hides what is used.
    if code.contains("super::") {
        used.push("super".into());
    }
    for name in &mut used {
        if name.is_empty() {
            *name = "*".into();
        }
    }
    used.sort();
    used.dedup();
    used
}

#[test]
fn the_use_check_reads_paths_and_groups() {
    let text = "use crate::date::Day;\nuse crate::{dataset, model::{A, B}};\nfn f() { crate::query::parse(x) }\n\
                #[cfg(test)]\nmod tests { use crate::view_state; }";
    assert_eq!(core_uses(text), ["dataset", "date", "model", "query"]);
    assert_eq!(
        core_uses("use super::dataset;\nuse crate::*;"),
        ["*", "super"]
    );
}

#[test]
fn core_modules_use_only_lower_layers() {
    let layer_of = |module: &str| CORE_LAYERS.iter().position(|l| l.contains(&module));
    let mut wrong = Vec::new();
    for path in files("core/src", &[".rs"]) {
        let module = path.file_stem().unwrap().to_string_lossy().into_owned();
        if module == "lib" {
            continue;
        }
        let Some(layer) = layer_of(&module) else {
            wrong.push(format!("{module} is in no layer of CORE_LAYERS"));
            continue;
        };
        for used in core_uses(&text(&path)) {
            match layer_of(&used) {
                Some(l) if l < layer => {}
                Some(l) => wrong.push(format!(
                    "{module} (layer {layer}) uses {used} (layer {l}): only lower layers"
                )),
                None => wrong.push(format!("{module} uses {used}, in no layer")),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let order = CORE_LAYERS
        .iter()
        .map(|layer| layer.join(", "))
        .collect::<Vec<_>>()
        .join(" → ");
    assert!(
        read("ARCHITECTURE.md").contains(&format!("`{order}`")),
        "ARCHITECTURE.md must state the layers as `{order}`"
    );
}

#[test]
fn architecture_names_every_module() {
    let text = read("ARCHITECTURE.md");
    // The core's table comes before the components', which share some names.
    let (core, ui) = text
        .split_once("**Components**")
        .expect("ARCHITECTURE.md has a **Components** part");
    let mut missing = Vec::new();
    for (dir, map) in [("core/src", core), ("src/ui", ui)] {
        for path in files(dir, &[".rs"]) {
            let module = path.file_stem().unwrap().to_string_lossy().into_owned();
            if !["lib", "mod"].contains(&module.as_str()) && !map.contains(&format!("`{module}`")) {
                missing.push(path.display().to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's code map does not name {missing:?}"
    );
}

/// Every link a component draws is either followed in place through the
/// view state (`on:click`: `ViewCtx::follow`) or left to the browser (a new
/// tab, or `rel="external"`: a file or another site). Any other link to the
/// site's own origin the router would take for a view of the app, and show
/// "There is no page" for a file.
#[test]
fn every_link_is_followed_in_place_or_left_to_the_browser() {
    let mut unclear = Vec::new();
    // Markup only the build draws (its pages work before and without the
    // app) is the browser's to follow: the app never draws it.
    let at_build_only = ["prerender.rs"];
    for path in files("src/ui", &[".rs"]) {
        if at_build_only.iter().any(|name| path.ends_with(name)) {
            continue;
        }
        let text = text(&path);
        for (i, _) in text.match_indices("<a") {
            let rest = &text[i + 2..];
            if !rest.starts_with(|c: char| c.is_whitespace()) {
                continue;
            }
            let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
            let decided = tag.contains("on:click")
                || tag.contains("target=\"_blank\"")
                || tag.contains("rel=\"external");
            if !decided {
                unclear.push(format!("{}: <a{}>", path.display(), tag.trim_end()));
            }
        }
    }
    assert!(
        unclear.is_empty(),
        "links with no way decided: {unclear:#?}"
    );
}

/// CITATION.cff says which data was released, and when: the dataset's own
/// version and date (`cargo xtask dataset` writes both on a release).
#[test]
fn the_citation_names_the_datasets_version_date_and_licence() {
    let citation = read("CITATION.cff");
    let dataset: serde_json::Value = serde_json::from_str(&read("assets/concordat.json")).unwrap();
    let updated = dataset["last_updated"].as_str().unwrap();
    let version = dataset["version"].as_str().unwrap();
    assert!(
        citation.contains(&format!("date-released: \"{updated}\"")),
        "CITATION.cff's date-released is not the dataset's last_updated ({updated})"
    );
    assert!(
        citation.contains(&format!("version: \"{version}\"")),
        "CITATION.cff's version is not the dataset's ({version})"
    );

    assert!(citation.contains("license: CC-BY-4.0"));
    assert!(concordat_map::pages::DATA_LICENCE.contains("/by/4.0/"));
}
