//! The JSON the TypeScript UI sees: camelCase fields, tagged enums, and a rubric that cannot be
//! deserialised without passing validation. Results only travel out, so they only serialise.

use serde_json::json;
use shortlist_scoring::{aggregate, challenge_default, Options, Rubric};

use crate::{everyone, pair, two_criteria};

#[test]
fn results_use_camel_case() {
    let scores = [pair(1, 1, Some(3), Some(4)), pair(1, 2, Some(3), None)].concat();
    let r =
        aggregate(&two_criteria(1, 5, 1.0, 1.0), &scores, &everyone(&[1], &[1, 2], &[]), &Options::default());
    let v = serde_json::to_value(&r).expect("serialisable");
    assert!(v["ideas"][0].get("judgesCounted").is_some(), "{v}");
    assert!(v["ideas"][0].get("normalisedMean").is_some());
    assert_eq!(v["rankBy"], json!("rawMean"));
    assert_eq!(v["totals"][1]["status"], json!({"kind": "incomplete", "missing": ["b"]}));
    assert_eq!(v["judges"][0]["normalisation"], json!({"kind": "tooFewTotals", "counted": 1, "needed": 3}));
}

#[test]
fn options_fill_in_defaults() {
    let o: Options = serde_json::from_value(json!({"rankBy": "normalisedMean"})).expect("partial options");
    assert_eq!(o.min_scores_for_normalisation, 3);
    assert_eq!(o.disagreement.range_fraction, Some(0.4));
}

#[test]
fn a_rubric_is_validated_when_deserialised() {
    let mut v = serde_json::to_value(challenge_default()).expect("serialisable");
    assert_eq!(serde_json::from_value::<Rubric>(v.clone()).ok(), Some(challenge_default()));
    v["criteria"][0]["weight"] = json!(0.0);
    let err = serde_json::from_value::<Rubric>(v).expect_err("a zero weight is refused");
    assert!(err.to_string().contains("The weight of criterion 1 must be a number above 0"), "{err}");
}

#[test]
fn judging_methods_use_camel_case_and_tagged_problems() {
    use shortlist_scoring::{
        allocate, bradley_terry, AllocationRequest, BradleyTerryOptions, Comparison, IdeaId, JudgeId, Outcome,
    };
    let c = Comparison::overall(JudgeId(1), IdeaId(1), IdeaId(2), Outcome::CannotSeparate);
    let v = serde_json::to_value(&c).expect("serialisable");
    assert_eq!(v["outcome"], json!("cannotSeparate"), "{v}");
    let back: Comparison =
        serde_json::from_value(v).expect("a comparison travels both ways (bundle and return)");
    assert_eq!(back, c);
    let r = bradley_terry(&[], &[c], &BradleyTerryOptions::default());
    let v = serde_json::to_value(&r).expect("serialisable");
    assert!(v["ideas"][0].get("standardError").is_some() && v.get("comparisonsUsed").is_some(), "{v}");
    let o: BradleyTerryOptions = serde_json::from_value(json!({})).expect("defaults fill in");
    assert_eq!(o.prior_sd, 2.0);
    let request = AllocationRequest {
        ideas: vec![IdeaId(1)],
        assessors: vec![JudgeId(1)],
        per_idea: 2,
        conflicts: vec![],
        fixed: vec![],
        seed: 0,
    };
    let err = allocate(&request).expect_err("k above the panel");
    let v = serde_json::to_value(&err).expect("serialisable");
    assert_eq!(v["problems"][0], json!({"kind": "tooFewAssessors", "perIdea": 2, "assessors": 1}));
}
