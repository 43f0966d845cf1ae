//! Every error as `application/problem+json` (RFC 9457): the caller's mistakes (4xx)
//! name the field and the reason; ours (5xx) are logged and say nothing more.

use std::any::Any;

use attache_app::AppError;
use attache_domain::{FieldError, FieldErrors};
use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Problem {
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'static str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<FieldProblem>,
}

#[derive(Debug, Serialize)]
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
