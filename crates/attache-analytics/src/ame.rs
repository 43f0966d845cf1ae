//! Assessment, monitoring and evaluation: how far each objective has come (its indicators'
//! progress from baseline to target) and how its assessed activities were rated, rolled up
//! per partner and per standing aim.
//!
//! The facts come in already filtered: only objectives, readings and ratings the reader
//! may see, and never coercive presence (the store leaves it out where it counts the
//! ratings, beside the label filter).

use attache_domain::PartnerCode;
use attache_domain::ame::OutcomeRating;
use attache_domain::records::StandingAim;
use chrono::NaiveDate;
use serde::Serialize;

/// How many rated activities got each step of the scale (not met … exceeded).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Ratings {
    pub not_met: u64,
    pub partly_met: u64,
    pub met: u64,
    pub exceeded: u64,
}

impl Ratings {
    pub fn add(&mut self, rating: OutcomeRating, count: u64) {
        *match rating {
            OutcomeRating::NotMet => &mut self.not_met,
            OutcomeRating::PartlyMet => &mut self.partly_met,
            OutcomeRating::Met => &mut self.met,
            OutcomeRating::Exceeded => &mut self.exceeded,
        } += count;
    }

    fn merge(&mut self, other: &Ratings) {
        self.not_met += other.not_met;
        self.partly_met += other.partly_met;
        self.met += other.met;
        self.exceeded += other.exceeded;
    }

    pub fn total(&self) -> u64 {
        self.not_met + self.partly_met + self.met + self.exceeded
    }

    /// The mean score (1 not met … 4 exceeded), when anything was rated.
    pub fn mean(&self) -> Option<f64> {
        let total = self.total();
        let sum = self.not_met + 2 * self.partly_met + 3 * self.met + 4 * self.exceeded;
        (total > 0).then(|| sum as f64 / total as f64)
    }
}

/// An indicator as defined, with its latest measured value, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorFacts {
    pub name: String,
    pub baseline: f64,
    pub target: f64,
    pub current: Option<(f64, NaiveDate)>,
}

/// An objective and what was recorded about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectiveFacts {
    pub code: String,
    pub title: String,
    pub aim: StandingAim,
    pub partner: Option<PartnerCode>,
    pub indicators: Vec<IndicatorFacts>,
    /// The ratings of the assessed activities that served it.
    pub ratings: Ratings,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct IndicatorProgress {
    pub name: String,
    pub baseline: f64,
    pub target: f64,
    pub current: Option<f64>,
    pub measured_on: Option<NaiveDate>,
    /// (current − baseline) / (target − baseline): 0 at the baseline, 1 at the target,
    /// beyond either when the value is; none until measured, or when target and baseline
    /// are equal (no distance to cover).
    pub progress: Option<f64>,
}

impl IndicatorProgress {
    fn of(facts: IndicatorFacts) -> Self {
        let current = facts.current.map(|(value, _)| value);
        let span = facts.target - facts.baseline;
        let progress = current
            .filter(|_| span != 0.0)
            .map(|value| (value - facts.baseline) / span);
        IndicatorProgress {
            name: facts.name,
            baseline: facts.baseline,
            target: facts.target,
            current,
            measured_on: facts.current.map(|(_, on)| on),
            progress,
        }
    }
}

/// What a set of objectives has achieved: the mean progress of their measured indicators
/// and their activities' ratings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Summary {
    pub objectives: u64,
    pub indicators: u64,
    /// Indicators with a current value and a distance to cover.
    pub measured: u64,
    /// The mean progress of the measured indicators.
    pub progress: Option<f64>,
    pub ratings: Ratings,
    /// The mean rating score, 1 (not met) to 4 (exceeded).
    pub mean_rating: Option<f64>,
}

