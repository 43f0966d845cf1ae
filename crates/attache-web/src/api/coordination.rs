//! Whole-of-government coordination over HTTP (issue 5): an activity's coordination
//! picture, concurrence answers and the concurring officials' inbox, clearance requests
//! and visits at risk, recipients' vetting, lead times, restrictions and the concurrence
//! table. The rules and permissions are `attache-app`'s.

use attache_app::coordination::{AtRisk, CoordinationView, Waiting};
use attache_domain::coordination::concurrence::{ConcurrenceRule, Ministry, Verdict};
use attache_domain::coordination::{ClearanceRequest, LeadTimes, Recipient, Restriction};
use attache_domain::{FieldError, PartnerCode};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::Shared;
use crate::error::{ApiError, EditProblems, Problems};
use crate::http::{Params, json_body, path_id};
use crate::session::SignedIn;
use utoipa_axum::{router::OpenApiRouter, routes};

fn unprocessable(e: FieldError) -> ApiError {
    ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, e)
}

/// What blocks approval and completion, and every concurrence, clearance and recipient.
#[utoipa::path(operation_id = "show_coordination", get, path = "/api/v1/activities/{id}/coordination",
    tag = "coordination", params(("id" = i64, Path, description = "The activity's id")),
    responses((status = 200, description = "The coordination picture today", body = CoordinationView), Problems))]
pub async fn show(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(id): Path<String>,
) -> Result<Json<CoordinationView>, ApiError> {
    let id = path_id(&id, "an activity")?;
    Ok(Json(app.coordination(id, &actor).await?))
}

/// A concurring official's answer for their ministry.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerBody {
    #[schema(value_type = Ministry)]
    ministry: String,
    #[schema(value_type = Verdict)]
    verdict: String,
    /// Required for an objection (why) and a comment (its text).
    #[serde(default)]
    reason: String,
}

/// Concur, object (with the reason) or comment, for the ministry the account answers for.
#[utoipa::path(operation_id = "answer_concurrence", post, path = "/api/v1/activities/{id}/concurrences",
    tag = "coordination", params(("id" = i64, Path, description = "The activity's id")),
    request_body(content = AnswerBody),
    responses((status = 200, description = "Answered; the coordination picture after it", body = CoordinationView), EditProblems))]
pub async fn answer(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<CoordinationView>, ApiError> {
    let id = path_id(&id, "an activity")?;
    let AnswerBody {
        ministry,
        verdict,
        reason,
    } = json_body(&body)?;
    let ministry = Ministry::parse("ministry", &ministry).map_err(unprocessable)?;
    let verdict = Verdict::parse("verdict", &verdict).map_err(unprocessable)?;
    Ok(Json(
        app.answer_concurrence(id, ministry, verdict, &reason, &actor)
            .await?,
    ))
}

/// Records a ship or aircraft visit's clearance request, or its new state.
#[utoipa::path(operation_id = "put_clearance_request", put, path = "/api/v1/activities/{id}/clearances",
    tag = "coordination", params(("id" = i64, Path, description = "The visit's id")),
    request_body(content = ClearanceRequest),
    responses((status = 200, description = "Recorded; the coordination picture after it", body = CoordinationView), EditProblems))]
pub async fn put_clearance(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<CoordinationView>, ApiError> {
    let id = path_id(&id, "an activity")?;
    let request: ClearanceRequest = json_body(&body)?;
    Ok(Json(app.put_clearance_request(id, &request, &actor).await?))
}

/// Records a recipient of training or an exchange, with its vetting.
#[utoipa::path(operation_id = "put_recipient", put, path = "/api/v1/activities/{id}/recipients",
    tag = "coordination", params(("id" = i64, Path, description = "The activity's id")),
    request_body(content = Recipient),
    responses((status = 200, description = "Recorded; the coordination picture after it", body = CoordinationView), EditProblems))]
