//! Which ministries must concur on an activity (a configurable table of rules), their
//! answers, where each concurrence stands, and which ones a change of substance resets.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::access::Permission;
use crate::error::FieldError;
use crate::money::Money;
use crate::records::StandingAim;
use crate::{Activity, Category, PartnerCode};

vocabulary!(
    /// The other ministries whose concurrence an activity may need.
    Ministry, "a ministry" {
    Foreign => "foreign",
    Development => "development",
});

impl Ministry {
    /// The permission that answers for this ministry.
    pub fn permission(self) -> Permission {
        match self {
            Ministry::Foreign => Permission::ConcurForeign,
            Ministry::Development => Permission::ConcurDevelopment,
        }
    }
}

vocabulary!(
    /// A concurring official's answer.
    Verdict, "a verdict" {
    Concur => "concur",
    Object => "object",
    Comment => "comment",
});

/// What makes a rule apply to an activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "when", content = "value", rename_all = "snake_case")]
pub enum Condition {
    /// Any participant other than our nation.
    ForeignPartner,
    Category(Category),
    /// One of the activity's objectives serves this standing aim.
    Aim(StandingAim),
    Partner(PartnerCode),
    /// The cost is at least this much, in this currency.
    CostAtLeast(Money),
}

impl Condition {
    fn holds(&self, subject: &Subject<'_>) -> bool {
        let activity = subject.activity;
        match self {
            Condition::ForeignPartner => activity
                .participants
                .iter()
                .any(|p| &p.partner != subject.our_nation),
            Condition::Category(c) => activity.category == *c,
            Condition::Aim(aim) => subject.aims.contains(aim),
            Condition::Partner(code) => activity.participants.iter().any(|p| &p.partner == code),
            Condition::CostAtLeast(limit) => activity
                .cost
                .as_ref()
                .is_some_and(|cost| cost.currency == limit.currency && cost.amount >= limit.amount),
        }
    }

    /// The condition's kinds, as a form or a command names them.
    pub const KINDS: [&'static str; 5] = [
        "foreign_partner",
        "category",
        "aim",
        "partner",
        "cost_at_least",
    ];

    /// A condition from its kind and value, as a form or a command gives them: nothing
    /// for a foreign partner, a category's or an aim's name, a partner's code, or an
    /// amount and its currency ("50000 GBP").
    pub fn from_parts(when: &str, value: &str) -> Result<Condition, FieldError> {
        let value = value.trim();
        match when.trim() {
            "foreign_partner" => Ok(Condition::ForeignPartner),
            "category" => Category::parse("value", value).map(Condition::Category),
            "aim" => StandingAim::parse("value", value).map(Condition::Aim),
            "partner" => {
                PartnerCode::parse("value", &value.to_ascii_uppercase()).map(Condition::Partner)
            }
            "cost_at_least" => {
                let (amount, currency) = value.split_once(' ').ok_or_else(|| {
                    FieldError::new(
                        "value",
                        format!("'{value}' is not an amount and a currency, e.g. 50000 GBP"),
                    )
                })?;
                Ok(Condition::CostAtLeast(Money {
                    amount: crate::money::Amount::parse("value", amount)?,
                    currency: crate::code::CurrencyCode::parse("value", currency)?,
                }))
            }
            other => Err(FieldError::new(
                "when",
                format!(
                    "'{other}' is not a condition: write one of {}",
                    Condition::KINDS.join(", ")
                ),
            )),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Condition::ForeignPartner => "a foreign partner takes part".into(),
            Condition::Category(c) => format!("the category is {c}"),
            Condition::Aim(aim) => format!("it serves {}", aim.title().to_lowercase()),
            Condition::Partner(code) => format!("{code} takes part"),
            Condition::CostAtLeast(m) => format!("it costs at least {} {}", m.amount, m.currency),
        }
    }
}

/// One line of the table: this ministry concurs when the condition holds, by `due_days`
/// before the activity starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ConcurrenceRule {
    pub ministry: Ministry,
    pub condition: Condition,
    #[schema(maximum = 365)]
    pub due_days: u32,
}

impl ConcurrenceRule {
    /// Refuses a due date more than a year before the start: a concurrence asked that
    /// early is a mistake, and a date before the calendar's first cannot be kept.
    pub fn check(&self) -> Result<(), FieldError> {
        match self.due_days > 365 {
            true => Err(FieldError::new(
                "due_days",
                format!(
                    "{} days before the start is more than a year",
                    self.due_days
                ),
            )),
            false => Ok(()),
        }
    }
}

/// Days before the start by which a concurrence is due, unless a rule says otherwise.
pub const DEFAULT_DUE_DAYS: u32 = 14;

