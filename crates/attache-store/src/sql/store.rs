//! `impl Store for SqlStore`, as a table: each method calls into the part that keeps what
//! it reads or writes, or is that one call itself.

use attache_domain::access::{Actor, User};
use attache_domain::query::{ActivityFilter, Page, PartnerFilter, Sort};
use attache_domain::records::{Agreement, Asset, Objective, Partner, Person};
use attache_domain::{Activity, PartnerCode, Status, StatusChange, Stored};

use super::import::SqlImport;
use super::shared::SqlStore;
use super::{accounts, activities, audit, checkpoints, engagement, meta, records};
use crate::{
    ApiToken, AuditEntry, AuditKey, AuditVerdict, Checkpoint, KnownCodes, NewRecord, PublicKey,
    Result, Store, UserChange,
};

impl Store for SqlStore {
    type Import = SqlImport;

    async fn migrate(&self) -> Result<()> {
        meta::migrate(self).await
    }

    async fn check_schema(&self) -> Result<()> {
        meta::check_schema(self).await
    }

    async fn meta(&self, key: &str) -> Result<Option<String>> {
        meta::meta(self, key).await
    }

    async fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        meta::write_meta(&mut *self.pool.acquire().await?, key, value).await
    }

    async fn set_setting(&self, key: &str, value: &str, actor: &Actor) -> Result<()> {
        meta::set_setting(self, key, value, actor).await
    }

    async fn load_reference(
        &self,
        partners: &[Partner],
        objectives: &[Objective],
        actor: &Actor,
    ) -> Result<()> {
        records::load_reference(self, partners, objectives, actor).await
    }

    async fn known_codes(&self) -> Result<KnownCodes> {
        records::known_codes(self).await
    }

    async fn add_partner(&self, partner: &Partner, actor: &Actor) -> Result<()> {
        records::add_partner(self, partner, actor).await
    }

    async fn get_partner(&self, code: &PartnerCode, viewer: &Actor) -> Result<Stored<Partner>> {
        records::fetch_visible(&mut *self.pool.acquire().await?, code, viewer).await
    }

    async fn list_partners(
        &self,
        filter: &PartnerFilter,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Partner>>> {
        records::partners_where(&mut *self.pool.acquire().await?, filter, None, viewer).await
    }

    async fn update_partner(
        &self,
        code: &PartnerCode,
        partner: &Partner,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Partner>> {
        self.update_audited(code, partner, expected_version, actor)
            .await
    }

    async fn add_person(&self, p: &Person, actor: &Actor) -> Result<i64> {
        self.add_record(NewRecord::Person(p), actor).await
    }

    async fn get_person(&self, id: i64, viewer: &Actor) -> Result<Stored<Person>> {
        records::fetch_visible(&mut *self.pool.acquire().await?, &id, viewer).await
    }

    async fn list_people(
        &self,
        nation: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Person>>> {
        records::list_people(self, nation, viewer).await
    }

    async fn update_person(
        &self,
        id: i64,
        person: &Person,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Person>> {
        self.update_audited(&id, person, expected_version, actor)
            .await
    }

    async fn add_asset(&self, a: &Asset, actor: &Actor) -> Result<i64> {
        self.add_record(NewRecord::Asset(a), actor).await
    }

    async fn get_asset(&self, id: i64, viewer: &Actor) -> Result<Stored<Asset>> {
        records::fetch_visible(&mut *self.pool.acquire().await?, &id, viewer).await
    }

    async fn list_assets(
        &self,
        nation: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Asset>>> {
        records::list_assets(self, nation, viewer).await
    }

    async fn update_asset(
        &self,
        id: i64,
        asset: &Asset,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Asset>> {
        self.update_audited(&id, asset, expected_version, actor)
            .await
    }

    async fn add_objective(&self, objective: &Objective, actor: &Actor) -> Result<()> {
        self.add_record(NewRecord::Objective(objective), actor)
            .await
            .map(|_| ())
    }

    async fn get_objective(&self, code: &str, viewer: &Actor) -> Result<Stored<Objective>> {
        records::fetch_visible(&mut *self.pool.acquire().await?, code, viewer).await
    }

    async fn list_objectives(
        &self,
        partner: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Objective>>> {
        records::objectives_where(&mut *self.pool.acquire().await?, partner, None, viewer).await
    }

    async fn update_objective(
        &self,
        code: &str,
        objective: &Objective,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Objective>> {
        self.update_audited(code, objective, expected_version, actor)
            .await
    }

    async fn add_agreement(&self, a: &Agreement, actor: &Actor) -> Result<i64> {
        self.add_record(NewRecord::Agreement(a), actor).await
    }

    async fn get_agreement(&self, id: i64, viewer: &Actor) -> Result<Stored<Agreement>> {
        records::fetch_visible(&mut *self.pool.acquire().await?, &id, viewer).await
    }

    async fn list_agreements(
        &self,
        partner: Option<&PartnerCode>,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Agreement>>> {
        records::agreements_where(&mut *self.pool.acquire().await?, partner, None, viewer).await
    }

    async fn update_agreement(
        &self,
        id: i64,
        agreement: &Agreement,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Agreement>> {
        self.update_audited(&id, agreement, expected_version, actor)
            .await
    }

    async fn add_activity(&self, activity: &Activity, actor: &Actor) -> Result<Stored<Activity>> {
        activities::add_activity(self, activity, actor).await
    }

    async fn get_activity(&self, id: i64, viewer: &Actor) -> Result<Stored<Activity>> {
        activities::get_activity(self, id, viewer).await
    }

    async fn update_activity(
        &self,
        id: i64,
        activity: &Activity,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Activity>> {
        activities::update_activity(self, id, activity, expected_version, actor).await
    }

    async fn change_status(
        &self,
        id: i64,
        from: Status,
        to: Status,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<Stored<Activity>> {
        activities::change_status(self, id, from, to, expected_version, actor).await
    }

    async fn status_changes(&self, id: i64, viewer: &Actor) -> Result<Vec<StatusChange>> {
        activities::status_changes(self, id, viewer).await
    }

    async fn list_activities(
        &self,
        filter: &ActivityFilter,
        sort: Sort,
        page: &Page,
        viewer: &Actor,
    ) -> Result<Vec<Stored<Activity>>> {
        activities::list_activities(self, filter, sort, page, viewer).await
    }

    async fn count_activities(&self, filter: &ActivityFilter, viewer: &Actor) -> Result<u64> {
        activities::count_activities(self, filter, viewer).await
    }

    async fn engagement(
        &self,
        filter: &crate::EngagementFilter,
        viewer: &Actor,
    ) -> Result<Vec<crate::EngagementRow>> {
        self.read_engagement(filter, viewer).await
    }

    async fn engagement_counts(
        &self,
        filter: &ActivityFilter,
        tally: &attache_domain::query::Tally,
        viewer: &Actor,
    ) -> Result<Vec<u64>> {
        engagement::engagement_counts(&self.pool, filter, tally, viewer).await
    }

    async fn begin_import(&self) -> Result<SqlImport> {
        SqlImport::begin(&self.pool).await
    }

    async fn add_user(&self, user: &User, password_hash: &str, actor: &Actor) -> Result<()> {
        accounts::add_user(self, user, password_hash, actor).await
    }

    async fn get_user(&self, name: &str, nation: Option<&PartnerCode>) -> Result<Stored<User>> {
        accounts::select_user(&mut *self.pool.acquire().await?, name, nation).await
    }

    async fn list_users(&self, nation: Option<&PartnerCode>) -> Result<Vec<Stored<User>>> {
        accounts::select_users(&mut *self.pool.acquire().await?, None, nation).await
    }

    async fn user_credentials(&self, name: &str) -> Result<Option<(User, String)>> {
        accounts::user_credentials(self, name).await
    }

    async fn create_session(
        &self,
        token_hash: &str,
        user: &str,
        created: chrono::DateTime<chrono::Utc>,
        expires: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        accounts::create_session(self, token_hash, user, created, expires).await
    }

    async fn session_user(
        &self,
        token_hash: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<User>> {
        self.user_by_credential("sessions", token_hash, now).await
    }

    async fn end_session(&self, token_hash: &str) -> Result<()> {
        accounts::end_session(self, token_hash).await
    }

    async fn add_api_token(
        &self,
        token_hash: &str,
        label: &str,
        expires: chrono::DateTime<chrono::Utc>,
        actor: &Actor,
    ) -> Result<ApiToken> {
        accounts::add_api_token(self, token_hash, label, expires, actor).await
    }

    async fn api_tokens(&self, user: &str) -> Result<Vec<ApiToken>> {
        accounts::api_tokens(self, user).await
    }

    async fn revoke_api_token(&self, id: i64, actor: &Actor) -> Result<()> {
        accounts::revoke_api_token(self, id, actor).await
    }

    async fn token_user(
        &self,
        token_hash: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<User>> {
        self.user_by_credential("api_tokens", token_hash, now).await
    }

    async fn sign_in_lock(
        &self,
        subject: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        accounts::sign_in_lock(self, subject, at).await
    }

    async fn sign_in_failed(
        &self,
        subject: &str,
        hold: crate::SignInHold,
        actor: &Actor,
    ) -> Result<u32> {
        accounts::sign_in_failed(self, subject, hold, actor).await
    }

    async fn sign_in_succeeded(&self, subject: &str, actor: &Actor) -> Result<()> {
        accounts::sign_in_succeeded(self, subject, actor).await
    }

    async fn update_user(
        &self,
        name: &str,
        change_to: UserChange,
        actor: &Actor,
    ) -> Result<Stored<User>> {
        accounts::update_user(self, name, change_to, actor).await
    }

    async fn audit_trail(
        &self,
        record: Option<(&str, &str)>,
        limit: u32,
        viewer: &Actor,
    ) -> Result<Vec<AuditEntry>> {
        audit::audit_trail(self, record, limit, viewer).await
    }

    async fn change_marker(&self) -> Result<i64> {
        audit::change_marker(self).await
    }

    async fn verify_audit(&self, key: Option<&PublicKey>) -> Result<AuditVerdict> {
        audit::verify_audit(self, key).await
    }

    async fn write_checkpoint(
        &self,
        key: &AuditKey,
        only_if_moved: bool,
        actor: &Actor,
    ) -> Result<Option<Checkpoint>> {
        checkpoints::write_checkpoint(self, key, only_if_moved, actor).await
    }

    async fn count_audit(&self, viewer: &Actor) -> Result<u64> {
        audit::count_audit(self, viewer).await
    }
}
