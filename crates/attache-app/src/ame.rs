//! Assessment, monitoring and evaluation: recording indicator readings, assessing an
//! activity with its outcome rating, the roll-up of objectives per partner and per
//! standing aim (`attache_analytics::ame`), and the assessments due.

use std::collections::HashMap;

use attache_analytics::ame::{AmeRollup, IndicatorFacts, ObjectiveFacts, Ratings, roll_up};
use attache_domain::Stored;
use attache_domain::access::Actor;
use attache_domain::access::{Permission, permission_to_move};
use attache_domain::ame::{ASSESSMENT_DUE_DAYS, IndicatorReading, OutcomeRating};
use attache_domain::records::StandingAim;
use attache_domain::{Activity, Classification, FieldError, PartnerCode, Status};
use attache_store::ame::AssessmentsDue;
use attache_store::traits::*;
use chrono::Duration;

use crate::error::require;
use crate::{App, Result};

/// The roll-up and the highest classification among what it was computed from.
#[derive(Debug, Clone)]
pub struct AmeView {
    pub rollup: AmeRollup,
    pub classification: Classification,
}

/// How many of the assessments due are listed.
pub const DUE_LISTED: u32 = 20;

impl App {
    /// Records a measured value of one of an objective's indicators, under the
    /// objective's label.
    pub async fn record_reading(
        &self,
        objective: &str,
        reading: &IndicatorReading,
        actor: &Actor,
    ) -> Result<()> {
        require(actor, Permission::Analyse)?;
        let stored = self.store().get_objective(objective, actor).await?;
        let names: Vec<&str> = stored
            .record
            .indicators
            .iter()
            .map(|i| i.name.as_str())
            .collect();
        reading.check(&names, actor.at.date_naive())?;
        Ok(self
            .store()
            .add_indicator_reading(objective, reading, actor)
            .await?)
    }

    /// An objective's readings, newest first.
    pub async fn indicator_readings(
        &self,
        objective: &str,
        viewer: &Actor,
    ) -> Result<Vec<IndicatorReading>> {
        require(viewer, Permission::ReadRecords)?;
        Ok(self.store().indicator_readings(objective, viewer).await?)
    }

    /// Moves an activity along its lifecycle; assessing it records its outcome rating,
    /// which assessing requires and nothing else takes.
    pub async fn transition_rated(
        &self,
        id: i64,
        to: Status,
        rating: Option<OutcomeRating>,
        actor: &Actor,
    ) -> Result<Stored<Activity>> {
        match (to, rating) {
            (Status::Assessed, Some(rating)) => self.assess(id, rating, actor).await,
            (Status::Assessed, None) => Err(rating_required().into()),
            (_, Some(_)) => Err(FieldError::new(
                "rating",
                format!("only an assessment records an outcome rating, not a move to {to}"),
            )
            .into()),
            (_, None) => self.transition(id, to, actor).await,
        }
    }

    async fn assess(
        &self,
        id: i64,
        rating: OutcomeRating,
        actor: &Actor,
    ) -> Result<Stored<Activity>> {
        require(actor, permission_to_move(Status::Assessed))?;
        let stored = self.store().get_activity(id, actor).await?;
        stored.record.status.transition(Status::Assessed)?;
        self.check_coordination(&stored, Status::Assessed, actor)
            .await?;
        Ok(self
            .store()
            .assess_activity(id, rating, stored.meta.version, actor)
            .await?)
    }

    pub async fn outcome_rating(&self, id: i64, viewer: &Actor) -> Result<Option<OutcomeRating>> {
        require(viewer, Permission::ReadRecords)?;
        Ok(self.store().outcome_rating(id, viewer).await?)
    }

    /// The roll-up of the objectives the viewer may see (of a partner's plan, serving an
    /// aim): each with its indicators' latest readings and its assessed activities'
    /// ratings (coercive presence left out by the store).
    pub async fn ame(
        &self,
        partner: Option<&PartnerCode>,
        aim: Option<StandingAim>,
        viewer: &Actor,
    ) -> Result<AmeView> {
        require(viewer, Permission::Analyse)?;
        self.check_filter("partner", partner).await?;
        let store = self.store();
        let objectives = store.list_objectives(partner, viewer).await?;
        let mut latest: HashMap<(String, String), IndicatorReading> = HashMap::new();
        for l in store.latest_readings(partner, viewer).await? {
            latest.insert((l.objective, l.reading.indicator.clone()), l.reading);
        }
        let mut classification = Classification::Official;
        let mut ratings: HashMap<String, Ratings> = HashMap::new();
        let wanted = |o: &attache_domain::records::Objective| aim.is_none_or(|a| o.aim == a);
        let shown: std::collections::HashSet<&str> = objectives
            .iter()
            .filter(|o| wanted(&o.record))
            .map(|o| o.record.code.as_str())
            .collect();
        // Counting the ratings joins every assessed activity to its objectives: kept while
        // nothing changes, as a partner's page shows the roll-up on every visit.
        let question = format!("objective ratings {partner:?}");
        let counts = self.remembered(viewer, &question, store.objective_ratings(partner, viewer));
        for r in counts.await? {
            if shown.contains(r.objective.as_str()) {
                classification = classification.max(r.classification);
                ratings
                    .entry(r.objective)
                    .or_default()
                    .add(r.rating, r.count);
            }
        }
        let facts = objectives
            .iter()
            .filter(|o| wanted(&o.record))
            .map(|o| {
                let o = &o.record;
                classification = classification.max(o.label.classification);
                ObjectiveFacts {
                    code: o.code.clone(),
                    title: o.title.clone(),
                    aim: o.aim,
                    partner: o.partner.clone(),
                    indicators: o
                        .indicators
                        .iter()
                        .map(|i| IndicatorFacts {
                            name: i.name.clone(),
                            baseline: i.baseline,
                            target: i.target,
                            current: latest
                                .get(&(o.code.clone(), i.name.clone()))
                                .map(|r| (r.value, r.measured_on)),
                        })
                        .collect(),
                    ratings: ratings.remove(&o.code).unwrap_or_default(),
                }
            })
            .collect();
        Ok(AmeView {
            rollup: roll_up(facts),
            classification,
        })
    }

    /// The completed activities waiting for their assessment, oldest end first; those
    /// that ended more than [`ASSESSMENT_DUE_DAYS`] ago are overdue.
    pub async fn assessments_due(&self, viewer: &Actor) -> Result<AssessmentsDue> {
        require(viewer, Permission::ReadRecords)?;
        let cutoff = viewer.at.date_naive() - Duration::days(ASSESSMENT_DUE_DAYS);
        Ok(self
            .store()
            .assessments_due(cutoff, DUE_LISTED, viewer)
            .await?)
    }
}

fn rating_required() -> FieldError {
    let scale: Vec<&str> = OutcomeRating::ALL.iter().map(|r| r.as_str()).collect();
    FieldError::new(
        "rating",
        format!(
            "an assessment records its outcome rating: give one of {}",
            scale.join(", ")
        ),
    )
}

/// Refuses a move to assessed that carries no rating (see [`App::transition_rated`]).
pub(crate) fn check_rated(to: Status) -> Result<()> {
    match to {
        Status::Assessed => Err(rating_required().into()),
        _ => Ok(()),
    }
}
