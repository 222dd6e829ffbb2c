//! The pages the build writes: one for each view a link is likely to be
//! shared for (England, each region, each area), at the address the app
//! uses, each with its title and a sentence saying what it shows, made from
//! the model so that it is always true to the data. And what tells search
//! engines and link previews about them: head tags, the sitemap,
//! robots.txt, and the dataset described in schema.org's terms.

use crate::dataset::{self, Event};
use crate::date::PartialDate;
use crate::details::details;
use crate::filters::Filters;
use crate::model::MapModel;
use crate::timeline::{Known, Snapshot};
use crate::view_state::{Route, ViewState, area_path, national_path, region_path};

pub use crate::citation::SITE_NAME;
pub const NATIONAL_TITLE: &str = "Mental Health Crisis Care Concordat: local progress map";
/// The preview image's size, as link previews want it.
pub const IMAGE_SIZE: (u32, u32) = (1200, 630);
pub const IMAGE_FILE: &str = "preview.png";
/// A CSV of every area at the dataset's date, written by the build beside the dataset.
pub const AREAS_CSV: &str = "concordat-areas.csv";
/// The boundaries' attribution, wherever the map is shown or pictured.
pub const ATTRIBUTION: &str = "Boundaries: contains OS data © Crown copyright and database right 2016. \
     Source: Office for National Statistics licensed under the Open Government Licence v.3.0.";

/// The data package's descriptor, beside its tables (`cargo xtask` writes it).
pub const DATA_PACKAGE: &str = "data/datapackage.json";

/// The licence the dataset is published under (README, "Licence").
pub const DATA_LICENCE: &str = "https://creativecommons.org/licenses/by/4.0/";

/// What a page shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    National,
    /// A region, by its code.
    Region(String),
    /// An area, by its index in the model.
    Area(usize),
    /// The page that writes the code to embed the map (the app's, once it
    /// runs; before, the national map).
    EmbedBuilder,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub subject: Subject,
    /// Under the site's base path: "/", "/region/north-west", "/area/E10000030".
    pub path: String,
    /// "England", "North West", "Surrey".
    pub name: String,
    pub title: String,
    /// One sentence: the meta description, the preview's text and, for an
    /// area, its panel's summary.
    pub description: String,
}

impl Page {
    /// The view this page shows, as the app reads it from the page's address.
    pub fn view_state(&self) -> ViewState {
        let mut state = ViewState::default();
        match &self.subject {
            Subject::National => {}
            Subject::EmbedBuilder => state.route = Route::EmbedBuilder,
            Subject::Region(code) => state.filters.regions = vec![code.clone()],
            Subject::Area(_) => {
                state.route = Route::Area(self.path.trim_start_matches("/area/").to_string());
            }
        }
        state
    }

    /// Its folder in the built site ("" for the national page).
    pub fn dir(&self) -> &str {
        self.path.trim_matches('/')
    }

    /// Its preview image, under the site's base path.
    pub fn image_path(&self) -> String {
        match self.dir() {
            "" => format!("/{IMAGE_FILE}"),
            dir => format!("/{dir}/{IMAGE_FILE}"),
        }
    }
}

