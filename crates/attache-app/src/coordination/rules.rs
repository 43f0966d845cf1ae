//! The concurrence table: which ministry must concur on what, and how long before the
//! start; read by anyone, kept by administrators.

use attache_domain::FieldError;
use attache_domain::PartnerCode;
use attache_domain::access::{Actor, Permission};
use attache_domain::coordination::concurrence::{self, ConcurrenceRule};
use attache_store::traits::*;

use crate::error::require;
use crate::{App, Result};

impl App {
    pub async fn concurrence_rules(&self, viewer: &Actor) -> Result<Vec<ConcurrenceRule>> {
        require(viewer, Permission::ReadRecords)?;
        Ok(self.store().concurrence_rules().await?)
    }

    pub async fn set_concurrence_rules(
        &self,
        rules: &[ConcurrenceRule],
        actor: &Actor,
    ) -> Result<()> {
        require(actor, Permission::ManageReference)?;
        for (n, rule) in rules.iter().enumerate() {
            rule.check().map_err(|e| {
                attache_domain::FieldError::new(e.field, format!("rule {}: {}", n + 1, e.reason))
            })?;
        }
        let partners: Vec<&PartnerCode> = rules
            .iter()
            .filter_map(|r| match &r.condition {
                concurrence::Condition::Partner(code) => Some(code),
                _ => None,
            })
            .collect();
        self.check_known("condition", &partners).await?;
        Ok(self.store().replace_concurrence_rules(rules, actor).await?)
    }

    /// Adds a rule at the end of the concurrence table.
    pub async fn add_concurrence_rule(&self, rule: ConcurrenceRule, actor: &Actor) -> Result<()> {
        require(actor, Permission::ManageReference)?;
        let mut rules = self.store().concurrence_rules().await?;
        rules.push(rule);
        self.set_concurrence_rules(&rules, actor).await
    }

    /// Removes the rule at `number` (from 1, in the table's order); gives it back.
    pub async fn remove_concurrence_rule(
        &self,
        number: usize,
        actor: &Actor,
    ) -> Result<ConcurrenceRule> {
        require(actor, Permission::ManageReference)?;
        let mut rules = self.store().concurrence_rules().await?;
        if number == 0 || number > rules.len() {
            return Err(FieldError::new(
                "rule",
                format!("there is no rule {number}: the table has {}", rules.len()),
            )
            .into());
        }
        let removed = rules.remove(number - 1);
        self.set_concurrence_rules(&rules, actor).await?;
        Ok(removed)
    }
}
