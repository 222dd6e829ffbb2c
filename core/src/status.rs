//! An area's status at a date, derived from the dated events that cover it.

use crate::dataset::{Dataset, Event};
use crate::date::Day;

/// The furthest status an area had certainly reached by a date, and the event
/// that brought it there (None: no event yet, so the first status).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reached<'a> {
    pub status: usize,
    pub event: Option<&'a Event>,
}

/// An event counts once its date is certain: "December 2014" counts from
/// 31 December 2014; an undated event never counts. Of equal statuses the
/// earliest event wins, so the panel can say since when. Events with an
/// unknown status are skipped (validation reports them).
pub fn status_at<'a>(data: &'a Dataset, area: &str, at: Day) -> Reached<'a> {
    let mut best = Reached {
        status: 0,
        event: None,
    };
    for event in &data.events {
        let Some(date) = event.date else {
            continue;
        };
        if date.latest() > at || !data.event_areas(event).iter().any(|a| a == area) {
            continue;
        }
        let Some(status) = data.status_index(&event.status) else {
            continue;
        };
        let better = match best.event {
            None => true,
            Some(current) => {
                let current_date = current.date.map(|d| d.latest());
                status > best.status
                    || (status == best.status && Some(date.latest()) < current_date)
            }
        };
        if better {
            best = Reached {
                status,
                event: Some(event),
            };
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::tests::sample;

    fn day(text: &str) -> Day {
        text.parse::<crate::date::PartialDate>().unwrap().earliest()
    }

    fn status_id(data: &Dataset, area: &str, at: &str) -> String {
        data.statuses[status_at(data, area, day(at)).status]
            .id
            .clone()
    }

    #[test]
    fn status_follows_the_events_in_time() {
        let data = sample();
        let cases = [
            ("E10000030", "2014-11-30", "none"),
            // The plan event is dated "2014-12": certain only from the 31st.
            ("E10000030", "2014-12-30", "none"),
            ("E10000030", "2014-12-31", "plan"),
            ("E10000013", "2014-12-31", "declared"),
            ("E10000013", "2020-01-01", "declared"),
            ("E10000016", "2015-02-09", "none"),
            ("E10000016", "2015-02-10", "declared"),
            ("E99999999", "2020-01-01", "none"),
        ];
        for (area, at, expected) in cases {
            assert_eq!(status_id(&data, area, at), expected, "{area} at {at}");
        }
    }

    #[test]
    fn names_the_event_that_gave_the_status() {
        let data = sample();
        let reached = status_at(&data, "E10000030", day("2015-01-01"));
        assert_eq!(reached.event.map(|e| e.id.as_str()), Some("green"));
        assert_eq!(status_at(&data, "E10000016", day("2015-01-01")).event, None);
    }

    #[test]
    fn an_event_with_an_unknown_status_is_ignored() {
        let mut data = sample();
        data.events[1].status = "mystery".into();
        assert_eq!(status_id(&data, "E10000030", "2015-01-01"), "declared");
    }
}
