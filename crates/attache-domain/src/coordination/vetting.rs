//! Vetting of recipients: the people and foreign units who receive training or take part
//! in an exchange are cleared (for human rights, among others) before it is approved.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Category;
use crate::error::FieldError;

vocabulary!(VettingStatus, "a vetting status" {
    Pending => "pending",
    Cleared => "cleared",
    Refused => "refused",
});

vocabulary!(RecipientKind, "a recipient kind" {
    Person => "person",
    Unit => "unit",
});

/// A person or unit receiving training or taking part in an exchange, with its vetting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Recipient {
    pub name: String,
    pub kind: RecipientKind,
    pub status: VettingStatus,
    /// When the vetting was decided.
    #[serde(default)]
    pub vetted_on: Option<NaiveDate>,
    /// The last day the clearance holds.
    #[serde(default)]
    pub expires: Option<NaiveDate>,
}

impl Recipient {
    pub fn check(&self) -> Result<(), FieldError> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(FieldError::new(
                "name",
                "a recipient needs a name (up to 200 characters)",
            ));
        }
        if self.status != VettingStatus::Pending && self.vetted_on.is_none() {
            return Err(FieldError::new(
                "vetted_on",
                format!("a {} vetting needs the day it was decided", self.status),
            ));
        }
        if let (Some(vetted), Some(expires)) = (self.vetted_on, self.expires)
            && expires < vetted
        {
            return Err(FieldError::new(
                "expires",
                format!("{expires} is before the vetting ({vetted})"),
            ));
        }
        Ok(())
    }

    /// Why this recipient keeps an activity ending on `end` from approval, if it does. A
    /// clearance holds through its expiry day, so one expiring on the last day is enough.
    pub fn blocks(&self, end: NaiveDate) -> Option<String> {
        let who = format!("{} ({})", self.name, self.kind);
        match (self.status, self.expires) {
            (VettingStatus::Pending, _) => Some(format!("{who} is not yet vetted")),
            (VettingStatus::Refused, _) => Some(format!("{who} was refused in vetting")),
            (VettingStatus::Cleared, Some(expires)) if expires < end => Some(format!(
                "{who}'s vetting expires on {expires}, before the activity ends on {end}"
            )),
            (VettingStatus::Cleared, _) => None,
        }
    }
}

/// Training and personnel exchanges have recipients to vet.
pub fn needs_vetting(category: Category) -> bool {
    matches!(category, Category::Training | Category::PersonnelExchange)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coordination::gate::tests::date;

    fn cleared(expires: &str) -> Recipient {
        Recipient {
            name: "2nd Marine Battalion".into(),
            kind: RecipientKind::Unit,
            status: VettingStatus::Cleared,
            vetted_on: Some(date("2026-06-01")),
            expires: Some(date(expires)),
        }
    }

    #[test]
    fn expiry_on_the_last_day_is_enough_and_the_day_before_is_not() {
        let end = date("2027-03-20");
        assert!(cleared("2027-03-21").blocks(end).is_none());
        assert!(cleared("2027-03-20").blocks(end).is_none());
        let why = cleared("2027-03-19").blocks(end).unwrap();
        assert!(
            why.contains("2nd Marine Battalion") && why.contains("2027-03-19"),
            "{why}"
        );
    }

    #[test]
    fn pending_and_refused_block_and_name_who() {
        let mut r = cleared("2028-01-01");
        r.status = VettingStatus::Pending;
        assert!(
            r.blocks(date("2027-03-20"))
                .unwrap()
                .contains("not yet vetted")
        );
        r.status = VettingStatus::Refused;
        assert!(r.blocks(date("2027-03-20")).unwrap().contains("refused"));
        let mut open = cleared("2028-01-01");
        open.expires = None;
        assert!(open.blocks(date("2030-01-01")).is_none());
    }

    #[test]
    fn a_decision_has_its_date() {
        assert!(cleared("2028-01-01").check().is_ok());
        let mut undated = cleared("2028-01-01");
        undated.vetted_on = None;
        assert_eq!(undated.check().unwrap_err().field, "vetted_on");
        assert_eq!(cleared("2026-05-01").check().unwrap_err().field, "expires");
        assert!(needs_vetting(Category::Training) && !needs_vetting(Category::StaffTalks));
    }
}
