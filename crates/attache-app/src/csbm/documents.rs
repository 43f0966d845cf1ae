//! The documents a CSBM officer sends: the prior notification of a military activity
//! (Chapter V, laid out like the notification format of paragraph 38) and the annual
//! calendar (Chapter VII, paragraph 61), as structured JSON, as a readable HTML page, and
//! as PDF laid out like the standard notification formats: a ruled title block, then
//! numbered sections of ruled label / value tables for a notification, and one table row
//! per activity for the annual calendar (on landscape pages, its header row repeated on
//! each), set by the documents crate.

use askama::Template;
use attache_csbm::{Evaluation, MilitaryActivity, rules};
use attache_documents::page::A4_LANDSCAPE;
use attache_documents::{Sheet, Style, Table};
use attache_domain::access::Actor;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::csbm::Assessed;
use crate::{App, AppError, Result};

/// One line of the forces involved, as the format lists them.
#[derive(Debug, Clone, Serialize)]
pub struct ForceLine {
    pub what: &'static str,
    pub number: i64,
}

/// A prior notification (38, 40), ready to send through diplomatic channels.
#[derive(Debug, Clone, Serialize, Template)]
#[template(path = "csbm/notification.html")]
pub struct Notification {
    pub document: &'static str,
    pub paragraph: &'static str,
    pub notifying_state: String,
    pub reference: String,
    pub designation: String,
    pub kind: &'static str,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub area: String,
    pub participating_states: Vec<String>,
    pub forces: Vec<ForceLine>,
    pub alert: bool,
    pub air_component: bool,
    pub observable: bool,
    /// Observation: invitations go with the notification, to all other participating
    /// states, up to two observers each (48–50).
    pub invitation: Option<String>,
    pub notify_by: NaiveDate,
    pub notified_on: Option<NaiveDate>,
    pub classification: String,
}

impl Notification {
    pub fn of(activity: &MilitaryActivity, evaluation: &Evaluation) -> Self {
        let f = &activity.forces;
        Self {
            document: "Prior notification of a military activity",
            paragraph: evaluation.notify_paragraph,
            notifying_state: activity.host.to_string(),
            reference: activity.reference.clone(),
            designation: activity.name.clone(),
            kind: activity.kind.title(),
            start: activity.start,
            end: activity.end,
            area: activity.area.clone(),
            participating_states: activity
                .participants
                .iter()
                .map(ToString::to_string)
                .collect(),
            forces: vec![
                ForceLine {
                    what: "Troops, including support troops",
                    number: f.troops,
                },
                ForceLine {
                    what: "Battle tanks",
                    number: f.battle_tanks,
                },
                ForceLine {
                    what: "Armoured combat vehicles",
                    number: f.acvs,
                },
                ForceLine {
                    what: "Artillery pieces, mortars and multiple rocket launchers (100 mm and above)",
                    number: f.artillery,
                },
                ForceLine {
                    what: "Aircraft sorties (helicopters excluded)",
                    number: f.sorties,
                },
            ],
            alert: activity.alert,
            air_component: evaluation.air_component,
            observable: evaluation.observable,
            invitation: evaluation.observable.then(|| {
                "All other participating States are invited to send up to two observers \
                 (paragraphs 47.4, 48–50)."
                    .to_owned()
            }),
            notify_by: evaluation.notify_by,
            notified_on: activity.notified_on,
            classification: activity.label.classification.to_string().to_uppercase(),
        }
    }
}

/// One activity of the annual calendar.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarEntry {
    pub reference: String,
    pub designation: String,
    pub kind: &'static str,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub area: String,
    pub host: String,
    pub participating_states: Vec<String>,
    pub troops: i64,
    pub battle_tanks: i64,
    pub observable: bool,
}

/// The annual calendar of our nation's notifiable activities for a year (61), exchanged
/// by 15 November of the year before.
#[derive(Debug, Clone, Serialize, Template)]
#[template(path = "csbm/calendar.html")]
pub struct AnnualCalendar {
    pub document: &'static str,
    pub paragraph: &'static str,
    pub submitting_state: String,
    pub year: i32,
    pub exchange_by: Option<NaiveDate>,
    pub entries: Vec<CalendarEntry>,
    /// The highest label among the entries, for the banner.
    pub classification: String,
}

impl App {
    /// The notification of a declared activity; refused for one that is not notifiable.
    pub async fn csbm_notification(&self, id: i64, viewer: &Actor) -> Result<Notification> {
        let Assessed {
            activity,
            evaluation,
            ..
        } = self.military_activity(id, viewer).await?;
        if !evaluation.notifiable {
            return Err(AppError::Conflict(format!(
                "{} is below every threshold of paragraph {}: it is not notifiable",
                activity.reference,
                if activity.kind.is_landing() {
                    "40.2.1"
                } else {
                    "40.1.1"
                }
            )));
        }
        Ok(Notification::of(&activity, &evaluation))
    }

