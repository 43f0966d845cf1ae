//! The register's use cases: set-up, and adding, changing and reading records.

pub mod export;
pub mod import;
pub mod reference;

use std::collections::HashSet;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

use attache_domain::access::Actor;
use attache_domain::query::{ActivityFilter, Page, PartnerFilter, Sort};
use attache_domain::records::{Agreement, Asset, Objective, Partner, Person};
use attache_domain::{
    Activity, ActivityInput, FieldErrors, PartnerCode, SecurityLabel, Status, ValidationContext,
};
use attache_domain::{StatusChange, Stored};
use attache_store::traits::*;
use attache_store::{AnyStore, NewRecord};
use chrono::{DateTime, Utc};

use crate::Database;
use crate::cache::{AnswerCache, CredentialCache};
use crate::error::require;
use crate::{AppError, Result};
use attache_domain::access::Permission;

const OUR_NATION: &str = "our_nation";

/// Attaché's use cases over one store.
#[derive(Debug)]
pub struct App {
    store: AnyStore,
    our_nation: PartnerCode,
    currencies: HashSet<String>,
    /// The partner codes known so far: codes are only ever added, so this is reloaded only
    /// when a code is missing from it (another process may have added it since).
    partner_codes: RwLock<Arc<HashSet<String>>>,
    pub(crate) answers: AnswerCache,
    pub(crate) credentials: CredentialCache,
    /// The store's change marker as last read by `watch_changes` or `refresh_changes`;
    /// `UNWATCHED` until then.
    watched: AtomicI64,
}

const UNWATCHED: i64 = i64::MIN;

/// A change to an activity: the fields to set, in interchange form, applied to the stored
/// activity before it is validated again.
pub type ActivityEdit = Box<dyn FnOnce(&mut ActivityInput) + Send>;

impl App {
    /// Creates or upgrades a database: applies migrations, records our nation (a new
    /// database needs one; an existing one keeps its own) and loads the reference data.
    pub async fn init(
        database: Database,
        nation: Option<PartnerCode>,
        at: DateTime<Utc>,
    ) -> Result<Self> {
        let Database(store) = database;
        store.migrate().await?;
        let recorded = store.meta(OUR_NATION).await?;
        let our_nation = match (recorded, nation) {
            (Some(recorded), Some(asked)) if recorded != asked.as_str() => {
                return Err(AppError::Setup(format!(
                    "this database belongs to {recorded}, not {asked}: one database serves one nation"
                )));
            }
            (Some(recorded), _) => PartnerCode::parse("nation", &recorded)?,
            (None, Some(asked)) => asked,
            (None, None) => {
                return Err(AppError::Setup(
                    "a new database needs our nation: attache init --nation GBR (an ISO alpha-3 code)".into(),
                ));
            }
        };
        let partners = reference::partners()?;
        if !partners
            .iter()
            .any(|p| p.code == our_nation && p.code.is_state())
        {
            return Err(AppError::Setup(format!(
                "{our_nation} is not an ISO 3166-1 alpha-3 code of a state"
            )));
        }
        let actor = Actor::console(&our_nation, at);
        store
            .load_reference(&partners, &reference::standing_objectives(), &actor)
            .await?;
        store.set_meta(OUR_NATION, our_nation.as_str()).await?;
        Self::with_nation(store, our_nation)
    }

    /// Opens an initialised database, refusing one whose schema does not match.
    pub async fn open(database: Database) -> Result<Self> {
        let Database(store) = database;
        store.check_schema().await?;
        let nation = store.meta(OUR_NATION).await?.ok_or_else(|| {
            AppError::Setup(
                "this database is not initialised: run attache init --nation XXX".into(),
            )
        })?;
        let nation = PartnerCode::parse("nation", &nation)?;
        Self::with_nation(store, nation)
    }

    fn with_nation(store: AnyStore, our_nation: PartnerCode) -> Result<Self> {
        Ok(Self {
            store,
            our_nation,
            currencies: reference::currencies()?,
            partner_codes: RwLock::default(),
            answers: AnswerCache::default(),
            credentials: CredentialCache::default(),
            watched: AtomicI64::new(UNWATCHED),
        })
    }

