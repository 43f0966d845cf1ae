//! Coordination on the pages (issue 5): the section of an activity's page that shows its
//! concurrences, what blocks approval, its clearances and recipients, with the answer
//! form for concurring officials; and the officials' inbox.

use attache_app::coordination::{CoordinationView, Waiting};
use attache_domain::coordination::concurrence::{Ministry, Standing, Verdict};
use attache_store::{Actor, Store};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use serde::Deserialize;

use super::auth::Viewer;
use super::chrome::Chrome;
use super::filters;
use super::{PageError, render};
use crate::Shared;

/// One concurrence as a row of the page.
pub(crate) struct ConcurrenceRow {
    pub ministry: Ministry,
    pub state: String,
    pub due: String,
    pub because: String,
    pub overdue: bool,
}

/// The coordination section of an activity's page.
pub(crate) struct Section {
    pub view: CoordinationView,
    pub concurrences: Vec<ConcurrenceRow>,
    /// The required ministries this viewer answers for.
    pub answer_as: Vec<Ministry>,
}

fn describe(standing: &Standing) -> String {
    match standing {
        Standing::Awaiting => "awaited".into(),
        Standing::Concurred { by } => format!("concurred ({by})"),
        Standing::Objected { by, reason } => format!("objected ({by}): {reason}"),
    }
}

impl Section {
    pub(crate) async fn of<S: Store>(
        app: &attache_app::App<S>,
        id: i64,
        actor: &Actor,
    ) -> Result<Section, PageError> {
        let view = app.coordination(id, actor).await?;
        let concurrences = view
            .concurrences
            .iter()
            .map(|c| ConcurrenceRow {
                ministry: c.requirement.ministry,
                state: describe(&c.standing)
                    + if c.asked_again {
                        ", asked again after a change"
                    } else {
                        ""
                    },
                due: c.requirement.due.to_string(),
                because: c.requirement.because.join("; "),
                overdue: c.overdue,
            })
            .collect::<Vec<_>>();
        let answer_as = concurrences
            .iter()
            .map(|c| c.ministry)
            .filter(|m| actor.can(m.permission()))
            .collect();
        Ok(Section {
            view,
            concurrences,
            answer_as,
        })
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct AnswerForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    ministry: String,
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    reason: String,
}

/// A concurring official's answer from the activity's page, then back to it.
pub(crate) async fn answer<S: Store>(
    State(app): State<Shared<S>>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    let parse = |e: attache_domain::FieldError| PageError::from(attache_app::AppError::from(e));
    let ministry = Ministry::parse("ministry", &form.ministry).map_err(parse)?;
    let verdict = Verdict::parse("verdict", &form.verdict).map_err(parse)?;
    app.answer_concurrence(id, ministry, verdict, &form.reason, &viewer.actor)
        .await?;
    Ok(axum::response::IntoResponse::into_response(Redirect::to(
        &format!("/activities/{id}"),
    )))
}

#[derive(askama::Template)]
#[template(path = "coordination/inbox.html")]
struct InboxPage {
    chrome: Chrome,
    inboxes: Vec<(Ministry, Vec<Waiting>)>,
}

/// What waits for the ministries this official answers for.
pub(crate) async fn inbox<S: Store>(
    State(app): State<Shared<S>>,
    viewer: Viewer,
) -> Result<Response, PageError> {
    let actor = &viewer.actor;
    let mut inboxes = Vec::new();
    for ministry in Ministry::ALL.iter().copied() {
        if actor.can(ministry.permission()) {
            inboxes.push((ministry, app.concurrence_inbox(ministry, actor).await?));
        }
    }
    if inboxes.is_empty() {
        // Asks the app, so that the refusal names the permission as everywhere else.
        app.concurrence_inbox(Ministry::Foreign, actor).await?;
    }
    let chrome = Chrome::of(&viewer, "concurrences", "Concurrences awaited");
    Ok(render(StatusCode::OK, &InboxPage { chrome, inboxes }))
}
