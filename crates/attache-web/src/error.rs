//! Every error as `application/problem+json` (RFC 9457): the caller's mistakes (4xx)
//! name the field and the reason; ours (5xx) are logged and say nothing more.

use std::any::Any;
use std::collections::BTreeMap;

use attache_app::AppError;
use attache_domain::{FieldError, FieldErrors};
use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};

/// An error, as RFC 9457 describes: `title` says what kind, `detail` what happened,
/// `errors` which fields were wrong and why.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'static str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<FieldProblem>,
}

#[derive(Debug, Serialize, ToSchema)]
struct FieldProblem {
    field: String,
    reason: String,
}

#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    title: &'static str,
    detail: String,
    errors: Vec<FieldProblem>,
}

impl ApiError {
    pub fn new(status: StatusCode, title: &'static str, detail: impl Into<String>) -> Self {
        Self {
            status,
            title,
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    /// A bad request that names its fields.
    pub fn fields(status: StatusCode, errors: FieldErrors) -> Self {
        let detail = errors.to_string();
        let errors = errors
            .0
            .into_iter()
            .map(|e| FieldProblem {
                field: e.field.into(),
                reason: e.reason,
            })
            .collect();
        Self {
            status,
            title: "The request has errors",
            detail,
            errors,
        }
    }

    pub fn field(status: StatusCode, error: FieldError) -> Self {
        Self::fields(status, FieldErrors(vec![error]))
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// A request whose content has errors at places other than fields (a file's lines).
    pub fn listed(
        status: StatusCode,
        detail: String,
        errors: impl IntoIterator<Item = (String, String)>,
    ) -> Self {
        Self {
            status,
            title: "The request has errors",
            detail,
            errors: errors
                .into_iter()
                .map(|(field, reason)| FieldProblem { field, reason })
                .collect(),
        }
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Invalid(errors) => ApiError::fields(StatusCode::UNPROCESSABLE_ENTITY, errors),
            AppError::NotFound(what) => ApiError::new(
                StatusCode::NOT_FOUND,
                "Not found",
                format!("{what} not found"),
            ),
            AppError::Unauthorized(why) => {
                ApiError::new(StatusCode::UNAUTHORIZED, "Not signed in", why)
            }
            e @ AppError::Forbidden(_) => {
                ApiError::new(StatusCode::FORBIDDEN, "Not permitted", e.to_string())
            }
            AppError::Conflict(why) => ApiError::new(StatusCode::CONFLICT, "Conflict", why),
            internal => {
                tracing::error!(error = %internal, "request failed");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Internal error",
                    "the server could not answer; the error is in its log",
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let problem = Problem {
            kind: "about:blank",
            title: self.title,
            status: self.status.as_u16(),
            detail: self.detail,
            errors: self.errors,
        };
        let mut response = (self.status, axum::Json(problem)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        response
    }
}

/// A panic in a handler: logged (with the request id, by the trace layer), answered 500
/// without details.
pub fn panicked(panic: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = message, "a handler panicked");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Internal error",
        "the server could not answer; the error is in its log",
    )
    .into_response()
}

/// Answers that the framework makes itself (a body over the limit, a method not allowed,
/// a query that does not parse) come as plain text; they are rewritten here as problems,
/// so that every error a client sees has the same shape.
pub async fn as_problem(response: Response) -> Response {
    let status = response.status();
    // A problem already, or a web page that says what went wrong itself.
    let answered = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| {
            v.as_bytes() == b"application/problem+json" || v.as_bytes().starts_with(b"text/html")
        });
    if !(status.is_client_error() || status.is_server_error()) || answered {
        return response;
    }
    let text = match axum::body::to_bytes(response.into_body(), 64 * 1024).await {
        Ok(bytes) => String::from_utf8_lossy(&bytes).trim().to_owned(),
        Err(_) => String::new(),
    };
    let detail = match text.is_empty() {
        true => title_of(status).to_lowercase(),
        false => text,
    };
    ApiError::new(status, title_of(status), detail).into_response()
}

/// A static title for a status the framework answered with.
fn title_of(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "Bad request",
        StatusCode::NOT_FOUND => "Not found",
        StatusCode::METHOD_NOT_ALLOWED => "Method not allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "Body too large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "Unsupported media type",
        s if s.is_server_error() => "Internal error",
        _ => "Request refused",
    }
}

/// The problems any request to the register may meet, for the OpenAPI document.
pub struct Problems;

/// Those of a change to a stored record: `Problems`, and the conflicts of concurrent edits.
pub struct EditProblems;

const COMMON_PROBLEMS: [(u16, &str); 6] = [
    (400, "Malformed: bad JSON, parameter, cursor or id"),
    (401, "Not signed in, or the session has ended"),
    (403, "The account's roles do not permit this"),
    (404, "No such record, or one the account may not see"),
    (413, "The body is over the server's limit"),
    (
        422,
        "Well-formed, but against the register's rules; each field named",
    ),
];

const EDIT_PROBLEMS: [(u16, &str); 3] = [
    (409, "In conflict with a stored record"),
    (
        412,
        "Someone else changed the record since the ETag sent as If-Match",
    ),
    (428, "If-Match is required: send the ETag you read"),
];

impl utoipa::IntoResponses for Problems {
    fn responses() -> BTreeMap<String, RefOr<utoipa::openapi::Response>> {
        problem_responses(&COMMON_PROBLEMS)
    }
}

impl utoipa::IntoResponses for EditProblems {
    fn responses() -> BTreeMap<String, RefOr<utoipa::openapi::Response>> {
        let mut responses = problem_responses(&COMMON_PROBLEMS);
        responses.extend(problem_responses(&EDIT_PROBLEMS));
        responses
    }
}

fn problem_responses(list: &[(u16, &str)]) -> BTreeMap<String, RefOr<utoipa::openapi::Response>> {
    list.iter()
        .map(|(status, description)| {
            let content = ContentBuilder::new()
                .schema(Some(Ref::from_schema_name(<Problem as ToSchema>::name())))
                .build();
            let response = ResponseBuilder::new()
                .description(*description)
                .content("application/problem+json", content)
                .build();
            (status.to_string(), RefOr::T(response))
        })
        .collect()
}
