//! `attache serve`: the HTTP server on the database named by `--db`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use attache_app::demo::DemoPlan;
use attache_app::{App, AppError, Database};
use attache_domain::access::{User, UserRole};
use attache_domain::{Classification, PartnerCode};
use attache_web::{Clock, Server};
use chrono::{DateTime, Utc};
use clap::Args as ClapArgs;

use super::audit::key;
use super::output::say;

#[derive(Debug, ClapArgs)]
pub struct ServeArgs {
    /// The address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// The largest request body accepted, in bytes.
    #[arg(long, default_value_t = 1024 * 1024)]
    pub max_body: usize,
    /// Fill a new database with the demo data set and demo accounts first.
    #[arg(long)]
    pub demo: bool,
    /// A reverse proxy in front of the server (repeat for more): from it, the client's
    /// address is taken from X-Forwarded-For, so that failed sign-ins are counted per
    /// client rather than per proxy.
    #[arg(long = "trusted-proxy")]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The secret audit key file (attache audit keygen): with it, the server signs a
    /// checkpoint of the audit trail's head on a schedule; without it, none.
    #[arg(long = "audit-key", env = "ATTACHE_AUDIT_KEY", value_name = "PATH")]
    pub audit_key: Option<PathBuf>,
    /// Minutes between checkpoints; one is skipped while the trail's head stands still.
    #[arg(long, value_name = "MINUTES", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub checkpoint_every: u64,
}

/// The demo accounts' shared password: a demonstration on one's own machine, never a
/// deployment (`serve --demo` says so when it starts).
const DEMO_PASSWORD: &str = "attache-demo-password";

pub async fn run(database: Database, args: ServeArgs, now: DateTime<Utc>) -> Result<ExitCode> {
    let app = match args.demo {
        true => with_demo(database, now).await?,
        false => App::open(database).await?,
    };
    let key = args
        .audit_key
        .as_deref()
        .map(key::read_secret)
        .transpose()?;
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    say!(
        "Attaché serves its pages at http://{0}/ and its API at http://{0}/api/v1 (Ctrl-C stops it).",
        listener.local_addr()?
    );
    let checkpoints = match key {
        Some(key) => {
            say!(
                "Checkpoints of the audit trail: one every {} minutes while it moves, signed with key {}.",
                args.checkpoint_every,
                key.public().fingerprint()
            );
            let beside = App::open(app.database()).await?;
            let every = Duration::from_secs(args.checkpoint_every * 60);
            Some(tokio::spawn(async move {
                beside.keep_checkpoints(&key, every, Utc::now).await;
            }))
        }
        None => {
            say!(
                "Checkpoints of the audit trail are off (no --audit-key): audit verify cannot then \
                 tell a removed tail or a recomputed chain."
            );
            None
        }
    };
    let served = attache_web::serve(
        Server {
            app,
            max_body: args.max_body,
            clock: Clock::system(),
            trusted_proxies: args.trusted_proxies,
        },
        listener,
    )
    .await;
    if let Some(checkpoints) = checkpoints {
        checkpoints.abort();
    }
    served?;
    Ok(ExitCode::SUCCESS)
}

/// Opens (creating if need be) a database with the demo data set and one account per
/// main role.
async fn with_demo(database: Database, now: DateTime<Utc>) -> Result<App> {
    let nation = PartnerCode::parse("nation", "GBR")?;
    let app = App::init(database, Some(nation.clone()), now).await?;
    let console = app.console(now);
    let plan = DemoPlan::new(2026, 6000, now.date_naive(), nation.clone());
    match app.load_demo(&plan, &console, |_| {}).await {
        Ok(summary) => say!("{summary}"),
        Err(AppError::Conflict(_)) => {} // loaded by an earlier run
        Err(e) => return Err(e.into()),
    }
    app.load_csbm_demo(&console).await?;
    let accounts = [
        ("admin", UserRole::Administrator, Classification::Secret),
        ("planner", UserRole::Planner, Classification::Secret),
        ("approver", UserRole::Approver, Classification::Secret),
        ("viewer", UserRole::Viewer, Classification::Official),
        ("csbm", UserRole::CsbmOfficer, Classification::Secret),
        ("vetting", UserRole::VettingOfficer, Classification::Secret),
        // The concurring officials of the foreign and development ministries.
        ("fco", UserRole::ForeignConcurrer, Classification::Secret),
        (
            "devt",
            UserRole::DevelopmentConcurrer,
            Classification::Secret,
        ),
    ];
    for (name, role, clearance) in accounts {
        let account = User {
            name: name.into(),
            nation: nation.clone(),
            clearance,
            roles: vec![role],
            disabled: false,
        };
        match app.add_user(&account, DEMO_PASSWORD, &console).await {
            Ok(()) | Err(AppError::Conflict(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    say!(
        "Demo accounts admin, planner, approver, viewer, csbm, vetting, fco and devt share the password '{DEMO_PASSWORD}': for a demonstration only."
    );
    Ok(app)
}
