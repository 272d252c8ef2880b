//! The secretariat's evaluation of an idea taken forward: viability, benefits and obstacles to
//! delivery, each rated red / amber / green with a narrative, and a recommendation.
//!
//! An evaluation is written over days, so it can be saved incomplete: [`Evaluation::missing`]
//! lists what is still to do, and only a complete one lets an idea reach the shortlist.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::coded::coded_enum;
use crate::validation::{group_thousands, optional_text, Invalid};

coded_enum! {
    /// A red / amber / green rating. Always shown with its word, never by colour alone.
    pub enum Rag {
        Red = ("red", "Red"),
        Amber = ("amber", "Amber"),
        Green = ("green", "Green"),
    }
}

coded_enum! {
    pub enum DataAvailability {
        Available = ("available", "Available today"),
        Partly = ("partly", "Partly available"),
        NotAvailable = ("notAvailable", "Not available"),
    }
}

coded_enum! {
    pub enum DataQuality {
        Good = ("good", "Good"),
        Adequate = ("adequate", "Adequate"),
        Poor = ("poor", "Poor"),
        Unknown = ("unknown", "Not known"),
    }
}

coded_enum! {
    /// Where a data sharing agreement or a DPIA stands.
    pub enum Paperwork {
        InPlace = ("inPlace", "In place"),
        Needed = ("needed", "Needed"),
        NotNeeded = ("notNeeded", "Not needed"),
        Unknown = ("unknown", "Not known"),
    }
}

coded_enum! {
    pub enum CostBand {
        Under10k = ("under10k", "Under £10,000"),
        To50k = ("10kTo50k", "£10,000 to £50,000"),
        To250k = ("50kTo250k", "£50,000 to £250,000"),
        To1m = ("250kTo1m", "£250,000 to £1 million"),
        Over1m = ("over1m", "Over £1 million"),
    }
}

coded_enum! {
    pub enum TimeToValue {
        Under3Months = ("under3Months", "Under 3 months"),
        To6Months = ("3To6Months", "3 to 6 months"),
        To12Months = ("6To12Months", "6 to 12 months"),
        Over12Months = ("over12Months", "Over 12 months"),
    }
}

coded_enum! {
    pub enum Beneficiary {
        Citizens = ("citizens", "Citizens"),
        Staff = ("staff", "Staff"),
        PolicyMakers = ("policyMakers", "Policy makers"),
    }
}

coded_enum! {
    pub enum BenefitKind {
        Cashable = ("cashable", "Cashable saving"),
        NonCashable = ("nonCashable", "Non-cashable saving"),
        ServiceQuality = ("serviceQuality", "Service quality"),
        PolicyInsight = ("policyInsight", "Policy insight"),
    }
}

coded_enum! {
    pub enum Confidence {
        Low = ("low", "Low"),
        Medium = ("medium", "Medium"),
        High = ("high", "High"),
    }
}

coded_enum! {
    pub enum ObstacleCategory {
        DataAccess = ("dataAccess", "Data access"),
        LegalEthical = ("legalEthical", "Legal or ethical"),
        Technology = ("technology", "Technology"),
        Skills = ("skills", "Skills or capacity"),
        Funding = ("funding", "Funding"),
        Commercial = ("commercial", "Commercial"),
        Organisational = ("organisational", "Organisation or culture"),
    }
}

coded_enum! {
    pub enum ObstacleStatus {
        Open = ("open", "Open"),
        Mitigating = ("mitigating", "Being mitigated"),
        Closed = ("closed", "Closed"),
    }
}

coded_enum! {
    /// The secretariat's recommendation to the panel.
    pub enum Recommendation {
        Progress = ("progress", "Progress"),
        Hold = ("hold", "Hold"),
        DoNotProgress = ("doNotProgress", "Do not progress"),
    }
}

/// Viability: can it be done?
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Viability {
    pub rating: Option<Rag>,
    pub narrative: String,
    pub data_availability: Option<DataAvailability>,
    pub data_quality: Option<DataQuality>,
    pub data_sharing_agreement: Option<Paperwork>,
    pub dpia: Option<Paperwork>,
    pub lawful_basis: String,
    pub technical_feasibility: String,
    pub skills_capacity: String,
    pub cost_band: Option<CostBand>,
    pub time_to_value: Option<TimeToValue>,
}

