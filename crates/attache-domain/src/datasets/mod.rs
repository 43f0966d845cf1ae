//! External data sets: records of international defence activities that Attaché did not
//! make (a research data set, another ministry's list), read through a mapping file that
//! says which column is what. Kept apart from the register's activities, under their own
//! label and source; the measures run on them as on the register.

pub mod date;
pub mod mapping;

use chrono::NaiveDate;
use serde::Serialize;

use crate::{Category, PartnerCode};

pub use date::{DateRules, PartialDate, Precision, SlashOrder};
pub use mapping::{Mapper, Mapping, RowError};

/// One row of a data set, mapped: when (as precisely as the source says), what, who.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DatasetEvent {
    /// The source's own id of the row: a re-import matches rows by it.
    pub external_id: String,
    /// The first day of what the source says: a month's first day when only the month is
    /// known, the year's first day when only the year is.
    pub date: NaiveDate,
    pub precision: Precision,
    pub category: Category,
    /// Sorted and without repeats.
    pub participants: Vec<PartnerCode>,
}
