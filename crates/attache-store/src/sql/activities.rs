//! Activities: their reads and writes, filters and cursors, child rows and status changes.

use super::overlap::{count_floor, push_start_floor, start_floor};
use super::shared::{
    Conn, INSERT_BATCH, SqlStore, append_audit, change, conflict_on_duplicate, push_in_list,
    push_visible, statement, version_conflict,
};
use super::{BEGIN_WRITE, BoundTime, Db, NEW_IDS, bound_date, bound_time};
use crate::audit::Change;
use crate::content_hash::content_hash;
use crate::sql::rows::{ActivityChildren, ActivityRow, StatusChangeRow};
use crate::{Result, StoreError};
use attache_domain::access::Actor;
use attache_domain::query::{ActivityFilter, Cursor, Page, Sort, SortField, SortKey};
use attache_domain::{Activity, Status};
use attache_domain::{StatusChange, Stored};
use chrono::NaiveDate;
use sqlx::QueryBuilder;

pub(super) async fn add_activity(
    store: &SqlStore,
    activity: &Activity,
    actor: &Actor,
) -> Result<Stored<Activity>> {
    let mut tx = store.pool.begin_with(BEGIN_WRITE).await?;
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

pub(super) async fn get_activity(
    store: &SqlStore,
    id: i64,
    viewer: &Actor,
) -> Result<Stored<Activity>> {
    let mut conn = store.pool.acquire().await?;
    fetch_activity(&mut conn, id, viewer).await
}

pub(super) async fn update_activity(
    store: &SqlStore,
    id: i64,
    activity: &Activity,
    expected_version: i64,
    actor: &Actor,
) -> Result<Stored<Activity>> {
    let mut tx = store.pool.begin_with(BEGIN_WRITE).await?;
    let before = fetch_activity(&mut tx, id, actor).await?;
    replace_activity(&mut tx, id, activity, expected_version, None, actor).await?;
    let stored = fetch_activity(&mut tx, id, actor).await?;
    let action = before
        .record
        .label
        .change_action(&stored.record.label, "update");
    append_audit(
        &mut tx,
        actor,
        vec![activity_change(action, Some(&before), &stored)],
    )
    .await?;
    tx.commit().await?;
    Ok(stored)
}

pub(super) async fn change_status(
    store: &SqlStore,
    id: i64,
    from: Status,
    to: Status,
    expected_version: i64,
    actor: &Actor,
) -> Result<Stored<Activity>> {
    let mut tx = store.pool.begin_with(BEGIN_WRITE).await?;
    let before = fetch_activity(&mut tx, id, actor).await?;
    move_status(&mut tx, id, (from, to), "", expected_version, actor).await?;
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

pub(super) async fn status_changes(
    store: &SqlStore,
    id: i64,
    viewer: &Actor,
) -> Result<Vec<StatusChange>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT s.from_status, s.to_status, s.changed_by, s.changed_at \
         FROM activity_status_changes s JOIN activities a ON a.id = s.activity_id WHERE a.id = ",
    );
    qb.push_bind(id);
    push_visible(&mut qb, "a.", viewer);
    qb.push(" ORDER BY s.id");
    let rows: Vec<StatusChangeRow> = qb.build_query_as().fetch_all(&store.pool).await?;
    rows.into_iter().map(StatusChangeRow::into_change).collect()
}

pub(super) async fn list_activities(
    store: &SqlStore,
    filter: &ActivityFilter,
    sort: Sort,
    page: &Page,
    viewer: &Actor,
) -> Result<Vec<Stored<Activity>>> {
    let floor = start_floor(&store.pool, filter.from).await?;
    let mut qb = QueryBuilder::<Db>::new(ACTIVITY_COLUMNS);
    push_activity_filter(&mut qb, filter);
    push_start_floor(&mut qb, filter, floor);
    push_visible(&mut qb, "a.", viewer);
    let (column, id) = (sort_column(sort.field, filter), id_column(filter));
    if let Some(cursor) = &page.after {
        push_cursor(&mut qb, sort, cursor, column, id);
    }
    let direction = if sort.descending { "DESC" } else { "ASC" };
    qb.push(" ORDER BY ")
        .push(column)
        .push(" ")
        .push(direction)
        .push(", ")
        .push(id)
        .push(" ")
        .push(direction);
    if let Some(limit) = page.limit {
        qb.push(" LIMIT ").push_bind(i64::from(limit));
    }
    let mut conn = store.pool.acquire().await?;
    let rows: Vec<ActivityRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
    assemble_activities(&mut conn, rows).await
}

