//! The URL owns the shareable state: which area is open. Pure functions from
//! a path to a route and back, so that reload, share, Back and Forward work
//! and components never parse URLs themselves.

use crate::model::MapModel;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The national view.
    National,
    /// `/area/<key>`: a GSS code or a readable slug such as `surrey`.
    Area(String),
    /// Any other path.
    NotFound(String),
}

/// The path the site is served under, from the page's base URI:
/// "http://host/concordat-map/" -> "/concordat-map"; "http://host/" -> "".
pub fn base_from_uri(uri: &str) -> String {
    let after_scheme = uri.split_once("://").map_or(uri, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    // Like URL resolution: the base is the directory, up to the last '/'.
    let directory = path.rfind('/').map_or("", |i| &path[..i]);
    directory.to_string()
}

/// The route for a browser path under `base`.
pub fn parse_path(path: &str, base: &str) -> Route {
    let local = path.strip_prefix(base).unwrap_or(path);
    let local = local.trim_end_matches('/');
    if local.is_empty() || local == "/index.html" {
        return Route::National;
    }
    match local.strip_prefix("/area/") {
        Some(key) if !key.is_empty() && !key.contains('/') => Route::Area(decode(key)),
        _ => Route::NotFound(local.to_string()),
    }
}

/// Percent-decoding of the few characters a slug or code might carry.
fn decode(key: &str) -> String {
    key.replace("%20", " ")
        .replace("%2C", ",")
        .replace("%2c", ",")
}

pub fn national_path(base: &str) -> String {
    format!("{base}/")
}

pub fn area_path(base: &str, code: &str) -> String {
    format!("{base}/area/{code}")
}

/// "Kingston upon Hull, City of" -> "kingston-upon-hull-city-of".
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The area a URL key names: its GSS code (any case) or the slug of its name.
pub fn resolve_area(model: &MapModel, key: &str) -> Option<usize> {
    let key = key.trim();
    model
        .areas
        .iter()
        .position(|a| a.code.eq_ignore_ascii_case(key))
        .or_else(|| {
            let wanted = slug(key);
            model.areas.iter().position(|a| slug(&a.name) == wanted)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{dataset, geo, model};

    #[test]
    fn paths_parse_under_any_base() {
        let cases = [
            ("/", "", Route::National),
            ("", "", Route::National),
            ("/area/E10000030", "", Route::Area("E10000030".into())),
            ("/area/surrey/", "", Route::Area("surrey".into())),
            ("/concordat-map/", "/concordat-map", Route::National),
            (
                "/concordat-map/area/kent",
                "/concordat-map",
                Route::Area("kent".into()),
            ),
            ("/area/", "", Route::NotFound("/area".into())),
            ("/areas/kent", "", Route::NotFound("/areas/kent".into())),
            ("/area/a/b", "", Route::NotFound("/area/a/b".into())),
        ];
        for (path, base, expected) in cases {
            assert_eq!(parse_path(path, base), expected, "{path} under {base:?}");
        }
    }

    #[test]
    fn paths_round_trip() {
        for base in ["", "/concordat-map"] {
            assert_eq!(parse_path(&national_path(base), base), Route::National);
            assert_eq!(
                parse_path(&area_path(base, "E09000001"), base),
                Route::Area("E09000001".into())
            );
        }
    }

    #[test]
    fn the_base_comes_from_the_page() {
        assert_eq!(base_from_uri("http://127.0.0.1:8080/"), "");
        assert_eq!(
            base_from_uri("https://example.org/concordat-map/"),
            "/concordat-map"
        );
        assert_eq!(
            base_from_uri("https://example.org/concordat-map/index.html?x"),
            "/concordat-map"
        );
    }

    #[test]
    fn areas_resolve_by_code_or_slug() {
        let model = model::from_texts(geo::tests::SAMPLE, dataset::tests::SAMPLE).unwrap();
        assert_eq!(resolve_area(&model, "E10000030"), Some(0));
        assert_eq!(resolve_area(&model, "e10000030"), Some(0));
        assert_eq!(resolve_area(&model, "surrey"), Some(0));
        assert_eq!(resolve_area(&model, "Kent"), Some(2));
        assert_eq!(resolve_area(&model, "atlantis"), None);
        assert_eq!(
            slug("Kingston upon Hull, City of"),
            "kingston-upon-hull-city-of"
        );
        assert_eq!(slug("St. Helens"), "st-helens");
    }
}
