//! Administration, for administrators: the accounts (add one with a generated password,
//! change one's roles and clearance, disable or enable one) and the audit trail's latest
//! entries with the check of its chain.
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

/// An account's form as typed (a new account's, or an account's roles and clearance):
/// kept when it is refused, so nothing is lost.
#[derive(Debug, Default)]
struct AccountForm {
    csrf: String,
    name: String,
    nation: String,
    clearance: String,
    roles: Vec<String>,
}

impl AccountForm {
    /// The form's fields; `role` comes once per ticked box, which a struct-shaped form
    /// decoder cannot take, hence the pairs read one by one.
    fn parse(body: &[u8]) -> AccountForm {
        let mut form = AccountForm::default();
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

    /// The roles and clearance it gives, or every field that is wrong.
    fn access(&self) -> Result<(Vec<UserRole>, Classification), FieldErrors> {
        let mut errors = Vec::new();
        let clearance =
            Classification::parse("clearance", &self.clearance).map_err(|e| errors.push(e));
        let roles: Vec<UserRole> = self
            .roles
            .iter()
            .filter_map(|role| {
                UserRole::parse("roles", role)
                    .map_err(|e| errors.push(e))
                    .ok()
            })
            .collect();
        match clearance {
            Ok(clearance) if errors.is_empty() => Ok((roles, clearance)),
            _ => Err(FieldErrors(errors)),
        }
    }

    /// The form of an account as it is.
    fn of(user: &User) -> AccountForm {
        AccountForm {
            name: user.name.clone(),
            nation: user.nation.to_string(),
            clearance: user.clearance.as_str().into(),
            roles: user.roles.iter().map(|r| r.as_str().to_owned()).collect(),
            ..AccountForm::default()
        }
    }

    fn has_role(&self, role: &UserRole) -> bool {
        self.roles.iter().any(|r| r == role.as_str())
    }
}

/// What the access forms offer.
trait AccessChoices {
    fn roles(&self) -> &'static [UserRole] {
        UserRole::ALL
    }
    fn clearances(&self) -> &'static [Classification] {
        &Classification::ALL
    }
}

#[derive(askama::Template)]
#[template(path = "admin.html")]
struct AdminPage {
    chrome: Chrome,
    users: Vec<Stored<User>>,
    form: AccountForm,
    errors: Errors,
    /// The account just added and its password, shown this once.
    created: Option<(String, String)>,
    /// The latest entries, newest first.
    entries: Vec<AuditEntry>,
    verdict: String,
}

impl AccessChoices for AdminPage {}

/// One account's roles and clearance, to change.
#[derive(askama::Template)]
#[template(path = "accounts/access.html")]
struct AccessPage {
    chrome: Chrome,
    account: User,
    form: AccountForm,
    errors: Errors,
}

impl AccessChoices for AccessPage {}

/// The page, with the new-account form as given (empty, refused, or just accepted).
async fn page(
    app: &Shared,
    viewer: &Viewer,
    form: AccountForm,
    errors: Errors,
    created: Option<(String, String)>,
) -> Result<AdminPage, PageError> {
    let actor = &viewer.actor;
    let users = app.users(actor).await?;
    let mut entries = app.audit_trail(None, AUDIT_SHOWN, actor).await?;
    entries.reverse();
    // The server holds no audit key: its checkpoints are checked by `attache audit verify`.
    let verdict = match app.verify_audit(None, actor).await? {
        AuditVerdict::Intact {
            entries,
            checkpoints,
            records,
        } => format!("intact: {entries} entries; {records}; {checkpoints}"),
        AuditVerdict::Broken(broken) => format!("broken {broken}"),
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
    let page = page(
        &app,
        &viewer,
        AccountForm::default(),
        Errors::default(),
        None,
    )
    .await?;
    Ok(render(StatusCode::OK, &page))
}

/// Adds an account with a generated password, which the answer shows once (it is kept
/// only as its hash). A refused form comes back with its errors and what was typed.
pub(crate) async fn add_user(
    State(app): State<Shared>,
    viewer: Viewer,
    RawForm(body): RawForm,
) -> Result<Response, PageError> {
    let form = AccountForm::parse(&body);
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
                AccountForm::default(),
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

/// The form that changes an account's roles and clearance, for those who may see it.
pub(crate) async fn edit_access(
    State(app): State<Shared>,
    viewer: Viewer,
    Path(name): Path<String>,
) -> Result<Response, PageError> {
    let account = app.user(&name, &viewer.actor).await?.record;
    let form = AccountForm::of(&account);
    Ok(render(
        StatusCode::OK,
        &access_page(&viewer, account, form, Errors::default()),
    ))
}

fn access_page(viewer: &Viewer, account: User, form: AccountForm, errors: Errors) -> AccessPage {
    let title = format!("Roles and clearance of {}", account.name);
    AccessPage {
        chrome: Chrome::of(viewer, "admin", title),
        account,
        form,
        errors,
    }
}

/// Changes an account's roles and clearance, then goes back to the accounts; a refused
/// change comes back with its errors and what was ticked.
pub(crate) async fn change_access(
    State(app): State<Shared>,
    viewer: Viewer,
    Path(name): Path<String>,
    RawForm(body): RawForm,
) -> Result<Response, PageError> {
    let form = AccountForm::parse(&body);
    viewer.check(&form.csrf)?;
    let account = app.user(&name, &viewer.actor).await?.record;
    let refused = match form.access() {
        Ok((roles, clearance)) => {
            match app
                .change_access(&name, Some(roles), Some(clearance), &viewer.actor)
                .await
            {
                Ok(_) => return Ok(Redirect::to("/admin").into_response()),
                Err(AppError::Invalid(errors)) => errors,
                Err(e) => return Err(e.into()),
            }
        }
        Err(errors) => errors,
    };
    let page = access_page(&viewer, account, form, Errors(refused));
    Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
}
