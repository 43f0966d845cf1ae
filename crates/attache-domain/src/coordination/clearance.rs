//! Diplomatic clearances: a warship or military aircraft visits a partner only with its
//! clearance, requested at least the partner's lead time before the visit starts.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::{Activity, Category, PartnerCode};

vocabulary!(
    /// What a clearance is for; each partner has a lead time for each.
    ClearanceKind, "a clearance kind" {
    WarshipVisit => "warship_visit",
    AircraftLanding => "aircraft_landing",
    Overflight => "overflight",
});

vocabulary!(ClearanceStatus, "a clearance status" {
    NotRequested => "not_requested",
    Requested => "requested",
    Granted => "granted",
    Refused => "refused",
});

/// A partner's lead times, in days before the visit starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LeadTimes {
    #[schema(maximum = 365)]
    pub warship_visit: u32,
    #[schema(maximum = 365)]
    pub aircraft_landing: u32,
    #[schema(maximum = 365)]
    pub overflight: u32,
}

impl Default for LeadTimes {
    /// Common practice where a partner has not said otherwise: 30 days for a warship, 14
    /// for a landing, 7 for an overflight.
    fn default() -> Self {
        LeadTimes {
            warship_visit: 30,
            aircraft_landing: 14,
            overflight: 7,
        }
    }
}

impl LeadTimes {
    pub fn days(&self, kind: ClearanceKind) -> u32 {
        match kind {
            ClearanceKind::WarshipVisit => self.warship_visit,
            ClearanceKind::AircraftLanding => self.aircraft_landing,
            ClearanceKind::Overflight => self.overflight,
        }
    }

    /// A year at most: a longer one is a typing mistake.
    pub fn check(&self) -> Result<(), FieldError> {
        for kind in ClearanceKind::ALL {
            if self.days(*kind) > 365 {
                return Err(FieldError::new(
                    "lead_times",
                    format!("{kind}: {} days is more than a year", self.days(*kind)),
                ));
            }
        }
        Ok(())
    }
}

/// One clearance request of a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ClearanceRequest {
    pub partner: PartnerCode,
    pub kind: ClearanceKind,
    pub status: ClearanceStatus,
    #[serde(default)]
    pub requested_on: Option<NaiveDate>,
    /// The partner's or the embassy's reference number.
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub granted_on: Option<NaiveDate>,
}

impl ClearanceRequest {
    /// A request made has its date; a grant has its date, not before the request.
    pub fn check(&self) -> Result<(), FieldError> {
        let requested = self.status != ClearanceStatus::NotRequested;
        if requested && self.requested_on.is_none() {
            return Err(FieldError::new(
                "requested_on",
                format!("a {} clearance needs the day it was requested", self.status),
            ));
        }
        match (self.status, self.requested_on, self.granted_on) {
            (ClearanceStatus::Granted, _, None) => Err(FieldError::new(
                "granted_on",
                "a granted clearance needs the day it was granted",
            )),
            (ClearanceStatus::Granted, Some(asked), Some(granted)) if granted < asked => {
                Err(FieldError::new(
                    "granted_on",
                    format!("{granted} is before the request ({asked})"),
                ))
            }
            (status, _, Some(_)) if status != ClearanceStatus::Granted => Err(FieldError::new(
                "granted_on",
                format!("a {status} clearance has no grant date"),
            )),
            _ => Ok(()),
        }
    }
}

/// What the host is asked for: a warship's visit or a military aircraft's landing.
fn host_kind(category: Category) -> Option<ClearanceKind> {
    match category {
        Category::ShipVisit => Some(ClearanceKind::WarshipVisit),
        Category::AircraftVisit => Some(ClearanceKind::AircraftLanding),
        _ => None,
    }
}

/// The clearances a visit needs: a warship's or an aircraft's from the host (a visit to
/// our own nation needs none), and an aircraft's overflight of each state one of its
/// `requests` names (the route is known from the requests recorded for it).
pub fn needed(
    activity: &Activity,
    our_nation: &PartnerCode,
    requests: &[ClearanceRequest],
) -> Vec<(PartnerCode, ClearanceKind)> {
    let Some(kind) = host_kind(activity.category) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if &activity.host != our_nation {
        out.push((activity.host.clone(), kind));
    }
    if activity.category == Category::AircraftVisit {
        for r in requests
            .iter()
            .filter(|r| r.kind == ClearanceKind::Overflight)
        {
            let case = (r.partner.clone(), ClearanceKind::Overflight);
            if !out.contains(&case) {
                out.push(case);
            }
        }
    }
    out
}

