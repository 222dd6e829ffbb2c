//! The URL owns the shareable state: which area is open, the filters, map
//! or table and the table's order. `ViewState` is read from a path and query
//! and written back, so that reload, share, Back, Forward and embedding all
//! work, and components never parse URLs themselves.

use crate::date::PartialDate;
use crate::embed::{self, Embed};
use crate::filters::{Filters, Vocabulary};
use crate::query;
use crate::table::Sort;

/// Everything a shared link carries.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewState {
    pub route: Route,
    pub filters: Filters,
    pub view: View,
    pub sort: Sort,
    /// The date the map shows (`at=`), at the precision given: a month or
    /// a year means its last day. None: the dataset's own date.
    pub at: Option<PartialDate>,
    /// Embedded in another site's page, and how (None: the full page).
    pub embed: Option<Embed>,
    /// Parameters that are not ours (a host's `childId`, a campaign tag),
    /// kept as they came so that writing the URL back does not lose them.
    pub extra: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Map,
    Table,
}

/// Query parameters this module reads, besides the filters'.
const VIEW: &str = "view";
const SORT: &str = "sort";
const AT: &str = "at";

impl ViewState {
    /// The state a browser URL (path under `base`, and query) asks for, with
    /// a note for every value that was not understood and so ignored.
    pub fn from_url(
        path: &str,
        query_string: &str,
        base: &str,
        vocabulary: &Vocabulary,
    ) -> (ViewState, Vec<String>) {
        let mut pairs = query::parse(query_string);
        // `/region/<slug>` says what `region=<slug>` says: a static host
        // can answer a path with a page of its own, never a query.
        if let Some(region) = region_in_path(path, base) {
            pairs.push((crate::filters::Filter::Region.key().into(), region));
        }
        let (filters, mut notes) = Filters::from_pairs(&pairs, vocabulary);
        let route = parse_path(path, base);
        // The embed-code page edits an embedded view's options in its own address.
        let (embed, embed_notes) = if route == Route::EmbedBuilder {
            let mut on = pairs.clone();
            on.push(("embed".into(), "1".into()));
            Embed::from_pairs(&on)
        } else {
            Embed::from_pairs(&pairs)
        };
        notes.extend(embed_notes);
        let mut state = ViewState {
            route,
            filters,
            embed,
            ..ViewState::default()
        };
        let ours = |key: &str| {
            key == VIEW
                || key == SORT
                || key == AT
                || embed::KEYS.contains(&key)
                || crate::filters::Filter::ALL.iter().any(|f| f.key() == key)
        };
        for (key, value) in &pairs {
            match key.as_str() {
                VIEW => match value.trim().to_ascii_lowercase().as_str() {
                    "table" => state.view = View::Table,
                    "map" | "" => state.view = View::Map,
                    other => notes.push(format!("Unknown view {} ignored.", query::quote(other))),
                },
                SORT => match Sort::parse(value) {
                    Some(sort) => state.sort = sort,
                    None if value.trim().is_empty() => {}
                    None => notes.push(format!(
                        "Unknown table order {} ignored.",
                        query::quote(value)
                    )),
                },
                AT => match value.trim() {
                    "" => {}
                    text => match text.parse::<PartialDate>() {
                        Ok(date) => state.at = Some(date),
                        Err(_) => notes.push(format!(
                            "Unknown date {} ignored: use a day (2015-03-31), a month (2015-03) or a year (2015).",
                            query::quote(value)
                        )),
                    },
                },
                key if ours(key) => {}
                _ => state.extra.push((key.clone(), value.clone())),
            }
        }
        (state, notes)
    }

    /// The query string for this state (`?…`, or nothing): filters, then
    /// view and order where they are not the default, then others' parameters.
    pub fn query(&self, vocabulary: &Vocabulary) -> String {
        query::build(&self.pairs(vocabulary))
    }

    fn pairs(&self, vocabulary: &Vocabulary) -> Vec<(String, String)> {
        let mut pairs = self.filters.to_pairs(vocabulary);
        if self.view == View::Table {
            pairs.push((VIEW.into(), "table".into()));
        }
        if self.sort != Sort::default() {
            pairs.push((SORT.into(), self.sort.key()));
        }
        if let Some(at) = self.at {
            pairs.push((AT.into(), at.to_string()));
        }
        if let Some(embed) = &self.embed {
            pairs.extend(embed.to_pairs());
        }
        pairs.extend(
            self.extra
                .iter()
                .map(|(k, v)| (k.clone(), query::encode(v))),
        );
        pairs
    }

