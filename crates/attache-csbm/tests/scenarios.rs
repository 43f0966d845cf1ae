//! Scenarios, each built from one paragraph of the Vienna Document 2011, with the
//! boundaries: exactly at a threshold, one below, one above; "at least" against "more
//! than"; an activity across 31 December; a three-year window sliding across years; two
//! activities overlapping by one day; and bad input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;

use attache_csbm::verification::{self, Verification, VerificationKind};
use attache_csbm::{AirBaseVisit, AirBaseVisitInput, air_base, deadlines};
use attache_csbm::{
    CsbmContext, MilitaryActivity, MilitaryActivityInput, Severity, check_year, evaluate,
};
use chrono::{NaiveDate, NaiveDateTime};

/// The participating states from the repository's reference data; the zone of application
/// is theirs but for the United States, Canada and Mongolia.
fn context() -> CsbmContext {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/reference/organisations.json"
    ))
    .unwrap();
    let orgs: serde_json::Value = serde_json::from_str(&text).unwrap();
    let osce = orgs
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["code"] == "OSCE")
        .unwrap();
    let participating: HashSet<String> = osce["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(participating.len(), 57);
    let in_zone = participating
        .iter()
        .filter(|c| !["USA", "CAN", "MNG"].contains(&c.as_str()))
        .cloned()
        .collect();
    CsbmContext {
        participating,
        in_zone,
        clearance: attache_domain::Classification::Secret,
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A land-forces exercise in Germany, notified and calendared in good time, to adjust.
fn input(
    reference: &str,
    start: &str,
    end: &str,
    troops: i64,
    tanks: i64,
) -> MilitaryActivityInput {
    let start_day = day(start);
    MilitaryActivityInput {
        reference: reference.to_owned(),
        name: format!("Exercise {reference}"),
        kind: "land_exercise".to_owned(),
        start_date: start.to_owned(),
        end_date: end.to_owned(),
        host: "DEU".to_owned(),
        area: "Lower Saxony".to_owned(),
        troops: troops.to_string(),
        battle_tanks: tanks.to_string(),
        notified_on: (start_day - chrono::TimeDelta::days(60)).to_string(),
        calendared_on: format!("{}-11-01", chrono::Datelike::year(&start_day) - 2),
        ..Default::default()
    }
}

fn valid(i: MilitaryActivityInput) -> MilitaryActivity {
    i.validate(&context()).unwrap()
}

fn act(reference: &str, start: &str, end: &str, troops: i64, tanks: i64) -> MilitaryActivity {
    valid(input(reference, start, end, troops, tanks))
}

// ---------------------------------------------------------------- evaluation of one activity

struct Eval {
    para: &'static str,
    name: &'static str,
    kind: &'static str,
    forces: [i64; 5], // troops, tanks, ACVs, artillery, sorties
    alert: bool,
    days: i64,
    notifiable: bool,
    observable: bool,
    near: bool,
}

#[rustfmt::skip]
const EVALS: &[Eval] = &[
    Eval { para: "40.1.1", name: "troops exactly at 9,000 (at least)", kind: "land_exercise", forces: [9_000, 0, 0, 0, 0], alert: false, days: 5, notifiable: true, observable: false, near: false },
    Eval { para: "40.1.1", name: "troops one below 9,000, near", kind: "land_exercise", forces: [8_999, 0, 0, 0, 0], alert: false, days: 5, notifiable: false, observable: false, near: true },
    Eval { para: "40.1.1", name: "troops one above 9,000", kind: "land_exercise", forces: [9_001, 0, 0, 0, 0], alert: false, days: 5, notifiable: true, observable: false, near: false },
    Eval { para: "40.1.1", name: "troops 6% below 9,000 is not near", kind: "land_exercise", forces: [8_460, 0, 0, 0, 0], alert: false, days: 5, notifiable: false, observable: false, near: false },
    Eval { para: "40.1.1", name: "troops exactly 5% below 9,000 is near", kind: "land_exercise", forces: [8_550, 0, 0, 0, 0], alert: false, days: 5, notifiable: false, observable: false, near: true },
    Eval { para: "40.1.1", name: "battle tanks exactly at 250", kind: "land_exercise", forces: [1_000, 250, 0, 0, 0], alert: false, days: 5, notifiable: true, observable: false, near: false },
    Eval { para: "40.1.1", name: "battle tanks one below 250", kind: "land_exercise", forces: [1_000, 249, 0, 0, 0], alert: false, days: 5, notifiable: false, observable: false, near: true },
    Eval { para: "40.1.1", name: "ACVs exactly at 500 (also observable, 47.4)", kind: "land_exercise", forces: [1_000, 0, 500, 0, 0], alert: false, days: 5, notifiable: true, observable: true, near: false },
    Eval { para: "40.1.1", name: "artillery exactly at 250 (also observable, 47.4)", kind: "land_exercise", forces: [1_000, 0, 0, 250, 0], alert: false, days: 5, notifiable: true, observable: true, near: false },
    Eval { para: "40.3.1", name: "a transfer into the zone at 9,000 troops", kind: "transfer", forces: [9_000, 0, 0, 0, 0], alert: false, days: 5, notifiable: true, observable: false, near: false },
    Eval { para: "40.3.1", name: "a concentration one below 250 tanks", kind: "concentration", forces: [0, 249, 0, 0, 0], alert: false, days: 5, notifiable: false, observable: false, near: true },
    Eval { para: "40.2.1", name: "amphibious landing exactly at 3,000 troops", kind: "amphibious_landing", forces: [3_000, 0, 0, 0, 0], alert: false, days: 2, notifiable: true, observable: false, near: false },
    Eval { para: "40.2.1", name: "parachute assault one below 3,000 troops", kind: "parachute_assault", forces: [2_999, 0, 0, 0, 0], alert: false, days: 2, notifiable: false, observable: false, near: true },
    Eval { para: "47.4", name: "landing exactly at 3,500 troops is observable", kind: "amphibious_landing", forces: [3_500, 0, 0, 0, 0], alert: false, days: 2, notifiable: true, observable: true, near: false },
    Eval { para: "47.4", name: "landing one below 3,500 troops is not observable, near", kind: "amphibious_landing", forces: [3_499, 0, 0, 0, 0], alert: false, days: 2, notifiable: true, observable: false, near: true },
    Eval { para: "47.4", name: "troops exactly at 13,000 are observable (and near the 67.1 \"more than\")", kind: "land_exercise", forces: [13_000, 0, 0, 0, 0], alert: false, days: 5, notifiable: true, observable: true, near: true },
    Eval { para: "47.4", name: "troops one below 13,000 are not observable, near", kind: "land_exercise", forces: [12_999, 0, 0, 0, 0], alert: false, days: 5, notifiable: true, observable: false, near: true },
    Eval { para: "47.4", name: "tanks exactly at 300 are observable", kind: "land_exercise", forces: [0, 300, 0, 0, 0], alert: false, days: 5, notifiable: true, observable: true, near: true },
    Eval { para: "58", name: "alert activity of 4 days (96 hours, more than 72) is observable", kind: "land_exercise", forces: [14_000, 0, 0, 0, 0], alert: true, days: 4, notifiable: true, observable: true, near: false },
    Eval { para: "58", name: "alert activity of 3 days (72 hours, not more than 72) is not observable", kind: "land_exercise", forces: [14_000, 0, 0, 0, 0], alert: true, days: 3, notifiable: true, observable: false, near: false },
];

#[test]
fn evaluation_of_one_activity() {
    for c in EVALS {
        let mut i = input("E", "2027-06-01", "2027-06-01", 0, 0);
        i.kind = c.kind.to_owned();
        let [troops, tanks, acvs, artillery, sorties] = c.forces;
        i.troops = troops.to_string();
        i.battle_tanks = tanks.to_string();
        i.acvs = acvs.to_string();
        i.artillery = artillery.to_string();
        i.sorties = sorties.to_string();
        i.alert = if c.alert { "yes" } else { "no" }.to_owned();
        i.end_date = (day("2027-06-01") + chrono::TimeDelta::days(c.days - 1)).to_string();
        let e = evaluate(&valid(i));
        let what = format!("{} ({})", c.name, c.para);
        assert_eq!(e.notifiable, c.notifiable, "notifiable: {what}");
        assert_eq!(e.observable, c.observable, "observable: {what}");
        assert_eq!(e.near_threshold, c.near, "near: {what}");
        assert!(
            e.margins
                .iter()
                .any(|m| m.paragraph == c.para || c.para == "58" || c.para == "40.3.1"),
            "a margin cites {what}"
        );
    }
}

#[test]
fn margins_say_how_far_below_or_above() {
    // 40.1.1: 8,999 troops are one below 9,000; 47.4: 4,000 below 13,000.
    let e = evaluate(&act("M", "2027-06-01", "2027-06-05", 8_999, 0));
    let notify = e
        .margins
        .iter()
        .find(|m| m.paragraph == "40.1.1" && m.unit == attache_csbm::Unit::Troops)
        .unwrap();
    assert_eq!((notify.margin, notify.met, notify.near), (-1, false, true));
    let observe = e
        .margins
        .iter()
        .find(|m| m.paragraph == "47.4" && m.unit == attache_csbm::Unit::Troops)
        .unwrap();
    assert_eq!(
        (observe.margin, observe.met, observe.near),
        (-4_001, false, false)
    );
}

#[test]
fn divisional_structure_conditions_land_forces_only() {
    // 40.1.1: forces not organised into a divisional structure or two brigades do not count.
    let mut i = input("D", "2027-06-01", "2027-06-05", 20_000, 0);
    i.divisional = "no".to_owned();
    assert!(!evaluate(&valid(i.clone())).notifiable);
    i.kind = "parachute_assault".to_owned();
    assert!(
        evaluate(&valid(i)).notifiable,
        "40.2.1 has no such condition"
    );
}

#[test]
fn air_sorties_at_least_200_join_the_notification() {
    // 40.1.2: at least 200 sorties, exactly at and one below.
    for (sorties, included) in [(200, true), (199, false), (201, true)] {
        let mut i = input("A", "2027-06-01", "2027-06-05", 10_000, 0);
        i.sorties = sorties.to_string();
        assert_eq!(
            evaluate(&valid(i)).air_component,
            included,
            "{sorties} sorties"
        );
    }
}

#[test]
fn last_day_to_notify_is_42_days_before_or_the_first_day_of_an_alert() {
    // 38: at least 42 days before the start.
    let e = evaluate(&act("N", "2027-03-15", "2027-03-20", 10_000, 0));
    assert_eq!((e.notify_by, e.notify_paragraph), (day("2027-02-01"), "38"));
    // 41: an alert activity is notified when the troops begin it.
    let mut i = input("N2", "2027-03-15", "2027-03-20", 10_000, 0);
    i.alert = "yes".to_owned();
    let e = evaluate(&valid(i));
    assert_eq!((e.notify_by, e.notify_paragraph), (day("2027-03-15"), "41"));
    assert!(
        e.calendar.is_none(),
        "an alert activity cannot be calendared"
    );
}

#[test]
fn which_15_november() {
    // 61: the calendar for the next year; 66: more than 40,000 troops, two years ahead.
    let cases = [
        (30_000, "2027-05-01", "2026-11-15", "61"),
        (40_000, "2027-05-01", "2026-11-15", "61"), // exactly 40,000 is not "more than"
        (40_001, "2027-05-01", "2025-11-15", "66"),
        (12_000, "2027-12-30", "2026-11-15", "61"), // across 31 December: the start's year
    ];
    for (troops, start, deadline, para) in cases {
        let e = evaluate(&act("C", start, "2028-01-03", troops, 0));
        let due = e.calendar.unwrap();
        assert_eq!(
            (due.deadline, due.paragraph),
            (day(deadline), para),
            "{troops} troops"
        );
    }
    assert!(
        evaluate(&act("C", "2027-05-01", "2027-05-02", 8_000, 0))
            .calendar
            .is_none()
    );
}

// ---------------------------------------------------------------------------- the year

struct YearCase {
    para: &'static str,
    name: &'static str,
    activities: fn() -> Vec<MilitaryActivity>,
    year: i32,
    today: &'static str,
    /// (paragraph, severity, how many findings)
    expect: &'static [(&'static str, Severity, usize)],
}

