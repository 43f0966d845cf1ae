//! The coordination store on both databases: answers, clearance requests and recipients
//! live under their activity's label, every write is audited in its transaction, a change
//! of substance resets answers with the activity's update, restrictions are added all or
//! none, and coercive presence is flagged and left out of engagement counts.
//!
//! ```text
//! ATTACHE_TEST_POSTGRES=postgres://attache:attache@127.0.0.1:5432/postgres cargo test -p attache-store --test store coordination::
//! ```

use attache_domain::Stored;
use attache_domain::coordination::concurrence::{Answer, Ministry, Verdict, default_rules};
use attache_domain::coordination::vetting::RecipientKind;
use attache_domain::coordination::{
    ClearanceKind, ClearanceRequest, ClearanceStatus, LeadTimes, Recipient, Restriction,
    RestrictionScope, VettingStatus,
};
use attache_domain::query::{ActivityFilter, Page, Sort};
use attache_domain::{Activity, ActivityInput, Classification, Status};
use attache_store::{Added, ImportOrigin, ImportSession, Store, StoreError};
use attache_testkit::fixtures::{actor, code, date, secret, state};

attache_testkit::on_each_backend!(
    answers_live_under_the_activitys_label_and_are_audited,
    a_change_of_substance_resets_answers_with_the_update,
    an_import_that_changes_substance_resets_answers,
    answers_and_requests_of_many_activities_are_read_at_once,
    clearances_recipients_and_lead_times_round_trip,
    restrictions_are_added_all_or_none,
    coercive_presence_is_flagged_and_not_counted_as_engagement,
    the_default_concurrence_table_is_seeded_and_replaceable,
    a_restriction_is_updated_and_deleted_with_its_trail,
);

/// A migrated store with GBR and SGP, and one activity of `category` labelled
/// `classification`.
async fn with_activity<S: Store>(
    store: &S,
    category: &str,
    classification: &str,
) -> Stored<Activity> {
    store.migrate().await.unwrap();
    store
        .load_reference(&[state("GBR"), state("SGP")], &[], &secret())
        .await
        .unwrap();
    let known = store.known_codes().await.unwrap();
    let ctx = attache_domain::ValidationContext {
        our_nation: code("GBR"),
        clearance: Classification::Secret,
        partners: known.partners,
        objectives: known.objectives,
        objective_labels: Default::default(),
        currencies: ["GBP".to_owned()].into(),
    };
    let input = ActivityInput {
        source: "test".into(),
        external_id: category.into(),
        title: "Visit".into(),
        category: category.into(),
        status: "approved".into(),
        start_date: "2027-03-14".into(),
        end_date: "2027-03-16".into(),
        host: "SGP".into(),
        participants: vec!["GBR".into()],
        assets: vec!["HMS Example".into()],
        classification: classification.into(),
        ..ActivityInput::default()
    };
    let activity = input.validate(&ctx).unwrap();
    store.add_activity(&activity, &secret()).await.unwrap()
}

fn answer(ministry: Ministry, verdict: Verdict, reason: &str) -> Answer {
    Answer {
        ministry,
        verdict,
        reason: reason.into(),
        by: "fco.desk".into(),
        at: secret().at,
        reset: false,
    }
}

async fn trail_types<S: Store>(store: &S) -> Vec<(String, String)> {
    store
        .audit_trail(None, 100, &secret())
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.record_type, e.action))
        .collect()
}

async fn answers_live_under_the_activitys_label_and_are_audited<S: Store>(store: &S) {
    let a = with_activity(store, "staff_talks", "secret").await;
    let id = a.meta.id;
    let objection = answer(Ministry::Foreign, Verdict::Object, "elections that week");
    store
        .add_concurrence_answer(id, &objection, &secret())
        .await
        .unwrap();
    let answers = store.concurrence_answers(id, &secret()).await.unwrap();
    assert_eq!(answers, std::slice::from_ref(&objection));

    let official = actor(Classification::Official);
    for result in [
        store.concurrence_answers(id, &official).await.map(|_| ()),
        store
            .add_concurrence_answer(id, &objection, &official)
            .await,
        store.recipients(id, &official).await.map(|_| ()),
        store.clearance_requests(id, &official).await.map(|_| ()),
    ] {
        assert!(
            matches!(result, Err(StoreError::NotFound { .. })),
            "{result:?}"
        );
    }
    let entries = store.audit_trail(None, 100, &secret()).await.unwrap();
    let entry = entries
        .iter()
        .find(|e| e.record_type == "concurrence")
        .unwrap();
    assert_eq!(entry.action, "object");
    assert_eq!(entry.record_id, format!("{id}/foreign"));
    assert_eq!(entry.classification, "secret");
    // The official reader does not see the secret activity's answer in the trail either.
    let hidden = store.audit_trail(None, 100, &official).await.unwrap();
    assert!(hidden.iter().all(|e| e.record_type != "concurrence"));
}

