//! Engagement counts by category and period, for the analytics' charts.

use attache_domain::query::{ActivityFilter, Page, Sort, Tally};
use attache_domain::{Activity, Category};
use attache_store::Store;
use attache_testkit::fixtures::{code, date};

use crate::support::{actor, add_samples, matches, ready, sample_input, valid};

attache_testkit::on_each_backend!(engagement_is_counted_by_category_and_period,);

async fn engagement_is_counted_by_category_and_period<S: Store>(store: &S) {
    let ctx = ready(store).await;
    let mut added = add_samples(store, &ctx, 24).await;
    // A long activity, begun long before the periods counted, still overlaps them: the
    // bound on start dates (the longest activity's length) must not leave it out.
    let mut long = sample_input(99);
    long.external_id = "long".into();
    long.start_date = "2025-06-01".into();
    long.end_date = "2027-02-03".into();
    let long = valid(&long, &ctx);
    store.add_activity(&long, &actor()).await.unwrap();
    added.push(long);

    let filters = [
        ActivityFilter::default(),
        ActivityFilter {
            partner: Some(code("NATO")),
            ..Default::default()
        },
        ActivityFilter {
            from: Some(date("2027-02-01")),
            to: Some(date("2027-03-01")),
            ..Default::default()
        },
        ActivityFilter {
            partner: Some(code("GBR")),
            from: Some(date("2027-01-20")),
            ..Default::default()
        },
    ];
    let periods = vec![
        (date("2026-12-01"), date("2026-12-31")),
        (date("2027-01-01"), date("2027-01-31")),
        (date("2027-02-01"), date("2027-02-28")),
        (date("2027-03-01"), date("2027-12-31")),
    ];
    for filter in &filters {
        let selected: Vec<&Activity> = added.iter().filter(|a| matches(a, filter)).collect();
        let by_category: Vec<u64> = Category::ALL
            .iter()
            .map(|c| selected.iter().filter(|a| a.category == *c).count() as u64)
            .collect();
        assert_eq!(
            store
                .engagement_counts(filter, &Tally::ByCategory, &actor())
                .await
                .unwrap(),
            by_category,
            "{filter:?}"
        );
        let by_period: Vec<u64> = periods
            .iter()
            .map(|(from, to)| {
                selected
                    .iter()
                    .filter(|a| a.end >= *from && a.start <= *to)
                    .count() as u64
            })
            .collect();
        assert!(
            by_period.iter().any(|n| *n > 0),
            "{filter:?} counts nothing"
        );
        assert_eq!(
            store
                .engagement_counts(filter, &Tally::ByPeriod(periods.clone()), &actor())
                .await
                .unwrap(),
            by_period,
            "{filter:?}"
        );
    }
    // The long activity is in the lists and counts of a period it overlaps.
    let february = &filters[2];
    let listed = store
        .list_activities(february, Sort::default(), &Page::default(), &actor())
        .await
        .unwrap();
    assert_eq!(listed[0].record.external_id, "long");
    assert!(
        store
            .engagement_counts(&filters[0], &Tally::ByPeriod(Vec::new()), &actor())
            .await
            .unwrap()
            .is_empty()
    );
}
