//! The label rule on every read path: the store's SQL agrees with `SecurityLabel::visible_to`.

use attache_domain::Classification;
use attache_domain::access::Actor;
use attache_domain::query::{ActivityFilter, Page, Sort, Tally};
use attache_store::{Store, StoreError};
use attache_testkit::fixtures::code;

use crate::support::{actor, ids, ready, sample_input, valid};

attache_testkit::on_each_backend!(labels_hide_records_on_every_read_path,);

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
