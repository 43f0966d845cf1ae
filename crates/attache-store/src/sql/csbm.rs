//! The SQL of [`crate::CsbmStore`]: notified military activities and air base visits.

use super::records::{Versioned, fetch_visible, insert_statement};
use super::shared::{
    Conn, META, STAMP_COLUMNS, SqlStore, append_audit, change, conflict_on_duplicate, push_stamps,
    push_visible, statement,
};
use super::{BEGIN_WRITE, Db, bound_date};
use crate::{Result, StoreError};
use attache_domain::PartnerCode;
use attache_domain::Stored;
use attache_domain::access::Actor;
use chrono::NaiveDate;
use sqlx::QueryBuilder;
use sqlx::query_builder::Separated;
use std::collections::HashMap;

use attache_csbm::{
    ActivityKind, AirBaseVisit, Forces, MilitaryActivity, Verification, VerificationKind,
};

use crate::CsbmStore;
use crate::sql::rows::MetaRow;

const CSBM_ACTIVITIES: &str = "csbm_activities";
const CSBM_COLUMNS: &str = "reference, name, kind, start_date, end_date, host, participants, \
    area, troops, battle_tanks, acvs, artillery, sorties, alert, divisional, notified_on, \
    calendared_on";

#[derive(Debug, sqlx::FromRow)]
struct CsbmActivityRow {
    reference: String,
    name: String,
    kind: String,
    start_date: NaiveDate,
    end_date: NaiveDate,
    host: String,
    participants: String,
    area: String,
    troops: i64,
    battle_tanks: i64,
    acvs: i64,
    artillery: i64,
    sorties: i64,
    alert: bool,
    divisional: bool,
    notified_on: Option<NaiveDate>,
    calendared_on: Option<NaiveDate>,
    #[sqlx(flatten)]
    meta: MetaRow,
}

impl CsbmActivityRow {
    pub(super) fn into_stored(self) -> Result<Stored<MilitaryActivity>> {
        let record = format!("military activity {}", self.meta.id);
        let corrupt = |e: attache_domain::FieldError| StoreError::corrupt(&record, e);
        let (meta, label) = self.meta.split(&record)?;
        let participants = attache_domain::interchange::split_list(&self.participants)
            .iter()
            .map(|c| PartnerCode::parse("participants", c))
            .collect::<Result<Vec<_>, _>>()
            .map_err(corrupt)?;
        let activity = MilitaryActivity {
            reference: self.reference,
            name: self.name,
            kind: ActivityKind::parse("kind", &self.kind).map_err(corrupt)?,
            start: self.start_date,
            end: self.end_date,
            host: PartnerCode::parse("host", &self.host).map_err(corrupt)?,
            participants,
            area: self.area,
            forces: Forces {
                troops: self.troops,
                battle_tanks: self.battle_tanks,
                acvs: self.acvs,
                artillery: self.artillery,
                sorties: self.sorties,
            },
            alert: self.alert,
            divisional: self.divisional,
            notified_on: self.notified_on,
            calendared_on: self.calendared_on,
            label,
        };
        Ok(Stored {
            meta,
            record: activity,
        })
    }
}

fn joined_codes(codes: &[PartnerCode]) -> String {
    attache_domain::label::join_codes(codes)
}

async fn csbm_activities_where(
    conn: &mut Conn,
    id: Option<i64>,
    range: Option<(NaiveDate, NaiveDate)>,
    viewer: &Actor,
) -> Result<Vec<Stored<MilitaryActivity>>> {
    let mut qb = statement(&[
        "SELECT ",
        CSBM_COLUMNS,
        ", ",
        META,
        " FROM ",
        CSBM_ACTIVITIES,
        " WHERE 1 = 1",
    ]);
    if let Some(id) = id {
        qb.push(" AND id = ").push_bind(id);
    }
    if let Some((from, to)) = range {
        qb.push(" AND start_date <= ")
            .push_bind(bound_date(to))
            .push(" AND end_date >= ")
            .push_bind(bound_date(from));
    }
    push_visible(&mut qb, "", viewer);
    qb.push(" ORDER BY start_date, id");
    let rows: Vec<CsbmActivityRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
    rows.into_iter().map(CsbmActivityRow::into_stored).collect()
}

