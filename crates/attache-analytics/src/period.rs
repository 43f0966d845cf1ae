//! Months, quarters and years: the buckets intensities are counted in.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Month,
    Quarter,
    Year,
}

impl Granularity {
    pub fn parse(raw: &str) -> Option<Granularity> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "month" => Some(Granularity::Month),
            "quarter" => Some(Granularity::Quarter),
            "year" => Some(Granularity::Year),
            _ => None,
        }
    }

    fn per_year(self) -> i32 {
        match self {
            Granularity::Month => 12,
            Granularity::Quarter => 4,
            Granularity::Year => 1,
        }
    }
}

/// One month, quarter or year. Periods of one granularity are ordered in time, and each
/// has a next one, so a series can be filled with the periods that had no engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Period {
    pub granularity: Granularity,
    pub year: i32,
    /// 1–12 for a month, 1–4 for a quarter, 1 for a year.
    pub index: u8,
}

impl Period {
    pub fn of(date: NaiveDate, granularity: Granularity) -> Period {
        let index = match granularity {
            Granularity::Month => date.month(),
            Granularity::Quarter => date.month0() / 3 + 1,
            Granularity::Year => 1,
        };
        Period {
            granularity,
            year: date.year(),
            index: index as u8,
        }
    }

    /// Periods counted from year 0, so that neighbours differ by one.
    pub(crate) fn ordinal(self) -> i64 {
        i64::from(self.year) * i64::from(self.granularity.per_year()) + i64::from(self.index) - 1
    }

    pub(crate) fn from_ordinal(granularity: Granularity, ordinal: i64) -> Period {
        let per_year = i64::from(granularity.per_year());
        Period {
            granularity,
            year: ordinal.div_euclid(per_year) as i32,
            index: (ordinal.rem_euclid(per_year) + 1) as u8,
        }
    }

    pub fn offset(self, periods: i64) -> Period {
        Period::from_ordinal(self.granularity, self.ordinal() + periods)
    }

    /// Every period from `self` to `last`, both included (empty when `last` is earlier).
    pub fn through(self, last: Period) -> impl Iterator<Item = Period> {
        let granularity = self.granularity;
        (self.ordinal()..=last.ordinal()).map(move |o| Period::from_ordinal(granularity, o))
    }
}

impl fmt::Display for Period {
    /// `2026-03`, `2026-Q1`, `2026`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.granularity {
            Granularity::Month => write!(f, "{}-{:02}", self.year, self.index),
            Granularity::Quarter => write!(f, "{}-Q{}", self.year, self.index),
            Granularity::Year => write!(f, "{}", self.year),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_date_falls_in_its_month_quarter_and_year() {
        let date = day(2026, 11, 25);
        assert_eq!(Period::of(date, Granularity::Month).to_string(), "2026-11");
        assert_eq!(
            Period::of(date, Granularity::Quarter).to_string(),
            "2026-Q4"
        );
        assert_eq!(Period::of(date, Granularity::Year).to_string(), "2026");
    }

    #[test]
    fn periods_step_across_year_ends() {
        let dec = Period::of(day(2025, 12, 1), Granularity::Month);
        assert_eq!(dec.offset(1).to_string(), "2026-01");
        assert_eq!(dec.offset(-12).to_string(), "2024-12");
        let q = Period::of(day(2026, 2, 1), Granularity::Quarter);
        let names: Vec<String> = q.offset(-2).through(q).map(|p| p.to_string()).collect();
        assert_eq!(names, ["2025-Q3", "2025-Q4", "2026-Q1"]);
        assert_eq!(q.through(q.offset(-1)).count(), 0);
    }
}
