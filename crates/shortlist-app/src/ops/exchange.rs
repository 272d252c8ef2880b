//! The offline exchange between the secretariat's installation and each judge's (issue #7):
//! this installation's identity, enrolling judges' keys, judge bundles out and in, score
//! returns out and in.
//!
//! The file formats, signatures and the merge rules live in `shortlist-exchange`; this module
//! reads and writes the rows they concern. Ids inside the files are always the secretariat's:
//! a judge's installation keeps a local copy of the challenge, its ideas and the judge, and maps
//! its own ids to the secretariat's in `remote_ids`.
//!
//! # When the secretariat changed a score (`changed_by_secretariat_since`)
//!
//! Merging a judge's score writes it with the judge's revision as both `revision` and
//! `merged_revision`. Any later local change (a typed-in edit, a reopen or submit) raises
//! `revision`, so a score counts as changed by the secretariat when `merged_revision` is NULL
//! (typed in before any return: "since revision 0") or differs from `revision` ("since
//! `merged_revision`"). A judge's higher revision of such a score is a conflict for a person to
//! settle, recorded in `score_conflicts`; the held score is never overwritten.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use shortlist_domain::{
    ChallengeId, ComparisonInput, Evaluation, IdeaId, IdeaInput, JudgeId, JudgeInput, JudgingMethod, Marking,
    PairChoice, PairwiseSettings, PanelSettings, Reference, RubricChange, Stage, ValidChallenge,
};
use shortlist_exchange as exchange;
use shortlist_exchange::{
    BundleChallenge, BundleIdea, BundleJudge, BundlePair, BundlePairwise, Enrolment, FileId, Identity,
    JudgeBundle, LeftOut, OpenError, Passphrase, PublicKey, ReturnedComparison, ReturnedScore, RoundScores,
    ScoreReturn,
};
use shortlist_store::exchange::{self as rows, RemoteKind};
use shortlist_store::{assessments, challenges, ideas, judging, pairwise, workflow};
use specta::Type;

use super::judging::{pairs_compared, rubric_json, LoadedRound};
use super::packs::safe_file_name;
use super::Shortlist;
use crate::error::internal;
use crate::files::write_atomically;
use crate::{ApiError, ErrorCode, PackKind, PackRequest};

/// The private key's file name in the data folder.
pub const IDENTITY_FILE_NAME: &str = "identity.key";

/// This installation's public identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct IdentityView {
    /// The public key, 32 bytes in base64.
    pub public_key: String,
    /// What to read out over the phone, e.g. `K7QF-2M9D-XB4T-P8WA`.
    pub fingerprint: String,
}

/// A judge's key, enrolled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Enrolled {
    pub judge: JudgeId,
    pub judge_name: String,
    /// The name the enrolment file gave.
    pub enrolment_name: String,
    pub fingerprint: String,
    /// Whether this replaced a key enrolled before.
    pub replaced: bool,
}

/// One bundle written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BundleWritten {
    pub judge: String,
    pub path: String,
    pub ideas: u32,
    pub left_out: u32,
    pub sealed: bool,
}

/// The bundles for a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BundleExport {
    pub written: Vec<BundleWritten>,
    /// Panel judges with no enrolled key, who get no bundle.
    pub skipped: Vec<String>,
}

fn key_text(key: &PublicKey) -> String {
    match serde_json::to_value(key) {
        Ok(serde_json::Value::String(text)) => text,
        _ => String::new(),
    }
}

/// An exchange file's bytes (refusing one too large to be one without reading it whole).
fn read_exchange_file(path: &Path) -> Result<Vec<u8>, ApiError> {
    exchange::read_limited(path).map_err(|e| match e {
        OpenError::Io(io) => ApiError::new(
            ErrorCode::NotFound,
            format!(
                "Could not read {} ({io}). Check the file name and that the file is still there",
                path.display()
            ),
        ),
        other => open_refused(other),
    })
}

/// An exchange file that could not be opened: its message already says what to do.
/// A sealed file opened without its passphrase, or with the wrong one, is the passphrase
/// field's problem: the person can put it right there.
fn open_refused(e: OpenError) -> ApiError {
    match e {
        OpenError::NeedsPassphrase | OpenError::WrongPassphrase => {
            ApiError::field("passphrase", e.to_string())
        }
        other => ApiError::refused(other.to_string()),
    }
}

impl Shortlist {
    // ----- identity

    fn identity_path(&self) -> PathBuf {
        self.location.dir.join(IDENTITY_FILE_NAME)
    }

    /// This installation's key pair, made and saved on first use (readable by the user alone).
    /// An in-memory Shortlist (tests) gets a key pair that is never saved.
    ///
    /// # Errors
    /// `Internal` when the key file cannot be written, or exists but cannot be read.
    pub(crate) fn load_identity(&self) -> Result<&Identity, ApiError> {
        if let Some(identity) = self.identity.get() {
            return Ok(identity);
        }
        let identity = if self.location.dir.as_os_str() == ":memory:" {
            Identity::generate()
        } else {
            let path = self.identity_path();
            let unreadable = |e: exchange::KeyError| {
                ApiError::new(
                    ErrorCode::Internal,
                    format!(
                        "{e} Shortlist signs the files it sends with this key. Restore the file from a \
                         backup, or move it aside to make a new key (judges will need to enrol again)."
                    ),
                )
            };
            // In a protected folder the key file is sealed with the folder's passphrase.
            let passphrase = self.unlocked_passphrase();
            if path.exists() {
                exchange::read_private_key_with(&path, passphrase.as_ref()).map_err(unreadable)?
            } else {
                std::fs::create_dir_all(&self.location.dir)
                    .map_err(|e| internal("Could not make the data folder", e))?;
                let made = Identity::generate();
                let written = match &passphrase {
                    Some(passphrase) if self.is_protected() => {
                        exchange::replace_private_key(&path, &made, Some(passphrase))
                    }
                    _ => exchange::write_private_key(&path, &made),
                };
                match written {
                    Ok(()) => made,
                    // Another Shortlist on this data folder made it first: use theirs.
                    Err(exchange::KeyError::AlreadyExists(_)) => {
                        exchange::read_private_key_with(&path, passphrase.as_ref()).map_err(unreadable)?
                    }
                    Err(e) => return Err(unreadable(e)),
                }
            }
        };
        Ok(self.identity.get_or_init(|| identity))
    }

    /// This installation's public key and fingerprint, making the key pair on first use.
    pub fn identity(&self) -> Result<IdentityView, ApiError> {
        let key = self.load_identity()?.public_key();
        Ok(IdentityView { public_key: key_text(&key), fingerprint: key.fingerprint().to_string() })
    }

    /// An enrolment file for this installation's key, to send to the secretariat.
    pub fn enrolment_file(&self, name: &str, role: &str) -> Result<Vec<u8>, ApiError> {
        if name.trim().is_empty() {
            return Err(ApiError::field("name", "Enter your name as the secretariat knows it"));
        }
        Ok(self.load_identity()?.enrolment_file(name.trim(), role.trim(), self.now()))
    }

    /// Writes an enrolment file for this installation's key to `dest`, for the judge to send
    /// to the secretariat. Returns this installation's identity, whose fingerprint the judge
    /// reads out when the secretariat calls.
    pub fn save_enrolment_file(&self, name: &str, role: &str, dest: &Path) -> Result<IdentityView, ApiError> {
        let file = self.enrolment_file(name, role)?;
        write_atomically(dest, &file)?;
        self.identity()
    }

