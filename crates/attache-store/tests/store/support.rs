//! What the store's stories share: the reference data, sample activities, the actors
//! and the checks they are built from.

use attache_domain::Stored;
use attache_domain::access::Actor;
use attache_domain::query::ActivityFilter;
use attache_domain::records::{Objective, Partner, PartnerKind, StandingAim};
use attache_domain::{Activity, ActivityInput, Classification, SecurityLabel, ValidationContext};
use attache_store::{ImportOrigin, Store};
use attache_testkit::fixtures::{code, date};
use chrono::{Days, TimeZone, Utc};

pub(crate) fn actor_at(name: &str, hour: u32) -> Actor {
    Actor {
        name: name.into(),
        nation: code("GBR"),
        clearance: Classification::Secret,
        roles: attache_domain::access::UserRole::ALL.to_vec(),
        at: Utc.with_ymd_and_hms(2026, 11, 25, hour, 30, 0).unwrap(),
        console: false,
    }
}

pub(crate) fn actor() -> Actor {
    actor_at("A. Planner", 9)
}

pub(crate) fn state(c: &str, name: &str, region: &str) -> Partner {
    Partner {
        code: code(c),
        kind: PartnerKind::State,
        name: name.into(),
        alpha2: c[..2].into(),
        region: region.into(),
        subregion: String::new(),
        members: vec![],
        members_as_of: None,
        members_source: String::new(),
        label: SecurityLabel::default(),
    }
}

pub(crate) fn reference_partners() -> Vec<Partner> {
    let mut partners = vec![
        state("AUS", "Australia", "Oceania"),
        state("GBR", "United Kingdom", "Europe"),
        state("MYS", "Malaysia", "Asia"),
        state("SGP", "Singapore", "Asia"),
        state("USA", "United States", "Americas"),
    ];
    partners.push(Partner {
        code: code("NATO"),
        kind: PartnerKind::Organisation,
        name: "North Atlantic Treaty Organization".into(),
        alpha2: String::new(),
        members: vec![code("GBR"), code("USA")],
        members_as_of: Some(date("2026-01-01")),
        members_source: "nato.int".into(),
        ..state("NATO", "", "")
    });
    partners
}

pub(crate) fn standing_objective(aim: StandingAim) -> Objective {
    Objective {
        code: aim.as_str().into(),
        title: aim.title().into(),
        aim,
        partner: None,
        indicators: vec![],
        label: SecurityLabel::default(),
    }
}

pub(crate) fn standing_objectives() -> Vec<Objective> {
    [
        StandingAim::BuildTrust,
        StandingAim::DispelHostility,
        StandingAim::NonProliferation,
    ]
    .map(standing_objective)
    .into()
}

/// Migrates, loads the reference data and gives the context that validates against it.
pub(crate) async fn ready<S: Store>(store: &S) -> ValidationContext {
    store.migrate().await.unwrap();
    store.check_schema().await.unwrap();
    store
        .load_reference(&reference_partners(), &standing_objectives(), &actor())
        .await
        .unwrap();
    let known = store.known_codes().await.unwrap();
    ValidationContext {
        clearance: Classification::Secret,
        our_nation: code("GBR"),
        partners: known.partners,
        objectives: known.objectives,
        objective_labels: Default::default(),
        currencies: ["GBP", "USD", "EUR", "SGD"].map(String::from).into(),
    }
}

pub(crate) fn valid(input: &ActivityInput, ctx: &ValidationContext) -> Activity {
    input
        .validate(ctx)
        .unwrap_or_else(|e| panic!("{} is invalid: {e}", input.external_id))
}

