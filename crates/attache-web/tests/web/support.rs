//! What the API tests share: a real server on an ephemeral port over a scratch database
//! (SQLite, or PostgreSQL when `ATTACHE_TEST_POSTGRES` is set), with one account per role
//! of the tests, and clients signed in as them.

#![allow(dead_code)] // each test file uses its own part of this

use std::any::Any;

use attache_app::App;
use attache_domain::access::{User, UserRole};
use attache_domain::{Classification, PartnerCode};
use attache_web::{Clock, Server};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

pub const PASSWORD: &str = "correct horse battery";

/// The moment every test server stands at (its clock is set, not read): late November
/// 2026, a Wednesday morning.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

/// The test servers' today.
pub fn today() -> NaiveDate {
    now().date_naive()
}

/// The accounts every test server has, for GBR.
pub const ACCOUNTS: [(&str, UserRole, Classification); 9] = [
    ("planner", UserRole::Planner, Classification::Secret),
    ("approver", UserRole::Approver, Classification::Secret),
    ("viewer", UserRole::Viewer, Classification::Official),
    ("admin", UserRole::Administrator, Classification::Secret),
    ("analyst", UserRole::Analyst, Classification::Official),
    ("auditor", UserRole::Approver, Classification::Official),
    ("fco", UserRole::ForeignConcurrer, Classification::Secret),
    ("vetting", UserRole::VettingOfficer, Classification::Secret),
    (
        "devt",
        UserRole::DevelopmentConcurrer,
        Classification::Secret,
    ),
];

pub struct Api {
    pub base: String,
    /// The server's clock, standing at `now()` until a test moves it.
    pub clock: Clock,
    /// The scratch database, kept until the test ends.
    _database: Box<dyn Any + Send>,
}

impl Api {
    /// A server on a fresh SQLite file.
    pub async fn on_sqlite() -> Api {
        let file = attache_testkit::SqliteFile::create().await;
        let store = file.store.clone();
        Api::start(store.into(), Box::new(file)).await
    }

    /// A server on a fresh PostgreSQL database, when a server is configured.
    pub async fn on_postgres() -> Option<Api> {
        let database = attache_testkit::PgDatabase::create().await?;
        let store = database.store.clone();
        Some(Api::start(store.into(), Box::new(database)).await)
    }

