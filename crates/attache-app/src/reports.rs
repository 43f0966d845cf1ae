//! The reports: a partner's brief and the annual defence engagement report.
//!
//! Each is gathered here into a struct, as the requesting user may see the register (every
//! read goes through the store's label filter), and carries the highest classification
//! among what it includes, which is its banner at the top and bottom. The same struct is
//! written as HTML (askama, `templates/reports/`) or as PDF (the documents crate's pages), for the
//! command line and the web alike. Reports hold measures, so they need `Analyse`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use askama::Template;
use attache_analytics::{Counted, Granularity, Period, Record, partner_intensity, trend_slope};
use attache_documents::{Sheet, Style};
use attache_domain::Stored;
use attache_domain::access::Actor;
use attache_domain::access::Permission;
use attache_domain::query::{ActivityFilter, Page, PartnerFilter, Sort, SortField};
use attache_domain::records::{Indicator, Partner, PartnerKind, StandingAim};
use attache_domain::{Activity, Category, Classification, PartnerCode};
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::analytics::series::CategorySeries;
use crate::analytics::{AnalyticsQuery, Measure};
use crate::error::require;
use crate::words::words;
use crate::{App, AppError, Result};

/// How many activities each list of a brief holds at most (one or two pages).
const LISTED: u32 = 40;
/// The years of quarters a brief's chart shows.
const CHARTED_MONTHS: u32 = 36;
/// Relationships the annual report ranks, and growing or fading ones it names.
const TOP: usize = 10;
const MOVERS: usize = 5;
const NOTABLE: usize = 15;
const LARGEST: usize = 5;

/// One activity as a report lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityLine {
    pub id: i64,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub title: String,
    pub category: String,
    pub status: String,
    /// The participants' codes, the host first.
    pub partners: String,
    pub classification: Classification,
}