    /// [`Shortlist::enrol_judge`] with the enrolment file at `path`.
    pub fn enrol_judge_from_file(&self, judge: JudgeId, path: &Path) -> Result<Enrolled, ApiError> {
        self.enrol_judge(judge, &read_exchange_file(path)?)
    }

    /// [`Shortlist::open_bundle`] with the bundle at `path`.
    pub fn open_bundle_file(&self, path: &Path, passphrase: Option<&str>) -> Result<BundleOpened, ApiError> {
        self.open_bundle(&read_exchange_file(path)?, passphrase)
    }

    // ----- enrolment (secretariat)

    /// Enrols the key in an enrolment file for `judge`, replacing any key enrolled before. The
    /// file's signature is checked first; the fingerprint returned is to be read back to the
    /// judge over the phone, which is what makes the key theirs.
    ///
    /// # Errors
    /// `Refused` for a damaged or altered file, or a key already enrolled for another judge.
    pub fn enrol_judge(&self, judge: JudgeId, enrolment_file: &[u8]) -> Result<Enrolled, ApiError> {
        let verified = exchange::open::<Enrolment>(enrolment_file).map_err(open_refused)?;
        let enrolment = verified.payload();
        let key = key_text(&enrolment.public_key);
        let fingerprint = enrolment.public_key.fingerprint().to_string();
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let j = judging::judge(tx, judge)?;
            if let Some(other) = rows::judge_with_key(tx, &key)?.filter(|&o| o != judge) {
                let other = judging::judge(tx, other)?;
                return Err(ApiError::refused(format!(
                    "This key (fingerprint {fingerprint}) is already enrolled for {}. Each judge enrols \
                     the key of their own installation",
                    other.name
                )));
            }
            let replaced = rows::judge_keys(tx, j.challenge_id)?.iter().any(|k| k.judge == judge);
            rows::put_judge_key(
                tx,
                &rows::JudgeKey {
                    judge,
                    public_key: key.clone(),
                    fingerprint: fingerprint.clone(),
                    enrolled_name: enrolment.name.clone(),
                    enrolled_at: now,
                    enrolled_by: by.clone(),
                },
            )?;
            Ok(Enrolled {
                judge,
                judge_name: j.name,
                enrolment_name: enrolment.name.clone(),
                fingerprint: fingerprint.clone(),
                replaced,
            })
        })
    }

    // ----- bundles out (secretariat)

    /// Writes one signed bundle per panel judge with an enrolled key into `dir`: their assigned
    /// ideas without those they declared an interest in (listed as left out, with the reason),
    /// each idea's evaluation, the round's rubric and the judge's own pack. Sealed with
    /// `passphrase` when one is given. Each file is written whole or not at all.
    ///
    /// # Errors
    /// `Refused` when the round has no rubric or no panel.
    pub fn export_bundles(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        dir: &Path,
        passphrase: Option<&str>,
    ) -> Result<BundleExport, ApiError> {
        let panel = self.round_panel(challenge, stage)?;
        let rubric = panel.rubric.as_ref().ok_or_else(|| {
            ApiError::refused(format!(
                "The {} round has no rubric yet. Set one before sending bundles",
                stage.label()
            ))
        })?;
        if panel.judges.is_empty() {
            return Err(ApiError::refused(format!(
                "The {} round has no panel yet. Choose its judges first",
                stage.label()
            )));
        }
        let rubric_value = serde_json::to_value(&rubric.rubric)
            .map_err(|e| internal("The rubric could not be written", e))?;
        let (c, keys) = {
            let store = self.store()?;
            (challenges::get(store.read(), challenge)?, rows::judge_keys(store.read(), challenge)?)
        };
        let (now, by) = (self.now(), self.display_name()?);
        let identity = self.load_identity()?;
        std::fs::create_dir_all(dir)
            .map_err(|e| internal(&format!("Could not make {}", dir.display()), e))?;
        let pairwise_settings = self.pairwise_settings(challenge, stage)?;
        let planned = {
            let store = self.store()?;
            !shortlist_store::pairwise::schedule(store.read(), challenge, stage)?.is_empty()
        };
        if pairwise_settings.method.pairwise() && !planned {
            // The plan must exist before the first bundle goes, and is the same for every judge.
            self.plan_pairs(challenge, stage)?;
        }
        let mut out = BundleExport { written: Vec::new(), skipped: Vec::new() };
        for judge in &panel.judges {
            if !keys.iter().any(|k| k.judge == judge.id) {
                out.skipped.push(judge.name.clone());
                continue;
            }
            let worklist = self.judge_worklist(stage, judge.id)?;
            let mut bundle_ideas = Vec::new();
            let mut left_out = Vec::new();
            for item in &worklist.items {
                let reason = if item.conflict.is_some() {
                    Some("You declared a conflict of interest with this idea")
                } else if !item.assigned {
                    Some("The secretariat has not asked you to score this idea")
                } else {
                    None
                };
                if let Some(reason) = reason {
                    left_out.push(LeftOut {
                        reference: item.idea.reference.0.clone(),
                        reason: reason.to_owned(),
                    });
                    continue;
                }
                let (idea, evaluation) = {
                    let store = self.store()?;
                    let conn = store.read();
                    (ideas::get(conn, item.idea.id)?, assessments::evaluation(conn, item.idea.id)?)
                };
                bundle_ideas.push(BundleIdea {
                    id: item.idea.id.0,
                    reference: idea.reference.0.clone(),
                    title: idea.details.title.clone(),
                    summary: idea.details.summary.clone(),
                    evaluation: serde_json::to_value(&evaluation)
                        .map_err(|e| internal("An evaluation could not be written", e))?,
                });
            }
            let request = PackRequest {
                challenge_id: challenge,
                kind: PackKind::Judge,
                round: Some(stage),
                idea: None,
                judge: Some(judge.id),
                meeting_date: None,
                version: format!("Bundle of {}", now.format("%-d %B %Y")),
                blind: false,
            };
            let pack_pdf = self.render_pack(&request)?;
            let bundle_pairwise = if pairwise_settings.method.pairwise() {
                let store = self.store()?;
                let pairs =
                    shortlist_store::pairwise::schedule_for(store.read(), challenge, stage, judge.id)?;
                Some(BundlePairwise {
                    method: pairwise_settings.method.code().to_owned(),
                    per_criterion: pairwise_settings.per_criterion,
                    pairs: pairs.iter().map(|p| BundlePair { left: p.left.0, right: p.right.0 }).collect(),
                })
            } else {
                None
            };
            let bundle = JudgeBundle {
                challenge: BundleChallenge {
                    id: challenge.0,
                    name: c.name.clone(),
                    prefix: c.reference_prefix.clone(),
                    marking: c.marking.code().to_owned(),
                },
                round: stage.code().to_owned(),
                round_label: stage.label().to_owned(),
                judge: BundleJudge { id: judge.id.0, name: judge.name.clone(), role: judge.role.clone() },
                rubric: rubric_value.clone(),
                ideas: bundle_ideas,
                left_out,
                pack_pdf,
                made_by: by.clone(),
                made_at: now,
                pairwise: bundle_pairwise,
            };
            let signed = exchange::sign(identity, &bundle, now);
            // Recorded before the file is written: a bundle recorded but never written is
            // harmless, while a return answering a bundle not recorded would be refused.
            self.store()?.write(|tx| {
                rows::record_sent_bundle(
                    tx,
                    &rows::SentBundle {
                        file_id: FileId::of(&signed).to_string(),
                        challenge,
                        stage,
                        judge: judge.id,
                        ideas: bundle.ideas.len() as u32,
                        sealed: passphrase.is_some(),
                        sent_at: now,
                        sent_by: by.clone(),
                    },
                )?;
                Ok::<_, ApiError>(())
            })?;
            let bytes = match passphrase {
                Some(p) => exchange::seal(&signed, &Passphrase::new(p))
                    .map_err(|e| internal("The bundle could not be sealed", e))?,
                None => signed,
            };
            let path = dir.join(format!(
                "{} {} bundle for {}.shortlist",
                c.reference_prefix,
                stage.label(),
                safe_file_name(&judge.name)
            ));
            write_atomically(&path, &bytes)?;
            out.written.push(BundleWritten {
                judge: judge.name.clone(),
                path: path.display().to_string(),
                ideas: bundle.ideas.len() as u32,
                left_out: bundle.left_out.len() as u32,
                sealed: passphrase.is_some(),
            });
        }
        Ok(out)
    }
}

