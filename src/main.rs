//! The wasm entry point: mounts the app, nothing else (the app is in lib.rs,
//! so that the component tests can mount its parts).

fn main() {
    concordat_map::start();
}
