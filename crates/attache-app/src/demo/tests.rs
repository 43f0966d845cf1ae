//! The demo generator's properties: deterministic, plausible, valid under the register's rules.

use std::collections::{HashMap, HashSet};

use attache_domain::{ActivityInput, ValidationContext};

use super::*;

const COUNTRIES: &str = include_str!("../../../../data/reference/countries.csv");

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn nation(c: &str) -> PartnerCode {
    PartnerCode::parse("nation", c).unwrap()
}

fn today() -> NaiveDate {
    date("2026-06-15")
}

fn plan(seed: u64, size: usize, us: &str) -> DemoPlan {
    DemoPlan::new(seed, size, today(), nation(us))
}

/// The context the lead builds: every ISO state and currency, the organisations, the
/// standing aims and the plan's objectives, with their labels (so that every activity is
/// checked to link only what its readers may see).
fn ctx(plan: &DemoPlan, us: &str) -> ValidationContext {
    let mut partners: HashSet<String> = HashSet::new();
    let mut currencies: HashSet<String> = HashSet::new();
    for line in COUNTRIES.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        partners.insert(cells[0].to_owned());
        for c in cells.last().unwrap().split(';').filter(|c| !c.is_empty()) {
            currencies.insert(c.to_owned());
        }
    }
    partners.extend(ORGANISATIONS.iter().map(|s| s.to_string()));
    let objectives = StandingAim::ALL
        .iter()
        .map(|a| a.as_str().to_owned())
        .chain(plan.objectives().into_iter().map(|o| o.code))
        .collect();
    ValidationContext {
        our_nation: nation(us),
        clearance: attache_domain::Classification::Secret,
        partners,
        objectives,
        objective_labels: plan
            .objectives()
            .into_iter()
            .map(|o| (o.code, (nation(us), o.label)))
            .collect(),
        currencies,
    }
}

fn sample(size: usize) -> Vec<Activity> {
    plan(7, size, "GBR").activities().collect()
}

fn assert_valid_and_canonical(plan: &DemoPlan, us: &str, n: usize) {
    let ctx = ctx(plan, us);
    let mut ids = HashSet::new();
    for a in plan.activities().take(n) {
        let back = ActivityInput::from(&a).validate(&ctx);
        assert_eq!(
            back.as_ref(),
            Ok(&a),
            "{} does not round-trip",
            a.external_id
        );
        assert_eq!(a.source, SOURCE);
        assert!(a.title.chars().count() <= 200, "{}", a.title);
        assert!(ids.insert(a.external_id.clone()), "{}", a.external_id);
    }
}

#[test]
fn every_activity_is_valid_and_canonical() {
    assert_valid_and_canonical(&plan(1, 3_000, "GBR"), "GBR", 3_000);
}

#[test]
fn other_nations_get_valid_data_too() {
    // SGP is in the tables (and so leaves the partners); ITA is not.
    for us in ["SGP", "USA", "ITA"] {
        let p = plan(2, 800, us);
        assert!(!p.partners().contains(&nation(us)), "{us}");
        assert_valid_and_canonical(&p, us, 800);
        // Nowhere is "Null Island": a place without known coordinates has none.
        for a in p.activities() {
            let at = a.location.and_then(|l| l.coordinates);
            assert_ne!(at, Some((0.0, 0.0)), "{}", a.title);
        }
    }
}

#[test]
fn the_same_inputs_give_the_same_data() {
    let (a, b) = (plan(42, 300, "GBR"), plan(42, 300, "GBR"));
    assert!(a.activities().eq(b.activities()));
    assert_eq!(a.objectives(), b.objectives());
    assert_eq!(a.people(), b.people());
    assert_eq!(a.assets(), b.assets());
    assert_eq!(a.agreements(), b.agreements());
    // A larger size only adds; another seed differs.
    assert!(plan(42, 50, "GBR").activities().eq(b.activities().take(50)));
    assert!(!plan(43, 300, "GBR").activities().eq(a.activities()));
}

#[test]
fn activities_are_lazy_and_outlive_the_plan() {
    let mut stream = plan(3, 1_000_000, "GBR").activities();
    assert_eq!(stream.size_hint(), (1_000_000, Some(1_000_000)));
    let first = stream.next().unwrap();
    assert_eq!(first.external_id, "demo-0000001");
    let far = stream.nth(899_998).unwrap();
    assert_eq!(far.external_id, "demo-0900000");
    let direct = plan(3, 1_000_000, "GBR").activities().nth(899_999).unwrap();
    assert_eq!(far, direct);
    assert_eq!(stream.size_hint(), (100_000, Some(100_000)));
    let mut bounded = plan(3, 2, "GBR").activities();
    assert!(bounded.nth(5).is_none());
}

