//! Invariants of the tree, checked like any other test.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    reason = "a test should fail loudly on a bad fixture"
)]

use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_pure_core_depends_on_no_browser_crate() {
    let manifest = read("core/Cargo.toml");
    let dependencies = manifest.split("[dependencies]").nth(1).unwrap_or("");
    assert!(
        dependencies.contains("serde"),
        "core/Cargo.toml: no [dependencies] read"
    );
    for forbidden in ["leptos", "web-sys", "gloo", "wasm-bindgen", "js-sys"] {
        assert!(
            !dependencies.contains(forbidden),
            "core/Cargo.toml depends on {forbidden}"
        );
    }
    for module in [
        "date", "dataset", "details", "geo", "model", "problem", "status",
    ] {
        let text = read(&format!("core/src/{module}.rs"));
        for forbidden in ["leptos", "web_sys", "gloo", "wasm_bindgen", "js_sys"] {
            assert!(
                !text.contains(forbidden),
                "core/src/{module}.rs mentions {forbidden}"
            );
        }
    }
}

#[test]
fn no_component_writes_raw_html() {
    for file in ["app", "explorer", "legend", "map", "panel"] {
        let text = read(&format!("src/ui/{file}.rs"));
        assert!(
            !text.contains("inner_html"),
            "src/ui/{file}.rs sets inner_html"
        );
    }
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
    for path in ["src/ui/app.rs", "README.md", "geodata/README.md"] {
        assert!(
            read(path).contains(notice),
            "{path} lacks the OGL attribution"
        );
    }
}
