//! The records' pages: partners (list and one partner's page).

pub mod partners;
