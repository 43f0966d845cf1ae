//! The store's story suite: every story is one generic function over [`Store`], run against
//! SQLite (a fresh file) and, when `ATTACHE_TEST_POSTGRES` holds a server URL, against
//! PostgreSQL (a fresh database per test, dropped at the end).
//!
//! ```text
//! ATTACHE_TEST_POSTGRES=postgres://attache:attache@127.0.0.1:5432/postgres cargo test -p attache-store
//! ```
//!
//! Without the variable the PostgreSQL half is skipped with a note; with it, a server that
//! cannot be reached fails the tests.

use std::collections::HashSet;
use std::future::Future;

use attache_domain::access::Actor;
use attache_domain::query::{ActivityFilter, Cursor, Page, PartnerFilter, Sort, SortField, Tally};
use attache_domain::records::{
    Agreement, AgreementKind, Asset, AssetKind, Indicator, Objective, Partner, PartnerKind, Person,
    StandingAim,
};
use attache_domain::{
    Activity, ActivityInput, Category, Classification, PartnerCode, SecurityLabel, Status,
    ValidationContext,
};
use attache_domain::{StatusChange, Stored};
use attache_store::{
    ImportOrigin, ImportOutcome, ImportSession, PostgresStore, SqliteStore, Store, StoreError,
};
use attache_testkit::fixtures::{code, date};
use chrono::{Days, TimeZone, Utc};

// ---------------------------------------------------------------------------------------
// Backends

/// What a story needs beyond [`Store`]: raw access for the few checks that tamper with
/// the database behind the store's back.
trait Backend: Store {
    /// Records a migration this binary does not know, as a newer attache would.
    fn record_unknown_migration(&self, version: i64) -> impl Future<Output = ()>;
}

macro_rules! backend {
    ($store:ty) => {
        impl Backend for $store {
            async fn record_unknown_migration(&self, version: i64) {
                sqlx::query(
                    "INSERT INTO _sqlx_migrations (version, description, success, checksum, \
                     execution_time) VALUES ($1, $2, TRUE, $3, 0)",
                )
                .bind(version)
                .bind("from a newer attache")
                .bind(vec![0u8; 4])
                .execute(self.pool())
                .await
                .unwrap();
            }
        }
    };
}
backend!(SqliteStore);
backend!(PostgresStore);

attache_testkit::on_each_backend!(
    schema_is_migrated_and_checked,
    reference_load_is_idempotent,
    records_are_added_and_listed,
    an_activity_round_trips,
    activities_are_filtered_sorted_and_paged,
    engagement_is_counted_by_category_and_period,
    a_stale_update_is_refused,
    a_status_change_is_recorded,
    an_import_session_is_idempotent_and_atomic,
    a_large_batch_is_written_at_once,
    an_import_is_audited_once_per_label,
    labels_hide_records_on_every_read_path,
    accounts_are_kept_and_changed,
    records_are_updated_with_a_new_version_and_audited,
    a_stale_record_update_is_a_conflict,
    a_hidden_record_is_not_found_for_update,
    child_rows_are_replaced,
);

// ---------------------------------------------------------------------------------------
// Fixtures

fn actor_at(name: &str, hour: u32) -> Actor {
    Actor {
        name: name.into(),
        nation: code("GBR"),
        clearance: Classification::Secret,
        roles: attache_domain::access::UserRole::ALL.to_vec(),
        at: Utc.with_ymd_and_hms(2026, 11, 25, hour, 30, 0).unwrap(),
    }
}

fn actor() -> Actor {
    actor_at("A. Planner", 9)
}

