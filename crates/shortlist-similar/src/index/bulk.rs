//! The near-duplicate check of a whole import at once: every row against those before it.
//!
//! A near duplicate must score at least the threshold *and* share wording: its word-and-pair
//! part ([`crate::Fingerprint::wording_similarity`]) must reach a floor. That rule is what makes
//! the check both exact and fast. The wording part of *every* pair is computed, not bounded:
//!
//! * the commonest words and pairs (those in at least an eighth of the documents, at most
//!   [`DENSE_MAX`] of them) as one matrix product, `D · Dᵀ`, where `D` holds each document's
//!   weights for them (the product runs on the machine's vector units, many pairs at once);
//! * every other word and pair through its list of documents, which is short because the
//!   feature is not common.
//!
//! Their sum is the exact wording part (up to `f32` rounding, which [`SLACK`] covers). Only pairs
//! at or above the floor, and whose wording part plus the most the character trigrams could add
//! (the product of the two trigram lengths, Cauchy–Schwarz) reaches the threshold, are scored,
//! with the same function as [`crate::similarity`], best bound first.
//!
//! The matrix and the lists are built straight from the fingerprints, on every core: each thread
//! takes the features whose ids fall to it, counts the documents that have each, then lists
//! them. So an import needs no [`SimilarityIndex`] (whose own lists, one per feature including
//! the many word pairs only one text has, took as long to build as the check's).
//!
//! Walking lists alone was the slow part: in an export of thousands of different ideas the
//! commonest words are in most of them, and a list of length `n` costs `n²/2` steps. A matrix
//! product does the same sums as dense arithmetic, about two orders of magnitude faster per
//! step, so a feature is worth putting in the matrix once about an eighth of the documents
//! have it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::Hash;

use ndarray::{Array2, Axis, Slice};

use super::{best_of, row32, Candidate, IdBuild, Match, SimilarityIndex};
use crate::fingerprint::Fingerprint;
use crate::parallel::{on_threads, threads_for};

/// Slack for `f32` rounding in the computed wording parts: a sum of at most a few hundred
/// products of weights below 1, each rounded to `f32`, is off by well under 1e-5, so nothing
/// within this of the floor or threshold is left out. Pairs within it are scored exactly in `f64`.
const SLACK: f64 = 1e-4;

/// A feature goes in the matrix when at least `1 / DENSE_SHARE` of the documents have it...
const DENSE_SHARE: usize = 8;
/// ...and the matrix has at most this many columns (the commonest features).
const DENSE_MAX: usize = 256;

/// How many queries share one matrix product: enough for the product to run at full speed,
/// few enough that the block of results (this many rows of one `f32` per document) stays small.
const BLOCK: usize = 128;

/// For each of `queries` (positions in `prints`), the best near duplicate among the documents
/// *before* it in `prints`: the best scoring at least `threshold` whose wording part
/// ([`Fingerprint::wording_similarity`]) is at least `floor`, ties to the earliest; its key is
/// its position. `None` for a query with no such document, or past the end of `prints`. A
/// `floor` of 0 or less still asks for some shared word or word pair; a NaN threshold or floor
/// finds nothing.
///
/// The near-duplicate check of a whole import at once, without an index to keep: put the
/// register's texts first and the file's rows after them in order, and ask for the rows. The
/// same results as [`SimilarityIndex::best_earlier_matches`] over those documents inserted in
/// that order, without building the index's word lists, which the check does not use.
pub fn best_earlier_matches(
    prints: &[Fingerprint],
    queries: &[usize],
    threshold: f64,
    floor: f64,
) -> Vec<Option<Match<usize>>> {
    let corpus = Corpus {
        prints: prints.iter().map(Some).collect(),
        seqs: Cow::Owned((0..prints.len() as u64).collect()),
        trigram_norms: Cow::Owned(prints.iter().map(|p| p.trigram_norm).collect()),
        reused: false,
    };
    let slots: Vec<Option<u32>> = queries.iter().map(|&q| (q < prints.len()).then(|| row32(q))).collect();
    corpus
        .best_earlier(&slots, threshold, floor)
        .into_iter()
        .map(|found| found.map(|(slot, score)| Match { key: slot as usize, score }))
        .collect()
}

