//! Restrictions on partners (sanctions, embargoes): listed, added all or none with every
//! fault named by its position, changed and removed by administrators.

use attache_domain::access::{Actor, Permission};
use attache_domain::coordination::Restriction;
use attache_domain::{FieldError, FieldErrors, PartnerCode};
use attache_store::Added;
use attache_store::traits::*;

use crate::error::require;
use crate::{App, AppError, Result};

impl App {
    pub async fn restrictions(
        &self,
        partner: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> Result<Vec<(i64, Restriction)>> {
        require(viewer, Permission::ReadRecords)?;
        Ok(self.store().restrictions(partner).await?)
    }

    /// Adds restrictions, all or none; each is checked first and a bad one is named by
    /// its position (`at(i)` says how: a file's line, a list's index). One already
    /// recorded is not recorded again.
    pub async fn add_restrictions(
        &self,
        restrictions: &[Restriction],
        at: impl Fn(usize) -> String,
        actor: &Actor,
    ) -> Result<Vec<Added>> {
        require(actor, Permission::ManageReference)?;
        self.check_restrictions(restrictions, at).await?;
        Ok(self.store().add_restrictions(restrictions, actor).await?)
    }

    /// Every broken rule of the restrictions, each named by its position.
    async fn check_restrictions(
        &self,
        restrictions: &[Restriction],
        at: impl Fn(usize) -> String,
    ) -> Result<()> {
        let mut errors = Vec::new();
        for (i, r) in restrictions.iter().enumerate() {
            let mut found: Vec<FieldError> = r.check().err().into_iter().collect();
            found.extend(self.unknown_partner(&r.partner).await?);
            for e in found {
                errors.push(FieldError::new("restrictions", format!("{}: {e}", at(i))));
            }
        }
        match errors.is_empty() {
            true => Ok(()),
            false => Err(FieldErrors(errors).into()),
        }
    }

    /// Why a restriction cannot name this partner (not in the register), if it cannot: for
    /// a file's reader to report it with the line's other faults.
    pub async fn unknown_partner(&self, partner: &PartnerCode) -> Result<Option<FieldError>> {
        match self.check_known("partner", &[partner]).await {
            Ok(()) => Ok(None),
            Err(AppError::Invalid(unknown)) => Ok(unknown.0.into_iter().next()),
            Err(e) => Err(e),
        }
    }

    /// Changes a restriction (administrators), checked as when it was added.
    pub async fn edit_restriction(
        &self,
        id: i64,
        restriction: &Restriction,
        actor: &Actor,
    ) -> Result<()> {
        require(actor, Permission::ManageReference)?;
        let one = std::slice::from_ref(restriction);
        self.check_restrictions(one, |_| format!("restriction {id}"))
            .await?;
        Ok(self
            .store()
            .update_restriction(id, restriction, actor)
            .await?)
    }

    /// Removes a restriction (administrators): lifted early, or entered by mistake.
    pub async fn delete_restriction(&self, id: i64, actor: &Actor) -> Result<()> {
        require(actor, Permission::ManageReference)?;
        Ok(self.store().delete_restriction(id, actor).await?)
    }
}
