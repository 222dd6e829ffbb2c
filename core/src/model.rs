//! Joins boundaries and dataset into what the map draws and never changes:
//! one entry per area with its projected path, names and facts, the
//! statuses' colours and patterns, the national picture, and every problem
//! found on the way. What depends on the day is a `Snapshot` (`MapModel::at`,
//! cheap: no path or name is copied), read through the model's methods that
//! take one, so a status can only be had for a day. Pure: no browser types.

use crate::atlas::{self, Atlas};
use crate::citation::{Link, cited, links};
use crate::colour;
use crate::dataset::{self, Dataset};
use crate::date::Day;
use crate::filters::{AreaFacts, Filter, Filters, Vocabulary};
use crate::geo::{self, Albers, Bounds, Frame, LonLat, Trig};
use crate::problem::Problem;
use crate::query::slug;
use crate::timeline::{AreaAt, Known, Snapshot, Timeline};
use std::collections::HashMap;
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
pub struct StatusView {
    pub id: String,
    pub label: String,
    pub colour: String,
    /// What the stage means, in plain words, where the dataset says.
    pub meaning: Option<String>,
    /// One of `PATTERNS`.
    pub pattern: &'static str,
    /// The colour of the pattern's marks over `colour`.
    pub ink: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AreaView {
    pub code: String,
    pub name: String,
    /// None: the region is not recorded.
    pub region: Option<String>,
    /// The local groups covering the area, by name.
    pub groups: Vec<String>,
    /// How many signatories are recorded for the area's groups.
    pub signatories: usize,
    /// Region, themes and signatory kinds, for filtering.
    pub facts: AreaFacts,
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
    /// Each area's index in `areas`, by its code.
    index: HashMap<String, usize>,
    pub statuses: Vec<StatusView>,
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
    /// The dataset's own day: what the map shows without `at=`.
    pub view_day: Day,
    /// How the atlas placed longitude and latitude (all zero if it did not say).
    frame: Frame,
}

/// Where a point on Earth is on the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Located {
    /// In this area (an index into `areas`).
    In(usize),
    /// In no area on the map: outside England, or out at sea.
    Outside,
    /// The atlas does not say how to place a point.
    Unplaceable,
}

/// How far outside every area a point may be and still be taken to be in
/// the nearest: the boundaries are generalised (to about 200 m) and rounded
/// to whole view-box units, so a point on the coast or a border may fall
/// just outside its own area's outline.
const NEAR_KM: f64 = 0.5;

/// The legend's numbers among the areas the other filters show.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatusCounts {
    /// Per status, in the dataset's order.
    pub statuses: Vec<usize>,
    /// Every area the other filters show.
    pub total: usize,
    pub not_recorded_yet: usize,
}

impl StatusCounts {
    /// The areas shown that the dataset says nothing of at all.
    pub fn not_recorded(&self) -> usize {
        self.total
            .saturating_sub(self.statuses.iter().sum::<usize>() + self.not_recorded_yet)
    }
}

/// "21 of 152": how many of how many.
pub fn of(count: usize, total: usize) -> String {
    format!("{count} of {total}")
}

impl MapModel {
    /// Where every area stood on `day`: statuses, how each is known, the
    /// events that gave them, and the counts. The areas are in `areas` order.
    pub fn at(&self, day: Day) -> Snapshot {
        self.timeline.at(day)
    }

    /// The area a point lies in, projected as the build projected the areas
    /// (with `trig`'s sine and cosine). Areas' outlines are decoded only
    /// where the point is in their box.
    pub fn locate(&self, lon_lat: LonLat, trig: Trig) -> Located {
        let frame = self.frame;
        // All zero (or not a number): the atlas did not say.
        if frame.units_per_km().is_nan() || frame.units_per_km() <= 0.0 {
            return Located::Unplaceable;
        }
        let [lon, lat] = lon_lat;
        if !(lon.is_finite() && lat.is_finite() && lat.abs() <= 90.0) {
            return Located::Outside;
        }
        let point = frame.apply(Albers::england_with(trig).project_with(lon_lat, trig));
        self.area_at(point, NEAR_KM * frame.units_per_km())
            .map_or(Located::Outside, Located::In)
    }

