//! Accounts: adding them, their passwords (kept as Argon2id hashes), disabling them, and
//! checking a password at sign-in.

pub mod tokens;

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use attache_domain::FieldError;
use attache_domain::Stored;
use attache_domain::access::Actor;
use attache_domain::access::{User, UserRole, check_password, is_user_name};
use attache_domain::{Classification, PartnerCode};
use attache_store::traits::*;
use attache_store::{SignInHold, StoreError, UserChange};
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use crate::error::require;
use crate::{App, AppError, Result};
use attache_domain::access::Permission;

/// How long a session lasts: a working day.
const SESSION: Duration = Duration::hours(10);

/// A session token is kept only as its SHA-256: a stolen database opens no session.
pub(crate) fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The failed sign-ins an account may have before each further try waits, and the
/// longest wait: one second after the fifth failure, doubling, up to fifteen minutes.
/// No failure locks an account for good, so guessing at a name cannot keep its owner out.
const FREE_FAILURES: u32 = 5;
const LONGEST_WAIT: Duration = Duration::minutes(15);
/// The failed sign-ins that lock an address (the client's, through a trusted proxy), and
/// for how long.
const LOCK_AFTER: u32 = 5;
const LOCK_FOR: Duration = Duration::minutes(15);
/// Each failure answers this much more slowly (up to ten times), to slow guessing.
const SLOWER_BY: std::time::Duration = std::time::Duration::from_millis(100);

/// How long an account waits after its n-th failed sign-in.
fn account_wait(failures: u32) -> Option<Duration> {
    let beyond = failures.checked_sub(FREE_FAILURES)?;
    let seconds = 1_i64.checked_shl(beyond.min(30)).unwrap_or(i64::MAX);
    Some(Duration::seconds(seconds).min(LONGEST_WAIT))
}

/// How long an address is locked after its n-th failed sign-in.
fn address_lock(failures: u32) -> Option<Duration> {
    (failures >= LOCK_AFTER).then_some(LOCK_FOR)
}

/// What a failed sign-in says, whatever failed: it must not tell which names exist.
const SIGN_IN_REFUSED: &str = "the user name or the password is wrong, or the account is disabled";

fn hash(password: &str) -> Result<String> {
    check_password(password)?;
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::Setup(format!("cannot hash the password: {e}")))
}

/// A new random password, 122 bits from the operating system's generator, for an account
/// created without one.
pub fn generate_password() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

impl App {
    pub async fn add_user(&self, user: &User, password: &str, actor: &Actor) -> Result<()> {
        require(actor, Permission::ManageUsers)?;
        user.check()?;
        actor.check_administers(user)?;
        if !self
            .store()
            .known_codes()
            .await?
            .partners
            .contains(user.nation.as_str())
        {
            return Err(
                FieldError::new("nation", format!("unknown partner {}", user.nation)).into(),
            );
        }
        Ok(self.store().add_user(user, &hash(password)?, actor).await?)
    }

