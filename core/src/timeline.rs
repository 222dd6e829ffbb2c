//! Status over time. What never changes is gathered once (`Timeline::new`:
//! each area's dated events, in order); what depends on the chosen day is a
//! cheap pure snapshot (`Timeline::at`), so a date control, playback and a
//! chart can ask for any day.
//!
//! A snapshot also says *how* each status is known. Nothing records that an
//! area had *not* declared: an area counts as "no declaration yet" only
//! before the first day its own dated declaration could have happened (so
//! not during "December 2014", nor before a plan whose declaration is
//! undated); otherwise it is "not recorded yet" until a dated event (or a
//! national deadline) gives it a status. Events known to the month or year count from the last day they
//! could mean, as in `status::status_at`.

use crate::dataset::Dataset;
use crate::date::Day;

/// How an area's status on a day is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// A dated local event (or, for the first status, one still to come).
    Local,
    /// A deadline or a "by" date: reached by then, the day itself unknown.
    Bound,
    /// No local dated event says anything yet.
    NotRecordedYet,
    /// The dataset does not cover the area: nothing is known of it, ever.
    NotRecorded,
}

/// One area on one day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AreaAt {
    /// Index into the dataset's statuses; None while nothing is recorded.
    pub status: Option<usize>,
    /// Index into the dataset's events: what gave the status (None: none yet).
    pub event: Option<usize>,
    pub known: Known,
}

/// Every area on one day, in the order of the areas given to
/// `Timeline::new` (the model's), with the counts per status (areas not
/// recorded yet, and those the dataset does not cover, are counted apart).
/// Everything the map shows that depends on the day starts here; names,
/// shapes and facts stay in the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub day: Day,
    pub areas: Vec<AreaAt>,
    pub counts: Vec<usize>,
    pub not_recorded_yet: usize,
    pub not_recorded: usize,
}

impl Snapshot {
    /// How many areas had reached at least the status at `index` (statuses
    /// are in order of progress): the headline numbers.
    pub fn reached_at_least(&self, index: usize) -> usize {
        self.counts.iter().skip(index).sum()
    }
}

/// A dated event of one area: (the day it counts from, status, event index,
/// a bound).
type Step = (Day, usize, usize, bool);

#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    statuses: usize,
    /// Per area, in the order given to `new`: its dated events, by day.
    steps: Vec<Vec<Step>>,
    /// Per area: the first day its local, dated declaration (the second
    /// status) could have happened; before it, the first status is known.
    declared_from: Vec<Option<Day>>,
    /// Per area: whether the dataset covers it (and has statuses at all).
    covered: Vec<bool>,
}

