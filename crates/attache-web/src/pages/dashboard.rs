//! The start page: what comes in the next weeks, what waits for the user, engagement by
//! category over the last year, and (for those who may read the trail) the latest changes.
//! Every list and number is read through `App` as the viewer, so labels limit them all.

use attache_app::AuditEntry;
use attache_documents::bars as chart;
use attache_domain::Stored;
use attache_domain::access::Permission;
use attache_domain::query::{ActivityFilter, Page, Sort, Tally};
use attache_domain::{Activity, Category, Classification, Status};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Duration, Months};

use crate::Shared;
use crate::pages::auth::Viewer;
use crate::pages::chrome::Chrome;
use crate::pages::filters;
use crate::pages::{PageError, render};

/// How far ahead "coming up" looks, and how many of its activities are listed.
const AHEAD: Duration = Duration::days(30);
const LISTED: u32 = 20;
/// How many of the latest audit entries are shown.
const RECENT: u32 = 10;

/// Activities waiting for the user: a heading, and the status that puts them there.
struct Queue {
    title: &'static str,
    status: Status,
    count: u64,
    rows: Vec<Stored<Activity>>,
}

impl Queue {
    /// The activity list with this queue's filter, to see all of it.
    fn href(&self) -> String {
        format!("/activities?status={}", self.status)
    }

    /// Whether more wait than are listed.
    fn more(&self) -> bool {
        self.count > self.rows.len() as u64
    }
}

/// The queue an approver works from: what is planned. Whoever moves activities along
/// (approvers too) sees the assessments due beside it (`ame::DuePanel`).
fn queue_of(viewer: &Viewer) -> Option<(&'static str, Status)> {
    let actor = &viewer.actor;
    actor
        .can(Permission::ApproveActivities)
        .then_some(("Awaiting your approval", Status::Planned))
}

#[derive(askama::Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    chrome: Chrome,
    ahead_days: i64,
    upcoming: Vec<Stored<Activity>>,
    upcoming_count: u64,
    queue: Option<Queue>,
    chart: String,
    /// The latest changes, newest first, for those who may read the trail.
    recent: Option<Vec<AuditEntry>>,
    csbm: crate::pages::csbm::DeadlinePanel,
    coordination: crate::pages::coordination::Panel,
    due: Option<crate::pages::ame::DuePanel>,
}

impl DashboardPage {
    /// Whether more come up than are listed.
    fn more_upcoming(&self) -> bool {
        self.upcoming_count > self.upcoming.len() as u64
    }
}

/// The dashboard.
pub(crate) async fn show(State(app): State<Shared>, viewer: Viewer) -> Result<Response, PageError> {
    let actor = &viewer.actor;
    let today = actor.at.date_naive();
    let first = |limit| Page {
        after: None,
        limit: Some(limit),
    };

    let coming = ActivityFilter {
        from: Some(today),
        to: Some(today + AHEAD),
        ..ActivityFilter::default()
    };
    let upcoming = app
        .activities(&coming, Sort::default(), &first(LISTED), actor)
        .await?;
    let upcoming_count = app.count_activities(&coming, actor).await?;

    let queue = match queue_of(&viewer) {
        Some((title, status)) => {
            let waiting = ActivityFilter {
                status: Some(status),
                ..ActivityFilter::default()
            };
            Some(Queue {
                title,
                status,
                count: app.count_activities(&waiting, actor).await?,
                rows: app
                    .activities(&waiting, Sort::default(), &first(LISTED), actor)
                    .await?,
            })
        }
        None => None,
    };

    let year_ago = today.checked_sub_months(Months::new(12)).unwrap_or(today);
    let last_year = ActivityFilter {
        from: Some(year_ago),
        to: Some(today),
        ..ActivityFilter::default()
    };
    let counts = app
        .engagement_counts(&last_year, &Tally::ByCategory, actor)
        .await?;
    let per_category: Vec<_> = Category::ALL
        .into_iter()
        .map(filters::words)
        .zip(counts)
        .collect();
    let chart = chart::rows("Activities by category, last 12 months", &per_category);

    // Without the trail, there is no record of what changed lately: activities cannot be
    // sorted by when they were last updated, so non-auditors see no such list.
    let recent = match actor.can(Permission::ReadAudit) {
        true => {
            let mut entries = app.audit_trail(None, RECENT, actor).await?;
            entries.reverse();
            Some(entries)
        }
        false => None,
    };

    let audited = recent
        .iter()
        .flatten()
        .filter_map(|e| Classification::parse("classification", &e.classification).ok());
    let listed = upcoming
        .iter()
        .chain(queue.iter().flat_map(|q| &q.rows))
        .map(|a| a.record.label.classification);
    let csbm = crate::pages::csbm::DeadlinePanel::read(&app, actor).await?;
    let coordination = crate::pages::coordination::Panel::of(&app, actor).await?;
    let due = crate::pages::ame::DuePanel::read(&app, actor).await?;
    let chrome = Chrome::of(&viewer, "dashboard", "Dashboard").showing(
        listed
            .chain(audited)
            .chain([csbm.classification])
            .chain(coordination.shown())
            .chain(due.iter().flat_map(|d| d.shown()))
            .collect::<Vec<_>>(),
    );
    let page = DashboardPage {
        chrome,
        ahead_days: AHEAD.num_days(),
        upcoming,
        upcoming_count,
        queue,
        chart,
        csbm,
        recent,
        coordination,
        due,
    };
    Ok(render(StatusCode::OK, &page))
}
