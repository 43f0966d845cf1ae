//! The SQL of [`crate::ame::AmeStore`]: assessments, ratings and indicator readings.

use super::activities::{
    ACTIVITY_COLUMNS, activity_change, assemble_activities, fetch_activity, move_status,
};
use super::records::fetch_visible;
use super::shared::{
    INSERT_BATCH, META, SqlStore, append_audit, change, push_in_list, push_visible, statement,
};
use super::{BEGIN_WRITE, COMPLETED_BY_END, Db, bound_date};
use crate::sql::rows::ActivityRow;
use crate::{Result, StoreError};
use attache_domain::Stored;
use attache_domain::access::Actor;
use attache_domain::records::Objective;
use attache_domain::{Activity, Classification, PartnerCode, Status};
use chrono::NaiveDate;
use sqlx::QueryBuilder;
use std::collections::HashMap;

use crate::ame::{AssessmentsDue, LatestReading, RatingCount};
use attache_domain::ame::{IndicatorReading, OutcomeRating};

/// An assessed activity not yet rated, as `rate_imported` finds it.
#[derive(sqlx::FromRow)]
struct UnratedRow {
    external_id: String,
    #[sqlx(flatten)]
    meta: crate::sql::rows::MetaRow,
}

fn corrupt_rating(score: i64) -> StoreError {
    StoreError::corrupt(
        "activity_ratings",
        format!("{score} is not a rating (1 to 4)"),
    )
}

/// Readings of the visible objectives: `r` the reading, `o` its objective.
fn readings_query(columns: &'static str, viewer: &Actor) -> QueryBuilder<Db> {
    let mut qb = statement(&[
        "SELECT ",
        columns,
        " FROM indicator_readings r JOIN objectives o ON o.code = r.objective WHERE 1 = 1",
    ]);
    push_visible(&mut qb, "o.", viewer);
    qb
}