    async fn start(store: attache_app::Database, database: Box<dyn Any + Send>) -> Api {
        let now = now();
        let nation = PartnerCode::parse("nation", "GBR").unwrap();
        let app = App::init(store, Some(nation.clone()), now).await.unwrap();
        let console = app.console(now);
        for (name, role, clearance) in ACCOUNTS {
            let user = User {
                name: name.into(),
                nation: nation.clone(),
                clearance,
                roles: vec![role],
                disabled: false,
            };
            app.add_user(&user, PASSWORD, &console).await.unwrap();
        }
        // A partner nation's administrator, who makes that nation's accounts.
        let partner = User {
            name: "f.admin".into(),
            nation: PartnerCode::parse("nation", "FRA").unwrap(),
            clearance: Classification::Secret,
            roles: vec![UserRole::Administrator],
            disabled: false,
        };
        app.add_user(&partner, PASSWORD, &console).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}/api/v1", listener.local_addr().unwrap());
        let clock = Clock::fixed(now);
        tokio::spawn(attache_web::serve(
            Server {
                app,
                max_body: 64 * 1024,
                clock: clock.clone(),
                trusted_proxies: vec![std::net::Ipv4Addr::LOCALHOST.into()],
            },
            listener,
        ));
        Api {
            base,
            clock,
            _database: database,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A client signed in as `name`.
    pub async fn client(&self, name: &str) -> Client {
        let client = Client::builder().cookie_store(true).build().unwrap();
        let signed = client
            .post(self.url("/session"))
            .json(&json!({"name": name, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(signed.status(), StatusCode::OK, "{name} signs in");
        client
    }

    /// Adds an account with one role, as the administrator `admin`; gives a client signed
    /// in as it.
    pub async fn add_account(
        &self,
        admin: &Client,
        name: &str,
        clearance: &str,
        role: &str,
    ) -> Client {
        let account = json!({"name": name, "nation": "GBR", "clearance": clearance,
                             "roles": [role], "password": PASSWORD});
        let added = admin
            .post(self.url("/users"))
            .json(&account)
            .send()
            .await
            .unwrap();
        assert_eq!(added.status(), StatusCode::CREATED, "{name}");
        self.client(name).await
    }

    /// Creates an activity as `client`, checking that it was created; gives its id.
    pub async fn create_activity(&self, client: &Client, body: &Value) -> i64 {
        let created = client
            .post(self.url("/activities"))
            .json(body)
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), StatusCode::CREATED, "{body}");
        created.json::<Value>().await.unwrap()["meta"]["id"]
            .as_i64()
            .unwrap()
    }

    /// Two activities held on `day` (today at the latest) and completed, hosted by
    /// Singapore with Britain: staff talks at official and an exercise at secret, which a
    /// reader cleared for official only must not see.
    pub async fn add_talks_and_a_secret_exercise(&self, planner: &Client, day: NaiveDate) {
        let approver = self.client("approver").await;
        for (title, category, classification) in [
            ("Navy staff talks", "staff_talks", "official"),
            ("Covert exercise Kestrel", "exercise", "secret"),
        ] {
            let body = json!({"title": title, "category": category,
                "start_date": day.to_string(), "end_date": day.to_string(), "host": "SGP",
                "participants": ["GBR"], "classification": classification});
            let id = self.create_activity(planner, &body).await;
            self.complete(planner, &approver, id).await;
        }
    }

    /// Resets `name`'s password as the administrator `admin`; gives the new one.
    pub async fn reset_password(&self, admin: &Client, name: &str) -> String {
        let reset = admin
            .post(self.url(&format!("/users/{name}/password")))
            .send()
            .await
            .unwrap();
        assert_eq!(reset.status(), StatusCode::OK, "{name}'s password is reset");
        let reset: Value = reset.json().await.unwrap();
        reset["password"].as_str().unwrap().to_owned()
    }

    /// Records `name` (a unit) as a recipient of the activity at `url`, as the planner, and
    /// clears them in vetting, as the vetting officer.
    pub async fn vetted(&self, url: &str, name: &str) {
        let recipients = format!("{url}/recipients");
        let pending = json!({"name": name, "kind": "unit", "status": "pending"});
        let recorded = self
            .client("planner")
            .await
            .put(&recipients)
            .json(&pending)
            .send();
        assert_eq!(
            recorded.await.unwrap().status(),
            StatusCode::OK,
            "{name} recorded"
        );
        let cleared = json!({"name": name, "kind": "unit", "status": "cleared",
                             "vetted_on": today().to_string()});
        let vetting = self.client("vetting").await;
        let vetted = vetting
            .put(&recipients)
            .json(&cleared)
            .send()
            .await
            .unwrap();
        assert_eq!(vetted.status(), StatusCode::OK, "{name} cleared");
    }

    /// Takes activity `id` from proposed to completed: every concurrence and a recipient
    /// vetted (training and exchanges), then planned, approved and completed.
    pub async fn complete(&self, planner: &Client, approver: &Client, id: i64) {
        self.concur_all(&id.to_string()).await;
        let url = self.url(&format!("/activities/{id}"));
        let view = get_json(planner, format!("{url}/coordination")).await;
        if view["needs_vetting"] == true && view["recipients"] == json!([]) {
            self.vetted(&url, "Course members").await;
        }
        for (who, to) in [
            (planner, "planned"),
            (approver, "approved"),
            (planner, "completed"),
        ] {
            move_to(who, &url, to, StatusCode::OK).await;
        }
    }

    /// A ministry's answer (`body`) on the activity at `url`, given as `who`.
    pub async fn answer(&self, who: &str, url: &str, body: Value) -> reqwest::Response {
        self.client(who)
            .await
            .post(format!("{url}/concurrences"))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    /// Every concurrence activity `id` needs, given by the ministries' officials (`fco`,
    /// `devt`): what an approval waits for.
    pub async fn concur_all(&self, id: &str) {
        let coordination = self.url(&format!("/activities/{id}/coordination"));
        let fco = self.client("fco").await;
        let view = get_json(&fco, &coordination).await;
        for needed in view["concurrences"].as_array().unwrap() {
            let ministry = needed["ministry"].as_str().unwrap();
            let official = match ministry {
                "foreign" => &fco,
                _ => &self.client("devt").await,
            };
            let answered = official
                .post(self.url(&format!("/activities/{id}/concurrences")))
                .json(&json!({"ministry": ministry, "verdict": "concur"}))
                .send()
                .await
                .unwrap();
            assert_eq!(
                answered.status(),
                StatusCode::OK,
                "{ministry} concurs on {id}"
            );
        }
    }
}

/// Runs each test against a server on SQLite, then on PostgreSQL when configured, as one
/// test each; the backend is named first in its output.
macro_rules! on_each_server {
    ($($test:ident),+ $(,)?) => {
        mod on_each_server {
            $(
                #[tokio::test]
                async fn $test() {
                    eprintln!("{} on SQLite", stringify!($test));
                    super::$test(&super::support::Api::on_sqlite().await).await;
                    if let Some(api) = super::support::Api::on_postgres().await {
                        eprintln!("{} on PostgreSQL", stringify!($test));
                        super::$test(&api).await;
                    }
                }
            )+
        }
    };
}

/// The body of a problem answer, checking that it is one.
pub async fn problem(response: reqwest::Response) -> Value {
    let kind = response
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(kind, "application/problem+json");
    response.json().await.unwrap()
}

/// One part (`field` or `reason`) of each of a problem answer's errors, in order.
pub async fn errors(response: reqwest::Response, part: &str) -> Vec<String> {
    problem(response).await["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e[part].as_str().unwrap().to_owned())
        .collect()
}

/// Moves the activity at `url` to `to` as `client` and checks the answer's status; gives
/// the problem's reasons when refused.
pub async fn move_to(client: &Client, url: &str, to: &str, expected: StatusCode) -> Vec<String> {
    let moved = client
        .post(format!("{url}/transition"))
        .json(&json!({ "to": to }))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), expected, "to {to}");
    if expected == StatusCode::OK {
        return Vec::new();
    }
    errors(moved, "reason").await
}

/// A GET as `client`; gives the answer, whatever its status.
pub async fn get(client: &Client, url: impl reqwest::IntoUrl) -> reqwest::Response {
    client.get(url).send().await.unwrap()
}

/// The JSON body of a GET as `client`, whatever its status: the caller checks what it holds.
pub async fn get_json(client: &Client, url: impl reqwest::IntoUrl) -> Value {
    get(client, url).await.json().await.unwrap()
}

/// A PUT of `body` as JSON with `If-Match: etag`, as `client`; gives the answer, whatever
/// its status.
pub async fn put_if_match(
    client: &Client,
    url: impl reqwest::IntoUrl,
    etag: &str,
    body: &Value,
) -> reqwest::Response {
    client
        .put(url)
        .header("if-match", etag)
        .json(body)
        .send()
        .await
        .unwrap()
}

/// A POST of `body` as JSON, as `client`; gives the answer, whatever its status.
pub async fn post_json(
    client: &Client,
    url: impl reqwest::IntoUrl,
    body: &Value,
) -> reqwest::Response {
    client.post(url).json(body).send().await.unwrap()
}

/// A plain activity of staff talks in Singapore with Britain, at `classification`.
pub fn talks(title: &str, classification: &str) -> Value {
    json!({
        "title": title, "category": "staff_talks", "start_date": "2027-03-14", "end_date": "2027-03-15",
        "host": "SGP", "participants": ["GBR"], "classification": classification
    })
}