impl ActivityLine {
    fn of(stored: &Stored<Activity>) -> ActivityLine {
        let a = &stored.record;
        ActivityLine {
            id: stored.meta.id,
            start: a.start,
            end: a.end,
            title: a.title.clone(),
            category: words(a.category),
            status: words(a.status),
            partners: a
                .participants
                .iter()
                .map(|p| p.partner.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            classification: a.label.classification,
        }
    }

    /// The line as one line of text.
    pub fn text(&self) -> String {
        let days = if self.end == self.start {
            self.start.to_string()
        } else {
            format!("{} to {}", self.start, self.end)
        };
        format!(
            "{days}  {} ({}; {}; {})",
            self.title, self.category, self.status, self.partners
        )
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AgreementLine {
    pub title: String,
    pub kind: String,
    pub parties: String,
    pub signed: NaiveDate,
    pub expiry: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveLine {
    pub code: String,
    pub title: String,
    pub aim: &'static str,
    pub indicators: Vec<Indicator>,
}

/// A partner's brief: the relationship on one or two pages.
#[derive(Debug, Clone, Serialize, Template)]
#[template(path = "reports/partner.html")]
pub struct PartnerBrief {
    pub classification: Classification,
    pub banner: &'static str,
    pub our_nation: String,
    pub prepared_by: String,
    pub today: NaiveDate,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub region: String,
    /// For a state, the organisations it belongs to; for an organisation, its members.
    pub memberships: Vec<String>,
    /// Engagement (weighted) in the 12 months up to today, and in the 12 before.
    pub intensity: f64,
    pub intensity_before: f64,
    pub activities_counted: usize,
    /// `growing`, `steady`, `fading` or `no engagement`, over the last eight quarters.
    pub trend: &'static str,
    pub warning: Option<String>,
    pub agreements: Vec<AgreementLine>,
    /// The last 12 months, the latest first, and how many more there were.
    pub past: Vec<ActivityLine>,
    pub past_more: u64,
    /// The next 6 months, the soonest first.
    pub upcoming: Vec<ActivityLine>,
    pub upcoming_more: u64,
    pub objectives: Vec<ObjectiveLine>,
    pub series: CategorySeries,
    /// The series as SVG, for the HTML.
    pub chart: String,
}

/// A line of totals: by region, category or standing aim.
#[derive(Debug, Clone, Serialize)]
pub struct Total {
    pub name: String,
    pub activities: usize,
    pub intensity: f64,
}

/// A partner's engagement in the year, beside the year before.
#[derive(Debug, Clone, Serialize)]
pub struct Relationship {
    pub code: String,
    pub name: String,
    pub intensity: f64,
    pub activities: u64,
    pub before: f64,
}

impl Relationship {
    /// The change from the year before, in words: `+25%`, `-40%`, `new`.
    pub fn change(&self) -> String {
        if self.before > 0.0 {
            format!(
                "{:+.0}%",
                100.0 * (self.intensity - self.before) / self.before
            )
        } else if self.intensity > 0.0 {
            "new".into()
        } else {
            "none".into()
        }
    }
}

/// The annual defence engagement report.
#[derive(Debug, Clone, Serialize, Template)]
#[template(path = "reports/annual.html")]
pub struct AnnualReport {
    pub classification: Classification,
    pub banner: &'static str,
    pub our_nation: String,
    pub prepared_by: String,
    pub today: NaiveDate,
    pub year: i32,
    /// Engagement that took place in the year: activities, weighted intensity, partners.
    pub activities: usize,
    pub intensity: f64,
    pub partners: usize,
    pub by_region: Vec<Total>,
    pub by_category: Vec<Total>,
    pub by_aim: Vec<Total>,
    pub top: Vec<Relationship>,
    pub growing: Vec<Relationship>,
    pub fading: Vec<Relationship>,
    /// Early warnings at the year's last complete quarter, as sentences.
    pub warnings: Vec<String>,
    pub high_level: Vec<ActivityLine>,
    pub multilateral: Vec<ActivityLine>,
    pub series: CategorySeries,
    pub chart: String,
}

/// What a report is wanted as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Pdf,
}

impl ReportFormat {
    pub fn parse(
        field: &'static str,
        raw: &str,
    ) -> Result<ReportFormat, attache_domain::FieldError> {
        match raw.trim() {
            "" | "html" => Ok(ReportFormat::Html),
            "pdf" => Ok(ReportFormat::Pdf),
            other => Err(attache_domain::FieldError::new(
                field,
                format!("'{other}' is not a report format; use html or pdf"),
            )),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Pdf => "pdf",
        }
    }
}

/// A report, written.
pub trait Report {
    fn classification(&self) -> Classification;
    fn html(&self) -> Result<String>;
    fn pdf(&self) -> Result<Vec<u8>>;

    fn written(&self, format: ReportFormat) -> Result<Vec<u8>> {
        match format {
            ReportFormat::Html => self.html().map(String::into_bytes),
            ReportFormat::Pdf => self.pdf(),
        }
    }
}

macro_rules! report {
    ($t:ty) => {
        impl Report for $t {
            fn classification(&self) -> Classification {
                self.classification
            }
            fn html(&self) -> Result<String> {
                self.render()
                    .map_err(|e| AppError::Setup(format!("the report could not be written: {e}")))
            }
            fn pdf(&self) -> Result<Vec<u8>> {
                self.to_pdf()
            }
        }
    };
}
report!(PartnerBrief);
report!(AnnualReport);

fn months_before(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_sub_months(Months::new(months)).unwrap_or(day)
}

/// A row of the warnings measure: the partner, the period, its engagement, the trailing
/// average and how far below it (a fraction); a missing cell reads as empty or zero.
struct WarningRow<'a> {
    partner: &'a str,
    period: &'a str,
    value: f64,
    average: f64,
    fall: f64,
}

impl<'a> WarningRow<'a> {
    fn of(cells: &'a [serde_json::Value]) -> Self {
        let text = |i: usize| {
            cells
                .get(i)
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
        };
        let number = |i: usize| {
            cells
                .get(i)
                .and_then(serde_json::Value::as_f64)
                .unwrap_or_default()
        };
        WarningRow {
            partner: text(0),
            period: text(1),
            value: number(2),
            average: number(3),
            fall: number(4),
        }
    }
}

impl App {
    /// The brief of one partner, as of the actor's today.
    pub async fn partner_brief(&self, code: &PartnerCode, actor: &Actor) -> Result<PartnerBrief> {
        require(actor, Permission::Analyse)?;
        let today = actor.at.date_naive();
        let partner = self.partner(code, actor).await?.record;
        let mut shown = vec![partner.label.classification];
        let memberships = self.memberships(&partner, actor, &mut shown).await?;
        let agreements: Vec<AgreementLine> = self
            .agreements(Some(code), actor)
            .await?
            .into_iter()
            .map(|s| {
                shown.push(s.record.label.classification);
                let a = s.record;
                AgreementLine {
                    title: a.title,
                    kind: words(a.kind),
                    parties: a
                        .parties
                        .iter()
                        .map(PartnerCode::as_str)
                        .collect::<Vec<_>>()
                        .join(", "),
                    signed: a.signed,
                    expiry: a.expiry,
                }
            })
            .collect();
        let objectives: Vec<ObjectiveLine> = self
            .objectives(Some(code), actor)
            .await?
            .into_iter()
            .map(|s| {
                shown.push(s.record.label.classification);
                let o = s.record;
                ObjectiveLine {
                    code: o.code,
                    title: o.title,
                    aim: o.aim.title(),
                    indicators: o.indicators,
                }
            })
            .collect();
        let year_ago = months_before(today, 12);
        let yesterday = today.pred_opt().unwrap_or(today);
        let (past, past_more) = self
            .listed(code, year_ago, yesterday, true, actor, &mut shown)
            .await?;
        let half_year = today.checked_add_months(Months::new(6)).unwrap_or(today);
        let (upcoming, upcoming_more) = self
            .listed(code, today, half_year, false, actor, &mut shown)
            .await?;

        let query = AnalyticsQuery {
            from: Some(months_before(today, CHARTED_MONTHS)),
            to: Some(today),
            partner: Some(code.clone()),
            ..AnalyticsQuery::default()
        };
        let read = self.read_measured(&query, actor).await?;
        shown.push(read.classification);
        let weighed = |from: NaiveDate, to: NaiveDate| -> (f64, usize) {
            let within: Vec<&Counted> = read
                .counted
                .iter()
                .filter(|c| c.start() >= from && c.start() < to)
                .collect();
            let sum = within
                .iter()
                .map(|c| query.weights.weight(c.category()))
                .fold(0.0, |sum, w| sum + w);
            (sum, within.len())
        };
        let (intensity, activities_counted) = weighed(year_ago, today);
        let (intensity_before, _) = weighed(months_before(today, 24), year_ago);
        let g = Granularity::Quarter;
        let series = CategorySeries::of(
            &read.counted,
            &query.weights,
            g,
            query.from.map(|d| Period::of(d, g)),
            Period::of(today, g),
        );
        let totals = series.totals();
        let trend = trend_words(totals.get(totals.len().saturating_sub(8)..).unwrap_or(&[]));
        let warnings = self
            .measure(
                Measure::Warnings,
                &AnalyticsQuery {
                    to: None,
                    ..query.clone()
                },
                actor,
            )
            .await?;
        shown.push(warnings.classification);
        let warning = warnings
            .rows
            .iter()
            .map(|r| WarningRow::of(r))
            .find(|r| r.partner == code.as_str())
            .map(|r| {
                format!(
                    "Engagement in {} ({:.1}) fell {:.0}% below its trailing average ({:.1}).",
                    r.period,
                    r.value,
                    100.0 * r.fall,
                    r.average
                )
            });
        let chart = series.svg(&format!(
            "Engagement with {code} by quarter and category (weighted)"
        ));
        let classification = shown.into_iter().max().unwrap_or_default();
        Ok(PartnerBrief {
            classification,
            banner: classification.banner(),
            our_nation: self.our_nation().to_string(),
            prepared_by: actor.name.clone(),
            today,
            code: code.to_string(),
            name: partner.name,
            kind: words(partner.kind),
            region: [partner.region, partner.subregion]
                .into_iter()
                .filter(|r| !r.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            memberships,
            intensity,
            intensity_before,
            activities_counted,
            trend,
            warning,
            agreements,
            past,
            past_more,
            upcoming,
            upcoming_more,
            objectives,
            series,
            chart,
        })
    }

    /// A state's organisations, or an organisation's members, by name where visible.
    async fn memberships(
        &self,
        partner: &Partner,
        actor: &Actor,
        shown: &mut Vec<Classification>,
    ) -> Result<Vec<String>> {
        let all = self.partners(&PartnerFilter::default(), actor).await?;
        let named = |p: &Partner| format!("{} ({})", p.name, p.code);
        Ok(match partner.kind {
            PartnerKind::State => all
                .iter()
                .filter(|o| o.record.members.contains(&partner.code))
                .inspect(|o| shown.push(o.record.label.classification))
                .map(|o| named(&o.record))
                .collect(),
            PartnerKind::Organisation => partner
                .members
                .iter()
                .map(|m| {
                    all.iter()
                        .find(|p| &p.record.code == m)
                        .map_or_else(|| m.to_string(), |p| named(&p.record))
                })
                .collect(),
        })
    }

    /// The partner's activities overlapping `from`–`to` (the latest first when `latest`),
    /// at most `LISTED`, and how many more there are.
    async fn listed(
        &self,
        code: &PartnerCode,
        from: NaiveDate,
        to: NaiveDate,
        latest: bool,
        actor: &Actor,
        shown: &mut Vec<Classification>,
    ) -> Result<(Vec<ActivityLine>, u64)> {
        let filter = ActivityFilter {
            partner: Some(code.clone()),
            from: Some(from),
            to: Some(to),
            ..ActivityFilter::default()
        };
        let sort = Sort {
            field: SortField::Start,
            descending: latest,
        };
        let page = Page {
            after: None,
            limit: Some(LISTED),
        };
        let lines: Vec<ActivityLine> = self
            .activities(&filter, sort, &page, actor)
            .await?
            .iter()
            .map(ActivityLine::of)
            .collect();
        shown.extend(lines.iter().map(|l| l.classification));
        let count = self.count_activities(&filter, actor).await?;
        Ok((lines.clone(), count.saturating_sub(lines.len() as u64)))
    }

    /// The annual defence engagement report for `year`.
    pub async fn annual_report(&self, year: i32, actor: &Actor) -> Result<AnnualReport> {
        require(actor, Permission::Analyse)?;
        let day = |y: i32, m: u32, d: u32| {
            NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
                AppError::from(attache_domain::FieldError::new(
                    "year",
                    format!("{year} is not a year Attaché can report on"),
                ))
            })
        };
        let (first, last) = (day(year, 1, 1)?, day(year, 12, 31)?);
        let before = day(year - 1, 1, 1)?;
        let today = actor.at.date_naive();
        let ours = self.our_nation().clone();
        let partners: HashMap<PartnerCode, Partner> = self
            .partners(&PartnerFilter::default(), actor)
            .await?
            .into_iter()
            .map(|p| (p.record.code.clone(), p.record))
            .collect();
        let mut shown = Vec::new();

        // Two years of engagement: the year, and the one before for the changes.
        let query = AnalyticsQuery {
            from: Some(before),
            to: Some(last),
            granularity: Granularity::Year,
            ..AnalyticsQuery::default()
        };
        let read = self.read_measured(&query, actor).await?;
        shown.push(read.classification);
        let weights = &query.weights;
        let this_year: Vec<Counted> = read
            .counted
            .iter()
            .filter(|c| c.start().year() == year)
            .cloned()
            .collect();
        // Folded from 0.0: an empty f64 sum is -0.0, which would print as such.
        let intensity = this_year
            .iter()
            .fold(0.0, |sum, c| sum + weights.weight(c.category()));

        let mut by_category: BTreeMap<Category, Total> = BTreeMap::new();
        let mut by_region: BTreeMap<String, Total> = BTreeMap::new();
        for c in &this_year {
            let weight = weights.weight(c.category());
            add(
                by_category
                    .entry(c.category())
                    .or_insert_with(|| total(words(c.category()))),
                weight,
            );
            let regions: BTreeSet<String> = c
                .participants()
                .iter()
                .filter(|p| **p != ours)
                .map(|p| match partners.get(p) {
                    Some(p) if p.kind == PartnerKind::Organisation => {
                        "Organisations and forums".to_owned()
                    }
                    Some(p) if !p.region.is_empty() => p.region.clone(),
                    _ => "Other".to_owned(),
                })
                .collect();
            for region in regions {
                add(
                    by_region
                        .entry(region.clone())
                        .or_insert_with(|| total(region)),
                    weight,
                );
            }
        }

        let table = partner_intensity(&read.counted, weights, Granularity::Year);
        let period = |y: i32| {
            Period::of(
                NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(first),
                Granularity::Year,
            )
        };
        let mut relationships: Vec<Relationship> = table
            .iter()
            .filter(|(code, _)| **code != ours)
            .filter_map(|(code, row)| {
                let now = row.get(&period(year)).copied().unwrap_or_default();
                let then = row.get(&period(year - 1)).copied().unwrap_or_default();
                let partner = partners.get(code)?;
                Some(Relationship {
                    code: code.to_string(),
                    name: partner.name.clone(),
                    intensity: now.intensity,
                    activities: now.activities,
                    before: then.intensity,
                })
            })
            .collect();
        let engaged = relationships.iter().filter(|r| r.intensity > 0.0).count();
        relationships.sort_by(|a, b| {
            b.intensity
                .total_cmp(&a.intensity)
                .then(a.code.cmp(&b.code))
        });
        let top: Vec<Relationship> = relationships.iter().take(TOP).cloned().collect();
        let change = |r: &Relationship| r.intensity - r.before;
        let mut growing: Vec<Relationship> = relationships
            .iter()
            .filter(|r| change(r) > 0.0)
            .cloned()
            .collect();
        growing.sort_by(|a, b| change(b).total_cmp(&change(a)));
        growing.truncate(MOVERS);
        let mut fading: Vec<Relationship> = relationships
            .iter()
            .filter(|r| change(r) < 0.0)
            .cloned()
            .collect();
        fading.sort_by(|a, b| change(a).total_cmp(&change(b)));
        fading.truncate(MOVERS);
        for r in top.iter().chain(&growing).chain(&fading) {
            if let Some(p) = PartnerCode::parse("partner", &r.code)
                .ok()
                .and_then(|c| partners.get(&c))
            {
                shown.push(p.label.classification);
            }
        }

        // Warnings at the year's last complete quarter (today's previous one in the year
        // under way).
        let quarter = Period::of(last.min(today), Granularity::Quarter);
        let quarter = if last < today {
            quarter
        } else {
            quarter.offset(-1)
        };
        let quarter_end = quarter_last_day(quarter).unwrap_or(last);
        let warnings = self
            .measure(
                Measure::Warnings,
                &AnalyticsQuery {
                    from: Some(before),
                    to: Some(quarter_end),
                    ..AnalyticsQuery::default()
                },
                actor,
            )
            .await?;
        shown.push(warnings.classification);
        let warnings = warnings
            .rows
            .iter()
            .map(|r| {
                let r = WarningRow::of(r);
                format!(
                    "{}: {:.1} in {}, {:.0}% below its trailing average of {:.1}.",
                    r.partner,
                    r.value,
                    r.period,
                    100.0 * r.fall,
                    r.average
                )
            })
            .collect();

        // The year's activities in full, for the aims they serve and the notable ones.
        let activities: Vec<Stored<Activity>> = self
            .activities(
                &ActivityFilter {
                    from: Some(first),
                    to: Some(last),
                    engagement_only: true,
                    ..ActivityFilter::default()
                },
                Sort::default(),
                &Page {
                    after: None,
                    limit: None,
                },
                actor,
            )
            .await?
            .into_iter()
            .filter(|a| a.record.start.year() == year)
            .filter(|a| !Counted::select([Record::from_activity(&a.record, false)]).is_empty())
            .collect();
        let aims: HashMap<String, StandingAim> = self
            .objectives(None, actor)
            .await?
            .into_iter()
            .map(|o| (o.record.code, o.record.aim))
            .collect();
        let mut by_aim: BTreeMap<Option<StandingAim>, Total> = BTreeMap::new();
        for a in &activities {
            shown.push(a.record.label.classification);
            let weight = weights.weight(a.record.category);
            let served: BTreeSet<Option<StandingAim>> = a
                .record
                .objectives
                .iter()
                .filter_map(|o| aims.get(o).copied())
                .map(Some)
                .collect();
            let served = if served.is_empty() {
                BTreeSet::from([None])
            } else {
                served
            };
            for aim in served {
                let name = aim.map_or("Not linked to an objective", StandingAim::title);
                add(
                    by_aim.entry(aim).or_insert_with(|| total(name.to_owned())),
                    weight,
                );
            }
        }
        let mut high_level: Vec<ActivityLine> = activities
            .iter()
            .filter(|a| a.record.category == Category::HighLevelEngagement)
            .map(ActivityLine::of)
            .collect();
        high_level.truncate(NOTABLE);
        let mut largest: Vec<&Stored<Activity>> = activities
            .iter()
            .filter(|a| a.record.participants.len() > 2)
            .collect();
        largest.sort_by_key(|a| std::cmp::Reverse(a.record.participants.len()));
        let multilateral = largest
            .into_iter()
            .take(LARGEST)
            .map(ActivityLine::of)
            .collect();

        let g = Granularity::Month;
        let series = CategorySeries::of(
            &this_year,
            weights,
            g,
            Some(Period::of(first, g)),
            Period::of(last, g),
        );
        let chart = series.svg(&format!(
            "Engagement in {year} by month and category (weighted)"
        ));
        let classification = shown.into_iter().max().unwrap_or_default();
        Ok(AnnualReport {
            classification,
            banner: classification.banner(),
            our_nation: ours.to_string(),
            prepared_by: actor.name.clone(),
            today,
            year,
            activities: this_year.len(),
            intensity,
            partners: engaged,
            by_region: by_total(by_region),
            by_category: by_total(by_category),
            by_aim: by_total(by_aim),
            top,
            growing,
            fading,
            warnings,
            high_level,
            multilateral,
            series,
            chart,
        })
    }
}

/// The totals, the highest intensity first.
fn by_total<K>(totals: BTreeMap<K, Total>) -> Vec<Total> {
    let mut totals: Vec<Total> = totals.into_values().collect();
    totals.sort_by(|a, b| {
        b.intensity
            .total_cmp(&a.intensity)
            .then(a.name.cmp(&b.name))
    });
    totals
}

fn total(name: String) -> Total {
    Total {
        name,
        activities: 0,
        intensity: 0.0,
    }
}

fn add(total: &mut Total, weight: f64) {
    total.activities += 1;
    total.intensity += weight;
}

fn quarter_last_day(quarter: Period) -> Option<NaiveDate> {
    let next = quarter.offset(1);
    NaiveDate::from_ymd_opt(next.year, u32::from(next.index - 1) * 3 + 1, 1)?.pred_opt()
}

/// The trend of a series in words, from its least-squares slope relative to its mean: a
/// change of more than 5% of the mean per period is growth or fading.
fn trend_words(values: &[f64]) -> &'static str {
    let mean = values.iter().sum::<f64>() / values.len().max(1) as f64;
    match trend_slope(values) {
        _ if mean <= 0.0 => "no engagement",
        Some(slope) if slope > 0.05 * mean => "growing",
        Some(slope) if slope < -0.05 * mean => "fading",
        _ => "steady",
    }
}

