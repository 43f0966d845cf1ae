//! Updating partners, people, assets, objectives and agreements through `App`: the same
//! permission and validation as adding them, and nothing written above the writer's
//! clearance. The store's own stories (versions, audit, labels) are in attache-store.

use crate::support;
use attache_testkit::fixtures::{code, date};

use attache_app::{App, AppError};
use attache_domain::access::Actor;
use attache_domain::access::UserRole;
use attache_domain::records::{
    Agreement, AgreementKind, Asset, AssetKind, Indicator, Objective, Partner, PartnerKind, Person,
    StandingAim,
};
use attache_domain::{Classification, SecurityLabel};
use chrono::{TimeZone, Utc};

/// An initialised register for GBR in a fresh SQLite file, removed with it.
async fn app() -> (attache_testkit::SqliteFile, App) {
    support::register().await
}

/// A GBR user with these roles and this clearance.
fn user(roles: &[UserRole], clearance: Classification) -> Actor {
    Actor {
        name: "someone".into(),
        nation: code("GBR"),
        clearance,
        roles: roles.to_vec(),
        at: Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).unwrap(),
        console: false,
    }
}

fn planner() -> Actor {
    user(&[UserRole::Planner], Classification::Secret)
}

fn administrator() -> Actor {
    user(&[UserRole::Administrator], Classification::Secret)
}

fn person() -> Person {
    Person {
        name: "Jane Tan".into(),
        title: "Colonel".into(),
        role: "defence attaché".into(),
        nation: code("SGP"),
        label: SecurityLabel::default(),
    }
}

fn asset() -> Asset {
    Asset {
        name: "HMS Example".into(),
        kind: AssetKind::Ship,
        identifier: "F999".into(),
        nation: code("GBR"),
        label: SecurityLabel::default(),
    }
}

fn organisation() -> Partner {
    Partner {
        code: code("FPDA"),
        kind: PartnerKind::Organisation,
        name: "Five Power Defence Arrangements".into(),
        alpha2: String::new(),
        region: "Asia".into(),
        subregion: String::new(),
        members: vec![
            code("AUS"),
            code("GBR"),
            code("MYS"),
            code("NZL"),
            code("SGP"),
        ],
        members_as_of: Some(date("2026-01-01")),
        members_source: "fpda.example".into(),
        label: SecurityLabel::default(),
    }
}

fn objective() -> Objective {
    Objective {
        code: "SGP-1".into(),
        title: "Deepen maritime cooperation".into(),
        aim: StandingAim::BuildTrust,
        partner: Some(code("SGP")),
        indicators: vec![Indicator {
            name: "Port visits a year".into(),
            baseline: 2.0,
            target: 6.0,
        }],
        label: SecurityLabel::default(),
    }
}

fn agreement() -> Agreement {
    Agreement {
        kind: AgreementKind::DefenceCooperation,
        title: "Defence cooperation agreement".into(),
        parties: vec![code("GBR"), code("SGP")],
        signed: date("2020-01-01"),
        in_force: None,
        expiry: None,
        label: SecurityLabel::default(),
    }
}

fn secret() -> SecurityLabel {
    SecurityLabel::new(Classification::Secret, vec![]).unwrap()
}

/// Asserts that a result is the error the pattern describes, showing it otherwise.
macro_rules! assert_err {
    ($result:expr, $pattern:pat $(if $guard:expr)?) => {{
        let result = $result;
        assert!(matches!(&result, Err($pattern) $(if $guard)?), "{result:?}");
    }};
}

/// The field of the one validation error in a result.
fn invalid_field<T: std::fmt::Debug>(result: Result<T, AppError>) -> &'static str {
    match result {
        Err(AppError::Invalid(errors)) if errors.0.len() == 1 => errors.0[0].field,
        other => panic!("expected one invalid field, got {other:?}"),
    }
}