fn notified_on(mut a: MilitaryActivity, on: Option<&str>) -> MilitaryActivity {
    a.notified_on = on.map(day);
    a
}

fn calendared_on(mut a: MilitaryActivity, on: Option<&str>) -> MilitaryActivity {
    a.calendared_on = on.map(day);
    a
}

fn many(n: usize, troops: i64, tanks: i64, year: i32) -> Vec<MilitaryActivity> {
    (0..n)
        .map(|k| {
            let start = format!("{year}-{:02}-01", k + 1);
            let end = format!("{year}-{:02}-05", k + 1);
            act(&format!("Y{k}"), &start, &end, troops, tanks)
        })
        .collect()
}

#[rustfmt::skip]
const YEARS: &[YearCase] = &[
    YearCase { para: "38", name: "notified exactly 42 days ahead is on time", activities: || vec![notified_on(act("A", "2027-03-15", "2027-03-20", 10_000, 0), Some("2027-02-01"))], year: 2027, today: "2027-12-31", expect: &[] },
    YearCase { para: "38", name: "notified 41 days ahead is one day late", activities: || vec![notified_on(act("A", "2027-03-15", "2027-03-20", 10_000, 0), Some("2027-02-02"))], year: 2027, today: "2027-12-31", expect: &[("38", Severity::Late, 1)] },
    YearCase { para: "38", name: "never notified, last day passed", activities: || vec![notified_on(act("A", "2027-03-15", "2027-03-20", 10_000, 0), None)], year: 2027, today: "2027-02-02", expect: &[("38", Severity::Missing, 1)] },
    YearCase { para: "38", name: "not yet notified, last day to come: due", activities: || vec![notified_on(act("A", "2027-03-15", "2027-03-20", 10_000, 0), None)], year: 2027, today: "2027-02-01", expect: &[("38", Severity::Due, 1)] },
    YearCase { para: "41", name: "alert activity notified when it begins is on time", activities: || { let mut a = notified_on(act("A", "2027-03-15", "2027-03-20", 10_000, 0), Some("2027-03-15")); a.alert = true; vec![a] }, year: 2027, today: "2027-12-31", expect: &[] },
    YearCase { para: "41", name: "alert activity notified the day after it began is late", activities: || { let mut a = notified_on(act("A", "2027-03-15", "2027-03-20", 10_000, 0), Some("2027-03-16")); a.alert = true; vec![a] }, year: 2027, today: "2027-12-31", expect: &[("41", Severity::Late, 1)] },
    YearCase { para: "40.1.1", name: "a non-notifiable activity brings no finding", activities: || vec![notified_on(calendared_on(act("A", "2027-03-15", "2027-03-20", 8_999, 0), None), None)], year: 2027, today: "2027-12-31", expect: &[] },
    YearCase { para: "61", name: "listed in the calendar exchanged on 15 November is on time", activities: || vec![calendared_on(act("A", "2027-03-15", "2027-03-20", 10_000, 0), Some("2026-11-15"))], year: 2027, today: "2027-12-31", expect: &[] },
    YearCase { para: "61", name: "listed on 16 November is missing from the calendar", activities: || vec![calendared_on(act("A", "2027-03-15", "2027-03-20", 10_000, 0), Some("2026-11-16"))], year: 2027, today: "2027-12-31", expect: &[("61", Severity::Late, 1)] },
    YearCase { para: "61", name: "never listed, 15 November passed", activities: || vec![calendared_on(act("A", "2027-03-15", "2027-03-20", 10_000, 0), None)], year: 2027, today: "2026-11-16", expect: &[("61", Severity::Missing, 1), ("38", Severity::Due, 0)] },
    YearCase { para: "61", name: "spanning 31 December: the calendar of its first year", activities: || vec![calendared_on(act("A", "2027-12-28", "2028-01-04", 10_000, 0), Some("2027-11-15"))], year: 2027, today: "2028-12-31", expect: &[("61", Severity::Late, 1)] },
    YearCase { para: "61", name: "spanning 31 December: checked once, in its first year", activities: || vec![calendared_on(act("A", "2027-12-28", "2028-01-04", 10_000, 0), Some("2027-11-15"))], year: 2028, today: "2028-12-31", expect: &[] },
    YearCase { para: "66", name: "more than 40,000 troops listed only one year ahead", activities: || vec![calendared_on(act("A", "2027-06-01", "2027-06-10", 40_001, 0), Some("2026-11-01"))], year: 2027, today: "2027-12-31", expect: &[("66", Severity::Late, 1), ("68", Severity::Breach, 1)] },
    YearCase { para: "68", name: "more than 900 tanks not communicated two years ahead", activities: || vec![calendared_on(act("A", "2027-06-01", "2027-06-10", 20_000, 901), Some("2026-11-01"))], year: 2027, today: "2027-12-31", expect: &[("68", Severity::Breach, 1), ("61", Severity::Late, 0)] },
    YearCase { para: "69", name: "more than 13,000 troops not in the calendar", activities: || vec![calendared_on(act("A", "2027-06-01", "2027-06-10", 13_001, 0), None)], year: 2027, today: "2027-12-31", expect: &[("69", Severity::Breach, 1), ("61", Severity::Missing, 1)] },
    YearCase { para: "69", name: "exactly 13,000 troops not in the calendar: no 69 breach", activities: || vec![calendared_on(act("A", "2027-06-01", "2027-06-10", 13_000, 0), None)], year: 2027, today: "2027-12-31", expect: &[("69", Severity::Breach, 0), ("61", Severity::Missing, 1)] },
    YearCase { para: "67", name: "two over 40,000 troops in three years", activities: || vec![act("A", "2025-06-01", "2025-06-10", 45_000, 0), act("B", "2027-06-01", "2027-06-10", 45_000, 0)], year: 2027, today: "2027-12-31", expect: &[("67", Severity::Breach, 1)] },
    YearCase { para: "67", name: "the window slides: 2024 and 2027 are four years apart", activities: || vec![act("A", "2024-06-01", "2024-06-10", 45_000, 0), act("B", "2027-06-01", "2027-06-10", 45_000, 0)], year: 2027, today: "2027-12-31", expect: &[("67", Severity::Breach, 0)] },
    YearCase { para: "67", name: "the window slides forward: 2027 and 2029", activities: || vec![act("A", "2027-06-01", "2027-06-10", 45_000, 0), act("B", "2029-06-01", "2029-06-10", 45_000, 0)], year: 2027, today: "2027-12-31", expect: &[("67", Severity::Breach, 1)] },
    YearCase { para: "67", name: "exactly 40,000 troops and 900 tanks are not the largest", activities: || vec![act("A", "2026-06-01", "2026-06-10", 40_000, 900), act("B", "2027-06-01", "2027-06-10", 40_000, 900)], year: 2027, today: "2027-12-31", expect: &[("67", Severity::Breach, 0)] },
    YearCase { para: "67.1", name: "six over 13,000 troops in a year are allowed", activities: || many(6, 13_001, 0, 2027), year: 2027, today: "2027-12-31", expect: &[("67.1", Severity::Breach, 0)] },
    YearCase { para: "67.1", name: "seven over 13,000 troops in a year are one too many", activities: || many(7, 13_001, 0, 2027), year: 2027, today: "2027-12-31", expect: &[("67.1", Severity::Breach, 1)] },
    YearCase { para: "67.1", name: "seven of exactly 13,000 troops are not counted", activities: || many(7, 13_000, 0, 2027), year: 2027, today: "2027-12-31", expect: &[("67.1", Severity::Breach, 0)] },
    YearCase { para: "67.1.1", name: "three over 25,000 troops are allowed", activities: || many(3, 25_001, 0, 2027), year: 2027, today: "2027-12-31", expect: &[("67.1.1", Severity::Breach, 0)] },
    YearCase { para: "67.1.1", name: "four over 400 tanks are one too many", activities: || many(4, 10_000, 401, 2027), year: 2027, today: "2027-12-31", expect: &[("67.1.1", Severity::Breach, 1)] },
    YearCase { para: "67.2", name: "four overlapping by one day are simultaneous", activities: || vec![act("A", "2027-05-01", "2027-05-10", 14_000, 0), act("B", "2027-05-10", "2027-05-20", 14_000, 0), act("C", "2027-05-05", "2027-05-10", 14_000, 0), act("D", "2027-05-10", "2027-05-11", 14_000, 0)], year: 2027, today: "2027-12-31", expect: &[("67.2", Severity::Breach, 1)] },
    YearCase { para: "67.2", name: "one starting the day after another ends is not simultaneous", activities: || vec![act("A", "2027-05-01", "2027-05-10", 14_000, 0), act("B", "2027-05-11", "2027-05-20", 14_000, 0), act("C", "2027-05-05", "2027-05-10", 14_000, 0), act("D", "2027-05-08", "2027-05-10", 14_000, 0)], year: 2027, today: "2027-12-31", expect: &[("67.2", Severity::Breach, 0)] },
    YearCase { para: "67.2", name: "three at the same time are allowed", activities: || vec![act("A", "2027-05-01", "2027-05-10", 14_000, 0), act("B", "2027-05-01", "2027-05-10", 14_000, 0), act("C", "2027-05-01", "2027-05-10", 14_000, 0)], year: 2027, today: "2027-12-31", expect: &[("67.2", Severity::Breach, 0)] },
];

