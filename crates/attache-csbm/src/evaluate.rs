//! One activity against the thresholds: notifiable, observable, when to notify, whether and
//! by when it goes in the annual calendar, and each threshold with its margin.

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::activity::{Forces, MilitaryActivity};
use crate::rules::{self, Comparison, Param, Unit};

/// A value within this share below a threshold is near it (5%): declaring an exercise just
/// under a threshold is a known way to avoid observation.
const NEAR_PERCENT: i64 = 5;

/// One threshold against the activity's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Margin {
    pub param: Param,
    pub paragraph: &'static str,
    pub about: &'static str,
    pub unit: Unit,
    pub comparison: Comparison,
    pub threshold: i64,
    pub value: i64,
    /// `value - threshold`: negative below, positive above.
    pub margin: i64,
    /// Whether the value reaches the threshold in the text's sense.
    pub met: bool,
    /// Not met, but within 5% below.
    pub near: bool,
}

impl Margin {
    fn of(param: Param, value: i64) -> Self {
        let rule = rules::rule(param);
        let met = rule.comparison.holds(value, rule.value);
        Self {
            param,
            paragraph: rule.paragraph,
            about: rule.about,
            unit: rule.unit,
            comparison: rule.comparison,
            threshold: rule.value,
            value,
            margin: value - rule.value,
            met,
            near: !met && value > 0 && value * 100 >= rule.value * (100 - NEAR_PERCENT),
        }
    }
}

/// By when the activity must be in an annual calendar, and under which paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarDue {
    pub deadline: NaiveDate,
    pub paragraph: &'static str,
}

/// Where an activity stands under the constraining provisions (Chapter VIII).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SizeClass {
    /// More than 40,000 troops or 900 battle tanks (67).
    pub big: bool,
    /// More than 13,000 troops or 300 tanks, and not big (67.1).
    pub medium: bool,
    /// Medium and more than 25,000 troops or 400 tanks (67.1.1).
    pub larger: bool,
}

impl SizeClass {
    /// Counted for simultaneity: more than 13,000 troops or 300 battle tanks (67.2).
    pub fn constrained(self) -> bool {
        self.big || self.medium
    }
}

/// Everything the Vienna Document says about one activity on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    pub notifiable: bool,
    pub observable: bool,
    /// Air-force participation (200 sorties) goes into the notification (40.1.2).
    pub air_component: bool,
    /// The last day the notification may be sent.
    pub notify_by: NaiveDate,
    pub notify_paragraph: &'static str,
    pub calendar: Option<CalendarDue>,
    pub size: SizeClass,
    pub margins: Vec<Margin>,
    pub near_threshold: bool,
}

/// The thresholds that make an activity of this kind notifiable, and observable.
fn threshold_params(a: &MilitaryActivity) -> (&'static [Param], &'static [Param]) {
    if a.kind.is_landing() {
        (
            &[Param::NotifyLandingTroops],
            &[Param::ObserveLandingTroops],
        )
    } else {
        (
            &[
                Param::NotifyTroops,
                Param::NotifyTanks,
                Param::NotifyAcvs,
                Param::NotifyArtillery,
            ],
            &[
                Param::ObserveTroops,
                Param::ObserveTanks,
                Param::ObserveAcvs,
                Param::ObserveArtillery,
            ],
        )
    }
}

fn counted(param: Param, f: &Forces) -> i64 {
    match rules::rule(param).unit {
        Unit::BattleTanks => f.battle_tanks,
        Unit::Acvs => f.acvs,
        Unit::ArtilleryPieces => f.artillery,
        Unit::Sorties => f.sorties,
        _ => f.troops,
    }
}

/// The size thresholds shown beside the notification and observation ones.
const SIZE_PARAMS: [Param; 7] = [
    Param::MediumTroops,
    Param::MediumTanks,
    Param::LargerTroops,
    Param::LargerTanks,
    Param::BigTroops,
    Param::BigTanks,
    Param::TwoYearsAheadTroops,
];

/// 15 November (or another `MMDD` day of the table) of `year`.
pub fn month_day(param: Param, year: i32) -> Option<NaiveDate> {
    let mmdd = rules::value(param);
    NaiveDate::from_ymd_opt(
        year,
        u32::try_from(mmdd / 100).ok()?,
        u32::try_from(mmdd % 100).ok()?,
    )
}

/// Hours an activity lasts, counted in whole days (the register keeps dates, not times).
pub fn duration_hours(a: &MilitaryActivity) -> i64 {
    ((a.end - a.start).num_days() + 1) * 24
}

pub fn evaluate(a: &MilitaryActivity) -> Evaluation {
    let (notify, observe) = threshold_params(a);
    let notify_margins: Vec<Margin> = notify
        .iter()
        .map(|&p| Margin::of(p, counted(p, &a.forces)))
        .collect();
    let observe_margins: Vec<Margin> = observe
        .iter()
        .map(|&p| Margin::of(p, counted(p, &a.forces)))
        .collect();
    // 40.1.1 counts land forces only when organised into a divisional structure or at
    // least two brigades/regiments; landings and parachute assaults (40.2.1) have no such
    // condition.
    let structured = a.kind.is_landing() || a.divisional;
    let notifiable = structured && notify_margins.iter().any(|m| m.met);
    let alert_long_enough = !a.alert
        || rules::rule(Param::AlertObservableHours)
            .comparison
            .holds(duration_hours(a), rules::value(Param::AlertObservableHours));
    let observable = notifiable && alert_long_enough && observe_margins.iter().any(|m| m.met);
    let air = Margin::of(Param::AirSorties, a.forces.sorties);
    let air_component = notifiable && air.met;

    let met = |p: Param| Margin::of(p, counted(p, &a.forces)).met;
    let big = notifiable && (met(Param::BigTroops) || met(Param::BigTanks));
    let medium = notifiable && !big && (met(Param::MediumTroops) || met(Param::MediumTanks));
    let larger = medium && (met(Param::LargerTroops) || met(Param::LargerTanks));

    // 41: an alert activity is notified when the troops begin it, not 42 days ahead.
    let notice = rules::rule(if a.alert {
        Param::AlertNoticeDays
    } else {
        Param::NoticeDays
    });
    let notice_days = u64::try_from(notice.value).unwrap_or(0);
    let notify_by = a
        .start
        .checked_sub_days(Days::new(notice_days))
        .unwrap_or(a.start);
    let notify_paragraph = notice.paragraph;
    let calendar = (notifiable && !a.alert)
        .then(|| {
            let (years_before, param) = if met(Param::TwoYearsAheadTroops) {
                (2, Param::TwoYearsAheadTroops)
            } else {
                (1, Param::CalendarDay)
            };
            month_day(Param::CalendarDay, a.start.year() - years_before).map(|deadline| {
                CalendarDue {
                    deadline,
                    paragraph: rules::rule(param).paragraph,
                }
            })
        })
        .flatten();

    let mut margins = notify_margins;
    margins.extend(observe_margins);
    margins.push(air);
    margins.extend(
        SIZE_PARAMS
            .iter()
            .map(|&p| Margin::of(p, counted(p, &a.forces))),
    );
    let near_threshold = margins.iter().any(|m| m.near);
    Evaluation {
        notifiable,
        observable,
        air_component,
        notify_by,
        notify_paragraph,
        calendar,
        size: SizeClass {
            big,
            medium,
            larger,
        },
        margins,
        near_threshold,
    }
}
