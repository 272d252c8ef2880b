//! Properties of the pure measure: range, symmetry, identity and what normalisation ignores.

use proptest::prelude::*;
use rstest::rstest;
use shortlist_similar::{fold, similarity, Fingerprint};

const TITLE: &str = "Use HMRC and DWP data to find households missing out on Pension Credit";
const BODY: &str = "Many eligible pensioners never claim Pension Credit. HMRC and DWP hold the data.";

#[test]
fn identical_texts_score_one() {
    assert_eq!(similarity(TITLE, BODY, TITLE, BODY), 1.0, "the same text must score exactly 1.0");
}

#[test]
fn unrelated_ideas_score_low() {
    let score = similarity(
        TITLE,
        BODY,
        "Install cycle racks at the Croydon office",
        "There is nowhere safe to lock a bike, so staff drive in. Put secure racks in the car park.",
    );
    assert!(score < 0.2, "ideas sharing no topic should score low, scored {score:.3}");
}

#[rstest]
#[case::diacritics("Café opening hours", "cafe opening hours")]
#[case::case("PENSION CREDIT take-up", "pension credit Take-Up")]
#[case::punctuation("Pension credit: take-up!", "pension credit take up")]
#[case::plural("Pension credits for pensioners", "pension credit for pensioner")]
#[case::curly_apostrophe("Claimants’ letters", "claimant's letter")]
#[case::stop_words("The take-up of Pension Credit", "take-up of the pension credit")]
fn normalisation_does_not_change_the_score(#[case] a: &str, #[case] b: &str) {
    assert_eq!(similarity(a, "", b, ""), 1.0, "{a:?} and {b:?} differ only in what normalisation folds away");
    assert_eq!(
        similarity(a, BODY, TITLE, BODY),
        similarity(b, BODY, TITLE, BODY),
        "folding {a:?} to {b:?} must not change its score against another text"
    );
}

#[test]
fn empty_text_is_similar_to_nothing() {
    assert_eq!(similarity("", "", "", ""), 0.0, "two empty texts are not a duplicate of anything");
    assert_eq!(similarity("", "", TITLE, BODY), 0.0, "empty vs text is 0.0 by definition");
    assert_eq!(similarity(" -- ", "!!", TITLE, BODY), 0.0, "punctuation alone counts as empty");
    assert!(Fingerprint::new("...", "").is_empty(), "no letters or digits means an empty fingerprint");
}

#[test]
fn text_moved_between_title_and_body_still_matches() {
    let score = similarity(TITLE, BODY, "Pension Credit", &format!("{TITLE}. {BODY}"));
    assert!(
        score > 0.7,
        "title and body share one feature space, so moving text keeps it similar: {score:.3}"
    );
}

#[test]
fn title_counts_more_than_body() {
    let base =
        similarity("School attendance data", "Publish weekly", "School attendance data", "Phone parents");
    let swapped =
        similarity("Publish weekly", "School attendance data", "Phone parents", "School attendance data");
    assert!(
        base > swapped,
        "sharing the title should count more than sharing the body: {base:.3} vs {swapped:.3}"
    );
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{0,40}",
        "\\PC{0,60}",
        proptest::collection::vec(
            prop::sample::select(vec![
                "pension",
                "credit",
                "HMRC",
                "data",
                "the",
                "and",
                "café",
                "schools",
                "attendance",
                "Leavers'",
            ]),
            0..12
        )
        .prop_map(|w| w.join(" ")),
    ]
}

proptest! {
    #[test]
    fn score_is_in_range_symmetric_and_never_nan(a1 in text(), a2 in text(), b1 in text(), b2 in text()) {
        let ab = similarity(&a1, &a2, &b1, &b2);
        let ba = similarity(&b1, &b2, &a1, &a2);
        prop_assert!(!ab.is_nan(), "score must never be NaN");
        prop_assert!((0.0..=1.0).contains(&ab), "score {} outside 0..=1", ab);
        prop_assert_eq!(ab, ba, "the measure must be symmetric");
    }

    #[test]
    fn any_text_with_a_word_is_identical_to_itself(title in text(), body in text()) {
        // A word is what survives folding: a lone combining mark such as Gujarati "ા" counts as
        // alphanumeric to Rust but is an accent with nothing to sit on, and folding drops it.
        prop_assume!(!fold(&format!("{title} {body}")).trim().is_empty());
        prop_assert_eq!(similarity(&title, &body, &title, &body), 1.0, "a text with a word must score 1.0 with itself");
    }
}

#[test]
fn a_lone_combining_mark_is_not_a_word() {
    // Found by the property test in CI: Gujarati vowel sign AA alone folds to nothing,
    // so it scores 0 with itself like any other text without a word.
    assert_eq!(fold("ા").trim(), "");
    assert_eq!(similarity("", "ા", "", "ા"), 0.0);
}
