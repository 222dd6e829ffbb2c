//! The wasm entry point: mounts the app (in lib.rs, so that the component
//! tests can mount its parts) and sets the allocator.

fn main() {
    concordat_map::start();
}

// Talc instead of dlmalloc: see Cargo.toml for what it was measured to save.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
