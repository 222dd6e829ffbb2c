//! Boundaries: GeoJSON in (at build time only), projected shapes out; the
//! atlas (`atlas.rs`) encodes them for the app.
//!
//! Projection: Albers equal-area conic with standard parallels 51°N and 55°N,
//! centred on 2°W 53°N, on a sphere. Equal-area, so each area's colour covers
//! its true share of England (what a choropleth should do), and close to
//! conformal across England's 6° of latitude. Output coordinates are SVG user
//! units: x grows east, y grows *down*, and the frame fits the areas into a
//! `WIDTH`-wide view box.

#[cfg(feature = "geojson")]
use crate::problem::Problem;
#[cfg(feature = "geojson")]
use geojson::{GeoJson, GeometryValue, Position};

/// Width of the SVG view box; the height follows the areas' shape. Wide
/// enough that whole units are finer than a pixel at the deepest zoom
/// (a tenth of the map), so paths need no decimals.
pub const WIDTH: f64 = 10000.0;
/// Space left around the areas, in view-box units.
const MARGIN: f64 = 80.0;

/// The mean radius of the Earth: `Albers` projects onto a unit sphere.
const EARTH_RADIUS_KM: f64 = 6371.0;

/// Longitude, latitude in degrees (RFC 7946 order).
pub type LonLat = [f64; 2];
pub type Ring = Vec<LonLat>;
/// Exterior ring first, then holes.
pub type Polygon = Vec<Ring>;

#[derive(Debug, Clone, PartialEq)]
pub struct AreaShape {
    pub code: String,
    pub name: String,
    pub region: Option<String>,
    pub polygons: Vec<Polygon>,
}

/// Parses a FeatureCollection of areas with `code` and `name` properties
/// (`file` names it in problems). A file that is not GeoJSON fails whole; a
/// bad feature is skipped with a problem, and the rest are kept.
#[cfg(feature = "geojson")]
pub fn parse_areas(text: &str, file: &str) -> Result<(Vec<AreaShape>, Vec<Problem>), Problem> {
    use std::collections::HashSet;
    let fail = |message: String| Problem::new(file, message);
    let geojson: GeoJson = text.parse().map_err(|e| fail(format!("{e}")))?;
    let GeoJson::FeatureCollection(collection) = geojson else {
        return Err(fail("expected a FeatureCollection".into()));
    };
    let mut shapes = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for (i, feature) in collection.features.iter().enumerate() {
        let place = format!("{file}: features[{i}]");
        let text_property = |key: &str| {
            feature
                .property(key)
                .and_then(|v| v.as_str())
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let Some(code) = text_property("code") else {
            problems.push(Problem::new(place, "no \"code\" property"));
            continue;
        };
        let place = format!("{place} ({code})");
        if !seen.insert(code.clone()) {
            problems.push(Problem::new(place, "duplicate area code"));
            continue;
        }
        let polygons = match feature.geometry.as_ref().map(|g| &g.value) {
            Some(GeometryValue::Polygon { coordinates }) => vec![polygon(coordinates)],
            Some(GeometryValue::MultiPolygon { coordinates }) => {
                coordinates.iter().map(|p| polygon(p)).collect()
            }
            Some(_) => {
                problems.push(Problem::new(
                    place,
                    "geometry is not a Polygon or MultiPolygon",
                ));
                continue;
            }
            None => {
                problems.push(Problem::new(place, "no geometry"));
                continue;
            }
        };
        let polygons = match polygons.into_iter().collect::<Result<Vec<_>, String>>() {
            Ok(p) => p,
            Err(message) => {
                problems.push(Problem::new(place, message));
                continue;
            }
        };
        let polygons: Vec<Polygon> = polygons.into_iter().filter(|p| !p.is_empty()).collect();
        if polygons.is_empty() {
            problems.push(Problem::new(place, "empty geometry"));
            continue;
        }
        shapes.push(AreaShape {
            name: text_property("name").unwrap_or_else(|| code.clone()),
            region: text_property("region"),
            code,
            polygons,
        });
    }
    Ok((shapes, problems))
}

#[cfg(feature = "geojson")]
fn polygon(rings: &[Vec<Position>]) -> Result<Polygon, String> {
    let mut out = Vec::with_capacity(rings.len());
    for ring in rings {
        let mut points = Vec::with_capacity(ring.len());
        for position in ring {
            let (lon, lat) = match position.as_slice() {
                [lon, lat, ..] => (*lon, *lat),
                _ => return Err("a position has fewer than two numbers".into()),
            };
            if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
                return Err(format!(
                    "position [{lon}, {lat}] is not a longitude, latitude"
                ));
            }
            points.push([lon, lat]);
        }
        // A ring needs three distinct corners; fewer draws nothing.
        if points.len() >= 4 {
            out.push(points);
        }
    }
    Ok(out)
}

