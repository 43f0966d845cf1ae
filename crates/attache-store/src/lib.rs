//! Attaché's storage: one [`Store`] interface, implemented once in SQL for both SQLite (the
//! embedded default) and PostgreSQL (multi-user deployments).
//!
//! The store keeps records and answers queries; it does not decide what is allowed. Domain
//! rules are checked before a record gets here (a stored record is always valid), and the
//! acting user and the time come in as an [`Actor`], never from a clock in here.

// An index out of range is a panic, and a panic in a server or an import is a defect:
// slices are read with `get`, and what cannot fail is written so.
#![deny(clippy::indexing_slicing)]

pub mod ame;
mod analytics;
mod any;
mod audit;
mod content_hash;
pub mod coordination;
mod csbm;
mod datasets;
mod error;
mod import_audit;
mod sql;
mod types;

use std::collections::HashSet;
use std::future::Future;

use attache_domain::access::{Actor, User};
use attache_domain::query::{ActivityFilter, Page, PartnerFilter, Sort, Tally};
use attache_domain::records::{Agreement, Asset, Objective, Partner, Person};
use attache_domain::{Activity, PartnerCode, Status, StatusChange, Stored};

pub use ame::AmeStore;
pub use analytics::{EngagementFilter, EngagementRow};
pub use any::{AnyImport, AnyStore};
pub use audit::{
    AuditEntry, AuditKey, AuditVerdict, Break, Checkpoint, CheckpointTally, KeyError, KeyFile,
    PublicKey, RecordTally,
};
pub use coordination::CoordinationStore;
pub use csbm::CsbmStore;
pub use datasets::{Dataset, DatasetStore};
pub use error::StoreError;
pub use sql::open::{open, redacted};
pub use sql::{postgres::PostgresStore, sqlite::SqliteStore};
pub use types::{
    Added, ApiToken, ImportOrigin, ImportOutcome, NewRecord, Relabelled, StatusSet, UserChange,
    Written,
};

/// How long a subject of failed sign-ins is held after its n-th failure, if at all: the
/// caller's policy, which the store applies.
pub type SignInHold = fn(u32) -> Option<chrono::Duration>;

/// The store's traits, for callers of [`AnyStore`]: `use attache_store::traits::*;`.
pub mod traits {
    pub use crate::{AmeStore, CoordinationStore, CsbmStore, DatasetStore, ImportSession, Store};
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The codes that validation checks references against.
#[derive(Debug, Clone, Default)]
pub struct KnownCodes {
    pub partners: HashSet<String>,
    pub objectives: HashSet<String>,
}

/// Everything Attaché keeps, behind one interface for both databases.
///
/// Every read takes the `viewer` and returns only what the viewer may see under the
/// security labels (clearance at least the record's classification, and the viewer's
/// nation owns the record or is on its releasability list): a hidden record is absent from
/// lists and counts, and reading it by key gives `NotFound`. Writes that change an existing
/// record read it first as the actor, so a hidden record cannot be changed either.
///
/// Every `update_…` replaces a record's content, label and child rows if its version is
/// still `expected_version`, and otherwise gives [`StoreError::Conflict`] naming both
/// versions, so that no one's change is silently lost. The key (code or id) never changes;
/// the version moves on by one, and the change lands in the audit trail, before and after.
pub trait Store: CoordinationStore + DatasetStore + AmeStore + Send + Sync + 'static {
    /// One import, written in a single transaction: all rows or none.
    type Import: ImportSession;

    /// Applies the migrations this binary knows that the database lacks.
    fn migrate(&self) -> impl Future<Output = Result<()>> + Send;
    /// Refuses a database whose schema is newer than this binary, or not yet migrated.
    fn check_schema(&self) -> impl Future<Output = Result<()>> + Send;