impl Versioned for MilitaryActivity {
    const RECORD_TYPE: &'static str = "military activity";
    const TABLE: &'static str = CSBM_ACTIVITIES;
    const KEY_COLUMN: &'static str = "id";
    type Key = i64;

    fn label(&self) -> &attache_domain::SecurityLabel {
        &self.label
    }

    const COLUMNS: &'static str = CSBM_COLUMNS;

    fn push_columns(&self, row: &mut Separated<'_, Db, &'static str>) {
        let f = &self.forces;
        row.push_bind(self.reference.clone())
            .push_bind(self.name.clone())
            .push_bind(self.kind.as_str())
            .push_bind(bound_date(self.start))
            .push_bind(bound_date(self.end))
            .push_bind(self.host.to_string())
            .push_bind(joined_codes(&self.participants))
            .push_bind(self.area.clone())
            .push_bind(f.troops)
            .push_bind(f.battle_tanks)
            .push_bind(f.acvs)
            .push_bind(f.artillery)
            .push_bind(f.sorties)
            .push_bind(self.alert)
            .push_bind(self.divisional)
            .push_bind(self.notified_on.map(bound_date))
            .push_bind(self.calendared_on.map(bound_date));
    }

    async fn select(conn: &mut Conn, id: &i64, viewer: &Actor) -> Result<Option<Stored<Self>>> {
        Ok(csbm_activities_where(conn, Some(*id), None, viewer)
            .await?
            .pop())
    }
}