/// Albers equal-area conic on a unit sphere.
#[derive(Debug, Clone, Copy)]
pub struct Albers {
    n: f64,
    c: f64,
    rho0: f64,
    lon0: f64,
}

/// Sine and cosine, passed in rather than called: natively Rust's own, in
/// the wasm the browser's (`Math.sin`), which spares it Rust's (6 KB).
#[derive(Debug, Clone, Copy)]
pub struct Trig {
    pub sin: fn(f64) -> f64,
    pub cos: fn(f64) -> f64,
}

impl Trig {
    pub const RUST: Trig = Trig {
        sin: f64::sin,
        cos: f64::cos,
    };
}

impl Albers {
    pub fn new(lon0: f64, lat0: f64, parallel1: f64, parallel2: f64) -> Self {
        Albers::new_with(lon0, lat0, parallel1, parallel2, Trig::RUST)
    }

    pub fn new_with(lon0: f64, lat0: f64, parallel1: f64, parallel2: f64, trig: Trig) -> Self {
        let (s1, s2) = (
            (trig.sin)(parallel1.to_radians()),
            (trig.sin)(parallel2.to_radians()),
        );
        let n = (s1 + s2) / 2.0;
        let c = (trig.cos)(parallel1.to_radians()).powi(2) + 2.0 * n * s1;
        let rho0 = (c - 2.0 * n * (trig.sin)(lat0.to_radians())).sqrt() / n;
        Albers {
            n,
            c,
            rho0,
            lon0: lon0.to_radians(),
        }
    }

    /// The projection used for England (see the module comment).
    pub fn england() -> Self {
        Albers::england_with(Trig::RUST)
    }

    pub fn england_with(trig: Trig) -> Self {
        Albers::new_with(-2.0, 53.0, 51.0, 55.0, trig)
    }

    /// Projected x east, y north, in Earth radii.
    pub fn project(&self, lon_lat: LonLat) -> [f64; 2] {
        self.project_with(lon_lat, Trig::RUST)
    }

    pub fn project_with(&self, [lon, lat]: LonLat, trig: Trig) -> [f64; 2] {
        let theta = self.n * (lon.to_radians() - self.lon0);
        let rho = (self.c - 2.0 * self.n * (trig.sin)(lat.to_radians()))
            .max(0.0)
            .sqrt()
            / self.n;
        [rho * (trig.sin)(theta), self.rho0 - rho * (trig.cos)(theta)]
    }
}

/// Maps projected coordinates into the SVG view box (y down). Shipped in
/// the atlas so that the app can place a point (the reader's location) on
/// the map exactly as the build placed the areas.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Frame {
    scale: f64,
    min_x: f64,
    max_y: f64,
    pub width: f64,
    pub height: f64,
}

impl Frame {
    /// The frame that fits every point of `shapes` into `WIDTH`.
    pub fn fit(projection: &Albers, shapes: &[AreaShape]) -> Option<Frame> {
        let mut bounds = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        for point in shapes
            .iter()
            .flat_map(|s| s.polygons.iter().flatten().flatten())
        {
            let [x, y] = projection.project(*point);
            bounds = [
                bounds[0].min(x),
                bounds[1].min(y),
                bounds[2].max(x),
                bounds[3].max(y),
            ];
        }
        let [min_x, min_y, max_x, max_y] = bounds;
        let (span_x, span_y) = (max_x - min_x, max_y - min_y);
        if !(span_x > 0.0 && span_y > 0.0) {
            return None;
        }
        let scale = (WIDTH - 2.0 * MARGIN) / span_x;
        Some(Frame {
            scale,
            min_x,
            max_y,
            width: WIDTH,
            height: span_y * scale + 2.0 * MARGIN,
        })
    }

    /// View-box units to a kilometre on the ground (near the projection's
    /// standard parallels, where its scale is true).
    pub fn units_per_km(&self) -> f64 {
        self.scale / EARTH_RADIUS_KM
    }

    pub fn apply(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        [
            (x - self.min_x) * self.scale + MARGIN,
            (self.max_y - y) * self.scale + MARGIN,
        ]
    }
}

