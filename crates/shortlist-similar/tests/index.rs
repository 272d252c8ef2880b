//! The index: agreement with the pure measure, ranking, pairs and removal.

mod common;

use shortlist_similar::{
    best_earlier_matches, similarity, Fingerprint, SimilarityIndex, DEFAULT_THRESHOLD, WORDING_FLOOR,
};

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
    let prints: Vec<Fingerprint> = docs.iter().map(|(t, b)| Fingerprint::new(t, b)).collect();
    for threshold in [0.05, 0.1, 0.2, DEFAULT_THRESHOLD] {
        for q in [0, 17, 150, 299] {
            let expected: Vec<(usize, f64)> = (0..docs.len())
                .map(|i| (i, prints[q].similarity(&prints[i])))
                .filter(|&(_, score)| score >= threshold)
                .collect();
            let mut got: Vec<(usize, f64)> = index
                .similar(&docs[q].0, &docs[q].1, threshold)
                .into_iter()
                .map(|m| (m.key, m.score))
                .collect();
            got.sort_by_key(|&(key, _)| key);
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
    let (mut index, mut docs) = distractor_index(150);
    for (key, text) in [(1000, PENSION_A), (1001, PENSION_B), (1002, PENSION_A)] {
        index.insert(key, text.0, text.1);
        docs.push((text.0.into(), text.1.into()));
    }
    // Keys 0..150 are docs[0..150]; 1000.. are docs[150..].
    let doc_of = |key: usize| if key >= 1000 { key - 1000 + 150 } else { key };
    let prints: Vec<Fingerprint> = docs.iter().map(|(t, b)| Fingerprint::new(t, b)).collect();

    for threshold in [0.05, 0.1, 0.15, 0.3, DEFAULT_THRESHOLD] {
        let pairs = index.pairs(threshold);
        let mut seen = std::collections::HashSet::new();
        for p in &pairs {
            assert!(doc_of(p.a) < doc_of(p.b), "a is inserted before b, and never paired with itself: {p:?}");
            assert!(seen.insert((p.a, p.b)), "pair {p:?} reported twice");
            let expected = prints[doc_of(p.a)].similarity(&prints[doc_of(p.b)]);
            assert_eq!(p.score, expected, "pair scores equal the pure measure");
        }
        assert!(pairs.windows(2).all(|w| w[0].score >= w[1].score), "pairs are best first");

        let mut expected = 0;
        for i in 0..docs.len() {
            for j in i + 1..docs.len() {
                if prints[i].similarity(&prints[j]) >= threshold {
                    expected += 1;
                }
            }
        }
        assert_eq!(
            pairs.len(),
            expected,
            "prefix filtering must report exactly the pairs at or above {threshold}"
        );
        assert_eq!(
            pairs.first().map(|p| (p.a, p.b, p.score)),
            Some((1000, 1002, 1.0)),
            "the identical pair comes first, a inserted before b"
        );
    }
    let pairs = index.pairs(DEFAULT_THRESHOLD);
    assert!(
        pairs.iter().any(|p| (p.a, p.b) == (1000, 1001)),
        "the reworded Pension Credit pair is flagged at the default threshold: {pairs:?}"
    );
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

#[test]
fn best_match_is_the_first_of_similar() {
    let (mut index, docs) = distractor_index(300);
    // Copies and near copies, so that some queries have many matches to choose among.
    for (n, (title, body)) in docs.iter().take(40).enumerate() {
        index.insert(2000 + n, title, &format!("{body} Again."));
    }
    index.insert(1000, PENSION_A.0, PENSION_A.1);
    let mut queries: Vec<(String, String)> = docs.iter().step_by(7).cloned().collect();
    queries.push((PENSION_B.0.into(), PENSION_B.1.into()));
    queries.push((String::new(), String::new()));
    for threshold in [0.1, 0.3, DEFAULT_THRESHOLD, 0.9] {
        for (title, body) in &queries {
            let all = index.similar(title, body, threshold);
            let best = index.best_match(&Fingerprint::new(title, body), threshold);
            assert_eq!(
                best,
                all.first().cloned(),
                "best_match must return exactly similar()'s first result (threshold {threshold}, {title:?})"
            );
        }
    }
}

#[test]
fn best_match_breaks_ties_by_insertion_order() {
    let mut index = SimilarityIndex::new();
    index.insert("later key, inserted first", PENSION_A.0, PENSION_A.1);
    index.insert("earlier key, inserted second", PENSION_A.0, PENSION_A.1);
    let best = index.best_match(&Fingerprint::new(PENSION_A.0, PENSION_A.1), DEFAULT_THRESHOLD);
    assert_eq!(
        best.map(|m| (m.key, m.score)),
        Some(("later key, inserted first", 1.0)),
        "two identical copies tie at 1.0; the one inserted first is reported, as similar() orders them"
    );
}

#[test]
fn insert_fingerprint_is_the_same_as_insert() {
    let mut by_text = SimilarityIndex::new();
    let mut by_print = SimilarityIndex::new();
    for (key, (title, body)) in [PENSION_A, PENSION_B].into_iter().enumerate() {
        by_text.insert(key, title, body);
        by_print.insert_fingerprint(key, Fingerprint::new(title, body));
    }
    assert_eq!(
        by_text.similar(PENSION_B.0, PENSION_B.1, 0.0),
        by_print.similar(PENSION_B.0, PENSION_B.1, 0.0),
        "a prepared fingerprint indexes exactly as its text does"
    );
}

/// Near copies spread among the distractors, so that many documents have an earlier match.
fn with_copies(count: usize) -> Vec<(String, String)> {
    let mut docs = common::corpus(count, 42);
    for n in 0..count / 6 {
        let (title, body) = docs[n * 3].clone();
        docs.push((title, format!("{body} Sent again, with a line added.")));
    }
    docs.push((PENSION_A.0.into(), PENSION_A.1.into()));
    docs.push((PENSION_B.0.into(), PENSION_B.1.into()));
    docs
}

#[test]
fn best_earlier_matches_after_removals_and_for_unknown_keys() {
    let docs = with_copies(60);
    let mut index = SimilarityIndex::new();
    for (i, (title, body)) in docs.iter().enumerate() {
        index.insert(i, title, body);
    }
    // Free some slots and fill them again, so slots no longer follow insertion order.
    for i in [3, 10, 11] {
        index.remove(&i);
    }
    index.insert(1000, PENSION_B.0, PENSION_B.1);
    index.insert(1001, &docs[4].0, &docs[4].1);
    let pension_a = docs.iter().position(|d| d.0 == PENSION_A.0).expect("in the corpus");
    let pension_b = docs.iter().position(|d| d.0 == PENSION_B.0).expect("in the corpus");
    let keys = [1000, 1001, 3, pension_b];
    let got = index.best_earlier_matches(&keys, DEFAULT_THRESHOLD, WORDING_FLOOR);
    assert_eq!(got[0].as_ref().map(|m| (m.key, m.score)), Some((pension_b, 1.0)), "the same text, earlier");
    assert_eq!(got[1].as_ref().map(|m| (m.key, m.score)), Some((4, 1.0)), "a copy finds its original");
    assert_eq!(got[2], None, "a removed key has no answer");
    assert_eq!(
        got[3].as_ref().map(|m| m.key),
        Some(pension_a),
        "the reworded idea finds the earlier wording, never the identical text inserted after it"
    );
}

/// Texts of words drawn at random from a small vocabulary: all of them alike enough that the
/// cheap bound leaves many candidates, so the bulk check walks the trigram lists (the path
/// taken for an export of thousands of different ideas).
fn look_alike_corpus(count: usize) -> Vec<(String, String)> {
    const WORDS: &[&str] = &[
        "data",
        "school",
        "attendance",
        "pension",
        "credit",
        "housing",
        "flood",
        "records",
        "council",
        "health",
        "benefit",
        "matching",
        "tax",
        "income",
        "survey",
        "local",
        "service",
        "digital",
        "register",
        "transport",
        "energy",
        "waste",
        "carbon",
        "payment",
        "fraud",
        "children",
        "care",
        "hospital",
        "waiting",
        "licence",
        "vehicle",
        "border",
        "trade",
        "business",
        "statistics",
        "linking",
        "dashboard",
        "model",
        "forecast",
        "weather",
        "river",
        "planning",
        "permits",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut docs: Vec<(String, String)> = Vec::new();
    for i in 0..count {
        if i > 10 && next(10) == 0 {
            // A copy of an earlier text with a word changed: a near duplicate.
            let (title, body) = docs[next(i)].clone();
            docs.push((title, format!("{body} {}", WORDS[next(WORDS.len())])));
            continue;
        }
        let mut text = |len: usize| (0..len).map(|_| WORDS[next(WORDS.len())]).collect::<Vec<_>>().join(" ");
        docs.push((text(6), text(40)));
    }
    docs
}

/// The bulk check equals brute force under its rule (score at least the threshold, wording part
/// at least the floor, best first, ties to the earlier text), on a corpus of look-alike texts
/// (every pair shares common words, the slow case) and one with many near copies; with slots
/// reused so they no longer follow insertion order, and over 256 keys so the work is split
/// between threads where the machine has several cores.
#[test]
fn best_earlier_matches_is_exactly_brute_force() {
    let mut docs = look_alike_corpus(400);
    docs.extend(with_copies(300));
    let prints: Vec<Fingerprint> = docs.iter().map(|(title, body)| Fingerprint::new(title, body)).collect();
    // Every pair's score and wording part, once for all the rules below.
    let pair: Vec<Vec<(f64, f64)>> = (0..docs.len())
        .map(|i| {
            (0..i)
                .map(|j| (prints[i].similarity(&prints[j]), prints[i].wording_similarity(&prints[j])))
                .collect()
        })
        .collect();
    let of = |a: usize, b: usize| if a > b { pair[a][b] } else { pair[b][a] };
    let rules =
        [(DEFAULT_THRESHOLD, WORDING_FLOOR), (DEFAULT_THRESHOLD, 0.3), (0.6, 0.15), (0.3, 0.25), (0.2, 0.0)];
    let mut ruled_out = 0;
    for (threshold, floor) in rules {
        for reuse in [false, true] {
            let mut index = SimilarityIndex::new();
            let mut order: Vec<usize> = Vec::new();
            for (i, (title, body)) in docs.iter().enumerate() {
                index.insert(i, title, body);
                order.push(i);
                if reuse && i % 97 == 50 {
                    index.remove(&(i - 20));
                    order.retain(|&k| k != i - 20);
                }
                if reuse && i % 97 == 60 {
                    index.insert(i - 30, &docs[i - 30].0, &docs[i - 30].1);
                    order.retain(|&k| k != i - 30);
                    order.push(i - 30);
                }
            }
            let got = index.best_earlier_matches(&order, threshold, floor);
            if !reuse {
                // Without an index: the texts in insertion order, each key its position.
                assert_eq!(order, (0..docs.len()).collect::<Vec<_>>());
                assert_eq!(
                    best_earlier_matches(&prints, &order, threshold, floor),
                    got,
                    "at {threshold}, {floor}"
                );
            }
            let (mut matched, mut floored_out) = (0, 0);
            for (n, &key) in order.iter().enumerate() {
                let mut best: Option<(usize, f64)> = None;
                for &earlier in &order[..n] {
                    let (score, wording) = of(earlier, key);
                    if score >= threshold && (wording < floor || wording == 0.0) {
                        floored_out += 1;
                        continue;
                    }
                    if score >= threshold && best.is_none_or(|(_, s)| score > s) {
                        best = Some((earlier, score));
                    }
                }
                matched += usize::from(best.is_some());
                assert_eq!(
                    got[n].as_ref().map(|m| (m.key, m.score)),
                    best,
                    "key {key} at threshold {threshold}, floor {floor}, reuse {reuse}: the bulk answer is the best earlier text"
                );
            }
            assert!(matched > 20, "the corpus must have matches for the comparison to mean something");
            ruled_out += floored_out;
        }
    }
    assert!(ruled_out > 0, "some pairs must reach a threshold but not the floor, or the floor goes untested");
}

/// As an import asks: the register's texts first, never asked about, then the file's rows, some
/// of them asked about (the others being exact duplicates already); on one thread (under 256
/// texts) and on several.
#[test]
fn best_earlier_matches_of_some_rows_after_the_register() {
    // `with_copies` puts its near copies after the originals, so the rows hold both.
    for (register, texts) in [(40, 100), (150, 400)] {
        let docs = with_copies(texts);
        let prints: Vec<Fingerprint> =
            docs.iter().map(|(title, body)| Fingerprint::new(title, body)).collect();
        let rows = docs.len() - register;
        let asked: Vec<usize> = (register..docs.len()).filter(|i| i % 3 != 0).chain([usize::MAX]).collect();
        let got = best_earlier_matches(&prints, &asked, DEFAULT_THRESHOLD, WORDING_FLOOR);
        assert_eq!(got.len(), asked.len());
        assert_eq!(got.last(), Some(&None), "a position past the end is no text, and matches nothing");
        let mut matched = 0;
        for (&i, found) in asked.iter().zip(&got).take(asked.len() - 1) {
            let mut best: Option<(usize, f64)> = None;
            for j in 0..i {
                let score = prints[i].similarity(&prints[j]);
                let wording = prints[i].wording_similarity(&prints[j]);
                if score >= DEFAULT_THRESHOLD
                    && wording >= WORDING_FLOOR
                    && best.is_none_or(|(_, s)| score > s)
                {
                    best = Some((j, score));
                }
            }
            matched += usize::from(best.is_some());
            assert_eq!(found.as_ref().map(|m| (m.key, m.score)), best, "row {i} of {register} + {rows}");
        }
        assert!(matched > 10, "the rows must have matches for the comparison to mean something");
    }
}

#[test]
fn best_earlier_matches_with_nan_finds_nothing() {
    let docs = with_copies(30);
    let mut index = SimilarityIndex::new();
    for (i, (title, body)) in docs.iter().enumerate() {
        index.insert(i, title, body);
    }
    let keys: Vec<usize> = (0..docs.len()).collect();
    assert!(index.best_earlier_matches(&keys, DEFAULT_THRESHOLD, WORDING_FLOOR).iter().any(Option::is_some));
    assert!(index.best_earlier_matches(&keys, f64::NAN, WORDING_FLOOR).iter().all(Option::is_none));
    assert!(index.best_earlier_matches(&keys, DEFAULT_THRESHOLD, f64::NAN).iter().all(Option::is_none));
}

#[test]
fn insert_many_is_the_same_as_inserting_one_by_one() {
    // Over 256 texts, so the lists are built on several threads where the machine has cores.
    let docs = with_copies(300);
    let prints = || docs.iter().map(|(title, body)| Fingerprint::new(title, body));
    let mut one_by_one = SimilarityIndex::new();
    one_by_one.insert(9_999, "An idea already in the register", "Indexed before the batch.");
    let mut batch = one_by_one.clone();
    for (i, print) in prints().enumerate() {
        one_by_one.insert_fingerprint(i, print);
    }
    batch.insert_many(prints().enumerate().collect());
    let keys: Vec<usize> = (0..docs.len()).collect();
    assert_eq!(
        batch.best_earlier_matches(&keys, DEFAULT_THRESHOLD, WORDING_FLOOR),
        one_by_one.best_earlier_matches(&keys, DEFAULT_THRESHOLD, WORDING_FLOOR)
    );
    assert_eq!(batch.pairs(DEFAULT_THRESHOLD), one_by_one.pairs(DEFAULT_THRESHOLD));
    for (title, body) in docs.iter().step_by(37) {
        assert_eq!(batch.similar(title, body, 0.1), one_by_one.similar(title, body, 0.1));
    }
    // A batch that repeats a key replaces, as one insert after another would.
    let mut again = batch.clone();
    let (first, second) = (
        ("Chargers for the pool cars", "Fit them at every depot."),
        ("Glass recycling at the Leeds office", "Bins on each floor."),
    );
    again.insert_many(vec![
        (3, Fingerprint::new(first.0, first.1)),
        (3, Fingerprint::new(second.0, second.1)),
    ]);
    assert_eq!(again.len(), batch.len());
    assert_eq!(again.similar(second.0, second.1, 0.99).first().map(|m| m.key), Some(3));
    assert!(again.similar(first.0, first.1, 0.99).is_empty(), "the first text was replaced");
}