pub(super) async fn count_activities(
    store: &SqlStore,
    filter: &ActivityFilter,
    viewer: &Actor,
) -> Result<u64> {
    let floor = count_floor(&store.pool, filter, filter.from).await?;
    let mut qb = QueryBuilder::<Db>::new("SELECT COUNT(*)");
    push_activity_filter(&mut qb, filter);
    push_start_floor(&mut qb, filter, floor);
    push_visible(&mut qb, "a.", viewer);
    let count: i64 = qb.build_query_scalar().fetch_one(&store.pool).await?;
    Ok(u64::try_from(count).unwrap_or_default())
}

/// Activities per insert (25 parameters each). Full chunks share one statement text, so
/// the prepared statement is reused from the connection's cache.
const ACTIVITY_ROWS: usize = 200;

pub(super) const ACTIVITY_COLUMNS: &str = "SELECT a.id, a.source, a.external_id, a.title, a.category, \
    a.status, a.start_date, a.end_date, a.host, a.location, a.latitude, a.longitude, \
    a.cost_thousandths, a.cost_currency, a.description, a.outcome, a.classification, \
    a.releasable_to, a.owner_nation, a.created_by, a.created_at, a.updated_by, a.updated_at, \
    a.version";

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
        qb.push(" UNION ALL SELECT activity_id, '")
            .push(kind)
            .push("', ")
            .push(column)
            .push(", '' FROM ")
            .push(table)
            .push(" WHERE activity_id IN ");
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

pub(super) async fn assemble_activities(
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
/// records the move; `also` holds more `, column = constant` assignments made with it (`""`
/// for none). The caller reads the activity as the actor first and audits.
pub(super) async fn move_status(
    conn: &mut Conn,
    id: i64,
    (from, to): (Status, Status),
    also: &'static str,
    expected_version: i64,
    actor: &Actor,
) -> Result<()> {
    let mut qb = statement(&["UPDATE activities SET status = "]);
    qb.push_bind(to.as_str())
        .push(also)
        .push(", updated_by = ")
        .push_bind(actor.name.clone())
        .push(", updated_at = ")
        .push_bind(actor.at)
        .push(", version = version + 1 WHERE id = ")
        .push_bind(id)
        .push(" AND version = ")
        .push_bind(expected_version)
        .push(" AND status = ")
        .push_bind(from.as_str());
    let done = qb.build().execute(&mut *conn).await?;
    if done.rows_affected() == 0 {
        return Err(version_conflict(conn, "activities", "activity", id, expected_version).await);
    }
    record_status_change(conn, id, from, to, actor).await
}

pub(super) async fn fetch_activity(
    conn: &mut Conn,
    id: i64,
    viewer: &Actor,
) -> Result<Stored<Activity>> {
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
pub(super) struct NewActivity<'a> {
    pub(super) activity: &'a Activity,
    /// `content_hash` of the activity, as received.
    pub(super) content_hash: i64,
    /// The import group (`import_groups`) creating it, when an import does.
    pub(super) imported_in: Option<i64>,
}

impl<'a> NewActivity<'a> {
    pub(super) fn created(activity: &'a Activity) -> Self {
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
pub(super) async fn insert_activities(
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
            futures_util::future::join(qb.build().execute(&mut *conn), async { statements.next() })
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
            let mut qb = statement(&["INSERT INTO ", table, " (activity_id, ", column, ") "]);
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
pub(super) async fn replace_activity(
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
        let mut qb = statement(&["DELETE FROM ", table, " WHERE activity_id = "]);
        qb.push_bind(id);
        qb.build().execute(&mut *conn).await?;
    }
    insert_children(conn, &[(id, a)]).await
}

pub(super) async fn record_status_change(
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

/// An activity's change: its owner as stored after the change, and a label covering the
/// content before and after (a downgrade's entry stays at the old level).
pub(super) fn activity_change(
    action: &'static str,
    before: Option<&Stored<Activity>>,
    after: &Stored<Activity>,
) -> Change {
    let label = match before {
        Some(before) => before.record.label.covering(&after.record.label),
        None => after.record.label.clone(),
    };
    change(
        action,
        "activity",
        after.meta.id,
        &label,
        &after.meta.owner_nation,
        before.map(|b| &b.record),
        Some(&after.record),
    )
}

pub(super) fn sort_column(field: SortField, filter: &ActivityFilter) -> &'static str {
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
pub(super) fn push_activity_filter(qb: &mut QueryBuilder<Db>, f: &ActivityFilter) {
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
            qb.push("LOWER(")
                .push(column)
                .push(") LIKE ")
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
    column: &'static str,
    id: &'static str,
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
    qb.push(" AND (")
        .push(column)
        .push(" ")
        .push(beyond)
        .push(" ");
    bind_key(qb);
    qb.push(" OR (").push(column).push(" = ");
    bind_key(qb);
    qb.push(" AND ")
        .push(id)
        .push(" ")
        .push(beyond)
        .push(" ")
        .push_bind(cursor.id)
        .push("))");
}