/// Every page: national first, regions and areas in the model's order, and
/// the embed code's.
pub fn pages(model: &MapModel) -> Vec<Page> {
    let snapshot = model.at(model.view_day);
    let mut pages = vec![Page {
        subject: Subject::National,
        path: national_path(""),
        name: "England".into(),
        title: NATIONAL_TITLE.into(),
        description: national_sentence(model, &snapshot),
    }];
    for region in &model.vocabulary.regions {
        pages.push(Page {
            subject: Subject::Region(region.id.clone()),
            path: region_path("", &region.key),
            name: region.label.clone(),
            title: format!("{}: {SITE_NAME}", region.label),
            description: region_sentence(model, &snapshot, &region.id),
        });
    }
    for (i, area) in model.areas.iter().enumerate() {
        pages.push(Page {
            subject: Subject::Area(i),
            path: area_path("", &area.code),
            name: area.name.clone(),
            title: format!("{}: {SITE_NAME}", area.name),
            description: area_sentence(model, &snapshot, i),
        });
    }
    pages.push(Page {
        subject: Subject::EmbedBuilder,
        path: "/embed".into(),
        name: "Embed the map".into(),
        title: format!("Embed the map in your site: {SITE_NAME}"),
        description: "Choose what the Concordat progress map shows, then copy the code that \
            embeds it in your own page: no cookies, nothing asked of any other site."
            .into(),
    });
    pages
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_lowercase().chain(chars).collect::<String>()
    })
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// When an event happened, as a sentence says it: "on 12 May 2014", "in
/// May 2014", "by 31 December 2014 (the national deadline)"; None if its
/// date is not recorded.
fn when(event: &Event) -> Option<String> {
    let date: PartialDate = event.date?;
    let word = if event.bound {
        "by"
    } else if date.day.is_some() {
        "on"
    } else {
        "in"
    };
    let deadline = if event.national {
        " (the national deadline)"
    } else {
        ""
    };
    Some(format!("{word} {}{deadline}", date.label()))
}

/// "Surrey: action plan agreed by 31 December 2014; 12 organisations
/// signed; 9 plan themes recorded." Where the area stood on the snapshot's
/// day, claiming nothing the data does not say.
pub fn area_sentence(model: &MapModel, snapshot: &Snapshot, index: usize) -> String {
    let (Some(area), Some(at)) = (model.areas.get(index), snapshot.areas.get(index)) else {
        return String::new();
    };
    let on = snapshot.day.label();
    let status = match at.known {
        Known::NotRecorded => {
            return format!(
                "{}: not recorded. The dataset holds nothing yet on this area's declaration or plan.",
                area.name
            );
        }
        Known::NotRecordedYet => format!("nothing recorded by {on}"),
        Known::Local | Known::Bound => {
            let label = lower_first(model.status_label(at));
            match at.event.and_then(|e| model.data.events.get(e)) {
                // The first status, with the change from it still to come.
                None => format!("{label} on {on}"),
                Some(event) => match when(event) {
                    Some(when) => format!("{label} {when}"),
                    None => format!("{label} (date not recorded)"),
                },
            }
        }
    };
    let more = details(&model.data, &area.code);
    let signed: usize = more.signatories.iter().map(|k| k.items.len()).sum();
    let signatories = match (signed, more.signatories_complete) {
        (0, _) => "signatories not recorded".to_string(),
        (n, true) => format!("{} signed", plural(n, "organisation", "organisations")),
        (n, false) => format!(
            "{} recorded as signing",
            plural(n, "organisation", "organisations")
        ),
    };
    let themes = match more.themes.iter().map(|f| f.items.len()).sum::<usize>() {
        0 => "plan themes not recorded".to_string(),
        n => format!("{} recorded", plural(n, "plan theme", "plan themes")),
    };
    format!("{}: {status}; {signatories}; {themes}.", area.name)
}

/// "North West on 31 December 2014: action plan agreed in 20 of 23 areas,
/// declaration made in 3."
pub fn region_sentence(model: &MapModel, snapshot: &Snapshot, region: &str) -> String {
    let name = model
        .vocabulary
        .regions
        .iter()
        .find(|r| r.id == region)
        .map_or(region, |r| r.label.as_str());
    counts_sentence(model, snapshot, name, &region_filter(region))
}

/// "England on 31 December 2014: action plan agreed in 21 of 152 areas, …"
pub fn national_sentence(model: &MapModel, snapshot: &Snapshot) -> String {
    counts_sentence(model, snapshot, "England", &Filters::default())
}

/// The areas of one region, as the filters say it.
fn region_filter(region: &str) -> Filters {
    Filters {
        regions: vec![region.to_string()],
        ..Filters::default()
    }
}

