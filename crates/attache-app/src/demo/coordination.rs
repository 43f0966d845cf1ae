//! The demo's coordination (issue 5), added after its activities: lead times for every
//! partner, answers on the coming activities (one objection among them), clearance
//! requests for the coming visits with the nearest left unrequested (at risk), a vetting
//! case on the first coming training, and one illustrative restriction. Made through the
//! use cases, so audited like any user's work. Deterministic: derived from the plan.

use attache_domain::access::Actor;
use attache_domain::coordination::concurrence::{Ministry, Verdict};
use attache_domain::coordination::vetting::RecipientKind;
use attache_domain::coordination::{
    ClearanceKind, ClearanceRequest, ClearanceStatus, LeadTimes, Recipient, Restriction,
    RestrictionScope, VettingStatus, clearance,
};
use attache_domain::query::{ActivityFilter, Page, Sort};
use attache_domain::{Category, Status};
use attache_store::traits::*;
use chrono::Days;

use crate::demo::DemoPlan;
use crate::{App, Result};

/// How many coming activities get answers.
const ANSWERED: usize = 12;

/// A partner's lead times, spread by its code: 14 to 35 days for a warship, 7 to 13 for
/// a landing, 3 to 7 for an overflight (common practice, not any nation's rule).
fn lead_times_of(code: &str) -> LeadTimes {
    let spread: u32 = code.bytes().map(u32::from).sum();
    LeadTimes {
        warship_visit: 14 + (spread % 4) * 7,
        aircraft_landing: 7 + (spread % 3) * 3,
        overflight: 3 + (spread % 3) * 2,
    }
}

impl App {
    pub(crate) async fn load_coordination_demo(
        &self,
        plan: &DemoPlan,
        actor: &Actor,
    ) -> Result<()> {
        let today = plan.today();
        let partners = plan.partners();
        for partner in &partners {
            self.set_lead_times(partner, &lead_times_of(partner.as_str()), actor)
                .await?;
        }
        let coming = |status| ActivityFilter {
            status: Some(status),
            from: today.checked_add_days(Days::new(1)),
            ..ActivityFilter::default()
        };
        let page = Page {
            after: None,
            limit: Some(200),
        };
        let planned = self
            .store()
            .list_activities(&coming(Status::Planned), Sort::default(), &page, actor)
            .await?;

        // Answers on the nearest planned activities; the third draws an objection.
        for (i, a) in planned.iter().take(ANSWERED).enumerate() {
            let view = self.coordination(a.meta.id, actor).await?;
            for c in &view.concurrences {
                let (verdict, reason) = match (i, c.requirement.ministry) {
                    (2, Ministry::Foreign) => (
                        Verdict::Object,
                        "the embassy advises waiting until after the partner's elections",
                    ),
                    (_, Ministry::Development) if i % 2 == 1 => continue,
                    _ => (Verdict::Concur, ""),
                };
                self.answer_concurrence(a.meta.id, c.requirement.ministry, verdict, reason, actor)
                    .await?;
            }
        }

        // Clearances: the nearest visit abroad is left unrequested; the others requested,
        // and granted where the partner has had its lead time.
        let lead_times = self.store().lead_times().await?;
        let mut visits = Vec::new();
        for status in [Status::Planned, Status::Approved] {
            visits.extend(
                self.store()
                    .list_activities(&coming(status), Sort::default(), &page, actor)
                    .await?
                    .into_iter()
                    .filter(|a| a.record.category.is_asset_visit()),
            );
        }
        visits.sort_by_key(|a| a.record.start);
        for (i, visit) in visits.iter().enumerate().skip(1).take(10) {
            for (partner, kind) in clearance::needed(&visit.record, self.our_nation(), &[]) {
                let lead = lead_times
                    .iter()
                    .find(|(p, _)| *p == partner)
                    .map_or_else(LeadTimes::default, |(_, t)| *t)
                    .days(kind);
                let deadline = clearance::deadline(visit.record.start, lead);
                let asked = deadline.min(today);
                let granted = i % 3 != 0;
                let request = ClearanceRequest {
                    reference: format!("{partner}/{}/{:03}", short(kind), visit.meta.id % 1000),
                    partner,
                    kind,
                    status: if granted {
                        ClearanceStatus::Granted
                    } else {
                        ClearanceStatus::Requested
                    },
                    requested_on: Some(asked),
                    granted_on: granted.then_some(
                        asked
                            .checked_add_days(Days::new(5))
                            .unwrap_or(asked)
                            .min(today),
                    ),
                };
                self.put_clearance_request(visit.meta.id, &request, actor)
                    .await?;
            }
        }

        // Vetting: the first coming training has one unit cleared and one person pending.
        if let Some(training) = planned
            .iter()
            .find(|a| a.record.category == Category::Training)
        {
            let cleared = Recipient {
                name: "1st Coastal Infantry Battalion".into(),
                kind: RecipientKind::Unit,
                status: VettingStatus::Cleared,
                vetted_on: Some(today),
                expires: today.checked_add_days(Days::new(365)),
            };
            let pending = Recipient {
                name: "Capt. A. Rahman".into(),
                kind: RecipientKind::Person,
                status: VettingStatus::Pending,
                vetted_on: None,
                expires: None,
            };
            for recipient in [cleared, pending] {
                self.put_recipient(training.meta.id, &recipient, actor)
                    .await?;
            }
        }

        // One illustrative restriction, plainly marked as not a real measure.
        if let Some(partner) = partners.last() {
            let restriction = Restriction {
                partner: partner.clone(),
                source: "Demo data: an illustrative embargo on training (not a real measure)"
                    .into(),
                scope: RestrictionScope::TrainingAndExercises,
                start: today,
                end: today.checked_add_days(Days::new(365)),
            };
            self.add_restrictions(&[restriction], |_| "demo".into(), actor)
                .await?;
        }
        Ok(())
    }
}

fn short(kind: ClearanceKind) -> &'static str {
    match kind {
        ClearanceKind::WarshipVisit => "NAV",
        ClearanceKind::AircraftLanding => "AIR",
        ClearanceKind::Overflight => "OVF",
    }
}
