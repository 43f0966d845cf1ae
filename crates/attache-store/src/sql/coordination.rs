//! The SQL of [`crate::coordination::CoordinationStore`]: concurrence answers, clearance
//! requests, vetting and restrictions.

use super::activities::{
    activity_change, fetch_activity, move_status, record_status_change, replace_activity,
};
use super::shared::{
    Conn, INSERT_BATCH, SqlStore, append_audit, change, push_in_list, push_nation_filter,
    push_visible, statement,
};
use super::{BEGIN_WRITE, Db};
use crate::audit::Change;
use crate::{Added, Result, StoreError};
use attache_domain::Stored;
use attache_domain::access::Actor;
use attache_domain::{Activity, PartnerCode, Status};
use chrono::NaiveDate;
use sqlx::QueryBuilder;

use attache_domain::coordination::concurrence::{Answer, ConcurrenceRule, Ministry, Verdict};
use attache_domain::coordination::vetting::RecipientKind;
use attache_domain::coordination::{
    ClearanceKind, ClearanceRequest, ClearanceStatus, LeadTimes, Recipient, Restriction,
    RestrictionScope, VettingStatus,
};

/// A change to coordination data for the audit trail. What belongs to an activity is
/// audited under the activity's label and owner; reference data under the default label.
fn coordination_change<T: serde::Serialize>(
    action: &'static str,
    record_type: &'static str,
    record_id: impl ToString,
    owner: Option<&Stored<Activity>>,
    actor: &Actor,
    before: Option<&T>,
    after: Option<&T>,
) -> Change {
    let reference = attache_domain::SecurityLabel::default();
    let (label, owner_nation) = match owner {
        Some(a) => (&a.record.label, a.meta.owner_nation.as_str()),
        None => (&reference, actor.nation.as_str()),
    };
    change(
        action,
        record_type,
        record_id,
        label,
        owner_nation,
        before,
        after,
    )
}

fn corrupt(record: &str) -> impl Fn(attache_domain::FieldError) -> StoreError + '_ {
    move |e| StoreError::corrupt(record, e)
}

fn days(value: i64, record: &str) -> Result<u32> {
    u32::try_from(value).map_err(|_| StoreError::corrupt(record, format!("{value} days")))
}

/// The rows of activities' table, of those the viewer may see: the activity's id, then
/// `columns` from `table` aliased `t`, in insertion order.
fn activity_rows(
    columns: &'static str,
    table: &'static str,
    activities: &[i64],
    viewer: &Actor,
) -> QueryBuilder<Db> {
    let mut qb = statement(&[
        "SELECT t.activity_id, ",
        columns,
        " FROM ",
        table,
        " t JOIN activities a ON a.id = t.activity_id WHERE a.id IN ",
    ]);
    push_in_list(&mut qb, activities.iter().copied());
    push_visible(&mut qb, "a.", viewer);
    qb.push(" ORDER BY t.id");
    qb
}

/// Rows of many activities, in statements of a bounded number of ids.
async fn rows_of_activities<R>(
    conn: &mut Conn,
    columns: &'static str,
    table: &'static str,
    activities: &[i64],
    viewer: &Actor,
) -> Result<Vec<R>>
where
    R: for<'r> sqlx::FromRow<'r, <Db as sqlx::Database>::Row> + Send + Unpin,
{
    let mut rows = Vec::new();
    for chunk in activities.chunks(INSERT_BATCH) {
        let mut qb = activity_rows(columns, table, chunk, viewer);
        rows.extend(qb.build_query_as::<R>().fetch_all(&mut *conn).await?);
    }
    Ok(rows)
}

type AnswerRow = (
    i64,
    String,
    String,
    String,
    String,
    chrono::DateTime<chrono::Utc>,
    Option<chrono::DateTime<chrono::Utc>>,
);
type ClearanceRow = (
    i64,
    String,
    String,
    String,
    Option<NaiveDate>,
    String,
    Option<NaiveDate>,
);
type RecipientRow = (
    i64,
    String,
    String,
    String,
    Option<NaiveDate>,
    Option<NaiveDate>,
);
type RestrictionRow = (i64, String, String, String, NaiveDate, Option<NaiveDate>);