impl<K: Clone + Eq + Hash> SimilarityIndex<K> {
    /// For each of `keys` (all indexed), the best near duplicate among the documents inserted
    /// before it: the best scoring at least `threshold` whose wording part
    /// ([`crate::Fingerprint::wording_similarity`]) is at least `floor`, ties to the one inserted
    /// first. `None` for a key with no such document, or not indexed. A `floor` of 0 or less
    /// still asks for some shared word or word pair; a NaN threshold or floor finds nothing.
    ///
    /// The comparisons run in blocks spread over the machine's cores (the index is only read,
    /// so they are independent). Exact for that rule: the module documentation says how. An
    /// import that needs nothing else of an index calls [`best_earlier_matches`] instead.
    pub fn best_earlier_matches(&self, keys: &[K], threshold: f64, floor: f64) -> Vec<Option<Match<K>>>
    where
        K: Send + Sync,
    {
        let corpus = Corpus {
            prints: self.slots.iter().map(|slot| slot.as_ref().map(|doc| &doc.fingerprint)).collect(),
            seqs: Cow::Borrowed(&self.seqs),
            trigram_norms: Cow::Borrowed(&self.trigram_norms),
            reused: self.reused,
        };
        let slots: Vec<Option<u32>> = keys.iter().map(|key| self.by_key.get(key).copied()).collect();
        corpus
            .best_earlier(&slots, threshold, floor)
            .into_iter()
            .map(|found| {
                let (slot, score) = found?;
                self.slots[slot as usize].as_ref().map(|doc| Match { key: doc.key.clone(), score })
            })
            .collect()
    }
}

/// The documents the check compares, by slot.
struct Corpus<'a> {
    /// Each slot's fingerprint; `None` for a free slot of an index.
    prints: Vec<Option<&'a Fingerprint>>,
    /// Each slot's insertion number: a query is compared with the documents numbered before it.
    seqs: Cow<'a, [u64]>,
    /// Each slot's trigram length; -∞ for a free slot, so its bound never reaches a threshold.
    trigram_norms: Cow<'a, [f64]>,
    /// Whether a freed slot was reused, so that slots are no longer in insertion order.
    reused: bool,
}

/// A feature's number in a [`Shard`]: `DENSE | column` for a column of the matrix, [`ALONE`]
/// for a feature only one document has (it adds to no pair), otherwise its list in the shard.
const DENSE: u32 = 1 << 31;
const ALONE: u32 = u32::MAX;

/// The features whose ids fall to one thread (ids are hashes, so their low bits share them out
/// evenly), with the lists of the documents that have the less common ones.
struct Shard {
    /// Per list: the (slot, weight) of each document with the feature, in slot order.
    lists: Vec<Vec<(u32, f32)>>,
    /// Where each slot's entries start in `entries`; one more at the end.
    starts: Vec<u32>,
    /// Each slot's listed features as (list, weight, where the slot is in the list): the
    /// documents in slots before it are the list up to there.
    entries: Vec<(u32, f32, u32)>,
    /// The shard's common features as (slot, column, weight), for the matrix.
    common: Vec<(u32, u32, f32)>,
}

/// Every document's word and pair features split for the check.
struct WordingIndex {
    /// Row per slot: the weights of the commonest features (zeros for a free slot).
    dense: Array2<f32>,
    /// The other shared features, by thread that built them.
    shards: Vec<Shard>,
    /// The longest trigram block of any document.
    longest_trigrams: f64,
}