#[test]
fn year_checks() {
    for c in YEARS {
        let findings = check_year(c.year, day(c.today), &(c.activities)());
        for &(para, severity, n) in c.expect {
            let got = findings
                .iter()
                .filter(|f| f.paragraph == para && f.severity == severity)
                .count();
            assert_eq!(
                got, n,
                "{} ({}): {para} {severity:?} in {findings:#?}",
                c.name, c.para
            );
        }
        if c.expect.is_empty() {
            assert!(
                findings.is_empty(),
                "{} ({}): {findings:#?}",
                c.name,
                c.para
            );
        }
        assert!(
            findings
                .iter()
                .all(|f| !f.paragraph.is_empty() && !f.message.is_empty())
        );
    }
}

#[test]
fn constraints_count_each_participating_state() {
    // 67.1: seven activities with FRA's forces in them, hosted in Germany, breach for FRA.
    let list: Vec<MilitaryActivity> = many(7, 14_000, 0, 2027)
        .into_iter()
        .map(|mut a| {
            a.participants = vec![
                attache_domain::PartnerCode::parse("p", "DEU").unwrap(),
                attache_domain::PartnerCode::parse("p", "FRA").unwrap(),
            ];
            a
        })
        .collect();
    let states: HashSet<String> = check_year(2027, day("2027-12-31"), &list)
        .into_iter()
        .filter(|f| f.paragraph == "67.1")
        .map(|f| f.state)
        .collect();
    assert_eq!(states, HashSet::from(["DEU".to_owned(), "FRA".to_owned()]));
}

