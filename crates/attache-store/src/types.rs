//! The values that go in and out of the store besides domain records.

use attache_domain::access::{Permission, User, UserRole};
use attache_domain::records::{Agreement, Asset, Objective, Person};
use attache_domain::{Category, Classification, PartnerCode, Status};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// Who is acting, for which nation, with which clearance and roles, and when: every write
/// is stamped with these, every read filtered by them.
#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    pub nation: PartnerCode,
    pub clearance: Classification,
    pub roles: Vec<UserRole>,
    pub at: DateTime<Utc>,
}

impl Actor {
    /// A signed-in user, acting at `at`.
    pub fn of(user: &User, at: DateTime<Utc>) -> Actor {
        Actor {
            name: user.name.clone(),
            nation: user.nation.clone(),
            clearance: user.clearance,
            roles: user.roles.clone(),
            at,
        }
    }

    pub fn can(&self, permission: Permission) -> bool {
        attache_domain::access::allows(&self.roles, permission)
    }
}

/// What the store adds to every record.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RecordMeta {
    pub id: i64,
    pub owner_nation: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Stored<T> {
    pub meta: RecordMeta,
    pub record: T,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StatusChange {
    pub from: Status,
    pub to: Status,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// The filters of `activity list`, the API and exports. An activity matches a date range
/// when it overlaps it.
#[derive(Debug, Clone, Default)]
pub struct ActivityFilter {
    pub partner: Option<PartnerCode>,
    pub category: Option<Category>,
    pub status: Option<Status>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Words found in the title, description, location or outcome, any case.
    pub text: Option<String>,
    /// Only engagement: leaves out visits flagged as coercive presence (carried out
    /// without clearance), for every engagement count and chart.
    pub engagement_only: bool,
    /// Only activities this ministry has neither concurred on nor objected to (a reset
    /// answer does not count): the candidates of its inbox.
    pub unanswered_by: Option<attache_domain::coordination::concurrence::Ministry>,
}

/// What engagement is counted by (`Store::engagement_counts`): one count per category or
/// per period, of the activities an `ActivityFilter` selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tally {
    /// One count per category, in the order of `Category::ALL`.
    ByCategory,
    /// One count per period (its first and last day), of the activities that overlap it:
    /// an activity over two periods counts in both.
    ByPeriod(Vec<(NaiveDate, NaiveDate)>),
}

#[derive(Debug, Clone, Default)]
pub struct PartnerFilter {
    pub kind: Option<attache_domain::records::PartnerKind>,
    pub region: Option<String>,
    /// Part of the code or the name, any case.
    pub search: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortField {
    #[default]
    Start,
    Title,
    Category,
    Status,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    pub field: SortField,
    pub descending: bool,
}

/// The sort key of the last row seen, for keyset paging (stable under inserts).
#[derive(Debug, Clone, PartialEq)]
pub enum SortKey {
    Date(NaiveDate),
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    pub key: SortKey,
    pub id: i64,
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub after: Option<Cursor>,
    /// At most this many rows; `None` for all.
    pub limit: Option<u32>,
}

impl Cursor {
    /// The cursor that continues after this activity in the given sort.
    pub fn after(activity: &super::Stored<attache_domain::Activity>, sort: Sort) -> Cursor {
        let a = &activity.record;
        let key = match sort.field {
            SortField::Start => SortKey::Date(a.start),
            SortField::Title => SortKey::Text(a.title.clone()),
            SortField::Category => SortKey::Text(a.category.to_string()),
            SortField::Status => SortKey::Text(a.status.to_string()),
        };
        Cursor {
            key,
            id: activity.meta.id,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

impl std::ops::AddAssign for ImportOutcome {
    fn add_assign(&mut self, other: Self) {
        self.inserted += other.inserted;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
    }
}

/// A record to add: what the `add_…` methods and an import session's `add_record` take.
#[derive(Debug, Clone, Copy)]
pub enum NewRecord<'a> {
    Objective(&'a Objective),
    Person(&'a Person),
    Asset(&'a Asset),
    Agreement(&'a Agreement),
}

/// Where an import's rows come from, as its audit entries name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOrigin {
    /// The source the import gives rows that do not name theirs; the entries' record id.
    pub source: String,
    /// The file's name, or what generated the rows.
    pub file: String,
    /// The SHA-256 of the file's bytes, in lower-case hex; empty for generated rows.
    pub sha256: String,
}

/// A change to an account: what is set is changed.
#[derive(Debug, Clone, Default)]
pub struct UserChange {
    pub disabled: Option<bool>,
    pub password_hash: Option<String>,
}

/// An API token as anyone may see it: never the token itself, which is shown once.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ApiToken {
    pub id: i64,
    pub user_name: String,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}