impl WordingIndex {
    fn of(corpus: &Corpus<'_>) -> WordingIndex {
        let live = corpus.prints.iter().flatten().count();
        let threads = threads_for(live);
        let mine = |id: u64, t: usize| (id % threads as u64) as usize == t;

        // First each thread counts, for its features, how many documents have each.
        let counts: Vec<HashMap<u64, u32, IdBuild>> = on_threads(vec![(); threads], |t, ()| {
            let mut df: HashMap<u64, u32, IdBuild> = HashMap::default();
            for print in corpus.prints.iter().flatten() {
                for &(id, _) in print.lexical() {
                    if mine(id, t) {
                        *df.entry(id).or_insert(0) += 1;
                    }
                }
            }
            df
        });
        // The commonest features of all become the matrix's columns, commonest first.
        let mut common: Vec<(u32, u64)> = counts
            .iter()
            .flat_map(|df| df.iter())
            .filter(|&(_, &n)| n > 1 && n as usize * DENSE_SHARE >= live.max(1))
            .map(|(&id, &n)| (n, id))
            .collect();
        common.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        common.truncate(DENSE_MAX);
        let columns: HashMap<u64, u32, IdBuild> =
            common.iter().enumerate().map(|(c, &(_, id))| (id, row32(c))).collect();

        // Then each numbers its features and lists which documents have the less common ones.
        let slots = corpus.prints.len();
        let shards: Vec<Shard> = on_threads(counts, |t, mut number| {
            let mut lists_len = 0u32;
            for (id, n) in number.iter_mut() {
                *n = match columns.get(id) {
                    Some(&c) => DENSE | c,
                    None if *n > 1 => {
                        assert!(lists_len < DENSE, "fewer than 2 billion shared features");
                        lists_len += 1;
                        lists_len - 1
                    }
                    None => ALONE,
                };
            }
            let mut shard = Shard {
                lists: vec![Vec::new(); lists_len as usize],
                starts: Vec::with_capacity(slots + 1),
                entries: Vec::new(),
                common: Vec::new(),
            };
            for (slot, print) in corpus.prints.iter().enumerate() {
                shard.starts.push(row32(shard.entries.len()));
                let Some(print) = print else { continue };
                for &(id, w) in print.lexical() {
                    if !mine(id, t) {
                        continue;
                    }
                    match number.get(&id).copied().unwrap_or(ALONE) {
                        ALONE => {}
                        n if n & DENSE != 0 => shard.common.push((row32(slot), n & !DENSE, w as f32)),
                        n => {
                            let list = &mut shard.lists[n as usize];
                            shard.entries.push((n, w as f32, row32(list.len())));
                            list.push((row32(slot), w as f32));
                        }
                    }
                }
            }
            shard.starts.push(row32(shard.entries.len()));
            shard
        });

        let mut dense = Array2::<f32>::zeros((slots, common.len()));
        for &(slot, column, w) in shards.iter().flat_map(|shard| &shard.common) {
            dense[[slot as usize, column as usize]] = w;
        }
        let longest_trigrams = corpus.trigram_norms.iter().copied().fold(0.0, f64::max);
        WordingIndex { dense, shards, longest_trigrams }
    }
}

/// Scratch space of one thread: a block of queries' dense weights, the block's products with
/// every document, and one query's sums over the sparse lists.
struct Scratch {
    queries: Array2<f32>,
    products: Array2<f32>,
    acc: Vec<f32>,
}

