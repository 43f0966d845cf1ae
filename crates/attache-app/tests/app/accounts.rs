//! Accounts through `App`: an administrator grants no more than they hold, makes and keeps
//! their own nation's accounts only, and cannot reset or change one cleared above them.

use crate::support;
use attache_testkit::fixtures::code;

use attache_app::AppError;
use attache_domain::Classification;
use attache_domain::access::{Actor, User, UserRole};

/// A GBR administrator cleared for `clearance`.
fn administrator(clearance: Classification) -> Actor {
    Actor {
        name: format!("admin.{clearance}"),
        nation: code("GBR"),
        clearance,
        roles: vec![UserRole::Administrator],
        at: support::now(),
    }
}

fn account(name: &str, nation: &str, clearance: Classification) -> User {
    User {
        name: name.into(),
        nation: code(nation),
        clearance,
        roles: vec![UserRole::Administrator, UserRole::Planner],
        disabled: false,
    }
}

/// The field an `Invalid` answer names, and the reason.
fn refused(result: Result<impl std::fmt::Debug, AppError>) -> (&'static str, String) {
    match result {
        Err(AppError::Invalid(errors)) if errors.0.len() == 1 => {
            (errors.0[0].field, errors.0[0].reason.clone())
        }
        other => panic!("expected one invalid field, got {other:?}"),
    }
}

#[tokio::test]
async fn an_administrator_grants_no_more_than_their_clearance_and_nation() {
    let (_dir, app) = support::register().await;
    let official = administrator(Classification::Official);
    let password = "correct horse battery staple";

    let above = account("s.admin", "GBR", Classification::Secret);
    let (field, reason) = refused(app.add_user(&above, password, &official).await);
    assert_eq!(field, "clearance", "{reason}");
    let foreign = account("f.admin", "FRA", Classification::Official);
    let (field, reason) = refused(app.add_user(&foreign, password, &official).await);
    assert_eq!(field, "nation", "{reason}");
    let console = app.console("console", support::now());
    let names = |users: Vec<attache_domain::Stored<User>>| -> Vec<String> {
        users.into_iter().map(|u| u.record.name).collect()
    };
    let listed = names(app.users(&console).await.unwrap());
    assert!(!listed.contains(&"s.admin".to_owned()) && !listed.contains(&"f.admin".to_owned()));

    // Within both, the account is made.
    let peer = account("o.admin", "GBR", Classification::Official);
    app.add_user(&peer, password, &official).await.unwrap();
    app.reset_password("o.admin", "another long passphrase", &official)
        .await
        .unwrap();
}

#[tokio::test]
async fn an_account_cleared_above_its_administrator_is_not_reset_or_changed() {
    let (_dir, app) = support::register().await;
    let secret = administrator(Classification::Secret);
    let official = administrator(Classification::Official);
    let password = "correct horse battery staple";
    app.add_user(
        &account("s.admin", "GBR", Classification::Secret),
        password,
        &secret,
    )
    .await
    .unwrap();

    let (field, _) = refused(
        app.reset_password("s.admin", "taken over at last", &official)
            .await,
    );
    assert_eq!(field, "clearance");
    let (field, _) = refused(app.set_user_disabled("s.admin", true, &official).await);
    assert_eq!(field, "clearance");
    // The old password still opens the account, which is still enabled.
    let signed = app
        .sign_in("s.admin", password, None, support::now())
        .await
        .unwrap();
    assert_eq!(signed.name, "s.admin");
}
