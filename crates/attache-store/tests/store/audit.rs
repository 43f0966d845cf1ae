//! The audit trail's verification against a hand at the database: signed checkpoints
//! catch a removed tail with its head rewound, a chain recomputed from an entry on and an
//! emptied trail, and an edited or deleted checkpoint; the stored records are held against
//! their last audited change; an entry rewritten with its hash is named itself.

use std::future::Future;

use attache_domain::access::Actor;
use attache_store::{
    AuditEntry, AuditKey, AuditVerdict, Break, CheckpointTally, ImportSession, PostgresStore,
    SqliteStore, Store, StoreError,
};
use attache_testkit::fixtures::code;

use crate::support::{actor, add_samples, assert_err, full_input, imported, origin, ready, valid};

attache_testkit::on_each_backend!(
    a_checkpoint_vouches_for_the_trail_as_it_stands,
    a_removed_tail_with_its_head_rewound_breaks_the_checkpoint,
    a_chain_recomputed_from_an_entry_on_breaks_the_checkpoint_after_it,
    an_emptied_trail_with_its_head_at_genesis_is_broken,
    an_edited_or_deleted_checkpoint_is_named,
    a_record_changed_behind_the_trail_is_named_with_its_entry,
    an_entry_rewritten_with_its_hash_is_named_itself,
    a_trail_short_of_its_head_is_not_checkpointed,
);

/// What a story needs beyond [`Store`]: SQL run behind the store's back.
trait Tamper: Store {
    fn sql(&self, sql: &str) -> impl Future<Output = ()>;
}

macro_rules! tamper {
    ($store:ty) => {
        impl Tamper for $store {
            async fn sql(&self, sql: &str) {
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
                    .execute(self.pool())
                    .await
                    .unwrap();
            }
        }
    };
}

tamper!(SqliteStore);

tamper!(PostgresStore);

fn console() -> Actor {
    Actor::console(&code("GBR"), actor().at)
}

/// A register with a trail: the reference data, then three activities.
async fn trail<S: Store>(store: &S) {
    let ctx = ready(store).await;
    add_samples(store, &ctx, 3).await;
}

async fn entries<S: Store>(store: &S) -> Vec<AuditEntry> {
    store.audit_trail(None, 100_000, &console()).await.unwrap()
}

fn intact(verdict: AuditVerdict) -> (u64, CheckpointTally) {
    match verdict {
        AuditVerdict::Intact {
            entries,
            checkpoints,
            ..
        } => (entries, checkpoints),
        AuditVerdict::Broken(broken) => panic!("the trail should be intact: {broken}"),
    }
}

fn broken(verdict: AuditVerdict) -> Break {
    match verdict {
        AuditVerdict::Broken(broken) => broken,
        intact => panic!("the trail should be broken: {intact:?}"),
    }
}

async fn checkpoint<S: Store>(store: &S, key: &AuditKey) -> i64 {
    let written = store.write_checkpoint(key, false, &console()).await;
    written.unwrap().unwrap().id
}