    /// Our nation's annual calendar for `year`: the notifiable activities (alert activities
    /// excepted: they are not announced) that start in the year and involve our forces or
    /// our territory.
    pub async fn csbm_calendar(&self, year: i32, viewer: &Actor) -> Result<AnnualCalendar> {
        let ours = self.our_nation().clone();
        let mut highest = attache_domain::Classification::Official;
        let entries = self
            .military_activities(year, viewer)
            .await?
            .into_iter()
            .filter(|a| a.evaluation.calendar.is_some() && a.activity.start.year() == year)
            .filter(|a| a.activity.host == ours || a.activity.participants.contains(&ours))
            .inspect(|a| highest = highest.max(a.activity.label.classification))
            .map(
                |Assessed {
                     activity: a,
                     evaluation: e,
                     ..
                 }| CalendarEntry {
                    reference: a.reference,
                    designation: a.name,
                    kind: a.kind.title(),
                    start: a.start,
                    end: a.end,
                    area: a.area,
                    host: a.host.to_string(),
                    participating_states: a.participants.iter().map(ToString::to_string).collect(),
                    troops: a.forces.troops,
                    battle_tanks: a.forces.battle_tanks,
                    observable: e.observable,
                },
            )
            .collect();
        Ok(AnnualCalendar {
            document: "Annual calendar of military activities subject to prior notification",
            paragraph: rules::rule(attache_csbm::Param::CalendarDay).paragraph,
            submitting_state: ours.to_string(),
            year,
            exchange_by: attache_csbm::evaluate::month_day(
                attache_csbm::Param::CalendarDay,
                year - 1,
            ),
            entries,
            classification: highest.to_string().to_uppercase(),
        })
    }
}

fn pdf_written(sheet: &Sheet) -> Result<Vec<u8>> {
    sheet
        .pdf()
        .map_err(|e| AppError::Setup(format!("the PDF could not be made: {e}")))
}

impl Notification {
    /// Lays the notification out: the title block, then its numbered sections.
    fn sheet(&self) -> Sheet {
        let mut s = Sheet::new(Style::FORM, &self.classification);
        s.title_block(&[
            "Vienna Document 2011".to_owned(),
            format!("{} (paragraph {})", self.document, self.paragraph),
            format!(
                "Notifying State: {}    Reference: {}",
                self.notifying_state, self.reference
            ),
        ]);
        s.gap(s.style().body);
        let alert = if self.alert {
            " (alert activity, without advance notice to the troops)"
        } else {
            ""
        };
        let general = [
            ("Notifying State", self.notifying_state.clone()),
            ("Reference", self.reference.clone()),
            ("Designation of the activity", self.designation.clone()),
            ("Type of military activity", format!("{}{alert}", self.kind)),
            (
                "Start and end dates",
                format!("{} to {}", self.start, self.end),
            ),
            ("Area of the activity", self.area.clone()),
            ("Participating States", self.participating_states.join(", ")),
        ];
        s.section(
            "1–7. The activity",
            general
                .into_iter()
                .enumerate()
                .map(|(n, (label, value))| (format!("{}. {label}", n + 1), value))
                .collect(),
        );
        let mut forces: Vec<(String, String)> = self
            .forces
            .iter()
            .map(|f| (f.what.to_owned(), f.number.to_string()))
            .collect();
        forces.push((
            "Air-force participation (200 sorties or more, paragraph 40.1.2)".to_owned(),
            if self.air_component {
                "included"
            } else {
                "none to notify"
            }
            .to_owned(),
        ));
        s.section("8. Forces involved", forces);
        s.section(
            "9. Observation",
            vec![
                (
                    "Subject to observation (paragraph 47.4)".to_owned(),
                    if self.observable { "yes" } else { "no" }.to_owned(),
                ),
                (
                    "Invitation".to_owned(),
                    self.invitation.clone().unwrap_or_else(|| {
                        "Below the thresholds of paragraph 47.4: not subject to observation."
                            .to_owned()
                    }),
                ),
            ],
        );
        s.section(
            "10. Notification",
            vec![
                (
                    "To be notified not later than".to_owned(),
                    self.notify_by.to_string(),
                ),
                (
                    "Notified on".to_owned(),
                    self.notified_on
                        .map_or_else(|| "not yet".to_owned(), |d| d.to_string()),
                ),
            ],
        );
        s
    }

    pub fn pdf(&self) -> Result<Vec<u8>> {
        pdf_written(&self.sheet())
    }
}

