//! What can go wrong in a use case: the caller's mistakes (invalid input, a rule, a
//! conflict, something not found) apart from ours (storage, files).

use attache_domain::{FieldError, FieldErrors};
use attache_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("invalid input: {0}")]
    Invalid(FieldErrors),
    #[error("{0} not found")]
    NotFound(String),
    /// No one is signed in, or the sign-in was refused.
    #[error("{0}")]
    Unauthorized(String),
    /// The actor's roles do not grant the permission.
    #[error("not permitted: {0} needs a role that holds it")]
    Forbidden(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Setup(String),
    #[error("{path}: {reason}")]
    File { path: String, reason: String },
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { what } => AppError::NotFound(what),
            StoreError::Conflict(why) => AppError::Conflict(why),
            StoreError::Schema(why) => AppError::Setup(why),
            other => AppError::Store(other),
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Invalid(e)
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Invalid(FieldErrors(vec![e]))
    }
}

/// Refuses an actor whose roles do not grant the permission (`access::PERMISSIONS`).
pub fn require(
    actor: &attache_domain::access::Actor,
    permission: attache_domain::access::Permission,
) -> Result<(), AppError> {
    actor
        .require(permission)
        .map_err(|refused| AppError::Forbidden(refused.to_string()))
}
