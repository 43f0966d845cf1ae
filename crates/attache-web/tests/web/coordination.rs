//! Whole-of-government coordination end to end through the API, on each backend: the
//! approval path with concurrences and an objection, vetting of recipients, a change of
//! substance resetting a concurrence, clearances and their deadlines, coercive presence,
//! lead times and restrictions.

use crate::support;

use chrono::Days;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use support::{Api, errors, get, get_json, move_to, problem, put_if_match, today};

on_each_server!(
    approval_waits_for_every_concurrence_and_an_objection_blocks_it,
    training_waits_for_its_recipients_vetting_through_the_last_day,
    a_change_of_substance_resets_the_concurrence,
    an_approved_activity_changed_in_substance_goes_back_to_planned,
    whoever_proposed_or_changed_an_activity_does_not_approve_it,
    a_visit_needs_its_clearance_in_time_or_is_coercive_presence,
    restrictions_block_or_warn_and_cite_their_source,
    an_administrator_edits_and_deletes_a_restriction_with_its_trail,
    an_aircraft_needs_the_overflight_clearance_of_each_state_it_crosses,
);

fn in_days(days: u64) -> String {
    today()
        .checked_add_days(Days::new(days))
        .unwrap()
        .to_string()
}

fn activity(title: &str, category: &str, start: &str, end: &str) -> Value {
    json!({"title": title, "category": category, "start_date": start, "end_date": end,
           "host": "SGP", "participants": ["GBR"], "assets": ["HMS Example"]})
}

/// Creates an activity as the planner and moves it to planned; gives its URL.
async fn planned(api: &Api, body: Value) -> String {
    let planner = api.client("planner").await;
    let id = api.create_activity(&planner, &body).await;
    let url = api.url(&format!("/activities/{id}"));
    move_to(&planner, &url, "planned", StatusCode::OK).await;
    url
}

/// Puts `body` at `url` as `client`; gives the answer.
async fn put_json(client: &Client, url: impl reqwest::IntoUrl, body: &Value) -> reqwest::Response {
    client.put(url).json(body).send().await.unwrap()
}

/// Sets a partner's lead times (days' notice by kind of clearance), as `admin`.
async fn set_lead_times(api: &Api, admin: &Client, code: &str, times: Value) {
    let set = put_json(admin, api.url(&format!("/lead-times/{code}")), &times).await;
    assert_eq!(set.status(), StatusCode::NO_CONTENT, "{code}");
}

/// Why the approval of the activity at `url` is refused, checking that it is.
async fn approval_refused(approver: &Client, url: &str) -> Vec<String> {
    move_to(approver, url, "approved", StatusCode::UNPROCESSABLE_ENTITY).await
}

/// Why recording the activity at `url` as completed is refused, checking that it is.
async fn completion_refused(planner: &Client, url: &str) -> Vec<String> {
    move_to(planner, url, "completed", StatusCode::UNPROCESSABLE_ENTITY).await
}

/// Records the visit at `url` as carried out without its clearance; gives the answer.
async fn without_clearance(planner: &Client, url: &str) -> reqwest::Response {
    planner
        .post(format!("{url}/completed-without-clearance"))
        .send()
        .await
        .unwrap()
}

/// Every concurrence the activity at `url` needs, given.
async fn concur_all(api: &Api, url: &str) {
    api.concur_all(url.rsplit('/').next().unwrap()).await;
}

async fn coordination(client: &Client, url: &str) -> Value {
    let shown = get(client, format!("{url}/coordination")).await;
    assert_eq!(shown.status(), StatusCode::OK);
    shown.json().await.unwrap()
}

