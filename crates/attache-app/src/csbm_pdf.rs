//! The CSBM documents as PDF (krilla), laid out like the standard notification formats: a
//! ruled title block, then numbered sections of ruled label / value tables for a
//! notification, and one table row per activity for the annual calendar (on landscape
//! pages, its header row repeated on each). Set in DejaVu Sans (vendored in
//! `assets/fonts`, with its licence, so nothing is read from the system or the network).
//!
//! Layout first places everything on pages (`Sheet`, plain numbers), then krilla draws
//! the pages; so the page count is known for "page n of N", and tests can read the layout.

use krilla::Document;
use krilla::color::{luma, rgb};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

use crate::csbm::documents::{AnnualCalendar, Notification};
use crate::{AppError, Result};

const FONT: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
const MARGIN: f32 = 48.0;
const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const TITLE: f32 = 13.0;
/// Inside a cell: space around the text.
const PAD: f32 = 4.0;
/// DejaVu Sans averages a little over half its size per character: wrapping by count keeps
/// this simple and the text inside its cell.
const CHAR_WIDTH: f32 = 0.56;

/// A page size, in points.
#[derive(Debug, Clone, Copy)]
struct Paper {
    width: f32,
    height: f32,
}

const PORTRAIT: Paper = Paper {
    width: 595.0,
    height: 842.0,
};
const LANDSCAPE: Paper = Paper {
    width: 842.0,
    height: 595.0,
};

/// What is drawn on a page: text at its baseline, or a ruled (optionally shaded) box.
#[derive(Debug, Clone, PartialEq)]
enum Mark {
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
    },
    Cell {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        shaded: bool,
    },
}

/// `text` wrapped at word boundaries to `width` points at `size`.
fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let per_line = ((width / (size * CHAR_WIDTH)) as usize).max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > per_line {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

fn line_height(size: f32) -> f32 {
    size * 1.35
}

/// A table: column widths as shares of the text width, an optional header row (repeated
/// on each page the table runs onto), and rows of cells.
struct Table<'a> {
    shares: &'a [f32],
    header: Option<Vec<String>>,
    rows: Vec<Vec<String>>,
    size: f32,
}

/// Pages being filled, top to bottom.
struct Sheet {
    paper: Paper,
    pages: Vec<Vec<Mark>>,
    y: f32,
}

impl Sheet {
    fn new(paper: Paper) -> Self {
        Self {
            paper,
            pages: vec![Vec::new()],
            y: MARGIN,
        }
    }

    fn text_width(&self) -> f32 {
        self.paper.width - 2.0 * MARGIN
    }

    /// The bottom of the space for content (the lower banner and page number below).
    fn bottom(&self) -> f32 {
        self.paper.height - MARGIN
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Room for `height` more points on this page, or a new page.
    fn room(&mut self, height: f32) {
        if self.y + height > self.bottom() && self.y > MARGIN {
            self.new_page();
        }
    }

    fn mark(&mut self, mark: Mark) {
        if let Some(page) = self.pages.last_mut() {
            page.push(mark);
        }
    }

    fn text_at(&mut self, x: f32, y: f32, size: f32, text: &str) {
        self.mark(Mark::Text {
            x,
            y,
            size,
            text: text.to_owned(),
        });
    }

    /// A paragraph, wrapped to the text width.
    fn paragraph(&mut self, size: f32, text: &str) {
        for line in wrap(text, size, self.text_width()) {
            self.room(line_height(size));
            self.y += line_height(size);
            self.text_at(MARGIN, self.y - size * 0.3, size, &line);
        }
    }

    fn gap(&mut self, points: f32) {
        self.y += points;
    }

    /// The title block: a ruled, shaded box of centred-left lines, the first the largest.
    fn title_block(&mut self, lines: &[String]) {
        let width = self.text_width();
        let mut wrapped = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let size = if i == 0 { TITLE } else { BODY };
            wrapped.extend(
                wrap(line, size, width - 2.0 * PAD)
                    .into_iter()
                    .map(|l| (size, l)),
            );
        }
        let height: f32 = wrapped.iter().map(|(s, _)| line_height(*s)).sum::<f32>() + 2.0 * PAD;
        self.room(height);
        self.mark(Mark::Cell {
            x: MARGIN,
            y: self.y,
            w: width,
            h: height,
            shaded: true,
        });
        let mut y = self.y + PAD;
        for (size, line) in wrapped {
            y += line_height(size);
            self.text_at(MARGIN + PAD, y - size * 0.3, size, &line);
        }
        self.y += height;
    }

