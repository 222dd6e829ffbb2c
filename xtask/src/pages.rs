//! Trunk's post-build hook, `cargo xtask pages`: seals the built index.html's
//! Content Security Policy (`policy`), then writes every other page the
//! prerender made (target/prerender/site/) as a file of its own at the
//! address the app uses (`area/E10000030/index.html`, `region/north-west/
//! index.html`), so that any static host serves it without a fallback rule.
//! Each page is index.html with its own head (title, description,
//! canonical, preview tags) and body (the view rendered at build time); the
//! stylesheet, scripts and policy are index.html's. The preview images,
//! sitemap, robots.txt and the areas' CSV are copied beside them.

use crate::cmd::Result;
use crate::policy;
use std::path::{Path, PathBuf};

/// In each page's folder under target/prerender/site/: its head and body.
pub const HEAD: &str = "head.html";
pub const BODY: &str = "body.html";

/// What the prerender writes (relative to the repository's root).
pub fn prerendered() -> PathBuf {
    crate::cmd::root().join("target").join("prerender")
}

/// Run by Trunk after a build, in its staging folder (`TRUNK_STAGING_DIR`).
pub fn write_staged() -> Result {
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .ok_or("`pages` is run by Trunk after a build (TRUNK_STAGING_DIR is not set)")?;
    let staging = Path::new(&staging);
    let index = staging.join("index.html");
    // The template's comments are for its readers.
    let html = crate::minify::html(&read(&index)?);
    let sealed = policy::seal_inline_styles(&html)?;
    let from = prerendered();
    let national = read(&from.join("page.html"))?;
    let written = write_pages(&sealed, &national, &from.join("site"), staging)?;
    crate::cmd::say(&format!("wrote {written} pages beside index.html"));
    Ok(())
}

/// A file's text, or what stopped it being read.
pub fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Writes a file, making its folder first.
pub fn write(path: &Path, bytes: &[u8]) -> Result {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Writes into `out` a page for every folder of `site` that has a head
/// (index.html itself for the top one), and copies every other file.
/// Returns how many pages it wrote.
pub fn write_pages(template: &str, national: &str, site: &Path, out: &Path) -> Result<usize> {
    let mut written = 0;
    let mut folders = vec![PathBuf::new()];
    while let Some(folder) = folders.pop() {
        let here = site.join(&folder);
        let entries =
            std::fs::read_dir(&here).map_err(|e| format!("cannot list {}: {e}", here.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot list {}: {e}", here.display()))?;
            let name = entry.file_name();
            let path = entry.path();
            if path.is_dir() {
                folders.push(folder.join(&name));
            } else if name != HEAD && name != BODY {
                let bytes = std::fs::read(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                write(&out.join(&folder).join(&name), &bytes)?;
            }
        }
        let head_file = here.join(HEAD);
        if !head_file.exists() {
            continue;
        }
        let head = read(&head_file)?;
        let body_file = here.join(BODY);
        let body = if body_file.exists() {
            read(&body_file)?
        } else {
            national.to_string()
        };
        let page = page(template, national, &head, &body)
            .map_err(|e| format!("{}: {e}", here.display()))?;
        write(&out.join(&folder).join("index.html"), page.as_bytes())?;
        written += 1;
    }
    Ok(written)
}

/// `template` (the built index.html, holding the national page's body) with
/// its title and description replaced by `head` and that body by `body`.
pub fn page(template: &str, national: &str, head: &str, body: &str) -> Result<String> {
    let start = template
        .find("<title>")
        .ok_or("index.html has no <title>")?;
    let description = template[start..]
        .find("<meta name=\"description\"")
        .map(|i| start + i)
        .ok_or("index.html has no description after its title")?;
    let end = template[description..]
        .find('>')
        .map(|i| description + i + 1)
        .ok_or("index.html's description is not closed")?;
    let between = &template[start..description];
    if between.contains("<meta") || between.contains("<link") || between.contains("<script") {
        return Err("index.html's title and description must stand together".into());
    }
    let at = template
        .find(national)
        .filter(|_| !national.is_empty())
        .ok_or("index.html does not hold the national page as rendered (page.html)")?;
    if at < end {
        return Err("index.html holds the rendered page before its head's end".into());
    }
    Ok(format!(
        "{}{head}{}{body}{}",
        &template[..start],
        &template[end..at],
        &template[at + national.len()..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "<html><head><meta charset=\"utf-8\" />\n<title>Map</title>\n    \
        <meta name=\"description\" content=\"All\" />\n<style>x</style></head>\
        <body><main>NATIONAL</main><noscript>n</noscript></body></html>";

    #[test]
    fn a_page_is_index_html_with_its_own_head_and_body() {
        let page = page(
            TEMPLATE,
            "<main>NATIONAL</main>",
            "<title>Kent</title>",
            "<main>KENT</main>",
        )
        .unwrap();
        assert_eq!(
            page,
            "<html><head><meta charset=\"utf-8\" />\n<title>Kent</title>\n<style>x</style></head>\
             <body><main>KENT</main><noscript>n</noscript></body></html>"
        );
    }

    #[test]
    fn a_template_it_cannot_read_safely_is_refused() {
        let national = "<main>NATIONAL</main>";
        for (template, national) in [
            (TEMPLATE.replace("<title>Map</title>", ""), national),
            (
                TEMPLATE.replace("<meta name=\"description\" content=\"All\" />", ""),
                national,
            ),
            (TEMPLATE.replace("NATIONAL", "OTHER"), national),
            (TEMPLATE.to_string(), ""),
            (
                TEMPLATE.replace("</title>\n", "</title><link rel=\"x\">"),
                national,
            ),
        ] {
            assert!(page(&template, national, "h", "b").is_err(), "{template}");
        }
    }

    #[test]
    fn every_folder_with_a_head_becomes_a_page_and_other_files_are_copied() {
        let dir = std::env::temp_dir().join(format!("pages-test-{}", std::process::id()));
        let (site, out) = (dir.join("site"), dir.join("out"));
        let _ = std::fs::remove_dir_all(&dir);
        write(&site.join(HEAD), b"<title>England</title>").unwrap();
        write(&site.join("robots.txt"), b"User-agent: *").unwrap();
        write(&site.join("area/K/head.html"), b"<title>Kent</title>").unwrap();
        write(&site.join("area/K/body.html"), b"<main>KENT</main>").unwrap();
        write(&site.join("area/K/preview.png"), b"png").unwrap();
        let written = write_pages(TEMPLATE, "<main>NATIONAL</main>", &site, &out).unwrap();
        assert_eq!(written, 2);
        let kent = std::fs::read_to_string(out.join("area/K/index.html")).unwrap();
        assert!(kent.contains("<title>Kent</title>") && kent.contains("<main>KENT</main>"));
        let national = std::fs::read_to_string(out.join("index.html")).unwrap();
        assert!(national.contains("<title>England</title>") && national.contains("NATIONAL"));
        assert_eq!(
            std::fs::read(out.join("area/K/preview.png")).unwrap(),
            b"png"
        );
        assert!(out.join("robots.txt").exists());
        assert!(!out.join("area/K/head.html").exists());
        assert!(write_pages(TEMPLATE, "<main>NATIONAL</main>", &dir.join("none"), &out).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