async fn approval_waits_for_every_concurrence_and_an_objection_blocks_it(api: &Api) {
    let url = planned(
        api,
        activity(
            "Maritime security course",
            "training",
            &in_days(60),
            &in_days(64),
        ),
    )
    .await;
    api.vetted(&url, "Coastguard cadets").await;
    let approver = api.client("approver").await;
    let view = coordination(&approver, &url).await;
    let ministries: Vec<&str> = view["concurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["ministry"].as_str().unwrap())
        .collect();
    assert_eq!(ministries, ["foreign", "development"]);
    assert_eq!(view["concurrences"][0]["standing"]["state"], "awaiting");

    let refused = approval_refused(&approver, &url).await;
    assert!(
        refused[0].contains("foreign ministry has not concurred"),
        "{refused:?}"
    );
    assert!(
        refused[1].contains("development ministry has not concurred"),
        "{refused:?}"
    );

    // Each official sees it in their inbox, and only their own.
    let id = view["activity"].as_i64().unwrap();
    let fco = api.client("fco").await;
    let inbox: Value = get_json(&fco, api.url("/concurrences/inbox?ministry=foreign")).await;
    assert!(
        inbox
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["activity"] == id)
    );
    let other = get(&fco, api.url("/concurrences/inbox?ministry=development")).await;
    assert_eq!(other.status(), StatusCode::FORBIDDEN);

    // An objection needs its reason; a planner cannot answer for the ministry.
    let bare = api
        .answer(
            "fco",
            &url,
            json!({"ministry": "foreign", "verdict": "object"}),
        )
        .await;
    assert_eq!(bare.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem(bare).await["errors"][0]["field"], "reason");
    let planner = api.answer(
        "planner",
        &url,
        json!({"ministry": "foreign", "verdict": "concur"}),
    );
    assert_eq!(planner.await.status(), StatusCode::FORBIDDEN);
    let wrong = api.answer(
        "fco",
        &url,
        json!({"ministry": "development", "verdict": "concur"}),
    );
    assert_eq!(wrong.await.status(), StatusCode::FORBIDDEN);

    let objection = json!({"ministry": "foreign", "verdict": "object",
                           "reason": "elections in the partner that week"});
    assert_eq!(
        api.answer("fco", &url, objection).await.status(),
        StatusCode::OK
    );
    let concur = json!({"ministry": "development", "verdict": "concur"});
    assert_eq!(
        api.answer("devt", &url, concur).await.status(),
        StatusCode::OK
    );
    let refused = approval_refused(&approver, &url).await;
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        refused[0].contains("elections in the partner that week"),
        "{refused:?}"
    );

    // A comment does not lift the objection; a concurrence does.
    let comment = json!({"ministry": "foreign", "verdict": "comment", "reason": "date moved?"});
    assert_eq!(
        api.answer("fco", &url, comment).await.status(),
        StatusCode::OK
    );
    approval_refused(&approver, &url).await;
    let concur = json!({"ministry": "foreign", "verdict": "concur"});
    assert_eq!(
        api.answer("fco", &url, concur).await.status(),
        StatusCode::OK
    );
    move_to(&approver, &url, "approved", StatusCode::OK).await;

    // Every answer is in the audit trail, under the activity.
    let trail = get_json(&api.client("admin").await, api.url("/audit")).await;
    let text = trail.to_string();
    for action in ["\"object\"", "\"comment\"", "\"concur\""] {
        assert!(text.contains(action), "{action} audited");
    }
}

async fn training_waits_for_its_recipients_vetting_through_the_last_day(api: &Api) {
    let end = in_days(64);
    let url = planned(
        api,
        activity("Staff course", "training", &in_days(60), &end),
    )
    .await;
    concur_all(api, &url).await;
    let approver = api.client("approver").await;
    let refused = approval_refused(&approver, &url).await;
    assert!(
        refused[0].contains("training needs at least one"),
        "no recipient at all: {refused:?}"
    );
    let (planner, vetting) = (api.client("planner").await, api.client("vetting").await);
    let put_as = |who: &Client, body: Value| {
        let (who, url) = (who.clone(), format!("{url}/recipients"));
        async move { put_json(&who, url, &body).await }
    };
    let put = |body: Value| put_as(&vetting, body);
    let pending = json!({"name": "1st Coastal Battalion", "kind": "unit", "status": "pending"});
    let by_vetting = put_as(&vetting, pending.clone()).await;
    assert_eq!(
        by_vetting.status(),
        StatusCode::FORBIDDEN,
        "vetting records no one"
    );
    assert_eq!(put_as(&planner, pending).await.status(), StatusCode::OK);
    let refused = approval_refused(&approver, &url).await;
    assert!(
        refused[0].contains("1st Coastal Battalion (unit) is not yet vetted"),
        "{refused:?}"
    );

    let day_before = in_days(63);
    let short = json!({"name": "1st Coastal Battalion", "kind": "unit", "status": "cleared",
                       "vetted_on": today().to_string(), "expires": day_before});
    let by_planner = put_as(&planner, short.clone()).await;
    assert_eq!(
        by_planner.status(),
        StatusCode::FORBIDDEN,
        "only vetting vets"
    );
    assert_eq!(put(short).await.status(), StatusCode::OK);
    let refused = approval_refused(&approver, &url).await;
    assert!(
        refused[0].contains(&format!("expires on {day_before}")),
        "{refused:?}"
    );

    let undated = put(json!({"name": "Lt Tan", "kind": "person", "status": "cleared"}));
    let undated = undated.await;
    assert_eq!(undated.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem(undated).await["errors"][0]["field"], "vetted_on");
    let unrecorded = json!({"name": "Lt Tan", "kind": "person", "status": "cleared",
                            "vetted_on": today().to_string()});
    let unrecorded = put(unrecorded).await;
    assert_eq!(unrecorded.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        problem(unrecorded)
            .await
            .to_string()
            .contains("recorded first")
    );

    let last_day = json!({"name": "1st Coastal Battalion", "kind": "unit", "status": "cleared",
                          "vetted_on": today().to_string(), "expires": end});
    assert_eq!(put(last_day).await.status(), StatusCode::OK);
    move_to(&approver, &url, "approved", StatusCode::OK).await;
}

