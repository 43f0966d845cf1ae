//! The SQL of [`crate::DatasetStore`]: data sets and their events.

use super::shared::{
    Conn, META, STAMP_COLUMNS, SqlStore, append_audit, change, conflict_on_duplicate, label_values,
    push_stamps, push_visible, statement,
};
use super::{BEGIN_WRITE, Db, bound_date};
use crate::sql::rows::MetaRow;
use crate::{ImportOutcome, Result, StoreError};
use attache_domain::PartnerCode;
use attache_domain::Stored;
use attache_domain::access::Actor;
use chrono::NaiveDate;
use sqlx::QueryBuilder;
use std::collections::HashMap;

/// A data set's columns, with how many events it holds.
const DATASET_COLUMNS: &str = "name, source, file, sha256, \
    (SELECT COUNT(*) FROM dataset_events e WHERE e.dataset_id = datasets.id) AS events";
/// Events per insert (6 parameters each).
const DATASET_EVENT_ROWS: usize = 500;

#[derive(Debug, sqlx::FromRow)]
struct DatasetRow {
    name: String,
    source: String,
    file: String,
    sha256: String,
    events: i64,
    #[sqlx(flatten)]
    meta: MetaRow,
}

impl DatasetRow {
    pub(super) fn into_stored(self) -> Result<Stored<crate::Dataset>> {
        let (meta, label) = self.meta.split(&format!("data set {}", self.name))?;
        Ok(Stored {
            meta,
            record: crate::Dataset {
                name: self.name,
                source: self.source,
                file: self.file,
                sha256: self.sha256,
                events: u64::try_from(self.events).unwrap_or_default(),
                label,
            },
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
struct DatasetEventRow {
    external_id: String,
    event_date: NaiveDate,
    date_precision: String,
    category: String,
    participants: String,
}

impl DatasetEventRow {
    /// Whether the row holds this event already.
    fn holds(&self, event: &attache_domain::datasets::DatasetEvent) -> bool {
        self.event_date == event.date
            && self.date_precision == event.precision.as_str()
            && self.category == event.category.as_str()
            && self.participants == attache_domain::label::join_codes(&event.participants)
    }

    fn into_event(self, dataset: &str) -> Result<attache_domain::datasets::DatasetEvent> {
        let record = format!("data set {dataset}, event {}", self.external_id);
        let corrupt = |e: attache_domain::FieldError| StoreError::corrupt(&record, e);
        let participants = attache_domain::interchange::split_list(&self.participants)
            .iter()
            .map(|c| PartnerCode::parse("participants", c))
            .collect::<Result<Vec<_>, _>>()
            .map_err(corrupt)?;
        Ok(attache_domain::datasets::DatasetEvent {
            date: self.event_date,
            precision: attache_domain::datasets::Precision::parse(
                "date_precision",
                &self.date_precision,
            )
            .map_err(corrupt)?,
            category: attache_domain::Category::parse("category", &self.category)
                .map_err(corrupt)?,
            participants,
            external_id: self.external_id,
        })
    }
}

/// What an import's audit entry says.
#[derive(serde::Serialize)]
struct DatasetImported<'a> {
    file: &'a str,
    sha256: &'a str,
    source: &'a str,
    created: u64,
    updated: u64,
    unchanged: u64,
}

/// The data sets the viewer may see; one by name when `name` is given.
async fn datasets_where(
    conn: &mut Conn,
    name: Option<&str>,
    viewer: &Actor,
) -> Result<Vec<Stored<crate::Dataset>>> {
    let mut qb = statement(&[
        "SELECT ",
        DATASET_COLUMNS,
        ", ",
        META,
        " FROM datasets WHERE 1 = 1",
    ]);
    if let Some(name) = name {
        qb.push(" AND name = ").push_bind(name.to_owned());
    }
    push_visible(&mut qb, "", viewer);
    qb.push(" ORDER BY name");
    let rows: Vec<DatasetRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
    rows.into_iter().map(DatasetRow::into_stored).collect()
}

async fn visible_dataset(
    conn: &mut Conn,
    name: &str,
    viewer: &Actor,
) -> Result<Stored<crate::Dataset>> {
    datasets_where(conn, Some(name), viewer)
        .await?
        .pop()
        .ok_or_else(|| StoreError::not_found(format!("data set {name}")))
}

async fn insert_dataset_events(
    conn: &mut Conn,
    dataset: i64,
    events: &[&attache_domain::datasets::DatasetEvent],
) -> Result<()> {
    for chunk in events.chunks(DATASET_EVENT_ROWS) {
        let mut qb = QueryBuilder::<Db>::new(
            "INSERT INTO dataset_events (dataset_id, external_id, event_date, date_precision, \
             category, participants) ",
        );
        qb.push_values(chunk, |mut row, e| {
            row.push_bind(dataset)
                .push_bind(e.external_id.clone())
                .push_bind(bound_date(e.date))
                .push_bind(e.precision.as_str())
                .push_bind(e.category.as_str())
                .push_bind(attache_domain::label::join_codes(&e.participants));
        });
        qb.build().execute(&mut *conn).await?;
    }
    Ok(())
}

impl crate::DatasetStore for SqlStore {
    async fn import_dataset(
        &self,
        dataset: &crate::Dataset,
        events: &[attache_domain::datasets::DatasetEvent],
        actor: &Actor,
    ) -> Result<ImportOutcome> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let before = datasets_where(&mut tx, Some(&dataset.name), actor)
            .await?
            .pop();
        let id =
            match &before {
                Some(before) => before.meta.id,
                None => {
                    let mut qb = statement(&[
                        "INSERT INTO datasets (name, source, file, sha256, ",
                        STAMP_COLUMNS,
                        ") ",
                    ]);
                    qb.push_values([dataset], |mut row, d| {
                        row.push_bind(d.name.clone())
                            .push_bind(d.source.clone())
                            .push_bind(d.file.clone())
                            .push_bind(d.sha256.clone());
                        push_stamps(&mut row, &d.label, actor);
                    });
                    qb.push(" RETURNING id");
                    // A data set of that name that the actor may not see is a conflict too.
                    qb.build_query_scalar().fetch_one(&mut *tx).await.map_err(
                        conflict_on_duplicate(&format!("a data set named {}", dataset.name)),
                    )?
                }
            };
        let stored: Vec<DatasetEventRow> = sqlx::query_as(
            "SELECT external_id, event_date, date_precision, category, participants \
             FROM dataset_events WHERE dataset_id = $1",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        let stored: HashMap<&str, &DatasetEventRow> =
            stored.iter().map(|r| (r.external_id.as_str(), r)).collect();
        let mut outcome = ImportOutcome::default();
        let mut new = Vec::new();
        for event in events {
            match stored.get(event.external_id.as_str()) {
                None => new.push(event),
                Some(row) if row.holds(event) => outcome.unchanged += 1,
                Some(_) => {
                    sqlx::query(
                        "UPDATE dataset_events SET event_date = $1, date_precision = $2, \
                         category = $3, participants = $4 \
                         WHERE dataset_id = $5 AND external_id = $6",
                    )
                    .bind(bound_date(event.date))
                    .bind(event.precision.as_str())
                    .bind(event.category.as_str())
                    .bind(attache_domain::label::join_codes(&event.participants))
                    .bind(id)
                    .bind(event.external_id.clone())
                    .execute(&mut *tx)
                    .await?;
                    outcome.updated += 1;
                }
            }
        }
        outcome.inserted = new.len() as u64;
        insert_dataset_events(&mut tx, id, &new).await?;
        let same_set = before.as_ref().is_some_and(|b| {
            let b = &b.record;
            (&b.source, &b.file, &b.sha256, &b.label)
                == (
                    &dataset.source,
                    &dataset.file,
                    &dataset.sha256,
                    &dataset.label,
                )
        });
        if same_set && outcome.inserted == 0 && outcome.updated == 0 {
            // Nothing to change: the transaction ends without a write.
            return Ok(outcome);
        }
        if before.is_some() {
            let (classification, releasable_to) = label_values(&dataset.label);
            sqlx::query(
                "UPDATE datasets SET source = $1, file = $2, sha256 = $3, classification = $4, \
                 releasable_to = $5, updated_by = $6, updated_at = $7, version = version + 1 \
                 WHERE id = $8",
            )
            .bind(dataset.source.clone())
            .bind(dataset.file.clone())
            .bind(dataset.sha256.clone())
            .bind(classification)
            .bind(releasable_to)
            .bind(actor.name.clone())
            .bind(actor.at)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        let owner = before
            .as_ref()
            .map_or(actor.nation.as_str(), |b| b.meta.owner_nation.as_str());
        let imported = DatasetImported {
            file: &dataset.file,
            sha256: &dataset.sha256,
            source: &dataset.source,
            created: outcome.inserted,
            updated: outcome.updated,
            unchanged: outcome.unchanged,
        };
        let entry = change(
            "import",
            "dataset",
            &dataset.name,
            &dataset.label,
            owner,
            None,
            Some(&imported),
        );
        append_audit(&mut tx, actor, vec![entry]).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    async fn datasets(&self, viewer: &Actor) -> Result<Vec<Stored<crate::Dataset>>> {
        datasets_where(&mut *self.pool.acquire().await?, None, viewer).await
    }

    async fn dataset(&self, name: &str, viewer: &Actor) -> Result<Stored<crate::Dataset>> {
        visible_dataset(&mut *self.pool.acquire().await?, name, viewer).await
    }

    async fn delete_dataset(&self, name: &str, actor: &Actor) -> Result<Stored<crate::Dataset>> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let before = visible_dataset(&mut tx, name, actor).await?;
        sqlx::query("DELETE FROM dataset_events WHERE dataset_id = $1")
            .bind(before.meta.id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM datasets WHERE id = $1")
            .bind(before.meta.id)
            .execute(&mut *tx)
            .await?;
        let entry = change(
            "delete",
            "dataset",
            name,
            &before.record.label,
            &before.meta.owner_nation,
            Some(&before.record),
            None,
        );
        append_audit(&mut tx, actor, vec![entry]).await?;
        tx.commit().await?;
        Ok(before)
    }

    async fn dataset_events(
        &self,
        name: &str,
        filter: &crate::EngagementFilter,
        viewer: &Actor,
    ) -> Result<(
        Stored<crate::Dataset>,
        Vec<attache_domain::datasets::DatasetEvent>,
    )> {
        let mut conn = self.pool.acquire().await?;
        let dataset = visible_dataset(&mut conn, name, viewer).await?;
        let mut qb = QueryBuilder::<Db>::new(
            "SELECT external_id, event_date, date_precision, category, participants \
             FROM dataset_events WHERE dataset_id = ",
        );
        qb.push_bind(dataset.meta.id);
        if let Some(from) = filter.from {
            qb.push(" AND event_date >= ").push_bind(bound_date(from));
        }
        if let Some(to) = filter.to {
            qb.push(" AND event_date <= ").push_bind(bound_date(to));
        }
        if let Some(partner) = &filter.partner {
            qb.push(" AND ';' || participants || ';' LIKE ")
                .push_bind(format!("%;{partner};%"));
        }
        qb.push(" ORDER BY event_date, id");
        let rows: Vec<DatasetEventRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
        let events = rows
            .into_iter()
            .map(|r| r.into_event(name))
            .collect::<Result<Vec<_>>>()?;
        Ok((dataset, events))
    }
}
