//! A challenge: one run of the competition, from the call for ideas to the winner.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::validation::{parse_date_parts, required_text, Invalid};

/// The database identifier of a challenge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type)]
#[serde(transparent)]
pub struct ChallengeId(pub i64);

/// The Government Security Classification marking printed on every page and screen of a
/// challenge. Ideas challenges run at OFFICIAL; some carry OFFICIAL-SENSITIVE material.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
pub enum Marking {
    #[serde(rename = "OFFICIAL")]
    Official,
    #[serde(rename = "OFFICIAL-SENSITIVE")]
    OfficialSensitive,
    /// No marking: for public or training challenges.
    #[serde(rename = "NONE")]
    Unmarked,
}

impl Marking {
    /// The words printed in the banner, or `None` when nothing is printed.
    pub fn label(self) -> Option<&'static str> {
        match self {
            Marking::Official => Some("OFFICIAL"),
            Marking::OfficialSensitive => Some("OFFICIAL-SENSITIVE"),
            Marking::Unmarked => None,
        }
    }

    /// The stored code, stable for the life of the database.
    pub fn code(self) -> &'static str {
        match self {
            Marking::Official => "OFFICIAL",
            Marking::OfficialSensitive => "OFFICIAL-SENSITIVE",
            Marking::Unmarked => "NONE",
        }
    }

    /// Reads a stored or typed code; accepts the spellings people type (`official-sensitive`,
    /// `none`).
    pub fn from_code(code: &str) -> Option<Marking> {
        match code.trim().to_ascii_uppercase().replace(['_', ' '], "-").as_str() {
            "OFFICIAL" => Some(Marking::Official),
            "OFFICIAL-SENSITIVE" => Some(Marking::OfficialSensitive),
            "NONE" | "" => Some(Marking::Unmarked),
            _ => None,
        }
    }
}

/// A stored challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Challenge {
    pub id: ChallengeId,
    pub name: String,
    pub year: i32,
    pub closing_date: NaiveDate,
    pub marking: Marking,
    /// Letters that begin every idea reference of this challenge, e.g. `DC21` in `DC21-0042`.
    pub reference_prefix: String,
    pub created_at: DateTime<Utc>,
}

/// A challenge as typed into the form: raw text, checked by [`ChallengeInput::validate`].
/// The closing date comes as the three boxes of the GOV.UK date-input pattern.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ChallengeInput {
    pub name: String,
    pub year: String,
    pub closing_day: String,
    pub closing_month: String,
    pub closing_year: String,
    pub marking: Option<Marking>,
    pub reference_prefix: String,
}

/// A challenge that passed every rule; the only form storage accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidChallenge {
    pub name: String,
    pub year: i32,
    pub closing_date: NaiveDate,
    pub marking: Marking,
    pub reference_prefix: String,
}

pub const NAME_MAX: usize = 120;

impl ChallengeInput {
    /// Checks every field and reports all problems at once, in form order.
    pub fn validate(&self) -> Result<ValidChallenge, Invalid> {
        let mut invalid = Invalid::default();
        let name = required_text(
            &mut invalid,
            "name",
            &self.name,
            "Challenge name",
            "Enter the challenge name",
            NAME_MAX,
            false,
        );

        let year = match self.year.trim().parse::<i32>() {
            Ok(y) if (2000..=2100).contains(&y) => y,
            _ if self.year.trim().is_empty() => {
                invalid.push("year", "Enter the year of the challenge, like 2021");
                0
            }
            _ => {
                invalid.push("year", "Year must be a 4-digit year between 2000 and 2100, like 2021");
                0
            }
        };

        let closing_date = parse_date_parts(
            &mut invalid,
            "closingDay",
            "Closing date",
            &self.closing_day,
            &self.closing_month,
            &self.closing_year,
        );

        let marking = match self.marking {
            Some(m) => m,
            None => {
                invalid.push("marking", "Select the classification marking for this challenge");
                Marking::Official
            }
        };

        let prefix = self.reference_prefix.trim().to_ascii_uppercase();
        if prefix.is_empty() {
            invalid.push("referencePrefix", "Enter a reference prefix, like DC21");
        } else if !(2..=8).contains(&prefix.len()) || !prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
            invalid.push("referencePrefix", "Reference prefix must be 2 to 8 letters or numbers, like DC21");
        }

        invalid.into_result(|| ValidChallenge {
            name,
            year,
            closing_date: closing_date.unwrap_or_default(),
            marking,
            reference_prefix: prefix,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn input() -> ChallengeInput {
        ChallengeInput {
            name: "Civil Service Data Challenge 2021".into(),
            year: "2021".into(),
            closing_day: "14".into(),
            closing_month: "5".into(),
            closing_year: "2021".into(),
            marking: Some(Marking::Official),
            reference_prefix: "dc21".into(),
        }
    }

    #[test]
    fn a_complete_form_is_accepted_and_the_prefix_is_upper_cased() {
        let valid = input().validate().expect("every field is filled in correctly");
        assert_eq!(valid.reference_prefix, "DC21", "references are printed in capitals");
        assert_eq!(valid.closing_date, NaiveDate::from_ymd_opt(2021, 5, 14).expect("a real date"));
    }

    #[rstest]
    #[case("", "5", "2021", "Closing date must include a day")]
    #[case("", "", "2021", "Closing date must include a day and month")]
    #[case("", "", "", "Enter the closing date")]
    #[case("31", "2", "2021", "Closing date must be a real date, like 14 5 2021")]
    #[case("14", "5", "21", "Closing date must be a real date, like 14 5 2021")]
    fn closing_date_messages_follow_the_govuk_date_pattern(
        #[case] d: &str,
        #[case] m: &str,
        #[case] y: &str,
        #[case] expected: &str,
    ) {
        let mut i = input();
        (i.closing_day, i.closing_month, i.closing_year) = (d.into(), m.into(), y.into());
        let err = i.validate().expect_err("the date is incomplete or impossible");
        assert_eq!(err.message_for("closingDay"), Some(expected));
    }

    #[test]
    fn every_problem_is_reported_at_once_in_form_order() {
        let err = ChallengeInput::default().validate().expect_err("an empty form is refused");
        let fields: Vec<&str> = err.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "year", "closingDay", "marking", "referencePrefix"]);
    }

    #[rstest]
    #[case("OFFICIAL", Some(Marking::Official))]
    #[case("official-sensitive", Some(Marking::OfficialSensitive))]
    #[case("OFFICIAL_SENSITIVE", Some(Marking::OfficialSensitive))]
    #[case("none", Some(Marking::Unmarked))]
    #[case("SECRET", None)]
    fn markings_are_read_from_the_spellings_people_type(
        #[case] code: &str,
        #[case] expected: Option<Marking>,
    ) {
        assert_eq!(Marking::from_code(code), expected);
    }

    #[test]
    fn marking_codes_round_trip() {
        for m in [Marking::Official, Marking::OfficialSensitive, Marking::Unmarked] {
            assert_eq!(Marking::from_code(m.code()), Some(m));
        }
    }
}