/// One record of each kind, as `admin`; gives the ids of the person, the asset and the
/// agreement (the organisation and the objective have codes).
async fn add_one_of_each(app: &App, admin: &Actor) -> (i64, i64, i64) {
    let person_id = app.add_person(&person(), admin).await.unwrap();
    let asset_id = app.add_asset(&asset(), admin).await.unwrap();
    let agreement_id = app.add_agreement(&agreement(), admin).await.unwrap();
    app.add_partner(&organisation(), admin).await.unwrap();
    app.add_objective(&objective(), admin).await.unwrap();
    (person_id, asset_id, agreement_id)
}

#[tokio::test]
async fn updates_need_the_permission_that_adding_needs() {
    let (_dir, app) = app().await;
    let admin = administrator();
    let (person_id, asset_id, agreement_id) = add_one_of_each(&app, &admin).await;

    // A viewer changes nothing, whatever the record.
    let viewer = user(&[UserRole::Viewer], Classification::Secret);
    assert_err!(
        app.update_person(person_id, &person(), 1, &viewer).await,
        AppError::Forbidden(_)
    );
    assert_err!(
        app.update_asset(asset_id, &asset(), 1, &viewer).await,
        AppError::Forbidden(_)
    );
    assert_err!(
        app.update_agreement(agreement_id, &agreement(), 1, &viewer)
            .await,
        AppError::Forbidden(_)
    );

    // A planner edits people, assets and agreements, but not reference data.
    let planner = planner();
    let renamed = Person {
        name: "Jane Tan-Lim".into(),
        ..person()
    };
    let stored = app
        .update_person(person_id, &renamed, 1, &planner)
        .await
        .unwrap();
    assert_eq!((stored.record, stored.meta.version), (renamed, 2));
    app.update_asset(asset_id, &asset(), 1, &planner)
        .await
        .unwrap();
    app.update_agreement(agreement_id, &agreement(), 1, &planner)
        .await
        .unwrap();
    let fpda = organisation();
    assert_err!(
        app.update_partner(&fpda.code, &fpda, 1, &planner).await,
        AppError::Forbidden(p) if p == "manage_reference"
    );
    assert_err!(
        app.update_objective("SGP-1", &objective(), 1, &planner).await,
        AppError::Forbidden(p) if p == "manage_reference"
    );
    // Refused before anything is looked up: not even whether the record exists shows.
    assert_err!(
        app.update_objective("NONE", &objective(), 1, &planner)
            .await,
        AppError::Forbidden(_)
    );

    // An administrator manages reference data; a stale version is a conflict.
    let smaller = Partner {
        members: vec![code("GBR"), code("SGP")],
        ..organisation()
    };
    let stored = app
        .update_partner(&fpda.code, &smaller, 1, &admin)
        .await
        .unwrap();
    assert_eq!(stored.record.members, smaller.members);
    assert_err!(
        app.update_partner(&fpda.code, &fpda, 1, &admin).await,
        AppError::Conflict(m) if m.contains("version 1") && m.contains("version 2")
    );
    app.update_objective("SGP-1", &objective(), 1, &admin)
        .await
        .unwrap();
}

#[tokio::test]
async fn nothing_is_written_above_the_writers_clearance() {
    let (_dir, app) = app().await;
    let admin = administrator();
    let id = app.add_person(&person(), &admin).await.unwrap();
    let hidden = Person {
        label: secret(),
        ..person()
    };
    let hidden_id = app.add_person(&hidden, &admin).await.unwrap();
    let sensitive = user(&[UserRole::Planner], Classification::OfficialSensitive);

    // A record the writer sees may not be raised above their clearance…
    let raised = Person {
        label: secret(),
        ..person()
    };
    let refused = app.update_person(id, &raised, 1, &sensitive).await;
    assert_eq!(invalid_field(refused), "classification");

    // …and one above it is not there for them, even to lower its label: not found, never
    // forbidden, so that its existence does not show.
    assert_err!(
        app.update_person(hidden_id, &person(), 1, &sensitive).await,
        AppError::NotFound(_)
    );
    let stored = app.person(hidden_id, &admin).await.unwrap();
    assert_eq!((stored.record, stored.meta.version), (hidden, 1));
    assert_eq!(app.person(id, &admin).await.unwrap().meta.version, 1);

    // The same rule for each kind of record.
    let agreement_id = app.add_agreement(&agreement(), &admin).await.unwrap();
    let raised = Agreement {
        label: secret(),
        ..agreement()
    };
    let refused = app
        .update_agreement(agreement_id, &raised, 1, &sensitive)
        .await;
    assert_eq!(invalid_field(refused), "classification");
    let sensitive_admin = user(
        &[UserRole::Administrator],
        Classification::OfficialSensitive,
    );
    app.add_objective(&objective(), &admin).await.unwrap();
    let raised = Objective {
        label: secret(),
        ..objective()
    };
    let refused = app
        .update_objective("SGP-1", &raised, 1, &sensitive_admin)
        .await;
    assert_eq!(invalid_field(refused), "classification");
}

