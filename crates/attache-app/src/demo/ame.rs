//! The demo's assessment, monitoring and evaluation (issue 7): an outcome rating for every
//! assessed activity, and for every indicator of the plan's objectives a reading a year
//! ago and a recent one. Deterministic: drawn from the plan's own stream, in the order of
//! its activities.

use attache_domain::Activity;
use attache_domain::Status;
use attache_domain::access::Actor;
use attache_domain::ame::{IndicatorReading, OutcomeRating};
use attache_store::traits::*;
use chrono::Duration;
use rand::RngCore;
use rand_chacha::ChaCha8Rng;

use crate::demo::{DemoPlan, STREAM_AME};
use crate::{App, Result};

/// The ratings of a plan's assessed activities, drawn as they stream past.
pub(crate) struct Rater {
    rng: ChaCha8Rng,
    /// (external id, rating) of each assessed activity so far.
    pub(crate) rated: Vec<(String, OutcomeRating)>,
}

/// A number in `[0, 1)`.
fn unit(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

impl Rater {
    pub(crate) fn new(plan: &DemoPlan) -> Rater {
        Rater {
            rng: plan.stream(STREAM_AME),
            rated: Vec::new(),
        }
    }

    /// Most engagement meets its purpose; some exceeds it, some falls short.
    pub(crate) fn see(&mut self, activity: &Activity) {
        if activity.status != Status::Assessed {
            return;
        }
        let roll = unit(&mut self.rng);
        let rating = match roll {
            r if r < 0.08 => OutcomeRating::NotMet,
            r if r < 0.33 => OutcomeRating::PartlyMet,
            r if r < 0.83 => OutcomeRating::Met,
            _ => OutcomeRating::Exceeded,
        };
        self.rated.push((activity.external_id.clone(), rating));
    }
}

impl App {
    pub(crate) async fn load_ame_demo(
        &self,
        plan: &DemoPlan,
        rater: Rater,
        actor: &Actor,
    ) -> Result<()> {
        self.store()
            .rate_imported(crate::demo::SOURCE, &rater.rated, actor)
            .await?;
        let mut rng = rater.rng;
        // Nothing is measured after the day it is recorded, whatever day the plan is set on.
        let today = plan.today().min(actor.at.date_naive());
        for objective in plan.objectives() {
            for indicator in &objective.indicators {
                let span = indicator.target - indicator.baseline;
                // A year ago a little way along; now anywhere from a slip back to beyond
                // the target.
                let then = indicator.baseline + (span * 0.3 * unit(&mut rng)).round();
                let now = indicator.baseline + (span * (1.3 * unit(&mut rng) - 0.1)).round();
                let recent = i64::try_from(rng.next_u64() % 60).unwrap_or(0);
                for (value, ago) in [(then, 365), (now, recent)] {
                    let reading = IndicatorReading {
                        indicator: indicator.name.clone(),
                        value,
                        measured_on: today - Duration::days(ago),
                    };
                    self.record_reading(&objective.code, &reading, actor)
                        .await?;
                }
            }
        }
        Ok(())
    }
}
