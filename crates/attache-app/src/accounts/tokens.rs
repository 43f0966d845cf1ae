//! API tokens, for scripts: made by a signed-in user for themselves, shown once, kept only
//! as a hash, and good until they expire or their owner revokes them.

use attache_domain::FieldError;
use attache_domain::access::Actor;
use attache_store::ApiToken;
use attache_store::traits::*;
use chrono::{DateTime, Duration, Utc};

use crate::accounts::{generate_password, token_hash};
use crate::{App, Result};

/// A token lasts this long unless its owner asks for less.
pub const TOKEN_DAYS: u32 = 90;
/// And never longer than this.
pub const TOKEN_MAX_DAYS: u32 = 366;
/// Tokens start with this, so that a leaked one is easy to recognise in logs and code.
const PREFIX: &str = "attache_";

impl App {
    /// Makes an API token for the actor; gives the token itself (never stored) and its
    /// record.
    pub async fn issue_token(
        &self,
        label: &str,
        days: Option<u32>,
        actor: &Actor,
    ) -> Result<(String, ApiToken)> {
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 80 {
            return Err(FieldError::new("label", "required, at most 80 characters").into());
        }
        let days = days.unwrap_or(TOKEN_DAYS);
        if !(1..=TOKEN_MAX_DAYS).contains(&days) {
            return Err(FieldError::new(
                "days",
                format!("a token lasts from 1 to {TOKEN_MAX_DAYS} days"),
            )
            .into());
        }
        let token = format!("{PREFIX}{}{}", generate_password(), generate_password());
        let expires = actor.at + Duration::days(i64::from(days));
        let record = self
            .store()
            .add_api_token(&token_hash(&token), label, expires, actor)
            .await?;
        Ok((token, record))
    }

    pub async fn tokens(&self, actor: &Actor) -> Result<Vec<ApiToken>> {
        Ok(self.store().api_tokens(&actor.name).await?)
    }

    pub async fn revoke_token(&self, id: i64, actor: &Actor) -> Result<()> {
        Ok(self.store().revoke_api_token(id, actor).await?)
    }

    /// The actor of an API token, at `at`; refused once it expired or was revoked, or the
    /// account was disabled.
    pub async fn token_actor(&self, token: &str, at: DateTime<Utc>) -> Result<Actor> {
        let refused = "the API token is unknown, expired or revoked";
        self.credential_actor(token, at, refused, async |hash| {
            self.store().token_user(hash, at).await
        })
        .await
    }
}
