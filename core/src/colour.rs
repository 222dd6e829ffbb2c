//! Colour arithmetic for the map's accessibility promises: WCAG contrast
//! between the boundary line and every status fill, and which ink (black or
//! white) draws a status's pattern legibly over its fill.

/// The colour of area boundaries. Near-black so that it keeps 3:1 against
/// light and dark fills alike (WCAG 1.4.11).
pub const BOUNDARY: &str = "#111111";

/// `#rrggbb` or `#rgb` as 0–255 channels; None for anything else.
pub fn parse_hex(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().strip_prefix('#')?;
    let digits: Vec<u8> = hex
        .chars()
        .map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()))
        .collect::<Option<_>>()?;
    match digits.as_slice() {
        [r, g, b] => Some([r * 17, g * 17, b * 17]),
        [r1, r0, g1, g0, b1, b0] => Some([r1 * 16 + r0, g1 * 16 + g0, b1 * 16 + b0]),
        _ => None,
    }
}

/// WCAG 2 relative luminance.
pub fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG 2 contrast ratio, 1 to 21; None if either colour is not hex.
pub fn contrast(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (luminance(parse_hex(a)?), luminance(parse_hex(b)?));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

/// Black or white, whichever stands out more on `fill`: the ink of the
/// status pattern drawn over it. White for colours that cannot be read.
pub fn ink_for(fill: &str) -> &'static str {
    match (contrast(fill, "#000000"), contrast(fill, "#ffffff")) {
        (Some(black), Some(white)) if black >= white => "#000000",
        _ => "#ffffff",
    }
}

/// The fill of an area the dataset does not cover ("not recorded").
pub const NOT_RECORDED_FILL: &str = "#ffffff";

/// "Not recorded yet": white with sparse dashes in grey, unlike any status
/// and unlike "not recorded" (plain white).
pub const NOT_RECORDED_YET_FILL: &str = "#ffffff";
/// The dashes' grey over `NOT_RECORDED_YET_FILL`.
pub const NOT_RECORDED_YET_INK: &str = "#6b6b6b";

/// A colour seen on screen, as a blend of a status's fill and its pattern's
/// ink: how much of the ink it holds (0: the plain fill, 1: the ink alone)
/// and how far it lies from any such blend (0–255 units of sRGB). Over an
/// area, the marks of a pattern cover a fifth of it or so; a colour far
/// from the line, or mostly ink, is not that status as drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Blend {
    pub ink: f64,
    pub off: f64,
}

impl Blend {
    pub fn of(seen: [f64; 3], fill: [u8; 3], ink: [u8; 3]) -> Blend {
        let f = fill.map(f64::from);
        let along: Vec<f64> = ink.iter().zip(&f).map(|(&i, f)| f64::from(i) - f).collect();
        let rel: Vec<f64> = seen.iter().zip(&f).map(|(s, f)| s - f).collect();
        let length = along.iter().map(|a| a * a).sum::<f64>();
        let t = if length > 0.0 {
            rel.iter().zip(&along).map(|(r, a)| r * a).sum::<f64>() / length
        } else {
            0.0
        };
        let off = rel
            .iter()
            .zip(&along)
            .map(|(r, a)| (r - t * a).powi(2))
            .sum::<f64>()
            .sqrt();
        Blend { ink: t, off }
    }
}

/// Hue in degrees (0–360) and HSV saturation (0–1) of an sRGB colour; the
/// hue of a grey is 0. Mixing a colour with black or white keeps its hue.
pub fn hue_saturation([r, g, b]: [f64; 3]) -> (f64, f64) {
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let chroma = max - min;
    if chroma <= f64::EPSILON || max <= 0.0 {
        return (0.0, 0.0);
    }
    let sector = if max == r {
        ((g - b) / chroma).rem_euclid(6.0)
    } else if max == g {
        (b - r) / chroma + 2.0
    } else {
        (r - g) / chroma + 4.0
    };
    (sector * 60.0, chroma / max)
}

