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
}