/// A bundle opened on the judge's installation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BundleOpened {
    /// The sender's key fingerprint, to check against the one the secretariat read out.
    pub sender_fingerprint: String,
    /// The secretariat member who made it.
    pub made_by: String,
    pub signed_at: DateTime<Utc>,
    pub challenge: ChallengeId,
    pub stage: Stage,
    /// The judge's own record in this installation.
    pub judge: JudgeId,
    pub judge_name: String,
    pub ideas: u32,
    /// Pairs to compare, in a round judged by comparison; 0 otherwise.
    pub pairs: u32,
    pub left_out: Vec<String>,
    /// The bundle had been opened here before, so nothing changed.
    pub already_opened: bool,
}

/// One score return written by a judge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ReturnWritten {
    pub path: String,
    /// The return's file id (SHA-256 of the file), from which the receipt code is made.
    pub file_id: String,
    /// 1 for the judge's first return of the round, then 2, 3…
    pub sequence: u32,
    /// Scores and pairwise choices in it.
    pub scores: u32,
    /// Ideas with submitted scores or choices in it.
    pub ideas: u32,
    /// The receipt code to expect if the secretariat accepts every score as new; the
    /// secretariat's import prints the real one with its counts.
    pub expected_receipt: String,
}

/// What importing one return did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ReturnImported {
    pub file: String,
    pub judge: Option<String>,
    pub sequence: Option<u32>,
    pub accepted: u32,
    pub unchanged: u32,
    pub conflicts: u32,
    /// Of `accepted`, how many are pairwise choices.
    pub choices_accepted: u32,
    /// Pairwise choices both sides changed, in words: the secretariat's choice is kept.
    pub choice_conflicts: Vec<String>,
    /// The receipt code and summary to give back to the judge.
    pub receipt: Option<String>,
    pub receipt_summary: Option<String>,
    /// Imported before: nothing changed.
    pub already_imported: bool,
    /// A note for a return older than one already imported.
    pub note: Option<String>,
    /// Why it was refused, when it was: nothing changed.
    pub refused: Option<String>,
}

impl ReturnImported {
    /// A report for the file at `path` with nothing done yet.
    fn new(path: &Path) -> ReturnImported {
        ReturnImported {
            file: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            judge: None,
            sequence: None,
            accepted: 0,
            unchanged: 0,
            conflicts: 0,
            choices_accepted: 0,
            choice_conflicts: Vec::new(),
            receipt: None,
            receipt_summary: None,
            already_imported: false,
            note: None,
            refused: None,
        }
    }

    fn refused(path: &Path, why: String) -> ReturnImported {
        ReturnImported { refused: Some(why), ..ReturnImported::new(path) }
    }
}

/// The stage a bundle's or return's round code names.
fn bundle_stage(code: &str) -> Result<Stage, ApiError> {
    Stage::from_code(code).filter(|s| s.is_panel_round()).ok_or_else(|| {
        ApiError::refused(format!(
            "The file is for a round this version of Shortlist does not know (\"{code}\"). Update Shortlist"
        ))
    })
}

impl Shortlist {
    // ----- bundles in (judge)