/// Every edge of `rings`, each ring closed: (from, to).
pub fn edges(rings: &[Vec<[f64; 2]>]) -> impl Iterator<Item = ([f64; 2], [f64; 2])> + '_ {
    rings.iter().flat_map(|ring| {
        // From the last point round to it again.
        let last = ring.last().copied();
        last.into_iter()
            .chain(ring.iter().copied())
            .zip(ring.iter().copied())
    })
}

/// Whether `point` is inside `rings` by the even-odd rule (holes, wound
/// either way, are outside). Half-open on each edge, so a point on an edge
/// two rings share is inside exactly one of them.
pub fn inside(rings: &[Vec<[f64; 2]>], [x, y]: [f64; 2]) -> bool {
    edges(rings)
        .filter(|&([x0, y0], [x1, y1])| {
            (y1 > y) != (y0 > y) && x < x0 + (y - y0) * (x1 - x0) / (y1 - y0)
        })
        .count()
        % 2
        == 1
}

/// The distance from `point` to the nearest edge of `rings`.
pub fn distance_to_edge(rings: &[Vec<[f64; 2]>], [x, y]: [f64; 2]) -> f64 {
    edges(rings)
        .map(|([x0, y0], [x1, y1])| {
            let (dx, dy) = (x1 - x0, y1 - y0);
            let length = dx * dx + dy * dy;
            let t = if length > 0.0 {
                (((x - x0) * dx + (y - y0) * dy) / length).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let (ex, ey) = (x0 + t * dx - x, y0 + t * dy - y);
            (ex * ex + ey * ey).sqrt()
        })
        .fold(f64::INFINITY, f64::min)
}

/// An axis-aligned box in view-box units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub min: [f64; 2],
    pub max: [f64; 2],
}

impl Bounds {
    pub const EMPTY: Bounds = Bounds {
        min: [f64::INFINITY; 2],
        max: [f64::NEG_INFINITY; 2],
    };

    pub fn is_empty(&self) -> bool {
        !(self.min[0] <= self.max[0] && self.min[1] <= self.max[1])
    }

    pub fn include(&mut self, [x, y]: [f64; 2]) {
        self.min = [self.min[0].min(x), self.min[1].min(y)];
        self.max = [self.max[0].max(x), self.max[1].max(y)];
    }

    pub fn union(mut self, other: &Bounds) -> Bounds {
        if !other.is_empty() {
            self.include(other.min);
            self.include(other.max);
        }
        self
    }

    /// Whether `point` is in the box grown by `margin` on every side.
    pub fn near(&self, [x, y]: [f64; 2], margin: f64) -> bool {
        self.min[0] - margin <= x
            && x <= self.max[0] + margin
            && self.min[1] - margin <= y
            && y <= self.max[1] + margin
    }

    pub fn centre(&self) -> [f64; 2] {
        [
            (self.min[0] + self.max[0]) / 2.0,
            (self.min[1] + self.max[1]) / 2.0,
        ]
    }
}

/// A shape's box and a point inside its bulk, both in view-box units. The
/// point is the area-weighted centroid of its largest polygon (holes taken
/// out), so that a county with an island or an enclave still has its centre
/// where a reader would point; keyboard moves between areas go by it.
pub fn placement(shape: &AreaShape, projection: &Albers, frame: &Frame) -> (Bounds, [f64; 2]) {
    let mut bounds = Bounds::EMPTY;
    let mut best = (0.0_f64, None::<[f64; 2]>);
    for polygon in &shape.polygons {
        let (mut area, mut cx, mut cy) = (0.0, 0.0, 0.0);
        for ring in polygon {
            let points: Vec<[f64; 2]> = ring
                .iter()
                .map(|p| frame.apply(projection.project(*p)))
                .collect();
            for pair in points.windows(2) {
                let &[[x0, y0], [x1, y1]] = pair else {
                    continue;
                };
                let cross = x0 * y1 - x1 * y0;
                area += cross;
                cx += (x0 + x1) * cross;
                cy += (y0 + y1) * cross;
            }
            for point in points {
                bounds.include(point);
            }
        }
        // Exterior and holes wind oppositely, so their signed areas already
        // subtract; the sign of the total only depends on the y flip.
        if area.abs() > best.0 && area.abs() > f64::EPSILON {
            best = (area.abs(), Some([cx / (3.0 * area), cy / (3.0 * area)]));
        }
    }
    let centre = best.1.unwrap_or_else(|| bounds.centre());
    (bounds, centre)
}

