//! One store type for both databases, so that the use cases and the server are compiled
//! once: `AnyStore` is the SQLite or the PostgreSQL store, and passes each call to the one it
//! holds. The forwarding is written by `forward!` from each method's signature, once per
//! trait; a method added to a trait fails to compile here until it is listed.

use std::collections::HashMap;

use attache_csbm::{AirBaseVisit, MilitaryActivity, Verification};
use attache_domain::SecurityLabel;
use attache_domain::access::{Actor, User};
use attache_domain::ame::{IndicatorReading, OutcomeRating};
use attache_domain::coordination::concurrence::{Answer, ConcurrenceRule, Ministry};
use attache_domain::coordination::{ClearanceRequest, LeadTimes, Recipient, Restriction};
use attache_domain::datasets::DatasetEvent;
use attache_domain::query::{ActivityFilter, Page, PartnerFilter, Sort, Tally};
use attache_domain::records::{Agreement, Asset, Objective, Partner, Person};
use attache_domain::{Activity, PartnerCode, Status, StatusChange, Stored};
use chrono::NaiveDate;

use crate::ame::{AssessmentsDue, LatestReading, RatingCount};
use crate::{
    Added, AmeStore, ApiToken, AuditEntry, AuditKey, AuditVerdict, Checkpoint, CoordinationStore,
    CsbmStore, Dataset, DatasetStore, EngagementFilter, EngagementRow, ImportOrigin, ImportOutcome,
    ImportSession, KnownCodes, NewRecord, PostgresStore, PublicKey, Result, SqliteStore, Store,
    UserChange, Written,
};

/// A store of either kind.
#[derive(Debug, Clone)]
pub enum AnyStore {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

/// An import on either kind of store.
pub enum AnyImport {
    Sqlite(<SqliteStore as Store>::Import),
    Postgres(<PostgresStore as Store>::Import),
}

impl From<SqliteStore> for AnyStore {
    fn from(store: SqliteStore) -> Self {
        AnyStore::Sqlite(store)
    }
}

impl From<PostgresStore> for AnyStore {
    fn from(store: PostgresStore) -> Self {
        AnyStore::Postgres(store)
    }
}

/// Each method as `fn name(&self, arg: Type, …) -> Output;`, forwarded to the store held.
macro_rules! forward {
    ($(fn $name:ident(&self $(, $arg:ident: $ty:ty)*) -> $out:ty;)*) => {
        $(
            async fn $name(&self $(, $arg: $ty)*) -> $out {
                match self {
                    AnyStore::Sqlite(store) => store.$name($($arg),*).await,
                    AnyStore::Postgres(store) => store.$name($($arg),*).await,
                }
            }
        )*
    };
}

impl Store for AnyStore {
    type Import = AnyImport;

