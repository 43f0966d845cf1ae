//! Assessment, monitoring and evaluation: the outcome rating an assessment records, an
//! indicator's measured value, and when an assessment falls due.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::FieldError;

vocabulary!(
    /// How far an assessed activity met what it was for: an ordinal scale of four steps,
    /// scored 1 (not met) to 4 (exceeded) so that ratings can be averaged.
    OutcomeRating, "an outcome rating" {
    NotMet => "not_met",
    PartlyMet => "partly_met",
    Met => "met",
    Exceeded => "exceeded",
});

impl OutcomeRating {
    /// Its place on the scale, 1 to 4.
    pub fn score(self) -> u8 {
        match self {
            OutcomeRating::NotMet => 1,
            OutcomeRating::PartlyMet => 2,
            OutcomeRating::Met => 3,
            OutcomeRating::Exceeded => 4,
        }
    }

    pub fn from_score(score: i64) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|r| i64::from(r.score()) == score)
    }

    pub fn words(self) -> &'static str {
        match self {
            OutcomeRating::NotMet => "not met",
            OutcomeRating::PartlyMet => "partly met",
            OutcomeRating::Met => "met",
            OutcomeRating::Exceeded => "exceeded",
        }
    }
}

/// An assessment falls due this many days after the activity ends: time enough for the
/// after-action report and the partner's feedback.
pub const ASSESSMENT_DUE_DAYS: i64 = 30;

/// The day the assessment of an activity that ended on `end` falls due.
pub fn assessment_due(end: NaiveDate) -> NaiveDate {
    end + Duration::days(ASSESSMENT_DUE_DAYS)
}

/// One measurement of an objective's indicator: its value on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorReading {
    /// The indicator's name, as the objective lists it.
    pub indicator: String,
    pub value: f64,
    pub measured_on: NaiveDate,
}

impl IndicatorReading {
    /// Checks the reading against the objective's indicators and the day it is recorded:
    /// a value measured later than today has not been measured.
    pub fn check(&self, indicators: &[&str], today: NaiveDate) -> Result<(), FieldError> {
        if !indicators.contains(&self.indicator.as_str()) {
            let known = match indicators {
                [] => "it has none".to_owned(),
                _ => format!("it has {}", indicators.join(", ")),
            };
            return Err(FieldError::new(
                "indicator",
                format!(
                    "'{}' is not an indicator of this objective: {known}",
                    self.indicator
                ),
            ));
        }
        if !self.value.is_finite() {
            return Err(FieldError::new("value", "must be a number"));
        }
        if self.measured_on > today {
            return Err(FieldError::new(
                "measured_on",
                format!(
                    "{} is after today ({today}): record what was measured",
                    self.measured_on
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_scale_is_ordered_and_round_trips_by_score() {
        let scores: Vec<u8> = OutcomeRating::ALL.iter().map(|r| r.score()).collect();
        assert_eq!(scores, [1, 2, 3, 4]);
        for r in OutcomeRating::ALL {
            assert_eq!(OutcomeRating::from_score(i64::from(r.score())), Some(*r));
            assert_eq!(OutcomeRating::parse("rating", r.as_str()), Ok(*r));
        }
        assert_eq!(OutcomeRating::from_score(5), None);
        assert!(OutcomeRating::NotMet < OutcomeRating::Exceeded);
        let err = OutcomeRating::parse("rating", "great").unwrap_err();
        assert!(
            err.reason.contains("not_met, partly_met, met, exceeded"),
            "{err}"
        );
    }

    #[test]
    fn assessments_fall_due_thirty_days_after_the_end() {
        assert_eq!(assessment_due(day("2026-01-15")), day("2026-02-14"));
    }

    #[test]
    fn a_reading_names_a_known_indicator_a_number_and_a_past_day() {
        let today = day("2026-06-01");
        let reading = |name: &str, value: f64, on: &str| IndicatorReading {
            indicator: name.into(),
            value,
            measured_on: day(on),
        };
        let names = ["Port visits", "Exchanges"];
        assert!(
            reading("Port visits", 3.0, "2026-06-01")
                .check(&names, today)
                .is_ok()
        );
        let unknown = reading("Visits", 3.0, "2026-05-01")
            .check(&names, today)
            .unwrap_err();
        assert_eq!(unknown.field, "indicator");
        assert!(
            unknown.reason.contains("Port visits, Exchanges"),
            "{unknown}"
        );
        let nan = reading("Exchanges", f64::NAN, "2026-05-01").check(&names, today);
        assert_eq!(nan.unwrap_err().field, "value");
        let later = reading("Exchanges", 1.0, "2026-06-02").check(&names, today);
        assert_eq!(later.unwrap_err().field, "measured_on");
        assert!(
            reading("x", 1.0, "2026-01-01")
                .check(&[], today)
                .unwrap_err()
                .reason
                .contains("none")
        );
    }
}
