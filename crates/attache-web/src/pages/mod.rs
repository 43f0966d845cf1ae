//! The web pages: server-rendered HTML over the same use cases as the API, for the
//! planners, attachés and approvers who use Attaché every day.
//!
//! Each page is a handler here and an askama template in `templates/` (checked when the
//! crate compiles). Pages work without JavaScript: links and forms only. Every response
//! carries a strict Content-Security-Policy (nothing inline, nothing from elsewhere),
//! every form that changes something carries a CSRF token (`auth.rs`), and every page
//! shows the highest classification of what it displays, at its top and bottom
//! (`chrome.rs`). Assets (CSS, icon) are compiled into the binary (`assets.rs`).

mod accounts;
mod ame;
mod analytics;
mod assets;
mod auth;
mod chrome;
mod coordination;
mod csbm;
mod dashboard;
mod filters;
mod forms;
mod records;
mod register;
mod reports;

use attache_app::AppError;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use crate::Shared;
use crate::pages::chrome::Chrome;

/// Every page, under `/` (the JSON API has `/api/v1`).
pub(crate) fn router() -> Router<Shared> {
    Router::new()
        .route("/", get(crate::pages::dashboard::show))
        .route(
            "/login",
            get(crate::pages::auth::login_form).post(crate::pages::auth::login),
        )
        .route("/logout", post(crate::pages::auth::logout))
        .route(
            "/activities",
            get(crate::pages::register::list).post(crate::pages::register::create),
        )
        .route("/activities/new", get(crate::pages::register::new_form))
        .route("/activities/{id}", get(crate::pages::register::show))
        .route(
            "/activities/{id}/edit",
            get(crate::pages::register::edit_form).post(crate::pages::register::update),
        )
        .route(
            "/activities/{id}/transition",
            post(crate::pages::register::transition),
        )
        .route(
            "/activities/{id}/concurrences",
            post(crate::pages::coordination::answer),
        )
        .route("/concurrences", get(crate::pages::coordination::inbox))
        .route(
            "/admin/coordination",
            get(crate::pages::coordination::admin),
        )
        .route(
            "/admin/coordination/lead-times",
            post(crate::pages::coordination::set_lead_times),
        )
        .route(
            "/admin/coordination/restrictions",
            post(crate::pages::coordination::add_restriction),
        )
        .route("/calendar", get(crate::pages::register::calendar::month))
        .route(
            "/calendar/feed",
            post(crate::pages::register::calendar::make_feed),
        )
        .route(
            "/calendar/feed/{token}",
            get(crate::pages::register::calendar::feed),
        )
        .route("/partners", get(crate::pages::records::partners::list))
        .route("/analytics", get(crate::pages::analytics::show))
        .route(
            "/partners/{code}",
            get(crate::pages::records::partners::show),
        )
        .route("/csbm", get(crate::pages::csbm::show))
        .route("/admin", get(crate::pages::accounts::show))
        .route("/admin/users", post(crate::pages::accounts::add_user))
        .route(
            "/admin/users/{name}",
            get(crate::pages::accounts::edit_access).post(crate::pages::accounts::change_access),
        )
        .route(
            "/admin/users/{name}/disabled",
            post(crate::pages::accounts::set_disabled),
        )
        .route("/assets/{file}", get(crate::pages::assets::serve))
        .route(
            "/objectives/{code}/readings",
            post(crate::pages::ame::add_reading),
        )
        .route(
            "/csbm/air-base-visits",
            post(crate::pages::csbm::add_air_base_visit),
        )
        .route(
            "/partners/{code}/report",
            get(crate::pages::reports::partner),
        )
        .route("/analytics/report", get(crate::pages::reports::annual))
        .route(
            "/activities/{id}/clearances",
            post(crate::pages::coordination::forms::put_clearance),
        )
        .route(
            "/activities/{id}/recipients",
            post(crate::pages::coordination::forms::put_recipient),
        )
        .route(
            "/admin/coordination/restrictions/{id}",
            get(crate::pages::coordination::restrictions::form)
                .post(crate::pages::coordination::restrictions::update),
        )
        .route(
            "/admin/coordination/restrictions/{id}/delete",
            post(crate::pages::coordination::restrictions::delete),
        )
        .route(
            "/admin/coordination/rules",
            post(crate::pages::coordination::add_rule),
        )
        .route(
            "/admin/coordination/rules/remove",
            post(crate::pages::coordination::remove_rule),
        )
}

/// The page for an address that is no page.
pub(crate) async fn not_found() -> Response {
    let page = PageError::new(
        StatusCode::NOT_FOUND,
        "Page not found",
        "there is no page at this address",
    );
    page.into_response()
}

/// Renders a page with its status.
fn render<T: askama::Template>(status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "a page failed to render");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// A page that could not be shown, as a page that says why.
#[derive(Debug)]
pub(crate) struct PageError {
    status: StatusCode,
    title: &'static str,
    detail: String,
}

impl PageError {
    fn new(status: StatusCode, title: &'static str, detail: impl Into<String>) -> Self {
        Self {
            status,
            title,
            detail: detail.into(),
        }
    }
}

impl From<AppError> for PageError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::NotFound(what) => PageError::new(
                StatusCode::NOT_FOUND,
                "Not found",
                format!("{what} not found, or not one you may see"),
            ),
            AppError::Unauthorized(why) => {
                PageError::new(StatusCode::UNAUTHORIZED, "Not signed in", why)
            }
            e @ AppError::Forbidden(_) => {
                PageError::new(StatusCode::FORBIDDEN, "Not permitted", e.to_string())
            }
            AppError::Invalid(errors) => PageError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Not accepted",
                errors.to_string(),
            ),
            AppError::Conflict(why) => PageError::new(StatusCode::CONFLICT, "Conflict", why),
            internal => {
                tracing::error!(error = %internal, "a page failed");
                PageError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong",
                    "the server could not show this page; the error is in its log",
                )
            }
        }
    }
}

#[derive(askama::Template)]
#[template(path = "error.html")]
struct ErrorPage {
    chrome: Chrome,
    detail: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        if self.status == StatusCode::UNAUTHORIZED {
            return Redirect::to("/login").into_response();
        }
        let page = ErrorPage {
            chrome: Chrome::anonymous(self.title),
            detail: self.detail,
        };
        render(self.status, &page)
    }
}
