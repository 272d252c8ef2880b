//! The statistics and `normalise` over plain f64 totals, where the invariances hold exactly
//! (up to rounding), with no integer scale or clamping in the way.

use proptest::prelude::*;
use rstest::rstest;
use shortlist_scoring::normalise::{mean, median, population_sd};
use shortlist_scoring::{normalise, IdeaId, JudgeId, JudgeTotal, NormalisationStatus, Normalised, Scale};

use crate::{assert_close, assert_close_opt, i, j};

#[rstest]
#[case(&[], None, None, None)]
#[case(&[3.0], Some(3.0), Some(3.0), Some(0.0))]
#[case(&[1.0, 4.0], Some(2.5), Some(2.5), Some(1.5))]
#[case(&[5.0, 1.0, 3.0], Some(3.0), Some(3.0), Some((8.0f64 / 3.0).sqrt()))]
#[case(&[1.0, 2.0, 3.0, 10.0], Some(4.0), Some(2.5), Some(3.5355339059327378))]
fn statistics(
    #[case] values: &[f64],
    #[case] m: Option<f64>,
    #[case] med: Option<f64>,
    #[case] sd: Option<f64>,
) {
    // Last case: mean 4, squares 9+4+1+36 = 50, /4 = 12.5, sd = sqrt(12.5).
    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-12,
        (None, None) => true,
        _ => false,
    };
    assert!(close(mean(values), m), "mean of {values:?}");
    assert!(close(median(values), med), "median of {values:?}");
    assert!(close(population_sd(values), sd), "population sd of {values:?}");
}

#[test]
fn minimum_below_two_counts_as_two() {
    let totals = [JudgeTotal { judge: j(1), idea: i(1), total: 3.0 }];
    let n = normalise(&totals, Scale::new(1, 5), 0);
    assert_eq!(n.judges[0].status, NormalisationStatus::TooFewTotals { counted: 1, needed: 2 });
    assert!(n.pooled.is_none());
}

#[test]
fn clamping_keeps_values_on_the_scale() {
    // J1: 1, 1, 1, 5 -> mean 2, sd sqrt((1+1+1+9)/4) = sqrt(3); z of the 5 is 3/sqrt(3) = 1.732.
    // J2: 5, 5, 5, 1 (mirror). Pooled mean (8 + 16) / 8 = 3, pooled sd sqrt((12 + 12) / 8)
    // = sqrt(3). J1's 5 maps to 3 + 1.732 * 1.732 = 6: clamped to 5.
    let totals: Vec<JudgeTotal> = [(1, [1.0, 1.0, 1.0, 5.0]), (2, [5.0, 5.0, 5.0, 1.0])]
        .into_iter()
        .flat_map(|(judge, ts)| {
            ts.into_iter().enumerate().map(move |(k, total)| JudgeTotal {
                judge: j(judge),
                idea: i(k as i64 + 1),
                total,
            })
        })
        .collect();
    let n = normalise(&totals, Scale::new(1, 5), 3);
    let t = n.totals.iter().find(|t| t.judge == j(1) && t.idea == i(4)).expect("present");
    assert_close_opt(t.unclamped, 6.0, "before clamping");
    assert_close_opt(t.value, 5.0, "clamped to the top of the scale");
}

#[test]
fn non_finite_totals_are_left_out() {
    let totals = [
        JudgeTotal { judge: j(1), idea: i(1), total: f64::NAN },
        JudgeTotal { judge: j(1), idea: i(2), total: 2.0 },
        JudgeTotal { judge: j(1), idea: i(3), total: 4.0 },
    ];
    let n = normalise(&totals, Scale::new(1, 5), 2);
    assert_eq!(n.totals.len(), 2);
    assert_close(n.judges[0].mean, 3.0, "the NaN does not count");
}

/// Several judges, each with 0–7 totals anywhere in [1, 5] over ideas 1..=8.
fn panel() -> impl Strategy<Value = Vec<JudgeTotal>> {
    prop::collection::vec(prop::collection::vec(prop::option::weighted(0.8, 1.0f64..5.0), 8), 2..6).prop_map(
        |judges| {
            judges
                .into_iter()
                .enumerate()
                .flat_map(|(jn, ideas)| {
                    ideas.into_iter().enumerate().filter_map(move |(k, t)| {
                        t.map(|total| JudgeTotal { judge: JudgeId(jn as i64), idea: IdeaId(k as i64), total })
                    })
                })
                .collect()
        },
    )
}