async fn a_change_of_substance_resets_answers_with_the_update<S: Store>(store: &S) {
    let a = with_activity(store, "staff_talks", "official").await;
    let id = a.meta.id;
    store
        .add_concurrence_answer(
            id,
            &answer(Ministry::Foreign, Verdict::Concur, ""),
            &secret(),
        )
        .await
        .unwrap();
    let mut moved = a.record.clone();
    moved.start = date("2027-04-14");
    moved.end = date("2027-04-16");
    // A stale version changes nothing: neither the activity nor the answers.
    let stale = store
        .update_activity_resetting(id, &moved, 99, &[Ministry::Foreign], "dates", &secret())
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    assert!(!store.concurrence_answers(id, &secret()).await.unwrap()[0].reset);

    let updated = store
        .update_activity_resetting(
            id,
            &moved,
            a.meta.version,
            &[Ministry::Foreign],
            "dates",
            &secret(),
        )
        .await
        .unwrap();
    assert_eq!(updated.record.start, date("2027-04-14"));
    assert!(store.concurrence_answers(id, &secret()).await.unwrap()[0].reset);
    let trail = trail_types(store).await;
    assert!(
        trail.contains(&("concurrence".into(), "reset".into())),
        "{trail:?}"
    );
}

/// Imports one activity (by its source and external id) in one transaction.
async fn import_one<S: Store>(store: &S, activity: &Activity) {
    let mut import = store.begin_import().await.unwrap();
    import
        .write(std::slice::from_ref(activity), &secret())
        .await
        .unwrap();
    let origin = ImportOrigin {
        source: "test".into(),
        file: "changes.csv".into(),
        sha256: String::new(),
    };
    import.commit(&origin, &secret()).await.unwrap();
}

async fn an_import_that_changes_substance_resets_answers<S: Store>(store: &S) {
    let a = with_activity(store, "staff_talks", "official").await;
    let id = a.meta.id;
    let concur = answer(Ministry::Foreign, Verdict::Concur, "");
    store
        .add_concurrence_answer(id, &concur, &secret())
        .await
        .unwrap();

    // A new title is not substance: the concurrence stands.
    let mut renamed = a.record.clone();
    renamed.title = "Staff talks, renamed at the source".into();
    import_one(store, &renamed).await;
    assert!(!store.concurrence_answers(id, &secret()).await.unwrap()[0].reset);

    let mut moved = renamed.clone();
    moved.start = date("2027-05-14");
    moved.end = date("2027-05-16");
    import_one(store, &moved).await;
    let answers = store.concurrence_answers(id, &secret()).await.unwrap();
    assert!(answers[0].reset, "{answers:?}");
    let trail = store.audit_trail(None, 100, &secret()).await.unwrap();
    let reset = trail
        .iter()
        .find(|e| (e.record_type.as_str(), e.action.as_str()) == ("concurrence", "reset"))
        .unwrap();
    assert_eq!(reset.record_id, format!("{id}/foreign"));
    assert!(
        reset
            .after
            .as_ref()
            .unwrap()
            .to_string()
            .contains("dates changed (imported)"),
        "{reset:?}"
    );
}