// ----------------------------------------------------------------------- verification

fn visit(kind: VerificationKind, receiving: &str, by: &str, date: &str) -> Verification {
    Verification {
        kind,
        receiving: receiving.to_owned(),
        by: by.to_owned(),
        date: day(date),
    }
}

struct QuotaCase {
    para: &'static str,
    name: &'static str,
    kind: VerificationKind,
    units: i64,
    done: &'static [(&'static str, &'static str)], // (by, date)
    request: (&'static str, &'static str),
    flagged: &'static [&'static str],
}

use VerificationKind::{EvaluationVisit, Inspection};

#[rustfmt::skip]
const QUOTAS: &[QuotaCase] = &[
    QuotaCase { para: "75", name: "a third inspection in a year is within the quota", kind: Inspection, units: 0, done: &[("FRA", "2027-02-01"), ("GBR", "2027-03-01")], request: ("ITA", "2027-04-01"), flagged: &[] },
    QuotaCase { para: "75", name: "a fourth inspection exceeds the quota of three", kind: Inspection, units: 0, done: &[("FRA", "2027-02-01"), ("GBR", "2027-03-01"), ("ITA", "2027-04-01")], request: ("ESP", "2027-05-01"), flagged: &["75"] },
    QuotaCase { para: "75", name: "last year's inspections do not count", kind: Inspection, units: 0, done: &[("FRA", "2026-02-01"), ("GBR", "2026-03-01"), ("ITA", "2026-04-01")], request: ("ESP", "2027-01-01"), flagged: &[] },
    QuotaCase { para: "76", name: "a second inspection from the same state", kind: Inspection, units: 0, done: &[("FRA", "2027-02-01")], request: ("FRA", "2027-06-01"), flagged: &["76"] },
    QuotaCase { para: "107", name: "60 units: one visit, a second exceeds it", kind: EvaluationVisit, units: 60, done: &[("FRA", "2027-02-01")], request: ("GBR", "2027-06-01"), flagged: &["107"] },
    QuotaCase { para: "107", name: "61 units (a portion): two visits", kind: EvaluationVisit, units: 61, done: &[("FRA", "2027-02-01")], request: ("GBR", "2027-06-01"), flagged: &[] },
    QuotaCase { para: "107", name: "quota under five: one from the same state", kind: EvaluationVisit, units: 240, done: &[("FRA", "2027-02-01")], request: ("FRA", "2027-06-01"), flagged: &["107"] },
    QuotaCase { para: "107", name: "quota of 15: three from the same state", kind: EvaluationVisit, units: 2_000, done: &[("FRA", "2027-02-01"), ("FRA", "2027-03-01")], request: ("FRA", "2027-06-01"), flagged: &[] },
    QuotaCase { para: "107", name: "quota of 15: a fourth from the same state", kind: EvaluationVisit, units: 2_000, done: &[("FRA", "2027-02-01"), ("FRA", "2027-03-01"), ("FRA", "2027-04-01")], request: ("FRA", "2027-06-01"), flagged: &["107"] },
    QuotaCase { para: "107", name: "no units reported: no visit is owed", kind: EvaluationVisit, units: 0, done: &[], request: ("FRA", "2027-06-01"), flagged: &["107", "107"] },
];

