// Included twice by `sql/mod.rs`, first (in `sql::sqlite` and `sql::postgres`, which define
// `Db`, `MIGRATOR` and the backend's constants): the store, the imports that every included
// file shares, the helpers every part uses (visibility, labels and stamps, conflicts, the
// audit append), and `impl Store`, a table of delegations to the parts. Write portable SQL
// here; see the note in `sql/mod.rs`.

use std::collections::{HashMap, HashSet};

use attache_domain::access::User;
use attache_domain::records::{Agreement, Asset, Indicator, Objective, Partner, Person};
use attache_domain::{Activity, Classification, PartnerCode, Status};
use chrono::NaiveDate;
use sqlx::query_builder::Separated;
use sqlx::{Pool, QueryBuilder};

use crate::audit::{AuditEntry, AuditVerdict, ChainWalk, Change, chain};
use crate::sql::rows::{
    ActivityChildren, ActivityRow, AgreementRow, AssetRow, IndicatorRow, ObjectiveRow, PartnerRow,
    PersonRow, StatusChangeRow, UserRow,
};
use crate::content_hash::content_hash;
use attache_domain::{StatusChange, Stored};
use attache_domain::access::Actor;
use attache_domain::query::{ActivityFilter, Cursor, Page, PartnerFilter, Sort, SortField, SortKey};
use crate::{ApiToken, ImportOutcome, ImportSession, KnownCodes, NewRecord, Result, Store, StoreError, UserChange};

type Conn = <Db as sqlx::Database>::Connection;

/// Rows per multi-row insert: one statement per batch instead of one per row (each
/// statement costs a round trip), well under both databases' limit on bound parameters.
const INSERT_BATCH: usize = 500;

const META: &str = "id, classification, releasable_to, owner_nation, created_by, created_at, \
                    updated_by, updated_at, version";

#[derive(Debug, Clone)]
pub struct SqlStore {
    pool: Pool<Db>,
}

impl SqlStore {
    pub fn new(pool: Pool<Db>) -> Self {
        Self { pool }
    }

    pub fn pool(&self) -> &Pool<Db> {
        &self.pool
    }

    /// Inserts a record whose id the database assigns (`qb` is its `INSERT … VALUES`),
    /// with its audit entry, in one transaction; gives the id.
    async fn insert_audited<T: serde::Serialize>(
        &self,
        qb: QueryBuilder<Db>,
        record_type: &'static str,
        label: &attache_domain::SecurityLabel,
        record: &T,
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let id = returning_id(&mut tx, qb).await?;
        let nation = actor.nation.as_str();
        let created = change("create", record_type, id, label, nation, None, Some(record));
        append_audit(&mut tx, actor, vec![created]).await?;
        tx.commit().await?;
        Ok(id)
    }
}

/// Turns a unique-key violation into a conflict the caller can explain.
fn conflict_on_duplicate(what: &str) -> impl Fn(sqlx::Error) -> StoreError + '_ {
    move |e| match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::Conflict(format!("{what} already exists"))
        }
        _ => StoreError::Database(e),
    }
}

