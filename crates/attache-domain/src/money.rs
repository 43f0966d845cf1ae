//! Costs: a decimal amount and its currency.
//!
//! Amounts are kept as a whole number of thousandths, exact to the three decimals of the
//! currencies with the most minor units (BHD, KWD); floats would lose cents on a round trip.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::code::CurrencyCode;
use crate::error::FieldError;

const SCALE: i64 = 1000;

/// A non-negative decimal amount with at most three decimals.
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
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "1250.5")]
pub struct Amount(i64);

impl Amount {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let text = raw.trim();
        let bad = |why: &str| FieldError::new(field, format!("'{raw}' is not an amount: {why}"));
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(
                "write digits with an optional '.' and decimals, e.g. 12500.50",
            ));
        }
        if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("at most three decimals"));
        }
        let whole: i64 = whole.parse().map_err(|_| bad("too large"))?;
        let padded = format!("{fraction:0<3}");
        let fraction: i64 = padded.parse().map_err(|_| bad("bad decimals"))?;
        whole
            .checked_mul(SCALE)
            .and_then(|w| w.checked_add(fraction))
            .map(Amount)
            .ok_or_else(|| bad("too large"))
    }

    /// Thousandths of the currency unit, as stored.
    pub fn thousandths(self) -> i64 {
        self.0
    }

    pub fn from_thousandths(value: i64) -> Option<Self> {
        (value >= 0).then_some(Amount(value))
    }
}

impl fmt::Display for Amount {
    /// Two decimals, or three where the third is not zero: `12500.50`, `3.125`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, fraction) = (self.0 / SCALE, self.0 % SCALE);
        if fraction % 10 == 0 {
            write!(f, "{whole}.{:02}", fraction / 10)
        } else {
            write!(f, "{whole}.{fraction:03}")
        }
    }
}

impl TryFrom<String> for Amount {
    type Error = FieldError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse("cost_amount", &value)
    }
}

impl From<Amount> for String {
    fn from(amount: Amount) -> Self {
        amount.to_string()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Money {
    pub amount: Amount,
    pub currency: CurrencyCode,
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn parses_and_prints() {
        for (raw, shown) in [
            ("0", "0.00"),
            ("12500", "12500.00"),
            ("12500.5", "12500.50"),
            ("3.125", "3.125"),
            (" 7.10 ", "7.10"),
        ] {
            assert_eq!(
                Amount::parse("cost_amount", raw).unwrap().to_string(),
                shown
            );
        }
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for raw in [
            "",
            "-5",
            "1,000",
            "1.2345",
            "abc",
            ".5",
            "1e3",
            "99999999999999999999",
        ] {
            assert!(Amount::parse("cost_amount", raw).is_err(), "{raw}");
        }
    }

    proptest! {
        #[test]
        fn printing_then_parsing_gives_the_same_amount(value in 0i64..i64::MAX / 2) {
            let amount = Amount(value);
            prop_assert_eq!(Amount::parse("cost_amount", &amount.to_string()).unwrap(), amount);
        }
    }
}