#[test]
fn verification_quotas() {
    for c in QUOTAS {
        let done: Vec<Verification> = c
            .done
            .iter()
            .map(|(by, date)| visit(c.kind, "DEU", by, date))
            .collect();
        let request = visit(c.kind, "DEU", c.request.0, c.request.1);
        let flagged: Vec<&str> = verification::check_request(&request, c.units, &done)
            .iter()
            .map(|f| f.paragraph)
            .collect();
        assert_eq!(flagged, c.flagged, "{} ({})", c.name, c.para);
    }
}

#[test]
fn evaluation_quota_from_units() {
    // 107: one for every 60 units or portion thereof, not more than 15.
    for (units, quota, share) in [
        (0, 0, 0),
        (1, 1, 1),
        (59, 1, 1),
        (60, 1, 1),
        (61, 2, 1),
        (299, 5, 1),
        (600, 10, 2),
        (900, 15, 3),
        (901, 15, 3),
        (5_000, 15, 3),
    ] {
        let q = verification::evaluation_quota(units);
        assert_eq!(q, quota, "{units} units");
        assert_eq!(verification::evaluation_share(q), share, "{units} units");
    }
    let q = verification::quota(
        Inspection,
        "DEU",
        2027,
        0,
        &[
            visit(Inspection, "DEU", "FRA", "2027-02-01"),
            visit(Inspection, "POL", "FRA", "2027-02-01"),
        ],
    );
    assert_eq!((q.quota, q.used, q.remaining(), q.per_state), (3, 1, 2, 1));
}

