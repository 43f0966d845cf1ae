//! Partners, people, assets, objectives and agreements: reference loading, adding,
//! listing, and updates that are versioned, audited and refused when stale or hidden.

use std::collections::HashSet;

use attache_domain::Stored;
use attache_domain::access::Actor;
use attache_domain::query::PartnerFilter;
use attache_domain::records::{
    Agreement, AgreementKind, Asset, AssetKind, Indicator, Objective, Partner, PartnerKind, Person,
    StandingAim,
};
use attache_domain::{Classification, PartnerCode, SecurityLabel};
use attache_store::{Store, StoreError};
use attache_testkit::fixtures::{code, date};

use crate::support::{
    actor, actor_at, assert_err, full_input, ids, ready, reference_partners, standing_objectives,
    state, valid,
};

attache_testkit::on_each_backend!(
    reference_load_is_idempotent,
    records_are_added_and_listed,
    records_are_updated_with_a_new_version_and_audited,
    a_stale_record_update_is_a_conflict,
    a_hidden_record_is_not_found_for_update,
    child_rows_are_replaced,
);

async fn reference_load_is_idempotent<S: Store>(store: &S) {
    let ctx = ready(store).await;
    let activity = valid(&full_input(), &ctx);
    store.add_activity(&activity, &actor()).await.unwrap();

    // The same load again changes nothing, and keeps what refers to the reference data.
    store
        .load_reference(
            &reference_partners(),
            &standing_objectives(),
            &actor_at("B. Admin", 10),
        )
        .await
        .unwrap();
    for partner in reference_partners() {
        let stored = store.get_partner(&partner.code, &actor()).await.unwrap();
        assert_eq!(stored.record, partner);
        assert_eq!(stored.meta.version, 1, "{}", partner.code);
        assert_eq!(stored.meta.updated_by, "A. Planner");
    }
    for objective in standing_objectives() {
        let stored = store
            .get_objective(&objective.code, &actor())
            .await
            .unwrap();
        assert_eq!((stored.record, stored.meta.version), (objective, 1));
    }
    assert_eq!(
        store
            .count_activities(&Default::default(), &actor())
            .await
            .unwrap(),
        1
    );

    // A corrected row is updated in place and only it gets a new version.
    let mut corrected = reference_partners();
    let nato = corrected.last_mut().unwrap();
    nato.name = "NATO".into();
    nato.members.push(code("AUS"));
    nato.members.sort();
    store
        .load_reference(
            &corrected,
            &standing_objectives(),
            &actor_at("B. Admin", 10),
        )
        .await
        .unwrap();
    let stored = store.get_partner(&code("NATO"), &actor()).await.unwrap();
    assert_eq!(&stored.record, corrected.last().unwrap());
    assert_eq!(
        (stored.meta.version, stored.meta.updated_by.as_str()),
        (2, "B. Admin")
    );
    assert_eq!(
        store
            .get_partner(&code("SGP"), &actor())
            .await
            .unwrap()
            .meta
            .version,
        1
    );

    let known = store.known_codes().await.unwrap();
    let expected: HashSet<String> = ["AUS", "GBR", "MYS", "NATO", "SGP", "USA"]
        .map(String::from)
        .into();
    assert_eq!(known.partners, expected);
    assert!(known.objectives.contains("build_trust"));
}

