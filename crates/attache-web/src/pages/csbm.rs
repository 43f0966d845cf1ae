//! The CSBM page: a year's declared military activities with their evaluation and
//! margins (near-threshold ones marked), every finding with its paragraph, the
//! verification quotas, the deadlines and the air base visits (with a form to record one);
//! and the dashboard's panel of CSBM deadlines.

use attache_app::AppError;
use attache_app::csbm::air_base::RecordedVisit;
use attache_app::csbm::{Assessed, DEADLINE_HORIZON_DAYS, QuotaRole, YearReport};
use attache_csbm::{AirBaseVisitInput, Deadline, Margin};
use attache_domain::Classification;
use attache_domain::access::Actor;
use attache_domain::access::Permission;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Datelike;
use serde::Deserialize;

use crate::Shared;
use crate::pages::auth::Viewer;
use crate::pages::chrome::Chrome;
use crate::pages::filters;
use crate::pages::forms::Errors;
use crate::pages::{PageError, render};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct CsbmParams {
    /// The year; this year when absent.
    year: Option<i32>,
}

#[derive(askama::Template)]
#[template(path = "csbm/page.html")]
struct CsbmPage {
    chrome: Chrome,
    report: YearReport,
    previous: i32,
    next: i32,
    /// The air base visits, latest first.
    visits: Vec<RecordedVisit>,
    /// Whether the user may record an air base visit (the form is shown).
    can_manage: bool,
    /// The air base visit form, as sent when it is shown again with its errors.
    visit: AirBaseVisitInput,
    errors: Errors,
}

impl CsbmPage {
    /// The margins worth a column: those met and those near, else the closest below.
    fn shown_margins(a: &Assessed) -> Vec<&Margin> {
        let mut shown: Vec<&Margin> = a
            .evaluation
            .margins
            .iter()
            .filter(|m| m.near || (m.met && m.paragraph != "66"))
            .collect();
        if shown.is_empty()
            && let Some(closest) = a.evaluation.margins.iter().max_by_key(|m| m.margin)
        {
            shown.push(closest);
        }
        shown
    }

    fn role(role: &QuotaRole) -> &'static str {
        match role {
            QuotaRole::Host => "as host",
            QuotaRole::Inspecting => "as inspecting state",
        }
    }
}

pub(crate) async fn show(
    State(app): State<Shared>,
    viewer: Viewer,
    Query(params): Query<CsbmParams>,
) -> Result<Response, PageError> {
    let year = params.year.unwrap_or(viewer.actor.at.date_naive().year());
    page(&app, &viewer, year, VisitForm::default(), Errors::default()).await
}

/// The air base visit form: its fields as text, and the CSRF token.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct VisitForm {
    csrf: String,
    host: String,
    air_base: String,
    date: String,
    classification: String,
}

impl VisitForm {
    fn input(&self) -> AirBaseVisitInput {
        AirBaseVisitInput {
            host: self.host.clone(),
            air_base: self.air_base.clone(),
            date: self.date.clone(),
            classification: self.classification.clone(),
            releasable_to: String::new(),
        }
    }
}

/// Records an air base visit, and shows the page again: with the visit, or with the
/// form's errors next to its fields.
pub(crate) async fn add_air_base_visit(
    State(app): State<Shared>,
    viewer: Viewer,
    Form(form): Form<VisitForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    match app.add_air_base_visit(&form.input(), &viewer.actor).await {
        Ok(_) => Ok(Redirect::to("/csbm#air-base-visits-heading").into_response()),
        Err(AppError::Invalid(errors)) => {
            let year = viewer.actor.at.date_naive().year();
            page(&app, &viewer, year, form, Errors(errors)).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn page(
    app: &Shared,
    viewer: &Viewer,
    year: i32,
    form: VisitForm,
    errors: Errors,
) -> Result<Response, PageError> {
    let actor = &viewer.actor;
    let today = actor.at.date_naive();
    let report = app.csbm_year(year, today, actor).await?;
    let visits = app.air_base_visits(actor).await?;
    let chrome = Chrome::of(viewer, "csbm", format!("CSBM {year}")).showing(
        report
            .activities
            .iter()
            .map(|a| a.activity.label.classification)
            .chain(visits.iter().map(|v| v.visit.label.classification))
            .collect::<Vec<_>>(),
    );
    let status = match errors.is_empty() {
        true => StatusCode::OK,
        false => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let page = CsbmPage {
        chrome,
        report,
        previous: year - 1,
        next: year + 1,
        visits,
        can_manage: actor.can(Permission::ManageCsbm),
        visit: form.input(),
        errors,
    };
    Ok(render(status, &page))
}

/// The dashboard's panel: the CSBM deadlines of the weeks ahead.
pub(crate) struct DeadlinePanel {
    pub deadlines: Vec<Deadline>,
    pub days: i64,
    /// The highest label of the activities the deadlines come from.
    pub classification: Classification,
}

impl DeadlinePanel {
    pub async fn read(app: &Shared, actor: &Actor) -> Result<Self, PageError> {
        let today = actor.at.date_naive();
        let (deadlines, classification) = app
            .csbm_deadlines(today, DEADLINE_HORIZON_DAYS, actor)
            .await?;
        Ok(Self {
            deadlines,
            days: DEADLINE_HORIZON_DAYS,
            classification,
        })
    }
}
