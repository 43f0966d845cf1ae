//! The activity rules, property-tested: what validation accepts and refuses, field by field.

use proptest::prelude::*;

use super::*;

fn ctx() -> ValidationContext {
    let set = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
    ValidationContext {
        our_nation: PartnerCode::parse("nation", "GBR").unwrap(),
        clearance: Classification::Secret,
        partners: set(&["GBR", "SGP", "USA", "AUS", "MYS", "ASEAN", "NATO"]),
        objectives: set(&["build_trust", "non_proliferation", "SGP-1"]),
        objective_labels: Default::default(),
        currencies: set(&["GBP", "SGD", "USD", "KWD"]),
    }
}

fn input() -> ActivityInput {
    ActivityInput {
        external_id: "x-1".into(),
        title: "Port call by HMS Example".into(),
        category: "ship_visit".into(),
        status: "planned".into(),
        start_date: "2027-03-14".into(),
        end_date: "2027-03-16".into(),
        host: "SGP".into(),
        participants: vec!["GBR".into(), "USA:observer".into()],
        location: "Changi Naval Base".into(),
        latitude: "1.32".into(),
        longitude: "104.01".into(),
        objectives: vec!["build_trust".into()],
        assets: vec!["HMS Example (F999)".into()],
        cost_amount: "12500.50".into(),
        cost_currency: "GBP".into(),
        classification: "official_sensitive".into(),
        releasable_to: vec!["USA".into(), "AUS".into()],
        ..Default::default()
    }
}

/// The fields that a broken input names, in order.
fn broken(input: ActivityInput) -> Vec<&'static str> {
    input
        .validate(&ctx())
        .unwrap_err()
        .0
        .iter()
        .map(|e| e.field)
        .collect()
}

#[test]
fn a_complete_activity_is_valid_and_canonical() {
    let a = input().validate(&ctx()).unwrap();
    assert_eq!(a.host.as_str(), "SGP");
    let parts: Vec<String> = a.participants.iter().map(Participant::to_text).collect();
    assert_eq!(parts, ["SGP", "GBR", "USA:observer"]);
    assert_eq!(a.participants[0].role, Role::Host);
    assert_eq!(a.label.releasable_to_text(), "AUS;USA");
    assert_eq!(a.cost.as_ref().unwrap().amount.to_string(), "12500.50");
}

#[test]
fn nothing_is_written_above_the_writers_clearance() {
    let mut ctx = ctx();
    ctx.clearance = Classification::Official;
    let errors = input().validate(&ctx).unwrap_err();
    assert_eq!(errors.0[0].field, "classification");
    assert!(
        errors.0[0]
            .reason
            .contains("above your clearance (official)")
    );
}

#[test]
fn dates_are_written_in_full_within_plausible_years() {
    for bad in [
        "27-3-4",
        "2027-3-14",
        "-0001-03-14",
        "20270314",
        "2027-02-30",
        "1850-01-01",
    ] {
        let mut i = input();
        i.start_date = bad.into();
        assert_eq!(broken(i), ["start_date"], "{bad}");
    }
}

#[test]
fn a_list_item_cannot_hold_the_separator() {
    let mut i = input();
    i.assets = vec!["HMS A;B".into()];
    assert_eq!(broken(i), ["assets"]);
}

#[test]
fn end_before_start() {
    let mut i = input();
    i.end_date = "2027-03-13".into();
    assert_eq!(broken(i), ["end_date"]);
    let mut same_day = input();
    same_day.end_date = same_day.start_date.clone();
    assert!(same_day.validate(&ctx()).is_ok());
}

#[test]
fn a_partner_other_than_our_nation_is_needed() {
    let mut i = input();
    i.host = "GBR".into();
    i.participants = vec![];
    let errors = i.validate(&ctx()).unwrap_err();
    assert_eq!(errors.0[0].field, "participants");
    assert!(errors.0[0].reason.contains("other than our nation (GBR)"));
}

#[test]
fn ship_and_aircraft_visits_name_the_asset() {
    for category in ["ship_visit", "aircraft_visit"] {
        let mut i = input();
        i.category = category.into();
        i.assets = vec![" ".into()];
        assert_eq!(broken(i), ["assets"], "{category}");
    }
    let mut talks = input();
    talks.category = "staff_talks".into();
    talks.assets.clear();
    assert!(talks.validate(&ctx()).is_ok());
}

#[test]
fn costs_carry_a_known_currency() {
    let mut no_currency = input();
    no_currency.cost_currency.clear();
    assert_eq!(broken(no_currency), ["cost_currency"]);
    let mut unknown = input();
    unknown.cost_currency = "XYZ".into();
    assert_eq!(broken(unknown), ["cost_currency"]);
    let mut none = input();
    none.cost_amount.clear();
    none.cost_currency.clear();
    assert_eq!(none.validate(&ctx()).unwrap().cost, None);
}