/// The part of the view box to show so that `target` fills it with a margin,
/// keeping the whole map's aspect ratio and never zooming in further than to
/// a tenth of its width: a borough is then large enough to pick, and its
/// neighbours stay in view for context. Returns (x, y, width, height).
pub fn zoom_box(target: &Bounds, width: f64, height: f64) -> [f64; 4] {
    if target.is_empty() || !(width > 0.0 && height > 0.0) {
        return [0.0, 0.0, width, height];
    }
    let span_x = (target.max[0] - target.min[0]) * 1.2;
    let span_y = (target.max[1] - target.min[1]) * 1.2;
    let fit = (span_x / width).max(span_y / height).clamp(0.1, 1.0);
    let (w, h) = (width * fit, height * fit);
    let [cx, cy] = target.centre();
    // Keep the box inside the map where it can be, so no empty sea is shown
    // beside a coastal area.
    let x = (cx - w / 2.0).clamp(0.0, width - w);
    let y = (cy - h / 2.0).clamp(0.0, height - h);
    [x, y, w, h]
}

#[cfg(test)]
#[cfg(feature = "geojson")]
pub(crate) mod tests {
    use super::*;

    pub const SAMPLE: &str = include_str!("../../tests/fixtures/areas.geojson");

    pub fn sample() -> Vec<AreaShape> {
        let (shapes, problems) = parse_areas(SAMPLE, "areas.geojson").unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        shapes
    }

    fn problems_of(text: &str) -> Vec<String> {
        match parse_areas(text, "areas.geojson") {
            Ok((_, problems)) => problems.iter().map(ToString::to_string).collect(),
            Err(problem) => vec![problem.to_string()],
        }
    }

