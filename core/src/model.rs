//! Joins boundaries and dataset into what the map draws: one entry per area
//! with its projected path and status at the dataset's view date, the status
//! counts, and every problem found on the way. Pure: no browser types.

use crate::atlas::{self, Atlas};
use crate::colour;
use crate::dataset::{self, Dataset, Locators};
use crate::date::Day;
use crate::filters::{AreaFacts, Filters, Vocabulary};
use crate::geo::Bounds;
use crate::problem::Problem;
use crate::timeline::{Known, Timeline};
use std::sync::Arc;

/// The `data-status` of an area the dataset does not cover.
pub const NOT_RECORDED_ID: &str = "not-recorded";
pub const NOT_RECORDED_LABEL: &str = "Not recorded";
/// An area the dataset covers, on a day before any local dated event or
/// national deadline says where it stood.
pub const NOT_RECORDED_YET_ID: &str = "not-recorded-yet";
pub const NOT_RECORDED_YET_LABEL: &str = "Not recorded yet";
/// The same words for a date: one wording for every unknown.
pub const DATE_NOT_RECORDED: &str = "Date not recorded";

/// The texture drawn over each status's colour, by the status's place in
/// the dataset's order, so that no status is told by colour alone. A
/// dataset with more statuses than textures repeats them, still with
/// distinct colours and words.
pub const PATTERNS: [&str; 4] = ["dots", "stripes", "grid", "waves"];

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
    /// The last day `reached` could mean, for putting areas in date order.
    pub reached_day: Option<Day>,
    /// How the status on the model's day is known.
    pub known: Known,
    /// Whether the dataset covers the area at all.
    pub covered: bool,
    /// The local groups covering the area, by name.
    pub groups: Vec<String>,
    /// How many signatories are recorded for the area's groups.
    pub signatories: usize,
    /// Region, themes and signatory kinds, for filtering.
    pub facts: AreaFacts,
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
    /// What filters can name.
    pub vocabulary: Vocabulary,
    /// The dataset itself, for details of one area (`details::details`).
    pub data: Arc<Dataset>,
    /// Each area's dated events, gathered once (areas in `areas` order).
    pub timeline: Arc<Timeline>,
    /// The day the statuses, dates reached and counts are for.
    pub day: Day,
    /// The dataset's own day: what the map shows without `at=`.
    pub view_day: Day,
    /// Areas covered by the dataset with nothing recorded yet on `day`.
    pub not_recorded_yet: usize,
}

/// "21 of 152": how many of how many.
pub fn of(count: usize, total: usize) -> String {
    format!("{count} of {total}")
}

impl MapModel {
    pub fn status_id(&self, area: &AreaView) -> &str {
        match area.status.and_then(|s| self.statuses.get(s)) {
            Some(status) => &status.id,
            None if area.known == Known::NotRecordedYet => NOT_RECORDED_YET_ID,
            None => NOT_RECORDED_ID,
        }
    }

    pub fn status_label(&self, area: &AreaView) -> &str {
        match area.status.and_then(|s| self.statuses.get(s)) {
            Some(status) => &status.label,
            None if area.known == Known::NotRecordedYet => NOT_RECORDED_YET_LABEL,
            None => NOT_RECORDED_LABEL,
        }
    }

    /// The model as things stood on `day`: statuses, how each is known,
    /// dates reached, their sources and the counts. The events are gathered
    /// once in `timeline` and the dataset is shared; the areas (with their
    /// paths) are copied. The bench times a whole date change.
    pub fn at(&self, day: Day) -> MapModel {
        let mut model = self.clone();
        model.set_day(day);
        model
    }

