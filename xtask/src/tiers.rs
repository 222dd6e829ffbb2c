//! `cargo xtask test [TIER]`: the test suite in tiers, all of them by default
//! (what CI runs), or one alone while working on it. Plain `cargo test` is
//! the `native` tier: fast, no browser, no installs, no network.

use crate::cmd::{Result, cargo, output, root, run, say};
use crate::{setup, site};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub const USAGE: &str = "\
cargo xtask test [TIER]

  (no tier)      every tier below, in this order (what CI runs)
  lint           rustfmt, clippy -D warnings for the host and for wasm32
  native         plain `cargo test`: unit tests, shipped data and boundaries, tidy
  clone          clone the last commit outside the checkout and run the native
                 tests there: catches files that exist only here, or beside here
  e2e [WORDS]    build the release site, serve it on 127.0.0.1 and drive Chromium;
                 with WORDS, only the scenarios whose names contain one of them
  web            component tests (wasm-bindgen-test) in headless Chromium
";

enum Tier {
    Lint,
    Native,
    Clone,
    EndToEnd(Vec<String>),
    Web,
}

impl Tier {
    fn name(&self) -> &'static str {
        match self {
            Tier::Lint => "lint",
            Tier::Native => "native",
            Tier::Clone => "clone",
            Tier::EndToEnd(_) => "e2e",
            Tier::Web => "web",
        }
    }

    fn run(&self) -> Result {
        match self {
            Tier::Lint => lint(),
            Tier::Native => run(&mut cargo(&["test"])),
            Tier::Clone => fresh_clone(),
            Tier::EndToEnd(words) => end_to_end(words),
            Tier::Web => web(),
        }
    }
}

/// Runs the tiers `args` names (all of them when it names none), then says
/// how long each took.
pub fn test(args: &[String]) -> Result {
    let tiers = match args.first().map(String::as_str) {
        None => {
            // Install everything first, so that a missing tool stops the run
            // at once rather than after the long tiers.
            setup::for_tests()?;
            vec![
                Tier::Lint,
                Tier::Native,
                Tier::Clone,
                Tier::EndToEnd(Vec::new()),
                Tier::Web,
            ]
        }
        Some("lint") => vec![Tier::Lint],
        Some("native") => vec![Tier::Native],
        Some("clone") => vec![Tier::Clone],
        Some("e2e") => vec![Tier::EndToEnd(args[1..].to_vec())],
        Some("web") => vec![Tier::Web],
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            return Ok(());
        }
        Some(other) => return Err(format!("unknown test tier `{other}`\n\n{USAGE}")),
    };
    let started = Instant::now();
    let mut times = Vec::new();
    let total = tiers.len();
    for (i, tier) in tiers.iter().enumerate() {
        say(&format!("tier {}/{total}: {}", i + 1, tier.name()));
        let tier_started = Instant::now();
        tier.run()
            .map_err(|e| format!("tier {}/{total} ({}) failed: {e}", i + 1, tier.name()))?;
        times.push(format!(
            "{} {:.0} s",
            tier.name(),
            tier_started.elapsed().as_secs_f64()
        ));
    }
    say(&format!(
        "passed in {:.0} s ({})",
        started.elapsed().as_secs_f64(),
        times.join(", ")
    ));
    Ok(())
}

fn lint() -> Result {
    setup::ensure_wasm_target()?;
    run(&mut cargo(&["fmt", "--all", "--check"]))?;
    clippy(&["--workspace", "--all-targets"])?;
    // Not a default test target (it needs a browser), so named on its own:
    // beside `--workspace --all-targets` cargo passes it over.
    clippy(&["--package", "concordat-map", "--test", "e2e"])?;
    // What runs in the browser: the app and its component tests.
    clippy(&[
        "--package",
        "concordat-map",
        "--target",
        "wasm32-unknown-unknown",
        "--lib",
        "--bins",
        "--test",
        "web",
    ])
}

/// Clippy over `targets`, every warning an error.
fn clippy(targets: &[&str]) -> Result {
    run(cargo(&["clippy"])
        .args(targets)
        .args(["--", "-D", "warnings"]))
}

fn end_to_end(words: &[String]) -> Result {
    let tools = setup::for_tests()?;
    let dist = root().join("target").join("e2e-dist");
    site::build_release(&tools, &dist, "/")?;
    run(cargo(&["test", "--test", "e2e", "--"])
        .args(words)
        .env("CONCORDAT_DIST", &dist)
        .env("AXE_CORE", setup::axe_core()?))
}

fn web() -> Result {
    let tools = setup::for_tests()?;
    run(tools
        .command("cargo")
        .current_dir(root())
        .args([
            "test",
            "--package",
            "concordat-map",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "web",
        ])
        .env("CHROMEDRIVER", setup::CHROMEDRIVER))
}

/// Git on `dir`, trusting the checkout even where another user owns it (CI).
fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-c")
        .arg(format!("safe.directory={}", root().display()))
        .arg("-C")
        .arg(dir);
    command
}

/// A stranger's clone: the last commit, cloned into an empty directory
/// outside the checkout (so nothing is beside it), where plain `cargo test`
/// must pass. It builds into a target directory of its own: cargo names a
/// workspace's crates the same wherever the workspace is, so a shared one
/// would leave our own tests linked against the clone's crates.
fn fresh_clone() -> Result {
    let head = output(git(&root()).args(["rev-parse", "HEAD"])).ok_or(
        "the rehearsal clones the last commit, but this is not a git checkout with a commit",
    )?;
    let changes = output(git(&root()).args(["status", "--porcelain"])).unwrap_or_default();
    if !changes.is_empty() {
        say(&format!(
            "note: {} uncommitted change(s) here are not in the rehearsal: it tests commit {head}",
            changes.lines().count()
        ));
    }
    let outside = std::env::temp_dir().join(format!("concordat-clone-{}", std::process::id()));
    if outside.starts_with(root()) {
        return Err(format!(
            "the temporary directory {} is inside the checkout; set TMPDIR elsewhere",
            outside.display()
        ));
    }
    let clone: PathBuf = outside.join("concordat-map");
    let _ = std::fs::remove_dir_all(&outside);
    std::fs::create_dir_all(&outside)
        .map_err(|e| format!("cannot create {}: {e}", outside.display()))?;
    say(&format!(
        "cloning commit {head} into {} and running `cargo test` there",
        clone.display()
    ));
    let result = run(git(&root())
        .args(["clone", "--quiet", "--no-checkout", "."])
        .arg(&clone))
    .and_then(|()| run(git(&clone).args(["checkout", "--quiet", "--detach", &head])))
    .and_then(|()| {
        run(Command::new("cargo")
            .current_dir(&clone)
            .args(["test", "--locked"])
            .env(
                "CARGO_TARGET_DIR",
                root().join("target").join("fresh-clone"),
            )
            // Built once and thrown away: incremental state would only
            // take disk.
            .env("CARGO_INCREMENTAL", "0"))
    });
    let _ = std::fs::remove_dir_all(&outside);
    result
}