/// Whether a request fits the visit: a ship asks the host for its visit, an aircraft the
/// host for its landing and any other state it flies over for the overflight.
pub fn fits(
    activity: &Activity,
    request: &ClearanceRequest,
    our_nation: &PartnerCode,
) -> Result<(), FieldError> {
    let (partner, kind) = (&request.partner, request.kind);
    if partner == our_nation {
        return Err(FieldError::new(
            "partner",
            format!("{partner} is our own nation: its clearance is not asked"),
        ));
    }
    match kind {
        ClearanceKind::Overflight if activity.category == Category::AircraftVisit => Ok(()),
        _ if host_kind(activity.category) != Some(kind) => Err(FieldError::new(
            "kind",
            format!("a {} needs no {kind} clearance", activity.category),
        )),
        _ if partner != &activity.host => Err(FieldError::new(
            "partner",
            format!(
                "a {kind} clearance is asked of the host, {}, not {partner}",
                activity.host
            ),
        )),
        _ => Ok(()),
    }
}

/// The last day to request: the start minus the lead time.
pub fn deadline(start: NaiveDate, lead_days: u32) -> NaiveDate {
    start
        .checked_sub_days(Days::new(u64::from(lead_days)))
        .unwrap_or(NaiveDate::MIN)
}

/// Why a visit is at risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "risk", rename_all = "snake_case")]
pub enum Risk {
    /// The deadline passed and nothing was requested.
    Unrequested {
        deadline: NaiveDate,
    },
    /// Requested, but the visit now starts within the lead time without a grant.
    NotGranted {
        deadline: NaiveDate,
    },
    Refused,
}

impl Risk {
    pub fn describe(&self, partner: &PartnerCode, kind: ClearanceKind) -> String {
        match self {
            Risk::Unrequested { deadline } => format!(
                "the {kind} clearance from {partner} was not requested by its deadline, {deadline}"
            ),
            Risk::NotGranted { deadline } => format!(
                "the {kind} clearance from {partner} is not granted and the lead time began after {deadline}"
            ),
            Risk::Refused => format!("{partner} refused the {kind} clearance"),
        }
    }
}

