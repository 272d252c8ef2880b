use chrono::{DateTime, Utc};
use shortlist_demo::DemoProgress;
use shortlist_domain::{Challenge, ChangeKind, IdeaChange, IdeaId, MoveRequest};
use shortlist_store::{challenges, history, ideas, Transaction};

use super::judging::seat_panel;
use super::workflow::{evaluate_in, move_and_record, screen_in};
use super::Shortlist;
use crate::ApiError;

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
        let input = shortlist_demo::demo_challenge();
        let valid = input.validate()?;
        let generated = shortlist_demo::demo_ideas(seed, count);
        let ideas_in: Vec<_> =
            generated.iter().map(|idea| idea.to_input().validate()).collect::<Result<_, _>>()?;
        let plans = shortlist_demo::demo_progress(seed, &generated);
        let judges: Vec<_> =
            shortlist_demo::demo_judges().iter().map(|j| j.validate()).collect::<Result<_, _>>()?;
        let now = self.now();
        let by = self.display_name()?;
        self.store()?.write(|tx| {
            if let Some(challenge) = challenges::find_by_prefix(tx, &valid.reference_prefix)? {
                return Ok(DemoOutcome::AlreadyPresent { challenge });
            }
            let challenge = challenges::insert(tx, &valid, now)?;
            for (idea, plan) in ideas_in.iter().zip(&plans) {
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
                progress(tx, stored.id, plan, now, &by)?;
            }
            seat_panel(tx, challenge.id, shortlist_domain::Stage::Shortlist, &judges, now, &by)?;
            Ok(DemoOutcome::Created { challenge, ideas: ideas_in.len() })
        })
    }
}

/// Takes one demo idea through its planned screening, evaluation and moves, by the same rules
/// as a person would.
fn progress(
    tx: &Transaction<'_>,
    idea: IdeaId,
    plan: &DemoProgress,
    now: DateTime<Utc>,
    by: &str,
) -> Result<(), ApiError> {
    if let Some(screening) = &plan.screening {
        screen_in(tx, idea, &screening.validate()?, now, by)?;
    }
    if let Some(evaluation) = &plan.evaluation {
        evaluate_in(tx, idea, &evaluation.validate()?, now, by)?;
    }
    for &to in &plan.path {
        let reason = if to.is_exit() { plan.reason } else { "" };
        let request =
            MoveRequest { ideas: vec![idea], to, reason: reason.to_owned(), confirm_over_target: false };
        move_and_record(tx, &request, reason, now, by)?;
    }
    Ok(())
}
