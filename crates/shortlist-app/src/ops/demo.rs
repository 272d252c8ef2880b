use shortlist_domain::{Challenge, ChangeKind, IdeaChange};
use shortlist_store::{challenges, history, ideas};

use super::Shortlist;
use crate::{demo, ApiError};

/// What `create_demo` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoOutcome {
    Created {
        challenge: Challenge,
        ideas: usize,
    },
    /// The demo challenge was already here; nothing was changed (so the README's start command
    /// can be run again safely).
    AlreadyPresent {
        challenge: Challenge,
    },
}

impl Shortlist {
    /// Creates the demo challenge (2021 pattern, `count` ideas from `seed`) in one transaction,
    /// unless a challenge with its reference prefix already exists.
    pub fn create_demo(&self, seed: u64, count: usize) -> Result<DemoOutcome, ApiError> {
        let input = demo::demo_challenge();
        let valid = input.validate()?;
        let ideas_in: Vec<_> = demo::demo_ideas(seed, count)
            .iter()
            .map(|idea| idea.to_input().validate())
            .collect::<Result<_, _>>()?;
        let now = self.now();
        let by = self.display_name()?;
        self.store()?.write(|tx| {
            if let Some(challenge) = challenges::find_by_prefix(tx, &valid.reference_prefix)? {
                return Ok(DemoOutcome::AlreadyPresent { challenge });
            }
            let challenge = challenges::insert(tx, &valid, now)?;
            for idea in &ideas_in {
                let stored = ideas::insert(tx, challenge.id, idea, None, now)?;
                history::record(
                    tx,
                    stored.id,
                    &IdeaChange {
                        at: now,
                        by: by.clone(),
                        kind: ChangeKind::Created,
                        field: None,
                        old_value: None,
                        new_value: None,
                        note: Some("Generated for the demo challenge".to_owned()),
                    },
                )?;
            }
            Ok(DemoOutcome::Created { challenge, ideas: ideas_in.len() })
        })
    }
}
