//! Whole-of-government coordination: the checks that keep an activity coherent across
//! government and within the law before it is approved or recorded as carried out.
//!
//! Each module holds one rule set, purely (today comes in as a parameter):
//! `concurrence` (which ministries must concur, their answers, what a substance change
//! resets), `clearance` (diplomatic clearances for warship and military aircraft visits),
//! `vetting` (recipients of training and exchanges), `restriction` (embargoes and
//! sanctions). `gate` puts them together into what blocks approval or completion.
//! Coercion stays the one rule of `Nature::check_is_diplomacy`; a visit carried out
//! without clearance is flagged with that rule's reason.

pub mod clearance;
pub mod concurrence;
pub mod gate;
pub mod restriction;
pub mod vetting;

pub use clearance::{ClearanceKind, ClearanceRequest, ClearanceStatus, LeadTimes};
pub use concurrence::{Answer, ConcurrenceRule, Condition, Ministry, Verdict};
pub use gate::{Check, Coordination};
pub use restriction::{Restriction, RestrictionScope};
pub use vetting::{Recipient, VettingStatus};