    /// One row of ruled cells, each cell's text wrapped within it.
    fn row(&mut self, shares: &[f32], cells: &[String], size: f32, shaded: bool) {
        let width = self.text_width();
        let columns: Vec<(f32, Vec<String>)> = shares
            .iter()
            .zip(cells)
            .map(|(share, cell)| {
                let w = share * width;
                (w, wrap(cell, size, w - 2.0 * PAD))
            })
            .collect();
        let lines = columns.iter().map(|(_, l)| l.len()).max().unwrap_or(1);
        let height = lines as f32 * line_height(size) + 2.0 * PAD;
        let mut x = MARGIN;
        for (w, cell) in columns {
            self.mark(Mark::Cell {
                x,
                y: self.y,
                w,
                h: height,
                shaded,
            });
            let mut y = self.y + PAD;
            for line in cell {
                y += line_height(size);
                self.text_at(x + PAD, y - size * 0.3, size, &line);
            }
            x += w;
        }
        self.y += height;
    }

    fn row_height(&self, shares: &[f32], cells: &[String], size: f32) -> f32 {
        let width = self.text_width();
        let lines = shares
            .iter()
            .zip(cells)
            .map(|(share, cell)| wrap(cell, size, share * width - 2.0 * PAD).len())
            .max()
            .unwrap_or(1);
        lines as f32 * line_height(size) + 2.0 * PAD
    }

    /// A table; a row that does not fit starts a new page, under the header row again.
    fn table(&mut self, table: &Table<'_>) {
        let header_height = table
            .header
            .as_ref()
            .map_or(0.0, |h| self.row_height(table.shares, h, table.size));
        let mut headed = false;
        for row in &table.rows {
            let height = self.row_height(table.shares, row, table.size);
            let before = self.pages.len();
            self.room(height + if headed { 0.0 } else { header_height });
            if self.pages.len() != before {
                headed = false;
            }
            if !headed && let Some(header) = &table.header {
                self.row(table.shares, header, table.size, true);
            }
            headed = true;
            self.row(table.shares, row, table.size, false);
        }
        self.gap(BODY);
    }

    /// A numbered section: its heading, kept with the first row of its table.
    fn section(&mut self, heading: &str, rows: Vec<(String, String)>) {
        let rows: Vec<Vec<String>> = rows.into_iter().map(|(l, v)| vec![l, v]).collect();
        let first = rows
            .first()
            .map_or(0.0, |r| self.row_height(&LABEL_VALUE, r, BODY));
        self.room(line_height(TITLE) + first);
        self.y += line_height(TITLE);
        self.text_at(MARGIN, self.y - 4.0, 11.0, heading);
        self.table(&Table {
            shares: &LABEL_VALUE,
            header: None,
            rows,
            size: BODY,
        });
    }

    /// The pages drawn, with the classification at the top and bottom of each and its
    /// number of the whole.
    fn render(self, banner: &str) -> Result<Vec<u8>> {
        let font = Font::new(FONT.into(), 0)
            .ok_or_else(|| AppError::Setup("the vendored PDF font cannot be read".into()))?;
        let paper = self.paper;
        let total = self.pages.len();
        let mut document = Document::new();
        for (n, marks) in self.pages.into_iter().enumerate() {
            let settings = PageSettings::from_wh(paper.width, paper.height)
                .ok_or_else(|| AppError::Setup("the PDF page size is invalid".into()))?;
            let mut page = document.start_page_with(settings);
            let mut surface = page.surface();
            let centre = |text: &str, size: f32| {
                paper.width / 2.0 - text.chars().count() as f32 * size * CHAR_WIDTH / 2.0
            };
            let text = |surface: &mut krilla::surface::Surface<'_>, x, y, size, s: &str| {
                surface.set_fill(Some(Fill::default()));
                surface.set_stroke(None);
                surface.draw_text(
                    Point::from_xy(x, y),
                    font.clone(),
                    size,
                    s,
                    false,
                    TextDirection::Auto,
                );
            };
            text(
                &mut surface,
                centre(banner, BODY),
                MARGIN / 2.0,
                BODY,
                banner,
            );
            for mark in marks {
                match mark {
                    Mark::Text {
                        x,
                        y,
                        size,
                        text: s,
                    } => text(&mut surface, x, y, size, &s),
                    Mark::Cell { x, y, w, h, shaded } => {
                        let Some(rect) = Rect::from_xywh(x, y, w, h) else {
                            continue;
                        };
                        let mut path = PathBuilder::new();
                        path.push_rect(rect);
                        let Some(path) = path.finish() else {
                            continue;
                        };
                        surface.set_fill(shaded.then(|| Fill {
                            paint: luma::Color::new(235).into(),
                            ..Fill::default()
                        }));
                        surface.set_stroke(Some(Stroke {
                            paint: rgb::Color::new(68, 68, 68).into(),
                            width: 0.6,
                            ..Stroke::default()
                        }));
                        surface.draw_path(&path);
                    }
                }
            }
            let number = format!("Page {} of {total}", n + 1);
            text(
                &mut surface,
                paper.width - MARGIN - number.chars().count() as f32 * SMALL * CHAR_WIDTH,
                paper.height - MARGIN / 2.0,
                SMALL,
                &number,
            );
            text(
                &mut surface,
                centre(banner, BODY),
                paper.height - MARGIN / 2.0 + BODY * 1.4,
                BODY,
                banner,
            );
            surface.finish();
            page.finish();
        }
        document
            .finish()
            .map_err(|e| AppError::Setup(format!("the PDF could not be made: {e:?}")))
    }
}