// As PDF: the same content as the HTML, as paragraphs and the chart, on the documents
// crate's pages.

fn pdf_activities(s: &mut Sheet, title: &str, lines: &[ActivityLine], more: u64, none: &str) {
    let body = s.style().body;
    s.heading(title);
    if lines.is_empty() {
        s.paragraph(body, none);
    }
    for line in lines {
        s.paragraph(body, &line.text());
    }
    if more > 0 {
        s.paragraph(body, &format!("… and {more} more."));
    }
}

fn pdf_chart(s: &mut Sheet, series: &CategorySeries) {
    let (height, shapes) = series.layout(s.text_width());
    s.picture(height, shapes);
}

fn pdf_totals(s: &mut Sheet, title: &str, totals: &[Total]) {
    let body = s.style().body;
    s.heading(title);
    for t in totals {
        s.paragraph(
            body,
            &format!(
                "{}: {} activities, intensity {:.1}",
                t.name, t.activities, t.intensity
            ),
        );
    }
}

fn pdf_relationships(s: &mut Sheet, title: &str, list: &[Relationship]) {
    let body = s.style().body;
    s.heading(title);
    if list.is_empty() {
        s.paragraph(body, "None.");
    }
    for r in list {
        s.paragraph(
            body,
            &format!(
                "{} ({}): intensity {:.1} from {} activities; {:.1} the year before ({})",
                r.name,
                r.code,
                r.intensity,
                r.activities,
                r.before,
                r.change()
            ),
        );
    }
}

