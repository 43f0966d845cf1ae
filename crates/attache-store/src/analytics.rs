//! What the analytics read of the register: one row per activity, lean (no children but
//! its participants), for measures over many activities.

use attache_domain::{Category, Location, PartnerCode, SecurityLabel, Status};
use chrono::NaiveDate;

/// Which activities the measures read: by start date (both ends included) and, for a
/// partner's page or brief, those a partner took part in.
#[derive(Debug, Clone, Default)]
pub struct EngagementFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub partner: Option<PartnerCode>,
}

/// One activity as the measures, the map and the reports see it.
#[derive(Debug, Clone, PartialEq)]
pub struct EngagementRow {
    pub id: i64,
    pub title: String,
    pub category: Category,
    pub status: Status,
    pub start: NaiveDate,
    pub location: Option<Location>,
    /// The host and the others, by code.
    pub participants: Vec<PartnerCode>,
    pub label: SecurityLabel,
    /// Carried out without diplomatic clearance: kept, but never engagement.
    pub coercive_presence: bool,
}
