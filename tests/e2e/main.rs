//! End-to-end: the release site served on 127.0.0.1, driven in Debian's
//! Chromium through chromedriver, checked as a visitor would see it.
//!
//! `cargo xtask test e2e [WORDS]` builds the site and passes its directory in
//! CONCORDAT_DIST; run as `cargo test --test e2e`, this builds it first. The
//! build for a sub-path is made only when a scenario asks for it.
//! Screenshots of every view (map, area, table, embed, phone, dark, forced
//! colours, before the app) go to target/screenshots/ for a person to open.
#![cfg(not(target_arch = "wasm32"))]

mod campaign;
mod embedding;
mod faults;
mod finding;
mod first_paint;
mod first_screen;
mod helpers;
mod pages;
mod paper;
mod scenarios;
mod seen;

use fantoccini::{Client, Locator};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::Duration;
use xtask::browser::Driver;
use xtask::server::{Options, Server};
use xtask::{cmd, setup, site};

pub type Result<T = ()> = std::result::Result<T, String>;

/// The sub-path the second build is made for, as a host might mount it.
pub const SUB_PATH: &str = "/concordat-map";

/// What every scenario gets: the built site (and, on demand, one built for
/// `SUB_PATH`) and a browser driver.
pub struct World {
    pub dist: PathBuf,
    sub_path_dist: OnceLock<PathBuf>,
    pub driver: Driver,
}

impl World {
    /// The site built for `SUB_PATH`, built the first time it is asked for.
    pub fn sub_path_dist(&self) -> Result<PathBuf> {
        if let Some(dist) = self.sub_path_dist.get() {
            return Ok(dist.clone());
        }
        let dist = cmd::root().join("target").join("e2e-dist-sub-path");
        site::build_release(&setup::for_build()?, &dist, &format!("{SUB_PATH}/"))?;
        Ok(self.sub_path_dist.get_or_init(|| dist).clone())
    }

    /// Serves the site (optionally altered) on a free loopback port.
    pub fn serve(&self, alter: impl FnOnce(&mut Options)) -> Result<Server> {
        let mut options = Options::new(&self.dist);
        alter(&mut options);
        Server::start(options, "127.0.0.1:0")
    }

    /// A browser of the given viewport at `url`, once the map is drawn
    /// (or, with `wait_for_map` false, once the page says anything at all).
    /// A fresh browser of the given viewport that records every Content
    /// Security Policy violation and layout shift in every document it opens.
    pub async fn session(&self, size: (u32, u32)) -> Result<Client> {
        let client = self.driver.session(size.0, size.1).await?;
        xtask::browser::on_every_document(&client, helpers::CSP_RECORDER).await?;
        xtask::browser::on_every_document(&client, helpers::SHIFT_RECORDER).await?;
        Ok(client)
    }

    pub async fn open(&self, url: &str, size: (u32, u32), wait_for_map: bool) -> Result<Client> {
        self.open_until(url, size, ready_selector(wait_for_map))
            .await
    }

    /// A browser of the given viewport at `url` with JavaScript turned off,
    /// as a reader whose browser runs no script sees the page.
    pub async fn open_without_scripts(&self, url: &str, size: (u32, u32)) -> Result<Client> {
        let client = self.session(size).await?;
        let opened = async {
            xtask::browser::disable_scripts(&client).await?;
            client
                .goto(url)
                .await
                .map_err(|e| format!("cannot open {url}: {e}"))
        }
        .await;
        match opened {
            Ok(()) => Ok(client),
            Err(e) => {
                let _ = client.close().await;
                Err(e)
            }
        }
    }

    /// A browser at `url`, once something matches `selector`.
    pub async fn open_until(&self, url: &str, size: (u32, u32), selector: &str) -> Result<Client> {
        let client = self.session(size).await?;
        client
            .goto(url)
            .await
            .map_err(|e| format!("cannot open {url}: {e}"))?;
        client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css(selector))
            .await
            .map_err(|e| format!("{url}: nothing matched {selector} within 30 s: {e}"))?;
        Ok(client)
    }
}

/// What a page is ready at: the map drawn (or, with `wait_for_map` false,
/// the page saying anything at all, even that it failed).
pub fn ready_selector(wait_for_map: bool) -> &'static str {
    if wait_for_map {
        "svg#map[data-ready='true']"
    } else {
        "[role='alert'], svg#map[data-ready='true']"
    }
}

fn world() -> Result<World> {
    let dist = match std::env::var_os("CONCORDAT_DIST") {
        Some(dist) => PathBuf::from(dist),
        None => {
            let dist = cmd::root().join("target").join("e2e-dist");
            site::build_release(&setup::for_build()?, &dist, "/")?;
            dist
        }
    };
    Ok(World {
        dist,
        sub_path_dist: OnceLock::new(),
        driver: Driver::start()?,
    })
}

fn main() -> ExitCode {
    let world = match world() {
        Ok(world) => world,
        Err(message) => {
            eprintln!("e2e: cannot set up: {message}");
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("e2e: no async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    // `cargo test --test e2e -- search arrows` runs the scenarios whose
    // names contain any of the words; flags cargo passes on are ignored.
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    // A whole run starts from an empty folder of screenshots, so that what
    // is there after it is what this build looked like.
    let shots = helpers::screenshot_dir();
    if wanted.is_empty() {
        let _ = std::fs::remove_dir_all(&shots);
    }
    let (mut passed, mut failed) = (0, 0);
    let all = scenarios::ALL
        .iter()
        .chain(campaign::ALL)
        .chain(embedding::ALL)
        .chain(faults::ALL)
        .chain(finding::ALL)
        .chain(first_paint::ALL)
        .chain(first_screen::ALL)
        .chain(pages::ALL)
        .chain(paper::ALL)
        .chain(seen::ALL);
    for (name, scenario) in all {
        if !wanted.is_empty() && !wanted.iter().any(|w| name.contains(w.as_str())) {
            continue;
        }
        match runtime.block_on(scenario(&world)) {
            Ok(()) => {
                println!("test {name} ... ok");
                passed += 1;
            }
            Err(message) => {
                println!("test {name} ... FAILED\n    {message}");
                failed += 1;
            }
        }
    }
    let taken = std::fs::read_dir(&shots).map_or(0, |d| d.count());
    println!(
        "\ne2e: {passed} passed, {failed} failed; {taken} screenshots to look at in {}",
        shots.display()
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
