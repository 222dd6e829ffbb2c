//! The site's Content Security Policy. Its home is index.html's `<meta
//! http-equiv>`; the build adds to its `style-src` the hash of each inline
//! stylesheet (the one inlined so that the page paints without a second
//! request), and the server sends the built page's policy as its header.

use crate::cmd::Result;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy as index.html carries it before the build: only the site's own
/// files, WebAssembly compiled, no inline script, nothing from elsewhere.
/// Inline styles are allowed only by the hashes the build adds.
pub const TEMPLATE: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'";

const META: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";
const STYLE_SRC: &str = "style-src 'self'";

/// The policy in a page's `<meta http-equiv>`, if it has one.
pub fn of_page(html: &str) -> Option<&str> {
    let (start, end) = span(html)?;
    Some(&html[start..end])
}

/// Where the policy's text lies in the page.
fn span(html: &str) -> Option<(usize, usize)> {
    let start = html.find(META)? + META.len();
    let len = html[start..].find('"')?;
    Some((start, start + len))
}

/// `html` with the SHA-256 of each of its inline stylesheets allowed by its
/// policy's `style-src`: the browser then applies those and no other.
pub fn seal_inline_styles(html: &str) -> Result<String> {
    let hashes: Vec<String> = inline_styles(html)
        .map(|css| {
            // What the browser hashes: the text after its parser has made
            // every line end a line feed.
            let css = css.replace("\r\n", "\n").replace('\r', "\n");
            let digest = Sha256::digest(css.as_bytes());
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    // A stray "<style" (in a comment, say) would pair the wrong text with
    // a hash: refuse a page this simple reading cannot vouch for.
    let (opened, closed) = (
        html.matches("<style").count(),
        html.matches("</style>").count(),
    );
    if opened != hashes.len() || closed != hashes.len() {
        return Err(format!(
            "the page has {opened} \"<style\" and {closed} \"</style>\" for {} stylesheet(s) read: \
             cannot tell which text to allow",
            hashes.len()
        ));
    }
    if hashes.is_empty() {
        return Ok(html.to_owned());
    }
    if html.matches(META).count() > 1 {
        return Err("the page has more than one Content Security Policy <meta>".into());
    }
    let (start, end) = span(html).ok_or(
        "the page has inline styles but no Content Security Policy <meta> to allow them in",
    )?;
    let at = html[start..end].find(STYLE_SRC).ok_or(format!(
        "the page's policy has no \"{STYLE_SRC}\" to add the styles' hashes to"
    ))? + start
        + STYLE_SRC.len();
    Ok(format!(
        "{} {}{}",
        &html[..at],
        hashes.join(" "),
        &html[at..]
    ))
}

/// The text of each `<style>` element, as the browser hashes it.
fn inline_styles(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || {
        let open = rest.find("<style>")?;
        let body = open + "<style>".len();
        let close = body + rest[body..].find("</style>")?;
        let css = &rest[body..close];
        rest = &rest[close..];
        Some(css)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str) -> String {
        format!("<html><head>{META}{TEMPLATE}\" />{head}</head><body></body></html>")
    }

    #[test]
    fn reads_the_policy_of_a_page() {
        assert_eq!(of_page(&page("")), Some(TEMPLATE));
        assert_eq!(of_page("<html></html>"), None);
    }

    #[test]
    fn allows_each_inline_stylesheet_by_its_hash_and_nothing_else() {
        // SHA-256 of "" and of "p{}", as `openssl dgst -sha256 -binary | base64` gives them.
        let html = page("<style></style><style>p{}</style>");
        let sealed = seal_inline_styles(&html).unwrap();
        let policy = of_page(&sealed).unwrap();
        assert_eq!(
            policy,
            TEMPLATE.replace(
                STYLE_SRC,
                "style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' \
                 'sha256-gG2yISYereRMiG2lMXrbiUgi0Ubw9p7QCeWcroOvy9Y='"
            )
        );
        // Only the policy changed.
        assert_eq!(sealed.replace(policy, TEMPLATE), html);
    }

    #[test]
    fn line_ends_are_hashed_as_the_browser_reads_them() {
        let unix = seal_inline_styles(&page("<style>p{}\n</style>")).unwrap();
        let windows = seal_inline_styles(&page("<style>p{}\r\n</style>")).unwrap();
        assert_eq!(of_page(&unix), of_page(&windows));
    }

    #[test]
    fn a_style_it_cannot_pair_with_its_text_is_refused() {
        for head in [
            "<!-- <style> --><style>p{}</style>",
            "<style media=\"print\">p{}</style>",
            "<style>p{}",
        ] {
            let error = seal_inline_styles(&page(head)).unwrap_err();
            assert!(error.contains("cannot tell"), "{head}: {error}");
        }
        let twice =
            page("<style>p{}</style>").replacen("<head>", &format!("<head>{META}x\" />"), 1);
        assert!(
            seal_inline_styles(&twice)
                .unwrap_err()
                .contains("more than one")
        );
    }

    #[test]
    fn a_page_without_inline_styles_is_left_as_it_is() {
        let html = page("<link rel=\"stylesheet\" href=\"s.css\" />");
        assert_eq!(seal_inline_styles(&html).unwrap(), html);
    }

    #[test]
    fn inline_styles_without_a_policy_to_allow_them_are_an_error() {
        let error = seal_inline_styles("<style>p{}</style>").unwrap_err();
        assert!(error.contains("no Content Security Policy"), "{error}");
        let html = page("<style>p{}</style>").replace(STYLE_SRC, "style-src 'none'");
        let error = seal_inline_styles(&html).unwrap_err();
        assert!(error.contains("style-src 'self'"), "{error}");
    }
}
