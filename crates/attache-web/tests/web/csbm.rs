//! `/api/v1/csbm` end to end, on SQLite and PostgreSQL: a CSBM officer declares activities,
//! bad input is refused naming the field, the year's check cites paragraphs, labels hide
//! what a reader may not see, and the notification comes as JSON.

use crate::support;

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use support::{Api, get, get_json, post_json};

on_each_server!(
    a_csbm_officer_declares_and_checks_a_year,
    air_base_visits_set_the_next_deadline,
    documents_come_as_json_html_and_pdf
);

async fn a_csbm_officer_declares_and_checks_a_year(api: &Api) {
    let admin = api.client("admin").await;
    let csbm = api
        .add_account(&admin, "officer", "secret", "csbm_officer")
        .await;

    // Near the threshold, notified in time: numbers and booleans are accepted as JSON.
    let near = json!({"reference": "NEAR-1", "name": "Just under", "kind": "land_exercise",
        "start_date": "2027-05-01", "end_date": "2027-05-05", "host": "GBR",
        "participants": ["GBR", "FRA"], "troops": 8_999, "alert": false,
        "notified_on": "2027-03-01", "calendared_on": "2026-11-01"});
    let made = post_json(&csbm, api.url("/csbm/activities"), &near).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    assert_eq!(made["evaluation"]["notifiable"], false);
    assert_eq!(made["evaluation"]["near_threshold"], true);

    // Notified late, and secret: only those cleared see it.
    let late = json!({"reference": "LATE-1", "name": "Late", "kind": "land_exercise",
        "start_date": "2027-06-10", "end_date": "2027-06-20", "host": "GBR", "troops": "14000",
        "notified_on": "2027-05-20", "calendared_on": "2026-11-01", "classification": "secret"});
    let made = post_json(&csbm, api.url("/csbm/activities"), &late).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let late_id = made.json::<Value>().await.unwrap()["id"].as_i64().unwrap();

    // Bad input: each broken rule named with its field.
    let bad = json!({"reference": "BAD-1", "name": "Bad", "kind": "land_exercise",
        "start_date": "2027-06-10", "end_date": "2027-06-01", "host": "USA", "troops": -1});
    let refused = post_json(&csbm, api.url("/csbm/activities"), &bad).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = refused.text().await.unwrap();
    for field in ["end_date", "host", "troops"] {
        assert!(text.contains(field), "{field} in {text}");
    }
    // A viewer may read but not declare.
    let viewer = api.client("viewer").await;
    let forbidden = post_json(&viewer, api.url("/csbm/activities"), &near).await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);

    // The year: the late notification with its paragraph.
    let report: Value = get_json(&csbm, api.url("/csbm/check?year=2027&today=2027-12-31")).await;
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
    let seen: Value = get_json(&viewer, api.url("/csbm/check?year=2027&today=2027-12-31")).await;
    assert_eq!(seen["activities"].as_array().unwrap().len(), 1);
    assert!(!seen.to_string().contains("LATE-1"));
    let hidden = get(
        &viewer,
        api.url(&format!("/csbm/activities/{late_id}/notification")),
    )
    .await;
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);

    // The notification, for one cleared.
    let doc: Value = get_json(
        &csbm,
        api.url(&format!("/csbm/activities/{late_id}/notification")),
    )
    .await;
    assert_eq!(
        (doc["notifying_state"].as_str(), doc["observable"].as_bool()),
        (Some("GBR"), Some(true))
    );

    // An unknown query parameter is refused, not ignored.
    let typo = get(&csbm, api.url("/csbm/activities?yaer=2027")).await;
    assert_eq!(typo.status(), StatusCode::BAD_REQUEST);
    // A year out of range is refused, naming the field, not a server error.
    for year in ["-2147483648", "2147483647", "0"] {
        let odd = get(&csbm, api.url(&format!("/csbm/check?year={year}"))).await;
        assert_eq!(odd.status(), StatusCode::UNPROCESSABLE_ENTITY, "{year}");
        assert!(odd.text().await.unwrap().contains("year"));
    }
}

