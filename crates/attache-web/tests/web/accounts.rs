//! Accounts over real HTTP: signing in and out, the session cookie, the lockout after
//! failed sign-ins, API tokens, and the administrator's account management.

use crate::support;

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use support::{Api, PASSWORD, get, get_json, post_json, problem};

on_each_server!(
    signing_in_and_out,
    the_session_cookie_is_http_only_and_strict,
    repeated_failed_sign_ins_lock_the_account,
    behind_a_trusted_proxy_failures_count_per_client,
    an_api_token_works_until_it_is_revoked_and_is_shown_once,
    an_administrator_manages_accounts_and_nobody_else_may,
    a_reset_or_a_re_enable_ends_every_session_and_token,
    an_accounts_roles_and_clearance_change_and_hold_from_the_next_request,
);

async fn signing_in_and_out(api: &Api) {
    let anonymous = Client::new();
    assert_eq!(
        get(&anonymous, api.url("/health")).await.status(),
        StatusCode::OK
    );
    let refused = get(&anonymous, api.url("/activities")).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(problem(refused).await["title"], "Not signed in");
    let wrong = post_json(
        &anonymous,
        api.url("/session"),
        &json!({"name": "viewer", "password": "wrong password!"}),
    )
    .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let viewer = api.client("viewer").await;
    assert_eq!(
        get(&viewer, api.url("/activities")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        viewer
            .delete(api.url("/session"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        get(&viewer, api.url("/activities")).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

async fn the_session_cookie_is_http_only_and_strict(api: &Api) {
    let response = post_json(
        &Client::new(),
        api.url("/session"),
        &json!({"name": "viewer", "password": PASSWORD}),
    )
    .await;
    let cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain HTTP on loopback");
    let behind_tls = Client::new()
        .post(api.url("/session"))
        .header("x-forwarded-proto", "https")
        .json(&json!({"name": "viewer", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert!(
        behind_tls
            .headers()
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("Secure")
    );
}

async fn repeated_failed_sign_ins_lock_the_account(api: &Api) {
    let client = Client::new();
    let attempt = |password: &'static str| {
        client
            .post(api.url("/session"))
            .json(&json!({"name": "viewer", "password": password}))
            .send()
    };
    for _ in 0..5 {
        assert_eq!(
            attempt("a wrong password").await.unwrap().status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let locked = attempt(PASSWORD).await.unwrap();
    assert_eq!(locked.status(), StatusCode::UNAUTHORIZED);
    assert!(
        problem(locked).await["detail"]
            .as_str()
            .unwrap()
            .contains("too many failed sign-ins")
    );
}

/// The test server trusts 127.0.0.1 as its proxy: the client is the last address of
/// X-Forwarded-For.
async fn behind_a_trusted_proxy_failures_count_per_client(api: &Api) {
    let attempt = |from: &'static str, name: &'static str, password: &'static str| {
        Client::new()
            .post(api.url("/session"))
            .header("x-forwarded-for", from)
            .json(&json!({"name": name, "password": password}))
            .send()
    };
    for _ in 0..5 {
        let failed = attempt("10.0.0.1", "planner", "a wrong password")
            .await
            .unwrap();
        assert_eq!(failed.status(), StatusCode::UNAUTHORIZED);
    }
    let elsewhere = attempt("10.0.0.2", "viewer", PASSWORD).await.unwrap();
    assert_eq!(
        elsewhere.status(),
        StatusCode::OK,
        "another client is not locked out"
    );
    // What the client wrote before the proxy's own entry does not change who it is.
    let spoofed = attempt("10.0.0.9, 10.0.0.1", "viewer", PASSWORD)
        .await
        .unwrap();
    assert_eq!(spoofed.status(), StatusCode::UNAUTHORIZED);
    assert!(
        problem(spoofed).await["detail"]
            .as_str()
            .unwrap()
            .contains("too many failed")
    );
}

async fn an_api_token_works_until_it_is_revoked_and_is_shown_once(api: &Api) {
    let planner = api.client("planner").await;
    let made = post_json(
        &planner,
        api.url("/tokens"),
        &json!({"label": "nightly export", "days": 7}),
    )
    .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    let token = made["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("attache_"), "{token}");

    // A script without cookies, with the token.
    let script = Client::new();
    let bearer = format!("Bearer {token}");
    let listed = script
        .get(api.url("/activities"))
        .header("authorization", &bearer)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), StatusCode::OK);

    // The list names the token's label and expiry, never the token.
    let tokens: Value = get_json(&planner, api.url("/tokens")).await;
    assert_eq!(tokens[0]["label"], "nightly export");
    assert_eq!(tokens[0]["user_name"], "planner");
    assert!(!tokens.to_string().contains(&token));
    // Another user does not see it, and cannot revoke it.
    let viewer = api.client("viewer").await;
    let theirs: Value = get_json(&viewer, api.url("/tokens")).await;
    assert_eq!(theirs, json!([]));
    let id = tokens[0]["id"].as_i64().unwrap();
    let not_theirs = viewer
        .delete(api.url(&format!("/tokens/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(not_theirs.status(), StatusCode::NOT_FOUND);

    let revoked = planner
        .delete(api.url(&format!("/tokens/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    let refused = script
        .get(api.url("/activities"))
        .header("authorization", &bearer)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let forged = script
        .get(api.url("/activities"))
        .header("authorization", "Bearer attache_not-a-token")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);

    // A lifetime outside 1 to 366 days is refused, naming the field.
    let too_long = post_json(
        &planner,
        api.url("/tokens"),
        &json!({"label": "forever", "days": 5000}),
    )
    .await;
    assert_eq!(too_long.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem(too_long).await["errors"][0]["field"], "days");
}

async fn an_administrator_manages_accounts_and_nobody_else_may(api: &Api) {
    let admin = api.client("admin").await;
    let planner = api.client("planner").await;
    let new_user =
        json!({"name": "j.smith", "nation": "GBR", "clearance": "official", "roles": ["analyst"]});
    let refused = post_json(&planner, api.url("/users"), &new_user).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    let added = post_json(&admin, api.url("/users"), &new_user).await;
    assert_eq!(added.status(), StatusCode::CREATED);
    let added: Value = added.json().await.unwrap();
    let password = added["password"].as_str().unwrap().to_owned();
    assert_eq!(added["user"]["record"]["roles"], json!(["analyst"]));
    let again = post_json(&admin, api.url("/users"), &new_user).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);

    // The new account signs in with the password it was shown, until it is disabled.
    let sign_in = |password: String| {
        let url = api.url("/session");
        async move {
            post_json(
                &Client::new(),
                url,
                &json!({"name": "j.smith", "password": password}),
            )
            .await
            .status()
        }
    };
    assert_eq!(sign_in(password.clone()).await, StatusCode::OK);
    let disabled = admin
        .post(api.url("/users/j.smith/disable"))
        .send()
        .await
        .unwrap();
    assert_eq!(disabled.status(), StatusCode::OK);
    assert_eq!(sign_in(password.clone()).await, StatusCode::UNAUTHORIZED);
    admin
        .post(api.url("/users/j.smith/enable"))
        .send()
        .await
        .unwrap();
    let new_password = api.reset_password(&admin, "j.smith").await;
    assert_ne!(new_password, password);
    assert_eq!(sign_in(new_password).await, StatusCode::OK);

    let listed: Value = get_json(&admin, api.url("/users")).await;
    let names: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["record"]["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"j.smith") && names.contains(&"planner"),
        "{names:?}"
    );
    assert!(
        !listed.to_string().contains("argon2"),
        "no hashes are shown"
    );

    // The account's history: added, disabled, enabled, its password reset.
    let history: Value = get_json(&admin, api.url("/audit?record=user/j.smith")).await;
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions.len(), 4, "{actions:?}");
    assert_eq!(actions[0], "create");
}

/// A password reset ends the account's sessions and API tokens (its calendar feed is one);
/// so do disabling and enabling it again: nothing issued before comes back.
async fn a_reset_or_a_re_enable_ends_every_session_and_token(api: &Api) {
    let admin = api.client("admin").await;
    let planner = api.client("planner").await;
    let made = post_json(
        &planner,
        api.url("/tokens"),
        &json!({"label": "feed", "days": 7}),
    )
    .await;
    let made: Value = made.json().await.unwrap();
    let bearer = format!("Bearer {}", made["token"].as_str().unwrap());
    let by_token = || {
        Client::new()
            .get(api.url("/activities"))
            .header("authorization", &bearer)
            .send()
    };
    assert_eq!(
        get(&planner, api.url("/activities")).await.status(),
        StatusCode::OK
    );
    assert_eq!(by_token().await.unwrap().status(), StatusCode::OK);

    let password = api.reset_password(&admin, "planner").await;
    let unauthorized = StatusCode::UNAUTHORIZED;
    assert_eq!(
        get(&planner, api.url("/activities")).await.status(),
        unauthorized
    );
    assert_eq!(by_token().await.unwrap().status(), unauthorized);

    // Signed in again with the new password; disabled and enabled: that session is over.
    let again = Client::builder().cookie_store(true).build().unwrap();
    let signed = post_json(
        &again,
        api.url("/session"),
        &json!({"name": "planner", "password": password}),
    )
    .await;
    assert_eq!(signed.status(), StatusCode::OK);
    for change in ["disable", "enable"] {
        let changed = admin
            .post(api.url(&format!("/users/planner/{change}")))
            .send()
            .await
            .unwrap();
        assert_eq!(changed.status(), StatusCode::OK, "{change}");
    }
    assert_eq!(
        get(&again, api.url("/activities")).await.status(),
        unauthorized
    );
}

async fn an_accounts_roles_and_clearance_change_and_hold_from_the_next_request(api: &Api) {
    let admin = api.client("admin").await;
    let analyst = api
        .add_account(&admin, "j.smith", "official", "viewer")
        .await;
    let patch = |body: Value| admin.patch(api.url("/users/j.smith")).json(&body).send();
    let planner_talks = support::talks("Staff talks with Singapore", "official");
    let refused = analyst
        .post(api.url("/activities"))
        .json(&planner_talks)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let changed = patch(json!({"roles": ["planner"], "clearance": "secret"}))
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    let changed: Value = changed.json().await.unwrap();
    assert_eq!(changed["record"]["roles"], json!(["planner"]));
    assert_eq!(changed["record"]["clearance"], "secret");
    // The session opened before the change holds the new roles from its next request.
    api.create_activity(&analyst, &planner_talks).await;
    let empty = patch(json!({"roles": []})).await.unwrap();
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = patch(json!({"roles": ["king"]})).await.unwrap();
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    assert!(
        problem(unknown).await["detail"]
            .to_string()
            .contains("king")
    );
    let by_planner = api
        .client("planner")
        .await
        .patch(api.url("/users/j.smith"))
        .json(&json!({"roles": ["administrator"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(by_planner.status(), StatusCode::FORBIDDEN);
    let trail = get_json(&admin, api.url("/audit?record=user/j.smith")).await;
    let actions: Vec<&str> = trail
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["create", "change_access"]);
}
