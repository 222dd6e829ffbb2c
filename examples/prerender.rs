//! Writes target/prerender/page.html: the page a visitor first sees, rendered
//! natively from the same components as the app (`ui::prerender`), which
//! index.html inlines. Trunk runs this before every build (see the pre_build
//! hook in Trunk.toml); TRUNK_PUBLIC_URL says where the site is served.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::path::Path;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |path: &str| {
        std::fs::read_to_string(root.join(path)).map_err(|e| format!("cannot read {path}: {e}"))
    };
    let result = (|| -> Result<std::path::PathBuf, String> {
        let geometry = read("geodata/areas-2014.geojson")?;
        let data = read("assets/concordat.json")?;
        let model =
            concordat_map::model::from_texts(&geometry, &data).map_err(|p| p.to_string())?;
        let base = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_default();
        let html = concordat_map::ui::prerender::page(std::sync::Arc::new(model), &base);
        let dir = root.join("target").join("prerender");
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let out = dir.join("page.html");
        std::fs::write(&out, html).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        Ok(out)
    })();
    match result {
        Ok(out) => {
            eprintln!("[prerender] wrote {}", out.display());
            std::process::ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("[prerender] error: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