/// The smaller angle between two hues, in degrees.
pub fn hue_distance(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(360.0);
    d.min(360.0 - d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_long_and_short_hex_and_rejects_the_rest() {
        assert_eq!(parse_hex("#1b7a3e"), Some([0x1b, 0x7a, 0x3e]));
        assert_eq!(parse_hex("#fff"), Some([255, 255, 255]));
        for bad in ["", "#", "1b7a3e", "#12345", "#gggggg", "red", "#1b7a3e00"] {
            assert_eq!(parse_hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn contrast_matches_known_wcag_values() {
        let ratio = |a, b| contrast(a, b).unwrap();
        assert!((ratio("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((ratio("#777777", "#ffffff") - 4.48).abs() < 0.01);
        assert_eq!(ratio("#123456", "#123456"), 1.0);
        assert_eq!(ratio("#000", "#fff"), ratio("#fff", "#000"));
    }

    #[test]
    fn ink_stands_out_on_light_and_dark_fills() {
        assert_eq!(ink_for("#f2b134"), "#000000");
        assert_eq!(ink_for("#1b1b6b"), "#ffffff");
        assert_eq!(ink_for("not a colour"), "#ffffff");
    }

    /// The shipped statuses: boundaries keep 3:1 against every fill, and
    /// each pattern's ink keeps 3:1 against its own fill.
    #[test]
    fn shipped_status_colours_meet_non_text_contrast() {
        let (data, problems) =
            crate::dataset::parse(include_str!("../../assets/concordat.json")).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert!(data.statuses.len() >= 3);
        for status in &data.statuses {
            let boundary = contrast(BOUNDARY, &status.colour).unwrap();
            assert!(boundary >= 3.0, "{}: boundary {boundary:.2}", status.id);
            let ink = contrast(ink_for(&status.colour), &status.colour).unwrap();
            assert!(ink >= 3.0, "{}: pattern ink {ink:.2}", status.id);
        }
    }

    /// Linear RGB under full-severity colour-vision deficiency (Machado,
    /// Oliveira and Fernandes 2009), then CIE L*a*b* (D65).
    fn seen_as(matrix: &[[f64; 3]; 3], rgb: [u8; 3]) -> [f64; 3] {
        let linear = rgb.map(|c| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        });
        let [r, g, b] = [0, 1, 2].map(|i| {
            (matrix[i][0] * linear[0] + matrix[i][1] * linear[1] + matrix[i][2] * linear[2])
                .clamp(0.0, 1.0)
        });
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83;
        let f = |t: f64| {
            if t > 0.008_856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    /// Every pair of shipped status colours stays clearly apart (ΔE*76 of
    /// at least 20, where 2.3 is just noticeable) for typical vision and
    /// under protanopia, deuteranopia and tritanopia: the colours alone
    /// already tell the statuses apart, before patterns and words.
    #[test]
    fn shipped_status_colours_stay_apart_under_colour_blindness() {
        let visions: [(&str, [[f64; 3]; 3]); 4] = [
            (
                "typical",
                [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
            ),
            (
                "protanopia",
                [
                    [0.152_286, 1.052_583, -0.204_868],
                    [0.114_503, 0.786_281, 0.099_216],
                    [-0.003_882, -0.048_116, 1.051_998],
                ],
            ),
            (
                "deuteranopia",
                [
                    [0.367_322, 0.860_646, -0.227_968],
                    [0.280_085, 0.672_501, 0.047_413],
                    [-0.011_820, 0.042_940, 0.968_881],
                ],
            ),
            (
                "tritanopia",
                [
                    [1.255_528, -0.076_749, -0.178_779],
                    [-0.078_411, 0.930_809, 0.147_602],
                    [0.004_733, 0.691_367, 0.303_900],
                ],
            ),
        ];
        let (data, _) = crate::dataset::parse(include_str!("../../assets/concordat.json")).unwrap();
        for (name, matrix) in &visions {
            for (i, a) in data.statuses.iter().enumerate() {
                for b in &data.statuses[i + 1..] {
                    let la = seen_as(matrix, parse_hex(&a.colour).unwrap());
                    let lb = seen_as(matrix, parse_hex(&b.colour).unwrap());
                    let delta = ((la[0] - lb[0]).powi(2)
                        + (la[1] - lb[1]).powi(2)
                        + (la[2] - lb[2]).powi(2))
                    .sqrt();
                    assert!(delta >= 20.0, "{name}: {} vs {}: ΔE {delta:.1}", a.id, b.id);
                }
            }
        }
    }

    #[test]
    fn a_blend_says_how_much_ink_and_how_far_off() {
        let fill = [242, 177, 52];
        let black = [0, 0, 0];
        let plain = Blend::of([242.0, 177.0, 52.0], fill, black);
        assert!(plain.ink.abs() < 1e-9 && plain.off < 1e-9);
        // A fifth of the tile in black ink: 20% ink, on the line.
        let striped = Blend::of([193.6, 141.6, 41.6], fill, black);
        assert!(
            (striped.ink - 0.2).abs() < 1e-9 && striped.off < 1e-9,
            "{striped:?}"
        );
        // The map drawn in its boundary colour: nearly all "ink", off the line.
        let black_map = Blend::of([17.0, 17.0, 17.0], fill, black);
        assert!(
            black_map.ink > 0.85 && black_map.off > 10.0,
            "{black_map:?}"
        );
        // Another status's colour is far off this one's line.
        let green = Blend::of([27.0, 122.0, 62.0], fill, black);
        assert!(green.off > 60.0, "{green:?}");
        // Fill and ink alike: no line, so only the distance counts.
        let same = Blend::of([255.0, 255.0, 255.0], [255, 255, 255], [255, 255, 255]);
        assert_eq!(same, Blend { ink: 0.0, off: 0.0 });
    }

    #[test]
    fn hue_survives_mixing_with_black_or_white() {
        let (amber, s) = hue_saturation([242.0, 177.0, 52.0]);
        assert!((amber - 39.5).abs() < 0.1 && s > 0.7, "{amber} {s}");
        let (darker, _) = hue_saturation([121.0, 88.5, 26.0]);
        assert!(hue_distance(amber, darker) < 0.01);
        let (green, _) = hue_saturation([27.0, 122.0, 62.0]);
        let paler = [27.0, 122.0, 62.0].map(|c| c * 0.8 + 255.0 * 0.2);
        assert!(hue_distance(green, hue_saturation(paler).0) < 0.01);
        assert_eq!(hue_saturation([17.0, 17.0, 17.0]), (0.0, 0.0));
        assert_eq!(hue_distance(350.0, 10.0), 20.0);
        assert_eq!(hue_distance(10.0, 350.0), 20.0);
    }
}
