//! A declared military activity: what a CSBM officer records, and the checks that refuse
//! what the Vienna Document cannot apply to (negative counts, dates the wrong way round,
//! a state outside the OSCE, a territory outside the zone of application).

use std::collections::BTreeSet;
use std::collections::HashSet;
use std::fmt;

use attache_domain::activity::ordered_dates;
use attache_domain::{Classification, FieldError, FieldErrors, PartnerCode, SecurityLabel};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The kinds of military activity Chapter V names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    LandExercise,
    AmphibiousLanding,
    ParachuteAssault,
    Transfer,
    Concentration,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 5] = [
        ActivityKind::LandExercise,
        ActivityKind::AmphibiousLanding,
        ActivityKind::ParachuteAssault,
        ActivityKind::Transfer,
        ActivityKind::Concentration,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::LandExercise => "land_exercise",
            ActivityKind::AmphibiousLanding => "amphibious_landing",
            ActivityKind::ParachuteAssault => "parachute_assault",
            ActivityKind::Transfer => "transfer",
            ActivityKind::Concentration => "concentration",
        }
    }

    /// The name the notification formats use.
    pub fn title(self) -> &'static str {
        match self {
            ActivityKind::LandExercise => "Exercise of land forces",
            ActivityKind::AmphibiousLanding => "Amphibious landing",
            ActivityKind::ParachuteAssault => "Parachute assault by airborne forces",
            ActivityKind::Transfer => "Transfer of forces into the zone",
            ActivityKind::Concentration => "Concentration of forces",
        }
    }

    /// Landings and parachute assaults have their own, troops-only thresholds (40.2.1, 47.4).
    pub fn is_landing(self) -> bool {
        matches!(
            self,
            ActivityKind::AmphibiousLanding | ActivityKind::ParachuteAssault
        )
    }

    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let wanted = raw.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|k| k.as_str()).collect();
                FieldError::new(
                    field,
                    format!(
                        "'{raw}' is not a kind of military activity; use one of {}",
                        names.join(", ")
                    ),
                )
            })
    }
}

impl fmt::Display for ActivityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The forces an activity involves at its peak ("at any time during the activity").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forces {
    pub troops: i64,
    pub battle_tanks: i64,
    pub acvs: i64,
    /// Self-propelled and towed artillery, mortars and multiple rocket launchers, 100 mm up.
    pub artillery: i64,
    /// Aircraft sorties, helicopters excluded.
    pub sorties: i64,
}

/// A valid declared military activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MilitaryActivity {
    /// The officer's reference for the activity, unique in the register (`EX-2027-01`).
    pub reference: String,
    pub name: String,
    pub kind: ActivityKind,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The state on whose territory it takes place: the one that notifies (38.1).
    pub host: PartnerCode,
    /// The states whose forces take part, the host first when its forces do.
    pub participants: Vec<PartnerCode>,
    pub area: String,
    pub forces: Forces,
    /// Carried out without advance notice to the troops (41).
    pub alert: bool,
    /// Organised into a divisional structure or at least two brigades/regiments (40.1.1).
    pub divisional: bool,
    /// The day the notification was sent, if it was.
    pub notified_on: Option<NaiveDate>,
    /// The day of the first annual calendar (or two-years-ahead communication) listing it.
    pub calendared_on: Option<NaiveDate>,
    pub label: SecurityLabel,
}

