//! The web pages in a real browser: headless Chromium driven through chromedriver
//! (Debian's `chromium` and `chromium-driver`, which `.ci/run` installs), against the real
//! server on an ephemeral port over a fresh database. A screenshot of each main page is
//! written under `target/screenshots/` on every run.

use crate::support::{self, get_json};

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use support::{Api, PASSWORD};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// How long any one wait lasts (for chromedriver, a browser, a page, an element): long
/// enough for a loaded machine, short enough that a real failure still fails.
const WAIT: Duration = Duration::from_secs(30);

/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(50);

/// The element every page ends with: once it is there, the page is all there.
const LAST: &str = "#banner-bottom";

/// A chromedriver of this test's own, on a free port, stopped when dropped, with the
/// browsers it started.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start() -> Driver {
        let driver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| CHROMEDRIVER.into());
        for (what, path) in [("chromedriver", driver.as_str()), ("Chromium", CHROMIUM)] {
            assert!(
                Path::new(path).exists(),
                "{what} is missing ({path}): the browser tests need Debian's chromium and \
                 chromium-driver; run .ci/run, which installs them (or apt-get install chromium chromium-driver)"
            );
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        // A process group of its own, so that dropping the driver stops its browsers too.
        let child = Command::new(&driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {driver}: {e}; run .ci/run"));
        let mut driver = Driver {
            child,
            url: String::new(),
        };
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        let started = Instant::now();
        while TcpStream::connect(address).is_err() {
            assert!(
                started.elapsed() < WAIT,
                "chromedriver did not listen on {address} within {WAIT:?}"
            );
            std::thread::sleep(POLL);
        }
        driver.url = format!("http://{address}");
        driver
    }

    /// A new browser, with no cookies: one user. A browser slow to start on a loaded
    /// machine is asked for again, until `WAIT` has passed.
    async fn browser(&self) -> Client {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": CHROMIUM,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1280,1000"],
            }),
        );
        let started = Instant::now();
        loop {
            let session =
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                    .capabilities(capabilities.clone())
                    .connect(&self.url)
                    .await;
            match session {
                Ok(client) => return client,
                Err(e) if started.elapsed() < WAIT => {
                    eprintln!("a Chromium session through chromedriver, again: {e}");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(e) => panic!("no Chromium session through chromedriver within {WAIT:?}: {e}"),
            }
        }
    }
}

impl Drop for Driver {
    /// Stops chromedriver and every browser it started (its process group), and reaps it.
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let killed = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        if !killed.is_ok_and(|status| status.success()) {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// What `Page::read` reads of an element.
#[derive(Clone, Copy)]
enum Read<'a> {
    Text,
    /// Its HTML: `true` for the inner, `false` for the outer.
    Html(bool),
    Prop(&'a str),
    Attr(&'a str),
}

/// One user's browser on the server's pages.
///
/// Every step that leads to another page (`go`, `click`) returns only once that page has
/// replaced the one left and is loaded, so that nothing is read of a page on its way out;
/// every read is of an element found again if the page changed under it (`read`).
struct Page {
    client: Client,
    root: String,
}

impl Page {
    async fn open(driver: &Driver, api: &Api) -> Page {
        Page {
            client: driver.browser().await,
            root: api.base.trim_end_matches("/api/v1").to_owned(),
        }
    }

    async fn go(&self, path: &str) {
        let url = format!("{}{path}", self.root);
        self.client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("going to {path}: {e}"));
        self.loaded(&format!("going to {path}"), None).await;
    }

    /// The path (and query) of the page shown.
    async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        url.as_str().trim_start_matches(&self.root).to_owned()
    }

    async fn css(&self, selector: &str) -> fantoccini::elements::Element {
        match self.client.find(Locator::Css(selector)).await {
            Ok(element) => element,
            Err(e) => panic!("{selector} on {}: {e}", self.path().await),
        }
    }

    /// Reads `what` of the element `selector` finds; if the page replaced that element
    /// while it was read (a stale element), finds it again and reads again, until `WAIT`.
    /// The one way the tests read an element.
    async fn read(&self, selector: &str, what: Read<'_>) -> Option<String> {
        let started = Instant::now();
        loop {
            let element = self.css(selector).await;
            let read = match what {
                Read::Text => element.text().await.map(Some),
                Read::Html(inner) => element.html(inner).await.map(Some),
                Read::Prop(name) => element.prop(name).await,
                Read::Attr(name) => element.attr(name).await,
            };
            match read {
                Ok(value) => return value,
                Err(e) if e.is_stale_element_reference() && started.elapsed() < WAIT => {
                    tokio::time::sleep(POLL).await;
                }
                Err(e) => panic!("reading {selector} on {}: {e}", self.path().await),
            }
        }
    }

    async fn text(&self, selector: &str) -> String {
        self.read(selector, Read::Text).await.unwrap_or_default()
    }

    async fn html(&self, selector: &str, inner: bool) -> String {
        self.read(selector, Read::Html(inner))
            .await
            .unwrap_or_default()
    }

    /// A property of the element, such as a field's `value`.
    async fn prop(&self, selector: &str, name: &str) -> Option<String> {
        self.read(selector, Read::Prop(name)).await
    }

    async fn attr(&self, selector: &str, name: &str) -> Option<String> {
        self.read(selector, Read::Attr(name)).await
    }

    /// The text of every element `selector` finds, read again if the page changed under it.
    async fn texts(&self, selector: &str) -> Vec<String> {
        let started = Instant::now();
        'again: loop {
            let mut texts = Vec::new();
            for element in self.client.find_all(Locator::Css(selector)).await.unwrap() {
                match element.text().await {
                    Ok(text) => texts.push(text),
                    Err(e) if e.is_stale_element_reference() && started.elapsed() < WAIT => {
                        tokio::time::sleep(POLL).await;
                        continue 'again;
                    }
                    Err(e) => panic!("reading {selector} on {}: {e}", self.path().await),
                }
            }
            return texts;
        }
    }