fn state(c: &str, name: &str, region: &str) -> Partner {
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

fn reference_partners() -> Vec<Partner> {
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

fn standing_objective(aim: StandingAim) -> Objective {
    Objective {
        code: aim.as_str().into(),
        title: aim.title().into(),
        aim,
        partner: None,
        indicators: vec![],
        label: SecurityLabel::default(),
    }
}

fn standing_objectives() -> Vec<Objective> {
    [
        StandingAim::BuildTrust,
        StandingAim::DispelHostility,
        StandingAim::NonProliferation,
    ]
    .map(standing_objective)
    .into()
}

/// Migrates, loads the reference data and gives the context that validates against it.
async fn ready<S: Store>(store: &S) -> ValidationContext {
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
        currencies: ["GBP", "USD", "EUR", "SGD"].map(String::from).into(),
    }
}

fn valid(input: &ActivityInput, ctx: &ValidationContext) -> Activity {
    input
        .validate(ctx)
        .unwrap_or_else(|e| panic!("{} is invalid: {e}", input.external_id))
}

/// An activity with every field filled in.
fn full_input() -> ActivityInput {
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
fn sample_input(i: usize) -> ActivityInput {
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

async fn add_samples<S: Store>(store: &S, ctx: &ValidationContext, n: usize) -> Vec<Activity> {
    let mut added = Vec::new();
    for i in 0..n {
        let activity = valid(&sample_input(i), ctx);
        store.add_activity(&activity, &actor()).await.unwrap();
        added.push(activity);
    }
    added
}

/// Sample activities as an import from one source gives them, each with its own id.
fn imported(ctx: &ValidationContext, range: std::ops::Range<usize>) -> Vec<Activity> {
    range
        .map(|i| {
            let mut input = sample_input(i % 100);
            input.source = "exercise-db".into();
            input.external_id = format!("x-{i:06}");
            valid(&input, ctx)
        })
        .collect()
}

fn origin() -> ImportOrigin {
    ImportOrigin {
        source: "exercise-db".into(),
        file: "exercises.csv".into(),
        sha256: "ab".repeat(32),
    }
}

fn ids<T>(rows: &[Stored<T>]) -> Vec<i64> {
    rows.iter().map(|r| r.meta.id).collect()
}

/// Asserts that a result is the error the pattern describes, showing it otherwise.
macro_rules! assert_err {
    ($result:expr, $pattern:pat $(if $guard:expr)?) => {{
        let result = $result;
        assert!(matches!(&result, Err($pattern) $(if $guard)?), "{result:?}");
    }};
}

// ---------------------------------------------------------------------------------------
// Stories

async fn schema_is_migrated_and_checked<S: Backend>(store: &S) {
    assert_err!(store.check_schema().await, StoreError::Schema(m) if m.contains("not initialised"));
    store.migrate().await.unwrap();
    store.check_schema().await.unwrap();
    store.migrate().await.unwrap(); // again: nothing left to do
    store.check_schema().await.unwrap();

    store.set_meta("nation", "GBR").await.unwrap();
    store.set_meta("nation", "AUS").await.unwrap();
    assert_eq!(store.meta("nation").await.unwrap().as_deref(), Some("AUS"));
    assert_eq!(store.meta("absent").await.unwrap(), None);

    store.record_unknown_migration(29_991_231_000_000).await;
    assert_err!(store.check_schema().await, StoreError::Schema(m) if m.contains("newer"));
}

async fn reference_load_is_idempotent<S: Store>(store: &S) {
    let ctx = ready(store).await;
    let activity = valid(&full_input(), &ctx);
    store.add_activity(&activity, &actor()).await.unwrap();

    // The same load again changes nothing, and keeps what refers to the reference data.
    store
        .load_reference(
            &reference_partners(),
            &standing_objectives(),
            &actor_at("B. Admin", 10),
        )
        .await
        .unwrap();
    for partner in reference_partners() {
        let stored = store.get_partner(&partner.code, &actor()).await.unwrap();
        assert_eq!(stored.record, partner);
        assert_eq!(stored.meta.version, 1, "{}", partner.code);
        assert_eq!(stored.meta.updated_by, "A. Planner");
    }
    for objective in standing_objectives() {
        let stored = store
            .get_objective(&objective.code, &actor())
            .await
            .unwrap();
        assert_eq!((stored.record, stored.meta.version), (objective, 1));
    }
    assert_eq!(
        store
            .count_activities(&Default::default(), &actor())
            .await
            .unwrap(),
        1
    );

    // A corrected row is updated in place and only it gets a new version.
    let mut corrected = reference_partners();
    let nato = corrected.last_mut().unwrap();
    nato.name = "NATO".into();
    nato.members.push(code("AUS"));
    nato.members.sort();
    store
        .load_reference(
            &corrected,
            &standing_objectives(),
            &actor_at("B. Admin", 10),
        )
        .await
        .unwrap();
    let stored = store.get_partner(&code("NATO"), &actor()).await.unwrap();
    assert_eq!(&stored.record, corrected.last().unwrap());
    assert_eq!(
        (stored.meta.version, stored.meta.updated_by.as_str()),
        (2, "B. Admin")
    );
    assert_eq!(
        store
            .get_partner(&code("SGP"), &actor())
            .await
            .unwrap()
            .meta
            .version,
        1
    );

    let known = store.known_codes().await.unwrap();
    let expected: HashSet<String> = ["AUS", "GBR", "MYS", "NATO", "SGP", "USA"]
        .map(String::from)
        .into();
    assert_eq!(known.partners, expected);
    assert!(known.objectives.contains("build_trust"));
}

async fn records_are_added_and_listed<S: Store>(store: &S) {
    ready(store).await;
    let who = actor();

    // Partners.
    let france = state("FRA", "France", "Europe");
    store.add_partner(&france, &who).await.unwrap();
    let stored = store.get_partner(&code("FRA"), &actor()).await.unwrap();
    assert_eq!(stored.record, france);
    assert_eq!(
        (
            stored.meta.owner_nation.as_str(),
            stored.meta.created_by.as_str()
        ),
        ("GBR", "A. Planner")
    );
    assert_eq!((stored.meta.created_at, stored.meta.version), (who.at, 1));
    assert_err!(
        store.add_partner(&france, &who).await,
        StoreError::Conflict(_)
    );
    assert_err!(
        store.get_partner(&code("ZZZ"), &actor()).await,
        StoreError::NotFound { .. }
    );
    let partner_codes = |rows: Vec<Stored<Partner>>| -> Vec<String> {
        rows.into_iter()
            .map(|p| p.record.code.to_string())
            .collect()
    };
    let list = |filter: PartnerFilter| async move {
        partner_codes(store.list_partners(&filter, &actor()).await.unwrap())
    };
    assert_eq!(
        list(PartnerFilter::default()).await,
        ["AUS", "FRA", "GBR", "MYS", "SGP", "USA", "NATO"]
    );
    let organisations = PartnerFilter {
        kind: Some(PartnerKind::Organisation),
        ..Default::default()
    };
    assert_eq!(list(organisations).await, ["NATO"]);
    let asia = PartnerFilter {
        region: Some("ASIA".into()),
        ..Default::default()
    };
    assert_eq!(list(asia).await, ["MYS", "SGP"]);
    let search = PartnerFilter {
        search: Some("sing".into()),
        ..Default::default()
    };
    assert_eq!(list(search).await, ["SGP"]);

    // People and assets, listed by nation.
    let person = Person {
        name: "Jane Tan".into(),
        title: "Colonel".into(),
        role: "defence attaché".into(),
        nation: code("SGP"),
        label: SecurityLabel::default(),
    };
    let person_id = store.add_person(&person, &who).await.unwrap();
    assert_eq!(
        store.get_person(person_id, &actor()).await.unwrap().record,
        person
    );
    let other = Person {
        nation: code("AUS"),
        name: "Sam Lee".into(),
        ..person.clone()
    };
    store.add_person(&other, &who).await.unwrap();
    assert_eq!(
        ids(&store
            .list_people(Some(&code("SGP")), &actor())
            .await
            .unwrap()),
        [person_id]
    );
    assert_eq!(store.list_people(None, &actor()).await.unwrap().len(), 2);
    assert_err!(
        store.get_person(person_id + 100, &actor()).await,
        StoreError::NotFound { .. }
    );

    let asset = Asset {
        name: "HMS Example".into(),
        kind: AssetKind::Ship,
        identifier: "F999".into(),
        nation: code("GBR"),
        label: SecurityLabel::new(
            attache_domain::Classification::OfficialSensitive,
            vec![code("USA"), code("AUS")],
        )
        .unwrap(),
    };
    let asset_id = store.add_asset(&asset, &who).await.unwrap();
    assert_eq!(
        store.get_asset(asset_id, &actor()).await.unwrap().record,
        asset
    );
    assert_eq!(
        ids(&store
            .list_assets(Some(&code("GBR")), &actor())
            .await
            .unwrap()),
        [asset_id]
    );
    assert!(
        store
            .list_assets(Some(&code("SGP")), &actor())
            .await
            .unwrap()
            .is_empty()
    );

    // A partner's objective with its indicators, in order.
    let objective = Objective {
        code: "SGP-1".into(),
        title: "Deepen maritime cooperation".into(),
        aim: StandingAim::BuildTrust,
        partner: Some(code("SGP")),
        indicators: vec![
            Indicator {
                name: "Port visits a year".into(),
                baseline: 2.0,
                target: 6.5,
            },
            Indicator {
                name: "Staff talks a year".into(),
                baseline: 0.0,
                target: 1.0,
            },
        ],
        label: SecurityLabel::default(),
    };
    store.add_objective(&objective, &who).await.unwrap();
    assert_eq!(
        store.get_objective("SGP-1", &actor()).await.unwrap().record,
        objective
    );
    let sgp = store
        .list_objectives(Some(&code("SGP")), &actor())
        .await
        .unwrap();
    assert_eq!(
        sgp.into_iter().map(|o| o.record).collect::<Vec<_>>(),
        std::slice::from_ref(&objective)
    );
    assert_eq!(
        store.list_objectives(None, &actor()).await.unwrap().len(),
        4
    );
    assert_err!(
        store.add_objective(&objective, &who).await,
        StoreError::Conflict(_)
    );

    // An agreement with its parties.
    let agreement = Agreement {
        kind: AgreementKind::DefenceCooperation,
        title: "UK–Singapore defence cooperation".into(),
        parties: vec![code("GBR"), code("SGP")],
        signed: date("2019-06-01"),
        in_force: Some(date("2019-07-01")),
        expiry: None,
        label: SecurityLabel::default(),
    };
    let agreement_id = store.add_agreement(&agreement, &who).await.unwrap();
    let stored = store.get_agreement(agreement_id, &actor()).await.unwrap();
    assert_eq!((stored.record, stored.meta.version), (agreement, 1));
    assert_eq!(
        ids(&store
            .list_agreements(Some(&code("SGP")), &actor())
            .await
            .unwrap()),
        [agreement_id]
    );
    assert!(
        store
            .list_agreements(Some(&code("USA")), &actor())
            .await
            .unwrap()
            .is_empty()
    );
}

async fn an_activity_round_trips<S: Store>(store: &S) {
    let ctx = ready(store).await;
    let activity = valid(&full_input(), &ctx);
    let who = actor();
    let added = store.add_activity(&activity, &who).await.unwrap();
    assert_eq!(added.record, activity);
    assert_eq!(
        (
            added.meta.owner_nation.as_str(),
            added.meta.created_by.as_str(),
            added.meta.created_at,
            added.meta.updated_by.as_str(),
            added.meta.updated_at,
            added.meta.version
        ),
        ("GBR", "A. Planner", who.at, "A. Planner", who.at, 1)
    );
    let got = store.get_activity(added.meta.id, &actor()).await.unwrap();
    assert_eq!(got, added);
    // The interchange form of what came back is what went in.
    assert_eq!(
        ActivityInput::from(&got.record).validate(&ctx).unwrap(),
        activity
    );

    // Optional parts left out stay out.
    let mut bare = sample_input(1);
    bare.external_id = "bare".into();
    let bare = valid(&bare, &ctx);
    assert_eq!(
        (&bare.location, &bare.cost, bare.assets.len()),
        (&None, &None, 0)
    );
    let stored = store.add_activity(&bare, &who).await.unwrap();
    assert_eq!(
        store
            .get_activity(stored.meta.id, &actor())
            .await
            .unwrap()
            .record,
        bare
    );

    assert_err!(
        store.add_activity(&activity, &who).await,
        StoreError::Conflict(_)
    );
    assert_err!(
        store.get_activity(stored.meta.id + 100, &actor()).await,
        StoreError::NotFound { .. }
    );
}

async fn activities_are_filtered_sorted_and_paged<S: Store>(store: &S) {
    let ctx = ready(store).await;
    let added = add_samples(store, &ctx, 24).await;

    // Each filter gives what the same rule gives over the activities in memory, and the
    // count agrees.
    let filters = [
        ActivityFilter::default(),
        ActivityFilter {
            partner: Some(code("NATO")),
            ..Default::default()
        },
        ActivityFilter {
            partner: Some(code("SGP")),
            status: Some(Status::Planned),
            ..Default::default()
        },
        ActivityFilter {
            category: Some(Category::Training),
            ..Default::default()
        },
        ActivityFilter {
            from: Some(date("2027-02-01")),
            to: Some(date("2027-03-01")),
            ..Default::default()
        },
        ActivityFilter {
            partner: Some(code("GBR")),
            category: Some(Category::Exercise),
            to: Some(date("2027-02-15")),
            ..Default::default()
        },
        ActivityFilter {
            text: Some("ENGAGEMENT 3".into()),
            ..Default::default()
        },
    ];
    for filter in &filters {
        let expected: Vec<&str> = added
            .iter()
            .filter(|a| matches(a, filter))
            .map(|a| a.external_id.as_str())
            .collect();
        assert!(
            !expected.is_empty(),
            "a filter that selects nothing: {filter:?}"
        );
        let listed = store
            .list_activities(filter, Sort::default(), &Page::default(), &actor())
            .await
            .unwrap();
        let listed: Vec<&str> = listed
            .iter()
            .map(|a| a.record.external_id.as_str())
            .collect();
        assert_eq!(listed, expected, "{filter:?}");
        let count = store.count_activities(filter, &actor()).await.unwrap();
        assert_eq!(count, expected.len() as u64, "{filter:?}");
    }

    // A date range matches what overlaps it, ends included: s-002 runs 01-11 to 01-13.
    let overlapping = |from: &str, to: &str| {
        let filter = ActivityFilter {
            from: Some(date(from)),
            to: Some(date(to)),
            ..Default::default()
        };
        async move {
            let rows = store
                .list_activities(&filter, Sort::default(), &Page::default(), &actor())
                .await
                .unwrap();
            rows.into_iter()
                .map(|a| a.record.external_id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(overlapping("2027-01-13", "2027-01-13").await, ["s-002"]);
    assert_eq!(overlapping("2027-01-12", "2027-01-12").await, ["s-002"]);
    assert_eq!(overlapping("2027-01-08", "2027-01-11").await, ["s-002"]);
    assert!(overlapping("2027-01-14", "2027-01-15").await.is_empty());

    // Every sort, both ways, paged by keyset: every row exactly once, in the unpaged order,
    // with equal keys broken by id.
    for field in [
        SortField::Start,
        SortField::Title,
        SortField::Category,
        SortField::Status,
    ] {
        for descending in [false, true] {
            let sort = Sort { field, descending };
            for filter in [&filters[0], &filters[1]] {
                let all = store
                    .list_activities(filter, sort, &Page::default(), &actor())
                    .await
                    .unwrap();
                assert_eq!(
                    all.len() as u64,
                    store.count_activities(filter, &actor()).await.unwrap()
                );
                let paged = page_through(store, filter, sort, 5).await;
                assert_eq!(paged, ids(&all), "{sort:?} {filter:?}");
                let unique: HashSet<i64> = paged.iter().copied().collect();
                assert_eq!(unique.len(), paged.len(), "{sort:?}: a row came twice");
                for pair in all.windows(2) {
                    let (a, b) = (Cursor::after(&pair[0], sort), Cursor::after(&pair[1], sort));
                    if a.key == b.key {
                        assert_eq!(a.id < b.id, !descending, "{sort:?}: ties by id");
                    }
                    if let (
                        attache_domain::query::SortKey::Date(x),
                        attache_domain::query::SortKey::Date(y),
                    ) = (&a.key, &b.key)
                    {
                        assert!(if descending { x >= y } else { x <= y }, "{sort:?}");
                    }
                }
            }
        }
    }
}

/// The rule of [`ActivityFilter`], over an activity in memory.
fn matches(a: &Activity, f: &ActivityFilter) -> bool {
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

async fn engagement_is_counted_by_category_and_period<S: Store>(store: &S) {
    let ctx = ready(store).await;
    let mut added = add_samples(store, &ctx, 24).await;
    // A long activity, begun long before the periods counted, still overlaps them: the
    // bound on start dates (the longest activity's length) must not leave it out.
    let mut long = sample_input(99);
    long.external_id = "long".into();
    long.start_date = "2025-06-01".into();
    long.end_date = "2027-02-03".into();
    let long = valid(&long, &ctx);
    store.add_activity(&long, &actor()).await.unwrap();
    added.push(long);

    let filters = [
        ActivityFilter::default(),
        ActivityFilter {
            partner: Some(code("NATO")),
            ..Default::default()
        },
        ActivityFilter {
            from: Some(date("2027-02-01")),
            to: Some(date("2027-03-01")),
            ..Default::default()
        },
        ActivityFilter {
            partner: Some(code("GBR")),
            from: Some(date("2027-01-20")),
            ..Default::default()
        },
    ];
    let periods = vec![
        (date("2026-12-01"), date("2026-12-31")),
        (date("2027-01-01"), date("2027-01-31")),
        (date("2027-02-01"), date("2027-02-28")),
        (date("2027-03-01"), date("2027-12-31")),
    ];
    for filter in &filters {
        let selected: Vec<&Activity> = added.iter().filter(|a| matches(a, filter)).collect();
        let by_category: Vec<u64> = Category::ALL
            .iter()
            .map(|c| selected.iter().filter(|a| a.category == *c).count() as u64)
            .collect();
        assert_eq!(
            store
                .engagement_counts(filter, &Tally::ByCategory, &actor())
                .await
                .unwrap(),
            by_category,
            "{filter:?}"
        );
        let by_period: Vec<u64> = periods
            .iter()
            .map(|(from, to)| {
                selected
                    .iter()
                    .filter(|a| a.end >= *from && a.start <= *to)
                    .count() as u64
            })
            .collect();
        assert!(
            by_period.iter().any(|n| *n > 0),
            "{filter:?} counts nothing"
        );
        assert_eq!(
            store
                .engagement_counts(filter, &Tally::ByPeriod(periods.clone()), &actor())
                .await
                .unwrap(),
            by_period,
            "{filter:?}"
        );
    }
    // The long activity is in the lists and counts of a period it overlaps.
    let february = &filters[2];
    let listed = store
        .list_activities(february, Sort::default(), &Page::default(), &actor())
        .await
        .unwrap();
    assert_eq!(listed[0].record.external_id, "long");
    assert!(
        store
            .engagement_counts(&filters[0], &Tally::ByPeriod(Vec::new()), &actor())
            .await
            .unwrap()
            .is_empty()
    );
}

/// The ids of every page, following [`Cursor::after`] the last row of each.
async fn page_through<S: Store>(
    store: &S,
    filter: &ActivityFilter,
    sort: Sort,
    size: u32,
) -> Vec<i64> {
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = Page {
            after,
            limit: Some(size),
        };
        let rows = store
            .list_activities(filter, sort, &page, &actor())
            .await
            .unwrap();
        assert!(rows.len() <= size as usize);
        let Some(last) = rows.last() else {
            return seen;
        };
        after = Some(Cursor::after(last, sort));
        seen.extend(ids(&rows));
    }
}

async fn a_stale_update_is_refused<S: Store>(store: &S) {
    let ctx = ready(store).await;
    let added = store
        .add_activity(&valid(&full_input(), &ctx), &actor())
        .await
        .unwrap();
    let id = added.meta.id;

    let mut first = full_input();
    first.title = "Port call by HMS Example, extended".into();
    first.end_date = "2027-03-18".into();
    first.participants.pop();
    let first = valid(&first, &ctx);
    let editor = actor_at("B. Editor", 11);
    let updated = store.update_activity(id, &first, 1, &editor).await.unwrap();
    assert_eq!(updated.record, first);
    assert_eq!(updated.meta.version, 2);
    assert_eq!(
        (updated.meta.updated_by.as_str(), updated.meta.updated_at),
        ("B. Editor", editor.at)
    );
    assert_eq!(
        (updated.meta.created_by.as_str(), updated.meta.created_at),
        ("A. Planner", actor().at)
    );

    // A second editor who loaded version 1 loses, and changes nothing.
    let mut second = full_input();
    second.title = "Someone else's title".into();
    let second = valid(&second, &ctx);
    assert_err!(
        store.update_activity(id, &second, 1, &actor()).await,
        StoreError::Conflict(_)
    );
    assert_eq!(store.get_activity(id, &actor()).await.unwrap(), updated);

    assert_err!(
        store.update_activity(id + 100, &second, 1, &actor()).await,
        StoreError::NotFound { .. }
    );
}

async fn a_status_change_is_recorded<S: Store>(store: &S) {
    let ctx = ready(store).await;
    let added = store
        .add_activity(&valid(&full_input(), &ctx), &actor())
        .await
        .unwrap();
    let id = added.meta.id;
    assert!(store.status_changes(id, &actor()).await.unwrap().is_empty());

    let approver = actor_at("C. Approver", 12);
    let approved = store
        .change_status(id, Status::Planned, Status::Approved, 1, &approver)
        .await
        .unwrap();
    assert_eq!(
        (approved.record.status, approved.meta.version),
        (Status::Approved, 2)
    );
    assert_eq!(approved.meta.updated_by, "C. Approver");
    let expected = StatusChange {
        from: Status::Planned,
        to: Status::Approved,
        by: "C. Approver".into(),
        at: approver.at,
    };
    assert_eq!(
        store.status_changes(id, &actor()).await.unwrap(),
        std::slice::from_ref(&expected)
    );

    // A stale version, or a status that is no longer the current one, changes nothing.
    assert_err!(
        store
            .change_status(id, Status::Approved, Status::Completed, 1, &approver)
            .await,
        StoreError::Conflict(_)
    );
    assert_err!(
        store
            .change_status(id, Status::Planned, Status::Cancelled, 2, &approver)
            .await,
        StoreError::Conflict(_)
    );
    assert_eq!(store.get_activity(id, &actor()).await.unwrap(), approved);
    assert_eq!(
        store.status_changes(id, &actor()).await.unwrap(),
        [expected]
    );
}

async fn an_import_session_is_idempotent_and_atomic<S: Store>(store: &S) {
    let ctx = ready(store).await;
    let importer = actor_at("D. Importer", 13);
    let rows = imported(&ctx, 0..10);
    let (first, second) = rows.split_at(6);
    let outcome = |inserted, updated, unchanged| ImportOutcome {
        inserted,
        updated,
        unchanged,
    };

    let mut import = store.begin_import().await.unwrap();
    assert_eq!(
        import.write(first, &importer).await.unwrap(),
        outcome(6, 0, 0)
    );
    assert_eq!(
        import.write(second, &importer).await.unwrap(),
        outcome(4, 0, 0)
    );
    import.commit(&origin(), &importer).await.unwrap();
    let all = ActivityFilter::default();
    assert_eq!(store.count_activities(&all, &actor()).await.unwrap(), 10);
    let listed = store
        .list_activities(&all, Sort::default(), &Page::default(), &actor())
        .await
        .unwrap();
    assert_eq!(
        listed.iter().map(|a| &a.record).collect::<Vec<_>>(),
        rows.iter().collect::<Vec<_>>()
    );

    // The same rows again: nothing to do.
    let mut import = store.begin_import().await.unwrap();
    assert_eq!(
        import.write(first, &importer).await.unwrap(),
        outcome(0, 0, 6)
    );
    import.commit(&origin(), &importer).await.unwrap();
    let after = store
        .list_activities(&all, Sort::default(), &Page::default(), &actor())
        .await
        .unwrap();
    assert_eq!(after, listed);

    // One changed row is updated, and its version moves on.
    let mut changed = first.to_vec();
    changed[2].title = "Renamed at the source".into();
    changed[2].status = Status::Cancelled;
    let mut import = store.begin_import().await.unwrap();
    assert_eq!(
        import.write(&changed, &importer).await.unwrap(),
        outcome(0, 1, 5)
    );
    import.commit(&origin(), &importer).await.unwrap();
    let id = listed[2].meta.id;
    let stored = store.get_activity(id, &actor()).await.unwrap();
    assert_eq!((&stored.record, stored.meta.version), (&changed[2], 2));
    assert_eq!(
        store
            .get_activity(listed[3].meta.id, &actor())
            .await
            .unwrap()
            .meta
            .version,
        1
    );

    // An import dropped before its commit leaves nothing behind.
    let extra = imported(&ctx, 10..13);
    {
        let mut import = store.begin_import().await.unwrap();
        assert_eq!(
            import.write(&extra, &importer).await.unwrap(),
            outcome(3, 0, 0)
        );
        let mut renamed = changed.clone();
        renamed[0].title = "Never committed".into();
        assert_eq!(
            import.write(&renamed, &importer).await.unwrap(),
            outcome(0, 1, 5)
        );
    }
    assert_eq!(store.count_activities(&all, &actor()).await.unwrap(), 10);
    assert_eq!(
        store
            .get_activity(listed[0].meta.id, &actor())
            .await
            .unwrap(),
        listed[0]
    );
    // The same external ids from another source are other records.
    let mut import = store.begin_import().await.unwrap();
    let elsewhere: Vec<Activity> = first
        .iter()
        .map(|a| Activity {
            source: "other-db".into(),
            ..a.clone()
        })
        .collect();
    assert_eq!(
        import.write(&elsewhere, &importer).await.unwrap(),
        outcome(6, 0, 0)
    );
    import.commit(&origin(), &importer).await.unwrap();
    assert_eq!(store.count_activities(&all, &actor()).await.unwrap(), 16);
}

/// An import's created rows are audited once per security label, and each created
/// activity's history shows that entry to those who may see it; a row an import changes
/// has its own entry, before and after; the chain stays intact.
async fn an_import_is_audited_once_per_label<S: Store>(store: &S) {
    let ctx = ready(store).await;
    let importer = actor_at("D. Importer", 13);
    let mut rows = imported(&ctx, 0..6);
    for row in &mut rows[4..] {
        row.label.classification = Classification::Secret;
    }
    let trail_before = store.audit_trail(None, 1000, &actor()).await.unwrap().len();
    let mut import = store.begin_import().await.unwrap();
    import.write(&rows[..3], &importer).await.unwrap();
    import.write(&rows[3..], &importer).await.unwrap();
    import.commit(&origin(), &importer).await.unwrap();

    let trail = store.audit_trail(None, 1000, &actor()).await.unwrap();
    let entries = &trail[trail_before..];
    assert_eq!(entries.len(), 2, "{entries:#?}");
    let listed = store
        .list_activities(
            &ActivityFilter::default(),
            Sort::default(),
            &Page::default(),
            &actor(),
        )
        .await
        .unwrap();
    let id_of = |external_id: &str| {
        listed
            .iter()
            .find(|a| a.record.external_id == external_id)
            .unwrap()
            .meta
            .id
    };
    let history = |id: i64, viewer: Actor| async move {
        store
            .audit_trail(Some(("activity", &id.to_string())), 10, &viewer)
            .await
            .unwrap()
    };
    let official = id_of("x-000000");
    let secret = id_of("x-000005");
    let [first] = &history(official, actor()).await[..] else {
        panic!("one entry expected")
    };
    assert_eq!(
        (
            first.action.as_str(),
            first.record_type.as_str(),
            first.record_id.as_str()
        ),
        ("import", "import", "exercise-db")
    );
    assert_eq!(first.classification, "official");
    let after: serde_json::Value = serde_json::from_str(first.after.as_deref().unwrap()).unwrap();
    assert_eq!(after["file"], "exercises.csv");
    assert_eq!(after["sha256"], "ab".repeat(32));
    assert_eq!(after["created"], 4);
    let official_ids: Vec<String> = ["x-000000", "x-000001", "x-000002", "x-000003"]
        .iter()
        .map(|x| id_of(x).to_string())
        .collect();
    let ranges = after["ids"].as_str().unwrap();
    for id in &official_ids {
        let covered = ranges.split(',').any(|r| match r.split_once('-') {
            Some((a, b)) => {
                (a.parse::<i64>().unwrap()..=b.parse().unwrap()).contains(&id.parse().unwrap())
            }
            None => r == id,
        });
        assert!(covered, "{id} not in {ranges}");
    }
    let secret_history = history(secret, actor()).await;
    assert_eq!(secret_history.len(), 1);
    assert_eq!(secret_history[0].classification, "secret");
    let uncleared = Actor {
        clearance: Classification::Official,
        ..actor()
    };
    assert!(history(secret, uncleared.clone()).await.is_empty());
    assert_eq!(history(official, uncleared).await.len(), 1);

    // The same file again adds nothing; a changed row gets its own entry.
    let mut changed = rows.clone();
    changed[1].title = "Renamed at the source".into();
    let mut import = store.begin_import().await.unwrap();
    let outcome = import.write(&changed, &importer).await.unwrap();
    assert_eq!(
        (outcome.inserted, outcome.updated, outcome.unchanged),
        (0, 1, 5)
    );
    import.commit(&origin(), &importer).await.unwrap();
    let updated = history(id_of("x-000001"), actor()).await;
    assert_eq!(updated.len(), 2, "{updated:#?}");
    assert_eq!(
        (updated[1].action.as_str(), updated[1].record_type.as_str()),
        ("import", "activity")
    );
    assert!(updated[1].before.as_deref().unwrap().contains("exercise"));
    assert!(
        updated[1]
            .after
            .as_deref()
            .unwrap()
            .contains("Renamed at the source")
    );
    assert_eq!(
        store.audit_trail(None, 1000, &actor()).await.unwrap().len(),
        trail_before + 3
    );
    assert!(matches!(
        store.verify_audit().await.unwrap(),
        attache_store::AuditVerdict::Intact { .. }
    ));
}

/// One write with more rows than one statement may bind parameters for (SQLite 32766,
/// PostgreSQL 65535): the store must split it.
async fn a_large_batch_is_written_at_once<S: Store>(store: &S) {
    let ctx = ready(store).await;
    let rows = imported(&ctx, 0..70_000);
    let mut import = store.begin_import().await.unwrap();
    let outcome = import.write(&rows, &actor()).await.unwrap();
    assert_eq!(outcome.inserted, 70_000);
    import.commit(&origin(), &actor()).await.unwrap();
    let all = ActivityFilter::default();
    assert_eq!(
        store.count_activities(&all, &actor()).await.unwrap(),
        70_000
    );
}

/// A record is read only by someone cleared for its classification whose nation owns it or
/// is on its releasability list, on every read path; the store's SQL agrees with the
/// domain's rule, `SecurityLabel::visible_to`.
async fn labels_hide_records_on_every_read_path<S: Store>(store: &S) {
    use Classification::{Official, OfficialSensitive, Secret};
    let ctx = ready(store).await;
    let labels: [(&str, &[&str]); 4] = [
        ("official", &[]),
        ("official_sensitive", &["AUS"]),
        ("secret", &[]),
        ("secret", &["AUS", "USA"]),
    ];
    let mut stored = Vec::new();
    for (i, (classification, releasable)) in labels.iter().enumerate() {
        let mut input = sample_input(i);
        input.classification = (*classification).into();
        input.releasable_to = releasable.iter().map(|s| (*s).into()).collect();
        stored.push(
            store
                .add_activity(&valid(&input, &ctx), &actor())
                .await
                .unwrap(),
        );
    }
    let all = ActivityFilter::default();
    let readers = [
        ("GBR", Official),
        ("GBR", OfficialSensitive),
        ("GBR", Secret),
        ("AUS", Official),
        ("AUS", Secret),
        ("USA", Secret),
        ("FRA", Secret),
    ];
    for (nation, clearance) in readers {
        let viewer = Actor {
            nation: code(nation),
            clearance,
            ..actor()
        };
        let visible: Vec<i64> = stored
            .iter()
            .filter(|s| {
                s.record
                    .label
                    .visible_to(&s.meta.owner_nation, &viewer.nation, clearance)
            })
            .map(|s| s.meta.id)
            .collect();
        let listed = store
            .list_activities(&all, Sort::default(), &Page::default(), &viewer)
            .await
            .unwrap();
        assert_eq!(ids(&listed), visible, "{nation} cleared {clearance}");
        assert_eq!(
            store.count_activities(&all, &viewer).await.unwrap(),
            visible.len() as u64
        );
        let engagement = store
            .engagement_counts(&all, &Tally::ByCategory, &viewer)
            .await
            .unwrap();
        assert_eq!(
            engagement.iter().sum::<u64>(),
            visible.len() as u64,
            "engagement as {nation} cleared {clearance}"
        );
        for s in &stored {
            let id = s.meta.id;
            let got = store.get_activity(id, &viewer).await;
            let trail = store
                .audit_trail(Some(("activity", &id.to_string())), 10, &viewer)
                .await
                .unwrap();
            if visible.contains(&id) {
                assert!(got.is_ok(), "{nation} {clearance} should see {id}");
                assert_eq!(trail.len(), 1);
            } else {
                assert!(
                    matches!(got, Err(StoreError::NotFound { .. })),
                    "{nation} {clearance} sees {id}"
                );
                assert!(
                    trail.is_empty(),
                    "{nation} {clearance} sees the history of {id}"
                );
                let changed = store
                    .update_activity(id, &s.record, s.meta.version, &viewer)
                    .await;
                assert!(
                    matches!(changed, Err(StoreError::NotFound { .. })),
                    "{nation} {clearance} changed {id}"
                );
            }
        }
    }
}

async fn accounts_are_kept_and_changed<S: Store>(store: &S) {
    use attache_domain::access::{User, UserRole};
    use attache_store::UserChange;
    ready(store).await;
    let user = User {
        name: "ana".into(),
        nation: code("GBR"),
        clearance: Classification::OfficialSensitive,
        roles: vec![UserRole::Planner, UserRole::Analyst],
        disabled: false,
    };
    store
        .add_user(&user, "$argon2id$first", &actor())
        .await
        .unwrap();
    assert!(matches!(
        store.add_user(&user, "$argon2id$again", &actor()).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(store.get_user("ana", &actor()).await.unwrap().record, user);
    assert_eq!(store.list_users(&actor()).await.unwrap().len(), 1);
    let change = UserChange {
        disabled: Some(true),
        password_hash: Some("$argon2id$second".into()),
    };
    let changed = store.update_user("ana", change, &actor()).await.unwrap();
    assert!(changed.record.disabled);
    assert_eq!(changed.meta.version, 2);
    let (credentials, hash) = store.user_credentials("ana").await.unwrap().unwrap();
    assert_eq!(
        (credentials.disabled, hash.as_str()),
        (true, "$argon2id$second")
    );
    assert!(store.user_credentials("bob").await.unwrap().is_none());
    assert!(matches!(
        store
            .update_user("bob", UserChange::default(), &actor())
            .await,
        Err(StoreError::NotFound { .. })
    ));
}

// ---------------------------------------------------------------------------------------
// Updates of the records besides activities

/// Each record that `Store::update_…` changes, driven the same way by the update stories:
/// its fixtures and its add, get and update methods.
trait Updatable: Clone + PartialEq + std::fmt::Debug + serde::de::DeserializeOwned {
    const RECORD_TYPE: &'static str;
    type Key: std::fmt::Display;
    /// A record as first added.
    fn original() -> Self;
    /// The original with every field but its key changed, child rows included.
    fn changed() -> Self;
    fn label(&self) -> &SecurityLabel;
    fn with_label(self, label: SecurityLabel) -> Self;
    async fn add<S: Store>(store: &S, record: &Self, actor: &Actor) -> Self::Key;
    async fn get<S: Store>(store: &S, key: &Self::Key, viewer: &Actor) -> StoreResult<Self>;
    async fn update<S: Store>(
        store: &S,
        key: &Self::Key,
        record: &Self,
        expected_version: i64,
        actor: &Actor,
    ) -> StoreResult<Self>;
}

type StoreResult<T> = Result<Stored<T>, StoreError>;

/// What each record's `Updatable` does alike: its label, and the store's `get_…` and
/// `update_…` for it, given how its key is passed (`|id| *id`).
macro_rules! label_get_update {
    ($get:ident, $update:ident, |$key:ident| $pass:expr) => {
        fn label(&self) -> &SecurityLabel {
            &self.label
        }
        fn with_label(self, label: SecurityLabel) -> Self {
            Self { label, ..self }
        }
        async fn get<S: Store>(store: &S, $key: &Self::Key, viewer: &Actor) -> StoreResult<Self> {
            store.$get($pass, viewer).await
        }
        async fn update<S: Store>(
            store: &S,
            $key: &Self::Key,
            record: &Self,
            expected_version: i64,
            actor: &Actor,
        ) -> StoreResult<Self> {
            store.$update($pass, record, expected_version, actor).await
        }
    };
}

fn label(classification: Classification, releasable_to: &[&str]) -> SecurityLabel {
    SecurityLabel::new(
        classification,
        releasable_to.iter().map(|c| code(c)).collect(),
    )
    .unwrap()
}

impl Updatable for Partner {
    const RECORD_TYPE: &'static str = "partner";
    type Key = PartnerCode;
    fn original() -> Self {
        Partner {
            code: code("FPDA"),
            kind: PartnerKind::Organisation,
            name: "Five Power Defence Arrangements".into(),
            members: vec![code("AUS"), code("GBR"), code("MYS"), code("SGP")],
            members_as_of: Some(date("2026-01-01")),
            members_source: "fpda.example".into(),
            ..state("FPDA", "", "Asia")
        }
    }
    fn changed() -> Self {
        Partner {
            name: "FPDA".into(),
            region: "Oceania".into(),
            subregion: "South-eastern Asia".into(),
            members: vec![code("GBR"), code("SGP"), code("USA")],
            members_as_of: Some(date("2026-06-30")),
            members_source: "corrected by hand".into(),
            label: label(Classification::OfficialSensitive, &["AUS"]),
            ..Self::original()
        }
    }
    async fn add<S: Store>(store: &S, record: &Self, actor: &Actor) -> PartnerCode {
        store.add_partner(record, actor).await.unwrap();
        record.code.clone()
    }
    label_get_update!(get_partner, update_partner, |key| key);
}

impl Updatable for Person {
    const RECORD_TYPE: &'static str = "person";
    type Key = i64;
    fn original() -> Self {
        Person {
            name: "Jane Tan".into(),
            title: "Colonel".into(),
            role: "defence attaché".into(),
            nation: code("SGP"),
            label: SecurityLabel::default(),
        }
    }
    fn changed() -> Self {
        Person {
            name: "Jane Tan-Lim".into(),
            title: "Brigadier-General".into(),
            role: "chief of staff".into(),
            nation: code("MYS"),
            label: label(Classification::Secret, &["USA"]),
        }
    }
    async fn add<S: Store>(store: &S, record: &Self, actor: &Actor) -> i64 {
        store.add_person(record, actor).await.unwrap()
    }
    label_get_update!(get_person, update_person, |id| *id);
}

impl Updatable for Asset {
    const RECORD_TYPE: &'static str = "asset";
    type Key = i64;
    fn original() -> Self {
        Asset {
            name: "HMS Example".into(),
            kind: AssetKind::Ship,
            identifier: "F999".into(),
            nation: code("GBR"),
            label: SecurityLabel::default(),
        }
    }
    fn changed() -> Self {
        Asset {
            name: "Wildcat".into(),
            kind: AssetKind::Aircraft,
            identifier: "ZZ999".into(),
            nation: code("AUS"),
            label: label(Classification::OfficialSensitive, &["AUS", "USA"]),
        }
    }
    async fn add<S: Store>(store: &S, record: &Self, actor: &Actor) -> i64 {
        store.add_asset(record, actor).await.unwrap()
    }
    label_get_update!(get_asset, update_asset, |id| *id);
}

fn indicator(name: &str, baseline: f64, target: f64) -> Indicator {
    Indicator {
        name: name.into(),
        baseline,
        target,
    }
}

impl Updatable for Objective {
    const RECORD_TYPE: &'static str = "objective";
    type Key = String;
    fn original() -> Self {
        Objective {
            code: "SGP-1".into(),
            title: "Deepen maritime cooperation".into(),
            aim: StandingAim::BuildTrust,
            partner: Some(code("SGP")),
            indicators: vec![
                indicator("Port visits a year", 2.0, 6.5),
                indicator("Staff talks a year", 0.0, 1.0),
            ],
            label: SecurityLabel::default(),
        }
    }
    fn changed() -> Self {
        Objective {
            title: "Build a shared maritime picture".into(),
            aim: StandingAim::ConflictPrevention,
            partner: Some(code("MYS")),
            indicators: vec![indicator("Joint patrols a year", 1.0, 4.0)],
            label: label(Classification::OfficialSensitive, &[]),
            ..Self::original()
        }
    }
    async fn add<S: Store>(store: &S, record: &Self, actor: &Actor) -> String {
        store.add_objective(record, actor).await.unwrap();
        record.code.clone()
    }
    label_get_update!(get_objective, update_objective, |code| code);
}

impl Updatable for Agreement {
    const RECORD_TYPE: &'static str = "agreement";
    type Key = i64;
    fn original() -> Self {
        Agreement {
            kind: AgreementKind::DefenceCooperation,
            title: "Defence cooperation agreement".into(),
            parties: vec![code("GBR"), code("SGP")],
            signed: date("2020-01-01"),
            in_force: Some(date("2020-02-01")),
            expiry: None,
            label: SecurityLabel::default(),
        }
    }
    fn changed() -> Self {
        Agreement {
            kind: AgreementKind::Mou,
            title: "Memorandum on training".into(),
            parties: vec![code("AUS"), code("GBR"), code("MYS")],
            signed: date("2021-05-01"),
            in_force: None,
            expiry: Some(date("2031-05-01")),
            label: label(Classification::Secret, &["AUS"]),
        }
    }
    async fn add<S: Store>(store: &S, record: &Self, actor: &Actor) -> i64 {
        store.add_agreement(record, actor).await.unwrap()
    }
    label_get_update!(get_agreement, update_agreement, |id| *id);
}

/// The audit trail of one record, as the console operator sees it.
async fn trail_of<S: Store, T: Updatable>(
    store: &S,
    key: &T::Key,
) -> Vec<attache_store::AuditEntry> {
    store
        .audit_trail(Some((T::RECORD_TYPE, &key.to_string())), 100, &actor())
        .await
        .unwrap()
}

/// A record's JSON in the audit trail, read back as the record.
fn from_trail<T: Updatable>(json: Option<&String>) -> T {
    serde_json::from_str(json.expect("a record in the trail")).unwrap()
}

async fn records_are_updated_with_a_new_version_and_audited<S: Store>(store: &S) {
    ready(store).await;
    an_update_is_versioned_and_audited::<S, Partner>(store).await;
    an_update_is_versioned_and_audited::<S, Person>(store).await;
    an_update_is_versioned_and_audited::<S, Asset>(store).await;
    an_update_is_versioned_and_audited::<S, Objective>(store).await;
    an_update_is_versioned_and_audited::<S, Agreement>(store).await;
}

async fn an_update_is_versioned_and_audited<S: Store, T: Updatable>(store: &S) {
    let key = T::add(store, &T::original(), &actor()).await;
    let editor = actor_at("B. Editor", 11);
    let updated = T::update(store, &key, &T::changed(), 1, &editor)
        .await
        .unwrap();
    assert_eq!(updated.record, T::changed(), "{}", T::RECORD_TYPE);
    assert_eq!(T::get(store, &key, &actor()).await.unwrap(), updated);
    let meta = &updated.meta;
    assert_eq!(meta.version, 2, "{}", T::RECORD_TYPE);
    assert_eq!(
        (meta.updated_by.as_str(), meta.updated_at),
        ("B. Editor", editor.at)
    );
    assert_eq!(
        (
            meta.created_by.as_str(),
            meta.created_at,
            meta.owner_nation.as_str()
        ),
        ("A. Planner", actor().at, "GBR")
    );

    let trail = trail_of::<S, T>(store, &key).await;
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["create", "update"], "{}", T::RECORD_TYPE);
    let entry = &trail[1];
    assert_eq!(entry.actor, "B. Editor");
    assert_eq!(from_trail::<T>(entry.before.as_ref()), T::original());
    assert_eq!(from_trail::<T>(entry.after.as_ref()), T::changed());
    // The entry is labelled as the record now is, so that the trail hides what it hides.
    let label = T::changed().label().clone();
    assert_eq!(
        (entry.classification.as_str(), entry.releasable_to.as_str()),
        (
            label.classification.as_str(),
            label.releasable_to_text().as_str()
        )
    );
    assert!(matches!(
        store.verify_audit().await.unwrap(),
        attache_store::AuditVerdict::Intact { .. }
    ));
}

async fn a_stale_record_update_is_a_conflict<S: Store>(store: &S) {
    ready(store).await;
    a_stale_version_changes_nothing::<S, Partner>(store).await;
    a_stale_version_changes_nothing::<S, Person>(store).await;
    a_stale_version_changes_nothing::<S, Asset>(store).await;
    a_stale_version_changes_nothing::<S, Objective>(store).await;
    a_stale_version_changes_nothing::<S, Agreement>(store).await;
}

async fn a_stale_version_changes_nothing<S: Store, T: Updatable>(store: &S) {
    let key = T::add(store, &T::original(), &actor()).await;
    // The first editor wins; the second, who also read version 1, is refused.
    let first = T::original().with_label(label(Classification::OfficialSensitive, &["USA"]));
    let won = T::update(store, &key, &first, 1, &actor_at("B. Editor", 11))
        .await
        .unwrap();
    let lost = T::update(store, &key, &T::changed(), 1, &actor_at("C. Editor", 12)).await;
    assert_err!(
        lost,
        StoreError::Conflict(m) if m.contains("you had version 1") && m.contains("now at version 2")
    );
    assert_eq!(T::get(store, &key, &actor()).await.unwrap(), won);
    assert_eq!(
        trail_of::<S, T>(store, &key).await.len(),
        2,
        "{}",
        T::RECORD_TYPE
    );
    // A version from the future is no better.
    assert_err!(
        T::update(store, &key, &T::changed(), 3, &actor()).await,
        StoreError::Conflict(_)
    );
}

async fn a_hidden_record_is_not_found_for_update<S: Store>(store: &S) {
    ready(store).await;
    a_hidden_record_cannot_be_updated::<S, Partner>(store).await;
    a_hidden_record_cannot_be_updated::<S, Person>(store).await;
    a_hidden_record_cannot_be_updated::<S, Asset>(store).await;
    a_hidden_record_cannot_be_updated::<S, Objective>(store).await;
    a_hidden_record_cannot_be_updated::<S, Agreement>(store).await;
}

async fn a_hidden_record_cannot_be_updated<S: Store, T: Updatable>(store: &S) {
    let secret = T::original().with_label(label(Classification::Secret, &["USA"]));
    let key = T::add(store, &secret, &actor()).await;
    let not_cleared = Actor {
        clearance: Classification::OfficialSensitive,
        ..actor()
    };
    let not_released = Actor {
        nation: code("AUS"),
        ..actor()
    };
    for viewer in [&not_cleared, &not_released] {
        // Not even by lowering the label into the viewer's sight.
        let lowered = T::changed().with_label(label(Classification::Official, &["AUS"]));
        assert_err!(
            T::update(store, &key, &lowered, 1, viewer).await,
            StoreError::NotFound { .. }
        );
    }
    let stored = T::get(store, &key, &actor()).await.unwrap();
    assert_eq!((stored.record, stored.meta.version), (secret, 1));
    // Released to its nation, the record may be changed from there.
    let released = Actor {
        nation: code("USA"),
        ..actor()
    };
    let kept_released = T::changed().with_label(label(Classification::Secret, &["USA"]));
    let updated = T::update(store, &key, &kept_released, 1, &released)
        .await
        .unwrap();
    assert_eq!(updated.meta.owner_nation, "GBR");
}

/// Members, indicators and parties are replaced, not added to: the lists shrink and grow,
/// and the lists filtered by them follow.
async fn child_rows_are_replaced<S: Store>(store: &S) {
    ready(store).await;
    let who = actor();

    let fpda = Partner::add(store, &Partner::original(), &who).await;
    let mut fewer = Partner::original();
    fewer.members = vec![code("SGP")];
    let updated = store.update_partner(&fpda, &fewer, 1, &who).await.unwrap();
    assert_eq!(updated.record.members, [code("SGP")]);
    let mut none = fewer.clone();
    none.members.clear();
    let updated = store.update_partner(&fpda, &none, 2, &who).await.unwrap();
    assert!(updated.record.members.is_empty());
    // Other organisations' members stay as they were.
    let nato = store.get_partner(&code("NATO"), &who).await.unwrap();
    assert_eq!(nato.record.members, [code("GBR"), code("USA")]);

    let objective = Objective::add(store, &Objective::original(), &who).await;
    let mut reordered = Objective::original();
    reordered.indicators.reverse();
    reordered
        .indicators
        .push(indicator("Exchanges a year", 0.0, 3.0));
    let updated = store
        .update_objective(&objective, &reordered, 1, &who)
        .await
        .unwrap();
    assert_eq!(updated.record.indicators, reordered.indicators);
    let moved = Objective::changed();
    store
        .update_objective(&objective, &moved, 2, &who)
        .await
        .unwrap();
    let objectives_of = |partner: &'static str| async move {
        store
            .list_objectives(Some(&code(partner)), &actor())
            .await
            .unwrap()
            .into_iter()
            .map(|o| o.record)
            .collect::<Vec<_>>()
    };
    assert!(objectives_of("SGP").await.is_empty());
    assert_eq!(objectives_of("MYS").await, [moved]);

    let agreement = Agreement::add(store, &Agreement::original(), &who).await;
    let mut other_parties = Agreement::original();
    other_parties.parties = vec![code("AUS"), code("GBR")];
    let updated = store
        .update_agreement(agreement, &other_parties, 1, &who)
        .await
        .unwrap();
    assert_eq!(updated.record.parties, [code("AUS"), code("GBR")]);
    let agreements_of = |partner: &'static str| async move {
        ids(&store
            .list_agreements(Some(&code(partner)), &actor())
            .await
            .unwrap())
    };
    assert!(agreements_of("SGP").await.is_empty());
    assert_eq!(agreements_of("AUS").await, [agreement]);
}
