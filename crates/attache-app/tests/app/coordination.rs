//! The coordination lists read past any one batch of activities: the inbox skips what
//! its ministry has answered and lists the earliest due, the dashboard's panel counts
//! every overdue concurrence and visit at risk however many there are, and none of them
//! shows what the viewer may not see.

use crate::support;

use attache_app::App;
use attache_app::coordination::INBOX_LISTED;
use attache_domain::access::Actor;
use attache_domain::coordination::concurrence::{ConcurrenceRule, Condition, Ministry, Verdict};
use attache_domain::{ActivityInput, Category, Classification};
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};

/// More than one batch of the lists' reads (250).
const MANY: usize = 280;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

fn in_days(days: u64) -> NaiveDate {
    now()
        .date_naive()
        .checked_add_days(Days::new(days))
        .unwrap()
}

async fn app() -> (attache_testkit::SqliteFile, App, Actor) {
    let (file, app) = support::register_at(now()).await;
    let actor = app.console(now());
    (file, app, actor)
}

/// Adds a planned activity with Singapore; gives its id.
async fn planned(app: &App, actor: &Actor, category: &str, start: NaiveDate) -> i64 {
    planned_as(app, actor, category, start, "official").await
}

async fn planned_as(
    app: &App,
    actor: &Actor,
    category: &str,
    start: NaiveDate,
    classification: &str,
) -> i64 {
    let assets = match category {
        "ship_visit" => vec!["HMS Example".to_owned()],
        _ => Vec::new(),
    };
    let input = ActivityInput {
        title: format!("{category} on {start}"),
        category: category.to_owned(),
        status: "planned".to_owned(),
        start_date: start.to_string(),
        end_date: start.to_string(),
        host: "SGP".to_owned(),
        participants: vec!["GBR".to_owned()],
        assets,
        classification: classification.to_owned(),
        ..ActivityInput::default()
    };
    crate::support::recorded(app, input, actor).await
}

#[tokio::test]
async fn the_inbox_skips_what_is_answered_and_lists_the_earliest_due() {
    let (_dir, app, actor) = app().await;
    let mut meetings = Vec::new();
    for day in 0..MANY {
        let start = in_days(20 + day as u64 / 10);
        meetings.push(planned(&app, &actor, "bilateral_meeting", start).await);
    }
    let far_training = planned(&app, &actor, "training", in_days(400)).await;
    for id in &meetings[..30] {
        app.answer_concurrence(*id, Ministry::Foreign, Verdict::Concur, "", &actor)
            .await
            .unwrap();
    }
    // A comment does not answer: the activity still waits.
    let commented = meetings[30];
    app.answer_concurrence(
        commented,
        Ministry::Foreign,
        Verdict::Comment,
        "why?",
        &actor,
    )
    .await
    .unwrap();

    let foreign = app
        .concurrence_inbox(Ministry::Foreign, &actor)
        .await
        .unwrap();
    assert_eq!(foreign.len(), INBOX_LISTED);
    assert_eq!(foreign[0].activity, commented);
    let listed: Vec<i64> = foreign.iter().map(|w| w.activity).collect();
    assert_eq!(listed, meetings[30..30 + INBOX_LISTED]);
    let dues: Vec<NaiveDate> = foreign
        .iter()
        .map(|w| w.concurrence.requirement.due)
        .collect();
    assert!(dues.is_sorted());

    // Only the training, far beyond every meeting, needs the development ministry.
    let development = app
        .concurrence_inbox(Ministry::Development, &actor)
        .await
        .unwrap();
    let listed: Vec<i64> = development.iter().map(|w| w.activity).collect();
    assert_eq!(listed, [far_training]);
}

#[tokio::test]
async fn the_inbox_reads_on_while_a_later_start_may_be_due_sooner() {
    let (_dir, app, actor) = app().await;
    // Training needs the foreign ministry 60 days ahead, meetings 14.
    let early = ConcurrenceRule {
        ministry: Ministry::Foreign,
        condition: Condition::Category(Category::Training),
        due_days: 60,
    };
    app.add_concurrence_rule(early, &actor).await.unwrap();
    for day in 0..MANY {
        planned(
            &app,
            &actor,
            "bilateral_meeting",
            in_days(20 + day as u64 / 10),
        )
        .await;
    }
    // Starts after every meeting, in a later batch, but is due before all of them.
    let training = planned(&app, &actor, "training", in_days(50)).await;

    let foreign = app
        .concurrence_inbox(Ministry::Foreign, &actor)
        .await
        .unwrap();
    assert_eq!(foreign.len(), INBOX_LISTED);
    assert_eq!(foreign[0].activity, training);
    let due = in_days(50).checked_sub_days(Days::new(60)).unwrap();
    assert_eq!(foreign[0].concurrence.requirement.due, due);
}