async fn records_are_added_and_listed<S: Store>(store: &S) {
    ready(store).await;
    let who = actor();

    // Partners.
    let france = state("FRA", "France", "Europe");
    store.add_partner(&france, &who).await.unwrap();
    let stored = store.get_partner(&code("FRA"), &actor()).await.unwrap();
    assert_eq!(stored.record, france);
    assert_eq!(
        (
            stored.meta.owner_nation.as_str(),
            stored.meta.created_by.as_str()
        ),
        ("GBR", "A. Planner")
    );
    assert_eq!((stored.meta.created_at, stored.meta.version), (who.at, 1));
    assert_err!(
        store.add_partner(&france, &who).await,
        StoreError::Conflict(_)
    );
    assert_err!(
        store.get_partner(&code("ZZZ"), &actor()).await,
        StoreError::NotFound { .. }
    );
    let partner_codes = |rows: Vec<Stored<Partner>>| -> Vec<String> {
        rows.into_iter()
            .map(|p| p.record.code.to_string())
            .collect()
    };
    let list = |filter: PartnerFilter| async move {
        partner_codes(store.list_partners(&filter, &actor()).await.unwrap())
    };
    assert_eq!(
        list(PartnerFilter::default()).await,
        ["AUS", "FRA", "GBR", "MYS", "SGP", "USA", "NATO"]
    );
    let organisations = PartnerFilter {
        kind: Some(PartnerKind::Organisation),
        ..Default::default()
    };
    assert_eq!(list(organisations).await, ["NATO"]);
    let asia = PartnerFilter {
        region: Some("ASIA".into()),
        ..Default::default()
    };
    assert_eq!(list(asia).await, ["MYS", "SGP"]);
    let search = PartnerFilter {
        search: Some("sing".into()),
        ..Default::default()
    };
    assert_eq!(list(search).await, ["SGP"]);

    // People and assets, listed by nation.
    let person = Person {
        name: "Jane Tan".into(),
        title: "Colonel".into(),
        role: "defence attaché".into(),
        nation: code("SGP"),
        label: SecurityLabel::default(),
    };
    let person_id = store.add_person(&person, &who).await.unwrap();
    assert_eq!(
        store.get_person(person_id, &actor()).await.unwrap().record,
        person
    );
    let other = Person {
        nation: code("AUS"),
        name: "Sam Lee".into(),
        ..person.clone()
    };
    store.add_person(&other, &who).await.unwrap();
    assert_eq!(
        ids(&store
            .list_people(Some(&code("SGP")), &actor())
            .await
            .unwrap()),
        [person_id]
    );
    assert_eq!(store.list_people(None, &actor()).await.unwrap().len(), 2);
    assert_err!(
        store.get_person(person_id + 100, &actor()).await,
        StoreError::NotFound { .. }
    );

    let asset = Asset {
        name: "HMS Example".into(),
        kind: AssetKind::Ship,
        identifier: "F999".into(),
        nation: code("GBR"),
        label: SecurityLabel::new(
            attache_domain::Classification::OfficialSensitive,
            vec![code("USA"), code("AUS")],
        )
        .unwrap(),
    };
    let asset_id = store.add_asset(&asset, &who).await.unwrap();
    assert_eq!(
        store.get_asset(asset_id, &actor()).await.unwrap().record,
        asset
    );
    assert_eq!(
        ids(&store
            .list_assets(Some(&code("GBR")), &actor())
            .await
            .unwrap()),
        [asset_id]
    );
    assert!(
        store
            .list_assets(Some(&code("SGP")), &actor())
            .await
            .unwrap()
            .is_empty()
    );

    // A partner's objective with its indicators, in order.
    let objective = Objective {
        code: "SGP-1".into(),
        title: "Deepen maritime cooperation".into(),
        aim: StandingAim::BuildTrust,
        partner: Some(code("SGP")),
        indicators: vec![
            Indicator {
                name: "Port visits a year".into(),
                baseline: 2.0,
                target: 6.5,
            },
            Indicator {
                name: "Staff talks a year".into(),
                baseline: 0.0,
                target: 1.0,
            },
        ],
        label: SecurityLabel::default(),
    };
    store.add_objective(&objective, &who).await.unwrap();
    assert_eq!(
        store.get_objective("SGP-1", &actor()).await.unwrap().record,
        objective
    );
    let sgp = store
        .list_objectives(Some(&code("SGP")), &actor())
        .await
        .unwrap();
    assert_eq!(
        sgp.into_iter().map(|o| o.record).collect::<Vec<_>>(),
        std::slice::from_ref(&objective)
    );
    assert_eq!(
        store.list_objectives(None, &actor()).await.unwrap().len(),
        4
    );
    assert_err!(
        store.add_objective(&objective, &who).await,
        StoreError::Conflict(_)
    );

    // An agreement with its parties.
    let agreement = Agreement {
        kind: AgreementKind::DefenceCooperation,
        title: "UK–Singapore defence cooperation".into(),
        parties: vec![code("GBR"), code("SGP")],
        signed: date("2019-06-01"),
        in_force: Some(date("2019-07-01")),
        expiry: None,
        label: SecurityLabel::default(),
    };
    let agreement_id = store.add_agreement(&agreement, &who).await.unwrap();
    let stored = store.get_agreement(agreement_id, &actor()).await.unwrap();
    assert_eq!((stored.record, stored.meta.version), (agreement, 1));
    assert_eq!(
        ids(&store
            .list_agreements(Some(&code("SGP")), &actor())
            .await
            .unwrap()),
        [agreement_id]
    );
    assert!(
        store
            .list_agreements(Some(&code("USA")), &actor())
            .await
            .unwrap()
            .is_empty()
    );
}