#[test]
fn operations_and_coercion_are_refused_with_the_reason() {
    let mut op = input();
    op.nature = "military_operation".into();
    let err = op.validate(&ctx()).unwrap_err();
    assert!(err.0[0].reason.contains("not defence diplomacy"), "{err}");
    let mut coercive = input();
    coercive.nature = "coercive".into();
    assert_eq!(broken(coercive), ["nature"]);
    let mut as_category = input();
    as_category.category = "combat_operation".into();
    assert_eq!(broken(as_category), ["category"]);
}

#[test]
fn unknown_codes_are_named() {
    let mut i = input();
    i.host = "XXX".into();
    i.objectives = vec!["world_peace".into()];
    i.releasable_to = vec!["NATO".into()];
    assert_eq!(broken(i), ["host", "objectives", "releasable_to"]);
}

#[test]
fn roles_are_checked() {
    let mut i = input();
    i.participants = vec!["SGP:guest".into(), "GBR".into()];
    assert_eq!(broken(i), ["participants"]);
    let mut two_hosts = input();
    two_hosts.participants = vec!["GBR:host".into()];
    assert_eq!(broken(two_hosts), ["participants"]);
    let mut twice = input();
    twice.participants = vec!["GBR".into(), "GBR:lead".into()];
    assert_eq!(broken(twice), ["participants"]);
}

#[test]
fn coordinates_come_in_pairs_within_range() {
    let mut i = input();
    i.longitude.clear();
    assert_eq!(broken(i), ["longitude"]);
    let mut far = input();
    far.latitude = "91".into();
    assert_eq!(broken(far), ["latitude"]);
}

#[test]
fn every_broken_rule_is_reported_at_once() {
    let errors = ActivityInput::default().validate(&ctx()).unwrap_err();
    let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
    for f in [
        "external_id",
        "title",
        "category",
        "status",
        "start_date",
        "end_date",
        "host",
    ] {
        assert!(fields.contains(&f), "{f} missing from {fields:?}");
    }
}

fn any_input() -> impl Strategy<Value = ActivityInput> {
    let category = prop::sample::select(Category::ALL.to_vec());
    let status = prop::sample::select(Status::ALL.to_vec());
    let partner = prop::sample::select(vec!["GBR", "USA", "AUS", "MYS", "ASEAN", "NATO"]);
    let role = prop::sample::select(vec!["", ":lead", ":guest", ":observer"]);
    (
        category,
        status,
        0i64..4000,
        0i64..30,
        prop::collection::vec((partner, role), 1..4),
        prop::option::of((-90.0f64..90.0, -180.0f64..180.0)),
        prop::option::of(0i64..10_000_000_000),
        "[A-Za-z][A-Za-z ]{0,40}",
    )
        .prop_map(
            |(category, status, start, days, parts, coords, cost, title)| {
                let start_date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
                    + chrono::Days::new(start as u64);
                let mut i = input();
                i.category = category.to_string();
                i.status = status.to_string();
                i.start_date = start_date.to_string();
                i.end_date = (start_date + chrono::Days::new(days as u64)).to_string();
                i.participants = parts.iter().map(|(p, r)| format!("{p}{r}")).collect();
                i.participants.sort();
                i.participants
                    .dedup_by(|a, b| a.split(':').next() == b.split(':').next());
                (i.latitude, i.longitude) = coords
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .unwrap_or_default();
                (i.cost_amount, i.cost_currency) = cost
                    .map(|c| {
                        (
                            Amount::from_thousandths(c).unwrap().to_string(),
                            "KWD".into(),
                        )
                    })
                    .unwrap_or_default();
                i.title = title;
                i
            },
        )
}

proptest! {
    /// Whatever a valid activity holds survives its interchange form: the ground the CSV
    /// and JSON round trips stand on.
    #[test]
    fn a_valid_activity_survives_its_interchange_form(i in any_input()) {
        let activity = i.validate(&ctx()).unwrap();
        let again = ActivityInput::from(&activity).validate(&ctx()).unwrap();
        prop_assert_eq!(again, activity);
    }

    #[test]
    fn validation_never_panics(
        fields in prop::collection::vec(".{0,12}", 8),
    ) {
        let i = ActivityInput {
            external_id: fields[0].clone(),
            title: fields[1].clone(),
            category: fields[2].clone(),
            status: fields[3].clone(),
            start_date: fields[4].clone(),
            end_date: fields[5].clone(),
            host: fields[6].clone(),
            participants: vec![fields[7].clone()],
            cost_amount: fields[7].clone(),
            latitude: fields[6].clone(),
            longitude: fields[5].clone(),
            ..Default::default()
        };
        let _ = i.validate(&ctx());
    }
}
