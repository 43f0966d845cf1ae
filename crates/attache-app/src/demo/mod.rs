//! Demo data: a deterministic generator of a plausible defence-engagement register.
//!
//! Given a seed, a size, `today` and our nation, [`DemoPlan`] makes partners, objectives,
//! people, assets, agreements and activities that read like a real register: seasons,
//! partners growing and fading over the years, statuses that follow the dates. It is pure:
//! no I/O, no clock, no database; storing what it makes is the caller's job.
//!
//! Every activity is drawn from its own ChaCha stream (keyed by the seed, numbered by the
//! activity), so activities come one at a time in constant memory, the first n are the same
//! whatever the size, and the data is the same on every platform.

use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use attache_domain::records::{
    Agreement, AgreementKind, Asset, AssetKind, Indicator, Objective, Person, StandingAim,
};
use attache_domain::{
    Activity, Amount, Category, Classification, CurrencyCode, Location, Money, Participant,
    PartnerCode, Role, SecurityLabel, Status,
};
use chrono::{Datelike, Days, NaiveDate};
use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The `source` of every demo activity.
pub const SOURCE: &str = "attache-demo";

/// The organisations that host or attend demo forums.
pub const ORGANISATIONS: [&str; 6] = ["NATO", "OSCE", "ASEAN", "ADMM-Plus", "EU", "AU"];

/// Every currency a demo cost may carry.
pub const CURRENCIES: [&str; 8] = ["GBP", "USD", "EUR", "SGD", "AUD", "CAD", "JPY", "NOK"];

/// Rough value of one pound in each of [`CURRENCIES`], so costs are of a plausible size.
const PER_POUND: [f64; 8] = [1.0, 1.27, 1.17, 1.7, 1.9, 1.72, 190.0, 13.5];

/// The timeline runs from this many years before today's year to the end of the next year.
const YEARS_BEFORE: i32 = 5;
/// Activities per year of the timeline, relative: the register fills up as years pass, and
/// next year is only partly planned.
const YEAR_WEIGHTS: [f64; 7] = [0.85, 0.9, 0.95, 1.0, 1.0, 1.0, 0.7];

/// ChaCha streams: one per kind of reference record, then one per activity from here.
const STREAM_OBJECTIVES: u64 = 1;
const STREAM_PEOPLE: u64 = 2;
const STREAM_ASSETS: u64 = 3;
const STREAM_AGREEMENTS: u64 = 4;
/// Outcome ratings and indicator readings (`demo_ame.rs`).
pub(crate) const STREAM_AME: u64 = 5;
const STREAM_ACTIVITIES: u64 = 1 << 32;

mod ame;
mod coordination;
mod load;
mod tables;
#[cfg(test)]
mod tests;

use tables::*;

// ---------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------

/// Draws from one ChaCha stream. Sampling is done here from raw `u64`s, not with rand's
/// distributions, so the data cannot change with an upgrade of rand.
struct Dice(ChaCha8Rng);

impl Dice {
    fn new(key: [u8; 32], stream: u64) -> Dice {
        let mut rng = ChaCha8Rng::from_seed(key);
        rng.set_stream(stream);
        Dice(rng)
    }

    /// A number in `0..n` (0 when `n` is 0), by multiply-shift.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.0.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        let span = hi.saturating_sub(lo).max(0) as usize + 1;
        lo + self.below(span) as i64
    }

    /// A number in `[0, 1)` with 53 random bits.
    fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> Option<T> {
        items.get(self.below(items.len())).cloned()
    }

    /// A text from a table; "" only if the table is empty.
    fn text(&mut self, items: &[&'static str]) -> &'static str {
        self.pick(items).unwrap_or_default()
    }

    /// One item of a ", "-separated list.
    fn part(&mut self, list: &'static str) -> &'static str {
        let i = self.below(list.split(", ").count());
        list.split(", ").nth(i).unwrap_or_default()
    }

    /// An index drawn in proportion to the weights; never one whose weight is zero
    /// unless all are.
    fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.iter().rposition(|w| *w > 0.0).unwrap_or(0)
    }

    /// `k` different items of `pool`, in draw order (a partial Fisher–Yates shuffle).
    fn several(&mut self, mut pool: Vec<usize>, k: usize) -> Vec<usize> {
        let k = k.min(pool.len());
        for i in 0..k {
            let j = i + self.below(pool.len() - i);
            pool.swap(i, j);
        }
        pool.truncate(k);
        pool
    }
}

// ---------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------

/// How a partner's share of engagement moves over the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trend {
    Steady,
    Growing,
    Fading,
}

impl Trend {
    /// The factor on the partner's weight in year `t` of the timeline (0 = first).
    fn factor(self, t: usize) -> f64 {
        match self {
            Trend::Steady => 1.0,
            Trend::Growing => geometric(0.25, 1.5, t),
            Trend::Fading => geometric(3.2, 0.6, t),
        }
    }

    /// The factor relative to its peak over the timeline: 1 at best, less out of favour.
    fn keenness(self, t: usize) -> f64 {
        let last = YEAR_WEIGHTS.len() - 1;
        let peak = self.factor(0).max(self.factor(last));
        self.factor(t) / peak
    }
}

/// `first * ratio^t` by repeated multiplication: unlike `powf`, whose last bit may vary
/// by platform, it gives the same weights, and so the same data, everywhere.
fn geometric(first: f64, ratio: f64, t: usize) -> f64 {
    (0..t).fold(first, |acc, _| acc * ratio)
}

#[derive(Debug)]
struct Partner {
    nation: &'static Nation,
    /// Row in [`NATIONS`]: names exercise series the same whoever our nation is.
    row: usize,
    code: PartnerCode,
    objectives: Vec<String>,
    trend: Trend,
}

/// A forum as it applies to this plan: its attendees and chairs among our partners.
#[derive(Debug)]
struct ForumPlan {
    forum: &'static Forum,
    org: PartnerCode,
    attendees: Vec<usize>,
    chairs: Vec<usize>,
    our_role: Role,
}

