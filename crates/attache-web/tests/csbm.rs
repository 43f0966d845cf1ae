//! `/api/v1/csbm` end to end, on SQLite and PostgreSQL: a CSBM officer declares activities,
//! bad input is refused naming the field, the year's check cites paragraphs, labels hide
//! what a reader may not see, and the notification comes as JSON.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use support::Api;

on_each_backend!(
    a_csbm_officer_declares_and_checks_a_year,
    air_base_visits_set_the_next_deadline
);

async fn officer(api: &Api, admin: &Client, name: &str, clearance: &str) -> Client {
    let account = json!({"name": name, "nation": "GBR", "clearance": clearance,
                         "roles": ["csbm_officer"], "password": support::PASSWORD});
    let added = admin
        .post(api.url("/users"))
        .json(&account)
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), StatusCode::CREATED);
    api.client(name).await
}

async fn a_csbm_officer_declares_and_checks_a_year(api: &Api) {
    let admin = api.client("admin").await;
    let csbm = officer(api, &admin, "officer", "secret").await;

    // Near the threshold, notified in time: numbers and booleans are accepted as JSON.
    let near = json!({"reference": "NEAR-1", "name": "Just under", "kind": "land_exercise",
        "start_date": "2027-05-01", "end_date": "2027-05-05", "host": "GBR",
        "participants": ["GBR", "FRA"], "troops": 8_999, "alert": false,
        "notified_on": "2027-03-01", "calendared_on": "2026-11-01"});
    let made = csbm
        .post(api.url("/csbm/activities"))
        .json(&near)
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    assert_eq!(made["evaluation"]["notifiable"], false);
    assert_eq!(made["evaluation"]["near_threshold"], true);

    // Notified late, and secret: only those cleared see it.
    let late = json!({"reference": "LATE-1", "name": "Late", "kind": "land_exercise",
        "start_date": "2027-06-10", "end_date": "2027-06-20", "host": "GBR", "troops": "14000",
        "notified_on": "2027-05-20", "calendared_on": "2026-11-01", "classification": "secret"});
    let made = csbm
        .post(api.url("/csbm/activities"))
        .json(&late)
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), StatusCode::CREATED);
    let late_id = made.json::<Value>().await.unwrap()["id"].as_i64().unwrap();

    // Bad input: each broken rule named with its field.
    let bad = json!({"reference": "BAD-1", "name": "Bad", "kind": "land_exercise",
        "start_date": "2027-06-10", "end_date": "2027-06-01", "host": "USA", "troops": -1});
    let refused = csbm
        .post(api.url("/csbm/activities"))
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = refused.text().await.unwrap();
    for field in ["end_date", "host", "troops"] {
        assert!(text.contains(field), "{field} in {text}");
    }
    // A viewer may read but not declare.
    let viewer = api.client("viewer").await;
    let forbidden = viewer
        .post(api.url("/csbm/activities"))
        .json(&near)
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);

    // The year: the late notification with its paragraph.
    let report: Value = csbm
        .get(api.url("/csbm/check?year=2027&today=2027-12-31"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let late_finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["activities"][0] == "LATE-1")
        .unwrap();
    assert_eq!(
        (
            late_finding["severity"].as_str(),
            late_finding["paragraph"].as_str()
        ),
        (Some("late"), Some("38"))
    );
    assert_eq!(report["activities"].as_array().unwrap().len(), 2);

    // The viewer (official clearance) sees neither the secret activity nor its finding.
    let seen: Value = viewer
        .get(api.url("/csbm/check?year=2027&today=2027-12-31"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(seen["activities"].as_array().unwrap().len(), 1);
    assert!(!seen.to_string().contains("LATE-1"));
    let hidden = viewer
        .get(api.url(&format!("/csbm/activities/{late_id}/notification")))
        .send()
        .await
        .unwrap();
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);

    // The notification, for one cleared.
    let doc: Value = csbm
        .get(api.url(&format!("/csbm/activities/{late_id}/notification")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (doc["notifying_state"].as_str(), doc["observable"].as_bool()),
        (Some("GBR"), Some(true))
    );

    // An unknown query parameter is refused, not ignored.
    let typo = csbm
        .get(api.url("/csbm/activities?yaer=2027"))
        .send()
        .await
        .unwrap();
    assert_eq!(typo.status(), StatusCode::BAD_REQUEST);
    // A year out of range is refused, naming the field, not a server error.
    for year in ["-2147483648", "2147483647", "0"] {
        let odd = csbm
            .get(api.url(&format!("/csbm/check?year={year}")))
            .send()
            .await
            .unwrap();
        assert_eq!(odd.status(), StatusCode::UNPROCESSABLE_ENTITY, "{year}");
        assert!(odd.text().await.unwrap().contains("year"));
    }
}

/// The air base visit deadline (20, 23) of a year's check, if it falls in its horizon.
async fn air_base_deadline(api: &Api, client: &Client, today: &str) -> Option<Value> {
    let report: Value = client
        .get(api.url(&format!("/csbm/check?year=2028&today={today}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    report["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["paragraph"] == "20, 23")
        .cloned()
}

async fn air_base_visits_set_the_next_deadline(api: &Api) {
    let admin = api.client("admin").await;
    let csbm = officer(api, &admin, "officer", "secret").await;
    let none = air_base_deadline(api, &csbm, "2028-12-01").await.unwrap();
    assert_eq!(none["due"], "2028-12-31");
    assert!(none["what"].as_str().unwrap().contains("none recorded"));

    // Our nation's visits (GBR), an earlier open one and a later secret one.
    for (on, classification) in [("2019-06-04", "official"), ("2023-05-10", "secret")] {
        let made = csbm
            .post(api.url("/csbm/air-base-visits"))
            .json(
                &json!({"host": "GBR", "air_base": format!("RAF Coningsby {on}"),
                          "date": on, "classification": classification}),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(made.status(), StatusCode::CREATED);
        let made: Value = made.json().await.unwrap();
        assert!(made["id"].as_i64().is_some());
        assert_eq!(made["date"], on);
    }
    // The deadline reads from the last visit the reader may see.
    let due = air_base_deadline(api, &csbm, "2028-12-01").await.unwrap();
    assert_eq!(due["due"], "2028-12-31");
    assert!(
        due["what"].as_str().unwrap().contains("2023-05-10"),
        "{due}"
    );
    let viewer = api.client("viewer").await;
    // An official reader sees the 2019 visit only, whose period ended in 2024: due now.
    let seen = air_base_deadline(api, &viewer, "2028-12-01").await.unwrap();
    let what = seen["what"].as_str().unwrap();
    assert!(
        what.contains("2019-06-04") && what.contains("more than 5 years ago"),
        "{what}"
    );
    assert!(!seen.to_string().contains("2023-05-10"));
    let listed: Value = viewer
        .get(api.url("/csbm/air-base-visits"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["date"], "2019-06-04");
    let all: Value = csbm
        .get(api.url("/csbm/air-base-visits"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(all[0]["date"], "2023-05-10", "latest first");

    // Refused: a reader may not record; bad input names its fields; unknown fields too.
    let forbidden = viewer
        .post(api.url("/csbm/air-base-visits"))
        .json(&json!({"host": "GBR", "air_base": "RAF Marham", "date": "2027-01-01"}))
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    let bad = csbm
        .post(api.url("/csbm/air-base-visits"))
        .json(&json!({"host": "CHN", "air_base": "", "date": "2027-02-30"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = bad.text().await.unwrap();
    for field in ["host", "air_base", "date"] {
        assert!(text.contains(field), "{field} in {text}");
    }
    let unknown = csbm
        .post(api.url("/csbm/air-base-visits"))
        .json(&json!({"host": "GBR", "air_base": "RAF Marham", "date": "2027-01-01", "runway": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    assert!(unknown.text().await.unwrap().contains("runway"));
}
