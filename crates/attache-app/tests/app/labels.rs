//! Labels through `App`: only the owning nation changes a record's label, and loosening
//! one (a lower classification, a nation added to its releasability) is `declassify`,
//! audited as such, on edits and on imports alike.

use std::sync::Arc;

use crate::support;
use attache_app::App;
use attache_app::AppError;
use attache_app::register::import::{Format, ImportOptions};
use attache_domain::access::{Actor, UserRole};
use attache_domain::{ActivityInput, Classification};
use attache_testkit::fixtures::code;

fn account(name: &str, nation: &str, roles: Vec<UserRole>) -> Actor {
    Actor {
        name: name.into(),
        nation: code(nation),
        clearance: Classification::Secret,
        roles,
        at: support::now(),
        console: false,
    }
}

/// Secret talks of GBR, released to FRA; gives their id.
async fn secret_talks(app: &App, planner: &Actor) -> i64 {
    let input = ActivityInput {
        title: "Secret talks".into(),
        category: "staff_talks".into(),
        status: "proposed".into(),
        start_date: "2027-03-14".into(),
        end_date: "2027-03-15".into(),
        host: "SGP".into(),
        classification: "secret".into(),
        releasable_to: vec!["FRA".into()],
        ..Default::default()
    };
    app.add_activity(input, planner).await.unwrap().meta.id
}

/// The activity `id` with its label set by `relabel`, as `actor` edits it.
async fn relabel(
    app: &App,
    id: i64,
    actor: &Actor,
    relabel: impl FnOnce(&mut ActivityInput) + Send + 'static,
) -> Result<attache_domain::Stored<attache_domain::Activity>, AppError> {
    app.edit_activity(id, Box::new(relabel), None, actor).await
}

#[tokio::test]
async fn only_the_owner_changes_a_label_and_loosening_it_is_declassify() {
    let (_dir, app) = support::register().await;
    let london = account("g.planner", "GBR", vec![UserRole::Planner]);
    let paris = account("f.planner", "FRA", vec![UserRole::Planner]);
    let id = secret_talks(&app, &london).await;

    for (what, change) in [
        (
            "downgraded",
            Box::new(|i: &mut ActivityInput| i.classification = "official".into())
                as Box<dyn FnOnce(&mut ActivityInput) + Send>,
        ),
        (
            "released wider",
            Box::new(|i: &mut ActivityInput| i.releasable_to = vec!["FRA".into(), "RUS".into()]),
        ),
    ] {
        let refused = relabel(&app, id, &paris, change).await.unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("only GBR, which owns this record"),
            "{what}: {refused}"
        );
    }
    let refused = relabel(&app, id, &london, |i| i.classification = "official".into())
        .await
        .unwrap_err();
    assert!(
        matches!(refused, AppError::Forbidden(ref p) if p == "declassify"),
        "{refused}"
    );
    // Tightening is no declassification: the planner raises it as any edit.
    let narrowed = relabel(&app, id, &london, |i| i.releasable_to = Vec::new())
        .await
        .unwrap();
    assert!(narrowed.record.label.releasable_to.is_empty());
    let authority = account(
        "g.authority",
        "GBR",
        vec![UserRole::Planner, UserRole::Approver],
    );
    let lowered = relabel(&app, id, &authority, |i| {
        i.classification = "official".into()
    })
    .await
    .unwrap();
    assert_eq!(
        lowered.record.label.classification,
        Classification::Official
    );
    let console = app.console(support::now());
    let trail = app
        .audit_trail(Some(("activity", &id.to_string())), 10, &console)
        .await
        .unwrap();
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["create", "update", "declassify"]);

    // The declassifying entry holds the secret version: an official reader sees no entry
    // of it, only what comes after at official.
    let official_auditor = Actor {
        clearance: Classification::Official,
        ..account("g.auditor", "GBR", vec![UserRole::Approver])
    };
    let history = |reader: Actor| {
        let app = &app;
        async move {
            app.audit_trail(Some(("activity", &id.to_string())), 10, &reader)
                .await
                .unwrap()
        }
    };
    assert!(history(official_auditor.clone()).await.is_empty());
    relabel(&app, id, &authority, |i| i.title = "Talks".into())
        .await
        .unwrap();
    let seen = history(official_auditor).await;
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].action.as_str(), seen[0].classification.as_str()),
        ("update", "official")
    );
}