async fn a_change_of_substance_resets_the_concurrence(api: &Api) {
    let start = in_days(40);
    let talks = activity("Navy staff talks", "staff_talks", &start, &start);
    let url = planned(api, talks.clone()).await;
    concur_all(api, &url).await;
    let planner = api.client("planner").await;
    let version =
        |response: &reqwest::Response| response.headers()["etag"].to_str().unwrap().to_owned();
    let read = get(&planner, &url).await;
    let tag = version(&read);

    // A new title is not substance: the concurrence stands.
    let mut renamed = talks.clone();
    renamed["title"] = json!("Navy staff talks (round 2)");
    let put = put_if_match(&planner, &url, &tag, &renamed).await;
    assert_eq!(put.status(), StatusCode::OK);
    let tag = version(&put);
    let view = coordination(&planner, &url).await;
    assert_eq!(view["concurrences"][0]["standing"]["state"], "concurred");

    let mut moved = renamed.clone();
    moved["start_date"] = json!(in_days(47));
    moved["end_date"] = json!(in_days(47));
    let put = put_if_match(&planner, &url, &tag, &moved).await;
    assert_eq!(put.status(), StatusCode::OK);
    let view = coordination(&planner, &url).await;
    assert_eq!(view["concurrences"][0]["standing"]["state"], "awaiting");
    assert_eq!(view["concurrences"][0]["asked_again"], true);
    assert_eq!(view["answers"][0]["reset"], true);
    let approver = api.client("approver").await;
    let refused = approval_refused(&approver, &url).await;
    assert!(refused[0].contains("foreign ministry"), "{refused:?}");
    let fco = api.client("fco").await;
    let inbox: Value = get_json(&fco, api.url("/concurrences/inbox?ministry=foreign")).await;
    let id = view["activity"].clone();
    let waiting = inbox
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["activity"] == id);
    assert_eq!(
        waiting.unwrap()["asked_again"],
        true,
        "the official is told"
    );
}

