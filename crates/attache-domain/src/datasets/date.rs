//! Dates as external data sets write them, partial ones included: `1980-01-14`,
//! `1980-01-xx` (month known), `1980-xx-xx` or `1980` (year known), `1/14/80`,
//! `14/1/1980`, `19800114`, or separate year, month and day columns.
//!
//! A part that is unknown is written with `x` or `?` (`xx`, `XX`, `??`), as zeros (`00`),
//! or left empty. A date keeps how much of it is known ([`Precision`]); its day is the
//! first of what is known. Nothing is guessed: a day without a month, a month 13 or a
//! 30 February is refused with the reason.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

vocabulary!(
    /// How much of a date the source gave.
    Precision, "a date precision" {
    Day => "day",
    Month => "month",
    Year => "year",
});

/// The order of a date written with slashes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SlashOrder {
    /// `1/14/80`: month, day, year (the American order, and the default).
    #[default]
    Mdy,
    /// `14/1/80`: day, month, year.
    Dmy,
}

/// How a data set writes its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRules {
    pub order: SlashOrder,
    /// A two-digit year is the latest year ending in those digits that is not after this
    /// one: with 2029, `80` is 1980, `29` is 2029 and `30` is 1930.
    pub latest_year: i32,
}

/// The default latest year of a two-digit year: a fixed year, not today's, so that a
/// file reads the same whenever it is imported.
pub const LATEST_YEAR: i32 = 2029;

impl Default for DateRules {
    fn default() -> Self {
        DateRules {
            order: SlashOrder::Mdy,
            latest_year: LATEST_YEAR,
        }
    }
}

/// A date with how much of it is known; `date` is the first day of that span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub date: NaiveDate,
    pub precision: Precision,
}

impl PartialDate {
    /// A date in one cell.
    pub fn parse(raw: &str, rules: &DateRules) -> Result<PartialDate, String> {
        let text = raw.trim();
        let bad = || {
            format!(
                "'{raw}' is not a date: write YYYY-MM-DD (YYYY-MM-xx, YYYY-xx-xx or YYYY when \
                 partial), YYYYMMDD, or with slashes ({})",
                match rules.order {
                    SlashOrder::Mdy => "M/D/YY or M/D/YYYY",
                    SlashOrder::Dmy => "D/M/YY or D/M/YYYY",
                }
            )
        };
        if text.contains('/') {
            let parts: Vec<&str> = text.split('/').collect();
            let (month, day, year) = match (parts.as_slice(), rules.order) {
                ([m, d, y], SlashOrder::Mdy) | ([d, m, y], SlashOrder::Dmy) => (*m, Some(*d), *y),
                ([m, y], _) => (*m, None, *y),
                _ => return Err(bad()),
            };
            let year = year_of(year, rules)?.ok_or_else(bad)?;
            return assemble(year, Some(month), day);
        }
        if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
            let year = year_of(&text[..4], rules)?.ok_or_else(bad)?;
            return assemble(year, Some(&text[4..6]), Some(&text[6..]));
        }
        let parts: Vec<&str> = text.split('-').collect();
        match parts.as_slice() {
            [y] | [y, _] | [y, _, _] if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => {
                let year = year_of(y, rules)?.ok_or_else(bad)?;
                assemble(year, parts.get(1).copied(), parts.get(2).copied())
            }
            _ => Err(bad()),
        }
    }

    /// A date in separate year, month and day cells (month and day may be absent).
    pub fn from_parts(
        year: &str,
        month: Option<&str>,
        day: Option<&str>,
        rules: &DateRules,
    ) -> Result<PartialDate, String> {
        let year = year_of(year, rules)?.ok_or_else(|| "the year is missing".to_owned())?;
        assemble(year, month, day)
    }
}

/// A part written as unknown: empty, `x`s or `?`s, or zeros.
fn unknown(part: &str) -> bool {
    let part = part.trim();
    part.is_empty()
        || part.chars().all(|c| matches!(c, 'x' | 'X' | '?'))
        || part.chars().all(|c| c == '0')
}

/// A number of one to four digits, or `None` when unknown.
fn number(part: &str, what: &str) -> Result<Option<u32>, String> {
    let part = part.trim();
    if unknown(part) {
        return Ok(None);
    }
    match part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit()) {
        true => Ok(part.parse().ok()),
        false => Err(format!("'{part}' is not a {what}")),
    }
}

/// The year a cell gives, two-digit years by the rule of [`DateRules::latest_year`].
fn year_of(part: &str, rules: &DateRules) -> Result<Option<i32>, String> {
    let digits = part.trim().len();
    let Some(year) = number(part, "year")? else {
        return Ok(None);
    };
    let year = year as i32;
    match digits {
        4 => Ok(Some(year)),
        2 => {
            let century = rules.latest_year - rules.latest_year.rem_euclid(100);
            let candidate = century + year;
            Ok(Some(match candidate > rules.latest_year {
                true => candidate - 100,
                false => candidate,
            }))
        }
        _ => Err(format!(
            "'{}' is not a year: write four digits, or two",
            part.trim()
        )),
    }
}

