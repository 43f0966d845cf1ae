//! `/api/v1/csbm/air-base-visits`: the air base visits recorded (Vienna Document 2011,
//! 20–23), whose last one of our nation sets when the next falls due.

use attache_app::csbm::air_base::RecordedVisit;
use attache_csbm::AirBaseVisitInput;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;

use crate::Shared;
use crate::error::{ApiError, Problems};
use crate::http::json_body;
use crate::session::SignedIn;

/// The air base visits the account may see, latest first.
#[utoipa::path(operation_id = "list_air_base_visits", get, path = "/api/v1/csbm/air-base-visits", tag = "csbm",
    responses((status = 200, description = "id, host, air_base, date and label of each visit", body = Vec<Object>), Problems))]
pub async fn list(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
) -> Result<Json<Vec<RecordedVisit>>, ApiError> {
    Ok(Json(app.air_base_visits(&actor).await?))
}

/// Records an air base visit.
#[utoipa::path(operation_id = "create_air_base_visit", post, path = "/api/v1/csbm/air-base-visits", tag = "csbm",
    request_body(content = Object, description = "host (an OSCE participating state), air_base, date (YYYY-MM-DD), classification, releasable_to (`;`-separated); all text"),
    responses((status = 201, description = "Recorded, with its id", body = Object), Problems))]
pub async fn create(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    body: Bytes,
) -> Result<(StatusCode, Json<RecordedVisit>), ApiError> {
    let input: AirBaseVisitInput = json_body(&body)?;
    Ok((
        StatusCode::CREATED,
        Json(app.add_air_base_visit(&input, &actor).await?),
    ))
}
