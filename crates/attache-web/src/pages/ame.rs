//! Assessment, monitoring and evaluation on the pages: the roll-up picture (progress and
//! mean rating per standing aim on the Analytics page, per objective on a partner's page),
//! the objectives' indicators with a form to record a reading, and the dashboard's list
//! of assessments due.

use std::fmt::Write;

use attache_analytics::ame::{ObjectiveRollup, Summary};
use attache_app::App;
use attache_documents::escape;
use attache_domain::Stored;
use attache_domain::access::Actor;
use attache_domain::access::Permission;
use attache_domain::ame::{ASSESSMENT_DUE_DAYS, IndicatorReading, assessment_due};
use attache_domain::{Activity, Classification, PartnerCode};
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::Shared;
use crate::pages::PageError;
use crate::pages::auth::Viewer;

const WIDTH: u32 = 640;
const NAMES: u32 = 230;
const ROW: u32 = 40;
/// Room on the right for the value after a full bar.
const PLOT: u32 = WIDTH - NAMES - 90;

/// One row of the picture: a name, the mean progress (0 at the baselines, 1 at the
/// targets) and the mean rating (1 to 4).
pub(crate) struct Bar {
    pub name: String,
    pub progress: Option<f64>,
    pub rating: Option<f64>,
}

impl Bar {
    fn of(name: String, summary: &Summary) -> Bar {
        Bar {
            name,
            progress: summary.progress,
            rating: summary.mean_rating,
        }
    }
}

