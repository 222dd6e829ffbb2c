//! Joins boundaries and dataset into what the map draws: one entry per area
//! with its projected path and status at the dataset's view date, the status
//! counts, and every problem found on the way. Pure: no browser types.

use crate::colour;
use crate::dataset::{self, Dataset};
use crate::geo::{self, Albers, AreaShape, Bounds, Frame};
use crate::problem::Problem;
use crate::status::status_at;

/// The `data-status` of an area the dataset does not cover.
pub const NOT_RECORDED_ID: &str = "not-recorded";
pub const NOT_RECORDED_LABEL: &str = "Not recorded";

/// The texture drawn over each status's colour, by the status's place in
/// the dataset's order, so that no status is told by colour alone. A
/// dataset with more statuses than textures repeats them, still with
/// distinct colours and words.
pub const PATTERNS: [&str; 4] = ["dots", "stripes", "grid", "waves"];

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub title: String,
    pub url: String,
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

#[derive(Debug, Clone, PartialEq)]
pub struct StatusView {
    pub id: String,
    pub label: String,
    pub colour: String,
    /// One of `PATTERNS`.
    pub pattern: &'static str,
    /// The colour of the pattern's marks over `colour`.
    pub ink: &'static str,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AreaView {
    pub code: String,
    pub name: String,
    /// None: the region is not recorded.
    pub region: Option<String>,
    /// Index into `MapModel::statuses`; None: the dataset does not cover this area.
    pub status: Option<usize>,
    /// When the status was reached, e.g. "by 31 December 2014"; None if not recorded.
    pub reached: Option<String>,
    pub sources: Vec<Link>,
    pub path: String,
    /// In view-box units, for zooming to the area.
    pub bounds: Bounds,
    /// A point inside the area's bulk, for moving between areas by keyboard.
    pub centre: [f64; 2],
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapModel {
    pub title: String,
    pub last_updated: String,
    pub view_date: String,
    pub view_box: String,
    /// The view box's width and height.
    pub size: [f64; 2],
    pub areas: Vec<AreaView>,
    pub statuses: Vec<StatusView>,
    /// Areas drawn that the dataset does not cover.
    pub not_recorded: usize,
    /// How many sources the dataset cites in all.
    pub source_count: usize,
    /// The sources of the national statements and milestones.
    pub national_sources: Vec<Link>,
    /// National milestones as (date label, text): dated ones in order, then undated.
    pub national_milestones: Vec<(Option<String>, String)>,
    pub problems: Vec<Problem>,
    /// The dataset itself, for details of one area (`details::details`).
    pub data: Dataset,
}

impl MapModel {
    pub fn status_id(&self, area: &AreaView) -> &str {
        area.status
            .and_then(|s| self.statuses.get(s))
            .map_or(NOT_RECORDED_ID, |s| s.id.as_str())
    }

    pub fn status_label(&self, area: &AreaView) -> &str {
        area.status
            .and_then(|s| self.statuses.get(s))
            .map_or(NOT_RECORDED_LABEL, |s| s.label.as_str())
    }

    /// How many areas had reached at least the status at `index` (statuses
    /// are in order of progress): the headline numbers.
    pub fn reached_at_least(&self, index: usize) -> usize {
        self.areas
            .iter()
            .filter(|a| a.status.is_some_and(|s| s >= index))
            .count()
    }

    /// The box around an area and the other areas of its groups: what
    /// selecting it zooms to. Empty for an unknown code.
    pub fn group_bounds(&self, code: &str) -> Bounds {
        let mut codes = self.data.group_siblings(code);
        codes.push(code);
        self.areas
            .iter()
            .filter(|a| codes.contains(&a.code.as_str()))
            .fold(Bounds::EMPTY, |b, a| b.union(&a.bounds))
    }

    /// The regions drawn, in alphabetical order.
    pub fn regions(&self) -> Vec<&str> {
        let mut regions: Vec<&str> = self
            .areas
            .iter()
            .filter_map(|a| a.region.as_deref())
            .collect();
        regions.sort_unstable();
        regions.dedup();
        regions
    }

    pub fn region_bounds(&self, region: &str) -> Bounds {
        self.areas
            .iter()
            .filter(|a| a.region.as_deref() == Some(region))
            .fold(Bounds::EMPTY, |b, a| b.union(&a.bounds))
    }