    fn feature(properties: &str, geometry: &str) -> String {
        format!(
            r#"{{"type": "FeatureCollection", "features": [{{"type": "Feature",
               "properties": {properties}, "geometry": {geometry}}}]}}"#
        )
    }

    const SQUARE: &str =
        r#"{"type": "Polygon", "coordinates": [[[0, 51], [1, 51], [1, 52], [0, 52], [0, 51]]]}"#;

    #[test]
    fn parses_polygons_multipolygons_and_holes() {
        let shapes = sample();
        assert_eq!(shapes.len(), 3);
        assert_eq!(shapes[1].polygons[0].len(), 2, "exterior and hole");
        assert_eq!(shapes[2].region, None);
    }

    #[test]
    fn bad_input_is_reported_not_fatal() {
        let cases = [
            ("{ nope", "areas.geojson: "),
            (
                r#"{"type": "Point", "coordinates": [0, 0]}"#,
                "expected a FeatureCollection",
            ),
            (
                &feature(r#"{"name": "X"}"#, SQUARE),
                "features[0]: no \"code\" property",
            ),
            (
                &feature(r#"{"code": "E1"}"#, "null"),
                "features[0] (E1): no geometry",
            ),
            (
                &feature(
                    r#"{"code": "E1"}"#,
                    r#"{"type": "Polygon", "coordinates": []}"#,
                ),
                "features[0] (E1): empty geometry",
            ),
            (
                &feature(
                    r#"{"code": "E1"}"#,
                    r#"{"type": "Point", "coordinates": [0, 51]}"#,
                ),
                "not a Polygon or MultiPolygon",
            ),
            (
                &feature(
                    r#"{"code": "E1"}"#,
                    r#"{"type": "Polygon", "coordinates": [[[0, 51], [400, 51], [1, 52], [0, 51]]]}"#,
                ),
                "position [400, 51] is not a longitude, latitude",
            ),
        ];
        for (text, expected) in cases {
            let problems = problems_of(text);
            assert!(
                problems.len() == 1 && problems[0].contains(expected),
                "{text}: expected {expected:?}, got {problems:?}"
            );
        }
    }

    #[test]
    fn duplicate_codes_keep_the_first() {
        let text = SAMPLE.replace("E10000016", "E10000030");
        let (shapes, problems) = parse_areas(&text, "areas.geojson").unwrap();
        assert_eq!(shapes.len(), 2);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("duplicate area code"));
    }

    #[test]
    fn projection_is_centred_and_keeps_north_up() {
        let albers = Albers::england();
        let [x, y] = albers.project([-2.0, 53.0]);
        assert!(x.abs() < 1e-12 && y.abs() < 1e-12);
        let [_, north] = albers.project([-2.0, 54.0]);
        let [east, _] = albers.project([-1.0, 53.0]);
        assert!(north > 0.0 && east > 0.0);
    }

    #[test]
    fn projection_preserves_area() {
        // Two 1°×1° cells at different latitudes: their projected areas must
        // be in the ratio of their true areas (sin lat2 - sin lat1).
        let albers = Albers::england();
        let cell_area = |lat: f64| {
            let corners = [
                [-2.0, lat],
                [-1.0, lat],
                [-1.0, lat + 1.0],
                [-2.0, lat + 1.0],
            ];
            let p: Vec<[f64; 2]> = corners.iter().map(|c| albers.project(*c)).collect();
            let shoelace: f64 = (0..4)
                .map(|i| p[i][0] * p[(i + 1) % 4][1] - p[(i + 1) % 4][0] * p[i][1])
                .sum();
            shoelace.abs() / 2.0
        };
        let truth = |lat: f64| (lat + 1.0f64).to_radians().sin() - lat.to_radians().sin();
        let ratio = cell_area(50.0) / cell_area(54.0);
        let expected = truth(50.0) / truth(54.0);
        // The cells' edges are arcs, drawn straight here: allow 0.1%.
        assert!(
            (ratio / expected - 1.0).abs() < 1e-3,
            "{ratio} vs {expected}"
        );
    }

    #[test]
    fn frame_fits_the_view_box() {
        let shapes = sample();
        let albers = Albers::england();
        let frame = Frame::fit(&albers, &shapes).unwrap();
        for point in shapes
            .iter()
            .flat_map(|s| s.polygons.iter().flatten().flatten())
        {
            let [x, y] = frame.apply(albers.project(*point));
            assert!(
                (MARGIN - 1e-9..=WIDTH - MARGIN + 1e-9).contains(&x),
                "x {x}"
            );
            assert!(
                (MARGIN - 1e-9..=frame.height - MARGIN + 1e-9).contains(&y),
                "y {y}"
            );
        }
        assert!(Frame::fit(&albers, &[]).is_none());
    }

    #[test]
    fn zoom_keeps_aspect_fits_the_target_and_stays_on_the_map() {
        let target = Bounds {
            min: [400.0, 300.0],
            max: [500.0, 350.0],
        };
        let [x, y, w, h] = zoom_box(&target, 1000.0, 1200.0);
        assert!((w / h - 1000.0 / 1200.0).abs() < 1e-9);
        assert!(x <= 400.0 && x + w >= 500.0 && y <= 300.0 && y + h >= 350.0);
        // A tiny target zooms to a tenth of the map, not further.
        let dot = Bounds {
            min: [10.0, 10.0],
            max: [10.5, 10.5],
        };
        let [x, y, w, h] = zoom_box(&dot, 1000.0, 1200.0);
        assert!((w - 100.0).abs() < 1e-9 && (h - 120.0).abs() < 1e-9);
        assert_eq!([x, y], [0.0, 0.0], "clamped inside the map");
        // Nothing to zoom to, or the whole map: the whole map.
        assert_eq!(
            zoom_box(&Bounds::EMPTY, 1000.0, 1200.0),
            [0.0, 0.0, 1000.0, 1200.0]
        );
        let all = Bounds {
            min: [0.0, 0.0],
            max: [1000.0, 1200.0],
        };
        assert_eq!(zoom_box(&all, 1000.0, 1200.0), [0.0, 0.0, 1000.0, 1200.0]);
    }

    #[test]
    fn an_enclave_does_not_pull_the_centre_of_its_surroundings() {
        // A square with a square hole in its left half, and a far island.
        let ring = |x0: f64, y0: f64, x1: f64, y1: f64| {
            vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
        };
        let mut hole = ring(-1.9, 52.1, -1.5, 52.9);
        hole.reverse();
        let shape = AreaShape {
            code: "E1".into(),
            name: "Shire".into(),
            region: None,
            polygons: vec![
                vec![ring(-2.0, 52.0, -1.0, 53.0), hole],
                vec![ring(1.0, 52.0, 1.05, 52.05)],
            ],
        };
        let projection = Albers::england();
        let frame = Frame::fit(&projection, std::slice::from_ref(&shape)).unwrap();
        let (bounds, centre) = placement(&shape, &projection, &frame);
        let middle = frame.apply(projection.project([-1.5, 52.5]));
        assert!(centre[0] > middle[0], "the hole pushes the centre right");
        assert!(centre[0] < frame.apply(projection.project([-1.0, 52.5]))[0]);
        assert!(bounds.max[0] > frame.apply(projection.project([1.0, 52.0]))[0]);
    }
}