    fn set_day(&mut self, day: Day) {
        let snapshot = self.timeline.at(day);
        for status in &mut self.statuses {
            status.count = 0;
        }
        let (mut not_recorded, mut not_recorded_yet) = (0, 0);
        for (area, at) in self.areas.iter_mut().zip(&snapshot.areas) {
            let event = at.event.and_then(|e| self.data.events.get(e));
            let date = event.and_then(|e| e.date.map(|d| (e, d)));
            let known = area.covered && at.known != Known::NotRecordedYet;
            area.known = if area.covered { at.known } else { Known::Local };
            area.status = known.then_some(at.status);
            area.reached = date.filter(|_| known).map(|(e, d)| when_label(e, d));
            area.reached_day = date.filter(|_| known).map(|(_, d)| d.latest());
            area.sources = match event.filter(|_| known) {
                Some(e) => cited(&self.data, &e.sources, &e.locators),
                None => Vec::new(),
            };
            match area.status.and_then(|s| self.statuses.get_mut(s)) {
                Some(status) => status.count += 1,
                None if area.covered => not_recorded_yet += 1,
                None => not_recorded += 1,
            }
        }
        self.not_recorded = not_recorded;
        self.not_recorded_yet = not_recorded_yet;
        self.day = day;
    }

    /// The first and last days a date can be chosen: the first day any
    /// area's status changed, and `today`.
    pub fn span(&self, today: Day) -> (Day, Day) {
        let first = self
            .timeline
            .change_days()
            .first()
            .copied()
            .unwrap_or(self.view_day);
        (first.min(self.view_day), today.max(self.view_day))
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

    /// What the map shows: the regions the filter names (so a region filter
    /// is also the zoom, and a shared link shows the same view); else the
    /// open area and its group; else all of England (empty bounds).
    pub fn view_bounds(&self, selected: Option<usize>, regions: &[String]) -> Bounds {
        let in_regions = self
            .areas
            .iter()
            .filter(|a| {
                a.facts
                    .region_code
                    .as_ref()
                    .is_some_and(|r| regions.contains(r))
            })
            .fold(Bounds::EMPTY, |b, a| b.union(&a.bounds));
        match selected.and_then(|i| self.areas.get(i)) {
            Some(area) if in_regions.is_empty() => self.group_bounds(&area.code),
            _ => in_regions,
        }
    }

    pub fn region_bounds(&self, region: &str) -> Bounds {
        self.areas
            .iter()
            .filter(|a| a.region.as_deref() == Some(region))
            .fold(Bounds::EMPTY, |b, a| b.union(&a.bounds))
    }

    /// "Action plan agreed — 21 of 152".
    pub fn count_label(&self, status: &StatusView) -> String {
        format!("{} — {}", status.label, of(status.count, self.areas.len()))
    }

    /// "Not recorded — 2 of 152", for areas the dataset does not cover.
    pub fn not_recorded_label(&self) -> String {
        format!(
            "{NOT_RECORDED_LABEL} — {}",
            of(self.not_recorded, self.areas.len())
        )
    }

    /// Every source cited for an area: its events' and its groups', once
    /// each, http(s) only, in the dataset's order of sources.
    pub fn area_source_urls(&self, code: &str) -> Vec<String> {
        let data = &self.data;
        let cited: Vec<&String> = data
            .events
            .iter()
            .filter(|e| data.event_areas(e).iter().any(|a| a == code))
            .flat_map(|e| &e.sources)
            .chain(
                data.groups_covering(code)
                    .into_iter()
                    .flat_map(|g| &g.sources),
            )
            .collect();
        data.sources
            .iter()
            .filter(|s| cited.contains(&&s.id) && dataset::is_http_url(&s.url))
            .map(|s| s.url.clone())
            .collect()
    }

    /// Whether each area is shown under `filters`.
    pub fn matching(&self, filters: &Filters) -> Vec<bool> {
        self.areas
            .iter()
            .map(|a| filters.matches(&a.facts, self.status_id(a)))
            .collect()
    }

    /// For the legend: how many areas have each status among those the
    /// other filters show, and how many those are ("12 of 34").
    pub fn status_counts(&self, filters: &Filters) -> (Vec<usize>, usize) {
        let others = filters.without(crate::filters::Filter::Status);
        let mut counts = vec![0; self.statuses.len()];
        let mut total = 0;
        for area in &self.areas {
            if others.matches(&area.facts, self.status_id(area)) {
                total += 1;
                if let Some(count) = area.status.and_then(|s| counts.get_mut(s)) {
                    *count += 1;
                }
            }
        }
        (counts, total)
    }

    /// For the legend: how many areas the other filters show have nothing
    /// recorded yet on the model's day.
    pub fn not_recorded_yet_among(&self, filters: &Filters) -> usize {
        let others = filters.without(crate::filters::Filter::Status);
        self.areas
            .iter()
            .filter(|a| a.known == Known::NotRecordedYet)
            .filter(|a| others.matches(&a.facts, self.status_id(a)))
            .count()
    }

    /// "34 of 152 areas: North West, action plan agreed", or "All 152 areas".
    pub fn summary(&self, filters: &Filters, shown: usize) -> String {
        let total = self.areas.len();
        if filters.is_empty() {
            return format!("All {total} areas");
        }
        format!(
            "{} areas: {}",
            of(shown, total),
            filters.describe(&self.vocabulary).join(", ")
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

/// Builds the model from parsed parts; `problems` are those found while parsing.
pub fn build(atlas: Atlas, data: Dataset, mut problems: Vec<Problem>) -> MapModel {
    let data_ref = &data;
    problems.extend(dataset::validate(data_ref));
    let index = dataset::area_index(data_ref);
    for area in &data.areas {
        if !atlas.areas.iter().any(|s| s.code == area.code) {
            problems.push(Problem::new(
                format!("{}: areas", dataset::FILE_NAME),
                format!(
                    "{} {} has no boundary in {}",
                    area.code,
                    area.name,
                    atlas::FILE_NAME
                ),
            ));
        }
    }

    let vocabulary = Vocabulary::from_dataset(data_ref);
    let view_day = data.view_date.latest();
    let statuses: Vec<StatusView> = data
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
    let mut areas = Vec::with_capacity(atlas.areas.len());
    for shape in &atlas.areas {
        let record = index.get(shape.code.as_str()).map(|&i| &data.areas[i]);
        let (groups, signatories, facts) = group_facts(data_ref, &shape.code);
        // The statuses on the model's day are filled in by `set_day` below.
        let covered = record.is_some() && !statuses.is_empty();
        if record.is_none() {
            problems.push(Problem::new(
                format!("{}: {}", atlas::FILE_NAME, shape.code),
                format!("{} has no entry in {}", shape.name, dataset::FILE_NAME),
            ));
        }
        let region = record
            .and_then(|a| data_ref.region_name(&a.region))
            .map(str::to_string)
            .or_else(|| shape.region.clone());
        let facts = AreaFacts {
            region_code: record.map(|a| a.region.clone()).or_else(|| {
                // An area the dataset does not cover may still name its region.
                vocabulary
                    .regions
                    .iter()
                    .find(|r| shape.region.as_deref() == Some(r.label.as_str()))
                    .map(|r| r.id.clone())
            }),
            ..facts
        };
        areas.push(AreaView {
            code: shape.code.clone(),
            name: record.map_or_else(|| shape.name.clone(), |a| a.name.clone()),
            region,
            status: None,
            reached: None,
            reached_day: None,
            known: Known::Local,
            covered,
            groups,
            signatories,
            facts,
            sources: Vec::new(),
            path: shape.path.clone(),
            bounds: shape.bounds(),
            centre: shape.centre(),
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
    let codes: Vec<String> = areas.iter().map(|a: &AreaView| a.code.clone()).collect();
    let timeline = Timeline::new(&data, &codes);
    let mut model = MapModel {
        title: data.title.clone(),
        last_updated: data.last_updated.label(),
        view_date: data.view_date.label(),
        view_box: atlas.view_box(),
        size: atlas.size.map(f64::from),
        areas,
        statuses,
        not_recorded: 0,
        source_count: data.sources.len(),
        national_sources: links(&data, &national_ids),
        national_milestones,
        problems,
        vocabulary,
        data: Arc::new(data),
        timeline: Arc::new(timeline),
        day: view_day,
        view_day,
        not_recorded_yet: 0,
    };
    model.set_day(view_day);
    model
}

/// The names of the groups covering `code` (with their wider groups), how
/// many signatories they record, and the themes and signatory kinds
/// recorded for them.
fn group_facts(data: &Dataset, code: &str) -> (Vec<String>, usize, AreaFacts) {
    let groups = data.groups_covering(code);
    let covers = |group: &str| groups.iter().any(|g| g.id == group);
    // An organisation named by both a local group and its wider group counts once.
    let mut signatories: Vec<&dataset::Signatory> = Vec::new();
    for s in data.signatories.iter().filter(|s| covers(&s.group)) {
        if !signatories
            .iter()
            .any(|t| t.kind == s.kind && t.name == s.name)
        {
            signatories.push(s);
        }
    }
    // In the dataset's order, once each. The links of the covering groups
    // first: every area's facts are gathered on every visit.
    let linked: Vec<&str> = data
        .group_themes
        .iter()
        .filter(|gt| covers(&gt.group))
        .map(|gt| gt.theme.as_str())
        .collect();
    let themes = data
        .themes
        .iter()
        .filter(|t| linked.contains(&t.id.as_str()))
        .map(|t| t.id.clone())
        .collect();
    let kinds = data
        .signatory_kinds
        .iter()
        .filter(|k| signatories.iter().any(|s| s.kind == k.id))
        .map(|k| k.id.clone())
        .collect();
    let facts = AreaFacts {
        region_code: None,
        themes,
        kinds,
    };
    (
        groups.iter().map(|g| g.name.clone()).collect(),
        signatories.len(),
        facts,
    )
}

/// Parses both files (the atlas and the dataset) and builds the model. Only
/// a file that cannot be read at all fails; anything less is a problem
/// listed beside a map that still draws.
pub fn from_texts(atlas_text: &str, dataset_text: &str) -> Result<MapModel, Problem> {
    let (atlas, mut problems) = Atlas::parse(atlas_text)?;
    let (data, skipped) = dataset::parse(dataset_text)?;
    problems.extend(skipped);
    Ok(build(atlas, data, problems))
}

/// The model straight from GeoJSON (`file` names it in problems): what the
/// app would build from the atlas made of it. Native only.
#[cfg(feature = "geojson")]
pub fn from_geojson(geojson: &str, file: &str, dataset_text: &str) -> Result<MapModel, Problem> {
    let mut atlas = atlas::from_geojson(geojson, file)?;
    let (data, skipped) = dataset::parse(dataset_text)?;
    let mut problems: Vec<Problem> = std::mem::take(&mut atlas.problems)
        .into_iter()
        .map(|p| Problem::new(p.place, p.message))
        .collect();
    problems.extend(skipped);
    Ok(build(atlas, data, problems))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset;

    fn sample() -> MapModel {
        from_texts(atlas::tests::SAMPLE, dataset::tests::SAMPLE).unwrap()
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
        assert!(model.areas.iter().all(|a| a.path.starts_with('m')));
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
        let (atlas, _) = Atlas::parse(atlas::tests::SAMPLE).unwrap();
        let model = build(atlas, data, Vec::new());
        let dates: Vec<Option<&str>> = model
            .national_milestones
            .iter()
            .map(|(d, _)| d.as_deref())
            .collect();
        assert_eq!(dates, [Some("October 2015"), None]);
    }

    #[test]
    fn the_status_sources_say_where_they_state_it() {
        let (mut data, _) = dataset::parse(dataset::tests::SAMPLE).unwrap();
        data.events[1].locators =
            Locators::from([("rouse".to_string(), "the list of green areas".to_string())]);
        let (atlas, _) = Atlas::parse(atlas::tests::SAMPLE).unwrap();
        let model = build(atlas, data, Vec::new());
        let surrey = &model.areas[0];
        assert_eq!(model.status_id(surrey), "plan");
        assert_eq!(
            surrey.sources[0].locator.as_deref(),
            Some("the list of green areas")
        );
    }

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
        let south_east = vec!["E12000008".to_string()];
        assert_eq!(
            model.view_bounds(None, &south_east),
            model.region_bounds("South East")
        );
        // The region wins over the open area: choosing a region zooms to it.
        assert_eq!(
            model.view_bounds(Some(1), &south_east),
            model.region_bounds("South East")
        );
        assert_eq!(model.view_bounds(Some(2), &[]), model.areas[2].bounds);
        assert!(model.view_bounds(None, &[]).is_empty());
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
        let geometry = atlas::tests::SAMPLE.replace("E10000016", "E06000999");
        let model = from_texts(&geometry, dataset::tests::SAMPLE).unwrap();
        assert_eq!(model.areas.len(), 3);
        assert_eq!(model.status_id(&model.areas[2]), NOT_RECORDED_ID);
        assert_eq!(model.status_label(&model.areas[2]), "Not recorded");
        assert_eq!(model.not_recorded, 1);
        let problems: Vec<String> = model.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "concordat.json: areas: E10000016 Kent has no boundary in atlas.json",
                "atlas.json: E06000999: Kent has no entry in concordat.json",
            ]
        );
    }

    #[test]
    fn filters_count_and_summarise_what_is_shown() {
        let model = sample();
        let (f, _) = crate::filters::Filters::from_pairs(
            &crate::query::parse("region=south-east&status=plan"),
            &model.vocabulary,
        );
        assert_eq!(model.matching(&f), [true, false, false]);
        // The legend counts among the South East's areas, whatever status is chosen.
        assert_eq!(model.status_counts(&f), (vec![1, 0, 1], 2));
        assert_eq!(
            model.summary(&f, 1),
            "1 of 3 areas: South East, action plan agreed"
        );
        assert_eq!(model.summary(&Default::default(), 3), "All 3 areas");
        // Surrey and Gloucestershire share a group with street triage and
        // a local authority signatory; Kent has no group.
        assert_eq!(model.areas[0].facts.themes, ["street_triage"]);
        assert_eq!(
            model.areas[0].facts.kinds,
            ["local_authority", "voluntary_sector"]
        );
        assert_eq!(model.areas[0].signatories, 2);
        assert_eq!(
            model.areas[2].facts,
            AreaFacts {
                region_code: Some("E12000008".into()),
                ..Default::default()
            }
        );
        assert_eq!(
            model.area_source_urls("E10000030"),
            ["https://jonrouse.blog.gov.uk/2014/12/31/concordat-map"]
        );
    }

    #[test]
    fn an_organisation_named_by_two_groups_counts_once() {
        let mut data = dataset::tests::sample();
        let mut wider = data.groups[0].clone();
        wider.id = "wider".into();
        wider.name = "The wider group".into();
        data.groups.insert(0, wider);
        data.groups[1].parent = Some("wider".into());
        let mut again = data.signatories[0].clone();
        again.group = "wider".into();
        data.signatories.push(again);
        let (atlas, _) = Atlas::parse(atlas::tests::SAMPLE).unwrap();
        let model = build(atlas, data, Vec::new());
        let surrey = &model.areas[0];
        assert_eq!(surrey.signatories, 2, "Surrey County Council once");
        // The area's own group first, the wider one after.
        assert_eq!(
            surrey.groups,
            ["Surrey and Gloucestershire", "The wider group"]
        );
        let listed = crate::details::details(&model.data, "E10000030").signatories;
        assert_eq!(listed[0].items, ["Surrey County Council"]);
    }

    #[test]
    fn an_unreadable_file_is_one_clear_problem() {
        let err = from_texts("not json", dataset::tests::SAMPLE).unwrap_err();
        assert!(err.place.starts_with("atlas.json"));
        let err = from_texts(atlas::tests::SAMPLE, "[]").unwrap_err();
        assert!(err.place.starts_with("concordat.json"));
    }
}