fn pdf_written(sheet: &Sheet) -> Result<Vec<u8>> {
    sheet
        .pdf()
        .map_err(|e| AppError::Setup(format!("the report could not be written: {e}")))
}

impl PartnerBrief {
    fn to_pdf(&self) -> Result<Vec<u8>> {
        let mut s = Sheet::new(Style::REPORT, self.banner);
        let (body, title) = (s.style().body, s.style().title);
        s.paragraph(
            title,
            &format!("Partner brief: {} ({})", self.name, self.code),
        );
        s.paragraph(
            body,
            &format!(
                "Prepared for {} by {} on {}.",
                self.our_nation, self.prepared_by, self.today
            ),
        );
        s.heading("The relationship");
        s.paragraph(body, &format!("{}; {}.", self.kind, self.region));
        if !self.memberships.is_empty() {
            s.paragraph(
                body,
                &format!(
                    "Organisations and members: {}.",
                    self.memberships.join(", ")
                ),
            );
        }
        s.paragraph(
            body,
            &format!(
                "Engagement intensity over the last 12 months: {:.1} ({} activities that took place); the 12 months before: {:.1}. Trend over eight quarters: {}.",
                self.intensity, self.activities_counted, self.intensity_before, self.trend
            ),
        );
        if let Some(warning) = &self.warning {
            s.paragraph(body, &format!("Early warning: {warning}"));
        }
        s.heading("Engagement by quarter and category");
        pdf_chart(&mut s, &self.series);
        s.heading("Agreements");
        if self.agreements.is_empty() {
            s.paragraph(body, "None recorded.");
        }
        for a in &self.agreements {
            let expiry = a.expiry.map_or(String::new(), |e| format!(", expires {e}"));
            s.paragraph(
                body,
                &format!(
                    "{} ({}; {}; signed {}{expiry})",
                    a.title, a.kind, a.parties, a.signed
                ),
            );
        }
        pdf_activities(
            &mut s,
            "The last 12 months",
            &self.past,
            self.past_more,
            "None recorded.",
        );
        pdf_activities(
            &mut s,
            "The next 6 months",
            &self.upcoming,
            self.upcoming_more,
            "None planned.",
        );
        s.heading("Objectives");
        if self.objectives.is_empty() {
            s.paragraph(body, "None of its own.");
        }
        for o in &self.objectives {
            s.paragraph(body, &format!("{} ({}): {}", o.code, o.aim, o.title));
            for i in &o.indicators {
                s.paragraph(
                    body,
                    &format!(
                        "    {}: baseline {}, target {}",
                        i.name, i.baseline, i.target
                    ),
                );
            }
        }
        pdf_written(&s)
    }
}