/// A statement that begins with `pieces`: SQL text that is all constants (table and
/// column names, fragments), so that no request text can reach it; values go in with
/// `push_bind`.
fn statement(pieces: &[&'static str]) -> QueryBuilder<Db> {
    let mut qb = QueryBuilder::new("");
    for piece in pieces {
        qb.push(piece);
    }
    qb
}

/// Keeps only what the viewer may see: the label rule of `SecurityLabel::visible_to`, in
/// SQL, so that hidden records are absent from every list, count and lookup. `alias` is
/// the table's alias with its dot (`a.`), or empty.
fn push_visible(qb: &mut QueryBuilder<Db>, alias: &'static str, viewer: &Actor) {
    let cleared = Classification::ALL
        .into_iter()
        .filter(|c| *c <= viewer.clearance)
        .map(Classification::as_str);
    qb.push(" AND ").push(alias).push("classification IN ");
    push_in_list(qb, cleared);
    qb.push(" AND (")
        .push(alias)
        .push("owner_nation = ")
        .push_bind(viewer.nation.to_string())
        .push(" OR ';' || ")
        .push(alias)
        .push("releasable_to || ';' LIKE ")
        .push_bind(format!("%;{};%", viewer.nation))
        .push(")");
}

/// `(v1, v2, …)` for an `IN` list, binding each value.
fn push_in_list<T>(qb: &mut QueryBuilder<Db>, values: impl IntoIterator<Item = T>)
where
    T: for<'q> sqlx::Encode<'q, Db> + sqlx::Type<Db>,
{
    qb.push("(");
    let mut list = qb.separated(", ");
    for v in values {
        list.push_bind(v);
    }
    list.push_unseparated(")");
}

/// Explains why a versioned write matched no row: the record is gone, or someone changed
/// it first.
async fn version_conflict(
    conn: &mut Conn,
    table: &'static str,
    what: &str,
    id: i64,
    expected: i64,
) -> StoreError {
    let mut qb = statement(&["SELECT version FROM ", table, " WHERE id = "]);
    qb.push_bind(id);
    let current: std::result::Result<Option<i64>, _> =
        qb.build_query_scalar().fetch_optional(&mut *conn).await;
    match current {
        Ok(None) => StoreError::not_found(format!("{what} {id}")),
        // Same version: the record is as read, but not in the state the caller assumed.
        Ok(Some(version)) if version == expected => StoreError::Conflict(format!(
            "{what} {id} is not in the state you assumed (version {version}): reload it"
        )),
        Ok(Some(version)) => StoreError::Conflict(format!(
            "{what} {id} was changed by someone else (you had version {expected}, it is now at \
             version {version}): reload it and make your change again"
        )),
        Err(e) => StoreError::Database(e),
    }
}

/// A change to a record for the audit trail; `before` and `after` as the record's JSON.
fn change<T: serde::Serialize>(
    action: &'static str,
    record_type: &'static str,
    record_id: impl ToString,
    label: &attache_domain::SecurityLabel,
    owner_nation: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> Change {
    let json = |r: Option<&T>| r.and_then(|r| serde_json::to_string(r).ok());
    Change {
        action,
        record_type,
        record_id: record_id.to_string(),
        classification: label.classification.as_str(),
        releasable_to: label.releasable_to_text(),
        owner_nation: owner_nation.to_owned(),
        before: json(before),
        after: json(after),
    }
}

/// Appends changes to the audit trail inside the caller's transaction; gives the first
/// new entry's id (the others follow it). Moving the head first locks it: concurrent
/// writers take their turns, and each chains to the last.
async fn append_audit(conn: &mut Conn, actor: &Actor, changes: Vec<Change>) -> Result<i64> {
    if changes.is_empty() {
        return Ok(0);
    }
    let (last_id, last_hash): (i64, String) = sqlx::query_as(
        "UPDATE audit_head SET last_id = last_id + $1 WHERE one = 1 RETURNING last_id - $1, last_hash",
    )
    .bind(changes.len() as i64)
    .fetch_one(&mut *conn)
    .await?;
    let entries = chain(actor, last_id, &last_hash, changes);
    // 14 columns a row: well under both databases' limit on bound parameters.
    for chunk in entries.chunks(INSERT_BATCH) {
        let mut qb = QueryBuilder::<Db>::new(
            "INSERT INTO audit_log (id, at, actor, actor_nation, action, record_type, record_id, \
             classification, releasable_to, owner_nation, before, after, prev_hash, hash) ",
        );
        qb.push_values(chunk, |mut row, e| {
            row.push_bind(e.id)
                .push_bind(e.at.clone())
                .push_bind(e.actor.clone())
                .push_bind(e.actor_nation.clone())
                .push_bind(e.action.clone())
                .push_bind(e.record_type.clone())
                .push_bind(e.record_id.clone())
                .push_bind(e.classification.clone())
                .push_bind(e.releasable_to.clone())
                .push_bind(e.owner_nation.clone())
                .push_bind(e.before.clone())
                .push_bind(e.after.clone())
                .push_bind(e.prev_hash.clone())
                .push_bind(e.hash.clone());
        });
        qb.build().execute(&mut *conn).await?;
    }
    let head = entries.last().map(|e| e.hash.clone()).unwrap_or(last_hash);
    sqlx::query("UPDATE audit_head SET last_hash = $1 WHERE one = 1")
        .bind(head)
        .execute(&mut *conn)
        .await?;
    Ok(last_id + 1)
}

fn label_values(label: &attache_domain::SecurityLabel) -> (&'static str, String) {
    (label.classification.as_str(), label.releasable_to_text())
}

/// Inserts a record's label and stamps with the given leading columns already pushed.
fn push_stamps(
    row: &mut sqlx::query_builder::Separated<'_, Db, &'static str>,
    label: &attache_domain::SecurityLabel,
    actor: &Actor,
) {
    let (classification, releasable_to) = label_values(label);
    row.push_bind(classification)
        .push_bind(releasable_to)
        .push_bind(actor.nation.to_string())
        .push_bind(actor.name.clone())
        .push_bind(actor.at)
        .push_bind(actor.name.clone())
        .push_bind(actor.at);
}

const STAMP_COLUMNS: &str =
    "classification, releasable_to, owner_nation, created_by, created_at, updated_by, updated_at";

async fn returning_id(conn: &mut Conn, mut insert: QueryBuilder<Db>) -> Result<i64> {
    insert.push(" RETURNING id");
    Ok(insert.build_query_scalar().fetch_one(&mut *conn).await?)
}

/// Narrows a query (already past its `WHERE`) to one nation's records.
fn push_nation_filter(
    qb: &mut QueryBuilder<Db>,
    column: &'static str,
    nation: Option<&PartnerCode>,
) {
    if let Some(nation) = nation {
        qb.push(" AND ")
            .push(column)
            .push(" = ")
            .push_bind(nation.to_string());
    }
}

// The interface as a table: each method calls into the part that keeps what it reads or
// writes (`activities.rs`, `records.rs`, `accounts.rs`, `audit.rs`, `meta.rs`, and the
// engagement and import files), or is that one call itself.
impl Store for SqlStore {
    type Import = SqlImport;

    async fn migrate(&self) -> Result<()> {
        migrate(self).await
    }

    async fn check_schema(&self) -> Result<()> {
        check_schema(self).await
    }

    async fn meta(&self, key: &str) -> Result<Option<String>> {
        meta(self, key).await
    }

    async fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        write_meta(&mut *self.pool.acquire().await?, key, value).await
    }

    async fn load_reference(
        &self,
        partners: &[Partner],
        objectives: &[Objective],
        actor: &Actor,
    ) -> Result<()> {
        load_reference(self, partners, objectives, actor).await
    }

    async fn known_codes(&self) -> Result<KnownCodes> {
        known_codes(self).await
    }

    async fn add_partner(&self, partner: &Partner, actor: &Actor) -> Result<()> {
        add_partner(self, partner, actor).await
    }

    async fn get_partner(&self, code: &PartnerCode, viewer: &Actor) -> Result<Stored<Partner>> {
        fetch_visible(&mut *self.pool.acquire().await?, code, viewer).await
    }

    async fn list_partners(
        &self,
        filter: &PartnerFilter,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Partner>>> {
        partners_where(&mut *self.pool.acquire().await?, filter, None, viewer).await
    }

    async fn update_partner(
        &self,
        code: &PartnerCode,
        partner: &Partner,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Partner>> {
        self.update_audited(code, partner, expected_version, actor)
            .await
    }

    async fn add_person(&self, p: &Person, actor: &Actor) -> Result<i64> {
        self.add_record(NewRecord::Person(p), actor).await
    }

    async fn get_person(&self, id: i64, viewer: &Actor) -> Result<Stored<Person>> {
        fetch_visible(&mut *self.pool.acquire().await?, &id, viewer).await
    }

    async fn list_people(
        &self,
        nation: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Person>>> {
        list_people(self, nation, viewer).await
    }

    async fn update_person(
        &self,
        id: i64,
        person: &Person,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Person>> {
        self.update_audited(&id, person, expected_version, actor)
            .await
    }

    async fn add_asset(&self, a: &Asset, actor: &Actor) -> Result<i64> {
        self.add_record(NewRecord::Asset(a), actor).await
    }

    async fn get_asset(&self, id: i64, viewer: &Actor) -> Result<Stored<Asset>> {
        fetch_visible(&mut *self.pool.acquire().await?, &id, viewer).await
    }

    async fn list_assets(
        &self,
        nation: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Asset>>> {
        list_assets(self, nation, viewer).await
    }

    async fn update_asset(
        &self,
        id: i64,
        asset: &Asset,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Asset>> {
        self.update_audited(&id, asset, expected_version, actor)
            .await
    }

    async fn add_objective(&self, objective: &Objective, actor: &Actor) -> Result<()> {
        self.add_record(NewRecord::Objective(objective), actor)
            .await
            .map(|_| ())
    }

    async fn get_objective(&self, code: &str, viewer: &Actor) -> Result<Stored<Objective>> {
        fetch_visible(&mut *self.pool.acquire().await?, code, viewer).await
    }

    async fn list_objectives(
        &self,
        partner: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Objective>>> {
        objectives_where(&mut *self.pool.acquire().await?, partner, None, viewer).await
    }

    async fn update_objective(
        &self,
        code: &str,
        objective: &Objective,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Objective>> {
        self.update_audited(code, objective, expected_version, actor)
            .await
    }

    async fn add_agreement(&self, a: &Agreement, actor: &Actor) -> Result<i64> {
        self.add_record(NewRecord::Agreement(a), actor).await
    }

    async fn get_agreement(&self, id: i64, viewer: &Actor) -> Result<Stored<Agreement>> {
        fetch_visible(&mut *self.pool.acquire().await?, &id, viewer).await
    }

    async fn list_agreements(
        &self,
        partner: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Agreement>>> {
        agreements_where(&mut *self.pool.acquire().await?, partner, None, viewer).await
    }

    async fn update_agreement(
        &self,
        id: i64,
        agreement: &Agreement,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Agreement>> {
        self.update_audited(&id, agreement, expected_version, actor)
            .await
    }

    async fn add_activity(&self, activity: &Activity, actor: &Actor) -> Result<Stored<Activity>> {
        add_activity(self, activity, actor).await
    }

    async fn get_activity(&self, id: i64, viewer: &Actor) -> Result<Stored<Activity>> {
        get_activity(self, id, viewer).await
    }

    async fn update_activity(
        &self,
        id: i64,
        activity: &Activity,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Activity>> {
        update_activity(self, id, activity, expected_version, actor).await
    }

    async fn change_status(
        &self,
        id: i64,
        from: Status,
        to: Status,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Activity>> {
        change_status(self, id, from, to, expected_version, actor).await
    }

    async fn status_changes(&self, id: i64, viewer: &Actor) -> Result<Vec<StatusChange>> {
        status_changes(self, id, viewer).await
    }

    async fn list_activities(
        &self,
        filter: &ActivityFilter,
        sort: Sort,
        page: &Page,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Activity>>> {
        list_activities(self, filter, sort, page, viewer).await
    }

    async fn count_activities(&self, filter: &ActivityFilter, viewer: &Actor) -> Result<u64> {
        count_activities(self, filter, viewer).await
    }

    async fn engagement(
        &self,
        filter: &crate::EngagementFilter,
        viewer: &Actor,
    ) -> Result<Vec<crate::EngagementRow>> {
        self.read_engagement(filter, viewer).await
    }

    async fn engagement_counts(
        &self,
        filter: &ActivityFilter,
        tally: &attache_domain::query::Tally,
        viewer: &Actor,
    ) -> Result<Vec<u64>> {
        engagement_counts(&self.pool, filter, tally, viewer).await
    }

    async fn begin_import(&self) -> Result<SqlImport> {
        SqlImport::begin(&self.pool).await
    }

    async fn add_user(&self, user: &User, password_hash: &str, actor: &Actor) -> Result<()> {
        add_user(self, user, password_hash, actor).await
    }

    async fn get_user(&self, name: &str, viewer: &Actor) -> Result<Stored<User>> {
        select_user(&mut *self.pool.acquire().await?, name, viewer).await
    }

    async fn list_users(&self, viewer: &Actor) -> Result<Vec<Stored<User>>> {
        select_users(&mut *self.pool.acquire().await?, None, viewer).await
    }

    async fn user_credentials(&self, name: &str) -> Result<Option<(User, String)>> {
        user_credentials(self, name).await
    }

    async fn create_session(
        &self,
        token_hash: &str,
        user: &str,
        created: chrono::DateTime<chrono::Utc>,
        expires: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        create_session(self, token_hash, user, created, expires).await
    }

    async fn session_user(
        &self,
        token_hash: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<User>> {
        self.user_by_credential("sessions", token_hash, now).await
    }

    async fn end_session(&self, token_hash: &str) -> Result<()> {
        end_session(self, token_hash).await
    }

    async fn add_api_token(
        &self,
        token_hash: &str,
        label: &str,
        expires: chrono::DateTime<chrono::Utc>,
        actor: &Actor,
    ) -> Result<ApiToken> {
        add_api_token(self, token_hash, label, expires, actor).await
    }

    async fn api_tokens(&self, user: &str) -> Result<Vec<ApiToken>> {
        api_tokens(self, user).await
    }

    async fn revoke_api_token(&self, id: i64, actor: &Actor) -> Result<()> {
        revoke_api_token(self, id, actor).await
    }

    async fn token_user(
        &self,
        token_hash: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<User>> {
        self.user_by_credential("api_tokens", token_hash, now).await
    }

    async fn sign_in_lock(
        &self,
        subject: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        sign_in_lock(self, subject, at).await
    }

    async fn sign_in_failed(
        &self,
        subject: &str,
        limit: u32,
        lock_until: chrono::DateTime<chrono::Utc>,
        actor: &Actor,
    ) -> Result<u32> {
        sign_in_failed(self, subject, limit, lock_until, actor).await
    }

    async fn sign_in_succeeded(&self, subject: &str, actor: &Actor) -> Result<()> {
        sign_in_succeeded(self, subject, actor).await
    }

    async fn update_user(
        &self,
        name: &str,
        change_to: UserChange,
        actor: &Actor,
    ) -> Result<Stored<User>> {
        update_user(self, name, change_to, actor).await
    }

    async fn audit_trail(
        &self,
        record: Option<(&str, &str)>,
        limit: u32,
        viewer: &Actor,
    ) -> Result<Vec<AuditEntry>> {
        audit_trail(self, record, limit, viewer).await
    }

    async fn change_marker(&self) -> Result<i64> {
        change_marker(self).await
    }

    async fn verify_audit(&self) -> Result<AuditVerdict> {
        verify_audit(self).await
    }
}
