//! Who may do what: the roles of Attaché's users and the one table that grants each
//! permission to roles. The server and the application check permissions against this
//! table; the README prints it (`permission_table`), and a test keeps the two in step.

use serde::{Deserialize, Serialize};

mod actor;
pub use actor::{Actor, CONSOLE};

use crate::code::PartnerCode;
use crate::error::FieldError;
use crate::label::Classification;
use crate::status::Status;

vocabulary!(
    /// A user's roles; a user may hold several.
    UserRole, "a role" {
    Viewer => "viewer",
    Planner => "planner",
    Approver => "approver",
    ForeignConcurrer => "foreign_concurrer",
    DevelopmentConcurrer => "development_concurrer",
    CsbmOfficer => "csbm_officer",
    Analyst => "analyst",
    VettingOfficer => "vetting_officer",
    Administrator => "administrator",
});

vocabulary!(
    /// What a role may do.
    Permission, "a permission" {
    ReadRecords => "read_records",
    EditActivities => "edit_activities",
    MoveActivities => "move_activities",
    ApproveActivities => "approve_activities",
    ConcurForeign => "concur_foreign",
    ConcurDevelopment => "concur_development",
    ManageCsbm => "manage_csbm",
    ImportExport => "import_export",
    ImportHistory => "import_history",
    VetRecipients => "vet_recipients",
    Analyse => "analyse",
    ManageReference => "manage_reference",
    ManageUsers => "manage_users",
    ReadAudit => "read_audit",
    Declassify => "declassify",
});

/// The permission matrix: each permission and the roles that hold it. Labels limit every
/// permission further: no one reads or writes above their clearance.
pub const PERMISSIONS: [(Permission, &[UserRole]); 15] = {
    use UserRole::*;
    const EVERYONE: &[UserRole] = &[
        Viewer,
        Planner,
        Approver,
        ForeignConcurrer,
        DevelopmentConcurrer,
        CsbmOfficer,
        Analyst,
        VettingOfficer,
        Administrator,
    ];
    [
        (Permission::ReadRecords, EVERYONE),
        (
            Permission::EditActivities,
            &[Planner, CsbmOfficer, Administrator],
        ),
        // Lifecycle moves short of approval (plan, complete, assess, postpone, cancel).
        (
            Permission::MoveActivities,
            &[Planner, Approver, Administrator],
        ),
        (Permission::ApproveActivities, &[Approver]),
        (Permission::ConcurForeign, &[ForeignConcurrer]),
        (Permission::ConcurDevelopment, &[DevelopmentConcurrer]),
        (Permission::ManageCsbm, &[CsbmOfficer]),
        (
            Permission::ImportExport,
            &[Planner, Analyst, CsbmOfficer, Administrator],
        ),
        // Bringing in activities past proposed, or statuses changed at their source: a
        // register's history, which skips the lifecycle and its gates.
        (Permission::ImportHistory, &[Administrator]),
        // Deciding a recipient's vetting (cleared or refused); anyone who edits
        // activities records recipients as pending.
        (Permission::VetRecipients, &[VettingOfficer]),
        (
            Permission::Analyse,
            &[Analyst, Planner, Approver, Administrator],
        ),
        (Permission::ManageReference, &[Administrator]),
        (Permission::ManageUsers, &[Administrator]),
        (Permission::ReadAudit, &[Approver, Administrator]),
        // Lowering a record's classification or widening its releasability: a decision on
        // the content, the owning nation's only (see `App::check_relabel`).
        (Permission::Declassify, &[Approver]),
    ]
};

/// Whether any of the roles holds the permission.
pub fn allows(roles: &[UserRole], permission: Permission) -> bool {
    PERMISSIONS
        .iter()
        .any(|(p, holders)| *p == permission && roles.iter().any(|r| holders.contains(r)))
}

/// The permission that moving an activity to `to` needs: approving is the approvers'
/// own; every other lifecycle move is `MoveActivities`.
pub fn permission_to_move(to: Status) -> Permission {
    match to {
        Status::Approved => Permission::ApproveActivities,
        _ => Permission::MoveActivities,
    }
}

