//! What the store keeps for assessment, monitoring and evaluation (issue 7): indicator
//! readings (under their objective's label), the outcome rating of each assessed activity
//! (under the activity's label), and the completed activities whose assessment is due.
//! Implemented in `sql/ame.rs`.

use std::future::Future;

use attache_domain::ame::{IndicatorReading, OutcomeRating};
use attache_domain::{Activity, Classification, PartnerCode};
use chrono::NaiveDate;

use attache_domain::Stored;

use attache_domain::access::Actor;

use crate::Result;

/// An indicator's latest reading.
#[derive(Debug, Clone, PartialEq)]
pub struct LatestReading {
    pub objective: String,
    pub reading: IndicatorReading,
}

/// How many assessed activities that served an objective got a rating.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RatingCount {
    pub objective: String,
    pub rating: OutcomeRating,
    pub count: u64,
    /// The highest classification among the activities counted.
    pub classification: Classification,
}

/// The completed activities waiting for their assessment, oldest end first.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentsDue {
    pub count: u64,
    /// Those that ended before the cutoff (their assessment is overdue).
    pub overdue: u64,
    pub first: Vec<Stored<Activity>>,
}

pub trait AmeStore: Send + Sync {
    /// Records a reading of one of an objective's indicators, audited under the objective.
    fn add_indicator_reading(
        &self,
        objective: &str,
        reading: &IndicatorReading,
        actor: &Actor,
    ) -> impl Future<Output = Result<()>> + Send;
    /// An objective's readings, newest measurement first.
    fn indicator_readings(
        &self,
        objective: &str,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<IndicatorReading>>> + Send;
    /// The latest reading of every indicator of the visible objectives (of a partner).
    fn latest_readings(
        &self,
        partner: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<LatestReading>>> + Send;

    /// Moves a completed activity to assessed and records its rating, in one transaction,
    /// if it is still at `expected_version`.
    fn assess_activity(
        &self,
        id: i64,
        rating: OutcomeRating,
        expected_version: i64,
        actor: &Actor,
    ) -> impl Future<Output = Result<Stored<Activity>>> + Send;
    /// Rates activities that came into the register already assessed (by an import), found
    /// by `source` and external id, in one transaction, each rating audited under its
    /// activity. Those not visible, not assessed or already rated are left alone; gives
    /// how many were rated.
    fn rate_imported(
        &self,
        source: &str,
        ratings: &[(String, OutcomeRating)],
        actor: &Actor,
    ) -> impl Future<Output = Result<u64>> + Send;
    /// The rating of a visible activity, if it was rated.
    fn outcome_rating(
        &self,
        id: i64,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Option<OutcomeRating>>> + Send;
    /// The ratings of the visible assessed activities per objective they served (of a
    /// partner's objectives), coercive presence left out.
    fn objective_ratings(
        &self,
        partner: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<RatingCount>>> + Send;

    /// The visible completed activities, the first `limit` by end date; those that ended
    /// before `overdue_before` are overdue.
    fn assessments_due(
        &self,
        overdue_before: NaiveDate,
        limit: u32,
        viewer: &Actor,
    ) -> impl Future<Output = Result<AssessmentsDue>> + Send;
}