#[test]
fn partners_are_real_states_across_regions() {
    let iso: HashSet<&str> = COUNTRIES
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    let p = plan(1, 0, "GBR");
    let partners = p.partners();
    assert!((30..=40).contains(&partners.len()), "{}", partners.len());
    for c in &partners {
        assert!(iso.contains(c.as_str()), "{c}");
    }
    assert!(!partners.contains(&nation("GBR")));
    for c in ["SGP", "KEN", "BRA", "UKR", "SAU", "IND", "USA"] {
        assert!(partners.contains(&nation(c)), "{c}");
    }
    let regions: HashSet<_> = NATIONS.iter().map(|n| format!("{:?}", n.region)).collect();
    assert_eq!(regions.len(), 7);
}

#[test]
fn forum_memberships_match_the_reference_data() {
    #[derive(serde::Deserialize)]
    struct Org {
        code: String,
        members: Vec<String>,
    }
    let orgs: Vec<Org> = serde_json::from_str(include_str!(
        "../../../../data/reference/organisations.json"
    ))
    .unwrap();
    let members = |org: &str| -> HashSet<String> {
        orgs.iter()
            .find(|o| o.code == org)
            .unwrap()
            .members
            .iter()
            .cloned()
            .collect()
    };
    for forum in FORUMS {
        for chair in forum.chairs {
            assert!(members(forum.org).contains(*chair), "{} {chair}", forum.org);
        }
    }
    for c in OSCE_STATES {
        assert!(members("OSCE").contains(*c), "{c}");
    }
    for c in ADMM_PLUS {
        assert!(members("ADMM-Plus").contains(*c), "{c}");
    }
}

#[test]
fn reference_records_are_complete_and_valid() {
    let p = plan(5, 0, "GBR");
    let partners = p.partners();

    let objectives = p.objectives();
    let codes: HashSet<_> = objectives.iter().map(|o| o.code.clone()).collect();
    assert_eq!(codes.len(), objectives.len());
    for partner in &partners {
        let own = objectives
            .iter()
            .filter(|o| o.partner.as_ref() == Some(partner))
            .count();
        assert!((1..=2).contains(&own), "{partner}: {own}");
    }
    for o in &objectives {
        o.check().unwrap();
        assert!(o.code.starts_with(o.partner.as_ref().unwrap().as_str()));
        assert!((1..=2).contains(&o.indicators.len()));
        assert!(o.indicators.iter().all(|i| i.target > i.baseline));
    }

    let people = p.people();
    assert!((100..=150).contains(&people.len()), "{}", people.len());
    let names: HashSet<_> = people.iter().map(|x| x.name.clone()).collect();
    assert_eq!(names.len(), people.len(), "names are unique");
    for partner in &partners {
        assert_eq!(people.iter().filter(|x| &x.nation == partner).count(), 3);
    }
    let ours = people.iter().filter(|x| x.nation == nation("GBR")).count();
    assert!(ours >= 12, "{ours}");
    assert!(
        people
            .iter()
            .any(|x| x.role == "Secretary of State for Defence")
    );

    let assets = p.assets();
    let ours = |kind| {
        assets
            .iter()
            .filter(|a| a.kind == kind && a.nation == nation("GBR"))
            .count()
    };
    assert_eq!((ours(AssetKind::Ship), ours(AssetKind::Aircraft)), (25, 15));
    assert!(assets.iter().any(|a| a.nation != nation("GBR")));
    let ids: HashSet<_> = assets.iter().map(|a| a.identifier.clone()).collect();
    let names: HashSet<_> = assets.iter().map(|a| a.name.clone()).collect();
    assert_eq!((ids.len(), names.len()), (assets.len(), assets.len()));
    assert!(assets.iter().any(|a| a.name.starts_with("HMS ")
        && a.identifier.starts_with('F')
        && a.identifier.len() == 4));

    let agreements = p.agreements();
    assert!(
        agreements.len() * 10 >= partners.len() * 6,
        "{}",
        agreements.len()
    );
    for a in &agreements {
        a.check().unwrap();
        assert!(a.signed < today());
        assert_eq!(a.parties[0], nation("GBR"));
    }
    assert!(agreements.iter().any(|a| a.expiry.is_some()));
    assert!(agreements.iter().any(|a| a.kind == AgreementKind::Mou));
}