    forward! {
        fn migrate(&self) -> Result<()>;
        fn check_schema(&self) -> Result<()>;
        fn meta(&self, key: &str) -> Result<Option<String>>;
        fn set_meta(&self, key: &str, value: &str) -> Result<()>;
        fn set_setting(&self, key: &str, value: &str, actor: &Actor) -> Result<()>;
        fn load_reference(&self, partners: &[Partner], objectives: &[Objective], actor: &Actor) -> Result<()>;
        fn known_codes(&self) -> Result<KnownCodes>;
        fn add_partner(&self, partner: &Partner, actor: &Actor) -> Result<()>;
        fn get_partner(&self, code: &PartnerCode, viewer: &Actor) -> Result<Stored<Partner>>;
        fn list_partners(&self, filter: &PartnerFilter, viewer: &Actor) -> Result<Vec<Stored<Partner>>>;
        fn update_partner(&self, code: &PartnerCode, partner: &Partner, expected_version: i64, actor: &Actor) -> Result<Stored<Partner>>;
        fn add_person(&self, person: &Person, actor: &Actor) -> Result<i64>;
        fn get_person(&self, id: i64, viewer: &Actor) -> Result<Stored<Person>>;
        fn list_people(&self, nation: Option<&PartnerCode>, viewer: &Actor) -> Result<Vec<Stored<Person>>>;
        fn update_person(&self, id: i64, person: &Person, expected_version: i64, actor: &Actor) -> Result<Stored<Person>>;
        fn add_asset(&self, asset: &Asset, actor: &Actor) -> Result<i64>;
        fn get_asset(&self, id: i64, viewer: &Actor) -> Result<Stored<Asset>>;
        fn list_assets(&self, nation: Option<&PartnerCode>, viewer: &Actor) -> Result<Vec<Stored<Asset>>>;
        fn update_asset(&self, id: i64, asset: &Asset, expected_version: i64, actor: &Actor) -> Result<Stored<Asset>>;
        fn add_objective(&self, objective: &Objective, actor: &Actor) -> Result<()>;
        fn get_objective(&self, code: &str, viewer: &Actor) -> Result<Stored<Objective>>;
        fn list_objectives(&self, partner: Option<&PartnerCode>, viewer: &Actor) -> Result<Vec<Stored<Objective>>>;
        fn update_objective(&self, code: &str, objective: &Objective, expected_version: i64, actor: &Actor) -> Result<Stored<Objective>>;
        fn add_agreement(&self, agreement: &Agreement, actor: &Actor) -> Result<i64>;
        fn get_agreement(&self, id: i64, viewer: &Actor) -> Result<Stored<Agreement>>;
        fn list_agreements(&self, partner: Option<&PartnerCode>, viewer: &Actor) -> Result<Vec<Stored<Agreement>>>;
        fn update_agreement(&self, id: i64, agreement: &Agreement, expected_version: i64, actor: &Actor) -> Result<Stored<Agreement>>;
        fn add_activity(&self, activity: &Activity, actor: &Actor) -> Result<Stored<Activity>>;
        fn get_activity(&self, id: i64, viewer: &Actor) -> Result<Stored<Activity>>;
        fn update_activity(&self, id: i64, activity: &Activity, expected_version: i64, actor: &Actor) -> Result<Stored<Activity>>;
        fn change_status(&self, id: i64, from: Status, to: Status, expected_version: i64, actor: &Actor) -> Result<Stored<Activity>>;
        fn status_changes(&self, id: i64, viewer: &Actor) -> Result<Vec<StatusChange>>;
        fn list_activities(&self, filter: &ActivityFilter, sort: Sort, page: &Page, viewer: &Actor) -> Result<Vec<Stored<Activity>>>;
        fn count_activities(&self, filter: &ActivityFilter, viewer: &Actor) -> Result<u64>;
        fn engagement(&self, filter: &EngagementFilter, viewer: &Actor) -> Result<Vec<EngagementRow>>;
        fn engagement_counts(&self, filter: &ActivityFilter, tally: &Tally, viewer: &Actor) -> Result<Vec<u64>>;
        fn add_user(&self, user: &User, password_hash: &str, actor: &Actor) -> Result<()>;
        fn get_user(&self, name: &str, nation: Option<&PartnerCode>) -> Result<Stored<User>>;
        fn list_users(&self, nation: Option<&PartnerCode>) -> Result<Vec<Stored<User>>>;
        fn user_credentials(&self, name: &str) -> Result<Option<(User, String)>>;
        fn create_session(&self, token_hash: &str, user: &str, created: chrono::DateTime<chrono::Utc>, expires: chrono::DateTime<chrono::Utc>) -> Result<()>;
        fn session_user(&self, token_hash: &str, now: chrono::DateTime<chrono::Utc>) -> Result<Option<User>>;
        fn end_session(&self, token_hash: &str) -> Result<()>;
        fn add_api_token(&self, token_hash: &str, label: &str, expires: chrono::DateTime<chrono::Utc>, actor: &Actor) -> Result<ApiToken>;
        fn api_tokens(&self, user: &str) -> Result<Vec<ApiToken>>;
        fn revoke_api_token(&self, id: i64, actor: &Actor) -> Result<()>;
        fn token_user(&self, token_hash: &str, now: chrono::DateTime<chrono::Utc>) -> Result<Option<User>>;
        fn sign_in_lock(&self, subject: &str, at: chrono::DateTime<chrono::Utc>) -> Result<Option<chrono::DateTime<chrono::Utc>>>;
        fn sign_in_failed(&self, subject: &str, hold: crate::SignInHold, actor: &Actor) -> Result<u32>;
        fn sign_in_succeeded(&self, subject: &str, actor: &Actor) -> Result<()>;
        fn update_user(&self, name: &str, change: UserChange, actor: &Actor) -> Result<Stored<User>>;
        fn audit_trail(&self, record: Option<(&str, &str)>, limit: u32, viewer: &Actor) -> Result<Vec<AuditEntry>>;
        fn verify_audit(&self, key: Option<&PublicKey>) -> Result<AuditVerdict>;
        fn write_checkpoint(&self, key: &AuditKey, only_if_moved: bool, actor: &Actor) -> Result<Option<Checkpoint>>;
        fn count_audit(&self, viewer: &Actor) -> Result<u64>;
        fn change_marker(&self) -> Result<i64>;
    }