#[tokio::test]
async fn an_import_relabels_only_what_its_importer_may() {
    let (_dir, app) = support::register().await;
    let london = account("g.planner", "GBR", vec![UserRole::Planner]);
    let paris = account("f.planner", "FRA", vec![UserRole::Planner]);
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, releasable: &str| {
        let path = dir.path().join(name);
        let header = "external_id,title,category,status,start_date,end_date,host,participants,classification,releasable_to";
        let row = format!(
            "t1,Talks,staff_talks,proposed,2027-03-14,2027-03-15,SGP,SGP;GBR,secret,{releasable}"
        );
        std::fs::write(&path, format!("{header}\n{row}\n")).unwrap();
        path
    };
    let options = ImportOptions {
        format: Format::Csv,
        dry_run: false,
        source: Some("plan".into()),
    };
    let none: attache_app::register::import::Progress = Arc::new(|_| {});
    let first = file("first.csv", "FRA");
    let report = app
        .import_file(&first, &options, &london, none.clone())
        .await
        .unwrap();
    assert!(report.accepted(), "{:?}", report.problems);
    let wider = file("wider.csv", "FRA;RUS");
    let report = app
        .import_file(&wider, &options, &paris, none)
        .await
        .unwrap();
    assert!(!report.accepted());
    assert_eq!(report.problems[0].line, 2);
    assert!(
        report.problems[0].reason.contains("only GBR"),
        "{:?}",
        report.problems
    );
}

/// The feed of `reader`, as text.
async fn feed(app: &App, reader: &Actor) -> String {
    let mut kept = Kept(Vec::new());
    app.calendar_feed(&mut kept, reader).await.unwrap();
    String::from_utf8(kept.0).unwrap()
}

/// A sink that keeps what is written, for a feed.
struct Kept(Vec<u8>);

impl std::io::Write for Kept {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl attache_app::register::export::ExportSink for &mut Kept {}

#[tokio::test]
async fn a_calendar_feed_carries_only_the_classification_administrators_allow() {
    let (_dir, app) = support::register().await;
    let london = account("g.planner", "GBR", vec![UserRole::Planner]);
    secret_talks(&app, &london).await;
    assert!(
        !feed(&app, &london).await.contains("Secret talks"),
        "official by default"
    );
    let refused = app
        .set_feed_classification(Classification::Secret, &london)
        .await
        .unwrap_err();
    assert!(matches!(refused, AppError::Forbidden(ref p) if p == "manage_users"));
    let admin = account("g.admin", "GBR", vec![UserRole::Administrator]);
    app.set_feed_classification(Classification::Secret, &admin)
        .await
        .unwrap();
    assert_eq!(
        app.feed_classification().await.unwrap(),
        Classification::Secret
    );
    assert!(feed(&app, &london).await.contains("Secret talks"));
    let console = app.console(support::now());
    let trail = app
        .audit_trail(
            Some(("setting", "calendar_feed_classification")),
            5,
            &console,
        )
        .await
        .unwrap();
    assert_eq!(trail[0].after.as_deref(), Some("\"secret\""));
}

#[tokio::test]
async fn a_record_links_only_objectives_every_reader_of_it_may_see() {
    use attache_domain::SecurityLabel;
    use attache_domain::records::{Objective, StandingAim};
    let (_dir, app) = support::register().await;
    let console = app.console(support::now());
    let secret = SecurityLabel::new(Classification::Secret, Vec::new()).unwrap();
    let objective = Objective {
        code: "SGP-COVERT".into(),
        title: "A covert aim".into(),
        aim: StandingAim::BuildTrust,
        partner: Some(code("SGP")),
        indicators: Vec::new(),
        label: secret,
    };
    app.add_objective(&objective, &console).await.unwrap();
    let linking = |classification: &str, releasable: Vec<String>| ActivityInput {
        title: "Talks".into(),
        category: "staff_talks".into(),
        status: "proposed".into(),
        start_date: "2027-03-14".into(),
        end_date: "2027-03-15".into(),
        host: "SGP".into(),
        objectives: vec!["SGP-COVERT".into(), "build_trust".into()],
        classification: classification.into(),
        releasable_to: releasable,
        ..Default::default()
    };
    // Hidden from the writer: refused exactly as an unknown code is.
    let official = Actor {
        clearance: Classification::Official,
        ..account("g.planner", "GBR", vec![UserRole::Planner])
    };
    let hidden = app
        .add_activity(linking("official", vec![]), &official)
        .await
        .unwrap_err();
    let mut unknown_input = linking("official", vec![]);
    unknown_input.objectives = vec!["SGP-NOSUCH".into()];
    let unknown = app
        .add_activity(unknown_input, &official)
        .await
        .unwrap_err();
    assert_eq!(
        hidden.to_string().replace("SGP-COVERT", "CODE"),
        unknown.to_string().replace("SGP-NOSUCH", "CODE")
    );
    // Seen by the writer, but not by every reader of the record: refused, saying why.
    let writer = account("g.secret", "GBR", vec![UserRole::Planner]);
    let lower = app
        .add_activity(linking("official", vec![]), &writer)
        .await
        .unwrap_err();
    assert!(
        lower
            .to_string()
            .contains("it is secret, above this record"),
        "{lower}"
    );
    let wider = app
        .add_activity(linking("secret", vec!["FRA".into()]), &writer)
        .await
        .unwrap_err();
    assert!(wider.to_string().contains("not released to FRA"), "{wider}");
    // A standing aim is reference data: any record links it.
    app.add_activity(linking("secret", vec![]), &writer)
        .await
        .unwrap();
}