/// Everything an activity is drawn from; shared by the plan and its activity streams.
#[derive(Debug)]
struct World {
    key: [u8; 32],
    today: NaiveDate,
    first_year: i32,
    us: PartnerCode,
    home: &'static Nation,
    partners: Vec<Partner>,
    /// Per year of the timeline, each partner's weight: base times trend.
    year_weights: Vec<Vec<f64>>,
    our_ships: Vec<String>,
    our_aircraft: Vec<String>,
    /// (partner, name) of partner ships and aircraft that visit us.
    partner_ships: Vec<(usize, String)>,
    partner_aircraft: Vec<(usize, String)>,
    forums: Vec<ForumPlan>,
}

/// A deterministic demo register: reference records and a lazy stream of activities.
#[derive(Debug, Clone)]
pub struct DemoPlan {
    world: Arc<World>,
    seed: u64,
    size: usize,
    objectives: Vec<Objective>,
    people: Vec<Person>,
    assets: Vec<Asset>,
    agreements: Vec<Agreement>,
}

impl DemoPlan {
    /// `our_nation` is the nation running the instance (e.g. GBR); `today` anchors the
    /// timeline: activities start from 1 January five years before today's year to the end
    /// of next year, with statuses that follow the dates relative to `today`. `size` is the
    /// number of activities.
    pub fn new(seed: u64, size: usize, today: NaiveDate, our_nation: PartnerCode) -> DemoPlan {
        let key = ChaCha8Rng::seed_from_u64(seed).get_seed();
        let home = NATIONS
            .iter()
            .find(|n| n.code == our_nation.as_str())
            .unwrap_or(&ANY_NATION);
        let mut partners = partners_for(&our_nation);
        let objectives = make_objectives(&mut Dice::new(key, STREAM_OBJECTIVES), &mut partners);
        let people = make_people(
            &mut Dice::new(key, STREAM_PEOPLE),
            &partners,
            home,
            &our_nation,
        );
        let fleet = make_fleet(
            &mut Dice::new(key, STREAM_ASSETS),
            &partners,
            home,
            &our_nation,
        );
        let agreements = make_agreements(
            &mut Dice::new(key, STREAM_AGREEMENTS),
            &partners,
            home,
            &our_nation,
            today,
        );
        let year_weights = year_weights(&partners);
        let forums = plan_forums(&partners, &our_nation);
        let world = World {
            key,
            today,
            first_year: today.year() - YEARS_BEFORE,
            us: our_nation,
            home,
            partners,
            year_weights,
            our_ships: fleet.our_ships,
            our_aircraft: fleet.our_aircraft,
            partner_ships: fleet.partner_ships,
            partner_aircraft: fleet.partner_aircraft,
            forums,
        };
        DemoPlan {
            world: Arc::new(world),
            seed,
            size,
            objectives,
            people,
            assets: fleet.assets,
            agreements,
        }
    }

    /// The day the timeline is anchored on.
    pub fn today(&self) -> NaiveDate {
        self.world.today
    }

    /// A random stream of its own (by number), for what is added beside the activities.
    pub(crate) fn stream(&self, stream: u64) -> ChaCha8Rng {
        Dice::new(self.world.key, stream).0
    }

    /// The partner states the demo uses, never our nation. Forums also use the
    /// organisations in [`ORGANISATIONS`].
    pub fn partners(&self) -> Vec<PartnerCode> {
        self.world.partners.iter().map(|p| p.code.clone()).collect()
    }

    /// One or two objectives per partner (`SGP-1`, `SGP-2`), each serving a standing aim.
    pub fn objectives(&self) -> Vec<Objective> {
        self.objectives.clone()
    }

    /// Each partner's minister, chief of defence and defence attaché; our minister, chief
    /// of defence and attachés. Invented names.
    pub fn people(&self) -> Vec<Person> {
        self.people.clone()
    }

    /// Our ships and aircraft, and some partners' ships and aircraft. Invented names.
    pub fn assets(&self) -> Vec<Asset> {
        self.assets.clone()
    }

    /// A memorandum of understanding or cooperation agreement with most partners.
    pub fn agreements(&self) -> Vec<Agreement> {
        self.agreements.clone()
    }

    /// The activities, made one at a time: memory does not grow with the size. The same
    /// seed, today and nation give the same sequence, and a larger size only adds to it.
    pub fn activities(&self) -> impl Iterator<Item = Activity> + Send + 'static {
        Activities {
            world: Arc::clone(&self.world),
            next: 0,
            end: self.size as u64,
        }
    }
}

impl fmt::Display for DemoPlan {
    /// What identifies the data set: "seed 7 for GBR as of 2026-06-15".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "seed {} for {} as of {}",
            self.seed, self.world.us, self.world.today
        )
    }
}

/// The lazy activity stream; each activity comes from its own numbered ChaCha stream.
struct Activities {
    world: Arc<World>,
    next: u64,
    end: u64,
}

impl Iterator for Activities {
    type Item = Activity;