/// The default table: the foreign ministry on every activity with a foreign partner; the
/// development ministry on training, personnel exchanges, and anything serving security
/// sector reform or democratically accountable armed forces.
pub fn default_rules() -> Vec<ConcurrenceRule> {
    let rule = |ministry, condition| ConcurrenceRule {
        ministry,
        condition,
        due_days: DEFAULT_DUE_DAYS,
    };
    vec![
        rule(Ministry::Foreign, Condition::ForeignPartner),
        rule(
            Ministry::Development,
            Condition::Category(Category::Training),
        ),
        rule(
            Ministry::Development,
            Condition::Category(Category::PersonnelExchange),
        ),
        rule(
            Ministry::Development,
            Condition::Aim(StandingAim::SecuritySectorReform),
        ),
        rule(
            Ministry::Development,
            Condition::Aim(StandingAim::AccountableForces),
        ),
    ]
}

/// What the rules look at: the activity, our nation, and the standing aims its
/// objectives serve (an objective of a partner plan serves one aim).
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    pub activity: &'a Activity,
    pub our_nation: &'a PartnerCode,
    pub aims: &'a [StandingAim],
}

/// A concurrence an activity needs: from whom, why, and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Requirement {
    pub ministry: Ministry,
    pub because: Vec<String>,
    pub due: NaiveDate,
}

/// The concurrences the table asks of an activity, one per ministry (the earliest due
/// date of the rules that apply, and every reason).
pub fn required(rules: &[ConcurrenceRule], subject: &Subject<'_>) -> Vec<Requirement> {
    let mut out: Vec<Requirement> = Vec::new();
    for rule in rules.iter().filter(|r| r.condition.holds(subject)) {
        let due = subject
            .activity
            .start
            .checked_sub_days(Days::new(u64::from(rule.due_days)))
            .unwrap_or(NaiveDate::MIN);
        match out.iter_mut().find(|r| r.ministry == rule.ministry) {
            Some(req) => {
                req.due = req.due.min(due);
                req.because.push(rule.condition.describe());
            }
            None => out.push(Requirement {
                ministry: rule.ministry,
                because: vec![rule.condition.describe()],
                due,
            }),
        }
    }
    out.sort_by_key(|r| r.ministry);
    out
}

/// An answer given by a concurring official. A reset answer (the activity changed in
/// substance since) is kept as history but no longer counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Answer {
    pub ministry: Ministry,
    pub verdict: Verdict,
    pub reason: String,
    pub by: String,
    pub at: DateTime<Utc>,
    pub reset: bool,
}

/// An objection needs its reason, a comment its text.
pub fn check_answer(verdict: Verdict, reason: &str) -> Result<(), FieldError> {
    if reason.trim().is_empty() {
        match verdict {
            Verdict::Object => {
                return Err(FieldError::new(
                    "reason",
                    "an objection needs its reason, for the planners and the approver",
                ));
            }
            Verdict::Comment => return Err(FieldError::new("reason", "a comment needs its text")),
            Verdict::Concur => {}
        }
    }
    if reason.chars().count() > 4000 {
        return Err(FieldError::new("reason", "longer than 4000 characters"));
    }
    Ok(())
}

/// Where one ministry's concurrence stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Standing {
    Awaiting,
    Concurred { by: String },
    Objected { by: String, reason: String },
}

/// The ministry's latest concurrence or objection still in force; comments do not decide.
pub fn standing(ministry: Ministry, answers: &[Answer]) -> Standing {
    let latest = answers
        .iter()
        .filter(|a| a.ministry == ministry && !a.reset && a.verdict != Verdict::Comment)
        .max_by_key(|a| a.at);
    match latest {
        None => Standing::Awaiting,
        Some(a) if a.verdict == Verdict::Concur => Standing::Concurred { by: a.by.clone() },
        Some(a) => Standing::Objected {
            by: a.by.clone(),
            reason: a.reason.clone(),
        },
    }
}

impl Requirement {
    /// Still awaited after its due date (on the due date itself it is not yet overdue).
    pub fn overdue(&self, standing: &Standing, today: NaiveDate) -> bool {
        *standing == Standing::Awaiting && today > self.due
    }

    /// Why this concurrence blocks approval, if it does.
    pub fn blocks(&self, standing: &Standing) -> Option<String> {
        match standing {
            Standing::Concurred { .. } => None,
            Standing::Awaiting => Some(format!(
                "the {} ministry has not concurred (needed because {}; due {})",
                self.ministry,
                self.because.join(", "),
                self.due
            )),
            Standing::Objected { by, reason } => Some(format!(
                "the {} ministry objects ({by}): {reason}",
                self.ministry
            )),
        }
    }
}

