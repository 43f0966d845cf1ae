//! The reports over HTTP: a partner's brief and the annual report, as HTML (under a policy
//! that allows their own style only) and PDF, holding only what the reader may see under
//! the banner of the highest classification they include; and the categories measure.

use crate::support;

use chrono::{Datelike, Days};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use support::{Api, get};

on_each_server!(reports_hold_what_the_reader_may_see_under_its_banner);

/// A page's address: the API's base without `/api/v1`.
fn page(api: &Api, path: &str) -> String {
    format!("{}{path}", api.base.trim_end_matches("/api/v1"))
}

/// The HTML of a report, checking its classification and policy.
async fn html(client: &Client, url: &str, classification: &str) -> String {
    let answer = get(client, url).await;
    assert_eq!(answer.status(), StatusCode::OK, "{url}");
    let headers = answer.headers();
    assert_eq!(headers["x-classification"], classification, "{url}");
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let policy = headers["content-security-policy"].to_str().unwrap();
    assert!(
        policy.starts_with("default-src 'none'; style-src 'sha256-"),
        "{policy}"
    );
    answer.text().await.unwrap()
}

async fn reports_hold_what_the_reader_may_see_under_its_banner(api: &Api) {
    let planner = api.client("planner").await; // cleared for secret
    let analyst = api.client("analyst").await; // official only
    let viewer = api.client("viewer").await; // may read, not analyse
    let day = support::today().checked_sub_days(Days::new(40)).unwrap();
    let year = day.year();
    api.add_talks_and_a_secret_exercise(&planner, day).await;

    let brief = page(api, "/partners/SGP/report");
    let text = html(&analyst, &brief, "official").await;
    assert!(text.contains("<h1>Partner brief: Singapore (SGP)</h1>"));
    assert!(text.contains("Navy staff talks") && !text.contains("Kestrel"));
    assert_eq!(text.matches(">OFFICIAL</p>").count(), 2);
    let text = html(&planner, &brief, "secret").await;
    assert!(text.contains("Covert exercise Kestrel"));
    assert_eq!(text.matches(">SECRET</p>").count(), 2);

    let pdf = get(&planner, &format!("{brief}?format=pdf")).await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert_eq!(pdf.headers()["x-classification"], "secret");
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));

    let annual = page(api, &format!("/analytics/report?year={year}"));
    let text = html(&analyst, &annual, "official").await;
    assert!(text.contains(&format!("Annual defence engagement report {year}")));
    assert!(!text.contains("Kestrel") && !text.contains(">Exercise</td>"));
    let text = html(&planner, &annual, "secret").await;
    assert!(
        text.contains(">Exercise</td>"),
        "the secret exercise counted"
    );

    // Reports hold measures: a viewer may read records but gets none; bad input is named.
    assert_eq!(get(&viewer, &brief).await.status(), StatusCode::FORBIDDEN);
    let bad = get(&planner, &format!("{brief}?format=docx")).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("not a report format"));
    let bad = get(&planner, &page(api, "/analytics/report?year=soon")).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // The categories measure: per category and period, as the reader may see it.
    let table: Value = get(&analyst, &api.url("/analytics/categories?by=year"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(table["classification"], "official");
    assert_eq!(
        table["rows"],
        json!([["staff_talks", year.to_string(), 1.0, 1]])
    );
    let table: Value = get(&planner, &api.url("/analytics/categories?by=year"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(table["rows"].as_array().unwrap().len(), 2);
}