    fn next(&mut self) -> Option<Activity> {
        (self.next < self.end).then(|| {
            let activity = self.world.activity(self.next);
            self.next += 1;
            activity
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = usize::try_from(self.end - self.next).unwrap_or(usize::MAX);
        (left, Some(left))
    }

    /// Skipping is free: activity n does not depend on those before it.
    fn nth(&mut self, n: usize) -> Option<Activity> {
        self.next = self.next.saturating_add(n as u64).min(self.end);
        self.next()
    }
}

// ---------------------------------------------------------------------------------------
// Reference records
// ---------------------------------------------------------------------------------------

fn code(raw: &str) -> Option<PartnerCode> {
    PartnerCode::parse("code", raw).ok()
}

fn partners_for(us: &PartnerCode) -> Vec<Partner> {
    NATIONS
        .iter()
        .enumerate()
        .filter(|(_, n)| n.code != us.as_str())
        .filter_map(|(row, nation)| {
            Some(Partner {
                nation,
                row,
                code: code(nation.code)?,
                objectives: Vec::new(),
                trend: trend_of(nation.code, us),
            })
        })
        .collect()
}

fn trend_of(partner: &str, us: &PartnerCode) -> Trend {
    let first_three = |list: &[&str]| {
        list.iter()
            .filter(|c| **c != us.as_str())
            .take(3)
            .any(|c| *c == partner)
    };
    if first_three(&GROWING) {
        Trend::Growing
    } else if first_three(&FADING) {
        Trend::Fading
    } else {
        Trend::Steady
    }
}

fn year_weights(partners: &[Partner]) -> Vec<Vec<f64>> {
    (0..YEAR_WEIGHTS.len())
        .map(|t| {
            partners
                .iter()
                .map(|p| p.nation.weight * p.trend.factor(t))
                .collect()
        })
        .collect()
}

fn plan_forums(partners: &[Partner], us: &PartnerCode) -> Vec<ForumPlan> {
    let among = |codes: &[&str]| -> Vec<usize> {
        partners
            .iter()
            .enumerate()
            .filter(|(_, p)| codes.contains(&p.nation.code))
            .map(|(i, _)| i)
            .collect()
    };
    FORUMS
        .iter()
        .filter_map(|forum| {
            let attendees = among(forum.attendees);
            // A chair hosts, so at least three others must remain to attend.
            (attendees.len() >= 4).then_some(())?;
            Some(ForumPlan {
                forum,
                org: code(forum.org)?,
                attendees,
                chairs: among(forum.chairs),
                our_role: if forum.attendees.contains(&us.as_str()) {
                    Role::Guest
                } else {
                    Role::Observer
                },
            })
        })
        .collect()
}

fn fill(template: &str, nation: &Nation) -> String {
    template
        .replace("{name}", nation.name)
        .replace("{adj}", nation.adjective)
        .replace("{forces}", nation.forces)
}

fn has_navy(nation: &Nation) -> bool {
    !nation.services[1].is_empty()
}

fn make_objectives(d: &mut Dice, partners: &mut [Partner]) -> Vec<Objective> {
    let mut all = Vec::new();
    for partner in partners.iter_mut() {
        let fits: Vec<&ObjectiveTemplate> = OBJECTIVE_TEMPLATES
            .iter()
            .filter(|t| t.suits.nation(partner.nation))
            .collect();
        let how_many = if d.chance(0.5) { 2 } else { 1 };
        let chosen = d.several((0..fits.len()).collect(), how_many);
        for (k, template) in chosen.iter().filter_map(|i| fits.get(*i)).enumerate() {
            let code = format!("{}-{}", partner.nation.code, k + 1);
            let count = if d.chance(0.5) { 2 } else { 1 };
            let indicators = template
                .indicators
                .iter()
                .take(count)
                .map(|(name, base, gain)| {
                    let baseline = d.between(base.0, base.1);
                    Indicator {
                        name: (*name).to_owned(),
                        baseline: baseline as f64,
                        target: (baseline + d.between(gain.0, gain.1)) as f64,
                    }
                })
                .collect();
            partner.objectives.push(code.clone());
            all.push(Objective {
                code,
                title: fill(template.title, partner.nation),
                aim: template.aim,
                partner: Some(partner.code.clone()),
                indicators,
                label: SecurityLabel::default(),
            });
        }
    }
    all
}

/// An invented name from the nation's name parts, not yet in `taken`.
fn person_name(d: &mut Dice, group: &NameGroup, taken: &mut HashSet<String>) -> String {
    let mut name = String::new();
    for _ in 0..20 {
        let (given, family) = (d.part(group.given), d.part(group.family));
        name = if group.family_first {
            format!("{family} {given}")
        } else {
            format!("{given} {family}")
        };
        if taken.insert(name.clone()) {
            break;
        }
    }
    name
}

const CHIEF_RANKS: [&str; 3] = ["General", "Admiral", "Air Chief Marshal"];
const ATTACHE_RANKS: [&str; 5] = [
    "Colonel",
    "Brigadier",
    "Captain",
    "Commodore",
    "Group Captain",
];

fn make_people(d: &mut Dice, partners: &[Partner], home: &Nation, us: &PartnerCode) -> Vec<Person> {
    let mut taken = HashSet::new();
    let mut person =
        |d: &mut Dice, group, title: &str, role: String, nation: &PartnerCode| Person {
            name: person_name(d, group, &mut taken),
            title: title.to_owned(),
            role,
            nation: nation.clone(),
            label: SecurityLabel::default(),
        };
    let minister = person(d, home.names, "The Hon.", home.minister.to_owned(), us);
    let rank = d.text(&CHIEF_RANKS);
    let chief = person(d, home.names, rank, home.chief.to_owned(), us);
    let mut people = vec![minister, chief];
    for p in partners {
        let n = p.nation;
        people.push(person(d, n.names, "H.E.", n.minister.to_owned(), &p.code));
        let rank = d.text(&CHIEF_RANKS);
        people.push(person(d, n.names, rank, n.chief.to_owned(), &p.code));
        let rank = d.text(&ATTACHE_RANKS);
        let role = format!("Defence Attaché in {}", home.capital.name);
        people.push(person(d, n.names, rank, role, &p.code));
        // Smaller posts are covered by an attaché accredited from a neighbouring capital.
        if d.chance(0.7) {
            let rank = d.text(&ATTACHE_RANKS);
            let role = format!("Defence Attaché in {}", n.capital.name);
            people.push(person(d, home.names, rank, role, us));
        }
    }
    people
}

struct Fleet {
    assets: Vec<Asset>,
    our_ships: Vec<String>,
    our_aircraft: Vec<String>,
    partner_ships: Vec<(usize, String)>,
    partner_aircraft: Vec<(usize, String)>,
}

fn vessel_name(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix} {name}")
    }
}

fn asset(name: &str, kind: AssetKind, identifier: String, nation: &PartnerCode) -> Asset {
    Asset {
        name: name.to_owned(),
        kind,
        identifier,
        nation: nation.clone(),
        label: SecurityLabel::default(),
    }
}

/// A number in `lo..=hi` not yet in `used` (or the lowest free one).
fn fresh_number(d: &mut Dice, lo: i64, hi: i64, used: &mut HashSet<i64>) -> i64 {
    let mut n = d.between(lo, hi);
    while used.contains(&n) {
        n += 1;
    }
    used.insert(n);
    n
}