impl AnnualReport {
    fn to_pdf(&self) -> Result<Vec<u8>> {
        let mut s = Sheet::new(Style::REPORT, self.banner);
        let (body, title) = (s.style().body, s.style().title);
        s.paragraph(
            title,
            &format!("Annual defence engagement report {}", self.year),
        );
        s.paragraph(
            body,
            &format!(
                "Prepared for {} by {} on {}. Engagement that took place: {} activities with {} partners, intensity {:.1}.",
                self.our_nation, self.prepared_by, self.today, self.activities, self.partners, self.intensity
            ),
        );
        s.heading("Engagement by month and category");
        pdf_chart(&mut s, &self.series);
        pdf_totals(&mut s, "By region", &self.by_region);
        pdf_totals(&mut s, "By category", &self.by_category);
        pdf_totals(&mut s, "By standing aim", &self.by_aim);
        pdf_relationships(&mut s, "Top relationships", &self.top);
        pdf_relationships(&mut s, "Growing", &self.growing);
        pdf_relationships(&mut s, "Fading", &self.fading);
        s.heading("Early warnings");
        if self.warnings.is_empty() {
            s.paragraph(body, "No partner fell markedly below its trailing average.");
        }
        for w in &self.warnings {
            s.paragraph(body, w);
        }
        pdf_activities(
            &mut s,
            "High-level engagement",
            &self.high_level,
            0,
            "None.",
        );
        pdf_activities(
            &mut s,
            "The largest multilateral activities",
            &self.multilateral,
            0,
            "None.",
        );
        pdf_written(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trend_is_named_by_its_slope_against_its_mean() {
        assert_eq!(trend_words(&[1.0, 2.0, 3.0, 4.0]), "growing");
        assert_eq!(trend_words(&[4.0, 3.0, 2.0, 1.0]), "fading");
        assert_eq!(trend_words(&[3.0, 3.1, 2.9, 3.0]), "steady");
        assert_eq!(trend_words(&[0.0, 0.0]), "no engagement");
        assert_eq!(trend_words(&[]), "no engagement");
    }

    #[test]
    fn a_quarter_ends_on_its_last_day() {
        let q = |y: i32, m: u32| {
            Period::of(
                NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default(),
                Granularity::Quarter,
            )
        };
        assert_eq!(
            quarter_last_day(q(2026, 11)),
            NaiveDate::from_ymd_opt(2026, 12, 31)
        );
        assert_eq!(
            quarter_last_day(q(2026, 2)),
            NaiveDate::from_ymd_opt(2026, 3, 31)
        );
    }

    #[test]
    fn a_change_is_a_share_of_the_year_before_or_new() {
        let r = |intensity, before| Relationship {
            code: "SGP".into(),
            name: "Singapore".into(),
            intensity,
            activities: 1,
            before,
        };
        assert_eq!(r(15.0, 10.0).change(), "+50%");
        assert_eq!(r(6.0, 10.0).change(), "-40%");
        assert_eq!(r(3.0, 0.0).change(), "new");
    }
}
