//! A fact's sources as the reader meets them: links to http(s) sources
//! only, each with its title, who published it and when, whether it is an
//! unofficial copy, and where in it the fact is stated.

use crate::dataset::{self, Dataset, Locators};

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub title: String,
    pub url: String,
    /// "publisher, date", where known.
    pub byline: Option<String>,
    /// A copy on a document-sharing or archive site.
    pub mirror: bool,
    /// Where in it the fact is stated, where recorded.
    pub locator: Option<String>,
}

impl Link {
    /// The site a link points to, e.g. "jonrouse.blog.gov.uk": short enough
    /// for a summary line.
    pub fn site(&self) -> &str {
        let rest = self
            .url
            .split_once("://")
            .map_or(self.url.as_str(), |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        // A fully qualified host ("slideplayer.com.") reads better without its dot.
        let host = host.trim_end_matches('.');
        host.strip_prefix("www.").unwrap_or(host)
    }
}

/// The http(s) sources with these ids, as links.
pub fn links(data: &Dataset, ids: &[String]) -> Vec<Link> {
    cited(data, ids, &Locators::new())
}

/// A fact's sources, each with where in it the fact is stated.
pub fn cited(data: &Dataset, ids: &[String], locators: &Locators) -> Vec<Link> {
    ids.iter()
        .filter_map(|id| data.source(id))
        .filter(|s| dataset::is_http_url(&s.url))
        .map(|s| {
            let byline = [s.publisher.clone(), s.date.map(|d| d.label())]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            Link {
                title: s.title.clone(),
                url: s.url.clone(),
                byline: (!byline.is_empty()).then_some(byline),
                mirror: s.mirror,
                locator: locators.get(&s.id).cloned(),
            }
        })
        .collect()
}

/// Who publishes the map and its data: the name its pages and citation give.
pub const SITE_NAME: &str = "Crisis Care Concordat progress map";

/// The data's licence, as the page and the package name it.
pub const LICENCE_NAME: &str = "CC BY 4.0";

/// How to cite the dataset, one line: publisher (year), title, version and
/// release date, the map's address and the licence, as README and
/// CITATION.cff say it.
pub fn cite(data: &Dataset, url: &str) -> String {
    let version = data
        .version
        .as_deref()
        .map(|v| format!("Version {v}, released"))
        .unwrap_or_else(|| "Last updated".into());
    format!(
        "{SITE_NAME} ({}). {} [data set]. {version} {}. {url}. Licence: {LICENCE_NAME}.",
        data.last_updated.year,
        data.title,
        data.last_updated.label()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_names_its_site() {
        let link = |url: &str| Link {
            title: String::new(),
            url: url.into(),
            byline: None,
            mirror: false,
            locator: None,
        };
        assert_eq!(
            link("https://www.gmpcc.org.uk/news/x/").site(),
            "gmpcc.org.uk"
        );
        assert_eq!(
            link("http://jonrouse.blog.gov.uk?x=1").site(),
            "jonrouse.blog.gov.uk"
        );
        assert_eq!(
            link("https://slideplayer.com./slide/1").site(),
            "slideplayer.com"
        );
    }

    #[test]
    fn a_citation_names_the_version_and_its_day() {
        let mut data = crate::dataset::tests::sample();
        data.version = Some("2026.12.1".into());
        data.last_updated = "2026-12-03".parse().unwrap();
        assert_eq!(
            cite(&data, "https://example.org/map/"),
            format!(
                "Crisis Care Concordat progress map (2026). {} [data set]. Version 2026.12.1, released 3 December 2026. https://example.org/map/. Licence: CC BY 4.0.",
                data.title
            )
        );
        data.version = None;
        assert!(cite(&data, "u").contains("[data set]. Last updated 3 December 2026. u."));
    }
}