/// The calendar's columns: shares of the width, and headings.
const CALENDAR_COLUMNS: [(f32, &str); 10] = [
    (0.04, "No."),
    (0.15, "Reference and designation"),
    (0.12, "Type"),
    (0.10, "Dates"),
    (0.15, "Area"),
    (0.06, "State"),
    (0.16, "Participating States"),
    (0.07, "Troops"),
    (0.07, "Battle tanks"),
    (0.08, "Observable"),
];

impl AnnualCalendar {
    /// Lays the calendar out: the title block, then one row per activity.
    fn sheet(&self) -> Sheet {
        let mut s = Sheet::new(Style::FORM.on(A4_LANDSCAPE), &self.classification);
        let by = self.exchange_by.map_or(String::new(), |d| {
            format!(", to be exchanged not later than {d}")
        });
        s.title_block(&[
            "Vienna Document 2011".to_owned(),
            format!(
                "{}, {} (paragraph {})",
                self.document, self.year, self.paragraph
            ),
            format!("Submitted by {}{by}.", self.submitting_state),
        ]);
        s.gap(s.style().body);
        let shares: Vec<f32> = CALENDAR_COLUMNS.iter().map(|(w, _)| *w).collect();
        let (body, small) = (s.style().body, s.style().small);
        let rows = self
            .entries
            .iter()
            .enumerate()
            .map(|(n, e)| {
                vec![
                    (n + 1).to_string(),
                    format!("{} {}", e.reference, e.designation),
                    e.kind.to_owned(),
                    format!("{} to {}", e.start, e.end),
                    e.area.clone(),
                    e.host.clone(),
                    e.participating_states.join(", "),
                    e.troops.to_string(),
                    e.battle_tanks.to_string(),
                    if e.observable { "yes" } else { "no" }.to_owned(),
                ]
            })
            .collect();
        s.table(&Table {
            shares,
            header: Some(
                CALENDAR_COLUMNS
                    .iter()
                    .map(|(_, h)| (*h).to_owned())
                    .collect(),
            ),
            rows,
            size: small,
        });
        let n = self.entries.len();
        s.paragraph(
            body,
            &format!(
                "{n} notifiable activit{}.",
                if n == 1 { "y" } else { "ies" }
            ),
        );
        s
    }

    pub fn pdf(&self) -> Result<Vec<u8>> {
        pdf_written(&self.sheet())
    }
}

#[cfg(test)]
mod tests {

    use chrono::NaiveDate;

    use super::*;
    use attache_documents::font;
    use attache_documents::page::Mark;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn notification() -> Notification {
        Notification {
            document: "Prior notification of a military activity",
            paragraph: "38",
            notifying_state: "GBR".into(),
            reference: "EX-2027-01".into(),
            designation: "Exercise Iron Column".into(),
            kind: "Exercise of land forces",
            start: day("2027-09-10"),
            end: day("2027-09-20"),
            area: "Salisbury Plain training area".into(),
            participating_states: vec!["GBR".into(), "DEU".into()],
            forces: vec![
                ForceLine {
                    what: "Troops, including support troops",
                    number: 14_000,
                },
                ForceLine {
                    what: "Battle tanks",
                    number: 120,
                },
            ],
            alert: false,
            air_component: true,
            observable: true,
            invitation: Some("All other participating States are invited.".into()),
            notify_by: day("2027-07-30"),
            notified_on: None,
            classification: "OFFICIAL".into(),
        }
    }

    fn calendar(entries: usize) -> AnnualCalendar {
        AnnualCalendar {
            document: "Annual calendar of military activities subject to prior notification",
            paragraph: "61",
            submitting_state: "GBR".into(),
            year: 2027,
            exchange_by: Some(day("2026-11-15")),
            entries: (1..=entries)
                .map(|n| CalendarEntry {
                    reference: format!("CAL-{n:03}"),
                    designation: format!("Exercise number {n}"),
                    kind: "Exercise of land forces",
                    start: day("2027-03-01"),
                    end: day("2027-03-09"),
                    area: "Lower Saxony and the North German plain".into(),
                    host: "DEU".into(),
                    participating_states: vec!["DEU".into(), "GBR".into(), "NLD".into()],
                    troops: 9_000 + n as i64,
                    battle_tanks: 40,
                    observable: false,
                })
                .collect(),
            classification: "OFFICIAL".into(),
        }
    }

