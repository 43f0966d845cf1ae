//! The calendar: a month of activities, day by day, coloured by category, filtered by
//! partner or region.

use std::collections::HashSet;

use attache_app::AppError;
use attache_app::export::ExportFormat;
use attache_domain::activity::parse_date;
use attache_domain::{Activity, FieldErrors, PartnerCode};
use attache_store::{ActivityFilter, Page, PartnerFilter, Sort, Store, Stored};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Deserialize;

use super::auth::{TokenForm, Viewer};
use super::chrome::Chrome;
use super::filters;
use super::forms::Errors;
use super::{PageError, render};
use crate::Shared;
use crate::session::over_tls;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct CalendarParams {
    /// `YYYY-MM`; this month when absent.
    month: String,
    partner: String,
    region: String,
}

/// One day's square.
#[derive(Debug)]
struct Day {
    date: NaiveDate,
    in_month: bool,
    today: bool,
    items: Vec<(i64, String, String)>,
}

#[derive(askama::Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    chrome: Chrome,
    heading: String,
    month: String,
    partner: String,
    region: String,
    regions: Vec<String>,
    weeks: Vec<Vec<Day>>,
    previous: String,
    next: String,
    errors: Errors,
    /// The address of a calendar feed just made: shown this once.
    feed: Option<String>,
}

fn month_href(month: NaiveDate, params: &CalendarParams) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("month", &month.format("%Y-%m").to_string());
    for (name, value) in [("partner", &params.partner), ("region", &params.region)] {
        if !value.is_empty() {
            query.append_pair(name, value);
        }
    }
    format!("/calendar?{}", query.finish())
}

/// The weeks (Monday first) that hold the month starting on `first`.
fn weeks(first: NaiveDate, today: NaiveDate, shown: &[Stored<Activity>]) -> Vec<Vec<Day>> {
    let start = first - Days::new(u64::from(first.weekday().num_days_from_monday()));
    let after = first + Months::new(1);
    let mut weeks = Vec::new();
    let mut date = start;
    while date < after {
        let week = (0..7)
            .map(|i| {
                let date = date + Days::new(i);
                let items = shown
                    .iter()
                    .filter(|a| a.record.start <= date && date <= a.record.end)
                    .map(|a| {
                        let r = &a.record;
                        (a.meta.id, r.title.clone(), r.category.to_string())
                    })
                    .collect();
                Day {
                    date,
                    in_month: date.month() == first.month(),
                    today: date == today,
                    items,
                }
            })
            .collect();
        weeks.push(week);
        date = date + Days::new(7);
    }
    weeks
}

/// A month of the activities the user may see.
pub(crate) async fn month<S: Store>(
    State(app): State<Shared<S>>,
    viewer: Viewer,
    Query(params): Query<CalendarParams>,
) -> Result<Response, PageError> {
    month_page(&app, &viewer, params, None).await
}

/// How long a calendar feed's address works.
const FEED_DAYS: u32 = 366;

/// Makes the user a calendar feed: an API token of theirs, in an address that calendar
/// programs (which cannot sign in) subscribe to. Shown once, with this month.
pub(crate) async fn make_feed<S: Store>(
    State(app): State<Shared<S>>,
    viewer: Viewer,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    let (token, _) = app
        .issue_token("Calendar feed", Some(FEED_DAYS), &viewer.actor)
        .await?;
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1:8080");
    let scheme = if over_tls(&headers) { "https" } else { "http" };
    let url = format!("{scheme}://{host}/calendar/feed/{token}.ics");
    month_page(&app, &viewer, CalendarParams::default(), Some(url)).await
}

/// The feed: every activity the token's owner may see, as iCalendar. An unknown, revoked
/// or expired token finds nothing to subscribe to.
pub(crate) async fn feed<S: Store>(
    State(app): State<Shared<S>>,
    Path(token): Path<String>,
) -> Response {
    let token = token.trim_end_matches(".ics");
    let actor = match app.token_actor(token, chrono::Utc::now()).await {
        Ok(actor) => actor,
        Err(_) => return StatusCode::NOT_FOUND.into_response(),
    };
    crate::export::stream(ExportFormat::Ics, move |sink| async move {
        app.calendar_feed(sink, &actor).await
    })
    .await
    .unwrap_or_else(IntoResponse::into_response)
}

async fn month_page<S: Store>(
    app: &Shared<S>,
    viewer: &Viewer,
    params: CalendarParams,
    feed: Option<String>,
) -> Result<Response, PageError> {
    let today = viewer.actor.at.date_naive();
    let mut errors = FieldErrors::default();
    let first = match params.month.as_str() {
        "" => today.with_day(1),
        raw => errors.take(parse_date("month", &format!("{raw}-01"))),
    }
    .unwrap_or(today);
    let partner = match params.partner.trim() {
        "" => None,
        code => errors.take(PartnerCode::parse("partner", code)),
    };
    let partners = app
        .partners(&PartnerFilter::default(), &viewer.actor)
        .await?;
    let mut regions: Vec<String> = partners
        .iter()
        .map(|p| p.record.region.clone())
        .filter(|r| !r.is_empty())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    regions.sort();
    let in_region: Option<HashSet<PartnerCode>> = (!params.region.is_empty()).then(|| {
        partners
            .iter()
            .filter(|p| p.record.region == params.region)
            .map(|p| p.record.code.clone())
            .collect()
    });
    let filter = ActivityFilter {
        partner,
        from: Some(first),
        to: Some(first + Months::new(1) - Days::new(1)),
        ..ActivityFilter::default()
    };
    let mut shown = Vec::new();
    if errors.is_empty() {
        let page = Page::default();
        match app
            .activities(&filter, Sort::default(), &page, &viewer.actor)
            .await
        {
            Ok(found) => shown = found,
            Err(AppError::Invalid(e)) => errors = e,
            Err(e) => return Err(e.into()),
        }
    }
    if let Some(codes) = &in_region {
        shown.retain(|a| {
            a.record
                .participants
                .iter()
                .any(|p| codes.contains(&p.partner))
        });
    }
    let chrome = Chrome::of(viewer, "calendar", "Calendar").showing(
        shown
            .iter()
            .map(|a| a.record.label.classification)
            .collect::<Vec<_>>(),
    );
    let status = match errors.is_empty() {
        true => StatusCode::OK,
        false => StatusCode::BAD_REQUEST,
    };
    let page = CalendarPage {
        chrome,
        heading: first.format("%B %Y").to_string(),
        month: first.format("%Y-%m").to_string(),
        weeks: weeks(first, today, &shown),
        previous: month_href(first - Months::new(1), &params),
        next: month_href(first + Months::new(1), &params),
        partner: params.partner,
        region: params.region,
        regions,
        errors: Errors(errors),
        feed,
    };
    Ok(render(status, &page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_whole_weeks_from_monday() {
        let first = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default();
        let weeks = weeks(first, first, &[]);
        assert_eq!(weeks.len(), 5);
        assert_eq!(weeks[0][0].date, first, "1 March 2027 is a Monday");
        assert!(weeks.iter().flatten().filter(|d| d.in_month).count() == 31);
        let june = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap_or_default();
        let weeks = super::weeks(june, june, &[]);
        assert_eq!(
            weeks[0][0].date,
            NaiveDate::from_ymd_opt(2027, 5, 31).unwrap_or_default()
        );
    }
}
