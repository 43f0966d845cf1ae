//! The web pages in a real browser: headless Chromium driven through chromedriver
//! (Debian's `chromium` and `chromium-driver`, which `.ci/run` installs), against the real
//! server on an ephemeral port over a fresh database. A screenshot of each main page is
//! written under `target/screenshots/` on every run. One module per feature's pages; the
//! driver and the page helpers are here.

use crate::support;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use support::{Api, PASSWORD};

mod accounts;
mod ame;
mod analytics;
mod chrome;
mod coordination;
mod csbm;
mod register;
mod reports;

pub(super) const CHROMIUM: &str = "/usr/bin/chromium";

pub(super) const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// How long any one wait lasts (for chromedriver, a browser, a page, an element): long
/// enough for a loaded machine, short enough that a real failure still fails.
pub(super) const WAIT: Duration = Duration::from_secs(30);

/// How often a wait looks again.
pub(super) const POLL: Duration = Duration::from_millis(50);

/// The element every page ends with: once it is there, the page is all there.
pub(super) const LAST: &str = "#banner-bottom";

/// A chromedriver of this test's own, on a free port, stopped when dropped, with the
/// browsers it started.
pub(super) struct Driver {
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
pub(super) struct Page {
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
pub(super) fn screenshots() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"),
        PathBuf::from,
    );
    target.join("screenshots")
}

/// The id in an activity page's path.
pub(super) fn activity_id(path: &str) -> i64 {
    path.strip_prefix("/activities/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{path} is not an activity's page"))
}

/// Creates an activity through the API as the signed-in `client`, hosted by AUS on `day`;
/// its id.
pub(super) async fn create_activity(
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