/// A rise or fall of the cost by more than this share (in percent) is a change of
/// substance; exactly this much is not.
pub const COST_TOLERANCE_PERCENT: u64 = 10;

/// What changed in substance between two versions of an activity: its dates, partners,
/// category, or cost beyond the tolerance (a change of currency, or a cost given or
/// removed, always counts).
pub fn substance_changes(before: &Activity, after: &Activity) -> Vec<&'static str> {
    let mut changed = Vec::new();
    if (before.start, before.end) != (after.start, after.end) {
        changed.push("dates");
    }
    fn partners(a: &Activity) -> Vec<&PartnerCode> {
        let mut codes: Vec<&PartnerCode> = a.participants.iter().map(|p| &p.partner).collect();
        codes.sort();
        codes
    }
    if partners(before) != partners(after) {
        changed.push("partners");
    }
    if before.category != after.category {
        changed.push("category");
    }
    let cost_changed = match (&before.cost, &after.cost) {
        (None, None) => false,
        (Some(b), Some(a)) if b.currency == a.currency => {
            let (b, a) = (b.amount.thousandths(), a.amount.thousandths());
            let difference = u128::from(b.abs_diff(a)) * 100;
            difference > u128::from(b.unsigned_abs()) * u128::from(COST_TOLERANCE_PERCENT)
        }
        _ => true,
    };
    if cost_changed {
        changed.push("cost");
    }
    changed
}

