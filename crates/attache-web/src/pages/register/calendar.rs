//! The calendar: a month or a week of activities, day by day, coloured by category,
//! filtered by partner or region; with the CSBM deadlines that fall in it, marked apart.

use std::collections::HashSet;

use attache_app::AppError;
use attache_app::register::export::ExportFormat;
use attache_csbm::Deadline;
use attache_domain::Stored;
use attache_domain::access::Permission;
use attache_domain::activity::parse_date;
use attache_domain::query::{ActivityFilter, Page, PartnerFilter, Sort};
use attache_domain::{Activity, Classification, FieldErrors, PartnerCode};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Deserialize;

use crate::Shared;
use crate::pages::auth::{TokenForm, Viewer};
use crate::pages::chrome::Chrome;
use crate::pages::filters;
use crate::pages::forms::Errors;
use crate::pages::{PageError, render};
use crate::session::over_tls;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct CalendarParams {
    /// `week` for a week; a month otherwise.
    view: String,
    /// `YYYY-MM`; this month when absent.
    month: String,
    /// `YYYY-MM-DD`, any day of the week shown; this week when absent.
    week: String,
    partner: String,
    region: String,
}

/// The days a calendar shows: a month (from its first day) or a week (from its Monday).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Month(NaiveDate),
    Week(NaiveDate),
}

impl Span {
    /// The week that holds `day`.
    fn week_of(day: NaiveDate) -> Span {
        Span::Week(day - Days::new(u64::from(day.weekday().num_days_from_monday())))
    }

    fn first(self) -> NaiveDate {
        match self {
            Span::Month(first) | Span::Week(first) => first,
        }
    }

    /// The day after the last one shown.
    fn after(self) -> NaiveDate {
        match self {
            Span::Month(first) => first + Months::new(1),
            Span::Week(monday) => monday + Days::new(7),
        }
    }

    fn previous(self) -> Span {
        match self {
            Span::Month(first) => Span::Month(first - Months::new(1)),
            Span::Week(monday) => Span::Week(monday - Days::new(7)),
        }
    }

    fn next(self) -> Span {
        match self {
            Span::Month(_) => Span::Month(self.after()),
            Span::Week(_) => Span::Week(self.after()),
        }
    }

    fn heading(self) -> String {
        match self {
            Span::Month(first) => first.format("%B %Y").to_string(),
            Span::Week(monday) => format!("Week of {}", monday.format("%-d %B %Y")),
        }
    }

    /// The other view of about the same days: the month a week starts in, or the month's
    /// first week (this week, in this month).
    fn toggled(self, today: NaiveDate) -> Span {
        match self {
            Span::Week(monday) => Span::Month(monday.with_day(1).unwrap_or(monday)),
            Span::Month(first) if today.with_day(1) == Some(first) => Span::week_of(today),
            Span::Month(first) => Span::week_of(first),
        }
    }

    /// The calendar's address for these days, with the page's filters.
    fn href(self, params: &CalendarParams) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        match self {
            Span::Month(first) => query.append_pair("month", &first.format("%Y-%m").to_string()),
            Span::Week(monday) => query
                .append_pair("view", "week")
                .append_pair("week", &monday.to_string()),
        };
        for (name, value) in [("partner", &params.partner), ("region", &params.region)] {
            if !value.is_empty() {
                query.append_pair(name, value);
            }
        }
        format!("/calendar?{}", query.finish())
    }
}

/// One day's square.
#[derive(Debug)]
struct Day {
    date: NaiveDate,
    in_month: bool,
    today: bool,
    items: Vec<(i64, String, String)>,
    /// The CSBM deadlines due on the day.
    deadlines: Vec<Deadline>,
}

#[derive(askama::Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    chrome: Chrome,
    heading: String,
    /// Whether a week is shown (a month otherwise).
    week_view: bool,
    month: String,
    /// The Monday of the week shown, or of this week.
    week: String,
    partner: String,
    region: String,
    regions: Vec<String>,
    weeks: Vec<Vec<Day>>,
    previous: String,
    next: String,
    /// The same days in the other view, and today's in this one.
    toggle: String,
    today: String,
    errors: Errors,
    /// The address of a calendar feed just made: shown this once.
    feed: Option<String>,
}

impl CalendarPage {
    /// What the previous and next links step by.
    fn unit(&self) -> &'static str {
        match self.week_view {
            true => "week",
            false => "month",
        }
    }
}

/// The weeks (Monday first) that hold the days shown.
fn weeks(
    span: Span,
    today: NaiveDate,
    shown: &[Stored<Activity>],
    deadlines: &[Deadline],
) -> Vec<Vec<Day>> {
    let first = span.first();
    let start = first - Days::new(u64::from(first.weekday().num_days_from_monday()));
    let after = span.after();
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
                    in_month: match span {
                        Span::Month(first) => date.month() == first.month(),
                        Span::Week(_) => true,
                    },
                    today: date == today,
                    items,
                    deadlines: deadlines
                        .iter()
                        .filter(|d| d.due == date)
                        .cloned()
                        .collect(),
                }
            })
            .collect();
        weeks.push(week);
        date = date + Days::new(7);
    }
    weeks
}

/// A month of the activities the user may see.
pub(crate) async fn month(
    State(app): State<Shared>,
    viewer: Viewer,
    Query(params): Query<CalendarParams>,
) -> Result<Response, PageError> {
    month_page(&app, &viewer, params, None).await
}

/// How long a calendar feed's address works.
const FEED_DAYS: u32 = 366;

