//! The Vienna Document 2011 engine: what the confidence- and security-building measures
//! require of a declared military activity, of a year, of verification quotas and of the
//! officer's calendar.
//!
//! Pure: no I/O and no clock. The participating states, the zone of application and
//! "today" are parameters. Every number comes from one table (`rules.rs`), and every
//! finding cites its paragraph.

pub mod activity;
pub mod air_base;
pub mod deadlines;
pub mod evaluate;
pub mod finding;
pub mod rules;
pub mod verification;
pub mod year;

pub use activity::{ActivityKind, CsbmContext, Forces, MilitaryActivity, MilitaryActivityInput};
pub use air_base::{AirBaseVisit, AirBaseVisitInput};
pub use deadlines::Deadline;
pub use evaluate::{Evaluation, Margin, evaluate};
pub use finding::{Finding, Severity};
pub use rules::{Comparison, Param, RULES, Rule, Unit};
pub use verification::{Quota, Verification, VerificationKind};
pub use year::check_year;
