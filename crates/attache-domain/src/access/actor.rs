//! Who is acting: an account's nation, clearance and roles at one moment, and the checks
//! every use case makes of them before it reads or writes (the permission matrix, and
//! nothing written above the actor's clearance).

use chrono::{DateTime, Utc};

use super::{Permission, User, UserRole, allows};
use crate::code::PartnerCode;
use crate::error::FieldError;
use crate::label::{Classification, SecurityLabel};

/// Who is acting, for which nation, with which clearance and roles, and when: every write
/// is stamped with these, every read filtered by them.
#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    pub nation: PartnerCode,
    pub clearance: Classification,
    pub roles: Vec<UserRole>,
    pub at: DateTime<Utc>,
    /// The operator at the server's own command line, acting as no account: whoever holds
    /// the database can read all of it, so the console reads every record of every nation
    /// and keeps every account.
    pub console: bool,
}

/// The name the console acts under in every stamp and audit entry; no account takes it.
pub const CONSOLE: &str = "console";

impl Actor {
    /// A signed-in user, acting at `at`.
    pub fn of(user: &User, at: DateTime<Utc>) -> Actor {
        Actor {
            name: user.name.clone(),
            nation: user.nation.clone(),
            clearance: user.clearance,
            roles: user.roles.clone(),
            at,
            console: false,
        }
    }

    /// The console at `at`, for our nation: every role, cleared for all.
    pub fn console(our_nation: &PartnerCode, at: DateTime<Utc>) -> Actor {
        Actor {
            name: CONSOLE.into(),
            nation: our_nation.clone(),
            clearance: Classification::Secret,
            roles: super::UserRole::ALL.to_vec(),
            at,
            console: true,
        }
    }

    pub fn can(&self, permission: Permission) -> bool {
        allows(&self.roles, permission)
    }

    /// The permission itself as the refusal, when the actor's roles do not hold it.
    pub fn require(&self, permission: Permission) -> Result<(), Permission> {
        if self.can(permission) {
            Ok(())
        } else {
            Err(permission)
        }
    }

    /// Refuses a label above the actor's clearance: nothing is written above it.
    pub fn check_cleared(&self, label: &SecurityLabel) -> Result<(), FieldError> {
        label.classification.within(self.clearance)?;
        Ok(())
    }

    /// Refuses an account this actor may not grant or administer: one of another nation
    /// (an administrator keeps their own nation's accounts) or cleared above the actor (no
    /// one makes, resets or changes an account that reads more than they may). The console
    /// keeps every account.
    pub fn check_administers(&self, user: &User) -> Result<(), FieldError> {
        if self.console {
            return Ok(());
        }
        if user.nation != self.nation {
            return Err(FieldError::new(
                "nation",
                format!(
                    "{} is an account of {}: an administrator of {} keeps {}'s accounts only",
                    user.name, user.nation, self.nation, self.nation
                ),
            ));
        }
        if user.clearance > self.clearance {
            return Err(FieldError::new(
                "clearance",
                format!(
                    "{} would be cleared for {}, above your clearance ({}): an administrator \
                     cleared for it does this",
                    user.name, user.clearance, self.clearance
                ),
            ));
        }
        Ok(())
    }
}