    fn meta(&self, key: &str) -> impl Future<Output = Result<Option<String>>> + Send;
    fn set_meta(&self, key: &str, value: &str) -> impl Future<Output = Result<()>> + Send;
    /// Sets a setting an administrator chooses (a metadata value), audited as `setting`
    /// with its value before and after.
    fn set_setting(
        &self,
        key: &str,
        value: &str,
        actor: &Actor,
    ) -> impl Future<Output = Result<()>> + Send;

    /// Upserts reference partners (with their members) and standing objectives, in one
    /// transaction; records that refer to them are kept.
    fn load_reference(
        &self,
        partners: &[Partner],
        objectives: &[Objective],
        actor: &Actor,
    ) -> impl Future<Output = Result<()>> + Send;
    fn known_codes(&self) -> impl Future<Output = Result<KnownCodes>> + Send;

    fn add_partner(
        &self,
        partner: &Partner,
        actor: &Actor,
    ) -> impl Future<Output = Result<()>> + Send;
    fn get_partner(
        &self,
        code: &PartnerCode,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Stored<Partner>>> + Send;
    fn list_partners(
        &self,
        filter: &PartnerFilter,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<Stored<Partner>>>> + Send;
    /// Replaces a partner and its members.
    fn update_partner(
        &self,
        code: &PartnerCode,
        partner: &Partner,
        expected_version: i64,
        actor: &Actor,
    ) -> impl Future<Output = Result<Stored<Partner>>> + Send;

    fn add_person(
        &self,
        person: &Person,
        actor: &Actor,
    ) -> impl Future<Output = Result<i64>> + Send;
    fn get_person(
        &self,
        id: i64,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Stored<Person>>> + Send;
    fn list_people(
        &self,
        nation: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<Stored<Person>>>> + Send;
    fn update_person(
        &self,
        id: i64,
        person: &Person,
        expected_version: i64,
        actor: &Actor,
    ) -> impl Future<Output = Result<Stored<Person>>> + Send;

    fn add_asset(&self, asset: &Asset, actor: &Actor) -> impl Future<Output = Result<i64>> + Send;
    fn get_asset(
        &self,
        id: i64,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Stored<Asset>>> + Send;
    fn list_assets(
        &self,
        nation: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<Stored<Asset>>>> + Send;
    fn update_asset(
        &self,
        id: i64,
        asset: &Asset,
        expected_version: i64,
        actor: &Actor,
    ) -> impl Future<Output = Result<Stored<Asset>>> + Send;

    fn add_objective(
        &self,
        objective: &Objective,
        actor: &Actor,
    ) -> impl Future<Output = Result<()>> + Send;
    fn get_objective(
        &self,
        code: &str,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Stored<Objective>>> + Send;
    fn list_objectives(
        &self,
        partner: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<Stored<Objective>>>> + Send;
    /// Replaces an objective and its indicators.
    fn update_objective(
        &self,
        code: &str,
        objective: &Objective,
        expected_version: i64,
        actor: &Actor,
    ) -> impl Future<Output = Result<Stored<Objective>>> + Send;

    fn add_agreement(
        &self,
        agreement: &Agreement,
        actor: &Actor,
    ) -> impl Future<Output = Result<i64>> + Send;
    fn get_agreement(
        &self,
        id: i64,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Stored<Agreement>>> + Send;
    fn list_agreements(
        &self,
        partner: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<Stored<Agreement>>>> + Send;
    /// Replaces an agreement and its parties.
    fn update_agreement(
        &self,
        id: i64,
        agreement: &Agreement,
        expected_version: i64,
        actor: &Actor,
    ) -> impl Future<Output = Result<Stored<Agreement>>> + Send;

    fn add_activity(
        &self,
        activity: &Activity,
        actor: &Actor,
    ) -> impl Future<Output = Result<Stored<Activity>>> + Send;
    fn get_activity(
        &self,
        id: i64,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Stored<Activity>>> + Send;
    /// Replaces an activity's content if its version is still `expected_version`;
    /// otherwise [`StoreError::Conflict`], so that no one's change is silently lost.
    fn update_activity(
        &self,
        id: i64,
        activity: &Activity,
        expected_version: i64,
        actor: &Actor,
    ) -> impl Future<Output = Result<Stored<Activity>>> + Send;
    /// Moves an activity from one status to another and records the change. The caller
    /// has checked that the lifecycle allows it.
    fn change_status(
        &self,
        id: i64,
        from: Status,
        to: Status,
        expected_version: i64,
        actor: &Actor,
    ) -> impl Future<Output = Result<Stored<Activity>>> + Send;
    fn status_changes(
        &self,
        id: i64,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<StatusChange>>> + Send;
    fn list_activities(
        &self,
        filter: &ActivityFilter,
        sort: Sort,
        page: &Page,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<Stored<Activity>>>> + Send;
    fn count_activities(
        &self,
        filter: &ActivityFilter,
        viewer: &Actor,
    ) -> impl Future<Output = Result<u64>> + Send;
    /// The analytics' read: every visible activity in the filter, with its participants.
    fn engagement(
        &self,
        filter: &EngagementFilter,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<EngagementRow>>> + Send;
    /// Engagement: how many activities the filter selects, by category or by period, in
    /// one query. Every engagement count and chart reads through this one function, so
    /// that what engagement leaves out is decided in one place.
    fn engagement_counts(
        &self,
        filter: &ActivityFilter,
        tally: &Tally,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<u64>>> + Send;

    fn begin_import(&self) -> impl Future<Output = Result<Self::Import>> + Send;

    /// Adds an account with its password's hash.
    fn add_user(
        &self,
        user: &User,
        password_hash: &str,
        actor: &Actor,
    ) -> impl Future<Output = Result<()>> + Send;
    /// An account by name: of any nation when `nation` is `None`, else of that nation only
    /// (who may see which accounts is the use case's rule: accounts carry no label).
    fn get_user(
        &self,
        name: &str,
        nation: Option<&PartnerCode>,
    ) -> impl Future<Output = Result<Stored<User>>> + Send;
    /// Every account, or every account of `nation`, by name.
    fn list_users(
        &self,
        nation: Option<&PartnerCode>,
    ) -> impl Future<Output = Result<Vec<Stored<User>>>> + Send;
    /// An account and its password's hash, for signing in: read before anyone is signed in.
    fn user_credentials(
        &self,
        name: &str,
    ) -> impl Future<Output = Result<Option<(User, String)>>> + Send;
    /// Records a signed-in session by its token's hash.
    fn create_session(
        &self,
        token_hash: &str,
        user: &str,
        created: chrono::DateTime<chrono::Utc>,
        expires: chrono::DateTime<chrono::Utc>,
    ) -> impl Future<Output = Result<()>> + Send;
    /// The enabled account whose session this is, while it has not expired.
    fn session_user(
        &self,
        token_hash: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> impl Future<Output = Result<Option<User>>> + Send;
    fn end_session(&self, token_hash: &str) -> impl Future<Output = Result<()>> + Send;
    /// Records an API token of the actor's by its hash; audited.
    fn add_api_token(
        &self,
        token_hash: &str,
        label: &str,
        expires: chrono::DateTime<chrono::Utc>,
        actor: &Actor,
    ) -> impl Future<Output = Result<ApiToken>> + Send;
    /// An account's API tokens, newest first.
    fn api_tokens(&self, user: &str) -> impl Future<Output = Result<Vec<ApiToken>>> + Send;
    /// Deletes one of the actor's API tokens; audited. NotFound when it has no such token.
    fn revoke_api_token(&self, id: i64, actor: &Actor) -> impl Future<Output = Result<()>> + Send;
    /// The enabled account whose API token this is, while it has not expired.
    fn token_user(
        &self,
        token_hash: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> impl Future<Output = Result<Option<User>>> + Send;
    /// Until when a subject (`user:NAME` or `address:IP`) may not sign in, if it is locked
    /// at `at`.
    fn sign_in_lock(
        &self,
        subject: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> impl Future<Output = Result<Option<chrono::DateTime<chrono::Utc>>>> + Send;
    /// Counts a failed sign-in of the subject at `actor.at` (the count lasts until a sign-in
    /// succeeds) and holds the subject for as long as `hold` gives for that count, if it
    /// gives one; the first hold is appended to the audit trail as a lock. Gives the count.
    fn sign_in_failed(
        &self,
        subject: &str,
        hold: SignInHold,
        actor: &Actor,
    ) -> impl Future<Output = Result<u32>> + Send;
    /// Forgets a subject's failures after a successful sign-in; a subject that had been
    /// locked is unlocked in the audit trail.
    fn sign_in_succeeded(
        &self,
        subject: &str,
        actor: &Actor,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Disables or enables an account, or replaces its password's hash.
    fn update_user(
        &self,
        name: &str,
        change: UserChange,
        actor: &Actor,
    ) -> impl Future<Output = Result<Stored<User>>> + Send;

    /// The audit trail, oldest first: one record's history (`record_type`, `record_id`;
    /// an activity's includes the entry of the import that created it) or, without one,
    /// the latest entries.
    fn audit_trail(
        &self,
        record: Option<(&str, &str)>,
        limit: u32,
        viewer: &Actor,
    ) -> impl Future<Output = Result<Vec<AuditEntry>>> + Send;
    /// Walks the whole audit trail and names the first entry altered, removed, reordered
    /// or rewritten; with `key`, holds each checkpoint signed with it against the chain
    /// (their signature, and the chain's hash and count at their entry); then each stored
    /// activity against its last audited change.
    fn verify_audit(
        &self,
        key: Option<&PublicKey>,
    ) -> impl Future<Output = Result<AuditVerdict>> + Send;
    /// Signs a checkpoint of the trail's head at `actor.at` with `key`, which stays out
    /// of the database (its public key's fingerprint is stored); with `only_if_moved`,
    /// none when the newest checkpoint covers the head already. Refuses a trail whose
    /// count of entries does not match its head.
    fn write_checkpoint(
        &self,
        key: &AuditKey,
        only_if_moved: bool,
        actor: &Actor,
    ) -> impl Future<Output = Result<Option<Checkpoint>>> + Send;
    /// How many entries of the trail the viewer may read.
    fn count_audit(&self, viewer: &Actor) -> impl Future<Output = Result<u64>> + Send;
    /// A number that changes whenever anything in the register changes, by any process:
    /// every change is audited, and each audited change moves the trail's head.
    fn change_marker(&self) -> impl Future<Output = Result<i64>> + Send;
}

/// A bulk write of activities inside one transaction. Dropping it without `commit` rolls
/// everything back.
pub trait ImportSession: Send {
    /// Inserts new activities and updates changed ones, matched by source and external
    /// id. A row is compared with the content last received from its source, so importing
    /// a file twice changes nothing, and local edits survive re-importing an unchanged
    /// file. A status that the source changed is taken as it is, and recorded; each such
    /// row, and each new one past proposed, is named in what is given back.
    fn write(
        &mut self,
        batch: &[Activity],
        actor: &Actor,
    ) -> impl Future<Output = Result<Written>> + Send;
    /// Adds a record inside the import's transaction, audited as `add_…` would.
    fn add_record(
        &mut self,
        record: NewRecord<'_>,
        actor: &Actor,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Sets a metadata value inside the import's transaction.
    fn set_meta(&mut self, key: &str, value: &str) -> impl Future<Output = Result<()>> + Send;
    /// Audits what the import created, one entry per security label naming `origin`
    /// (changed rows have their own entries already), and commits.
    fn commit(
        self,
        origin: &ImportOrigin,
        actor: &Actor,
    ) -> impl Future<Output = Result<()>> + Send;
}