fn make_fleet(d: &mut Dice, partners: &[Partner], home: &Nation, us: &PartnerCode) -> Fleet {
    let mut assets = Vec::new();
    let mut our_ships = Vec::new();
    let mut names = SHIP_NAMES.iter();
    for (letter, lo, hi, count) in SHIP_CLASSES {
        let mut used = HashSet::new();
        for name in names.by_ref().take(count) {
            let hull = format!(
                "{letter}{}",
                fresh_number(d, lo.into(), hi.into(), &mut used)
            );
            let name = vessel_name(home.ship_prefix, name);
            assets.push(asset(&name, AssetKind::Ship, hull, us));
            our_ships.push(name);
        }
    }
    let tail_prefix = TAIL_PREFIXES
        .iter()
        .find(|(c, _)| *c == us.as_str())
        .map_or_else(|| format!("{us}-"), |(_, p)| (*p).to_owned());
    let mut our_aircraft = Vec::new();
    let mut used = HashSet::new();
    for i in 0..OUR_AIRCRAFT {
        let kind = AIRCRAFT_TYPES[i % AIRCRAFT_TYPES.len()];
        let tail = format!("{tail_prefix}{}", fresh_number(d, 100, 999, &mut used));
        let name = format!("{kind} {tail}");
        assets.push(asset(&name, AssetKind::Aircraft, tail, us));
        our_aircraft.push(name);
    }
    let mut visiting = |table: &[(&str, &str, &str)], kind| {
        let mut found = Vec::new();
        for (nation, name, id) in table {
            if let Some(i) = partners.iter().position(|p| p.nation.code == *nation) {
                assets.push(asset(name, kind, (*id).to_owned(), &partners[i].code));
                found.push((i, (*name).to_owned()));
            }
        }
        found
    };
    let partner_ships = visiting(&PARTNER_SHIPS, AssetKind::Ship);
    let partner_aircraft = visiting(&PARTNER_AIRCRAFT, AssetKind::Aircraft);
    Fleet {
        assets,
        our_ships,
        our_aircraft,
        partner_ships,
        partner_aircraft,
    }
}

fn make_agreements(
    d: &mut Dice,
    partners: &[Partner],
    home: &Nation,
    us: &PartnerCode,
    today: NaiveDate,
) -> Vec<Agreement> {
    let mut all = Vec::new();
    for p in partners {
        if !d.chance(0.8) {
            continue;
        }
        let (kind, title) = match d.below(10) {
            0..=5 => (
                AgreementKind::Mou,
                "Memorandum of Understanding on Defence Cooperation",
            ),
            6..=8 => (
                AgreementKind::DefenceCooperation,
                "Defence Cooperation Agreement",
            ),
            _ => (AgreementKind::StatusOfForces, "Status of Forces Agreement"),
        };
        let signed = days_before(today, d.between(365, 25 * 365));
        let in_force = d
            .chance(0.7)
            .then(|| days_after(signed, d.between(0, 120)).min(today));
        let expiry = d
            .chance(0.35)
            .then(|| days_after(signed, 365 * d.between(5, 10)));
        all.push(Agreement {
            kind,
            title: format!("{title} between {} and {}", home.name, p.nation.name),
            parties: vec![us.clone(), p.code.clone()],
            signed,
            in_force,
            expiry,
            label: SecurityLabel::default(),
        });
    }
    all
}

fn days_after(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_days(Days::new(days.max(0) as u64))
        .unwrap_or(date)
}

fn days_before(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_sub_days(Days::new(days.max(0) as u64))
        .unwrap_or(date)
}

// ---------------------------------------------------------------------------------------
// Activities
// ---------------------------------------------------------------------------------------

/// Who takes part: us, a partner (by index) or a forum's organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Us,
    Partner(usize),
    Forum(usize),
}

/// What a category's drawing decides: everything but dates, status, cost and label.
struct Shape {
    title: String,
    host: Who,
    others: Vec<(Who, Role)>,
    location: Option<Location>,
    assets: Vec<String>,
    /// The partner whose plan objectives the activity may serve.
    focus: Option<usize>,
    /// Length in days after the start day.
    days: i64,
}

impl Shape {
    /// The common case: one partner and us, one hosting.
    /// Between us and `partner`, one of the two hosting and the other its guest.
    fn bilateral(title: String, host: Who, partner: usize, location: Location, days: i64) -> Shape {
        let guest = if host == Who::Us {
            Who::Partner(partner)
        } else {
            Who::Us
        };
        Shape {
            title,
            host,
            others: vec![(guest, Role::Guest)],
            location: Some(location),
            assets: Vec::new(),
            focus: Some(partner),
            days,
        }
    }
}

/// Partner `p` with the chance `host`, else us: who hosts a bilateral meeting.
fn either(d: &mut Dice, host: f64, p: usize) -> Who {
    if d.chance(host) {
        Who::Partner(p)
    } else {
        Who::Us
    }
}