    async fn begin_import(&self) -> Result<AnyImport> {
        Ok(match self {
            AnyStore::Sqlite(store) => AnyImport::Sqlite(store.begin_import().await?),
            AnyStore::Postgres(store) => AnyImport::Postgres(store.begin_import().await?),
        })
    }
}

impl CoordinationStore for AnyStore {
    forward! {
        fn concurrence_rules(&self) -> Result<Vec<ConcurrenceRule>>;
        fn replace_concurrence_rules(&self, rules: &[ConcurrenceRule], actor: &Actor) -> Result<()>;
        fn concurrence_answers(&self, activity: i64, viewer: &Actor) -> Result<Vec<Answer>>;
        fn concurrence_answers_of(&self, activities: &[i64], viewer: &Actor) -> Result<Vec<(i64, Answer)>>;
        fn add_concurrence_answer(&self, activity: i64, answer: &Answer, actor: &Actor) -> Result<()>;
        fn update_activity_resetting(&self, id: i64, activity: &Activity, expected_version: i64, reset: &[Ministry], because: &str, actor: &Actor) -> Result<Stored<Activity>>;
        fn lead_times(&self) -> Result<Vec<(PartnerCode, LeadTimes)>>;
        fn set_lead_times(&self, partner: &PartnerCode, times: &LeadTimes, actor: &Actor) -> Result<()>;
        fn clearance_requests(&self, activity: i64, viewer: &Actor) -> Result<Vec<ClearanceRequest>>;
        fn clearance_requests_of(&self, activities: &[i64], viewer: &Actor) -> Result<Vec<(i64, ClearanceRequest)>>;
        fn put_clearance_request(&self, activity: i64, request: &ClearanceRequest, actor: &Actor) -> Result<()>;
        fn recipients(&self, activity: i64, viewer: &Actor) -> Result<Vec<Recipient>>;
        fn put_recipient(&self, activity: i64, recipient: &Recipient, actor: &Actor) -> Result<()>;
        fn restrictions(&self, partner: Option<&PartnerCode>) -> Result<Vec<(i64, Restriction)>>;
        fn add_restrictions(&self, restrictions: &[Restriction], actor: &Actor) -> Result<Vec<Added>>;
        fn complete_as_coercive_presence(&self, id: i64, expected_version: i64, actor: &Actor) -> Result<Stored<Activity>>;
        fn is_coercive_presence(&self, id: i64, viewer: &Actor) -> Result<bool>;
        fn update_restriction(&self, id: i64, restriction: &Restriction, actor: &Actor) -> Result<()>;
        fn delete_restriction(&self, id: i64, actor: &Actor) -> Result<()>;
    }
}

impl CsbmStore for AnyStore {
    forward! {
        fn add_csbm_activities(&self, activities: &[MilitaryActivity], actor: &Actor) -> Result<Vec<i64>>;
        fn csbm_activity(&self, id: i64, viewer: &Actor) -> Result<Stored<MilitaryActivity>>;
        fn csbm_activities(&self, from: NaiveDate, to: NaiveDate, viewer: &Actor) -> Result<Vec<Stored<MilitaryActivity>>>;
        fn update_csbm_activity(&self, id: i64, activity: &MilitaryActivity, expected_version: i64, actor: &Actor) -> Result<Stored<MilitaryActivity>>;
        fn add_verification(&self, verification: &Verification, label: &SecurityLabel, actor: &Actor) -> Result<i64>;
        fn verifications(&self, year: i32, viewer: &Actor) -> Result<Vec<Verification>>;
        fn set_units_reported(&self, state: &str, year: i32, units: i64, actor: &Actor) -> Result<()>;
        fn units_reported(&self, year: i32) -> Result<HashMap<String, i64>>;
        fn add_air_base_visit(&self, visit: &AirBaseVisit, actor: &Actor) -> Result<i64>;
        fn air_base_visits(&self, host: Option<&str>, viewer: &Actor) -> Result<Vec<Stored<AirBaseVisit>>>;
    }
}

impl DatasetStore for AnyStore {
    forward! {
        fn import_dataset(&self, dataset: &Dataset, events: &[DatasetEvent], actor: &Actor) -> Result<ImportOutcome>;
        fn datasets(&self, viewer: &Actor) -> Result<Vec<Stored<Dataset>>>;
        fn dataset(&self, name: &str, viewer: &Actor) -> Result<Stored<Dataset>>;
        fn delete_dataset(&self, name: &str, actor: &Actor) -> Result<Stored<Dataset>>;
        fn dataset_events(&self, name: &str, filter: &EngagementFilter, viewer: &Actor) -> Result<(Stored<Dataset>, Vec<DatasetEvent>)>;
    }
}

impl AmeStore for AnyStore {
    forward! {
        fn add_indicator_reading(&self, objective: &str, reading: &IndicatorReading, actor: &Actor) -> Result<()>;
        fn indicator_readings(&self, objective: &str, viewer: &Actor) -> Result<Vec<IndicatorReading>>;
        fn latest_readings(&self, partner: Option<&PartnerCode>, viewer: &Actor) -> Result<Vec<LatestReading>>;
        fn assess_activity(&self, id: i64, rating: OutcomeRating, expected_version: i64, actor: &Actor) -> Result<Stored<Activity>>;
        fn rate_imported(&self, source: &str, ratings: &[(String, OutcomeRating)], actor: &Actor) -> Result<u64>;
        fn outcome_rating(&self, id: i64, viewer: &Actor) -> Result<Option<OutcomeRating>>;
        fn objective_ratings(&self, partner: Option<&PartnerCode>, viewer: &Actor) -> Result<Vec<RatingCount>>;
        fn assessments_due(&self, overdue_before: NaiveDate, limit: u32, viewer: &Actor) -> Result<AssessmentsDue>;
    }
}

/// Each method of an import as `fn name(&mut self, arg: Type, …) -> Output;`.
macro_rules! forward_import {
    ($(fn $name:ident(&mut self $(, $arg:ident: $ty:ty)*) -> $out:ty;)*) => {
        $(
            async fn $name(&mut self $(, $arg: $ty)*) -> $out {
                match self {
                    AnyImport::Sqlite(import) => import.$name($($arg),*).await,
                    AnyImport::Postgres(import) => import.$name($($arg),*).await,
                }
            }
        )*
    };
}

impl ImportSession for AnyImport {
    forward_import! {
        fn write(&mut self, batch: &[Activity], actor: &Actor) -> Result<Written>;
        fn add_record(&mut self, record: NewRecord<'_>, actor: &Actor) -> Result<()>;
        fn set_meta(&mut self, key: &str, value: &str) -> Result<()>;
    }

    async fn commit(self, origin: &ImportOrigin, actor: &Actor) -> Result<()> {
        match self {
            AnyImport::Sqlite(import) => import.commit(origin, actor).await,
            AnyImport::Postgres(import) => import.commit(origin, actor).await,
        }
    }
}
