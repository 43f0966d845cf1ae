//! The documents a CSBM officer sends: the prior notification of a military activity
//! (Chapter V, laid out like the notification format of paragraph 38) and the annual
//! calendar (Chapter VII, paragraph 61), as structured JSON and as a readable HTML page.

use askama::Template;
use attache_csbm::{Evaluation, MilitaryActivity, rules};
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
