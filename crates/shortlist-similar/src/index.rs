//! An inverted index over fingerprints that finds every document above a threshold without
//! comparing against all of them.

use std::collections::HashMap;
use std::hash::Hash;

use crate::fingerprint::Fingerprint;

/// Slack for floating-point error in the pruning bounds, so pruning never drops a true match.
const BOUND_SLACK: f64 = 1e-9;

/// Slack for the `f32` weights in the postings: each is off by at most 2^-24 of itself, so a dot
/// product of unit vectors summed from them is off by far less than this. Documents within it of
/// the threshold are rescored exactly.
const F32_SLACK: f64 = 1e-5;

/// In [`SimilarityIndex::pairs`], how long (as a share of the threshold) the unindexed prefix
/// of each document may be. Nearer 1 leaves more common features out of the temporary index
/// (shorter lists), nearer 0 prunes candidates harder (a candidate needs a partial score of
/// `threshold - prefix length`); measured with `examples/bench.rs`.
const PREFIX_SHARE: f64 = 0.75;

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

/// The documents holding one feature: (slot, the feature's weight there).
type Postings = Vec<(u32, f32)>;

/// An index of many texts for finding near duplicates quickly.
///
/// Each document's [`Fingerprint`] is kept, and an inverted index maps each feature to the
/// documents that have it (with the feature's weight there, as `f32` to halve the memory read).
///
/// * [`similar`](Self::similar) walks the lists of the query's features, adding up every
///   document's dot product with the query in one pass (cost: the lengths of those lists, not
///   the number of documents times the text length); documents within a hair of the threshold
///   are then scored exactly in `f64` with [`Fingerprint::similarity`].
/// * [`pairs`](Self::pairs) uses prefix filtering (Bayardo et al., "Scaling up all pairs
///   similarity search", 2007): documents are visited in insertion order, each is matched against
///   a temporary index of the earlier ones, and then added to it *without* its commonest features
///   as long as those have length below the threshold. Since every document has length 1, two
///   documents scoring at least the threshold must share one of the features that were indexed,
///   so nothing is missed, while the long lists of common features ("ion", "data") stay short.
///
/// Results are exact, not approximate, and equal to [`crate::similarity`] for the two texts:
/// scores do not depend on what else is indexed (there is no corpus-wide IDF), so a flag shown
/// today is the same number tomorrow.
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
            self.postings.entry(id).or_default().push((slot, weight as f32));
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
                list.retain(|&(s, _)| s != slot);
                if list.is_empty() {
                    self.postings.remove(&id);
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
        if threshold.is_nan() {
            return Vec::new();
        }
        let query = Fingerprint::new(title, body);
        let candidates: Vec<&Doc<K>> = if threshold <= 0.0 {
            // Every document qualifies, even those sharing nothing with the query.
            self.slots.iter().flatten().collect()
        } else {
            let mut acc = vec![0.0f64; self.slots.len()];
            for &(id, weight) in &query.features {
                for &(slot, dw) in self.postings.get(&id).map_or(&[][..], Vec::as_slice) {
                    acc[slot as usize] += weight * f64::from(dw);
                }
            }
            acc.iter()
                .zip(&self.slots)
                .filter(|(&dot, _)| dot >= threshold - F32_SLACK)
                .filter_map(|(_, doc)| doc.as_ref())
                .collect()
        };
        let mut found: Vec<(f64, u64, &Doc<K>)> = candidates
            .into_iter()
            .map(|doc| (query.similarity(&doc.fingerprint), doc.seq, doc))
            .filter(|&(score, _, _)| score >= threshold)
            .collect();
        found.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        found.into_iter().map(|(score, _, doc)| Match { key: doc.key.clone(), score }).collect()
    }

    /// Every pair of indexed documents scoring at least `threshold`, each pair once with `a`
    /// inserted before `b`, best first (ties by `a`'s then `b`'s insertion order). A threshold
    /// of 0 or less pairs every two documents; a NaN threshold returns none.
    pub fn pairs(&self, threshold: f64) -> Vec<Pair<K>> {
        let mut docs: Vec<&Doc<K>> = self.slots.iter().flatten().collect();
        docs.sort_by_key(|doc| doc.seq);
        let mut found: Vec<(f64, usize, usize)> = Vec::new();

        if threshold.is_nan() {
            return Vec::new();
        } else if threshold <= 0.0 {
            for (i, a) in docs.iter().enumerate() {
                for (j, b) in docs.iter().enumerate().skip(i + 1) {
                    found.push((a.fingerprint.similarity(&b.fingerprint), i, j));
                }
            }
        } else {
            // Features of earlier documents, minus each one's unindexed prefix: feature -> (doc, weight).
            let mut partial_index: HashMap<u64, Vec<(usize, f64)>> = HashMap::new();
            // Length of each earlier document's unindexed prefix: the most it can add beyond what
            // the partial index accounts for (Cauchy–Schwarz against a unit vector).
            let mut prefix_norm: Vec<f64> = Vec::with_capacity(docs.len());
            let mut acc = vec![0.0f64; docs.len()];
            let mut touched: Vec<usize> = Vec::new();
            let mut by_commonness: Vec<(usize, u64, f64)> = Vec::new();

            for (j, doc) in docs.iter().enumerate() {
                for &(id, weight) in &doc.fingerprint.features {
                    for &(i, w) in partial_index.get(&id).map_or(&[][..], Vec::as_slice) {
                        if acc[i] == 0.0 {
                            touched.push(i);
                        }
                        acc[i] += weight * w;
                    }
                }
                touched.sort_unstable();
                for &i in &touched {
                    let partial = std::mem::take(&mut acc[i]);
                    if partial + prefix_norm[i] >= threshold - BOUND_SLACK {
                        let score = docs[i].fingerprint.similarity(&doc.fingerprint);
                        if score >= threshold {
                            found.push((score, i, j));
                        }
                    }
                }
                touched.clear();

                // Leave out the commonest features while their length stays below
                // PREFIX_SHARE × threshold; index the rest.
                by_commonness.clear();
                by_commonness.extend(
                    doc.fingerprint
                        .features
                        .iter()
                        .map(|&(id, w)| (self.postings.get(&id).map_or(0, Vec::len), id, w)),
                );
                by_commonness.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
                let limit = PREFIX_SHARE * threshold;
                let mut prefix_sq = 0.0;
                let mut rest = by_commonness.len();
                for (k, &(_, _, w)) in by_commonness.iter().enumerate() {
                    if (prefix_sq + w * w).sqrt() >= limit {
                        rest = k;
                        break;
                    }
                    prefix_sq += w * w;
                }
                prefix_norm.push(prefix_sq.sqrt());
                for &(_, id, w) in &by_commonness[rest..] {
                    partial_index.entry(id).or_default().push((j, w));
                }
            }
        }

        found.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        found
            .into_iter()
            .map(|(score, i, j)| Pair { a: docs[i].key.clone(), b: docs[j].key.clone(), score })
            .collect()
    }
}