    pub fn store(&self) -> &AnyStore {
        &self.store
    }

    /// The same database, for another `App` beside this one (a task beside the server):
    /// the handle shares this one's connections.
    pub fn database(&self) -> Database {
        Database(self.store.clone())
    }

    pub fn our_nation(&self) -> &PartnerCode {
        &self.our_nation
    }

    /// The operator at this machine's console, for our nation, at the given time. Whoever
    /// holds the database file can read all of it, so the console is cleared for all.
    pub fn console(&self, at: DateTime<Utc>) -> Actor {
        Actor::console(&self.our_nation, at)
    }

    /// The account `name` acting at `at`, as the command line's `--user` names it: it must
    /// exist and be enabled, and then holds its own roles and clearance, no more.
    pub async fn account(&self, name: &str, at: DateTime<Utc>) -> Result<Actor> {
        match self.store.user_credentials(name).await? {
            Some((user, _)) if !user.disabled => Ok(Actor::of(&user, at)),
            _ => Err(AppError::Unauthorized(format!(
                "no enabled account named {name}: --user names an account (attache user list); \
                 without it the console acts"
            ))),
        }
    }

    /// The source of activities created here rather than imported.
    pub fn local_source(&self) -> String {
        format!("attache-{}", self.our_nation)
    }

    /// What validation checks a writer's input against: the objectives are those the
    /// writer may see (one hidden from them is refused as unknown), with the labels of all
    /// but the standing aims (reference data, which every reader sees).
    pub async fn validation_context(&self, writer: &Actor) -> Result<ValidationContext> {
        let known = self.store.known_codes().await?;
        let standing: HashSet<String> = reference::standing_objectives()
            .into_iter()
            .map(|o| o.code)
            .collect();
        let seen = self.store.list_objectives(None, writer).await?;
        let objective_labels = seen
            .iter()
            .filter(|o| !standing.contains(&o.record.code))
            .map(|o| {
                let owner = PartnerCode::parse("owner", &o.meta.owner_nation);
                Ok((o.record.code.clone(), (owner?, o.record.label.clone())))
            })
            .collect::<Result<_>>()?;
        Ok(ValidationContext {
            our_nation: self.our_nation.clone(),
            clearance: writer.clearance,
            partners: known.partners,
            objectives: seen.into_iter().map(|o| o.record.code).collect(),
            objective_labels,
            currencies: self.currencies.clone(),
        })
    }

    /// Validates and stores a new activity, which starts as proposed; one without an
    /// external id gets a new one.
    pub async fn add_activity(
        &self,
        mut input: ActivityInput,
        actor: &Actor,
    ) -> Result<Stored<Activity>> {
        require(actor, Permission::EditActivities)?;
        if input.source.trim().is_empty() {
            input.source = self.local_source();
        }
        if input.external_id.trim().is_empty() {
            input.external_id = uuid::Uuid::now_v7().to_string();
        }
        let activity = input.validate(&self.validation_context(actor).await?)?;
        if activity.status != Status::Proposed {
            return Err(FieldErrors(vec![attache_domain::FieldError::new(
                "status",
                format!(
                    "a new activity starts as proposed, not {}: it moves on by transitions, \
                     through approval (an import by whoever may import history brings in \
                     later states)",
                    activity.status
                ),
            )])
            .into());
        }
        Ok(self.store.add_activity(&activity, actor).await?)
    }

    /// Applies an edit to the stored activity, validates the result and saves it if no one
    /// changed the activity since `expected_version` (the version read, when not given).
    /// The status changes only through [`App::transition`].
    pub async fn edit_activity(
        &self,
        id: i64,
        edit: ActivityEdit,
        expected_version: Option<i64>,
        actor: &Actor,
    ) -> Result<Stored<Activity>> {
        require(actor, Permission::EditActivities)?;
        let stored = self.store.get_activity(id, actor).await?;
        let mut input = ActivityInput::from(&stored.record);
        edit(&mut input);
        if input.status != stored.record.status.as_str() {
            return Err(FieldErrors(vec![attache_domain::FieldError::new(
                "status",
                "the status changes by a transition (attache activity transition), not by an edit",
            )])
            .into());
        }
        let activity = input.validate(&self.validation_context(actor).await?)?;
        let owner = &stored.meta.owner_nation;
        Self::check_relabel(actor, owner, &stored.record.label, &activity.label)?;
        let version = expected_version.unwrap_or(stored.meta.version);
        self.save_edit(&stored, &activity, version, actor).await
    }

