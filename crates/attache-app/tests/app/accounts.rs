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
        console: false,
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
    let console = app.console(support::now());
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

/// An administrator of `nation` cleared for official.
fn administrator_of(nation: &str) -> Actor {
    Actor {
        nation: code(nation),
        ..administrator(Classification::Official)
    }
}

#[tokio::test]
async fn our_administrators_and_the_console_see_every_account_a_partner_sees_its_own() {
    let (_dir, app) = support::register().await;
    let password = "correct horse battery staple";
    let console = app.console(support::now());
    // The console makes a French administrator, who makes a French account.
    let french = account("f.admin", "FRA", Classification::Official);
    app.add_user(&french, password, &console).await.unwrap();
    let paris = administrator_of("FRA");
    app.add_user(
        &account("f.planner", "FRA", Classification::Official),
        password,
        &paris,
    )
    .await
    .unwrap();
    app.add_user(
        &account("g.planner", "GBR", Classification::Official),
        password,
        &console,
    )
    .await
    .unwrap();
    let names = |users: Vec<attache_domain::Stored<User>>| -> Vec<String> {
        users.into_iter().map(|u| u.record.name).collect()
    };
    let everyone = ["f.admin", "f.planner", "g.planner"];
    assert_eq!(names(app.users(&console).await.unwrap()), everyone);
    let london = administrator(Classification::Official);
    assert_eq!(names(app.users(&london).await.unwrap()), everyone);
    assert_eq!(
        names(app.users(&paris).await.unwrap()),
        ["f.admin", "f.planner"]
    );
    // Our administrator sees the French account but keeps only our own; the console keeps all.
    assert_eq!(
        app.user("f.planner", &london).await.unwrap().record.name,
        "f.planner"
    );
    let (field, _) = refused(app.set_user_disabled("f.planner", true, &london).await);
    assert_eq!(field, "nation");
    app.set_user_disabled("f.planner", true, &console)
        .await
        .unwrap();
    // A partner's administrator finds no account of ours, as if it were not there.
    assert!(matches!(
        app.user("g.planner", &paris).await,
        Err(AppError::NotFound(_))
    ));
}

#[tokio::test]
async fn an_accounts_roles_and_clearance_change_within_the_administrators_own() {
    let (_dir, app) = support::register().await;
    let password = "correct horse battery staple";
    let sensitive = administrator(Classification::OfficialSensitive);
    app.add_user(
        &account("ana", "GBR", Classification::Official),
        password,
        &sensitive,
    )
    .await
    .unwrap();
    let changed = app
        .change_access(
            "ana",
            Some(vec![UserRole::Viewer, UserRole::Analyst]),
            Some(Classification::OfficialSensitive),
            &sensitive,
        )
        .await
        .unwrap();
    assert_eq!(
        (changed.record.roles, changed.record.clearance),
        (
            vec![UserRole::Viewer, UserRole::Analyst],
            Classification::OfficialSensitive
        )
    );
    let (field, _) = refused(
        app.change_access("ana", None, Some(Classification::Secret), &sensitive)
            .await,
    );
    assert_eq!(field, "clearance", "not above the administrator's own");
    let (field, _) = refused(
        app.change_access("ana", Some(vec![]), None, &sensitive)
            .await,
    );
    assert_eq!(field, "roles");
    let official = administrator(Classification::Official);
    let (field, _) = refused(
        app.change_access("ana", Some(vec![UserRole::Viewer]), None, &official)
            .await,
    );
    assert_eq!(field, "clearance", "not of an account cleared above them");
    let console = app.console(support::now());
    let trail = app
        .audit_trail(Some(("user", "ana")), 10, &console)
        .await
        .unwrap();
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["create", "change_access"]);
    // A session opened before the change holds the new clearance from its next request.
    let signed = app
        .sign_in("ana", password, None, support::now())
        .await
        .unwrap();
    assert_eq!(signed.clearance, Classification::OfficialSensitive);
}

#[tokio::test]
async fn the_command_lines_named_account_must_exist_and_be_enabled() {
    let (_dir, app) = support::register().await;
    let console = app.console(support::now());
    assert!(matches!(
        app.account("viewer", support::now()).await,
        Err(AppError::Unauthorized(_))
    ));
    let mut viewer = account("viewer", "GBR", Classification::Official);
    viewer.roles = vec![UserRole::Viewer];
    app.add_user(&viewer, "correct horse battery staple", &console)
        .await
        .unwrap();
    let acting = app.account("viewer", support::now()).await.unwrap();
    assert_eq!(
        (acting.roles.as_slice(), acting.console),
        (&[UserRole::Viewer][..], false)
    );
    app.set_user_disabled("viewer", true, &console)
        .await
        .unwrap();
    assert!(app.account("viewer", support::now()).await.is_err());
    assert_eq!(console.name, "console");
}

#[tokio::test]
async fn the_console_reads_every_nations_records_and_our_accounts_do_not() {
    let (_dir, app) = support::register().await;
    let paris = Actor {
        roles: vec![UserRole::Planner],
        clearance: Classification::Secret,
        ..administrator_of("FRA")
    };
    let theirs = attache_domain::ActivityInput {
        title: "Exercice Jeanne".into(),
        category: "exercise".into(),
        status: "proposed".into(),
        start_date: "2027-03-14".into(),
        end_date: "2027-03-15".into(),
        host: "SGP".into(),
        ..Default::default()
    };
    let id = app.add_activity(theirs, &paris).await.unwrap().meta.id;
    let console = app.console(support::now());
    assert_eq!(
        app.activity(id, &console).await.unwrap().meta.owner_nation,
        "FRA"
    );
    let listed = app
        .activities(
            &Default::default(),
            Default::default(),
            &Default::default(),
            &console,
        )
        .await
        .unwrap();
    assert!(listed.iter().any(|a| a.meta.id == id));
    let london = Actor {
        roles: vec![UserRole::Viewer],
        clearance: Classification::Secret,
        ..administrator(Classification::Secret)
    };
    assert!(matches!(
        app.activity(id, &london).await,
        Err(AppError::NotFound(_))
    ));
}
