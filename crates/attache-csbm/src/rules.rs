//! The Vienna Document 2011's numbers, in one table: a correction is a one-line change.
//!
//! Each rule has its paragraph, its value, the comparison the text uses ("at least" is
//! `>=`, "more than" is `>`, "not more than" is a ceiling) and its unit. The rest of the
//! engine reads numbers only through [`rule`].

use serde::Serialize;

/// How the text compares a value with the rule's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// "at least", "meets or exceeds": `value >= number`.
    AtLeast,
    /// "more than": `value > number`.
    MoreThan,
    /// "not more than", a ceiling: `value <= number` keeps the rule.
    NotMoreThan,
    /// "not later than" a day of the year, whose number is written `MMDD`.
    NotLaterThan,
}

impl Comparison {
    /// Whether `value` reaches the number in the text's sense (for a ceiling: stays within).
    pub fn holds(self, value: i64, number: i64) -> bool {
        match self {
            Comparison::AtLeast => value >= number,
            Comparison::MoreThan => value > number,
            Comparison::NotMoreThan | Comparison::NotLaterThan => value <= number,
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            Comparison::AtLeast => "at least",
            Comparison::MoreThan => "more than",
            Comparison::NotMoreThan => "not more than",
            Comparison::NotLaterThan => "not later than",
        }
    }
}

/// What a rule's number counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Troops,
    BattleTanks,
    Acvs,
    ArtilleryPieces,
    Sorties,
    Days,
    Hours,
    Years,
    Activities,
    Inspections,
    Visits,
    /// Units (formations and combat units) reported in the annual exchange.
    Units,
    /// A day of the year written `MMDD` (1115 is 15 November).
    MonthDay,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Troops => "troops",
            Unit::BattleTanks => "battle tanks",
            Unit::Acvs => "ACVs",
            Unit::ArtilleryPieces => "artillery pieces",
            Unit::Sorties => "sorties",
            Unit::Days => "days",
            Unit::Hours => "hours",
            Unit::Years => "years",
            Unit::Activities => "activities",
            Unit::Inspections => "inspections",
            Unit::Visits => "visits",
            Unit::Units => "units",
            Unit::MonthDay => "day of the year",
        }
    }
}

/// The rules the engine applies; the discriminant is the rule's row in [`RULES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Param {
    NoticeDays,
    AlertNoticeDays,
    NotifyTroops,
    NotifyTanks,
    NotifyAcvs,
    NotifyArtillery,
    AirSorties,
    NotifyLandingTroops,
    ObserveTroops,
    ObserveTanks,
    ObserveAcvs,
    ObserveArtillery,
    ObserveLandingTroops,
    AlertObservableHours,
    CalendarDay,
    TwoYearsAheadTroops,
    BigTroops,
    BigTanks,
    BigWindowYears,
    BigMax,
    MediumTroops,
    MediumTanks,
    MediumMax,
    LargerTroops,
    LargerTanks,
    LargerMax,
    SimultaneousMax,
    InspectionQuota,
    InspectionsFromOneState,
    EvaluationUnitsPerVisit,
    EvaluationCap,
    EvaluationShareDivisor,
    EvaluationSmallQuota,
    ExchangeDay,
    UnusualReplyHours,
    UnusualMeetingHours,
    AirBaseYears,
}

/// One number of the Vienna Document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub param: Param,
    pub paragraph: &'static str,
    pub comparison: Comparison,
    pub value: i64,
    pub unit: Unit,
    /// What the number is about, as a finding may quote it.
    pub about: &'static str,
}

const fn r(
    param: Param,
    paragraph: &'static str,
    comparison: Comparison,
    value: i64,
    unit: Unit,
    about: &'static str,
) -> Rule {
    Rule {
        param,
        paragraph,
        comparison,
        value,
        unit,
        about,
    }
}

use Comparison::{AtLeast, MoreThan, NotLaterThan, NotMoreThan};
use Param as P;