#[test]
fn dates_span_the_timeline_and_statuses_follow_them() {
    let all = sample(20_000);
    let (first, last) = (date("2021-01-01"), date("2027-12-31"));
    assert!(
        all.iter()
            .all(|a| a.start >= first && a.start <= last && a.end >= a.start)
    );
    for a in &all {
        if matches!(a.status, Status::Completed | Status::Assessed) {
            assert!(a.end < today(), "{} {} {}", a.external_id, a.status, a.end);
        }
    }
    let share = |filter: &dyn Fn(&Activity) -> bool, statuses: &[Status]| {
        let group: Vec<_> = all.iter().filter(|a| filter(a)).collect();
        let hits = group
            .iter()
            .filter(|a| statuses.contains(&a.status))
            .count();
        hits as f64 / group.len() as f64
    };
    let past = |a: &Activity| a.end < today();
    assert!(share(&past, &[Status::Completed, Status::Assessed]) > 0.85);
    assert!(share(&past, &[Status::Cancelled]) > 0.03);
    let far = |a: &Activity| a.start > today() + Days::new(365);
    assert!(share(&far, &[Status::Proposed, Status::Planned]) > 0.85);
    let near = |a: &Activity| a.start > today() && a.start <= today() + Days::new(90);
    assert!(share(&near, &[Status::Approved]) > 0.5);
    assert!(all.iter().any(|a| a.status == Status::Postponed));
    for s in Status::ALL {
        assert!(all.iter().any(|a| a.status == s), "{s}");
    }
}

#[test]
fn every_category_occurs_and_high_level_is_rarer_than_staff_talks() {
    let all = sample(5_000);
    let count = |c| all.iter().filter(|a| a.category == c).count();
    for c in Category::ALL {
        assert!(count(c) > 50, "{c}: {}", count(c));
    }
    assert!(count(Category::HighLevelEngagement) * 2 < count(Category::StaffTalks));
    let ours = all
        .iter()
        .filter(|a| a.participants.iter().any(|p| p.partner == nation("GBR")))
        .count();
    assert!(ours as f64 > 0.95 * all.len() as f64);
}

#[test]
fn seasons_show() {
    let all = sample(20_000);
    let mut months = [0usize; 12];
    for a in &all {
        months[a.start.month0() as usize] += 1;
    }
    let others = (all.len() - months[7]) as f64 / 11.0;
    assert!((months[7] as f64) < 0.5 * others, "August {months:?}");
    let december = |range: std::ops::RangeInclusive<u32>| {
        let n = all
            .iter()
            .filter(|a| a.start.month() == 12 && range.contains(&a.start.day()))
            .count();
        n as f64 / range.count() as f64
    };
    assert!(december(20..=31) < 0.4 * december(1..=19));
    let exercises: Vec<_> = all
        .iter()
        .filter(|a| a.category == Category::Exercise)
        .collect();
    let in_season = exercises
        .iter()
        .filter(|a| matches!(a.start.month(), 3..=5 | 9..=11))
        .count();
    assert!(in_season as f64 > 0.75 * exercises.len() as f64);
}

#[test]
fn some_partners_grow_and_some_fade() {
    let all = sample(20_000);
    let mut early: HashMap<PartnerCode, usize> = HashMap::new();
    let mut late: HashMap<PartnerCode, usize> = HashMap::new();
    for a in &all {
        let bucket = match a.start.year() {
            2021 | 2022 => &mut early,
            2024 | 2025 => &mut late,
            _ => continue,
        };
        for p in a.participants.iter().filter(|p| p.partner.is_state()) {
            *bucket.entry(p.partner.clone()).or_default() += 1;
        }
    }
    let partners = plan(7, 0, "GBR").partners();
    let ratio = |p: &PartnerCode| {
        (*late.get(p).unwrap_or(&0) as f64 + 1.0) / (*early.get(p).unwrap_or(&0) as f64 + 1.0)
    };
    let growing = partners.iter().filter(|p| ratio(p) > 2.0).count();
    let fading = partners.iter().filter(|p| ratio(p) < 0.5).count();
    assert!(growing >= 3, "growing {growing}");
    assert!(fading >= 3, "fading {fading}");
}