/// Each record that `Store::update_…` changes, driven the same way by the update stories:
/// its fixtures and its add, get and update methods.
trait Updatable: Clone + PartialEq + std::fmt::Debug + serde::de::DeserializeOwned {
    const RECORD_TYPE: &'static str;
    type Key: std::fmt::Display;
    /// A record as first added.
    fn original() -> Self;
    /// The original with every field but its key changed, child rows included.
    fn changed() -> Self;
    fn label(&self) -> &SecurityLabel;
    fn with_label(self, label: SecurityLabel) -> Self;
    /// Reference data, which every nation reads (cleared for it) whatever its
    /// releasability: partners.
    const PUBLIC: bool = false;
    async fn add<S: Store>(store: &S, record: &Self, actor: &Actor) -> Self::Key;
    async fn get<S: Store>(store: &S, key: &Self::Key, viewer: &Actor) -> StoreResult<Self>;
    async fn update<S: Store>(
        store: &S,
        key: &Self::Key,
        record: &Self,
        expected_version: i64,
        actor: &Actor,
    ) -> StoreResult<Self>;
}

type StoreResult<T> = Result<Stored<T>, StoreError>;

/// What each record's `Updatable` does alike: its label, and the store's `get_…` and
/// `update_…` for it, given how its key is passed (`|id| *id`).
macro_rules! label_get_update {
    ($get:ident, $update:ident, |$key:ident| $pass:expr) => {
        fn label(&self) -> &SecurityLabel {
            &self.label
        }
        fn with_label(self, label: SecurityLabel) -> Self {
            Self { label, ..self }
        }
        async fn get<S: Store>(store: &S, $key: &Self::Key, viewer: &Actor) -> StoreResult<Self> {
            store.$get($pass, viewer).await
        }
        async fn update<S: Store>(
            store: &S,
            $key: &Self::Key,
            record: &Self,
            expected_version: i64,
            actor: &Actor,
        ) -> StoreResult<Self> {
            store.$update($pass, record, expected_version, actor).await
        }
    };
}

fn label(classification: Classification, releasable_to: &[&str]) -> SecurityLabel {
    SecurityLabel::new(
        classification,
        releasable_to.iter().map(|c| code(c)).collect(),
    )
    .unwrap()
}

impl Updatable for Partner {
    const RECORD_TYPE: &'static str = "partner";
    const PUBLIC: bool = true;
    type Key = PartnerCode;
    fn original() -> Self {
        Partner {
            code: code("FPDA"),
            kind: PartnerKind::Organisation,
            name: "Five Power Defence Arrangements".into(),
            members: vec![code("AUS"), code("GBR"), code("MYS"), code("SGP")],
            members_as_of: Some(date("2026-01-01")),
            members_source: "fpda.example".into(),
            ..state("FPDA", "", "Asia")
        }
    }
    fn changed() -> Self {
        Partner {
            name: "FPDA".into(),
            region: "Oceania".into(),
            subregion: "South-eastern Asia".into(),
            members: vec![code("GBR"), code("SGP"), code("USA")],
            members_as_of: Some(date("2026-06-30")),
            members_source: "corrected by hand".into(),
            label: label(Classification::OfficialSensitive, &["AUS"]),
            ..Self::original()
        }
    }
    async fn add<S: Store>(store: &S, record: &Self, actor: &Actor) -> PartnerCode {
        store.add_partner(record, actor).await.unwrap();
        record.code.clone()
    }
    label_get_update!(get_partner, update_partner, |key| key);
}

