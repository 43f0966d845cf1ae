//! The commands, their arguments, and how each is carried out.

mod accounts;
mod ame;
mod analytics;
mod args;
mod audit;
mod coordination;
mod csbm;
mod datasets;
mod demo;
mod output;
mod records;
mod register;
mod reports;
mod serve;

use std::process::ExitCode;

use anyhow::Result;
use attache_app::{App, Database};
use chrono::Utc;
use output::say;

pub use args::Args;
pub use args::Command;

/// Opens the store and runs the command on whichever backend the location names.
pub async fn run(args: Args) -> Result<ExitCode> {
    // Making a key needs no database.
    if let Command::Audit(audit::AuditCommand::Keygen { key }) = &args.command {
        audit::key::keygen(key)?;
        return Ok(ExitCode::SUCCESS);
    }
    let location = attache_app::database::redacted(&args.db);
    let creates = match &args.command {
        Command::Init(_) | Command::Demo(_) => true,
        Command::Serve(serve) => serve.demo,
        _ => false,
    };
    let database = Database::open(&args.db, creates).await.map_err(|e| {
        let hint = if creates {
            ""
        } else {
            " (a new database starts with attache init)"
        };
        anyhow::anyhow!("cannot open the database at {location}: {e}{hint}")
    })?;
    run_on(database, args).await
}

async fn run_on(database: Database, args: Args) -> Result<ExitCode> {
    let now = Utc::now();
    if let (Some(user), Command::Init(_) | Command::Demo(_) | Command::Serve(_)) =
        (&args.user, &args.command)
    {
        anyhow::bail!(
            "--user {user}: init, demo and serve act as the console, not as an account; \
             leave --user (and ATTACHE_USER) out"
        );
    }
    match args.command {
        Command::Init(init) => {
            let app = App::init(database, init.nation, now).await?;
            let console = app.console(now);
            let partners = app.partners(&Default::default(), &console).await?;
            say!(
                "Initialised {} for {} with {} partners (states and organisations).",
                attache_app::database::redacted(&args.db),
                app.our_nation(),
                partners.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo(demo) => demo::run(database, demo, now).await,
        Command::Serve(serve) => serve::run(database, serve, now).await,
        command => {
            let app = App::open(database).await?;
            let actor = match &args.user {
                Some(name) => app.account(name, now).await?,
                None => app.console(now),
            };
            match command {
                Command::Activity(cmd) => register::run(&app, cmd, &actor).await,
                Command::Partner(cmd) => records::partner(&app, cmd, &actor).await,
                Command::Person(cmd) => records::person(&app, cmd, &actor).await,
                Command::Asset(cmd) => records::asset(&app, cmd, &actor).await,
                Command::Objective(cmd) => records::objective(&app, cmd, &actor).await,
                Command::Agreement(cmd) => records::agreement(&app, cmd, &actor).await,
                Command::Import(cmd) => register::transfer::import(&app, cmd, &actor).await,
                Command::Export(cmd) => register::transfer::export(&app, cmd, &actor).await,
                Command::Feeds(args) => register::feeds::run(&app, args, &actor).await,
                Command::Audit(cmd) => audit::run(&app, cmd, &actor).await,
                Command::User(cmd) => accounts::run(&app, cmd, &actor).await,
                Command::Csbm(cmd) => csbm::run(&app, &cmd, &actor).await,
                Command::Concurrence(cmd) => coordination::concurrence(&app, cmd, &actor).await,
                Command::Clearances(args) => coordination::clearances(&app, args, &actor).await,
                Command::Restrictions(cmd) => coordination::restrictions(&app, cmd, &actor).await,
                Command::Analytics(cmd) => analytics::run(&app, cmd, &actor).await,
                Command::Dataset(cmd) => datasets::run(&app, cmd, &actor).await,
                Command::Report(cmd) => reports::run(&app, cmd, &actor).await,
                Command::Vetting(cmd) => coordination::activity::vetting(&app, cmd, &actor).await,
                Command::Init(_) | Command::Demo(_) | Command::Serve(_) => Ok(ExitCode::SUCCESS),
            }
        }
    }
}