impl Summary {
    fn of<'a>(objectives: impl IntoIterator<Item = &'a ObjectiveRollup>) -> Self {
        let mut summary = Summary::default();
        let mut progress_sum = 0.0;
        for o in objectives {
            summary.objectives += 1;
            summary.indicators += o.indicators.len() as u64;
            for p in o.indicators.iter().filter_map(|i| i.progress) {
                summary.measured += 1;
                progress_sum += p;
            }
            summary.ratings.merge(&o.summary.ratings);
        }
        summary.progress = (summary.measured > 0).then(|| progress_sum / summary.measured as f64);
        summary.mean_rating = summary.ratings.mean();
        summary
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ObjectiveRollup {
    pub code: String,
    pub title: String,
    #[schema(value_type = String)]
    pub aim: StandingAim,
    #[schema(value_type = Option<String>)]
    pub partner: Option<PartnerCode>,
    pub indicators: Vec<IndicatorProgress>,
    pub summary: Summary,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PartnerRollup {
    #[schema(value_type = String)]
    pub partner: PartnerCode,
    pub summary: Summary,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AimRollup {
    #[schema(value_type = String)]
    pub aim: StandingAim,
    pub summary: Summary,
}

/// The roll-up: every objective, then per partner (objectives of a partner's plan, by
/// code) and per standing aim (all six, in their order, empty ones included).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AmeRollup {
    pub objectives: Vec<ObjectiveRollup>,
    pub partners: Vec<PartnerRollup>,
    pub aims: Vec<AimRollup>,
}

pub fn roll_up(facts: Vec<ObjectiveFacts>) -> AmeRollup {
    let mut objectives: Vec<ObjectiveRollup> = facts
        .into_iter()
        .map(|f| {
            let indicators: Vec<IndicatorProgress> = f
                .indicators
                .into_iter()
                .map(IndicatorProgress::of)
                .collect();
            let mut rollup = ObjectiveRollup {
                code: f.code,
                title: f.title,
                aim: f.aim,
                partner: f.partner,
                indicators,
                summary: Summary::default(),
            };
            rollup.summary = Summary::of([&rollup]);
            rollup.summary.ratings = f.ratings;
            rollup.summary.mean_rating = f.ratings.mean();
            rollup
        })
        .collect();
    objectives.sort_by(|a, b| a.code.cmp(&b.code));
    let mut partners: Vec<PartnerCode> = objectives
        .iter()
        .filter_map(|o| o.partner.clone())
        .collect();
    partners.sort();
    partners.dedup();
    let partners = partners
        .into_iter()
        .map(|partner| PartnerRollup {
            summary: Summary::of(
                objectives
                    .iter()
                    .filter(|o| o.partner.as_ref() == Some(&partner)),
            ),
            partner,
        })
        .collect();
    let aims = StandingAim::ALL
        .iter()
        .map(|&aim| AimRollup {
            aim,
            summary: Summary::of(objectives.iter().filter(|o| o.aim == aim)),
        })
        .collect();
    AmeRollup {
        objectives,
        partners,
        aims,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn indicator(baseline: f64, target: f64, current: Option<f64>) -> IndicatorFacts {
        IndicatorFacts {
            name: format!("from {baseline} to {target}"),
            baseline,
            target,
            current: current.map(|c| (c, day("2026-03-01"))),
        }
    }

    fn ratings(counts: [u64; 4]) -> Ratings {
        let mut r = Ratings::default();
        for (rating, n) in OutcomeRating::ALL.iter().zip(counts) {
            r.add(*rating, n);
        }
        r
    }

    fn objective(code: &str, aim: StandingAim, partner: Option<&str>) -> ObjectiveFacts {
        ObjectiveFacts {
            code: code.into(),
            title: format!("Objective {code}"),
            aim,
            partner: partner.map(|p| PartnerCode::parse("partner", p).unwrap()),
            indicators: vec![],
            ratings: Ratings::default(),
        }
    }

    #[test]
    fn progress_runs_from_baseline_to_target_either_way() {
        let p = |b, t, c| IndicatorProgress::of(indicator(b, t, c)).progress;
        assert_eq!(p(2.0, 6.0, Some(4.0)), Some(0.5));
        assert_eq!(p(2.0, 6.0, Some(2.0)), Some(0.0));
        assert_eq!(p(2.0, 6.0, Some(8.0)), Some(1.5));
        // A falling target: incidents from 10 down to 2, now 4.
        assert_eq!(p(10.0, 2.0, Some(4.0)), Some(0.75));
        assert_eq!(p(2.0, 6.0, None), None);
        assert_eq!(p(3.0, 3.0, Some(3.0)), None);
        let measured = IndicatorProgress::of(indicator(0.0, 1.0, Some(1.0)));
        assert_eq!(measured.measured_on, Some(day("2026-03-01")));
    }

    #[test]
    fn ratings_average_on_the_four_step_scale() {
        assert_eq!(Ratings::default().mean(), None);
        let r = ratings([1, 0, 2, 1]);
        assert_eq!(r.total(), 4);
        assert_eq!(r.mean(), Some((1.0 + 3.0 + 3.0 + 4.0) / 4.0));
    }

    #[test]
    fn objectives_roll_up_per_partner_and_per_aim() {
        let mut sgp_trust = objective("SGP-1", StandingAim::BuildTrust, Some("SGP"));
        sgp_trust.indicators = vec![indicator(0.0, 10.0, Some(5.0)), indicator(1.0, 2.0, None)];
        sgp_trust.ratings = ratings([0, 1, 1, 0]);
        let mut sgp_ssr = objective("SGP-2", StandingAim::SecuritySectorReform, Some("SGP"));
        sgp_ssr.indicators = vec![indicator(0.0, 4.0, Some(4.0))];
        sgp_ssr.ratings = ratings([0, 0, 0, 2]);
        let mut idn = objective("IDN-1", StandingAim::BuildTrust, Some("IDN"));
        idn.ratings = ratings([1, 0, 0, 0]);
        let standing = objective("AIM-TRUST", StandingAim::BuildTrust, None);

        let rollup = roll_up(vec![sgp_trust, standing, sgp_ssr, idn]);

        let codes: Vec<&str> = rollup.objectives.iter().map(|o| o.code.as_str()).collect();
        assert_eq!(codes, ["AIM-TRUST", "IDN-1", "SGP-1", "SGP-2"]);
        let sgp1 = &rollup.objectives[2].summary;
        assert_eq!(
            (sgp1.indicators, sgp1.measured, sgp1.progress),
            (2, 1, Some(0.5))
        );
        assert_eq!(sgp1.mean_rating, Some(2.5));

        let partners: Vec<&str> = rollup.partners.iter().map(|p| p.partner.as_str()).collect();
        assert_eq!(partners, ["IDN", "SGP"]);
        let sgp = &rollup.partners[1].summary;
        assert_eq!(sgp.objectives, 2);
        assert_eq!((sgp.indicators, sgp.measured), (3, 2));
        assert_eq!(sgp.progress, Some(0.75));
        assert_eq!(sgp.ratings, ratings([0, 1, 1, 2]));
        assert_eq!(sgp.mean_rating, Some((2.0 + 3.0 + 4.0 + 4.0) / 4.0));

        assert_eq!(rollup.aims.len(), StandingAim::ALL.len());
        let trust = rollup
            .aims
            .iter()
            .find(|a| a.aim == StandingAim::BuildTrust)
            .unwrap();
        assert_eq!(trust.summary.objectives, 3);
        assert_eq!(trust.summary.ratings, ratings([1, 1, 1, 0]));
        assert_eq!(trust.summary.progress, Some(0.5));
        let hostility = rollup
            .aims
            .iter()
            .find(|a| a.aim == StandingAim::DispelHostility)
            .unwrap();
        assert_eq!(hostility.summary, Summary::default());
    }
}