/// Makes the user a calendar feed: an API token of theirs, in an address that calendar
/// programs (which cannot sign in) subscribe to. Shown once, with this month.
pub(crate) async fn make_feed(
    State(app): State<Shared>,
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
pub(crate) async fn feed(State(app): State<Shared>, Path(token): Path<String>) -> Response {
    let token = token.trim_end_matches(".ics");
    let actor = match app.token_actor(token, app.now()).await {
        Ok(actor) => actor,
        Err(_) => return StatusCode::NOT_FOUND.into_response(),
    };
    crate::api::register::export::stream(ExportFormat::Ics, move |sink| async move {
        app.calendar_feed(sink, &actor).await
    })
    .await
    .unwrap_or_else(IntoResponse::into_response)
}

async fn month_page(
    app: &Shared,
    viewer: &Viewer,
    params: CalendarParams,
    feed: Option<String>,
) -> Result<Response, PageError> {
    let today = viewer.actor.at.date_naive();
    let mut errors = FieldErrors::default();
    let this_month = Span::Month(today.with_day(1).unwrap_or(today));
    let span = match (
        params.view.as_str(),
        params.week.as_str(),
        params.month.as_str(),
    ) {
        ("week", "", _) => Span::week_of(today),
        ("week", raw, _) => errors
            .take(parse_date("week", raw))
            .map_or(Span::week_of(today), Span::week_of),
        (_, _, "") => this_month,
        (_, _, raw) => errors
            .take(parse_date("month", &format!("{raw}-01")))
            .map_or(this_month, Span::Month),
    };
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
        from: Some(span.first()),
        to: Some(span.after() - Days::new(1)),
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
    // The CSBM deadlines of the days shown, for those who may read CSBM data.
    let last = span.after() - Days::new(1);
    let (deadlines, deadlines_label) = match viewer.actor.can(Permission::ReadRecords) {
        true => {
            app.csbm_deadlines_between(span.first(), last, today.year(), &viewer.actor)
                .await?
        }
        false => (Vec::new(), Classification::Official),
    };
    let chrome = Chrome::of(viewer, "calendar", "Calendar").showing(
        shown
            .iter()
            .map(|a| a.record.label.classification)
            .chain([deadlines_label])
            .collect::<Vec<_>>(),
    );
    let status = match errors.is_empty() {
        true => StatusCode::OK,
        false => StatusCode::BAD_REQUEST,
    };
    let page = CalendarPage {
        chrome,
        heading: span.heading(),
        week_view: matches!(span, Span::Week(_)),
        month: span.first().format("%Y-%m").to_string(),
        week: match span {
            Span::Week(monday) => monday,
            Span::Month(_) => span.toggled(today).first(),
        }
        .to_string(),
        weeks: weeks(span, today, &shown, &deadlines),
        previous: span.previous().href(&params),
        next: span.next().href(&params),
        toggle: span.toggled(today).href(&params),
        today: match span {
            Span::Month(_) => this_month,
            Span::Week(_) => Span::week_of(today),
        }
        .href(&params),
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

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn a_week_runs_monday_to_sunday_and_steps_by_seven_days() {
        // Thursday 18 March 2027 is in the week of Monday 15 March.
        let week = Span::week_of(day(2027, 3, 18));
        assert_eq!(week, Span::Week(day(2027, 3, 15)));
        assert_eq!(Span::week_of(day(2027, 3, 21)), week, "a Sunday");
        assert_eq!(week.previous(), Span::Week(day(2027, 3, 8)));
        assert_eq!(week.next(), Span::Week(day(2027, 3, 22)));
        let shown = weeks(week, day(2027, 3, 18), &[], &[]);
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].len(), 7);
        assert!(shown[0].iter().all(|d| d.in_month));
        assert!(shown[0][3].today);
        assert_eq!(week.heading(), "Week of 15 March 2027");
        // A week across two months is shown whole, from the earlier month's Monday.
        let across = Span::week_of(day(2027, 4, 1));
        assert_eq!(
            across.toggled(day(2027, 1, 1)),
            Span::Month(day(2027, 3, 1))
        );
        assert_eq!(
            Span::Month(day(2027, 3, 1)).toggled(day(2027, 3, 18)),
            week,
            "this month's week is this week"
        );
        assert_eq!(
            Span::Month(day(2027, 4, 1)).toggled(day(2027, 3, 18)),
            across,
            "another month's is its first"
        );
    }

    #[test]
    fn a_csbm_deadline_is_shown_on_its_day_only() {
        let due = attache_csbm::deadlines::annual(2027);
        let november = weeks(Span::Month(day(2027, 11, 1)), day(2027, 1, 1), &[], &due);
        let marked: Vec<(NaiveDate, &str)> = november
            .iter()
            .flatten()
            .flat_map(|d| d.deadlines.iter().map(move |x| (d.date, x.paragraph)))
            .collect();
        assert_eq!(marked, vec![(day(2027, 11, 15), "61")]);
    }

    #[test]
    fn a_month_is_whole_weeks_from_monday() {
        let first = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default();
        let weeks = weeks(Span::Month(first), first, &[], &[]);
        assert_eq!(weeks.len(), 5);
        assert_eq!(weeks[0][0].date, first, "1 March 2027 is a Monday");
        assert!(weeks.iter().flatten().filter(|d| d.in_month).count() == 31);
        let june = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap_or_default();
        let weeks = super::weeks(Span::Month(june), june, &[], &[]);
        assert_eq!(
            weeks[0][0].date,
            NaiveDate::from_ymd_opt(2027, 5, 31).unwrap_or_default()
        );
    }
}