/// Benefits: what would it be worth, and to whom?
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Benefits {
    pub rating: Option<Rag>,
    pub narrative: String,
    pub beneficiaries: Vec<Beneficiary>,
    pub kinds: Vec<BenefitKind>,
    /// The estimated value in pounds, as a range.
    pub value_low: Option<i64>,
    pub value_high: Option<i64>,
    pub value_confidence: Option<Confidence>,
    /// How many people it would reach.
    pub people_affected: Option<i64>,
    pub priorities_fit: String,
}

/// One obstacle to delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Obstacle {
    pub category: ObstacleCategory,
    pub description: String,
    /// 1 (rare) to 5 (almost certain).
    pub likelihood: u8,
    /// 1 (minor) to 5 (severe).
    pub impact: u8,
    pub mitigation: String,
    pub owner: String,
    pub status: ObstacleStatus,
}

impl Obstacle {
    /// Likelihood × impact, 1 to 25: the order of the register.
    pub fn severity(&self) -> u8 {
        self.likelihood * self.impact
    }
}

/// Obstacles to delivery: a rating, a narrative and the register.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Obstacles {
    pub rating: Option<Rag>,
    pub narrative: String,
    /// Sorted by likelihood × impact, worst first.
    pub register: Vec<Obstacle>,
}

/// The whole evaluation of one idea.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    pub viability: Viability,
    pub benefits: Benefits,
    pub obstacles: Obstacles,
    pub recommendation: Option<Recommendation>,
    pub rationale: String,
    /// Who last saved it and when; `None` for an evaluation not yet started.
    pub updated_by: Option<String>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// The evaluation form as submitted: numbers and obstacle scores arrive as typed text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct EvaluationInput {
    pub viability: Viability,
    pub benefits: BenefitsInput,
    pub obstacles_rating: Option<Rag>,
    pub obstacles_narrative: String,
    pub obstacles: Vec<ObstacleInput>,
    pub recommendation: Option<Recommendation>,
    pub rationale: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BenefitsInput {
    pub rating: Option<Rag>,
    pub narrative: String,
    pub beneficiaries: Vec<Beneficiary>,
    pub kinds: Vec<BenefitKind>,
    pub value_low: String,
    pub value_high: String,
    pub value_confidence: Option<Confidence>,
    pub people_affected: String,
    pub priorities_fit: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ObstacleInput {
    pub category: Option<ObstacleCategory>,
    pub description: String,
    pub likelihood: String,
    pub impact: String,
    pub mitigation: String,
    pub owner: String,
    pub status: Option<ObstacleStatus>,
}

const NARRATIVE_MAX: usize = 10_000;
const SHORT_MAX: usize = 2_000;
const OBSTACLES_MAX: usize = 50;

/// A sum of money typed as "£1,200,000", "1200000" or "1.2m".
fn money(invalid: &mut Invalid, field: &str, label: &str, value: &str) -> Option<i64> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    let cleaned: String =
        v.chars().filter(|c| !matches!(c, '£' | ',' | ' ')).collect::<String>().to_lowercase();
    let (number, multiplier) = match cleaned.strip_suffix('m') {
        Some(n) => (n, 1_000_000.0),
        None => match cleaned.strip_suffix('k') {
            Some(n) => (n, 1_000.0),
            None => (cleaned.as_str(), 1.0),
        },
    };
    match number.parse::<f64>() {
        Ok(n) if n.is_finite() && n >= 0.0 && n * multiplier < 1e15 => Some((n * multiplier).round() as i64),
        _ => {
            invalid.push(field, format!("{label} must be an amount in pounds, like 250000 or £1.2m"));
            None
        }
    }
}

fn whole_number(invalid: &mut Invalid, field: &str, label: &str, value: &str) -> Option<i64> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    match v.replace(',', "").parse::<i64>() {
        Ok(n) if n >= 0 => Some(n),
        _ => {
            invalid.push(field, format!("{label} must be a whole number, like 12000"));
            None
        }
    }
}

fn one_to_five(invalid: &mut Invalid, field: &str, label: &str, value: &str) -> u8 {
    match value.trim().parse::<u8>() {
        Ok(n @ 1..=5) => n,
        _ => {
            invalid.push(field, format!("Select the {label} from 1 to 5"));
            1
        }
    }
}

fn unique<T: PartialEq + Copy>(values: &[T]) -> Vec<T> {
    let mut out = Vec::new();
    for v in values {
        if !out.contains(v) {
            out.push(*v);
        }
    }
    out
}

