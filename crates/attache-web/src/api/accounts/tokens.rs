//! `/api/v1/tokens`: API tokens for scripts, each the signed-in user's own. A new token is
//! shown once, in the answer that makes it.

use attache_app::ApiToken;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Shared;
use crate::error::{ApiError, Problems};
use crate::http::{json_body, path_id};
use crate::session::SignedIn;

/// What a new token is for, and how long it lasts.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// What the token is for, e.g. "nightly export".
    #[schema(example = "nightly export")]
    label: String,
    /// Days until it expires: 1 to 366, 90 when absent.
    #[schema(minimum = 1, maximum = 366)]
    days: Option<u32>,
}

/// A new token: `token` is shown this once; send it as `Authorization: Bearer …`.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewToken {
    token: String,
    #[serde(flatten)]
    record: ApiToken,
}

/// Makes an API token for the signed-in user.
#[utoipa::path(operation_id = "issue_token", post, path = "/api/v1/tokens", tag = "tokens", request_body = TokenRequest,
    responses((status = 201, description = "Made; the token is shown only now", body = NewToken), Problems))]
pub async fn issue(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    body: Bytes,
) -> Result<impl IntoResponse, ApiError> {
    let request: TokenRequest = json_body(&body)?;
    let (token, record) = app
        .issue_token(&request.label, request.days, &actor)
        .await?;
    Ok((StatusCode::CREATED, Json(NewToken { token, record })))
}

/// The signed-in user's tokens, newest first (never the tokens themselves).
#[utoipa::path(operation_id = "list_tokens", get, path = "/api/v1/tokens", tag = "tokens",
    responses((status = 200, description = "The user's tokens", body = Vec<ApiToken>), Problems))]
pub async fn list(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
) -> Result<Json<Vec<ApiToken>>, ApiError> {
    Ok(Json(app.tokens(&actor).await?))
}

/// Revokes one of the signed-in user's tokens.
#[utoipa::path(operation_id = "revoke_token", delete, path = "/api/v1/tokens/{id}", tag = "tokens",
    params(("id" = i64, Path, description = "The token's id")),
    responses((status = 204, description = "Revoked"), Problems))]
pub async fn revoke(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    app.revoke_token(path_id(&id, "a token")?, &actor).await?;
    Ok(StatusCode::NO_CONTENT)
}
