//! A calendar year checked as a whole: notifications, calendars and the constraining
//! provisions (Chapter VIII), for every state that declared activities.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use crate::activity::MilitaryActivity;
use crate::evaluate::{Evaluation, evaluate, month_day};
use crate::finding::{Finding, Severity};
use crate::rules::{self, Param};

/// An activity with its evaluation, computed once per check.
#[derive(Debug)]
pub struct Evaluated<'a> {
    pub activity: &'a MilitaryActivity,
    pub evaluation: Evaluation,
}

impl Evaluated<'_> {
    fn reference(&self) -> String {
        self.activity.reference.clone()
    }

    /// Whether the activity takes place in any of `first..=last` (an activity across 31
    /// December is carried out in both years and counts in both).
    fn within(&self, first: i32, last: i32) -> bool {
        self.activity.start.year() <= last && self.activity.end.year() >= first
    }
}

/// Checks `year` as of `today`. `activities` should hold every declared activity of the
/// years `year - 2 ..= year + 2` (the three-year window of paragraph 67 slides across them).
pub fn check_year(year: i32, today: NaiveDate, activities: &[MilitaryActivity]) -> Vec<Finding> {
    let evaluated: Vec<Evaluated> = activities
        .iter()
        .map(|activity| Evaluated {
            activity,
            evaluation: evaluate(activity),
        })
        .filter(|e| e.evaluation.notifiable)
        .collect();
    let mut findings = Vec::new();
    for e in evaluated.iter().filter(|e| e.activity.start.year() == year) {
        notification(e, today, &mut findings);
        calendar(e, today, &mut findings);
        carried_out_only_if_calendared(e, &mut findings);
    }
    let mut by_state: BTreeMap<&str, Vec<&Evaluated>> = BTreeMap::new();
    for e in &evaluated {
        for state in &e.activity.participants {
            by_state.entry(state.as_str()).or_default().push(e);
        }
    }
    for (state, list) in &by_state {
        three_year_window(year, state, list, &mut findings);
        yearly_counts(year, state, list, &mut findings);
        simultaneous(year, state, list, &mut findings);
    }
    findings.sort_by(|a, b| {
        (a.severity, a.due, &a.state, &a.activities).cmp(&(
            b.severity,
            b.due,
            &b.state,
            &b.activities,
        ))
    });
    findings
}

fn finding(
    severity: Severity,
    param: Param,
    state: &str,
    activities: Vec<String>,
    due: Option<NaiveDate>,
    message: String,
) -> Finding {
    Finding {
        severity,
        paragraph: rules::rule(param).paragraph,
        state: state.to_owned(),
        activities,
        due,
        message,
    }
}

/// 38 and 41: notified at least 42 days ahead (alert activities: when they begin).
fn notification(e: &Evaluated, today: NaiveDate, out: &mut Vec<Finding>) {
    let a = e.activity;
    let by = e.evaluation.notify_by;
    let param = if a.alert {
        Param::AlertNoticeDays
    } else {
        Param::NoticeDays
    };
    let (severity, message) = match a.notified_on {
        Some(sent) if sent <= by => return,
        Some(sent) => (
            Severity::Late,
            format!(
                "{} was notified on {sent}, {} days after the last day, {by}",
                a.reference,
                (sent - by).num_days()
            ),
        ),
        None if today > by => (
            Severity::Missing,
            format!("{} is notifiable and was not notified by {by}", a.reference),
        ),
        None => (
            Severity::Due,
            format!("notify {} by {by} (it starts on {})", a.reference, a.start),
        ),
    };
    out.push(finding(
        severity,
        param,
        a.host.as_str(),
        vec![e.reference()],
        Some(by),
        message,
    ));
}

/// 61 and 66: in the annual calendar by 15 November of the year before (two years before
/// for more than 40,000 troops).
fn calendar(e: &Evaluated, today: NaiveDate, out: &mut Vec<Finding>) {
    let Some(due) = &e.evaluation.calendar else {
        return;
    };
    let a = e.activity;
    let param = if due.paragraph == rules::rule(Param::TwoYearsAheadTroops).paragraph {
        Param::TwoYearsAheadTroops
    } else {
        Param::CalendarDay
    };
    let (severity, message) = match a.calendared_on {
        Some(listed) if listed <= due.deadline => return,
        Some(listed) => (
            Severity::Late,
            format!(
                "{} was missing from the calendar due on {}; it was first listed on {listed}",
                a.reference, due.deadline
            ),
        ),
        None if today > due.deadline => (
            Severity::Missing,
            format!(
                "{} is missing from the annual calendar due on {}",
                a.reference, due.deadline
            ),
        ),
        None => (
            Severity::Due,
            format!(
                "list {} in the annual calendar by {}",
                a.reference, due.deadline
            ),
        ),
    };
    out.push(finding(
        severity,
        param,
        a.host.as_str(),
        vec![e.reference()],
        Some(due.deadline),
        message,
    ));
}

