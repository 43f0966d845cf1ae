//! The audit view over real HTTP: only what the reader may see.

use crate::support;

use reqwest::StatusCode;
use serde_json::Value;
use support::{Api, get, get_json, problem, talks};

on_each_server!(the_audit_view_shows_only_what_the_reader_may_see,);

async fn the_audit_view_shows_only_what_the_reader_may_see(api: &Api) {
    let planner = api.client("planner").await;
    let id = api
        .create_activity(&planner, &talks("Secret talks", "secret"))
        .await;
    let record = format!("/audit?record=activity/{id}");
    // The planner may not read the audit trail at all; an approver cleared for secret may.
    let refused = get(&planner, api.url(&record)).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let approver = api.client("approver").await;
    let history: Value = get_json(&approver, api.url(&record)).await;
    assert_eq!(history.as_array().unwrap().len(), 1);
    assert!(
        history[0]["after"]
            .as_str()
            .unwrap()
            .contains("Secret talks")
    );
    let bad = get(&approver, api.url("/audit?record=activity")).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert_eq!(problem(bad).await["errors"][0]["field"], "record");
}
