// Included twice by `sql/mod.rs`: once in `sql::sqlite` and once in `sql::postgres`, where
// `Db` and `MIGRATOR` are defined. Write portable SQL here; see the note in `sql/mod.rs`.

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
/// Activities per insert (25 parameters each). Full chunks share one statement text, so
/// the prepared statement is reused from the connection's cache.
const ACTIVITY_ROWS: usize = 200;

const META: &str = "id, classification, releasable_to, owner_nation, created_by, created_at, \
                    updated_by, updated_at, version";
const ACTIVITY_COLUMNS: &str = "SELECT a.id, a.source, a.external_id, a.title, a.category, \
    a.status, a.start_date, a.end_date, a.host, a.location, a.latitude, a.longitude, \
    a.cost_thousandths, a.cost_currency, a.description, a.outcome, a.classification, \
    a.releasable_to, a.owner_nation, a.created_by, a.created_at, a.updated_by, a.updated_at, \
    a.version";

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

/// Keeps only what the viewer may see: the label rule of `SecurityLabel::visible_to`, in
/// SQL, so that hidden records are absent from every list, count and lookup. `alias` is
/// the table's alias with its dot (`a.`), or empty.
fn push_visible(qb: &mut QueryBuilder<Db>, alias: &str, viewer: &Actor) {
    let cleared = Classification::ALL
        .into_iter()
        .filter(|c| *c <= viewer.clearance)
        .map(Classification::as_str);
    qb.push(format!(" AND {alias}classification IN "));
    push_in_list(qb, cleared);
    qb.push(format!(" AND ({alias}owner_nation = "))
        .push_bind(viewer.nation.to_string())
        .push(format!(" OR ';' || {alias}releasable_to || ';' LIKE "))
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

async fn load_activity_children(conn: &mut Conn, ids: &[i64]) -> Result<ActivityChildren> {
    let mut children = ActivityChildren::default();
    // In bounded lists: a page may hold more ids than a statement may bind.
    for chunk in ids.chunks(INSERT_BATCH) {
        load_children_of(conn, chunk, &mut children).await?;
    }
    Ok(children)
}

/// Every child row of the activities in one statement (one round trip, which is most of
/// the cost of a page): `kind` says which table a row comes from.
async fn load_children_of(
    conn: &mut Conn,
    ids: &[i64],
    children: &mut ActivityChildren,
) -> Result<()> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT activity_id, 'p' AS kind, partner AS value, role FROM activity_participants \
         WHERE activity_id IN ",
    );
    push_in_list(&mut qb, ids.iter().copied());
    for (kind, table, column) in [
        ("o", "activity_objectives", "objective"),
        ("a", "activity_assets", "asset"),
    ] {
        qb.push(format!(
            " UNION ALL SELECT activity_id, '{kind}', {column}, '' FROM {table} WHERE activity_id IN "
        ));
        push_in_list(&mut qb, ids.iter().copied());
    }
    let rows: Vec<(i64, String, String, String)> =
        qb.build_query_as().fetch_all(&mut *conn).await?;
    for (id, kind, value, role) in rows {
        match kind.as_str() {
            "p" => children.add_participant(id, &value, &role)?,
            "o" => children.objectives.entry(id).or_default().push(value),
            _ => children.assets.entry(id).or_default().push(value),
        }
    }
    Ok(())
}

async fn assemble_activities(
    conn: &mut Conn,
    rows: Vec<ActivityRow>,
) -> Result<Vec<Stored<Activity>>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.meta.id).collect();
    let mut children = load_activity_children(conn, &ids).await?;
    rows.into_iter()
        .map(|r| r.into_stored(&mut children))
        .collect()
}

/// Moves an activity from `from` to `to` if it is still there at `expected_version`, and
/// records the move; the caller reads the activity as the actor first and audits.
async fn move_status(
    conn: &mut Conn,
    id: i64,
    from: Status,
    to: Status,
    expected_version: i64,
    actor: &Actor,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE activities SET status = $1, updated_by = $2, updated_at = $3, version = version + 1 \
         WHERE id = $4 AND version = $5 AND status = $6",
    )
    .bind(to.as_str())
    .bind(&actor.name)
    .bind(actor.at)
    .bind(id)
    .bind(expected_version)
    .bind(from.as_str())
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(version_conflict(conn, "activities", "activity", id, expected_version).await);
    }
    record_status_change(conn, id, from, to, actor).await
}

async fn fetch_activity(conn: &mut Conn, id: i64, viewer: &Actor) -> Result<Stored<Activity>> {
    let mut qb = QueryBuilder::<Db>::new(ACTIVITY_COLUMNS);
    qb.push(" FROM activities a WHERE a.id = ").push_bind(id);
    push_visible(&mut qb, "a.", viewer);
    let row: Option<ActivityRow> = qb.build_query_as().fetch_optional(&mut *conn).await?;
    let row = row.ok_or_else(|| StoreError::not_found(format!("activity {id}")))?;
    assemble_activities(conn, vec![row])
        .await?
        .pop()
        .ok_or_else(|| StoreError::not_found(format!("activity {id}")))
}

/// An activity about to be inserted, with what the store keeps beside it.
struct NewActivity<'a> {
    activity: &'a Activity,
    /// `content_hash` of the activity, as received.
    content_hash: i64,
    /// The import group (`import_groups`) creating it, when an import does.
    imported_in: Option<i64>,
}

impl<'a> NewActivity<'a> {
    fn created(activity: &'a Activity) -> Self {
        Self {
            activity,
            content_hash: content_hash(activity),
            imported_in: None,
        }
    }
}

