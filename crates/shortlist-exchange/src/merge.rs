//! Merging a judge's score return into the secretariat's scores for a round — pure logic over an
//! in-memory view, so the rules are tested here and the app only reads and writes rows.
//!
//! The app builds a [`RoundScores`] from its database (the round's current scores, the enrolled
//! keys, the latest return number imported per judge), calls [`RoundScores::plan`] with a
//! return that [`crate::open`] verified, shows the [`MergePlan`], and writes its `accepted`
//! scores in one transaction. [`RoundScores::apply`] does the same to the in-memory view.
//!
//! # The rules
//!
//! 1. The return must be signed by the key enrolled for the judge it names; a key not enrolled,
//!    or enrolled for another judge, is refused. So is a return for another challenge or round,
//!    or one that gives two different scores for the same criterion at the same revision.
//! 2. For each (judge, idea, criterion) the higher revision wins. The judge's app counts each
//!    save of a score as a new revision; the secretariat stores the revision it last merged.
//! 3. An equal or lower revision changes nothing ("unchanged"), so importing a return twice, or
//!    an older return after a newer one, changes nothing — and the plan says so.
//! 4. A score the secretariat changed since it last merged the judge's revision (e.g. keyed from
//!    a paper sheet; [`CurrentScore::changed_by_secretariat_since`]) is never overwritten: a
//!    higher judge revision becomes a [`Conflict`] for a person to settle
//!    ([`RoundScores::settle`]). If the judge's score and comment are the same as the keyed
//!    ones, there is nothing to settle and the score is accepted.
//!
//! # Pairwise choices
//!
//! A return from a round judged by comparison also carries the judge's choices between pairs of
//! ideas ([`ReturnedComparison`]), keyed by (judge, left idea, right idea, criterion). They are
//! merged by the same rules, 2 to 4, against the [`CurrentComparison`]s given to
//! [`RoundScores::with_comparisons`], and counted with the scores in the receipt: to the judge a
//! choice is one more thing they sent.
//!
//! # Receipts
//!
//! Each plan carries a [`Receipt`]: a short code and a one-line summary ("12 scores accepted,
//! 3 unchanged, 1 conflict"). The code is [`receipt_code`] of the return's [`FileId`] and the
//! counts, so a judge's app, given the counts the secretariat reports, computes the same code
//! from its own copy of the return file ([`Receipt::for_return`]) and sees that the secretariat
//! took in that very file with that result.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::base32;
use crate::envelope::{FileId, Verified};
use crate::identity::{Fingerprint, PublicKey};
use crate::payload::{ReturnedComparison, ReturnedScore, ScoreReturn};

/// One score the secretariat holds for the round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentScore {
    /// The judge.
    pub judge_id: i64,
    /// The idea.
    pub idea_id: i64,
    /// The rubric's criterion id.
    pub criterion: String,
    /// The score held now.
    pub score: i32,
    /// The comment held now.
    pub comment: String,
    /// The judge's revision last merged for this score; 0 when none has been (e.g. the score was
    /// keyed from paper before any return arrived).
    pub revision: u64,
    /// `Some(r)` when the secretariat changed this score after merging the judge's revision `r`
    /// (0 if none had been merged); a later judge revision is then a conflict. `None` once the
    /// held score is the judge's own, or once a person has settled a conflict.
    pub changed_by_secretariat_since: Option<u64>,
}

type ScoreKey = (i64, i64, String);

/// One pairwise choice the secretariat holds for the round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentComparison {
    /// The judge.
    pub judge_id: i64,
    /// The idea shown on the left.
    pub left_id: i64,
    /// The idea shown on the right.
    pub right_id: i64,
    /// The criterion, or empty for the overall choice.
    pub criterion: String,
    /// `left`, `right` or `tie`.
    pub choice: String,
    /// The comment held now.
    pub comment: String,
    /// As [`CurrentScore::revision`].
    pub revision: u64,
    /// As [`CurrentScore::changed_by_secretariat_since`].
    pub changed_by_secretariat_since: Option<u64>,
}

type ComparisonKey = (i64, i64, i64, String);

fn comparison_key(c: &CurrentComparison) -> ComparisonKey {
    (c.judge_id, c.left_id, c.right_id, c.criterion.clone())
}

/// The secretariat's view of one round, against which returns are planned.
#[derive(Debug, Clone)]
pub struct RoundScores {
    challenge_id: i64,
    round: String,
    enrolled: HashMap<i64, PublicKey>,
    enrolled_by_key: HashMap<PublicKey, i64>,
    scores: HashMap<ScoreKey, CurrentScore>,
    comparisons: HashMap<ComparisonKey, CurrentComparison>,
    latest_sequence: HashMap<i64, u64>,
}