impl MilitaryActivity {
    /// Whether the activity takes place on `day`.
    pub fn on(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

/// An activity as a form, a command or a CSV row gives it: text, not yet checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MilitaryActivityInput {
    pub reference: String,
    pub name: String,
    pub kind: String,
    pub start_date: String,
    pub end_date: String,
    pub host: String,
    /// Codes separated by `;` (blank: the host alone).
    pub participants: String,
    pub area: String,
    pub troops: String,
    pub battle_tanks: String,
    pub acvs: String,
    pub artillery: String,
    pub sorties: String,
    /// `yes` or `no` (blank: no).
    pub alert: String,
    /// `yes` or `no` (blank: yes).
    pub divisional: String,
    pub notified_on: String,
    pub calendared_on: String,
    pub classification: String,
    /// Codes separated by `;`.
    pub releasable_to: String,
}

/// What validation needs beyond the input: the reference data, as parameters.
#[derive(Debug, Clone, Default)]
pub struct CsbmContext {
    /// The OSCE participating states (alpha-3): the Vienna Document's states.
    pub participating: HashSet<String>,
    /// The participating states whose territory lies in the zone of application.
    pub in_zone: HashSet<String>,
    /// The writer's clearance: nothing is written above it.
    pub clearance: Classification,
}

const MAX_TEXT: usize = 200;

impl MilitaryActivityInput {
    /// Checks every rule and gives the valid activity, or every broken rule at once.
    pub fn validate(&self, ctx: &CsbmContext) -> Result<MilitaryActivity, FieldErrors> {
        let mut errors = FieldErrors::default();
        let reference = text(&mut errors, "reference", &self.reference, true);
        let name = text(&mut errors, "name", &self.name, true);
        let area = text(&mut errors, "area", &self.area, false);
        let kind = errors.take(ActivityKind::parse("kind", &self.kind));
        let (start, end) = ordered_dates(
            &mut errors,
            date("start_date", &self.start_date),
            date("end_date", &self.end_date),
        );
        let host = errors
            .take(PartnerCode::parse("host", &self.host))
            .and_then(|host| errors.take(participating("host", host, ctx)))
            .and_then(|host| errors.take(in_zone(host, kind, ctx)));
        let mut participants = Vec::new();
        for raw in split(&self.participants) {
            if let Some(code) = errors
                .take(PartnerCode::parse("participants", raw))
                .and_then(|code| errors.take(participating("participants", code, ctx)))
                && !participants.contains(&code)
            {
                participants.push(code);
            }
        }
        let forces = Forces {
            troops: count(&mut errors, "troops", &self.troops),
            battle_tanks: count(&mut errors, "battle_tanks", &self.battle_tanks),
            acvs: count(&mut errors, "acvs", &self.acvs),
            artillery: count(&mut errors, "artillery", &self.artillery),
            sorties: count(&mut errors, "sorties", &self.sorties),
        };
        let alert = errors.take(yes_no("alert", &self.alert, false));
        let divisional = errors.take(yes_no("divisional", &self.divisional, true));
        let notified_on = errors.take(optional_date("notified_on", &self.notified_on));
        let calendared_on = errors.take(optional_date("calendared_on", &self.calendared_on));
        let label = errors.take(label(&self.classification, &self.releasable_to, ctx));

        match (
            kind,
            start,
            end,
            host,
            alert,
            divisional,
            notified_on,
            calendared_on,
            label,
        ) {
            (
                Some(kind),
                Some(start),
                Some(end),
                Some(host),
                Some(alert),
                Some(divisional),
                Some(notified_on),
                Some(calendared_on),
                Some(label),
            ) if errors.is_empty() => {
                if participants.is_empty() {
                    participants.push(host.clone());
                }
                Ok(MilitaryActivity {
                    reference,
                    name,
                    kind,
                    start,
                    end,
                    host,
                    participants,
                    area,
                    forces,
                    alert,
                    divisional,
                    notified_on,
                    calendared_on,
                    label,
                })
            }
            _ => Err(errors),
        }
    }
}

impl From<&MilitaryActivity> for MilitaryActivityInput {
    /// The text form of a valid activity; validating it gives the activity back.
    fn from(a: &MilitaryActivity) -> Self {
        let yes = |b: bool| if b { "yes" } else { "no" }.to_owned();
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let codes = |c: &[PartnerCode]| {
            c.iter()
                .map(PartnerCode::as_str)
                .collect::<Vec<_>>()
                .join(";")
        };
        Self {
            reference: a.reference.clone(),
            name: a.name.clone(),
            kind: a.kind.to_string(),
            start_date: a.start.to_string(),
            end_date: a.end.to_string(),
            host: a.host.to_string(),
            participants: codes(&a.participants),
            area: a.area.clone(),
            troops: a.forces.troops.to_string(),
            battle_tanks: a.forces.battle_tanks.to_string(),
            acvs: a.forces.acvs.to_string(),
            artillery: a.forces.artillery.to_string(),
            sorties: a.forces.sorties.to_string(),
            alert: yes(a.alert),
            divisional: yes(a.divisional),
            notified_on: day(a.notified_on),
            calendared_on: day(a.calendared_on),
            classification: a.label.classification.to_string(),
            releasable_to: codes(&a.label.releasable_to),
        }
    }
}

fn split(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(';').map(str::trim).filter(|s| !s.is_empty())
}

pub(crate) fn text(
    errors: &mut FieldErrors,
    field: &'static str,
    raw: &str,
    required: bool,
) -> String {
    let value = raw.trim();
    if required && value.is_empty() {
        errors.push(field, "is required");
    } else if value.chars().count() > MAX_TEXT {
        errors.push(field, format!("longer than {MAX_TEXT} characters"));
    }
    value.to_owned()
}

pub(crate) fn date(field: &'static str, raw: &str) -> Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
        FieldError::new(
            field,
            format!("'{raw}' is not a date; write it as YYYY-MM-DD"),
        )
    })
}