#[tokio::test]
async fn updates_are_validated_like_additions() {
    let (_dir, app) = app().await;
    let admin = administrator();
    let (person_id, asset_id, agreement_id) = add_one_of_each(&app, &admin).await;

    let nameless = Person {
        name: "  ".into(),
        ..person()
    };
    assert_eq!(
        invalid_field(app.update_person(person_id, &nameless, 1, &admin).await),
        "name"
    );
    let stateless = Asset {
        nation: code("ZZZ"),
        ..asset()
    };
    assert_eq!(
        invalid_field(app.update_asset(asset_id, &stateless, 1, &admin).await),
        "nation"
    );
    let alone = Agreement {
        parties: vec![code("GBR")],
        ..agreement()
    };
    let refused = app.update_agreement(agreement_id, &alone, 1, &admin).await;
    assert_eq!(invalid_field(refused), "parties");
    let untitled = Objective {
        title: String::new(),
        ..objective()
    };
    let refused = app.update_objective("SGP-1", &untitled, 1, &admin).await;
    assert_eq!(invalid_field(refused), "title");
    let unknown_member = Partner {
        members: vec![code("GBR"), code("ZZZ")],
        ..organisation()
    };
    let refused = app
        .update_partner(&code("FPDA"), &unknown_member, 1, &admin)
        .await;
    assert_eq!(invalid_field(refused), "members");

    // A code is how other records refer to a partner or an objective: it stays.
    let recoded = Partner {
        code: code("FPDA-2"),
        ..organisation()
    };
    let refused = app.update_partner(&code("FPDA"), &recoded, 1, &admin).await;
    assert_eq!(invalid_field(refused), "code");
    let recoded = Objective {
        code: "SGP-2".into(),
        ..objective()
    };
    let refused = app.update_objective("SGP-1", &recoded, 1, &admin).await;
    assert_eq!(invalid_field(refused), "code");

    // Nothing refused was written.
    assert_eq!(app.person(person_id, &admin).await.unwrap().meta.version, 1);
    assert_eq!(app.asset(asset_id, &admin).await.unwrap().meta.version, 1);
    assert_eq!(
        app.agreement(agreement_id, &admin)
            .await
            .unwrap()
            .meta
            .version,
        1
    );
    assert_eq!(
        app.partner(&code("FPDA"), &admin)
            .await
            .unwrap()
            .meta
            .version,
        1
    );
    assert_eq!(
        app.objective("SGP-1", &admin).await.unwrap().meta.version,
        1
    );
}

#[tokio::test]
async fn reference_data_is_read_by_every_nation_and_kept_by_its_owner() {
    let (_dir, app) = app().await;
    let paris = Actor {
        nation: code("FRA"),
        ..user(
            &[UserRole::Viewer, UserRole::Administrator],
            Classification::Official,
        )
    };
    let partners = app.partners(&Default::default(), &paris).await.unwrap();
    assert!(partners.len() > 200, "{} partners", partners.len());
    let usa = app.partner(&code("USA"), &paris).await.unwrap();
    assert_eq!(usa.meta.owner_nation, "GBR");
    let renamed = Partner {
        name: "Renamed by another nation".into(),
        ..usa.record.clone()
    };
    let refused = app
        .update_partner(&code("USA"), &renamed, usa.meta.version, &paris)
        .await
        .unwrap_err();
    assert!(
        refused.to_string().contains("only GBR changes it"),
        "{refused}"
    );
}
