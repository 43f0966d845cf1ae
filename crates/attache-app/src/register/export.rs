//! Exporting activities: CSV and JSON in the interchange format (they import back without
//! loss), and iCalendar (RFC 5545) for calendar programs. Activities are read a page at a
//! time, so an export of any size runs in flat memory.

use std::io::Write;

use attache_domain::Stored;
use attache_domain::access::Actor;
use attache_domain::interchange::COLUMNS;
use attache_domain::query::{ActivityFilter, Cursor, Page, Sort};
use attache_domain::{Activity, ActivityInput, Classification, FieldError, Status};
use attache_store::traits::*;
use chrono::Days;
use icalendar::{Class, Component, Event, EventLike, EventStatus};

use crate::error::require;
use crate::{App, AppError, Result};
use attache_domain::access::Permission;

const PAGE: u32 = 1000;

/// How far back and ahead a calendar feed reaches, in days.
const FEED_PAST_DAYS: u64 = 31;
const FEED_AHEAD_DAYS: u64 = 366;
/// How often a calendar program is asked to fetch a feed again (RFC 7986).
const FEED_REFRESH: &str = "PT1H";
/// The setting (a metadata key) that caps a feed's classification.
const FEED_CLASSIFICATION: &str = "calendar_feed_classification";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
    Ics,
}

impl ExportFormat {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        match raw.to_ascii_lowercase().as_str() {
            "csv" => Ok(ExportFormat::Csv),
            "json" => Ok(ExportFormat::Json),
            "ics" | "ical" | "icalendar" => Ok(ExportFormat::Ics),
            _ => Err(FieldError::new(
                "format",
                format!("'{raw}' is not csv, json or ics"),
            )),
        }
    }
}

fn io(e: impl ToString) -> AppError {
    AppError::File {
        path: "output".into(),
        reason: e.to_string(),
    }
}

/// Where an export goes. It is written to as any `Write`, and has a turn after every page:
/// a network client that reads slowly then holds the export back, instead of the export
/// filling memory ahead of it.
pub trait ExportSink: Write + Send {
    fn page_done(&mut self) -> impl Future<Output = Result<()>> + Send {
        async { Ok(()) }
    }
}

/// A file or a terminal: written to as the export goes.
impl ExportSink for &mut (dyn Write + Send) {}

impl App {
    /// Writes every activity that matches the filter and that the viewer may see, by start
    /// date; gives the count.
    pub async fn export(
        &self,
        filter: &ActivityFilter,
        format: ExportFormat,
        out: impl ExportSink,
        viewer: &Actor,
    ) -> Result<u64> {
        require(viewer, Permission::ImportExport)?;
        self.write_export(filter, Writer::new(format, out)?, viewer)
            .await
    }

    /// A user's calendar feed, for a calendar program outside the system: the activities
    /// they may see from a month back to a year ahead, at most at the classification the
    /// administrators allow feeds (official unless set), named and with a refresh
    /// interval. Reading it needs only the right to read, unlike an export.
    pub async fn calendar_feed(&self, out: impl ExportSink, viewer: &Actor) -> Result<u64> {
        require(viewer, Permission::ReadRecords)?;
        let reader = Actor {
            clearance: viewer.clearance.min(self.feed_classification().await?),
            ..viewer.clone()
        };
        let today = viewer.at.date_naive();
        let filter = ActivityFilter {
            from: today.checked_sub_days(Days::new(FEED_PAST_DAYS)),
            to: today.checked_add_days(Days::new(FEED_AHEAD_DAYS)),
            ..ActivityFilter::default()
        };
        // A user's name is letters, digits and `._-`: nothing in it to escape.
        let name = format!("Attaché: {}", viewer.name);
        self.write_export(&filter, Writer::calendar(out, &name)?, &reader)
            .await
    }

    /// The highest classification a calendar feed carries.
    pub async fn feed_classification(&self) -> Result<Classification> {
        match self.store.meta(FEED_CLASSIFICATION).await? {
            Some(raw) => Ok(Classification::parse(FEED_CLASSIFICATION, &raw)?),
            None => Ok(Classification::Official),
        }
    }

    /// Sets the highest classification calendar feeds carry (administrators), audited.
    pub async fn set_feed_classification(
        &self,
        level: Classification,
        actor: &Actor,
    ) -> Result<()> {
        require(actor, Permission::ManageUsers)?;
        let store = &self.store;
        Ok(store
            .set_setting(FEED_CLASSIFICATION, level.as_str(), actor)
            .await?)
    }

    async fn write_export<W: ExportSink>(
        &self,
        filter: &ActivityFilter,
        mut writer: Writer<W>,
        viewer: &Actor,
    ) -> Result<u64> {
        let sort = Sort::default();
        let mut page = Page {
            after: None,
            limit: Some(PAGE),
        };
        let mut count = 0;
        loop {
            let activities = self.activities(filter, sort, &page, viewer).await?;
            for a in &activities {
                writer.write(a)?;
            }
            count += activities.len() as u64;
            writer.sink()?.page_done().await?;
            match activities.last() {
                Some(last) if activities.len() == PAGE as usize => {
                    page.after = Some(Cursor::after(last, sort))
                }
                _ => break,
            }
        }
        writer.finish()?.page_done().await?;
        Ok(count)
    }
}

/// The head of every iCalendar document this writes.
const CALENDAR_HEAD: &[u8] = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Attache//Defence engagement register//EN\r\nCALSCALE:GREGORIAN\r\n";

