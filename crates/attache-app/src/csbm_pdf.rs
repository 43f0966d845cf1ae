//! The CSBM documents as PDF: the same content as their HTML, laid out as lines on A4
//! pages (`pdf.rs`).

use crate::Result;
use crate::csbm_documents::{AnnualCalendar, Notification};
use crate::pdf::{BODY, Lines, TITLE};

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