    /// Opens a bundle (unsealing it with `passphrase` when sealed), checks its signature and
    /// copies it into this installation in one transaction: the challenge (same name, prefix and
    /// marking), the judge, the ideas (same references) with their evaluations, the round's
    /// panel (just this judge) and rubric, and the bundle itself. Opening the same bundle again
    /// changes nothing.
    ///
    /// # Errors
    /// `Refused` for a file that is damaged, altered, sealed without the passphrase, or for a
    /// challenge whose prefix is already used here by a challenge that did not come from the
    /// same secretariat. `NeedsProtection` for an OFFICIAL-SENSITIVE bundle and a data folder
    /// not protected by a passphrase.
    pub fn open_bundle(&self, bytes: &[u8], passphrase: Option<&str>) -> Result<BundleOpened, ApiError> {
        let verified = match passphrase {
            Some(p) => exchange::open_sealed::<JudgeBundle>(bytes, &Passphrase::new(p)),
            None => exchange::open::<JudgeBundle>(bytes),
        }
        .map_err(open_refused)?;
        let bundle = verified.payload();
        if Marking::from_code(&bundle.challenge.marking) == Some(Marking::OfficialSensitive)
            && !self.is_protected()
        {
            return Err(ApiError::new(
                ErrorCode::NeedsProtection,
                "This bundle is marked OFFICIAL-SENSITIVE, so it can only be opened into a data folder \
                 protected by a passphrase. Protect this folder first, then open the bundle again. \
                 Nothing has been opened yet.",
            ));
        }
        let stage = bundle_stage(&bundle.round)?;
        let file_id = verified.file_id().to_string();
        let fingerprint = verified.signer().fingerprint().to_string();
        let rubric = serde_json::from_value::<shortlist_scoring::RubricDraft>(bundle.rubric.clone())
            .map_err(|e| open_refused(OpenError::UnexpectedContents(format!("its rubric: {e}"))))?
            .validate()?;
        let rubric_text = rubric_json(&rubric)?;
        let (now, by) = (self.now(), self.display_name()?);
        let signed_at = verified.signed_at();
        self.store()?.write(|tx| {
            let left_out = bundle.left_out.iter().map(|l| format!("{}: {}", l.reference, l.reason)).collect();
            if let Some(seen) = rows::received_bundle(tx, &file_id)? {
                return Ok(BundleOpened {
                    sender_fingerprint: fingerprint.clone(),
                    made_by: seen.made_by,
                    signed_at,
                    challenge: seen.challenge,
                    stage,
                    judge: seen.judge,
                    judge_name: judging::judge(tx, seen.judge)?.name,
                    ideas: bundle.ideas.len() as u32,
                    pairs: bundle.pairwise.as_ref().map_or(0, |p| p.pairs.len() as u32),
                    left_out,
                    already_opened: true,
                });
            }
            let challenge = match rows::local_challenge(tx, bundle.challenge.id)? {
                Some(id) => id,
                None => {
                    if challenges::find_by_prefix(tx, &bundle.challenge.prefix)?.is_some() {
                        return Err(ApiError::refused(format!(
                            "This data folder already has a challenge with the prefix {} that did not come \
                             from a bundle. Open the bundle in a data folder of its own (--data-dir)",
                            bundle.challenge.prefix
                        )));
                    }
                    let day = signed_at.date_naive();
                    let valid = ValidChallenge {
                        name: bundle.challenge.name.clone(),
                        year: chrono::Datelike::year(&day),
                        closing_date: day,
                        marking: Marking::from_code(&bundle.challenge.marking).unwrap_or(Marking::Official),
                        reference_prefix: bundle.challenge.prefix.clone(),
                    };
                    let c = challenges::insert(tx, &valid, now)?;
                    rows::put_remote_id(tx, c.id, RemoteKind::Challenge, c.id.0, bundle.challenge.id)?;
                    c.id
                }
            };
            let judge = match rows::local_id(tx, challenge, RemoteKind::Judge, bundle.judge.id)? {
                Some(id) => JudgeId(id),
                None => {
                    let input = JudgeInput {
                        name: bundle.judge.name.clone(),
                        role: bundle.judge.role.clone(),
                        // Bundles do not carry it, and the judge record needs one.
                        organisation: "Not given in the bundle".to_owned(),
                    };
                    let j = judging::insert_judge(tx, challenge, &input.validate()?, now)?;
                    rows::put_remote_id(tx, challenge, RemoteKind::Judge, j.id.0, bundle.judge.id)?;
                    j.id
                }
            };
            let submitted = signed_at.date_naive();
            for idea in &bundle.ideas {
                let local = match rows::local_id(tx, challenge, RemoteKind::Idea, idea.id)? {
                    Some(id) => IdeaId(id),
                    None => {
                        let input =
                            IdeaInput::new(&idea.title, &idea.summary, "Not shared", "Not shared", submitted);
                        let valid = input.validate()?;
                        let id = ideas::insert_copy(
                            tx,
                            challenge,
                            &Reference(idea.reference.clone()),
                            &valid,
                            now,
                        )?;
                        rows::put_remote_id(tx, challenge, RemoteKind::Idea, id.0, idea.id)?;
                        id
                    }
                };
                let at = ideas::get_summary(tx, local)?.stage;
                if at != stage {
                    workflow::apply_move(
                        tx,
                        &workflow::Move {
                            idea: local,
                            from: at,
                            to: stage,
                            reason: format!("Received in a bundle from {}", bundle.made_by),
                            over_target: false,
                            at: now,
                            by: by.clone(),
                        },
                    )?;
                }
                if let Ok(Some(evaluation)) =
                    serde_json::from_value::<Option<Evaluation>>(idea.evaluation.clone())
                {
                    assessments::put_evaluation(tx, local, &evaluation, &bundle.made_by, signed_at)?;
                }
            }
            judging::put_panel(
                tx,
                challenge,
                stage,
                &PanelSettings { judges: vec![judge], comment_required_for_extremes: true },
            )?;
            let loaded = LoadedRound::load(tx, challenge, stage)?;
            let same = loaded.version.as_ref().is_some_and(|(_, current)| *current == rubric);
            // A judge's copy follows the secretariat's rubric without asking: the bundle is the
            // secretariat's confirmation.
            match loaded.round.rubric_change(same) {
                RubricChange::Unchanged => {}
                RubricChange::EditInPlace(id) => {
                    judging::replace_rubric(tx, id, &rubric_text, now, &bundle.made_by)?;
                }
                RubricChange::First | RubricChange::NewVersion { .. } => {
                    judging::add_rubric_version(tx, challenge, stage, &rubric_text, now, &bundle.made_by)?;
                }
            }
            // The secretariat's plan of pairs, in this installation's ids. A later bundle for
            // the round replaces it; choices already made are kept, keyed by their pair.
            let settings = match &bundle.pairwise {
                None => PairwiseSettings::default(),
                Some(p) => PairwiseSettings {
                    method: JudgingMethod::from_code(&p.method).filter(|m| m.pairwise()).ok_or_else(
                        || {
                            open_refused(OpenError::UnexpectedContents(format!(
                                "its judging method \"{}\"",
                                p.method
                            )))
                        },
                    )?,
                    pairs_per_judge: p.pairs.len() as u32,
                    per_criterion: p.per_criterion,
                },
            };
            pairwise::put_settings(tx, challenge, stage, &settings)?;
            let mut pairs = Vec::new();
            for pair in bundle.pairwise.iter().flat_map(|p| &p.pairs) {
                let local = |remote: i64| -> Result<IdeaId, ApiError> {
                    let in_bundle = bundle.ideas.iter().any(|i| i.id == remote);
                    match rows::local_id(tx, challenge, RemoteKind::Idea, remote)? {
                        Some(id) if in_bundle => Ok(IdeaId(id)),
                        _ => Err(open_refused(OpenError::UnexpectedContents(
                            "a pair to compare names an idea the bundle does not hold".to_owned(),
                        ))),
                    }
                };
                pairs.push((local(pair.left)?, local(pair.right)?));
            }
            pairwise::put_schedule_for(tx, challenge, stage, judge, &pairs)?;
            rows::record_bundle(
                tx,
                &rows::ReceivedBundle {
                    file_id: file_id.clone(),
                    challenge,
                    stage,
                    judge,
                    sender_fingerprint: fingerprint.clone(),
                    made_by: bundle.made_by.clone(),
                    signed_at,
                    opened_at: now,
                },
                &bundle.pack_pdf,
            )?;
            Ok(BundleOpened {
                sender_fingerprint: fingerprint.clone(),
                made_by: bundle.made_by.clone(),
                signed_at,
                challenge,
                stage,
                judge,
                judge_name: bundle.judge.name.clone(),
                ideas: bundle.ideas.len() as u32,
                pairs: bundle.pairwise.as_ref().map_or(0, |p| p.pairs.len() as u32),
                left_out,
                already_opened: false,
            })
        })
    }

    // ----- score return out (judge)

