//! Ready-made rubrics a secretariat can start from and then edit.
//!
//! Each returns a checked [`Rubric`]; the tests confirm every template passes validation. Weights
//! are equal in all three: none of the sources weights its criteria, and a secretariat that
//! wants to can change them before the round opens.

use crate::rubric::{Band, Criterion, CriterionId, Rubric, RubricDraft, Scale};

fn criterion(id: &str, name: &str, guidance: &str) -> Criterion {
    Criterion { id: CriterionId::new(id), name: name.to_owned(), guidance: guidance.to_owned(), weight: 1.0 }
}

fn band(min: i32, max: i32, label: &str, description: &str) -> Band {
    Band { min, max, label: label.to_owned(), description: description.to_owned() }
}

fn checked(draft: RubricDraft) -> Rubric {
    match draft.validate() {
        Ok(rubric) => rubric,
        // The templates are constants checked by the tests; reaching this is a bug here.
        Err(invalid) => panic!("built-in rubric template is invalid: {invalid}"),
    }
}

/// The challenge's own rubric, after the 2021 Civil Service Data Challenge: the three things the
/// shortlisted ideas were tested for (viability, benefits, obstacles to delivery) plus scale of
/// impact and innovation, each scored 1–5 with a band for every point.
pub fn challenge_default() -> Rubric {
    checked(RubricDraft {
        name: "Challenge default (1 to 5)".to_owned(),
        scale: Scale::new(1, 5),
        criteria: vec![
            criterion(
                "viability",
                "Viability",
                "Is the data available and good enough, is there a legal basis to use and share it, \
                 and is it technically feasible with the skills, money and time it would need?",
            ),
            criterion("benefits", "Benefits", "Who gains, in what way, by how much, and how sure can we be?"),
            criterion(
                "deliverability",
                "Deliverability given the obstacles",
                "How likely is delivery once the obstacles identified in the evaluation are taken \
                 into account, and are the mitigations credible?",
            ),
            criterion(
                "scale_of_impact",
                "Scale of impact",
                "How far would the benefits reach: one team, a department, or across government \
                 and the public?",
            ),
            criterion(
                "innovation",
                "Innovation",
                "Does it use data in a new way, or bring a proven approach somewhere it has not \
                 been used?",
            ),
        ],
        bands: vec![
            band(1, 1, "Poor", "Does not address the criterion, or the evidence points against it."),
            band(2, 2, "Weak", "Addresses the criterion in part, with significant gaps or doubts."),
            band(3, 3, "Adequate", "Meets the criterion, with some gaps that could be closed."),
            band(4, 4, "Strong", "Meets the criterion well, with good evidence and minor gaps."),
            band(5, 5, "Excellent", "Meets the criterion fully and convincingly; an exemplar."),
        ],
    })
}

/// A 1–10 rubric in the style of Innovate UK competition assessment, with its five bands
/// (1, 2–3, 4–5, 6–7, 8–10) and questions adapted to an idea for government.
pub fn innovate_uk_style() -> Rubric {
    checked(RubricDraft {
        name: "Innovate UK style (1 to 10)".to_owned(),
        scale: Scale::new(1, 10),
        criteria: vec![
            criterion(
                "need",
                "Need or challenge",
                "Is the problem real, well evidenced and important to the people it affects?",
            ),
            criterion(
                "approach",
                "Approach and innovation",
                "Is the proposed approach sound and new, and better than what is done now?",
            ),
            criterion(
                "team",
                "Team and resources",
                "Are the skills, partners, data and resources in place or clearly obtainable?",
            ),
            criterion(
                "impact",
                "Impact and benefits",
                "What difference would it make, to whom, and how would we know?",
            ),
            criterion(
                "risks",
                "Project management and risks",
                "Is there a credible plan, with the main risks identified and managed?",
            ),
            criterion(
                "value",
                "Value for money",
                "Are the costs justified by the benefits, and is public money the right source?",
            ),
        ],
        bands: vec![
            band(
                1,
                1,
                "Unacceptable",
                "No response to the question, or one that is irrelevant or wholly unconvincing.",
            ),
            band(2, 3, "Poor", "Addresses the question only in part; major weaknesses and little evidence."),
            band(4, 5, "Fair", "Addresses the question, but with clear weaknesses or gaps in the evidence."),
            band(6, 7, "Good", "A good response with sound evidence; some minor weaknesses."),
            band(8, 10, "Excellent", "A compelling, well-evidenced response with no significant weaknesses."),
        ],
    })
}

/// The five cases of HM Treasury's Green Book business case model, scored 0–10.
///
/// 0–10 rather than 1–5 because (a) a 0 says "this case is not made at all", which early ideas
/// often are for the commercial and financial cases, and is different from a weak case; and
/// (b) eleven points separate a small shortlist whose ideas cluster near the top better than
/// five do. The bands keep the five-level reading of 1–5 rubrics for those who think in it.
pub fn green_book_five_cases() -> Rubric {
    checked(RubricDraft {
        name: "Green Book five cases (0 to 10)".to_owned(),
        scale: Scale::new(0, 10),
        criteria: vec![
            criterion(
                "strategic",
                "Strategic case",
                "Is there a compelling case for change that fits the department's objectives and \
                 wider policy?",
            ),
            criterion(
                "economic",
                "Economic case",
                "Does it offer the best public value of the realistic options, counting wider \
                 social costs and benefits?",
            ),
            criterion(
                "commercial",
                "Commercial case",
                "Is there a realistic way to procure or build it, and a viable deal?",
            ),
            criterion(
                "financial",
                "Financial case",
                "Is it affordable, with the funding identified and the costs over its life understood?",
            ),
            criterion(
                "management",
                "Management case",
                "Can it be delivered successfully, with the governance, people and plans in place?",
            ),
        ],
        bands: vec![
            band(0, 0, "Not made", "The case is not made: no relevant evidence or argument."),
            band(1, 3, "Weak", "Some relevant points, but the case is unconvincing or largely unsupported."),
            band(4, 6, "Partly made", "The case is made in part; important evidence or analysis is missing."),
            band(7, 8, "Good", "The case is well made and evidenced, with minor gaps."),
            band(9, 10, "Compelling", "The case is fully made and robust; it would stand scrutiny as it is."),
        ],
    })
}