impl EvaluationInput {
    /// Checks what was typed. Missing answers are fine (see [`Evaluation::missing`]); wrong ones
    /// (text in a number, a range the wrong way round, an obstacle without a description) are not.
    pub fn validate(&self) -> Result<Evaluation, Invalid> {
        let mut invalid = Invalid::default();
        let v = &self.viability;
        let mut text = |field: &str, value: &str, label: &str, max: usize| {
            optional_text(&mut invalid, field, value, label, max, true)
        };
        let viability = Viability {
            rating: v.rating,
            narrative: text("viabilityNarrative", &v.narrative, "The viability narrative", NARRATIVE_MAX),
            data_availability: v.data_availability,
            data_quality: v.data_quality,
            data_sharing_agreement: v.data_sharing_agreement,
            dpia: v.dpia,
            lawful_basis: text("lawfulBasis", &v.lawful_basis, "The lawful basis", SHORT_MAX),
            technical_feasibility: text(
                "technicalFeasibility",
                &v.technical_feasibility,
                "Technical feasibility",
                SHORT_MAX,
            ),
            skills_capacity: text("skillsCapacity", &v.skills_capacity, "Skills and capacity", SHORT_MAX),
            cost_band: v.cost_band,
            time_to_value: v.time_to_value,
        };
        let b = &self.benefits;
        let narrative = text("benefitsNarrative", &b.narrative, "The benefits narrative", NARRATIVE_MAX);
        let priorities_fit = text("prioritiesFit", &b.priorities_fit, "Fit with priorities", SHORT_MAX);
        let obstacles_narrative =
            text("obstaclesNarrative", &self.obstacles_narrative, "The obstacles narrative", NARRATIVE_MAX);
        let rationale = text("rationale", &self.rationale, "The rationale", NARRATIVE_MAX);
        let value_low = money(&mut invalid, "valueLow", "The lowest estimate", &b.value_low);
        let value_high = money(&mut invalid, "valueHigh", "The highest estimate", &b.value_high);
        if let (Some(low), Some(high)) = (value_low, value_high) {
            if low > high {
                invalid.push(
                    "valueHigh",
                    format!(
                        "The highest estimate (£{}) must be at least the lowest (£{})",
                        group_thousands(high as usize),
                        group_thousands(low as usize)
                    ),
                );
            }
        }
        let people_affected =
            whole_number(&mut invalid, "peopleAffected", "People affected", &b.people_affected);
        if self.obstacles.len() > OBSTACLES_MAX {
            invalid.push("obstacles", format!("Record up to {OBSTACLES_MAX} obstacles: merge some"));
        }
        let mut register = Vec::new();
        for (i, o) in self.obstacles.iter().enumerate() {
            let n = i + 1;
            let blank = o.description.trim().is_empty()
                && o.mitigation.trim().is_empty()
                && o.owner.trim().is_empty()
                && o.category.is_none();
            if blank {
                continue;
            }
            let field = |name: &str| format!("obstacles.{i}.{name}");
            let description = optional_text(
                &mut invalid,
                &field("description"),
                &o.description,
                &format!("Obstacle {n}'s description"),
                SHORT_MAX,
                true,
            );
            if description.is_empty() {
                invalid.push(&field("description"), format!("Describe obstacle {n}"));
            }
            if o.category.is_none() {
                invalid.push(&field("category"), format!("Select the category of obstacle {n}"));
            }
            let likelihood = one_to_five(
                &mut invalid,
                &field("likelihood"),
                &format!("likelihood of obstacle {n}"),
                &o.likelihood,
            );
            let impact =
                one_to_five(&mut invalid, &field("impact"), &format!("impact of obstacle {n}"), &o.impact);
            register.push(Obstacle {
                category: o.category.unwrap_or(ObstacleCategory::Organisational),
                description,
                likelihood,
                impact,
                mitigation: optional_text(
                    &mut invalid,
                    &field("mitigation"),
                    &o.mitigation,
                    &format!("Obstacle {n}'s mitigation"),
                    SHORT_MAX,
                    true,
                ),
                owner: optional_text(
                    &mut invalid,
                    &field("owner"),
                    &o.owner,
                    &format!("Obstacle {n}'s owner"),
                    200,
                    false,
                ),
                status: o.status.unwrap_or(ObstacleStatus::Open),
            });
        }
        sort_register(&mut register);
        invalid.into_result(|| Evaluation {
            viability,
            benefits: Benefits {
                rating: b.rating,
                narrative,
                beneficiaries: unique(&b.beneficiaries),
                kinds: unique(&b.kinds),
                value_low,
                value_high,
                value_confidence: b.value_confidence,
                people_affected,
                priorities_fit,
            },
            obstacles: Obstacles { rating: self.obstacles_rating, narrative: obstacles_narrative, register },
            recommendation: self.recommendation,
            rationale,
            updated_by: None,
            updated_at: None,
        })
    }
}