    /// Writes the judge's submitted scores for the round (of the latest bundle opened for it)
    /// as a signed return, numbered one more than the returns made before. Drafts are left out:
    /// a judge sends what they have submitted.
    ///
    /// # Errors
    /// `Refused` when no bundle was opened for the round, or no score is submitted yet.
    pub fn export_return(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        dest: &Path,
    ) -> Result<ReturnWritten, ApiError> {
        let now = self.now();
        let identity = self.load_identity()?;
        let (bytes, sequence, scores, ideas_count) = {
            let store = self.store()?;
            let conn = store.read();
            let bundle = rows::latest_bundle(conn, challenge, stage)?.ok_or_else(|| {
                ApiError::refused(format!(
                    "No bundle for the {} round has been opened here. Open the bundle the secretariat sent first",
                    stage.label()
                ))
            })?;
            let loaded = LoadedRound::load_for(conn, challenge, stage, [])?;
            let (version, _) = loaded.rubric()?;
            let remote = |kind, local: i64| -> Result<i64, ApiError> {
                rows::remote_id(conn, kind, local)?.ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::Internal,
                        "A score names an idea that did not come from the bundle",
                    )
                })
            };
            let mut returned = Vec::new();
            let mut idea_set = std::collections::BTreeSet::new();
            for s in judging::scores(conn, version.id)? {
                if s.judge != bundle.judge || !loaded.round.counts(&s) {
                    continue;
                }
                idea_set.insert(s.idea);
                returned.push(ReturnedScore {
                    idea_id: remote(RemoteKind::Idea, s.idea.0)?,
                    criterion: s.criterion.clone(),
                    score: s.score,
                    comment: s.comment.clone(),
                    revision: s.revision as u64,
                    updated_at: s.updated_at,
                });
            }
            // Choices count as soon as they are made, so every one goes.
            let mut comparisons = Vec::new();
            for c in pairwise::comparisons_by(conn, challenge, stage, bundle.judge)? {
                comparisons.push(ReturnedComparison {
                    left_id: remote(RemoteKind::Idea, c.left.0)?,
                    right_id: remote(RemoteKind::Idea, c.right.0)?,
                    criterion: c.criterion.clone(),
                    choice: c.choice.code().to_owned(),
                    comment: c.comment.clone(),
                    revision: u64::from(c.revision),
                    updated_at: c.updated_at,
                });
                idea_set.extend([c.left, c.right]);
            }
            if returned.is_empty() && comparisons.is_empty() {
                let method = pairwise::settings(conn, challenge, stage)?.method;
                return Err(ApiError::refused(if method.pairwise() && !method.scores() {
                    format!(
                        "You have not compared any pairs in the {} round yet. Choose between the ideas of a \
                         pair before sending your choices",
                        stage.label()
                    )
                } else {
                    format!(
                        "You have not submitted any scores in the {} round yet. Submit the scores for an idea \
                         before sending them",
                        stage.label()
                    )
                }));
            }
            let sequence = rows::count_sent_returns(conn, challenge, stage)? + 1;
            let payload = ScoreReturn {
                challenge_id: remote(RemoteKind::Challenge, challenge.0)?,
                round: stage.code().to_owned(),
                judge_id: remote(RemoteKind::Judge, bundle.judge.0)?,
                bundle_id: parse_file_id(&bundle.file_id)?,
                sequence,
                scores: returned,
                comparisons,
                sent_at: now,
            };
            let count = (payload.scores.len() + payload.comparisons.len()) as u32;
            (exchange::sign(identity, &payload, now), sequence, count, idea_set.len() as u32)
        };
        let file_id = FileId::of(&bytes);
        let expected = exchange::Receipt::for_return(
            &file_id,
            exchange::MergeCounts { accepted: scores as usize, ..Default::default() },
        );
        write_atomically(dest, &bytes)?;
        self.store()?.write(|tx| {
            rows::record_sent_return(
                tx,
                &rows::SentReturn {
                    file_id: file_id.to_string(),
                    challenge,
                    stage,
                    sequence,
                    scores,
                    expected_receipt: expected.code.clone(),
                    sent_at: now,
                },
            )?;
            Ok::<_, ApiError>(())
        })?;
        Ok(ReturnWritten {
            path: dest.display().to_string(),
            file_id: file_id.to_string(),
            sequence: sequence as u32,
            scores,
            ideas: ideas_count,
            expected_receipt: expected.code,
        })
    }

    // ----- score returns in (secretariat)

    /// Imports score returns, each file in one transaction: its signature, the signer's
    /// enrolment, its challenge and round, and that every score is for an idea assigned to that
    /// judge with no conflict declared and a criterion of the round's rubric. Then, per score,
    /// the higher revision wins; a score the secretariat changed since is recorded as a conflict
    /// and never overwritten (see the module notes). A file imported before changes nothing.
    ///
    /// A refused file is reported in its [`ReturnImported::refused`], not as an error, so one
    /// bad file does not stop the others.
    pub fn import_returns(
        &self,
        challenge: ChallengeId,
        paths: &[PathBuf],
    ) -> Result<Vec<ReturnImported>, ApiError> {
        paths
            .iter()
            .map(|path| match self.import_return(challenge, path) {
                // A file that cannot go into this round (not set up for scoring, say) is that
                // file's problem, reported beside the others; only trouble with the database
                // itself stops the batch.
                Err(e) if !matches!(e.code, ErrorCode::DatabaseUnusable | ErrorCode::Internal) => {
                    Ok(ReturnImported::refused(path, format!("This return was not imported: {}", e.message)))
                }
                other => other,
            })
            .collect()
    }

    /// One return, into the round it names.
    fn import_return(&self, challenge: ChallengeId, path: &Path) -> Result<ReturnImported, ApiError> {
        let mut report = ReturnImported::new(path);
        let verified = match exchange::open_file::<ScoreReturn>(path) {
            Ok(v) => v,
            Err(e) => {
                report.refused = Some(e.to_string());
                return Ok(report);
            }
        };
        let ret = verified.payload();
        report.sequence = Some(ret.sequence as u32);
        let stage = match bundle_stage(&ret.round) {
            Ok(stage) => stage,
            Err(e) => {
                report.refused = Some(e.message);
                return Ok(report);
            }
        };
        let file_id = verified.file_id().to_string();
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            if let Some((judge, receipt, at)) = rows::imported_return(tx, &file_id)? {
                report.judge = Some(judging::judge(tx, judge)?.name);
                report.already_imported = true;
                report.receipt = Some(receipt);
                report.note = Some(format!("Already imported on {}: nothing changed", at.format("%-d %B %Y at %H:%M")));
                return Ok(());
            }
            // Before the round is looked at, whose problems would hide this one.
            if ret.challenge_id != challenge.0 {
                let refusal = exchange::Refusal::WrongChallenge { theirs: ret.challenge_id, ours: challenge.0 };
                report.refused = Some(refusal.to_string());
                return Ok(());
            }
            let loaded = LoadedRound::load(tx, challenge, stage)?;
            let (version, rubric) = loaded.rubric()?;
            let keys = rows::judge_keys(tx, challenge)?;
            let enrolled = keys.iter().filter_map(|k| {
                let value = serde_json::Value::String(k.public_key.clone());
                serde_json::from_value::<PublicKey>(value).ok().map(|key| (k.judge.0, key))
            });
            // Only the named judge's scores: a return merges into nobody else's, and a round's
            // other judges' scores would be 20 times the rows to read for every file.
            let current = rows::merge_rows(tx, version.id, JudgeId(ret.judge_id))?.into_iter().map(|r| exchange::CurrentScore {
                judge_id: r.judge.0,
                idea_id: r.idea.0,
                criterion: r.criterion,
                score: r.score,
                comment: r.comment,
                revision: r.merged_revision.unwrap_or(0),
                changed_by_secretariat_since: match r.merged_revision {
                    None => Some(0),
                    Some(m) if m != r.revision => Some(m),
                    Some(_) => None,
                },
            });
            // Only the named judge's choices, as for the scores.
            let held_choices = pairwise::held_comparisons(tx, challenge, stage, JudgeId(ret.judge_id))?
                .into_iter()
                .map(|h| exchange::CurrentComparison {
                    judge_id: h.comparison.judge.0,
                    left_id: h.comparison.left.0,
                    right_id: h.comparison.right.0,
                    criterion: h.comparison.criterion.clone(),
                    choice: h.comparison.choice.code().to_owned(),
                    comment: h.comparison.comment.clone(),
                    revision: u64::from(h.merged_revision.unwrap_or(0)),
                    changed_by_secretariat_since: match h.merged_revision {
                        None => Some(0),
                        Some(m) if m != h.comparison.revision => Some(u64::from(m)),
                        Some(_) => None,
                    },
                });
            let mut view =
                RoundScores::new(challenge.0, stage.code(), enrolled, current).with_comparisons(held_choices);
            for (judge, sequence) in rows::latest_sequences(tx, challenge, stage)? {
                view.note_imported(judge.0, sequence);
            }
            let plan = view.plan(&verified);
            if let Some(refusal) = &plan.refused {
                report.refused = Some(refusal.to_string());
                return Ok(());
            }
            let judge = judging::judge(tx, JudgeId(ret.judge_id))?;
            report.judge = Some(judge.name.clone());
            let answers = rows::sent_bundle(tx, &ret.bundle_id.to_string())?;
            if !answers.is_some_and(|b| b.judge == judge.id && b.stage == stage && b.challenge == challenge) {
                report.refused = Some(format!(
                    "This return was not imported: it answers a bundle this installation did not send to {} \
                     for the {} round. Send {} a new bundle (Exchange, or `shortlist bundles export`) and ask \
                     for a return made from it.",
                    judge.name,
                    stage.label(),
                    judge.name
                ));
                return Ok(());
            }
            // What the merge leaves to the caller: every score is for an idea of the round that
            // this judge scores, on a criterion of the rubric.
            let mut checked = std::collections::BTreeSet::new();
            for score in &ret.scores {
                let idea = IdeaId(score.idea_id);
                if checked.insert(idea) {
                    let known = loaded.round.has_idea(idea);
                    let allowed = if known { loaded.may_score(tx, &judge, idea) } else { Err(ApiError::refused(format!("idea {} is not in the {} round", idea.0, stage.label()))) };
                    if let Err(e) = allowed {
                        report.refused = Some(format!("This return was not imported: {}.", e.message.trim_end_matches('.')));
                        return Ok(());
                    }
                }
                if rubric.criterion(&score.criterion.as_str().into()).is_none() {
                    report.refused = Some(format!(
                        "This return was not imported: it scores \"{}\", which is not a criterion of the {} round's rubric.",
                        score.criterion,
                        stage.label()
                    ));
                    return Ok(());
                }
                if !rubric.scale().contains(score.score) {
                    report.refused = Some(format!(
                        "This return was not imported: a score of {} is off the rubric's scale.",
                        score.score
                    ));
                    return Ok(());
                }
            }
            // The same for every choice: a pair planned for this judge, with a choice and a
            // criterion the round knows.
            if !ret.comparisons.is_empty() {
                let settings = pairwise::settings(tx, challenge, stage)?;
                let planned = pairwise::schedule_for(tx, challenge, stage, judge.id)?;
                for c in &ret.comparisons {
                    let problem = if !settings.method.pairwise() {
                        Some(format!("the {} round is not judged by comparing pairs", stage.label()))
                    } else if !planned.iter().any(|p| (p.left.0, p.right.0) == (c.left_id, c.right_id)) {
                        let reference = |id: i64| {
                            ideas::get_summary(tx, IdeaId(id)).map_or_else(|_| format!("idea {id}"), |i| i.reference.0)
                        };
                        Some(format!(
                            "it compares {} and {}, a pair not planned for {}",
                            reference(c.left_id),
                            reference(c.right_id),
                            judge.name
                        ))
                    } else if PairChoice::from_code(&c.choice).is_none() {
                        Some(format!("it holds a choice (\"{}\") this version of Shortlist does not know", c.choice))
                    } else if !c.criterion.is_empty()
                        && (!settings.per_criterion || rubric.criterion(&c.criterion.as_str().into()).is_none())
                    {
                        Some(format!("it holds a choice on \"{}\", which the {} round does not ask for", c.criterion, stage.label()))
                    } else {
                        None
                    };
                    if let Some(problem) = problem {
                        report.refused = Some(format!("This return was not imported: {problem}."));
                        return Ok(());
                    }
                    for idea in [IdeaId(c.left_id), IdeaId(c.right_id)] {
                        if let Err(e) = loaded.may_score(tx, &judge, idea) {
                            report.refused = Some(format!("This return was not imported: {}.", e.message.trim_end_matches('.')));
                            return Ok(());
                        }
                    }
                }
            }
            if !plan.accepted.is_empty() || !plan.accepted_comparisons.is_empty() {
                judging::start_scoring(tx, challenge, stage, now)?;
            }
            let merged_by = format!("{} (return {} from {})", by, ret.sequence, judge.name);
            let merged: Vec<rows::MergedScore<'_>> = plan
                .accepted
                .iter()
                .map(|s| rows::MergedScore {
                    idea: IdeaId(s.idea_id),
                    criterion: &s.criterion,
                    score: s.score,
                    comment: &s.comment,
                    revision: s.revision,
                })
                .collect();
            rows::put_merged_all(tx, version.id, judge.id, &merged, now, &merged_by)?;
            for c in &plan.accepted_comparisons {
                let valid = ComparisonInput {
                    judge: judge.id,
                    left: IdeaId(c.left_id),
                    right: IdeaId(c.right_id),
                    criterion: c.criterion.clone(),
                    choice: PairChoice::from_code(&c.choice),
                    comment: c.comment.clone(),
                }
                .validate()
                .map_err(|invalid| {
                    ApiError::refused(format!("This return was not imported: a choice is not valid ({invalid})"))
                })?;
                let revision = u32::try_from(c.revision).unwrap_or(u32::MAX);
                pairwise::merge_comparison(tx, challenge, stage, &valid, revision, now, &merged_by)?;
            }
            rows::record_return(
                tx,
                &rows::ImportedReturn {
                    file_id: file_id.clone(),
                    challenge,
                    stage,
                    judge: judge.id,
                    sequence: ret.sequence,
                    signed_at: verified.signed_at(),
                    accepted: plan.counts().accepted,
                    unchanged: plan.unchanged,
                    conflicts: plan.counts().conflicts,
                    receipt: plan.receipt.code.clone(),
                    imported_at: now,
                    imported_by: by.clone(),
                },
            )?;
            for c in &plan.conflicts {
                rows::record_conflict(
                    tx,
                    &rows::ScoreConflict {
                        return_file_id: file_id.clone(),
                        version: version.id,
                        judge: judge.id,
                        idea: IdeaId(c.theirs.idea_id),
                        criterion: c.theirs.criterion.clone(),
                        their_score: c.theirs.score,
                        their_comment: c.theirs.comment.clone(),
                        their_revision: c.theirs.revision,
                        our_score: c.ours.score,
                        our_comment: c.ours.comment.clone(),
                        recorded_at: now,
                    },
                )?;
            }
            report.accepted = plan.counts().accepted as u32;
            report.unchanged = plan.unchanged as u32;
            report.conflicts = plan.counts().conflicts as u32;
            report.choices_accepted = plan.accepted_comparisons.len() as u32;
            let reference = |id: i64| ideas::get_summary(tx, IdeaId(id)).map(|i| i.reference.0);
            report.choice_conflicts = Vec::new();
            for c in &plan.comparison_conflicts {
                let label = |code: &str| PairChoice::from_code(code).map_or("?", PairChoice::label);
                report.choice_conflicts.push(format!(
                    "{} against {}: {} chose \"{}\", but \"{}\" was recorded here since. The choice recorded \
                     here is kept; change it on {}'s behalf if theirs is right.",
                    reference(c.theirs.left_id)?,
                    reference(c.theirs.right_id)?,
                    judge.name,
                    label(&c.theirs.choice),
                    label(&c.ours.choice),
                    judge.name
                ));
            }
            report.receipt = Some(plan.receipt.code.clone());
            report.receipt_summary = Some(plan.receipt.summary.clone());
            report.note = match plan.note {
                Some(exchange::ReturnNote::OlderThanImported { latest }) => Some(format!(
                    "Return {} is older than return {latest}, imported before: only scores newer than those held were taken",
                    ret.sequence
                )),
                Some(exchange::ReturnNote::ImportedBefore) => {
                    Some(format!("A return numbered {} was imported before", ret.sequence))
                }
                None => None,
            };
            Ok::<_, ApiError>(())
        })?;
        Ok(report)
    }
}

