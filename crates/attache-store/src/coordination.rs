//! What the store keeps for whole-of-government coordination (issue 5): the concurrence
//! table and answers, clearance lead times and requests, recipients' vetting,
//! restrictions, and the coercive-presence flag. Implemented in `sql/coordination.rs`.
//!
//! Answers, clearance requests and recipients belong to an activity: they are read and
//! written only through it, under its label (a hidden activity's are `NotFound`), and
//! audited under it. The concurrence table, lead times and restrictions are reference
//! data from public measures and practice, not labelled; changing them is audited.

use std::future::Future;

use attache_domain::coordination::concurrence::{Answer, ConcurrenceRule, Ministry};
use attache_domain::coordination::{ClearanceRequest, LeadTimes, Recipient, Restriction};
use attache_domain::{Activity, PartnerCode};

use attache_domain::Stored;

use attache_domain::access::Actor;

use crate::{Added, Result};

pub trait CoordinationStore: Send + Sync {
    fn concurrence_rules(&self) -> impl Future<Output = Result<Vec<ConcurrenceRule>>> + Send;
    /// Replaces the whole table, in one transaction.
    fn replace_concurrence_rules(
        &self,
        rules: &[ConcurrenceRule],
        actor: &Actor,
    ) -> impl Future<Output = Result<()>> + Send;

    /// An activity's answers, oldest first.
    fn concurrence_answers(
        &self,
        activity: i64,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<Answer>>> + Send;
    /// The answers on many activities at once, each with its activity, oldest first; the
    /// activities the viewer may not see have none.
    fn concurrence_answers_of(
        &self,
        activities: &[i64],
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<(i64, Answer)>>> + Send;
    fn add_concurrence_answer(
        &self,
        activity: i64,
        answer: &Answer,
        actor: &Actor,
    ) -> impl Future<Output = Result<()>> + Send;
    /// `Store::update_activity`, resetting the standing answers of `reset` in the same
    /// transaction (`because` says what changed), each reset audited; a status other than
    /// the stored one (an approval undone by the change) is recorded in its history.
    fn update_activity_resetting(
        &self,
        id: i64,
        activity: &Activity,
        expected_version: i64,
        reset: &[Ministry],
        because: &str,
        actor: &Actor,
    ) -> impl Future<Output = Result<Stored<Activity>>> + Send;

    /// Every partner's lead times that differ from the defaults, by code.
    fn lead_times(&self) -> impl Future<Output = Result<Vec<(PartnerCode, LeadTimes)>>> + Send;
    fn set_lead_times(
        &self,
        partner: &PartnerCode,
        times: &LeadTimes,
        actor: &Actor,
    ) -> impl Future<Output = Result<()>> + Send;

    fn clearance_requests(
        &self,
        activity: i64,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<ClearanceRequest>>> + Send;
    /// The requests of many activities at once, each with its activity; the activities
    /// the viewer may not see have none.
    fn clearance_requests_of(
        &self,
        activities: &[i64],
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<(i64, ClearanceRequest)>>> + Send;
    /// Records a request, or replaces the one for the same partner and kind.
    fn put_clearance_request(
        &self,
        activity: i64,
        request: &ClearanceRequest,
        actor: &Actor,
    ) -> impl Future<Output = Result<()>> + Send;

    fn recipients(
        &self,
        activity: i64,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<Recipient>>> + Send;
    /// Records a recipient, or replaces the one of the same name.
    fn put_recipient(
        &self,
        activity: i64,
        recipient: &Recipient,
        actor: &Actor,
    ) -> impl Future<Output = Result<()>> + Send;

    /// Restrictions with their ids, on one partner or all, by partner and start.
    fn restrictions(
        &self,
        partner: Option<&PartnerCode>,
    ) -> impl Future<Output = Result<Vec<(i64, Restriction)>>> + Send;
    /// Adds restrictions in one transaction: all or none. One already stored (the same
    /// partner, source, scope and dates) is not stored again: its id is given, not new.
    fn add_restrictions(
        &self,
        restrictions: &[Restriction],
        actor: &Actor,
    ) -> impl Future<Output = Result<Vec<Added>>> + Send;

    /// Moves an approved visit to completed and flags it as coercive presence (carried
    /// out without its clearance), in one transaction.
    fn complete_as_coercive_presence(
        &self,
        id: i64,
        expected_version: i64,
        actor: &Actor,
    ) -> impl Future<Output = Result<Stored<Activity>>> + Send;
    fn is_coercive_presence(
        &self,
        id: i64,
        viewer: &Actor,
    ) -> impl Future<Output = Result<bool>> + Send;

    /// Replaces a restriction's fields; `NotFound` when no restriction has the id.
    fn update_restriction(
        &self,
        id: i64,
        restriction: &Restriction,
        actor: &Actor,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Removes a restriction (lifted early, or entered by mistake); `NotFound` when no
    /// restriction has the id.
    fn delete_restriction(&self, id: i64, actor: &Actor)
    -> impl Future<Output = Result<()>> + Send;
}