async fn answers_and_requests_of_many_activities_are_read_at_once<S: Store>(store: &S) {
    let visit = with_activity(store, "ship_visit", "secret").await;
    let id = visit.meta.id;
    let objection = answer(Ministry::Foreign, Verdict::Object, "elections that week");
    store
        .add_concurrence_answer(id, &objection, &secret())
        .await
        .unwrap();
    let request = ClearanceRequest {
        partner: code("SGP"),
        kind: ClearanceKind::WarshipVisit,
        status: ClearanceStatus::Requested,
        requested_on: Some(date("2027-01-02")),
        reference: "SG/1".into(),
        granted_on: None,
    };
    store
        .put_clearance_request(id, &request, &secret())
        .await
        .unwrap();

    // Unknown ids have nothing; the secret visit's rows are absent for an official.
    let ids = [id, id + 100];
    let answers = store.concurrence_answers_of(&ids, &secret()).await.unwrap();
    assert_eq!(answers, [(id, objection)]);
    let requests = store.clearance_requests_of(&ids, &secret()).await.unwrap();
    assert_eq!(requests, [(id, request)]);
    let official = actor(Classification::Official);
    assert!(
        store
            .concurrence_answers_of(&ids, &official)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .clearance_requests_of(&ids, &official)
            .await
            .unwrap()
            .is_empty()
    );

    // The inbox's candidates: not those the ministry answered; a comment does not answer.
    let unanswered = |ministry| ActivityFilter {
        unanswered_by: Some(ministry),
        ..ActivityFilter::default()
    };
    let listed = |filter: ActivityFilter| async move {
        store
            .list_activities(&filter, Sort::default(), &Page::default(), &secret())
            .await
            .unwrap()
            .len()
    };
    assert_eq!(listed(unanswered(Ministry::Foreign)).await, 0);
    assert_eq!(listed(unanswered(Ministry::Development)).await, 1);
    let comment = answer(Ministry::Development, Verdict::Comment, "noted");
    store
        .add_concurrence_answer(id, &comment, &secret())
        .await
        .unwrap();
    assert_eq!(listed(unanswered(Ministry::Development)).await, 1);
}

async fn clearances_recipients_and_lead_times_round_trip<S: Store>(store: &S) {
    let a = with_activity(store, "ship_visit", "official").await;
    let id = a.meta.id;
    let mut request = ClearanceRequest {
        partner: code("SGP"),
        kind: ClearanceKind::WarshipVisit,
        status: ClearanceStatus::Requested,
        requested_on: Some(date("2027-01-05")),
        reference: "SGP/NAV/27/014".into(),
        granted_on: None,
    };
    store
        .put_clearance_request(id, &request, &secret())
        .await
        .unwrap();
    request.status = ClearanceStatus::Granted;
    request.granted_on = Some(date("2027-02-01"));
    store
        .put_clearance_request(id, &request, &secret())
        .await
        .unwrap();
    assert_eq!(
        store.clearance_requests(id, &secret()).await.unwrap(),
        [request]
    );

    let recipient = Recipient {
        name: "Lt Tan".into(),
        kind: RecipientKind::Person,
        status: VettingStatus::Cleared,
        vetted_on: Some(date("2026-12-01")),
        expires: Some(date("2027-03-16")),
    };
    store
        .put_recipient(id, &recipient, &secret())
        .await
        .unwrap();
    assert_eq!(store.recipients(id, &secret()).await.unwrap(), [recipient]);

    assert!(store.lead_times().await.unwrap().is_empty());
    let times = LeadTimes {
        warship_visit: 45,
        aircraft_landing: 10,
        overflight: 3,
    };
    store
        .set_lead_times(&code("SGP"), &times, &secret())
        .await
        .unwrap();
    store
        .set_lead_times(&code("SGP"), &times, &secret())
        .await
        .unwrap();
    assert_eq!(store.lead_times().await.unwrap(), [(code("SGP"), times)]);
    let trail = trail_types(store).await;
    for kind in ["clearance_request", "recipient", "lead_times"] {
        assert!(trail.iter().any(|(t, _)| t == kind), "{kind}: {trail:?}");
    }
}