pub async fn put_recipient(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<CoordinationView>, ApiError> {
    let id = path_id(&id, "an activity")?;
    let recipient: Recipient = json_body(&body)?;
    Ok(Json(app.put_recipient(id, &recipient, &actor).await?))
}

/// Records an approved visit as carried out without its clearance: completed, kept, and
/// flagged as coercive presence, which no engagement count includes.
#[utoipa::path(operation_id = "complete_without_clearance", post,
    path = "/api/v1/activities/{id}/completed-without-clearance", tag = "coordination",
    params(("id" = i64, Path, description = "The visit's id")),
    responses((status = 200, description = "Completed and flagged", body = CoordinationView), EditProblems))]
pub async fn complete_without_clearance(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(id): Path<String>,
) -> Result<Json<CoordinationView>, ApiError> {
    let id = path_id(&id, "an activity")?;
    Ok(Json(app.complete_without_clearance(id, &actor).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxParams {
    /// The ministry whose inbox: the account must answer for it.
    #[param(value_type = Ministry)]
    ministry: String,
}

/// What waits for a ministry's concurrence, earliest due first: the first 200 (`INBOX_LISTED`).
#[utoipa::path(operation_id = "concurrence_inbox", get, path = "/api/v1/concurrences/inbox",
    tag = "coordination", params(InboxParams),
    responses((status = 200, description = "Concurrences awaited", body = Vec<Waiting>), Problems))]
pub async fn inbox(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Params(params): Params<InboxParams>,
) -> Result<Json<Vec<Waiting>>, ApiError> {
    let ministry = Ministry::parse("ministry", &params.ministry)
        .map_err(|e| ApiError::field(StatusCode::BAD_REQUEST, e))?;
    Ok(Json(app.concurrence_inbox(ministry, &actor).await?))
}

/// Ship and aircraft visits whose clearance is at risk today.
#[utoipa::path(operation_id = "clearances_at_risk", get, path = "/api/v1/clearances/at-risk",
    tag = "coordination",
    responses((status = 200, description = "Visits at risk, soonest first", body = Vec<AtRisk>), Problems))]
pub async fn at_risk(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
) -> Result<Json<Vec<AtRisk>>, ApiError> {
    Ok(Json(app.visits_at_risk(&actor).await?))
}

/// A partner's clearance lead times.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartnerLeadTimes {
    #[schema(value_type = String)]
    partner: PartnerCode,
    #[serde(flatten)]
    times: LeadTimes,
}

/// Lead times by partner, where they differ from the defaults; and the defaults.
#[derive(Debug, Serialize, ToSchema)]
pub struct LeadTimeTable {
    defaults: LeadTimes,
    partners: Vec<PartnerLeadTimes>,
}

#[utoipa::path(operation_id = "list_lead_times", get, path = "/api/v1/lead-times", tag = "coordination",
    responses((status = 200, description = "The lead times", body = LeadTimeTable), Problems))]
pub async fn lead_times(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
) -> Result<Json<LeadTimeTable>, ApiError> {
    let partners = app
        .lead_times(&actor)
        .await?
        .into_iter()
        .map(|(partner, times)| PartnerLeadTimes { partner, times })
        .collect();
    Ok(Json(LeadTimeTable {
        defaults: LeadTimes::default(),
        partners,
    }))
}

/// Sets a partner's lead times (administrators).
#[utoipa::path(operation_id = "set_lead_times", put, path = "/api/v1/lead-times/{partner}", tag = "coordination",
    params(("partner" = String, Path, description = "The partner's code")),
    request_body(content = LeadTimes),
    responses((status = 204, description = "Set"), EditProblems))]
pub async fn set_lead_times(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(partner): Path<String>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let partner = PartnerCode::parse("partner", &partner)
        .map_err(|e| ApiError::field(StatusCode::BAD_REQUEST, e))?;
    let times: LeadTimes = json_body(&body)?;
    app.set_lead_times(&partner, &times, &actor).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A restriction with its id.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListedRestriction {
    id: i64,
    #[serde(flatten)]
    restriction: Restriction,
}

#[utoipa::path(operation_id = "list_restrictions", get, path = "/api/v1/restrictions", tag = "coordination",
    responses((status = 200, description = "Embargoes and sanctions, by partner", body = Vec<ListedRestriction>), Problems))]
