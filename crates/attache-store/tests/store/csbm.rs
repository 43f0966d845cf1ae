//! The CSBM store on SQLite and, when `ATTACHE_TEST_POSTGRES` names a server, PostgreSQL:
//! declared activities round trip, are audited, hidden by their labels, found by date
//! range, updated with versions; verifications and reported units are kept by year; air
//! base visits are kept by host, latest first.

use attache_csbm::{
    ActivityKind, AirBaseVisit, Forces, MilitaryActivity, Verification, VerificationKind,
};
use attache_domain::access::Actor;
use attache_domain::{Classification, SecurityLabel};
use attache_store::{CsbmStore, StoreError};
use attache_testkit::fixtures::{code, date};
use chrono::{TimeZone, Utc};

fn actor(nation: &str, clearance: Classification) -> Actor {
    Actor {
        name: format!("officer of {nation}"),
        nation: code(nation),
        clearance,
        roles: attache_domain::access::UserRole::ALL.to_vec(),
        at: Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap(),
        console: false,
    }
}

fn activity(reference: &str, start: &str, end: &str, label: SecurityLabel) -> MilitaryActivity {
    MilitaryActivity {
        reference: reference.into(),
        name: format!("Exercise {reference}"),
        kind: ActivityKind::LandExercise,
        start: date(start),
        end: date(end),
        host: code("DEU"),
        participants: vec![code("DEU"), code("FRA")],
        area: "Lower Saxony".into(),
        forces: Forces {
            troops: 12_500,
            battle_tanks: 240,
            acvs: 0,
            artillery: 30,
            sorties: 210,
        },
        alert: false,
        divisional: true,
        notified_on: Some(date("2027-03-01")),
        calendared_on: None,
        label,
    }
}

