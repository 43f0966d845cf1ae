//! A fingerprint of an activity's content, stable across releases and machines, so that a
//! re-import can tell an unchanged row without loading it: xxh3 (its output is fixed by its
//! specification; std's hasher may change between Rust releases) over the activity's
//! interchange cells (`ActivityInput::cells`), each followed by 0x1F. The cells are written
//! straight into the hasher rather than built as strings first: an import hashes every row.

use std::fmt::{self, Write};

use attache_domain::Activity;
use attache_domain::interchange::LIST_SEPARATOR;
use xxhash_rust::xxh3::Xxh3;

/// Ends a cell. It never occurs in a valid activity's text.
const CELL_END: u8 = 0x1f;

struct Cells(Xxh3);

impl Write for Cells {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

impl Cells {
    fn cell(&mut self, value: impl fmt::Display) {
        // Writing into a hasher cannot fail.
        let _ = write!(self, "{value}");
        self.0.update(&[CELL_END]);
    }

    /// A list cell: the items joined by `;`.
    fn list<T: fmt::Display>(&mut self, items: impl IntoIterator<Item = T>) {
        for (n, item) in items.into_iter().enumerate() {
            if n > 0 {
                let _ = self.write_char(LIST_SEPARATOR);
            }
            let _ = write!(self, "{item}");
        }
        self.0.update(&[CELL_END]);
    }
}

/// The cells in `interchange::COLUMNS` order, as `ActivityInput::from` gives them.
pub(crate) fn content_hash(a: &Activity) -> i64 {
    let mut cells = Cells(Xxh3::new());
    cells.cell(&a.external_id);
    cells.cell(&a.title);
    cells.cell(a.category);
    cells.cell(a.status);
    cells.cell(a.start);
    cells.cell(a.end);
    cells.cell(&a.host);
    cells.list(a.participants.iter().map(|p| {
        // A guest (or the host) is written as its bare code.
        let role = match p.role {
            attache_domain::activity::Role::Guest | attache_domain::activity::Role::Host => "",
            role => role.as_str(),
        };
        Participant(p.partner.as_str(), role)
    }));
    let name = a.location.as_ref().map_or("", |l| l.name.as_str());
    let coordinates = a.location.as_ref().and_then(|l| l.coordinates);
    cells.cell(name);
    cells.cell(Optional(coordinates.map(|c| c.0)));
    cells.cell(Optional(coordinates.map(|c| c.1)));
    cells.list(&a.objectives);
    cells.list(&a.assets);
    cells.cell(Optional(a.cost.as_ref().map(|m| &m.amount)));
    cells.cell(Optional(a.cost.as_ref().map(|m| &m.currency)));
    cells.cell(a.label.classification);
    cells.list(&a.label.releasable_to);
    cells.cell(&a.description);
    cells.cell(&a.outcome);
    cells.cell(&a.source);
    // `nature` is not kept: an empty cell.
    cells.cell("");
    // Stored as a signed 64-bit integer, the widest both databases share.
    i64::from_ne_bytes(cells.0.digest().to_ne_bytes())
}

/// `CODE` or `CODE:role`, as `Participant::to_text`.
struct Participant<'a>(&'a str, &'a str);

impl fmt::Display for Participant<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            "" => f.write_str(self.0),
            role => write!(f, "{}:{role}", self.0),
        }
    }
}

/// A value, or an empty cell.
struct Optional<T>(Option<T>);

impl<T: fmt::Display> fmt::Display for Optional<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(value) => value.fmt(f),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use attache_domain::{ActivityInput, Classification, ValidationContext};

    use super::*;

    /// The definition: the hash of the interchange cells, built as strings.
    fn by_cells(activity: &Activity) -> i64 {
        let mut hasher = Xxh3::new();
        for cell in ActivityInput::from(activity).cells() {
            hasher.update(cell.as_bytes());
            hasher.update(&[CELL_END]);
        }
        i64::from_ne_bytes(hasher.digest().to_ne_bytes())
    }

    #[test]
    fn the_hash_is_that_of_the_interchange_cells() {
        let set = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect();
        let ctx = ValidationContext {
            our_nation: attache_domain::PartnerCode::parse("nation", "GBR").unwrap(),
            clearance: Classification::Secret,
            partners: set(&["GBR", "SGP", "USA", "FRA"]),
            objectives: set(&["mso", "cbm"]),
            objective_labels: Default::default(),
            currencies: set(&["GBP"]),
        };
        let full = ActivityInput {
            source: "fleet-db".into(),
            external_id: "X-1".into(),
            title: "Port call".into(),
            category: "ship_visit".into(),
            status: "planned".into(),
            start_date: "2027-03-14".into(),
            end_date: "2027-03-16".into(),
            host: "SGP".into(),
            participants: vec!["GBR".into(), "USA:observer".into(), "FRA:lead".into()],
            location: "Changi".into(),
            latitude: "1.32".into(),
            longitude: "104.01".into(),
            objectives: vec!["mso".into(), "cbm".into()],
            assets: vec!["HMS Spey".into()],
            cost_amount: "12500.5".into(),
            cost_currency: "GBP".into(),
            classification: "official_sensitive".into(),
            releasable_to: vec!["USA".into(), "FRA".into()],
            description: "A visit; with \"quotes\".".into(),
            outcome: "Done.".into(),
            ..ActivityInput::default()
        };
        let bare = ActivityInput {
            category: "staff_talks".into(),
            participants: vec!["SGP".into()],
            location: String::new(),
            latitude: String::new(),
            longitude: String::new(),
            objectives: Vec::new(),
            assets: Vec::new(),
            cost_amount: String::new(),
            cost_currency: String::new(),
            releasable_to: Vec::new(),
            classification: "official".into(),
            ..full.clone()
        };
        for input in [full, bare] {
            let activity = input.validate(&ctx).unwrap();
            assert_eq!(content_hash(&activity), by_cells(&activity), "{input:?}");
        }
    }
}
