//! The progress chart, as numbers and SVG path data: for each status after
//! the first, a stepped line of how many areas had reached at least it,
//! day by day over the dataset's span, with the national milestones and the
//! chosen day placed on the same axis. The component only draws these.

use crate::date::Day;
use crate::timeline::Timeline;

/// The chart's drawing area, in SVG user units.
pub const WIDTH: f64 = 600.0;
pub const HEIGHT: f64 = 160.0;

/// Where a day falls across the chart, from 0 (`first`) to `WIDTH` (`last`).
pub fn x_of(day: Day, first: Day, last: Day) -> f64 {
    let span = (last.ordinal() - first.ordinal()).max(0);
    let offset = (day.ordinal() - first.ordinal()).max(0).min(span);
    offset as f64 / span.max(1) as f64 * WIDTH
}

/// The change day nearest to `x` across the chart (for a click on it).
pub fn day_at(x: f64, days: &[Day], first: Day, last: Day) -> Option<Day> {
    days.iter().copied().min_by(|a, b| {
        let (da, db) = (
            (x_of(*a, first, last) - x).abs(),
            (x_of(*b, first, last) - x).abs(),
        );
        da.total_cmp(&db)
    })
}

/// One line per status after the first: (status index, path data), and the
/// rows behind them: each change day with how many areas had reached at
/// least each status, and how many were not recorded yet.
pub struct Progress {
    pub lines: Vec<(usize, String)>,
    pub rows: Vec<(Day, Vec<usize>, usize)>,
}

/// The chart for `timeline` between `first` and `last`, for `total` areas.
pub fn progress(
    timeline: &Timeline,
    statuses: usize,
    total: usize,
    first: Day,
    last: Day,
) -> Progress {
    let rows: Vec<(Day, Vec<usize>, usize)> = timeline
        .series()
        .into_iter()
        .filter(|(day, _, _)| (first..=last).contains(day))
        .map(|(day, counts, unknown)| {
            // "Reached at least": each status counts those beyond it too.
            let at_least = (0..statuses)
                .map(|i| counts.iter().skip(i).sum::<usize>())
                .collect();
            (day, at_least, unknown)
        })
        .collect();
    let y = |n: usize| HEIGHT - n as f64 / total.max(1) as f64 * HEIGHT;
    let lines = (1..statuses)
        .map(|i| {
            let mut d = format!("M0 {:.1}", y(0));
            for (day, at_least, _) in &rows {
                let n = at_least.get(i).copied().unwrap_or(0);
                d.push_str(&format!("H{:.1}V{:.1}", x_of(*day, first, last), y(n)));
            }
            d.push_str(&format!("H{WIDTH:.1}"));
            (i, d)
        })
        .collect();
    Progress { lines, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::tests::sample;
    use crate::timeline::parse_at;

    fn day(text: &str) -> Day {
        parse_at(text).unwrap()
    }

    #[test]
    fn days_fall_along_the_axis_in_order() {
        let (first, last) = (day("2014-01-01"), day("2014-12-31"));
        assert_eq!(x_of(first, first, last), 0.0);
        assert_eq!(x_of(last, first, last), WIDTH);
        let mid = x_of(day("2014-07-02"), first, last);
        assert!((mid - WIDTH / 2.0).abs() < 2.0, "{mid}");
        assert_eq!(x_of(day("2010"), first, last), 0.0, "clamped");
        let days = [day("2014-03-01"), day("2014-10-01")];
        assert_eq!(day_at(0.0, &days, first, last), Some(days[0]));
        assert_eq!(day_at(WIDTH, &days, first, last), Some(days[1]));
        assert_eq!(day_at(1.0, &[], first, last), None);
        // A span given backwards places everything at the start, never panics.
        assert_eq!(x_of(first, last, first), 0.0);
    }

    #[test]
    fn the_lines_step_up_to_the_counts_on_each_change_day() {
        let data = sample();
        let codes: Vec<String> = data.areas.iter().map(|a| a.code.clone()).collect();
        let timeline = Timeline::new(&data, &codes);
        let (first, last) = (day("2014-01-01"), day("2016"));
        let chart = progress(&timeline, data.statuses.len(), codes.len(), first, last);
        assert_eq!(chart.lines.len(), data.statuses.len() - 1);
        for (at, at_least, unknown) in &chart.rows {
            let snapshot = timeline.at(*at);
            assert_eq!(*unknown, snapshot.not_recorded_yet);
            for (i, n) in at_least.iter().enumerate() {
                assert_eq!(
                    *n,
                    snapshot.counts[i..].iter().sum::<usize>(),
                    "status {i} at {at:?}"
                );
            }
        }
        // By 2016 every sample area had declared: the declared line ends at the top.
        let (_, declared) = &chart.lines[0];
        assert!(
            declared.ends_with(&format!("V{:.1}H{WIDTH:.1}", 0.0)),
            "{declared}"
        );
    }

    #[test]
    fn an_area_the_dataset_does_not_cover_is_in_no_line_and_not_recorded_yet_never() {
        let data = sample();
        let mut codes: Vec<String> = data.areas.iter().map(|a| a.code.clone()).collect();
        codes.push("E99999999".into());
        let timeline = Timeline::new(&data, &codes);
        let chart = progress(
            &timeline,
            data.statuses.len(),
            codes.len(),
            day("2014-01-01"),
            day("2016"),
        );
        for (at, at_least, unknown) in &chart.rows {
            // Every covered area is in the first line or not recorded yet;
            // the uncovered one is in neither.
            assert_eq!(at_least[0] + unknown, codes.len() - 1, "at {at:?}");
        }
    }
}