impl RoundScores {
    /// The round `round` of challenge `challenge_id`, with the judges' enrolled keys
    /// (judge id → key) and the scores held now.
    pub fn new(
        challenge_id: i64,
        round: impl Into<String>,
        enrolled: impl IntoIterator<Item = (i64, PublicKey)>,
        current: impl IntoIterator<Item = CurrentScore>,
    ) -> Self {
        let enrolled: HashMap<i64, PublicKey> = enrolled.into_iter().collect();
        let enrolled_by_key = enrolled.iter().map(|(&judge, &key)| (key, judge)).collect();
        let scores = current
            .into_iter()
            .map(|score| {
                let key = (score.judge_id, score.idea_id, score.criterion.clone());
                (key, score)
            })
            .collect();
        RoundScores {
            challenge_id,
            round: round.into(),
            enrolled,
            enrolled_by_key,
            scores,
            comparisons: HashMap::new(),
            latest_sequence: HashMap::new(),
        }
    }

    /// The same view with the pairwise choices held now.
    #[must_use]
    pub fn with_comparisons(mut self, current: impl IntoIterator<Item = CurrentComparison>) -> Self {
        self.comparisons = current.into_iter().map(|c| (comparison_key(&c), c)).collect();
        self
    }

    /// The choice held for (judge, left, right, criterion), if any.
    pub fn comparison(
        &self,
        judge_id: i64,
        left_id: i64,
        right_id: i64,
        criterion: &str,
    ) -> Option<&CurrentComparison> {
        self.comparisons.get(&(judge_id, left_id, right_id, criterion.to_owned()))
    }

    /// Records that return number `sequence` from `judge_id` was imported before (from the
    /// app's import log), so a plan can say when a return is older or a repeat.
    pub fn note_imported(&mut self, judge_id: i64, sequence: u64) {
        let latest = self.latest_sequence.entry(judge_id).or_insert(sequence);
        *latest = (*latest).max(sequence);
    }

    /// The score held for (judge, idea, criterion), if any.
    pub fn score(&self, judge_id: i64, idea_id: i64, criterion: &str) -> Option<&CurrentScore> {
        self.scores.get(&(judge_id, idea_id, criterion.to_owned()))
    }

    /// Every score held, in no particular order.
    pub fn scores(&self) -> impl Iterator<Item = &CurrentScore> {
        self.scores.values()
    }

    /// What merging `score_return` would do, changing nothing. See the module docs for the rules.
    pub fn plan(&self, score_return: &Verified<ScoreReturn>) -> MergePlan {
        let ret = score_return.payload();
        let return_id = *score_return.file_id();
        let mut plan = MergePlan {
            return_id,
            judge_id: ret.judge_id,
            sequence: ret.sequence,
            accepted: Vec::new(),
            accepted_comparisons: Vec::new(),
            unchanged: 0,
            conflicts: Vec::new(),
            comparison_conflicts: Vec::new(),
            refused: None,
            note: None,
            receipt: Receipt::for_return(&return_id, MergeCounts::default()),
        };
        let checked = self
            .check(score_return)
            .and_then(|()| Ok((latest_per_score(&ret.scores)?, latest_per_comparison(&ret.comparisons)?)));
        match checked {
            Err(refusal) => plan.refused = Some(refusal),
            Ok((theirs, their_choices)) => {
                for choice in their_choices {
                    let key = (ret.judge_id, choice.left_id, choice.right_id, choice.criterion.clone());
                    match self.comparisons.get(&key) {
                        None => plan.accepted_comparisons.push(choice.clone()),
                        Some(ours) if choice.revision <= ours.revision => plan.unchanged += 1,
                        Some(ours)
                            if ours.changed_by_secretariat_since.is_some()
                                && (ours.choice.as_str(), ours.comment.as_str())
                                    != (choice.choice.as_str(), choice.comment.as_str()) =>
                        {
                            plan.comparison_conflicts
                                .push(ComparisonConflict { theirs: choice.clone(), ours: ours.clone() });
                        }
                        Some(_) => plan.accepted_comparisons.push(choice.clone()),
                    }
                }
                for score in theirs {
                    let key = (ret.judge_id, score.idea_id, score.criterion.clone());
                    match self.scores.get(&key) {
                        None => plan.accepted.push(score.clone()),
                        Some(ours) if score.revision <= ours.revision => plan.unchanged += 1,
                        Some(ours)
                            if ours.changed_by_secretariat_since.is_some()
                                && (ours.score, ours.comment.as_str())
                                    != (score.score, score.comment.as_str()) =>
                        {
                            plan.conflicts.push(Conflict { theirs: score.clone(), ours: ours.clone() });
                        }
                        Some(_) => plan.accepted.push(score.clone()),
                    }
                }
                plan.note = self.note(ret.judge_id, ret.sequence);
            }
        }
        plan.receipt = Receipt::for_return(&return_id, plan.counts());
        plan
    }

