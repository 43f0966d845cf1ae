//! The register's other records: partners, people, assets, objectives and agreements.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::code::PartnerCode;
use crate::error::FieldError;
use crate::label::SecurityLabel;

vocabulary!(PartnerKind, "a partner kind" {
    State => "state",
    Organisation => "organisation",
});

vocabulary!(
    /// The standing aims of defence engagement, which every objective serves.
    StandingAim, "a standing aim" {
    DispelHostility => "dispel_hostility",
    BuildTrust => "build_trust",
    AccountableForces => "accountable_forces",
    ConflictPrevention => "conflict_prevention",
    SecuritySectorReform => "security_sector_reform",
    NonProliferation => "non_proliferation",
});

vocabulary!(AssetKind, "an asset kind" {
    Ship => "ship",
    Aircraft => "aircraft",
    Unit => "unit",
});

vocabulary!(AgreementKind, "an agreement kind" {
    Mou => "mou",
    DefenceCooperation => "defence_cooperation",
    StatusOfForces => "status_of_forces",
    Other => "other",
});

impl StandingAim {
    pub fn title(self) -> &'static str {
        match self {
            StandingAim::DispelHostility => "Dispel hostility",
            StandingAim::BuildTrust => "Build and maintain trust",
            StandingAim::AccountableForces => {
                "Help develop democratically accountable armed forces"
            }
            StandingAim::ConflictPrevention => "Conflict prevention and resolution",
            StandingAim::SecuritySectorReform => "Security sector reform",
            StandingAim::NonProliferation => "Non-proliferation",
        }
    }
}

/// A state or an organisation with its members as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub code: PartnerCode,
    pub kind: PartnerKind,
    pub name: String,
    #[serde(default)]
    pub alpha2: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub subregion: String,
    #[serde(default)]
    pub members: Vec<PartnerCode>,
    #[serde(default)]
    pub members_as_of: Option<NaiveDate>,
    #[serde(default)]
    pub members_source: String,
    #[serde(default)]
    pub label: SecurityLabel,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub title: String,
    /// What the person does: minister, chief of defence, defence attaché…
    #[serde(default)]
    pub role: String,
    pub nation: PartnerCode,
    #[serde(default)]
    pub label: SecurityLabel,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    pub name: String,
    pub kind: AssetKind,
    /// Hull number, tail number or unit designation.
    #[serde(default)]
    pub identifier: String,
    pub nation: PartnerCode,
    #[serde(default)]
    pub label: SecurityLabel,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub name: String,
    pub baseline: f64,
    pub target: f64,
}

impl Indicator {
    /// Parses `name:baseline:target`, the command line's form.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let bad = || {
            FieldError::new(
                field,
                format!(
                    "'{raw}' is not an indicator: write name:baseline:target, e.g. 'Port visits a year:2:6'"
                ),
            )
        };
        let mut parts = raw.rsplitn(3, ':');
        let target = parts
            .next()
            .and_then(|t| t.trim().parse().ok())
            .ok_or_else(bad)?;
        let baseline = parts
            .next()
            .and_then(|b| b.trim().parse().ok())
            .ok_or_else(bad)?;
        let name = parts
            .next()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .ok_or_else(bad)?;
        Ok(Indicator {
            name: name.to_owned(),
            baseline,
            target,
        })
    }
}

/// What engagement is for: a standing aim, or a partner plan's objective serving one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub code: String,
    pub title: String,
    pub aim: StandingAim,
    #[serde(default)]
    pub partner: Option<PartnerCode>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    #[serde(default)]
    pub label: SecurityLabel,
}

impl Objective {
    pub fn check(&self) -> Result<(), FieldError> {
        let code = &self.code;
        let well_formed = !code.is_empty()
            && code.len() <= 40
            && code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
        if !well_formed {
            return Err(FieldError::new(
                "code",
                format!(
                    "'{code}' is not an objective code: letters, digits, '-', '_' or '.', at most 40"
                ),
            ));
        }
        if self.title.trim().is_empty() {
            return Err(FieldError::new("title", "required"));
        }
        Ok(())
    }
}

/// A memorandum of understanding or defence cooperation agreement between states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub kind: AgreementKind,
    pub title: String,
    pub parties: Vec<PartnerCode>,
    pub signed: NaiveDate,
    #[serde(default)]
    pub in_force: Option<NaiveDate>,
    #[serde(default)]
    pub expiry: Option<NaiveDate>,
    #[serde(default)]
    pub label: SecurityLabel,
}

impl Agreement {
    pub fn check(&self) -> Result<(), FieldError> {
        if self.title.trim().is_empty() {
            return Err(FieldError::new("title", "required"));
        }
        if self.parties.len() < 2 {
            return Err(FieldError::new(
                "parties",
                "an agreement has at least two parties",
            ));
        }
        if let Some(in_force) = self.in_force
            && in_force < self.signed
        {
            return Err(FieldError::new(
                "in_force",
                format!("{in_force} is before the signature on {}", self.signed),
            ));
        }
        let start = self.in_force.unwrap_or(self.signed);
        if let Some(expiry) = self.expiry
            && expiry <= start
        {
            return Err(FieldError::new(
                "expiry",
                format!("{expiry} is not after the agreement took effect on {start}"),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_parse_their_names() {
        for aim in StandingAim::ALL {
            assert_eq!(StandingAim::parse("aim", aim.as_str()), Ok(*aim));
        }
        assert!(
            AssetKind::parse("kind", "submarine")
                .unwrap_err()
                .reason
                .contains("ship")
        );
    }

    #[test]
    fn indicators() {
        let i = Indicator::parse("indicator", "Port visits: a year:2:6.5").unwrap();
        assert_eq!(
            (i.name.as_str(), i.baseline, i.target),
            ("Port visits: a year", 2.0, 6.5)
        );
        assert!(Indicator::parse("indicator", "visits:two:6").is_err());
        assert!(Indicator::parse("indicator", ":1:2").is_err());
    }

    #[test]
    fn agreement_dates() {
        let code = |c| PartnerCode::parse("parties", c).unwrap();
        let date = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut a = Agreement {
            kind: AgreementKind::Mou,
            title: "Defence cooperation".into(),
            parties: vec![code("GBR"), code("SGP")],
            signed: date("2020-01-01"),
            in_force: Some(date("2020-02-01")),
            expiry: Some(date("2025-02-01")),
            label: SecurityLabel::default(),
        };
        assert!(a.check().is_ok());
        a.in_force = Some(date("2019-12-31"));
        assert_eq!(a.check().unwrap_err().field, "in_force");
        a.in_force = None;
        a.expiry = Some(date("2020-01-01"));
        assert_eq!(a.check().unwrap_err().field, "expiry");
        a.expiry = None;
        a.parties.pop();
        assert_eq!(a.check().unwrap_err().field, "parties");
    }
}