async fn a_visit_needs_its_clearance_in_time_or_is_coercive_presence(api: &Api) {
    // Singapore asks 20 days' notice for a warship; the visit is in 25 days.
    let admin = api.client("admin").await;
    let times = json!({"warship_visit": 20, "aircraft_landing": 10, "overflight": 5});
    set_lead_times(api, &admin, "SGP", times).await;
    let start = in_days(25);
    let url = planned(
        api,
        activity("Port call", "ship_visit", &start, &in_days(27)),
    )
    .await;
    concur_all(api, &url).await;
    let planner = api.client("planner").await;
    let view = coordination(&planner, &url).await;
    assert_eq!(view["clearances"][0]["deadline"], in_days(5));
    assert_eq!(view["clearances"][0]["risk"], Value::Null);

    // Forty days' notice puts the deadline fifteen days ago: at risk, and not approvable.
    let times = json!({"warship_visit": 40, "aircraft_landing": 10, "overflight": 5});
    set_lead_times(api, &admin, "SGP", times).await;
    let at_risk: Value = get_json(&planner, api.url("/clearances/at-risk")).await;
    let id = view["activity"].clone();
    let listed = at_risk
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["activity"] == id);
    assert!(
        listed.unwrap()["risk"]
            .as_str()
            .unwrap()
            .contains("not requested")
    );
    let approver = api.client("approver").await;
    let refused = approval_refused(&approver, &url).await;
    assert!(
        refused[0].contains("was not requested by its deadline"),
        "{refused:?}"
    );

    let requested = json!({"partner": "SGP", "kind": "warship_visit", "status": "requested",
                           "requested_on": today().to_string(), "reference": "SGP/NAV/014"});
    let asked = put_json(&planner, format!("{url}/clearances"), &requested).await;
    assert_eq!(asked.status(), StatusCode::OK);
    move_to(&approver, &url, "approved", StatusCode::OK).await;

    // Before the visit, it cannot be recorded as completed, with or without clearance.
    let refused = completion_refused(&planner, &url).await;
    assert!(refused[0].contains("has not started yet"), "{refused:?}");
    let early = without_clearance(&planner, &url).await;
    assert_eq!(early.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The visit's first day: not granted, it cannot be recorded as completed...
    let visited = chrono::NaiveDate::parse_from_str(&start, "%Y-%m-%d").unwrap();
    api.clock
        .set(visited.and_hms_opt(9, 0, 0).unwrap().and_utc());
    let planner = api.client("planner").await; // signed in anew: a session lasts a day
    let refused = completion_refused(&planner, &url).await;
    assert!(refused[0].contains("requested, not granted"), "{refused:?}");
    assert!(refused[1].contains("coercive presence"), "{refused:?}");
    // ...but recorded as carried out without clearance, it is kept and flagged.
    let flagged = without_clearance(&planner, &url).await;
    assert_eq!(flagged.status(), StatusCode::OK);
    let view: Value = flagged.json().await.unwrap();
    assert!(
        view["coercive_presence"]
            .as_str()
            .unwrap()
            .contains("intimidate")
    );
    let shown: Value = get_json(&planner, &url).await;
    assert_eq!(shown["record"]["status"], "completed");
}

async fn restrictions_block_or_warn_and_cite_their_source(api: &Api) {
    let admin = api.client("admin").await;
    let bad = admin
        .post(api.url("/restrictions"))
        .json(&json!([
            {"partner": "SGP", "source": "A", "scope": "equipment", "start": "2026-01-01"},
            {"partner": "SGP", "source": "B", "scope": "equipment", "start": "2026-01-01",
             "end": "2025-01-01"}
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let why = errors(bad, "reason").await.remove(0);
    assert!(why.starts_with("restriction 2:"), "{why}");
    let listed: Value = get_json(&admin, api.url("/restrictions")).await;
    assert_eq!(listed, json!([]), "all or none");

    let measure = "Council Decision (CFSP) 2099/1";
    let added = admin
        .post(api.url("/restrictions"))
        .json(&json!([{"partner": "SGP", "source": measure,
                       "scope": "training_and_exercises", "start": today().to_string()}]))
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), StatusCode::CREATED);

    let training = planned(
        api,
        activity("Course", "training", &in_days(30), &in_days(31)),
    )
    .await;
    let dialogue = planned(
        api,
        activity(
            "Chiefs' dialogue",
            "high_level_engagement",
            &in_days(30),
            &in_days(30),
        ),
    )
    .await;
    for url in [&training, &dialogue] {
        concur_all(api, url).await;
    }
    let approver = api.client("approver").await;
    let refused = approval_refused(&approver, &training).await;
    assert!(refused.iter().any(|r| r.contains(measure)), "{refused:?}");
    let view = coordination(&approver, &dialogue).await;
    assert!(
        view["approval"]["warnings"][0]
            .as_str()
            .unwrap()
            .contains(measure)
    );
    move_to(&approver, &dialogue, "approved", StatusCode::OK).await;
}

async fn an_administrator_edits_and_deletes_a_restriction_with_its_trail(api: &Api) {
    let admin = api.client("admin").await;
    let added = admin
        .post(api.url("/restrictions"))
        .json(
            &json!([{"partner": "SGP", "source": "Decision 1/2027", "scope": "equipment",
                       "start": "2027-01-01"}]),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), StatusCode::CREATED);
    let id = added.json::<Value>().await.unwrap()[0].as_i64().unwrap();
    let url = api.url(&format!("/restrictions/{id}"));
    let edit = |client: Client, body: Value| {
        let url = url.clone();
        async move { put_json(&client, url, &body).await }
    };

    let planner = api.client("planner").await;
    let changed = json!({"partner": "SGP", "source": "Decision 1/2027 as amended",
                         "scope": "all_engagement", "start": "2027-01-01", "end": "2027-06-30"});
    let refused = edit(planner.clone(), changed.clone()).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let backwards = json!({"partner": "XXX", "source": "Decision 1/2027", "scope": "equipment",
                           "start": "2027-01-01", "end": "2026-01-01"});
    let bad = edit(admin.clone(), backwards).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let reasons = problem(bad).await["errors"].to_string();
    assert!(
        reasons.contains(&format!("restriction {id}: end:")) && reasons.contains("XXX"),
        "both reasons: {reasons}"
    );
    let done = edit(admin.clone(), changed.clone()).await;
    assert_eq!(done.status(), StatusCode::OK);
    assert_eq!(
        done.json::<Value>().await.unwrap()["scope"],
        "all_engagement"
    );
    let listed: Value = get_json(&admin, api.url("/restrictions")).await;
    assert_eq!(listed[0]["source"], "Decision 1/2027 as amended");
    assert_eq!(listed[0]["end"], "2027-06-30");

    assert_eq!(
        planner.delete(&url).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        admin.delete(&url).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        admin.delete(&url).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let missing = edit(admin.clone(), changed).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);

    let trail: Value = get_json(&admin, api.url(&format!("/audit?record=restriction/{id}"))).await;
    let text = trail.to_string();
    for said in ["\"update\"", "\"delete\"", "as amended"] {
        assert!(text.contains(said), "{said} audited: {text}");
    }
}