/// The table (`../shared/reference/vienna-document-2011.md`), in the order of [`Param`].
pub const RULES: [Rule; 37] = [
    r(
        P::NoticeDays,
        "38",
        AtLeast,
        42,
        Unit::Days,
        "prior notification before the start",
    ),
    r(
        P::AlertNoticeDays,
        "41",
        AtLeast,
        0,
        Unit::Days,
        "notification of an alert activity, when the troops begin it",
    ),
    r(
        P::NotifyTroops,
        "40.1.1",
        AtLeast,
        9_000,
        Unit::Troops,
        "notification of a land-forces exercise, transfer or concentration",
    ),
    r(
        P::NotifyTanks,
        "40.1.1",
        AtLeast,
        250,
        Unit::BattleTanks,
        "notification of a land-forces exercise, transfer or concentration",
    ),
    r(
        P::NotifyAcvs,
        "40.1.1",
        AtLeast,
        500,
        Unit::Acvs,
        "notification of a land-forces exercise, transfer or concentration",
    ),
    r(
        P::NotifyArtillery,
        "40.1.1",
        AtLeast,
        250,
        Unit::ArtilleryPieces,
        "notification of a land-forces exercise, transfer or concentration",
    ),
    r(
        P::AirSorties,
        "40.1.2",
        AtLeast,
        200,
        Unit::Sorties,
        "air-force participation included in the notification",
    ),
    r(
        P::NotifyLandingTroops,
        "40.2.1",
        AtLeast,
        3_000,
        Unit::Troops,
        "notification of an amphibious landing or parachute assault",
    ),
    r(
        P::ObserveTroops,
        "47.4",
        AtLeast,
        13_000,
        Unit::Troops,
        "observation",
    ),
    r(
        P::ObserveTanks,
        "47.4",
        AtLeast,
        300,
        Unit::BattleTanks,
        "observation",
    ),
    r(
        P::ObserveAcvs,
        "47.4",
        AtLeast,
        500,
        Unit::Acvs,
        "observation",
    ),
    r(
        P::ObserveArtillery,
        "47.4",
        AtLeast,
        250,
        Unit::ArtilleryPieces,
        "observation",
    ),
    r(
        P::ObserveLandingTroops,
        "47.4",
        AtLeast,
        3_500,
        Unit::Troops,
        "observation of an amphibious landing or parachute assault",
    ),
    r(
        P::AlertObservableHours,
        "58",
        MoreThan,
        72,
        Unit::Hours,
        "observation of an alert activity",
    ),
    r(
        P::CalendarDay,
        "61",
        NotLaterThan,
        1115,
        Unit::MonthDay,
        "exchange of the annual calendar for the next year",
    ),
    r(
        P::TwoYearsAheadTroops,
        "66",
        MoreThan,
        40_000,
        Unit::Troops,
        "communication in the second year before",
    ),
    r(
        P::BigTroops,
        "67",
        MoreThan,
        40_000,
        Unit::Troops,
        "the largest activities",
    ),
    r(
        P::BigTanks,
        "67",
        MoreThan,
        900,
        Unit::BattleTanks,
        "the largest activities",
    ),
    r(
        P::BigWindowYears,
        "67",
        NotMoreThan,
        3,
        Unit::Years,
        "window for the largest activities",
    ),
    r(
        P::BigMax,
        "67",
        NotMoreThan,
        1,
        Unit::Activities,
        "activities of more than 40,000 troops or 900 battle tanks within three calendar years",
    ),
    r(
        P::MediumTroops,
        "67.1",
        MoreThan,
        13_000,
        Unit::Troops,
        "activities counted in a calendar year",
    ),
    r(
        P::MediumTanks,
        "67.1",
        MoreThan,
        300,
        Unit::BattleTanks,
        "activities counted in a calendar year",
    ),
    r(
        P::MediumMax,
        "67.1",
        NotMoreThan,
        6,
        Unit::Activities,
        "activities of more than 13,000 troops or 300 battle tanks in a calendar year",
    ),
    r(
        P::LargerTroops,
        "67.1.1",
        MoreThan,
        25_000,
        Unit::Troops,
        "the larger of the six",
    ),
    r(
        P::LargerTanks,
        "67.1.1",
        MoreThan,
        400,
        Unit::BattleTanks,
        "the larger of the six",
    ),
    r(
        P::LargerMax,
        "67.1.1",
        NotMoreThan,
        3,
        Unit::Activities,
        "of the six, activities of more than 25,000 troops or 400 battle tanks",
    ),
    r(
        P::SimultaneousMax,
        "67.2",
        NotMoreThan,
        3,
        Unit::Activities,
        "activities of more than 13,000 troops or 300 battle tanks at the same time",
    ),
    r(
        P::InspectionQuota,
        "75",
        NotMoreThan,
        3,
        Unit::Inspections,
        "inspections a state must accept in a calendar year",
    ),
    r(
        P::InspectionsFromOneState,
        "76",
        NotMoreThan,
        1,
        Unit::Inspections,
        "inspections from one inspecting state in a calendar year",
    ),
    r(
        P::EvaluationUnitsPerVisit,
        "107",
        AtLeast,
        60,
        Unit::Units,
        "one evaluation visit a year for every 60 units, or portion thereof",
    ),
    r(
        P::EvaluationCap,
        "107",
        NotMoreThan,
        15,
        Unit::Visits,
        "evaluation visits a state must accept in a calendar year",
    ),
    r(
        P::EvaluationShareDivisor,
        "107",
        NotMoreThan,
        5,
        Unit::Visits,
        "one fifth of the quota from one evaluating state",
    ),
    r(
        P::EvaluationSmallQuota,
        "107",
        NotMoreThan,
        1,
        Unit::Visits,
        "from one evaluating state when the quota is under five",
    ),
    r(
        P::ExchangeDay,
        "9-10",
        NotLaterThan,
        1215,
        Unit::MonthDay,
        "annual exchange of military information",
    ),
    r(
        P::UnusualReplyHours,
        "16.1.3",
        NotMoreThan,
        48,
        Unit::Hours,
        "reply to a request about unusual military activities",
    ),
    r(
        P::UnusualMeetingHours,
        "16.2",
        NotMoreThan,
        48,
        Unit::Hours,
        "meeting about unusual military activities, if requested",
    ),
    r(
        P::AirBaseYears,
        "20, 23",
        NotMoreThan,
        5,
        Unit::Years,
        "one air base visit in any five-year period",
    ),
];

/// The rule for `param`.
pub fn rule(param: Param) -> &'static Rule {
    &RULES[param as usize]
}

/// The rule's number.
pub fn value(param: Param) -> i64 {
    rule(param).value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_row_sits_at_its_params_place() {
        for (i, row) in RULES.iter().enumerate() {
            assert_eq!(row.param as usize, i, "{:?}", row.param);
        }
    }

    #[test]
    fn comparisons_keep_the_words_of_the_text() {
        assert!(Comparison::AtLeast.holds(9_000, 9_000));
        assert!(!Comparison::MoreThan.holds(40_000, 40_000));
        assert!(Comparison::MoreThan.holds(40_001, 40_000));
        assert!(Comparison::NotMoreThan.holds(3, 3));
        assert!(!Comparison::NotMoreThan.holds(4, 3));
    }
}
