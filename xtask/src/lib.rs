//! Native helpers for the Concordat map: set-up, site build, static server,
//! browser driving and size measurement. Used by the `cargo xtask` commands
//! and by the end-to-end tests; nothing here ships in the wasm.

pub mod bench;
pub mod browser;
pub mod cmd;
pub mod dataset;
pub mod geodata;
pub mod minify;
pub mod package;
pub mod pages;
pub mod places;
pub mod policy;
pub mod preview;
pub mod reference;
pub mod server;
pub mod setup;
pub mod site;
pub mod sizes;
pub mod stress;
pub mod tables;
pub mod tiers;
pub mod topojson;
pub mod weight;
