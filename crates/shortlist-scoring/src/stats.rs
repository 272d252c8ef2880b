//! The small numerics the judging methods share: one dense inverse, competition ranks,
//! quantiles, and collecting judge–idea values.
//!
//! The inverse is written out rather than taken from a crate: one Cholesky factorisation of at
//! most a few hundred rows, in a fixed order of operations so that results are the same to the
//! bit on every run. The inner loops are row updates (`y += a * x` over contiguous slices),
//! which the compiler vectorises without reordering any sum.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::score::{IdeaId, JudgeId};

/// One value per judge–idea pair from `(judge, idea, value)` triples, keyed by `(idea, judge)`.
/// The same rule as the aggregation's: identical repeats count once; a pair given different
/// values keeps none of them (which one is right is the secretariat's call); values that are not
/// finite are left out. Independent of the input order.
pub(crate) fn judge_idea_values(
    triples: impl Iterator<Item = (JudgeId, IdeaId, f64)>,
) -> BTreeMap<(IdeaId, JudgeId), f64> {
    let mut cells: BTreeMap<(IdeaId, JudgeId), Option<f64>> = BTreeMap::new();
    for (judge, idea, value) in triples.filter(|t| t.2.is_finite()) {
        cells
            .entry((idea, judge))
            .and_modify(|v| {
                if *v != Some(value) {
                    *v = None;
                }
            })
            .or_insert(Some(value));
    }
    cells.into_iter().filter_map(|(k, v)| Some((k, v?))).collect()
}

/// The diagonal of the inverse of a symmetric positive-definite matrix `a` (`n x n`, row-major),
/// or `None` if `a` is not positive definite.
///
/// Factorises `a = Uᵀ U` with `U` upper triangular (right-looking, row updates), inverts `U`
/// row by row from the bottom, and sums squares: `(a⁻¹)ᵢᵢ = Σⱼ (U⁻¹)ᵢⱼ²`. About `n³/2`
/// multiply-adds.
pub(crate) fn inverse_diagonal(mut a: Vec<f64>, n: usize) -> Option<Vec<f64>> {
    debug_assert_eq!(a.len(), n * n);
    // Factorise in place: after step k, row k holds U's row k (from column k on).
    for k in 0..n {
        let pivot = a[k * n + k];
        if pivot.is_nan() || pivot <= 0.0 {
            return None;
        }
        let d = pivot.sqrt();
        let (done, rest) = a.split_at_mut((k + 1) * n);
        let row_k = &mut done[k * n..];
        for x in &mut row_k[k..] {
            *x /= d;
        }
        let row_k = &row_k[..];
        for i in k + 1..n {
            let f = row_k[i];
            if f == 0.0 {
                continue;
            }
            let row_i = &mut rest[(i - k - 1) * n..(i - k) * n];
            for (y, x) in row_i[i..].iter_mut().zip(&row_k[i..]) {
                *y -= f * x;
            }
        }
    }
    // V = U⁻¹, upper triangular: row i is (e_i - Σ_{k>i} U_ik V_k) / U_ii, rows from the bottom.
    let mut v = vec![0.0; n * n];
    for i in (0..n).rev() {
        let (head, tail) = v.split_at_mut((i + 1) * n);
        let row_v = &mut head[i * n..];
        row_v[i] = 1.0;
        for k in i + 1..n {
            let f = a[i * n + k];
            if f == 0.0 {
                continue;
            }
            let row_k = &tail[(k - i - 1) * n..(k - i) * n];
            for (y, x) in row_v[k..].iter_mut().zip(&row_k[k..]) {
                *y -= f * x;
            }
        }
        let d = a[i * n + i];
        for x in &mut row_v[i..] {
            *x /= d;
        }
    }
    Some((0..n).map(|i| v[i * n + i..(i + 1) * n].iter().map(|x| x * x).sum()).collect())
}

/// Standard competition ranks (1, 2, 2, 4) of `values`, higher first; values within `tolerance`
/// of the previous one in the sorted order share its rank. Returns `(order, ranks, tied)`:
/// `order` lists indices into `values` best first (ties by idea id); `ranks[i]` and `tied[i]`
/// are for `values[i]`.
pub(crate) fn competition_ranks(
    values: &[(IdeaId, f64)],
    tolerance: f64,
) -> (Vec<usize>, Vec<u32>, Vec<bool>) {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| match values[b].1.total_cmp(&values[a].1) {
        Ordering::Equal => values[a].0.cmp(&values[b].0),
        other => other,
    });
    // Group first (a tie run is decided by neighbours in value order), then order each run by id.
    let mut ranks = vec![0u32; values.len()];
    let mut tied = vec![false; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end - 1]].1 - values[order[end]].1 <= tolerance {
            end += 1;
        }
        order[start..end].sort_by_key(|&k| values[k].0);
        for &k in &order[start..end] {
            ranks[k] = start as u32 + 1;
            tied[k] = end - start > 1;
        }
        start = end;
    }
    (order, ranks, tied)
}

/// The `q` quantile (0..=1) of sorted values, interpolating linearly between order statistics
/// (Hyndman and Fan's type 7, the default of R and NumPy). `None` for no values.
pub(crate) fn quantile_sorted(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = q.clamp(0.0, 1.0) * last as f64;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(last);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}