    /// Makes the plan's changes to this view: each accepted score becomes the held score at the
    /// judge's revision. Conflicts and refused plans change nothing. `plan` must come from
    /// [`RoundScores::plan`] on this view as it is now.
    pub fn apply(&mut self, plan: &MergePlan) {
        if plan.refused.is_some() {
            return;
        }
        for theirs in &plan.accepted {
            let key = (plan.judge_id, theirs.idea_id, theirs.criterion.clone());
            self.scores.insert(key, judges_score(plan.judge_id, theirs));
        }
        for theirs in &plan.accepted_comparisons {
            let held = CurrentComparison {
                judge_id: plan.judge_id,
                left_id: theirs.left_id,
                right_id: theirs.right_id,
                criterion: theirs.criterion.clone(),
                choice: theirs.choice.clone(),
                comment: theirs.comment.clone(),
                revision: theirs.revision,
                changed_by_secretariat_since: None,
            };
            self.comparisons.insert(comparison_key(&held), held);
        }
        self.note_imported(plan.judge_id, plan.sequence);
    }

    /// Settles a conflict as a person decided: keeps the secretariat's score or takes the
    /// judge's. Either way the held revision becomes the judge's, so the same return imported
    /// again reports the score unchanged rather than the conflict again.
    pub fn settle(&mut self, conflict: &Conflict, take: Settlement) {
        let ours = &conflict.ours;
        let key = (ours.judge_id, ours.idea_id, ours.criterion.clone());
        let settled = match take {
            Settlement::Theirs => judges_score(ours.judge_id, &conflict.theirs),
            Settlement::Ours => CurrentScore {
                revision: conflict.theirs.revision,
                changed_by_secretariat_since: None,
                ..ours.clone()
            },
        };
        self.scores.insert(key, settled);
    }

    fn check(&self, score_return: &Verified<ScoreReturn>) -> Result<(), Refusal> {
        let ret = score_return.payload();
        let signer = score_return.signer();
        if self.enrolled.get(&ret.judge_id) != Some(signer) {
            return Err(match self.enrolled_by_key.get(signer) {
                Some(&other) => Refusal::KeyOfAnotherJudge { judge_id: ret.judge_id, signer_judge_id: other },
                None => Refusal::UnknownKey { judge_id: ret.judge_id, fingerprint: signer.fingerprint() },
            });
        }
        if ret.challenge_id != self.challenge_id {
            return Err(Refusal::WrongChallenge { theirs: ret.challenge_id, ours: self.challenge_id });
        }
        if ret.round != self.round {
            return Err(Refusal::WrongRound { theirs: ret.round.clone(), ours: self.round.clone() });
        }
        Ok(())
    }

    fn note(&self, judge_id: i64, sequence: u64) -> Option<ReturnNote> {
        let latest = *self.latest_sequence.get(&judge_id)?;
        if sequence < latest {
            Some(ReturnNote::OlderThanImported { latest })
        } else if sequence == latest {
            Some(ReturnNote::ImportedBefore)
        } else {
            None
        }
    }
}

fn judges_score(judge_id: i64, theirs: &ReturnedScore) -> CurrentScore {
    CurrentScore {
        judge_id,
        idea_id: theirs.idea_id,
        criterion: theirs.criterion.clone(),
        score: theirs.score,
        comment: theirs.comment.clone(),
        revision: theirs.revision,
        changed_by_secretariat_since: None,
    }
}

/// The return's scores with at most one per (idea, criterion): the highest revision. The same
/// score listed twice is harmless; two different scores at one revision cannot both be the
/// judge's latest, so the return is refused.
fn latest_per_score(scores: &[ReturnedScore]) -> Result<Vec<&ReturnedScore>, Refusal> {
    let mut latest: HashMap<(i64, &str), &ReturnedScore> = HashMap::with_capacity(scores.len());
    for score in scores {
        let key = (score.idea_id, score.criterion.as_str());
        match latest.get(&key) {
            Some(held) if held.revision > score.revision => {}
            Some(held)
                if held.revision == score.revision
                    && (held.score, &held.comment) != (score.score, &score.comment) =>
            {
                return Err(Refusal::ContradictoryScores {
                    idea_id: score.idea_id,
                    criterion: score.criterion.clone(),
                    revision: score.revision,
                });
            }
            _ => {
                latest.insert(key, score);
            }
        }
    }
    // Keep the return's own order so plans and tests are deterministic.
    Ok(scores
        .iter()
        .filter(|score| {
            latest
                .get(&(score.idea_id, score.criterion.as_str()))
                .is_some_and(|kept| std::ptr::eq(*kept, *score))
        })
        .collect())
}

