//! Codes that name partners and currencies.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

/// What a code type shares: its text (`as_str`, `Display`, into `String`) and its parse
/// from a `String`, which serde's `try_from` uses.
macro_rules! text_form {
    ($name:ident, $field:literal) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = FieldError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse($field, &value)
            }
        }

        impl From<$name> for String {
            fn from(code: $name) -> Self {
                code.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

/// A partner's code: an ISO 3166-1 alpha-3 code for a state (`SGP`), or an organisation's
/// code (`NATO`, `ADMM-Plus`). Stored as given; states are upper case.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "SGP")]
pub struct PartnerCode(String);

impl PartnerCode {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let code = raw.trim();
        let well_formed = (2..=16).contains(&code.len())
            && code.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if well_formed {
            Ok(Self(code.to_owned()))
        } else {
            Err(FieldError::new(
                field,
                format!(
                    "'{raw}' is not a partner code: use an ISO 3166-1 alpha-3 code (e.g. SGP) \
                     or an organisation's code (e.g. NATO)"
                ),
            ))
        }
    }

    /// A state's code has exactly three upper-case letters.
    pub fn is_state(&self) -> bool {
        self.0.len() == 3 && self.0.chars().all(|c| c.is_ascii_uppercase())
    }
}

text_form!(PartnerCode, "code");

/// An ISO 4217 alphabetic currency code (`GBP`). Whether the code is in use is checked
/// against reference data by [`crate::ValidationContext`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "GBP")]
pub struct CurrencyCode(String);

impl CurrencyCode {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let code = raw.trim();
        if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) {
            Ok(Self(code.to_owned()))
        } else {
            Err(FieldError::new(
                field,
                format!(
                    "'{raw}' is not an ISO 4217 currency code (three capital letters, e.g. GBP)"
                ),
            ))
        }
    }
}

text_form!(CurrencyCode, "currency");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partner_codes() {
        for ok in ["SGP", "NATO", "ADMM-Plus", "EU", "AU"] {
            assert!(PartnerCode::parse("host", ok).is_ok(), "{ok}");
        }
        for bad in ["", "s", "sgp", "S G P", "1AB", "ABCDEFGHIJKLMNOPQ"] {
            assert!(PartnerCode::parse("host", bad).is_err(), "{bad}");
        }
        assert!(PartnerCode::parse("host", "SGP").is_ok_and(|c| c.is_state()));
        assert!(PartnerCode::parse("host", "NATO").is_ok_and(|c| !c.is_state()));
    }

    #[test]
    fn currency_codes() {
        assert!(CurrencyCode::parse("cost_currency", "GBP").is_ok());
        assert!(CurrencyCode::parse("cost_currency", "gbp").is_err());
        assert!(CurrencyCode::parse("cost_currency", "POUND").is_err());
    }
}