fn parse_file_id(text: &str) -> Result<FileId, ApiError> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|e| internal("A stored bundle id could not be read", e))
}

/// A returned score kept for a person to settle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ScoreConflictView {
    /// What [`Shortlist::settle_conflict`] takes.
    pub id: i64,
    pub judge: String,
    pub idea: IdeaId,
    pub reference: String,
    pub title: String,
    pub criterion: String,
    /// The criterion's name in the rubric.
    pub criterion_label: String,
    pub their_score: i32,
    pub their_comment: String,
    pub their_revision: u32,
    pub our_score: i32,
    pub our_comment: String,
    pub recorded_at: DateTime<Utc>,
}

/// Which score a person keeps when settling a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum KeepScore {
    /// The secretariat's score (say, keyed from a paper sheet) stays.
    Ours,
    /// The judge's returned score replaces it.
    Theirs,
}

/// One judge of a round, as the exchange stands with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct JudgeExchange {
    pub judge: JudgeId,
    pub name: String,
    /// Their enrolled key's fingerprint, or none if no key is enrolled.
    pub fingerprint: Option<String>,
    pub enrolled_at: Option<DateTime<Utc>>,
    /// When their latest bundle for the round was written, and how many ideas it held.
    pub bundle_sent_at: Option<DateTime<Utc>>,
    pub bundle_ideas: Option<u32>,
    pub returns: u32,
    pub latest_return: Option<u32>,
    pub latest_imported_at: Option<DateTime<Utc>>,
    pub latest_receipt: Option<String>,
}