async fn an_aircraft_needs_the_overflight_clearance_of_each_state_it_crosses(api: &Api) {
    // Singapore wants five days for a landing; Malaysia twenty for an overflight.
    let admin = api.client("admin").await;
    for (code, times) in [
        (
            "SGP",
            json!({"warship_visit": 30, "aircraft_landing": 5, "overflight": 5}),
        ),
        (
            "MYS",
            json!({"warship_visit": 30, "aircraft_landing": 14, "overflight": 20}),
        ),
    ] {
        set_lead_times(api, &admin, code, times).await;
    }
    let start = in_days(10);
    let url = planned(
        api,
        activity("Transport flight", "aircraft_visit", &start, &start),
    )
    .await;
    let planner = api.client("planner").await;
    let put = |body: Value| {
        let (planner, url) = (planner.clone(), format!("{url}/clearances"));
        async move { put_json(&planner, url, &body).await }
    };
    let asked = |partner: &str, kind: &str, status: &str| {
        let mut body = json!({"partner": partner, "kind": kind, "status": status,
                              "requested_on": today().to_string()});
        if status == "granted" {
            body["granted_on"] = json!(today().to_string());
        }
        body
    };
    let landing = put(asked("SGP", "aircraft_landing", "granted")).await;
    assert_eq!(landing.status(), StatusCode::OK);
    assert_eq!(
        coordination(&planner, &url).await["clearances"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // The route crosses Malaysia: its overflight is needed, by its own lead time, and late.
    let overflight = put(asked("MYS", "overflight", "requested")).await;
    assert_eq!(overflight.status(), StatusCode::OK);
    let view: Value = overflight.json().await.unwrap();
    let cases = view["clearances"].as_array().unwrap();
    assert_eq!(cases.len(), 2, "{cases:?}");
    assert_eq!(cases[1]["partner"], "MYS");
    assert_eq!(cases[1]["kind"], "overflight");
    assert_eq!(
        cases[1]["deadline"],
        today().checked_sub_days(Days::new(10)).unwrap().to_string()
    );
    let at_risk: Value = get_json(&planner, api.url("/clearances/at-risk")).await;
    let id = view["activity"].clone();
    let listed: Vec<&Value> = at_risk
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["activity"] == id)
        .collect();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["partner"], "MYS");
    assert!(
        listed[0]["risk"]
            .as_str()
            .unwrap()
            .contains("overflight clearance from MYS")
    );

    // A landing is the host's; our own airspace and a ship's overflight are refused.
    for (body, field) in [
        (asked("MYS", "aircraft_landing", "requested"), "partner"),
        (asked("GBR", "overflight", "requested"), "partner"),
        (asked("SGP", "warship_visit", "requested"), "kind"),
    ] {
        let refused = put(body.clone()).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(
            problem(refused).await["errors"][0]["field"],
            field,
            "{body}"
        );
    }

    let granted = put(asked("MYS", "overflight", "granted")).await;
    let view: Value = granted.json().await.unwrap();
    assert!(
        view["clearances"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["risk"].is_null())
    );
}

