//! Accounts: users, sessions, API tokens and sign-in locks.

use super::BEGIN_WRITE;
use super::shared::{
    Conn, STAMP_COLUMNS, SqlStore, append_audit, change, conflict_on_duplicate, push_stamps,
    statement,
};
use crate::audit::Change;
use crate::sql::rows::UserRow;
use crate::{ApiToken, Result, StoreError, UserChange};
use attache_domain::access::{Actor, User, UserRole};
use attache_domain::{PartnerCode, Stored};

pub(super) async fn add_user(
    store: &SqlStore,
    user: &User,
    password_hash: &str,
    actor: &Actor,
) -> Result<()> {
    let label = attache_domain::SecurityLabel::default();
    let mut tx = store.pool.begin_with(BEGIN_WRITE).await?;
    let mut qb = statement(&[
        "INSERT INTO users (name, nation, clearance, roles, password_hash, disabled, ",
        STAMP_COLUMNS,
        ") ",
    ]);
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

pub(super) async fn user_credentials(
    store: &SqlStore,
    name: &str,
) -> Result<Option<(User, String)>> {
    let row: Option<(String,)> = sqlx::query_as("SELECT password_hash FROM users WHERE name = $1")
        .bind(name)
        .fetch_optional(&store.pool)
        .await?;
    let Some((hash,)) = row else { return Ok(None) };
    let mut qb = statement(&["SELECT ", USER_COLUMNS, " FROM users WHERE name = "]);
    qb.push_bind(name.to_owned());
    let user: Option<UserRow> = qb.build_query_as().fetch_optional(&store.pool).await?;
    Ok(user
        .map(UserRow::into_stored)
        .transpose()?
        .map(|u| (u.record, hash)))
}

pub(super) async fn create_session(
    store: &SqlStore,
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
        .execute(&store.pool)
        .await?;
    Ok(())
}

pub(super) async fn end_session(store: &SqlStore, token_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&store.pool)
        .await?;
    Ok(())
}

pub(super) async fn add_api_token(
    store: &SqlStore,
    token_hash: &str,
    label: &str,
    expires: chrono::DateTime<chrono::Utc>,
    actor: &Actor,
) -> Result<ApiToken> {
    let mut tx = store.pool.begin_with(BEGIN_WRITE).await?;
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
    let entry = token_change("create", &token, actor.nation.as_str(), None, Some(&token));
    append_audit(&mut tx, actor, vec![entry]).await?;
    tx.commit().await?;
    Ok(token)
}

pub(super) async fn api_tokens(store: &SqlStore, user: &str) -> Result<Vec<ApiToken>> {
    Ok(sqlx::query_as(
        "SELECT id, user_name, label, created_at, expires_at FROM api_tokens \
         WHERE user_name = $1 ORDER BY id DESC",
    )
    .bind(user)
    .fetch_all(&store.pool)
    .await?)
}

pub(super) async fn revoke_api_token(store: &SqlStore, id: i64, actor: &Actor) -> Result<()> {
    let mut tx = store.pool.begin_with(BEGIN_WRITE).await?;
    let token: ApiToken = sqlx::query_as(
        "DELETE FROM api_tokens WHERE id = $1 AND user_name = $2 \
         RETURNING id, user_name, label, created_at, expires_at",
    )
    .bind(id)
    .bind(&actor.name)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| StoreError::not_found(format!("API token {id}")))?;
    let entry = token_change("revoke", &token, actor.nation.as_str(), Some(&token), None);
    append_audit(&mut tx, actor, vec![entry]).await?;
    tx.commit().await?;
    Ok(())
}

pub(super) async fn sign_in_lock(
    store: &SqlStore,
    subject: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    let until: Option<Option<chrono::DateTime<chrono::Utc>>> =
        sqlx::query_scalar("SELECT locked_until FROM sign_in_failures WHERE subject = $1")
            .bind(subject)
            .fetch_optional(&store.pool)
            .await?;
    Ok(until.flatten().filter(|until| *until > at))
}