enum Writer<W: Write> {
    /// Rows go through a buffer, which `sink` hands on: `csv::Writer` cannot lend its
    /// writer out between rows.
    Csv {
        out: W,
        rows: Box<csv::Writer<Vec<u8>>>,
    },
    Json {
        out: W,
        first: bool,
    },
    Ics(W),
}

impl<W: Write> Writer<W> {
    fn new(format: ExportFormat, mut out: W) -> Result<Self> {
        Ok(match format {
            ExportFormat::Csv => {
                let mut rows = Box::new(csv::Writer::from_writer(Vec::new()));
                rows.write_record(COLUMNS).map_err(io)?;
                Writer::Csv { out, rows }
            }
            ExportFormat::Json => {
                out.write_all(b"[").map_err(io)?;
                Writer::Json { out, first: true }
            }
            ExportFormat::Ics => {
                out.write_all(CALENDAR_HEAD).map_err(io)?;
                Writer::Ics(out)
            }
        })
    }

    /// An iCalendar feed named `name`, which calendar programs refresh every hour.
    fn calendar(mut out: W, name: &str) -> Result<Self> {
        out.write_all(CALENDAR_HEAD).map_err(io)?;
        let properties = format!(
            "NAME:{name}\r\nX-WR-CALNAME:{name}\r\nREFRESH-INTERVAL;VALUE=DURATION:{FEED_REFRESH}\r\nX-PUBLISHED-TTL:{FEED_REFRESH}\r\n"
        );
        out.write_all(properties.as_bytes()).map_err(io)?;
        Ok(Writer::Ics(out))
    }

    fn write(&mut self, stored: &Stored<Activity>) -> Result<()> {
        match self {
            Writer::Csv { rows, .. } => rows
                .write_record(ActivityInput::from(&stored.record).cells())
                .map_err(io),
            Writer::Json { out, first } => {
                // One object a line: a JSON file's line numbers then point at its rows.
                out.write_all(if *first { b"\n" } else { b",\n" })
                    .map_err(io)?;
                *first = false;
                serde_json::to_writer(&mut *out, &ActivityInput::from(&stored.record)).map_err(io)
            }
            Writer::Ics(out) => {
                let mut text = String::new();
                event(stored).fmt_write(&mut text).map_err(io)?;
                out.write_all(text.as_bytes()).map_err(io)
            }
        }
    }

    /// The sink, with everything written so far handed to it.
    fn sink(&mut self) -> Result<&mut W> {
        match self {
            Writer::Csv { out, rows } => {
                let written =
                    std::mem::replace(rows, Box::new(csv::Writer::from_writer(Vec::new())));
                let bytes = written.into_inner().map_err(|e| io(e.error()))?;
                out.write_all(&bytes).map_err(io)?;
                Ok(out)
            }
            Writer::Json { out, .. } | Writer::Ics(out) => Ok(out),
        }
    }

    /// Ends the document; gives the sink back.
    fn finish(mut self) -> Result<W> {
        self.sink()?;
        match self {
            Writer::Csv { out, .. } => Ok(out),
            Writer::Json { mut out, .. } => {
                out.write_all(b"\n]\n").map_err(io)?;
                Ok(out)
            }
            Writer::Ics(mut out) => {
                out.write_all(b"END:VCALENDAR\r\n").map_err(io)?;
                Ok(out)
            }
        }
    }
}

/// An all-day event for an activity. Its UID is the activity's source and external id, so
/// a calendar that subscribes again updates events instead of duplicating them.
fn event(stored: &Stored<Activity>) -> Event {
    let a = &stored.record;
    let mut event = Event::new();
    event
        .uid(&calendar_text(&format!("{}@{}", a.external_id, a.source)))
        .summary(&calendar_text(&a.title))
        .starts(a.start)
        // DTEND of an all-day event is the day after the last day (RFC 5545 3.6.1).
        .ends(a.end.succ_opt().unwrap_or(a.end))
        .timestamp(stored.meta.updated_at)
        .status(match a.status {
            Status::Proposed | Status::Planned | Status::Postponed => EventStatus::Tentative,
            Status::Approved | Status::Completed | Status::Assessed => EventStatus::Confirmed,
            Status::Cancelled => EventStatus::Cancelled,
        })
        .class(match a.label.classification {
            Classification::Official => Class::Public,
            Classification::OfficialSensitive => Class::Private,
            Classification::Secret => Class::Confidential,
        })
        .add_property("CATEGORIES", a.category.as_str())
        .add_property("X-ATTACHE-CLASSIFICATION", a.label.classification.as_str());
    if let Some(location) = &a.location {
        if !location.name.is_empty() {
            event.location(&calendar_text(&location.name));
        }
        if let Some((lat, lon)) = location.coordinates {
            event.add_property("GEO", format!("{lat};{lon}"));
        }
    }
    let participants: Vec<String> = a.participants.iter().map(|p| p.to_text()).collect();
    let mut description = format!("Participants: {}", participants.join(", "));
    if !a.description.is_empty() {
        description = format!("{}\n\n{description}", a.description);
    }
    event.description(&calendar_text(&description));
    event
}

/// Text as an iCalendar TEXT value may hold it (RFC 5545 3.3.11): line breaks of one kind,
/// `\n`, which the writer escapes (a bare CR would break the line in a reader), and no
/// other control character but the tab.
fn calendar_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|&c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::calendar_text;

    #[test]
    fn calendar_text_has_one_kind_of_line_break_and_no_control_characters() {
        assert_eq!(calendar_text("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(
            calendar_text("tab\there\u{0}\u{b}\u{1b}[31m"),
            "tab\there[31m"
        );
    }
}
