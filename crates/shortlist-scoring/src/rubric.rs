//! A round's rubric: weighted criteria, an integer scale, and a written description of each band.
//!
//! A rubric arrives as a [`RubricDraft`] (from a form, a template or storage) and is checked into a
//! [`Rubric`] by [`RubricDraft::validate`]. A `Rubric` can only be built that way (deserialising
//! one goes through the same checks), so the aggregation can trust it.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The identifier of a criterion within its rubric, e.g. `viability`. Scores name it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct CriterionId(pub String);

impl CriterionId {
    /// A criterion id from any string-like value.
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for CriterionId {
    fn from(id: &str) -> Self {
        Self(id.to_owned())
    }
}

impl From<String> for CriterionId {
    fn from(id: String) -> Self {
        Self(id)
    }
}

impl fmt::Display for CriterionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The whole-number scores a judge may give, `min..=max` (e.g. 1–5, 1–10 or 0–10).
///
/// Invariant in a checked [`Rubric`]: `min < max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Scale {
    /// The lowest score.
    pub min: i32,
    /// The highest score.
    pub max: i32,
}

impl Scale {
    /// A scale from `min` to `max` inclusive (not checked here; see [`RubricDraft::validate`]).
    pub const fn new(min: i32, max: i32) -> Self {
        Self { min, max }
    }

    /// Whether `score` is on the scale.
    pub fn contains(&self, score: i32) -> bool {
        (self.min..=self.max).contains(&score)
    }

    /// `max - min`, the distance from the lowest to the highest score (4 on a 1–5 scale).
    /// Thresholds such as the disagreement rule are fractions of it, so they suit every scale.
    pub fn width(&self) -> f64 {
        f64::from(self.max) - f64::from(self.min)
    }

    /// `value` limited to `[min, max]`.
    pub fn clamp(&self, value: f64) -> f64 {
        value.clamp(f64::from(self.min), f64::from(self.max))
    }
}

/// One thing judges score, with its share of the total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Criterion {
    /// Unique within the rubric; scores refer to it.
    pub id: CriterionId,
    /// What judges see, e.g. "Viability".
    pub name: String,
    /// What the criterion asks the judge to consider.
    pub guidance: String,
    /// Relative weight, above 0. Only ratios matter: weights 1, 1, 2 and 25, 25, 50 are the same.
    pub weight: f64,
}

/// How many bands at each end of a rubric's scale are extreme: a score in one of them needs a
/// comment saying why (see [`Rubric::requires_comment`]). The UI reads this number from its
/// generated rules table, so the scoring screen asks for a comment where a submit would.
pub const EXTREME_BANDS: usize = 1;

/// A range of scores with a label and a written description, e.g. 4–5 "Fair".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Band {
    /// Lowest score in the band (inclusive).
    pub min: i32,
    /// Highest score in the band (inclusive).
    pub max: i32,
    /// A short name, e.g. "Strong".
    pub label: String,
    /// What an idea scoring in this band looks like.
    pub description: String,
}

impl Band {
    /// Whether `score` falls in this band.
    pub fn contains(&self, score: i32) -> bool {
        (self.min..=self.max).contains(&score)
    }
}

/// A rubric as entered, not yet checked. Turn it into a [`Rubric`] with [`RubricDraft::validate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RubricDraft {
    /// e.g. "Semi-final rubric".
    pub name: String,
    /// The scores a judge may give for each criterion.
    pub scale: Scale,
    /// In the order judges see them.
    pub criteria: Vec<Criterion>,
    /// Any order; a checked rubric keeps them lowest first.
    pub bands: Vec<Band>,
}

/// One problem with a rubric draft, shaped like the domain's `FieldError` for the GOV.UK error
/// summary: `field` says where (`name`, `scale`, `criteria`, `criteria.2.weight`, `bands.0` …,
/// indexes counting from 0 as in the draft), `message` what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RubricProblem {
    /// The draft's field the problem belongs to.
    pub field: String,
    /// What is wrong and how to fix it, in words a civil servant understands.
    pub message: String,
}