// ------------------------------------------------------------------------- deadlines

#[test]
fn deadlines_of_the_year() {
    // 61 and 9–10: 15 November and 15 December.
    let annual = deadlines::annual(2027);
    let days: Vec<(NaiveDate, &str)> = annual.iter().map(|d| (d.due, d.paragraph)).collect();
    assert_eq!(
        days,
        vec![(day("2027-11-15"), "61"), (day("2027-12-15"), "9-10")]
    );
    // 16.1.3 and 16.2: 48 hours.
    let at = NaiveDateTime::parse_from_str("2027-03-01 09:30", "%Y-%m-%d %H:%M").unwrap();
    let due = NaiveDateTime::parse_from_str("2027-03-03 09:30", "%Y-%m-%d %H:%M").unwrap();
    assert_eq!(deadlines::unusual_activity_reply(at), due);
    assert_eq!(deadlines::unusual_activity_meeting(at), due);
    // 20, 23: one air base visit in any five-year period.
    let air = deadlines::air_base_visit(Some(day("2023-05-10")), 2027).unwrap();
    assert_eq!((air.due, air.paragraph), (day("2028-12-31"), "20, 23"));
    // Upcoming, soonest first: a notification due within the horizon, the calendar.
    let a = notified_on(act("U", "2027-12-20", "2027-12-22", 10_000, 0), None);
    let up = deadlines::upcoming(day("2027-11-01"), 30, &[a], Some(day("2023-05-10")));
    let got: Vec<&str> = up.iter().map(|d| d.paragraph).collect();
    assert_eq!(got, vec!["38", "61"]);
}

