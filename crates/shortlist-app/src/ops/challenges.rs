use shortlist_domain::{Challenge, ChallengeInput};
use shortlist_store::challenges;

use super::Shortlist;
use crate::ApiError;

impl Shortlist {
    /// Every challenge in this database, newest first.
    pub fn list_challenges(&self) -> Result<Vec<Challenge>, ApiError> {
        Ok(challenges::list(self.store()?.read())?)
    }

    /// Creates a challenge from the set-up form.
    ///
    /// # Errors
    /// `Validation` when a field is wrong, including a reference prefix another challenge in this
    /// database already uses (references must stay unique across the archive).
    pub fn create_challenge(&self, input: &ChallengeInput) -> Result<Challenge, ApiError> {
        let valid = input.validate()?;
        let now = self.now();
        self.store()?.write(|tx| {
            if let Some(other) = challenges::find_by_prefix(tx, &valid.reference_prefix)? {
                return Err(ApiError::field(
                    "referencePrefix",
                    format!(
                        "The prefix {} is already used by “{}”: choose another, like {}{}",
                        valid.reference_prefix,
                        other.name,
                        valid.reference_prefix.trim_end_matches(|c: char| c.is_ascii_digit()),
                        valid.year % 100
                    ),
                ));
            }
            Ok(challenges::insert(tx, &valid, now)?)
        })
    }
}
