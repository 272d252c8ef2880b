//! Screening: is the idea eligible, and is the same thing already built or being built
//! elsewhere in government?

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::coded::coded_enum;
use crate::idea::links;
use crate::validation::{optional_text, Invalid};

coded_enum! {
    /// The screening's answer on eligibility.
    pub enum Eligibility {
        Eligible = ("eligible", "Eligible"),
        Ineligible = ("ineligible", "Ineligible"),
    }
}

coded_enum! {
    /// Whether the same thing is already built or being built elsewhere in government.
    pub enum UnderWay {
        No = ("no", "No, not found elsewhere"),
        Partly = ("partly", "Partly: something similar exists"),
        Yes = ("yes", "Yes: already built or being built"),
        NotChecked = ("notChecked", "Not checked yet"),
    }
}

/// A screening as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Screening {
    pub eligibility: Eligibility,
    /// Why: required when ineligible, welcome otherwise.
    pub eligibility_reason: String,
    pub under_way: UnderWay,
    pub under_way_note: String,
    /// Where the existing work can be seen.
    pub under_way_links: Vec<String>,
    pub screened_by: String,
    pub screened_at: DateTime<Utc>,
}

/// A screening as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ScreeningInput {
    pub eligibility: Option<Eligibility>,
    pub eligibility_reason: String,
    pub under_way: Option<UnderWay>,
    pub under_way_note: String,
    pub under_way_links: Vec<String>,
}

/// A checked screening, ready to store (who and when are added by the caller).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidScreening {
    pub eligibility: Eligibility,
    pub eligibility_reason: String,
    pub under_way: UnderWay,
    pub under_way_note: String,
    pub under_way_links: Vec<String>,
}

const NOTE_MAX: usize = 4_000;

impl ScreeningInput {
    pub fn validate(&self) -> Result<ValidScreening, Invalid> {
        let mut invalid = Invalid::default();
        if self.eligibility.is_none() {
            invalid.push("eligibility", "Select whether the idea is eligible");
        }
        let eligibility_reason = optional_text(
            &mut invalid,
            "eligibilityReason",
            &self.eligibility_reason,
            "The reason",
            NOTE_MAX,
            true,
        );
        if self.eligibility == Some(Eligibility::Ineligible) && eligibility_reason.is_empty() {
            invalid.push("eligibilityReason", "Enter why the idea is ineligible");
        }
        let under_way = self.under_way.unwrap_or(UnderWay::NotChecked);
        let under_way_note =
            optional_text(&mut invalid, "underWayNote", &self.under_way_note, "The note", NOTE_MAX, true);
        if matches!(under_way, UnderWay::Yes | UnderWay::Partly) && under_way_note.is_empty() {
            invalid.push("underWayNote", "Say where the same or similar work is happening");
        }
        let under_way_links = links(&mut invalid, "underWayLinks", &self.under_way_links);
        let eligibility = self.eligibility.unwrap_or(Eligibility::Eligible);
        invalid.into_result(|| ValidScreening {
            eligibility,
            eligibility_reason,
            under_way,
            under_way_note,
            under_way_links,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ineligible_needs_a_reason_and_under_way_needs_a_note() {
        let input = ScreeningInput {
            eligibility: Some(Eligibility::Ineligible),
            under_way: Some(UnderWay::Yes),
            under_way_links: vec!["www.gov.uk".into()],
            ..ScreeningInput::default()
        };
        let invalid = input.validate().unwrap_err();
        assert_eq!(invalid.message_for("eligibilityReason"), Some("Enter why the idea is ineligible"));
        assert!(invalid.message_for("underWayNote").is_some());
        assert!(invalid.message_for("underWayLinks").unwrap().contains("https://"));
    }

    #[test]
    fn an_eligible_screening_needs_only_the_answer() {
        let input = ScreeningInput { eligibility: Some(Eligibility::Eligible), ..ScreeningInput::default() };
        let valid = input.validate().unwrap();
        assert_eq!(valid.under_way, UnderWay::NotChecked);
        let none = ScreeningInput::default().validate().unwrap_err();
        assert_eq!(none.message_for("eligibility"), Some("Select whether the idea is eligible"));
    }

    #[test]
    fn codes_round_trip() {
        for u in UnderWay::ALL {
            assert_eq!(UnderWay::from_code(u.code()), Some(*u));
        }
        assert_eq!(serde_json::to_string(&UnderWay::NotChecked).unwrap(), "\"notChecked\"");
    }
}
