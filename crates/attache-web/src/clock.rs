//! Where the server reads the time: the system's clock when it serves, or a clock that a
//! test sets and moves through the library (`Server::clock`). No flag of the binary
//! changes it, so a deployment always runs on the real time.

use std::sync::{Arc, PoisonError, RwLock};

use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Default)]
pub struct Clock(Option<Arc<RwLock<DateTime<Utc>>>>);

impl Clock {
    /// The system's clock.
    pub fn system() -> Clock {
        Clock(None)
    }

    /// A clock that stands at `at` until it is set again.
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock(Some(Arc::new(RwLock::new(at))))
    }

    /// Moves a fixed clock to `at`; the system's clock cannot be moved, and is left alone.
    pub fn set(&self, at: DateTime<Utc>) {
        if let Some(time) = &self.0 {
            *time.write().unwrap_or_else(PoisonError::into_inner) = at;
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &self.0 {
            None => Utc::now(),
            Some(time) => *time.read().unwrap_or_else(PoisonError::into_inner),
        }
    }
}
