//! The audit trail through `App`: an intact chain is counted as its reader sees it, so a
//! change hidden from them does not show as one more entry.

use crate::support;
use attache_testkit::fixtures::code;

use attache_app::AuditVerdict;
use attache_domain::access::{Actor, UserRole};
use attache_domain::{ActivityInput, Classification};

fn gbr(roles: &[UserRole], clearance: Classification) -> Actor {
    Actor {
        name: format!("gbr.{clearance}"),
        nation: code("GBR"),
        clearance,
        roles: roles.to_vec(),
        at: support::now(),
        console: false,
    }
}

fn entries(verdict: AuditVerdict) -> u64 {
    match verdict {
        AuditVerdict::Intact { entries, .. } => entries,
        broken => panic!("the chain should be intact: {broken:?}"),
    }
}

#[tokio::test]
async fn an_intact_trail_counts_only_the_entries_its_reader_may_see() {
    let (_dir, app) = support::register().await;
    let official = gbr(&[UserRole::Administrator], Classification::Official);
    let secret = gbr(&[UserRole::Administrator], Classification::Secret);
    let planner = gbr(&[UserRole::Planner], Classification::Secret);
    let before = entries(app.verify_audit(None, &official).await.unwrap());
    let before_secret = entries(app.verify_audit(None, &secret).await.unwrap());

    let hidden = ActivityInput {
        title: "Covert exercise Kestrel".into(),
        category: "exercise".into(),
        status: "proposed".into(),
        start_date: "2027-03-14".into(),
        end_date: "2027-03-15".into(),
        host: "SGP".into(),
        participants: vec!["GBR".into()],
        classification: "secret".into(),
        ..Default::default()
    };
    app.add_activity(hidden, &planner).await.unwrap();

    assert_eq!(
        entries(app.verify_audit(None, &official).await.unwrap()),
        before
    );
    assert_eq!(
        entries(app.verify_audit(None, &secret).await.unwrap()),
        before_secret + 1
    );
}
