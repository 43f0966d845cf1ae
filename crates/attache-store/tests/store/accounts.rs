//! Accounts: users kept and changed.

use attache_domain::Classification;
use attache_store::{Store, StoreError};
use attache_testkit::fixtures::code;

use crate::support::{actor, ready};

attache_testkit::on_each_backend!(accounts_are_kept_and_changed,);

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
    assert_eq!(store.get_user("ana", None).await.unwrap().record, user);
    let gbr = code("GBR");
    assert_eq!(store.list_users(Some(&gbr)).await.unwrap().len(), 1);
    assert!(
        store
            .list_users(Some(&code("FRA")))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store.get_user("ana", Some(&code("FRA"))).await,
        Err(StoreError::NotFound { .. })
    ));
    let change = UserChange {
        disabled: Some(true),
        password_hash: Some("$argon2id$second".into()),
        ..Default::default()
    };
    let changed = store.update_user("ana", change, &actor()).await.unwrap();
    assert!(changed.record.disabled);
    assert_eq!(changed.meta.version, 2);
    let access = UserChange {
        roles: Some(vec![UserRole::Viewer]),
        clearance: Some(Classification::Official),
        ..Default::default()
    };
    let changed = store.update_user("ana", access, &actor()).await.unwrap();
    assert_eq!(
        (changed.record.roles, changed.record.clearance),
        (vec![UserRole::Viewer], Classification::Official)
    );
    let trail = store
        .audit_trail(Some(("user", "ana")), 10, &actor())
        .await
        .unwrap();
    assert_eq!(trail.last().unwrap().action, "change_access");
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