async fn an_approved_activity_changed_in_substance_goes_back_to_planned(api: &Api) {
    let start = in_days(40);
    let talks = activity("Navy staff talks", "staff_talks", &start, &start);
    let url = planned(api, talks.clone()).await;
    concur_all(api, &url).await;
    let approver = api.client("approver").await;
    move_to(&approver, &url, "approved", StatusCode::OK).await;
    let planner = api.client("planner").await;
    let read = get(&planner, &url).await;
    let tag = read.headers()["etag"].to_str().unwrap().to_owned();
    let mut moved = talks.clone();
    moved["start_date"] = json!(in_days(47));
    moved["end_date"] = json!(in_days(47));
    let put = put_if_match(&planner, &url, &tag, &moved).await;
    assert_eq!(put.status(), StatusCode::OK);
    let shown: Value = put.json().await.unwrap();
    assert_eq!(
        shown["record"]["status"], "planned",
        "the approval was of other dates"
    );
    let id = shown["meta"]["id"].as_i64().unwrap();
    let trail: Value = get_json(&approver, api.url(&format!("/audit?record=activity/{id}"))).await;
    let last = trail.as_array().unwrap().last().unwrap().clone();
    let status = |side: &str| -> Value {
        serde_json::from_str::<Value>(last[side].as_str().unwrap()).unwrap()["status"].clone()
    };
    assert_eq!(
        (status("before"), status("after")),
        (json!("approved"), json!("planned"))
    );
    // The approvers see it again, and approve it once the ministries concur anew.
    let refused = approval_refused(&approver, &url).await;
    assert!(refused[0].contains("foreign ministry"), "{refused:?}");
    concur_all(api, &url).await;
    move_to(&approver, &url, "approved", StatusCode::OK).await;
}

async fn whoever_proposed_or_changed_an_activity_does_not_approve_it(api: &Api) {
    let admin = api.client("admin").await;
    let both = json!({"name": "p.and.a", "nation": "GBR", "clearance": "secret",
                      "roles": ["planner", "approver"], "password": support::PASSWORD});
    let added = admin
        .post(api.url("/users"))
        .json(&both)
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), StatusCode::CREATED);
    let own = api.client("p.and.a").await;
    let start = in_days(40);
    let id = api
        .create_activity(&own, &activity("Own talks", "staff_talks", &start, &start))
        .await;
    let url = api.url(&format!("/activities/{id}"));
    move_to(&own, &url, "planned", StatusCode::OK).await;
    concur_all(api, &url).await;
    let refused = approval_refused(&own, &url).await;
    assert!(refused[0].contains("separation of duties"), "{refused:?}");

    // One who changed it does not approve it either; another approver does.
    let other = api.url(&format!(
        "/activities/{}",
        api.create_activity(
            &api.client("planner").await,
            &activity("Talks", "staff_talks", &start, &start)
        )
        .await
    ));
    move_to(&own, &other, "planned", StatusCode::OK).await;
    let tag = get(&own, &other).await.headers()["etag"]
        .to_str()
        .unwrap()
        .to_owned();
    let mut renamed = activity("Talks, renamed", "staff_talks", &start, &start);
    renamed["status"] = json!("planned");
    assert_eq!(
        put_if_match(&own, &other, &tag, &renamed).await.status(),
        StatusCode::OK
    );
    concur_all(api, &other).await;
    let refused = approval_refused(&own, &other).await;
    assert!(
        refused[0].contains("you proposed or changed"),
        "{refused:?}"
    );
    move_to(
        &api.client("approver").await,
        &other,
        "approved",
        StatusCode::OK,
    )
    .await;
}
