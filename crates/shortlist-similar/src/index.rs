//! An inverted index over fingerprints that finds every document above a threshold without
//! comparing against all of them.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::hash::Hash;

use crate::fingerprint::Fingerprint;
use crate::parallel::{on_threads, threads_for};

mod bulk;

pub use bulk::best_earlier_matches;

/// Slack for floating-point error in the pruning bounds, so pruning never drops a true match.
/// Postings hold `f32` weights, each off by at most 2^-24 of itself, so a dot product of unit
/// vectors summed from them is off by less than 1e-7. Everything within the slack of the
/// threshold is rescored exactly in `f64` by [`Fingerprint::similarity`].
const F32_SLACK: f64 = 1e-5;

/// In [`SimilarityIndex::pairs`], how long (as a share of the threshold) the unindexed prefix
/// of each document may be; it must stay below 1 for the filter to be exact. Nearer 1 leaves more
/// common features out of the temporary index, so there is less to scan; the candidate bound
/// stays tight because a prefix can only meet the other document's equally common features.
/// 0.9 was fastest of 0, 0.3, 0.5, 0.75 and 0.9 in `examples/bench.rs` (about 2x faster than 0).
const PREFIX_SHARE: f64 = 0.9;

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

/// A document that might match, by its upper bound: highest bound first, then the one inserted
/// first, so ties are met in the order [`SimilarityIndex::similar`] reports them.
struct Candidate {
    bound: f64,
    seq: u64,
    slot: u32,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.bound.total_cmp(&other.bound).then(other.seq.cmp(&self.seq))
    }
}

/// The documents holding one feature: (slot, the feature's weight there).
#[derive(Debug, Clone, Default)]
struct Postings {
    docs: Vec<(u32, f32)>,
}

/// Feature ids are already hashes (FNV-1a), so the maps keyed by them only need to spread the
/// bits, not resist attack: a multiply is much cheaper than SipHash over millions of lookups.
#[derive(Default, Clone, Copy)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, id: u64) {
        let h = id.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = h ^ (h >> 29);
    }
}

type IdBuild = std::hash::BuildHasherDefault<IdHasher>;

/// Some features' lists of (slot, weight), built by one thread in [`SimilarityIndex::insert_many`].
type Shard = HashMap<u64, Vec<(u32, f32)>, IdBuild>;

fn row32(slot: usize) -> u32 {
    u32::try_from(slot).expect("fewer than 4 billion documents")
}

/// The best of `candidates` for `query` as (slot, score): scoring at least `threshold` with a
/// wording part of at least `floor`, ties to the document inserted first. `doc` gives a slot's
/// fingerprint and insertion number (`None`: a free slot).
///
/// Candidates are scored best bound first, from a heap rather than a sort: usually only the
/// first few are ever scored, because scoring stops once no bound left can reach the best.
fn best_of<'d>(
    query: &Fingerprint,
    candidates: Vec<Candidate>,
    threshold: f64,
    floor: f64,
    doc: impl Fn(u32) -> Option<(&'d Fingerprint, u64)>,
) -> Option<(u32, f64)> {
    let mut by_bound: BinaryHeap<Candidate> = candidates.into();
    let mut best: Option<(f64, u64, u32)> = None;
    while let Some(Candidate { bound, slot, .. }) = by_bound.pop() {
        let Some((print, seq)) = doc(slot) else { continue };
        if let Some((score, _, _)) = best {
            if bound < score - F32_SLACK {
                break;
            }
        }
        // The word-and-pair part first: given up on below the floor, or when even every
        // trigram could not lift it to the best found.
        let need = best.map_or(threshold, |(s, _, _)| s.max(threshold));
        let Some(score) = query.similarity_if(print, floor, need) else { continue };
        if score < threshold {
            continue;
        }
        let better = match best {
            None => true,
            Some((s, other, _)) => score > s || (score == s && seq < other),
        };
        if better {
            best = Some((score, seq, slot));
        }
    }
    best.map(|(score, _, slot)| (slot, score))
}

