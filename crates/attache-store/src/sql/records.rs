//! The records kept in tables of their own (partners, people, assets, objectives,
//! agreements), the `Versioned` trait under their updates, and reference loading.

use super::shared::{
    Conn, META, STAMP_COLUMNS, SqlStore, append_audit, change, conflict_on_duplicate, label_values,
    push_cleared, push_nation_filter, push_stamps, push_visible, returning_id, statement,
};
use super::{BEGIN_WRITE, Db};
use crate::audit::Change;
use crate::sql::rows::{AgreementRow, AssetRow, IndicatorRow, ObjectiveRow, PartnerRow, PersonRow};
use crate::{KnownCodes, NewRecord, Result, StoreError};
use attache_domain::PartnerCode;
use attache_domain::Stored;
use attache_domain::access::Actor;
use attache_domain::query::PartnerFilter;
use attache_domain::records::{Agreement, Asset, Indicator, Objective, Partner, Person};
use sqlx::QueryBuilder;
use sqlx::query_builder::Separated;
use std::collections::HashMap;

pub(super) async fn load_reference(
    store: &SqlStore,
    partners: &[Partner],
    objectives: &[Objective],
    actor: &Actor,
) -> Result<()> {
    let mut tx = store.pool.begin_with(BEGIN_WRITE).await?;
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

pub(super) async fn known_codes(store: &SqlStore) -> Result<KnownCodes> {
    let partners: Vec<String> = sqlx::query_scalar("SELECT code FROM partners")
        .fetch_all(&store.pool)
        .await?;
    let objectives: Vec<String> = sqlx::query_scalar("SELECT code FROM objectives")
        .fetch_all(&store.pool)
        .await?;
    Ok(KnownCodes {
        partners: partners.into_iter().collect(),
        objectives: objectives.into_iter().collect(),
    })
}

pub(super) async fn add_partner(store: &SqlStore, partner: &Partner, actor: &Actor) -> Result<()> {
    let mut tx = store.pool.begin_with(BEGIN_WRITE).await?;
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

pub(super) async fn list_people(
    store: &SqlStore,
    nation: Option<&PartnerCode>,
    viewer: &Actor,
) -> Result<Vec<Stored<Person>>> {
    let mut conn = store.pool.acquire().await?;
    let rows = national_records(&mut conn, PEOPLE, None, nation, viewer).await?;
    rows.into_iter().map(PersonRow::into_stored).collect()
}

pub(super) async fn list_assets(
    store: &SqlStore,
    nation: Option<&PartnerCode>,
    viewer: &Actor,
) -> Result<Vec<Stored<Asset>>> {
    let mut conn = store.pool.acquire().await?;
    let rows = national_records(&mut conn, ASSETS, None, nation, viewer).await?;
    rows.into_iter().map(AssetRow::into_stored).collect()
}

impl SqlStore {
    /// Adds a record, with its audit entry, in a transaction of its own; gives its id (0
    /// for an objective, whose key is its code).
    pub(super) async fn add_record(&self, record: NewRecord<'_>, actor: &Actor) -> Result<i64> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let (id, created) = insert_record(&mut tx, record, actor).await?;
        append_audit(&mut tx, actor, vec![created]).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces a record's content, label and child rows if its version is still
    /// `expected_version`, and audits the change, in one transaction. The record is read
    /// as the actor sees it first: one hidden by its label is not found, never changed.
    pub(super) async fn update_audited<R: Versioned>(
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
        // The entry holds both versions: a reader sees it only if they may see both.
        let (was, is) = (before.record.label(), after.record.label());
        let updated = change(
            was.change_action(is, "update"),
            R::RECORD_TYPE,
            key,
            &was.covering(is),
            &after.meta.owner_nation,
            Some(&before.record),
            Some(&after.record),
        );
        append_audit(&mut tx, actor, vec![updated]).await?;
        tx.commit().await?;
        Ok(after)
    }
}

/// Inserts or (with `update`) corrects a partner; true when a row was written.
async fn upsert_partner(conn: &mut Conn, p: &Partner, actor: &Actor, update: bool) -> Result<bool> {
    let mut qb = insert_statement(p, Some(&p.code), actor);
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
    let mut qb = insert_statement(o, Some(o.code.as_str()), actor);
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
async fn replace_indicators(
    conn: &mut Conn,
    objective: &str,
    indicators: &[Indicator],
) -> Result<()> {
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
pub(super) async fn insert_record(
    conn: &mut Conn,
    record: NewRecord<'_>,
    actor: &Actor,
) -> Result<(i64, Change)> {
    let nation = actor.nation.as_str();
    Ok(match record {
        NewRecord::Objective(o) => {
            upsert_objective(conn, o, actor, false).await?;
            (
                0,
                change(
                    "create",
                    "objective",
                    &o.code,
                    &o.label,
                    nation,
                    None,
                    Some(o),
                ),
            )
        }
        NewRecord::Person(p) => insert_new(conn, p, actor).await?,
        NewRecord::Asset(a) => insert_new(conn, a, actor).await?,
        NewRecord::Agreement(a) => insert_new(conn, a, actor).await?,
    })
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

/// The columns of records that belong to a nation (people, assets), by table.
const PEOPLE: (&str, &str) = ("people", "name, title, role, nation");
const ASSETS: (&str, &str) = ("assets", "name, kind, identifier, nation");

/// A record kept in a table of its own (partners, people, assets, objectives, agreements):
/// found by its key as a viewer may see it, and changed in place under optimistic
/// concurrency by [`SqlStore::update_audited`].
pub(super) trait Versioned: serde::Serialize + Sized + Send + Sync {
    /// Its name in messages and in the audit trail.
    const RECORD_TYPE: &'static str;
    const TABLE: &'static str;
    const KEY_COLUMN: &'static str;
    type Key: RecordKey + ?Sized;

    /// The record's own columns, its key and label excepted, in the order `push_columns`
    /// binds them: one list for its insert and its update.
    const COLUMNS: &'static str;

    fn label(&self) -> &attache_domain::SecurityLabel;
    /// Binds the record's own columns, in the order of `COLUMNS`.
    fn push_columns(&self, row: &mut Separated<'_, Db, &'static str>);
    /// The record, if it exists and the viewer may see it.
    async fn select(
        conn: &mut Conn,
        key: &Self::Key,
        viewer: &Actor,
    ) -> Result<Option<Stored<Self>>>;
    /// Replaces the rows that belong to the record (members, indicators, parties).
    async fn replace_children(&self, _conn: &mut Conn, _key: &Self::Key) -> Result<()> {
        Ok(())
    }
}

/// How a record's key is bound into a statement: a code as text, an id as a number.
pub(super) trait RecordKey: std::fmt::Display + Sync {
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
pub(super) async fn fetch_visible<R: Versioned>(
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
    let mut qb = statement(&[
        "UPDATE ",
        R::TABLE,
        " SET (",
        R::COLUMNS,
        ", classification, releasable_to, updated_by, updated_at) = (",
    ]);
    let mut row = qb.separated(", ");
    record.push_columns(&mut row);
    let (classification, releasable_to) = label_values(record.label());
    row.push_bind(classification)
        .push_bind(releasable_to)
        .push_bind(actor.name.clone())
        .push_bind(actor.at);
    qb.push("), version = version + 1");
    qb.push(" WHERE ").push(R::KEY_COLUMN).push(" = ");
    key.push_bind_to(&mut qb);
    qb.push(" AND version = ").push_bind(expected_version);
    let done = qb.build().execute(&mut *conn).await?;
    Ok(done.rows_affected() > 0)
}

/// `INSERT INTO` the record's table, one row: its key first where the record carries it
/// (a code; an id is the database's to assign), then its columns, label and stamps.
pub(super) fn insert_statement<R: Versioned>(
    record: &R,
    key: Option<&R::Key>,
    actor: &Actor,
) -> QueryBuilder<Db> {
    let mut qb = statement(&["INSERT INTO ", R::TABLE, " ("]);
    if key.is_some() {
        qb.push(R::KEY_COLUMN).push(", ");
    }
    qb.push(R::COLUMNS)
        .push(", ")
        .push(STAMP_COLUMNS)
        .push(") VALUES (");
    if let Some(key) = key {
        key.push_bind_to(&mut qb);
        qb.push(", ");
    }
    let mut row = qb.separated(", ");
    record.push_columns(&mut row);
    push_stamps(&mut row, record.label(), actor);
    qb.push(")");
    qb
}

/// Inserts a record whose id the database assigns, with its child rows; gives the id and
/// the change to audit.
async fn insert_new<R: Versioned<Key = i64>>(
    conn: &mut Conn,
    record: &R,
    actor: &Actor,
) -> Result<(i64, Change)> {
    let id = returning_id(conn, insert_statement(record, None, actor)).await?;
    record.replace_children(conn, &id).await?;
    let nation = actor.nation.as_str();
    let created = change(
        "create",
        R::RECORD_TYPE,
        id,
        record.label(),
        nation,
        None,
        Some(record),
    );
    Ok((id, created))
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

    const COLUMNS: &'static str =
        "kind, name, alpha2, region, subregion, members_as_of, members_source";

    fn push_columns(&self, row: &mut Separated<'_, Db, &'static str>) {
        row.push_bind(self.kind.as_str())
            .push_bind(self.name.clone())
            .push_bind(self.alpha2.clone())
            .push_bind(self.region.clone())
            .push_bind(self.subregion.clone())
            .push_bind(self.members_as_of)
            .push_bind(self.members_source.clone());
    }

    async fn select(
        conn: &mut Conn,
        code: &PartnerCode,
        viewer: &Actor,
    ) -> Result<Option<Stored<Self>>> {
        let filter = PartnerFilter::default();
        Ok(partners_where(conn, &filter, Some(code), viewer)
            .await?
            .pop())
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

    const COLUMNS: &'static str = PEOPLE.1;

    fn push_columns(&self, row: &mut Separated<'_, Db, &'static str>) {
        row.push_bind(self.name.clone())
            .push_bind(self.title.clone())
            .push_bind(self.role.clone())
            .push_bind(self.nation.to_string());
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

    const COLUMNS: &'static str = ASSETS.1;

    fn push_columns(&self, row: &mut Separated<'_, Db, &'static str>) {
        row.push_bind(self.name.clone())
            .push_bind(self.kind.as_str())
            .push_bind(self.identifier.clone())
            .push_bind(self.nation.to_string());
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

    const COLUMNS: &'static str = "title, aim, partner";

    fn push_columns(&self, row: &mut Separated<'_, Db, &'static str>) {
        row.push_bind(self.title.clone())
            .push_bind(self.aim.as_str())
            .push_bind(self.partner.as_ref().map(ToString::to_string));
    }

    async fn select(conn: &mut Conn, code: &str, viewer: &Actor) -> Result<Option<Stored<Self>>> {
        Ok(objectives_where(conn, None, Some(code), viewer)
            .await?
            .pop())
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

    const COLUMNS: &'static str = "kind, title, signed, in_force, expiry";

    fn push_columns(&self, row: &mut Separated<'_, Db, &'static str>) {
        row.push_bind(self.kind.as_str())
            .push_bind(self.title.clone())
            .push_bind(self.signed)
            .push_bind(self.in_force)
            .push_bind(self.expiry);
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
    (table, columns): (&'static str, &'static str),
    id: Option<i64>,
    nation: Option<&PartnerCode>,
    viewer: &Actor,
) -> Result<Vec<R>>
where
    R: for<'r> sqlx::FromRow<'r, <Db as sqlx::Database>::Row> + Send + Unpin,
{
    let mut qb = statement(&[
        "SELECT ",
        columns,
        ", ",
        META,
        " FROM ",
        table,
        " WHERE 1 = 1",
    ]);
    if let Some(id) = id {
        qb.push(" AND id = ").push_bind(id);
    }
    push_nation_filter(&mut qb, "nation", nation);
    push_visible(&mut qb, "", viewer);
    qb.push(" ORDER BY nation, name, id");
    Ok(qb.build_query_as().fetch_all(&mut *conn).await?)
}

pub(super) async fn partners_where(
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
    // Reference data: every nation reads the states and organisations it is cleared for.
    push_cleared(&mut qb, "", viewer);
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

pub(super) async fn objectives_where(
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

pub(super) async fn agreements_where(
    conn: &mut Conn,
    partner: Option<&PartnerCode>,
    id: Option<i64>,
    viewer: &Actor,
) -> Result<Vec<Stored<Agreement>>> {
    let mut qb = statement(&[
        "SELECT kind, title, signed, in_force, expiry, ",
        META,
        " FROM agreements WHERE 1 = 1",
    ]);
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