/// An activity with every field filled in.
pub(crate) fn full_input() -> ActivityInput {
    ActivityInput {
        source: "test".into(),
        external_id: "full-1".into(),
        title: "Port call by HMS Example".into(),
        category: "ship_visit".into(),
        status: "planned".into(),
        start_date: "2027-03-14".into(),
        end_date: "2027-03-16".into(),
        host: "SGP".into(),
        participants: vec!["GBR:lead".into(), "USA:observer".into(), "MYS".into()],
        location: "Changi Naval Base".into(),
        latitude: "1.32".into(),
        longitude: "104.01".into(),
        objectives: vec!["build_trust".into(), "non_proliferation".into()],
        assets: vec!["HMS Example (F999)".into(), "Wildcat ZZ999".into()],
        cost_amount: "12500.505".into(),
        cost_currency: "GBP".into(),
        classification: "official_sensitive".into(),
        releasable_to: vec!["USA".into(), "AUS".into()],
        description: "A four-day visit with a reception on board.".into(),
        outcome: "Agreed a staff-talks date; \"warm\" reception, 300 guests.".into(),
        ..Default::default()
    }
}

/// The i-th of a varied set of plain activities: four hosts, four categories, three
/// statuses, titles that repeat (to exercise the tie-break on id), dates five days apart.
pub(crate) fn sample_input(i: usize) -> ActivityInput {
    let start = date("2027-01-01") + Days::new(5 * i as u64);
    let end = start + Days::new(i as u64 % 4);
    let mut participants = vec!["GBR".to_owned()];
    if i.is_multiple_of(3) {
        participants.push("NATO:observer".into());
    }
    ActivityInput {
        source: "sample".into(),
        external_id: format!("s-{i:03}"),
        title: format!("Engagement {}", i % 5),
        category: ["bilateral_meeting", "training", "staff_talks", "exercise"][i % 4].into(),
        status: ["planned", "approved", "completed"][i % 3].into(),
        start_date: start.to_string(),
        end_date: end.to_string(),
        host: ["SGP", "USA", "AUS", "MYS"][i % 4].into(),
        participants,
        objectives: vec!["build_trust".into()],
        ..Default::default()
    }
}

pub(crate) async fn add_samples<S: Store>(
    store: &S,
    ctx: &ValidationContext,
    n: usize,
) -> Vec<Activity> {
    let mut added = Vec::new();
    for i in 0..n {
        let activity = valid(&sample_input(i), ctx);
        store.add_activity(&activity, &actor()).await.unwrap();
        added.push(activity);
    }
    added
}

/// Sample activities as an import from one source gives them, each with its own id.
pub(crate) fn imported(ctx: &ValidationContext, range: std::ops::Range<usize>) -> Vec<Activity> {
    range
        .map(|i| {
            let mut input = sample_input(i % 100);
            input.source = "exercise-db".into();
            input.external_id = format!("x-{i:06}");
            valid(&input, ctx)
        })
        .collect()
}

pub(crate) fn origin() -> ImportOrigin {
    ImportOrigin {
        source: "exercise-db".into(),
        file: "exercises.csv".into(),
        sha256: "ab".repeat(32),
    }
}

pub(crate) fn ids<T>(rows: &[Stored<T>]) -> Vec<i64> {
    rows.iter().map(|r| r.meta.id).collect()
}

/// Asserts that a result is the error the pattern describes, showing it otherwise.
macro_rules! assert_err {
    ($result:expr, $pattern:pat $(if $guard:expr)?) => {{
        let result = $result;
        assert!(matches!(&result, Err($pattern) $(if $guard)?), "{result:?}");
    }};
}
pub(crate) use assert_err;

/// The rule of [`ActivityFilter`], over an activity in memory.
pub(crate) fn matches(a: &Activity, f: &ActivityFilter) -> bool {
    f.partner
        .as_ref()
        .is_none_or(|p| a.participants.iter().any(|x| &x.partner == p))
        && f.category.is_none_or(|c| a.category == c)
        && f.status.is_none_or(|s| a.status == s)
        && f.from.is_none_or(|from| a.end >= from)
        && f.to.is_none_or(|to| a.start <= to)
        && f.text.as_ref().is_none_or(|t| {
            t.split_whitespace().all(|w| {
                let w = w.to_lowercase();
                [&a.title, &a.description, &a.outcome]
                    .iter()
                    .any(|c| c.to_lowercase().contains(&w))
            })
        })
}