/// Two bars a row: progress towards the targets (drawn up to 100%, the figure says
/// more) and the mean outcome rating out of 4; "not measured" or "not rated" instead.
pub(crate) fn rollup_chart(title: &str, rows: &[Bar]) -> String {
    let height = ROW * u32::try_from(rows.len()).unwrap_or(0) + 24;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart ame" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="ame-title" xmlns="http://www.w3.org/2000/svg"><title id="ame-title">{}</title>"#,
        escape(title)
    );
    let _ = write!(
        svg,
        r#"<g class="legend"><rect x="{NAMES}" y="4" width="12" height="12" class="bar"/><text x="{tx}" y="14">progress to target</text><rect x="{rx}" y="4" width="12" height="12" class="bar rating"/><text x="{rtx}" y="14">mean rating (of 4)</text></g>"#,
        tx = NAMES + 16,
        rx = NAMES + 160,
        rtx = NAMES + 176,
    );
    for (i, row) in rows.iter().enumerate() {
        let y = 24 + ROW * u32::try_from(i).unwrap_or(0);
        let name = escape(&row.name);
        let length = |share: f64| (f64::from(PLOT) * share.clamp(0.0, 1.0)).round() as u32;
        let progress = row.progress.map_or(0, length);
        let rating = row.rating.map_or(0, |r| length(r / 4.0));
        let progress_text = row
            .progress
            .map_or("not measured".to_owned(), |p| format!("{:.0}%", 100.0 * p));
        let rating_text = row
            .rating
            .map_or("not rated".to_owned(), |r| format!("{r:.1}"));
        let _ = write!(
            svg,
            r#"<g><title>{name}: progress {progress_text}, mean rating {rating_text}</title><text x="{lx}" y="{ny}" text-anchor="end">{name}</text><rect x="{NAMES}" y="{py}" width="{progress}" height="14" class="bar"/><text x="{px}" y="{pty}" class="count">{progress_text}</text><rect x="{NAMES}" y="{ry}" width="{rating}" height="14" class="bar rating"/><text x="{rx}" y="{rty}" class="count">{rating_text}</text></g>"#,
            lx = NAMES - 8,
            ny = y + 20,
            py = y + 2,
            px = NAMES + progress + 6,
            pty = y + 13,
            ry = y + 18,
            rx = NAMES + rating + 6,
            rty = y + 29,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A row of the partners' table on the Analytics page.
pub(crate) struct PartnerLine {
    pub partner: PartnerCode,
    pub summary: Summary,
}

/// The Analytics page's roll-up: the picture per standing aim and the table per partner.
pub(crate) struct AnalyticsAme {
    pub chart: String,
    pub partners: Vec<PartnerLine>,
    pub classification: Classification,
}

pub(crate) async fn analytics_ame(
    app: &App,
    partner: Option<&PartnerCode>,
    actor: &Actor,
) -> Result<AnalyticsAme, PageError> {
    let view = app.ame(partner, None, actor).await?;
    let bars: Vec<Bar> = view
        .rollup
        .aims
        .iter()
        .map(|a| Bar::of(a.aim.title().to_owned(), &a.summary))
        .collect();
    let whose = partner.map_or("all objectives".to_owned(), |p| format!("{p}'s objectives"));
    Ok(AnalyticsAme {
        chart: rollup_chart(
            &format!("Progress and outcome ratings per standing aim, {whose}"),
            &bars,
        ),
        partners: view
            .rollup
            .partners
            .into_iter()
            .map(|p| PartnerLine {
                partner: p.partner,
                summary: p.summary,
            })
            .collect(),
        classification: view.classification,
    })
}

/// A partner page's roll-up: the picture per objective of its plan, each objective with
/// its indicators, and whether the reader may record readings.
pub(crate) struct PartnerAme {
    pub chart: String,
    pub objectives: Vec<ObjectiveRollup>,
    pub summary: Option<Summary>,
    pub classification: Classification,
}

pub(crate) async fn partner_ame(
    app: &App,
    code: &PartnerCode,
    actor: &Actor,
) -> Result<Option<PartnerAme>, PageError> {
    if !actor.can(Permission::Analyse) {
        return Ok(None);
    }
    let view = app.ame(Some(code), None, actor).await?;
    let bars: Vec<Bar> = view
        .rollup
        .objectives
        .iter()
        .map(|o| Bar::of(o.title.clone(), &o.summary))
        .collect();
    Ok(Some(PartnerAme {
        chart: rollup_chart(
            &format!("Progress and outcome ratings of {code}'s objectives"),
            &bars,
        ),
        summary: view.rollup.partners.into_iter().next().map(|p| p.summary),
        objectives: view.rollup.objectives,
        classification: view.classification,
    }))
}

#[derive(Debug, Deserialize)]
pub(crate) struct ReadingForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    indicator: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    measured_on: String,
    /// The partner page to go back to.
    #[serde(default)]
    back: String,
}

/// Records a reading from the partner page's form, then back to it.
pub(crate) async fn add_reading(
    State(app): State<Shared>,
    viewer: Viewer,
    Path(code): Path<String>,
    Form(form): Form<ReadingForm>,
) -> Result<Response, PageError> {
    viewer.check(&form.csrf)?;
    let mut errors = attache_domain::FieldErrors::default();
    let value = form.value.trim().parse::<f64>().map_err(|_| {
        attache_domain::FieldError::new("value", format!("'{}' is not a number", form.value))
    });
    let measured_on =
        NaiveDate::parse_from_str(form.measured_on.trim(), "%Y-%m-%d").map_err(|_| {
            attache_domain::FieldError::new(
                "measured_on",
                format!("'{}' is not a date (YYYY-MM-DD)", form.measured_on),
            )
        });
    let (value, measured_on) = (errors.take(value), errors.take(measured_on));
    let (Some(value), Some(measured_on)) = (value, measured_on) else {
        return Err(attache_app::AppError::from(errors).into());
    };
    let reading = IndicatorReading {
        indicator: form.indicator.trim().to_owned(),
        value,
        measured_on,
    };
    app.record_reading(&code, &reading, &viewer.actor).await?;
    let back = PartnerCode::parse("back", &form.back)
        .map_or("/partners".to_owned(), |p| format!("/partners/{p}#ame"));
    Ok(Redirect::to(&back).into_response())
}

/// A completed activity waiting for its assessment.
pub(crate) struct DueRow {
    pub activity: Stored<Activity>,
    pub due: NaiveDate,
    pub overdue: bool,
}

/// The dashboard's assessments due, for those who move activities along.
pub(crate) struct DuePanel {
    pub count: u64,
    pub overdue: u64,
    pub days: i64,
    pub rows: Vec<DueRow>,
}

impl DuePanel {
    pub(crate) async fn read(app: &App, actor: &Actor) -> Result<Option<Self>, PageError> {
        if !actor.can(Permission::MoveActivities) {
            return Ok(None);
        }
        let today = actor.at.date_naive();
        let due = app.assessments_due(actor).await?;
        let rows = due
            .first
            .into_iter()
            .map(|activity| {
                let due = assessment_due(activity.record.end);
                DueRow {
                    activity,
                    due,
                    overdue: due < today,
                }
            })
            .collect();
        Ok(Some(DuePanel {
            count: due.count,
            overdue: due.overdue,
            days: ASSESSMENT_DUE_DAYS,
            rows,
        }))
    }

    /// The classifications of the activities listed.
    pub(crate) fn shown(&self) -> impl Iterator<Item = Classification> + '_ {
        self.rows
            .iter()
            .map(|r| r.activity.record.label.classification)
    }

    pub(crate) fn more(&self) -> bool {
        self.count > self.rows.len() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_picture_draws_progress_and_rating_or_says_what_is_missing() {
        let svg = rollup_chart(
            "Per aim <all>",
            &[
                Bar {
                    name: "Build & maintain trust".into(),
                    progress: Some(0.5),
                    rating: Some(2.0),
                },
                Bar {
                    name: "Non-proliferation".into(),
                    progress: None,
                    rating: None,
                },
            ],
        );
        assert!(svg.contains("Per aim &lt;all&gt;"));
        assert!(svg.contains("Build &amp; maintain trust"));
        // Half of the plot for progress 50%, and for a rating of 2 of 4.
        let half = PLOT / 2;
        assert_eq!(
            svg.matches(&format!(r#"width="{half}""#)).count(),
            2,
            "{svg}"
        );
        assert!(svg.contains(">50%<") && svg.contains(">2.0<"));
        assert!(svg.contains("not measured") && svg.contains("not rated"));
        assert!(!svg.contains("style="));
    }
}
