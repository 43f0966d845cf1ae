//! The reports as PDF: the same content as their HTML, as lines and the chart drawn with
//! krilla (`pdf.rs`), made without any network access.

use crate::Result;
use crate::analytics::series::CategorySeries;
use crate::pdf::{BODY, Lines, TEXT_WIDTH, TITLE};
use crate::reports::{ActivityLine, AnnualReport, PartnerBrief, Relationship, Total};

fn heading(l: &mut Lines, text: &str) {
    l.gap();
    l.add(TITLE, text);
}

fn activities(l: &mut Lines, title: &str, lines: &[ActivityLine], more: u64, none: &str) {
    heading(l, title);
    if lines.is_empty() {
        l.add(BODY, none);
    }
    for line in lines {
        l.add(BODY, &line.text());
    }
    if more > 0 {
        l.add(BODY, &format!("… and {more} more."));
    }
}

fn chart(l: &mut Lines, series: &CategorySeries) {
    let (height, shapes) = series.layout(TEXT_WIDTH);
    l.picture(height, shapes);
}

fn totals(l: &mut Lines, title: &str, totals: &[Total]) {
    heading(l, title);
    for t in totals {
        l.add(
            BODY,
            &format!(
                "{}: {} activities, intensity {:.1}",
                t.name, t.activities, t.intensity
            ),
        );
    }
}

fn relationships(l: &mut Lines, title: &str, list: &[Relationship]) {
    heading(l, title);
    if list.is_empty() {
        l.add(BODY, "None.");
    }
    for r in list {
        l.add(
            BODY,
            &format!(
                "{} ({}): intensity {:.1} from {} activities; {:.1} the year before ({})",
                r.name,
                r.code,
                r.intensity,
                r.activities,
                r.before,
                r.change()
            ),
        );
    }
}

impl PartnerBrief {
    pub(crate) fn to_pdf(&self) -> Result<Vec<u8>> {
        let mut l = Lines::default();
        l.add(
            TITLE,
            &format!("Partner brief: {} ({})", self.name, self.code),
        );
        l.add(
            BODY,
            &format!(
                "Prepared for {} by {} on {}.",
                self.our_nation, self.prepared_by, self.today
            ),
        );
        heading(&mut l, "The relationship");
        l.add(BODY, &format!("{}; {}.", self.kind, self.region));
        if !self.memberships.is_empty() {
            l.add(
                BODY,
                &format!(
                    "Organisations and members: {}.",
                    self.memberships.join(", ")
                ),
            );
        }
        l.add(
            BODY,
            &format!(
                "Engagement intensity over the last 12 months: {:.1} ({} activities that took place); the 12 months before: {:.1}. Trend over eight quarters: {}.",
                self.intensity, self.activities_counted, self.intensity_before, self.trend
            ),
        );
        if let Some(warning) = &self.warning {
            l.add(BODY, &format!("Early warning: {warning}"));
        }
        heading(&mut l, "Engagement by quarter and category");
        chart(&mut l, &self.series);
        heading(&mut l, "Agreements");
        if self.agreements.is_empty() {
            l.add(BODY, "None recorded.");
        }
        for a in &self.agreements {
            let expiry = a.expiry.map_or(String::new(), |e| format!(", expires {e}"));
            l.add(
                BODY,
                &format!(
                    "{} ({}; {}; signed {}{expiry})",
                    a.title, a.kind, a.parties, a.signed
                ),
            );
        }
        activities(
            &mut l,
            "The last 12 months",
            &self.past,
            self.past_more,
            "None recorded.",
        );
        activities(
            &mut l,
            "The next 6 months",
            &self.upcoming,
            self.upcoming_more,
            "None planned.",
        );
        heading(&mut l, "Objectives");
        if self.objectives.is_empty() {
            l.add(BODY, "None of its own.");
        }
        for o in &self.objectives {
            l.add(BODY, &format!("{} ({}): {}", o.code, o.aim, o.title));
            for i in &o.indicators {
                l.add(
                    BODY,
                    &format!(
                        "    {}: baseline {}, target {}",
                        i.name, i.baseline, i.target
                    ),
                );
            }
        }
        l.render(self.banner)
    }
}

impl AnnualReport {
    pub(crate) fn to_pdf(&self) -> Result<Vec<u8>> {
        let mut l = Lines::default();
        l.add(
            TITLE,
            &format!("Annual defence engagement report {}", self.year),
        );
        l.add(
            BODY,
            &format!(
                "Prepared for {} by {} on {}. Engagement that took place: {} activities with {} partners, intensity {:.1}.",
                self.our_nation, self.prepared_by, self.today, self.activities, self.partners, self.intensity
            ),
        );
        heading(&mut l, "Engagement by month and category");
        chart(&mut l, &self.series);
        totals(&mut l, "By region", &self.by_region);
        totals(&mut l, "By category", &self.by_category);
        totals(&mut l, "By standing aim", &self.by_aim);
        relationships(&mut l, "Top relationships", &self.top);
        relationships(&mut l, "Growing", &self.growing);
        relationships(&mut l, "Fading", &self.fading);
        heading(&mut l, "Early warnings");
        if self.warnings.is_empty() {
            l.add(BODY, "No partner fell markedly below its trailing average.");
        }
        for w in &self.warnings {
            l.add(BODY, w);
        }
        activities(
            &mut l,
            "High-level engagement",
            &self.high_level,
            0,
            "None.",
        );
        activities(
            &mut l,
            "The largest multilateral activities",
            &self.multilateral,
            0,
            "None.",
        );
        l.render(self.banner)
    }
}
