use shortlist_domain::{
    ChallengeId, ChangeKind, Idea, IdeaChange, IdeaId, IdeaInput, IdeaQuery, IdeaSummary, SearchResults,
};
use shortlist_store::imports::{self, DuplicateKind};
use shortlist_store::{challenges, history, ideas, search};

use super::duplicates::find_duplicates;

use super::Shortlist;
use crate::ApiError;

impl Shortlist {
    /// A challenge's ideas in reference order.
    pub fn list_ideas(&self, challenge: ChallengeId) -> Result<Vec<IdeaSummary>, ApiError> {
        let store = self.store()?;
        challenges::get(store.read(), challenge)?;
        Ok(ideas::list(store.read(), challenge)?)
    }

    /// One page of a challenge's ideas matching the search text and filters, with the counts
    /// beside each filter.
    pub fn search_ideas(&self, query: &IdeaQuery) -> Result<SearchResults, ApiError> {
        let store = self.store()?;
        challenges::get(store.read(), query.challenge_id)?;
        Ok(search::search_cached(store.read(), store.search_cache(), query)?)
    }

    pub fn get_idea(&self, id: IdeaId) -> Result<Idea, ApiError> {
        Ok(ideas::get(self.store()?.read(), id)?)
    }

    /// Finds an idea by the reference people quote, e.g. `DC21-0042` (case and spaces forgiven).
    pub fn get_idea_by_reference(&self, reference: &str) -> Result<Idea, ApiError> {
        let reference = reference.trim().to_ascii_uppercase();
        Ok(ideas::get_by_reference(self.store()?.read(), &reference)?)
    }

    /// An idea's timeline, newest first.
    pub fn idea_history(&self, id: IdeaId) -> Result<Vec<IdeaChange>, ApiError> {
        let store = self.store()?;
        ideas::get(store.read(), id)?;
        Ok(history::for_idea(store.read(), id)?)
    }

    /// Adds an idea to a challenge; it gets the challenge's next reference, and its history
    /// starts with "created by".
    pub fn create_idea(&self, challenge: ChallengeId, input: &IdeaInput) -> Result<Idea, ApiError> {
        let valid = input.validate()?;
        let now = self.now();
        let by = self.display_name()?;
        let existing = ideas::comparable(self.store()?.read(), challenge)?;
        let scan = find_duplicates(&existing, &[(0, input)]);
        self.store()?.write(|tx| {
            let idea = ideas::insert(tx, challenge, &valid, None, now)?;
            for d in &scan.candidates {
                if let Some(reference) = &d.matches_reference {
                    let other = ideas::get_by_reference(tx, &reference.0)?.id;
                    let kind = if d.exact { DuplicateKind::Exact } else { DuplicateKind::Near };
                    imports::flag(tx, idea.id, other, kind, d.score, now)?;
                }
            }
            history::record(
                tx,
                idea.id,
                &IdeaChange {
                    at: now,
                    by,
                    kind: ChangeKind::Created,
                    field: None,
                    old_value: None,
                    new_value: None,
                    note: None,
                },
            )?;
            Ok(idea)
        })
    }

    /// Saves an edited idea, recording each changed field (old → new) in its history. Saving
    /// without changes records nothing. The reference never changes.
    pub fn update_idea(&self, id: IdeaId, input: &IdeaInput) -> Result<Idea, ApiError> {
        let valid = input.validate()?;
        let now = self.now();
        let by = self.display_name()?;
        self.store()?.write(|tx| {
            let before = ideas::get(tx, id)?;
            let changes = valid.changes_from(&before.details);
            if changes.is_empty() {
                return Ok(before);
            }
            let after = ideas::update(tx, id, &valid, now)?;
            for change in changes {
                history::record(
                    tx,
                    id,
                    &IdeaChange {
                        at: now,
                        by: by.clone(),
                        kind: ChangeKind::Edited,
                        field: Some(change.label.to_owned()),
                        old_value: Some(change.old),
                        new_value: Some(change.new),
                        note: None,
                    },
                )?;
            }
            Ok(after)
        })
    }
}

impl Shortlist {
    /// The ranked page alone, without the filter counts: what the search benchmark times as
    /// "the core". Returns how many ideas match.
    pub fn search_page_only(&self, query: &IdeaQuery) -> Result<u32, ApiError> {
        let store = self.store()?;
        Ok(search::search_page_cached(store.read(), store.search_cache(), query)?.0)
    }
}