impl Timeline {
    /// Gathers each area's dated events once; `codes` fixes the order of
    /// the areas in every snapshot.
    pub fn new(data: &Dataset, codes: &[String]) -> Timeline {
        let position: std::collections::HashMap<&str, usize> = codes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i))
            .collect();
        let mut steps: Vec<Vec<Step>> = vec![Vec::new(); codes.len()];
        let mut declared_from: Vec<Option<Day>> = vec![None; codes.len()];
        for (index, event) in data.events.iter().enumerate() {
            let (Some(date), Some(status)) = (event.date, data.status_index(&event.status)) else {
                continue;
            };
            let bound = event.bound || event.national;
            for code in data.event_areas(event) {
                let at = position.get(code.as_str()).copied();
                if let Some(list) = at.and_then(|a| steps.get_mut(a)) {
                    list.push((date.latest(), status, index, bound));
                }
                if let Some(first) = at.and_then(|a| declared_from.get_mut(a))
                    && !bound
                    && status == 1
                {
                    let from = date.earliest();
                    *first = Some(first.map_or(from, |d| d.min(from)));
                }
            }
        }
        for list in &mut steps {
            list.sort_by_key(|&(day, status, index, _)| (day, status, index));
        }
        let listed: std::collections::HashSet<&str> =
            data.areas.iter().map(|a| a.code.as_str()).collect();
        let covered = codes
            .iter()
            .map(|c| !data.statuses.is_empty() && listed.contains(c.as_str()))
            .collect();
        Timeline {
            statuses: data.statuses.len(),
            steps,
            declared_from,
            covered,
        }
    }

    /// Where every area stood on `day`.
    pub fn at(&self, day: Day) -> Snapshot {
        let mut counts = vec![0; self.statuses];
        let (mut not_recorded_yet, mut not_recorded) = (0, 0);
        let areas: Vec<AreaAt> = self
            .steps
            .iter()
            .zip(&self.declared_from)
            .zip(&self.covered)
            .map(|((steps, &declared_from), &covered)| {
                if !covered {
                    not_recorded += 1;
                    return AreaAt {
                        status: None,
                        event: None,
                        known: Known::NotRecorded,
                    };
                }
                // The furthest status reached, by its earliest event.
                let mut best: Option<&Step> = None;
                for step in steps.iter().take_while(|s| s.0 <= day) {
                    if best.is_none_or(|b| step.1 > b.1) {
                        best = Some(step);
                    }
                }
                let at = match best {
                    Some(&(_, status, event, bound)) => AreaAt {
                        status: Some(status),
                        event: Some(event),
                        known: if bound { Known::Bound } else { Known::Local },
                    },
                    None if declared_from.is_some_and(|from| day < from) => AreaAt {
                        status: Some(0),
                        event: None,
                        known: Known::Local,
                    },
                    None => AreaAt {
                        status: None,
                        event: None,
                        known: Known::NotRecordedYet,
                    },
                };
                match at.status.and_then(|s| counts.get_mut(s)) {
                    Some(count) => *count += 1,
                    None => not_recorded_yet += 1,
                }
                at
            })
            .collect();
        Snapshot {
            day,
            areas,
            counts,
            not_recorded_yet,
            not_recorded,
        }
    }

    /// Every day on which some area's status changes, in order: the steps
    /// of playback and of the chart.
    pub fn change_days(&self) -> Vec<Day> {
        let mut days: Vec<Day> = self.steps.iter().flatten().map(|s| s.0).collect();
        days.sort();
        days.dedup();
        days
    }

    /// The counts (and areas not recorded yet) on each change day: the
    /// chart's stepped series.
    pub fn series(&self) -> Vec<(Day, Vec<usize>, usize)> {
        self.change_days()
            .into_iter()
            .map(|day| {
                let snapshot = self.at(day);
                (day, snapshot.counts, snapshot.not_recorded_yet)
            })
            .collect()
    }
}

/// The day `at=` asks for: `YYYY-MM-DD`, or `YYYY-MM` and `YYYY` meaning
/// the last day of that month or year.
pub fn parse_at(text: &str) -> Result<Day, String> {
    text.trim()
        .parse::<crate::date::PartialDate>()
        .map(|d| d.latest())
        .map_err(|e| e.0)
}