impl Updatable for Person {
    const RECORD_TYPE: &'static str = "person";
    type Key = i64;
    fn original() -> Self {
        Person {
            name: "Jane Tan".into(),
            title: "Colonel".into(),
            role: "defence attaché".into(),
            nation: code("SGP"),
            label: SecurityLabel::default(),
        }
    }
    fn changed() -> Self {
        Person {
            name: "Jane Tan-Lim".into(),
            title: "Brigadier-General".into(),
            role: "chief of staff".into(),
            nation: code("MYS"),
            label: label(Classification::Secret, &["USA"]),
        }
    }
    async fn add<S: Store>(store: &S, record: &Self, actor: &Actor) -> i64 {
        store.add_person(record, actor).await.unwrap()
    }
    label_get_update!(get_person, update_person, |id| *id);
}

impl Updatable for Asset {
    const RECORD_TYPE: &'static str = "asset";
    type Key = i64;
    fn original() -> Self {
        Asset {
            name: "HMS Example".into(),
            kind: AssetKind::Ship,
            identifier: "F999".into(),
            nation: code("GBR"),
            label: SecurityLabel::default(),
        }
    }
    fn changed() -> Self {
        Asset {
            name: "Wildcat".into(),
            kind: AssetKind::Aircraft,
            identifier: "ZZ999".into(),
            nation: code("AUS"),
            label: label(Classification::OfficialSensitive, &["AUS", "USA"]),
        }
    }
    async fn add<S: Store>(store: &S, record: &Self, actor: &Actor) -> i64 {
        store.add_asset(record, actor).await.unwrap()
    }
    label_get_update!(get_asset, update_asset, |id| *id);
}

fn indicator(name: &str, baseline: f64, target: f64) -> Indicator {
    Indicator {
        name: name.into(),
        baseline,
        target,
    }
}

impl Updatable for Objective {
    const RECORD_TYPE: &'static str = "objective";
    type Key = String;
    fn original() -> Self {
        Objective {
            code: "SGP-1".into(),
            title: "Deepen maritime cooperation".into(),
            aim: StandingAim::BuildTrust,
            partner: Some(code("SGP")),
            indicators: vec![
                indicator("Port visits a year", 2.0, 6.5),
                indicator("Staff talks a year", 0.0, 1.0),
            ],
            label: SecurityLabel::default(),
        }
    }
    fn changed() -> Self {
        Objective {
            title: "Build a shared maritime picture".into(),
            aim: StandingAim::ConflictPrevention,
            partner: Some(code("MYS")),
            indicators: vec![indicator("Joint patrols a year", 1.0, 4.0)],
            label: label(Classification::OfficialSensitive, &[]),
            ..Self::original()
        }
    }
    async fn add<S: Store>(store: &S, record: &Self, actor: &Actor) -> String {
        store.add_objective(record, actor).await.unwrap();
        record.code.clone()
    }
    label_get_update!(get_objective, update_objective, |code| code);
}

impl Updatable for Agreement {
    const RECORD_TYPE: &'static str = "agreement";
    type Key = i64;
    fn original() -> Self {
        Agreement {
            kind: AgreementKind::DefenceCooperation,
            title: "Defence cooperation agreement".into(),
            parties: vec![code("GBR"), code("SGP")],
            signed: date("2020-01-01"),
            in_force: Some(date("2020-02-01")),
            expiry: None,
            label: SecurityLabel::default(),
        }
    }
    fn changed() -> Self {
        Agreement {
            kind: AgreementKind::Mou,
            title: "Memorandum on training".into(),
            parties: vec![code("AUS"), code("GBR"), code("MYS")],
            signed: date("2021-05-01"),
            in_force: None,
            expiry: Some(date("2031-05-01")),
            label: label(Classification::Secret, &["AUS"]),
        }
    }
    async fn add<S: Store>(store: &S, record: &Self, actor: &Actor) -> i64 {
        store.add_agreement(record, actor).await.unwrap()
    }
    label_get_update!(get_agreement, update_agreement, |id| *id);
}

/// The audit trail of one record, as the console operator sees it.
async fn trail_of<S: Store, T: Updatable>(
    store: &S,
    key: &T::Key,
) -> Vec<attache_store::AuditEntry> {
    store
        .audit_trail(Some((T::RECORD_TYPE, &key.to_string())), 100, &actor())
        .await
        .unwrap()
}