/// The secretariat's view of a round's exchange.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeStatus {
    /// This installation's fingerprint, which judges check bundles against.
    pub fingerprint: String,
    pub has_rubric: bool,
    pub judges: Vec<JudgeExchange>,
    pub conflicts: Vec<ScoreConflictView>,
}

/// A return the judge made, as their app remembers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SentReturnView {
    pub sequence: u32,
    pub scores: u32,
    pub sent_at: DateTime<Utc>,
    /// The receipt code to expect when the secretariat takes every score as new.
    pub expected_receipt: String,
}

/// The return a receipt code is for, and what the secretariat did with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptCheck {
    pub sequence: u32,
    /// e.g. "12 scores accepted, 3 unchanged, 1 conflict".
    pub summary: String,
}

/// A round the judge received a bundle for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct JudgeRound {
    pub stage: Stage,
    /// The judge's own record here, for the scoring screen.
    pub judge: JudgeId,
    pub judge_name: String,
    pub made_by: String,
    pub sender_fingerprint: String,
    pub signed_at: DateTime<Utc>,
    pub opened_at: DateTime<Utc>,
    pub ideas: u32,
    /// Ideas whose scores the judge has submitted.
    pub submitted: u32,
    /// How the round is judged.
    pub method: JudgingMethod,
    /// Pairs planned for the judge, and those with an overall choice.
    pub pairs: u32,
    pub compared: u32,
    pub returns: Vec<SentReturnView>,
}

impl Shortlist {
    /// The conflicts from judges' returns not yet settled, under the round's current rubric.
    pub fn score_conflicts(
        &self,
        challenge: ChallengeId,
        stage: Stage,
    ) -> Result<Vec<ScoreConflictView>, ApiError> {
        let store = self.store()?;
        let conn = store.read();
        conflict_views(conn, &LoadedRound::load(conn, challenge, stage)?)
    }

    /// Settles a conflict as a person decided: keeps the secretariat's score, or takes the
    /// judge's. Either way the judge's revision counts as merged, so importing the same return
    /// again changes nothing, and every older open conflict on the same score is settled with it.
    ///
    /// # Errors
    /// `NotFound` for an unknown conflict; `Refused` for one settled already.
    pub fn settle_conflict(&self, id: i64, keep: KeepScore) -> Result<ScoreConflictView, ApiError> {
        let (now, by) = (self.now(), self.display_name()?);
        self.store()?.write(|tx| {
            let (conflict, settled) = rows::conflict(tx, id)?.ok_or_else(|| {
                ApiError::new(ErrorCode::NotFound, "There is no such conflict. Reload the page")
            })?;
            if settled {
                return Err(ApiError::refused("This conflict was settled already. Reload the page"));
            }
            let rubric =
                super::judging::parse_rubric(&judging::rubric_version(tx, conflict.version)?.rubric_json)?;
            let view = conflict_view(tx, id, &conflict, Some(&rubric))?;
            match keep {
                KeepScore::Ours => rows::keep_ours(tx, &conflict, now, &by)?,
                KeepScore::Theirs => rows::put_merged(
                    tx,
                    conflict.version,
                    conflict.judge,
                    conflict.idea,
                    &conflict.criterion,
                    conflict.their_score,
                    &conflict.their_comment,
                    conflict.their_revision,
                    now,
                    &format!("{by} (settling a conflict with {})", view.judge),
                )?,
            }
            let how = match keep {
                KeepScore::Ours => rows::Settled::Ours,
                KeepScore::Theirs => rows::Settled::Theirs,
            };
            rows::settle_conflicts(tx, &conflict, how, now, &by)?;
            Ok(view)
        })
    }

    /// Where the exchange stands with each judge of a round: key, bundle, returns, and the
    /// conflicts to settle.
    pub fn exchange_status(&self, challenge: ChallengeId, stage: Stage) -> Result<ExchangeStatus, ApiError> {
        let fingerprint = self.identity()?.fingerprint;
        let store = self.store()?;
        let conn = store.read();
        let loaded = LoadedRound::load(conn, challenge, stage)?;
        let keys = rows::judge_keys(conn, challenge)?;
        let bundles = rows::sent_bundles(conn, challenge, stage)?;
        let returns = rows::imported_returns(conn, challenge, stage)?;
        let mut judges = Vec::new();
        for &id in &loaded.round.panel {
            let judge = judging::judge(conn, id)?;
            let key = keys.iter().find(|k| k.judge == id);
            let bundle = bundles.iter().rev().find(|b| b.judge == id);
            let theirs: Vec<_> = returns.iter().filter(|r| r.judge == id).collect();
            let latest = theirs.iter().max_by_key(|r| r.sequence);
            judges.push(JudgeExchange {
                judge: id,
                name: judge.name,
                fingerprint: key.map(|k| k.fingerprint.clone()),
                enrolled_at: key.map(|k| k.enrolled_at),
                bundle_sent_at: bundle.map(|b| b.sent_at),
                bundle_ideas: bundle.map(|b| b.ideas),
                returns: theirs.len() as u32,
                latest_return: latest.map(|r| r.sequence as u32),
                latest_imported_at: latest.map(|r| r.imported_at),
                latest_receipt: latest.map(|r| r.receipt.clone()),
            });
        }
        Ok(ExchangeStatus {
            fingerprint,
            has_rubric: loaded.version.is_some(),
            judges,
            conflicts: conflict_views(conn, &loaded)?,
        })
    }