fn counts_sentence(model: &MapModel, snapshot: &Snapshot, name: &str, filters: &Filters) -> String {
    // The legend's numbers: the same counting.
    let counts = model.status_counts(snapshot, filters);
    let never = counts.not_recorded();
    // Furthest stage first, as the headline reads.
    let mut parts: Vec<(usize, String)> = model
        .statuses
        .iter()
        .zip(&counts.statuses)
        .rev()
        .map(|(s, &n)| (n, lower_first(&s.label)))
        .collect();
    parts.push((counts.not_recorded_yet, "nothing recorded yet".into()));
    parts.push((never, "not recorded".into()));
    let parts: Vec<String> = parts
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .enumerate()
        .map(|(k, (n, label))| {
            if k == 0 {
                format!(
                    "{label} in {n} of {}",
                    plural(counts.total, "area", "areas")
                )
            } else {
                format!("{label} in {n}")
            }
        })
        .collect();
    let on = snapshot.day.label();
    if parts.is_empty() {
        return format!("{name} on {on}: no areas recorded.");
    }
    format!("{name} on {on}: {}.", parts.join(", "))
}

/// Text for an HTML attribute or element.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Where the site is served: its origin and base path, for the absolute
/// addresses canonical links, previews and the sitemap need.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// "https://example.org", no trailing slash.
    pub origin: String,
    /// "" at the root, or e.g. "/concordat-map".
    pub base: String,
}

impl Site {
    /// From an address such as "https://example.org/concordat-map/"; None
    /// unless it is an absolute http(s) address.
    pub fn from_url(url: &str) -> Option<Site> {
        let url = url.trim();
        if !dataset::is_http_url(url) {
            return None;
        }
        let (scheme, rest) = url.split_once("://")?;
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if host.is_empty() || path.contains(['?', '#']) {
            return None;
        }
        Some(Site {
            origin: format!("{scheme}://{host}"),
            base: path.trim_end_matches('/').to_string(),
        })
    }

    /// The absolute address of a path under the base ("/area/E10000030").
    pub fn url(&self, path: &str) -> String {
        format!("{}{}{path}", self.origin, self.base)
    }
}

/// The head of a page: title, description, canonical address, and the Open
/// Graph and Twitter Card tags of its preview.
pub fn head(page: &Page, site: &Site) -> String {
    let (width, height) = IMAGE_SIZE;
    let url = escape(&site.url(&page.path));
    let image = escape(&site.url(&page.image_path()));
    let title = escape(&page.title);
    let description = escape(&page.description);
    let alt = escape(&format!("Map: {}", page.description));
    let site_name = escape(SITE_NAME);
    format!(
        "<title>{title}</title>\n\
    <meta name=\"description\" content=\"{description}\" />\n\
    <link rel=\"canonical\" href=\"{url}\" />\n\
    <meta property=\"og:type\" content=\"website\" />\n\
    <meta property=\"og:site_name\" content=\"{site_name}\" />\n\
    <meta property=\"og:locale\" content=\"en_GB\" />\n\
    <meta property=\"og:title\" content=\"{title}\" />\n\
    <meta property=\"og:description\" content=\"{description}\" />\n\
    <meta property=\"og:url\" content=\"{url}\" />\n\
    <meta property=\"og:image\" content=\"{image}\" />\n\
    <meta property=\"og:image:type\" content=\"image/png\" />\n\
    <meta property=\"og:image:width\" content=\"{width}\" />\n\
    <meta property=\"og:image:height\" content=\"{height}\" />\n\
    <meta property=\"og:image:alt\" content=\"{alt}\" />\n\
    <meta name=\"twitter:card\" content=\"summary_large_image\" />\n\
    <meta name=\"twitter:title\" content=\"{title}\" />\n\
    <meta name=\"twitter:description\" content=\"{description}\" />\n\
    <meta name=\"twitter:image\" content=\"{image}\" />\n\
    <meta name=\"twitter:image:alt\" content=\"{alt}\" />"
    )
}

