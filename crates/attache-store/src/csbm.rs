//! What the store keeps for confidence- and security-building measures: declared military
//! activities, inspections and evaluation visits, the units each state reported, and air
//! base visits.
//! A trait of its own beside [`Store`], implemented once in `sql/csbm.rs`.

use std::collections::HashMap;
use std::future::Future;

use attache_csbm::{AirBaseVisit, MilitaryActivity, Verification};
use attache_domain::SecurityLabel;
use chrono::NaiveDate;

use attache_domain::Stored;

use attache_domain::access::Actor;

use crate::{Result, Store};

pub trait CsbmStore: Store {
    /// Adds activities in one transaction, each audited; gives their ids in order. A
    /// reference already in the register is a conflict, and nothing is added.
    fn add_csbm_activities(
        &self,
        activities: &[MilitaryActivity],
        actor: &Actor,
    ) -> impl Future<Output = Result<Vec<i64>>> + Send;
    fn csbm_activity(
        &self,
        id: i64,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Stored<MilitaryActivity>>> + Send;
    /// The visible activities that take place between `from` and `to` (inclusive), by start.
    fn csbm_activities(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<Stored<MilitaryActivity>>>> + Send;
    /// Replaces an activity if its version is still `expected_version` (see [`Store`]).
    fn update_csbm_activity(
        &self,
        id: i64,
        activity: &MilitaryActivity,
        expected_version: i64,
        actor: &Actor,
    ) -> impl Future<Output = Result<Stored<MilitaryActivity>>> + Send;

    fn add_verification(
        &self,
        verification: &Verification,
        label: &SecurityLabel,
        actor: &Actor,
    ) -> impl Future<Output = Result<i64>> + Send;
    /// The visible inspections and evaluation visits of `year`, by date.
    fn verifications(
        &self,
        year: i32,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<Verification>>> + Send;

    /// Records the units `state` reported in the annual exchange for `year` (audited).
    fn set_units_reported(
        &self,
        state: &str,
        year: i32,
        units: i64,
        actor: &Actor,
    ) -> impl Future<Output = Result<()>> + Send;
    fn units_reported(
        &self,
        year: i32,
    ) -> impl Future<Output = Result<HashMap<String, i64>>> + Send;

    /// Records an air base visit (audited, labelled); gives its id.
    fn add_air_base_visit(
        &self,
        visit: &AirBaseVisit,
        actor: &Actor,
    ) -> impl Future<Output = Result<i64>> + Send;
    /// The visible air base visits, of `host` if given, latest first.
    fn air_base_visits(
        &self,
        host: Option<&str>,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<Stored<AirBaseVisit>>>> + Send;
}