fn restriction_of(
    (id, partner, source, scope, start, end): RestrictionRow,
) -> Result<(i64, Restriction)> {
    let record = "restriction";
    Ok((
        id,
        Restriction {
            partner: PartnerCode::parse("partner", &partner).map_err(corrupt(record))?,
            source,
            scope: RestrictionScope::parse("scope", &scope).map_err(corrupt(record))?,
            start,
            end,
        },
    ))
}

/// The answers on activities the viewer may see, oldest first, with their activity.
async fn answers_of(
    conn: &mut Conn,
    activities: &[i64],
    viewer: &Actor,
) -> Result<Vec<(i64, Answer)>> {
    let rows: Vec<AnswerRow> = rows_of_activities(
        conn,
        "t.ministry, t.verdict, t.reason, t.answered_by, t.answered_at, t.reset_at",
        "concurrence_answers",
        activities,
        viewer,
    )
    .await?;
    let record = "concurrence answer";
    rows.into_iter()
        .map(|(activity, ministry, verdict, reason, by, at, reset_at)| {
            let answer = Answer {
                ministry: Ministry::parse("ministry", &ministry).map_err(corrupt(record))?,
                verdict: Verdict::parse("verdict", &verdict).map_err(corrupt(record))?,
                reason,
                by,
                at,
                reset: reset_at.is_some(),
            };
            Ok((activity, answer))
        })
        .collect()
}

/// The clearance requests of activities the viewer may see, with their activity.
async fn requests_of(
    conn: &mut Conn,
    activities: &[i64],
    viewer: &Actor,
) -> Result<Vec<(i64, ClearanceRequest)>> {
    let rows: Vec<ClearanceRow> = rows_of_activities(
        conn,
        "t.partner, t.kind, t.status, t.requested_on, t.reference, t.granted_on",
        "clearance_requests",
        activities,
        viewer,
    )
    .await?;
    let record = "clearance request";
    rows.into_iter()
        .map(
            |(activity, partner, kind, status, requested_on, reference, granted_on)| {
                let request = ClearanceRequest {
                    partner: PartnerCode::parse("partner", &partner).map_err(corrupt(record))?,
                    kind: ClearanceKind::parse("kind", &kind).map_err(corrupt(record))?,
                    status: ClearanceStatus::parse("status", &status).map_err(corrupt(record))?,
                    requested_on,
                    reference,
                    granted_on,
                };
                Ok((activity, request))
            },
        )
        .collect()
}

/// Resets the standing answers of `ministries` on an activity whose substance changed
/// (`because` says how): they are kept as history and asked again. Gives the audit
/// entries, one per ministry.
async fn reset_answers(
    conn: &mut Conn,
    stored: &Stored<Activity>,
    ministries: &[Ministry],
    because: &str,
    actor: &Actor,
) -> Result<Vec<Change>> {
    let id = stored.meta.id;
    let mut changes = Vec::new();
    for ministry in ministries {
        sqlx::query(
            "UPDATE concurrence_answers SET reset_at = $1 WHERE activity_id = $2 \
             AND ministry = $3 AND reset_at IS NULL",
        )
        .bind(actor.at)
        .bind(id)
        .bind(ministry.as_str())
        .execute(&mut *conn)
        .await?;
        let why = serde_json::json!({"ministry": ministry, "because": because});
        changes.push(coordination_change(
            "reset",
            "concurrence",
            format!("{id}/{ministry}"),
            Some(stored),
            actor,
            None,
            Some(&why),
        ));
    }
    Ok(changes)
}