    /// The area a point in view-box units is in: the first whose outline
    /// holds it, or else the nearest within `near` units of it.
    pub fn area_at(&self, point: [f64; 2], near: f64) -> Option<usize> {
        let mut nearest: Option<(f64, usize)> = None;
        for (i, area) in self.areas.iter().enumerate() {
            if !area.bounds.near(point, near) {
                continue;
            }
            let rings = atlas::rings(&area.path);
            if geo::inside(&rings, point) {
                return Some(i);
            }
            let distance = geo::distance_to_edge(&rings, point);
            if distance <= near && nearest.is_none_or(|(d, _)| distance < d) {
                nearest = Some((distance, i));
            }
        }
        nearest.map(|(_, i)| i)
    }

    /// The index in `areas` of the area with this GSS code.
    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.index.get(code).copied()
    }

    /// The area a URL key names: its GSS code (any case) or the slug of its name.
    pub fn resolve_area(&self, key: &str) -> Option<usize> {
        let key = key.trim();
        self.index_of(key)
            .or_else(|| {
                self.areas
                    .iter()
                    .position(|a| a.code.eq_ignore_ascii_case(key))
            })
            .or_else(|| {
                let wanted = slug(key);
                self.areas.iter().position(|a| slug(&a.name) == wanted)
            })
    }

    /// The `data-status` of an area as it stood (a status id, "not
    /// recorded yet" or "not recorded").
    pub fn status_id(&self, at: &AreaAt) -> &str {
        match at.status.and_then(|s| self.statuses.get(s)) {
            Some(status) => &status.id,
            None if at.known == Known::NotRecordedYet => NOT_RECORDED_YET_ID,
            None => NOT_RECORDED_ID,
        }
    }

    pub fn status_label(&self, at: &AreaAt) -> &str {
        match at.status.and_then(|s| self.statuses.get(s)) {
            Some(status) => &status.label,
            None if at.known == Known::NotRecordedYet => NOT_RECORDED_YET_LABEL,
            None => NOT_RECORDED_LABEL,
        }
    }

    /// The dated event that gave an area its status, if any.
    fn event(&self, at: &AreaAt) -> Option<&dataset::Event> {
        at.event.and_then(|e| self.data.events.get(e))
    }

    /// When the status was reached, e.g. "by 31 December 2014"; None if not recorded.
    pub fn reached(&self, at: &AreaAt) -> Option<String> {
        self.event(at).and_then(dataset::Event::when)
    }

    /// The last day `reached` could mean, for putting areas in date order.
    pub fn reached_day(&self, at: &AreaAt) -> Option<Day> {
        self.event(at).and_then(|e| e.date).map(|d| d.latest())
    }

    /// The sources of the event that gave an area its status, each with
    /// where in it the status is stated.
    pub fn status_sources(&self, at: &AreaAt) -> Vec<Link> {
        self.event(at)
            .map(|e| cited(&self.data, &e.sources, &e.locators))
            .unwrap_or_default()
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

    /// "Action plan agreed — 21 of 152", on the snapshot's day.
    pub fn count_label(&self, snapshot: &Snapshot, status: usize) -> String {
        let label = self.statuses.get(status).map_or("", |s| s.label.as_str());
        let count = snapshot.counts.get(status).copied().unwrap_or(0);
        format!("{label} — {}", of(count, self.areas.len()))
    }

    /// "Not recorded — 2 of 152", for areas the dataset does not cover.
    pub fn not_recorded_label(&self, snapshot: &Snapshot) -> String {
        format!(
            "{NOT_RECORDED_LABEL} — {}",
            of(snapshot.not_recorded, self.areas.len())
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

    /// Whether each area is shown under `filters` on the snapshot's day.
    pub fn matching(&self, snapshot: &Snapshot, filters: &Filters) -> Vec<bool> {
        self.areas
            .iter()
            .zip(&snapshot.areas)
            .map(|(a, at)| filters.matches(&a.facts, self.status_id(at)))
            .collect()
    }

    /// For the legend: how many areas have each status among those the
    /// other filters show, how many those are ("12 of 34"), and how many
    /// of them have nothing recorded yet.
    pub fn status_counts(&self, snapshot: &Snapshot, filters: &Filters) -> StatusCounts {
        let others = filters.without(Filter::Status);
        let mut counts = StatusCounts {
            statuses: vec![0; self.statuses.len()],
            ..StatusCounts::default()
        };
        for (area, at) in self.areas.iter().zip(&snapshot.areas) {
            if others.matches(&area.facts, self.status_id(at)) {
                counts.total += 1;
                match at.status.and_then(|s| counts.statuses.get_mut(s)) {
                    Some(count) => *count += 1,
                    None if at.known == Known::NotRecordedYet => counts.not_recorded_yet += 1,
                    None => {}
                }
            }
        }
        counts
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
        .zip(PATTERNS.into_iter().cycle())
        .map(|(s, pattern)| StatusView {
            id: s.id.clone(),
            label: s.label.clone(),
            colour: s.colour.clone(),
            meaning: s.meaning.clone(),
            pattern,
            ink: colour::ink_for(&s.colour),
        })
        .collect();
    let mut areas = Vec::with_capacity(atlas.areas.len());
    for shape in &atlas.areas {
        let record = index
            .get(shape.code.as_str())
            .and_then(|&i| data.areas.get(i));
        let (groups, signatories, facts) = group_facts(data_ref, &shape.code);
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
            groups,
            signatories,
            facts,
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
        .map(|m| (m.when(), m.text.clone()))
        .collect();
    let codes: Vec<String> = areas.iter().map(|a: &AreaView| a.code.clone()).collect();
    let timeline = Timeline::new(&data, &codes);
    MapModel {
        title: data.title.clone(),
        last_updated: data.last_updated.label(),
        view_date: data.view_date.label(),
        view_box: atlas.view_box(),
        size: atlas.size.map(f64::from),
        index: codes.into_iter().enumerate().map(|(i, c)| (c, i)).collect(),
        areas,
        statuses,
        source_count: data.sources.len(),
        national_sources: links(&data, &national_ids),
        national_milestones,
        problems,
        vocabulary,
        data: Arc::new(data),
        timeline: Arc::new(timeline),
        view_day,
        frame: atlas.frame,
    }
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
        .filter(|gt| covers(&gt.group) && gt.in_scope(code))
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
    use crate::dataset::{self, Locators};

    fn sample() -> MapModel {
        from_texts(atlas::tests::SAMPLE, dataset::tests::SAMPLE).unwrap()
    }

    #[cfg(feature = "geojson")]
    mod locating {
        use super::*;
        use crate::geo::{self, LonLat};

        const GEOJSON: &str = include_str!("../../geodata/areas-2014.geojson");

        fn shipped() -> MapModel {
            from_geojson(
                GEOJSON,
                "areas-2014.geojson",
                include_str!("../../assets/concordat.json"),
            )
            .unwrap()
        }

        /// A point well inside a polygon, in longitude and latitude, from
        /// the GeoJSON rather than the atlas: its centroid where that is
        /// inside, otherwise the middle of the widest span across it at the
        /// centroid's latitude.
        fn interior(polygon: &[Vec<LonLat>]) -> LonLat {
            let (mut area, mut cx, mut cy) = (0.0, 0.0, 0.0);
            for pair in polygon[0].windows(2) {
                let ([x0, y0], [x1, y1]) = (pair[0], pair[1]);
                let cross = x0 * y1 - x1 * y0;
                area += cross;
                cx += (x0 + x1) * cross;
                cy += (y0 + y1) * cross;
            }
            let centroid = [cx / (3.0 * area), cy / (3.0 * area)];
            if geo::inside(polygon, centroid) {
                return centroid;
            }
            let y = centroid[1];
            let mut xs: Vec<f64> = polygon
                .iter()
                .flat_map(|ring| ring.windows(2))
                .filter(|p| (p[0][1] > y) != (p[1][1] > y))
                .map(|p| p[0][0] + (y - p[0][1]) * (p[1][0] - p[0][0]) / (p[1][1] - p[0][1]))
                .collect();
            xs.sort_by(f64::total_cmp);
            let widest = xs
                .chunks(2)
                .filter(|c| c.len() == 2)
                .max_by(|a, b| (a[1] - a[0]).total_cmp(&(b[1] - b[0])))
                .unwrap();
            [(widest[0] + widest[1]) / 2.0, y]
        }

        #[test]
        fn a_point_inside_each_area_finds_it() {
            let model = shipped();
            let (shapes, _) = geo::parse_areas(GEOJSON, "areas-2014.geojson").unwrap();
            assert_eq!(shapes.len(), 152);
            for shape in &shapes {
                let largest = shape.polygons.iter().max_by_key(|p| p[0].len()).unwrap();
                let point = interior(largest);
                let found = model.locate(point, Trig::RUST);
                assert_eq!(
                    found,
                    Located::In(model.index_of(&shape.code).unwrap()),
                    "{} {} at {point:?}",
                    shape.code,
                    shape.name
                );
            }
        }

        #[test]
        fn places_outside_england_are_in_no_area() {
            let model = shipped();
            for (place, point) in [
                ("Cardiff", [-3.179, 51.481]),
                ("Newport", [-2.998, 51.588]),
                ("Wrexham", [-2.993, 53.046]),
                ("Edinburgh", [-3.188, 55.953]),
                ("Dumfries", [-3.611, 55.070]),
                ("Isle of Man", [-4.48, 54.15]),
                ("Irish Sea", [-4.0, 53.8]),
                ("North Sea", [2.0, 53.5]),
                ("English Channel", [-1.0, 50.3]),
                ("Guernsey", [-2.585, 49.455]),
                ("Paris", [2.35, 48.86]),
                ("nowhere", [f64::NAN, 51.0]),
                ("off the globe", [0.0, 95.0]),
            ] {
                assert_eq!(model.locate(point, Trig::RUST), Located::Outside, "{place}");
            }
            // And just on the English side of those borders and coasts.
            for (place, point, code) in [
                (
                    "Chepstow's neighbour, Tidenham",
                    [-2.640, 51.660],
                    "E10000013",
                ),
                ("Berwick-upon-Tweed", [-2.005, 55.771], "E06000057"),
                ("Land's End", [-5.70, 50.066], "E06000052"),
            ] {
                assert_eq!(
                    model.locate(point, Trig::RUST),
                    Located::In(model.index_of(code).unwrap()),
                    "{place}"
                );
            }
        }

        #[test]
        fn a_point_on_a_shared_boundary_is_in_exactly_one_area() {
            let model = shipped();
            let (surrey, kent) = (
                model.index_of("E10000030").unwrap(),
                model.index_of("E10000016").unwrap(),
            );
            let [a, b] = [surrey, kent].map(|i| atlas::rings(&model.areas[i].path));
            // An edge both outlines have (walked the other way round in one).
            let theirs: Vec<_> = geo::edges(&b).collect();
            let (p, q) = geo::edges(&a)
                .find(|&(p, q)| theirs.contains(&(q, p)) || theirs.contains(&(p, q)))
                .expect("Surrey and Kent share an edge");
            let outlines: Vec<Vec<Vec<[f64; 2]>>> =
                model.areas.iter().map(|a| atlas::rings(&a.path)).collect();
            for t in [0.0, 0.25, 0.5, 0.75] {
                let point = [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
                let holders: Vec<usize> = (0..outlines.len())
                    .filter(|&i| geo::inside(&outlines[i], point))
                    .collect();
                assert_eq!(holders.len(), 1, "{point:?}: {holders:?}");
                assert!([surrey, kent].contains(&holders[0]) || t == 0.0);
                assert_eq!(model.area_at(point, 0.0), Some(holders[0]));
            }
        }

        #[test]
        fn an_atlas_without_its_frame_cannot_place_a_point() {
            let mut atlas = atlas::from_geojson(GEOJSON, "areas-2014.geojson").unwrap();
            atlas.frame = Frame::default();
            let (data, _) = dataset::parse(include_str!("../../assets/concordat.json")).unwrap();
            let model = build(atlas, data, Vec::new());
            assert_eq!(
                model.locate([-0.5, 51.25], Trig::RUST),
                Located::Unplaceable
            );
        }
    }

    #[test]
    fn joins_shapes_and_statuses() {
        let model = sample();
        let at = model.at(model.view_day);
        let ids: Vec<&str> = at.areas.iter().map(|a| model.status_id(a)).collect();
        assert_eq!(ids, ["plan", "declared", "none"]);
        let reached: Vec<Option<String>> = at.areas.iter().map(|a| model.reached(a)).collect();
        assert_eq!(
            reached,
            [
                Some("December 2014".into()),
                Some("by 31 December 2014".into()),
                None
            ]
        );
        assert_eq!(model.areas[0].region.as_deref(), Some("South East"));
        assert_eq!(model.status_sources(&at.areas[0]).len(), 1);
        assert_eq!(model.index_of("E10000016"), Some(2));
        assert_eq!(model.index_of("e10000016"), None);
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
        let surrey = model.at(model.view_day).areas[0];
        assert_eq!(model.status_id(&surrey), "plan");
        assert_eq!(
            model.status_sources(&surrey)[0].locator.as_deref(),
            Some("the list of green areas")
        );
    }

    #[test]
    fn headline_counts_areas_at_or_beyond_each_status() {
        let model = sample();
        let at = model.at(model.view_day);
        let counts: Vec<usize> = (0..4).map(|i| at.reached_at_least(i)).collect();
        assert_eq!(counts, [3, 2, 1, 0]);
    }

    #[test]
    fn areas_resolve_by_code_or_slug() {
        let model = sample();
        assert_eq!(model.resolve_area("E10000030"), Some(0));
        assert_eq!(model.resolve_area(" e10000030 "), Some(0));
        assert_eq!(model.resolve_area("surrey"), Some(0));
        assert_eq!(model.resolve_area("Kent"), Some(2));
        assert_eq!(model.resolve_area("atlantis"), None);
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
        let at = model.at(model.view_day);
        let labels: Vec<String> = (0..model.statuses.len())
            .map(|s| model.count_label(&at, s))
            .collect();
        assert_eq!(
            labels,
            [
                "No declaration yet — 1 of 3",
                "Declaration made — 1 of 3",
                "Action plan agreed — 1 of 3"
            ]
        );
        assert_eq!(at.not_recorded, 0);
    }

    #[test]
    fn areas_missing_from_either_file_are_reported_and_the_rest_drawn() {
        let geometry = atlas::tests::SAMPLE.replace("E10000016", "E06000999");
        let model = from_texts(&geometry, dataset::tests::SAMPLE).unwrap();
        assert_eq!(model.areas.len(), 3);
        let at = model.at(model.view_day);
        assert_eq!(model.status_id(&at.areas[2]), NOT_RECORDED_ID);
        assert_eq!(model.status_label(&at.areas[2]), "Not recorded");
        assert_eq!(at.not_recorded, 1);
        assert_eq!(model.not_recorded_label(&at), "Not recorded — 1 of 3");
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
    fn what_no_status_and_no_not_yet_covers_is_not_recorded() {
        let counts = StatusCounts {
            statuses: vec![3, 0, 2],
            total: 9,
            not_recorded_yet: 1,
        };
        assert_eq!(counts.not_recorded(), 3);
        assert_eq!(StatusCounts::default().not_recorded(), 0);
    }

    #[test]
    fn filters_count_and_summarise_what_is_shown() {
        let model = sample();
        let (f, _) = crate::filters::Filters::from_pairs(
            &crate::query::parse("region=south-east&status=plan"),
            &model.vocabulary,
        );
        let at = model.at(model.view_day);
        assert_eq!(model.matching(&at, &f), [true, false, false]);
        let counts = |day: &str| {
            let c = model.status_counts(&model.at(crate::timeline::parse_at(day).unwrap()), &f);
            (c.statuses, c.total, c.not_recorded_yet)
        };
        // The legend counts among the South East's areas, whatever status is chosen.
        assert_eq!(counts("2014-12-31"), (vec![1, 0, 1], 2, 0));
        // In June 2014 Kent, whose own declaration came in 2015, had made
        // none yet; for Surrey nothing was recorded yet.
        assert_eq!(counts("2014-06"), (vec![1, 0, 0], 2, 1));
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
