//! Building the static site with Trunk, offline, with the tools `setup` installed.

use crate::cmd::{Result, root, run};
use crate::setup::Tools;
use std::path::{Path, PathBuf};

pub fn default_dist() -> PathBuf {
    root().join("dist")
}

/// The file name of the wasm built into `dist` (it carries Trunk's hash).
pub fn wasm_name(dist: &Path) -> Result<String> {
    std::fs::read_dir(dist)
        .map_err(|e| format!("cannot list {}: {e}", dist.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .find(|name| name.ends_with("_bg.wasm"))
        .ok_or_else(|| format!("no wasm in {}", dist.display()))
}

/// `trunk build --release` into `dist`, for serving under `public_url` (e.g. "/").
/// Offline: Trunk must use the pinned tools on PATH, and says so clearly if they
/// do not match rather than trying to download them.
pub fn build_release(tools: &Tools, dist: &Path, public_url: &str) -> Result {
    build(tools, dist, public_url, None)
}

/// `build_release` for publishing at `site_url` (e.g.
/// "https://example.org/concordat-map/"): served under its path, with
/// canonical links, share previews and the sitemap at its address.
pub fn build_release_at(tools: &Tools, dist: &Path, site_url: &str) -> Result {
    let site = concordat_core::pages::Site::from_url(site_url).ok_or_else(|| {
        format!("--site-url {site_url:?} is not an absolute http(s) address without query")
    })?;
    build(tools, dist, &format!("{}/", site.base), Some(site_url))
}

fn build(tools: &Tools, dist: &Path, public_url: &str, site_url: Option<&str>) -> Result {
    // Trunk's post-build hook has sealed the page's policy and written the
    // pages (Trunk.toml).
    build_with_trunk(tools, dist, public_url, site_url)?;
    // Compressed copies beside each file, for the server to send as is.
    crate::sizes::precompress(dist).map_err(|e| format!("cannot compress {}: {e}", dist.display()))
}

fn build_with_trunk(
    tools: &Tools,
    dist: &Path,
    public_url: &str,
    site_url: Option<&str>,
) -> Result {
    let mut trunk = tools.command("trunk");
    // Read by the pre-build hook (examples/prerender.rs).
    if let Some(url) = site_url {
        trunk.env("CONCORDAT_SITE_URL", url);
    }
    run(trunk
        .current_dir(root())
        .args([
            "--offline",
            "--skip-version-check",
            "build",
            "--release",
            "--dist",
        ])
        .arg(dist)
        .args(["--public-url", public_url]))
}