/// 68 and 69: the larger activities may not be carried out unless calendared in time.
fn carried_out_only_if_calendared(e: &Evaluated, out: &mut Vec<Finding>) {
    let a = e.activity;
    let size = e.evaluation.size;
    let (years_before, paragraph, what) = if size.big {
        (
            2,
            "68",
            "more than 40,000 troops or 900 battle tanks: it may not be carried out unless communicated by 15 November two years before (66)",
        )
    } else if size.medium {
        (
            1,
            "69",
            "more than 13,000 troops or 300 battle tanks: it may not be carried out unless in the annual calendar by 15 November",
        )
    } else {
        return;
    };
    let Some(deadline) = month_day(Param::CalendarDay, a.start.year() - years_before) else {
        return;
    };
    if a.calendared_on.is_some_and(|d| d <= deadline) {
        return;
    }
    for state in &a.participants {
        out.push(Finding {
            severity: Severity::Breach,
            paragraph,
            state: state.to_string(),
            activities: vec![e.reference()],
            due: Some(deadline),
            message: format!("{} involves {what} ({deadline})", a.reference),
        });
    }
}

fn references(list: &[&Evaluated]) -> Vec<String> {
    let set: BTreeSet<String> = list.iter().map(|e| e.reference()).collect();
    set.into_iter().collect()
}

/// 67: not more than one activity over 40,000 troops or 900 tanks within three calendar
/// years. Every window that contains `year` is checked; each set of activities once.
fn three_year_window(year: i32, state: &str, list: &[&Evaluated], out: &mut Vec<Finding>) {
    let span = i32::try_from(rules::value(Param::BigWindowYears)).unwrap_or(3);
    let max = usize::try_from(rules::value(Param::BigMax)).unwrap_or(1);
    let mut reported: BTreeSet<Vec<String>> = BTreeSet::new();
    for first in year.saturating_sub(span - 1)..=year {
        let last = first.saturating_add(span - 1);
        let big: Vec<&Evaluated> = list
            .iter()
            .copied()
            .filter(|e| e.evaluation.size.big && e.within(first, last))
            .collect();
        if big.len() > max {
            let refs = references(&big);
            if reported.insert(refs.clone()) {
                out.push(finding(
                    Severity::Breach,
                    Param::BigMax,
                    state,
                    refs,
                    None,
                    format!(
                        "{state} has {} activities of more than 40,000 troops or 900 battle \
                         tanks in {first}–{last}: not more than {max} within three calendar years",
                        big.len()
                    ),
                ));
            }
        }
    }
}

/// 67.1 and 67.1.1: not more than six activities over 13,000 troops or 300 tanks in a
/// calendar year, of which not more than three over 25,000 troops or 400 tanks.
fn yearly_counts(year: i32, state: &str, list: &[&Evaluated], out: &mut Vec<Finding>) {
    let this_year: Vec<&Evaluated> = list
        .iter()
        .copied()
        .filter(|e| e.within(year, year))
        .collect();
    for (param, pick, what) in [
        (
            Param::MediumMax,
            (|e: &Evaluated| e.evaluation.size.medium) as fn(&Evaluated) -> bool,
            "more than 13,000 troops or 300 battle tanks (and at most 40,000 or 900)",
        ),
        (
            Param::LargerMax,
            |e: &Evaluated| e.evaluation.size.larger,
            "more than 25,000 troops or 400 battle tanks",
        ),
    ] {
        let max = usize::try_from(rules::value(param)).unwrap_or(0);
        let counted: Vec<&Evaluated> = this_year.iter().copied().filter(|e| pick(e)).collect();
        if counted.len() > max {
            out.push(finding(
                Severity::Breach,
                param,
                state,
                references(&counted),
                None,
                format!(
                    "{state} has {} activities of {what} in {year}: not more than {max}",
                    counted.len()
                ),
            ));
        }
    }
}

/// 67.2: not more than three activities over 13,000 troops or 300 tanks at the same time.
/// A sweep over start and end days finds the busiest day in `year`.
fn simultaneous(year: i32, state: &str, list: &[&Evaluated], out: &mut Vec<Finding>) {
    let max = usize::try_from(rules::value(Param::SimultaneousMax)).unwrap_or(0);
    let counted: Vec<&Evaluated> = list
        .iter()
        .copied()
        .filter(|e| e.evaluation.size.constrained() && e.within(year, year))
        .collect();
    if counted.len() <= max {
        return;
    }
    let (Some(jan1), Some(dec31)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return;
    };
    // Starts sort before ends of the same day: activities sharing a day overlap.
    let mut events: Vec<(NaiveDate, u8, usize)> = Vec::with_capacity(counted.len() * 2);
    for (i, e) in counted.iter().enumerate() {
        events.push((e.activity.start.max(jan1), 0, i));
        events.push((e.activity.end.min(dec31), 1, i));
    }
    events.sort_unstable();
    let mut open: BTreeSet<usize> = BTreeSet::new();
    let mut worst: Option<(NaiveDate, BTreeSet<usize>)> = None;
    for (day, edge, i) in events {
        if edge == 0 {
            open.insert(i);
            if open.len() > max && worst.as_ref().is_none_or(|(_, w)| open.len() > w.len()) {
                worst = Some((day, open.clone()));
            }
        } else {
            open.remove(&i);
        }
    }
    if let Some((day, busiest)) = worst {
        let list: Vec<&Evaluated> = busiest
            .iter()
            .filter_map(|&i| counted.get(i).copied())
            .collect();
        out.push(finding(
            Severity::Breach,
            Param::SimultaneousMax,
            state,
            references(&list),
            Some(day),
            format!(
                "{state} carries out {} activities of more than 13,000 troops or 300 battle \
                 tanks at the same time on {day}: not more than {max}",
                busiest.len()
            ),
        ));
    }
}