/// Inserts activities with one statement per chunk, then their children; gives each
/// activity's new id, in the order given. The ids are taken first (`NEW_IDS`), so that
/// no row has to be matched with an id that the database returns.
async fn insert_activities(
    conn: &mut Conn,
    activities: &[NewActivity<'_>],
    actor: &Actor,
) -> Result<Vec<i64>> {
    if activities.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = sqlx::query_scalar(NEW_IDS)
        .bind(activities.len() as i64)
        .fetch_all(&mut *conn)
        .await?;
    if ids.len() != activities.len() {
        return Err(StoreError::corrupt(
            "activities",
            "fewer new ids than activities",
        ));
    }
    // Bound into every row: converted once.
    let nation: std::sync::Arc<str> = actor.nation.as_str().into();
    let name: std::sync::Arc<str> = actor.name.as_str().into();
    let at = bound_time(actor.at);
    let statements = activities
        .chunks(ACTIVITY_ROWS)
        .zip(ids.chunks(ACTIVITY_ROWS))
        .map(|(chunk, chunk_ids)| {
            let mut qb = QueryBuilder::<Db>::new(
                "INSERT INTO activities (id, source, external_id, title, category, status, \
                 start_date, end_date, host, location, latitude, longitude, cost_thousandths, \
                 cost_currency, description, outcome, content_hash, imported_in, \
                 classification, releasable_to, owner_nation, created_by, created_at, \
                 updated_by, updated_at) ",
            );
            qb.push_values(chunk.iter().zip(chunk_ids), |mut row, (new, id)| {
                // An `Arc` on SQLite (a clone is a count), a `Copy` time on PostgreSQL.
                let at = BoundTime::clone(&at);
                let a = new.activity;
                let coordinates = a.location.as_ref().and_then(|l| l.coordinates);
                row.push_bind(*id)
                    .push_bind(a.source.as_str())
                    .push_bind(a.external_id.as_str())
                    .push_bind(a.title.as_str())
                    .push_bind(a.category.as_str())
                    .push_bind(a.status.as_str())
                    .push_bind(bound_date(a.start))
                    .push_bind(bound_date(a.end))
                    .push_bind(a.host.as_str())
                    .push_bind(a.location.as_ref().map_or("", |l| l.name.as_str()))
                    .push_bind(coordinates.map(|c| c.0))
                    .push_bind(coordinates.map(|c| c.1))
                    .push_bind(a.cost.as_ref().map(|m| m.amount.thousandths()))
                    .push_bind(a.cost.as_ref().map(|m| m.currency.as_str()))
                    .push_bind(a.description.as_str())
                    .push_bind(a.outcome.as_str())
                    .push_bind(new.content_hash)
                    .push_bind(new.imported_in)
                    .push_bind(a.label.classification.as_str())
                    .push_bind(a.label.releasable_to_text())
                    .push_bind(nation.clone())
                    .push_bind(name.clone())
                    .push_bind(BoundTime::clone(&at))
                    .push_bind(name.clone())
                    .push_bind(at);
            });
            qb
        });
    execute_each(conn, statements)
        .await
        .map_err(conflict_on_duplicate(
            "an activity with this source and external id",
        ))?;
    let pairs: Vec<(i64, &Activity)> = ids
        .iter()
        .copied()
        .zip(activities.iter().map(|new| new.activity))
        .collect();
    insert_children(conn, &pairs).await?;
    Ok(ids)
}

/// Executes statements in turn, binding each one's values while the database runs the
/// one before (SQLite's driver runs it on its own thread): a bulk insert spends about as
/// long binding as executing.
async fn execute_each(
    conn: &mut Conn,
    mut statements: impl Iterator<Item = QueryBuilder<Db>> + Send,
) -> std::result::Result<(), sqlx::Error> {
    let mut next = statements.next();
    while let Some(mut qb) = next {
        // `join` polls the execution first, which hands the statement to the driver.
        let (done, following) =
            futures_util::future::join(qb.build().execute(&mut *conn), async {
                statements.next()
            })
            .await;
        done?;
        next = following;
    }
    Ok(())
}

async fn insert_children(conn: &mut Conn, activities: &[(i64, &Activity)]) -> Result<()> {
    let participants: Vec<(i64, &str, &'static str, NaiveDate)> = activities
        .iter()
        .flat_map(|(id, a)| {
            a.participants
                .iter()
                .map(|p| (*id, p.partner.as_str(), p.role.as_str(), a.start))
        })
        .collect();
    let statements = participants.chunks(INSERT_BATCH * 4).map(|chunk| {
        let mut qb = QueryBuilder::<Db>::new(
            "INSERT INTO activity_participants (activity_id, partner, role, start_date) ",
        );
        qb.push_values(chunk, |mut row, (id, partner, role, start)| {
            row.push_bind(*id)
                .push_bind(*partner)
                .push_bind(*role)
                .push_bind(*start);
        });
        qb
    });
    execute_each(conn, statements).await?;
    for (table, column) in [
        ("activity_objectives", "objective"),
        ("activity_assets", "asset"),
    ] {
        let values: Vec<(i64, &str)> = activities
            .iter()
            .flat_map(|(id, a)| {
                let list = if table == "activity_objectives" {
                    &a.objectives
                } else {
                    &a.assets
                };
                list.iter().map(|v| (*id, v.as_str()))
            })
            .collect();
        let statements = values.chunks(INSERT_BATCH * 4).map(|chunk| {
            let mut qb =
                QueryBuilder::<Db>::new(format!("INSERT INTO {table} (activity_id, {column}) "));
            qb.push_values(chunk, |mut row, (id, value)| {
                row.push_bind(*id).push_bind(*value);
            });
            qb
        });
        execute_each(conn, statements).await?;
    }
    Ok(())
}

/// Replaces an activity's content and children if its version is `expected_version`.
/// `received` is the content's hash when it comes from its source (an import), which is
/// what a later import compares with; a local edit keeps the hash of what was received, so
/// re-importing an unchanged file leaves local edits alone.
async fn replace_activity(
    conn: &mut Conn,
    id: i64,
    a: &Activity,
    expected_version: i64,
    received: Option<i64>,
    actor: &Actor,
) -> Result<()> {
    let coordinates = a.location.as_ref().and_then(|l| l.coordinates);
    let done = sqlx::query(
        "UPDATE activities SET source = $1, external_id = $2, title = $3, category = $4, \
         status = $5, start_date = $6, end_date = $7, host = $8, location = $9, latitude = $10, \
         longitude = $11, cost_thousandths = $12, cost_currency = $13, description = $14, \
         outcome = $15, content_hash = COALESCE($16, content_hash), classification = $17, releasable_to = $18, \
         updated_by = $19, updated_at = $20, version = version + 1 \
         WHERE id = $21 AND version = $22",
    )
    .bind(&a.source)
    .bind(&a.external_id)
    .bind(&a.title)
    .bind(a.category.as_str())
    .bind(a.status.as_str())
    .bind(a.start)
    .bind(a.end)
    .bind(a.host.as_str())
    .bind(
        a.location
            .as_ref()
            .map(|l| l.name.as_str())
            .unwrap_or_default(),
    )
    .bind(coordinates.map(|c| c.0))
    .bind(coordinates.map(|c| c.1))
    .bind(a.cost.as_ref().map(|m| m.amount.thousandths()))
    .bind(a.cost.as_ref().map(|m| m.currency.as_str()))
    .bind(&a.description)
    .bind(&a.outcome)
    .bind(received)
    .bind(a.label.classification.as_str())
    .bind(a.label.releasable_to_text())
    .bind(&actor.name)
    .bind(actor.at)
    .bind(id)
    .bind(expected_version)
    .execute(&mut *conn)
    .await
    .map_err(conflict_on_duplicate(
        "an activity with this source and external id",
    ))?;
    if done.rows_affected() == 0 {
        return Err(version_conflict(conn, "activities", "activity", id, expected_version).await);
    }
    for table in [
        "activity_participants",
        "activity_objectives",
        "activity_assets",
    ] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE activity_id = $1"
        )))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    insert_children(conn, &[(id, a)]).await
}