// ------------------------------------------------------------------------- air base visits

/// An air base visit arranged by `host` on `date`.
fn air_visit(host: &str, date: &str) -> AirBaseVisit {
    AirBaseVisitInput {
        host: host.into(),
        air_base: format!("{host} air base"),
        date: date.into(),
        ..Default::default()
    }
    .validate(&context())
    .unwrap()
}

#[test]
fn the_air_base_visit_reads_from_the_last_recorded_one() {
    // 20, 23: not obliged to more than one in any five-year period. The last of our visits
    // counts, not another state's, nor an earlier one of ours.
    let visits = [
        air_visit("DEU", "2019-04-02"),
        air_visit("DEU", "2023-05-10"),
        air_visit("FRA", "2026-09-01"),
    ];
    let last = air_base::last_visit(&visits, "DEU").map(|v| v.date);
    assert_eq!(last, Some(day("2023-05-10")));
    let due = deadlines::air_base_visit(last, 2027).unwrap();
    assert_eq!((due.due, due.paragraph), (day("2028-12-31"), "20, 23"));
    assert!(due.what.contains("2023-05-10"), "{}", due.what);
    assert!(due.what.contains("2024–2028"), "{}", due.what);
    // The period's last year: a visit in 2022 makes one due by the end of 2027.
    let edge = deadlines::air_base_visit(Some(day("2022-12-31")), 2027).unwrap();
    assert_eq!(edge.due, day("2027-12-31"));
    assert!(edge.what.contains("2023–2027"), "{}", edge.what);
    // One year later the period has passed: due this year, and said so.
    let lapsed = deadlines::air_base_visit(Some(day("2021-06-01")), 2027).unwrap();
    assert_eq!(lapsed.due, day("2027-12-31"));
    assert!(
        lapsed.what.contains("more than 5 years ago"),
        "{}",
        lapsed.what
    );
    // None recorded: due this year.
    let none =
        deadlines::air_base_visit(air_base::last_visit(&visits, "POL").map(|v| v.date), 2027)
            .unwrap();
    assert_eq!(none.due, day("2027-12-31"));
    assert!(none.what.contains("none recorded"), "{}", none.what);
    // In the list of what falls due: only within the horizon.
    let soon = deadlines::upcoming(day("2028-12-01"), 30, &[], last);
    assert!(soon.iter().any(|d| d.paragraph == "20, 23"), "{soon:?}");
    let later = deadlines::upcoming(day("2027-12-01"), 30, &[], last);
    assert!(!later.iter().any(|d| d.paragraph == "20, 23"), "{later:?}");
}