    /// Whose accounts an administrator sees: our nation's administrators and the console
    /// see every account, whoever made it; a partner nation's administrator sees their own
    /// nation's (`Some`).
    fn accounts_seen_by<'a>(&self, viewer: &'a Actor) -> Option<&'a PartnerCode> {
        (!viewer.console && viewer.nation != *self.our_nation()).then_some(&viewer.nation)
    }

    pub async fn users(&self, viewer: &Actor) -> Result<Vec<Stored<User>>> {
        require(viewer, Permission::ManageUsers)?;
        Ok(self
            .store()
            .list_users(self.accounts_seen_by(viewer))
            .await?)
    }

    pub async fn user(&self, name: &str, viewer: &Actor) -> Result<Stored<User>> {
        require(viewer, Permission::ManageUsers)?;
        let nation = self.accounts_seen_by(viewer);
        Ok(self.store().get_user(name, nation).await?)
    }

    /// Changes an account's roles or clearance (or both), under the rule of adding one:
    /// the account before and after is of the actor's nation and cleared no higher than
    /// them. Its sessions carry the change from their next request.
    pub async fn change_access(
        &self,
        name: &str,
        roles: Option<Vec<UserRole>>,
        clearance: Option<Classification>,
        actor: &Actor,
    ) -> Result<Stored<User>> {
        self.change_user(name, actor, |account| {
            let changed = User {
                roles: roles.clone().unwrap_or_else(|| account.roles.clone()),
                clearance: clearance.unwrap_or(account.clearance),
                ..account.clone()
            };
            changed.check()?;
            actor.check_administers(&changed)?;
            Ok(UserChange {
                roles,
                clearance,
                ..Default::default()
            })
        })
        .await
    }

    pub async fn set_user_disabled(
        &self,
        name: &str,
        disabled: bool,
        actor: &Actor,
    ) -> Result<Stored<User>> {
        self.change_user(name, actor, |_| {
            Ok(UserChange {
                disabled: Some(disabled),
                ..Default::default()
            })
        })
        .await
    }

    pub async fn reset_password(
        &self,
        name: &str,
        password: &str,
        actor: &Actor,
    ) -> Result<Stored<User>> {
        self.change_user(name, actor, |_| {
            Ok(UserChange {
                password_hash: Some(hash(password)?),
                ..Default::default()
            })
        })
        .await
    }

    /// An administrator's change to an account of their nation cleared no higher than they
    /// are. The change is made of the account as it is, once the actor may: a password is
    /// neither checked nor hashed for someone who cannot set it.
    async fn change_user(
        &self,
        name: &str,
        actor: &Actor,
        change: impl FnOnce(&User) -> Result<UserChange>,
    ) -> Result<Stored<User>> {
        let account = self.user(name, actor).await?;
        actor.check_administers(&account.record)?;
        let change = change(&account.record)?;
        Ok(self.store().update_user(name, change, actor).await?)
    }

    /// The account, when the password is right and the account enabled. Failures are
    /// counted per account and per address (when given): each failure answers more slowly;
    /// past the fifth, each further try of the account waits longer (`account_wait`), and
    /// the address is locked for a while. Only a name that could be an account's is
    /// counted, so the table holds no text of unbounded length. Locks and unlocks are
    /// audited.
    pub async fn sign_in(
        &self,
        name: &str,
        password: &str,
        address: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<User> {
        let subjects: Vec<(String, SignInHold)> = [
            is_user_name(name).then(|| (format!("user:{name}"), account_wait as SignInHold)),
            address.map(|a| (format!("address:{a}"), address_lock as SignInHold)),
        ]
        .into_iter()
        .flatten()
        .collect();
        for (subject, _) in &subjects {
            if let Some(until) = self.store().sign_in_lock(subject, at).await? {
                return Err(AppError::Unauthorized(format!(
                    "too many failed sign-ins: try again after {} UTC",
                    until.format("%H:%M:%S")
                )));
            }
        }
        // Who writes the lock and unlock entries: the sign-in itself, for the name tried.
        let doorman = Actor {
            name: format!("sign-in of {name}"),
            nation: self.our_nation().clone(),
            clearance: attache_domain::Classification::Official,
            roles: Vec::new(),
            at,
            console: false,
        };
        match self.check_credentials(name, password).await? {
            Some(user) => {
                for (subject, _) in &subjects {
                    self.store().sign_in_succeeded(subject, &doorman).await?;
                }
                Ok(user)
            }
            None => {
                let mut failures = 0;
                for (subject, hold) in &subjects {
                    let count = self
                        .store()
                        .sign_in_failed(subject, *hold, &doorman)
                        .await?;
                    failures = failures.max(count);
                }
                tokio::time::sleep(SLOWER_BY * failures.min(10)).await;
                Err(AppError::Unauthorized(SIGN_IN_REFUSED.into()))
            }
        }
    }

    async fn check_credentials(&self, name: &str, password: &str) -> Result<Option<User>> {
        let Some((user, stored_hash)) = self.store().user_credentials(name).await? else {
            return Ok(None);
        };
        let right = Argon2::default()
            .verify_password(password.as_bytes(), stored_hash.as_str())
            .is_ok();
        Ok((right && !user.disabled).then_some(user))
    }

    /// Signs in and opens a session; gives its token (244 random bits), for a cookie.
    pub async fn open_session(
        &self,
        name: &str,
        password: &str,
        address: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<(String, User)> {
        let user = self.sign_in(name, password, address, at).await?;
        let token = format!("{}{}", generate_password(), generate_password());
        self.store()
            .create_session(&token_hash(&token), &user.name, at, at + SESSION)
            .await?;
        Ok((token, user))
    }

    /// The actor of a session, at `at`; refused once the session ended or expired, or the
    /// account was disabled.
    pub async fn session_actor(&self, token: &str, at: DateTime<Utc>) -> Result<Actor> {
        let refused = "sign in first: no session, or it has ended";
        self.credential_actor(token, at, refused, async |hash| {
            self.store().session_user(hash, at).await
        })
        .await
    }

    /// The actor of a session's or an API token's `token`, at `at`: the account checked a
    /// moment ago while nothing has changed, else the one `look_up` finds by the token's
    /// hash, remembered for the next request; refused with `refused` when there is none.
    pub(crate) async fn credential_actor(
        &self,
        token: &str,
        at: DateTime<Utc>,
        refused: &str,
        look_up: impl AsyncFnOnce(&str) -> std::result::Result<Option<User>, StoreError>,
    ) -> Result<Actor> {
        let hash = token_hash(token);
        if let Some(marker) = self.watched_marker()
            && let Some(user) = self.credentials.get(&hash, marker)
        {
            return Ok(Actor::of(&user, at));
        }
        let user = look_up(&hash)
            .await?
            .ok_or_else(|| AppError::Unauthorized(refused.into()))?;
        if let Some(marker) = self.watched_marker() {
            self.credentials.put(hash, marker, user.clone());
        }
        Ok(Actor::of(&user, at))
    }

    pub async fn close_session(&self, token: &str) -> Result<()> {
        let hash = token_hash(token);
        self.credentials.forget(&hash);
        Ok(self.store().end_session(&hash).await?)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    async fn app() -> (tempfile::TempDir, App) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("users.db");
        let attache_store::AnyStore::Sqlite(store) =
            attache_store::open(path.to_str().unwrap(), true)
                .await
                .unwrap()
        else {
            panic!("a file path opens SQLite");
        };
        let nation = PartnerCode::parse("nation", "GBR").unwrap();
        (
            dir,
            App::init(store.into(), Some(nation), at()).await.unwrap(),
        )
    }

    fn at() -> DateTime<Utc> {
        chrono::Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
    }

    /// The account every test adds: `ana`, of GBR.
    fn ana(clearance: Classification, role: UserRole) -> User {
        User {
            name: "ana".into(),
            nation: PartnerCode::parse("nation", "GBR").unwrap(),
            clearance,
            roles: vec![role],
            disabled: false,
        }
    }

    /// A register where the console has added `ana`, a viewer, with the password
    /// "correct horse battery"; and the console.
    async fn with_ana() -> (tempfile::TempDir, App, Actor) {
        let (dir, app) = app().await;
        let admin = app.console(chrono::Utc::now());
        let user = ana(Classification::Official, UserRole::Viewer);
        app.add_user(&user, "correct horse battery", &admin)
            .await
            .unwrap();
        (dir, app, admin)
    }

    #[tokio::test]
    async fn repeated_failures_slow_an_account_lock_an_address_and_are_audited() {
        let (_dir, app, admin) = with_ana().await;
        for _ in 0..FREE_FAILURES {
            assert!(
                app.sign_in("ana", "a wrong password", Some("10.0.0.9"), at())
                    .await
                    .is_err()
            );
        }
        let held = app
            .sign_in("ana", "correct horse battery", None, at())
            .await
            .unwrap_err()
            .to_string();
        assert!(held.contains("try again after 09:00:01"), "{held}");
        let from_there = app
            .sign_in("bob", "anything at all", Some("10.0.0.9"), at())
            .await
            .unwrap_err()
            .to_string();
        assert!(
            from_there.contains("too many failed sign-ins"),
            "the address is locked: {from_there}"
        );
        // Each further failure of the account waits twice as long: never a lock for good.
        let next = at() + Duration::seconds(1);
        assert!(app.sign_in("ana", "wrong again", None, next).await.is_err());
        let held = app
            .sign_in("ana", "correct horse battery", None, next)
            .await
            .unwrap_err()
            .to_string();
        assert!(held.contains("try again after 09:00:03"), "{held}");
        assert_eq!(account_wait(40), Some(LONGEST_WAIT));
        let later = at() + LOCK_FOR + Duration::seconds(1);
        assert!(
            app.sign_in("ana", "correct horse battery", None, later)
                .await
                .is_ok()
        );
        // A name that no account could have is not kept, however long.
        let long = "x".repeat(10_000);
        for _ in 0..FREE_FAILURES + 1 {
            let _ = app.sign_in(&long, "a wrong password", None, later).await;
        }
        let subject = format!("user:{long}");
        assert_eq!(
            app.store().sign_in_lock(&subject, later).await.unwrap(),
            None
        );
        let trail = app
            .audit_trail(Some(("sign_in", "user:ana")), 10, &admin)
            .await
            .unwrap();
        let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["lock", "unlock"]);
    }

    #[tokio::test]
    async fn a_session_lasts_until_it_is_closed_or_expires() {
        let (_dir, app, _) = with_ana().await;
        let at = at();
        let (token, _) = app
            .open_session("ana", "correct horse battery", None, at)
            .await
            .unwrap();
        let actor = app.session_actor(&token, at).await.unwrap();
        assert_eq!(
            (actor.name.as_str(), actor.clearance),
            ("ana", Classification::Official)
        );
        let expired = at + SESSION + Duration::seconds(1);
        assert!(matches!(
            app.session_actor(&token, expired).await,
            Err(AppError::Unauthorized(_))
        ));
        assert!(matches!(
            app.session_actor("forged", at).await,
            Err(AppError::Unauthorized(_))
        ));
        app.close_session(&token).await.unwrap();
        assert!(matches!(
            app.session_actor(&token, at).await,
            Err(AppError::Unauthorized(_))
        ));
    }

    #[tokio::test]
    async fn roles_decide_what_an_actor_may_do() {
        let (_dir, app) = app().await;
        let console = app.console(chrono::Utc::now());
        let as_role = |role: UserRole| Actor {
            name: role.to_string(),
            roles: vec![role],
            console: false,
            ..console.clone()
        };
        let talks = attache_domain::ActivityInput {
            title: "Staff talks".into(),
            category: "staff_talks".into(),
            status: "proposed".into(),
            start_date: "2027-01-10".into(),
            end_date: "2027-01-11".into(),
            host: "SGP".into(),
            ..Default::default()
        };
        let viewer = as_role(UserRole::Viewer);
        let refused = app.add_activity(talks.clone(), &viewer).await.unwrap_err();
        assert!(
            matches!(refused, AppError::Forbidden(ref p) if p == "edit_activities"),
            "{refused}"
        );
        let planner = as_role(UserRole::Planner);
        let id = app.add_activity(talks, &planner).await.unwrap().meta.id;
        assert_eq!(
            app.activities(
                &Default::default(),
                Default::default(),
                &Default::default(),
                &viewer
            )
            .await
            .unwrap()
            .len(),
            1
        );
        app.transition(id, attache_domain::Status::Planned, &planner)
            .await
            .unwrap();
        let approval = app
            .transition(id, attache_domain::Status::Approved, &planner)
            .await
            .unwrap_err();
        assert!(matches!(approval, AppError::Forbidden(ref p) if p == "approve_activities"));
        use attache_domain::coordination::concurrence::{Ministry, Verdict};
        let concur =
            |actor| app.answer_concurrence(id, Ministry::Foreign, Verdict::Concur, "", actor);
        let refused = concur(&planner).await.unwrap_err();
        assert!(matches!(refused, AppError::Forbidden(ref p) if p == "concur_foreign"));
        concur(&as_role(UserRole::ForeignConcurrer)).await.unwrap();
        app.transition(
            id,
            attache_domain::Status::Approved,
            &as_role(UserRole::Approver),
        )
        .await
        .unwrap();
        assert!(matches!(
            app.users(&planner).await,
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            app.verify_audit(None, &viewer).await,
            Err(AppError::Forbidden(_))
        ));
    }

    #[tokio::test]
    async fn an_account_signs_in_with_its_password_until_disabled() {
        let (_dir, app) = app().await;
        let admin = app.console(chrono::Utc::now());
        let user = ana(Classification::OfficialSensitive, UserRole::Planner);
        assert!(
            app.add_user(&user, "short", &admin).await.is_err(),
            "short password"
        );
        app.add_user(&user, "correct horse battery", &admin)
            .await
            .unwrap();
        assert_eq!(
            app.sign_in("ana", "correct horse battery", None, at())
                .await
                .unwrap(),
            user
        );
        for (name, password) in [
            ("ana", "wrong horse battery"),
            ("bob", "correct horse battery"),
        ] {
            let refused = app
                .sign_in(name, password, None, at())
                .await
                .unwrap_err()
                .to_string();
            assert_eq!(refused, SIGN_IN_REFUSED, "{name}");
        }
        app.reset_password("ana", "another long password", &admin)
            .await
            .unwrap();
        assert!(
            app.sign_in("ana", "correct horse battery", None, at())
                .await
                .is_err()
        );
        assert!(
            app.sign_in("ana", "another long password", None, at())
                .await
                .is_ok()
        );
        app.set_user_disabled("ana", true, &admin).await.unwrap();
        assert!(
            app.sign_in("ana", "another long password", None, at())
                .await
                .is_err()
        );
        let trail = app
            .audit_trail(Some(("user", "ana")), 10, &admin)
            .await
            .unwrap();
        let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["create", "reset_password", "update"]);
        assert!(
            trail
                .iter()
                .all(|e| !e.after.as_deref().unwrap_or_default().contains("argon2"))
        );
    }
}