impl Corpus<'_> {
    /// For each query slot (`None`: not a document), the best match's slot and score among the
    /// documents inserted before it: what both `best_earlier_matches` return.
    fn best_earlier(&self, slots: &[Option<u32>], threshold: f64, floor: f64) -> Vec<Option<(u32, f64)>> {
        if threshold.is_nan() || floor.is_nan() {
            return vec![None; slots.len()];
        }
        let floor = floor.max(f64::MIN_POSITIVE);
        let wording = WordingIndex::of(self);
        let blocks: Vec<(usize, &[Option<u32>])> =
            slots.chunks(BLOCK).enumerate().map(|(b, chunk)| (b * BLOCK, chunk)).collect();
        let scratch = || Scratch {
            queries: Array2::zeros((BLOCK, wording.dense.ncols())),
            products: Array2::zeros((BLOCK, self.prints.len())),
            acc: vec![0.0; self.prints.len()],
        };
        let run = |(start, block): &(usize, &[Option<u32>]), scratch: &mut Scratch| {
            self.block_best_before(block, threshold, floor, &wording, scratch)
                .into_iter()
                .enumerate()
                .map(|(i, found)| (start + i, found))
                .collect::<Vec<_>>()
        };
        let threads = threads_for(slots.len());
        // Interleaved, because later blocks have more before them to compare with.
        let found = on_threads(vec![(); threads], |t, ()| {
            let mut own = scratch();
            blocks.iter().skip(t).step_by(threads).flat_map(|block| run(block, &mut own)).collect::<Vec<_>>()
        });
        let mut out: Vec<Option<(u32, f64)>> = vec![None; slots.len()];
        for (i, best) in found.into_iter().flatten() {
            out[i] = best;
        }
        out
    }

    /// [`best_earlier`](Self::best_earlier) for a block of at most [`BLOCK`] queries.
    fn block_best_before(
        &self,
        block: &[Option<u32>],
        threshold: f64,
        floor: f64,
        wording: &WordingIndex,
        scratch: &mut Scratch,
    ) -> Vec<Option<(u32, f64)>> {
        // Until a slot is reused, slots follow insertion order, so only documents in slots
        // before a query's can be earlier; after, every slot is compared and later ones dropped.
        let end_of = |slot: u32| if self.reused { self.prints.len() } else { slot as usize };
        let columns = block.iter().flatten().map(|&slot| end_of(slot)).max().unwrap_or(0);
        let rows = block.len();
        for (row, slot) in block.iter().enumerate() {
            let mut to = scratch.queries.row_mut(row);
            match slot {
                Some(slot) => to.assign(&wording.dense.row(*slot as usize)),
                None => to.fill(0.0),
            }
        }
        // (The `s!` macro would be shorter, but it allows unsafe code, which this crate forbids.)
        let mut products = scratch.products.slice_axis_mut(Axis(0), Slice::from(..rows));
        let mut products = products.slice_axis_mut(Axis(1), Slice::from(..columns));
        ndarray::linalg::general_mat_mul(
            1.0,
            &scratch.queries.slice_axis(Axis(0), Slice::from(..rows)),
            &wording.dense.slice_axis(Axis(0), Slice::from(..columns)).t(),
            0.0,
            &mut products,
        );

        block
            .iter()
            .enumerate()
            .map(|(row, slot)| {
                let slot = (*slot)?;
                let x = slot as usize;
                let query = self.prints[x]?;
                let seq = self.seqs[x];
                let end = end_of(slot);
                let acc = &mut scratch.acc;
                for shard in &wording.shards {
                    let entries = &shard.entries[shard.starts[x] as usize..shard.starts[x + 1] as usize];
                    for &(n, weight, at) in entries {
                        let list = &shard.lists[n as usize];
                        let earlier = if self.reused { list.len() } else { at as usize };
                        for &(s, w) in &list[..earlier] {
                            acc[s as usize] += weight * w;
                        }
                    }
                }
                // One cheap test in `f32` for the sweep over every earlier document (most fail
                // it): at least the floor, and enough for the threshold with the longest trigrams.
                let cut =
                    (floor - SLACK).max(threshold - SLACK - query.trigram_norm * wording.longest_trigrams);
                let cut = cut as f32 - f32::EPSILON;
                let mut candidates = Vec::new();
                for (s, (dense, sparse)) in products.row(row).iter().zip(acc[..end].iter_mut()).enumerate() {
                    let shared = *dense + std::mem::take(sparse);
                    if shared < cut || (self.reused && self.seqs[s] >= seq) {
                        continue;
                    }
                    let shared = f64::from(shared);
                    // A free slot's trigram length is -∞, so it never passes.
                    let bound = shared + query.trigram_norm * self.trigram_norms[s];
                    if shared >= floor - SLACK && bound >= threshold - SLACK {
                        candidates.push(Candidate {
                            bound: bound + SLACK,
                            seq: self.seqs[s],
                            slot: row32(s),
                        });
                    }
                }
                best_of(query, candidates, threshold, floor, |slot| {
                    self.prints[slot as usize].map(|print| (print, self.seqs[slot as usize]))
                })
            })
            .collect()
    }
}
