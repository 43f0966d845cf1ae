//! Activities in the register: round trips, filters, sorting and paging, stale updates,
//! status changes, and import sessions (idempotent, atomic, audited once per label).

use std::collections::HashSet;

use attache_domain::StatusChange;
use attache_domain::access::Actor;
use attache_domain::query::{ActivityFilter, Cursor, Page, Sort, SortField};
use attache_domain::{Activity, ActivityInput, Category, Classification, Status};
use attache_store::{ImportOutcome, ImportSession, Store, StoreError};
use attache_testkit::fixtures::{code, date};

use crate::support::{
    actor, actor_at, add_samples, assert_err, full_input, ids, imported, matches, origin, ready,
    sample_input, valid,
};

attache_testkit::on_each_backend!(
    an_activity_round_trips,
    activities_are_filtered_sorted_and_paged,
    a_stale_update_is_refused,
    a_status_change_is_recorded,
    an_import_session_is_idempotent_and_atomic,
    a_large_batch_is_written_at_once,
    an_import_is_audited_once_per_label,
);

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
        import.write(first, &importer).await.unwrap().outcome,
        outcome(6, 0, 0)
    );
    assert_eq!(
        import.write(second, &importer).await.unwrap().outcome,
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
        import.write(first, &importer).await.unwrap().outcome,
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
        import.write(&changed, &importer).await.unwrap().outcome,
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
            import.write(&extra, &importer).await.unwrap().outcome,
            outcome(3, 0, 0)
        );
        let mut renamed = changed.clone();
        renamed[0].title = "Never committed".into();
        assert_eq!(
            import.write(&renamed, &importer).await.unwrap().outcome,
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
        import.write(&elsewhere, &importer).await.unwrap().outcome,
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
        ("import_history", "import", "exercise-db"),
        "the rows are planned, approved and completed: history, and the entry says so"
    );
    assert_eq!(first.classification, "official");
    let after: serde_json::Value = serde_json::from_str(first.after.as_deref().unwrap()).unwrap();
    assert_eq!(after["file"], "exercises.csv");
    assert_eq!(after["sha256"], "ab".repeat(32));
    assert_eq!(
        (&after["created"], &after["history"]),
        (&4.into(), &4.into())
    );
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
    let outcome = import.write(&changed, &importer).await.unwrap().outcome;
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
        store.verify_audit(None).await.unwrap(),
        attache_store::AuditVerdict::Intact { .. }
    ));
}

/// One write with more rows than one statement may bind parameters for (SQLite 32766,
/// PostgreSQL 65535): the store must split it.
async fn a_large_batch_is_written_at_once<S: Store>(store: &S) {
    let ctx = ready(store).await;
    let rows = imported(&ctx, 0..70_000);
    let mut import = store.begin_import().await.unwrap();
    let outcome = import.write(&rows, &actor()).await.unwrap().outcome;
    assert_eq!(outcome.inserted, 70_000);
    import.commit(&origin(), &actor()).await.unwrap();
    let all = ActivityFilter::default();
    assert_eq!(
        store.count_activities(&all, &actor()).await.unwrap(),
        70_000
    );
}
