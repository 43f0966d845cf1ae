//! The analytics over HTTP: measures count only engagement that took place and only what
//! the reader may see, carry the classification of what they count, come as JSON or CSV,
//! and the activities with coordinates come as GeoJSON.

use crate::support;

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use support::{Api, errors, get, problem};

on_each_server!(measures_count_what_took_place_and_what_the_reader_may_see);

/// Creates an activity as the planner and, when `completed`, takes it through approval.
async fn activity(api: &Api, planner: &Client, approver: &Client, body: Value, completed: bool) {
    let id = api.create_activity(planner, &body).await;
    if completed {
        api.complete(planner, approver, id).await;
    }
}

/// The rows of a JSON measure, checking the header and body agree on the classification.
async fn rows(client: &Client, api: &Api, path: &str, classification: &str) -> Vec<Value> {
    let answer = get(client, api.url(path)).await;
    assert_eq!(answer.status(), StatusCode::OK, "{path}");
    assert_eq!(
        answer.headers()["x-classification"],
        classification,
        "{path}"
    );
    let table: Value = answer.json().await.unwrap();
    assert_eq!(table["classification"], classification, "{path}");
    table["rows"].as_array().unwrap().clone()
}

async fn measures_count_what_took_place_and_what_the_reader_may_see(api: &Api) {
    let planner = api.client("planner").await; // cleared for secret
    let approver = api.client("approver").await;
    let analyst = api.client("analyst").await; // official only
    let talks = json!({"title": "Staff talks", "category": "staff_talks",
        "start_date": "2025-03-14", "end_date": "2025-03-15", "host": "SGP",
        "participants": ["GBR"], "location": "Changi", "latitude": "1.36",
        "longitude": "103.99", "classification": "official"});
    let exercise = json!({"title": "Exercise", "category": "exercise",
        "start_date": "2025-05-01", "end_date": "2025-05-09", "host": "SGP",
        "participants": ["GBR", "AUS"], "classification": "secret"});
    let proposed = json!({"title": "Talks to come", "category": "staff_talks",
        "start_date": "2025-06-01", "end_date": "2025-06-01", "host": "FRA",
        "participants": ["GBR"], "location": "Paris", "latitude": "48.85",
        "longitude": "2.35", "classification": "official"});
    activity(api, &planner, &approver, talks, true).await;
    activity(api, &planner, &approver, exercise, true).await;
    activity(api, &planner, &approver, proposed, false).await;

    // The analyst sees the official talks only; the proposed talks never count.
    let path = "/analytics/intensity?by=year";
    let seen = rows(&analyst, api, path, "official").await;
    assert_eq!(seen, [json!(["SGP", "2025", 1.0, 1])]);
    let seen = rows(&planner, api, path, "secret").await;
    assert_eq!(
        seen,
        [
            json!(["AUS", "2025", 3.0, 1]),
            json!(["SGP", "2025", 4.0, 2])
        ]
    );
    let pairs = rows(&planner, api, "/analytics/pairs?by=year", "secret").await;
    let names: Vec<String> = pairs
        .iter()
        .map(|r| format!("{}-{}", r[0].as_str().unwrap(), r[1].as_str().unwrap()))
        .collect();
    assert_eq!(names, ["AUS-GBR", "AUS-SGP", "GBR-SGP"]);
    let nodes = rows(&planner, api, "/analytics/nodes", "secret").await;
    let sgp = nodes.iter().find(|r| r[0] == "SGP").unwrap();
    // Linked to GBR (1 + 3) and AUS (3).
    assert_eq!((&sgp[1], &sgp[3]), (&json!(2), &json!(7.0)), "{sgp}");
    assert_eq!(
        rows(&analyst, api, "/analytics/links", "official")
            .await
            .len(),
        1
    );
    // Weights change with the query: outreach is absent, staff talks now weigh 2.
    let weighted = rows(
        &analyst,
        api,
        "/analytics/intensity?by=year&weights=staff_talks=2",
        "official",
    )
    .await;
    assert_eq!(weighted, [json!(["SGP", "2025", 2.0, 1])]);

    // CSV, with the classification in a header.
    let csv = get(
        &planner,
        api.url("/analytics/intensity?by=quarter&format=csv"),
    )
    .await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert_eq!(csv.headers()["x-classification"], "secret");
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = csv.text().await.unwrap();
    assert_eq!(
        text,
        "partner,period,intensity,activities\nAUS,2025-Q2,3.0,1\nSGP,2025-Q1,1.0,1\nSGP,2025-Q2,3.0,1\n"
    );

    // Warnings: SGP engaged in 2025-Q1 and Q2 (AUS in Q2) and neither in Q3.
    let flagged = |rows: Vec<Value>| -> Vec<String> {
        rows.iter()
            .map(|r| r[0].as_str().unwrap().to_owned())
            .collect()
    };
    let path = "/analytics/warnings?to=2025-09-30&window=2";
    assert_eq!(
        flagged(rows(&planner, api, path, "secret").await),
        ["AUS", "SGP"]
    );
    // The analyst sees SGP in Q1 only: too little to fall from over two quarters.
    assert!(rows(&analyst, api, path, "official").await.is_empty());
    let path = "/analytics/warnings?to=2025-06-30&window=1";
    assert_eq!(
        flagged(rows(&analyst, api, path, "official").await),
        ["SGP"]
    );

    // The map: the located activities the reader may see, counted or not.
    let map = get(&analyst, api.url("/map")).await;
    assert_eq!(map.status(), StatusCode::OK);
    assert_eq!(map.headers()["content-type"], "application/geo+json");
    let map: Value = map.json().await.unwrap();
    assert_eq!(map["type"], "FeatureCollection");
    let places: Vec<&str> = map["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["location"].as_str().unwrap())
        .collect();
    assert_eq!(places, ["Changi", "Paris"]);
    assert_eq!(
        map["features"][0]["geometry"]["coordinates"],
        json!([103.99, 1.36])
    );

    // Bad input is named; a role without Analyse is refused.
    let bad = get(
        &analyst,
        api.url("/analytics/intensity?by=week&from=yesterday"),
    )
    .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert_eq!(errors(bad, "field").await, ["by", "from"]);
    let unknown = get(&analyst, api.url("/analytics/gravity")).await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    assert!(
        problem(unknown).await["detail"]
            .as_str()
            .unwrap()
            .contains("not a measure")
    );
    let viewer = api.client("viewer").await;
    assert_eq!(
        get(&viewer, api.url("/analytics/intensity")).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get(&viewer, api.url("/map")).await.status(),
        StatusCode::FORBIDDEN
    );
}
