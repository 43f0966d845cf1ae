//! Attaché's domain: the types, rules and validation of defence engagement.
//!
//! This crate does no I/O and reads no clock: time and reference data come in as
//! parameters, so every rule can be tested on its own. Values of its types are valid by
//! construction ("parse, don't validate"): the parsing happens at the edges.

#[macro_use]
mod vocabulary;

pub mod access;
pub mod activity;
pub mod ame;
pub mod category;
pub mod code;
pub mod coordination;
pub mod datasets;
pub mod error;
pub mod interchange;
pub mod label;
pub mod money;
pub mod query;
pub mod records;
pub mod status;
pub mod stored;

pub use activity::{Activity, ActivityInput, Location, Participant, Role, ValidationContext};
pub use category::{Category, Nature};
pub use code::{CurrencyCode, PartnerCode};
pub use error::{FieldError, FieldErrors};
pub use label::{Classification, SecurityLabel};
pub use money::{Amount, Money};
pub use status::Status;
pub use stored::{RecordMeta, StatusChange, Stored};
