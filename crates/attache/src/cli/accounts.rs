//! `attache user add | list | change | disable | enable | reset-password`

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use anyhow::{Context, Result};
use attache_app::App;
use attache_app::accounts::generate_password;
use attache_domain::access::Actor;
use attache_domain::access::User;
use attache_domain::access::UserRole;
use attache_domain::{Classification, PartnerCode};
use clap::Subcommand;

use super::output::{self, say};
use crate::cli::args::{classification, partner_code};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    Add {
        name: String,
        #[arg(long, value_parser = partner_code)]
        nation: PartnerCode,
        #[arg(long, value_parser = classification)]
        clearance: Classification,
        /// A role (viewer, planner, approver, foreign_concurrer, development_concurrer,
        /// csbm_officer, analyst, administrator); repeat for more.
        #[arg(long = "role", required = true, value_parser = role)]
        roles: Vec<UserRole>,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    /// Changes an account's clearance or roles (the roles given replace its roles).
    #[command(arg_required_else_help = true)]
    Change {
        name: String,
        #[arg(long, value_parser = classification)]
        clearance: Option<Classification>,
        /// Every role the account is to hold; repeat for more.
        #[arg(long = "role", value_parser = role)]
        roles: Vec<UserRole>,
    },
    Disable {
        name: String,
    },
    Enable {
        name: String,
    },
    ResetPassword {
        name: String,
    },
}

fn role(text: &str) -> Result<UserRole, String> {
    UserRole::parse("role", text).map_err(|e| e.reason)
}

/// The new password: the first line of standard input when a program or a file gives it,
/// or a new random one (shown once) at a terminal, where typing it would echo it.
fn new_password() -> Result<(String, bool)> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok((generate_password(), true));
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    Ok((line.trim_end_matches(['\r', '\n']).to_owned(), false))
}

fn show_once(name: &str, password: &str) {
    say!("The password of {name} is shown once; pass it on safely:\n{password}");
}

pub async fn run(app: &App, cmd: UserCommand, actor: &Actor) -> Result<ExitCode> {
    match cmd {
        UserCommand::Add {
            name,
            nation,
            clearance,
            roles,
        } => {
            let (password, generated) = new_password()?;
            let user = User {
                name,
                nation,
                clearance,
                roles,
                disabled: false,
            };
            app.add_user(&user, &password, actor).await?;
            say!("Added user {}.", user.name);
            if generated {
                show_once(&user.name, &password);
            }
        }
        UserCommand::List { json } => {
            let users = app.users(actor).await?;
            output::list(
                json,
                &users,
                ["name", "nation", "clearance", "roles", "state"],
                |s| {
                    let u = &s.record;
                    let roles: Vec<&str> = u.roles.iter().map(|r| r.as_str()).collect();
                    let state = if u.disabled { "disabled" } else { "enabled" };
                    [
                        u.name.clone(),
                        u.nation.to_string(),
                        u.clearance.to_string(),
                        roles.join(" "),
                        state.into(),
                    ]
                },
            )?;
        }
        UserCommand::Change {
            name,
            clearance,
            roles,
        } => {
            let roles = (!roles.is_empty()).then_some(roles);
            if roles.is_none() && clearance.is_none() {
                anyhow::bail!("say what changes: --clearance LEVEL, --role ROLE (repeat), or both");
            }
            let changed = app.change_access(&name, roles, clearance, actor).await?;
            let roles: Vec<&str> = changed.record.roles.iter().map(|r| r.as_str()).collect();
            say!(
                "{name} is cleared for {} with the roles {}.",
                changed.record.clearance,
                roles.join(", ")
            );
        }
        UserCommand::Disable { name } => {
            app.set_user_disabled(&name, true, actor).await?;
            say!("Disabled user {name}.");
        }
        UserCommand::Enable { name } => {
            app.set_user_disabled(&name, false, actor).await?;
            say!("Enabled user {name}.");
        }
        UserCommand::ResetPassword { name } => {
            let (password, generated) = new_password()?;
            app.reset_password(&name, &password, actor).await?;
            say!("Reset the password of {name}.");
            if generated {
                show_once(&name, &password);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
