//! What every endpoint of the register shares: reading JSON bodies and path ids, and
//! optimistic concurrency (the version as the ETag on read, If-Match required on write).

use std::any::TypeId;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use attache_domain::Stored;
use attache_domain::{FieldError, FieldErrors};
use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::IntoParams;

use crate::error::ApiError;

/// Query parameters as `T` describes them (its `IntoParams` names every one): an unknown
/// parameter is refused, not ignored, so a typo does not pass for a filter.
#[derive(Debug)]
pub struct Params<T>(pub T);

/// The names of `T`'s parameters, made once per type: building the description is far
/// dearer than a request's own work.
fn parameter_names<T: IntoParams + 'static>() -> Arc<[String]> {
    static NAMES: OnceLock<RwLock<HashMap<TypeId, Arc<[String]>>>> = OnceLock::new();
    let names = NAMES.get_or_init(RwLock::default);
    let known = names
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&TypeId::of::<T>())
        .cloned();
    known.unwrap_or_else(|| {
        let made: Arc<[String]> = T::into_params(|| None)
            .into_iter()
            .map(|p| p.name)
            .collect();
        names
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(TypeId::of::<T>(), Arc::clone(&made));
        made
    })
}

impl<T, S> axum::extract::FromRequestParts<S> for Params<T>
where
    T: DeserializeOwned + IntoParams + 'static,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        let known = parameter_names::<T>();
        let mut errors = FieldErrors::default();
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            if !known.iter().any(|k| *k == name) {
                errors.push(
                    "query",
                    format!("unknown parameter '{name}'; known: {}", known.join(", ")),
                );
            } else if value.contains('\0') {
                // PostgreSQL cannot compare with such text, and no parameter needs it.
                errors.push(
                    "query",
                    format!("parameter '{name}': text may not contain the NUL character (U+0000)"),
                );
            }
        }
        if !errors.is_empty() {
            return Err(ApiError::fields(StatusCode::BAD_REQUEST, errors));
        }
        serde_urlencoded::from_str(query).map(Params).map_err(|e| {
            ApiError::field(
                StatusCode::BAD_REQUEST,
                FieldError::new("query", e.to_string()),
            )
        })
    }
}

/// Parses a JSON body, naming where it is malformed. Text holding the NUL character is
/// refused here, for every body at once: PostgreSQL cannot store it, and no field needs it.
pub fn json_body<T: DeserializeOwned>(body: &Bytes) -> Result<T, ApiError> {
    let parsed = serde_json::from_slice(body).map_err(|e| {
        let field = if e.is_data() { "body" } else { "json" };
        ApiError::field(
            StatusCode::BAD_REQUEST,
            FieldError::new(field, e.to_string()),
        )
    })?;
    // In valid JSON a NUL can only be written as an escape, so most bodies skip the walk.
    let escaped = body.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000"));
    if escaped
        && let Ok(value) = serde_json::from_slice::<serde_json::Value>(body)
        && let Some(path) = holding_nul(&value, "")
    {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            FieldError::new(
                "body",
                format!("{path}: text may not contain the NUL character (U+0000)"),
            ),
        ));
    }
    Ok(parsed)
}

/// The path of the first string in `value` that holds a NUL character.
fn holding_nul(value: &serde_json::Value, path: &str) -> Option<String> {
    match value {
        serde_json::Value::String(text) => text.contains('\0').then(|| path.to_owned()),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| holding_nul(item, &format!("{path}[{i}]"))),
        serde_json::Value::Object(fields) => fields.iter().find_map(|(name, item)| {
            let inner = if path == "body" {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            holding_nul(item, &inner)
        }),
        _ => None,
    }
}

/// A record's id from the path; `what` names the kind of record.
pub fn path_id(raw: &str, what: &str) -> Result<i64, ApiError> {
    raw.parse().map_err(|_| {
        ApiError::field(
            StatusCode::BAD_REQUEST,
            FieldError::new("id", format!("'{raw}' is not {what} id")),
        )
    })
}

/// The version as an entity tag: `"3"`.
fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

/// A record with its version as the ETag; a new one (201) also with where it lives.
pub fn with_etag<T: Serialize>(status: StatusCode, stored: Stored<T>, location: &str) -> Response {
    let tag = etag(stored.meta.version);
    let mut response = (status, axum::Json(stored)).into_response();
    response.headers_mut().insert(header::ETAG, tag);
    if status == StatusCode::CREATED
        && let Ok(location) = HeaderValue::from_str(location)
    {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// The version an `If-Match` header names; required, so that no one overwrites a change
/// they have not seen.
pub fn if_match(headers: &HeaderMap) -> Result<i64, ApiError> {
    let raw = headers.get(header::IF_MATCH).ok_or_else(|| {
        ApiError::new(
            StatusCode::PRECONDITION_REQUIRED,
            "If-Match required",
            "send the ETag you read as If-Match",
        )
    })?;
    raw.to_str()
        .ok()
        .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| {
            ApiError::field(
                StatusCode::BAD_REQUEST,
                FieldError::new("If-Match", "not an ETag this server gave"),
            )
        })
}

/// Someone else changed the record first: 412, as HTTP says for a failed If-Match.
pub fn precondition(e: attache_app::AppError) -> ApiError {
    match e {
        attache_app::AppError::Conflict(why) => ApiError::new(
            StatusCode::PRECONDITION_FAILED,
            "Changed by someone else",
            why,
        ),
        other => other.into(),
    }
}

/// The API reads JSON only: a change that carries another type (a form, multipart, plain
/// text: what another site's page may send without asking first) is refused with 415
/// before any handler runs. A change without a body (disabling an account) needs no type.
pub async fn json_bodies_only(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    use header::{CONTENT_LENGTH, CONTENT_TYPE, TRANSFER_ENCODING};
    let headers = request.headers();
    let declared = headers.get(CONTENT_TYPE);
    let has_body = headers
        .get(CONTENT_LENGTH)
        .is_some_and(|length| length != "0")
        || headers.contains_key(TRANSFER_ENCODING);
    let json = declared
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|media| media.trim().to_ascii_lowercase())
        .is_some_and(|media| {
            media == "application/json"
                || (media.starts_with("application/") && media.ends_with("+json"))
        });
    if !request.method().is_safe() && (declared.is_some() || has_body) && !json {
        return ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Not JSON",
            "the API reads JSON: send the body with Content-Type: application/json",
        )
        .into_response();
    }
    next.run(request).await
}

/// What every page and API answer carries: nothing inline, nothing from another origin, no
/// framing, no sniffing; answers are not cached (assets say otherwise themselves). An answer
/// that sets one of these itself (a report's policy allows its own style) keeps it.
pub async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
    ] {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}
