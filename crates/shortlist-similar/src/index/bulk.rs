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
//! Walking lists alone was the slow part: in an export of thousands of different ideas the
//! commonest words are in most of them, and a list of length `n` costs `n²/2` steps. A matrix
//! product does the same sums as dense arithmetic, about two orders of magnitude faster per
//! step, so a feature is worth putting in the matrix once about an eighth of the documents
//! have it.

use std::collections::HashMap;
use std::hash::Hash;

use ndarray::{Array2, Axis, Slice};

use super::{row32, Candidate, IdBuild, Match, SimilarityIndex, MAX_THREADS, PARALLEL_FROM};

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

/// Every document's word and pair features split for [`SimilarityIndex::best_earlier_matches`].
struct WordingIndex {
    /// Row per slot: the weights of the commonest features (zeros for a free slot).
    dense: Array2<f32>,
    /// Per slot: its other shared features as (number, weight, where the slot is in the
    /// feature's list): the documents in slots before it are the list up to there.
    sparse: Vec<Vec<(u32, f32, u32)>>,
    /// Sparse feature number -> (slot, weight) of the documents that have it, in slot order.
    lists: Vec<Vec<(u32, f32)>>,
    /// The longest trigram block of any document.
    longest_trigrams: f64,
}

impl WordingIndex {
    fn of<K>(index: &SimilarityIndex<K>) -> WordingIndex {
        // The index's own word and pair lists give each feature's document count. A feature only
        // one document has adds to no pair, so it is left out.
        let mut by_df: Vec<(usize, u64)> = index
            .postings
            .iter()
            .filter(|(_, list)| list.docs.len() > 1)
            .map(|(&id, list)| (list.docs.len(), id))
            .collect();
        by_df.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        let live = index.by_key.len();
        let dense_len =
            by_df.iter().take(DENSE_MAX).take_while(|&&(df, _)| df * DENSE_SHARE >= live.max(1)).count();
        // Dense features are numbered 0.., sparse ones 0.. in their own lists.
        let number: HashMap<u64, usize, IdBuild> =
            by_df.iter().enumerate().map(|(n, &(_, id))| (id, n)).collect();

        let mut dense = Array2::<f32>::zeros((index.slots.len(), dense_len));
        let mut sparse = Vec::with_capacity(index.slots.len());
        let mut lists: Vec<Vec<(u32, f32)>> = vec![Vec::new(); by_df.len() - dense_len];
        for (slot, doc) in index.slots.iter().enumerate() {
            let mut own = Vec::new();
            if let Some(doc) = doc {
                for &(id, w) in doc.fingerprint.lexical() {
                    match number.get(&id) {
                        Some(&n) if n < dense_len => dense[[slot, n]] = w as f32,
                        Some(&n) => {
                            let n = n - dense_len;
                            own.push((row32(n), w as f32, row32(lists[n].len())));
                            lists[n].push((row32(slot), w as f32));
                        }
                        None => {}
                    }
                }
            }
            sparse.push(own);
        }
        let longest_trigrams = index.trigram_norms.iter().copied().fold(0.0, f64::max);
        WordingIndex { dense, sparse, lists, longest_trigrams }
    }
}

/// Scratch space of one thread: a block of queries' dense weights, the block's products with
/// every document, and one query's sums over the sparse lists.
struct Scratch {
    queries: Array2<f32>,
    products: Array2<f32>,
    acc: Vec<f32>,
}

impl<K: Clone + Eq + Hash> SimilarityIndex<K> {
    /// For each of `keys` (all indexed), the best near duplicate among the documents inserted
    /// before it: the best scoring at least `threshold` whose wording part
    /// ([`crate::Fingerprint::wording_similarity`]) is at least `floor`, ties to the one inserted
    /// first. `None` for a key with no such document, or not indexed. A `floor` of 0 or less
    /// still asks for some shared word or word pair; a NaN threshold or floor finds nothing.
    ///
    /// The near-duplicate check of a whole import at once: the rows are indexed first, then each
    /// is compared with those before it, in blocks spread over the machine's cores (the index is
    /// only read, so the comparisons are independent). Exact for that rule: the module
    /// documentation says how.
    pub fn best_earlier_matches(&self, keys: &[K], threshold: f64, floor: f64) -> Vec<Option<Match<K>>>
    where
        K: Send + Sync,
    {
        if threshold.is_nan() || floor.is_nan() {
            return vec![None; keys.len()];
        }
        let floor = floor.max(f64::MIN_POSITIVE);
        let wording = WordingIndex::of(self);
        let slots: Vec<Option<u32>> = keys.iter().map(|key| self.by_key.get(key).copied()).collect();
        let blocks: Vec<(usize, &[Option<u32>])> =
            slots.chunks(BLOCK).enumerate().map(|(b, chunk)| (b * BLOCK, chunk)).collect();
        let scratch = || Scratch {
            queries: Array2::zeros((BLOCK, wording.dense.ncols())),
            products: Array2::zeros((BLOCK, self.slots.len())),
            acc: vec![0.0; self.slots.len()],
        };
        let run = |(start, block): &(usize, &[Option<u32>]), scratch: &mut Scratch| {
            self.block_best_before(block, threshold, floor, &wording, scratch)
                .into_iter()
                .enumerate()
                .map(|(i, found)| (start + i, found))
                .collect::<Vec<_>>()
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_THREADS);
        let mut out: Vec<Option<Match<K>>> = vec![None; keys.len()];
        if threads == 1 || keys.len() < PARALLEL_FROM {
            let mut own = scratch();
            for block in &blocks {
                for (i, found) in run(block, &mut own) {
                    out[i] = found;
                }
            }
            return out;
        }
        std::thread::scope(|scope| {
            // Interleaved, because later blocks have more before them to compare with.
            let workers: Vec<_> = (0..threads)
                .map(|t| {
                    let (run, blocks, scratch) = (&run, &blocks, &scratch);
                    scope.spawn(move || {
                        let mut own = scratch();
                        blocks
                            .iter()
                            .skip(t)
                            .step_by(threads)
                            .flat_map(|block| run(block, &mut own))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for worker in workers {
                // A worker only panics if a comparison did; pass that on.
                for (i, found) in worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)) {
                    out[i] = found;
                }
            }
        });
        out
    }

    /// [`best_earlier_matches`](Self::best_earlier_matches) for a block of at most [`BLOCK`]
    /// queries (`None`: a key not indexed).
    fn block_best_before(
        &self,
        block: &[Option<u32>],
        threshold: f64,
        floor: f64,
        wording: &WordingIndex,
        scratch: &mut Scratch,
    ) -> Vec<Option<Match<K>>> {
        // Until a slot is reused, slots follow insertion order, so only documents in slots
        // before a query's can be earlier; after, every slot is compared and later ones dropped.
        let end_of = |slot: u32| if self.reused { self.slots.len() } else { slot as usize };
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
                let query = &self.slots[x].as_ref()?.fingerprint;
                let seq = self.seqs[x];
                let end = end_of(slot);
                let acc = &mut scratch.acc;
                for &(n, weight, at) in &wording.sparse[x] {
                    let list = &wording.lists[n as usize];
                    let earlier = if self.reused { list.len() } else { at as usize };
                    for &(s, w) in &list[..earlier] {
                        acc[s as usize] += weight * w;
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
                self.best_first(query, candidates, threshold, floor)
            })
            .collect()
    }
}