impl crate::ame::AmeStore for SqlStore {
    async fn add_indicator_reading(
        &self,
        objective: &str,
        reading: &IndicatorReading,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let owner = fetch_visible::<Objective>(&mut tx, objective, actor).await?;
        sqlx::query(
            "INSERT INTO indicator_readings (objective, indicator, value, measured_on, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(objective)
        .bind(&reading.indicator)
        .bind(reading.value)
        .bind(bound_date(reading.measured_on))
        .bind(&actor.name)
        .bind(actor.at)
        .execute(&mut *tx)
        .await?;
        let entry = change(
            "create",
            "indicator_reading",
            objective,
            &owner.record.label,
            &owner.meta.owner_nation,
            None,
            Some(reading),
        );
        append_audit(&mut tx, actor, vec![entry]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn indicator_readings(
        &self,
        objective: &str,
        viewer: &Actor,
    ) -> Result<Vec<IndicatorReading>> {
        let mut conn = self.pool.acquire().await?;
        // A hidden objective is not found, rather than an empty history.
        fetch_visible::<Objective>(&mut conn, objective, viewer).await?;
        let mut qb = readings_query("r.indicator, r.value, r.measured_on", viewer);
        qb.push(" AND r.objective = ")
            .push_bind(objective.to_owned());
        qb.push(" ORDER BY r.measured_on DESC, r.id DESC");
        let rows: Vec<(String, f64, NaiveDate)> = qb.build_query_as().fetch_all(&mut *conn).await?;
        Ok(rows
            .into_iter()
            .map(|(indicator, value, measured_on)| IndicatorReading {
                indicator,
                value,
                measured_on,
            })
            .collect())
    }

    async fn latest_readings(
        &self,
        partner: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> Result<Vec<LatestReading>> {
        let mut qb = readings_query("r.objective, r.indicator, r.value, r.measured_on", viewer);
        if let Some(partner) = partner {
            qb.push(" AND o.partner = ").push_bind(partner.to_string());
        }
        // The latest: no reading of the same indicator measured later (or recorded later
        // on the same day), found along `indicator_readings_by_objective`.
        qb.push(
            " AND NOT EXISTS (SELECT 1 FROM indicator_readings n WHERE n.objective = r.objective \
             AND n.indicator = r.indicator AND (n.measured_on > r.measured_on \
             OR (n.measured_on = r.measured_on AND n.id > r.id))) ORDER BY r.objective, r.indicator",
        );
        let rows: Vec<(String, String, f64, NaiveDate)> =
            qb.build_query_as().fetch_all(&self.pool).await?;
        Ok(rows
            .into_iter()
            .map(|(objective, indicator, value, measured_on)| LatestReading {
                objective,
                reading: IndicatorReading {
                    indicator,
                    value,
                    measured_on,
                },
            })
            .collect())
    }

    async fn assess_activity(
        &self,
        id: i64,
        rating: OutcomeRating,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Activity>> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let before = fetch_activity(&mut tx, id, actor).await?;
        move_status(
            &mut tx,
            id,
            (Status::Completed, Status::Assessed),
            "",
            expected_version,
            actor,
        )
        .await?;
        sqlx::query(
            "INSERT INTO activity_ratings (activity_id, rating, rated_by, rated_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(i64::from(rating.score()))
        .bind(&actor.name)
        .bind(actor.at)
        .execute(&mut *tx)
        .await?;
        let stored = fetch_activity(&mut tx, id, actor).await?;
        let rated = serde_json::json!({ "rating": rating });
        append_audit(
            &mut tx,
            actor,
            vec![
                activity_change("transition", Some(&before), &stored),
                change(
                    "create",
                    "outcome_rating",
                    id,
                    &stored.record.label,
                    &stored.meta.owner_nation,
                    None,
                    Some(&rated),
                ),
            ],
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    async fn rate_imported(
        &self,
        source: &str,
        ratings: &[(String, OutcomeRating)],
        actor: &Actor,
    ) -> Result<u64> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let mut rated = 0;
        for chunk in ratings.chunks(INSERT_BATCH) {
            let by_id: HashMap<&str, OutcomeRating> =
                chunk.iter().map(|(id, r)| (id.as_str(), *r)).collect();
            let mut qb = statement(&[
                "SELECT external_id, ",
                META,
                " FROM activities WHERE status = 'assessed' AND source = ",
            ]);
            qb.push_bind(source.to_owned());
            qb.push(
                " AND id NOT IN (SELECT activity_id FROM activity_ratings) AND external_id IN ",
            );
            push_in_list(&mut qb, chunk.iter().map(|(id, _)| id.clone()));
            push_visible(&mut qb, "", actor);
            let rows: Vec<UnratedRow> = qb.build_query_as().fetch_all(&mut *tx).await?;
            if rows.is_empty() {
                continue;
            }
            let mut changes = Vec::with_capacity(rows.len());
            let mut values = Vec::with_capacity(rows.len());
            for row in rows {
                let Some(rating) = by_id.get(row.external_id.as_str()).copied() else {
                    continue;
                };
                let (meta, label) = row.meta.split("activities")?;
                let after = serde_json::json!({ "rating": rating });
                changes.push(change(
                    "create",
                    "outcome_rating",
                    meta.id,
                    &label,
                    &meta.owner_nation,
                    None,
                    Some(&after),
                ));
                values.push((meta.id, rating));
            }
            if values.is_empty() {
                continue;
            }
            let mut insert = QueryBuilder::<Db>::new(
                "INSERT INTO activity_ratings (activity_id, rating, rated_by, rated_at) ",
            );
            insert.push_values(&values, |mut row, (id, rating)| {
                row.push_bind(*id)
                    .push_bind(i64::from(rating.score()))
                    .push_bind(actor.name.clone())
                    .push_bind(actor.at);
            });
            insert.build().execute(&mut *tx).await?;
            rated += values.len() as u64;
            append_audit(&mut tx, actor, changes).await?;
        }
        tx.commit().await?;
        Ok(rated)
    }

    async fn outcome_rating(&self, id: i64, viewer: &Actor) -> Result<Option<OutcomeRating>> {
        let mut qb = QueryBuilder::<Db>::new(
            "SELECT r.rating FROM activity_ratings r JOIN activities a ON a.id = r.activity_id WHERE a.id = ",
        );
        qb.push_bind(id);
        push_visible(&mut qb, "a.", viewer);
        let score: Option<i64> = qb.build_query_scalar().fetch_optional(&self.pool).await?;
        score
            .map(|s| OutcomeRating::from_score(s).ok_or_else(|| corrupt_rating(s)))
            .transpose()
    }

    async fn objective_ratings(
        &self,
        partner: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> Result<Vec<RatingCount>> {
        let mut qb = QueryBuilder::<Db>::new(
            "SELECT ao.objective, r.rating, a.classification, COUNT(*) FROM activity_objectives ao \
             JOIN activities a ON a.id = ao.activity_id \
             JOIN activity_ratings r ON r.activity_id = a.id \
             WHERE a.status = 'assessed' AND a.coercive_presence = FALSE",
        );
        push_visible(&mut qb, "a.", viewer);
        if let Some(partner) = partner {
            qb.push(" AND ao.objective IN (SELECT code FROM objectives WHERE partner = ")
                .push_bind(partner.to_string())
                .push(")");
        }
        qb.push(" GROUP BY ao.objective, r.rating, a.classification");
        let rows: Vec<(String, i64, String, i64)> =
            qb.build_query_as().fetch_all(&self.pool).await?;
        rows.into_iter()
            .map(|(objective, score, classification, count)| {
                Ok(RatingCount {
                    objective,
                    rating: OutcomeRating::from_score(score)
                        .ok_or_else(|| corrupt_rating(score))?,
                    count: u64::try_from(count).unwrap_or(0),
                    classification: Classification::parse("classification", &classification)
                        .map_err(|e| StoreError::corrupt("activities", e))?,
                })
            })
            .collect()
    }

    async fn assessments_due(
        &self,
        overdue_before: NaiveDate,
        limit: u32,
        viewer: &Actor,
    ) -> Result<AssessmentsDue> {
        let mut conn = self.pool.acquire().await?;
        // Both read the partial index `activities_completed_by_end`, which carries the
        // label: the count reads nothing else, the list its first rows.
        let mut qb =
            QueryBuilder::<Db>::new("SELECT COUNT(*), COUNT(*) FILTER (WHERE a.end_date < ");
        qb.push_bind(bound_date(overdue_before));
        qb.push(") FROM ")
            .push(COMPLETED_BY_END)
            .push(" WHERE a.status = 'completed'");
        push_visible(&mut qb, "a.", viewer);
        let (count, overdue): (i64, i64) = qb.build_query_as().fetch_one(&mut *conn).await?;
        let mut qb = QueryBuilder::<Db>::new(ACTIVITY_COLUMNS);
        qb.push(" FROM ")
            .push(COMPLETED_BY_END)
            .push(" WHERE a.status = 'completed'");
        push_visible(&mut qb, "a.", viewer);
        qb.push(" ORDER BY a.end_date, a.id LIMIT ")
            .push_bind(i64::from(limit));
        let rows: Vec<ActivityRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
        Ok(AssessmentsDue {
            count: u64::try_from(count).unwrap_or(0),
            overdue: u64::try_from(overdue).unwrap_or(0),
            first: assemble_activities(&mut conn, rows).await?,
        })
    }
}