/// A record's JSON in the audit trail, read back as the record.
fn from_trail<T: Updatable>(json: Option<&String>) -> T {
    serde_json::from_str(json.expect("a record in the trail")).unwrap()
}

async fn records_are_updated_with_a_new_version_and_audited<S: Store>(store: &S) {
    ready(store).await;
    an_update_is_versioned_and_audited::<S, Partner>(store).await;
    an_update_is_versioned_and_audited::<S, Person>(store).await;
    an_update_is_versioned_and_audited::<S, Asset>(store).await;
    an_update_is_versioned_and_audited::<S, Objective>(store).await;
    an_update_is_versioned_and_audited::<S, Agreement>(store).await;
}

async fn an_update_is_versioned_and_audited<S: Store, T: Updatable>(store: &S) {
    let key = T::add(store, &T::original(), &actor()).await;
    let editor = actor_at("B. Editor", 11);
    let updated = T::update(store, &key, &T::changed(), 1, &editor)
        .await
        .unwrap();
    assert_eq!(updated.record, T::changed(), "{}", T::RECORD_TYPE);
    assert_eq!(T::get(store, &key, &actor()).await.unwrap(), updated);
    let meta = &updated.meta;
    assert_eq!(meta.version, 2, "{}", T::RECORD_TYPE);
    assert_eq!(
        (meta.updated_by.as_str(), meta.updated_at),
        ("B. Editor", editor.at)
    );
    assert_eq!(
        (
            meta.created_by.as_str(),
            meta.created_at,
            meta.owner_nation.as_str()
        ),
        ("A. Planner", actor().at, "GBR")
    );

    let trail = trail_of::<S, T>(store, &key).await;
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    // A label that releases the record to a nation more is a declassification.
    let (was, is) = (T::original(), T::changed());
    let update = was.label().change_action(is.label(), "update");
    assert_eq!(actions, ["create", update], "{}", T::RECORD_TYPE);
    let entry = &trail[1];
    assert_eq!(entry.actor, "B. Editor");
    assert_eq!(from_trail::<T>(entry.before.as_ref()), T::original());
    assert_eq!(from_trail::<T>(entry.after.as_ref()), T::changed());
    // The entry is labelled to cover both versions, so that the trail hides what either
    // hides.
    let label = T::original().label().covering(T::changed().label());
    assert_eq!(
        (entry.classification.as_str(), entry.releasable_to.as_str()),
        (
            label.classification.as_str(),
            label.releasable_to_text().as_str()
        )
    );
    assert!(matches!(
        store.verify_audit(None).await.unwrap(),
        attache_store::AuditVerdict::Intact { .. }
    ));
}

async fn a_stale_record_update_is_a_conflict<S: Store>(store: &S) {
    ready(store).await;
    a_stale_version_changes_nothing::<S, Partner>(store).await;
    a_stale_version_changes_nothing::<S, Person>(store).await;
    a_stale_version_changes_nothing::<S, Asset>(store).await;
    a_stale_version_changes_nothing::<S, Objective>(store).await;
    a_stale_version_changes_nothing::<S, Agreement>(store).await;
}

async fn a_stale_version_changes_nothing<S: Store, T: Updatable>(store: &S) {
    let key = T::add(store, &T::original(), &actor()).await;
    // The first editor wins; the second, who also read version 1, is refused.
    let first = T::original().with_label(label(Classification::OfficialSensitive, &["USA"]));
    let won = T::update(store, &key, &first, 1, &actor_at("B. Editor", 11))
        .await
        .unwrap();
    let lost = T::update(store, &key, &T::changed(), 1, &actor_at("C. Editor", 12)).await;
    assert_err!(
        lost,
        StoreError::Conflict(m) if m.contains("you had version 1") && m.contains("now at version 2")
    );
    assert_eq!(T::get(store, &key, &actor()).await.unwrap(), won);
    assert_eq!(
        trail_of::<S, T>(store, &key).await.len(),
        2,
        "{}",
        T::RECORD_TYPE
    );
    // A version from the future is no better.
    assert_err!(
        T::update(store, &key, &T::changed(), 3, &actor()).await,
        StoreError::Conflict(_)
    );
}

