//! The mapping file: how an external data set's columns become [`DatasetEvent`]s, written
//! by an analyst as JSON, without changing code (the README shows one).
//!
//! [`Mapping`] is the file as written; [`Mapper`] is the mapping checked against a file's
//! header and the reference data's country names, ready to map rows. Every problem with
//! the mapping is reported at once; a row that cannot be mapped is an error naming the
//! column and why, never dropped or guessed.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

use super::DatasetEvent;
use super::date::{DateRules, LATEST_YEAR, PartialDate, SlashOrder};
use crate::records::Partner;
use crate::{Category, Classification, FieldErrors, PartnerCode, SecurityLabel};

/// A mapping file, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The data set's name in Attaché, unless the import names it.
    #[serde(default)]
    pub name: Option<String>,
    /// The citation of the data set: who made it, where it was published.
    pub source: String,
    /// The classification of the whole data set, and the nations it is releasable to.
    pub classification: String,
    #[serde(default)]
    pub releasable_to: Vec<String>,
    /// The column holding each row's own id.
    pub id: String,
    pub date: DateColumns,
    pub participants: ParticipantColumns,
    pub category: CategoryColumn,
    /// Names the source uses for states (or their numeric codes, such as the Correlates of
    /// War's `ccode`), each to an ISO 3166-1 alpha-3 code or a reference name.
    #[serde(default)]
    pub aliases: BTreeMap<String, String>,
    /// Cells that mean "nothing here" besides an empty one, such as `-9` or `NA`.
    #[serde(default)]
    pub missing: Vec<String>,
}

/// Where the date is: one column, or separate year, month and day columns.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateColumns {
    #[serde(default)]
    pub column: Option<String>,
    #[serde(default)]
    pub year: Option<String>,
    #[serde(default)]
    pub month: Option<String>,
    #[serde(default)]
    pub day: Option<String>,
    /// `mdy` (the default) or `dmy`, for dates written with slashes.
    #[serde(default)]
    pub order: SlashOrder,
    /// Two-digit years are the latest year ending in them not after this one (2029).
    #[serde(default = "latest_year")]
    pub latest_year: i32,
}

fn latest_year() -> i32 {
    LATEST_YEAR
}

/// The participants' columns: named ones, and every column named the prefix and a number
/// (`participant1` … `participant12`), in the number's order.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParticipantColumns {
    #[serde(default)]
    pub columns: Vec<String>,
    #[serde(default)]
    pub prefix: Option<String>,
}

/// The category: a column's values mapped to Attaché's categories; `default` for a value
/// the map lacks (without it, such a row is an error), or for every row without a column.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryColumn {
    #[serde(default)]
    pub column: Option<String>,
    #[serde(default)]
    pub map: BTreeMap<String, String>,
    #[serde(default)]
    pub default: Option<String>,
}

impl Mapping {
    /// Reads a mapping file's text; the error names the line and column of a mistake.
    pub fn from_json(text: &str) -> Result<Mapping, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// The data set's label, checked.
    pub fn label(&self) -> Result<SecurityLabel, FieldErrors> {
        let mut errors = FieldErrors::default();
        let classification = errors.take(Classification::parse(
            "classification",
            &self.classification,
        ));
        let nations: Vec<PartnerCode> = self
            .releasable_to
            .iter()
            .filter_map(|n| errors.take(PartnerCode::parse("releasable_to", n)))
            .collect();
        match classification {
            Some(c) if errors.is_empty() => {
                errors.take(SecurityLabel::new(c, nations)).ok_or(errors)
            }
            _ => Err(errors),
        }
    }
}

/// A row that cannot be mapped: the column (as the file names it) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub column: String,
    pub reason: String,
}

#[derive(Debug)]
enum DateSource {
    Column(usize),
    Parts {
        year: usize,
        month: Option<usize>,
        day: Option<usize>,
    },
}

/// A mapping checked against a file's header, ready to map its rows.
#[derive(Debug)]
pub struct Mapper {
    headers: Vec<String>,
    id: usize,
    date: DateSource,
    rules: DateRules,
    participants: Vec<usize>,
    category: Option<usize>,
    /// The category map by lower-case source value.
    categories: HashMap<String, Category>,
    default_category: Option<Category>,
    /// Every name, code and alias that names a partner, in lower case.
    partners: HashMap<String, PartnerCode>,
    missing: HashSet<String>,
}