    /// The rounds this installation received bundles for in `challenge` (a judge's copy), the
    /// latest bundle of each, newest first. Empty for a challenge made here.
    pub fn judge_rounds(&self, challenge: ChallengeId) -> Result<Vec<JudgeRound>, ApiError> {
        let store = self.store()?;
        let conn = store.read();
        let mut out: Vec<JudgeRound> = Vec::new();
        for b in rows::received_bundles(conn, challenge)? {
            if out.iter().any(|r| r.stage == b.stage) {
                continue;
            }
            let loaded = LoadedRound::load(conn, challenge, b.stage)?;
            let submitted = match &loaded.version {
                Some((version, _)) => judging::scores(conn, version.id)?
                    .iter()
                    .filter(|s| s.judge == b.judge && loaded.round.counts(s))
                    .map(|s| s.idea)
                    .collect::<std::collections::BTreeSet<_>>()
                    .len() as u32,
                None => 0,
            };
            let planned = pairwise::schedule_for(conn, challenge, b.stage, b.judge)?;
            let choices = pairwise::comparisons_by(conn, challenge, b.stage, b.judge)?;
            let compared = pairs_compared(&planned, &choices);
            out.push(JudgeRound {
                method: pairwise::settings(conn, challenge, b.stage)?.method,
                pairs: planned.len() as u32,
                compared,
                stage: b.stage,
                judge: b.judge,
                judge_name: judging::judge(conn, b.judge)?.name,
                made_by: b.made_by,
                sender_fingerprint: b.sender_fingerprint,
                signed_at: b.signed_at,
                opened_at: b.opened_at,
                ideas: loaded.round.ideas().len() as u32,
                submitted,
                returns: rows::sent_returns(conn, challenge, b.stage)?
                    .into_iter()
                    .map(|r| SentReturnView {
                        sequence: r.sequence as u32,
                        scores: r.scores,
                        sent_at: r.sent_at,
                        expected_receipt: r.expected_receipt,
                    })
                    .collect(),
            });
        }
        Ok(out)
    }

    /// Saves the briefing pack that came in the latest bundle for a round to `dest`.
    ///
    /// # Errors
    /// `Refused` when no bundle for the round was opened here.
    pub fn save_bundle_pack(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        dest: &Path,
    ) -> Result<String, ApiError> {
        let pdf = {
            let store = self.store()?;
            let conn = store.read();
            rows::latest_bundle(conn, challenge, stage)?
                .map(|b| rows::bundle_pack(conn, &b.file_id))
                .transpose()?
                .flatten()
                .ok_or_else(|| {
                    ApiError::refused(format!(
                        "No bundle for the {} round has been opened here, so there is no pack to save",
                        stage.label()
                    ))
                })?
        };
        write_atomically(dest, &pdf)?;
        Ok(dest.display().to_string())
    }

    /// Which of this judge's returns for a round a receipt code is for, and with what result:
    /// the judge types only the code the secretariat read out, and every split of the return's
    /// scores into accepted, unchanged and conflicting is tried. `None` when it is for none of
    /// them (a mistyped code, or a return the secretariat did not take in as sent).
    ///
    /// # Errors
    /// `Validation` for an empty code.
    pub fn check_receipt_code(
        &self,
        challenge: ChallengeId,
        stage: Stage,
        code: &str,
    ) -> Result<Option<ReceiptCheck>, ApiError> {
        if code.trim().is_empty() {
            return Err(ApiError::field(
                "code",
                "Enter the receipt code the secretariat gave you, for example 7KQD-M2XF",
            ));
        }
        let sent = {
            let store = self.store()?;
            rows::sent_returns(store.read(), challenge, stage)?
        };
        for r in sent {
            let id = parse_file_id(&r.file_id)?;
            let n = r.scores as usize;
            // Most likely first: everything taken as new, then fewer and fewer.
            for accepted in (0..=n).rev() {
                for unchanged in (0..=n - accepted).rev() {
                    let counts = exchange::MergeCounts {
                        accepted,
                        unchanged,
                        conflicts: n - accepted - unchanged,
                        refused: false,
                    };
                    let receipt = exchange::Receipt::for_return(&id, counts);
                    if receipt.matches(code) {
                        return Ok(Some(ReceiptCheck {
                            sequence: r.sequence as u32,
                            summary: receipt.summary,
                        }));
                    }
                }
            }
        }
        Ok(None)
    }

    /// Whether `code` is the receipt the secretariat should have given for this return file
    /// with these counts: the judge's check that their very file was taken in with that result.
    pub fn check_receipt(
        &self,
        return_file: &[u8],
        accepted: usize,
        unchanged: usize,
        conflicts: usize,
        code: &str,
    ) -> Result<bool, ApiError> {
        exchange::open::<ScoreReturn>(return_file).map_err(open_refused)?;
        let counts = exchange::MergeCounts { accepted, unchanged, conflicts, refused: false };
        Ok(exchange::Receipt::for_return(&FileId::of(return_file), counts).matches(code))
    }
}

/// The open conflicts of a round, for people to read.
fn conflict_views(
    conn: &shortlist_store::Connection,
    round: &LoadedRound,
) -> Result<Vec<ScoreConflictView>, ApiError> {
    let Some((version, rubric)) = &round.version else { return Ok(Vec::new()) };
    rows::open_conflicts(conn, version.id)?
        .into_iter()
        .map(|(id, c)| conflict_view(conn, id, &c, Some(rubric)))
        .collect()
}

fn conflict_view(
    conn: &shortlist_store::Connection,
    id: i64,
    c: &rows::ScoreConflict,
    rubric: Option<&shortlist_scoring::Rubric>,
) -> Result<ScoreConflictView, ApiError> {
    let idea = ideas::get_summary(conn, c.idea)?;
    let criterion_label = rubric
        .and_then(|r| r.criterion(&c.criterion.as_str().into()).map(|k| k.name.clone()))
        .unwrap_or_else(|| c.criterion.clone());
    Ok(ScoreConflictView {
        id,
        judge: judging::judge(conn, c.judge)?.name,
        idea: c.idea,
        reference: idea.reference.0,
        title: idea.title,
        criterion: c.criterion.clone(),
        criterion_label,
        their_score: c.their_score,
        their_comment: c.their_comment.clone(),
        their_revision: c.their_revision as u32,
        our_score: c.our_score,
        our_comment: c.our_comment.clone(),
        recorded_at: c.recorded_at,
    })
}