/// The return's choices with at most one per (left, right, criterion), by the rule of
/// [`latest_per_score`].
fn latest_per_comparison(choices: &[ReturnedComparison]) -> Result<Vec<&ReturnedComparison>, Refusal> {
    let mut latest: HashMap<(i64, i64, &str), &ReturnedComparison> = HashMap::with_capacity(choices.len());
    for choice in choices {
        let key = (choice.left_id, choice.right_id, choice.criterion.as_str());
        match latest.get(&key) {
            Some(held) if held.revision > choice.revision => {}
            Some(held)
                if held.revision == choice.revision
                    && (&held.choice, &held.comment) != (&choice.choice, &choice.comment) =>
            {
                return Err(Refusal::ContradictoryComparisons {
                    left_id: choice.left_id,
                    right_id: choice.right_id,
                    criterion: choice.criterion.clone(),
                    revision: choice.revision,
                });
            }
            _ => {
                latest.insert(key, choice);
            }
        }
    }
    Ok(choices
        .iter()
        .filter(|c| {
            latest
                .get(&(c.left_id, c.right_id, c.criterion.as_str()))
                .is_some_and(|kept| std::ptr::eq(*kept, *c))
        })
        .collect())
}

/// Which side a person chose when settling a [`Conflict`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Settlement {
    /// Keep the score the secretariat keyed.
    Ours,
    /// Take the judge's returned score.
    Theirs,
}

/// What merging one return would do. Nothing is written until the caller applies it.
#[derive(Debug, Clone, PartialEq)]
pub struct MergePlan {
    /// The return's [`FileId`].
    pub return_id: FileId,
    /// The judge the return names.
    pub judge_id: i64,
    /// The return's number.
    pub sequence: u64,
    /// Scores to write: new ones, and higher revisions of scores the secretariat has not changed.
    pub accepted: Vec<ReturnedScore>,
    /// Pairwise choices to write, by the same rule.
    pub accepted_comparisons: Vec<ReturnedComparison>,
    /// Scores and choices whose revision is not above the one held: nothing to do.
    pub unchanged: usize,
    /// Scores the secretariat changed since, where the judge also sent a later revision.
    pub conflicts: Vec<Conflict>,
    /// Choices the secretariat changed since, where the judge also sent a later revision.
    pub comparison_conflicts: Vec<ComparisonConflict>,
    /// Why the whole return is refused, if it is; then nothing else in the plan applies.
    pub refused: Option<Refusal>,
    /// Whether this return, or a later one from the judge, was imported before.
    pub note: Option<ReturnNote>,
    /// The code and summary to give back to the judge.
    pub receipt: Receipt,
}

impl MergePlan {
    /// The counts the receipt is made from.
    pub fn counts(&self) -> MergeCounts {
        MergeCounts {
            accepted: self.accepted.len() + self.accepted_comparisons.len(),
            unchanged: self.unchanged,
            conflicts: self.conflicts.len() + self.comparison_conflicts.len(),
            refused: self.refused.is_some(),
        }
    }

    /// `true` when applying the plan would change no score and no choice.
    pub fn changes_nothing(&self) -> bool {
        self.refused.is_some() || (self.accepted.is_empty() && self.accepted_comparisons.is_empty())
    }
}

/// A pairwise choice both sides changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComparisonConflict {
    /// The judge's returned choice.
    pub theirs: ReturnedComparison,
    /// The secretariat's held choice.
    pub ours: CurrentComparison,
}

/// A score both sides changed: the judge's later revision, and the secretariat's keyed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The judge's returned score.
    pub theirs: ReturnedScore,
    /// The secretariat's held score (which names the judge, idea and criterion).
    pub ours: CurrentScore,
}