impl Mapper {
    /// Checks the mapping against the header (every column it names must be there) and
    /// the reference partners (every alias must name one), reporting every problem.
    pub fn new(
        mapping: &Mapping,
        headers: &[&str],
        reference: &[Partner],
    ) -> Result<Mapper, FieldErrors> {
        let mut errors = FieldErrors::default();
        let headers: Vec<String> = headers.iter().map(|h| h.trim().to_owned()).collect();
        let column = |errors: &mut FieldErrors, field: &'static str, name: &str| {
            let found = headers.iter().position(|h| h == name.trim());
            if found.is_none() {
                errors.push(
                    field,
                    format!(
                        "the file has no column '{name}' (its columns: {})",
                        headers.join(", ")
                    ),
                );
            }
            found
        };
        let id = column(&mut errors, "id", &mapping.id);
        let d = &mapping.date;
        let date = match (&d.column, &d.year) {
            (Some(c), None) if d.month.is_none() && d.day.is_none() => {
                column(&mut errors, "date.column", c).map(DateSource::Column)
            }
            (None, Some(y)) => {
                let year = column(&mut errors, "date.year", y);
                let month = d
                    .month
                    .as_ref()
                    .map(|m| column(&mut errors, "date.month", m));
                let day = d.day.as_ref().map(|m| column(&mut errors, "date.day", m));
                match (year, month.flatten(), day.flatten()) {
                    (Some(year), month, day) if month.is_some() || d.month.is_none() => {
                        Some(DateSource::Parts { year, month, day })
                    }
                    _ => None,
                }
            }
            _ => {
                errors.push(
                    "date",
                    "give either \"column\" (a date in one column) or \"year\" (with \
                     \"month\" and \"day\" if the source has them), not both",
                );
                None
            }
        };
        let p = &mapping.participants;
        let mut participants: Vec<usize> = p
            .columns
            .iter()
            .filter_map(|c| column(&mut errors, "participants.columns", c))
            .collect();
        if let Some(prefix) = &p.prefix {
            let mut numbered: Vec<(u32, usize)> = headers
                .iter()
                .enumerate()
                .filter_map(|(i, h)| Some((h.strip_prefix(prefix.as_str())?.parse().ok()?, i)))
                .collect();
            numbered.sort();
            if numbered.is_empty() {
                errors.push(
                    "participants.prefix",
                    format!("the file has no column named '{prefix}' and a number"),
                );
            }
            participants.extend(numbered.into_iter().map(|(_, i)| i));
        }
        if p.columns.is_empty() && p.prefix.is_none() {
            errors.push(
                "participants",
                "give \"columns\" (a list) or \"prefix\" (for participant1, participant2, …)",
            );
        }
        let c = &mapping.category;
        let category = c
            .column
            .as_ref()
            .and_then(|name| column(&mut errors, "category.column", name));
        let mut categories = HashMap::new();
        for (value, target) in &c.map {
            match Category::parse("category.map", target) {
                Ok(category) => {
                    categories.insert(value.trim().to_lowercase(), category);
                }
                Err(e) => errors.push("category.map", format!("\"{value}\": {}", e.reason)),
            }
        }
        let default_category = c
            .default
            .as_ref()
            .and_then(|d| errors.take(Category::parse("category.default", d)));
        if c.column.is_none() && c.default.is_none() {
            errors.push(
                "category",
                "give \"column\" (with its \"map\") or a \"default\" for every row",
            );
        }
        let partners = partner_names(reference, &mapping.aliases, &mut errors);
        if !mapping.latest_year_ok() {
            errors.push("date.latest_year", "give a four-digit year");
        }
        match (id, date, errors.is_empty()) {
            (Some(id), Some(date), true) => Ok(Mapper {
                headers,
                id,
                date,
                rules: DateRules {
                    order: d.order,
                    latest_year: d.latest_year,
                },
                participants,
                category,
                categories,
                default_category,
                partners,
                missing: mapping
                    .missing
                    .iter()
                    .map(|m| m.trim().to_owned())
                    .collect(),
            }),
            _ => Err(errors),
        }
    }

    /// Maps one row (its cells in the header's order), or says every reason it cannot be.
    pub fn map(&self, row: &[&str]) -> Result<DatasetEvent, Vec<RowError>> {
        let mut errors = Vec::new();
        let mut fail = |index: usize, reason: String| {
            errors.push(RowError {
                column: self.headers[index].clone(),
                reason,
            });
        };
        let cell = |index: usize| -> Option<&str> {
            let value = row.get(index).map_or("", |c| c.trim());
            (!value.is_empty() && !self.missing.contains(value)).then_some(value)
        };
        let external_id = cell(self.id).map(str::to_owned);
        if external_id.is_none() {
            fail(self.id, "the row has no id".into());
        }
        let date = match self.date {
            DateSource::Column(i) => match cell(i) {
                Some(raw) => PartialDate::parse(raw, &self.rules).map_err(|e| (i, e)),
                None => Err((i, "the row has no date".into())),
            },
            DateSource::Parts { year, month, day } => PartialDate::from_parts(
                cell(year).unwrap_or(""),
                month.and_then(cell),
                day.and_then(cell),
                &self.rules,
            )
            .map_err(|e| (year, e)),
        };
        let date = date.map_err(|(i, e)| fail(i, e)).ok();
        let category = self.category(&cell).map_err(|(i, e)| fail(i, e)).ok();
        let mut participants = Vec::new();
        for &i in &self.participants {
            let Some(name) = cell(i) else { continue };
            match self.partners.get(&name.to_lowercase()) {
                Some(code) => participants.push(code.clone()),
                None => fail(
                    i,
                    format!(
                        "'{name}' is not a country name or ISO code in the reference data, \
                         nor an alias in the mapping"
                    ),
                ),
            }
        }
        if participants.is_empty() && errors.is_empty() {
            let columns: Vec<&str> = self
                .participants
                .iter()
                .map(|&i| &*self.headers[i])
                .collect();
            errors.push(RowError {
                column: columns.join(", "),
                reason: "the row has no participant".into(),
            });
        }
        participants.sort();
        participants.dedup();
        match (external_id, date, category, errors.is_empty()) {
            (Some(external_id), Some(date), Some(category), true) => Ok(DatasetEvent {
                external_id,
                date: date.date,
                precision: date.precision,
                category,
                participants,
            }),
            _ => Err(errors),
        }
    }

    fn category<'a>(
        &self,
        cell: &impl Fn(usize) -> Option<&'a str>,
    ) -> Result<Category, (usize, String)> {
        let Some(i) = self.category else {
            // `new` refuses a mapping with neither a column nor a default.
            return self.default_category.ok_or((self.id, "no category".into()));
        };
        let value = cell(i);
        let mapped = value.and_then(|v| self.categories.get(&v.to_lowercase()).copied());
        match (mapped.or(self.default_category), value) {
            (Some(category), _) => Ok(category),
            (None, Some(v)) => Err((
                i,
                format!("'{v}' is not in the mapping's category map, and it gives no default"),
            )),
            (None, None) => Err((
                i,
                "the row has no category, and the mapping gives no default".into(),
            )),
        }
    }
}

