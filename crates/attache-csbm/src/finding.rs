//! What a check reports: each finding cites the paragraph it comes from.

use chrono::NaiveDate;
use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A provision is broken (a constraint, a quota).
    Breach,
    /// An obligation was met too late.
    Late,
    /// An obligation whose day has passed is not met.
    Missing,
    /// An obligation still to meet, with its day.
    Due,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Breach => "breach",
            Severity::Late => "late",
            Severity::Missing => "missing",
            Severity::Due => "due",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub paragraph: &'static str,
    /// The state concerned (the notifying state, the one constrained, the host of a quota).
    pub state: String,
    /// The references of the activities concerned.
    pub activities: Vec<String>,
    /// The day the obligation falls (or fell) due, when there is one.
    pub due: Option<NaiveDate>,
    pub message: String,
}
