//! The index: agreement with the pure measure, ranking, pairs and removal.

mod common;

use shortlist_similar::{similarity, SimilarityIndex, DEFAULT_THRESHOLD};

const PENSION_A: (&str, &str) = (
    "Use HMRC and DWP data to find households missing out on Pension Credit",
    "Many eligible pensioners never claim Pension Credit. HMRC and DWP already hold income data that \
     could identify them, so we could write to them directly.",
);
const PENSION_B: (&str, &str) = (
    "Find pensioners who miss out on Pension Credit by matching DWP and HMRC records",
    "Match DWP benefit records against HMRC income records to identify pensioners who are eligible for \
     Pension Credit but not claiming it, and contact them.",
);

fn distractor_index(count: usize) -> (SimilarityIndex<usize>, Vec<(String, String)>) {
    let docs = common::corpus(count, 42);
    let mut index = SimilarityIndex::new();
    for (i, (title, body)) in docs.iter().enumerate() {
        index.insert(i, title, body);
    }
    (index, docs)
}

#[test]
fn similar_agrees_with_the_pure_function() {
    let (mut index, mut docs) = distractor_index(200);
    index.insert(1000, PENSION_A.0, PENSION_A.1);
    docs.push((PENSION_A.0.into(), PENSION_A.1.into()));
    for (query_title, query_body) in [PENSION_B, (docs[3].0.as_str(), docs[3].1.as_str())] {
        let found = index.similar(query_title, query_body, 0.0);
        assert_eq!(found.len(), index.len(), "threshold 0 returns every document");
        for m in &found {
            let (title, body) = if m.key == 1000 { PENSION_A } else { (&*docs[m.key].0, &*docs[m.key].1) };
            let expected = similarity(query_title, query_body, title, body);
            assert!(
                (m.score - expected).abs() < 1e-9,
                "index score {} for {} must equal the pure function's {expected}",
                m.score,
                m.key
            );
        }
        assert!(found.windows(2).all(|w| w[0].score >= w[1].score), "results are best first");
    }
}

#[test]
fn thresholded_query_finds_exactly_what_brute_force_finds() {
    let (index, docs) = distractor_index(300);
    for threshold in [0.05, 0.1, 0.2, DEFAULT_THRESHOLD] {
        for q in [0, 17, 150, 299] {
            let (qt, qb) = &docs[q];
            let mut expected: Vec<usize> = (0..docs.len())
                .filter(|&i| similarity(qt, qb, &docs[i].0, &docs[i].1) >= threshold)
                .collect();
            let mut got: Vec<usize> = index.similar(qt, qb, threshold).into_iter().map(|m| m.key).collect();
            expected.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, expected, "pruning must never drop a match (threshold {threshold}, query {q})");
        }
    }
}

#[test]
fn reworded_duplicate_ranks_first_among_distractors() {
    let (mut index, _) = distractor_index(200);
    index.insert(1000, PENSION_A.0, PENSION_A.1);
    let found = index.similar(PENSION_B.0, PENSION_B.1, DEFAULT_THRESHOLD);
    assert_eq!(found.first().map(|m| m.key), Some(1000), "the reworded duplicate must come first: {found:?}");
    assert_eq!(found.len(), 1, "no generated distractor should look like the Pension Credit idea: {found:?}");
}

#[test]
fn identical_text_is_found_with_score_one() {
    let (mut index, _) = distractor_index(50);
    index.insert(1000, PENSION_A.0, PENSION_A.1);
    let found = index.similar(PENSION_A.0, PENSION_A.1, DEFAULT_THRESHOLD);
    assert_eq!(
        found.first().map(|m| (m.key, m.score)),
        Some((1000, 1.0)),
        "an indexed text finds itself at 1.0"
    );
}

#[test]
fn pairs_reports_each_pair_once_and_matches_brute_force() {
    let (mut index, mut docs) = distractor_index(120);
    index.insert(1000, PENSION_A.0, PENSION_A.1);
    index.insert(1001, PENSION_B.0, PENSION_B.1);
    index.insert(1002, PENSION_A.0, PENSION_A.1);
    let threshold = 0.15;
    let pairs = index.pairs(threshold);

    let mut seen = std::collections::HashSet::new();
    for p in &pairs {
        assert_ne!(p.a, p.b, "a document is not paired with itself");
        let key = (p.a.min(p.b), p.a.max(p.b));
        assert!(seen.insert(key), "pair {key:?} reported twice");
    }
    assert!(pairs.windows(2).all(|w| w[0].score >= w[1].score), "pairs are best first");
    assert_eq!(
        pairs.first().map(|p| (p.a, p.b, p.score)),
        Some((1000, 1002, 1.0)),
        "the identical pair comes first, a inserted before b"
    );

    docs.resize(1003, (String::new(), String::new()));
    docs[1000] = (PENSION_A.0.into(), PENSION_A.1.into());
    docs[1001] = (PENSION_B.0.into(), PENSION_B.1.into());
    docs[1002] = (PENSION_A.0.into(), PENSION_A.1.into());
    let keys: Vec<usize> = (0..120).chain(1000..1003).collect();
    let mut expected = 0;
    for (i, &a) in keys.iter().enumerate() {
        for &b in &keys[i + 1..] {
            if similarity(&docs[a].0, &docs[a].1, &docs[b].0, &docs[b].1) >= threshold {
                expected += 1;
                assert!(
                    seen.contains(&(a, b)),
                    "pair ({a}, {b}) is above the threshold but was not reported"
                );
            }
        }
    }
    assert_eq!(pairs.len(), expected, "pairs reports exactly the pairs at or above the threshold");
}

#[test]
fn remove_and_replace() {
    let mut index = SimilarityIndex::new();
    index.insert("a", PENSION_A.0, PENSION_A.1);
    index.insert("b", PENSION_B.0, PENSION_B.1);
    assert_eq!(index.len(), 2);

    index.remove(&"a");
    assert_eq!(index.len(), 1, "remove drops the document");
    let keys: Vec<&str> = index.similar(PENSION_A.0, PENSION_A.1, 0.01).into_iter().map(|m| m.key).collect();
    assert_eq!(keys, vec!["b"], "a removed document is never returned");
    index.remove(&"a");
    assert_eq!(index.len(), 1, "removing an absent key is a no-op");

    index.insert("b", "Install cycle racks", "Secure bike racks at the Croydon office.");
    assert_eq!(index.len(), 1, "inserting an existing key replaces it");
    assert!(
        index.similar(PENSION_B.0, PENSION_B.1, 0.3).is_empty(),
        "the old text of a replaced key is gone"
    );
    assert!(index.pairs(0.0).is_empty(), "one document makes no pairs");

    index.insert("c", "Install cycle racks", "Secure bike racks at the Croydon office.");
    let pairs = index.pairs(DEFAULT_THRESHOLD);
    assert_eq!(pairs.len(), 1, "a slot freed by remove is reused correctly");
    assert_eq!((pairs[0].a, pairs[0].b, pairs[0].score), ("b", "c", 1.0));

    index.remove(&"b");
    index.remove(&"c");
    assert!(index.is_empty(), "everything removed");
}

#[test]
fn empty_and_nan_thresholds() {
    let (index, _) = distractor_index(10);
    assert!(index.similar("", "", 0.1).is_empty(), "an empty query matches nothing above 0");
    assert!(index.similar(PENSION_A.0, PENSION_A.1, f64::NAN).is_empty(), "a NaN threshold matches nothing");
    assert_eq!(index.pairs(0.0).len(), 45, "threshold 0 pairs every two documents");
}