/// Worst first (likelihood × impact), then by likelihood, keeping entry order among equals.
pub fn sort_register(register: &mut [Obstacle]) {
    register.sort_by(|a, b| b.severity().cmp(&a.severity()).then(b.likelihood.cmp(&a.likelihood)));
}

impl Evaluation {
    /// What is still to do before the evaluation is complete, in form order, as people read it.
    /// An empty list means complete.
    pub fn missing(&self) -> Vec<String> {
        let v = &self.viability;
        let b = &self.benefits;
        let o = &self.obstacles;
        let checks: [(&str, bool); 21] = [
            ("Viability rating", v.rating.is_some()),
            ("Viability narrative", !v.narrative.is_empty()),
            ("Data availability", v.data_availability.is_some()),
            ("Data quality", v.data_quality.is_some()),
            ("Data sharing agreement", v.data_sharing_agreement.is_some()),
            ("DPIA", v.dpia.is_some()),
            ("Lawful basis", !v.lawful_basis.is_empty()),
            ("Technical feasibility", !v.technical_feasibility.is_empty()),
            ("Skills and capacity", !v.skills_capacity.is_empty()),
            ("Cost band", v.cost_band.is_some()),
            ("Time to first value", v.time_to_value.is_some()),
            ("Benefits rating", b.rating.is_some()),
            ("Benefits narrative", !b.narrative.is_empty()),
            ("Who benefits", !b.beneficiaries.is_empty()),
            ("Kind of benefit", !b.kinds.is_empty()),
            (
                "Estimated value",
                b.value_low.is_some() && b.value_high.is_some() && b.value_confidence.is_some(),
            ),
            ("People affected", b.people_affected.is_some()),
            ("Obstacles rating", o.rating.is_some()),
            ("Obstacles narrative", !o.narrative.is_empty()),
            ("Recommendation", self.recommendation.is_some()),
            ("Rationale", !self.rationale.is_empty()),
        ];
        checks.iter().filter(|(_, done)| !done).map(|(label, _)| (*label).to_owned()).collect()
    }

    /// The input that reproduces this evaluation, for editing it.
    pub fn to_input(&self) -> EvaluationInput {
        let b = &self.benefits;
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        EvaluationInput {
            viability: self.viability.clone(),
            benefits: BenefitsInput {
                rating: b.rating,
                narrative: b.narrative.clone(),
                beneficiaries: b.beneficiaries.clone(),
                kinds: b.kinds.clone(),
                value_low: number(b.value_low),
                value_high: number(b.value_high),
                value_confidence: b.value_confidence,
                people_affected: number(b.people_affected),
                priorities_fit: b.priorities_fit.clone(),
            },
            obstacles_rating: self.obstacles.rating,
            obstacles_narrative: self.obstacles.narrative.clone(),
            obstacles: self
                .obstacles
                .register
                .iter()
                .map(|o| ObstacleInput {
                    category: Some(o.category),
                    description: o.description.clone(),
                    likelihood: o.likelihood.to_string(),
                    impact: o.impact.to_string(),
                    mitigation: o.mitigation.clone(),
                    owner: o.owner.clone(),
                    status: Some(o.status),
                })
                .collect(),
            recommendation: self.recommendation,
            rationale: self.rationale.clone(),
        }
    }

