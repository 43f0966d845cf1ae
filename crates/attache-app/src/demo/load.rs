//! Loads a [`DemoPlan`] into the register, through the same use cases as any user.

use attache_domain::access::Actor;

use attache_store::traits::*;
use attache_store::{ImportOrigin, NewRecord};

use crate::demo::DemoPlan;
use crate::error::require;
use crate::{App, AppError, Result};
use attache_domain::access::Permission;

const DEMO_LOADED: &str = "demo_loaded";
const BATCH: usize = 2000;

impl App {
    /// Adds the plan's objectives, people, assets and agreements, then its activities, all
    /// in one transaction; `progress` hears the count of activities written. A database
    /// holds one demo data set: loading a second is refused.
    pub async fn load_demo(
        &self,
        plan: &DemoPlan,
        actor: &Actor,
        progress: impl Fn(u64),
    ) -> Result<String> {
        require(actor, Permission::ManageReference)?;
        if let Some(loaded) = self.store().meta(DEMO_LOADED).await? {
            return Err(AppError::Conflict(format!(
                "this database already holds the demo data set ({loaded}); start from a new file"
            )));
        }
        let description = plan.to_string();
        let (objectives, people, assets) = (plan.objectives(), plan.people(), plan.assets());
        let agreements = plan.agreements();
        let records = (objectives.iter().map(NewRecord::Objective))
            .chain(people.iter().map(NewRecord::Person))
            .chain(assets.iter().map(NewRecord::Asset))
            .chain(agreements.iter().map(NewRecord::Agreement));
        for record in records.clone() {
            self.check_new_record(record, actor).await?;
        }
        // One transaction: an interrupted load leaves nothing behind, marker included.
        let mut session = self.store().begin_import().await?;
        session.set_meta(DEMO_LOADED, &description).await?;
        for record in records {
            session.add_record(record, actor).await?;
        }
        let mut batch = Vec::with_capacity(BATCH);
        let mut written = 0;
        let mut rater = crate::demo::ame::Rater::new(plan);
        for activity in plan.activities() {
            rater.see(&activity);
            batch.push(activity);
            if batch.len() == BATCH {
                session.write(&batch, actor).await?;
                written += batch.len() as u64;
                batch.clear();
                progress(written);
            }
        }
        session.write(&batch, actor).await?;
        written += batch.len() as u64;
        // Generated, not read from a file: no digest to name.
        let origin = ImportOrigin {
            source: crate::demo::SOURCE.to_owned(),
            file: format!("demo data set ({description})"),
            sha256: String::new(),
        };
        session.commit(&origin, actor).await?;
        progress(written);
        self.load_coordination_demo(plan, actor).await?;
        self.load_ame_demo(plan, rater, actor).await?;
        Ok(format!(
            "Loaded the demo data set: {description}, {written} activities."
        ))
    }
}
