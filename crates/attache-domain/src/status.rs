//! The status lifecycle of an activity: `proposed → planned → approved → completed →
//! assessed`, with `postponed` and `cancelled` as side exits.

use crate::error::FieldError;

vocabulary!(Status[7], "a status" {
    Proposed => "proposed",
    Planned => "planned",
    Approved => "approved",
    Completed => "completed",
    Assessed => "assessed",
    Postponed => "postponed",
    Cancelled => "cancelled",
});

impl Status {
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
