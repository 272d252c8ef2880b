//! The built-in rubrics: valid, on the scales and bands they promise.

use rstest::rstest;
use shortlist_scoring::{challenge_default, green_book_five_cases, innovate_uk_style, Rubric};

fn shape(r: &Rubric) -> (i32, i32, Vec<(i32, i32)>, Vec<&str>) {
    (
        r.scale().min,
        r.scale().max,
        r.bands().iter().map(|b| (b.min, b.max)).collect(),
        r.criteria().iter().map(|c| c.id.as_str()).collect(),
    )
}

#[test]
fn challenge_default_is_one_to_five_with_a_band_per_point() {
    let r = challenge_default();
    assert_eq!(
        shape(&r),
        (
            1,
            5,
            vec![(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)],
            vec!["viability", "benefits", "deliverability", "scale_of_impact", "innovation"]
        )
    );
}

#[test]
fn innovate_uk_style_has_its_five_bands() {
    let r = innovate_uk_style();
    assert_eq!(shape(&r).2, vec![(1, 1), (2, 3), (4, 5), (6, 7), (8, 10)]);
    assert_eq!((r.scale().min, r.scale().max), (1, 10));
}

#[test]
fn green_book_has_the_five_cases_from_zero() {
    let r = green_book_five_cases();
    assert_eq!(shape(&r).3, vec!["strategic", "economic", "commercial", "financial", "management"]);
    assert_eq!(r.band_for(0).map(|b| b.label.as_str()), Some("Not made"), "0 means the case is not made");
    assert!(r.requires_comment(0) && r.requires_comment(9) && !r.requires_comment(8));
}

#[rstest]
#[case::challenge(challenge_default())]
#[case::innovate(innovate_uk_style())]
#[case::green_book(green_book_five_cases())]
fn templates_survive_a_round_trip_through_validation(#[case] rubric: Rubric) {
    let again = rubric.clone().into_draft().validate().expect("a template is a valid rubric");
    assert_eq!(again, rubric);
    assert!(rubric.bands().iter().all(|b| !b.description.is_empty()), "every band is described");
    assert!(rubric.criteria().iter().all(|c| !c.guidance.is_empty()), "every criterion has guidance");
}