fn transform(totals: &[JudgeTotal], judge: JudgeId, scale_by: f64, shift: f64) -> Vec<JudgeTotal> {
    totals
        .iter()
        .map(|t| if t.judge == judge { JudgeTotal { total: t.total * scale_by + shift, ..*t } } else { *t })
        .collect()
}

/// Relative closeness: totals are in [1, 5] and scaled by at most 10.
fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

fn unclamped_by_pair(n: &Normalised) -> Vec<((JudgeId, IdeaId), Option<f64>)> {
    n.totals.iter().map(|t| ((t.judge, t.idea), t.unclamped)).collect()
}

proptest! {
    /// Shifting one judge's totals by c and scaling them by a > 0 leaves every z-score of every
    /// judge unchanged. The pooled mean and sd do change, so every unclamped normalised value
    /// moves by the one increasing map v -> (v - m) / s * s' + m' (checked exactly below), and
    /// so the order of the unclamped values is unchanged.
    #[test]
    fn affine_change_of_one_judge_changes_no_z_score(
        totals in panel(),
        judge in 0i64..6,
        scale_by in 0.1f64..10.0,
        shift in -3.0f64..3.0,
    ) {
        let scale = Scale::new(-100, 100);
        let before = normalise(&totals, scale, 3);
        let after = normalise(&transform(&totals, JudgeId(judge), scale_by, shift), scale, 3);
        prop_assert_eq!(before.totals.len(), after.totals.len());
        for (b, a) in before.totals.iter().zip(&after.totals) {
            prop_assert_eq!((b.judge, b.idea), (a.judge, a.idea));
            match (b.z, a.z) {
                (Some(zb), Some(za)) => prop_assert!(near(zb, za), "z {} became {}", zb, za),
                (None, None) => {}
                other => prop_assert!(false, "normalisation availability changed: {:?}", other),
            }
        }
        if let (Some(pb), Some(pa)) = (before.pooled, after.pooled) {
            for ((key, ub), (_, ua)) in unclamped_by_pair(&before).into_iter().zip(unclamped_by_pair(&after)) {
                if let (Some(ub), Some(ua), true) = (ub, ua, pb.sd > 0.0) {
                    let mapped = (ub - pb.mean) / pb.sd * pa.sd + pa.mean;
                    prop_assert!(near(mapped, ua), "{:?}: {} mapped to {}, got {}", key, ub, mapped, ua);
                }
            }
        }
    }

    /// A shift alone changes the pooled mean by c * (that judge's share of the totals) and the
    /// pooled sd not at all: the pooled sd is within-judge.
    #[test]
    fn a_shift_moves_the_pooled_mean_by_the_judges_share(totals in panel(), judge in 0i64..6, shift in -3.0f64..3.0) {
        let scale = Scale::new(-100, 100);
        let before = normalise(&totals, scale, 3);
        let after = normalise(&transform(&totals, JudgeId(judge), 1.0, shift), scale, 3);
        if let (Some(pb), Some(pa)) = (before.pooled, after.pooled) {
            let share = before
                .judges
                .iter()
                .find(|x| x.judge == JudgeId(judge) && !matches!(x.status, NormalisationStatus::TooFewTotals { .. }))
                .map_or(0.0, |x| x.counted as f64 / pb.totals as f64);
            prop_assert!(near(pa.mean, pb.mean + shift * share));
            prop_assert!(near(pa.sd, pb.sd));
        }
    }

    /// Order of input does not change a bit of the output.
    #[test]
    fn input_order_does_not_matter(totals in panel().prop_shuffle()) {
        let mut sorted = totals.clone();
        sorted.sort_by_key(|t| (t.judge, t.idea));
        prop_assert_eq!(normalise(&totals, Scale::new(1, 5), 3), normalise(&sorted, Scale::new(1, 5), 3));
    }

    /// Normalised values are finite and on the scale; z-scores of a judge average 0.
    #[test]
    fn values_are_finite_and_on_the_scale(totals in panel()) {
        let scale = Scale::new(1, 5);
        let n = normalise(&totals, scale, 3);
        for t in &n.totals {
            if let Some(v) = t.value {
                prop_assert!(v.is_finite() && (1.0..=5.0).contains(&v), "{:?}", t);
            }
            prop_assert!(t.z.is_none_or(f64::is_finite));
        }
        for jn in &n.judges {
            let zs: Vec<f64> = n.totals.iter().filter(|t| t.judge == jn.judge).filter_map(|t| t.z).collect();
            if !zs.is_empty() {
                prop_assert!(mean(&zs).is_some_and(|m| m.abs() < 1e-9), "{:?}", zs);
            }
        }
    }
}
