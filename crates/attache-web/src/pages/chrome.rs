//! What frames every page: the title, the signed-in user in the header, the navigation,
//! and the classification banner at the top and bottom.

use attache_domain::Classification;
use attache_domain::access::Permission;

use crate::pages::auth::Viewer;

/// The user as the header shows them.
#[derive(Debug)]
pub(crate) struct Badge {
    pub name: String,
    pub nation: String,
    pub clearance: Classification,
}

/// The frame of a page.
#[derive(Debug)]
pub(crate) struct Chrome {
    pub title: String,
    /// The navigation entry this page belongs to.
    pub section: &'static str,
    pub user: Option<Badge>,
    /// The CSRF token that every form posting back carries.
    pub csrf: String,
    /// The highest classification of what the page shows (official when it shows none).
    pub classification: Classification,
    pub can_edit: bool,
    /// Whether the administration page is theirs (its link is shown).
    pub can_admin: bool,
    /// Answers for a ministry: the concurrence inbox is theirs.
    pub can_concur: bool,
    /// Whether the analytics page is theirs (its link is shown).
    pub can_analyse: bool,
}

impl Chrome {
    /// A signed-in user's page.
    pub fn of(viewer: &Viewer, section: &'static str, title: impl Into<String>) -> Chrome {
        let actor = &viewer.actor;
        Chrome {
            title: title.into(),
            section,
            user: Some(Badge {
                name: actor.name.clone(),
                nation: actor.nation.to_string(),
                clearance: actor.clearance,
            }),
            csrf: viewer.csrf.clone(),
            classification: Classification::Official,
            can_edit: actor.can(Permission::EditActivities),
            can_concur: actor.can(Permission::ConcurForeign)
                || actor.can(Permission::ConcurDevelopment),
            can_admin: actor.can(Permission::ManageUsers),
            can_analyse: actor.can(Permission::Analyse),
        }
    }

    /// A page before signing in, or one that shows no records.
    pub fn anonymous(title: impl Into<String>) -> Chrome {
        Chrome {
            title: title.into(),
            section: "",
            user: None,
            csrf: String::new(),
            classification: Classification::Official,
            can_edit: false,
            can_concur: false,
            can_admin: false,
            can_analyse: false,
        }
    }

    /// Raises the page's classification to the highest of what it shows.
    pub fn showing(mut self, shown: impl IntoIterator<Item = Classification>) -> Chrome {
        self.classification = shown.into_iter().fold(self.classification, Ord::max);
        self
    }

    /// The banner's words.
    pub fn banner(&self) -> &'static str {
        self.classification.banner()
    }

    /// The banner's style: its classification's name.
    pub fn banner_class(&self) -> &'static str {
        self.classification.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_as_classified_as_the_most_protected_thing_it_shows() {
        let page = Chrome::anonymous("t");
        assert_eq!(page.banner(), "OFFICIAL");
        let page = page.showing([Classification::OfficialSensitive, Classification::Official]);
        assert_eq!(page.banner(), "OFFICIAL-SENSITIVE");
        let page = page.showing([Classification::Secret]);
        assert_eq!(page.banner(), "SECRET");
        assert_eq!(page.showing([]).banner_class(), "secret");
    }
}
