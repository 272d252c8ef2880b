//! Rubric validation: every rule, with the message a secretariat member would see.

use rstest::rstest;
use shortlist_scoring::{Band, Criterion, CriterionId, RubricDraft, Scale};

fn criterion(id: &str, weight: f64) -> Criterion {
    Criterion { id: CriterionId::new(id), name: format!("Criterion {id}"), guidance: String::new(), weight }
}

fn band(min: i32, max: i32, label: &str) -> Band {
    Band { min, max, label: label.into(), description: String::new() }
}

/// A valid 1–5 draft: two criteria, bands 1, 2–3, 4–5.
fn draft() -> RubricDraft {
    RubricDraft {
        name: "Round 1".into(),
        scale: Scale::new(1, 5),
        criteria: vec![criterion("a", 1.0), criterion("b", 2.0)],
        bands: vec![band(4, 5, "High"), band(1, 1, "Low"), band(2, 3, "Middle")],
    }
}

#[test]
fn a_valid_draft_keeps_its_bands_lowest_first() {
    let rubric = draft().validate().expect("the draft is valid");
    let mins: Vec<i32> = rubric.bands().iter().map(|b| b.min).collect();
    assert_eq!(mins, vec![1, 2, 4], "bands are sorted so the extremes are first and last");
    assert_eq!(rubric.band_for(3).map(|b| b.label.as_str()), Some("Middle"));
    assert_eq!(rubric.band_for(6), None, "off the scale");
}

#[rstest]
#[case::empty_name(|d: &mut RubricDraft| d.name = "  ".into(), "name", "Enter a name for the rubric")]
#[case::upside_down_scale(|d: &mut RubricDraft| d.scale = Scale::new(5, 5), "scale", "The lowest score (5) must be below the highest score (5)")]
#[case::no_criteria(|d: &mut RubricDraft| d.criteria.clear(), "criteria", "Add at least one criterion")]
#[case::zero_weight(|d: &mut RubricDraft| d.criteria[1].weight = 0.0, "criteria.1.weight", "The weight of criterion 2 must be a number above 0, such as 1 (it is 0)")]
#[case::negative_weight(|d: &mut RubricDraft| d.criteria[0].weight = -1.0, "criteria.0.weight", "The weight of criterion 1 must be a number above 0, such as 1 (it is -1)")]
#[case::nan_weight(|d: &mut RubricDraft| d.criteria[0].weight = f64::NAN, "criteria.0.weight", "The weight of criterion 1 must be a number above 0, such as 1 (it is NaN)")]
#[case::duplicate_id(|d: &mut RubricDraft| d.criteria[1].id = CriterionId::new("a"), "criteria.1.id", "Criterion 2 has the id \"a\", already used by another criterion; give each criterion its own id")]
#[case::empty_id(|d: &mut RubricDraft| d.criteria[0].id = CriterionId::new(""), "criteria.0.id", "Enter an id for criterion 1")]
#[case::empty_criterion_name(|d: &mut RubricDraft| d.criteria[0].name = String::new(), "criteria.0.name", "Enter a name for criterion 1")]
#[case::no_bands(|d: &mut RubricDraft| d.bands.clear(), "bands", "Add bands that describe the scores from 1 to 5")]
#[case::gap_of_one(|d: &mut RubricDraft| d.bands[2] = band(2, 2, "Middle"), "bands", "No band describes a score of 3; add one or widen a neighbouring band")]
#[case::gap_at_the_top(|d: &mut RubricDraft| d.bands[0] = band(4, 4, "High"), "bands", "No band describes a score of 5; add one or widen a neighbouring band")]
#[case::upside_down_band(|d: &mut RubricDraft| d.bands[1] = band(2, 1, "Low"), "bands.1", "Band 2 starts at 2 but ends at 1; its first score must not be above its last")]
#[case::gap_of_two(|d: &mut RubricDraft| { d.bands.remove(2); }, "bands", "No band describes scores 2 to 3; add one or widen a neighbouring band")]
#[case::overlap(|d: &mut RubricDraft| d.bands[2] = band(2, 4, "Middle"), "bands.0", "Bands 3 (\"Middle\") and 1 (\"High\") both cover score 4; each score must be in exactly one band")]
#[case::outside_scale(|d: &mut RubricDraft| d.bands[0] = band(4, 6, "High"), "bands.0", "Band 1 runs from 4 to 6, outside the scale of 1 to 5")]
#[case::empty_label(|d: &mut RubricDraft| d.bands[1].label = String::new(), "bands.1.label", "Enter a label for band 2")]
fn each_rule_has_a_clear_message(
    #[case] break_it: fn(&mut RubricDraft),
    #[case] field: &str,
    #[case] message: &str,
) {
    let mut d = draft();
    break_it(&mut d);
    let invalid = d.validate().expect_err("the draft breaks a rule");
    assert_eq!(invalid.message_for(field), Some(message), "all problems: {:?}", invalid.problems);
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut d = draft();
    d.name.clear();
    d.criteria[0].weight = 0.0;
    d.bands.remove(0);
    let invalid = d.validate().expect_err("three problems");
    let fields: Vec<&str> = invalid.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, vec!["name", "criteria.0.weight", "bands"], "in the order of the form");
    assert!(invalid.to_string().contains("Enter a name for the rubric; "), "Display joins the messages");
}

#[rstest]
#[case(1, true)]
#[case(2, false)]
#[case(3, false)]
#[case(4, true)]
#[case(5, true)]
#[case(0, false)]
#[case(6, false)]
fn comments_are_required_in_the_extreme_bands(#[case] score: i32, #[case] required: bool) {
    // Bands 1 (lowest), 2–3, 4–5 (highest).
    let rubric = draft().validate().expect("valid");
    assert_eq!(rubric.requires_comment(score), required, "score {score}");
}

#[test]
fn a_one_band_rubric_asks_for_a_comment_on_every_score() {
    let mut d = draft();
    d.bands = vec![band(1, 5, "Any")];
    let rubric = d.validate().expect("one band covering the scale is valid");
    assert!((1..=5).all(|s| rubric.requires_comment(s)), "the only band is both lowest and highest");
}
