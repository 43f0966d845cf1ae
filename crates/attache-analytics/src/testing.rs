//! Small builders the unit tests share.
#![allow(clippy::unwrap_used)]

use attache_domain::{Category, Classification, Nature, PartnerCode, Status};
use chrono::NaiveDate;

use crate::counted::{Counted, Record};

pub fn code(raw: &str) -> PartnerCode {
    PartnerCode::parse("code", raw).unwrap()
}

pub fn record(category: Category, start: &str, participants: &[&str]) -> Record {
    Record {
        category,
        nature: Nature::Engagement,
        coercive_presence: false,
        status: Status::Completed,
        start: NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap(),
        participants: participants.iter().map(|c| code(c)).collect(),
        classification: Classification::Official,
    }
}

pub fn counted(rows: &[(Category, &str, &[&str])]) -> Vec<Counted> {
    Counted::select(rows.iter().map(|(c, s, p)| record(*c, s, p)))
}
