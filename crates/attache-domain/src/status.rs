//! The status lifecycle of an activity: `proposed → planned → approved → completed →
//! assessed`, with `postponed` and `cancelled` as side exits.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Proposed,
    Planned,
    Approved,
    Completed,
    Assessed,
    Postponed,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Proposed,
        Status::Planned,
        Status::Approved,
        Status::Completed,
        Status::Assessed,
        Status::Postponed,
        Status::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Planned => "planned",
            Status::Approved => "approved",
            Status::Completed => "completed",
            Status::Assessed => "assessed",
            Status::Postponed => "postponed",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let wanted = raw.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|s| s.as_str()).collect();
                FieldError::new(
                    field,
                    format!("'{raw}' is not a status; use one of {}", names.join(", ")),
                )
            })
    }

    /// The statuses this one may move to. The whole lifecycle is this one table.
    ///
    /// A postponed activity goes back into planning (or is cancelled); an approved one may
    /// still be postponed or cancelled; a completed one can only be assessed. Cancelled and
    /// assessed are final.
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            Proposed => &[Planned, Postponed, Cancelled],
            Planned => &[Approved, Postponed, Cancelled],
            Approved => &[Completed, Postponed, Cancelled],
            Completed => &[Assessed],
            Assessed => &[],
            Postponed => &[Proposed, Planned, Cancelled],
            Cancelled => &[],
        }
    }

    pub fn can_become(self, to: Status) -> bool {
        self.next().contains(&to)
    }

    /// Checks one transition, saying what is allowed instead when it is not.
    pub fn transition(self, to: Status) -> Result<Status, FieldError> {
        if self.can_become(to) {
            return Ok(to);
        }
        let allowed: Vec<&str> = self.next().iter().map(|s| s.as_str()).collect();
        let instead = if allowed.is_empty() {
            format!("{self} is final")
        } else {
            format!("from {self} it may become {}", allowed.join(", "))
        };
        Err(FieldError::new(
            "status",
            format!("cannot go from {self} to {to}: {instead}"),
        ))
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_main_line_is_legal_step_by_step() {
        use Status::*;
        let line = [Proposed, Planned, Approved, Completed, Assessed];
        for pair in line.windows(2) {
            assert!(pair[0].can_become(pair[1]), "{:?}", pair);
        }
    }

    #[test]
    fn skipping_and_going_back_are_refused() {
        use Status::*;
        for (from, to) in [
            (Proposed, Approved),
            (Planned, Completed),
            (Approved, Planned),
            (Completed, Approved),
            (Assessed, Completed),
            (Cancelled, Planned),
            (Completed, Cancelled),
            (Planned, Planned),
        ] {
            let err = from.transition(to).unwrap_err();
            assert!(err.reason.contains("cannot go"), "{from} -> {to}: {err}");
        }
        assert!(
            Cancelled
                .transition(Planned)
                .unwrap_err()
                .reason
                .contains("final")
        );
    }

    #[test]
    fn side_exits() {
        use Status::*;
        for s in [Proposed, Planned, Approved] {
            assert!(s.can_become(Postponed) && s.can_become(Cancelled), "{s}");
        }
        assert!(Postponed.can_become(Planned));
    }

    #[test]
    fn statuses_parse_back() {
        for s in Status::ALL {
            assert_eq!(Status::parse("status", s.as_str()), Ok(s));
        }
        assert!(Status::parse("status", "done").is_err());
    }
}
