//! What a reader asks the register for: the filters of activity and partner lists, how
//! engagement is counted, the sort, and keyset paging.

use chrono::NaiveDate;

use crate::activity::Activity;
use crate::category::Category;
use crate::code::PartnerCode;
use crate::coordination::concurrence::Ministry;
use crate::records::PartnerKind;
use crate::status::Status;
use crate::stored::Stored;

/// The filters of `activity list`, the API and exports. An activity matches a date range
/// when it overlaps it.
#[derive(Debug, Clone, Default)]
pub struct ActivityFilter {
    pub partner: Option<PartnerCode>,
    pub category: Option<Category>,
    pub status: Option<Status>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Words found in the title, description, location or outcome, any case.
    pub text: Option<String>,
    /// Only engagement: leaves out visits flagged as coercive presence (carried out
    /// without clearance), for every engagement count and chart.
    pub engagement_only: bool,
    /// Only activities this ministry has neither concurred on nor objected to (a reset
    /// answer does not count): the candidates of its inbox.
    pub unanswered_by: Option<Ministry>,
}

/// What engagement is counted by (`Store::engagement_counts`): one count per category or
/// per period, of the activities an `ActivityFilter` selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tally {
    /// One count per category, in the order of `Category::ALL`.
    ByCategory,
    /// One count per period (its first and last day), of the activities that overlap it:
    /// an activity over two periods counts in both.
    ByPeriod(Vec<(NaiveDate, NaiveDate)>),
}

#[derive(Debug, Clone, Default)]
pub struct PartnerFilter {
    pub kind: Option<PartnerKind>,
    pub region: Option<String>,
    /// Part of the code or the name, any case.
    pub search: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortField {
    #[default]
    Start,
    Title,
    Category,
    Status,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    pub field: SortField,
    pub descending: bool,
}

/// The sort key of the last row seen, for keyset paging (stable under inserts).
#[derive(Debug, Clone, PartialEq)]
pub enum SortKey {
    Date(NaiveDate),
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    pub key: SortKey,
    pub id: i64,
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub after: Option<Cursor>,
    /// At most this many rows; `None` for all.
    pub limit: Option<u32>,
}

impl Cursor {
    /// The cursor that continues after this activity in the given sort.
    pub fn after(activity: &Stored<Activity>, sort: Sort) -> Cursor {
        let a = &activity.record;
        let key = match sort.field {
            SortField::Start => SortKey::Date(a.start),
            SortField::Title => SortKey::Text(a.title.clone()),
            SortField::Category => SortKey::Text(a.category.to_string()),
            SortField::Status => SortKey::Text(a.status.to_string()),
        };
        Cursor {
            key,
            id: activity.meta.id,
        }
    }
}