fn at(place: Place, with_coordinates: bool) -> Location {
    Location {
        name: place.name.to_owned(),
        coordinates: with_coordinates.then_some((place.lat, place.lon)),
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    match (NaiveDate::from_ymd_opt(year, month, 1), next) {
        (Some(first), Some(next)) => (next - first).num_days() as u32,
        _ => 28,
    }
}

fn status_for(d: &mut Dice, start: NaiveDate, end: NaiveDate, today: NaiveDate) -> Status {
    use Status::*;
    let roll = d.unit();
    let pick = |table: &[(f64, Status)]| {
        let mut acc = 0.0;
        for (p, status) in table {
            acc += p;
            if roll < acc {
                return *status;
            }
        }
        table.last().map_or(Planned, |(_, s)| *s)
    };
    if end < today {
        // Older activities have had time to be assessed.
        let ago = (today - end).num_days();
        let assessed = match ago {
            0..=60 => 0.1,
            61..=180 => 0.35,
            _ => 0.65,
        };
        pick(&[
            (0.08, Cancelled),
            (0.02, Postponed),
            (assessed * 0.9, Assessed),
            (1.0, Completed),
        ])
    } else if start <= today {
        pick(&[(0.95, Approved), (1.0, Postponed)])
    } else {
        match (start - today).num_days() {
            0..=90 => pick(&[
                (0.6, Approved),
                (0.28, Planned),
                (0.06, Postponed),
                (1.0, Cancelled),
            ]),
            91..=365 => pick(&[
                (0.5, Planned),
                (0.15, Approved),
                (0.25, Proposed),
                (0.05, Postponed),
                (1.0, Cancelled),
            ]),
            _ => pick(&[(0.55, Proposed), (0.38, Planned), (1.0, Postponed)]),
        }
    }
}

impl World {
    fn nation_of(&self, who: Who) -> &'static Nation {
        match who {
            Who::Partner(i) => self.partners.get(i).map_or(&ANY_NATION, |p| p.nation),
            Who::Us | Who::Forum(_) => self.home,
        }
    }

    fn code_of(&self, who: Who) -> PartnerCode {
        match who {
            Who::Us => self.us.clone(),
            Who::Partner(i) => self
                .partners
                .get(i)
                .map_or_else(|| self.us.clone(), |p| p.code.clone()),
            Who::Forum(i) => self
                .forums
                .get(i)
                .map_or_else(|| self.us.clone(), |f| f.org.clone()),
        }
    }

    fn calendar_year(&self, year: usize) -> i32 {
        self.first_year + year as i32
    }

    /// `fewest..=most` different partners of `pool` (fewer only if the pool is smaller),
    /// drawn by this year's weights, so that trends show in multilateral activities too.
    fn draw_among(
        &self,
        d: &mut Dice,
        year: usize,
        pool: Vec<usize>,
        fewest: usize,
        most: usize,
    ) -> Vec<usize> {
        // In a small pool nearly everyone is drawn, so partners out of favour this year
        // also stay away in proportion to their trend.
        let keen: Vec<usize> = pool
            .iter()
            .copied()
            .filter(|i| {
                let keenness = self
                    .partners
                    .get(*i)
                    .map_or(1.0, |p| p.trend.keenness(year));
                d.chance(keenness)
            })
            .collect();
        let mut pool = if keen.len() >= fewest { keen } else { pool };
        let k = d.between(fewest as i64, most.min(pool.len()) as i64) as usize;
        let base = self.year_weights.get(year).map_or(&[][..], Vec::as_slice);
        let mut chosen = Vec::with_capacity(k);
        while chosen.len() < k && !pool.is_empty() {
            let weights: Vec<f64> = pool
                .iter()
                .map(|i| base.get(*i).copied().unwrap_or(0.0))
                .collect();
            chosen.push(pool.swap_remove(d.weighted(&weights)));
        }
        chosen
    }

    /// A partner drawn by this year's weights among those that pass `fits` (among all,
    /// if none does).
    fn partner(&self, d: &mut Dice, year: usize, fits: impl Fn(&Nation) -> bool) -> usize {
        let base = self.year_weights.get(year).map_or(&[][..], Vec::as_slice);
        let weights: Vec<f64> = base
            .iter()
            .zip(&self.partners)
            .map(|(w, p)| if fits(p.nation) { *w } else { 0.0 })
            .collect();
        if weights.iter().any(|w| *w > 0.0) {
            d.weighted(&weights)
        } else {
            d.weighted(base)
        }
    }

    fn start_date(&self, d: &mut Dice, year: i32, spec: &CategorySpec) -> NaiveDate {
        let months = if spec.exercise_season {
            &EXERCISE_YEAR
        } else {
            &OFFICE_YEAR
        };
        for _ in 0..20 {
            let month = d.weighted(months) as u32 + 1;
            let day = d.below(days_in_month(year, month) as usize) as u32 + 1;
            if month == 12 && day >= 20 && !d.chance(LATE_DECEMBER_KEEP) {
                continue;
            }
            if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                return date;
            }
        }
        NaiveDate::from_ymd_opt(year, 6, 15).unwrap_or(self.today)
    }

    fn activity(&self, n: u64) -> Activity {
        let mut d = Dice::new(self.key, STREAM_ACTIVITIES.wrapping_add(n));
        let weights: Vec<f64> = CATEGORIES.iter().map(|c| c.weight).collect();
        let spec = &CATEGORIES[d.weighted(&weights)];
        let year = d.weighted(&YEAR_WEIGHTS);
        let start = self.start_date(&mut d, self.calendar_year(year), spec);
        let shape = self.shape(&mut d, spec.category, year);
        let end = days_after(start, shape.days);
        let status = status_for(&mut d, start, end, self.today);
        let participants = self.participants(shape.host, &shape.others);
        let mut objectives = self.objectives_for(&mut d, spec, shape.focus);
        let cost = self.cost(&mut d, spec, shape.focus);
        let label = self.label(&mut d, &participants);
        // Our plans' objectives are ours alone: a record released to other nations links
        // only the standing aims, which every reader sees.
        if !label.releasable_to.is_empty() {
            objectives.retain(|code| StandingAim::parse("objectives", code).is_ok());
        }
        let flavour = shape
            .focus
            .map_or(self.home, |p| self.nation_of(Who::Partner(p)));
        let outcome = outcome(&mut d, spec, status, flavour);
        let mut assets = shape.assets;
        assets.sort();
        assets.dedup();
        Activity {
            source: SOURCE.to_owned(),
            external_id: format!("demo-{:07}", n + 1),
            title: shape.title,
            category: spec.category,
            status,
            start,
            end,
            host: self.code_of(shape.host),
            participants,
            location: shape.location,
            objectives,
            assets,
            cost,
            label,
            description: d.text(spec.descriptions).to_owned(),
            outcome,
        }
    }

    /// The host first, then the others by code: the canonical order.
    fn participants(&self, host: Who, others: &[(Who, Role)]) -> Vec<Participant> {
        let mut rest: Vec<Participant> = others
            .iter()
            .filter(|(who, _)| *who != host)
            .map(|(who, role)| Participant {
                partner: self.code_of(*who),
                role: *role,
            })
            .collect();
        rest.sort_by(|a, b| a.partner.cmp(&b.partner));
        rest.dedup_by(|a, b| a.partner == b.partner);
        let mut all = vec![Participant {
            partner: self.code_of(host),
            role: Role::Host,
        }];
        all.extend(rest);
        all
    }

    fn shape(&self, d: &mut Dice, category: Category, year: usize) -> Shape {
        match category {
            Category::PersonnelExchange => self.personnel_exchange(d, year),
            Category::ShipVisit => self.ship_visit(d, year),
            Category::AircraftVisit => self.aircraft_visit(d, year),
            Category::HighLevelEngagement => self.high_level(d, year),
            Category::BilateralMeeting => self.bilateral_meeting(d, year),
            Category::StaffTalks => self.staff_talks(d, year),
            Category::Training => self.training(d, year),
            Category::Exercise => self.exercise(d, year),
            Category::RegionalForum => self.regional_forum(d, year),
            Category::Outreach => self.outreach(d, year),
            Category::Csbm => self.csbm(d, year),
            Category::NonProliferation => self.non_proliferation(d, year),
        }
    }

    /// Where a host meets: its capital, with coordinates most of the time.
    fn capital(&self, d: &mut Dice, host: Who) -> Location {
        let nation = self.nation_of(host);
        // The stand-in for an unknown home nation has no real coordinates.
        let known = !nation.code.is_empty();
        at(nation.capital, d.chance(0.6) && known)
    }

    fn personnel_exchange(&self, d: &mut Dice, year: usize) -> Shape {
        let p = self.partner(d, year, |_| true);
        let them = self.nation_of(Who::Partner(p));
        let service = d.below(3);
        let theirs = first_service(them, service);
        let ours = first_service(self.home, service);
        let long = d.chance(0.5);
        let (title, host) = match (long, d.chance(0.6)) {
            (true, true) => (
                format!(
                    "Exchange posting of {} officer to the {theirs}",
                    with_article(self.home.adjective)
                ),
                Who::Partner(p),
            ),
            (true, false) => (
                format!(
                    "Exchange posting of {} officer to the {ours}",
                    with_article(them.adjective)
                ),
                Who::Us,
            ),
            (false, true) => (
                format!("Staff college study visit to {}", them.name),
                Who::Partner(p),
            ),
            (false, false) => (
                format!("{} staff college study visit", them.adjective),
                Who::Us,
            ),
        };
        let days = if long {
            d.between(90, 365)
        } else {
            d.between(3, 10)
        };
        let location = self.capital(d, host);
        Shape::bilateral(title, host, p, location, days)
    }

    fn ship_visit(&self, d: &mut Dice, year: usize) -> Shape {
        let inbound = d.chance(0.3);
        if inbound
            && let Some((p, ship)) = d.pick(&self.partner_ships)
            && let Some(port) = d.pick(self.home.ports)
        {
            let title = format!("Port visit by {ship} to {}", port.name);
            let mut shape = Shape::bilateral(title, Who::Us, p, at(port, true), d.between(2, 5));
            shape.assets.push(ship);
            return shape;
        }
        let p = self.partner(d, year, |n| !n.ports.is_empty());
        let them = self.nation_of(Who::Partner(p));
        let port = d.pick(them.ports).unwrap_or(them.capital);
        let count = if d.chance(0.15) { 2 } else { 1 };
        let ships: Vec<String> = d
            .several((0..self.our_ships.len()).collect(), count)
            .into_iter()
            .filter_map(|i| self.our_ships.get(i).cloned())
            .collect();
        let title = format!("Port visit by {} to {}", ships.join(" and "), port.name);
        let mut shape =
            Shape::bilateral(title, Who::Partner(p), p, at(port, true), d.between(2, 5));
        shape.assets = ships;
        shape
    }

    fn aircraft_visit(&self, d: &mut Dice, year: usize) -> Shape {
        let days = d.between(1, 3);
        if d.chance(0.2)
            && let Some((p, name)) = d.pick(&self.partner_aircraft)
        {
            let title = format!("Aircraft visit by {name} to {}", self.home.capital.name);
            let location = self.capital(d, Who::Us);
            let mut shape = Shape::bilateral(title, Who::Us, p, location, days);
            shape.assets.push(name);
            return shape;
        }
        let p = self.partner(d, year, |_| true);
        let aircraft = d.pick(&self.our_aircraft).unwrap_or_default();
        let city = self.nation_of(Who::Partner(p)).capital.name;
        let title = format!("Aircraft visit by {aircraft} to {city}");
        let location = self.capital(d, Who::Partner(p));
        let mut shape = Shape::bilateral(title, Who::Partner(p), p, location, days);
        shape.assets.push(aircraft);
        shape
    }

    fn high_level(&self, d: &mut Dice, year: usize) -> Shape {
        let p = self.partner(d, year, |_| true);
        let them = self.nation_of(Who::Partner(p));
        let us = self.home;
        let (title, host) = match d.below(4) {
            0 => (
                format!("Visit of the {} to {}", us.minister, them.name),
                Who::Partner(p),
            ),
            1 => (
                format!("Visit of the {} to {}", us.chief, them.name),
                Who::Partner(p),
            ),
            2 => (
                format!(
                    "Visit of the {} {} to {}",
                    them.adjective, them.minister, us.name
                ),
                Who::Us,
            ),
            _ => (
                format!(
                    "Visit of the {} {} to {}",
                    them.adjective, them.chief, us.name
                ),
                Who::Us,
            ),
        };
        let location = self.capital(d, host);
        Shape::bilateral(title, host, p, location, d.between(1, 4))
    }

    fn bilateral_meeting(&self, d: &mut Dice, year: usize) -> Shape {
        let p = self.partner(d, year, |_| true);
        let them = self.nation_of(Who::Partner(p));
        let (title, host) = match d.below(4) {
            0 => (
                format!(
                    "Defence attaché call on the {} {}",
                    them.adjective, them.chief
                ),
                Who::Partner(p),
            ),
            1 => (
                format!("Bilateral defence dialogue with {}", them.name),
                either(d, 0.5, p),
            ),
            2 => (
                format!("Meeting with the {} Defence Attaché", them.adjective),
                Who::Us,
            ),
            _ => (
                format!("Defence policy talks with {}", them.name),
                either(d, 0.5, p),
            ),
        };
        let location = self.capital(d, host);
        Shape::bilateral(title, host, p, location, d.between(0, 1))
    }

    fn staff_talks(&self, d: &mut Dice, year: usize) -> Shape {
        let p = self.partner(d, year, |_| true);
        let them = self.nation_of(Who::Partner(p));
        let title = match d.below(4) {
            3 => format!("Joint staff talks with the {}", them.forces),
            i => format!("Staff talks with the {}", first_service(them, i)),
        };
        let host = either(d, 0.55, p);
        let location = self.capital(d, host);
        Shape::bilateral(title, host, p, location, d.between(1, 3))
    }

    fn training(&self, d: &mut Dice, year: usize) -> Shape {
        let p = self.partner(d, year, |_| true);
        let them = self.nation_of(Who::Partner(p));
        let (topic, service) = d
            .pick(&TRAINING_TOPICS)
            .unwrap_or(("Peacekeeping", Service::Army));
        let unit = match service {
            Service::Army => first_service(them, 0),
            Service::Navy => first_service(them, 1),
            Service::AirForce => first_service(them, 2),
            Service::Joint => them.forces,
        };
        let (title, host) = if d.chance(0.7) {
            (format!("{topic} training for the {unit}"), Who::Partner(p))
        } else {
            (
                format!("{topic} course for {} officers", them.adjective),
                Who::Us,
            )
        };
        let location = self.capital(d, host);
        let mut shape = Shape::bilateral(title, host, p, location, d.between(4, 20));
        if d.chance(0.12) {
            let region = them.region;
            let o = self.partner(d, year, |n| n.region == region);
            if o != p {
                shape.others.push((Who::Partner(o), Role::Observer));
            }
        }
        shape
    }

    fn exercise(&self, d: &mut Dice, year: usize) -> Shape {
        let p = self.partner(d, year, |_| true);
        let them = self.nation_of(Who::Partner(p));
        let neighbours: Vec<usize> = (0..self.partners.len())
            .filter(|i| *i != p && self.partners[*i].nation.region == them.region)
            .collect();
        let days = d.between(5, 20);
        if neighbours.len() >= 2 && d.chance(0.4) {
            return self.multinational_exercise(d, year, p, neighbours, days);
        }
        let series = exercise_series(self.partners[p].row);
        let title = format!("Exercise {series} {}", self.calendar_year(year));
        let host = either(d, 0.65, p);
        let location = self.exercise_area(d, host);
        let mut shape = Shape::bilateral(title, host, p, location, days);
        if d.chance(0.15) {
            let o = self.partner(d, year, |_| true);
            if o != p {
                shape.others.push((Who::Partner(o), Role::Observer));
            }
        }
        shape
    }

    fn multinational_exercise(
        &self,
        d: &mut Dice,
        year: usize,
        host: usize,
        neighbours: Vec<usize>,
        days: i64,
    ) -> Shape {
        let them = self.nation_of(Who::Partner(host));
        let name = d.text(regional_exercises(them.region));
        let calendar_year = self.calendar_year(year);
        let mut others: Vec<(Who, Role)> = self
            .draw_among(d, year, neighbours, 2, 6)
            .into_iter()
            .map(|i| (Who::Partner(i), Role::Guest))
            .collect();
        let our_role = if d.chance(0.3) {
            Role::Lead
        } else {
            Role::Guest
        };
        others.push((Who::Us, our_role));
        Shape {
            title: format!("Exercise {name} {calendar_year}"),
            host: Who::Partner(host),
            others,
            location: Some(self.exercise_area(d, Who::Partner(host))),
            assets: Vec::new(),
            focus: Some(host),
            days,
        }
    }

    /// A naval port half the time where the host has one, else the capital.
    fn exercise_area(&self, d: &mut Dice, host: Who) -> Location {
        let nation = self.nation_of(host);
        match d.pick(nation.ports) {
            Some(port) if d.chance(0.5) => at(port, true),
            _ => self.capital(d, host),
        }
    }

    fn regional_forum(&self, d: &mut Dice, year: usize) -> Shape {
        let f = d.below(self.forums.len());
        let Some(plan) = self.forums.get(f) else {
            // Only if no forum has enough of our partners to meet.
            return self.bilateral_meeting(d, year);
        };
        let chair = if d.chance(0.45) {
            d.pick(&plan.chairs)
        } else {
            None
        };
        let (host, location) = match (chair, plan.forum.seat) {
            (Some(c), _) => (Who::Partner(c), self.capital(d, Who::Partner(c))),
            (None, Some(seat)) => (Who::Forum(f), at(seat, d.chance(0.6))),
            (None, None) => {
                // An organisation without a seat meets in a member's capital.
                let venue = d.pick(&plan.attendees).unwrap_or(0);
                (Who::Forum(f), self.capital(d, Who::Partner(venue)))
            }
        };
        let pool: Vec<usize> = plan
            .attendees
            .iter()
            .copied()
            .filter(|i| Who::Partner(*i) != host)
            .collect();
        let we_attend = d.chance(0.9);
        // Four to twelve participants, the host included.
        let most: usize = if we_attend { 10 } else { 11 };
        let chosen = self.draw_among(d, year, pool, 3, most);
        let focus = if d.chance(0.5) {
            chosen.first().copied()
        } else {
            None
        };
        let mut others: Vec<(Who, Role)> = chosen
            .into_iter()
            .map(|i| (Who::Partner(i), Role::Guest))
            .collect();
        if we_attend {
            others.push((Who::Us, plan.our_role));
        }
        Shape {
            title: d.text(plan.forum.titles).to_owned(),
            host,
            others,
            location: Some(location),
            assets: Vec::new(),
            focus,
            days: d.between(1, 3),
        }
    }

    fn outreach(&self, d: &mut Dice, year: usize) -> Shape {
        let p = self.partner(d, year, |_| true);
        let them = self.nation_of(Who::Partner(p));
        let city = them.capital.name;
        let title = match d.below(4) {
            0 => format!("Defence reception in {city}"),
            1 => format!("Remembrance commemoration in {city}"),
            2 => format!("Military band concert in {city}"),
            _ => format!(
                "Reception for {} alumni of {} staff colleges",
                them.adjective, self.home.adjective
            ),
        };
        let location = self.capital(d, Who::Partner(p));
        Shape::bilateral(title, Who::Partner(p), p, location, d.between(0, 1))
    }

    fn csbm(&self, d: &mut Dice, year: usize) -> Shape {
        let we_are_osce = OSCE_STATES.contains(&self.us.as_str());
        let vienna = we_are_osce && d.chance(0.75);
        let p = self.partner(d, year, |n| !vienna || OSCE_STATES.contains(&n.code));
        let them = self.nation_of(Who::Partner(p));
        let vienna = vienna && OSCE_STATES.contains(&them.code);
        let (title, host) = match (vienna, d.below(3)) {
            (true, 0) => (
                format!("Vienna Document inspection in {}", them.name),
                Who::Partner(p),
            ),
            (true, 1) => (
                format!("Vienna Document evaluation visit to {}", them.name),
                Who::Partner(p),
            ),
            (true, _) => (
                format!(
                    "Vienna Document inspection by {} inspectors",
                    them.adjective
                ),
                Who::Us,
            ),
            (false, 0) => (
                format!("Maritime confidence-building talks with {}", them.name),
                Who::Partner(p),
            ),
            (false, 1) if has_navy(them) => (
                format!("Incidents-at-sea talks with the {}", first_service(them, 1)),
                Who::Partner(p),
            ),
            (false, _) => (
                format!(
                    "Military transparency briefing for {} officials",
                    them.adjective
                ),
                Who::Us,
            ),
        };
        let location = self.capital(d, host);
        Shape::bilateral(title, host, p, location, d.between(2, 5))
    }

    fn non_proliferation(&self, d: &mut Dice, year: usize) -> Shape {
        let p = self.partner(d, year, |_| true);
        let them = self.nation_of(Who::Partner(p));
        let title = match d.below(4) {
            0 => format!("Counter-proliferation workshop with {}", them.name),
            1 => format!("Export-control seminar in {}", them.capital.name),
            2 => format!("CBRN defence training for the {}", them.forces),
            _ => format!("Nuclear security workshop in {}", them.capital.name),
        };
        let location = self.capital(d, Who::Partner(p));
        Shape::bilateral(title, Who::Partner(p), p, location, d.between(1, 4))
    }

    /// One standing aim (sometimes two), and often an objective of the focus partner's plan.
    fn objectives_for(
        &self,
        d: &mut Dice,
        spec: &CategorySpec,
        focus: Option<usize>,
    ) -> Vec<String> {
        let aims: Vec<usize> = (0..spec.aims.len()).collect();
        let count = if d.chance(0.3) { 2 } else { 1 };
        let mut codes: Vec<String> = d
            .several(aims, count)
            .into_iter()
            .filter_map(|i| spec.aims.get(i))
            .map(|aim| aim.as_str().to_owned())
            .collect();
        if let Some(partner) = focus.and_then(|p| self.partners.get(p))
            && d.chance(0.55)
            && let Some(objective) = d.pick(&partner.objectives.iter().collect::<Vec<_>>())
        {
            codes.push(objective.clone());
        }
        codes.sort();
        codes.dedup();
        codes
    }

    fn cost(&self, d: &mut Dice, spec: &CategorySpec, focus: Option<usize>) -> Option<Money> {
        if !d.chance(spec.cost_chance) {
            return None;
        }
        let theirs = focus.map(|p| self.nation_of(Who::Partner(p)).currency);
        let roll = d.unit();
        let currency = match theirs {
            Some(c) if roll < 0.1 && CURRENCIES.contains(&c) => c,
            _ if roll < 0.2 => "USD",
            _ if CURRENCIES.contains(&self.home.currency) => self.home.currency,
            _ => "USD",
        };
        let rate = CURRENCIES
            .iter()
            .position(|c| *c == currency)
            .and_then(|i| PER_POUND.get(i))
            .copied()
            .unwrap_or(1.0);
        let pounds = d.between(spec.cost_range.0 / 10, spec.cost_range.1 / 10) * 10;
        // Whole yen; cents elsewhere.
        let cents = if currency == "JPY" {
            (pounds as f64 * rate).round() as i64 * 100
        } else {
            (pounds as f64 * rate * 100.0).round() as i64
        };
        Some(Money {
            amount: Amount::from_thousandths(cents * 10)?,
            currency: CurrencyCode::parse("cost_currency", currency).ok()?,
        })
    }

    /// Mostly official; sensitive records are often releasable to participants and allies.
    fn label(&self, d: &mut Dice, participants: &[Participant]) -> SecurityLabel {
        let roll = d.unit();
        let classification = if roll < 0.8 {
            Classification::Official
        } else if roll < 0.96 {
            Classification::OfficialSensitive
        } else {
            Classification::Secret
        };
        let share = match classification {
            Classification::Official => d.chance(0.08),
            _ => d.chance(0.5),
        };
        let mut releasable_to = Vec::new();
        if share {
            let mut pool: Vec<PartnerCode> = participants
                .iter()
                .map(|p| p.partner.clone())
                .chain(CLOSE_ALLIES.iter().filter_map(|c| code(c)))
                .filter(|c| c.is_state() && *c != self.us)
                .collect();
            pool.sort();
            pool.dedup();
            let k = d.between(1, 3) as usize;
            releasable_to = d
                .several((0..pool.len()).collect(), k)
                .into_iter()
                .filter_map(|i| pool.get(i).cloned())
                .collect();
            releasable_to.sort();
        }
        SecurityLabel {
            classification,
            releasable_to,
        }
    }
}

