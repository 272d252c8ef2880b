//! An inverted index over fingerprints that finds every document above a threshold without
//! comparing against all of them.

use std::collections::HashMap;
use std::hash::Hash;

use crate::fingerprint::Fingerprint;

/// Slack for floating-point error in the pruning bounds, so pruning never drops a true match.
const BOUND_SLACK: f64 = 1e-9;

/// One document found by [`SimilarityIndex::similar`].
#[derive(Debug, Clone, PartialEq)]
pub struct Match<K> {
    /// The caller's id of the document.
    pub key: K,
    /// Similarity in `0.0..=1.0`, the same number [`crate::similarity`] gives for the two texts.
    pub score: f64,
}

/// Two indexed documents found by [`SimilarityIndex::pairs`].
#[derive(Debug, Clone, PartialEq)]
pub struct Pair<K> {
    /// The document inserted first.
    pub a: K,
    /// The document inserted later.
    pub b: K,
    /// Similarity in `0.0..=1.0`, the same number [`crate::similarity`] gives for the two texts.
    pub score: f64,
}

#[derive(Debug, Clone)]
struct Doc<K> {
    key: K,
    fingerprint: Fingerprint,
    /// Insertion order; a replaced document takes a new, later number.
    seq: u64,
}

/// The documents holding one feature, and the largest weight it has in any of them.
#[derive(Debug, Clone, Default)]
struct Postings {
    entries: Vec<(u32, f64)>,
    max_weight: f64,
}

/// An index of many texts for finding near duplicates quickly.
///
/// Each document's [`Fingerprint`] is kept, and an inverted index maps each feature to the
/// documents that have it. A query looks at its features from the rarest to the commonest,
/// collecting candidates, and stops collecting once the features left could not, even added
/// together at their largest weights, lift an unseen document to the threshold. Candidates are
/// then pruned by the same bound and scored exactly with [`Fingerprint::similarity`], so the
/// index returns exactly what comparing against every document would, only faster.
///
/// Scores do not depend on what else is indexed (there is no corpus-wide IDF), so a flag shown
/// today is the same number tomorrow and equals [`crate::similarity`] for the two texts.
///
/// Invariants: every live slot's features appear in `postings` exactly once each, `by_key`
/// maps each live key to its slot, and free slots are listed in `free`.
#[derive(Debug, Clone)]
pub struct SimilarityIndex<K> {
    slots: Vec<Option<Doc<K>>>,
    free: Vec<u32>,
    by_key: HashMap<K, u32>,
    postings: HashMap<u64, Postings>,
    next_seq: u64,
}

impl<K: Clone + Eq + Hash> Default for SimilarityIndex<K> {
    fn default() -> Self {
        Self::new()
    }
}

/// Reusable buffers for one query: a score accumulator per slot and the slots touched.
struct Scratch {
    acc: Vec<f64>,
    touched: Vec<u32>,
}

impl<K: Clone + Eq + Hash> SimilarityIndex<K> {
    /// An empty index.
    pub fn new() -> Self {
        SimilarityIndex {
            slots: Vec::new(),
            free: Vec::new(),
            by_key: HashMap::new(),
            postings: HashMap::new(),
            next_seq: 0,
        }
    }

    /// Adds a document, or replaces the one with the same key. Title words weigh more than body
    /// words (see [`Fingerprint`]).
    pub fn insert(&mut self, key: K, title: &str, body: &str) {
        self.remove(&key);
        let fingerprint = Fingerprint::new(title, body);
        let slot = match self.free.pop() {
            Some(slot) => slot,
            None => {
                self.slots.push(None);
                u32::try_from(self.slots.len() - 1).expect("fewer than 4 billion documents")
            }
        };
        for &(id, weight) in &fingerprint.features {
            let list = self.postings.entry(id).or_default();
            list.entries.push((slot, weight));
            list.max_weight = list.max_weight.max(weight);
        }
        self.by_key.insert(key.clone(), slot);
        self.slots[slot as usize] = Some(Doc { key, fingerprint, seq: self.next_seq });
        self.next_seq += 1;
    }

    /// Removes the document with this key, if there is one.
    pub fn remove(&mut self, key: &K) {
        let Some(slot) = self.by_key.remove(key) else { return };
        let Some(doc) = self.slots[slot as usize].take() else { return };
        for &(id, _) in &doc.fingerprint.features {
            if let Some(list) = self.postings.get_mut(&id) {
                list.entries.retain(|&(s, _)| s != slot);
                if list.entries.is_empty() {
                    self.postings.remove(&id);
                } else {
                    list.max_weight = list.entries.iter().map(|&(_, w)| w).fold(0.0, f64::max);
                }
            }
        }
        self.free.push(slot);
    }