async fn story<S: CsbmStore>(store: &S) {
    store.migrate().await.unwrap();
    let gbr = actor("GBR", Classification::Secret);
    let official = SecurityLabel::default();
    let secret = SecurityLabel::new(Classification::Secret, vec![]).unwrap();
    let list = vec![
        activity("EX-1", "2026-12-28", "2027-01-04", official.clone()),
        activity("EX-2", "2027-06-01", "2027-06-10", official.clone()),
        activity("EX-3", "2027-07-01", "2027-07-02", secret),
    ];
    let ids = store.add_csbm_activities(&list, &gbr).await.unwrap();
    assert_eq!(ids.len(), 3);

    // Round trip, and the range takes what overlaps it (EX-1 spans 31 December).
    let got = store.csbm_activity(ids[0], &gbr).await.unwrap();
    assert_eq!(got.record, list[0]);
    let in_2027 = store
        .csbm_activities(date("2027-01-01"), date("2027-12-31"), &gbr)
        .await
        .unwrap();
    let refs: Vec<&str> = in_2027
        .iter()
        .map(|s| s.record.reference.as_str())
        .collect();
    assert_eq!(refs, ["EX-1", "EX-2", "EX-3"]);
    let in_2028 = store
        .csbm_activities(date("2028-01-01"), date("2028-12-31"), &gbr)
        .await
        .unwrap();
    assert!(in_2028.is_empty());

    // Labels: an official reader does not see the secret one, nor another nation's.
    let reader = actor("GBR", Classification::Official);
    let seen = store
        .csbm_activities(date("2027-01-01"), date("2027-12-31"), &reader)
        .await
        .unwrap();
    assert_eq!(seen.len(), 2);
    assert!(matches!(
        store.csbm_activity(ids[2], &reader).await,
        Err(StoreError::NotFound { .. })
    ));
    let foreign = actor("FRA", Classification::Secret);
    assert!(
        store
            .csbm_activities(date("2027-01-01"), date("2027-12-31"), &foreign)
            .await
            .unwrap()
            .is_empty()
    );

    // A duplicate reference: a conflict, and nothing of the batch is kept.
    let again = vec![
        activity("EX-4", "2027-08-01", "2027-08-02", official.clone()),
        activity("EX-2", "2027-08-01", "2027-08-02", official.clone()),
    ];
    assert!(matches!(
        store.add_csbm_activities(&again, &gbr).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        store
            .csbm_activities(date("2027-08-01"), date("2027-08-31"), &gbr)
            .await
            .unwrap()
            .len(),
        0
    );

    // Update with versions: the notification date is recorded; a stale version is refused.
    let mut changed = got.record.clone();
    changed.notified_on = Some(date("2026-11-10"));
    let updated = store
        .update_csbm_activity(ids[0], &changed, 1, &gbr)
        .await
        .unwrap();
    assert_eq!(
        (updated.meta.version, updated.record.notified_on),
        (2, changed.notified_on)
    );
    assert!(matches!(
        store.update_csbm_activity(ids[0], &changed, 1, &gbr).await,
        Err(StoreError::Conflict(_))
    ));

    // Every write is in the audit trail.
    let trail = store
        .audit_trail(Some(("military activity", &ids[0].to_string())), 10, &gbr)
        .await
        .unwrap();
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert!(
        actions.contains(&"create") && actions.contains(&"update"),
        "{actions:?}"
    );

    // Verifications by year, and units reported.
    let inspection = |by: &str, on: &str| Verification {
        kind: VerificationKind::Inspection,
        receiving: "GBR".into(),
        by: by.into(),
        date: date(on),
    };
    for (by, on) in [
        ("RUS", "2027-03-01"),
        ("BLR", "2027-05-01"),
        ("RUS", "2028-01-02"),
    ] {
        store
            .add_verification(&inspection(by, on), &official, &gbr)
            .await
            .unwrap();
    }
    let in_2027 = store.verifications(2027, &gbr).await.unwrap();
    assert_eq!(
        in_2027,
        vec![
            inspection("RUS", "2027-03-01"),
            inspection("BLR", "2027-05-01")
        ]
    );
    store
        .set_units_reported("GBR", 2027, 130, &gbr)
        .await
        .unwrap();
    store
        .set_units_reported("GBR", 2027, 125, &gbr)
        .await
        .unwrap();
    assert_eq!(
        store.units_reported(2027).await.unwrap().get("GBR"),
        Some(&125)
    );
    air_base_visits(store, &gbr, &official).await;
    assert!(matches!(
        store.verify_audit(None).await.unwrap(),
        attache_store::AuditVerdict::Intact { .. }
    ));
}

/// Air base visits round trip, latest first, by host; audited; hidden by their labels.
async fn air_base_visits<S: CsbmStore>(store: &S, gbr: &Actor, official: &SecurityLabel) {
    let visit = |host: &str, on: &str, label: &SecurityLabel| AirBaseVisit {
        host: code(host),
        air_base: format!("RAF {host} {on}"),
        date: date(on),
        label: label.clone(),
    };
    let secret = SecurityLabel::new(Classification::Secret, vec![]).unwrap();
    let made = [
        visit("GBR", "2019-06-04", official),
        visit("GBR", "2024-03-12", &secret),
        visit("DEU", "2025-09-30", official),
    ];
    let mut ids = Vec::new();
    for v in &made {
        ids.push(store.add_air_base_visit(v, gbr).await.unwrap());
    }
    let all = store.air_base_visits(None, gbr).await.unwrap();
    let got: Vec<&AirBaseVisit> = all.iter().map(|s| &s.record).collect();
    assert_eq!(got, [&made[2], &made[1], &made[0]], "latest first");
    assert_eq!(all[1].meta.id, ids[1]);
    let ours = store.air_base_visits(Some("GBR"), gbr).await.unwrap();
    assert_eq!(ours.len(), 2);
    assert_eq!(ours[0].record, made[1]);
    // An official reader sees the earlier visit only; another nation sees none of ours.
    let reader = actor("GBR", Classification::Official);
    let seen = store.air_base_visits(Some("GBR"), &reader).await.unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].record, made[0]);
    let foreign = actor("FRA", Classification::Secret);
    assert!(
        store
            .air_base_visits(None, &foreign)
            .await
            .unwrap()
            .is_empty()
    );
    let trail = store
        .audit_trail(Some(("air base visit", &ids[1].to_string())), 10, gbr)
        .await
        .unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].action, "create");
}

#[tokio::test]
async fn csbm_records_on_each_backend() {
    let sqlite = attache_testkit::SqliteFile::create().await;
    story(&sqlite.store).await;
    if let Some(pg) = attache_testkit::PgDatabase::create().await {
        story(&pg.store).await;
    }
}