async fn restrictions_are_added_all_or_none<S: Store>(store: &S) {
    with_activity(store, "training", "official").await;
    let embargo = Restriction {
        partner: code("SGP"),
        source: "UNSCR 9999 (2026)".into(),
        scope: RestrictionScope::TrainingAndExercises,
        start: date("2027-01-01"),
        end: Some(date("2027-12-31")),
    };
    let unknown = Restriction {
        partner: code("XXX"),
        ..embargo.clone()
    };
    let failed = store
        .add_restrictions(&[embargo.clone(), unknown], &secret())
        .await;
    assert!(failed.is_err());
    assert!(store.restrictions(None).await.unwrap().is_empty());
    let added = store
        .add_restrictions(std::slice::from_ref(&embargo), &secret())
        .await
        .unwrap();
    assert!(added[0].new);
    // The same measure again, alone or twice over with a new one, is kept once.
    let open_ended = Restriction {
        end: None,
        ..embargo.clone()
    };
    let again = store
        .add_restrictions(
            &[embargo.clone(), open_ended.clone(), open_ended],
            &secret(),
        )
        .await
        .unwrap();
    assert_eq!(
        (again[0], again[1].new),
        (
            Added {
                id: added[0].id,
                new: false
            },
            true
        )
    );
    assert_eq!(
        again[2],
        Added {
            id: again[1].id,
            new: false
        }
    );
    let listed = store.restrictions(Some(&code("SGP"))).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0], (added[0].id, embargo));
    assert!(
        store
            .restrictions(Some(&code("GBR")))
            .await
            .unwrap()
            .is_empty()
    );
}

async fn coercive_presence_is_flagged_and_not_counted_as_engagement<S: Store>(store: &S) {
    let a = with_activity(store, "ship_visit", "official").await;
    let id = a.meta.id;
    assert!(!store.is_coercive_presence(id, &secret()).await.unwrap());
    let done = store
        .complete_as_coercive_presence(id, a.meta.version, &secret())
        .await
        .unwrap();
    assert_eq!(done.record.status, Status::Completed);
    assert!(store.is_coercive_presence(id, &secret()).await.unwrap());
    let all = ActivityFilter::default();
    let engagement = ActivityFilter {
        engagement_only: true,
        ..ActivityFilter::default()
    };
    assert_eq!(store.count_activities(&all, &secret()).await.unwrap(), 1);
    assert_eq!(
        store
            .count_activities(&engagement, &secret())
            .await
            .unwrap(),
        0
    );
    let changes = store.status_changes(id, &secret()).await.unwrap();
    assert_eq!(changes.last().unwrap().to, Status::Completed);
    let trail = trail_types(store).await;
    assert!(
        trail.contains(&("coercive_presence".into(), "flag".into())),
        "{trail:?}"
    );
}

async fn the_default_concurrence_table_is_seeded_and_replaceable<S: Store>(store: &S) {
    store.migrate().await.unwrap();
    assert_eq!(store.concurrence_rules().await.unwrap(), default_rules());
    let only_foreign = &default_rules()[..1];
    store
        .replace_concurrence_rules(only_foreign, &secret())
        .await
        .unwrap();
    assert_eq!(store.concurrence_rules().await.unwrap(), only_foreign);
}

async fn a_restriction_is_updated_and_deleted_with_its_trail<S: Store>(store: &S) {
    with_activity(store, "training", "official").await;
    let embargo = Restriction {
        partner: code("SGP"),
        source: "Decision 1/2027".into(),
        scope: RestrictionScope::Equipment,
        start: date("2027-01-01"),
        end: None,
    };
    let ids = store
        .add_restrictions(std::slice::from_ref(&embargo), &secret())
        .await
        .unwrap();
    let amended = Restriction {
        scope: RestrictionScope::AllEngagement,
        end: Some(date("2027-06-30")),
        ..embargo
    };
    store
        .update_restriction(ids[0].id, &amended, &secret())
        .await
        .unwrap();
    assert_eq!(
        store.restrictions(None).await.unwrap(),
        [(ids[0].id, amended.clone())]
    );
    let missing = store
        .update_restriction(ids[0].id + 1, &amended, &secret())
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
    store
        .delete_restriction(ids[0].id, &secret())
        .await
        .unwrap();
    assert!(store.restrictions(None).await.unwrap().is_empty());
    let again = store.delete_restriction(ids[0].id, &secret()).await;
    assert!(
        matches!(again, Err(StoreError::NotFound { .. })),
        "{again:?}"
    );
    let trail = trail_types(store).await;
    for action in ["create", "update", "delete"] {
        assert!(
            trail.iter().any(|(t, a)| t == "restriction" && a == action),
            "{action}: {trail:?}"
        );
    }
}
