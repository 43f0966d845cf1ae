//! Partners, people, assets, objectives and agreements over real HTTP, with ETags.

use crate::support;

use reqwest::StatusCode;
use serde_json::{Value, json};
use support::{Api, get, get_json, post_json, problem, put_if_match};

on_each_server!(records_are_created_read_and_replaced_with_etags,);

async fn records_are_created_read_and_replaced_with_etags(api: &Api) {
    let planner = api.client("planner").await;
    let made = post_json(
        &planner,
        api.url("/people"),
        &json!({"name": "Adm. Tan", "title": "Chief of Navy", "nation": "SGP"}),
    )
    .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let location = made.headers()["location"].to_str().unwrap().to_owned();
    let etag = made.headers()["etag"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/api/v1/people/"), "{location}");
    let url = api.url(location.trim_start_matches("/api/v1"));

    let changed = json!({"name": "Adm. Tan", "title": "Chief of Defence Force", "nation": "SGP"});
    let without = planner.put(&url).json(&changed).send().await.unwrap();
    assert_eq!(without.status(), StatusCode::PRECONDITION_REQUIRED);
    let replaced = put_if_match(&planner, &url, &etag, &changed).await;
    assert_eq!(replaced.status(), StatusCode::OK);
    let stale = put_if_match(&planner, &url, &etag, &changed).await;
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    let read: Value = get_json(&planner, &url).await;
    assert_eq!(read["record"]["title"], "Chief of Defence Force");
    assert_eq!(read["meta"]["version"], 2);

    // Filters, unknown fields and bad codes.
    let listed: Value = get_json(&planner, api.url("/people?nation=SGP")).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let unknown = post_json(
        &planner,
        api.url("/people"),
        &json!({"name": "X", "nation": "SGP", "rank": "admiral"}),
    )
    .await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    assert!(
        problem(unknown).await["detail"]
            .as_str()
            .unwrap()
            .contains("rank")
    );
    let bad_code = get(&planner, api.url("/people?nation=ZZZ")).await;
    assert_eq!(bad_code.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem(bad_code).await["errors"][0]["field"], "nation");
    // Partners are reference data: a planner may read them, not add them.
    let partner = get(&planner, api.url("/partners/SGP")).await;
    assert_eq!(partner.status(), StatusCode::OK);
    let refused = post_json(
        &planner,
        api.url("/partners"),
        &json!({"code": "XKX", "kind": "state", "name": "Kosovo"}),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}