/// The ministries whose concurrence or objection a change of substance resets: every one
/// that has answered and whose answer still stands. They are asked again.
pub fn to_reset(changes: &[&str], answers: &[Answer]) -> Vec<Ministry> {
    if changes.is_empty() {
        return Vec::new();
    }
    Ministry::ALL
        .iter()
        .copied()
        .filter(|m| standing(*m, answers) != Standing::Awaiting)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_condition_is_read_from_its_kind_and_value() {
        assert_eq!(
            Condition::from_parts("category", "training"),
            Ok(Condition::Category(Category::Training))
        );
        assert_eq!(
            Condition::from_parts("partner", "sgp"),
            Ok(Condition::Partner(PartnerCode::parse("p", "SGP").unwrap()))
        );
        let cost = Condition::from_parts("cost_at_least", "50000 GBP").unwrap();
        assert_eq!(cost.describe(), "it costs at least 50000.00 GBP");
        assert_eq!(
            Condition::from_parts("foreign_partner", ""),
            Ok(Condition::ForeignPartner)
        );
        assert_eq!(
            Condition::from_parts("cost_at_least", "50000")
                .unwrap_err()
                .field,
            "value"
        );
        assert_eq!(
            Condition::from_parts("weather", "").unwrap_err().field,
            "when"
        );
        assert_eq!(
            Condition::from_parts("aim", "peace").unwrap_err().field,
            "value"
        );
    }
    use crate::coordination::gate::tests::{activity, date};
    use crate::money::Amount;

    fn gbr() -> PartnerCode {
        PartnerCode::parse("nation", "GBR").unwrap()
    }

    fn answer(ministry: Ministry, verdict: Verdict, minute: u32, reset: bool) -> Answer {
        Answer {
            ministry,
            verdict,
            reason: "r".into(),
            by: "official".into(),
            at: date("2027-01-01")
                .and_hms_opt(9, minute, 0)
                .unwrap()
                .and_utc(),
            reset,
        }
    }

    #[test]
    fn the_default_table_asks_the_foreign_ministry_for_every_foreign_partner() {
        let talks = activity(Category::StaffTalks, "2027-03-14", "2027-03-15");
        let req = required(
            &default_rules(),
            &Subject {
                activity: &talks,
                our_nation: &gbr(),
                aims: &[],
            },
        );
        assert_eq!(req.len(), 1);
        assert_eq!(req[0].ministry, Ministry::Foreign);
        assert_eq!(req[0].due, date("2027-02-28"));
    }

    #[test]
    fn training_and_reform_also_need_the_development_ministry() {
        let training = activity(Category::Training, "2027-03-14", "2027-03-20");
        let subject = Subject {
            activity: &training,
            our_nation: &gbr(),
            aims: &[StandingAim::SecuritySectorReform],
        };
        let req = required(&default_rules(), &subject);
        let ministries: Vec<Ministry> = req.iter().map(|r| r.ministry).collect();
        assert_eq!(ministries, [Ministry::Foreign, Ministry::Development]);
        assert_eq!(req[1].because.len(), 2, "{:?}", req[1].because);
        let talks = activity(Category::StaffTalks, "2027-03-14", "2027-03-15");
        let reform = Subject {
            activity: &talks,
            our_nation: &gbr(),
            aims: &[StandingAim::AccountableForces],
        };
        assert_eq!(required(&default_rules(), &reform).len(), 2);
    }

    #[test]
    fn a_cost_rule_applies_from_its_amount_in_its_currency() {
        let mut talks = activity(Category::StaffTalks, "2027-03-14", "2027-03-15");
        let limit = Money {
            amount: Amount::parse("a", "50000").unwrap(),
            currency: crate::CurrencyCode::parse("c", "GBP").unwrap(),
        };
        let rules = [ConcurrenceRule {
            ministry: Ministry::Development,
            condition: Condition::CostAtLeast(limit.clone()),
            due_days: 30,
        }];
        for (amount, applies) in [("49999.99", false), ("50000", true), ("50000.01", true)] {
            talks.cost = Some(Money {
                amount: Amount::parse("a", amount).unwrap(),
                currency: limit.currency.clone(),
            });
            let subject = Subject {
                activity: &talks,
                our_nation: &gbr(),
                aims: &[],
            };
            assert_eq!(!required(&rules, &subject).is_empty(), applies, "{amount}");
        }
    }

    #[test]
    fn an_objection_needs_a_reason_and_a_comment_its_text() {
        assert!(check_answer(Verdict::Concur, "").is_ok());
        assert_eq!(
            check_answer(Verdict::Object, " ").unwrap_err().field,
            "reason"
        );
        assert!(check_answer(Verdict::Comment, "").is_err());
        assert!(check_answer(Verdict::Object, "embassy advises against").is_ok());
    }

    #[test]
    fn the_latest_standing_answer_decides_and_comments_do_not() {
        use Ministry::Foreign;
        assert_eq!(standing(Foreign, &[]), Standing::Awaiting);
        let objected = [
            answer(Foreign, Verdict::Concur, 1, false),
            answer(Foreign, Verdict::Object, 2, false),
            answer(Foreign, Verdict::Comment, 3, false),
        ];
        assert!(matches!(
            standing(Foreign, &objected),
            Standing::Objected { .. }
        ));
        let reset = [answer(Foreign, Verdict::Concur, 1, true)];
        assert_eq!(standing(Foreign, &reset), Standing::Awaiting);
        assert_eq!(
            standing(Ministry::Development, &objected),
            Standing::Awaiting
        );
    }

    #[test]
    fn a_concurrence_is_overdue_the_day_after_it_is_due() {
        let req = Requirement {
            ministry: Ministry::Foreign,
            because: vec![],
            due: date("2027-02-28"),
        };
        let awaiting = Standing::Awaiting;
        assert!(!req.overdue(&awaiting, date("2027-02-27")));
        assert!(!req.overdue(&awaiting, date("2027-02-28")));
        assert!(req.overdue(&awaiting, date("2027-03-01")));
        let done = Standing::Concurred { by: "x".into() };
        assert!(!req.overdue(&done, date("2027-03-01")));
        assert!(req.blocks(&done).is_none());
        assert!(req.blocks(&awaiting).unwrap().contains("foreign ministry"));
    }

    #[test]
    fn substance_is_dates_partners_category_and_cost_beyond_the_tolerance() {
        let before = activity(Category::StaffTalks, "2027-03-14", "2027-03-15");
        let mut after = before.clone();
        after.title = "Renamed".into();
        assert!(substance_changes(&before, &after).is_empty());
        after.end = date("2027-03-16");
        after.category = Category::BilateralMeeting;
        assert_eq!(substance_changes(&before, &after), ["dates", "category"]);

        let money = |raw: &str| {
            Some(Money {
                amount: Amount::parse("a", raw).unwrap(),
                currency: crate::CurrencyCode::parse("c", "GBP").unwrap(),
            })
        };
        let (mut b, mut a) = (before.clone(), before.clone());
        b.cost = money("1000");
        for (raw, changed) in [
            ("1100", false),
            ("1100.001", true),
            ("900", false),
            ("899.999", true),
        ] {
            a.cost = money(raw);
            assert_eq!(substance_changes(&b, &a) == ["cost"], changed, "{raw}");
        }
        a.cost = None;
        assert_eq!(substance_changes(&b, &a), ["cost"]);
    }

    #[test]
    fn a_change_of_substance_resets_the_answers_that_stand() {
        let answers = [
            answer(Ministry::Foreign, Verdict::Concur, 1, false),
            answer(Ministry::Development, Verdict::Comment, 2, false),
        ];
        assert_eq!(to_reset(&["dates"], &answers), [Ministry::Foreign]);
        assert!(to_reset(&[], &answers).is_empty());
    }
}
