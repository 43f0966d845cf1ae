//! The visits at risk: ship and aircraft visits not yet carried out whose clearance is
//! past its deadline today, soonest first.

use attache_domain::access::{Actor, Permission};
use attache_domain::coordination::{ClearanceKind, LeadTimes};
use attache_domain::query::ActivityFilter;
use attache_domain::{Category, Classification, Status};
use attache_store::traits::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::batches::days_after;
use super::clearances::ClearanceState;
use crate::error::require;
use crate::{App, Result};

/// A visit whose clearance is at risk.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AtRisk {
    pub activity: i64,
    pub title: String,
    /// The activity's classification, for the banner of a page that lists it.
    pub classification: Classification,
    pub start: NaiveDate,
    pub status: Status,
    #[serde(flatten)]
    pub clearance: ClearanceState,
}

impl App {
    /// Ship and aircraft visits not yet carried out whose clearance is at risk today,
    /// soonest first.
    pub async fn visits_at_risk(&self, viewer: &Actor) -> Result<Vec<AtRisk>> {
        require(viewer, Permission::ReadRecords)?;
        let lead_times = self.store().lead_times().await?;
        // At risk means past the deadline, so starting within the longest lead time.
        let longest = lead_times
            .iter()
            .map(|(_, t)| *t)
            .chain([LeadTimes::default()])
            .flat_map(|t| ClearanceKind::ALL.iter().map(move |k| t.days(*k)))
            .max()
            .unwrap_or_default();
        let mut at_risk = Vec::new();
        for category in [Category::ShipVisit, Category::AircraftVisit] {
            for status in [Status::Proposed, Status::Planned, Status::Approved] {
                let filter = ActivityFilter {
                    category: Some(category),
                    status: Some(status),
                    from: Some(viewer.at.date_naive()),
                    to: Some(days_after(viewer, longest)),
                    ..ActivityFilter::default()
                };
                let mut after = None;
                loop {
                    let batch = self.next_batch(&filter, &mut after, viewer).await?;
                    for (stored, requests) in batch.each() {
                        for state in
                            self.clearance_states(&stored.record, requests, &lead_times, viewer)
                        {
                            if state.risk.is_some() {
                                at_risk.push(AtRisk {
                                    activity: stored.meta.id,
                                    title: stored.record.title.clone(),
                                    classification: stored.record.label.classification,
                                    start: stored.record.start,
                                    status: stored.record.status,
                                    clearance: state,
                                });
                            }
                        }
                    }
                    if after.is_none() {
                        break;
                    }
                }
            }
        }
        at_risk.sort_by_key(|r| (r.start, r.activity));
        Ok(at_risk)
    }
}