/// Whether the dataset's last update is a day a sitemap can carry.
fn w3c_day(text: &str) -> Option<&str> {
    let date: PartialDate = text.parse().ok()?;
    (date.day.is_some()).then_some(text)
}

/// `sitemap.xml`: every page, last modified when the dataset was.
pub fn sitemap(pages: &[Page], site: &Site, last_updated: &str) -> String {
    let lastmod = w3c_day(last_updated)
        .map(|d| format!("<lastmod>{d}</lastmod>"))
        .unwrap_or_default();
    let urls: String = pages
        .iter()
        .map(|p| {
            format!(
                "  <url><loc>{}</loc>{lastmod}</url>\n",
                escape(&site.url(&p.path))
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n{urls}</urlset>\n"
    )
}

/// `robots.txt`: everything may be read; where the sitemap is.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.url("/sitemap.xml")
    )
}

/// The dataset described as a schema.org `Dataset`, as JSON-LD for the
/// national page's head (safe inside a `<script>` element).
pub fn dataset_json_ld(model: &MapModel, site: &Site) -> String {
    let days = model.timeline.change_days();
    let coverage = match (days.first(), days.last()) {
        (Some(first), Some(last)) => format!("{}/{}", first.iso(), last.iso()),
        _ => model.view_day.iso(),
    };
    let based_on: Vec<&str> = model
        .national_sources
        .iter()
        .map(|l| l.url.as_str())
        .filter(|u| dataset::is_http_url(u))
        .collect();
    let description = format!(
        "How far each of England's {} upper-tier areas got with its Mental Health Crisis \
         Care Concordat: the local declaration, who signed it, the action plan and its \
         themes, with dates, each fact citing its source ({} sources in all).",
        model.areas.len(),
        model.source_count
    );
    let json = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": model.title,
        "description": description,
        "url": site.url("/"),
        "license": DATA_LICENCE,
        "isAccessibleForFree": true,
        "inLanguage": "en-GB",
        "dateModified": w3c_day(&model.last_updated),
        "version": model.data.version,
        "temporalCoverage": coverage,
        "spatialCoverage": {
            "@type": "Place",
            "name": "England",
            "geo": { "@type": "GeoShape", "box": "49.8 -6.5 55.9 1.8" }
        },
        "creator": { "@type": "Organization", "name": SITE_NAME, "url": site.url("/") },
        "isBasedOn": based_on,
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": "application/json",
                "contentUrl": site.url(&format!("/{}", dataset::FILE_NAME)),
                "description": "The whole dataset: areas, groups, events, signatories, themes and sources."
            },
            {
                "@type": "DataDownload",
                "encodingFormat": "text/csv",
                "contentUrl": site.url(&format!("/{AREAS_CSV}")),
                "description": "One row per area as things stood on the dataset's date."
            },
            {
                "@type": "DataDownload",
                "encodingFormat": "application/json",
                "contentUrl": site.url(&format!("/{DATA_PACKAGE}")),
                "description": "The dataset's tables as CSV, described by a Frictionless Data Package."
            }
        ]
    });
    // "</" would end the script element early.
    json.to_string().replace("</", "<\\/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Day;
    use crate::model;

    fn shipped() -> MapModel {
        let geometry = include_str!("../../geodata/areas-2014.geojson");
        let data = include_str!("../../assets/concordat.json");
        model::from_geojson(geometry, "areas-2014.geojson", data).unwrap()
    }

    /// The area whose status on `day` came about as `pick` says.
    fn find(
        model: &MapModel,
        day: Day,
        pick: impl Fn(&crate::timeline::AreaAt, Option<&Event>) -> bool,
    ) -> usize {
        let snapshot = model.at(day);
        snapshot
            .areas
            .iter()
            .position(|at| pick(at, at.event.and_then(|e| model.data.events.get(e))))
            .expect("an area of that kind in the shipped data")
    }

    #[test]
    fn an_area_sentence_says_its_status_date_and_counts_as_the_data_has_them() {
        let model = shipped();
        let day = model.view_day;
        let snapshot = model.at(day);
        // A status reached by a "by" date says "by".
        let bound = find(&model, day, |at, e| at.known == Known::Bound && e.is_some());
        let text = area_sentence(&model, &snapshot, bound);
        assert!(text.contains(" by "), "{text}");
        assert!(text.starts_with(&format!("{}: ", model.areas[bound].name)));
        // A status reached on a known day says "on" that day.
        let exact = find(&model, day, |at, e| {
            at.known == Known::Local
                && e.is_some_and(|e| !e.bound && e.date.is_some_and(|d| d.day.is_some()))
        });
        let event = snapshot.areas[exact]
            .event
            .and_then(|e| model.data.events.get(e))
            .unwrap();
        let text = area_sentence(&model, &snapshot, exact);
        assert!(
            text.contains(&format!(" on {}", event.date.unwrap().label())),
            "{text}"
        );
        assert!(text.contains(&lower_first(model.status_label(&snapshot.areas[exact]))));
        // Every sentence ends with what is known of its signatories and themes.
        for i in 0..model.areas.len() {
            let text = area_sentence(&model, &snapshot, i);
            assert!(text.ends_with('.'), "{text}");
            let signatories = model.areas[i].signatories;
            if snapshot.areas[i].known != Known::NotRecorded {
                assert_eq!(
                    text.contains("signatories not recorded"),
                    signatories == 0,
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn before_anything_happened_no_sentence_claims_a_status() {
        let model = shipped();
        let early = model.at(Day {
            year: 2013,
            month: 1,
            day: 1,
        });
        for i in 0..model.areas.len() {
            let text = area_sentence(&model, &early, i);
            assert!(
                text.contains("nothing recorded by 1 January 2013")
                    || text.contains("no declaration yet on 1 January 2013")
                    || text.contains("not recorded."),
                "{text}"
            );
            assert!(!text.contains("agreed"), "{text}");
        }
        let text = national_sentence(&model, &early);
        assert!(text.starts_with("England on 1 January 2013: "), "{text}");
        assert!(!text.contains("agreed"), "{text}");
    }

    #[test]
    fn an_area_the_data_does_not_cover_is_not_recorded() {
        let model = shipped();
        let mut snapshot = model.at(model.view_day);
        snapshot.areas[0].known = Known::NotRecorded;
        snapshot.areas[0].status = None;
        let text = area_sentence(&model, &snapshot, 0);
        assert_eq!(
            text,
            format!(
                "{}: not recorded. The dataset holds nothing yet on this area's declaration or plan.",
                model.areas[0].name
            )
        );
        assert_eq!(area_sentence(&model, &snapshot, 9999), "");
    }

    #[test]
    fn counts_add_up_for_every_region_and_england() {
        let model = shipped();
        let snapshot = model.at(model.view_day);
        let national = national_sentence(&model, &snapshot);
        let numbers = |text: &str| -> usize {
            // "… in 21 of 152 areas, … in 100, …": the counts, not the total.
            text.split(" in ")
                .skip(1)
                .filter_map(|part| {
                    part.split(|c: char| !c.is_ascii_digit())
                        .next()?
                        .parse::<usize>()
                        .ok()
                })
                .sum()
        };
        assert!(
            national.contains(&format!("of {} areas", model.areas.len())),
            "{national}"
        );
        assert_eq!(numbers(&national), model.areas.len(), "{national}");
        let mut in_regions = 0;
        for region in &model.vocabulary.regions {
            let text = region_sentence(&model, &snapshot, &region.id);
            assert!(text.starts_with(&format!("{} on ", region.label)), "{text}");
            in_regions += numbers(&text);
        }
        assert_eq!(in_regions, model.areas.len());
    }

    #[test]
    fn every_view_has_one_page_with_its_own_address_title_and_words() {
        let model = shipped();
        let pages = pages(&model);
        assert_eq!(
            pages.len(),
            2 + model.vocabulary.regions.len() + model.areas.len()
        );
        let mut paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), pages.len());
        let vocabulary = &model.vocabulary;
        for page in &pages {
            // The page's view, written by the app, is the page's own address.
            assert_eq!(page.view_state().to_url("", vocabulary), page.path);
            assert!(!page.description.is_empty());
            assert!(page.title.contains(&page.name) || page.subject == Subject::National);
        }
        assert_eq!(pages[0].dir(), "");
        assert_eq!(pages[0].image_path(), "/preview.png");
        let surrey = pages.iter().find(|p| p.name == "Surrey").unwrap();
        assert_eq!(surrey.dir(), "area/E10000030");
        assert_eq!(surrey.image_path(), "/area/E10000030/preview.png");
    }

    #[test]
    fn head_tags_sitemap_and_robots_use_absolute_addresses() {
        let model = shipped();
        let pages = pages(&model);
        let site = Site::from_url("https://example.org/concordat-map/").unwrap();
        assert_eq!(site.base, "/concordat-map");
        let surrey = pages.iter().find(|p| p.name == "Surrey").unwrap();
        let head = head(surrey, &site);
        assert!(head.contains(
            "<link rel=\"canonical\" href=\"https://example.org/concordat-map/area/E10000030\" />"
        ));
        assert!(head.contains(
            "<meta property=\"og:image\" content=\"https://example.org/concordat-map/area/E10000030/preview.png\" />"
        ));
        assert!(head.contains(&format!("<title>{}</title>", escape(&surrey.title))));
        assert_eq!(head.matches("<meta").count(), 17);
        let map = sitemap(&pages, &site, "2026-11-22");
        assert_eq!(map.matches("<url>").count(), pages.len());
        assert!(map.contains("<loc>https://example.org/concordat-map/region/north-west</loc><lastmod>2026-11-22</lastmod>"));
        assert!(!sitemap(&pages, &site, "late 2026").contains("lastmod"));
        assert!(robots(&site).contains("Sitemap: https://example.org/concordat-map/sitemap.xml"));
        for bad in [
            "example.org",
            "ftp://example.org/",
            "https://",
            "https://x/?a",
        ] {
            assert_eq!(Site::from_url(bad), None, "{bad}");
        }
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }

    #[test]
    fn the_dataset_is_described_for_search_engines() {
        let model = shipped();
        let site = Site::from_url("http://127.0.0.1:8080/").unwrap();
        let text = dataset_json_ld(&model, &site);
        assert!(!text.contains("</"));
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["@type"], "Dataset");
        assert_eq!(json["license"], DATA_LICENCE);
        assert_eq!(json["version"], model.data.version.clone().unwrap());
        assert_eq!(
            json["distribution"][2]["contentUrl"],
            "http://127.0.0.1:8080/data/datapackage.json"
        );
        assert_eq!(
            json["distribution"][0]["contentUrl"],
            "http://127.0.0.1:8080/concordat.json"
        );
        assert_eq!(
            json["distribution"][1]["contentUrl"],
            "http://127.0.0.1:8080/concordat-areas.csv"
        );
        let coverage = json["temporalCoverage"].as_str().unwrap();
        assert!(coverage.starts_with("2014-"), "{coverage}");
        assert!(json["description"].as_str().unwrap().len() > 50);
        assert!(!json["isBasedOn"].as_array().unwrap().is_empty());
    }

    #[test]
    #[ignore = "prints every page's words, to read them"]
    fn print() {
        for page in pages(&shipped()) {
            println!("{} | {} | {}", page.path, page.title, page.description);
        }
    }
}
