//! Writes what the build makes from the data, into target/prerender/:
//! `atlas.json`, the areas' outlines projected from the one GeoJSON file in
//! geodata/ (any areas with `code` and `name` properties), the dataset
//! without its layout (`concordat.json`), and `page.html`,
//! the page a visitor first sees, rendered natively from the same components
//! as the app (`ui::prerender`). index.html inlines the page and ships the
//! two data files. Trunk runs this before every build (see the pre_build hook in
//! Trunk.toml); TRUNK_PUBLIC_URL says where the site is served.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use concordat_map::{atlas, model};
    use std::path::{Path, PathBuf};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |path: &Path| {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let write = |path: &Path, text: &str| {
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    let result = (|| -> Result<PathBuf, String> {
        let source = xtask::geodata::drawn(&root.join("geodata"))?;
        let file = source
            .file_name()
            .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
        let atlas = atlas::from_geojson(&read(&source)?, &file).map_err(|p| p.to_string())?;
        for problem in &atlas.problems {
            eprintln!(
                "[prerender] warning: {}: {}",
                problem.place, problem.message
            );
        }
        let atlas_text = serde_json::to_string(&atlas).map_err(|e| e.to_string())?;
        // Shipped compact; the readable file stays in the repository.
        let data = read(&root.join("assets/concordat.json"))?;
        let data = serde_json::from_str::<serde_json::Value>(&data)
            .map_err(|e| format!("assets/concordat.json: {e}"))?
            .to_string();
        let model = model::from_texts(&atlas_text, &data).map_err(|p| p.to_string())?;
        let base = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_default();
        let html = concordat_map::ui::prerender::page(std::sync::Arc::new(model), &base);
        let dir = root.join("target").join("prerender");
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        write(&dir.join(atlas::FILE_NAME), &atlas_text)?;
        write(&dir.join(concordat_map::dataset::FILE_NAME), &data)?;
        write(&dir.join("page.html"), &html)?;
        Ok(dir)
    })();
    match result {
        Ok(dir) => {
            eprintln!(
                "[prerender] wrote atlas.json, concordat.json and page.html in {}",
                dir.display()
            );
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
