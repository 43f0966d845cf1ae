//! `/api/v1/audit`: the audit trail, as far as the reader may see it: a record's history,
//! or the latest changes.

use attache_app::AuditEntry;
use attache_domain::FieldError;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::Shared;
use crate::error::{ApiError, Problems};
use crate::http::Params;
use crate::session::SignedIn;
use utoipa_axum::{router::OpenApiRouter, routes};

const DEFAULT_LIMIT: u32 = 100;
const MAX_LIMIT: u32 = 1000;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// One record's history, as `TYPE/ID`: `activity/42`, `partner/SGP`, `user/j.smith`.
    #[param(example = "activity/1")]
    record: Option<String>,
    /// How many entries at most (1 to 1000; 100 when absent): the latest ones.
    #[param(minimum = 1, maximum = 1000)]
    limit: Option<u32>,
}

/// Audit entries the reader may see (their labels filter them like the records), oldest
/// first. `before` and `after` are the record's JSON, as hashed into the chain.
#[utoipa::path(operation_id = "audit_trail", get, path = "/api/v1/audit", tag = "audit",
    params(AuditParams),
    responses((status = 200, description = "The entries", body = Vec<AuditEntry>), Problems))]
pub async fn trail(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Params(params): Params<AuditParams>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    let bad = |reason: String| {
        ApiError::field(StatusCode::BAD_REQUEST, FieldError::new("record", reason))
    };
    let record = match params.record.as_deref().filter(|r| !r.is_empty()) {
        None => None,
        Some(raw) => Some(
            raw.split_once('/')
                .filter(|(kind, id)| !kind.is_empty() && !id.is_empty())
                .ok_or_else(|| bad(format!("'{raw}' is not TYPE/ID, e.g. activity/42")))?,
        ),
    };
    let limit = match params.limit {
        None => DEFAULT_LIMIT,
        Some(n) if (1..=MAX_LIMIT).contains(&n) => n,
        Some(_) => {
            return Err(ApiError::field(
                StatusCode::BAD_REQUEST,
                FieldError::new("limit", format!("a whole number from 1 to {MAX_LIMIT}")),
            ));
        }
    };
    Ok(Json(app.audit_trail(record, limit, &actor).await?))
}

/// The audit trail's endpoint.
pub(crate) fn routes() -> OpenApiRouter<crate::Shared> {
    OpenApiRouter::new().routes(routes!(trail))
}