/// The matrix as a Markdown table, roles across and permissions down, as the README shows it.
pub fn permission_table() -> String {
    let mut out = String::from("| permission |");
    for role in UserRole::ALL {
        out.push_str(&format!(" {role} |"));
    }
    out.push_str("\n| --- |");
    out.push_str(&" :-: |".repeat(UserRole::ALL.len()));
    for (permission, holders) in PERMISSIONS {
        out.push_str(&format!("\n| {permission} |"));
        for role in UserRole::ALL {
            out.push_str(if holders.contains(role) {
                " ✓ |"
            } else {
                "  |"
            });
        }
    }
    out.push('\n');
    out
}

/// An account: who, for which nation, cleared to which classification, with which roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct User {
    pub name: String,
    pub nation: PartnerCode,
    pub clearance: Classification,
    pub roles: Vec<UserRole>,
    pub disabled: bool,
}

impl User {
    /// Checks the account's own rules: a name of letters, digits, `.`, `_` or `-`, and at
    /// least one role.
    pub fn check(&self) -> Result<(), FieldError> {
        let name = &self.name;
        if !is_user_name(name) {
            return Err(FieldError::new(
                "name",
                format!("'{name}' is not a user name: 1 to 64 letters, digits, '.', '_' or '-'"),
            ));
        }
        if name.eq_ignore_ascii_case(CONSOLE) {
            return Err(FieldError::new(
                "name",
                format!("'{name}' is the console's name in the audit trail: choose another"),
            ));
        }
        if self.roles.is_empty() {
            return Err(FieldError::new("roles", "a user holds at least one role"));
        }
        Ok(())
    }

    pub fn can(&self, permission: Permission) -> bool {
        !self.disabled && allows(&self.roles, permission)
    }
}

/// Whether `name` is a user name: 1 to 64 letters, digits, `.`, `_` or `-`.
pub fn is_user_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
}

/// The shortest password accepted.
pub const MIN_PASSWORD: usize = 12;

pub fn check_password(password: &str) -> Result<(), FieldError> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(FieldError::new(
            "password",
            format!("at least {MIN_PASSWORD} characters"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_permission_is_in_the_matrix_once() {
        for permission in Permission::ALL {
            let rows = PERMISSIONS.iter().filter(|(p, _)| p == permission).count();
            assert_eq!(rows, 1, "{permission}");
        }
    }

    #[test]
    fn roles_grant_what_the_matrix_says() {
        use UserRole::*;
        assert!(allows(&[Approver], Permission::ApproveActivities));
        assert!(!allows(&[Planner], Permission::ApproveActivities));
        assert!(allows(&[Viewer], Permission::ReadRecords));
        assert!(!allows(&[Viewer], Permission::EditActivities));
        assert!(allows(&[Viewer, Planner], Permission::EditActivities));
        assert!(!allows(&[], Permission::ReadRecords));
        assert!(allows(&[ForeignConcurrer], Permission::ConcurForeign));
        assert!(!allows(&[ForeignConcurrer], Permission::ConcurDevelopment));
    }

    #[test]
    fn a_disabled_user_can_do_nothing() {
        let mut user = User {
            name: "ana.planner".into(),
            nation: PartnerCode::parse("nation", "GBR").unwrap(),
            clearance: Classification::Secret,
            roles: vec![UserRole::Planner],
            disabled: false,
        };
        assert!(user.check().is_ok() && user.can(Permission::EditActivities));
        user.disabled = true;
        assert!(!user.can(Permission::ReadRecords));
        user.name = "ana planner".into();
        assert_eq!(user.check().unwrap_err().field, "name");
    }

    #[test]
    fn the_readme_prints_the_matrix() {
        let readme = include_str!("../../../../README.md");
        assert!(
            readme.contains(&permission_table()),
            "README.md's permission table is out of date; it should read:\n{}",
            permission_table()
        );
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(check_password("short").is_err());
        assert!(check_password("a long enough one").is_ok());
    }
}