fn optional_date(field: &'static str, raw: &str) -> Result<Option<NaiveDate>, FieldError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        date(field, raw).map(Some)
    }
}

/// A count of people or equipment: a whole number, zero or more (blank is zero).
fn count(errors: &mut FieldErrors, field: &'static str, raw: &str) -> i64 {
    let value = raw.trim().replace(['_', ','], "");
    if value.is_empty() {
        return 0;
    }
    match value.parse::<i64>() {
        Ok(n) if n < 0 => {
            errors.push(field, format!("{n} is negative; a count is zero or more"));
            0
        }
        Ok(n) => n,
        Err(_) => {
            errors.push(field, format!("'{raw}' is not a whole number"));
            0
        }
    }
}

fn yes_no(field: &'static str, raw: &str, blank: bool) -> Result<bool, FieldError> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "" => Ok(blank),
        "yes" | "true" | "y" | "1" => Ok(true),
        "no" | "false" | "n" | "0" => Ok(false),
        _ => Err(FieldError::new(
            field,
            format!("'{raw}' is neither yes nor no"),
        )),
    }
}

pub(crate) fn participating(
    field: &'static str,
    code: PartnerCode,
    ctx: &CsbmContext,
) -> Result<PartnerCode, FieldError> {
    if ctx.participating.contains(code.as_str()) {
        Ok(code)
    } else {
        Err(FieldError::new(
            field,
            format!(
                "{code} is not an OSCE participating state: the Vienna Document applies to \
                 its 57 participating states only"
            ),
        ))
    }
}

/// The host is the state whose territory the activity is on; that territory must be in the
/// zone of application. For a transfer the forces come from outside, and arrive in it.
fn in_zone(
    host: PartnerCode,
    kind: Option<ActivityKind>,
    ctx: &CsbmContext,
) -> Result<PartnerCode, FieldError> {
    if ctx.in_zone.contains(host.as_str()) {
        return Ok(host);
    }
    let what = match kind {
        Some(ActivityKind::Transfer) => "the state the forces are transferred to",
        _ => "the state on whose territory the activity takes place",
    };
    Err(FieldError::new(
        "host",
        format!(
            "{host}'s territory is outside the zone of application (Europe with its adjoining \
             sea area and air space, and the Central Asian participating states): an activity \
             there is not covered; name {what} in the zone"
        ),
    ))
}

pub(crate) fn label(
    classification: &str,
    releasable_to: &str,
    ctx: &CsbmContext,
) -> Result<SecurityLabel, FieldError> {
    let classification =
        Classification::parse("classification", classification)?.within(ctx.clearance)?;
    let codes = split(releasable_to)
        .map(|c| PartnerCode::parse("releasable_to", c))
        .collect::<Result<BTreeSet<_>, _>>()?;
    SecurityLabel::new(classification, codes.into_iter().collect())
}