/// The answers an import's change of substance resets (the domain's rule, as for an
/// edit), reset in the import's transaction; gives their audit entries.
pub(super) async fn reset_by_import(
    conn: &mut Conn,
    before: &Stored<Activity>,
    after: &Activity,
    actor: &Actor,
) -> Result<Vec<Change>> {
    use attache_domain::coordination::concurrence::{substance_changes, to_reset};
    let changed = substance_changes(&before.record, after);
    if changed.is_empty() {
        return Ok(Vec::new());
    }
    let answers: Vec<Answer> = answers_of(conn, &[before.meta.id], actor)
        .await?
        .into_iter()
        .map(|(_, answer)| answer)
        .collect();
    let reset = to_reset(&changed, &answers);
    if reset.is_empty() {
        return Ok(Vec::new());
    }
    let because = format!("{} changed (imported)", changed.join(", "));
    let owner = Stored {
        meta: before.meta.clone(),
        record: after.clone(),
    };
    reset_answers(conn, &owner, &reset, &because, actor).await
}

/// One restriction, read in the transaction that changes it.
async fn fetch_restriction(conn: &mut Conn, id: i64) -> Result<Restriction> {
    let row: Option<RestrictionRow> = sqlx::query_as(
        "SELECT id, partner, source, scope, start_date, end_date FROM restrictions WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let row = row.ok_or_else(|| StoreError::not_found(format!("restriction {id}")))?;
    Ok(restriction_of(row)?.1)
}

impl crate::coordination::CoordinationStore for SqlStore {
    async fn concurrence_rules(&self) -> Result<Vec<ConcurrenceRule>> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT ministry, condition, due_days FROM concurrence_rules ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(ministry, condition, due_days)| {
                Ok(ConcurrenceRule {
                    ministry: Ministry::parse("ministry", &ministry)
                        .map_err(corrupt("concurrence rule"))?,
                    condition: serde_json::from_str(&condition)
                        .map_err(|e| StoreError::corrupt("concurrence rule", e))?,
                    due_days: days(due_days, "concurrence rule")?,
                })
            })
            .collect()
    }

    async fn replace_concurrence_rules(
        &self,
        rules: &[ConcurrenceRule],
        actor: &Actor,
    ) -> Result<()> {
        let before = self.concurrence_rules().await?;
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        sqlx::query("DELETE FROM concurrence_rules")
            .execute(&mut *tx)
            .await?;
        for rule in rules {
            let condition = serde_json::to_string(&rule.condition)
                .map_err(|e| StoreError::corrupt("concurrence rule", e))?;
            sqlx::query(
                "INSERT INTO concurrence_rules (ministry, condition, due_days) VALUES ($1, $2, $3)",
            )
            .bind(rule.ministry.as_str())
            .bind(condition)
            .bind(i64::from(rule.due_days))
            .execute(&mut *tx)
            .await?;
        }
        let changed = coordination_change(
            "update",
            "concurrence_rules",
            "table",
            None,
            actor,
            Some(&before),
            Some(&rules.to_vec()),
        );
        append_audit(&mut tx, actor, vec![changed]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn concurrence_answers(&self, activity: i64, viewer: &Actor) -> Result<Vec<Answer>> {
        let mut conn = self.pool.acquire().await?;
        // NotFound for an activity the viewer may not see, rather than an empty list.
        fetch_activity(&mut conn, activity, viewer).await?;
        let rows = answers_of(&mut conn, &[activity], viewer).await?;
        Ok(rows.into_iter().map(|(_, answer)| answer).collect())
    }

    async fn concurrence_answers_of(
        &self,
        activities: &[i64],
        viewer: &Actor,
    ) -> Result<Vec<(i64, Answer)>> {
        let mut conn = self.pool.acquire().await?;
        answers_of(&mut conn, activities, viewer).await
    }

    async fn add_concurrence_answer(
        &self,
        activity: i64,
        answer: &Answer,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let owner = fetch_activity(&mut tx, activity, actor).await?;
        sqlx::query(
            "INSERT INTO concurrence_answers (activity_id, ministry, verdict, reason, answered_by, \
             answered_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(activity)
        .bind(answer.ministry.as_str())
        .bind(answer.verdict.as_str())
        .bind(&answer.reason)
        .bind(&answer.by)
        .bind(answer.at)
        .execute(&mut *tx)
        .await?;
        let record = format!("{activity}/{}", answer.ministry);
        let made = coordination_change(
            answer.verdict.as_str(),
            "concurrence",
            record,
            Some(&owner),
            actor,
            None,
            Some(answer),
        );
        append_audit(&mut tx, actor, vec![made]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn update_activity_resetting(
        &self,
        id: i64,
        activity: &Activity,
        expected_version: i64,
        reset: &[Ministry],
        because: &str,
        actor: &Actor,
    ) -> Result<Stored<Activity>> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let before = fetch_activity(&mut tx, id, actor).await?;
        replace_activity(&mut tx, id, activity, expected_version, None, actor).await?;
        if before.record.status != activity.status {
            record_status_change(&mut tx, id, before.record.status, activity.status, actor).await?;
        }
        let stored = fetch_activity(&mut tx, id, actor).await?;
        let action = before
            .record
            .label
            .change_action(&stored.record.label, "update");
        let mut changes = vec![activity_change(action, Some(&before), &stored)];
        changes.extend(reset_answers(&mut tx, &stored, reset, because, actor).await?);
        append_audit(&mut tx, actor, changes).await?;
        tx.commit().await?;
        Ok(stored)
    }

    async fn lead_times(&self) -> Result<Vec<(PartnerCode, LeadTimes)>> {
        let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
            "SELECT partner, warship_visit_days, aircraft_landing_days, overflight_days \
             FROM clearance_lead_times ORDER BY partner",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(partner, warship, landing, overflight)| {
                let record = "lead times";
                Ok((
                    PartnerCode::parse("partner", &partner).map_err(corrupt(record))?,
                    LeadTimes {
                        warship_visit: days(warship, record)?,
                        aircraft_landing: days(landing, record)?,
                        overflight: days(overflight, record)?,
                    },
                ))
            })
            .collect()
    }

    async fn set_lead_times(
        &self,
        partner: &PartnerCode,
        times: &LeadTimes,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let before: Option<(i64, i64, i64)> = sqlx::query_as(
            "SELECT warship_visit_days, aircraft_landing_days, overflight_days \
             FROM clearance_lead_times WHERE partner = $1",
        )
        .bind(partner.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO clearance_lead_times (partner, warship_visit_days, aircraft_landing_days, \
             overflight_days, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (partner) DO UPDATE SET warship_visit_days = excluded.warship_visit_days, \
             aircraft_landing_days = excluded.aircraft_landing_days, \
             overflight_days = excluded.overflight_days, updated_by = excluded.updated_by, \
             updated_at = excluded.updated_at",
        )
        .bind(partner.as_str())
        .bind(i64::from(times.warship_visit))
        .bind(i64::from(times.aircraft_landing))
        .bind(i64::from(times.overflight))
        .bind(&actor.name)
        .bind(actor.at)
        .execute(&mut *tx)
        .await?;
        let before = before.map(|(w, a, o)| {
            serde_json::json!({
                "warship_visit": w, "aircraft_landing": a, "overflight": o
            })
        });
        let after = serde_json::to_value(times).ok();
        let changed = coordination_change(
            if before.is_some() { "update" } else { "create" },
            "lead_times",
            partner,
            None,
            actor,
            before.as_ref(),
            after.as_ref(),
        );
        append_audit(&mut tx, actor, vec![changed]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn clearance_requests(
        &self,
        activity: i64,
        viewer: &Actor,
    ) -> Result<Vec<ClearanceRequest>> {
        let mut conn = self.pool.acquire().await?;
        fetch_activity(&mut conn, activity, viewer).await?;
        let rows = requests_of(&mut conn, &[activity], viewer).await?;
        Ok(rows.into_iter().map(|(_, request)| request).collect())
    }

    async fn clearance_requests_of(
        &self,
        activities: &[i64],
        viewer: &Actor,
    ) -> Result<Vec<(i64, ClearanceRequest)>> {
        let mut conn = self.pool.acquire().await?;
        requests_of(&mut conn, activities, viewer).await
    }

    async fn put_clearance_request(
        &self,
        activity: i64,
        request: &ClearanceRequest,
        actor: &Actor,
    ) -> Result<()> {
        let before = self.clearance_requests(activity, actor).await?;
        let before = before
            .into_iter()
            .find(|r| r.partner == request.partner && r.kind == request.kind);
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let owner = fetch_activity(&mut tx, activity, actor).await?;
        sqlx::query(
            "INSERT INTO clearance_requests (activity_id, partner, kind, status, requested_on, \
             reference, granted_on, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (activity_id, partner, kind) DO UPDATE SET status = excluded.status, \
             requested_on = excluded.requested_on, reference = excluded.reference, \
             granted_on = excluded.granted_on, updated_by = excluded.updated_by, \
             updated_at = excluded.updated_at",
        )
        .bind(activity)
        .bind(request.partner.as_str())
        .bind(request.kind.as_str())
        .bind(request.status.as_str())
        .bind(request.requested_on)
        .bind(&request.reference)
        .bind(request.granted_on)
        .bind(&actor.name)
        .bind(actor.at)
        .execute(&mut *tx)
        .await?;
        let changed = coordination_change(
            if before.is_some() { "update" } else { "create" },
            "clearance_request",
            format!("{activity}/{}/{}", request.partner, request.kind),
            Some(&owner),
            actor,
            before.as_ref(),
            Some(request),
        );
        append_audit(&mut tx, actor, vec![changed]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn recipients(&self, activity: i64, viewer: &Actor) -> Result<Vec<Recipient>> {
        let mut conn = self.pool.acquire().await?;
        fetch_activity(&mut conn, activity, viewer).await?;
        let rows: Vec<RecipientRow> = rows_of_activities(
            &mut conn,
            "t.name, t.kind, t.status, t.vetted_on, t.expires",
            "activity_recipients",
            &[activity],
            viewer,
        )
        .await?;
        let record = "recipient";
        rows.into_iter()
            .map(|(_, name, kind, status, vetted_on, expires)| {
                Ok(Recipient {
                    name,
                    kind: RecipientKind::parse("kind", &kind).map_err(corrupt(record))?,
                    status: VettingStatus::parse("status", &status).map_err(corrupt(record))?,
                    vetted_on,
                    expires,
                })
            })
            .collect()
    }

    async fn put_recipient(
        &self,
        activity: i64,
        recipient: &Recipient,
        actor: &Actor,
    ) -> Result<()> {
        let before = self.recipients(activity, actor).await?;
        let before = before.into_iter().find(|r| r.name == recipient.name);
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let owner = fetch_activity(&mut tx, activity, actor).await?;
        sqlx::query(
            "INSERT INTO activity_recipients (activity_id, name, kind, status, vetted_on, expires, \
             updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (activity_id, name) DO UPDATE SET kind = excluded.kind, \
             status = excluded.status, vetted_on = excluded.vetted_on, expires = excluded.expires, \
             updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        )
        .bind(activity)
        .bind(&recipient.name)
        .bind(recipient.kind.as_str())
        .bind(recipient.status.as_str())
        .bind(recipient.vetted_on)
        .bind(recipient.expires)
        .bind(&actor.name)
        .bind(actor.at)
        .execute(&mut *tx)
        .await?;
        let changed = coordination_change(
            if before.is_some() { "update" } else { "create" },
            "recipient",
            format!("{activity}/{}", recipient.name),
            Some(&owner),
            actor,
            before.as_ref(),
            Some(recipient),
        );
        append_audit(&mut tx, actor, vec![changed]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn restrictions(&self, partner: Option<&PartnerCode>) -> Result<Vec<(i64, Restriction)>> {
        let mut qb = QueryBuilder::<Db>::new(
            "SELECT id, partner, source, scope, start_date, end_date FROM restrictions WHERE 1 = 1",
        );
        push_nation_filter(&mut qb, "partner", partner);
        qb.push(" ORDER BY partner, start_date, id");
        let rows: Vec<RestrictionRow> = qb.build_query_as().fetch_all(&self.pool).await?;
        rows.into_iter().map(restriction_of).collect()
    }

    async fn add_restrictions(
        &self,
        restrictions: &[Restriction],
        actor: &Actor,
    ) -> Result<Vec<Added>> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let mut ids = Vec::with_capacity(restrictions.len());
        let mut changes = Vec::with_capacity(restrictions.len());
        for r in restrictions {
            // The same measure again (imported twice, or twice in one file) is kept once.
            let stored: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM restrictions WHERE partner = $1 AND source = $2 AND scope = $3 \
                 AND start_date = $4 AND (end_date = $5 OR (end_date IS NULL AND $6)) \
                 ORDER BY id LIMIT 1",
            )
            .bind(r.partner.as_str())
            .bind(&r.source)
            .bind(r.scope.as_str())
            .bind(r.start)
            .bind(r.end)
            .bind(r.end.is_none())
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(id) = stored {
                ids.push(Added { id, new: false });
                continue;
            }
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO restrictions (partner, source, scope, start_date, end_date, created_by, \
                 created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(r.partner.as_str())
            .bind(&r.source)
            .bind(r.scope.as_str())
            .bind(r.start)
            .bind(r.end)
            .bind(&actor.name)
            .bind(actor.at)
            .fetch_one(&mut *tx)
            .await?;
            ids.push(Added { id, new: true });
            changes.push(coordination_change(
                "create",
                "restriction",
                id,
                None,
                actor,
                None,
                Some(r),
            ));
        }
        append_audit(&mut tx, actor, changes).await?;
        tx.commit().await?;
        Ok(ids)
    }

    async fn complete_as_coercive_presence(
        &self,
        id: i64,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Activity>> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let before = fetch_activity(&mut tx, id, actor).await?;
        let moved = (Status::Approved, Status::Completed);
        move_status(
            &mut tx,
            id,
            moved,
            ", coercive_presence = TRUE",
            expected_version,
            actor,
        )
        .await?;
        let stored = fetch_activity(&mut tx, id, actor).await?;
        let flag = serde_json::json!({"coercive_presence": true});
        let changes = vec![
            activity_change("transition", Some(&before), &stored),
            coordination_change(
                "flag",
                "coercive_presence",
                id,
                Some(&stored),
                actor,
                None,
                Some(&flag),
            ),
        ];
        append_audit(&mut tx, actor, changes).await?;
        tx.commit().await?;
        Ok(stored)
    }

    async fn is_coercive_presence(&self, id: i64, viewer: &Actor) -> Result<bool> {
        let mut qb =
            QueryBuilder::<Db>::new("SELECT a.coercive_presence FROM activities a WHERE a.id = ");
        qb.push_bind(id);
        push_visible(&mut qb, "a.", viewer);
        let flag: Option<bool> = qb.build_query_scalar().fetch_optional(&self.pool).await?;
        flag.ok_or_else(|| StoreError::not_found(format!("activity {id}")))
    }
    async fn update_restriction(
        &self,
        id: i64,
        restriction: &Restriction,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let before = fetch_restriction(&mut tx, id).await?;
        sqlx::query(
            "UPDATE restrictions SET partner = $1, source = $2, scope = $3, start_date = $4, \
             end_date = $5 WHERE id = $6",
        )
        .bind(restriction.partner.as_str())
        .bind(&restriction.source)
        .bind(restriction.scope.as_str())
        .bind(restriction.start)
        .bind(restriction.end)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let changed = coordination_change(
            "update",
            "restriction",
            id,
            None,
            actor,
            Some(&before),
            Some(restriction),
        );
        append_audit(&mut tx, actor, vec![changed]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn delete_restriction(&self, id: i64, actor: &Actor) -> Result<()> {
        let mut tx = self.pool.begin_with(BEGIN_WRITE).await?;
        let before = fetch_restriction(&mut tx, id).await?;
        sqlx::query("DELETE FROM restrictions WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let removed = coordination_change(
            "delete",
            "restriction",
            id,
            None,
            actor,
            Some(&before),
            None,
        );
        append_audit(&mut tx, actor, vec![removed]).await?;
        tx.commit().await?;
        Ok(())
    }
}