    /// "Action plan agreed — 21 of 152".
    pub fn count_label(&self, status: &StatusView) -> String {
        format!(
            "{} — {} of {}",
            status.label,
            status.count,
            self.areas.len()
        )
    }
}

/// "10 December 2014", "by 31 December 2014", or with a national bound
/// "by 31 December 2014 (national deadline)".
pub fn when_label(event: &crate::dataset::Event, date: crate::date::PartialDate) -> String {
    let prefix = if event.bound { "by " } else { "" };
    let suffix = if event.national {
        " (national deadline)"
    } else {
        ""
    };
    format!("{prefix}{}{suffix}", date.label())
}

/// The http(s) sources with these ids, as links.
pub fn links(data: &Dataset, ids: &[String]) -> Vec<Link> {
    ids.iter()
        .filter_map(|id| data.source(id))
        .filter(|s| dataset::is_http_url(&s.url))
        .map(|s| Link {
            title: s.title.clone(),
            url: s.url.clone(),
        })
        .collect()
}

/// Builds the model from parsed parts; `problems` are those found while parsing.
pub fn build(shapes: Vec<AreaShape>, data: Dataset, mut problems: Vec<Problem>) -> MapModel {
    let data_ref = &data;
    problems.extend(dataset::validate(data_ref));
    let index = dataset::area_index(data_ref);
    for area in &data.areas {
        if !shapes.iter().any(|s| s.code == area.code) {
            problems.push(Problem::new(
                format!("{}: areas", dataset::FILE_NAME),
                format!(
                    "{} {} has no boundary in {}",
                    area.code,
                    area.name,
                    geo::FILE_NAME
                ),
            ));
        }
    }

    let projection = Albers::england();
    let frame = Frame::fit(&projection, &shapes);
    let at = data.view_date.latest();
    let mut statuses: Vec<StatusView> = data
        .statuses
        .iter()
        .enumerate()
        .map(|(i, s)| StatusView {
            id: s.id.clone(),
            label: s.label.clone(),
            colour: s.colour.clone(),
            pattern: PATTERNS[i % PATTERNS.len()],
            ink: colour::ink_for(&s.colour),
            count: 0,
        })
        .collect();
    let mut not_recorded = 0;
    let mut areas = Vec::with_capacity(shapes.len());
    for shape in &shapes {
        let record = index.get(shape.code.as_str()).map(|&i| &data.areas[i]);
        let (status, reached, sources) = match record {
            Some(area) if !statuses.is_empty() => {
                let reached = status_at(data_ref, &area.code, at);
                let sources = reached
                    .event
                    .map_or_else(Vec::new, |e| links(data_ref, &e.sources));
                let when = reached
                    .event
                    .and_then(|e| e.date.map(|date| when_label(e, date)));
                (Some(reached.status), when, sources)
            }
            _ => {
                problems.push(Problem::new(
                    format!("{}: {}", geo::FILE_NAME, shape.code),
                    format!("{} has no entry in {}", shape.name, dataset::FILE_NAME),
                ));
                (None, None, Vec::new())
            }
        };
        match status.and_then(|s| statuses.get_mut(s)) {
            Some(s) => s.count += 1,
            None => not_recorded += 1,
        }
        let region = record
            .and_then(|a| data_ref.region_name(&a.region))
            .map(str::to_string)
            .or_else(|| shape.region.clone());
        let (bounds, centre) = frame.map_or((Bounds::EMPTY, [0.0, 0.0]), |f| {
            geo::placement(shape, &projection, &f)
        });
        areas.push(AreaView {
            code: shape.code.clone(),
            name: record.map_or_else(|| shape.name.clone(), |a| a.name.clone()),
            region,
            status,
            reached,
            sources,
            path: frame.map_or_else(String::new, |f| geo::path_data(shape, &projection, &f)),
            bounds,
            centre,
        });
    }
    let mut national_ids: Vec<String> = data
        .events
        .iter()
        .filter(|e| e.national)
        .flat_map(|e| e.sources.iter().cloned())
        .chain(
            data.milestones
                .iter()
                .filter(|m| m.group.is_none())
                .flat_map(|m| m.sources.iter().cloned()),
        )
        .collect();
    national_ids.sort();
    national_ids.dedup();
    let mut national: Vec<_> = data
        .milestones
        .iter()
        .filter(|m| m.group.is_none())
        .collect();
    // Stable: undated milestones keep their order, after the dated ones.
    national.sort_by_key(|m| m.date.map_or((1, None), |d| (0, Some(d.latest()))));
    let national_milestones = national
        .iter()
        .map(|m| (m.date.map(|d| d.label()), m.text.clone()))
        .collect();
    MapModel {
        title: data.title.clone(),
        last_updated: data.last_updated.label(),
        view_date: data.view_date.label(),
        view_box: frame.map_or_else(|| "0 0 1 1".into(), |f| f.view_box()),
        size: frame.map_or([1.0, 1.0], |f| [f.width, f.height]),
        areas,
        statuses,
        not_recorded,
        source_count: data.sources.len(),
        national_sources: links(&data, &national_ids),
        national_milestones,
        problems,
        data,
    }
}

/// Parses both files and builds the model. Only a file that cannot be read at
/// all fails; anything less is a problem listed beside a map that still draws.
pub fn from_texts(geometry: &str, dataset_text: &str) -> Result<MapModel, Problem> {
    let (shapes, mut problems) = geo::parse_areas(geometry)?;
    let (data, skipped) = dataset::parse(dataset_text)?;
    problems.extend(skipped);
    Ok(build(shapes, data, problems))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{dataset, geo};

    fn sample() -> MapModel {
        from_texts(geo::tests::SAMPLE, dataset::tests::SAMPLE).unwrap()
    }

    #[test]
    fn joins_shapes_and_statuses() {
        let model = sample();
        let ids: Vec<&str> = model.areas.iter().map(|a| model.status_id(a)).collect();
        assert_eq!(ids, ["plan", "declared", "none"]);
        assert_eq!(model.areas[0].reached.as_deref(), Some("December 2014"));
        assert_eq!(
            model.areas[1].reached.as_deref(),
            Some("by 31 December 2014")
        );
        assert_eq!(model.areas[2].reached, None);
        assert_eq!(model.areas[0].region.as_deref(), Some("South East"));
        assert_eq!(model.areas[0].sources.len(), 1);
        assert!(model.areas.iter().all(|a| a.path.starts_with('M')));
        assert!(model.problems.is_empty(), "{:?}", model.problems);
    }

    #[test]
    fn national_milestones_come_in_date_order_then_undated() {
        let model = sample();
        assert_eq!(
            model.national_milestones,
            [(
                Some("18 February 2014".to_string()),
                "Concordat signed".to_string()
            )]
        );
        let mut data = dataset::tests::sample();
        data.milestones[1].date = None;
        data.milestones[0].group = None;
        let (shapes, _) = geo::parse_areas(geo::tests::SAMPLE).unwrap();
        let model = build(shapes, data, Vec::new());
        let dates: Vec<Option<&str>> = model
            .national_milestones
            .iter()
            .map(|(d, _)| d.as_deref())
            .collect();
        assert_eq!(dates, [Some("October 2015"), None]);
    }

    #[test]
    fn a_link_names_its_site() {
        let link = |url: &str| Link {
            title: String::new(),
            url: url.into(),
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
    fn headline_counts_areas_at_or_beyond_each_status() {
        let model = sample();
        let counts: Vec<usize> = (0..4).map(|i| model.reached_at_least(i)).collect();
        assert_eq!(counts, [3, 2, 1, 0]);
    }

    #[test]
    fn statuses_get_distinct_patterns_and_legible_ink() {
        let model = sample();
        let patterns: Vec<&str> = model.statuses.iter().map(|s| s.pattern).collect();
        assert_eq!(patterns, ["dots", "stripes", "grid"]);
        let inks: Vec<&str> = model.statuses.iter().map(|s| s.ink).collect();
        assert_eq!(inks, ["#000000", "#000000", "#ffffff"]);
    }

    #[test]
    fn areas_have_bounds_centres_and_group_and_region_boxes() {
        let model = sample();
        let [w, h] = model.size;
        for area in &model.areas {
            let b = area.bounds;
            assert!(!b.is_empty(), "{}", area.code);
            assert!(b.min[0] >= 0.0 && b.max[0] <= w && b.min[1] >= 0.0 && b.max[1] <= h);
            let [x, y] = area.centre;
            assert!(b.min[0] <= x && x <= b.max[0] && b.min[1] <= y && y <= b.max[1]);
        }
        // Surrey's group also holds Gloucestershire; Kent has no group.
        let surrey = model.group_bounds("E10000030");
        assert_eq!(surrey, model.areas[0].bounds.union(&model.areas[1].bounds));
        assert_eq!(model.group_bounds("E10000016"), model.areas[2].bounds);
        assert!(model.group_bounds("E99999999").is_empty());
        assert_eq!(model.regions(), ["South East", "South West"]);
        assert_eq!(
            model.region_bounds("South East"),
            model.areas[0].bounds.union(&model.areas[2].bounds)
        );
        assert!(model.region_bounds("Atlantis").is_empty());
    }

    #[test]
    fn counts_every_area_once() {
        let model = sample();
        let labels: Vec<String> = model
            .statuses
            .iter()
            .map(|s| model.count_label(s))
            .collect();
        assert_eq!(
            labels,
            [
                "No declaration yet — 1 of 3",
                "Declaration made — 1 of 3",
                "Action plan agreed — 1 of 3"
            ]
        );
        assert_eq!(model.not_recorded, 0);
    }

    #[test]
    fn areas_missing_from_either_file_are_reported_and_the_rest_drawn() {
        let geometry = geo::tests::SAMPLE.replace("E10000016", "E06000999");
        let model = from_texts(&geometry, dataset::tests::SAMPLE).unwrap();
        assert_eq!(model.areas.len(), 3);
        assert_eq!(model.status_id(&model.areas[2]), NOT_RECORDED_ID);
        assert_eq!(model.status_label(&model.areas[2]), "Not recorded");
        assert_eq!(model.not_recorded, 1);
        let problems: Vec<String> = model.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "concordat.json: areas: E10000016 Kent has no boundary in areas-2014.geojson",
                "areas-2014.geojson: E06000999: Kent has no entry in concordat.json",
            ]
        );
    }

    #[test]
    fn an_unreadable_file_is_one_clear_problem() {
        let err = from_texts("not json", dataset::tests::SAMPLE).unwrap_err();
        assert!(err.place.starts_with("areas-2014.geojson"));
        let err = from_texts(geo::tests::SAMPLE, "[]").unwrap_err();
        assert!(err.place.starts_with("concordat.json"));
    }
}