/// `day` kept within `first ..= last`, with a note saying so when it was not.
pub fn clamp(day: Day, first: Day, last: Day) -> (Day, Option<String>) {
    let label = Day::label;
    if day < first {
        let note = format!(
            "The map starts on {}; {} is before that.",
            label(first),
            label(day)
        );
        (first, Some(note))
    } else if day > last {
        let note = format!(
            "The map goes up to {}; {} is after that.",
            label(last),
            label(day)
        );
        (last, Some(note))
    } else {
        (day, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::tests::sample;
    use crate::status::status_at;

    fn day(text: &str) -> Day {
        parse_at(text).unwrap()
    }

    fn codes(data: &Dataset) -> Vec<String> {
        data.areas.iter().map(|a| a.code.clone()).collect()
    }

    #[test]
    fn at_takes_a_day_a_month_or_a_year_and_refuses_junk() {
        assert_eq!(
            day("2014-11-30"),
            Day {
                year: 2014,
                month: 11,
                day: 30
            }
        );
        assert_eq!(
            day("2014-02"),
            Day {
                year: 2014,
                month: 2,
                day: 28
            }
        );
        assert_eq!(
            day(" 2015 "),
            Day {
                year: 2015,
                month: 12,
                day: 31
            }
        );
        for junk in [
            "",
            "yesterday",
            "2014-13",
            "2014-02-30",
            "14-12-31",
            "2014-12-31x",
        ] {
            assert!(parse_at(junk).is_err(), "{junk:?}");
        }
    }

    #[test]
    fn clamping_says_so() {
        let (first, last) = (day("2014-02-18"), day("2026-11-29"));
        assert_eq!(
            clamp(day("2015-03-31"), first, last),
            (day("2015-03-31"), None)
        );
        let (early, note) = clamp(day("2010"), first, last);
        assert_eq!(early, first);
        assert!(note.unwrap().contains("starts on 18 February 2014"));
        let (late, note) = clamp(day("2030-01-01"), first, last);
        assert_eq!(late, last);
        assert!(note.unwrap().contains("goes up to 29 November 2026"));
    }

    #[test]
    fn snapshots_agree_with_status_at_on_every_day_that_matters() {
        let data = sample();
        let codes = codes(&data);
        let timeline = Timeline::new(&data, &codes);
        let mut days = timeline.change_days();
        days.extend(["2013", "2014-11-30", "2014-12-30", "2020"].map(day));
        for at in days {
            let snapshot = timeline.at(at);
            for (area, code) in snapshot.areas.iter().zip(&codes) {
                let reached = status_at(&data, code, at);
                assert_eq!(area.status.unwrap_or(0), reached.status, "{code} at {at:?}");
                let event = reached
                    .event
                    .map(|e| data.events.iter().position(|x| x == e));
                assert_eq!(area.event.map(Some), event, "{code} at {at:?}");
            }
        }
    }

    #[test]
    fn an_area_without_local_dates_is_not_recorded_until_a_deadline() {
        // The sample: Surrey has a dated local plan (December 2014) but an
        // undated declaration, and the national declaration bound (31
        // December 2014); Kent a local declaration on 10 February 2015.
        let mut data = sample();
        let codes = codes(&data);
        let index = |code: &str| codes.iter().position(|c| c == code).unwrap();
        let known = |s: &Snapshot, code: &str| s.areas[index(code)].known;
        let timeline = Timeline::new(&data, &codes);
        let before = timeline.at(day("2014-11-30"));
        assert_eq!(
            known(&before, "E10000030"),
            Known::NotRecordedYet,
            "Surrey: a plan date is no declaration date"
        );
        assert_eq!(
            known(&before, "E10000016"),
            Known::Local,
            "Kent: before its declaration"
        );
        let end = timeline.at(day("2014-12-31"));
        let id = |at: AreaAt| at.status.map(|s| data.statuses[s].id.as_str());
        let surrey = end.areas[index("E10000030")];
        assert_eq!((id(surrey), surrey.known), (Some("plan"), Known::Local));
        let glos = end.areas[index("E10000013")];
        assert_eq!((id(glos), glos.known), (Some("declared"), Known::Bound));
        // Counts leave out what is not recorded yet.
        for snapshot in [&before, &end] {
            let counted: usize = snapshot.counts.iter().sum();
            assert_eq!(counted + snapshot.not_recorded_yet, codes.len());
        }
        // Known only to the month, a declaration leaves that month unknown.
        for e in data
            .events
            .iter_mut()
            .filter(|e| e.id == "kent-declaration")
        {
            e.date = "2015-02".parse().ok();
        }
        let timeline = Timeline::new(&data, &codes);
        assert_eq!(
            known(&timeline.at(day("2015-01-31")), "E10000016"),
            Known::Local
        );
        assert_eq!(
            known(&timeline.at(day("2015-02-09")), "E10000016"),
            Known::NotRecordedYet
        );
        // With nothing local at all, nothing is known before a deadline.
        data.events.retain(|e| e.id != "kent-declaration");
        let timeline = Timeline::new(&data, &codes);
        assert_eq!(
            known(&timeline.at(day("2014-11-30")), "E10000016"),
            Known::NotRecordedYet
        );
    }

    #[test]
    fn the_series_is_the_counts_on_each_change_day() {
        let data = sample();
        let timeline = Timeline::new(&data, &codes(&data));
        let series = timeline.series();
        assert_eq!(series.len(), timeline.change_days().len());
        assert!(series.windows(2).all(|w| w[0].0 < w[1].0));
        for (at, counts, unknown) in series {
            let snapshot = timeline.at(at);
            assert_eq!(
                (counts, unknown),
                (snapshot.counts, snapshot.not_recorded_yet)
            );
        }
    }

    #[test]
    fn an_area_the_dataset_does_not_cover_is_not_recorded_on_any_day() {
        let data = sample();
        let mut codes = codes(&data);
        codes.push("E99999999".into());
        let timeline = Timeline::new(&data, &codes);
        for at in ["2013", "2014-12-31", "2020"].map(day) {
            let snapshot = timeline.at(at);
            let last = snapshot.areas[codes.len() - 1];
            assert_eq!((last.status, last.known), (None, Known::NotRecorded));
            assert_eq!(snapshot.not_recorded, 1);
            let counted: usize = snapshot.counts.iter().sum();
            assert_eq!(counted + snapshot.not_recorded_yet + 1, codes.len());
            assert_eq!(snapshot.reached_at_least(0), counted);
            assert_eq!(
                snapshot.reached_at_least(1),
                snapshot
                    .areas
                    .iter()
                    .filter(|a| a.status >= Some(1))
                    .count()
            );
        }
    }
}