/// Every problem found in a rubric draft, in the order of the form (name, scale, criteria, bands).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct InvalidRubric {
    /// Never empty.
    pub problems: Vec<RubricProblem>,
}

impl InvalidRubric {
    /// The first message for `field`, if it has one.
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.problems.iter().find(|p| p.field == field).map(|p| p.message.as_str())
    }

    fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.problems.push(RubricProblem { field: field.into(), message: message.into() });
    }
}

impl fmt::Display for InvalidRubric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<&str> = self.problems.iter().map(|p| p.message.as_str()).collect();
        f.write_str(&messages.join("; "))
    }
}

impl std::error::Error for InvalidRubric {}

impl RubricDraft {
    /// Checks the draft and returns the rubric the aggregation accepts.
    ///
    /// # Errors
    /// Every problem found, not just the first: an empty name; a scale whose lowest score is not
    /// below its highest; no criteria; a criterion without an id or name, or with an id used
    /// twice; a weight that is not a number above 0; a band without a label, upside down, or
    /// reaching outside the scale; two bands sharing a score; a score that no band covers.
    pub fn validate(self) -> Result<Rubric, InvalidRubric> {
        let mut invalid = InvalidRubric { problems: Vec::new() };
        if self.name.trim().is_empty() {
            invalid.push("name", "Enter a name for the rubric");
        }
        let scale = self.scale;
        let scale_ok = scale.min < scale.max;
        if !scale_ok {
            invalid.push(
                "scale",
                format!("The lowest score ({}) must be below the highest score ({})", scale.min, scale.max),
            );
        }
        check_criteria(&self.criteria, &mut invalid);
        let mut bands = self.bands;
        if scale_ok {
            check_bands(&bands, scale, &mut invalid);
        }
        if !invalid.problems.is_empty() {
            return Err(invalid);
        }
        bands.sort_by_key(|b| b.min);
        Ok(Rubric { name: self.name, scale, criteria: self.criteria, bands })
    }
}

fn check_criteria(criteria: &[Criterion], invalid: &mut InvalidRubric) {
    if criteria.is_empty() {
        invalid.push("criteria", "Add at least one criterion");
    }
    let mut seen = BTreeSet::new();
    for (i, c) in criteria.iter().enumerate() {
        let n = i + 1;
        if c.id.0.trim().is_empty() {
            invalid.push(format!("criteria.{i}.id"), format!("Enter an id for criterion {n}"));
        } else if !seen.insert(c.id.0.as_str()) {
            invalid.push(
                format!("criteria.{i}.id"),
                format!("Criterion {n} has the id \"{}\", already used by another criterion; give each criterion its own id", c.id),
            );
        }
        if c.name.trim().is_empty() {
            invalid.push(format!("criteria.{i}.name"), format!("Enter a name for criterion {n}"));
        }
        // `!(w > 0)` rather than `w <= 0` so that NaN is refused too.
        if !(c.weight.is_finite() && c.weight > 0.0) {
            invalid.push(
                format!("criteria.{i}.weight"),
                format!(
                    "The weight of criterion {n} must be a number above 0, such as 1 (it is {})",
                    c.weight
                ),
            );
        }
    }
}

