//! The ideas table: references given once and never reused; edits keep the reference.

use shortlist_domain::ChallengeId;
use shortlist_store::{challenges, ideas, Store, StoreError};

use crate::{at, challenge, idea};

fn store_with_challenge() -> (Store, ChallengeId) {
    let mut store = Store::open_in_memory().expect("fresh database");
    let c = store.write(|tx| challenges::insert(tx, &challenge(), at(0))).expect("challenge");
    (store, c.id)
}

#[test]
fn references_count_up_from_the_challenge_prefix() {
    let (mut store, c) = store_with_challenge();
    let refs: Vec<String> = (0..3)
        .map(|i| {
            store
                .write(|tx| ideas::insert(tx, c, &idea(&format!("Idea {i}")), None, at(1)))
                .expect("insert")
                .reference
                .0
        })
        .collect();
    assert_eq!(refs, ["DC21-0001", "DC21-0002", "DC21-0003"]);
}

#[test]
fn a_failed_transaction_uses_up_no_reference() {
    let (mut store, c) = store_with_challenge();
    let failed: Result<(), StoreError> = store.write(|tx| {
        ideas::insert(tx, c, &idea("Rolled back"), None, at(1))?;
        Err(StoreError::NotFound { what: "something".into() })
    });
    assert!(failed.is_err());
    let next = store.write(|tx| ideas::insert(tx, c, &idea("Kept"), None, at(2))).expect("insert");
    assert_eq!(next.reference.0, "DC21-0001", "the rolled-back insert left no trace, not even its number");
    assert_eq!(ideas::count(store.read(), c).expect("count"), 1);
}

#[test]
fn an_edit_keeps_the_reference_and_creation_time() {
    let (mut store, c) = store_with_challenge();
    let original = store.write(|tx| ideas::insert(tx, c, &idea("Before"), None, at(1))).expect("insert");
    let edited = store.write(|tx| ideas::update(tx, original.id, &idea("After"), at(7))).expect("update");
    assert_eq!(edited.reference, original.reference);
    assert_eq!(edited.created_at, original.created_at);
    assert_eq!(edited.updated_at, at(7));
    assert_eq!(edited.details.title, "After");
}

#[test]
fn an_idea_must_belong_to_a_real_challenge() {
    let (mut store, _) = store_with_challenge();
    let err = store.write(|tx| ideas::insert(tx, ChallengeId(999), &idea("Orphan"), None, at(1)));
    assert!(matches!(err, Err(StoreError::NotFound { .. })), "no idea without its challenge: {err:?}");
}

#[test]
fn the_list_is_in_reference_order_and_per_challenge() {
    let (mut store, c) = store_with_challenge();
    let mut other = challenge();
    other.reference_prefix = "DC22".into();
    let c2 = store.write(|tx| challenges::insert(tx, &other, at(0))).expect("second challenge").id;
    for i in 0..12 {
        store
            .write(|tx| {
                ideas::insert(tx, if i % 2 == 0 { c } else { c2 }, &idea(&format!("Idea {i}")), None, at(1))
            })
            .expect("insert");
    }
    let list = ideas::list(store.read(), c).expect("list");
    assert_eq!(list.len(), 6, "only this challenge's ideas");
    assert!(list.windows(2).all(|w| w[0].reference < w[1].reference), "in reference order");
}

#[test]
fn insert_many_stores_what_insert_stores_with_consecutive_references() {
    let (mut store, c) = store_with_challenge();
    let first = store.write(|tx| ideas::insert(tx, c, &idea("One at a time"), None, at(1))).expect("insert");
    let mut tagged = idea("Café inspections, in bulk");
    tagged.themes = vec!["Health and care".into()];
    tagged.tags = vec!["food".into()];
    let plain = idea("Pension Credit, in bulk");
    let added = store
        .write(|tx| ideas::insert_many(tx, c, &[(&tagged, Some("form:1")), (&plain, None)], at(2)))
        .expect("insert many");
    let refs: Vec<&str> = added.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(refs, ["DC21-0002", "DC21-0003"], "numbers continue from the counter, in order");

    let stored = ideas::get(store.read(), added[0].0).expect("stored");
    assert_eq!(stored.reference, added[0].1, "the id returned is the row with that reference");
    assert_eq!(stored.details.themes, ["Health and care"]);
    assert_eq!(stored.details.tags, ["food"]);
    assert_eq!(stored.created_at, at(2));
    assert_eq!(stored.details.title, tagged.title);
    assert_eq!(
        (stored.stage, stored.merged_into.clone()),
        (first.stage, None),
        "a bulk-added idea starts where a single one does"
    );
    let q = shortlist_domain::IdeaQuery {
        text: "cafe food".into(),
        ..shortlist_domain::IdeaQuery::for_challenge(c)
    };
    let hits = shortlist_store::search::search(store.read(), &q).expect("search").hits;
    assert_eq!(hits.len(), 1, "a bulk-added idea is in the full-text index, labels included");

    let keys = ideas::source_keys(store.read(), c).expect("source keys");
    assert_eq!(keys.into_iter().collect::<Vec<_>>(), ["form:1"], "only imported ideas have a source key");
    let next = store.write(|tx| ideas::insert(tx, c, &idea("After"), None, at(3))).expect("insert");
    assert_eq!(next.reference.0, "DC21-0004", "no number is given twice");
}

#[test]
fn insert_many_of_nothing_takes_no_number() {
    let (mut store, c) = store_with_challenge();
    assert!(store.write(|tx| ideas::insert_many(tx, c, &[], at(1))).expect("nothing").is_empty());
    let next = store.write(|tx| ideas::insert(tx, c, &idea("First"), None, at(2))).expect("insert");
    assert_eq!(next.reference.0, "DC21-0001");
}