    /// The region whose page this view is (`/region/<slug>`): the national
    /// map of the full page with one region chosen, so that a shared link
    /// is answered by that region's own page, title and preview.
    pub fn region_page<'v>(&self, vocabulary: &'v Vocabulary) -> Option<&'v crate::filters::Term> {
        let [region] = self.filters.regions.as_slice() else {
            return None;
        };
        let national = matches!(self.route, Route::National | Route::NotFound(_));
        (national && self.embed.is_none())
            .then(|| vocabulary.regions.iter().find(|t| &t.id == region))
            .flatten()
    }

    /// The URL path and query for this state under `base`.
    pub fn to_url(&self, base: &str, vocabulary: &Vocabulary) -> String {
        let mut pairs = self.pairs(vocabulary);
        let path = match (&self.route, self.region_page(vocabulary)) {
            (Route::Area(key), _) => area_path(base, key),
            (Route::EmbedBuilder, _) => format!("{base}/embed"),
            (_, Some(region)) => {
                let key = crate::filters::Filter::Region.key();
                pairs.retain(|(k, _)| k != key);
                region_path(base, &region.key)
            }
            (Route::National | Route::NotFound(_), None) => national_path(base),
        };
        format!("{path}{}", query::build(&pairs))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Route {
    /// The national view.
    #[default]
    National,
    /// `/area/<key>`: a GSS code or a readable slug such as `surrey`.
    Area(String),
    /// `/embed`: the page that writes the code to embed the map.
    EmbedBuilder,
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
    if local == "/embed" {
        return Route::EmbedBuilder;
    }
    if region_in_path(path, base).is_some() {
        return Route::National;
    }
    match local.strip_prefix("/area/") {
        Some(key) if !key.is_empty() && !key.contains('/') => Route::Area(query::decode(key)),
        _ => Route::NotFound(local.to_string()),
    }
}

/// The region a `/region/<key>` path names (its key as written, known or not).
fn region_in_path(path: &str, base: &str) -> Option<String> {
    let local = path
        .strip_prefix(base)
        .unwrap_or(path)
        .trim_end_matches('/');
    let key = local.strip_prefix("/region/")?;
    (!key.is_empty() && !key.contains('/')).then(|| query::decode(key))
}

/// Whether the address `path` and `query` (`?…` or empty) under `base` shows
/// the map embedded in another site's frame (the embed-code page itself is
/// a page of ours). There the host's history is not ours to add to.
pub fn is_embedded(path: &str, query: &str, base: &str) -> bool {
    parse_path(path, base) != Route::EmbedBuilder
        && Embed::from_pairs(&query::parse(query)).0.is_some()
}

pub fn national_path(base: &str) -> String {
    format!("{base}/")
}

pub fn area_path(base: &str, code: &str) -> String {
    format!("{base}/area/{}", query::encode(code))
}

/// The page of a region, by its slug (`Term::key`).
pub fn region_path(base: &str, key: &str) -> String {
    format!("{base}/region/{}", query::encode(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Column;

    #[test]
    fn an_embedded_address_is_known_from_its_query() {
        assert!(is_embedded("/area/E10000030", "?embed=1", ""));
        assert!(is_embedded(
            "/concordat-map/",
            "?embed=1&controls=legend",
            "/concordat-map"
        ));
        assert!(!is_embedded("/area/E10000030", "?region=south-east", ""));
        assert!(!is_embedded("/embed", "?embed=1", ""));
    }

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
            (
                "/concordat-map/embed",
                "/concordat-map",
                Route::EmbedBuilder,
            ),
            ("/embed/", "", Route::EmbedBuilder),
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

    fn state(path: &str, query_string: &str) -> (ViewState, Vec<String>) {
        let vocabulary = crate::filters::tests::vocabulary();
        ViewState::from_url(path, query_string, "", &vocabulary)
    }

    #[test]
    fn the_whole_state_round_trips_through_the_url() {
        let vocabulary = crate::filters::tests::vocabulary();
        let (read, notes) = state(
            "/area/E10000030",
            "?status=plan&region=south-east&view=table&sort=-reached&at=2015-03&initialWidth=600&embed=1&childId=map-1",
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(read.route, Route::Area("E10000030".into()));
        assert_eq!(read.view, View::Table);
        assert_eq!(
            read.sort,
            Sort {
                column: Column::Reached,
                descending: true
            }
        );
        assert_eq!(read.at.map(|d| d.to_string()).as_deref(), Some("2015-03"));
        assert_eq!(read.embed.as_ref().map(|e| e.frame_id()), Some("map-1"));
        assert_eq!(
            read.extra,
            [("initialWidth".to_string(), "600".to_string())]
        );
        let url = read.to_url("/concordat-map", &vocabulary);
        assert_eq!(
            url,
            "/concordat-map/area/E10000030?region=south-east&status=plan&view=table&sort=-reached&at=2015-03&embed=1&childId=map-1&initialWidth=600"
        );
        let (path, query_string) = url.split_once('?').unwrap();
        let (again, _) = ViewState::from_url(path, query_string, "/concordat-map", &vocabulary);
        assert_eq!(again, read);
        // The default state is the bare national path.
        assert_eq!(ViewState::default().to_url("", &vocabulary), "/");
    }

    #[test]
    fn a_region_has_a_path_that_reads_as_its_filter() {
        let vocabulary = crate::filters::tests::vocabulary();
        let by_query = state("/", "?region=south-east&status=plan");
        for (path, base) in [
            ("/region/south-east", ""),
            ("/region/south-east/", ""),
            ("/concordat-map/region/South-East", "/concordat-map"),
        ] {
            let by_path = ViewState::from_url(path, "?status=plan", base, &vocabulary);
            assert_eq!(by_path, by_query, "{path}");
        }
        // Written as the region's page wherever that is the view…
        let (read, _) = by_query;
        assert_eq!(
            read.to_url("/concordat-map", &vocabulary),
            "/concordat-map/region/south-east?status=plan"
        );
        assert_eq!(
            read.region_page(&vocabulary).map(|t| t.id.as_str()),
            Some("E12000008")
        );
        // …and as a filter where it is not: an open area, two regions, an embed.
        for (path, query_string) in [
            ("/area/E10000030", "?region=south-east"),
            ("/", "?region=south-east,E12000009"),
            ("/", "?region=south-east&embed=1"),
        ] {
            let (read, _) = state(path, query_string);
            assert_eq!(read.region_page(&vocabulary), None, "{path}{query_string}");
            assert!(read.to_url("", &vocabulary).contains("region=south-east"));
        }
        // An unknown region in the path is said, and the map is England's.
        let (read, notes) = state("/region/atlantis", "");
        assert_eq!(
            (read.route, read.filters.regions.len()),
            (Route::National, 0)
        );
        assert_eq!(notes, ["Unknown region ‘atlantis’ ignored."]);
        assert_eq!(
            parse_path("/region/", ""),
            Route::NotFound("/region".into())
        );
    }

    #[test]
    fn the_embed_page_edits_an_embedded_view_in_its_own_address() {
        let vocabulary = crate::filters::tests::vocabulary();
        let (builder, notes) = state("/embed", "?controls=legend&title=Hi&region=south-west");
        assert!(notes.is_empty(), "{notes:?}");
        let embed = builder.embed.clone().unwrap();
        assert_eq!(embed.title.as_deref(), Some("Hi"));
        assert_eq!(
            builder.to_url("", &vocabulary),
            "/embed?region=south-west&embed=1&controls=legend&title=Hi"
        );
        // The preview is that view at the map's own address.
        let preview = ViewState {
            route: Route::National,
            ..builder
        };
        assert_eq!(
            preview.to_url("", &vocabulary),
            "/?region=south-west&embed=1&controls=legend&title=Hi"
        );
    }

    #[test]
    fn bad_view_and_order_are_noted_and_the_rest_kept() {
        let (read, _) = state("/", "view=Table");
        assert_eq!(read.view, View::Table);
        let (read, notes) = state("/", "view=chart&sort=colour&status=plan&sort=&at=yesterday");
        assert_eq!(read.view, View::Map);
        assert_eq!(read.sort, Sort::default());
        assert_eq!(read.at, None);
        assert_eq!(read.filters.statuses, ["plan"]);
        assert_eq!(
            notes,
            [
                "Unknown view ‘chart’ ignored.",
                "Unknown table order ‘colour’ ignored.",
                "Unknown date ‘yesterday’ ignored: use a day (2015-03-31), a month (2015-03) or a year (2015)."
            ]
        );
        for (given, kept) in [
            ("2014", "2014"),
            ("2014-12", "2014-12"),
            ("2014-12-31", "2014-12-31"),
        ] {
            let (read, notes) = state("/", &format!("at={given}"));
            assert!(notes.is_empty(), "{notes:?}");
            assert_eq!(read.at.map(|d| d.to_string()).as_deref(), Some(kept));
        }
        let (read, notes) = state("/", "at=2014-02-30");
        assert_eq!((read.at, notes.len()), (None, 1));
        let junk = format!("?{}", "%E2%28&=&%%%=x&".repeat(700));
        let (read, _) = state("/area/%00%FF", &junk);
        assert_eq!(read.route, Route::Area("\u{0}\u{FFFD}".into()));
        assert!(read.filters.is_empty());
    }
}
