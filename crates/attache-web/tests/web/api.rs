//! The JSON API as a whole, over real HTTP: a server on an ephemeral port over a scratch
//! database (SQLite, then PostgreSQL when configured); its OpenAPI document, and unknown
//! addresses.

use crate::support;

use reqwest::{Client, StatusCode};
use serde_json::Value;
use support::{Api, get, get_json, problem};

on_each_server!(
    the_openapi_document_describes_every_route_served,
    an_unknown_address_is_a_page_or_a_problem_by_where_it_is,
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