    /// The headline changes from `before` for the idea's timeline: ratings and recommendation.
    pub fn headline_changes(&self, before: &Evaluation) -> Vec<(&'static str, String, String)> {
        let rag = |r: Option<Rag>| r.map(|r| r.label().to_owned()).unwrap_or_else(|| "Not rated".to_owned());
        let rec =
            |r: Option<Recommendation>| r.map(|r| r.label().to_owned()).unwrap_or_else(|| "None".to_owned());
        let mut out = Vec::new();
        let pairs = [
            ("Viability rating", rag(before.viability.rating), rag(self.viability.rating)),
            ("Benefits rating", rag(before.benefits.rating), rag(self.benefits.rating)),
            ("Obstacles rating", rag(before.obstacles.rating), rag(self.obstacles.rating)),
            ("Recommendation", rec(before.recommendation), rec(self.recommendation)),
        ];
        for (label, old, new) in pairs {
            if old != new {
                out.push((label, old, new));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> EvaluationInput {
        EvaluationInput {
            viability: Viability {
                rating: Some(Rag::Green),
                narrative: "Data exists and the team is ready.".into(),
                data_availability: Some(DataAvailability::Available),
                data_quality: Some(DataQuality::Good),
                data_sharing_agreement: Some(Paperwork::InPlace),
                dpia: Some(Paperwork::Needed),
                lawful_basis: "Public task".into(),
                technical_feasibility: "Standard tools".into(),
                skills_capacity: "Two analysts".into(),
                cost_band: Some(CostBand::To50k),
                time_to_value: Some(TimeToValue::To6Months),
            },
            benefits: BenefitsInput {
                rating: Some(Rag::Amber),
                narrative: "Faster claims".into(),
                beneficiaries: vec![Beneficiary::Citizens, Beneficiary::Citizens],
                kinds: vec![BenefitKind::ServiceQuality],
                value_low: "£250,000".into(),
                value_high: "1.2m".into(),
                value_confidence: Some(Confidence::Medium),
                people_affected: "12,000".into(),
                priorities_fit: "Levelling up".into(),
            },
            obstacles_rating: Some(Rag::Amber),
            obstacles_narrative: "Access takes time.".into(),
            obstacles: vec![
                ObstacleInput {
                    category: Some(ObstacleCategory::Funding),
                    description: "No budget line".into(),
                    likelihood: "2".into(),
                    impact: "3".into(),
                    ..ObstacleInput::default()
                },
                ObstacleInput {
                    category: Some(ObstacleCategory::DataAccess),
                    description: "DSA takes months".into(),
                    likelihood: "4".into(),
                    impact: "4".into(),
                    ..ObstacleInput::default()
                },
            ],
            recommendation: Some(Recommendation::Progress),
            rationale: "Strong and cheap.".into(),
        }
    }

    #[test]
    fn a_complete_evaluation_misses_nothing_and_sorts_its_obstacles() {
        let e = complete().validate().unwrap();
        assert_eq!(e.missing(), Vec::<String>::new());
        assert_eq!(e.benefits.value_low, Some(250_000));
        assert_eq!(e.benefits.value_high, Some(1_200_000));
        assert_eq!(e.benefits.people_affected, Some(12_000));
        assert_eq!(e.benefits.beneficiaries, vec![Beneficiary::Citizens]);
        let order: Vec<u8> = e.obstacles.register.iter().map(Obstacle::severity).collect();
        assert_eq!(order, vec![16, 6]);
    }

    #[test]
    fn an_empty_evaluation_saves_and_lists_everything_missing() {
        let e = EvaluationInput::default().validate().unwrap();
        let missing = e.missing();
        assert_eq!(missing.len(), 21);
        assert_eq!(missing[0], "Viability rating");
        assert_eq!(missing.last().unwrap(), "Rationale");
    }

    #[test]
    fn wrong_answers_are_refused_per_field() {
        let mut input = complete();
        input.benefits.value_low = "two million".into();
        input.benefits.people_affected = "-4".into();
        input.obstacles[0].likelihood = "7".into();
        input.obstacles[1].description = String::new();
        let invalid = input.validate().unwrap_err();
        assert!(invalid.message_for("valueLow").unwrap().contains("amount in pounds"));
        assert!(invalid.message_for("peopleAffected").unwrap().contains("whole number"));
        assert_eq!(
            invalid.message_for("obstacles.0.likelihood"),
            Some("Select the likelihood of obstacle 1 from 1 to 5")
        );
        assert_eq!(invalid.message_for("obstacles.1.description"), Some("Describe obstacle 2"));
    }

    #[test]
    fn a_range_the_wrong_way_round_is_refused() {
        let mut input = complete();
        input.benefits.value_low = "2m".into();
        input.benefits.value_high = "1m".into();
        let invalid = input.validate().unwrap_err();
        assert_eq!(
            invalid.message_for("valueHigh"),
            Some("The highest estimate (£1,000,000) must be at least the lowest (£2,000,000)")
        );
    }

    #[test]
    fn blank_obstacle_rows_are_dropped() {
        let mut input = complete();
        input.obstacles.push(ObstacleInput::default());
        assert_eq!(input.validate().unwrap().obstacles.register.len(), 2);
    }

    #[test]
    fn to_input_round_trips() {
        let e = complete().validate().unwrap();
        assert_eq!(e.to_input().validate().unwrap(), e);
    }

    #[test]
    fn headline_changes_name_ratings_and_recommendation() {
        let before = EvaluationInput::default().validate().unwrap();
        let after = complete().validate().unwrap();
        let changes = after.headline_changes(&before);
        assert_eq!(changes[0], ("Viability rating", "Not rated".to_owned(), "Green".to_owned()));
        assert_eq!(changes.len(), 4);
        assert!(after.headline_changes(&after).is_empty());
    }
}