async fn a_checkpoint_vouches_for_the_trail_as_it_stands<S: Tamper>(store: &S) {
    let ctx = ready(store).await;
    // Every kind of content, changed through the store and through an import.
    let full = store
        .add_activity(&valid(&full_input(), &ctx), &actor())
        .await
        .unwrap();
    let mut renamed = full.record.clone();
    renamed.title = "Renamed".into();
    store
        .update_activity(full.meta.id, &renamed, full.meta.version, &actor())
        .await
        .unwrap();
    let mut rows = imported(&ctx, 0..3);
    let mut import = store.begin_import().await.unwrap();
    import.write(&rows, &actor()).await.unwrap();
    import.commit(&origin(), &actor()).await.unwrap();
    rows[1].title = "Renamed at the source".into();
    let mut import = store.begin_import().await.unwrap();
    import.write(&rows, &actor()).await.unwrap();
    import.commit(&origin(), &actor()).await.unwrap();

    let key = AuditKey::generate().unwrap();
    let first = store.write_checkpoint(&key, false, &console()).await;
    let first = first.unwrap().unwrap();
    let count = entries(store).await.len() as i64;
    assert_eq!((first.id, first.entry, first.entries), (1, count, count));
    // The head stands still: the schedule skips, on demand one is written all the same.
    let skipped = store.write_checkpoint(&key, true, &console()).await;
    assert_eq!(skipped.unwrap(), None);
    assert_eq!(checkpoint(store, &key).await, 2);
    add_samples(store, &ctx, 1).await;
    let moved = store.write_checkpoint(&key, true, &console()).await;
    assert_eq!(moved.unwrap().unwrap().entry, count + 1);

    let public = key.public();
    let verdict = store.verify_audit(Some(&public)).await.unwrap();
    let AuditVerdict::Intact {
        checkpoints,
        records,
        ..
    } = verdict
    else {
        panic!("the trail should be intact: {verdict:?}");
    };
    assert_eq!((checkpoints.checked, checkpoints.other_key), (3, 0));
    assert_eq!(checkpoints.latest.unwrap().id, 3);
    // Four by the store (one of them added after the first checkpoint) and three by an
    // import, one of those renamed by the second import.
    assert_eq!((records.activities, records.imported), (5, 2));
    let (_, unkeyed) = intact(store.verify_audit(None).await.unwrap());
    assert_eq!((unkeyed.checked, unkeyed.unchecked), (0, 3));
    let other = AuditKey::generate().unwrap().public();
    let (_, by_other) = intact(store.verify_audit(Some(&other)).await.unwrap());
    assert_eq!((by_other.checked, by_other.other_key), (0, 3));
}

async fn a_removed_tail_with_its_head_rewound_breaks_the_checkpoint<S: Tamper>(store: &S) {
    trail(store).await;
    let key = AuditKey::generate().unwrap();
    let id = checkpoint(store, &key).await;
    let all = entries(store).await;
    let kept = &all[all.len() - 3];
    store
        .sql(&format!(
            "DELETE FROM activity_participants; DELETE FROM activity_objectives; \
             DELETE FROM activities; DELETE FROM audit_log WHERE id > {0}; \
             UPDATE audit_head SET last_id = {0}, last_hash = '{1}'",
            kept.id, kept.hash
        ))
        .await;
    // The chain alone is whole.
    intact(store.verify_audit(None).await.unwrap());
    let found = broken(store.verify_audit(Some(&key.public())).await.unwrap());
    assert_eq!(
        (found.checkpoint, found.entry),
        (Some(id), Some(kept.id + 1))
    );
    assert!(found.reason.contains("removed"), "{found}");
}

async fn a_chain_recomputed_from_an_entry_on_breaks_the_checkpoint_after_it<S: Tamper>(store: &S) {
    let ctx = ready(store).await;
    let key = AuditKey::generate().unwrap();
    checkpoint(store, &key).await;
    let vouched = entries(store).await.len() as i64;
    add_samples(store, &ctx, 3).await;
    let second = checkpoint(store, &key).await;
    // Who made the second activity, rewritten, and every hash after it recomputed.
    let mut all = entries(store).await;
    let from = vouched as usize + 1;
    all[from].actor = "mallory".into();
    for n in from..all.len() {
        all[n].prev_hash = all[n - 1].hash.clone();
        all[n].hash = all[n].compute_hash();
        store
            .sql(&format!(
                "UPDATE audit_log SET actor = '{}', prev_hash = '{}', hash = '{}' WHERE id = {}",
                all[n].actor, all[n].prev_hash, all[n].hash, all[n].id
            ))
            .await;
    }
    let head = all.last().unwrap();
    store
        .sql(&format!(
            "UPDATE audit_head SET last_hash = '{}'",
            head.hash
        ))
        .await;
    intact(store.verify_audit(None).await.unwrap());
    let found = broken(store.verify_audit(Some(&key.public())).await.unwrap());
    // The first checkpoint still holds: the rewrite is after the entries it vouches for.
    assert_eq!(
        (found.checkpoint, found.entry),
        (Some(second), Some(vouched + 1))
    );
    assert!(found.reason.contains("rewritten"), "{found}");
}

async fn an_emptied_trail_with_its_head_at_genesis_is_broken<S: Tamper>(store: &S) {
    trail(store).await;
    let key = AuditKey::generate().unwrap();
    let id = checkpoint(store, &key).await;
    store
        .sql("DELETE FROM audit_log; UPDATE audit_head SET last_id = 0, last_hash = 'genesis'")
        .await;
    let found = broken(store.verify_audit(Some(&key.public())).await.unwrap());
    assert_eq!((found.checkpoint, found.entry), (Some(id), Some(1)));
    // Without the key the records still tell: no entry made them.
    let found = broken(store.verify_audit(None).await.unwrap());
    assert!(found.record.unwrap().starts_with("activity "));
    assert!(
        found.reason.contains("no change that made it"),
        "{}",
        found.reason
    );
}

