//! What every page carries: the security headers on every answer.

use crate::support::{self, get_json};
use serde_json::Value;
use support::Api;

#[tokio::test]
async fn every_page_answer_carries_the_security_headers() {
    let api = Api::on_sqlite().await;
    let root = api.base.trim_end_matches("/api/v1").to_owned();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for path in ["/login", "/activities", "/assets/attache.css"] {
        let response = client.get(format!("{root}{path}")).send().await.unwrap();
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap();
        assert!(csp.starts_with("default-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    }
    // Not signed in: sent to sign in, and back afterwards.
    let response = client
        .get(format!("{root}/activities?q=x"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        "/login?next=%2Factivities%3Fq%3Dx"
    );
    // A form without its token is refused, and changes nothing.
    let signed = api.client("planner").await;
    let refused = signed
        .post(format!("{root}/activities"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("title=forged&csrf=not-the-token")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    let count: Value = get_json(&signed, api.url("/activities/count")).await;
    assert_eq!(count["count"], 0);
}
