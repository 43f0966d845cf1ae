//! Reference data: states, organisations with their members, currencies and the standing
//! aims. The data files live in `data/reference/` (with their sources) and are embedded
//! in the binary so that it runs offline.

use std::collections::HashSet;

use attache_domain::records::{Objective, Partner, PartnerKind, StandingAim};
use attache_domain::{Classification, PartnerCode, SecurityLabel};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::{AppError, Result};

const COUNTRIES: &str = include_str!("../../../../data/reference/countries.csv");
const ORGANISATIONS: &str = include_str!("../../../../data/reference/organisations.json");

#[derive(Debug, Deserialize)]
struct CountryRow {
    alpha3: String,
    alpha2: String,
    name: String,
    region: String,
    subregion: String,
    currencies: String,
}

#[derive(Debug, Deserialize)]
struct OrganisationEntry {
    code: String,
    name: String,
    as_of: NaiveDate,
    source: String,
    members: Vec<String>,
}

fn bad(file: &str, reason: impl ToString) -> AppError {
    AppError::File {
        path: format!("data/reference/{file}"),
        reason: reason.to_string(),
    }
}

fn public_label() -> SecurityLabel {
    SecurityLabel {
        classification: Classification::Official,
        releasable_to: Vec::new(),
    }
}

fn country_rows() -> Result<Vec<CountryRow>> {
    csv::Reader::from_reader(COUNTRIES.as_bytes())
        .deserialize()
        .collect::<Result<_, _>>()
        .map_err(|e| bad("countries.csv", e))
}

/// Every ISO 3166-1 state, then the organisations with their members.
pub fn partners() -> Result<Vec<Partner>> {
    let code = |file: &str, c: &str| PartnerCode::parse("code", c).map_err(|e| bad(file, e));
    let mut partners = Vec::new();
    for row in country_rows()? {
        partners.push(Partner {
            code: code("countries.csv", &row.alpha3)?,
            kind: PartnerKind::State,
            name: row.name,
            alpha2: row.alpha2,
            region: row.region,
            subregion: row.subregion,
            members: Vec::new(),
            members_as_of: None,
            members_source: String::new(),
            label: public_label(),
        });
    }
    let organisations: Vec<OrganisationEntry> =
        serde_json::from_str(ORGANISATIONS).map_err(|e| bad("organisations.json", e))?;
    for org in organisations {
        partners.push(Partner {
            code: code("organisations.json", &org.code)?,
            kind: PartnerKind::Organisation,
            name: org.name,
            alpha2: String::new(),
            region: String::new(),
            subregion: String::new(),
            members: org
                .members
                .iter()
                .map(|m| code("organisations.json", m))
                .collect::<Result<_>>()?,
            members_as_of: Some(org.as_of),
            members_source: org.source,
            label: public_label(),
        });
    }
    Ok(partners)
}

/// The Vienna Document's states (the OSCE participating states) and, of those, the ones
/// whose territory is in its zone of application: Europe and the Central and Western Asian
/// participating states (Atlantic to the Urals and beyond), not the United States, Canada
/// or Mongolia (UN M49 regions, from `countries.csv`).
pub fn csbm_states() -> Result<(HashSet<String>, HashSet<String>)> {
    let partners = partners()?;
    let participating: HashSet<String> = partners
        .iter()
        .find(|p| p.code.as_str() == "OSCE")
        .map(|osce| osce.members.iter().map(ToString::to_string).collect())
        .ok_or_else(|| {
            bad(
                "organisations.json",
                "the OSCE and its participating states are missing",
            )
        })?;
    let in_zone = partners
        .iter()
        .filter(|p| participating.contains(p.code.as_str()))
        .filter(|p| {
            p.region == "Europe" || ["Central Asia", "Western Asia"].contains(&p.subregion.as_str())
        })
        .map(|p| p.code.to_string())
        .collect();
    Ok((participating, in_zone))
}

/// The ISO 4217 codes in use by any state.
pub fn currencies() -> Result<HashSet<String>> {
    Ok(country_rows()?
        .iter()
        .flat_map(|r| attache_domain::interchange::split_list(&r.currencies))
        .collect())
}

/// The six standing aims, as objectives whose code is the aim's name.
pub fn standing_objectives() -> Vec<Objective> {
    StandingAim::ALL
        .iter()
        .map(|aim| Objective {
            code: aim.as_str().to_owned(),
            title: aim.title().to_owned(),
            aim: *aim,
            partner: None,
            indicators: Vec::new(),
            label: public_label(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_data_loads() {
        let partners = partners().unwrap();
        let states = partners
            .iter()
            .filter(|p| p.kind == PartnerKind::State)
            .count();
        assert_eq!(states, 249);
        let osce = partners.iter().find(|p| p.code.as_str() == "OSCE").unwrap();
        assert_eq!(osce.members.len(), 57);
        assert!(osce.members_as_of.is_some() && !osce.members_source.is_empty());
        let sgp = partners.iter().find(|p| p.code.as_str() == "SGP").unwrap();
        assert_eq!((sgp.alpha2.as_str(), sgp.region.as_str()), ("SG", "Asia"));
        let currencies = currencies().unwrap();
        assert!(currencies.contains("GBP") && currencies.contains("EUR"));
        assert_eq!(standing_objectives().len(), 6);
    }

    #[test]
    fn every_member_is_a_known_state() {
        let partners = partners().unwrap();
        let states: HashSet<&str> = partners
            .iter()
            .filter(|p| p.kind == PartnerKind::State)
            .map(|p| p.code.as_str())
            .collect();
        for org in partners
            .iter()
            .filter(|p| p.kind == PartnerKind::Organisation)
        {
            for m in &org.members {
                assert!(states.contains(m.as_str()), "{} member {m}", org.code);
            }
        }
    }
}