async fn a_hidden_record_is_not_found_for_update<S: Store>(store: &S) {
    ready(store).await;
    a_hidden_record_cannot_be_updated::<S, Partner>(store).await;
    a_hidden_record_cannot_be_updated::<S, Person>(store).await;
    a_hidden_record_cannot_be_updated::<S, Asset>(store).await;
    a_hidden_record_cannot_be_updated::<S, Objective>(store).await;
    a_hidden_record_cannot_be_updated::<S, Agreement>(store).await;
}

async fn a_hidden_record_cannot_be_updated<S: Store, T: Updatable>(store: &S) {
    let secret = T::original().with_label(label(Classification::Secret, &["USA"]));
    let key = T::add(store, &secret, &actor()).await;
    let not_cleared = Actor {
        clearance: Classification::OfficialSensitive,
        ..actor()
    };
    let not_released = Actor {
        nation: code("AUS"),
        ..actor()
    };
    let hidden_from = match T::PUBLIC {
        true => vec![&not_cleared],
        false => vec![&not_cleared, &not_released],
    };
    for viewer in hidden_from {
        // Not even by lowering the label into the viewer's sight.
        let lowered = T::changed().with_label(label(Classification::Official, &["AUS"]));
        assert_err!(
            T::update(store, &key, &lowered, 1, viewer).await,
            StoreError::NotFound { .. }
        );
    }
    let stored = T::get(store, &key, &actor()).await.unwrap();
    assert_eq!((stored.record, stored.meta.version), (secret, 1));
    // Released to its nation, the record may be changed from there.
    let released = Actor {
        nation: code("USA"),
        ..actor()
    };
    let kept_released = T::changed().with_label(label(Classification::Secret, &["USA"]));
    let updated = T::update(store, &key, &kept_released, 1, &released)
        .await
        .unwrap();
    assert_eq!(updated.meta.owner_nation, "GBR");
}

/// Members, indicators and parties are replaced, not added to: the lists shrink and grow,
/// and the lists filtered by them follow.
async fn child_rows_are_replaced<S: Store>(store: &S) {
    ready(store).await;
    let who = actor();

    let fpda = Partner::add(store, &Partner::original(), &who).await;
    let mut fewer = Partner::original();
    fewer.members = vec![code("SGP")];
    let updated = store.update_partner(&fpda, &fewer, 1, &who).await.unwrap();
    assert_eq!(updated.record.members, [code("SGP")]);
    let mut none = fewer.clone();
    none.members.clear();
    let updated = store.update_partner(&fpda, &none, 2, &who).await.unwrap();
    assert!(updated.record.members.is_empty());
    // Other organisations' members stay as they were.
    let nato = store.get_partner(&code("NATO"), &who).await.unwrap();
    assert_eq!(nato.record.members, [code("GBR"), code("USA")]);

    let objective = Objective::add(store, &Objective::original(), &who).await;
    let mut reordered = Objective::original();
    reordered.indicators.reverse();
    reordered
        .indicators
        .push(indicator("Exchanges a year", 0.0, 3.0));
    let updated = store
        .update_objective(&objective, &reordered, 1, &who)
        .await
        .unwrap();
    assert_eq!(updated.record.indicators, reordered.indicators);
    let moved = Objective::changed();
    store
        .update_objective(&objective, &moved, 2, &who)
        .await
        .unwrap();
    let objectives_of = |partner: &'static str| async move {
        store
            .list_objectives(Some(&code(partner)), &actor())
            .await
            .unwrap()
            .into_iter()
            .map(|o| o.record)
            .collect::<Vec<_>>()
    };
    assert!(objectives_of("SGP").await.is_empty());
    assert_eq!(objectives_of("MYS").await, [moved]);

    let agreement = Agreement::add(store, &Agreement::original(), &who).await;
    let mut other_parties = Agreement::original();
    other_parties.parties = vec![code("AUS"), code("GBR")];
    let updated = store
        .update_agreement(agreement, &other_parties, 1, &who)
        .await
        .unwrap();
    assert_eq!(updated.record.parties, [code("AUS"), code("GBR")]);
    let agreements_of = |partner: &'static str| async move {
        ids(&store
            .list_agreements(Some(&code(partner)), &actor())
            .await
            .unwrap())
    };
    assert!(agreements_of("SGP").await.is_empty());
    assert_eq!(agreements_of("AUS").await, [agreement]);
}