async fn record_status_change(
    conn: &mut Conn,
    id: i64,
    from: Status,
    to: Status,
    actor: &Actor,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO activity_status_changes (activity_id, from_status, to_status, changed_by, changed_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(from.as_str())
    .bind(to.as_str())
    .bind(&actor.name)
    .bind(actor.at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Explains why a versioned write matched no row: the record is gone, or someone changed
/// it first.
async fn version_conflict(
    conn: &mut Conn,
    table: &str,
    what: &str,
    id: i64,
    expected: i64,
) -> StoreError {
    let current: std::result::Result<Option<i64>, _> = sqlx::query_scalar(sqlx::AssertSqlSafe(
        format!("SELECT version FROM {table} WHERE id = $1"),
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await;
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

/// An activity's change: its label and owner as stored after the change.
fn activity_change(
    action: &'static str,
    before: Option<&Stored<Activity>>,
    after: &Stored<Activity>,
) -> Change {
    change(
        action,
        "activity",
        after.meta.id,
        &after.record.label,
        &after.meta.owner_nation,
        before.map(|b| &b.record),
        Some(&after.record),
    )
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

const AUDIT_COLUMNS: &str = "id, at, actor, actor_nation, action, record_type, record_id, \
    classification, releasable_to, owner_nation, before, after, prev_hash, hash";

fn sort_column(field: SortField, filter: &ActivityFilter) -> &'static str {
    match field {
        // The same date, from the index the partner filter reads in order.
        SortField::Start if filter.partner.is_some() => "p.start_date",
        SortField::Start => "a.start_date",
        SortField::Title => "a.title",
        SortField::Category => "a.category",
        SortField::Status => "a.status",
    }
}

/// The id a page is ordered by after its sort key: the participation's own copy under the
/// partner filter, so that both come from one index.
fn id_column(filter: &ActivityFilter) -> &'static str {
    match filter.partner {
        Some(_) => "p.activity_id",
        None => "a.id",
    }
}

/// `FROM` and `WHERE` of the activities a filter selects. With a partner, its
/// participations are read first (by partner and date, from their index) and joined to
/// their activities.
fn push_activity_filter(qb: &mut QueryBuilder<Db>, f: &ActivityFilter) {
    match &f.partner {
        Some(partner) => {
            qb.push(
                " FROM activity_participants p JOIN activities a ON a.id = p.activity_id \
                 WHERE p.partner = ",
            )
            .push_bind(partner.to_string());
        }
        None => {
            qb.push(" FROM activities a WHERE 1 = 1");
        }
    }
    if let Some(category) = f.category {
        qb.push(" AND a.category = ").push_bind(category.as_str());
    }
    if let Some(status) = f.status {
        qb.push(" AND a.status = ").push_bind(status.as_str());
    }
    if f.engagement_only {
        qb.push(" AND a.coercive_presence = FALSE");
    }
    if let Some(ministry) = f.unanswered_by {
        qb.push(
            " AND NOT EXISTS (SELECT 1 FROM concurrence_answers c WHERE c.activity_id = a.id \
             AND c.reset_at IS NULL AND c.verdict <> ",
        )
        .push_bind(attache_domain::coordination::concurrence::Verdict::Comment.as_str())
        .push(" AND c.ministry = ")
        .push_bind(ministry.as_str())
        .push(")");
    }
    // A date range matches every activity that overlaps it.
    if let Some(from) = f.from {
        qb.push(" AND a.end_date >= ").push_bind(from);
    }
    if let Some(to) = f.to {
        qb.push(" AND a.start_date <= ").push_bind(to);
    }
    // Each word must appear in one of the text columns; `%` and `_` in a word are literal.
    for word in f.text.iter().flat_map(|t| t.split_whitespace()) {
        let escaped = word
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = format!("%{escaped}%");
        qb.push(" AND (");
        for (i, column) in ["a.title", "a.description", "a.location", "a.outcome"]
            .iter()
            .enumerate()
        {
            if i > 0 {
                qb.push(" OR ");
            }
            qb.push(format_args!("LOWER({column}) LIKE "))
                .push_bind(pattern.clone())
                .push(" ESCAPE '\\'");
        }
        qb.push(")");
    }
}

fn push_cursor(
    qb: &mut QueryBuilder<Db>,
    sort: Sort,
    cursor: &Cursor,
    column: &str,
    id: &str,
) {
    let beyond = if sort.descending { "<" } else { ">" };
    let bind_key = |qb: &mut QueryBuilder<Db>| match &cursor.key {
        SortKey::Date(d) => {
            qb.push_bind(*d);
        }
        SortKey::Text(t) => {
            qb.push_bind(t.clone());
        }
    };
    qb.push(format!(" AND ({column} {beyond} "));
    bind_key(qb);
    qb.push(format!(" OR ({column} = "));
    bind_key(qb);
    qb.push(format!(" AND {id} {beyond} "))
        .push_bind(cursor.id)
        .push("))");
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

/// Inserts or (with `update`) corrects a partner; true when a row was written.
async fn upsert_partner(conn: &mut Conn, p: &Partner, actor: &Actor, update: bool) -> Result<bool> {
    let mut qb = QueryBuilder::<Db>::new(format!(
        "INSERT INTO partners (code, kind, name, alpha2, region, subregion, members_as_of, \
         members_source, {STAMP_COLUMNS}) "
    ));
    qb.push_values([p], |mut row, p| {
        row.push_bind(p.code.to_string())
            .push_bind(p.kind.as_str())
            .push_bind(p.name.clone())
            .push_bind(p.alpha2.clone())
            .push_bind(p.region.clone())
            .push_bind(p.subregion.clone())
            .push_bind(p.members_as_of)
            .push_bind(p.members_source.clone());
        push_stamps(&mut row, &p.label, actor);
    });
    if update {
        // Reference data is corrected in place; an unchanged row keeps its version.
        qb.push(
            " ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, name = excluded.name, \
             alpha2 = excluded.alpha2, region = excluded.region, subregion = excluded.subregion, \
             members_as_of = excluded.members_as_of, members_source = excluded.members_source, \
             updated_by = excluded.updated_by, updated_at = excluded.updated_at, \
             version = partners.version + 1 \
             WHERE (partners.kind, partners.name, partners.alpha2, partners.region, \
             partners.subregion, partners.members_source) IS DISTINCT FROM (excluded.kind, \
             excluded.name, excluded.alpha2, excluded.region, excluded.subregion, \
             excluded.members_source) OR partners.members_as_of IS DISTINCT FROM excluded.members_as_of",
        );
    }
    let written = qb
        .build()
        .execute(&mut *conn)
        .await
        .map_err(conflict_on_duplicate(&format!("partner {}", p.code)))?
        .rows_affected()
        > 0;
    replace_members(conn, &p.code, &p.members).await?;
    Ok(written)
}

/// Replaces an organisation's members (a state has none).
async fn replace_members(
    conn: &mut Conn,
    organisation: &PartnerCode,
    members: &[PartnerCode],
) -> Result<()> {
    sqlx::query("DELETE FROM memberships WHERE organisation = $1")
        .bind(organisation.as_str())
        .execute(&mut *conn)
        .await?;
    if !members.is_empty() {
        let mut qb = QueryBuilder::<Db>::new("INSERT INTO memberships (organisation, member) ");
        qb.push_values(members, |mut row, m| {
            row.push_bind(organisation.to_string())
                .push_bind(m.to_string());
        });
        qb.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Inserts or (with `update`) corrects an objective; true when a row was written.
async fn upsert_objective(
    conn: &mut Conn,
    o: &Objective,
    actor: &Actor,
    update: bool,
) -> Result<bool> {
    let mut qb = QueryBuilder::<Db>::new(format!(
        "INSERT INTO objectives (code, title, aim, partner, {STAMP_COLUMNS}) "
    ));
    qb.push_values([o], |mut row, o| {
        row.push_bind(o.code.clone())
            .push_bind(o.title.clone())
            .push_bind(o.aim.as_str())
            .push_bind(o.partner.as_ref().map(ToString::to_string));
        push_stamps(&mut row, &o.label, actor);
    });
    if update {
        qb.push(
            " ON CONFLICT (code) DO UPDATE SET title = excluded.title, aim = excluded.aim, \
             updated_by = excluded.updated_by, updated_at = excluded.updated_at, \
             version = objectives.version + 1 \
             WHERE (objectives.title, objectives.aim) IS DISTINCT FROM (excluded.title, excluded.aim)",
        );
    }
    let written = qb
        .build()
        .execute(&mut *conn)
        .await
        .map_err(conflict_on_duplicate(&format!("objective {}", o.code)))?
        .rows_affected()
        > 0;
    replace_indicators(conn, &o.code, &o.indicators).await?;
    Ok(written)
}

/// Replaces an objective's indicators, kept in their order.
async fn replace_indicators(conn: &mut Conn, objective: &str, indicators: &[Indicator]) -> Result<()> {
    sqlx::query("DELETE FROM objective_indicators WHERE objective = $1")
        .bind(objective)
        .execute(&mut *conn)
        .await?;
    if !indicators.is_empty() {
        let mut qb = QueryBuilder::<Db>::new(
            "INSERT INTO objective_indicators (objective, position, name, baseline, target) ",
        );
        qb.push_values(indicators.iter().enumerate(), |mut row, (i, ind)| {
            row.push_bind(objective.to_owned())
                .push_bind(i as i64)
                .push_bind(ind.name.clone())
                .push_bind(ind.baseline)
                .push_bind(ind.target);
        });
        qb.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Inserts a new record (not its audit entry, which the caller appends in the same
/// transaction); gives its id (0 for an objective, whose key is its code) and the change
/// to audit.
async fn insert_record(conn: &mut Conn, record: NewRecord<'_>, actor: &Actor) -> Result<(i64, Change)> {
    let nation = actor.nation.as_str();
    Ok(match record {
        NewRecord::Objective(o) => {
            upsert_objective(conn, o, actor, false).await?;
            (0, change("create", "objective", &o.code, &o.label, nation, None, Some(o)))
        }
        NewRecord::Person(p) => {
            let mut qb = QueryBuilder::<Db>::new(format!(
                "INSERT INTO people (name, title, role, nation, {STAMP_COLUMNS}) "
            ));
            qb.push_values([p], |mut row, p| {
                row.push_bind(p.name.clone())
                    .push_bind(p.title.clone())
                    .push_bind(p.role.clone())
                    .push_bind(p.nation.to_string());
                push_stamps(&mut row, &p.label, actor);
            });
            let id = returning_id(conn, qb).await?;
            (id, change("create", "person", id, &p.label, nation, None, Some(p)))
        }
        NewRecord::Asset(a) => {
            let mut qb = QueryBuilder::<Db>::new(format!(
                "INSERT INTO assets (name, kind, identifier, nation, {STAMP_COLUMNS}) "
            ));
            qb.push_values([a], |mut row, a| {
                row.push_bind(a.name.clone())
                    .push_bind(a.kind.as_str())
                    .push_bind(a.identifier.clone())
                    .push_bind(a.nation.to_string());
                push_stamps(&mut row, &a.label, actor);
            });
            let id = returning_id(conn, qb).await?;
            (id, change("create", "asset", id, &a.label, nation, None, Some(a)))
        }
        NewRecord::Agreement(a) => {
            let mut qb = QueryBuilder::<Db>::new(format!(
                "INSERT INTO agreements (kind, title, signed, in_force, expiry, {STAMP_COLUMNS}) "
            ));
            qb.push_values([a], |mut row, a| {
                row.push_bind(a.kind.as_str())
                    .push_bind(a.title.clone())
                    .push_bind(a.signed)
                    .push_bind(a.in_force)
                    .push_bind(a.expiry);
                push_stamps(&mut row, &a.label, actor);
            });
            let id = returning_id(conn, qb).await?;
            replace_parties(conn, id, &a.parties).await?;
            (id, change("create", "agreement", id, &a.label, nation, None, Some(a)))
        }
    })
}

async fn returning_id(conn: &mut Conn, mut insert: QueryBuilder<Db>) -> Result<i64> {
    insert.push(" RETURNING id");
    Ok(insert.build_query_scalar().fetch_one(&mut *conn).await?)
}

async fn write_meta(conn: &mut Conn, key: &str, value: &str) -> Result<()> {
    sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(key)
        .bind(value)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Replaces an agreement's parties.
async fn replace_parties(conn: &mut Conn, agreement: i64, parties: &[PartnerCode]) -> Result<()> {
    sqlx::query("DELETE FROM agreement_parties WHERE agreement_id = $1")
        .bind(agreement)
        .execute(&mut *conn)
        .await?;
    if !parties.is_empty() {
        let mut qb =
            QueryBuilder::<Db>::new("INSERT INTO agreement_parties (agreement_id, partner) ");
        qb.push_values(parties, |mut row, p| {
            row.push_bind(agreement).push_bind(p.to_string());
        });
        qb.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Narrows a query (already past its `WHERE`) to one nation's records.
fn push_nation_filter(qb: &mut QueryBuilder<Db>, column: &str, nation: Option<&PartnerCode>) {
    if let Some(nation) = nation {
        qb.push(format!(" AND {column} = "))
            .push_bind(nation.to_string());
    }
}

impl Store for SqlStore {
    type Import = SqlImport;

    async fn migrate(&self) -> Result<()> {
        // A database that is new has no migrations table yet: nothing can be newer.
        if let Ok(applied) = self.applied_migrations().await {
            refuse_newer(&applied)?;
        }
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    async fn check_schema(&self) -> Result<()> {
        let Ok(applied) = self.applied_migrations().await else {
            return Err(StoreError::Schema(
                "this database is not initialised: run `attache init --nation XXX` first".into(),
            ));
        };
        refuse_newer(&applied)?;
        if MIGRATOR.iter().any(|m| !applied.contains(&m.version)) {
            return Err(StoreError::Schema(
                "this database's schema is older than this attache: run `attache init` to migrate it"
                    .into(),
            ));
        }
        Ok(())
    }

    async fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?)
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
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        // States before organisations: memberships refer to states.
        let (states, organisations): (Vec<&Partner>, Vec<&Partner>) =
            partners.iter().partition(|p| p.members.is_empty());
        let mut changes = Vec::new();
        let owner = actor.nation.as_str();
        for p in states.into_iter().chain(organisations) {
            if upsert_partner(&mut tx, p, actor, true).await? {
                changes.push(change(
                    "reference",
                    "partner",
                    &p.code,
                    &p.label,
                    owner,
                    None,
                    Some(p),
                ));
            }
        }
        for o in objectives {
            if upsert_objective(&mut tx, o, actor, true).await? {
                changes.push(change(
                    "reference",
                    "objective",
                    &o.code,
                    &o.label,
                    owner,
                    None,
                    Some(o),
                ));
            }
        }
        append_audit(&mut tx, actor, changes).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn known_codes(&self) -> Result<KnownCodes> {
        let partners: Vec<String> = sqlx::query_scalar("SELECT code FROM partners")
            .fetch_all(&self.pool)
            .await?;
        let objectives: Vec<String> = sqlx::query_scalar("SELECT code FROM objectives")
            .fetch_all(&self.pool)
            .await?;
        Ok(KnownCodes {
            partners: partners.into_iter().collect(),
            objectives: objectives.into_iter().collect(),
        })
    }

    async fn add_partner(&self, partner: &Partner, actor: &Actor) -> Result<()> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        upsert_partner(&mut tx, partner, actor, false).await?;
        let created = change(
            "create",
            "partner",
            &partner.code,
            &partner.label,
            actor.nation.as_str(),
            None,
            Some(partner),
        );
        append_audit(&mut tx, actor, vec![created]).await?;
        tx.commit().await?;
        Ok(())
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
        let mut conn = self.pool.acquire().await?;
        let rows = national_records(&mut conn, PEOPLE, None, nation, viewer).await?;
        rows.into_iter().map(PersonRow::into_stored).collect()
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
        let mut conn = self.pool.acquire().await?;
        let rows = national_records(&mut conn, ASSETS, None, nation, viewer).await?;
        rows.into_iter().map(AssetRow::into_stored).collect()
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
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let ids = insert_activities(&mut tx, &[NewActivity::created(activity)], actor).await?;
        let id = ids
            .first()
            .copied()
            .ok_or_else(|| StoreError::corrupt("activities", "no id returned"))?;
        let stored = fetch_activity(&mut tx, id, actor).await?;
        let created = activity_change("create", None, &stored);
        append_audit(&mut tx, actor, vec![created]).await?;
        tx.commit().await?;
        Ok(stored)
    }

    async fn get_activity(&self, id: i64, viewer: &Actor) -> Result<Stored<Activity>> {
        let mut conn = self.pool.acquire().await?;
        fetch_activity(&mut conn, id, viewer).await
    }

    async fn update_activity(
        &self,
        id: i64,
        activity: &Activity,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Activity>> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let before = fetch_activity(&mut tx, id, actor).await?;
        replace_activity(&mut tx, id, activity, expected_version, None, actor).await?;
        let stored = fetch_activity(&mut tx, id, actor).await?;
        append_audit(
            &mut tx,
            actor,
            vec![activity_change("update", Some(&before), &stored)],
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    async fn change_status(
        &self,
        id: i64,
        from: Status,
        to: Status,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Activity>> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let before = fetch_activity(&mut tx, id, actor).await?;
        move_status(&mut tx, id, from, to, expected_version, actor).await?;
        let stored = fetch_activity(&mut tx, id, actor).await?;
        append_audit(
            &mut tx,
            actor,
            vec![activity_change("transition", Some(&before), &stored)],
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    async fn status_changes(&self, id: i64, viewer: &Actor) -> Result<Vec<StatusChange>> {
        let mut qb = QueryBuilder::<Db>::new(
            "SELECT s.from_status, s.to_status, s.changed_by, s.changed_at \
             FROM activity_status_changes s JOIN activities a ON a.id = s.activity_id WHERE a.id = ",
        );
        qb.push_bind(id);
        push_visible(&mut qb, "a.", viewer);
        qb.push(" ORDER BY s.id");
        let rows: Vec<StatusChangeRow> = qb.build_query_as().fetch_all(&self.pool).await?;
        rows.into_iter().map(StatusChangeRow::into_change).collect()
    }

    async fn list_activities(
        &self,
        filter: &ActivityFilter,
        sort: Sort,
        page: &Page,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Activity>>> {
        let floor = start_floor(&self.pool, filter.from).await?;
        let mut qb = QueryBuilder::<Db>::new(ACTIVITY_COLUMNS);
        push_activity_filter(&mut qb, filter);
        push_start_floor(&mut qb, filter, floor);
        push_visible(&mut qb, "a.", viewer);
        let (column, id) = (sort_column(sort.field, filter), id_column(filter));
        if let Some(cursor) = &page.after {
            push_cursor(&mut qb, sort, cursor, column, id);
        }
        let direction = if sort.descending { "DESC" } else { "ASC" };
        qb.push(format!(
            " ORDER BY {column} {direction}, {id} {direction}"
        ));
        if let Some(limit) = page.limit {
            qb.push(" LIMIT ").push_bind(i64::from(limit));
        }
        let mut conn = self.pool.acquire().await?;
        let rows: Vec<ActivityRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
        assemble_activities(&mut conn, rows).await
    }

    async fn count_activities(&self, filter: &ActivityFilter, viewer: &Actor) -> Result<u64> {
        let floor = count_floor(&self.pool, filter, filter.from).await?;
        let mut qb = QueryBuilder::<Db>::new("SELECT COUNT(*)");
        push_activity_filter(&mut qb, filter);
        push_start_floor(&mut qb, filter, floor);
        push_visible(&mut qb, "a.", viewer);
        let count: i64 = qb.build_query_scalar().fetch_one(&self.pool).await?;
        Ok(u64::try_from(count).unwrap_or_default())
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
        let label = attache_domain::SecurityLabel::default();
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let mut qb = QueryBuilder::<Db>::new(format!(
            "INSERT INTO users (name, nation, clearance, roles, password_hash, disabled, {STAMP_COLUMNS}) "
        ));
        qb.push_values([user], |mut row, u| {
            row.push_bind(u.name.clone())
                .push_bind(u.nation.to_string())
                .push_bind(u.clearance.as_str())
                .push_bind(roles_text(u))
                .push_bind(password_hash.to_owned())
                .push_bind(u.disabled);
            push_stamps(&mut row, &label, actor);
        });
        qb.build()
            .execute(&mut *tx)
            .await
            .map_err(conflict_on_duplicate(&format!("user {}", user.name)))?;
        let created = change(
            "create",
            "user",
            &user.name,
            &label,
            actor.nation.as_str(),
            None,
            Some(user),
        );
        append_audit(&mut tx, actor, vec![created]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn get_user(&self, name: &str, viewer: &Actor) -> Result<Stored<User>> {
        select_user(&mut *self.pool.acquire().await?, name, viewer).await
    }

    async fn list_users(&self, viewer: &Actor) -> Result<Vec<Stored<User>>> {
        select_users(&mut *self.pool.acquire().await?, None, viewer).await
    }

    async fn user_credentials(&self, name: &str) -> Result<Option<(User, String)>> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT password_hash FROM users WHERE name = $1")
                .bind(name)
                .fetch_optional(&self.pool)
                .await?;
        let Some((hash,)) = row else { return Ok(None) };
        let mut qb =
            QueryBuilder::<Db>::new(format!("SELECT {USER_COLUMNS} FROM users WHERE name = "));
        qb.push_bind(name.to_owned());
        let user: Option<UserRow> = qb.build_query_as().fetch_optional(&self.pool).await?;
        Ok(user
            .map(UserRow::into_stored)
            .transpose()?
            .map(|u| (u.record, hash)))
    }

    async fn create_session(
        &self,
        token_hash: &str,
        user: &str,
        created: chrono::DateTime<chrono::Utc>,
        expires: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        sqlx::query("INSERT INTO sessions (token_hash, user_name, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(user)
            .bind(created)
            .bind(expires)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn session_user(
        &self,
        token_hash: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<User>> {
        self.user_by_credential("sessions", token_hash, now).await
    }

    async fn end_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn add_api_token(
        &self,
        token_hash: &str,
        label: &str,
        expires: chrono::DateTime<chrono::Utc>,
        actor: &Actor,
    ) -> Result<ApiToken> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let token: ApiToken = sqlx::query_as(
            "INSERT INTO api_tokens (token_hash, user_name, label, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id, user_name, label, created_at, expires_at",
        )
        .bind(token_hash)
        .bind(&actor.name)
        .bind(label)
        .bind(actor.at)
        .bind(expires)
        .fetch_one(&mut *tx)
        .await?;
        let entry = token_change("create", &token, actor, None, Some(&token));
        append_audit(&mut tx, actor, vec![entry]).await?;
        tx.commit().await?;
        Ok(token)
    }

    async fn api_tokens(&self, user: &str) -> Result<Vec<ApiToken>> {
        Ok(sqlx::query_as(
            "SELECT id, user_name, label, created_at, expires_at FROM api_tokens \
             WHERE user_name = $1 ORDER BY id DESC",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn revoke_api_token(&self, id: i64, actor: &Actor) -> Result<()> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let token: ApiToken = sqlx::query_as(
            "DELETE FROM api_tokens WHERE id = $1 AND user_name = $2 \
             RETURNING id, user_name, label, created_at, expires_at",
        )
        .bind(id)
        .bind(&actor.name)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("API token {id}")))?;
        let entry = token_change("revoke", &token, actor, Some(&token), None);
        append_audit(&mut tx, actor, vec![entry]).await?;
        tx.commit().await?;
        Ok(())
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
        let until: Option<Option<chrono::DateTime<chrono::Utc>>> =
            sqlx::query_scalar("SELECT locked_until FROM sign_in_failures WHERE subject = $1")
                .bind(subject)
                .fetch_optional(&self.pool)
                .await?;
        Ok(until.flatten().filter(|until| *until > at))
    }

    async fn sign_in_failed(
        &self,
        subject: &str,
        limit: u32,
        lock_until: chrono::DateTime<chrono::Utc>,
        actor: &Actor,
    ) -> Result<u32> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        // A lock that has run out leaves no count behind: the next failure counts from one.
        let failures: i64 = sqlx::query_scalar(
            "INSERT INTO sign_in_failures (subject, failures, last_failure, locked_until) VALUES ($1, 1, $2, NULL) \
             ON CONFLICT (subject) DO UPDATE SET \
             failures = CASE WHEN sign_in_failures.locked_until IS NOT NULL \
                             AND sign_in_failures.locked_until <= excluded.last_failure \
                        THEN 1 ELSE sign_in_failures.failures + 1 END, \
             locked_until = CASE WHEN sign_in_failures.locked_until IS NOT NULL \
                                 AND sign_in_failures.locked_until <= excluded.last_failure \
                            THEN NULL ELSE sign_in_failures.locked_until END, \
             last_failure = excluded.last_failure \
             RETURNING failures",
        )
        .bind(subject)
        .bind(actor.at)
        .fetch_one(&mut *tx)
        .await?;
        let failures = u32::try_from(failures).unwrap_or(u32::MAX);
        if failures == limit {
            sqlx::query("UPDATE sign_in_failures SET locked_until = $1 WHERE subject = $2")
                .bind(lock_until)
                .bind(subject)
                .execute(&mut *tx)
                .await?;
            let label = attache_domain::SecurityLabel::default();
            let state = serde_json::json!({ "failures": failures, "locked_until": lock_until });
            let lock = change(
                "lock",
                "sign_in",
                subject,
                &label,
                actor.nation.as_str(),
                None,
                Some(&state),
            );
            append_audit(&mut tx, actor, vec![lock]).await?;
        }
        tx.commit().await?;
        Ok(failures)
    }

    async fn sign_in_succeeded(&self, subject: &str, actor: &Actor) -> Result<()> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let was_locked: Option<Option<chrono::DateTime<chrono::Utc>>> = sqlx::query_scalar(
            "DELETE FROM sign_in_failures WHERE subject = $1 RETURNING locked_until",
        )
        .bind(subject)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(Some(until)) = was_locked {
            let label = attache_domain::SecurityLabel::default();
            let state = serde_json::json!({ "locked_until": until });
            let unlock = change(
                "unlock",
                "sign_in",
                subject,
                &label,
                actor.nation.as_str(),
                Some(&state),
                None,
            );
            append_audit(&mut tx, actor, vec![unlock]).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn update_user(
        &self,
        name: &str,
        change_to: UserChange,
        actor: &Actor,
    ) -> Result<Stored<User>> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let before = select_user(&mut tx, name, actor).await?;
        sqlx::query(
            "UPDATE users SET disabled = COALESCE($1, disabled), password_hash = COALESCE($2, password_hash), \
             updated_by = $3, updated_at = $4, version = version + 1 WHERE name = $5",
        )
        .bind(change_to.disabled)
        .bind(change_to.password_hash.clone())
        .bind(&actor.name)
        .bind(actor.at)
        .bind(name)
        .execute(&mut *tx)
        .await?;
        let after = select_user(&mut tx, name, actor).await?;
        // The hash itself never enters the trail; that it changed does.
        let action = if change_to.password_hash.is_some() {
            "reset_password"
        } else {
            "update"
        };
        let label = attache_domain::SecurityLabel::default();
        let entry = change(
            action,
            "user",
            name,
            &label,
            &after.meta.owner_nation,
            Some(&before.record),
            Some(&after.record),
        );
        append_audit(&mut tx, actor, vec![entry]).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn audit_trail(
        &self,
        record: Option<(&str, &str)>,
        limit: u32,
        viewer: &Actor,
    ) -> Result<Vec<AuditEntry>> {
        let mut qb =
            QueryBuilder::<Db>::new(format!("SELECT {AUDIT_COLUMNS} FROM audit_log WHERE 1 = 1"));
        push_visible(&mut qb, "", viewer);
        if let Some((record_type, record_id)) = record {
            qb.push(" AND (record_type = ")
                .push_bind(record_type.to_owned())
                .push(" AND record_id = ")
                .push_bind(record_id.to_owned());
            // An activity created by an import was audited with its label group.
            if let ("activity", Ok(id)) = (record_type, record_id.parse::<i64>()) {
                qb.push(
                    " OR id = (SELECT g.audit_entry FROM activities a JOIN import_groups g \
                     ON g.id = a.imported_in WHERE a.id = ",
                )
                .push_bind(id)
                .push(")");
            }
            qb.push(")");
        }
        qb.push(" ORDER BY id DESC LIMIT ")
            .push_bind(i64::from(limit));
        let mut entries: Vec<AuditEntry> = qb.build_query_as().fetch_all(&self.pool).await?;
        entries.reverse();
        Ok(entries)
    }

    async fn change_marker(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT last_id FROM audit_head WHERE one = 1")
            .fetch_one(&self.pool)
            .await?)
    }

    async fn verify_audit(&self) -> Result<AuditVerdict> {
        // One snapshot for the walk: a write landing half-way cannot look like tampering.
        let mut tx = self.pool.begin().await?;
        for statement in SNAPSHOT {
            sqlx::query(*statement).execute(&mut *tx).await?;
        }
        let (head_id, head_hash): (i64, String) =
            sqlx::query_as("SELECT last_id, last_hash FROM audit_head WHERE one = 1")
                .fetch_one(&mut *tx)
                .await?;
        let mut walk = ChainWalk::default();
        let mut after = 0i64;
        loop {
            let page: Vec<AuditEntry> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE id > $1 ORDER BY id LIMIT 1000"
            )))
            .bind(after)
            .fetch_all(&mut *tx)
            .await?;
            for entry in &page {
                if let Err(broken) = walk.next(entry) {
                    return Ok(broken);
                }
            }
            match page.last() {
                Some(last) => after = last.id,
                None => break,
            }
        }
        Ok(walk.finish(head_id, &head_hash))
    }
}

/// A token's audit entry, made by its owner: official, and owned by the owner's nation.
fn token_change(
    action: &'static str,
    token: &ApiToken,
    owner: &Actor,
    before: Option<&ApiToken>,
    after: Option<&ApiToken>,
) -> Change {
    let label = attache_domain::SecurityLabel::default();
    change(
        action,
        "api_token",
        token.id,
        &label,
        owner.nation.as_str(),
        before,
        after,
    )
}

const USER_COLUMNS: &str = "name, nation, clearance, roles, disabled, CAST(0 AS BIGINT) AS id, \
    classification, releasable_to, owner_nation, created_by, created_at, updated_by, updated_at, version";

/// Accounts the viewer may see, one by name or all.
async fn select_users(
    conn: &mut Conn,
    name: Option<&str>,
    viewer: &Actor,
) -> Result<Vec<Stored<User>>> {
    let mut qb = QueryBuilder::<Db>::new(format!("SELECT {USER_COLUMNS} FROM users WHERE 1 = 1"));
    if let Some(name) = name {
        qb.push(" AND name = ").push_bind(name.to_owned());
    }
    push_visible(&mut qb, "", viewer);
    qb.push(" ORDER BY name");
    let rows: Vec<UserRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
    rows.into_iter().map(UserRow::into_stored).collect()
}

async fn select_user(conn: &mut Conn, name: &str, viewer: &Actor) -> Result<Stored<User>> {
    let mut found = select_users(conn, Some(name), viewer).await?;
    found
        .pop()
        .ok_or_else(|| StoreError::not_found(format!("user {name}")))
}

fn roles_text(user: &User) -> String {
    user.roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

/// Refuses a database that has a migration this binary does not know.
fn refuse_newer(applied: &[i64]) -> Result<()> {
    let known: HashSet<i64> = MIGRATOR.iter().map(|m| m.version).collect();
    match applied.iter().find(|v| !known.contains(v)) {
        Some(newer) => Err(StoreError::Schema(format!(
            "this database has schema version {newer}, newer than this attache knows \
             (up to {}): use a newer attache",
            known.iter().max().copied().unwrap_or_default()
        ))),
        None => Ok(()),
    }
}

/// The columns of records that belong to a nation (people, assets), by table.
const PEOPLE: (&str, &str) = ("people", "name, title, role, nation");
const ASSETS: (&str, &str) = ("assets", "name, kind, identifier, nation");

impl SqlStore {
    /// Adds a record, with its audit entry, in a transaction of its own; gives its id (0
    /// for an objective, whose key is its code).
    async fn add_record(&self, record: NewRecord<'_>, actor: &Actor) -> Result<i64> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let (id, created) = insert_record(&mut tx, record, actor).await?;
        append_audit(&mut tx, actor, vec![created]).await?;
        tx.commit().await?;
        Ok(id)
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

    /// The enabled account that a credential (a row of `sessions` or `api_tokens`, by its
    /// token's hash) belongs to, while it has not expired.
    async fn user_by_credential(
        &self,
        table: &'static str,
        token_hash: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<User>> {
        let mut qb = QueryBuilder::<Db>::new(format!(
            "SELECT {USER_COLUMNS} FROM users WHERE disabled = FALSE AND name = \
             (SELECT user_name FROM {table} WHERE token_hash = "
        ));
        qb.push_bind(token_hash.to_owned())
            .push(" AND expires_at > ")
            .push_bind(now)
            .push(")");
        let row: Option<UserRow> = qb.build_query_as().fetch_optional(&self.pool).await?;
        Ok(row.map(UserRow::into_stored).transpose()?.map(|u| u.record))
    }

    /// Replaces a record's content, label and child rows if its version is still
    /// `expected_version`, and audits the change, in one transaction. The record is read
    /// as the actor sees it first: one hidden by its label is not found, never changed.
    async fn update_audited<R: Versioned>(
        &self,
        key: &R::Key,
        record: &R,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<R>> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let before = fetch_visible::<R>(&mut tx, key, actor).await?;
        if before.meta.version != expected_version {
            return Err(stale::<R>(key, expected_version, before.meta.version));
        }
        if !rewrite_row(&mut tx, key, record, expected_version, actor).await? {
            // PostgreSQL reads committed rows: another writer may have got in since the read.
            let now = fetch_visible::<R>(&mut tx, key, actor).await?;
            return Err(stale::<R>(key, expected_version, now.meta.version));
        }
        record.replace_children(&mut tx, key).await?;
        let after = fetch_visible::<R>(&mut tx, key, actor).await?;
        let updated = change(
            "update",
            R::RECORD_TYPE,
            key,
            after.record.label(),
            &after.meta.owner_nation,
            Some(&before.record),
            Some(&after.record),
        );
        append_audit(&mut tx, actor, vec![updated]).await?;
        tx.commit().await?;
        Ok(after)
    }

    /// The migrations applied to the database; an error when it has none yet.
    async fn applied_migrations(&self) -> std::result::Result<Vec<i64>, sqlx::Error> {
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = TRUE")
            .fetch_all(&self.pool)
            .await
    }
}

/// A record kept in a table of its own (partners, people, assets, objectives, agreements):
/// found by its key as a viewer may see it, and changed in place under optimistic
/// concurrency by [`SqlStore::update_audited`].
trait Versioned: serde::Serialize + Sized + Send + Sync {
    /// Its name in messages and in the audit trail.
    const RECORD_TYPE: &'static str;
    const TABLE: &'static str;
    const KEY_COLUMN: &'static str;
    type Key: RecordKey + ?Sized;

    fn label(&self) -> &attache_domain::SecurityLabel;
    /// `column = value` for each column of the record's own, its key and label excepted.
    fn push_content(&self, set: &mut Separated<'_, Db, &'static str>);
    /// The record, if it exists and the viewer may see it.
    async fn select(conn: &mut Conn, key: &Self::Key, viewer: &Actor)
    -> Result<Option<Stored<Self>>>;
    /// Replaces the rows that belong to the record (members, indicators, parties).
    async fn replace_children(&self, _conn: &mut Conn, _key: &Self::Key) -> Result<()> {
        Ok(())
    }
}

/// How a record's key is bound into a statement: a code as text, an id as a number.
trait RecordKey: std::fmt::Display + Sync {
    fn push_bind_to(&self, qb: &mut QueryBuilder<Db>);
}

impl RecordKey for i64 {
    fn push_bind_to(&self, qb: &mut QueryBuilder<Db>) {
        qb.push_bind(*self);
    }
}

impl RecordKey for str {
    fn push_bind_to(&self, qb: &mut QueryBuilder<Db>) {
        qb.push_bind(self.to_owned());
    }
}

impl RecordKey for PartnerCode {
    fn push_bind_to(&self, qb: &mut QueryBuilder<Db>) {
        qb.push_bind(self.to_string());
    }
}

/// One record by its key, as the viewer may see it: a hidden record is not found.
async fn fetch_visible<R: Versioned>(
    conn: &mut Conn,
    key: &R::Key,
    viewer: &Actor,
) -> Result<Stored<R>> {
    R::select(conn, key, viewer)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("{} {key}", R::RECORD_TYPE)))
}

/// Writes a record's content and label over its row, stamped with the actor and the next
/// version, if the row is still at `expected_version`; false when it is not.
async fn rewrite_row<R: Versioned>(
    conn: &mut Conn,
    key: &R::Key,
    record: &R,
    expected_version: i64,
    actor: &Actor,
) -> Result<bool> {
    let mut qb = QueryBuilder::<Db>::new(format!("UPDATE {} SET ", R::TABLE));
    let mut set = qb.separated(", ");
    record.push_content(&mut set);
    let (classification, releasable_to) = label_values(record.label());
    set.push("classification = ")
        .push_bind_unseparated(classification);
    set.push("releasable_to = ")
        .push_bind_unseparated(releasable_to);
    set.push("updated_by = ")
        .push_bind_unseparated(actor.name.clone());
    set.push("updated_at = ").push_bind_unseparated(actor.at);
    set.push("version = version + 1");
    qb.push(format!(" WHERE {} = ", R::KEY_COLUMN));
    key.push_bind_to(&mut qb);
    qb.push(" AND version = ").push_bind(expected_version);
    let done = qb.build().execute(&mut *conn).await?;
    Ok(done.rows_affected() > 0)
}

/// The conflict of a write based on a version that is no longer the stored one.
fn stale<R: Versioned>(key: &R::Key, expected: i64, current: i64) -> StoreError {
    StoreError::Conflict(format!(
        "{} {key} was changed by someone else (you had version {expected}, it is now at \
         version {current}): reload it and make your change again",
        R::RECORD_TYPE
    ))
}

impl Versioned for Partner {
    const RECORD_TYPE: &'static str = "partner";
    const TABLE: &'static str = "partners";
    const KEY_COLUMN: &'static str = "code";
    type Key = PartnerCode;

    fn label(&self) -> &attache_domain::SecurityLabel {
        &self.label
    }

    fn push_content(&self, set: &mut Separated<'_, Db, &'static str>) {
        set.push("kind = ").push_bind_unseparated(self.kind.as_str());
        set.push("name = ").push_bind_unseparated(self.name.clone());
        set.push("alpha2 = ")
            .push_bind_unseparated(self.alpha2.clone());
        set.push("region = ")
            .push_bind_unseparated(self.region.clone());
        set.push("subregion = ")
            .push_bind_unseparated(self.subregion.clone());
        set.push("members_as_of = ")
            .push_bind_unseparated(self.members_as_of);
        set.push("members_source = ")
            .push_bind_unseparated(self.members_source.clone());
    }

    async fn select(
        conn: &mut Conn,
        code: &PartnerCode,
        viewer: &Actor,
    ) -> Result<Option<Stored<Self>>> {
        let filter = PartnerFilter::default();
        Ok(partners_where(conn, &filter, Some(code), viewer).await?.pop())
    }

    async fn replace_children(&self, conn: &mut Conn, code: &PartnerCode) -> Result<()> {
        replace_members(conn, code, &self.members).await
    }
}

impl Versioned for Person {
    const RECORD_TYPE: &'static str = "person";
    const TABLE: &'static str = PEOPLE.0;
    const KEY_COLUMN: &'static str = "id";
    type Key = i64;

    fn label(&self) -> &attache_domain::SecurityLabel {
        &self.label
    }

    fn push_content(&self, set: &mut Separated<'_, Db, &'static str>) {
        set.push("name = ").push_bind_unseparated(self.name.clone());
        set.push("title = ").push_bind_unseparated(self.title.clone());
        set.push("role = ").push_bind_unseparated(self.role.clone());
        set.push("nation = ")
            .push_bind_unseparated(self.nation.to_string());
    }

    async fn select(conn: &mut Conn, id: &i64, viewer: &Actor) -> Result<Option<Stored<Self>>> {
        let mut found = national_records(conn, PEOPLE, Some(*id), None, viewer).await?;
        found.pop().map(PersonRow::into_stored).transpose()
    }
}

impl Versioned for Asset {
    const RECORD_TYPE: &'static str = "asset";
    const TABLE: &'static str = ASSETS.0;
    const KEY_COLUMN: &'static str = "id";
    type Key = i64;

    fn label(&self) -> &attache_domain::SecurityLabel {
        &self.label
    }

    fn push_content(&self, set: &mut Separated<'_, Db, &'static str>) {
        set.push("name = ").push_bind_unseparated(self.name.clone());
        set.push("kind = ").push_bind_unseparated(self.kind.as_str());
        set.push("identifier = ")
            .push_bind_unseparated(self.identifier.clone());
        set.push("nation = ")
            .push_bind_unseparated(self.nation.to_string());
    }

    async fn select(conn: &mut Conn, id: &i64, viewer: &Actor) -> Result<Option<Stored<Self>>> {
        let mut found = national_records(conn, ASSETS, Some(*id), None, viewer).await?;
        found.pop().map(AssetRow::into_stored).transpose()
    }
}

impl Versioned for Objective {
    const RECORD_TYPE: &'static str = "objective";
    const TABLE: &'static str = "objectives";
    const KEY_COLUMN: &'static str = "code";
    type Key = str;

    fn label(&self) -> &attache_domain::SecurityLabel {
        &self.label
    }

    fn push_content(&self, set: &mut Separated<'_, Db, &'static str>) {
        set.push("title = ").push_bind_unseparated(self.title.clone());
        set.push("aim = ").push_bind_unseparated(self.aim.as_str());
        set.push("partner = ")
            .push_bind_unseparated(self.partner.as_ref().map(ToString::to_string));
    }

    async fn select(conn: &mut Conn, code: &str, viewer: &Actor) -> Result<Option<Stored<Self>>> {
        Ok(objectives_where(conn, None, Some(code), viewer).await?.pop())
    }

    async fn replace_children(&self, conn: &mut Conn, code: &str) -> Result<()> {
        replace_indicators(conn, code, &self.indicators).await
    }
}

impl Versioned for Agreement {
    const RECORD_TYPE: &'static str = "agreement";
    const TABLE: &'static str = "agreements";
    const KEY_COLUMN: &'static str = "id";
    type Key = i64;

    fn label(&self) -> &attache_domain::SecurityLabel {
        &self.label
    }

    fn push_content(&self, set: &mut Separated<'_, Db, &'static str>) {
        set.push("kind = ").push_bind_unseparated(self.kind.as_str());
        set.push("title = ").push_bind_unseparated(self.title.clone());
        set.push("signed = ").push_bind_unseparated(self.signed);
        set.push("in_force = ").push_bind_unseparated(self.in_force);
        set.push("expiry = ").push_bind_unseparated(self.expiry);
    }

    async fn select(conn: &mut Conn, id: &i64, viewer: &Actor) -> Result<Option<Stored<Self>>> {
        Ok(agreements_where(conn, None, Some(*id), viewer).await?.pop())
    }

    async fn replace_children(&self, conn: &mut Conn, id: &i64) -> Result<()> {
        replace_parties(conn, *id, &self.parties).await
    }
}

/// Rows of a table of national records (`PEOPLE`, `ASSETS`) that the viewer may see: one
/// by id, or a nation's, or all.
async fn national_records<R>(
    conn: &mut Conn,
    (table, columns): (&str, &str),
    id: Option<i64>,
    nation: Option<&PartnerCode>,
    viewer: &Actor,
) -> Result<Vec<R>>
where
    R: for<'r> sqlx::FromRow<'r, <Db as sqlx::Database>::Row> + Send + Unpin,
{
    let mut qb =
        QueryBuilder::<Db>::new(format!("SELECT {columns}, {META} FROM {table} WHERE 1 = 1"));
    if let Some(id) = id {
        qb.push(" AND id = ").push_bind(id);
    }
    push_nation_filter(&mut qb, "nation", nation);
    push_visible(&mut qb, "", viewer);
    qb.push(" ORDER BY nation, name, id");
    Ok(qb.build_query_as().fetch_all(&mut *conn).await?)
}

async fn partners_where(
    conn: &mut Conn,
    filter: &PartnerFilter,
    code: Option<&PartnerCode>,
    viewer: &Actor,
) -> Result<Vec<Stored<Partner>>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT code, kind, name, alpha2, region, subregion, members_as_of, members_source, \
         CAST(0 AS BIGINT) AS id, classification, releasable_to, owner_nation, created_by, \
         created_at, updated_by, updated_at, version FROM partners WHERE 1 = 1",
    );
    if let Some(code) = code {
        qb.push(" AND code = ").push_bind(code.to_string());
    }
    if let Some(kind) = filter.kind {
        qb.push(" AND kind = ").push_bind(kind.as_str());
    }
    if let Some(region) = &filter.region {
        let region = region.to_lowercase();
        qb.push(" AND (lower(region) = ")
            .push_bind(region.clone())
            .push(" OR lower(subregion) = ")
            .push_bind(region)
            .push(")");
    }
    if let Some(search) = &filter.search {
        let pattern = format!("%{}%", search.to_lowercase());
        qb.push(" AND (lower(code) LIKE ")
            .push_bind(pattern.clone())
            .push(" OR lower(name) LIKE ")
            .push_bind(pattern)
            .push(")");
    }
    push_visible(&mut qb, "", viewer);
    qb.push(" ORDER BY kind DESC, code");
    let rows: Vec<PartnerRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
    let memberships: Vec<(String, String)> = sqlx::query_as(
        "SELECT organisation, member FROM memberships ORDER BY organisation, member",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut members: HashMap<String, Vec<String>> = HashMap::new();
    for (org, member) in memberships {
        members.entry(org).or_default().push(member);
    }
    rows.into_iter()
        .map(|r| {
            let list = members.remove(&r.code).unwrap_or_default();
            r.into_stored(list)
        })
        .collect()
}

async fn objectives_where(
    conn: &mut Conn,
    partner: Option<&PartnerCode>,
    code: Option<&str>,
    viewer: &Actor,
) -> Result<Vec<Stored<Objective>>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT code, title, aim, partner, CAST(0 AS BIGINT) AS id, classification, releasable_to, \
         owner_nation, created_by, created_at, updated_by, updated_at, version FROM objectives WHERE 1 = 1",
    );
    if let Some(partner) = partner {
        qb.push(" AND partner = ").push_bind(partner.to_string());
    }
    if let Some(code) = code {
        qb.push(" AND code = ").push_bind(code.to_owned());
    }
    push_visible(&mut qb, "", viewer);
    qb.push(" ORDER BY partner IS NOT NULL, partner, code");
    let rows: Vec<ObjectiveRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
    let indicators: Vec<IndicatorRow> = sqlx::query_as(
        "SELECT objective, name, baseline, target FROM objective_indicators ORDER BY objective, position",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut by_objective: HashMap<String, Vec<IndicatorRow>> = HashMap::new();
    for i in indicators {
        by_objective.entry(i.objective.clone()).or_default().push(i);
    }
    rows.into_iter()
        .map(|r| {
            let list = by_objective.remove(&r.code).unwrap_or_default();
            r.into_stored(list)
        })
        .collect()
}

async fn agreements_where(
    conn: &mut Conn,
    partner: Option<&PartnerCode>,
    id: Option<i64>,
    viewer: &Actor,
) -> Result<Vec<Stored<Agreement>>> {
    let mut qb = QueryBuilder::<Db>::new(format!(
        "SELECT kind, title, signed, in_force, expiry, {META} FROM agreements WHERE 1 = 1"
    ));
    if let Some(partner) = partner {
        qb.push(" AND id IN (SELECT agreement_id FROM agreement_parties WHERE partner = ")
            .push_bind(partner.to_string())
            .push(")");
    }
    if let Some(id) = id {
        qb.push(" AND id = ").push_bind(id);
    }
    push_visible(&mut qb, "", viewer);
    qb.push(" ORDER BY signed, id");
    let rows: Vec<AgreementRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
    let parties: Vec<(i64, String)> = sqlx::query_as(
        "SELECT agreement_id, partner FROM agreement_parties ORDER BY agreement_id, partner",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut by_agreement: HashMap<i64, Vec<String>> = HashMap::new();
    for (id, partner) in parties {
        by_agreement.entry(id).or_default().push(partner);
    }
    rows.into_iter()
        .map(|r| {
            let list = by_agreement.remove(&r.meta.id).unwrap_or_default();
            r.into_stored(list)
        })
        .collect()
}
