//! `vocabulary!`: the small closed sets of names (kinds, aims, roles, statuses) with their
//! text forms, declared once instead of as hand-written twins.

/// Declares a closed set of snake_case names with `ALL`, `as_str`, `named` and `Display`,
/// and `parse` when it says what a name is (`"a status"`); a set without it writes its
/// own `parse` over `named`. `Name[N]` makes `ALL` an array of the `N` names, for sets
/// others map or index by position; otherwise it is a slice.
macro_rules! vocabulary {
    (@set [$($meta:tt)*] $name:ident, $all:ty, [$($borrow:tt)?] $(, $what:literal)? {
        $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)?
    }) => {
        $($meta)*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize, ::utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: $all = $($borrow)? [$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The one named `raw`, in any case and with spaces around.
            pub fn named(raw: &str) -> Option<Self> {
                let wanted = raw.trim().to_ascii_lowercase();
                Self::ALL.iter().copied().find(|v| v.as_str() == wanted)
            }

            $(
            pub fn parse(field: &'static str, raw: &str) -> Result<Self, $crate::error::FieldError> {
                Self::named(raw).ok_or_else(|| {
                    let names: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    $crate::error::FieldError::new(field, format!("'{raw}' is not {}; use one of {}", $what, names.join(", ")))
                })
            }
            )?
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
    ($(#[$meta:meta])* $name:ident[$n:literal] $(, $what:literal)? { $($names:tt)+ }) => {
        vocabulary!(@set [$(#[$meta])*] $name, [$name; $n], [] $(, $what)? { $($names)+ });
    };
    ($(#[$meta:meta])* $name:ident $(, $what:literal)? { $($names:tt)+ }) => {
        vocabulary!(@set [$(#[$meta])*] $name, &'static [$name], [&] $(, $what)? { $($names)+ });
    };
}