impl CsbmStore for SqlStore {
    async fn add_csbm_activities(
        &self,
        activities: &[MilitaryActivity],
        actor: &Actor,
    ) -> Result<Vec<i64>> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let mut ids = Vec::with_capacity(activities.len());
        let mut changes = Vec::with_capacity(activities.len());
        for a in activities {
            let mut qb = insert_statement(a, None, actor);
            qb.push(" RETURNING id");
            let id: i64 = qb.build_query_scalar().fetch_one(&mut *tx).await.map_err(
                conflict_on_duplicate(&format!(
                    "a military activity with reference {}",
                    a.reference
                )),
            )?;
            changes.push(change(
                "create",
                MilitaryActivity::RECORD_TYPE,
                id,
                &a.label,
                actor.nation.as_str(),
                None,
                Some(a),
            ));
            ids.push(id);
        }
        append_audit(&mut tx, actor, changes).await?;
        tx.commit().await?;
        Ok(ids)
    }

    async fn csbm_activity(&self, id: i64, viewer: &Actor) -> Result<Stored<MilitaryActivity>> {
        fetch_visible(&mut *self.pool.acquire().await?, &id, viewer).await
    }

    async fn csbm_activities(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        viewer: &Actor,
    ) -> Result<Vec<Stored<MilitaryActivity>>> {
        let mut conn = self.pool.acquire().await?;
        csbm_activities_where(&mut conn, None, Some((from, to)), viewer).await
    }

    async fn update_csbm_activity(
        &self,
        id: i64,
        activity: &MilitaryActivity,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<MilitaryActivity>> {
        self.update_audited(&id, activity, expected_version, actor)
            .await
    }

    async fn add_verification(
        &self,
        v: &Verification,
        label: &attache_domain::SecurityLabel,
        actor: &Actor,
    ) -> Result<i64> {
        let mut qb = statement(&[
            "INSERT INTO csbm_verifications (kind, receiving, by_state, on_date, ",
            STAMP_COLUMNS,
            ") ",
        ]);
        qb.push_values([v], |mut row, v| {
            row.push_bind(v.kind.as_str())
                .push_bind(v.receiving.clone())
                .push_bind(v.by.clone())
                .push_bind(bound_date(v.date));
            push_stamps(&mut row, label, actor);
        });
        self.insert_audited(qb, "verification", label, v, actor)
            .await
    }

    async fn verifications(&self, year: i32, viewer: &Actor) -> Result<Vec<Verification>> {
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return Ok(Vec::new());
        };
        let mut qb = QueryBuilder::<Db>::new(
            "SELECT kind, receiving, by_state, on_date FROM csbm_verifications WHERE on_date >= ",
        );
        qb.push_bind(bound_date(first))
            .push(" AND on_date <= ")
            .push_bind(bound_date(last));
        push_visible(&mut qb, "", viewer);
        qb.push(" ORDER BY on_date, id");
        let rows: Vec<(String, String, String, NaiveDate)> = qb
            .build_query_as()
            .fetch_all(&mut *self.pool.acquire().await?)
            .await?;
        rows.into_iter()
            .map(|(kind, receiving, by, date)| {
                let kind = match kind.as_str() {
                    "inspection" => VerificationKind::Inspection,
                    "evaluation_visit" => VerificationKind::EvaluationVisit,
                    other => {
                        return Err(StoreError::corrupt(
                            "verification",
                            attache_domain::FieldError::new(
                                "kind",
                                format!("'{other}' is not a kind of verification"),
                            ),
                        ));
                    }
                };
                Ok(Verification {
                    kind,
                    receiving,
                    by,
                    date,
                })
            })
            .collect()
    }

    async fn set_units_reported(
        &self,
        state: &str,
        year: i32,
        units: i64,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let before: Option<i64> = sqlx::query_scalar(
            "SELECT units FROM csbm_units_reported WHERE state = $1 AND year = $2",
        )
        .bind(state)
        .bind(i64::from(year))
        .fetch_optional(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO csbm_units_reported (state, year, units) VALUES ($1, $2, $3) \
             ON CONFLICT (state, year) DO UPDATE SET units = excluded.units",
        )
        .bind(state)
        .bind(i64::from(year))
        .bind(units)
        .execute(&mut *tx)
        .await?;
        // The annual exchange is shared with every participating state: no label to keep.
        let label = attache_domain::SecurityLabel::default();
        let changed = change(
            if before.is_some() { "update" } else { "create" },
            "units reported",
            format!("{state} {year}"),
            &label,
            actor.nation.as_str(),
            before.as_ref(),
            Some(&units),
        );
        append_audit(&mut tx, actor, vec![changed]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn units_reported(&self, year: i32) -> Result<HashMap<String, i64>> {
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT state, units FROM csbm_units_reported WHERE year = $1")
                .bind(i64::from(year))
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().collect())
    }

    async fn add_air_base_visit(&self, v: &AirBaseVisit, actor: &Actor) -> Result<i64> {
        let mut qb = statement(&[
            "INSERT INTO csbm_air_base_visits (host, air_base, visit_date, ",
            STAMP_COLUMNS,
            ") ",
        ]);
        qb.push_values([v], |mut row, v| {
            row.push_bind(v.host.to_string())
                .push_bind(v.air_base.clone())
                .push_bind(bound_date(v.date));
            push_stamps(&mut row, &v.label, actor);
        });
        self.insert_audited(qb, AIR_BASE_VISIT, &v.label, v, actor)
            .await
    }

    async fn air_base_visits(
        &self,
        host: Option<&str>,
        viewer: &Actor,
    ) -> Result<Vec<Stored<AirBaseVisit>>> {
        let mut qb = statement(&[
            "SELECT host, air_base, visit_date, ",
            META,
            " FROM csbm_air_base_visits WHERE 1 = 1",
        ]);
        if let Some(host) = host {
            qb.push(" AND host = ").push_bind(host.to_owned());
        }
        push_visible(&mut qb, "", viewer);
        qb.push(" ORDER BY visit_date DESC, id DESC");
        let rows: Vec<AirBaseVisitRow> = qb
            .build_query_as()
            .fetch_all(&mut *self.pool.acquire().await?)
            .await?;
        rows.into_iter().map(AirBaseVisitRow::into_stored).collect()
    }
}

const AIR_BASE_VISIT: &str = "air base visit";

#[derive(Debug, sqlx::FromRow)]
struct AirBaseVisitRow {
    host: String,
    air_base: String,
    visit_date: NaiveDate,
    #[sqlx(flatten)]
    meta: MetaRow,
}

impl AirBaseVisitRow {
    pub(super) fn into_stored(self) -> Result<Stored<AirBaseVisit>> {
        let record = format!("{AIR_BASE_VISIT} {}", self.meta.id);
        let (meta, label) = self.meta.split(&record)?;
        let host =
            PartnerCode::parse("host", &self.host).map_err(|e| StoreError::corrupt(&record, e))?;
        Ok(Stored {
            meta,
            record: AirBaseVisit {
                host,
                air_base: self.air_base,
                date: self.visit_date,
                label,
            },
        })
    }
}