impl Mapping {
    fn latest_year_ok(&self) -> bool {
        (1000..=9999).contains(&self.date.latest_year)
    }
}

/// Every way of naming a partner: alpha-3 and organisation codes, alpha-2 codes, names,
/// then the mapping's aliases (which win), all in lower case.
fn partner_names(
    reference: &[Partner],
    aliases: &BTreeMap<String, String>,
    errors: &mut FieldErrors,
) -> HashMap<String, PartnerCode> {
    let mut names = HashMap::new();
    for p in reference {
        names.insert(p.name.to_lowercase(), p.code.clone());
        if !p.alpha2.is_empty() {
            names.insert(p.alpha2.to_lowercase(), p.code.clone());
        }
    }
    for p in reference {
        names.insert(p.code.as_str().to_lowercase(), p.code.clone());
    }
    let mut resolved = Vec::new();
    for (alias, target) in aliases {
        match names.get(&target.trim().to_lowercase()) {
            Some(code) => resolved.push((alias.trim().to_lowercase(), code.clone())),
            None => errors.push(
                "aliases",
                format!("\"{alias}\": '{target}' is not a code or name in the reference data"),
            ),
        }
    }
    names.extend(resolved);
    names
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::datasets::Precision;
    use crate::records::PartnerKind;

    fn partner(code: &str, alpha2: &str, name: &str) -> Partner {
        Partner {
            code: PartnerCode::parse("code", code).unwrap(),
            kind: PartnerKind::State,
            name: name.into(),
            alpha2: alpha2.into(),
            region: String::new(),
            subregion: String::new(),
            members: Vec::new(),
            members_as_of: None,
            members_source: String::new(),
            label: SecurityLabel::default(),
        }
    }

    fn reference() -> Vec<Partner> {
        vec![
            partner("USA", "US", "US"),
            partner("GBR", "GB", "UK"),
            partner("RUS", "RU", "Russia"),
            partner("FRA", "FR", "France"),
            partner("SGP", "SG", "Singapore"),
        ]
    }

    const WIDE: &str = r#"{
        "source": "A test data set",
        "classification": "official",
        "id": "eventid",
        "date": {"column": "date"},
        "participants": {"columns": ["statea"], "prefix": "participant"},
        "category": {"column": "type", "map": {"Joint exercise": "exercise",
            "Port call": "ship_visit"}},
        "aliases": {"United States of America": "USA", "2": "US",
            "Russian Federation": "Russia"},
        "missing": ["-9"]
    }"#;

    const HEADER: [&str; 6] = [
        "eventid",
        "date",
        "type",
        "statea",
        "participant2",
        "participant10",
    ];

    fn mapper(json: &str, header: &[&str]) -> Result<Mapper, FieldErrors> {
        Mapper::new(&Mapping::from_json(json).unwrap(), header, &reference())
    }

    #[test]
    fn names_codes_and_aliases_become_alpha3_codes_from_wide_columns() {
        let m = mapper(WIDE, &HEADER).unwrap();
        let event = m
            .map(&[
                "e1",
                "1980-01-xx",
                "joint EXERCISE",
                "United States of America",
                "gb",
                "-9",
            ])
            .unwrap();
        assert_eq!(event.external_id, "e1");
        assert_eq!(event.date.to_string(), "1980-01-01");
        assert_eq!(event.precision, Precision::Month);
        assert_eq!(event.category, Category::Exercise);
        let codes: Vec<&str> = event.participants.iter().map(PartnerCode::as_str).collect();
        assert_eq!(codes, ["GBR", "USA"]);
        let event = m
            .map(&[
                "e2",
                "1/14/80",
                "Port call",
                "2",
                "Russian Federation",
                "france",
            ])
            .unwrap();
        let codes: Vec<&str> = event.participants.iter().map(PartnerCode::as_str).collect();
        assert_eq!(codes, ["FRA", "RUS", "USA"]);
        assert_eq!(event.date.to_string(), "1980-01-14");
    }

    #[test]
    fn a_row_that_cannot_be_mapped_names_each_column_and_why() {
        let m = mapper(WIDE, &HEADER).unwrap();
        let errors = m
            .map(&["e3", "1980-13-01", "Parade", "Ruritania", "SGP", ""])
            .unwrap_err();
        let columns: Vec<&str> = errors.iter().map(|e| e.column.as_str()).collect();
        assert_eq!(columns, ["date", "type", "statea"]);
        assert!(errors[0].reason.contains("month 13"));
        assert!(
            errors[1]
                .reason
                .contains("'Parade' is not in the mapping's category map")
        );
        assert!(errors[2].reason.contains("'Ruritania'"));
        let errors = m.map(&["", "1980", "Port call", "-9", "", ""]).unwrap_err();
        assert_eq!(errors[0].reason, "the row has no id");
        let errors = m
            .map(&["e4", "1980", "Port call", "-9", "", ""])
            .unwrap_err();
        assert_eq!(errors[0].column, "statea, participant2, participant10");
        assert_eq!(errors[0].reason, "the row has no participant");
    }

    #[test]
    fn a_default_category_takes_unmapped_values_and_year_columns_give_the_date() {
        let json = r#"{
            "source": "MIDs-like", "classification": "official", "id": "dispnum",
            "date": {"year": "styear", "month": "stmon", "day": "stday"},
            "participants": {"columns": ["statea", "stateb"]},
            "category": {"column": "type", "map": {"1": "exercise"}, "default": "csbm"},
            "missing": ["-9"]
        }"#;
        let m = mapper(
            json,
            &[
                "dispnum", "styear", "stmon", "stday", "type", "statea", "stateb",
            ],
        )
        .unwrap();
        let e = m.map(&["7", "1980", "3", "-9", "4", "USA", "RUS"]).unwrap();
        assert_eq!(
            (e.date.to_string(), e.precision),
            ("1980-03-01".into(), Precision::Month)
        );
        assert_eq!(e.category, Category::Csbm);
        let e = m
            .map(&["8", "1980", "-9", "-9", "1", "USA", "RUS"])
            .unwrap();
        assert_eq!(
            (e.precision, e.category),
            (Precision::Year, Category::Exercise)
        );
    }

    #[test]
    fn a_mapping_that_does_not_fit_the_file_reports_every_problem() {
        let json = r#"{
            "source": "x", "classification": "official", "id": "id",
            "date": {"column": "when", "year": "year"},
            "participants": {"prefix": "state"},
            "category": {"column": "kind", "map": {"a": "banquet"}},
            "aliases": {"Ruritania": "RUR"}
        }"#;
        let errors = mapper(json, &["id", "kind"]).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["date", "participants.prefix", "category.map", "aliases"],
            "{errors}"
        );
        assert!(
            Mapping::from_json(r#"{"source": "x", "colour": 1}"#)
                .unwrap_err()
                .contains("unknown field `colour`")
        );
        let mapping = Mapping::from_json(WIDE).unwrap();
        assert_eq!(
            mapping.label().unwrap().classification,
            Classification::Official
        );
        let secret = Mapping {
            classification: "top secret".into(),
            ..mapping
        };
        assert!(secret.label().is_err());
    }
}
