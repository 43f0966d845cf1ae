//! Signing in and out through the pages, the signed-in viewer of each page, and the CSRF
//! tokens of their forms.
//!
//! The session is the API's (`crate::session`: its cookie, HttpOnly, SameSite=Strict,
//! Secure behind TLS). A form that changes something carries a token derived from the
//! session's own secret (SHA-256 of a fixed prefix and the session token): another site
//! can neither read nor compute it, every server process sharing the database agrees on it,
//! and it ends with the session. The sign-in form, before any session, is protected the
//! same way by a random value kept in a short-lived cookie of its own (double submit).

use std::net::SocketAddr;

use attache_app::AppError;
use attache_domain::access::Actor;
use axum::Form;
use axum::extract::{ConnectInfo, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::Shared;
use crate::pages::chrome::Chrome;
use crate::pages::filters;
use crate::pages::{PageError, render};
use crate::session::{cookie, expired_cookie, over_tls, session_cookie, session_token};

const LOGIN_COOKIE: &str = "attache_login";

/// The signed-in user of a page request, and the CSRF token of their forms. Without a
/// session, the request is sent to the sign-in page, which comes back here afterwards.
#[derive(Debug)]
pub(crate) struct Viewer {
    pub actor: Actor,
    pub csrf: String,
}

impl Viewer {
    /// Refuses a form that does not carry this session's token.
    pub fn check(&self, token: &str) -> Result<(), PageError> {
        match same(token, &self.csrf) {
            true => Ok(()),
            false => Err(expired_form()),
        }
    }
}

fn expired_form() -> PageError {
    PageError::new(
        StatusCode::FORBIDDEN,
        "Form expired",
        "the form did not come from this session: go back, reload the page and try again",
    )
}

impl FromRequestParts<Shared> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &Shared) -> Result<Self, Response> {
        let to_login = || Redirect::to(&login_url(&parts.uri)).into_response();
        let Some(token) = session_token(&parts.headers) else {
            return Err(to_login());
        };
        match app.session_actor(token, app.now()).await {
            Ok(actor) => Ok(Viewer {
                actor,
                csrf: csrf_token(token),
            }),
            Err(AppError::Unauthorized(_)) => Err(to_login()),
            Err(e) => Err(PageError::from(e).into_response()),
        }
    }
}

/// The CSRF token of a session.
fn csrf_token(session: &str) -> String {
    let digest = Sha256::digest(format!("attache-csrf\0{session}"));
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// Compares two tokens in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && !b.is_empty()
        && a.bytes().zip(b.bytes()).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

fn login_url(back_to: &Uri) -> String {
    let next = back_to.path_and_query().map_or("/", |p| p.as_str());
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("next", next)
        .finish();
    format!("/login?{query}")
}

/// Where to go after signing in: a path on this site only. Browsers drop tabs and line
/// breaks from an address (`/\t/evil.example` becomes `//evil.example`, another site), and a
/// header cannot hold control characters, so only visible ASCII passes (a real address is
/// percent-encoded), as a path that names no host (`//`, `/\`).
fn safe_next(next: &str) -> &str {
    let visible = next.bytes().all(|b| b.is_ascii_graphic());
    let local = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if visible && local { next } else { "/" }
}

#[derive(askama::Template)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    name: String,
    next: String,
    message: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct NextParam {
    #[serde(default)]
    next: String,
}

/// The sign-in page, with a fresh value for its form and its cookie.
pub(crate) async fn login_form(headers: HeaderMap, Query(q): Query<NextParam>) -> Response {
    login_page(
        &headers,
        String::new(),
        q.next,
        String::new(),
        StatusCode::OK,
    )
}

fn login_page(
    headers: &HeaderMap,
    name: String,
    next: String,
    message: String,
    status: StatusCode,
) -> Response {
    let nonce = attache_app::accounts::generate_password();
    let mut chrome = Chrome::anonymous("Sign in");
    chrome.csrf = nonce.clone();
    let page = LoginPage {
        chrome,
        name,
        next: safe_next(&next).to_owned(),
        message,
    };
    let mut response = render(status, &page);
    let secure = if over_tls(headers) { "; Secure" } else { "" };
    let cookie = format!(
        "{LOGIN_COOKIE}={nonce}; HttpOnly; SameSite=Strict; Path=/login; Max-Age=3600{secure}"
    );
    if let Ok(cookie) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

#[derive(Debug, Deserialize)]
pub(crate) struct LoginForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    csrf: String,
}

/// Signs in: on success the session cookie is set and the user goes where they were
/// going; otherwise the form comes back with the reason.
pub(crate) async fn login(
    State(app): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let again = |message: &str, status| {
        login_page(
            &headers,
            form.name.clone(),
            form.next.clone(),
            message.into(),
            status,
        )
    };
    if !same(&form.csrf, cookie(&headers, LOGIN_COOKIE).unwrap_or("")) {
        return again(
            "The sign-in form had expired; please try again.",
            StatusCode::FORBIDDEN,
        );
    }
    let address = app.client_address(peer, &headers);
    let opened = app
        .open_session(&form.name, &form.password, Some(&address), app.now())
        .await;
    match opened {
        Ok((token, _)) => {
            let Some(cookie) = session_cookie(&token, &headers) else {
                return PageError::from(AppError::Setup("cannot set the cookie".into()))
                    .into_response();
            };
            let mut response = Redirect::to(safe_next(&form.next)).into_response();
            response.headers_mut().append(header::SET_COOKIE, cookie);
            response
        }
        Err(AppError::Unauthorized(why)) => again(&why, StatusCode::UNAUTHORIZED),
        Err(AppError::Invalid(why)) => again(&why.to_string(), StatusCode::UNAUTHORIZED),
        Err(e) => PageError::from(e).into_response(),
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct TokenForm {
    #[serde(default)]
    pub csrf: String,
}

/// Signs out: the session ends on the server and its cookie is cleared.
pub(crate) async fn logout(
    State(app): State<Shared>,
    viewer: Viewer,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    if let Some(token) = session_token(&headers) {
        app.close_session(token).await?;
    }
    let mut response = Redirect::to("/login").into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, expired_cookie());
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole_and_never_empty() {
        let token = csrf_token("session");
        assert_eq!(token.len(), 32);
        assert!(same(&token, &csrf_token("session")));
        assert!(!same(&token, &csrf_token("another")));
        assert!(!same("", ""));
        assert!(!same(&token[..31], &token));
    }

    #[test]
    fn only_local_paths_are_gone_back_to() {
        assert_eq!(safe_next("/activities?q=x"), "/activities?q=x");
        let away = [
            "https://evil.example/",
            "//evil.example",
            "/\\evil",
            "",
            "/\t/evil.example/",
            "/\n/evil.example/",
            "/activities\r\nSet-Cookie: a=b",
            "/\u{b}x",
            "/\0x",
            "/a b",
            "/caf\u{e9}",
        ];
        for away in away {
            assert_eq!(safe_next(away), "/", "{away}");
        }
    }
}
