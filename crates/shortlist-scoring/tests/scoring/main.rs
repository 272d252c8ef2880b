//! Integration tests for `shortlist-scoring`: one binary, modules mirroring `src/`.

mod aggregate;
mod allocation;
mod confidence;
mod discussion;
mod normalise;
mod pair_schedule;
mod pairwise;
mod properties;
mod reliability;
mod rubric;
mod serde_shape;
mod templates;

use shortlist_scoring::{
    Assignments, Band, Criterion, CriterionId, IdeaId, JudgeId, Recusal, Rubric, RubricDraft, Scale, Score,
};

/// Float comparisons in hand-worked examples: the expected values are exact fractions, so any
/// difference beyond rounding noise is a real error.
pub const EPS: f64 = 1e-9;

#[track_caller]
pub fn assert_close(actual: f64, expected: f64, why: &str) {
    assert!((actual - expected).abs() < EPS, "{why}: expected {expected}, got {actual}");
}

#[track_caller]
pub fn assert_close_opt(actual: Option<f64>, expected: f64, why: &str) {
    match actual {
        Some(a) => assert_close(a, expected, why),
        None => panic!("{why}: expected {expected}, got None"),
    }
}

pub fn j(n: i64) -> JudgeId {
    JudgeId(n)
}

pub fn i(n: i64) -> IdeaId {
    IdeaId(n)
}

/// A rubric with criteria `a` and `b` weighted `wa` and `wb`, on `min..=max`, one band per score.
pub fn two_criteria(min: i32, max: i32, wa: f64, wb: f64) -> Rubric {
    let criterion = |id: &str, weight| Criterion {
        id: CriterionId::new(id),
        name: id.to_uppercase(),
        guidance: String::new(),
        weight,
    };
    RubricDraft {
        name: "Test".into(),
        scale: Scale::new(min, max),
        criteria: vec![criterion("a", wa), criterion("b", wb)],
        bands: (min..=max)
            .map(|s| Band { min: s, max: s, label: format!("Score {s}"), description: String::new() })
            .collect(),
    }
    .validate()
    .expect("test rubric is valid")
}

/// Scores for one judge and idea: `(a, b)`, either of which may be missing.
pub fn pair(judge: i64, idea: i64, a: Option<i32>, b: Option<i32>) -> Vec<Score> {
    let mut out = Vec::new();
    if let Some(a) = a {
        out.push(Score::new(j(judge), i(idea), "a", a));
    }
    if let Some(b) = b {
        out.push(Score::new(j(judge), i(idea), "b", b));
    }
    out
}

/// Every judge in `judges` assigned to every idea in `ideas`, less `recusals` (judge, idea).
pub fn everyone(judges: &[i64], ideas: &[i64], recusals: &[(i64, i64)]) -> Assignments {
    let judges: Vec<JudgeId> = judges.iter().map(|&n| j(n)).collect();
    let ideas: Vec<IdeaId> = ideas.iter().map(|&n| i(n)).collect();
    let recusals = recusals.iter().map(|&(judge, idea)| Recusal { judge: j(judge), idea: i(idea) }).collect();
    Assignments::everyone(&judges, &ideas, recusals)
}