async fn an_edited_or_deleted_checkpoint_is_named<S: Tamper>(store: &S) {
    trail(store).await;
    let key = AuditKey::generate().unwrap();
    for _ in 0..3 {
        checkpoint(store, &key).await;
    }
    store
        .sql("UPDATE audit_checkpoints SET at = '2020-01-01T00:00:00.000000Z' WHERE id = 2")
        .await;
    let found = broken(store.verify_audit(Some(&key.public())).await.unwrap());
    assert_eq!(found.checkpoint, Some(2));
    assert!(found.reason.contains("signature"), "{found}");
    store
        .sql("DELETE FROM audit_checkpoints WHERE id = 2")
        .await;
    let found = broken(store.verify_audit(Some(&key.public())).await.unwrap());
    assert_eq!(found.checkpoint, Some(2));
    assert!(found.reason.contains("missing"), "{found}");
}

async fn a_record_changed_behind_the_trail_is_named_with_its_entry<S: Tamper>(store: &S) {
    let ctx = ready(store).await;
    let added = store
        .add_activity(&valid(&full_input(), &ctx), &actor())
        .await
        .unwrap();
    let made = entries(store).await.last().unwrap().id;
    let mut import = store.begin_import().await.unwrap();
    import.write(&imported(&ctx, 0..2), &actor()).await.unwrap();
    import.commit(&origin(), &actor()).await.unwrap();
    let import_entry = entries(store).await.last().unwrap().id;
    intact(store.verify_audit(None).await.unwrap());

    let id = added.meta.id;
    store
        .sql(&format!(
            "UPDATE activities SET title = 'x' WHERE id = {id}"
        ))
        .await;
    let found = broken(store.verify_audit(None).await.unwrap());
    assert_eq!(found.record, Some(format!("activity {id}")));
    assert_eq!(found.entry, Some(made));
    assert!(found.reason.contains("title"), "{found}");

    store
        .sql(&format!(
            "UPDATE activities SET title = 'Renamed' WHERE id = {id}; \
             DELETE FROM activity_objectives WHERE activity_id = {id}"
        ))
        .await;
    let found = broken(store.verify_audit(None).await.unwrap());
    assert!(found.reason.contains("objectives"), "{found}");

    let imported_id = id + 1;
    store
        .sql(&format!(
            "UPDATE activities SET title = '{}' WHERE id = {id}; \
             INSERT INTO activity_objectives (activity_id, objective) VALUES ({id}, 'build_trust'), ({id}, 'non_proliferation'); \
             UPDATE activities SET outcome = 'x' WHERE id = {imported_id}",
            added.record.title
        ))
        .await;
    let found = broken(store.verify_audit(None).await.unwrap());
    assert_eq!(
        (found.record, found.entry),
        (Some(format!("activity {imported_id}")), Some(import_entry))
    );
}

async fn an_entry_rewritten_with_its_hash_is_named_itself<S: Tamper>(store: &S) {
    trail(store).await;
    let all = entries(store).await;
    let mut changed = all[all.len() - 2].clone();
    changed.actor = "mallory".into();
    changed.hash = changed.compute_hash();
    store
        .sql(&format!(
            "UPDATE audit_log SET actor = 'mallory', hash = '{}' WHERE id = {}",
            changed.hash, changed.id
        ))
        .await;
    let found = broken(store.verify_audit(None).await.unwrap());
    assert_eq!(found.entry, Some(changed.id));
    assert!(found.reason.contains("rewritten"), "{found}");
}

async fn a_trail_short_of_its_head_is_not_checkpointed<S: Tamper>(store: &S) {
    trail(store).await;
    store.sql("DELETE FROM audit_log WHERE id = 2").await;
    let key = AuditKey::generate().unwrap();
    assert_err!(
        store.write_checkpoint(&key, false, &console()).await,
        StoreError::Conflict(m) if m.contains("changed by hand")
    );
}