    async fn has(&self, selector: &str) -> bool {
        !self
            .client
            .find_all(Locator::Css(selector))
            .await
            .unwrap()
            .is_empty()
    }

    async fn fill(&self, id: &str, value: &str) {
        let field = self.css(&format!("#{id}")).await;
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    /// Sets a field's value directly (date inputs take keys in the locale's order).
    async fn set(&self, id: &str, value: &str) {
        self.client
            .execute(
                "document.getElementById(arguments[0]).value = arguments[1];",
                vec![json!(id), json!(value)],
            )
            .await
            .unwrap();
    }

    async fn choose(&self, id: &str, value: &str) {
        self.css(&format!("#{id}"))
            .await
            .select_by_value(value)
            .await
            .unwrap();
    }

    /// Clicks a link or a form's button and waits until the page it leads to replaced this
    /// one and is loaded: a form sent back with its reasons has the same elements as the
    /// page left, which could otherwise be read too early.
    async fn click(&self, selector: &str) {
        let left = self.css("html").await;
        self.css(selector)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking {selector}: {e}"));
        self.loaded(&format!("clicking {selector}"), Some(left))
            .await;
    }

    /// Waits until the page shown is not the one `left` is of (if any), is loaded
    /// (`document.readyState` is complete) and has its last element (`LAST`), all within
    /// `WAIT`; then checks that it loaded nothing from elsewhere. `after` says what led to
    /// it, for the message if it does not come.
    async fn loaded(&self, after: &str, left: Option<fantoccini::elements::Element>) {
        let started = Instant::now();
        if let Some(left) = left {
            loop {
                match left.tag_name().await {
                    Err(e) if e.is_stale_element_reference() || e.is_no_such_element() => break,
                    still => assert!(
                        started.elapsed() < WAIT,
                        "{after}: the page {} was not replaced within {WAIT:?} ({still:?})",
                        self.path().await
                    ),
                }
                tokio::time::sleep(POLL).await;
            }
        }
        loop {
            let state = self
                .client
                .execute("return document.readyState;", vec![])
                .await;
            if matches!(&state, Ok(Value::String(state)) if state == "complete") {
                break;
            }
            assert!(
                started.elapsed() < WAIT,
                "{after}: {} did not finish loading within {WAIT:?} ({state:?})",
                self.path().await
            );
            tokio::time::sleep(POLL).await;
        }
        self.wait_for(LAST).await;
        self.assert_only_same_origin().await;
    }

    /// Waits up to `WAIT` for an element that only the page a form answers with has.
    async fn wait_for(&self, selector: &str) {
        if let Err(e) = self
            .client
            .wait()
            .at_most(WAIT)
            .every(POLL)
            .for_element(Locator::Css(selector))
            .await
        {
            panic!(
                "waited {WAIT:?} for {selector} on {}: {e}",
                self.path().await
            );
        }
    }

    async fn sign_in(&self, name: &str) {
        self.go("/").await;
        assert!(self.path().await.starts_with("/login"), "sent to sign in");
        self.fill("name", name).await;
        self.fill("password", PASSWORD).await;
        self.click("button[type=submit]").await;
        assert_eq!(self.text("#user-name").await, name, "signed in as {name}");
    }

    /// Both banners say the page's classification.
    async fn assert_banner(&self, expected: &str) {
        for at in ["#banner-top", "#banner-bottom"] {
            assert_eq!(
                self.text(at).await,
                expected,
                "{at} of {}",
                self.path().await
            );
        }
    }

    /// Every resource the page loaded came from the server itself.
    async fn assert_only_same_origin(&self) {
        let loaded = self
            .client
            .execute(
                "return performance.getEntriesByType('resource').map(e => e.name);",
                vec![],
            )
            .await
            .unwrap();
        for url in loaded.as_array().unwrap() {
            let url = url.as_str().unwrap();
            assert!(
                url.starts_with(&format!("{}/", self.root)),
                "{} loaded {url} from elsewhere",
                self.path().await
            );
        }
    }

    async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.unwrap();
        let folder = screenshots();
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(format!("{name}.png")), png).unwrap();
    }

    /// Ends the browser session. Called once the test's checks passed, so a session that
    /// does not close (chromedriver busy, or already ending it) is said on stderr, not
    /// failed: the driver's drop stops the browser anyway.
    async fn close(self) {
        match tokio::time::timeout(WAIT, self.client.close()).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("the browser session did not close: {e}"),
            Err(_) => eprintln!("the browser session did not close within {WAIT:?}"),
        }
    }
}

/// `target/screenshots/` of the workspace (or of `CARGO_TARGET_DIR`).
fn screenshots() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"),
        PathBuf::from,
    );
    target.join("screenshots")
}

