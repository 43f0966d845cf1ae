//! Air base visits (20–23): each participating state with air combat units arranges a visit
//! to one of its normal peacetime air bases, and is not obliged to more than one in any
//! five-year period. What a CSBM officer records of one, and its checks.

use attache_domain::{FieldErrors, PartnerCode, SecurityLabel};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::activity::{CsbmContext, date, label, participating, text};

/// A valid air base visit, arranged by `host`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AirBaseVisit {
    /// The state that arranges the visit, to one of its air bases (20).
    pub host: PartnerCode,
    /// The air base visited.
    pub air_base: String,
    /// The day of the visit.
    pub date: NaiveDate,
    pub label: SecurityLabel,
}

/// A visit as a form or a command gives it: text, not yet checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AirBaseVisitInput {
    pub host: String,
    pub air_base: String,
    pub date: String,
    pub classification: String,
    /// Codes separated by `;`.
    pub releasable_to: String,
}

impl AirBaseVisitInput {
    /// Checks every rule and gives the valid visit, or every broken rule at once.
    pub fn validate(&self, ctx: &CsbmContext) -> Result<AirBaseVisit, FieldErrors> {
        let mut errors = FieldErrors::default();
        let air_base = text(&mut errors, "air_base", &self.air_base, true);
        let host = errors
            .take(PartnerCode::parse("host", &self.host))
            .and_then(|host| errors.take(participating("host", host, ctx)));
        let date = errors.take(date("date", &self.date));
        let label = errors.take(label(&self.classification, &self.releasable_to, ctx));
        match (host, date, label) {
            (Some(host), Some(date), Some(label)) if errors.is_empty() => Ok(AirBaseVisit {
                host,
                air_base,
                date,
                label,
            }),
            _ => Err(errors),
        }
    }
}

/// The latest visit `host` arranged, among `visits`.
pub fn last_visit<'a>(visits: &'a [AirBaseVisit], host: &str) -> Option<&'a AirBaseVisit> {
    visits
        .iter()
        .filter(|v| v.host.as_str() == host)
        .max_by_key(|v| v.date)
}