/// The air base visit deadline (20, 23) of a year's check, if it falls in its horizon.
async fn air_base_deadline(api: &Api, client: &Client, today: &str) -> Option<Value> {
    let report: Value = get_json(
        client,
        api.url(&format!("/csbm/check?year=2028&today={today}")),
    )
    .await;
    report["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["paragraph"] == "20, 23")
        .cloned()
}

async fn air_base_visits_set_the_next_deadline(api: &Api) {
    let admin = api.client("admin").await;
    let csbm = api
        .add_account(&admin, "officer", "secret", "csbm_officer")
        .await;
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
    let listed: Value = get_json(&viewer, api.url("/csbm/air-base-visits")).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["date"], "2019-06-04");
    let all: Value = get_json(&csbm, api.url("/csbm/air-base-visits")).await;
    assert_eq!(all[0]["date"], "2023-05-10", "latest first");

    // Refused: a reader may not record; bad input names its fields; unknown fields too.
    let forbidden = post_json(
        &viewer,
        api.url("/csbm/air-base-visits"),
        &json!({"host": "GBR", "air_base": "RAF Marham", "date": "2027-01-01"}),
    )
    .await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    let bad = post_json(
        &csbm,
        api.url("/csbm/air-base-visits"),
        &json!({"host": "CHN", "air_base": "", "date": "2027-02-30"}),
    )
    .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = bad.text().await.unwrap();
    for field in ["host", "air_base", "date"] {
        assert!(text.contains(field), "{field} in {text}");
    }
    let unknown = post_json(
        &csbm,
        api.url("/csbm/air-base-visits"),
        &json!({"host": "GBR", "air_base": "RAF Marham", "date": "2027-01-01", "runway": 2}),
    )
    .await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    assert!(unknown.text().await.unwrap().contains("runway"));
}

/// The type of an answer, without its parameters.
fn media_type(response: &reqwest::Response) -> String {
    let value = response.headers()["content-type"].to_str().unwrap();
    value.split(';').next().unwrap().trim().to_owned()
}

async fn documents_come_as_json_html_and_pdf(api: &Api) {
    let admin = api.client("admin").await;
    let csbm = api
        .add_account(&admin, "officer", "secret", "csbm_officer")
        .await;
    let body = json!({"reference": "DOC-1", "name": "Iron Column", "kind": "land_exercise",
        "start_date": "2027-09-10", "end_date": "2027-09-20", "host": "GBR", "troops": 14_000,
        "battle_tanks": 120, "area": "Salisbury Plain"});
    let made: Value = post_json(&csbm, api.url("/csbm/activities"), &body)
        .await
        .json()
        .await
        .unwrap();
    let id = made["id"].as_i64().unwrap();
    let notification = format!("/csbm/activities/{id}/notification");

    for (path, words) in [
        (notification.as_str(), ["Notifying State", "DOC-1"]),
        ("/csbm/calendar?year=2027", ["Annual calendar", "DOC-1"]),
    ] {
        let join = if path.contains('?') { '&' } else { '?' };
        // JSON, the default, and asked for.
        for asked in ["", "json"] {
            let url = match asked {
                "" => api.url(path),
                f => api.url(&format!("{path}{join}format={f}")),
            };
            let answer = get(&csbm, url).await;
            assert_eq!(answer.status(), StatusCode::OK, "{path} {asked}");
            assert_eq!(media_type(&answer), "application/json");
            assert!(answer.text().await.unwrap().contains("DOC-1"));
        }
        let html = get(&csbm, api.url(&format!("{path}{join}format=html"))).await;
        assert_eq!(html.status(), StatusCode::OK);
        assert_eq!(media_type(&html), "text/html");
        let page = html.text().await.unwrap();
        for w in words {
            assert!(page.contains(w), "{w} in {path} as HTML");
        }
        let pdf = get(&csbm, api.url(&format!("{path}{join}format=pdf"))).await;
        assert_eq!(pdf.status(), StatusCode::OK);
        assert_eq!(media_type(&pdf), "application/pdf");
        assert!(
            pdf.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .ends_with(".pdf\""),
        );
        let bytes = pdf.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{path} as PDF");
        let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(32)..]).into_owned();
        assert!(tail.contains("%%EOF"), "a whole PDF: {tail}");
        // An unknown format is refused, naming the parameter.
        let odd = get(&csbm, api.url(&format!("{path}{join}format=docx"))).await;
        assert_eq!(odd.status(), StatusCode::BAD_REQUEST);
        assert!(odd.text().await.unwrap().contains("format"));
    }

    // Labels hold in every format: a reader without the clearance gets no secret entry.
    let secret = json!({"reference": "DOC-S", "name": "Grey Shore", "kind": "amphibious_landing",
        "start_date": "2027-10-01", "end_date": "2027-10-02", "host": "GBR", "troops": 3_600,
        "classification": "secret"});
    let made = post_json(&csbm, api.url("/csbm/activities"), &secret).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let viewer = api.client("viewer").await;
    let page = get(&viewer, api.url("/csbm/calendar?year=2027&format=html"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("DOC-1") && !page.contains("DOC-S"), "{page}");
    let out_of_range = get(&csbm, api.url("/csbm/calendar?year=0&format=pdf")).await;
    assert_eq!(out_of_range.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // The document describes the three types of both documents.
    let doc: Value = get_json(&csbm, api.url("/openapi.json")).await;
    for path in [
        "/api/v1/csbm/activities/{id}/notification",
        "/api/v1/csbm/calendar",
    ] {
        let content = &doc["paths"][path]["get"]["responses"]["200"]["content"];
        for media in ["application/json", "text/html", "application/pdf"] {
            assert!(content.get(media).is_some(), "{path} {media}: {content}");
        }
    }
}