/// The service by number (army, navy, air force), falling back to the army without a navy.
fn first_service(nation: &Nation, i: usize) -> &'static str {
    match nation.services.get(i) {
        Some(s) if !s.is_empty() => s,
        _ => nation.services[0],
    }
}

/// "an Indian", "a British", "a US": by the first letter, which suits the adjectives here.
fn with_article(word: &str) -> String {
    let article = match word.chars().next() {
        Some('A' | 'E' | 'I' | 'O') => "an",
        _ => "a",
    };
    format!("{article} {word}")
}

/// A partner's bilateral exercise series: one word from each list, different per row.
fn exercise_series(row: usize) -> String {
    let first = EXERCISE_FIRST[row % EXERCISE_FIRST.len()];
    let second = EXERCISE_SECOND[(row * 7 + 3) % EXERCISE_SECOND.len()];
    format!("{first} {second}")
}

/// Completed activities sometimes, assessed ones nearly always, record how they went.
fn outcome(d: &mut Dice, spec: &CategorySpec, status: Status, nation: &Nation) -> String {
    let chance = match status {
        Status::Assessed => 0.9,
        Status::Completed => 0.4,
        _ => 0.0,
    };
    if !d.chance(chance) {
        return String::new();
    }
    let template = if d.chance(0.5) {
        d.text(spec.outcomes)
    } else {
        d.text(&GENERIC_OUTCOMES)
    };
    let text = fill(template, nation);
    // "{adj}" may open the sentence.
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}