/// A label / value table: the label a third of the width.
const LABEL_VALUE: [f32; 2] = [0.36, 0.64];

impl Notification {
    /// Lays the notification out: the title block, then its numbered sections.
    fn sheet(&self) -> Sheet {
        let mut s = Sheet::new(PORTRAIT);
        s.title_block(&[
            "Vienna Document 2011".to_owned(),
            format!("{} (paragraph {})", self.document, self.paragraph),
            format!(
                "Notifying State: {}    Reference: {}",
                self.notifying_state, self.reference
            ),
        ]);
        s.gap(BODY);
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
        self.sheet().render(&self.classification)
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
        let mut s = Sheet::new(LANDSCAPE);
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
        s.gap(BODY);
        let shares: Vec<f32> = CALENDAR_COLUMNS.iter().map(|(w, _)| *w).collect();
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
            shares: &shares,
            header: Some(
                CALENDAR_COLUMNS
                    .iter()
                    .map(|(_, h)| (*h).to_owned())
                    .collect(),
            ),
            rows,
            size: SMALL,
        });
        let n = self.entries.len();
        s.paragraph(
            BODY,
            &format!(
                "{n} notifiable activit{}.",
                if n == 1 { "y" } else { "ies" }
            ),
        );
        s
    }

    pub fn pdf(&self) -> Result<Vec<u8>> {
        self.sheet().render(&self.classification)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::process::{Command, Stdio};

    use chrono::NaiveDate;

    use super::*;
    use crate::csbm::documents::{CalendarEntry, ForceLine};

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
                Mark::Cell { .. } => None,
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

    /// What Poppler's `pdftotext` reads from `pdf` (pages `first` to `last`), or `None`
    /// where it is not installed.
    fn pdftotext(pdf: &[u8], first: usize, last: usize) -> Option<String> {
        let mut child = Command::new("pdftotext")
            .args([
                "-layout",
                "-f",
                &first.to_string(),
                "-l",
                &last.to_string(),
                "-",
                "-",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .ok()?;
        child.stdin.take()?.write_all(pdf).ok()?;
        let out = child.wait_with_output().ok()?;
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// The page count Poppler's `pdfinfo` reads, or `None` where it is not installed.
    fn pdfinfo_pages(pdf: &[u8]) -> Option<usize> {
        let mut child = Command::new("pdfinfo")
            .arg("-")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .ok()?;
        child.stdin.take()?.write_all(pdf).ok()?;
        let out = child.wait_with_output().ok()?;
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
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
        assert_eq!(sheet.pages.len(), 1);
        let page = &sheet.pages[0];
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
        if let Some(pages) = pdfinfo_pages(&pdf) {
            assert_eq!(pages, 1);
        }
        if let Some(text) = pdftotext(&pdf, 1, 1) {
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
        let pages = sheet.pages.len();
        assert!(pages >= 3, "90 activities on {pages} page(s)");
        for (n, page) in sheet.pages.iter().enumerate() {
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
            .pages
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
            texts(&sheet.pages[pages - 1])
                .iter()
                .any(|t| t.starts_with("CAL-090"))
        );
        // Nothing below the bottom margin.
        for page in &sheet.pages {
            for mark in page {
                let bottom = match mark {
                    Mark::Text { y, .. } => *y,
                    Mark::Cell { y, h, .. } => y + h,
                };
                assert!(bottom <= LANDSCAPE.height - MARGIN + 0.01, "{mark:?}");
            }
        }
        let pdf = c.pdf().unwrap_or_default();
        assert_whole(&pdf);
        if let Some(found) = pdfinfo_pages(&pdf) {
            assert_eq!(found, pages);
        }
        if let Some(last) = pdftotext(&pdf, pages, pages) {
            assert!(last.contains("CAL-090"), "{last}");
            assert!(last.contains(&format!("Page {pages} of {pages}")), "{last}");
            assert!(last.contains("90 notifiable activities"), "{last}");
        }
        if let Some(first) = pdftotext(&pdf, 1, 1) {
            assert!(
                first.contains("Annual calendar") && first.contains("CAL-001"),
                "{first}"
            );
            assert!(!first.contains("CAL-090"), "{first}");
        }
    }

    #[test]
    fn long_values_wrap_inside_their_cells() {
        let lines = wrap("one two three four five six seven", BODY, 60.0);
        assert!(lines.len() > 1, "{lines:?}");
        let per_line = (60.0 / (BODY * CHAR_WIDTH)) as usize;
        assert!(
            lines.iter().all(|l| l.chars().count() <= per_line),
            "{lines:?}"
        );
    }
}