    /// How many documents are indexed.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// Documents whose similarity to `(title, body)` is at least `threshold`, best first (ties
    /// in insertion order). Nothing is excluded: if the text is itself indexed it comes back
    /// with score 1.0, and the caller drops its own key. A threshold of 0 or less returns every
    /// document; a NaN threshold returns none.
    pub fn similar(&self, title: &str, body: &str, threshold: f64) -> Vec<Match<K>> {
        let query = Fingerprint::new(title, body);
        let mut scratch = self.scratch();
        let mut found: Vec<(f64, u64, &Doc<K>)> = self
            .candidates(&query, threshold, None, &mut scratch)
            .into_iter()
            .filter_map(|doc| {
                let score = query.similarity(&doc.fingerprint);
                (score >= threshold).then_some((score, doc.seq, doc))
            })
            .collect();
        found.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        found.into_iter().map(|(score, _, doc)| Match { key: doc.key.clone(), score }).collect()
    }

    /// Every pair of indexed documents scoring at least `threshold`, each pair once with `a`
    /// inserted before `b`, best first (ties by `a`'s then `b`'s insertion order).
    pub fn pairs(&self, threshold: f64) -> Vec<Pair<K>> {
        let mut scratch = self.scratch();
        let mut found: Vec<(f64, u64, u64, &Doc<K>, &Doc<K>)> = Vec::new();
        for doc in self.slots.iter().flatten() {
            for other in self.candidates(&doc.fingerprint, threshold, Some(doc.seq), &mut scratch) {
                let score = doc.fingerprint.similarity(&other.fingerprint);
                if score >= threshold {
                    found.push((score, doc.seq, other.seq, doc, other));
                }
            }
        }
        found.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        found.into_iter().map(|(score, _, _, a, b)| Pair { a: a.key.clone(), b: b.key.clone(), score }).collect()
    }

    fn scratch(&self) -> Scratch {
        Scratch { acc: vec![0.0; self.slots.len()], touched: Vec::new() }
    }

    /// Documents that may score at least `threshold` against `query` (a superset of those that
    /// do), in slot order. With `after_seq`, only documents inserted after that one.
    fn candidates<'a>(
        &'a self,
        query: &Fingerprint,
        threshold: f64,
        after_seq: Option<u64>,
        scratch: &mut Scratch,
    ) -> Vec<&'a Doc<K>> {
        let live = |slot: u32| -> Option<&'a Doc<K>> {
            self.slots[slot as usize].as_ref().filter(|doc| after_seq.is_none_or(|seq| doc.seq > seq))
        };
        if threshold.is_nan() || query.is_empty() && threshold > 0.0 {
            return Vec::new();
        }
        if threshold <= 0.0 {
            // Every document qualifies, even those sharing nothing with the query.
            return (0..self.slots.len()).filter_map(|s| live(s as u32)).collect();
        }

        // The query's features that some document has, rarest first (ties by id, for a stable order).
        let mut features: Vec<(u64, f64, &Postings)> = query
            .features
            .iter()
            .filter_map(|&(id, w)| self.postings.get(&id).map(|list| (id, w, list)))
            .collect();
        features.sort_unstable_by_key(|&(id, _, list)| (list.entries.len(), id));

        // bound[i]: the most that features i.. can add to any document's score. Two bounds hold,
        // and we take the smaller: sum of query weight × largest weight in the index, and (since
        // documents have unit length) the length of the rest of the query (Cauchy–Schwarz).
        let mut bound = vec![0.0; features.len() + 1];
        let (mut by_max, mut sq) = (0.0, 0.0);
        for i in (0..features.len()).rev() {
            let (_, w, list) = features[i];
            by_max += w * list.max_weight;
            sq += w * w;
            bound[i] = f64::min(by_max, f64::sqrt(sq));
        }

        // Collect candidates from the rare features while an unseen document could still reach
        // the threshold through the features left.
        let mut split = features.len();
        for (i, &(_, w, list)) in features.iter().enumerate() {
            if bound[i] < threshold - BOUND_SLACK {
                split = i;
                break;
            }
            for &(slot, dw) in &list.entries {
                let acc = &mut scratch.acc[slot as usize];
                if *acc == 0.0 {
                    scratch.touched.push(slot);
                }
                *acc += w * dw;
            }
        }

        scratch.touched.sort_unstable();
        let mut out = Vec::new();
        for &slot in &scratch.touched {
            let partial = std::mem::take(&mut scratch.acc[slot as usize]);
            let Some(doc) = live(slot) else { continue };
            if partial + bound[split] < threshold - BOUND_SLACK {
                continue;
            }
            // A tighter check before the full merge: add the features left, looked up one by one,
            // only when they are few (the full score is computed by the caller anyway).
            if features.len() - split <= 8 {
                let rest: f64 = features[split..].iter().map(|&(id, w, _)| w * doc.fingerprint.weight(id)).sum();
                if partial + rest < threshold - BOUND_SLACK {
                    continue;
                }
            }
            out.push(doc);
        }
        scratch.touched.clear();
        out
    }
}