/// The id in an activity page's path.
fn activity_id(path: &str) -> i64 {
    path.strip_prefix("/activities/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{path} is not an activity's page"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_planner_records_an_activity_and_an_approver_approves_it() {
    let api = Api::on_sqlite().await;
    let driver = Driver::start();
    let planner = Page::open(&driver, &api).await;
    planner.sign_in("planner").await;
    planner.screenshot("activities-empty").await;

    // A new activity, with a mistake: it ends before it starts.
    planner.go("/activities/new").await;
    planner.fill("title", "Navy staff talks in Singapore").await;
    planner.choose("category", "staff_talks").await;
    planner.set("start_date", "2027-03-14").await;
    planner.set("end_date", "2027-03-10").await;
    planner.fill("host", "SGP").await;
    planner.fill("participants", "GBR").await;
    planner.fill("location", "Changi Naval Base").await;
    planner.fill("cost_amount", "1200.50").await;
    planner.fill("cost_currency", "GBP").await;
    planner.click("#save").await;
    assert_eq!(planner.path().await, "/activities", "the form came back");
    let error = planner.text("#end_date-error").await;
    assert!(error.contains("before the start date"), "{error}");
    assert_eq!(
        planner.attr("#end_date", "aria-invalid").await.as_deref(),
        Some("true")
    );
    assert_eq!(
        planner.prop("#title", "value").await.as_deref(),
        Some("Navy staff talks in Singapore"),
        "what was typed is kept"
    );
    planner.screenshot("activity-form-error").await;

    // Fixed, saved, and walked to planned.
    planner.set("end_date", "2027-03-15").await;
    planner.click("#save").await;
    let id = activity_id(&planner.path().await);
    assert_eq!(planner.text("#status").await, "Proposed");
    assert!(planner.text("#participants").await.contains("SGP"));
    planner.assert_banner("OFFICIAL").await;
    planner.click("button.move-planned").await;
    assert_eq!(planner.text("#status").await, "Planned");
    assert!(
        !planner.has("button.move-approved").await,
        "a planner may not approve"
    );
    assert!(planner.text("#status-history").await.contains("planner"));
    planner.screenshot("activity").await;

    // The page says what blocks approval, and approving is refused naming it.
    let blocks = planner.text("#approval-blocks").await;
    assert!(
        blocks.contains("foreign ministry has not concurred"),
        "{blocks}"
    );
    let approver = Page::open(&driver, &api).await;
    approver.sign_in("approver").await;
    approver.go(&format!("/activities/{id}")).await;
    assert!(
        !approver.has("#answer-foreign").await,
        "an approver does not concur"
    );
    approver.click("button.move-approved").await;
    let refused = approver.text("main").await;
    assert!(
        refused.contains("foreign ministry has not concurred"),
        "{refused}"
    );

    // The foreign ministry's official finds it in the inbox and objects, with a reason.
    let official = Page::open(&driver, &api).await;
    official.sign_in("fco").await;
    official.go("/concurrences").await;
    assert!(
        official
            .text("#inbox-foreign")
            .await
            .contains("Navy staff talks in Singapore")
    );
    official.click("#inbox-foreign a").await;
    official.choose("verdict-foreign", "object").await;
    official
        .fill("reason-foreign", "the partner holds elections that week")
        .await;
    official.click("#send-foreign").await;
    let state = official.text("#concurrences").await;
    assert!(
        state.contains("objected (fco): the partner holds elections that week"),
        "{state}"
    );
    official.screenshot("activity-objection").await;
    approver.go(&format!("/activities/{id}")).await;
    approver.click("button.move-approved").await;
    let refused = approver.text("main").await;
    assert!(refused.contains("elections that week"), "{refused}");

    // Once the official concurs, the approver approves, and sees its audit history.
    official.go(&format!("/activities/{id}")).await;
    official.choose("verdict-foreign", "concur").await;
    official.click("#send-foreign").await;
    assert!(
        official
            .text("#concurrences")
            .await
            .contains("concurred (fco)")
    );
    official.close().await;
    approver.go(&format!("/activities/{id}")).await;
    assert!(approver.text("#approval-blocks").await.contains("Nothing"));
    approver.click("button.move-approved").await;
    assert_eq!(approver.text("#status").await, "Approved");
    let audit = approver.text("#audit-history").await;
    assert!(
        audit.contains("create") && audit.contains("transition"),
        "{audit}"
    );
    approver.screenshot("activity-approved").await;
    approver.close().await;

    // Found in the list by partner and by words; the edit form keeps its values.
    planner.go("/activities?partner=SGP&q=navy").await;
    assert_eq!(planner.text("#count").await, "1 activity matches.");
    assert!(planner.text("#activities").await.contains("Approved"));
    planner.screenshot("activities").await;
    planner.go("/calendar?month=2027-03&partner=SGP").await;
    assert_eq!(planner.text("#month-name").await, "March 2027");
    let day = planner.text("#calendar").await;
    assert!(day.contains("Navy staff talks in Singapore"), "{day}");
    planner.assert_banner("OFFICIAL").await;
    planner.screenshot("calendar").await;
    // The week view: from the month to its first week, then a week on to the talks
    // (Sunday 14 and Monday 15 March: two weeks), back, and to this week.
    planner.click("#view-week").await;
    assert_eq!(planner.text("#month-name").await, "Week of 1 March 2027");
    assert!(!planner.text("#calendar").await.contains("Navy staff talks"));
    planner.click("#next").await;
    assert_eq!(planner.text("#month-name").await, "Week of 8 March 2027");
    let week = planner.text("#calendar").await;
    assert!(
        week.contains("14 Mar") && week.contains("Navy staff talks in Singapore"),
        "{week}"
    );
    planner.click("#next").await;
    assert_eq!(planner.text("#month-name").await, "Week of 15 March 2027");
    assert!(
        planner
            .text("#calendar")
            .await
            .contains("Navy staff talks in Singapore")
    );
    assert!(
        planner.path().await.contains("partner=SGP"),
        "the filter is kept"
    );
    planner.screenshot("calendar-week").await;
    planner.click("#previous").await;
    assert_eq!(planner.text("#month-name").await, "Week of 8 March 2027");
    planner.click("#today").await;
    let this_week = planner.text("#month-name").await;
    assert!(this_week.starts_with("Week of "), "{this_week}");
    assert!(
        planner.has("#calendar td.today").await,
        "today is in this week"
    );
    planner.click("#view-month").await;
    assert!(!planner.text("#month-name").await.starts_with("Week"));
    planner.go("/partners?q=singapore").await;
    planner.click("#partners a").await;
    assert_eq!(planner.path().await, "/partners/SGP");
    let upcoming = planner.text("#upcoming").await;
    assert!(
        upcoming.contains("Navy staff talks in Singapore"),
        "{upcoming}"
    );
    assert!(
        planner.has("svg.chart rect.bar").await,
        "the engagement chart"
    );
    planner.screenshot("partner").await;
    planner.go(&format!("/activities/{id}/edit")).await;
    planner.fill("title", "Navy staff talks").await;
    planner.click("#save").await;
    assert_eq!(planner.text("h1").await, "Navy staff talks");

    // Signing out ends the session.
    planner.click("header button[type=submit]").await;
    assert!(planner.path().await.starts_with("/login"));
    planner.go("/activities").await;
    assert!(planner.path().await.starts_with("/login"), "signed out");
    planner.screenshot("login").await;
    planner.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_activity_is_nowhere_for_a_reader_without_the_clearance() {
    let api = Api::on_sqlite().await;
    let driver = Driver::start();
    let planner = Page::open(&driver, &api).await;
    planner.sign_in("planner").await;
    let mut ids = Vec::new();
    for (title, classification) in [
        ("Submarine rescue exchange", "secret"),
        ("Open staff talks", "official"),
    ] {
        planner.go("/activities/new").await;
        planner.fill("title", title).await;
        planner.choose("category", "personnel_exchange").await;
        planner.set("start_date", "2027-05-02").await;
        planner.set("end_date", "2027-05-03").await;
        planner.fill("host", "AUS").await;
        planner.choose("classification", classification).await;
        planner.click("#save").await;
        ids.push(activity_id(&planner.path().await));
    }
    planner.go(&format!("/activities/{}", ids[0])).await;
    planner.assert_banner("SECRET").await;
    planner.go("/activities?partner=AUS").await;
    planner.assert_banner("SECRET").await;
    assert_eq!(planner.text("#count").await, "2 activities match.");
    planner.screenshot("activities-secret").await;
    planner.go("/calendar?month=2027-05").await;
    assert!(planner.text("#calendar").await.contains("Submarine"));
    planner.assert_banner("SECRET").await;
    planner.go("/partners/AUS").await;
    assert!(planner.text("#upcoming").await.contains("Submarine"));
    planner.assert_banner("SECRET").await;
    planner.close().await;

    let viewer = Page::open(&driver, &api).await;
    viewer.sign_in("viewer").await;
    viewer.go("/activities?partner=AUS").await;
    assert_eq!(viewer.text("#count").await, "1 activity matches.");
    let list = viewer.text("#activities").await;
    assert!(!list.contains("Submarine"), "{list}");
    viewer.assert_banner("OFFICIAL").await;
    viewer.go("/activities?q=submarine").await;
    assert_eq!(viewer.text("#count").await, "0 activities match.");
    viewer.go("/calendar?month=2027-05").await;
    let calendar = viewer.text("#calendar").await;
    assert!(
        calendar.contains("Open staff talks") && !calendar.contains("Submarine"),
        "{calendar}"
    );
    viewer.assert_banner("OFFICIAL").await;
    viewer.go("/partners/AUS").await;
    let upcoming = viewer.text("#upcoming").await;
    assert!(
        upcoming.contains("Open staff talks") && !upcoming.contains("Submarine"),
        "{upcoming}"
    );
    viewer.assert_banner("OFFICIAL").await;
    viewer.go(&format!("/activities/{}", ids[0])).await;
    assert_eq!(viewer.text("h1").await, "Not found");
    assert!(!viewer.client.source().await.unwrap().contains("Submarine"));
    viewer.assert_banner("OFFICIAL").await;
    // A viewer may not edit: no button, and the form refuses.
    viewer.go(&format!("/activities/{}", ids[1])).await;
    assert!(!viewer.has("a[href$='/edit']").await);
    viewer.close().await;
}

/// Creates an activity through the API as the signed-in `client`, hosted by AUS on `day`;
/// its id.
async fn create_activity(
    api: &Api,
    client: &reqwest::Client,
    title: &str,
    classification: &str,
    day: chrono::NaiveDate,
) -> i64 {
    let body = json!({
        "title": title, "category": "training", "start_date": day.to_string(),
        "end_date": day.to_string(), "host": "AUS", "classification": classification
    });
    api.create_activity(client, &body).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_counts_only_what_its_reader_may_see() {
    let api = Api::on_sqlite().await;
    let today = support::today();
    let (soon, lately) = (
        today + chrono::Duration::days(5),
        today - chrono::Duration::days(20),
    );
    let planner_api = api.client("planner").await;
    for day in [soon, lately] {
        create_activity(&api, &planner_api, "Open training", "official", day).await;
    }
    let waiting = create_activity(&api, &planner_api, "Harbour call", "official", soon).await;
    let moved = planner_api
        .post(api.url(&format!("/activities/{waiting}/transition")))
        .json(&json!({"to": "planned"}))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 200);

    let driver = Driver::start();
    let viewer = Page::open(&driver, &api).await;
    viewer.sign_in("viewer").await;
    assert_eq!(
        viewer.path().await,
        "/",
        "signing in leads to the dashboard"
    );
    let counts = || async {
        (
            viewer.text("#upcoming-count").await,
            viewer.html("#engagement", true).await,
        )
    };
    let before = counts().await;
    assert_eq!(before.0, "2 activities in the next 30 days.");
    assert!(before.1.contains("Training: 1"), "{}", before.1);
    assert!(viewer.text("#waiting-count").await.starts_with("Nothing"));
    assert!(
        !viewer.has("#recent").await,
        "a viewer may not read the trail"
    );

    // Secret activities, coming and past: the official viewer's numbers do not move.
    for day in [soon, lately] {
        create_activity(&api, &planner_api, "Submarine training", "secret", day).await;
    }
    viewer.go("/").await;
    assert_eq!(counts().await, before);
    assert!(!viewer.client.source().await.unwrap().contains("Submarine"));
    viewer.assert_banner("OFFICIAL").await;
    viewer.go("/admin").await;
    assert_eq!(viewer.text("h1").await, "Not permitted");
    viewer.close().await;

    // The approver sees them, the one awaiting approval, and the trail.
    let approver = Page::open(&driver, &api).await;
    approver.sign_in("approver").await;
    assert_eq!(
        approver.text("#upcoming-count").await,
        "3 activities in the next 30 days."
    );
    let chart = approver.html("#engagement", true).await;
    assert!(chart.contains("Training: 2"), "{chart}");
    assert_eq!(
        approver.text("#waiting-count").await,
        "Awaiting your approval: 1."
    );
    assert!(approver.text("#waiting").await.contains("Harbour call"));
    assert!(approver.text("#recent").await.contains("transition"));
    approver.assert_banner("SECRET").await;
    approver.screenshot("dashboard").await;
    approver.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_adds_and_disables_an_account_and_checks_the_trail() {
    let api = Api::on_sqlite().await;
    let driver = Driver::start();
    let admin = Page::open(&driver, &api).await;
    admin.sign_in("admin").await;
    admin.click("a[href='/admin']").await;
    assert!(admin.text("#users").await.contains("planner"));
    let verdict = admin.text("#audit-verdict").await;
    assert!(verdict.starts_with("The chain is intact: "), "{verdict}");

    // No role: refused, and what was typed is kept.
    admin.fill("name", "attache.sgp").await;
    admin.fill("nation", "sgp").await;
    admin.click("#add-user").await;
    assert!(
        admin
            .text("#roles-error")
            .await
            .contains("at least one role")
    );
    assert_eq!(
        admin.prop("#name", "value").await.as_deref(),
        Some("attache.sgp")
    );
    admin.css("#role-planner").await.click().await.unwrap();
    admin.click("#add-user").await;
    assert_eq!(admin.text("#new-name").await, "attache.sgp");
    let password = admin.text("#new-password").await;
    assert_eq!(password.len(), 32, "{password}");
    assert!(admin.text("#user-attache\\.sgp").await.contains("SGP"));

    // The new account signs in with it, until it is disabled.
    let signs_in = || async {
        reqwest::Client::new()
            .post(api.url("/session"))
            .json(&json!({"name": "attache.sgp", "password": password}))
            .send()
            .await
            .unwrap()
            .status()
    };
    assert_eq!(signs_in().await, 200);
    admin.click("#user-attache\\.sgp button.disable").await;
    assert!(admin.text("#user-attache\\.sgp").await.contains("Disabled"));
    assert_eq!(signs_in().await, 401);
    assert!(admin.text("#audit").await.contains("user"));
    admin.screenshot("admin").await;

    // Clearance lead times and restrictions, kept by the administrator.
    admin.click("#coordination-admin").await;
    admin.fill("lt-partner", "SGP").await;
    admin.fill("lt-warship", "45").await;
    admin.click("#lead-times-form button").await;
    let times = admin.text("#lead-times").await;
    assert!(times.contains("SGP") && times.contains("45"), "{times}");
    admin.fill("r-partner", "SGP").await;
    admin.fill("r-source", "Illustrative measure 1/2027").await;
    admin.choose("r-scope", "training_and_exercises").await;
    admin.set("r-start", "2027-01-01").await;
    admin.click("#restriction-form button").await;
    let listed = admin.text("#restrictions").await;
    assert!(listed.contains("Illustrative measure 1/2027"), "{listed}");
    admin.screenshot("admin-coordination").await;
    admin.close().await;
}

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_csbm_page_marks_near_threshold_activities_and_hides_secret_ones() {
    let api = Api::on_sqlite().await;
    let admin = api.client("admin").await;
    let account = json!({"name": "officer", "nation": "GBR", "clearance": "secret",
                         "roles": ["csbm_officer"], "password": PASSWORD});
    let added = admin
        .post(api.url("/users"))
        .json(&account)
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 201);
    let officer = api.client("officer").await;
    for body in [
        json!({"reference": "NEAR-1", "name": "Just under", "kind": "land_exercise",
               "start_date": "2027-05-01", "end_date": "2027-05-05", "host": "GBR", "troops": 8_900,
               "notified_on": "2027-03-01", "calendared_on": "2026-11-01"}),
        json!({"reference": "SECRET-1", "name": "Grey shore", "kind": "amphibious_landing",
               "start_date": "2027-06-01", "end_date": "2027-06-02", "host": "GBR", "troops": 3_600,
               "classification": "secret"}),
    ] {
        let made = officer
            .post(api.url("/csbm/activities"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(made.status(), 201, "{}", made.text().await.unwrap());
    }

    let driver = Driver::start();
    let page = Page::open(&driver, &api).await;
    page.sign_in("officer").await;
    page.go("/csbm?year=2027").await;
    let activities = page.text("#csbm-activities").await;
    assert!(
        activities.contains("NEAR-1") && activities.contains("near threshold"),
        "{activities}"
    );
    assert!(page.has("tr.near-threshold").await);
    let findings = page.text("#csbm-findings").await;
    assert!(
        findings.contains("SECRET-1") && findings.contains("61"),
        "{findings}"
    );
    page.assert_banner("SECRET").await;
    page.assert_only_same_origin().await;
    page.screenshot("csbm").await;
    // An air base visit: refused with the field named, then recorded; the deadline reads it.
    assert!(
        page.text("#csbm-air-base-visits")
            .await
            .contains("None recorded")
    );
    page.fill("host", "CHN").await;
    page.fill("air_base", "RAF Coningsby").await;
    page.set("date", "2024-03-12").await;
    page.click("#add-air-base-visit").await;
    page.wait_for("#host-error").await;
    assert!(
        page.text("#host-error")
            .await
            .contains("not an OSCE participating state"),
        "the host is named"
    );
    page.fill("host", "GBR").await;
    page.choose("classification", "secret").await;
    page.click("#add-air-base-visit").await;
    page.wait_for("table#csbm-air-base-visits").await;
    let visits = page.text("#csbm-air-base-visits").await;
    assert!(
        visits.contains("RAF Coningsby") && visits.contains("2024-03-12"),
        "{visits}"
    );
    // The calendar shows the CSBM deadlines, marked apart from activities: SECRET-1's
    // notification (42 days before 1 June, paragraph 38) in the month and the week views,
    // and the next air base visit (20, 23) at the end of its five-year period.
    page.go("/calendar?month=2027-04").await;
    let deadline = page.text("#calendar li.csbm-deadline").await;
    assert!(
        deadline.contains("CSBM due")
            && deadline.contains("SECRET-1")
            && deadline.contains("para 38"),
        "{deadline}"
    );
    page.assert_banner("SECRET").await;
    page.screenshot("calendar-csbm").await;
    page.go("/calendar?view=week&week=2027-04-20").await;
    assert!(
        page.text("#calendar li.csbm-deadline")
            .await
            .contains("SECRET-1")
    );
    page.go("/calendar?month=2029-12").await;
    let marked = page.texts("#calendar li.csbm-deadline").await;
    assert!(
        marked
            .iter()
            .any(|d| d.contains("air base visit") && d.contains("2024-03-12")),
        "{marked:?}"
    );
    page.go("/").await;
    assert!(page.has("#csbm-heading").await);
    page.close().await;

    let viewer = Page::open(&driver, &api).await;
    viewer.sign_in("viewer").await;
    viewer.go("/csbm?year=2027").await;
    let source = viewer.client.source().await.unwrap();
    assert!(!source.contains("SECRET-1") && !source.contains("RAF Coningsby"));
    assert!(
        !viewer.has("#air-base-visit-form").await,
        "a reader records nothing"
    );
    assert!(viewer.text("#csbm-activities").await.contains("NEAR-1"));
    viewer.assert_banner("OFFICIAL").await;
    viewer.go("/calendar?month=2027-04").await;
    assert!(!viewer.client.source().await.unwrap().contains("SECRET-1"));
    viewer.assert_banner("OFFICIAL").await;
    viewer.close().await;
}

/// The analytics page counts engagement that took place, and only what its reader may see.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_analytics_page_measures_only_what_its_reader_may_see() {
    let api = Api::on_sqlite().await;
    let (planner_api, approver_api) = (api.client("planner").await, api.client("approver").await);
    let day = support::today() - chrono::Duration::days(40);
    for (title, classification) in [("Open training", "official"), ("Secret training", "secret")] {
        let id = create_activity(&api, &planner_api, title, classification, day).await;
        api.complete(&planner_api, &approver_api, id).await;
    }
    let driver = Driver::start();

    let analyst = Page::open(&driver, &api).await; // cleared for official only
    analyst.sign_in("analyst").await;
    analyst.click("nav a[href='/analytics']").await;
    assert_eq!(analyst.path().await, "/analytics");
    assert!(
        analyst
            .text("#counted")
            .await
            .starts_with("1 activities counted")
    );
    analyst.assert_banner("OFFICIAL").await;
    assert!(analyst.has("#network svg circle").await, "the network");
    let australia = analyst
        .html("#world svg path[fill='#08519c'] title", true)
        .await;
    assert!(australia.contains("Australia"), "the map");
    assert!(analyst.has("#series svg rect.bar").await, "the series");
    assert!(analyst.text("#central").await.contains("AUS"));
    analyst.assert_only_same_origin().await;
    analyst.screenshot("analytics").await;
    analyst.go("/partners/AUS").await;
    assert!(
        analyst.has("#partner-intensity svg").await,
        "the partner's measures"
    );
    analyst.assert_banner("OFFICIAL").await;
    analyst.close().await;

    let planner = Page::open(&driver, &api).await;
    planner.sign_in("planner").await;
    planner.go("/analytics?by=month&partner=AUS").await;
    assert!(
        planner
            .text("#counted")
            .await
            .starts_with("2 activities counted")
    );
    planner.assert_banner("SECRET").await;
    // An imported data set, chosen instead of the register: its events are measured.
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/examples");
    let read = |name: &str| std::fs::read_to_string(examples.join(name)).unwrap();
    let mapping: serde_json::Value =
        serde_json::from_str(&read("defence-activities.mapping.json")).unwrap();
    let imported = planner_api
        .put(api.url("/datasets/mids"))
        .json(&json!({"mapping": mapping, "csv": read("defence-activities.csv")}))
        .send()
        .await
        .unwrap();
    assert_eq!(imported.status(), 200);
    planner.go("/analytics").await;
    planner.choose("dataset", "mids").await;
    planner.click("form.filters button[type='submit']").await;
    let counted = planner.text("#counted").await;
    assert!(
        counted.starts_with("20 events of the imported data set mids"),
        "{counted}"
    );
    assert!(planner.text("#central").await.contains("AUS"));
    assert!(
        !planner.has("a[href^='/api/v1/map']").await,
        "a data set has no map"
    );
    planner.close().await;

    // A viewer has no Analyse permission: no link, and the page refuses.
    let viewer = Page::open(&driver, &api).await;
    viewer.sign_in("viewer").await;
    assert!(!viewer.has("nav a[href='/analytics']").await);
    viewer.go("/partners/AUS").await;
    assert!(!viewer.has("#partner-intensity").await);
    viewer.go("/analytics").await;
    assert!(!viewer.has("#network").await);
    viewer.close().await;
}

/// Assessment, monitoring and evaluation: the overdue assessment on the dashboard, the
/// rating given with the move to assessed, a reading recorded on the partner page, and the
/// roll-up picture on the partner and Analytics pages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_assessment_and_a_reading_show_in_the_ame_roll_up() {
    let api = Api::on_sqlite().await;
    let admin_api = api.client("admin").await;
    let (planner_api, approver_api) = (api.client("planner").await, api.client("approver").await);
    let objective = json!({"code": "AUS-TRUST", "title": "Trust with Australia",
        "aim": "build_trust", "partner": "AUS",
        "indicators": [{"name": "Port visits", "baseline": 2, "target": 6}]});
    let made = admin_api
        .post(api.url("/objectives"))
        .json(&objective)
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 201);
    let day = (support::today() - chrono::Duration::days(40)).to_string();
    let harbour_talks = json!({"title": "Harbour talks", "category": "staff_talks",
        "start_date": day, "end_date": day, "host": "AUS", "objectives": ["AUS-TRUST"],
        "classification": "official"});
    let id = api.create_activity(&planner_api, &harbour_talks).await;
    api.complete(&planner_api, &approver_api, id).await;
    let driver = Driver::start();
    let planner = Page::open(&driver, &api).await;
    planner.sign_in("planner").await;

    // Ended 40 days ago: its assessment was due 10 days ago.
    planner.go("/").await;
    assert_eq!(
        planner.text("#due-count").await.split('.').next(),
        Some("Assessments due: 1, 1 overdue")
    );
    assert!(
        planner
            .text("#assessments-due tr.overdue")
            .await
            .contains("Harbour talks")
    );
    planner.screenshot("dashboard-assessments-due").await;

    planner.click("#assessments-due a").await;
    planner.choose("rating", "met").await;
    planner.click("button.move-assessed").await;
    let shown = planner.text("main").await;
    assert_eq!(planner.text("#status").await, "Assessed", "{shown}");
    assert!(planner.text("#outcome-rating").await.starts_with("met"));
    planner.go("/").await;
    assert!(
        planner
            .text("#due-count")
            .await
            .starts_with("Assessments due: 0")
    );

    planner.go("/partners/AUS").await;
    planner.fill("value-AUS-TRUST", "4").await;
    planner.click("form.reading button").await;
    assert!(planner.path().await.starts_with("/partners/AUS"));
    let indicators = planner.text("#ame ~ section .indicators").await;
    assert!(indicators.contains("Port visits 2 6 4"), "{indicators}");
    assert!(indicators.contains("50%"), "{indicators}");
    assert!(planner.has("#ame-rollup svg rect.bar.rating").await);
    assert!(
        planner
            .text("#ame-summary")
            .await
            .contains("1 activities rated, mean 3.0 of 4")
    );
    planner.screenshot("partner-ame").await;

    planner.go("/analytics").await;
    let picture = planner.html("#ame-rollup svg", false).await;
    assert!(
        picture.contains("Build and maintain trust: progress 50%, mean rating 3.0"),
        "{picture}"
    );
    assert!(picture.contains("Non-proliferation: progress not measured, mean rating not rated"));
    assert!(planner.text("#ame-partners").await.contains("AUS"));
    planner.assert_banner("OFFICIAL").await;
    planner.screenshot("analytics-ame").await;
    planner.close().await;
}

/// The partner page's button opens the partner's brief: a document of its own under its
/// banner, styled by its own style (allowed by hash), with engagement by category drawn;
/// the analytics page links the annual report.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_partner_page_opens_the_partners_brief() {
    let api = Api::on_sqlite().await;
    let planner_api = api.client("planner").await;
    let day = support::today() - chrono::Duration::days(40);
    api.add_talks_and_a_secret_exercise(&planner_api, day).await;
    let driver = Driver::start();
    let analyst = Page::open(&driver, &api).await; // cleared for official only
    analyst.sign_in("analyst").await;
    analyst.go("/partners/SGP").await;
    assert!(
        analyst.has("#partner-categories svg rect").await,
        "engagement by category on the partner's page"
    );
    analyst.click("#brief a[href='/partners/SGP/report']").await;
    assert_eq!(analyst.path().await, "/partners/SGP/report");
    analyst.assert_banner("OFFICIAL").await;
    assert_eq!(analyst.text("h1").await, "Partner brief: Singapore (SGP)");
    assert!(analyst.text("#past").await.contains("Navy staff talks"));
    assert!(!analyst.text("body").await.contains("Kestrel"));
    assert!(analyst.has("#chart svg rect").await, "the chart");
    let centred = analyst
        .client
        .execute(
            "return getComputedStyle(document.getElementById('banner-top')).textAlign;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(centred, "center", "the brief's own style applies");
    analyst.assert_only_same_origin().await;
    analyst.screenshot("partner-brief").await;

    analyst.go("/analytics").await;
    assert!(analyst.has("#categories svg rect").await, "by category");
    analyst.click("#annual-report a").await;
    assert!(analyst.path().await.starts_with("/analytics/report?year="));
    analyst.assert_banner("OFFICIAL").await;
    assert!(
        analyst
            .text("h1")
            .await
            .starts_with("Annual defence engagement report")
    );
    analyst.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_planner_records_a_clearance_and_a_recipients_vetting_on_the_activity_page() {
    let api = Api::on_sqlite().await;
    let planner_api = api.client("planner").await;
    let today = support::today();
    let start = today + chrono::Days::new(60);
    let training = create_activity(&api, &planner_api, "Boarding course", "official", start).await;
    let visit = planner_api
        .post(api.url("/activities"))
        .json(&json!({
            "title": "Port call", "category": "ship_visit", "start_date": start.to_string(),
            "end_date": start.to_string(), "host": "SGP", "participants": ["GBR"],
            "assets": ["HMS Example"]
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(visit.status(), 201);
    let visit = visit.headers()["location"].to_str().unwrap().to_owned();
    let visit: i64 = visit.rsplit('/').next().unwrap().parse().unwrap();

    let driver = Driver::start();
    let planner = Page::open(&driver, &api).await;
    planner.sign_in("planner").await;
    planner.go(&format!("/activities/{visit}")).await;
    assert!(
        !planner.has("#recipient-form").await,
        "a visit has no recipients"
    );
    assert_eq!(
        planner.prop("#clr-partner", "value").await.as_deref(),
        Some("SGP"),
        "the host's clearance is asked first"
    );
    // Granted, but without the day: the page comes back with the reason by the field.
    planner.choose("clr-status", "granted").await;
    planner.set("clr-requested_on", &today.to_string()).await;
    planner.fill("clr-reference", "SGP/NAV/27/014").await;
    planner.click("#clr-save").await;
    let error = planner.text("#clr-granted_on-error").await;
    assert!(error.contains("needs the day it was granted"), "{error}");
    assert_eq!(
        planner.prop("#clr-reference", "value").await.as_deref(),
        Some("SGP/NAV/27/014"),
        "what was typed is kept"
    );
    planner.screenshot("clearance-form-error").await;
    planner.set("clr-granted_on", &today.to_string()).await;
    planner.click("#clr-save").await;
    let clearances = planner.text("#clearances").await;
    assert!(
        clearances.contains("Granted") && clearances.contains("SGP/NAV/27/014"),
        "{clearances}"
    );

    // A recipient of the course, pending, then cleared.
    planner.go(&format!("/activities/{training}")).await;
    assert!(
        !planner.has("#clearance-form").await,
        "a course needs no clearance"
    );
    planner.fill("rcp-name", "Lt Tan").await;
    planner.choose("rcp-kind", "person").await;
    planner.choose("rcp-status", "cleared").await;
    planner.click("#rcp-save").await;
    let error = planner.text("#rcp-vetted_on-error").await;
    assert!(error.contains("needs the day it was decided"), "{error}");
    planner.set("rcp-vetted_on", &today.to_string()).await;
    planner.click("#rcp-save").await;
    let recipients = planner.text("#recipients").await;
    assert!(
        recipients.contains("Lt Tan") && recipients.contains("Cleared"),
        "{recipients}"
    );
    planner.screenshot("recipients").await;
    planner.close().await;

    // A reader sees the records, not the forms.
    let viewer = Page::open(&driver, &api).await;
    viewer.sign_in("viewer").await;
    viewer.go(&format!("/activities/{training}")).await;
    assert!(viewer.text("#recipients").await.contains("Lt Tan"));
    assert!(!viewer.has("#recipient-form").await);
    viewer.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_edits_a_restriction_and_the_concurrence_table() {
    let api = Api::on_sqlite().await;
    let driver = Driver::start();
    let admin = Page::open(&driver, &api).await;
    admin.sign_in("admin").await;
    admin.go("/admin/coordination").await;
    admin.fill("r-partner", "SGP").await;
    admin.fill("r-source", "Decision 1/2027").await;
    admin.choose("r-scope", "equipment").await;
    admin.set("r-start", "2027-01-01").await;
    admin.click("#restriction-form button").await;
    admin.click("#restrictions a.edit-restriction").await;

    // A partner code that is none: sent back with the reason by the field.
    admin.fill("re-partner", "1").await;
    admin.fill("re-source", "Decision 1/2027 as amended").await;
    admin.click("#re-save").await;
    assert!(
        admin.has("#re-partner-error").await,
        "the reason by the field"
    );
    assert_eq!(
        admin.prop("#re-source", "value").await.as_deref(),
        Some("Decision 1/2027 as amended"),
        "what was typed is kept"
    );
    admin.fill("re-partner", "SGP").await;
    admin.choose("re-scope", "all_engagement").await;
    admin.click("#re-save").await;
    let listed = admin.text("#restrictions").await;
    assert!(
        listed.contains("as amended") && listed.contains("All engagement"),
        "{listed}"
    );
    admin.click("#restrictions a.edit-restriction").await;
    admin.click("#re-delete").await;
    assert!(!admin.has("#restrictions").await, "removed");

    // The concurrence table: a rule added for costly activities, the first removed.
    admin.choose("rule-ministry", "development").await;
    admin.choose("rule-when", "cost_at_least").await;
    admin.fill("rule-value", "50000 GBP").await;
    admin.fill("rule-due", "21").await;
    admin.click("#rule-form button").await;
    let rules = admin.text("#concurrence-rules").await;
    assert!(rules.contains("it costs at least 50000.00 GBP"), "{rules}");
    admin.click("#rule-1 button.remove-rule").await;
    let rules = admin.text("#concurrence-rules").await;
    assert!(!rules.contains("a foreign partner takes part"), "{rules}");
    admin.screenshot("admin-concurrence-rules").await;
    admin.close().await;
}
