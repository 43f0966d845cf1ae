//! The register's endpoints: activities (list, count, create, show, replace, move) and
//! their export.

pub mod activities;
pub mod export;