pub(super) async fn sign_in_failed(
    store: &SqlStore,
    subject: &str,
    hold: crate::SignInHold,
    actor: &Actor,
) -> Result<u32> {
    let mut tx = store.pool.begin_with(BEGIN_WRITE).await?;
    let failures: i64 = sqlx::query_scalar(
        "INSERT INTO sign_in_failures (subject, failures, last_failure, locked_until) VALUES ($1, 1, $2, NULL) \
         ON CONFLICT (subject) DO UPDATE SET failures = sign_in_failures.failures + 1, \
         last_failure = excluded.last_failure RETURNING failures",
    )
    .bind(subject)
    .bind(actor.at)
    .fetch_one(&mut *tx)
    .await?;
    let failures = u32::try_from(failures).unwrap_or(u32::MAX);
    if let Some(held) = hold(failures) {
        let until = actor.at + held;
        sqlx::query("UPDATE sign_in_failures SET locked_until = $1 WHERE subject = $2")
            .bind(until)
            .bind(subject)
            .execute(&mut *tx)
            .await?;
        // The first hold is the lock the trail records; the longer ones after it are not.
        if hold(failures.saturating_sub(1)).is_none() {
            let label = attache_domain::SecurityLabel::default();
            let state = serde_json::json!({ "failures": failures, "locked_until": until });
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
    }
    tx.commit().await?;
    Ok(failures)
}

pub(super) async fn sign_in_succeeded(
    store: &SqlStore,
    subject: &str,
    actor: &Actor,
) -> Result<()> {
    let mut tx = store.pool.begin_with(BEGIN_WRITE).await?;
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

pub(super) async fn update_user(
    store: &SqlStore,
    name: &str,
    change_to: UserChange,
    actor: &Actor,
) -> Result<Stored<User>> {
    let mut tx = store.pool.begin_with(BEGIN_WRITE).await?;
    let before = select_user(&mut tx, name, None).await?;
    sqlx::query(
        "UPDATE users SET disabled = COALESCE($1, disabled), password_hash = COALESCE($2, password_hash), \
         roles = COALESCE($3, roles), clearance = COALESCE($4, clearance), \
         updated_by = $5, updated_at = $6, version = version + 1 WHERE name = $7",
    )
    .bind(change_to.disabled)
    .bind(change_to.password_hash.clone())
    .bind(change_to.roles.as_deref().map(roles_list))
    .bind(change_to.clearance.map(|c| c.as_str()))
    .bind(&actor.name)
    .bind(actor.at)
    .bind(name)
    .execute(&mut *tx)
    .await?;
    let after = select_user(&mut tx, name, None).await?;
    // The hash itself never enters the trail; that it changed does.
    let action = if change_to.password_hash.is_some() {
        "reset_password"
    } else if change_to.roles.is_some() || change_to.clearance.is_some() {
        "change_access"
    } else {
        "update"
    };
    let label = attache_domain::SecurityLabel::default();
    let mut entries = vec![change(
        action,
        "user",
        name,
        &label,
        &after.meta.owner_nation,
        Some(&before.record),
        Some(&after.record),
    )];
    // A reset, a disable or a re-enable ends every session and API token (calendar feeds
    // among them) issued before it: none outlives the change, none comes back with it.
    if change_to.password_hash.is_some() || change_to.disabled.is_some() {
        sqlx::query("DELETE FROM sessions WHERE user_name = $1")
            .bind(name)
            .execute(&mut *tx)
            .await?;
        let ended: Vec<ApiToken> = sqlx::query_as(
            "DELETE FROM api_tokens WHERE user_name = $1 \
             RETURNING id, user_name, label, created_at, expires_at",
        )
        .bind(name)
        .fetch_all(&mut *tx)
        .await?;
        let nation = after.record.nation.as_str();
        entries.extend(
            ended
                .iter()
                .map(|token| token_change("revoke", token, nation, Some(token), None)),
        );
    }
    append_audit(&mut tx, actor, entries).await?;
    tx.commit().await?;
    Ok(after)
}

impl SqlStore {
    /// The enabled account that a credential (a row of `sessions` or `api_tokens`, by its
    /// token's hash) belongs to, while it has not expired.
    pub(super) async fn user_by_credential(
        &self,
        table: &'static str,
        token_hash: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<User>> {
        let mut qb = statement(&[
            "SELECT ",
            USER_COLUMNS,
            " FROM users WHERE disabled = FALSE AND name = (SELECT user_name FROM ",
            table,
            " WHERE token_hash = ",
        ]);
        qb.push_bind(token_hash.to_owned())
            .push(" AND expires_at > ")
            .push_bind(now)
            .push(")");
        let row: Option<UserRow> = qb.build_query_as().fetch_optional(&self.pool).await?;
        Ok(row.map(UserRow::into_stored).transpose()?.map(|u| u.record))
    }
}

/// A token's audit entry: official, and owned by its owner's nation.
fn token_change(
    action: &'static str,
    token: &ApiToken,
    owner_nation: &str,
    before: Option<&ApiToken>,
    after: Option<&ApiToken>,
) -> Change {
    let label = attache_domain::SecurityLabel::default();
    change(
        action,
        "api_token",
        token.id,
        &label,
        owner_nation,
        before,
        after,
    )
}

const USER_COLUMNS: &str = "name, nation, clearance, roles, disabled, CAST(0 AS BIGINT) AS id, \
    classification, releasable_to, owner_nation, created_by, created_at, updated_by, updated_at, version";

/// Accounts, one by name or all, of every nation or of `nation` only.
pub(super) async fn select_users(
    conn: &mut Conn,
    name: Option<&str>,
    nation: Option<&PartnerCode>,
) -> Result<Vec<Stored<User>>> {
    let mut qb = statement(&["SELECT ", USER_COLUMNS, " FROM users WHERE 1 = 1"]);
    if let Some(name) = name {
        qb.push(" AND name = ").push_bind(name.to_owned());
    }
    if let Some(nation) = nation {
        qb.push(" AND nation = ").push_bind(nation.to_string());
    }
    qb.push(" ORDER BY name");
    let rows: Vec<UserRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
    rows.into_iter().map(UserRow::into_stored).collect()
}

pub(super) async fn select_user(
    conn: &mut Conn,
    name: &str,
    nation: Option<&PartnerCode>,
) -> Result<Stored<User>> {
    let mut found = select_users(conn, Some(name), nation).await?;
    found
        .pop()
        .ok_or_else(|| StoreError::not_found(format!("user {name}")))
}

fn roles_text(user: &User) -> String {
    roles_list(&user.roles)
}

fn roles_list(roles: &[UserRole]) -> String {
    roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(";")
}
