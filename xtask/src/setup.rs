//! Installs what the build and the tests need, idempotently, from the package
//! registries only (crates.io, npm, Debian). Every step says what it does;
//! where it cannot install, it says exactly what to install by hand.

use crate::cmd::{Result, output, root, run, say};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
/// Binaryen from npm: Debian's binaryen 108 produces a wasm that fails at run time.
pub const BINARYEN_NPM_VERSION: &str = "132.0.0";
pub const MAPSHAPER_NPM_VERSION: &str = "0.7.70";
/// d3, for the bench's reference page: the same map drawn by a plain d3-geo page.
pub const D3_NPM_VERSION: &str = "7.9.2";
/// twiggy, for the bench's account of what the wasm is made of.
pub const TWIGGY_VERSION: &str = "0.8.0";
/// Lighthouse, for the bench's mobile audit of the app and the d3 page.
pub const LIGHTHOUSE_NPM_VERSION: &str = "13.5.0";
/// The accessibility rules engine the end-to-end tests inject into the page.
pub const AXE_CORE_NPM_VERSION: &str = "4.14.1";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Read a printed page's words and pages back (Debian's poppler-utils).
pub const PDFTOTEXT: &str = "/usr/bin/pdftotext";
pub const PDFINFO: &str = "/usr/bin/pdfinfo";

/// Tools ready for use: `path` is PATH with the project-local tool directory first.
pub struct Tools {
    pub path: OsString,
}

impl Tools {
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("PATH", &self.path);
        command
    }
}

fn npm_dir() -> PathBuf {
    root().join("target").join("tools").join("npm")
}

fn npm_bin(name: &str) -> PathBuf {
    npm_dir().join("node_modules").join(".bin").join(name)
}

/// Everything `trunk build` needs: the wasm target, trunk, wasm-bindgen, wasm-opt.
pub fn for_build() -> Result<Tools> {
    ensure_wasm_target()?;
    ensure_fonts()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_npm_package("binaryen", BINARYEN_NPM_VERSION, &npm_bin("wasm-opt"))?;
    let mut paths = vec![npm_dir().join("node_modules").join(".bin")];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let path = std::env::join_paths(paths).map_err(|e| format!("bad PATH entry: {e}"))?;
    Ok(Tools { path })
}

/// Everything the tests need: the build tools plus Chromium, chromedriver,
/// pdftotext and axe-core.
pub fn for_tests() -> Result<Tools> {
    let tools = for_build()?;
    ensure_chromium()?;
    ensure_pdftotext()?;
    axe_core()?;
    Ok(tools)
}

/// axe-core's browser script, for the end-to-end accessibility checks.
pub fn axe_core() -> Result<PathBuf> {
    let script = npm_dir()
        .join("node_modules")
        .join("axe-core")
        .join("axe.min.js");
    ensure_npm_package("axe-core", AXE_CORE_NPM_VERSION, &script)?;
    Ok(script)
}

/// d3's browser bundle, for the bench's reference page.
pub fn d3() -> Result<PathBuf> {
    let script = npm_dir()
        .join("node_modules")
        .join("d3")
        .join("dist")
        .join("d3.min.js");
    ensure_npm_package("d3", D3_NPM_VERSION, &script)?;
    Ok(script)
}

/// twiggy, for the bench (from crates.io, once).
pub fn twiggy() -> Result<PathBuf> {
    if reported_version("twiggy").as_deref() != Some(TWIGGY_VERSION) {
        say(&format!(
            "installing twiggy {TWIGGY_VERSION} from crates.io (for the bench, once)"
        ));
        run(Command::new("cargo").args([
            "install",
            "twiggy",
            "--version",
            TWIGGY_VERSION,
            "--locked",
        ]))?;
    }
    Ok(PathBuf::from("twiggy"))
}

/// The Lighthouse command line, for the bench.
pub fn lighthouse() -> Result<PathBuf> {
    ensure_npm_package("lighthouse", LIGHTHOUSE_NPM_VERSION, &npm_bin("lighthouse"))?;
    Ok(npm_bin("lighthouse"))
}

/// Mapshaper, for regenerating the committed boundaries.
pub fn mapshaper() -> Result<PathBuf> {
    ensure_npm_package("mapshaper", MAPSHAPER_NPM_VERSION, &npm_bin("mapshaper"))?;
    Ok(npm_bin("mapshaper"))
}

pub fn ensure_wasm_target() -> Result {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]));
    match installed {
        Some(list) if list.lines().any(|l| l.trim() == "wasm32-unknown-unknown") => Ok(()),
        Some(_) => {
            say("installing the Rust target wasm32-unknown-unknown");
            run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
        }
        None => Err("rustup was not found: install the Rust target with \
             `rustup target add wasm32-unknown-unknown` (or your distribution's \
             rust-std for wasm32-unknown-unknown)"
            .into()),
    }
}

