//! An administrator changes or removes a restriction (issue 5): its form, filled from
//! the stored one and sent back with the reasons next to the fields, and its removal.

use attache_app::AppError;
use attache_domain::access::Permission;
use attache_domain::coordination::RestrictionScope;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::Shared;
use crate::pages::auth::Viewer;
use crate::pages::chrome::Chrome;
use crate::pages::coordination::RestrictionForm;
use crate::pages::filters;
use crate::pages::forms::Errors;
use crate::pages::{PageError, render};

#[derive(askama::Template)]
#[template(path = "coordination/restriction.html")]
struct EditPage {
    chrome: Chrome,
    id: i64,
    form: RestrictionForm,
    errors: Errors,
    scopes: &'static [RestrictionScope],
}

fn edit_page(viewer: &Viewer, id: i64, form: RestrictionForm, errors: Errors) -> EditPage {
    EditPage {
        chrome: Chrome::of(viewer, "admin", format!("Restriction {id}")),
        id,
        form,
        errors,
        scopes: RestrictionScope::ALL,
    }
}

/// The form of a stored restriction.
pub(crate) async fn form(
    State(app): State<Shared>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    if !viewer.actor.can(Permission::ManageReference) {
        return Err(AppError::Forbidden(Permission::ManageReference.to_string()).into());
    }
    let stored = app.restrictions(None, &viewer.actor).await?;
    let Some((_, restriction)) = stored.iter().find(|(at, _)| *at == id) else {
        return Err(AppError::NotFound(format!("restriction {id}")).into());
    };
    let form = RestrictionForm::filled(restriction);
    Ok(render(
        StatusCode::OK,
        &edit_page(&viewer, id, form, Errors::default()),
    ))
}

/// Saves the change; a broken rule sends the form back with its reasons.
pub(crate) async fn update(
    State(app): State<Shared>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<RestrictionForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    let saved = match form.restriction() {
        Ok(restriction) => app.edit_restriction(id, &restriction, &viewer.actor).await,
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    match saved {
        Ok(()) => Ok(Redirect::to("/admin/coordination").into_response()),
        Err(AppError::Invalid(errors)) => Ok(render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &edit_page(&viewer, id, form, Errors(errors)),
        )),
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct DeleteForm {
    #[serde(default)]
    csrf: String,
}

pub(crate) async fn delete(
    State(app): State<Shared>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<DeleteForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    app.delete_restriction(id, &viewer.actor).await?;
    Ok(Redirect::to("/admin/coordination").into_response())
}
