//! The CSBM documents as PDF (krilla): the same content as their HTML, laid out as lines on
//! A4 pages in DejaVu Sans (vendored in `assets/fonts`, with its licence, so nothing is read
//! from the system or the network).

use krilla::Document;
use krilla::geom::Point;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};

use crate::csbm_documents::{AnnualCalendar, Notification};
use crate::{AppError, Result};

const FONT: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const BODY: f32 = 10.0;
const TITLE: f32 = 13.0;

/// Lines of text, each with its size, to be set on as many pages as they need.
#[derive(Default)]
struct Lines(Vec<(f32, String)>);

impl Lines {
    /// Adds `text`, wrapped at word boundaries to the page's width. DejaVu Sans averages
    /// a little over half its size per character; wrapping by count keeps this simple and
    /// the lines inside the margins.
    fn add(&mut self, size: f32, text: &str) {
        let per_line = ((WIDTH - 2.0 * MARGIN) / (size * 0.56)) as usize;
        let mut line = String::new();
        for word in text.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > per_line {
                self.0.push((size, std::mem::take(&mut line)));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        self.0.push((size, line));
    }

    fn gap(&mut self) {
        self.0.push((BODY, String::new()));
    }

    fn render(self, banner: &str) -> Result<Vec<u8>> {
        let font = Font::new(FONT.into(), 0)
            .ok_or_else(|| AppError::Setup("the vendored PDF font cannot be read".into()))?;
        let settings = || {
            PageSettings::from_wh(WIDTH, HEIGHT)
                .ok_or_else(|| AppError::Setup("the PDF page size is invalid".into()))
        };
        let mut document = Document::new();
        let mut lines = self.0.into_iter().peekable();
        while lines.peek().is_some() {
            let mut page = document.start_page_with(settings()?);
            let mut surface = page.surface();
            let mut text = |y: f32, size: f32, s: &str| {
                surface.draw_text(
                    Point::from_xy(MARGIN, y),
                    font.clone(),
                    size,
                    s,
                    false,
                    TextDirection::Auto,
                );
            };
            text(MARGIN / 2.0, BODY, banner);
            let mut y = MARGIN;
            while let Some((size, line)) = lines.next_if(|_| y < HEIGHT - MARGIN) {
                y += size * 1.4;
                text(y, size, &line);
            }
            text(HEIGHT - MARGIN / 2.0, BODY, banner);
            surface.finish();
            page.finish();
        }
        document
            .finish()
            .map_err(|e| AppError::Setup(format!("the PDF could not be made: {e:?}")))
    }
}

impl Notification {
    pub fn pdf(&self) -> Result<Vec<u8>> {
        let mut l = Lines::default();
        l.add(TITLE, "Vienna Document 2011");
        l.add(
            TITLE,
            &format!("{} (paragraph {})", self.document, self.paragraph),
        );
        l.gap();
        let alert = if self.alert {
            " (alert activity, without advance notice to the troops)"
        } else {
            ""
        };
        for (n, (what, value)) in [
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
        ]
        .into_iter()
        .enumerate()
        {
            l.add(BODY, &format!("{}. {what}: {value}", n + 1));
        }
        l.gap();
        l.add(BODY, "8. Forces involved");
        for f in &self.forces {
            l.add(BODY, &format!("    {}: {}", f.what, f.number));
        }
        l.add(
            BODY,
            &format!(
                "Air-force participation (200 sorties or more, paragraph 40.1.2): {}.",
                if self.air_component {
                    "included"
                } else {
                    "none to notify"
                }
            ),
        );
        l.gap();
        l.add(BODY, "9. Observation");
        l.add(
            BODY,
            self.invitation
                .as_deref()
                .unwrap_or("Below the thresholds of paragraph 47.4: not subject to observation."),
        );
        l.gap();
        let sent = self
            .notified_on
            .map_or(String::new(), |d| format!(" Notified on {d}."));
        l.add(
            BODY,
            &format!("To be notified not later than {}.{sent}", self.notify_by),
        );
        l.render(&self.classification)
    }
}

impl AnnualCalendar {
    pub fn pdf(&self) -> Result<Vec<u8>> {
        let mut l = Lines::default();
        l.add(TITLE, "Vienna Document 2011");
        l.add(
            TITLE,
            &format!(
                "{}, {} (paragraph {})",
                self.document, self.year, self.paragraph
            ),
        );
        let by = self.exchange_by.map_or(String::new(), |d| {
            format!(", to be exchanged not later than {d}")
        });
        l.add(
            BODY,
            &format!("Submitted by {}{by}.", self.submitting_state),
        );
        l.gap();
        for (n, e) in self.entries.iter().enumerate() {
            l.add(
                BODY,
                &format!(
                    "{}. {} {}: {}, {} to {}, {} (territory of {}); participating States {}; \
                     {} troops, {} battle tanks; {}.",
                    n + 1,
                    e.reference,
                    e.designation,
                    e.kind,
                    e.start,
                    e.end,
                    e.area,
                    e.host,
                    e.participating_states.join(", "),
                    e.troops,
                    e.battle_tanks,
                    if e.observable {
                        "observable"
                    } else {
                        "not observable"
                    }
                ),
            );
        }
        l.gap();
        l.add(
            BODY,
            &format!("{} notifiable activities.", self.entries.len()),
        );
        l.render(&self.classification)
    }
}
