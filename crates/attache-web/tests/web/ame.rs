//! Assessment, monitoring and evaluation over HTTP, on both databases: an assessment needs
//! its outcome rating, readings are recorded and read under their objective's label, and
//! the roll-up counts only what the reader may see and carries its classification.

use crate::support;

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use support::{Api, errors, get_json, problem};

on_each_server!(assessments_readings_and_the_roll_up_keep_to_what_the_reader_may_see);

fn objective(code: &str, classification: &str) -> Value {
    json!({"code": code, "title": format!("Objective {code}"), "aim": "build_trust",
        "partner": "SGP", "indicators": [{"name": "Port visits", "baseline": 2, "target": 6}],
        "label": {"classification": classification, "releasable_to": []}})
}

/// An activity serving SGP-TRUST, completed through approval; gives its id.
async fn completed(
    api: &Api,
    planner: &Client,
    approver: &Client,
    title: &str,
    classification: &str,
) -> String {
    let body = json!({"title": title, "category": "staff_talks",
        "start_date": "2025-03-14", "end_date": "2025-03-15", "host": "SGP",
        "participants": ["GBR"], "objectives": ["SGP-TRUST"], "classification": classification});
    let id = api.create_activity(planner, &body).await;
    api.complete(planner, approver, id).await;
    id.to_string()
}

async fn move_to(api: &Api, who: &Client, id: &str, body: Value) -> reqwest::Response {
    who.post(api.url(&format!("/activities/{id}/transition")))
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn rollup(api: &Api, who: &Client, query: &str) -> (String, Value) {
    let answer = who
        .get(api.url(&format!("/ame{query}")))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK, "{query}");
    let header = answer.headers()["x-classification"]
        .to_str()
        .unwrap()
        .to_owned();
    let body: Value = answer.json().await.unwrap();
    assert_eq!(body["classification"], header.as_str());
    (header, body)
}

fn objective_of<'a>(rollup: &'a Value, code: &str) -> Option<&'a Value> {
    rollup["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["code"] == code)
}

async fn assessments_readings_and_the_roll_up_keep_to_what_the_reader_may_see(api: &Api) {
    let admin = api.client("admin").await;
    let planner = api.client("planner").await; // secret
    let approver = api.client("approver").await;
    let analyst = api.client("analyst").await; // official only
    for (code, classification) in [("SGP-TRUST", "official"), ("SGP-QUIET", "secret")] {
        let made = admin
            .post(api.url("/objectives"))
            .json(&objective(code, classification))
            .send()
            .await
            .unwrap();
        assert_eq!(made.status(), StatusCode::CREATED, "{code}");
    }
    let open = completed(api, &planner, &approver, "Staff talks", "official").await;
    let quiet = completed(api, &planner, &approver, "Quiet talks", "secret").await;

    // The move to assessed needs a rating from the scale, and only that move takes one.
    let bare = move_to(api, &planner, &open, json!({"to": "assessed"})).await;
    assert_eq!(bare.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = problem(bare).await;
    assert_eq!(body["errors"][0]["field"], "rating", "{body}");
    let bad = move_to(
        api,
        &planner,
        &open,
        json!({"to": "assessed", "rating": "great"}),
    )
    .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let stray = move_to(
        api,
        &planner,
        &open,
        json!({"to": "cancelled", "rating": "met"}),
    )
    .await;
    assert_eq!(stray.status(), StatusCode::UNPROCESSABLE_ENTITY);
    for (id, rating) in [(&open, "met"), (&quiet, "not_met")] {
        let rated = move_to(
            api,
            &planner,
            id,
            json!({"to": "assessed", "rating": rating}),
        )
        .await;
        assert_eq!(rated.status(), StatusCode::OK);
        let moved: Value = rated.json().await.unwrap();
        assert_eq!(moved["record"]["status"], "assessed");
    }

    // Readings: recorded by an analyst under the objective's label, newest first.
    for (value, on) in [(3, "2025-06-01"), (4, "2025-09-01")] {
        let reading = json!({"indicator": "Port visits", "value": value, "measured_on": on});
        let added = analyst
            .post(api.url("/objectives/SGP-TRUST/readings"))
            .json(&reading)
            .send()
            .await
            .unwrap();
        assert_eq!(added.status(), StatusCode::CREATED);
    }
    let hidden = json!({"indicator": "Port visits", "value": 5, "measured_on": "2025-09-01"});
    let refused = analyst
        .post(api.url("/objectives/SGP-QUIET/readings"))
        .json(&hidden)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let unknown = json!({"indicator": "Visits", "value": 5, "measured_on": "2025-09-01"});
    let wrong = analyst
        .post(api.url("/objectives/SGP-TRUST/readings"))
        .json(&unknown)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem(wrong).await["errors"][0]["field"], "indicator");
    let readings: Value = get_json(&analyst, api.url("/objectives/SGP-TRUST/readings")).await;
    assert_eq!(readings[0]["value"], 4.0);
    assert_eq!(readings.as_array().unwrap().len(), 2);

    // The official analyst: the official objective and rating only.
    let (classification, seen) = rollup(api, &analyst, "?partner=SGP").await;
    assert_eq!(classification, "official");
    assert!(objective_of(&seen, "SGP-QUIET").is_none());
    let trust = objective_of(&seen, "SGP-TRUST").unwrap();
    assert_eq!(trust["indicators"][0]["current"], 4.0);
    assert_eq!(trust["indicators"][0]["progress"], 0.5);
    assert_eq!(
        trust["summary"]["ratings"],
        json!({"not_met": 0, "partly_met": 0, "met": 1, "exceeded": 0})
    );
    assert_eq!(trust["summary"]["mean_rating"], 3.0);
    let aims = seen["aims"].as_array().unwrap();
    assert_eq!(aims.len(), 6);
    let build_trust = aims.iter().find(|a| a["aim"] == "build_trust").unwrap();
    assert_eq!(build_trust["summary"]["ratings"]["met"], 1);

    // The planner, cleared for secret, sees the secret rating and objective too.
    let (classification, seen) = rollup(api, &planner, "?aim=build_trust").await;
    assert_eq!(classification, "secret");
    assert!(objective_of(&seen, "SGP-QUIET").is_some());
    let trust = objective_of(&seen, "SGP-TRUST").unwrap();
    assert_eq!(trust["summary"]["mean_rating"], 2.0);
    let sgp = &seen["partners"][0];
    assert_eq!(
        (
            sgp["partner"].as_str(),
            sgp["summary"]["objectives"].as_u64()
        ),
        (Some("SGP"), Some(2))
    );

    let bad = analyst
        .get(api.url("/ame?aim=peace&partner=sgp!"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert_eq!(errors(bad, "field").await, ["partner", "aim"]);
}
