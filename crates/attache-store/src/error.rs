//! The store's errors: what callers can act on (not found, conflict, schema) apart from the
//! rest.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{what} not found")]
    NotFound { what: String },
    /// Someone else changed the record first, or it already exists.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The database's schema does not match this binary.
    #[error("{0}")]
    Schema(String),
    /// A stored value that the domain refuses: the database was changed by hand.
    #[error("corrupt record {record}: {reason}")]
    Corrupt { record: String, reason: String },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl StoreError {
    pub fn not_found(what: impl Into<String>) -> Self {
        StoreError::NotFound { what: what.into() }
    }

    pub fn corrupt(record: impl Into<String>, reason: impl ToString) -> Self {
        StoreError::Corrupt {
            record: record.into(),
            reason: reason.to_string(),
        }
    }
}
