//! The partners: a searchable list, and a page per partner with its agreements,
//! objectives, people, members, engagement over the years and its activities.

use attache_documents::bars as chart;
use attache_domain::Stored;
use attache_domain::query::{ActivityFilter, Page, PartnerFilter, Sort, SortField, Tally};
use attache_domain::records::{Agreement, Objective, Partner, Person};
use attache_domain::{Activity, Classification, PartnerCode};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use crate::Shared;
use crate::pages::auth::Viewer;
use crate::pages::chrome::Chrome;
use crate::pages::filters;
use crate::pages::{PageError, render};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SearchParams {
    q: String,
}

#[derive(askama::Template)]
#[template(path = "partners/list.html")]
struct ListPage {
    chrome: Chrome,
    q: String,
    partners: Vec<Stored<Partner>>,
}

/// Partners whose code or name holds the words searched.
pub(crate) async fn list(
    State(app): State<Shared>,
    viewer: Viewer,
    Query(params): Query<SearchParams>,
) -> Result<Response, PageError> {
    let filter = PartnerFilter {
        search: Some(params.q.trim().to_owned()).filter(|q| !q.is_empty()),
        ..PartnerFilter::default()
    };
    let partners = app.partners(&filter, &viewer.actor).await?;
    let chrome = Chrome::of(&viewer, "partners", "Partners").showing(classes(&partners, |p| p));
    let page = ListPage {
        chrome,
        q: params.q,
        partners,
    };
    Ok(render(StatusCode::OK, &page))
}

/// The classifications of records shown.
fn classes<T>(records: &[Stored<T>], label: impl Fn(&T) -> &dyn Labelled) -> Vec<Classification> {
    records
        .iter()
        .map(|r| label(&r.record).classification())
        .collect()
}

/// A record with a security label.
trait Labelled {
    fn classification(&self) -> Classification;
}

macro_rules! labelled {
    ($($t:ty),+) => {
        $(impl Labelled for $t {
            fn classification(&self) -> Classification {
                self.label.classification
            }
        })+
    };
}
labelled!(Partner, Person, Objective, Agreement, Activity);

#[derive(askama::Template)]
#[template(path = "partners/show.html")]
struct ShowPage {
    chrome: Chrome,
    partner: Stored<Partner>,
    agreements: Vec<Stored<Agreement>>,
    objectives: Vec<Stored<Objective>>,
    people: Vec<Stored<Person>>,
    upcoming: Vec<Stored<Activity>>,
    upcoming_count: u64,
    today: NaiveDate,
    past: Vec<Stored<Activity>>,
    chart: String,
    measures: Option<crate::pages::analytics::PartnerMeasures>,
    ame: Option<crate::pages::ame::PartnerAme>,
}

impl ShowPage {
    /// Whether more come up than are listed.
    fn more_upcoming(&self) -> bool {
        self.upcoming_count > self.upcoming.len() as u64
    }
}

const PAST_SHOWN: u32 = 25;
/// The first upcoming activities listed; the activity list shows them all.
const UPCOMING_SHOWN: u32 = 50;
const YEARS_CHARTED: i32 = 8;

/// One partner's page.
pub(crate) async fn show(
    State(app): State<Shared>,
    viewer: Viewer,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    let actor = &viewer.actor;
    let code = PartnerCode::parse("code", &code).map_err(attache_app::AppError::from)?;
    let partner = app.partner(&code, actor).await?;
    let agreements = app.agreements(Some(&code), actor).await?;
    let objectives = app.objectives(Some(&code), actor).await?;
    let people = match code.is_state() {
        true => app.people(Some(&code), actor).await?,
        false => Vec::new(),
    };
    let today = actor.at.date_naive();
    let involving = |from, to| ActivityFilter {
        partner: Some(code.clone()),
        from,
        to,
        ..ActivityFilter::default()
    };
    let coming = involving(Some(today), None);
    let upcoming = app
        .activities(
            &coming,
            Sort::default(),
            &Page {
                after: None,
                limit: Some(UPCOMING_SHOWN),
            },
            actor,
        )
        .await?;
    let upcoming_count = app.count_activities(&coming, actor).await?;
    let latest_first = Sort {
        field: SortField::Start,
        descending: true,
    };
    let yesterday = today.pred_opt().unwrap_or(today);
    let past: Vec<_> = app
        .activities(
            &involving(None, Some(yesterday)),
            latest_first,
            &Page {
                after: None,
                limit: Some(PAST_SHOWN),
            },
            actor,
        )
        .await?
        .into_iter()
        .filter(|a| a.record.end < today)
        .collect();
    let years: Vec<_> = (today.year() - YEARS_CHARTED + 1..=today.year() + 1)
        .filter_map(|year| {
            let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
            Some((year, (first, NaiveDate::from_ymd_opt(year, 12, 31)?)))
        })
        .collect();
    let tally = Tally::ByPeriod(years.iter().map(|(_, period)| *period).collect());
    let counts = app
        .engagement_counts(&involving(None, None), &tally, actor)
        .await?;
    let per_year: Vec<_> = years
        .iter()
        .map(|(year, _)| year.to_string())
        .zip(counts)
        .collect();
    let name = partner.record.name.clone();
    let chart = chart::bars(&format!("Activities with {name}, by year"), &per_year);
    let mut shown = classes(&agreements, |a| a);
    shown.extend(classes(&objectives, |o| o));
    shown.extend(classes(&people, |p| p));
    shown.extend(classes(&upcoming, |a| a));
    shown.extend(classes(&past, |a| a));
    shown.push(partner.record.label.classification);
    let measures = crate::pages::analytics::partner_measures(&app, &code, actor).await?;
    shown.extend(measures.as_ref().map(|m| m.classification));
    let ame = crate::pages::ame::partner_ame(&app, &code, actor).await?;
    shown.extend(ame.as_ref().map(|m| m.classification));
    let chrome = Chrome::of(&viewer, "partners", name).showing(shown);
    let page = ShowPage {
        chrome,
        partner,
        agreements,
        objectives,
        people,
        upcoming,
        upcoming_count,
        today,
        past,
        chart,
        measures,
        ame,
    };
    Ok(render(StatusCode::OK, &page))
}