pub async fn restrictions(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
) -> Result<Json<Vec<ListedRestriction>>, ApiError> {
    let listed = app
        .restrictions(None, &actor)
        .await?
        .into_iter()
        .map(|(id, restriction)| ListedRestriction { id, restriction })
        .collect();
    Ok(Json(listed))
}

/// Adds restrictions (administrators): all of them, or none when one is wrong; one
/// already recorded (same partner, source, scope and dates) is not recorded again.
#[utoipa::path(operation_id = "add_restrictions", post, path = "/api/v1/restrictions", tag = "coordination",
    request_body(content = Vec<Restriction>),
    responses((status = 201, description = "Added; the id of each, the same as before for one already recorded", body = Vec<i64>), EditProblems))]
pub async fn add_restrictions(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    body: Bytes,
) -> Result<(StatusCode, Json<Vec<i64>>), ApiError> {
    let list: Vec<Restriction> = json_body(&body)?;
    let added = app
        .add_restrictions(&list, |i| format!("restriction {}", i + 1), &actor)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(added.iter().map(|a| a.id).collect()),
    ))
}

#[utoipa::path(operation_id = "list_concurrence_rules", get, path = "/api/v1/concurrence-rules",
    tag = "coordination",
    responses((status = 200, description = "Which ministry concurs on what", body = Vec<ConcurrenceRule>), Problems))]
pub async fn rules(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
) -> Result<Json<Vec<ConcurrenceRule>>, ApiError> {
    Ok(Json(app.concurrence_rules(&actor).await?))
}

/// Replaces the concurrence table (administrators).
#[utoipa::path(operation_id = "set_concurrence_rules", put, path = "/api/v1/concurrence-rules",
    tag = "coordination", request_body(content = Vec<ConcurrenceRule>),
    responses((status = 204, description = "Replaced"), EditProblems))]
pub async fn set_rules(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let rules: Vec<ConcurrenceRule> = json_body(&body)?;
    app.set_concurrence_rules(&rules, &actor).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes a restriction (administrators), checked as when it was added.
#[utoipa::path(operation_id = "update_restriction", put, path = "/api/v1/restrictions/{id}",
    tag = "coordination", params(("id" = i64, Path, description = "The restriction's id")),
    request_body(content = Restriction),
    responses((status = 200, description = "Changed", body = ListedRestriction), EditProblems))]
pub async fn update_restriction(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<ListedRestriction>, ApiError> {
    let id = path_id(&id, "a restriction")?;
    let restriction: Restriction = json_body(&body)?;
    app.edit_restriction(id, &restriction, &actor).await?;
    Ok(Json(ListedRestriction { id, restriction }))
}

/// Removes a restriction (administrators): lifted early, or entered by mistake.
#[utoipa::path(operation_id = "delete_restriction", delete, path = "/api/v1/restrictions/{id}",
    tag = "coordination", params(("id" = i64, Path, description = "The restriction's id")),
    responses((status = 204, description = "Removed"), EditProblems))]
pub async fn delete_restriction(
    State(app): State<Shared>,
    SignedIn(actor): SignedIn,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = path_id(&id, "a restriction")?;
    app.delete_restriction(id, &actor).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Coordination's endpoints: an activity's concurrences, clearances and vetting, the
/// inbox and the lists at risk, lead times, restrictions and the concurrence table.
pub(crate) fn routes() -> OpenApiRouter<crate::Shared> {
    OpenApiRouter::new()
        .routes(routes!(show))
        .routes(routes!(answer))
        .routes(routes!(put_clearance))
        .routes(routes!(put_recipient))
        .routes(routes!(complete_without_clearance))
        .routes(routes!(inbox))
        .routes(routes!(at_risk))
        .routes(routes!(lead_times))
        .routes(routes!(set_lead_times))
        .routes(routes!(restrictions))
        .routes(routes!(add_restrictions))
        .routes(routes!(update_restriction))
        .routes(routes!(delete_restriction))
        .routes(routes!(rules))
        .routes(routes!(set_rules))
}
