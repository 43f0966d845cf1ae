//! Administration, for administrators: the accounts (add one with a generated password,
//! disable or enable one) and the audit trail's latest entries with the check of its chain.
//! Others are refused by the use cases themselves (`ManageUsers`, `ReadAudit`): a 403 page.

use attache_app::AppError;
use attache_app::{AuditEntry, AuditVerdict};
use attache_domain::Stored;
use attache_domain::access::{User, UserRole};
use attache_domain::{Classification, FieldError, FieldErrors, PartnerCode};
use axum::extract::{Path, RawForm, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::Shared;
use crate::pages::auth::Viewer;
use crate::pages::chrome::Chrome;
use crate::pages::filters;
use crate::pages::forms::Errors;
use crate::pages::{PageError, render};

/// How many of the latest audit entries are shown.
const AUDIT_SHOWN: u32 = 50;

/// The new-account form as typed: kept when it is refused, so nothing is lost.
#[derive(Debug, Default)]
struct NewUser {
    csrf: String,
    name: String,
    nation: String,
    clearance: String,
    roles: Vec<String>,
}

impl NewUser {
    /// The form's fields; `role` comes once per ticked box, which a struct-shaped form
    /// decoder cannot take, hence the pairs read one by one.
    fn parse(body: &[u8]) -> NewUser {
        let mut form = NewUser::default();
        for (key, value) in form_urlencoded::parse(body) {
            let value = value.into_owned();
            match key.as_ref() {
                "csrf" => form.csrf = value,
                "name" => form.name = value.trim().to_owned(),
                "nation" => form.nation = value.trim().to_uppercase(),
                "clearance" => form.clearance = value,
                "role" => form.roles.push(value),
                _ => {}
            }
        }
        form
    }

    /// The account it describes, or every field that is wrong.
    fn user(&self) -> Result<User, FieldErrors> {
        let mut errors = Vec::new();
        let nation = PartnerCode::parse("nation", &self.nation).map_err(|e| errors.push(e));
        let clearance =
            Classification::parse("clearance", &self.clearance).map_err(|e| errors.push(e));
        let mut roles = Vec::new();
        for role in &self.roles {
            match UserRole::parse("roles", role) {
                Ok(role) => roles.push(role),
                Err(e) => errors.push(e),
            }
        }
        match (nation, clearance) {
            (Ok(nation), Ok(clearance)) if errors.is_empty() => Ok(User {
                name: self.name.clone(),
                nation,
                clearance,
                roles,
                disabled: false,
            }),
            _ => Err(FieldErrors(errors)),
        }
    }

    fn has_role(&self, role: &UserRole) -> bool {
        self.roles.iter().any(|r| r == role.as_str())
    }
}

#[derive(askama::Template)]
#[template(path = "admin.html")]
struct AdminPage {
    chrome: Chrome,
    users: Vec<Stored<User>>,
    form: NewUser,
    errors: Errors,
    /// The account just added and its password, shown this once.
    created: Option<(String, String)>,
    /// The latest entries, newest first.
    entries: Vec<AuditEntry>,
    verdict: String,
}

impl AdminPage {
    fn roles(&self) -> &'static [UserRole] {
        UserRole::ALL
    }
    fn clearances(&self) -> &'static [Classification] {
        &Classification::ALL
    }
}

/// The page, with the new-account form as given (empty, refused, or just accepted).
async fn page(
    app: &Shared,
    viewer: &Viewer,
    form: NewUser,
    errors: Errors,
    created: Option<(String, String)>,
) -> Result<AdminPage, PageError> {
    let actor = &viewer.actor;
    let users = app.users(actor).await?;
    let mut entries = app.audit_trail(None, AUDIT_SHOWN, actor).await?;
    entries.reverse();
    let verdict = match app.verify_audit(actor).await? {
        AuditVerdict::Intact { entries } => format!("intact: {entries} entries"),
        AuditVerdict::Broken { entry, reason } => format!("broken at entry {entry}: {reason}"),
    };
    let audited = entries
        .iter()
        .filter_map(|e| Classification::parse("classification", &e.classification).ok());
    let chrome = Chrome::of(viewer, "admin", "Administration").showing(audited.collect::<Vec<_>>());
    Ok(AdminPage {
        chrome,
        users,
        form,
        errors,
        created,
        entries,
        verdict,
    })
}

/// The administration page.
pub(crate) async fn show(State(app): State<Shared>, viewer: Viewer) -> Result<Response, PageError> {
    let page = page(&app, &viewer, NewUser::default(), Errors::default(), None).await?;
    Ok(render(StatusCode::OK, &page))
}

/// Adds an account with a generated password, which the answer shows once (it is kept
/// only as its hash). A refused form comes back with its errors and what was typed.
pub(crate) async fn add_user(
    State(app): State<Shared>,
    viewer: Viewer,
    RawForm(body): RawForm,
) -> Result<Response, PageError> {
    let form = NewUser::parse(&body);
    viewer.check(&form.csrf)?;
    let added = match form.user() {
        Ok(user) => {
            let password = attache_app::accounts::generate_password();
            match app.add_user(&user, &password, &viewer.actor).await {
                Ok(()) => Ok((user.name, password)),
                Err(AppError::Invalid(errors)) => Err(errors),
                Err(AppError::Conflict(why)) => {
                    Err(FieldErrors(vec![FieldError::new("name", why)]))
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(errors) => Err(errors),
    };
    let (status, page) = match added {
        Ok(created) => (
            StatusCode::CREATED,
            page(
                &app,
                &viewer,
                NewUser::default(),
                Errors::default(),
                Some(created),
            )
            .await?,
        ),
        Err(errors) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            page(&app, &viewer, form, Errors(errors), None).await?,
        ),
    };
    Ok(render(status, &page))
}

#[derive(Debug, Deserialize)]
pub(crate) struct DisableForm {
    csrf: String,
    /// `true` to disable, `false` to enable.
    disabled: bool,
}

/// Disables or enables an account, then shows the page again.
pub(crate) async fn set_disabled(
    State(app): State<Shared>,
    viewer: Viewer,
    Path(name): Path<String>,
    axum::Form(form): axum::Form<DisableForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    app.set_user_disabled(&name, form.disabled, &viewer.actor)
        .await?;
    Ok(Redirect::to("/admin").into_response())
}
