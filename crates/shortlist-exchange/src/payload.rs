//! What the exchange files carry. These mirror the app's types without depending on them: ids
//! are the secretariat's database ids (`i64`), the rubric and evaluations are opaque JSON that
//! the app's own crates read, and scores are whole numbers on the rubric's scale.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::envelope::{FileId, Kind, Payload};

/// Secretariat → judge: everything one judge needs to score one round offline.
///
/// One bundle per judge per round. Ideas the judge declared a conflict with are left out
/// entirely (not just hidden) and listed in `left_out` by reference, so the judge can see why.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgeBundle {
    /// The challenge the round belongs to.
    pub challenge: BundleChallenge,
    /// The round's code, e.g. `semi-final`; a score return must name the same round.
    pub round: String,
    /// The round's name as people see it, e.g. "Semi-final, September".
    pub round_label: String,
    /// Who the bundle is for.
    pub judge: BundleJudge,
    /// The round's rubric (criteria, weights, scale, bands) as the app serialises it.
    pub rubric: serde_json::Value,
    /// The ideas this judge scores, in the order to show them.
    pub ideas: Vec<BundleIdea>,
    /// Ideas of the round not in this bundle, and why (e.g. a declared conflict of interest).
    pub left_out: Vec<LeftOut>,
    /// The judge's personalised briefing pack (PDF), base64 in the JSON.
    #[serde(with = "base64_bytes")]
    pub pack_pdf: Vec<u8>,
    /// The secretariat member who made the bundle, as they should be named to the judge.
    pub made_by: String,
    /// When the bundle was made.
    pub made_at: DateTime<Utc>,
    /// For a round judged by pairwise comparison: the pairs planned for this judge. Absent for a
    /// round judged by scores alone, so such bundles read as they always did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pairwise: Option<BundlePairwise>,
}

/// A pairwise round's plan for one judge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundlePairwise {
    /// `pairwise` (comparisons only) or `both` (scores too).
    pub method: String,
    /// Whether the judge also chooses per criterion of the rubric.
    pub per_criterion: bool,
    /// The pairs to compare, in the order to show them; every idea is one of the bundle's.
    pub pairs: Vec<BundlePair>,
}

/// Two ideas to compare, as shown: `left` on the left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundlePair {
    /// The secretariat's id of the idea shown on the left.
    pub left: i64,
    /// The secretariat's id of the idea shown on the right.
    pub right: i64,
}

impl Payload for JudgeBundle {
    const KIND: Kind = Kind::JudgeBundle;
}

// By hand so that logging a bundle does not print a whole PDF.
impl fmt::Debug for JudgeBundle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JudgeBundle")
            .field("challenge", &self.challenge)
            .field("round", &self.round)
            .field("round_label", &self.round_label)
            .field("judge", &self.judge)
            .field("rubric", &self.rubric)
            .field("ideas", &self.ideas)
            .field("left_out", &self.left_out)
            .field("pack_pdf", &format_args!("<{} bytes>", self.pack_pdf.len()))
            .field("made_by", &self.made_by)
            .field("made_at", &self.made_at)
            .field("pairwise", &self.pairwise)
            .finish()
    }
}

/// The challenge, as a bundle names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleChallenge {
    /// The secretariat's id for the challenge.
    pub id: i64,
    /// Its name, e.g. "Civil Service Data Challenge 2021".
    pub name: String,
    /// The prefix of its idea references, e.g. `DC21`.
    pub prefix: String,
    /// Its security marking, e.g. `OFFICIAL`, shown on every screen of the judge's app.
    pub marking: String,
}

/// The judge a bundle is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleJudge {
    /// The secretariat's id for the judge; the score return names the same id.
    pub id: i64,
    /// Their name.
    pub name: String,
    /// Their role on the panel.
    pub role: String,
}

/// One idea to score, with the secretariat's evaluation of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleIdea {
    /// The secretariat's id for the idea; scores name it.
    pub id: i64,
    /// Its reference, e.g. `DC21-042`.
    pub reference: String,
    /// Its title.
    pub title: String,
    /// Its summary.
    pub summary: String,
    /// Viability, benefits, obstacles and recommendation, as the app serialises them.
    pub evaluation: serde_json::Value,
}

/// An idea of the round that a bundle leaves out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeftOut {
    /// The idea's reference.
    pub reference: String,
    /// Why it is left out, in words for the judge, e.g. "You declared a conflict of interest".
    pub reason: String,
}

/// Judge → secretariat: the judge's scores and comments for a round.
///
/// A return may hold every score the judge has given so far or only some; the judge can send a
/// later one with more or changed scores. Each score carries its own revision, which is what
/// the merge compares; `sequence` only orders returns for people reading the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreReturn {
    /// The challenge, as named in the bundle.
    pub challenge_id: i64,
    /// The round's code, as named in the bundle.
    pub round: String,
    /// The judge, as named in the bundle.
    pub judge_id: i64,
    /// The [`FileId`] of the bundle these scores answer.
    pub bundle_id: FileId,
    /// This judge's return number for the round: 1, 2, 3… in the order they were made.
    pub sequence: u64,
    /// The scores.
    pub scores: Vec<ReturnedScore>,
    /// The pairwise choices, in a round judged by comparison; absent otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comparisons: Vec<ReturnedComparison>,
    /// When the return was made, by the judge's clock.
    pub sent_at: DateTime<Utc>,
}

impl Payload for ScoreReturn {
    const KIND: Kind = Kind::ScoreReturn;
}

/// One score on one criterion for one idea, as the judge's app last saved it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnedScore {
    /// The idea.
    pub idea_id: i64,
    /// The rubric's criterion id, e.g. `viability`.
    pub criterion: String,
    /// The score on the rubric's scale.
    pub score: i32,
    /// The judge's comment; may be empty.
    pub comment: String,
    /// Counts the judge's saves of this score, from 1; a higher revision is a later edit.
    pub revision: u64,
    /// When the judge last changed it.
    pub updated_at: DateTime<Utc>,
}

/// One choice between two ideas, overall or on one criterion, as the judge's app last saved it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnedComparison {
    /// The idea shown on the left.
    pub left_id: i64,
    /// The idea shown on the right.
    pub right_id: i64,
    /// The rubric's criterion id, or empty for the overall choice.
    pub criterion: String,
    /// `left`, `right` or `tie` ("can't separate").
    pub choice: String,
    /// The judge's comment; may be empty.
    pub comment: String,
    /// Counts the judge's saves of this choice, from 1; a higher revision is a later edit.
    pub revision: u64,
    /// When the judge last changed it.
    pub updated_at: DateTime<Utc>,
}

/// Bytes as standard base64 text in JSON.
mod base64_bytes {
    use base64::engine::general_purpose::STANDARD as BASE64;
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&BASE64.encode(bytes))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        BASE64
            .decode(text.as_bytes())
            .map_err(|e| serde::de::Error::custom(format!("the briefing pack is not readable: {e}")))
    }
}