    fn texts(page: &[Mark]) -> Vec<&str> {
        page.iter()
            .filter_map(|m| match m {
                Mark::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    fn cells(page: &[Mark]) -> (usize, usize) {
        let shaded = |want: bool| {
            page.iter()
                .filter(|m| matches!(m, Mark::Cell { shaded, .. } if *shaded == want))
                .count()
        };
        (shaded(true), shaded(false))
    }

    /// A whole PDF file: its header and its end-of-file marker.
    fn assert_whole(pdf: &[u8]) {
        assert!(pdf.starts_with(b"%PDF-"), "a PDF header");
        let tail = String::from_utf8_lossy(&pdf[pdf.len().saturating_sub(32)..]).into_owned();
        assert!(tail.contains("%%EOF"), "an end-of-file marker: {tail}");
    }

    #[test]
    fn a_notification_is_a_title_block_and_numbered_ruled_sections() {
        let n = notification();
        let sheet = n.sheet();
        assert_eq!(sheet.content().len(), 1);
        let page = &sheet.content()[0];
        let (shaded, ruled) = cells(page);
        assert_eq!(shaded, 1, "the title block");
        // Label and value cells: seven general rows, three forces, two of observation,
        // two of notification.
        assert_eq!(ruled, 2 * (7 + 3 + 2 + 2));
        let words = texts(page);
        for w in [
            "Vienna Document 2011",
            "1–7. The activity",
            "1. Notifying State",
            "7. Participating States",
            "8. Forces involved",
            "9. Observation",
            "10. Notification",
            "14000",
        ] {
            assert!(words.contains(&w), "{w} in {words:?}");
        }
        let pdf = n.pdf().unwrap_or_default();
        assert_whole(&pdf);
        if let Some(pages) = attache_testkit::poppler::pages(&pdf) {
            assert_eq!(pages, 1);
        }
        if let Some(text) = attache_testkit::poppler::text(&pdf, 1, 1) {
            for w in [
                "OFFICIAL",
                "Prior notification of a military activity",
                "1. Notifying State",
                "Exercise Iron Column",
                "8. Forces involved",
                "Page 1 of 1",
            ] {
                assert!(text.contains(w), "{w} in {text}");
            }
        }
    }

    #[test]
    fn a_long_calendar_breaks_across_pages_under_its_header_row() {
        let c = calendar(90);
        let sheet = c.sheet();
        let pages = sheet.content().len();
        assert!(pages >= 3, "90 activities on {pages} page(s)");
        for (n, page) in sheet.content().iter().enumerate() {
            let words = texts(page);
            assert!(
                words.contains(&"Reference and"),
                "the header row on page {}",
                n + 1
            );
            let (shaded, _) = cells(page);
            let title = usize::from(n == 0);
            assert_eq!(shaded, title + CALENDAR_COLUMNS.len(), "page {}", n + 1);
        }
        // Every activity once, in order, the last on the last page.
        let all: Vec<&str> = sheet
            .content()
            .iter()
            .flat_map(|p| texts(p))
            .filter(|t| t.starts_with("CAL-"))
            .collect();
        let expected: Vec<String> = (1..=90).map(|n| format!("CAL-{n:03}")).collect();
        assert_eq!(
            all.iter()
                .map(|t| t.split_whitespace().next().unwrap_or_default())
                .collect::<Vec<_>>(),
            expected
        );
        assert!(
            texts(&sheet.content()[pages - 1])
                .iter()
                .any(|t| t.starts_with("CAL-090"))
        );
        // Nothing below the bottom margin.
        for page in sheet.content() {
            for mark in page {
                let bottom = match mark {
                    Mark::Text { y, .. } => *y,
                    Mark::Cell { y, h, .. } => y + h,
                    Mark::Picture { y, .. } => *y,
                };
                assert!(
                    bottom <= A4_LANDSCAPE.height - Style::FORM.margin + 0.01,
                    "{mark:?}"
                );
            }
        }
        let pdf = c.pdf().unwrap_or_default();
        assert_whole(&pdf);
        if let Some(found) = attache_testkit::poppler::pages(&pdf) {
            assert_eq!(found, pages);
        }
        if let Some(last) = attache_testkit::poppler::text(&pdf, pages, pages) {
            assert!(last.contains("CAL-090"), "{last}");
            assert!(last.contains(&format!("Page {pages} of {pages}")), "{last}");
            assert!(last.contains("90 notifiable activities"), "{last}");
        }
        if let Some(first) = attache_testkit::poppler::text(&pdf, 1, 1) {
            assert!(
                first.contains("Annual calendar") && first.contains("CAL-001"),
                "{first}"
            );
            assert!(!first.contains("CAL-090"), "{first}");
        }
    }

    #[test]
    fn long_values_wrap_inside_their_cells() {
        let body = Style::FORM.body;
        let lines = font::wrap("one two three four five six seven", body, 60.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(
            lines.iter().all(|l| font::width(l, body) <= 60.0),
            "{lines:?}"
        );
    }
}
