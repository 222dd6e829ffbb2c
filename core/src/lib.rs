//! The pure core of the Concordat map: no browser types, no IO, no panics on
//! outside data. Used by the app (compiled to wasm) and by the native tools
//! in xtask, and tested natively.
// No panic path may come back unnoticed: an index out of range or an
// `expect` on outside data would stop the app (tests may index freely).
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::expect_used))]

pub mod atlas;
pub mod chart;
pub mod citation;
pub mod colour;
pub mod dataset;
pub mod date;
pub mod details;
pub mod embed;
pub mod filters;
pub mod geo;
pub mod model;
pub mod nav;
pub mod pages;
pub mod picture;
pub mod places;
pub mod problem;
pub mod query;
pub mod search;
pub mod status;
pub mod table;
pub mod timeline;
pub mod view_state;