/// An index of many texts for finding near duplicates quickly.
///
/// Each document's [`Fingerprint`] is kept, and an inverted index maps each *word* and *word
/// pair* feature to the documents that have it (with the feature's weight there, as `f32` to
/// halve the memory read). Character trigrams are not indexed: even unrelated texts share most
/// common trigrams, so their lists would be nearly every document and walking them was most of
/// the cost of a query. Instead the trigrams' share of a score is bounded: it cannot exceed the
/// product of the two trigram blocks' lengths (Cauchy–Schwarz), about 0.35 for two ordinary
/// texts. A document is scored only if its exact word-and-pair dot product plus that bound
/// reaches the threshold, so nothing that could match is skipped.
///
/// * [`similar`](Self::similar) walks the lists of the query's word and pair features, adding up
///   every document's dot product with the query in one pass (cost: the lengths of those lists,
///   not the number of documents times the text length); documents whose bound reaches the
///   threshold are then scored exactly in `f64` with [`Fingerprint::similarity`].
/// * [`best_match`](Self::best_match) does the same but scores candidates in order of their
///   bound and stops once no bound left can reach the best score found: when an idea was sent in
///   many times, only a few of its copies are scored.
/// * [`pairs`](Self::pairs) uses prefix filtering (Bayardo et al., "Scaling up all pairs
///   similarity search", 2007): documents are visited in insertion order, each is matched against
///   a temporary index of the earlier ones, and then added to it *without* its commonest features
///   as long as those have length below 0.9 × the threshold. Since every document has length 1, two
///   documents scoring at least the threshold must share one of the features that were indexed,
///   so nothing is missed, while the long lists of common features ("ion", "data") stay short.
/// * [`best_earlier_matches`](Self::best_earlier_matches) is the near-duplicate check of a whole
///   import: for every row, the best earlier document that scores at least the threshold and
///   shares enough wording ([`crate::WORDING_FLOOR`]). It computes the wording part of every
///   pair, the commonest words as a matrix product (see the `bulk` module).
///
/// Results are exact, not approximate, and equal to [`crate::similarity`] for the two texts:
/// scores do not depend on what else is indexed (there is no corpus-wide IDF), so a flag shown
/// today is the same number tomorrow.
///
/// Invariants: every live slot's word and pair features appear in `postings` exactly once each, `by_key`
/// maps each live key to its slot, and free slots are listed in `free`.
#[derive(Debug, Clone)]
pub struct SimilarityIndex<K> {
    slots: Vec<Option<Doc<K>>>,
    /// Each slot's trigram length and insertion number, kept beside `slots` so the sweep over
    /// every document for candidates reads two dense arrays rather than every fingerprint. A free
    /// slot's length is -∞, so its bound never reaches a threshold.
    trigram_norms: Vec<f64>,
    seqs: Vec<u64>,
    free: Vec<u32>,
    by_key: HashMap<K, u32>,
    /// Word and word-pair features only; trigrams are bounded, not indexed (see the type's docs).
    postings: HashMap<u64, Postings, IdBuild>,
    next_seq: u64,
    /// Whether a freed slot was ever reused; until then every posting list is in insertion order.
    reused: bool,
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
            trigram_norms: Vec::new(),
            seqs: Vec::new(),
            free: Vec::new(),
            by_key: HashMap::new(),
            postings: HashMap::default(),
            next_seq: 0,
            reused: false,
        }
    }

    /// Adds a document, or replaces the one with the same key. Title words weigh more than body
    /// words (see [`Fingerprint`]).
    pub fn insert(&mut self, key: K, title: &str, body: &str) {
        self.insert_fingerprint(key, Fingerprint::new(title, body));
    }

    /// [`insert`](Self::insert) for a text already prepared, so a caller that also queries with
    /// it ([`best_match`](Self::best_match)) prepares it once.
    pub fn insert_fingerprint(&mut self, key: K, fingerprint: Fingerprint) {
        self.remove(&key);
        let slot = match self.free.pop() {
            Some(slot) => {
                self.reused = true;
                slot
            }
            None => {
                self.slots.push(None);
                self.trigram_norms.push(f64::NEG_INFINITY);
                self.seqs.push(0);
                u32::try_from(self.slots.len() - 1).expect("fewer than 4 billion documents")
            }
        };
        for &(id, weight) in fingerprint.lexical() {
            let list = self.postings.entry(id).or_default();
            list.docs.push((slot, weight as f32));
        }
        self.by_key.insert(key.clone(), slot);
        self.trigram_norms[slot as usize] = fingerprint.trigram_norm;
        self.seqs[slot as usize] = self.next_seq;
        self.slots[slot as usize] = Some(Doc { key, fingerprint, seq: self.next_seq });
        self.next_seq += 1;
    }

    /// [`insert_fingerprint`](Self::insert_fingerprint) for each of `docs` in order, with the
    /// same result, but the word lists of a large batch are built on all the machine's cores
    /// (each thread takes a share of the features).
    pub fn insert_many(&mut self, docs: Vec<(K, Fingerprint)>)
    where
        K: Send + Sync,
    {
        let threads = threads_for(docs.len());
        let fresh = {
            let mut seen = std::collections::HashSet::with_capacity(docs.len());
            docs.iter().all(|(key, _)| !self.by_key.contains_key(key) && seen.insert(key))
        };
        // Replacing keys or filling freed slots: one at a time, which handles both.
        if threads == 1 || !self.free.is_empty() || !fresh {
            for (key, fingerprint) in docs {
                self.insert_fingerprint(key, fingerprint);
            }
            return;
        }
        let first = self.slots.len();
        let shards: Vec<Shard> = on_threads(vec![(); threads], |t, ()| {
            let mut lists = Shard::default();
            for (i, (_, fingerprint)) in docs.iter().enumerate() {
                for &(id, weight) in fingerprint.lexical() {
                    // Ids are hashes, so their low bits share the features out evenly.
                    if id as usize % threads == t {
                        lists.entry(id).or_default().push((row32(first + i), weight as f32));
                    }
                }
            }
            lists
        });
        for shard in shards {
            for (id, docs) in shard {
                // Every slot already listed comes before these, so the lists stay in slot order.
                self.postings.entry(id).or_default().docs.extend(docs);
            }
        }
        for (i, (key, fingerprint)) in docs.into_iter().enumerate() {
            self.trigram_norms.push(fingerprint.trigram_norm);
            self.seqs.push(self.next_seq);
            self.slots.push(Some(Doc { key: key.clone(), fingerprint, seq: self.next_seq }));
            self.by_key.insert(key, row32(first + i));
            self.next_seq += 1;
        }
    }

    /// Removes the document with this key, if there is one.
    pub fn remove(&mut self, key: &K) {
        let Some(slot) = self.by_key.remove(key) else { return };
        let Some(doc) = self.slots[slot as usize].take() else { return };
        self.trigram_norms[slot as usize] = f64::NEG_INFINITY;
        for &(id, _) in doc.fingerprint.lexical() {
            if let Some(list) = self.postings.get_mut(&id) {
                list.docs.retain(|&(s, _)| s != slot);
                if list.docs.is_empty() {
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
        self.similar_to(&Fingerprint::new(title, body), threshold)
    }

    /// The first of [`similar`](Self::similar)'s results, if any: the best document scoring at
    /// least `threshold > 0` (ties to the one inserted first), with the same score.
    ///
    /// Faster than `similar` when a query has many matches (a topic sent in many times): the
    /// candidates are scored in order of their upper bound, and scoring stops once no bound
    /// left can beat or tie the best score found.
    pub fn best_match(&self, query: &Fingerprint, threshold: f64) -> Option<Match<K>> {
        if threshold.is_nan() || threshold <= 0.0 {
            // The plain path covers these edge cases with the same ordering.
            return self.similar_to(query, threshold).into_iter().next();
        }
        let candidates = self.candidates(query, threshold);
        self.best_first(query, candidates, threshold, 0.0)
    }

    /// The best of `candidates` scoring at least `threshold`, scored in order of their bound
    /// until no bound left can beat or tie the best found.
    fn best_first(
        &self,
        query: &Fingerprint,
        candidates: Vec<Candidate>,
        threshold: f64,
        floor: f64,
    ) -> Option<Match<K>> {
        let (slot, score) = best_of(query, candidates, threshold, floor, |slot| {
            self.slots[slot as usize].as_ref().map(|doc| (&doc.fingerprint, doc.seq))
        })?;
        self.slots[slot as usize].as_ref().map(|doc| Match { key: doc.key.clone(), score })
    }

    /// Each slot's dot product with the query over `lists`.
    fn walk(&self, lists: &[(f64, &Postings)]) -> Vec<f64> {
        let mut acc = vec![0.0f64; self.slots.len()];
        for &(weight, list) in lists {
            for &(slot, dw) in &list.docs {
                acc[slot as usize] += weight * f64::from(dw);
            }
        }
        acc
    }

    /// `similar` for a prepared query.
    fn similar_to(&self, query: &Fingerprint, threshold: f64) -> Vec<Match<K>> {
        if threshold.is_nan() {
            return Vec::new();
        }
        let candidates: Vec<&Doc<K>> = if threshold <= 0.0 {
            self.slots.iter().flatten().collect()
        } else {
            self.candidates(query, threshold)
                .into_iter()
                .filter_map(|c| self.slots[c.slot as usize].as_ref())
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

    /// Every document that could score at least `threshold > 0` with `query`, with an upper
    /// bound on its score: its exact dot product over words and word pairs (summed from the
    /// postings) plus the most the trigrams could add, the product of the two trigram blocks'
    /// lengths. Documents below the bound by more than the `f32` slack cannot match.
    fn candidates(&self, query: &Fingerprint, threshold: f64) -> Vec<Candidate> {
        let lists: Vec<(f64, &Postings)> =
            query.lexical().iter().filter_map(|&(id, w)| self.postings.get(&id).map(|l| (w, l))).collect();
        let acc = self.walk(&lists);
        let floor = threshold - F32_SLACK;
        let mut out = Vec::new();
        for (slot, (&dot, &norm)) in acc.iter().zip(&self.trigram_norms).enumerate() {
            let bound = dot + query.trigram_norm * norm;
            if bound >= floor {
                let slot = u32::try_from(slot).expect("fewer than 4 billion documents");
                out.push(Candidate { bound, seq: self.seqs[slot as usize], slot });
            }
        }
        out
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
            self.prefix_filtered_pairs(&docs, threshold, &mut found);
        }

        found.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        found
            .into_iter()
            .map(|(score, i, j)| Pair { a: docs[i].key.clone(), b: docs[j].key.clone(), score })
            .collect()
    }

    /// All pairs `(score, i, j)` with `i < j` and score at least `threshold > 0`, by prefix
    /// filtering over `docs` (see the type's documentation).
    fn prefix_filtered_pairs(&self, docs: &[&Doc<K>], threshold: f64, found: &mut Vec<(f64, usize, usize)>) {
        // Number the features densely, commonest first, so the loops below index arrays
        // rather than hash maps.
        let mut df: HashMap<u64, usize> = HashMap::new();
        for doc in docs {
            for &(id, _) in &doc.fingerprint.features {
                *df.entry(id).or_default() += 1;
            }
        }
        let mut by_df: Vec<(usize, u64)> = df.into_iter().map(|(id, n)| (n, id)).collect();
        by_df.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        let dense: HashMap<u64, u32> = by_df
            .iter()
            .enumerate()
            .map(|(n, &(_, id))| (id, u32::try_from(n).expect("fewer than 4 billion features")))
            .collect();

        // Earlier documents' indexed features: feature -> (document, weight).
        let mut partial_index: Vec<Vec<(u32, f32)>> = vec![Vec::new(); by_df.len()];
        // Earlier documents' unindexed prefixes, and the length of each: the most a prefix can
        // add to a dot product with a unit vector (Cauchy–Schwarz).
        let mut prefixes: Vec<Vec<(u32, f64)>> = Vec::with_capacity(docs.len());
        let mut prefix_norm: Vec<f64> = Vec::with_capacity(docs.len());
        let mut last_prefix: Vec<u32> = Vec::with_capacity(docs.len());
        // The current document as a dense vector, to finish candidates' dot products quickly.
        let mut current = vec![0.0f64; by_df.len()];
        let mut acc = vec![0.0f64; docs.len()];
        let limit = PREFIX_SHARE * threshold;

        for (j, doc) in docs.iter().enumerate() {
            let mut features: Vec<(u32, f64)> = doc
                .fingerprint
                .features
                .iter()
                .map(|&(id, w)| (*dense.get(&id).expect("every indexed feature is numbered"), w))
                .collect();
            // Commonest first; running[k] is the length of the first k + 1 features.
            features.sort_unstable_by_key(|&(f, _)| f);
            let mut sq = 0.0;
            let running: Vec<f64> = features
                .iter()
                .map(|&(_, w)| {
                    sq += w * w;
                    sq.sqrt()
                })
                .collect();
            for &(f, weight) in &features {
                current[f as usize] = weight;
                for &(i, w) in &partial_index[f as usize] {
                    acc[i as usize] += weight * f64::from(w);
                }
            }
            // Nearly every earlier document shares some feature, so sweep them all rather than
            // keep a list of those touched.
            for (i, partial) in acc[..j].iter_mut().enumerate() {
                let partial = std::mem::take(partial);
                if partial == 0.0 {
                    continue;
                }
                // The prefix is made of features no rarer than its last one, `last_prefix[i]`,
                // so it can only meet this document's features up to that one.
                let reach = features.partition_point(|&(f, _)| f <= last_prefix[i]);
                let meets = if reach == 0 { 0.0 } else { running[reach - 1] };
                if partial + prefix_norm[i] * meets < threshold - F32_SLACK {
                    continue;
                }
                let rest: f64 = prefixes[i].iter().map(|&(f, w)| w * current[f as usize]).sum();
                if partial + rest >= threshold - F32_SLACK {
                    // Rescore with the pure function so the number is exactly the same.
                    let score = docs[i].fingerprint.similarity(&doc.fingerprint);
                    if score >= threshold {
                        found.push((score, i, j));
                    }
                }
            }

            // Leave the commonest features (lowest numbers) out of the index while their length
            // stays below PREFIX_SHARE × threshold; index the rest.
            let mut prefix_sq = 0.0;
            let mut split = features.len();
            for (k, &(_, w)) in features.iter().enumerate() {
                if (prefix_sq + w * w).sqrt() >= limit {
                    split = k;
                    break;
                }
                prefix_sq += w * w;
            }
            let j32 = u32::try_from(j).expect("fewer than 4 billion documents");
            for &(f, w) in &features[split..] {
                partial_index[f as usize].push((j32, w as f32));
            }
            for &(f, _) in &features {
                current[f as usize] = 0.0;
            }
            features.truncate(split);
            last_prefix.push(features.last().map_or(0, |&(f, _)| f));
            prefixes.push(features);
            prefix_norm.push(prefix_sq.sqrt());
        }
    }
}