fn assemble(year: i32, month: Option<&str>, day: Option<&str>) -> Result<PartialDate, String> {
    let month = month.map(|m| number(m, "month")).transpose()?.flatten();
    let day = day.map(|d| number(d, "day")).transpose()?.flatten();
    if let Some(m) = month
        && !(1..=12).contains(&m)
    {
        return Err(format!("month {m} is not 1 to 12"));
    }
    let (month, day, precision) = match (month, day) {
        (Some(m), Some(d)) => (m, d, Precision::Day),
        (Some(m), None) => (m, 1, Precision::Month),
        (None, None) => (1, 1, Precision::Year),
        (None, Some(d)) => {
            return Err(format!(
                "day {d} is given without its month: a date is not guessed"
            ));
        }
    };
    let date = NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("{year}-{month:02}-{day:02} is not a day of the calendar"))?;
    Ok(PartialDate { date, precision })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn parse(raw: &str) -> Result<(String, Precision), String> {
        PartialDate::parse(raw, &DateRules::default()).map(|d| (d.date.to_string(), d.precision))
    }

    fn ok(date: &str, precision: Precision) -> Result<(String, Precision), String> {
        Ok((date.to_owned(), precision))
    }

    #[test]
    fn every_written_form_of_a_whole_date() {
        assert_eq!(parse("1980-01-14"), ok("1980-01-14", Precision::Day));
        assert_eq!(parse(" 1980-1-4 "), ok("1980-01-04", Precision::Day));
        assert_eq!(parse("19800114"), ok("1980-01-14", Precision::Day));
        assert_eq!(parse("1/14/80"), ok("1980-01-14", Precision::Day));
        assert_eq!(parse("01/14/1980"), ok("1980-01-14", Precision::Day));
        let dmy = DateRules {
            order: SlashOrder::Dmy,
            ..DateRules::default()
        };
        let d = PartialDate::parse("14/1/80", &dmy).unwrap();
        assert_eq!(
            (d.date.to_string(), d.precision),
            ("1980-01-14".into(), Precision::Day)
        );
    }

    #[test]
    fn partial_dates_keep_their_precision() {
        assert_eq!(parse("1980-01-xx"), ok("1980-01-01", Precision::Month));
        assert_eq!(parse("1980-01-XX"), ok("1980-01-01", Precision::Month));
        assert_eq!(parse("1980-01-??"), ok("1980-01-01", Precision::Month));
        assert_eq!(parse("1980-01-00"), ok("1980-01-01", Precision::Month));
        assert_eq!(parse("1980-01"), ok("1980-01-01", Precision::Month));
        assert_eq!(parse("1980-xx-xx"), ok("1980-01-01", Precision::Year));
        assert_eq!(parse("1980"), ok("1980-01-01", Precision::Year));
        assert_eq!(parse("19800100"), ok("1980-01-01", Precision::Month));
        assert_eq!(parse("1/xx/80"), ok("1980-01-01", Precision::Month));
        assert_eq!(parse("3/1980"), ok("1980-03-01", Precision::Month));
        let rules = DateRules::default();
        let parts = |y, m, d| {
            PartialDate::from_parts(y, m, d, &rules).map(|p| (p.date.to_string(), p.precision))
        };
        assert_eq!(
            parts("1980", Some("7"), Some("")),
            ok("1980-07-01", Precision::Month)
        );
        assert_eq!(parts("1980", None, None), ok("1980-01-01", Precision::Year));
        assert_eq!(
            parts("1980", Some("7"), Some("31")),
            ok("1980-07-31", Precision::Day)
        );
    }

    #[test]
    fn two_digit_years_are_the_latest_not_after_the_rule_year() {
        assert_eq!(parse("1/14/80").unwrap().0, "1980-01-14");
        assert_eq!(parse("1/14/29").unwrap().0, "2029-01-14");
        assert_eq!(parse("1/14/30").unwrap().0, "1930-01-14");
        let rules = DateRules {
            latest_year: 1999,
            ..DateRules::default()
        };
        let d = PartialDate::parse("6/1/05", &rules).unwrap();
        assert_eq!(d.date.to_string(), "1905-06-01");
    }

    #[test]
    fn bad_dates_are_refused_with_the_reason() {
        let reason = |raw: &str| parse(raw).unwrap_err();
        assert!(
            reason("1980-13-01").contains("month 13"),
            "{}",
            reason("1980-13-01")
        );
        assert!(reason("1980-02-30").contains("not a day of the calendar"));
        assert!(reason("1980-xx-14").contains("without its month"));
        assert!(
            reason("14/1/80").contains("month 14"),
            "{}",
            reason("14/1/80")
        );
        assert!(reason("soon").contains("is not a date"));
        assert!(reason("").contains("is not a date"));
        assert!(reason("80-01-14").contains("is not a date"));
        assert!(reason("1/14/198").contains("is not a year"));
        assert!(reason("1980-0a-01").contains("'0a' is not a month"));
        let rules = DateRules::default();
        assert!(
            PartialDate::from_parts("", Some("1"), None, &rules)
                .unwrap_err()
                .contains("year is missing")
        );
    }
}