/// The version a tool reports, e.g. `trunk 0.21.14` -> `0.21.14`.
fn reported_version(program: &str) -> Option<String> {
    let text = output(Command::new(program).arg("--version"))?;
    text.split_whitespace().nth(1).map(str::to_string)
}

fn ensure_trunk() -> Result {
    if reported_version("trunk").as_deref() == Some(TRUNK_VERSION) {
        return Ok(());
    }
    // A debug build of trunk installs in a third of the time and builds just as fast:
    // the work it drives is cargo's and wasm-opt's.
    say(&format!(
        "installing trunk {TRUNK_VERSION} from crates.io (a few minutes, once)"
    ));
    run(Command::new("cargo").args([
        "install",
        "trunk",
        "--version",
        TRUNK_VERSION,
        "--locked",
        "--debug",
        "--force",
    ]))
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let lock_path = root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path)
        .map_err(|e| format!("cannot read {}: {e}", lock_path.display()))?;
    locked_version(&lock, "wasm-bindgen")
        .ok_or_else(|| format!("no wasm-bindgen package in {}", lock_path.display()))
}

fn locked_version(lock: &str, package: &str) -> Option<String> {
    let wanted = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim().strip_prefix("version = \"")?;
            return Some(version.trim_end_matches('"').to_string());
        }
    }
    None
}

fn ensure_wasm_bindgen() -> Result {
    let wanted = locked_wasm_bindgen_version()?;
    if reported_version("wasm-bindgen").as_deref() == Some(wanted.as_str())
        && reported_version("wasm-bindgen-test-runner").as_deref() == Some(wanted.as_str())
    {
        return Ok(());
    }
    say(&format!(
        "installing wasm-bindgen-cli {wanted} (the version in Cargo.lock) from crates.io"
    ));
    // Not --locked: the CLI's own lockfile wants a webpki-roots the registry no longer serves.
    run(Command::new("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &wanted,
        "--force",
    ]))
}

/// Installs `package@version` unless it is there and `check` (a file it
/// provides) exists.
fn ensure_npm_package(package: &str, version: &str, check: &Path) -> Result {
    let manifest = npm_dir()
        .join("node_modules")
        .join(package)
        .join("package.json");
    let installed = std::fs::read_to_string(&manifest)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|json| json["version"].as_str().map(str::to_string));
    if installed.as_deref() == Some(version) && check.exists() {
        return Ok(());
    }
    if output(Command::new("npm").arg("--version")).is_none() {
        apt_install(
            &["nodejs", "npm"],
            &format!("npm is needed to install {package} {version}"),
        )?;
    }
    say(&format!(
        "installing {package} {version} from the npm registry into {}",
        npm_dir().display()
    ));
    std::fs::create_dir_all(npm_dir()).map_err(|e| format!("cannot create tool dir: {e}"))?;
    run(Command::new("npm")
        .args([
            "install",
            "--no-audit",
            "--no-fund",
            "--save-exact",
            "--prefix",
        ])
        .arg(npm_dir())
        .arg(format!("{package}@{version}")))
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

/// The font the preview images are set in (`preview::FONTS`).
fn ensure_fonts() -> Result {
    if crate::preview::FONTS.iter().all(|f| Path::new(f).exists()) {
        return Ok(());
    }
    apt_install(
        &["fonts-dejavu-core"],
        "the pages' preview images are set in DejaVu Sans",
    )
}

fn ensure_chromium() -> Result {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    apt_install(
        &["chromium", "chromium-driver"],
        &format!("Chromium and chromedriver are needed at {CHROMIUM} and {CHROMEDRIVER}"),
    )
}

/// The end-to-end tests print pages and read the words on the paper.
fn ensure_pdftotext() -> Result {
    if Path::new(PDFTOTEXT).exists() && Path::new(PDFINFO).exists() {
        return Ok(());
    }
    apt_install(
        &["poppler-utils"],
        &format!("the print tests read printed pages with {PDFTOTEXT} and {PDFINFO}"),
    )
}

/// Installs Debian packages, or says exactly what to install where it cannot.
fn apt_install(packages: &[&str], why: &str) -> Result {
    let list = packages.join(" ");
    if !(Path::new("/etc/debian_version").exists() && is_root()) {
        return Err(format!(
            "{why}. Install them as root: apt-get update && apt-get install -y {list}"
        ));
    }
    say(&format!("installing Debian's {list} with apt-get ({why})"));
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

#[cfg(test)]
mod tests {
    use super::locked_version;

    #[test]
    fn finds_the_locked_version_of_a_package() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"9.9.9\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(lock, "serde"), None);
    }
}
