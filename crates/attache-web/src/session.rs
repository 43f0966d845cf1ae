//! Signing in and out, and the signed-in actor of each request: a session cookie
//! (HttpOnly, SameSite=Strict, Secure behind TLS) whose token the server keeps hashed.

use attache_domain::access::Actor;

use axum::body::Bytes;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::Shared;
use crate::error::{ApiError, Problems};
use crate::http::json_body;
use attache_domain::access::User;

pub(crate) const COOKIE: &str = "attache_session";

/// The actor of a request: the user of its session cookie, now.
#[derive(Debug)]
pub struct SignedIn(pub Actor);

pub(crate) fn session_token(headers: &HeaderMap) -> Option<&str> {
    cookie(headers, COOKIE)
}

/// The value of the request's cookie called `name`.
pub(crate) fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// The API token of `Authorization: Bearer …`, if the request carries one.
fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

impl FromRequestParts<Shared> for SignedIn {
    type Rejection = ApiError;

    /// A script's API token when given, else the browser's session cookie.
    async fn from_request_parts(parts: &mut Parts, app: &Shared) -> Result<Self, ApiError> {
        let now = app.now();
        if let Some(token) = bearer_token(&parts.headers) {
            return Ok(SignedIn(app.token_actor(token, now).await?));
        }
        let token = session_token(&parts.headers).ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "Not signed in",
                "sign in first (POST /api/v1/session), or send an API token as Authorization: Bearer",
            )
        })?;
        refuse_foreign_origin(parts)?;
        Ok(SignedIn(app.session_actor(token, now).await?))
    }
}

/// A write made with the session cookie must come from this server's own pages: a browser
/// names the page's origin in `Origin`, and another site's page is refused. (The cookie is
/// SameSite=Strict, which keeps it off such requests in today's browsers; this holds where
/// it does not.) A script with a token is not at risk, and not checked.
fn refuse_foreign_origin(parts: &Parts) -> Result<(), ApiError> {
    let Some(origin) = parts.headers.get(header::ORIGIN) else {
        return Ok(());
    };
    if parts.method.is_safe() {
        return Ok(());
    }
    let origin_authority = origin
        .to_str()
        .ok()
        .and_then(|o| o.split_once("://"))
        .map(|(_, authority)| authority);
    let authority = parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| parts.uri.authority().map(|a| a.as_str()));
    match (origin_authority, authority) {
        (Some(from), Some(this)) if from.eq_ignore_ascii_case(this) => Ok(()),
        _ => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "Another site's request",
            "a change made with the session cookie must come from this server's pages (its \
             Origin header names another site); scripts send an API token instead",
        )),
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    name: String,
    password: String,
}

/// Behind TLS, or a proxy that says it terminated TLS, the cookie is marked Secure.
pub(crate) fn over_tls(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        == Some("https")
}

/// Signs in: checks the password and sets the session cookie. Repeated failures for one
/// account or one address are slowed, then locked for a while.
#[utoipa::path(operation_id = "sign_in", security(()), post, path = "/api/v1/session", tag = "session", request_body = Credentials,
    responses((status = 200, description = "Signed in; the cookie is set", body = User,
        headers(("Set-Cookie" = String, description = "attache_session, HttpOnly, SameSite=Strict"))),
        Problems))]
pub async fn sign_in(
    State(app): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let credentials: Credentials = json_body(&body)?;
    let address = app.client_address(peer, &headers);
    let now = app.now();
    let (token, user) = app
        .open_session(
            &credentials.name,
            &credentials.password,
            Some(&address),
            now,
        )
        .await?;
    let cookie = session_cookie(&token, &headers).ok_or_else(|| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal error",
            "cannot set the cookie",
        )
    })?;
    let mut response = axum::Json(user).into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

/// Signs out: the session ends on the server, and the cookie is cleared.
#[utoipa::path(operation_id = "sign_out", delete, path = "/api/v1/session", tag = "session",
    responses((status = 204, description = "Signed out"), Problems))]
pub async fn sign_out(State(app): State<Shared>, headers: HeaderMap) -> Result<Response, ApiError> {
    if let Some(token) = session_token(&headers) {
        app.close_session(token).await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, expired_cookie())],
    )
        .into_response())
}

/// The cookie that carries a new session: HttpOnly, SameSite=Strict, Secure behind TLS.
pub(crate) fn session_cookie(token: &str, headers: &HeaderMap) -> Option<HeaderValue> {
    let secure = if over_tls(headers) { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/{secure}"
    ))
    .ok()
}

/// The cookie that clears the session's.
pub(crate) fn expired_cookie() -> HeaderValue {
    HeaderValue::from_static("attache_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0")
}
