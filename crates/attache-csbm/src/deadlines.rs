//! The days a CSBM officer must not miss: the annual exchange, the annual calendar, each
//! notification, replies about unusual military activities, the air base visit.

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta};
use serde::Serialize;

use crate::activity::MilitaryActivity;
use crate::evaluate::{evaluate, month_day};
use crate::rules::{self, Param};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub due: NaiveDate,
    pub paragraph: &'static str,
    pub what: String,
    /// The activity it concerns, if any.
    pub activity: Option<String>,
}

fn deadline(due: NaiveDate, param: Param, what: String, activity: Option<String>) -> Deadline {
    Deadline {
        due,
        paragraph: rules::rule(param).paragraph,
        what,
        activity,
    }
}

/// The yearly exchanges due in `year`: the calendar for the next year (61) and the annual
/// exchange of military information, valid from 1 January of the next year (9–10).
pub fn annual(year: i32) -> Vec<Deadline> {
    let mut out = Vec::new();
    if let Some(day) = month_day(Param::CalendarDay, year) {
        out.push(deadline(
            day,
            Param::CalendarDay,
            format!("annual calendar of notifiable activities for {}", year + 1),
            None,
        ));
    }
    if let Some(day) = month_day(Param::ExchangeDay, year) {
        out.push(deadline(
            day,
            Param::ExchangeDay,
            format!(
                "annual exchange of military information, valid from 1 January {}",
                year + 1
            ),
            None,
        ));
    }
    out
}

/// By when to reply to a request about unusual military activities (16.1.3).
pub fn unusual_activity_reply(received: NaiveDateTime) -> NaiveDateTime {
    received_plus(received, Param::UnusualReplyHours)
}

/// By when a meeting about unusual military activities is held, if requested (16.2).
pub fn unusual_activity_meeting(requested: NaiveDateTime) -> NaiveDateTime {
    received_plus(requested, Param::UnusualMeetingHours)
}

fn received_plus(at: NaiveDateTime, param: Param) -> NaiveDateTime {
    at + TimeDelta::hours(rules::value(param))
}

/// The next air base visit: one in every five-year period (20, 23), read from the last
/// recorded visit (`last_visit`): the period after the last visit's year ends on 31
/// December five years on. Without one, or when that period has passed, it falls due in
/// the current year (`year`).
pub fn air_base_visit(last_visit: Option<NaiveDate>, year: i32) -> Option<Deadline> {
    let span = i32::try_from(rules::value(Param::AirBaseYears)).ok()?;
    let period_end = last_visit.and_then(|last| last.year().checked_add(span));
    let due_year = period_end.map_or(year, |end| end.max(year));
    let due = NaiveDate::from_ymd_opt(due_year, 12, 31)?;
    let what = match (last_visit, period_end) {
        (Some(last), Some(end)) if end >= year => format!(
            "air base visit: the last was on {last}; one in each {span}-year period ({}–{end})",
            last.year() + 1
        ),
        (Some(last), _) => format!(
            "air base visit: the last was on {last}, more than {span} years ago; one is due this year"
        ),
        (None, _) => "air base visit: none recorded".to_owned(),
    };
    Some(deadline(due, Param::AirBaseYears, what, None))
}

/// Every deadline from `today` to `today + days`: yearly exchanges, the notifications of
/// not yet notified activities, and the air base visit (from our last recorded one);
/// soonest first.
pub fn upcoming(
    today: NaiveDate,
    days: i64,
    activities: &[MilitaryActivity],
    last_air_base_visit: Option<NaiveDate>,
) -> Vec<Deadline> {
    between(
        today,
        today + TimeDelta::days(days),
        today.year(),
        activities,
        last_air_base_visit,
    )
}

/// Every deadline from `from` to `to` (inclusive), as [`upcoming`] finds them, for a span of
/// days that may lie in the past or the future (a calendar's month). `this_year` is the
/// current year, in which an air base visit falls due when none is recorded.
pub fn between(
    from: NaiveDate,
    to: NaiveDate,
    this_year: i32,
    activities: &[MilitaryActivity],
    last_air_base_visit: Option<NaiveDate>,
) -> Vec<Deadline> {
    let mut out: Vec<Deadline> = (from.year()..=to.year()).flat_map(annual).collect();
    for a in activities.iter().filter(|a| a.notified_on.is_none()) {
        let e = evaluate(a);
        if e.notifiable {
            let param = if a.alert {
                Param::AlertNoticeDays
            } else {
                Param::NoticeDays
            };
            out.push(deadline(
                e.notify_by,
                param,
                format!("notification of {} ({})", a.reference, a.name),
                Some(a.reference.clone()),
            ));
        }
    }
    out.extend(air_base_visit(last_air_base_visit, this_year));
    out.retain(|d| from <= d.due && d.due <= to);
    out.sort_by(|a, b| (a.due, &a.what).cmp(&(b.due, &b.what)));
    out
}