#[tokio::test]
async fn the_panel_counts_every_overdue_concurrence_and_visit_at_risk_it_may_show() {
    let (_dir, app, actor) = app().await;
    // Due 14 days before the start: each is overdue today.
    let mut meetings = Vec::new();
    for day in 0..MANY {
        meetings.push(
            planned(
                &app,
                &actor,
                "bilateral_meeting",
                in_days(1 + day as u64 % 10),
            )
            .await,
        );
    }
    // Within the 30 days' lead time of a warship visit, not requested, and due 14 days
    // before the start for the foreign ministry's concurrence too.
    for day in 0..MANY {
        planned(&app, &actor, "ship_visit", in_days(2 + day as u64 % 10)).await;
    }
    let secret = planned_as(&app, &actor, "bilateral_meeting", in_days(1), "secret").await;

    let panel = app.coordination_panel(10, &actor).await.unwrap();
    // Each ship visit waits for the foreign ministry too.
    assert_eq!(panel.overdue_total, 2 * MANY + 1);
    assert_eq!(panel.at_risk_total, MANY);
    assert_eq!(panel.overdue.len(), 10);
    assert_eq!(panel.at_risk.len(), 10);
    assert!(panel.overdue.iter().all(|w| w.start == in_days(1)));
    assert!(panel.at_risk.iter().all(|r| r.start == in_days(2)));

    // An answer shows at once, though the panel is kept.
    app.answer_concurrence(meetings[0], Ministry::Foreign, Verdict::Concur, "", &actor)
        .await
        .unwrap();
    let panel = app.coordination_panel(10, &actor).await.unwrap();
    assert_eq!(panel.overdue_total, 2 * MANY);

    // Without the clearance, the secret meeting is not there, nor counted.
    let official = Actor {
        clearance: Classification::Official,
        console: false,
        ..actor.clone()
    };
    let panel = app.coordination_panel(10, &official).await.unwrap();
    assert_eq!(panel.overdue_total, 2 * MANY - 1);
    assert!(panel.overdue.iter().all(|w| w.activity != secret));
}

#[tokio::test]
async fn who_records_a_recipient_does_not_vet_them() {
    use attache_domain::access::UserRole;
    use attache_domain::coordination::Recipient;
    use attache_domain::coordination::vetting::{RecipientKind, VettingStatus};
    let (_dir, app, console) = app().await;
    let id = planned(&app, &console, "training", in_days(30)).await;
    let account = |name: &str, roles: Vec<UserRole>| Actor {
        name: name.into(),
        roles,
        console: false,
        ..console.clone()
    };
    let both = account("p.and.v", vec![UserRole::Planner, UserRole::VettingOfficer]);
    let planner = account("p.lanner", vec![UserRole::Planner]);
    let vetting = account("v.etting", vec![UserRole::VettingOfficer]);
    let lee = |status, vetted_on| Recipient {
        name: "Capt Lee".into(),
        kind: RecipientKind::Person,
        status,
        vetted_on,
        expires: None,
    };
    let cleared = lee(VettingStatus::Cleared, Some(in_days(0)));
    let refused = app.put_recipient(id, &cleared, &planner).await.unwrap_err();
    assert!(matches!(refused, attache_app::AppError::Forbidden(ref p) if p == "vet_recipients"));
    app.put_recipient(id, &lee(VettingStatus::Pending, None), &both)
        .await
        .unwrap();
    let own = app.put_recipient(id, &cleared, &both).await.unwrap_err();
    assert!(own.to_string().contains("separation of duties"), "{own}");
    let view = app.put_recipient(id, &cleared, &vetting).await.unwrap();
    assert_eq!(view.recipients[0].status, VettingStatus::Cleared);
}

#[tokio::test]
async fn a_concurrence_is_due_at_most_a_year_before_the_start() {
    let (_dir, app, console) = app().await;
    let rule = |due_days| ConcurrenceRule {
        ministry: Ministry::Foreign,
        condition: Condition::ForeignPartner,
        due_days,
    };
    let refused = app
        .set_concurrence_rules(&[rule(30), rule(4_000_000_000)], &console)
        .await
        .unwrap_err();
    assert!(
        refused.to_string().contains("rule 2: 4000000000 days"),
        "{refused}"
    );
    app.set_concurrence_rules(&[rule(365)], &console)
        .await
        .unwrap();
}
