//! `/api/v1/users`: accounts, for administrators. A password the server makes is shown
//! once, in the answer that sets it.

pub mod tokens;

use attache_app::accounts::generate_password;
use attache_domain::Stored;
use attache_domain::access::{User, UserRole};
use attache_domain::{Classification, PartnerCode};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Shared;
use crate::error::{ApiError, Problems};
use crate::http::json_body;
use crate::session::SignedIn;
use utoipa_axum::{router::OpenApiRouter, routes};

/// A new account. Without a password, the server makes one and shows it once.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    #[schema(example = "j.smith")]
    name: String,
    nation: PartnerCode,
    clearance: Classification,
    roles: Vec<UserRole>,
    password: Option<String>,
}

/// An account, and its password when the server made it.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserWithPassword {
    user: Stored<User>,
    /// Shown only in this answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<String>,
}

/// A new password; without one, the server makes one and shows it once.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPassword {
    password: Option<String>,
}

/// A change of an account's roles, clearance or both; what is left out stays.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccessChange {
    /// Every role the account holds after the change (at least one).
    #[schema(min_items = 1)]
    roles: Option<Vec<UserRole>>,
    clearance: Option<Classification>,
}

/// The password given, or a new one to show.
fn given_or_made(password: Option<String>) -> (String, Option<String>) {
    match password {
        Some(given) => (given, None),
        None => {
            let made = generate_password();
            (made.clone(), Some(made))
        }
    }
}

#[utoipa::path(operation_id = "list_users", get, path = "/api/v1/users", tag = "users",
    responses((status = 200, description = "Every account", body = [Stored<User>]), Problems))]
pub async fn list(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
) -> Result<Json<Vec<Stored<User>>>, ApiError> {
    Ok(Json(app.users(&actor).await?))
}

#[utoipa::path(operation_id = "show_user", get, path = "/api/v1/users/{name}", tag = "users",
    params(("name" = String, Path, description = "The account's name")),
    responses((status = 200, description = "The account", body = Stored<User>), Problems))]
pub async fn show(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(name): Path<String>,
) -> Result<Json<Stored<User>>, ApiError> {
    Ok(Json(app.user(&name, &actor).await?))
}

#[utoipa::path(operation_id = "add_user", post, path = "/api/v1/users", tag = "users",
    request_body = NewUser,
    responses((status = 201, description = "Added", body = UserWithPassword),
        (status = 409, description = "The name is taken", body = crate::error::Problem,
            content_type = "application/problem+json"), Problems))]
pub async fn add(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    body: Bytes,
) -> Result<impl IntoResponse, ApiError> {
    let new: NewUser = json_body(&body)?;
    let (password, shown) = given_or_made(new.password);
    let user = User {
        name: new.name,
        nation: new.nation,
        clearance: new.clearance,
        roles: new.roles,
        disabled: false,
    };
    app.add_user(&user, &password, &actor).await?;
    let user = app.user(&user.name, &actor).await?;
    let answer = UserWithPassword {
        user,
        password: shown,
    };
    Ok((StatusCode::CREATED, Json(answer)))
}

#[utoipa::path(operation_id = "disable_user", post, path = "/api/v1/users/{name}/disable", tag = "users",
    params(("name" = String, Path, description = "The account's name")),
    responses((status = 200, description = "Disabled: its sessions and tokens stop working", body = Stored<User>), Problems))]
pub async fn disable(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(name): Path<String>,
) -> Result<Json<Stored<User>>, ApiError> {
    Ok(Json(app.set_user_disabled(&name, true, &actor).await?))
}

#[utoipa::path(operation_id = "enable_user", post, path = "/api/v1/users/{name}/enable", tag = "users",
    params(("name" = String, Path, description = "The account's name")),
    responses((status = 200, description = "Enabled", body = Stored<User>), Problems))]
pub async fn enable(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(name): Path<String>,
) -> Result<Json<Stored<User>>, ApiError> {
    Ok(Json(app.set_user_disabled(&name, false, &actor).await?))
}

#[utoipa::path(operation_id = "reset_password", post, path = "/api/v1/users/{name}/password", tag = "users",
    params(("name" = String, Path, description = "The account's name")),
    request_body = NewPassword,
    responses((status = 200, description = "Set", body = UserWithPassword), Problems))]
pub async fn reset_password(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(name): Path<String>,
    body: Bytes,
) -> Result<Json<UserWithPassword>, ApiError> {
    let request: NewPassword = match body.is_empty() {
        true => NewPassword::default(),
        false => json_body(&body)?,
    };
    let (password, shown) = given_or_made(request.password);
    let user = app.reset_password(&name, &password, &actor).await?;
    Ok(Json(UserWithPassword {
        user,
        password: shown,
    }))
}

#[utoipa::path(operation_id = "change_user_access", patch, path = "/api/v1/users/{name}", tag = "users",
    params(("name" = String, Path, description = "The account's name")),
    request_body = AccessChange,
    responses((status = 200, description = "Changed: its sessions hold the new roles and clearance from their next request", body = Stored<User>), Problems))]
pub async fn change_access(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(name): Path<String>,
    body: Bytes,
) -> Result<Json<Stored<User>>, ApiError> {
    let change: AccessChange = json_body(&body)?;
    let changed = app
        .change_access(&name, change.roles, change.clearance, &actor)
        .await?;
    Ok(Json(changed))
}

/// The accounts' endpoints: users, and each user's API tokens.
pub(crate) fn routes() -> OpenApiRouter<crate::Shared> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(add))
        .routes(routes!(show, change_access))
        .routes(routes!(disable))
        .routes(routes!(enable))
        .routes(routes!(reset_password))
        .routes(routes!(tokens::issue))
        .routes(routes!(tokens::list))
        .routes(routes!(tokens::revoke))
}
