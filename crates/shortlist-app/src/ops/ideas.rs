use shortlist_domain::{ChallengeId, Idea, IdeaId, IdeaInput, IdeaSummary};
use shortlist_store::{challenges, ideas};

use super::Shortlist;
use crate::ApiError;

impl Shortlist {
    /// A challenge's ideas in reference order.
    pub fn list_ideas(&self, challenge: ChallengeId) -> Result<Vec<IdeaSummary>, ApiError> {
        let store = self.store()?;
        challenges::get(store.read(), challenge)?;
        Ok(ideas::list(store.read(), challenge)?)
    }

    pub fn get_idea(&self, id: IdeaId) -> Result<Idea, ApiError> {
        Ok(ideas::get(self.store()?.read(), id)?)
    }

    /// Finds an idea by the reference people quote, e.g. `DC21-0042` (case and spaces forgiven).
    pub fn get_idea_by_reference(&self, reference: &str) -> Result<Idea, ApiError> {
        let reference = reference.trim().to_ascii_uppercase();
        Ok(ideas::get_by_reference(self.store()?.read(), &reference)?)
    }

    /// Adds an idea to a challenge; it gets the challenge's next reference.
    pub fn create_idea(&self, challenge: ChallengeId, input: &IdeaInput) -> Result<Idea, ApiError> {
        let valid = input.validate()?;
        let now = self.now();
        self.store()?.write(|tx| Ok(ideas::insert(tx, challenge, &valid, now)?))
    }

    /// Saves an edited idea. Its reference never changes.
    pub fn update_idea(&self, id: IdeaId, input: &IdeaInput) -> Result<Idea, ApiError> {
        let valid = input.validate()?;
        let now = self.now();
        self.store()?.write(|tx| Ok(ideas::update(tx, id, &valid, now)?))
    }
}
