//! Dates at the precision a source gives: a year, a month or a day.
//!
//! A source that says "December 2014" tells us the event happened some day in
//! that month; such a date is *certain* by its last day, which is what status
//! derivation needs.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar day, ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// Days since 1 January 1970 (negative before): for placing days on a
    /// line and counting between them.
    pub fn ordinal(self) -> i64 {
        // Howard Hinnant's days_from_civil, on the proleptic Gregorian calendar.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// "31 December 2014": how the page says a day.
    pub fn label(self) -> String {
        PartialDate::from(self).label()
    }

    /// "2014-12-31": how an address and a date field say it.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date known to a year, a month or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl PartialDate {
    /// The first day the date could mean.
    pub fn earliest(&self) -> Day {
        Day {
            year: self.year,
            month: self.month.unwrap_or(1),
            day: self.day.unwrap_or(1),
        }
    }

    /// The last day the date could mean: by then the event had certainly happened.
    pub fn latest(&self) -> Day {
        let month = self.month.unwrap_or(12);
        Day {
            year: self.year,
            month,
            day: self.day.unwrap_or_else(|| days_in_month(self.year, month)),
        }
    }

    /// "31 December 2014", "December 2014" or "2014".
    pub fn label(&self) -> String {
        let month_name = |m: u8| {
            MONTHS
                .get(usize::from(m).wrapping_sub(1))
                .copied()
                .unwrap_or("?")
        };
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", month_name(m), self.year),
            (Some(m), None) => format!("{} {}", month_name(m), self.year),
            _ => self.year.to_string(),
        }
    }
}

impl From<Day> for PartialDate {
    fn from(day: Day) -> Self {
        PartialDate {
            year: day.year,
            month: Some(day.month),
            day: Some(day.day),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    /// Accepts `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and only real calendar dates.
    fn from_str(text: &str) -> Result<Self, DateError> {
        let bad = || {
            DateError(format!(
                "\"{text}\" is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
            ))
        };
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, len: usize| -> Result<u16, DateError> {
            if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let year = number(parts.first().copied().unwrap_or(""), 4)?;
        let month = match parts.get(1) {
            Some(m) => Some(u8::try_from(number(m, 2)?).map_err(|_| bad())?),
            None => None,
        };
        let day = match parts.get(2) {
            Some(d) => Some(u8::try_from(number(d, 2)?).map_err(|_| bad())?),
            None => None,
        };
        if parts.len() > 3 || year == 0 {
            return Err(bad());
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError(format!("\"{text}\" has no month {m}")));
            }
            if let Some(d) = day
                && (d == 0 || d > days_in_month(year, m))
            {
                return Err(DateError(format!(
                    "\"{text}\" is not a day: {} {year} has {} days",
                    MONTHS.get(usize::from(m) - 1).unwrap_or(&""),
                    days_in_month(year, m)
                )));
            }
        }
        Ok(PartialDate { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn ordinals_count_days() {
        let day = |y, m, d| Day {
            year: y,
            month: m,
            day: d,
        };
        assert_eq!(day(1970, 1, 1).ordinal(), 0);
        assert_eq!(day(2014, 12, 31).ordinal() - day(2014, 1, 1).ordinal(), 364);
        assert_eq!(day(2016, 3, 1).ordinal() - day(2016, 2, 28).ordinal(), 2);
        assert_eq!(day(2000, 3, 1).ordinal() - day(2000, 2, 28).ordinal(), 2);
        assert_eq!(day(2100, 3, 1).ordinal() - day(2100, 2, 28).ordinal(), 1);
    }

    use super::*;

    fn date(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    #[test]
    fn parses_each_precision_and_round_trips() {
        for text in ["2014", "2014-12", "2014-12-31", "2016-02-29"] {
            assert_eq!(date(text).to_string(), text);
        }
    }

    #[test]
    fn rejects_impossible_or_malformed_dates() {
        for text in [
            "",
            "14",
            "2014-13",
            "2014-00",
            "2014-02-30",
            "2015-02-29",
            "2014-1-05",
            "2014-12-31-1",
            "31/12/2014",
            "2014-12-3x",
            "0000",
        ] {
            assert!(
                text.parse::<PartialDate>().is_err(),
                "{text:?} was accepted"
            );
        }
    }

    #[test]
    fn a_date_is_certain_by_the_end_of_its_period() {
        assert_eq!(date("2014").latest(), date("2014-12-31").earliest());
        assert_eq!(date("2014-02").latest(), date("2014-02-28").earliest());
        assert_eq!(date("2016-02").latest(), date("2016-02-29").earliest());
        assert_eq!(date("2015-05").earliest(), date("2015-05-01").earliest());
    }

    #[test]
    fn labels_say_only_what_is_known() {
        assert_eq!(date("2014-12-31").label(), "31 December 2014");
        assert_eq!(date("2015-05").label(), "May 2015");
        assert_eq!(date("2014").label(), "2014");
    }

    #[test]
    fn deserialises_from_json_strings_with_a_clear_error() {
        let ok: PartialDate = serde_json::from_str("\"2014-10-08\"").unwrap();
        assert_eq!(ok, date("2014-10-08"));
        let err = serde_json::from_str::<PartialDate>("\"2014-02-30\"").unwrap_err();
        assert!(
            err.to_string().contains("February 2014 has 28 days"),
            "{err}"
        );
    }

    #[test]
    fn a_day_is_spelled_for_the_page_and_for_an_address() {
        let day = Day {
            year: 2014,
            month: 2,
            day: 8,
        };
        assert_eq!(day.label(), "8 February 2014");
        assert_eq!(day.iso(), "2014-02-08");
        assert_eq!(
            day.iso().parse::<PartialDate>().ok().map(|d| d.latest()),
            Some(day)
        );
    }
}
