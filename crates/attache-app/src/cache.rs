//! Rendered answers kept while the register does not change: a list that many users open
//! again and again is then read from the database once per change, not once per request.
//!
//! An answer is kept per security view (nation and clearance: two users with the same see
//! the same records) and per question, with the store's change marker as it was before the
//! answer was read; it is given only while the marker is still that. The marker moves with
//! every audited change, by any process (`Store::change_marker`). The server watches it
//! (`App::watch_changes`) and reads it again after each of its own writes, so a user sees
//! their change at once and other processes' changes within the watch's interval; without
//! the watch, the marker is read for each question.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use std::time::Instant;

use attache_domain::access::Actor;
use attache_domain::access::User;
use attache_domain::{Classification, PartnerCode};

/// Beyond this many answers the cache starts afresh: a bound on memory, cheap to keep.
const MAX_ENTRIES: usize = 4096;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    nation: PartnerCode,
    clearance: Classification,
    console: bool,
    question: String,
}

impl Key {
    fn new(viewer: &Actor, question: &str) -> Self {
        Key {
            nation: viewer.nation.clone(),
            clearance: viewer.clearance,
            console: viewer.console,
            question: question.to_owned(),
        }
    }
}

type Gate = Arc<tokio::sync::Mutex<()>>;
/// An answer, with the change marker it was read under.
type Kept = (i64, Arc<[u8]>);

#[derive(Debug, Default)]
pub struct AnswerCache {
    entries: Mutex<HashMap<Key, Kept>>,
    /// One reader per question at a time: when many ask at once after a change, one reads
    /// the database and the others wait for its answer.
    gates: Mutex<HashMap<Key, Gate>>,
}

impl AnswerCache {
    pub fn get(&self, viewer: &Actor, question: &str, marker: i64) -> Option<Arc<[u8]>> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        match entries.get(&Key::new(viewer, question)) {
            Some((kept, answer)) if *kept == marker => Some(Arc::clone(answer)),
            _ => None,
        }
    }

    pub fn put(&self, viewer: &Actor, question: &str, marker: i64, answer: Arc<[u8]>) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(Key::new(viewer, question), (marker, answer));
    }

    /// The gate of a question: hold its lock while reading the answer.
    pub fn gate(&self, viewer: &Actor, question: &str) -> Gate {
        let mut gates = self.gates.lock().unwrap_or_else(PoisonError::into_inner);
        if gates.len() >= MAX_ENTRIES {
            // Gates held now stay valid for their holders: they own their `Arc`.
            gates.clear();
        }
        Arc::clone(gates.entry(Key::new(viewer, question)).or_default())
    }
}

/// How long a signed-in session or token is taken as checked, at most. Ending a session on
/// this server forgets it at once, and disabling an account or revoking a token is a change
/// of the register (which forgets every check); this bounds only a session ended by another
/// server.
const RECHECK: std::time::Duration = std::time::Duration::from_secs(1);

/// The accounts of recently checked sessions and tokens, by the hash of their token, with
/// the change marker and the time of the check.
#[derive(Debug, Default)]
pub struct CredentialCache {
    entries: Mutex<HashMap<String, (User, i64, Instant)>>,
}

impl CredentialCache {
    pub fn get(&self, hash: &str, marker: i64) -> Option<User> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        match entries.get(hash) {
            Some((user, kept, checked)) if *kept == marker && checked.elapsed() < RECHECK => {
                Some(user.clone())
            }
            _ => None,
        }
    }

    pub fn put(&self, hash: String, marker: i64, user: User) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(hash, (user, marker, Instant::now()));
    }

    pub fn forget(&self, hash: &str) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.remove(hash);
    }
}
