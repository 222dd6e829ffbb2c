//! Writes what the build makes from the data, into target/prerender/:
//! `atlas.json`, the areas' outlines projected from the one GeoJSON file in
//! geodata/ (any areas with `code` and `name` properties), the dataset
//! without its layout (`concordat.json`), the stylesheet and the start-up
//! script without their comments (`style.css`, inlined in every page, and
//! `boot.js`), the names the search learns on
//! first use (`places.json`), `page.html`, the national page a
//! visitor first sees, rendered natively from the same components as the app
//! (`ui::prerender`), and in `site/` every other page's body and head, the
//! preview images, the sitemap, robots.txt and a CSV of every area.
//! index.html inlines the national page and ships the two data files; after
//! Trunk's build `cargo xtask pages` writes the pages from `site/`.
//! Trunk runs this before every build (see the pre_build hook in Trunk.toml);
//! TRUNK_PUBLIC_URL says where the site is served, CONCORDAT_SITE_URL at
//! which origin (`cargo xtask build --site-url`).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use concordat_map::{atlas, model, pages, table, ui::prerender};
    use std::path::{Path, PathBuf};
    use std::sync::Arc;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    use xtask::pages::{read, write};
    let result = (|| -> Result<(PathBuf, usize), String> {
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
        let model = Arc::new(model::from_texts(&atlas_text, &data).map_err(|p| p.to_string())?);
        let base = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_default();
        let site = site(&base)?;
        let dir = root.join("target").join("prerender");
        // Pages of an earlier build of other data must not be served.
        let out = dir.join("site");
        if out.exists() {
            std::fs::remove_dir_all(&out)
                .map_err(|e| format!("cannot empty {}: {e}", out.display()))?;
        }
        write(&dir.join(atlas::FILE_NAME), atlas_text.as_bytes())?;
        // What every visitor downloads, without the comments written for
        // its readers: the stylesheet every page inlines, the start-up script.
        let css = read(&root.join("assets/style.css"))?;
        write(&dir.join("style.css"), xtask::minify::css(&css).as_bytes())?;
        let boot = read(&root.join("assets/boot.js"))?;
        write(
            &dir.join("boot.js"),
            xtask::minify::script(&boot).as_bytes(),
        )?;
        write(
            &dir.join(concordat_map::dataset::FILE_NAME),
            data.as_bytes(),
        )?;
        // What the search learns on first use: districts, councils since
        // 2014 and postcode districts.
        let places =
            xtask::places::build(&xtask::places::source_dir(), &xtask::geodata::areas_csv())?;
        write(
            &dir.join(concordat_map::places::FILE_NAME),
            places.to_json().map_err(|p| p.to_string())?.as_bytes(),
        )?;
        let renderer = xtask::preview::Renderer::new()?;
        let all = pages::pages(&model);
        for page in &all {
            let folder = out.join(page.dir());
            let mut head = pages::head(page, &site);
            let home = site.url("/");
            let body = || {
                prerender::page(
                    model.clone(),
                    (&base, &home),
                    page.view_state(),
                    &page.description,
                )
            };
            match page.subject {
                // The app's own page: until it runs, the national map (with
                // the note that the code needs JavaScript).
                pages::Subject::EmbedBuilder => {}
                pages::Subject::National => {
                    write(&dir.join("page.html"), body().as_bytes())?;
                    head.push_str(&format!(
                        "\n    <script type=\"application/ld+json\">{}</script>",
                        pages::dataset_json_ld(&model, &site)
                    ));
                }
                _ => write(&folder.join(xtask::pages::BODY), body().as_bytes())?,
            }
            write(&folder.join(xtask::pages::HEAD), head.as_bytes())?;
            let png = renderer.png(&concordat_map::picture::card(&model, page))?;
            write(&folder.join(pages::IMAGE_FILE), &png)?;
        }
        write(
            &out.join("sitemap.xml"),
            pages::sitemap(&all, &site, &model.last_updated).as_bytes(),
        )?;
        write(&out.join("robots.txt"), pages::robots(&site).as_bytes())?;
        let snapshot = model.at(model.view_day);
        let every = vec![true; model.areas.len()];
        let rows = table::rows(&model, &snapshot, &every, table::Sort::default());
        write(
            &out.join(pages::AREAS_CSV),
            table::csv(&model, &snapshot, &rows).as_bytes(),
        )?;
        // The whole dataset as a data package: its tables and their description.
        let (dataset, _) = concordat_map::dataset::parse(&data).map_err(|p| p.to_string())?;
        let package = out.join(xtask::package::DIR);
        xtask::package::write(&dataset, &package)?;
        let problems = xtask::package::check(&package);
        if !problems.is_empty() {
            return Err(format!(
                "the data package breaks its description: {}",
                problems.join("; ")
            ));
        }
        Ok((dir, all.len()))
    })();
    match result {
        Ok((dir, pages)) => {
            eprintln!(
                "[prerender] wrote atlas.json, concordat.json, page.html and {pages} pages with their previews in {}",
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

/// Where the site is served: the origin of CONCORDAT_SITE_URL (by default
/// the serve command's, http://127.0.0.1:8080) and the base path Trunk builds for.
#[cfg(not(target_arch = "wasm32"))]
fn site(base: &str) -> Result<concordat_map::pages::Site, String> {
    let url = std::env::var("CONCORDAT_SITE_URL").unwrap_or_else(|_| {
        eprintln!(
            "[prerender] note: CONCORDAT_SITE_URL is not set: canonical links and share previews \
             point at http://127.0.0.1:8080 (build with `cargo xtask build --site-url URL` to publish)"
        );
        "http://127.0.0.1:8080".into()
    });
    let mut site = concordat_map::pages::Site::from_url(&url)
        .ok_or_else(|| format!("CONCORDAT_SITE_URL {url:?} is not an absolute http(s) address"))?;
    site.base = base.trim_end_matches('/').to_string();
    Ok(site)
}

#[cfg(target_arch = "wasm32")]
fn main() {}
