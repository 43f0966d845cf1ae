//! The analytics page: early warnings, engagement intensity over time, the relationship
//! network and its most central states, with links to every measure as CSV.

pub mod network;
pub mod world_map;

use attache_app::analytics::{AnalyticsQuery, AnalyticsText, Measure, MeasureTable};
use attache_documents::bars as chart;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Months;
use serde::Deserialize;
use serde_json::Value;

use crate::Shared;
use crate::pages::auth::Viewer;
use crate::pages::chrome::Chrome;
use crate::pages::filters;
use crate::pages::{PageError, render};
use network::Node;

/// States drawn in the network: the strongest, so that the picture stays legible.
const NODES_DRAWN: usize = 40;
const CENTRAL_LISTED: usize = 15;
const UPRIGHT_BARS: usize = 8;
/// Without a start date, the page looks at the last three years.
const DEFAULT_MONTHS: u32 = 36;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct AnalyticsForm {
    by: String,
    from: String,
    to: String,
    partner: String,
    /// An imported data set's name, or empty for the register.
    dataset: String,
    /// The data set the form was shown for (a hidden field): when the reader chose
    /// another, the dates chosen for the one before do not carry over.
    shown: Option<String>,
}

/// A row of the warnings or central-states tables, as text.
struct Line {
    cells: Vec<String>,
}

#[derive(askama::Template)]
#[template(path = "analytics/page.html")]
struct AnalyticsPage {
    chrome: Chrome,
    form: AnalyticsForm,
    /// The query string of the CSV links: the form's fields.
    query: String,
    warnings: Vec<Line>,
    central: Vec<Line>,
    series: String,
    network: String,
    world: String,
    activities: usize,
    /// The data sets the viewer may choose instead of the register.
    datasets: Vec<String>,
    ame: crate::pages::ame::AnalyticsAme,
    categories: String,
    /// The year the annual report link asks for.
    year: i32,
}

pub(crate) async fn show(
    State(app): State<Shared>,
    viewer: Viewer,
    Query(mut form): Query<AnalyticsForm>,
) -> Result<Response, PageError> {
    let actor = &viewer.actor;
    if form
        .shown
        .as_ref()
        .is_some_and(|shown| *shown != form.dataset)
    {
        form.from.clear();
        form.to.clear();
    }
    // A data set may lie decades back: it is shown whole unless a start is chosen.
    if form.from.trim().is_empty() && form.dataset.trim().is_empty() {
        let today = actor.at.date_naive();
        let start = today
            .checked_sub_months(Months::new(DEFAULT_MONTHS))
            .unwrap_or(today);
        form.from = start.to_string();
    }
    let query: AnalyticsQuery = AnalyticsText {
        by: form.by.clone(),
        from: form.from.clone(),
        to: form.to.clone(),
        partner: form.partner.clone(),
        dataset: form.dataset.clone(),
        ..AnalyticsText::default()
    }
    .parse()
    .map_err(attache_app::AppError::from)?;
    let datasets = app.datasets(actor).await?;
    // One read for every measure on the page.
    let measures = [
        Measure::Warnings,
        Measure::Intensity,
        Measure::Nodes,
        Measure::Links,
    ];
    let analysis = app.analysis(&measures, &query, actor).await?;
    let by_category = analysis.categories;
    let [warnings, intensity, nodes, links] = tables(analysis.tables)?;

    let subject = query
        .partner
        .as_ref()
        .map_or("all partners".to_owned(), |p| p.to_string());
    let title = format!("Engagement intensity with {subject}, by period (weighted, rounded)");
    let periods = per_period(&intensity);
    // Upright bars while their labels fit; rows beyond.
    let series = match periods.len() {
        0..=UPRIGHT_BARS => chart::bars(&title, &periods),
        _ => chart::rows(&title, &periods),
    };
    let network = draw_network(&nodes, &links);
    let mut per_partner = std::collections::HashMap::new();
    for row in &intensity.rows {
        *per_partner.entry(text(row, 0)).or_insert(0.0) += number(row, 2);
    }
    let world = world_map::draw(
        &format!("Engagement intensity by state, {}", period_words(&form)),
        &per_partner,
    );
    let mut by_eigenvector: Vec<&Vec<Value>> = nodes.rows.iter().collect();
    by_eigenvector.sort_by(|a, b| number(b, 4).total_cmp(&number(a, 4)));
    let central = by_eigenvector
        .into_iter()
        .take(CENTRAL_LISTED)
        .map(|r| Line {
            cells: vec![
                text(r, 0),
                text(r, 1),
                format!("{:.1}", number(r, 3)),
                format!("{:.3}", number(r, 4)),
                format!("{:.3}", number(r, 5)),
                format!("{}", number(r, 6) as usize + 1),
            ],
        })
        .collect();
    let warning_lines = warnings
        .rows
        .iter()
        .map(|r| Line {
            cells: vec![
                text(r, 0),
                text(r, 1),
                format!("{:.1}", number(r, 2)),
                format!("{:.1}", number(r, 3)),
                format!("{:.0}%", 100.0 * number(r, 4)),
            ],
        })
        .collect();
    let ame = crate::pages::ame::analytics_ame(&app, query.partner.as_ref(), actor).await?;
    let shown = [&warnings, &intensity, &nodes, &links]
        .map(|t| t.classification)
        .into_iter()
        .chain(datasets.iter().map(|d| d.record.label.classification))
        .chain([ame.classification, by_category.classification]);
    let chrome = Chrome::of(&viewer, "analytics", "Analytics").showing(shown);
    let query_string = serde_urlencoded::to_string([
        ("by", form.by.as_str()),
        ("from", form.from.as_str()),
        ("to", form.to.as_str()),
        ("partner", form.partner.as_str()),
        ("dataset", form.dataset.as_str()),
    ])
    .unwrap_or_default();
    let page = AnalyticsPage {
        chrome,
        form,
        query: query_string,
        warnings: warning_lines,
        central,
        series,
        network,
        world,
        activities: intensity.activities,
        datasets: datasets.into_iter().map(|d| d.record.name).collect(),
        ame,
        categories: by_category.svg(&format!(
            "Engagement intensity with {subject}, by period and category (weighted)"
        )),
        year: chrono::Datelike::year(&actor.at.date_naive()),
    };
    Ok(render(StatusCode::OK, &page))
}

