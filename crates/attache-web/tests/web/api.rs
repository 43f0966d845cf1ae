//! The JSON API as a whole, over real HTTP: a server on an ephemeral port over a scratch
//! database (SQLite, then PostgreSQL when configured); its OpenAPI document, and unknown
//! addresses.

use crate::support;

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use support::{Api, get, get_json, post_json, problem, talks};

on_each_server!(
    the_openapi_document_describes_every_route_served,
    an_unknown_address_is_a_page_or_a_problem_by_where_it_is,
    every_api_answer_carries_the_security_headers,
    a_change_sent_as_anything_but_json_is_refused,
    a_cookie_change_from_another_site_is_refused,
);

async fn the_openapi_document_describes_every_route_served(api: &Api) {
    let doc: Value = get_json(&Client::new(), api.url("/openapi.json")).await;
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/v1/activities",
        "/api/v1/activities/{id}",
        "/api/v1/activities/{id}/transition",
        "/api/v1/session",
        "/api/v1/tokens",
        "/api/v1/tokens/{id}",
    ] {
        assert!(paths.contains_key(path), "{path} is described");
    }
    // Operation ids are unique, as OpenAPI requires.
    let mut ids: Vec<&str> = paths
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .filter_map(|op| op["operationId"].as_str())
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count);
    // An unknown method on a served path is a problem, like every error.
    let wrong = Client::new()
        .patch(api.url("/activities"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::METHOD_NOT_ALLOWED);
    problem(wrong).await;
}

async fn an_unknown_address_is_a_page_or_a_problem_by_where_it_is(api: &Api) {
    let site = api.base.trim_end_matches("/api/v1").to_owned();
    let planner = api.client("planner").await;
    for path in ["/no-such-page", "/partners/SGP/nothing", "/apix"] {
        let answer = get(&planner, format!("{site}{path}")).await;
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{path}");
        let headers = answer.headers().clone();
        assert!(
            headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
        assert!(
            headers["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("default-src 'self'"),
            "{path}"
        );
        let html = answer.text().await.unwrap();
        // The site's frame: its stylesheet and classification banner, and a way back.
        assert!(html.contains("<h1>Page not found</h1>"), "{path}: {html}");
        assert!(html.contains(r#"href="/assets/"#), "{path}");
        assert!(html.contains(r#"<a href="/">"#), "{path}");
        assert!(html.contains(r#"id="banner-top""#), "{path}");
    }
    for path in ["/api/v1/no-such-endpoint", "/api/v2/activities", "/api"] {
        let answer = get(&planner, format!("{site}{path}")).await;
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(problem(answer).await["title"], "Not found", "{path}");
    }
}

/// Not cached, not sniffed, not framed: an API answer, an error and a refusal alike.
async fn every_api_answer_carries_the_security_headers(api: &Api) {
    let planner = api.client("planner").await;
    for (what, answer) in [
        ("a list", get(&planner, api.url("/activities")).await),
        (
            "a refusal",
            get(&Client::new(), api.url("/activities")).await,
        ),
        (
            "a missing one",
            get(&planner, api.url("/activities/999999")).await,
        ),
        (
            "no endpoint",
            get(&planner, api.url("/no-such-endpoint")).await,
        ),
    ] {
        let headers = answer.headers();
        assert_eq!(headers["cache-control"], "no-store", "{what}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{what}");
        let policy = headers["content-security-policy"].to_str().unwrap();
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{what}: {policy}"
        );
    }
}

/// The API reads JSON only: the same body as text, a form or multipart (what another
/// site's page may send without asking) is refused with 415 and records nothing.
async fn a_change_sent_as_anything_but_json_is_refused(api: &Api) {
    let planner = api.client("planner").await;
    let body = talks("Staff talks", "official").to_string();
    for kind in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        None,
    ] {
        let mut request = planner.post(api.url("/activities")).body(body.clone());
        if let Some(kind) = kind {
            request = request.header("content-type", kind);
        }
        let answer = request.send().await.unwrap();
        assert_eq!(
            answer.status(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{kind:?}"
        );
        assert_eq!(problem(answer).await["title"], "Not JSON", "{kind:?}");
    }
    let count = get_json(&planner, api.url("/activities/count")).await;
    assert_eq!(count, json!({"count": 0}));
    let typed = planner
        .post(api.url("/activities"))
        .header("content-type", "application/json; charset=utf-8")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(typed.status(), StatusCode::CREATED);
}

/// A change made with the session cookie from another site's page (its `Origin`) is
/// refused; from the server's own pages, or by a script with a token, it is made.
async fn a_cookie_change_from_another_site_is_refused(api: &Api) {
    let planner = api.client("planner").await;
    let body = talks("Staff talks", "official");
    let from = |origin: &str| {
        planner
            .post(api.url("/activities"))
            .header("origin", origin)
            .json(&body)
            .send()
    };
    let foreign = from("https://evil.example").await.unwrap();
    assert_eq!(foreign.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(foreign).await["title"], "Another site's request");
    assert_eq!(from("null").await.unwrap().status(), StatusCode::FORBIDDEN);
    let site = api.base.trim_end_matches("/api/v1").to_owned();
    assert_eq!(from(&site).await.unwrap().status(), StatusCode::CREATED);

    let made = post_json(
        &planner,
        api.url("/tokens"),
        &json!({"label": "script", "days": 1}),
    )
    .await;
    let made: Value = made.json().await.unwrap();
    let script = Client::new()
        .post(api.url("/activities"))
        .header(
            "authorization",
            format!("Bearer {}", made["token"].as_str().unwrap()),
        )
        .header("origin", "https://elsewhere.example")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), StatusCode::CREATED);
}