#[test]
fn forums_are_multilateral() {
    let all = sample(5_000);
    let forums: Vec<_> = all
        .iter()
        .filter(|a| a.category == Category::RegionalForum)
        .collect();
    assert!(!forums.is_empty());
    for a in &forums {
        assert!((4..=12).contains(&a.participants.len()), "{a:?}");
    }
    assert!(forums.iter().any(|a| !a.host.is_state()));
    assert!(forums.iter().any(|a| a.host.is_state()));
    assert!(
        forums
            .iter()
            .any(|a| a.title.starts_with("ADMM-Plus Experts' Working Group"))
    );
    let exercises = all.iter().filter(|a| a.category == Category::Exercise);
    assert!(exercises.clone().any(|a| a.participants.len() >= 4));
    assert!(
        exercises
            .clone()
            .any(|a| a.participants.iter().any(|p| p.role == Role::Lead))
    );
}

#[test]
fn visits_name_their_ships_and_ports() {
    let p = plan(7, 5_000, "GBR");
    let assets: HashSet<String> = p.assets().into_iter().map(|a| a.name).collect();
    let coastal: HashSet<&str> = NATIONS
        .iter()
        .filter(|n| !n.ports.is_empty())
        .map(|n| n.code)
        .collect();
    let visits: Vec<_> = p
        .activities()
        .filter(|a| a.category.is_asset_visit())
        .collect();
    for a in &visits {
        assert!(!a.assets.is_empty());
        assert!(
            a.assets.iter().all(|x| assets.contains(x)),
            "{:?}",
            a.assets
        );
        if a.category == Category::ShipVisit {
            assert!(coastal.contains(a.host.as_str()), "{}", a.host);
            let location = a.location.as_ref().unwrap();
            assert!(location.coordinates.is_some() && !location.name.is_empty());
            assert!(a.title.starts_with("Port visit by "), "{}", a.title);
        }
    }
    // Our ships visit the partners' ports, and theirs visit ours.
    let singapore = |a: &&Activity| a.host == nation("SGP") && a.title.contains(" to Changi");
    assert!(
        visits
            .iter()
            .any(|a| singapore(&a) && a.title.starts_with("Port visit by HMS "))
    );
    assert!(
        visits.iter().any(|a| a.host == nation("GBR")),
        "partner ships visit us too"
    );
}

#[test]
fn labels_costs_and_outcomes_vary() {
    let all = sample(5_000);
    let by = |c| all.iter().filter(|a| a.label.classification == c).count();
    let n = all.len();
    assert!(by(Classification::Official) * 10 > n * 7);
    assert!(by(Classification::OfficialSensitive) * 100 > n * 8);
    assert!((1..n / 10).contains(&by(Classification::Secret)));
    assert!(all.iter().any(|a| !a.label.releasable_to.is_empty()));
    assert!(all.iter().any(|a| a.cost.is_some()) && all.iter().any(|a| a.cost.is_none()));
    for a in &all {
        if let Some(cost) = &a.cost {
            assert!(CURRENCIES.contains(&cost.currency.as_str()));
        }
        if !a.outcome.is_empty() {
            assert!(matches!(a.status, Status::Completed | Status::Assessed));
        }
        assert!(!a.objectives.is_empty());
    }
    let assessed: Vec<_> = all
        .iter()
        .filter(|a| a.status == Status::Assessed)
        .collect();
    let with_outcome = assessed.iter().filter(|a| !a.outcome.is_empty()).count();
    assert!(with_outcome * 10 > assessed.len() * 8);
    assert!(
        all.iter()
            .any(|a| a.objectives.iter().any(|o| o.contains('-')))
    );
}

#[test]
fn titles_read_naturally() {
    let titles: HashSet<String> = sample(5_000).into_iter().map(|a| a.title).collect();
    let has = |prefix: &str| titles.iter().any(|t| t.starts_with(prefix));
    for prefix in [
        "Port visit by HMS ",
        "Staff talks with the ",
        "Visit of the Secretary of State for Defence to ",
        "Exercise ",
        "Vienna Document ",
    ] {
        assert!(has(prefix), "{prefix}");
    }
    assert!(titles.contains("Staff talks with the Indonesian Navy"));
    assert!(titles.iter().all(|t| t.trim() == t && !t.contains("  ")));
    assert!(
        titles
            .iter()
            .any(|t| t.contains(" an Indian officer") || t.contains(" an Emirati officer"))
    );
    assert!(!titles.iter().any(|t| {
        [" a I", " a E", " a A", " a O"]
            .iter()
            .any(|x| t.contains(x))
    }));
    assert!(
        titles
            .iter()
            .all(|t| t.chars().next().unwrap().is_uppercase())
    );
}