/// "from 2023-11-25 to today" (or "in data set MIDS"), in words for a picture's title.
fn period_words(form: &AnalyticsForm) -> String {
    let (from, to) = (form.from.trim(), form.to.trim());
    let dataset = form.dataset.trim();
    if !dataset.is_empty() {
        let from = if from.is_empty() {
            String::new()
        } else {
            format!(" from {from}")
        };
        let to = if to.is_empty() {
            String::new()
        } else {
            format!(" to {to}")
        };
        return format!("in data set {dataset}{from}{to}");
    }
    format!(
        "from {from} to {}",
        if to.is_empty() { "today" } else { to }
    )
}

/// A measure row's cell as text (a missing cell is empty).
fn text(row: &[Value], i: usize) -> String {
    match row.get(i) {
        Some(Value::String(text)) => text.clone(),
        Some(value) => value.to_string(),
        None => String::new(),
    }
}

/// A measure row's cell as a number (a missing or other cell is zero).
fn number(row: &[Value], i: usize) -> f64 {
    row.get(i).and_then(Value::as_f64).unwrap_or_default()
}

/// The intensity summed over partners, per period, in period order.
fn per_period(intensity: &MeasureTable) -> Vec<(String, u64)> {
    let mut sums: std::collections::BTreeMap<String, f64> = Default::default();
    for row in &intensity.rows {
        *sums.entry(text(row, 1)).or_default() += number(row, 2);
    }
    sums.into_iter()
        .map(|(period, sum)| (period, sum.round() as u64))
        .collect()
}

fn draw_network(nodes: &MeasureTable, links: &MeasureTable) -> String {
    let mut strongest: Vec<Node> = nodes
        .rows
        .iter()
        .map(|r| Node {
            code: text(r, 0),
            community: number(r, 6) as usize,
            strength: number(r, 3),
        })
        .collect();
    strongest.sort_by(|a, b| b.strength.total_cmp(&a.strength));
    strongest.truncate(NODES_DRAWN);
    let index = |code: &str| strongest.iter().position(|n| n.code == code);
    let drawn: Vec<(usize, usize, f64)> = links
        .rows
        .iter()
        .filter_map(|r| Some((index(&text(r, 0))?, index(&text(r, 1))?, number(r, 2))))
        .collect();
    network::draw(
        &format!(
            "The relationship network: the {} strongest states, coloured by community",
            strongest.len()
        ),
        &strongest,
        &drawn,
    )
}

/// The measures a partner's page shows to those who may analyse: its intensity by quarter
/// over three years, and its warning if it has one.
pub(crate) struct PartnerMeasures {
    pub chart: String,
    /// Its intensity by quarter and category.
    pub categories: String,
    pub warning: Option<String>,
    pub classification: attache_domain::Classification,
}

pub(crate) async fn partner_measures(
    app: &attache_app::App,
    code: &attache_domain::PartnerCode,
    actor: &attache_domain::access::Actor,
) -> Result<Option<PartnerMeasures>, PageError> {
    if !actor.can(attache_domain::access::Permission::Analyse) {
        return Ok(None);
    }
    let today = actor.at.date_naive();
    let query = AnalyticsQuery {
        from: today.checked_sub_months(Months::new(DEFAULT_MONTHS)),
        partner: Some(code.clone()),
        ..AnalyticsQuery::default()
    };
    let analysis = app
        .analysis(&[Measure::Intensity, Measure::Warnings], &query, actor)
        .await?;
    let by_category = analysis.categories;
    let [intensity, warnings] = tables(analysis.tables)?;
    let own: Vec<(String, u64)> = intensity
        .rows
        .iter()
        .filter(|r| text(r, 0) == code.as_str())
        .map(|r| (text(r, 1), number(r, 2).round() as u64))
        .collect();
    let warning = warnings
        .rows
        .iter()
        .find(|r| text(r, 0) == code.as_str())
        .map(|r| {
            format!(
                "Engagement in {} ({:.1}) fell {:.0}% below its trailing average ({:.1}).",
                text(r, 1),
                number(r, 2),
                100.0 * number(r, 4),
                number(r, 3)
            )
        });
    Ok(Some(PartnerMeasures {
        chart: chart::rows(
            &format!("Engagement intensity with {code} by quarter (weighted, rounded)"),
            &own,
        ),
        warning,
        categories: by_category.svg(&format!(
            "Engagement intensity with {code} by quarter and category (weighted)"
        )),
        classification: intensity
            .classification
            .max(warnings.classification)
            .max(by_category.classification),
    }))
}

/// The tables of `App::measures`, one per measure asked for, as an array to destructure.
fn tables<const N: usize>(
    tables: Vec<attache_app::analytics::MeasureTable>,
) -> Result<[attache_app::analytics::MeasureTable; N], PageError> {
    <[_; N]>::try_from(tables).map_err(|got| {
        PageError::from(attache_app::AppError::Conflict(format!(
            "{} measure tables where {N} were asked for",
            got.len()
        )))
    })
}