/// Why a whole return was refused. Messages are for the secretariat.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The signing key is not enrolled for anyone.
    #[error("This return names judge {judge_id} but is signed with a key that is not enrolled (fingerprint {fingerprint}). Check that it came from the judge, and enrol their key if it is new.")]
    UnknownKey {
        /// The judge the return names.
        judge_id: i64,
        /// The unknown key's fingerprint.
        fingerprint: Fingerprint,
    },
    /// The signing key is enrolled, but for another judge.
    #[error("This return names judge {judge_id} but is signed with the key of judge {signer_judge_id}. It was not imported.")]
    KeyOfAnotherJudge {
        /// The judge the return names.
        judge_id: i64,
        /// The judge whose key signed it.
        signer_judge_id: i64,
    },
    /// The return is for another challenge.
    #[error("This return is for another challenge (id {theirs}), not this one (id {ours}).")]
    WrongChallenge {
        /// The return's challenge.
        theirs: i64,
        /// The challenge being merged into.
        ours: i64,
    },
    /// The return is for another round.
    #[error("This return is for the round \"{theirs}\", not \"{ours}\". Import it into that round.")]
    WrongRound {
        /// The return's round.
        theirs: String,
        /// The round being merged into.
        ours: String,
    },
    /// Two different scores for one criterion at one revision.
    #[error("This return gives two different scores for idea {idea_id}, criterion \"{criterion}\", both at revision {revision}. Ask the judge to send a new return.")]
    ContradictoryScores {
        /// The idea.
        idea_id: i64,
        /// The criterion.
        criterion: String,
        /// The repeated revision.
        revision: u64,
    },
    /// Two different choices for one pair at one revision.
    #[error("This return gives two different choices between ideas {left_id} and {right_id} (\"{criterion}\") at revision {revision}. Ask the judge to send a new return.")]
    ContradictoryComparisons {
        /// The idea on the left.
        left_id: i64,
        /// The idea on the right.
        right_id: i64,
        /// The criterion, empty for the overall choice.
        criterion: String,
        /// The repeated revision.
        revision: u64,
    },
}

/// What the plan says about a return imported again, or out of order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReturnNote {
    /// A return with this number from this judge was imported before.
    ImportedBefore,
    /// A later return (number `latest`) from this judge was imported before.
    OlderThanImported {
        /// The latest return number imported.
        latest: u64,
    },
}

/// The counts a receipt is made from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeCounts {
    /// Scores accepted.
    pub accepted: usize,
    /// Scores unchanged.
    pub unchanged: usize,
    /// Scores in conflict.
    pub conflicts: usize,
    /// Whether the return was refused.
    pub refused: bool,
}

/// What the secretariat gives back to the judge for one return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// Eight characters in two groups, e.g. `7KQD-M2XF` ([`receipt_code`]).
    pub code: String,
    /// One line, e.g. "12 scores accepted, 3 unchanged, 1 conflict".
    pub summary: String,
    /// The counts behind both.
    pub counts: MergeCounts,
}

impl Receipt {
    /// The receipt for the return whose [`FileId`] is `return_id`, with these counts. The
    /// secretariat's merge calls it; so does the judge's app, with `FileId::of` its own copy of
    /// the signed return and the counts the secretariat reported, to check the code it was given.
    pub fn for_return(return_id: &FileId, counts: MergeCounts) -> Receipt {
        Receipt { code: receipt_code(return_id, &counts), summary: summary(&counts), counts }
    }

    /// `true` when `typed` is this receipt's code, as a person might type it: any case, with or
    /// without the hyphen or spaces, O for 0 and I or L for 1 (Crockford base32's readings).
    pub fn matches(&self, typed: &str) -> bool {
        let normalise = |text: &str| -> String {
            text.chars()
                .filter(|c| !matches!(c, '-' | ' '))
                .map(|c| match c.to_ascii_uppercase() {
                    'O' => '0',
                    'I' | 'L' => '1',
                    other => other,
                })
                .collect()
        };
        normalise(typed) == normalise(&self.code)
    }
}

impl fmt::Display for Receipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.summary)
    }
}

/// The receipt code both sides compute: the first 40 bits of SHA-256 over a fixed label, the
/// return's [`FileId`] and the counts, in Crockford base32, as `XXXX-XXXX`.
///
/// It ties the code to that exact return file and that result; 40 bits is plenty for a check
/// read between two people, though not a proof against forgery.
pub fn receipt_code(return_id: &FileId, counts: &MergeCounts) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"shortlist receipt 1\n");
    hasher.update(return_id.0);
    for count in [counts.accepted, counts.unchanged, counts.conflicts] {
        hasher.update((count as u64).to_be_bytes());
    }
    hasher.update([u8::from(counts.refused)]);
    base32::grouped(&base32::encode_prefix(&hasher.finalize(), 8))
}

fn summary(counts: &MergeCounts) -> String {
    if counts.refused {
        return "Return refused: no scores imported".to_owned();
    }
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{} accepted, {} unchanged, {}",
        plural(counts.accepted, "score", "scores"),
        counts.unchanged,
        plural(counts.conflicts, "conflict", "conflicts"),
    )
}