    /// Moves an activity along its lifecycle, if the lifecycle allows it; an assessment,
    /// which records a rating, is [`App::transition_rated`].
    pub async fn transition(&self, id: i64, to: Status, actor: &Actor) -> Result<Stored<Activity>> {
        require(actor, attache_domain::access::permission_to_move(to))?;
        crate::ame::check_rated(to)?;
        let stored = self.store.get_activity(id, actor).await?;
        let from = stored.record.status;
        from.transition(to)?;
        self.check_coordination(&stored, to, actor).await?;
        Ok(self
            .store
            .change_status(id, from, to, stored.meta.version, actor)
            .await?)
    }

    pub async fn activity(&self, id: i64, viewer: &Actor) -> Result<Stored<Activity>> {
        require(viewer, Permission::ReadRecords)?;
        Ok(self.store.get_activity(id, viewer).await?)
    }

    pub async fn status_changes(&self, id: i64, viewer: &Actor) -> Result<Vec<StatusChange>> {
        require(viewer, Permission::ReadRecords)?;
        Ok(self.store.status_changes(id, viewer).await?)
    }

    pub async fn activities(
        &self,
        filter: &ActivityFilter,
        sort: Sort,
        page: &Page,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Activity>>> {
        require(viewer, Permission::ReadRecords)?;
        self.check_filter("partner", filter.partner.as_ref())
            .await?;
        Ok(self
            .store
            .list_activities(filter, sort, page, viewer)
            .await?)
    }

    /// A page of activities as `render` writes it (the server's JSON), kept and given again
    /// while nothing in the register changes (see `cache.rs`).
    pub async fn activities_rendered(
        &self,
        filter: &ActivityFilter,
        sort: Sort,
        page: &Page,
        viewer: &Actor,
        render: impl FnOnce(Vec<Stored<Activity>>) -> Vec<u8>,
    ) -> Result<Arc<[u8]>> {
        require(viewer, Permission::ReadRecords)?;
        // Taken before the page is read: a change in between makes the kept page newer
        // than its marker, never older.
        let marker = self.change_marker().await?;
        let question = format!("activities {filter:?} {sort:?} {page:?}");
        if let Some(answer) = self.answers.get(viewer, &question, marker) {
            return Ok(answer);
        }
        let gate = self.answers.gate(viewer, &question);
        let _turn = gate.lock().await;
        if let Some(answer) = self.answers.get(viewer, &question, marker) {
            return Ok(answer);
        }
        let page = self.activities(filter, sort, page, viewer).await?;
        let answer: Arc<[u8]> = render(page).into();
        self.answers
            .put(viewer, &question, marker, Arc::clone(&answer));
        Ok(answer)
    }

    /// The change marker as last watched, if something watches it.
    pub(crate) fn watched_marker(&self) -> Option<i64> {
        Some(self.watched.load(Ordering::Acquire)).filter(|m| *m != UNWATCHED)
    }

    /// The change marker as last watched, or read now when nothing watches it.
    pub(crate) async fn change_marker(&self) -> Result<i64> {
        match self.watched.load(Ordering::Acquire) {
            UNWATCHED => Ok(self.store.change_marker().await?),
            marker => Ok(marker),
        }
    }

    /// Reads the change marker again: after a write, so that its writer sees it at once.
    pub async fn refresh_changes(&self) -> Result<()> {
        let marker = self.store.change_marker().await?;
        self.watched.fetch_max(marker, Ordering::AcqRel);
        Ok(())
    }

    /// Reads the change marker every `interval`, for ever: changes made by other processes
    /// are then seen within it. A failed read is logged and tried again.
    pub async fn watch_changes(&self, interval: std::time::Duration) {
        let mut ticks = tokio::time::interval(interval);
        loop {
            ticks.tick().await;
            if let Err(e) = self.refresh_changes().await {
                tracing::warn!(error = %e, "cannot read the change marker");
            }
        }
    }

    pub async fn count_activities(&self, filter: &ActivityFilter, viewer: &Actor) -> Result<u64> {
        require(viewer, Permission::ReadRecords)?;
        self.check_filter("partner", filter.partner.as_ref())
            .await?;
        let question = format!("count {filter:?}");
        self.remembered(
            viewer,
            &question,
            self.store.count_activities(filter, viewer),
        )
        .await
    }

    /// Refuses a record labelled above the writer's clearance.
    pub(crate) fn check_cleared(actor: &Actor, label: &SecurityLabel) -> Result<()> {
        Ok(actor.check_cleared(label)?)
    }

    /// Refuses a change of a record's label (`before` to `after`) by anyone but its
    /// owning nation (`owner`), and a loosened one (a lower classification, a nation
    /// added to its releasability) without `declassify`. The console may do either.
    pub(crate) fn check_relabel(
        actor: &Actor,
        owner: &str,
        before: &SecurityLabel,
        after: &SecurityLabel,
    ) -> Result<()> {
        if before == after || actor.console {
            return Ok(());
        }
        if actor.nation.as_str() != owner {
            return Err(attache_domain::FieldError::new(
                "classification",
                format!(
                    "only {owner}, which owns this record, changes its label (classification \
                     or releasability)"
                ),
            )
            .into());
        }
        if before.loosened_by(after) {
            require(actor, Permission::Declassify)?;
        }
        Ok(())
    }

    /// Checks that every code a record or a filter refers to is a known partner.
    pub(crate) async fn check_known(
        &self,
        field: &'static str,
        codes: &[&PartnerCode],
    ) -> Result<()> {
        let missing =
            |known: &HashSet<String>| codes.iter().find(|c| !known.contains(c.as_str())).copied();
        let cached = Arc::clone(
            &self
                .partner_codes
                .read()
                .unwrap_or_else(PoisonError::into_inner),
        );
        if missing(&cached).is_none() {
            return Ok(());
        }
        let fresh = Arc::new(self.store.known_codes().await?.partners);
        *self
            .partner_codes
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Arc::clone(&fresh);
        match missing(&fresh) {
            Some(unknown) => Err(attache_domain::FieldError::new(
                field,
                format!("unknown partner {unknown}"),
            )
            .into()),
            None => Ok(()),
        }
    }

    /// Refuses a filter on a partner nobody knows: a typo should not look like an empty
    /// result.
    pub(crate) async fn check_filter(
        &self,
        field: &'static str,
        code: Option<&PartnerCode>,
    ) -> Result<()> {
        match code {
            Some(code) => self.check_known(field, &[code]).await,
            None => Ok(()),
        }
    }

    /// Refuses a change of a record's key: a code is how other records refer to it.
    fn check_same_key(what: &str, key: &str, record_key: &str) -> Result<()> {
        if key == record_key {
            return Ok(());
        }
        Err(attache_domain::FieldError::new(
            "code",
            format!("the code of {what} {key} cannot change (to {record_key})"),
        )
        .into())
    }

    /// What adding and changing a partner both check.
    async fn check_partner(&self, partner: &Partner, actor: &Actor) -> Result<()> {
        Self::check_cleared(actor, &partner.label)?;
        let members: Vec<&PartnerCode> = partner.members.iter().collect();
        self.check_known("members", &members).await
    }

    pub async fn add_partner(&self, partner: &Partner, actor: &Actor) -> Result<()> {
        require(actor, Permission::ManageReference)?;
        self.check_partner(partner, actor).await?;
        Ok(self.store.add_partner(partner, actor).await?)
    }

    /// Replaces a partner if no one changed it since `expected_version`.
    pub async fn update_partner(
        &self,
        code: &PartnerCode,
        partner: &Partner,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Partner>> {
        require(actor, Permission::ManageReference)?;
        Self::check_same_key("partner", code.as_str(), partner.code.as_str())?;
        self.check_partner(partner, actor).await?;
        let before = self.store.get_partner(code, actor).await?;
        let owner = &before.meta.owner_nation;
        // Every nation reads the reference data; its owner alone keeps it.
        if !actor.console && actor.nation.as_str() != owner {
            return Err(attache_domain::FieldError::new(
                "code",
                format!("{code} is reference data kept by {owner}: only {owner} changes it"),
            )
            .into());
        }
        Self::check_relabel(actor, owner, &before.record.label, &partner.label)?;
        Ok(self
            .store
            .update_partner(code, partner, expected_version, actor)
            .await?)
    }

    pub async fn partner(&self, code: &PartnerCode, viewer: &Actor) -> Result<Stored<Partner>> {
        require(viewer, Permission::ReadRecords)?;
        Ok(self.store.get_partner(code, viewer).await?)
    }

    pub async fn partners(
        &self,
        filter: &PartnerFilter,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Partner>>> {
        require(viewer, Permission::ReadRecords)?;
        Ok(self.store.list_partners(filter, viewer).await?)
    }

    /// What adding and changing a person or an asset check: a record of a known nation,
    /// with a name.
    /// Checks a new record as its `add_…` use case does, without adding it.
    pub(crate) async fn check_new_record(
        &self,
        record: NewRecord<'_>,
        actor: &Actor,
    ) -> Result<()> {
        match record {
            NewRecord::Objective(o) => self.check_objective(o, actor).await,
            NewRecord::Person(p) => {
                self.check_national(&p.label, &p.name, &p.nation, actor)
                    .await
            }
            NewRecord::Asset(a) => {
                self.check_national(&a.label, &a.name, &a.nation, actor)
                    .await
            }
            NewRecord::Agreement(a) => self.check_agreement(a, actor).await,
        }
    }

    async fn check_national(
        &self,
        label: &SecurityLabel,
        name: &str,
        nation: &PartnerCode,
        actor: &Actor,
    ) -> Result<()> {
        Self::check_cleared(actor, label)?;
        if name.trim().is_empty() {
            return Err(attache_domain::FieldError::new("name", "required").into());
        }
        self.check_known("nation", &[nation]).await
    }

    pub async fn add_person(&self, person: &Person, actor: &Actor) -> Result<i64> {
        require(actor, Permission::EditActivities)?;
        self.check_national(&person.label, &person.name, &person.nation, actor)
            .await?;
        Ok(self.store.add_person(person, actor).await?)
    }

    /// Replaces a person if no one changed them since `expected_version`.
    pub async fn update_person(
        &self,
        id: i64,
        person: &Person,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Person>> {
        require(actor, Permission::EditActivities)?;
        self.check_national(&person.label, &person.name, &person.nation, actor)
            .await?;
        let before = self.store.get_person(id, actor).await?;
        Self::check_relabel(
            actor,
            &before.meta.owner_nation,
            &before.record.label,
            &person.label,
        )?;
        Ok(self
            .store
            .update_person(id, person, expected_version, actor)
            .await?)
    }

    pub async fn person(&self, id: i64, viewer: &Actor) -> Result<Stored<Person>> {
        require(viewer, Permission::ReadRecords)?;
        Ok(self.store.get_person(id, viewer).await?)
    }

    pub async fn people(
        &self,
        nation: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Person>>> {
        require(viewer, Permission::ReadRecords)?;
        self.check_filter("nation", nation).await?;
        Ok(self.store.list_people(nation, viewer).await?)
    }

    pub async fn add_asset(&self, asset: &Asset, actor: &Actor) -> Result<i64> {
        require(actor, Permission::EditActivities)?;
        self.check_national(&asset.label, &asset.name, &asset.nation, actor)
            .await?;
        Ok(self.store.add_asset(asset, actor).await?)
    }

    /// Replaces an asset if no one changed it since `expected_version`.
    pub async fn update_asset(
        &self,
        id: i64,
        asset: &Asset,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Asset>> {
        require(actor, Permission::EditActivities)?;
        self.check_national(&asset.label, &asset.name, &asset.nation, actor)
            .await?;
        let before = self.store.get_asset(id, actor).await?;
        Self::check_relabel(
            actor,
            &before.meta.owner_nation,
            &before.record.label,
            &asset.label,
        )?;
        Ok(self
            .store
            .update_asset(id, asset, expected_version, actor)
            .await?)
    }

    pub async fn asset(&self, id: i64, viewer: &Actor) -> Result<Stored<Asset>> {
        require(viewer, Permission::ReadRecords)?;
        Ok(self.store.get_asset(id, viewer).await?)
    }

    pub async fn assets(
        &self,
        nation: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Asset>>> {
        require(viewer, Permission::ReadRecords)?;
        self.check_filter("nation", nation).await?;
        Ok(self.store.list_assets(nation, viewer).await?)
    }

    /// What adding and changing an objective both check.
    async fn check_objective(&self, objective: &Objective, actor: &Actor) -> Result<()> {
        Self::check_cleared(actor, &objective.label)?;
        objective.check()?;
        match &objective.partner {
            Some(partner) => self.check_known("partner", &[partner]).await,
            None => Ok(()),
        }
    }

    pub async fn add_objective(&self, objective: &Objective, actor: &Actor) -> Result<()> {
        require(actor, Permission::ManageReference)?;
        self.check_objective(objective, actor).await?;
        Ok(self.store.add_objective(objective, actor).await?)
    }

    /// Replaces an objective and its indicators if no one changed it since
    /// `expected_version`.
    pub async fn update_objective(
        &self,
        code: &str,
        objective: &Objective,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Objective>> {
        require(actor, Permission::ManageReference)?;
        Self::check_same_key("objective", code, &objective.code)?;
        self.check_objective(objective, actor).await?;
        let before = self.store.get_objective(code, actor).await?;
        let owner = &before.meta.owner_nation;
        Self::check_relabel(actor, owner, &before.record.label, &objective.label)?;
        Ok(self
            .store
            .update_objective(code, objective, expected_version, actor)
            .await?)
    }

    pub async fn objective(&self, code: &str, viewer: &Actor) -> Result<Stored<Objective>> {
        require(viewer, Permission::ReadRecords)?;
        Ok(self.store.get_objective(code, viewer).await?)
    }

    pub async fn objectives(
        &self,
        partner: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Objective>>> {
        require(viewer, Permission::ReadRecords)?;
        self.check_filter("partner", partner).await?;
        Ok(self.store.list_objectives(partner, viewer).await?)
    }

    /// What adding and changing an agreement both check.
    async fn check_agreement(&self, agreement: &Agreement, actor: &Actor) -> Result<()> {
        Self::check_cleared(actor, &agreement.label)?;
        agreement.check()?;
        let parties: Vec<&PartnerCode> = agreement.parties.iter().collect();
        self.check_known("parties", &parties).await
    }

    pub async fn add_agreement(&self, agreement: &Agreement, actor: &Actor) -> Result<i64> {
        require(actor, Permission::EditActivities)?;
        self.check_agreement(agreement, actor).await?;
        Ok(self.store.add_agreement(agreement, actor).await?)
    }

    /// Replaces an agreement and its parties if no one changed it since
    /// `expected_version`.
    pub async fn update_agreement(
        &self,
        id: i64,
        agreement: &Agreement,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Agreement>> {
        require(actor, Permission::EditActivities)?;
        self.check_agreement(agreement, actor).await?;
        let before = self.store.get_agreement(id, actor).await?;
        let owner = &before.meta.owner_nation;
        Self::check_relabel(actor, owner, &before.record.label, &agreement.label)?;
        Ok(self
            .store
            .update_agreement(id, agreement, expected_version, actor)
            .await?)
    }

    pub async fn agreement(&self, id: i64, viewer: &Actor) -> Result<Stored<Agreement>> {
        require(viewer, Permission::ReadRecords)?;
        Ok(self.store.get_agreement(id, viewer).await?)
    }

    pub async fn agreements(
        &self,
        partner: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Agreement>>> {
        require(viewer, Permission::ReadRecords)?;
        self.check_filter("partner", partner).await?;
        Ok(self.store.list_agreements(partner, viewer).await?)
    }
}