#[test]
fn a_bad_air_base_visit_is_refused_naming_the_field() {
    let bad = AirBaseVisitInput {
        host: "CHN".into(),
        air_base: " ".into(),
        date: "spring".into(),
        classification: "cosmic".into(),
        ..Default::default()
    };
    let errors = bad.validate(&context()).unwrap_err();
    for (field, words) in [
        ("host", "not an OSCE participating state"),
        ("air_base", "required"),
        ("date", "YYYY-MM-DD"),
        ("classification", "not a classification"),
    ] {
        assert!(
            errors
                .0
                .iter()
                .any(|e| e.field == field && e.reason.contains(words)),
            "{field}: {errors}"
        );
    }
}

// ------------------------------------------------------------------------- bad input

/// (case, how the input is spoiled, the field named, words of the reason)
type BadInput = (
    &'static str,
    fn(&mut MilitaryActivityInput),
    &'static str,
    &'static str,
);

#[test]
fn bad_input_is_refused_naming_the_field() {
    #[rustfmt::skip]
    let cases: &[BadInput] = &[
        ("negative troops", |i| i.troops = "-1".into(), "troops", "negative"),
        ("negative tanks", |i| i.battle_tanks = "-250".into(), "battle_tanks", "negative"),
        ("not a number", |i| i.acvs = "many".into(), "acvs", "not a whole number"),
        ("end before start", |i| i.end_date = "2027-05-31".into(), "end_date", "before the start date"),
        ("not a date", |i| i.start_date = "1 June".into(), "start_date", "YYYY-MM-DD"),
        ("host outside the OSCE", |i| i.host = "CHN".into(), "host", "not an OSCE participating state"),
        ("participant outside the OSCE", |i| i.participants = "DEU;JPN".into(), "participants", "not an OSCE participating state"),
        ("territory outside the zone", |i| i.host = "USA".into(), "host", "outside the zone of application"),
        ("unknown kind", |i| i.kind = "naval_exercise".into(), "kind", "not a kind of military activity"),
        ("missing reference", |i| i.reference = " ".into(), "reference", "required"),
    ];
    for (name, spoil, field, words) in cases {
        let mut i = input("B", "2027-06-01", "2027-06-05", 10_000, 0);
        spoil(&mut i);
        let errors = i.validate(&context()).expect_err(name);
        assert!(
            errors
                .0
                .iter()
                .any(|e| e.field == *field && e.reason.contains(words)),
            "{name}: {errors}"
        );
    }
}

#[test]
fn text_form_round_trips() {
    let a = act("R", "2027-06-01", "2027-06-05", 10_000, 12);
    assert_eq!(valid(MilitaryActivityInput::from(&a)), a);
}
