//! Building the static site with Trunk, offline, with the tools `setup` installed.

use crate::cmd::{Result, root, run};
use crate::setup::Tools;
use std::path::{Path, PathBuf};

pub fn default_dist() -> PathBuf {
    root().join("dist")
}

/// `trunk build --release` into `dist`, for serving under `public_url` (e.g. "/").
/// Offline: Trunk must use the pinned tools on PATH, and says so clearly if they
/// do not match rather than trying to download them.
pub fn build_release(tools: &Tools, dist: &Path, public_url: &str) -> Result {
    // Trunk's post-build hook has sealed the page's policy (Trunk.toml).
    build_with_trunk(tools, dist, public_url)?;
    // Compressed copies beside each file, for the server to send as is.
    crate::sizes::precompress(dist).map_err(|e| format!("cannot compress {}: {e}", dist.display()))
}

fn build_with_trunk(tools: &Tools, dist: &Path, public_url: &str) -> Result {
    run(tools
        .command("trunk")
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