/// Whether a visit starting on `start` is at risk on `today`. The deadline day itself is
/// still in time (the request may go out that day); the day after is not.
pub fn risk(
    request: Option<&ClearanceRequest>,
    start: NaiveDate,
    lead_days: u32,
    today: NaiveDate,
) -> Option<Risk> {
    let status = request.map_or(ClearanceStatus::NotRequested, |r| r.status);
    let deadline = deadline(start, lead_days);
    match status {
        ClearanceStatus::Granted => None,
        ClearanceStatus::Refused => Some(Risk::Refused),
        _ if today <= deadline => None,
        ClearanceStatus::NotRequested => Some(Risk::Unrequested { deadline }),
        _ => Some(Risk::NotGranted { deadline }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coordination::gate::tests::{activity, date};

    fn request(status: ClearanceStatus) -> ClearanceRequest {
        ClearanceRequest {
            partner: PartnerCode::parse("p", "SGP").unwrap(),
            kind: ClearanceKind::WarshipVisit,
            status,
            requested_on: Some(date("2027-02-01")),
            reference: "SGP/NAV/27/014".into(),
            granted_on: (status == ClearanceStatus::Granted).then(|| date("2027-02-10")),
        }
    }

    #[test]
    fn the_deadline_is_the_start_minus_the_lead_time() {
        assert_eq!(deadline(date("2027-03-14"), 30), date("2027-02-12"));
        assert_eq!(deadline(date("2027-03-14"), 0), date("2027-03-14"));
    }

    #[test]
    fn unrequested_is_at_risk_from_the_day_after_the_deadline() {
        let start = date("2027-03-14");
        assert_eq!(risk(None, start, 30, date("2027-02-11")), None);
        assert_eq!(risk(None, start, 30, date("2027-02-12")), None);
        assert_eq!(
            risk(None, start, 30, date("2027-02-13")),
            Some(Risk::Unrequested {
                deadline: date("2027-02-12")
            })
        );
    }

    #[test]
    fn requested_but_not_granted_is_at_risk_within_the_lead_time() {
        let start = date("2027-03-14");
        let asked = request(ClearanceStatus::Requested);
        assert_eq!(risk(Some(&asked), start, 30, date("2027-02-12")), None);
        assert!(matches!(
            risk(Some(&asked), start, 30, date("2027-02-13")),
            Some(Risk::NotGranted { .. })
        ));
        let granted = request(ClearanceStatus::Granted);
        assert_eq!(risk(Some(&granted), start, 30, date("2027-03-13")), None);
        let refused = request(ClearanceStatus::Refused);
        assert_eq!(
            risk(Some(&refused), start, 30, date("2027-01-01")),
            Some(Risk::Refused)
        );
    }

    #[test]
    fn a_visit_abroad_needs_the_hosts_clearance() {
        let gbr = PartnerCode::parse("n", "GBR").unwrap();
        let ship = activity(Category::ShipVisit, "2027-03-14", "2027-03-16");
        assert_eq!(
            needed(&ship, &gbr, &[]),
            [(ship.host.clone(), ClearanceKind::WarshipVisit)]
        );
        let talks = activity(Category::StaffTalks, "2027-03-14", "2027-03-16");
        assert!(needed(&talks, &gbr, &[]).is_empty());
        assert!(needed(&ship, &ship.host, &[]).is_empty());
    }

    fn overflight_of(code: &str) -> ClearanceRequest {
        ClearanceRequest {
            partner: PartnerCode::parse("p", code).unwrap(),
            kind: ClearanceKind::Overflight,
            ..request(ClearanceStatus::Requested)
        }
    }

    #[test]
    fn an_aircraft_needs_the_overflight_of_each_state_on_its_route() {
        let gbr = PartnerCode::parse("n", "GBR").unwrap();
        let flight = activity(Category::AircraftVisit, "2027-03-14", "2027-03-14");
        let route = [
            overflight_of("MYS"),
            overflight_of("IDN"),
            overflight_of("MYS"),
        ];
        let cases = needed(&flight, &gbr, &route);
        let kinds: Vec<(&str, ClearanceKind)> =
            cases.iter().map(|(p, k)| (p.as_str(), *k)).collect();
        assert_eq!(
            kinds,
            [
                (flight.host.as_str(), ClearanceKind::AircraftLanding),
                ("MYS", ClearanceKind::Overflight),
                ("IDN", ClearanceKind::Overflight),
            ]
        );
        // A ship overflies nothing: an overflight request does not fit it.
        let ship = activity(Category::ShipVisit, "2027-03-14", "2027-03-16");
        assert_eq!(needed(&ship, &gbr, &route).len(), 1);
        assert_eq!(fits(&ship, &route[0], &gbr).unwrap_err().field, "kind");
        assert!(fits(&flight, &route[0], &gbr).is_ok());
        let landing_elsewhere = ClearanceRequest {
            kind: ClearanceKind::AircraftLanding,
            ..overflight_of("MYS")
        };
        assert_eq!(
            fits(&flight, &landing_elsewhere, &gbr).unwrap_err().field,
            "partner"
        );
        assert_eq!(
            fits(&flight, &overflight_of("GBR"), &gbr)
                .unwrap_err()
                .field,
            "partner"
        );
    }

    #[test]
    fn a_request_carries_its_dates() {
        assert!(request(ClearanceStatus::Granted).check().is_ok());
        let mut undated = request(ClearanceStatus::Requested);
        undated.requested_on = None;
        assert_eq!(undated.check().unwrap_err().field, "requested_on");
        let mut early = request(ClearanceStatus::Granted);
        early.granted_on = Some(date("2027-01-31"));
        assert_eq!(early.check().unwrap_err().field, "granted_on");
        let mut stray = request(ClearanceStatus::Refused);
        stray.granted_on = Some(date("2027-02-05"));
        assert!(stray.check().is_err());
        assert!(LeadTimes::default().check().is_ok());
    }
}
