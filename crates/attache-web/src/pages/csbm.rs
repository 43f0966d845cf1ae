//! The CSBM page: a year's declared military activities with their evaluation and
//! margins (near-threshold ones marked), every finding with its paragraph, the
//! verification quotas and the deadlines; and the dashboard's panel of CSBM deadlines.

use attache_app::csbm::{Assessed, DEADLINE_HORIZON_DAYS, QuotaRole, YearReport};
use attache_csbm::{Deadline, Margin};
use attache_domain::Classification;
use attache_store::{Actor, CsbmStore};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Datelike;
use serde::Deserialize;

use super::auth::Viewer;
use super::chrome::Chrome;
use super::filters;
use super::{PageError, render};
use crate::Shared;

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

pub(crate) async fn show<S: CsbmStore>(
    State(app): State<Shared<S>>,
    viewer: Viewer,
    Query(params): Query<CsbmParams>,
) -> Result<Response, PageError> {
    let actor = &viewer.actor;
    let today = actor.at.date_naive();
    let year = params.year.unwrap_or(today.year());
    let report = app.csbm_year(year, today, actor).await?;
    let chrome = Chrome::of(&viewer, "csbm", format!("CSBM {year}")).showing(
        report
            .activities
            .iter()
            .map(|a| a.activity.label.classification)
            .collect::<Vec<_>>(),
    );
    let page = CsbmPage {
        chrome,
        report,
        previous: year - 1,
        next: year + 1,
    };
    Ok(render(StatusCode::OK, &page))
}

/// The dashboard's panel: the CSBM deadlines of the weeks ahead.
pub(crate) struct DeadlinePanel {
    pub deadlines: Vec<Deadline>,
    pub days: i64,
    /// The highest label of the activities the deadlines come from.
    pub classification: Classification,
}

impl DeadlinePanel {
    pub async fn read<S: CsbmStore>(app: &Shared<S>, actor: &Actor) -> Result<Self, PageError> {
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