fn check_bands(bands: &[Band], scale: Scale, invalid: &mut InvalidRubric) {
    if bands.is_empty() {
        invalid
            .push("bands", format!("Add bands that describe the scores from {} to {}", scale.min, scale.max));
        return;
    }
    let mut usable = Vec::new();
    for (i, b) in bands.iter().enumerate() {
        let n = i + 1;
        if b.label.trim().is_empty() {
            invalid.push(format!("bands.{i}.label"), format!("Enter a label for band {n}"));
        }
        if b.min > b.max {
            invalid.push(
                format!("bands.{i}"),
                format!(
                    "Band {n} starts at {} but ends at {}; its first score must not be above its last",
                    b.min, b.max
                ),
            );
        } else if !scale.contains(b.min) || !scale.contains(b.max) {
            invalid.push(
                format!("bands.{i}"),
                format!(
                    "Band {n} runs from {} to {}, outside the scale of {} to {}",
                    b.min, b.max, scale.min, scale.max
                ),
            );
        } else {
            usable.push((i, b));
        }
    }
    // Gaps and overlaps, among the bands that are themselves sound. Walk them lowest first,
    // tracking the highest score covered so far.
    usable.sort_by_key(|(i, b)| (b.min, b.max, *i));
    let mut covered_to = scale.min - 1;
    let mut previous: Option<(usize, &Band)> = None;
    for &(i, b) in &usable {
        if b.min > covered_to + 1 {
            invalid.push("bands", gap_message(covered_to + 1, b.min - 1));
        } else if let Some((p, pb)) = previous.filter(|_| b.min <= covered_to) {
            invalid.push(
                format!("bands.{i}"),
                format!(
                    "Bands {} (\"{}\") and {} (\"{}\") both cover score {}; each score must be in exactly one band",
                    p + 1,
                    pb.label,
                    i + 1,
                    b.label,
                    b.min
                ),
            );
        }
        if b.max > covered_to {
            covered_to = b.max;
            previous = Some((i, b));
        }
    }
    // Only report the top gap when the bands themselves were all usable: otherwise the gap is
    // an echo of the band already reported.
    if covered_to < scale.max && usable.len() == bands.len() {
        invalid.push("bands", gap_message(covered_to + 1, scale.max));
    }
}

fn gap_message(from: i32, to: i32) -> String {
    if from == to {
        format!("No band describes a score of {from}; add one or widen a neighbouring band")
    } else {
        format!("No band describes scores {from} to {to}; add one or widen a neighbouring band")
    }
}

/// A checked rubric (see [`RubricDraft::validate`]): at least one criterion, unique non-empty
/// ids, weights above 0, `scale.min < scale.max`, and bands (kept lowest first) that cover
/// every score on the scale exactly once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
// No `specta::Type`: on the wire a rubric is its `RubricDraft` (see the serde attribute), so the
// UI boundary sends `RubricDraft`.
#[serde(try_from = "RubricDraft", into = "RubricDraft")]
pub struct Rubric {
    name: String,
    scale: Scale,
    criteria: Vec<Criterion>,
    bands: Vec<Band>,
}

impl TryFrom<RubricDraft> for Rubric {
    type Error = InvalidRubric;

    fn try_from(draft: RubricDraft) -> Result<Self, Self::Error> {
        draft.validate()
    }
}

impl From<Rubric> for RubricDraft {
    fn from(r: Rubric) -> Self {
        RubricDraft { name: r.name, scale: r.scale, criteria: r.criteria, bands: r.bands }
    }
}

impl Rubric {
    /// The rubric's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The scores a judge may give.
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// The criteria, in the order judges see them.
    pub fn criteria(&self) -> &[Criterion] {
        &self.criteria
    }

    /// The bands, lowest first, covering the scale exactly once.
    pub fn bands(&self) -> &[Band] {
        &self.bands
    }

    /// The criterion with this id.
    pub fn criterion(&self, id: &CriterionId) -> Option<&Criterion> {
        self.criteria.iter().find(|c| &c.id == id)
    }

    /// The band `score` falls in, or `None` if it is off the scale.
    pub fn band_for(&self, score: i32) -> Option<&Band> {
        self.bands.iter().find(|b| b.contains(score))
    }

    /// Whether a judge must write a comment to give `score`: the challenge asks for one in the
    /// extreme bands ([`EXTREME_BANDS`] at each end: the lowest and the highest), where a score
    /// most needs its reasons. A one-band rubric therefore asks for a comment on every score. A
    /// score off the scale returns `false`: it cannot be given at all.
    pub fn requires_comment(&self, score: i32) -> bool {
        match self.bands.iter().position(|b| b.contains(score)) {
            Some(i) => i < EXTREME_BANDS || i >= self.bands.len().saturating_sub(EXTREME_BANDS),
            None => false,
        }
    }

    /// The draft this rubric was checked from, for editing.
    pub fn into_draft(self) -> RubricDraft {
        self.into()
    }
}
