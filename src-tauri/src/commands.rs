//! The commands the UI may call. Each is one delegating call into `shortlist-app`, run off the
//! main thread (`async`), returning `ApiError` (`{code, message, fields}`) on failure.
//!
//! A command is declared once, here: its function is all there is to write. build.rs finds every
//! `#[tauri::command]` function and from them makes the app's permission for each, the
//! `app-commands` set the window's capability grants, and the list that registers them. Then
//! regenerate the TypeScript bindings (`UPDATE_BINDINGS=1 cargo test -p shortlist-desktop --lib
//! bindings`).
//!
//! Naming: a command has its use case's name, and its parameters are the use case's: `stage` for
//! a stage or round, `challenge_id` for a challenge.

use std::path::PathBuf;

use shortlist_app::{
    ApiError, AppInfo, AssignmentSettings, AuditEntryView, AuditReport, AutomaticAssignment, BackupView,
    Backups, Board, BundleExport, BundleOpened, ChangePassphraseInput, ClosingFileWritten, ClosingSettings,
    ClosingSettingsInput, ConflictSuggestion, DiscussionRow, DuplicatePair, Enrolled, ErasureInput,
    ErasureSummary, EvaluationView, ExchangeStatus, ExportFormat, ExportSummary, HandedFile, IdentityView,
    ImportPreview, ImportSummary, JudgePairs, JudgeRound, JudgeWorklist, KeepScore, LettersPreview,
    LettersRequest, LettersWritten, LonglistWritten, MoveOutcome, PackPreview, PackRequest, PackSummary,
    PairPlan, PairwiseResults, ParticipationView, PersonalDataStatus, PreviousRoundScores, Progress,
    ProtectInput, ReceiptCheck, RemoveProtectionInput, RestoreInput, ReturnImported, ReturnWritten,
    RoundPanel, RoundResults, RubricSaved, RubricTemplate, ScoreConflictView, Shortlist, SubjectAccessExport,
    UnlockInput, UserSettings, UserSettingsInput,
};
use shortlist_domain::{
    Challenge, ChallengeId, ChallengeInput, Comparison, ComparisonInput, Conflict, ConflictId, ConflictInput,
    Decision, DecisionInput, EvaluationInput, Idea, IdeaChange, IdeaId, IdeaInput, IdeaQuery, IdeaSummary,
    Judge, JudgeId, JudgeInput, JudgingMethod, MoveRequest, PairwiseSettings, PanelSettings, RoundRow,
    Rounds, ScoreEntry, ScoreInput, Screening, ScreeningInput, SearchResults, Stage,
};
use shortlist_import::Mapping;
use shortlist_scoring::{RankBy, RubricDraft};
use tauri::State;

#[tauri::command(async)]
#[specta::specta]
pub fn app_info(app: State<'_, Shortlist>) -> AppInfo {
    app.app_info()
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_challenges(app: State<'_, Shortlist>) -> Result<Vec<Challenge>, ApiError> {
    app.list_challenges()
}

#[tauri::command(async)]
#[specta::specta]
pub fn create_challenge(app: State<'_, Shortlist>, input: ChallengeInput) -> Result<Challenge, ApiError> {
    app.create_challenge(&input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_ideas(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
) -> Result<Vec<IdeaSummary>, ApiError> {
    app.list_ideas(challenge_id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_idea(app: State<'_, Shortlist>, id: IdeaId) -> Result<Idea, ApiError> {
    app.get_idea(id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn create_idea(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    input: IdeaInput,
) -> Result<Idea, ApiError> {
    app.create_idea(challenge_id, &input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn update_idea(app: State<'_, Shortlist>, id: IdeaId, input: IdeaInput) -> Result<Idea, ApiError> {
    app.update_idea(id, &input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn search_ideas(app: State<'_, Shortlist>, query: IdeaQuery) -> Result<SearchResults, ApiError> {
    app.search_ideas(&query)
}

#[tauri::command(async)]
#[specta::specta]
pub fn idea_history(app: State<'_, Shortlist>, id: IdeaId) -> Result<Vec<IdeaChange>, ApiError> {
    app.idea_history(id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn user_settings(app: State<'_, Shortlist>) -> Result<UserSettings, ApiError> {
    app.user_settings()
}

#[tauri::command(async)]
#[specta::specta]
pub fn unlock(app: State<'_, Shortlist>, input: UnlockInput) -> Result<(), ApiError> {
    app.unlock(&input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn protect(app: State<'_, Shortlist>, input: ProtectInput) -> Result<(), ApiError> {
    app.protect(&input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn change_passphrase(app: State<'_, Shortlist>, input: ChangePassphraseInput) -> Result<(), ApiError> {
    app.change_passphrase(&input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn remove_protection(app: State<'_, Shortlist>, input: RemoveProtectionInput) -> Result<(), ApiError> {
    app.remove_protection(&input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn personal_data_status(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
) -> Result<PersonalDataStatus, ApiError> {
    app.personal_data_status(challenge_id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_retention_date(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    retain_until: Option<chrono::NaiveDate>,
) -> Result<PersonalDataStatus, ApiError> {
    app.set_retention_date(challenge_id, retain_until)
}

#[tauri::command(async)]
#[specta::specta]
pub fn erase_personal_data(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    input: ErasureInput,
) -> Result<ErasureSummary, ApiError> {
    app.erase_personal_data(challenge_id, &input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn export_subject_access(
    app: State<'_, Shortlist>,
    email: String,
    folder: PathBuf,
) -> Result<SubjectAccessExport, ApiError> {
    app.export_subject_access(&email, &folder)
}

#[tauri::command(async)]
#[specta::specta]
pub fn verify_audit_trail(app: State<'_, Shortlist>) -> Result<AuditReport, ApiError> {
    app.verify_audit_trail()
}

#[tauri::command(async)]
#[specta::specta]
pub fn recent_audit_entries(app: State<'_, Shortlist>, limit: u32) -> Result<Vec<AuditEntryView>, ApiError> {
    app.recent_audit_entries(limit)
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_backups(app: State<'_, Shortlist>) -> Result<Backups, ApiError> {
    app.list_backups()
}

#[tauri::command(async)]
#[specta::specta]
pub fn back_up_now(app: State<'_, Shortlist>) -> Result<BackupView, ApiError> {
    app.back_up_now()
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_backups_kept(app: State<'_, Shortlist>, kept: u32) -> Result<Backups, ApiError> {
    app.set_backups_kept(kept)
}

#[tauri::command(async)]
#[specta::specta]
pub fn restore_backup(app: State<'_, Shortlist>, input: RestoreInput) -> Result<Backups, ApiError> {
    app.restore_backup(&input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_user_settings(
    app: State<'_, Shortlist>,
    input: UserSettingsInput,
) -> Result<UserSettings, ApiError> {
    app.save_user_settings(&input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn preview_import(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    path: PathBuf,
    mapping: Option<Mapping>,
) -> Result<ImportPreview, ApiError> {
    app.preview_import(challenge_id, &path, mapping)
}

#[tauri::command(async)]
#[specta::specta]
pub fn commit_import(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    path: PathBuf,
    mapping: Mapping,
) -> Result<ImportSummary, ApiError> {
    app.commit_import(challenge_id, &path, &mapping)
}

#[tauri::command(async)]
#[specta::specta]
pub fn export_ideas(
    app: State<'_, Shortlist>,
    query: IdeaQuery,
    format: ExportFormat,
    path: PathBuf,
) -> Result<ExportSummary, ApiError> {
    app.export_ideas(&query, format, &path)
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_duplicates(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
) -> Result<Vec<DuplicatePair>, ApiError> {
    app.list_duplicates(challenge_id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn keep_both(app: State<'_, Shortlist>, flag_id: i64) -> Result<(), ApiError> {
    app.keep_both(flag_id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn merge_ideas(
    app: State<'_, Shortlist>,
    flag_id: i64,
    keep: IdeaId,
    duplicate: IdeaId,
) -> Result<(), ApiError> {
    app.merge_ideas(flag_id, keep, duplicate)
}

#[tauri::command(async)]
#[specta::specta]
pub fn rounds(app: State<'_, Shortlist>, challenge_id: ChallengeId) -> Result<Rounds, ApiError> {
    app.rounds(challenge_id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_rounds(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    rounds: Rounds,
) -> Result<Rounds, ApiError> {
    app.set_rounds(challenge_id, &rounds)
}

#[tauri::command(async)]
#[specta::specta]
pub fn screen_idea(
    app: State<'_, Shortlist>,
    id: IdeaId,
    input: ScreeningInput,
) -> Result<Screening, ApiError> {
    app.screen_idea(id, &input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn evaluation(app: State<'_, Shortlist>, id: IdeaId) -> Result<EvaluationView, ApiError> {
    app.evaluation(id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_evaluation(
    app: State<'_, Shortlist>,
    id: IdeaId,
    input: EvaluationInput,
) -> Result<EvaluationView, ApiError> {
    app.save_evaluation(id, &input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn move_ideas(app: State<'_, Shortlist>, request: MoveRequest) -> Result<MoveOutcome, ApiError> {
    app.move_ideas(&request)
}

#[tauri::command(async)]
#[specta::specta]
pub fn record_decision(
    app: State<'_, Shortlist>,
    id: IdeaId,
    input: DecisionInput,
) -> Result<Decision, ApiError> {
    app.record_decision(id, &input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn idea_progress(app: State<'_, Shortlist>, id: IdeaId) -> Result<Progress, ApiError> {
    app.idea_progress(id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn round_overview(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Option<Stage>,
) -> Result<Vec<RoundRow>, ApiError> {
    app.round_overview(challenge_id, stage)
}

#[tauri::command(async)]
#[specta::specta]
pub fn incomplete_evaluations(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
) -> Result<Vec<RoundRow>, ApiError> {
    app.incomplete_evaluations(challenge_id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn board(app: State<'_, Shortlist>, challenge_id: ChallengeId) -> Result<Board, ApiError> {
    app.board(challenge_id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_judges(app: State<'_, Shortlist>, challenge_id: ChallengeId) -> Result<Vec<Judge>, ApiError> {
    app.list_judges(challenge_id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn add_judge(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    input: JudgeInput,
) -> Result<Judge, ApiError> {
    app.add_judge(challenge_id, &input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn edit_judge(app: State<'_, Shortlist>, judge: JudgeId, input: JudgeInput) -> Result<Judge, ApiError> {
    app.edit_judge(judge, &input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn round_panel(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
) -> Result<RoundPanel, ApiError> {
    app.round_panel(challenge_id, stage)
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_round_panel(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
    settings: PanelSettings,
) -> Result<RoundPanel, ApiError> {
    app.set_round_panel(challenge_id, stage, &settings)
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_round_rubric_template(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
    template: RubricTemplate,
    confirm_new_version: bool,
) -> Result<RubricSaved, ApiError> {
    app.set_round_rubric_template(challenge_id, stage, template, confirm_new_version)
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_round_rubric(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
    draft: RubricDraft,
    confirm_new_version: bool,
) -> Result<RubricSaved, ApiError> {
    app.set_round_rubric(challenge_id, stage, &draft, confirm_new_version)
}

#[tauri::command(async)]
#[specta::specta]
pub fn assign_judges(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
    idea: IdeaId,
    judges: Vec<JudgeId>,
) -> Result<(), ApiError> {
    app.assign_judges(challenge_id, stage, idea, &judges)
}

#[tauri::command(async)]
#[specta::specta]
pub fn assignment_settings(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
) -> Result<Option<AssignmentSettings>, ApiError> {
    app.assignment_settings(challenge_id, stage)
}

#[tauri::command(async)]
#[specta::specta]
pub fn preview_automatic_assignment(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
    per_idea: u32,
    seed: Option<u32>,
) -> Result<AutomaticAssignment, ApiError> {
    app.preview_automatic_assignment(challenge_id, stage, per_idea, seed)
}

#[tauri::command(async)]
#[specta::specta]
pub fn apply_automatic_assignment(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
    per_idea: u32,
    seed: Option<u32>,
) -> Result<AutomaticAssignment, ApiError> {
    app.apply_automatic_assignment(challenge_id, stage, per_idea, seed)
}

#[tauri::command(async)]
#[specta::specta]
pub fn conflict_suggestions(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
) -> Result<Vec<ConflictSuggestion>, ApiError> {
    app.conflict_suggestions(challenge_id, stage)
}

#[tauri::command(async)]
#[specta::specta]
pub fn confirm_conflict_suggestion(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
    judge: JudgeId,
    idea: IdeaId,
) -> Result<Conflict, ApiError> {
    app.confirm_conflict_suggestion(challenge_id, stage, judge, idea)
}

#[tauri::command(async)]
#[specta::specta]
pub fn dismiss_conflict_suggestion(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
    judge: JudgeId,
    idea: IdeaId,
) -> Result<(), ApiError> {
    app.dismiss_conflict_suggestion(challenge_id, stage, judge, idea)
}

#[tauri::command(async)]
#[specta::specta]
pub fn declare_conflict(
    app: State<'_, Shortlist>,
    stage: Stage,
    judge: JudgeId,
    idea: IdeaId,
    input: ConflictInput,
) -> Result<Conflict, ApiError> {
    app.declare_conflict(stage, judge, idea, &input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn declare_interest_at_meeting(
    app: State<'_, Shortlist>,
    stage: Stage,
    judge: JudgeId,
    idea: IdeaId,
    input: ConflictInput,
) -> Result<Conflict, ApiError> {
    app.declare_interest_at_meeting(stage, judge, idea, &input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn withdraw_conflict(app: State<'_, Shortlist>, conflict: ConflictId) -> Result<Conflict, ApiError> {
    app.withdraw_conflict(conflict)
}

#[tauri::command(async)]
#[specta::specta]
pub fn round_conflicts(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
) -> Result<Vec<Conflict>, ApiError> {
    app.round_conflicts(challenge_id, stage)
}

#[tauri::command(async)]
#[specta::specta]
pub fn judge_worklist(
    app: State<'_, Shortlist>,
    stage: Stage,
    judge: JudgeId,
) -> Result<JudgeWorklist, ApiError> {
    app.judge_worklist(stage, judge)
}

#[tauri::command(async)]
#[specta::specta]
pub fn pairwise_settings(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
) -> Result<PairwiseSettings, ApiError> {
    app.pairwise_settings(challenge_id, stage)
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_pairwise_settings(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
    settings: PairwiseSettings,
) -> Result<PairwiseSettings, ApiError> {
    app.set_pairwise_settings(challenge_id, stage, &settings)
}

#[tauri::command(async)]
#[specta::specta]
pub fn pair_plan(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
) -> Result<PairPlan, ApiError> {
    app.pair_plan(challenge_id, stage)
}

#[tauri::command(async)]
#[specta::specta]
pub fn plan_pairs(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
) -> Result<PairPlan, ApiError> {
    app.plan_pairs(challenge_id, stage)
}

#[tauri::command(async)]
#[specta::specta]
pub fn judge_pairs(app: State<'_, Shortlist>, stage: Stage, judge: JudgeId) -> Result<JudgePairs, ApiError> {
    app.judge_pairs(stage, judge)
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_comparison(
    app: State<'_, Shortlist>,
    stage: Stage,
    input: ComparisonInput,
) -> Result<Comparison, ApiError> {
    app.save_comparison(stage, &input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_scores(
    app: State<'_, Shortlist>,
    stage: Stage,
    inputs: Vec<ScoreInput>,
) -> Result<Vec<ScoreEntry>, ApiError> {
    app.save_scores(stage, &inputs)
}

#[tauri::command(async)]
#[specta::specta]
pub fn submit_scores(
    app: State<'_, Shortlist>,
    stage: Stage,
    judge: JudgeId,
    idea: IdeaId,
) -> Result<Vec<ScoreEntry>, ApiError> {
    app.submit_scores(stage, judge, idea)
}

#[tauri::command(async)]
#[specta::specta]
pub fn reopen_scores(
    app: State<'_, Shortlist>,
    stage: Stage,
    judge: JudgeId,
    idea: IdeaId,
) -> Result<Vec<ScoreEntry>, ApiError> {
    app.reopen_scores(stage, judge, idea)
}

#[tauri::command(async)]
#[specta::specta]
pub fn judge_scores(
    app: State<'_, Shortlist>,
    stage: Stage,
    judge: JudgeId,
    idea: IdeaId,
) -> Result<Vec<ScoreEntry>, ApiError> {
    app.judge_scores(stage, judge, idea)
}

#[tauri::command(async)]
#[specta::specta]
pub fn previous_round_scores(
    app: State<'_, Shortlist>,
    stage: Stage,
    judge: JudgeId,
    idea: IdeaId,
) -> Result<Option<PreviousRoundScores>, ApiError> {
    app.previous_round_scores(stage, judge, idea)
}

#[tauri::command(async)]
#[specta::specta]
pub fn round_results(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
    rank_by: RankBy,
) -> Result<RoundResults, ApiError> {
    app.round_results(challenge_id, stage, rank_by)
}

#[tauri::command(async)]
#[specta::specta]
pub fn export_results(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
    rank_by: RankBy,
    method: Option<JudgingMethod>,
    format: ExportFormat,
    path: PathBuf,
) -> Result<ExportSummary, ApiError> {
    app.export_results(challenge_id, stage, rank_by, method, format, &path)
}

#[tauri::command(async)]
#[specta::specta]
pub fn pairwise_results(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
) -> Result<PairwiseResults, ApiError> {
    app.pairwise_results(challenge_id, stage)
}

#[tauri::command(async)]
#[specta::specta]
pub fn discussion_list(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
    rank_by: RankBy,
) -> Result<Vec<DiscussionRow>, ApiError> {
    app.discussion_list(challenge_id, stage, rank_by)
}

#[tauri::command(async)]
#[specta::specta]
pub fn record_round_decision(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
    idea: IdeaId,
    input: DecisionInput,
) -> Result<Decision, ApiError> {
    app.record_round_decision(challenge_id, stage, idea, &input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn preview_pack(app: State<'_, Shortlist>, request: PackRequest) -> Result<PackPreview, ApiError> {
    app.preview_pack(&request)
}

#[tauri::command(async)]
#[specta::specta]
pub fn write_pack(
    app: State<'_, Shortlist>,
    request: PackRequest,
    path: PathBuf,
) -> Result<PackSummary, ApiError> {
    app.write_pack(&request, &path)
}

// ----- closing the challenge: participation report, outcome letters, published longlist

#[tauri::command(async)]
#[specta::specta]
pub fn closing_settings(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
) -> Result<ClosingSettings, ApiError> {
    app.closing_settings(challenge_id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_closing_settings(
    app: State<'_, Shortlist>,
    input: ClosingSettingsInput,
) -> Result<ClosingSettings, ApiError> {
    app.save_closing_settings(&input)
}

#[tauri::command(async)]
#[specta::specta]
pub fn idea_feedback(app: State<'_, Shortlist>, id: IdeaId) -> Result<String, ApiError> {
    app.idea_feedback(id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_idea_feedback(
    app: State<'_, Shortlist>,
    id: IdeaId,
    feedback: String,
) -> Result<String, ApiError> {
    app.save_idea_feedback(id, &feedback)
}

#[tauri::command(async)]
#[specta::specta]
pub fn participation_report(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
) -> Result<ParticipationView, ApiError> {
    app.participation_report(challenge_id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn write_participation_report(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    path: PathBuf,
) -> Result<ClosingFileWritten, ApiError> {
    app.write_participation_report(challenge_id, &path)
}

#[tauri::command(async)]
#[specta::specta]
pub fn preview_letters(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
) -> Result<LettersPreview, ApiError> {
    app.preview_letters(challenge_id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn write_letters(app: State<'_, Shortlist>, request: LettersRequest) -> Result<LettersWritten, ApiError> {
    app.write_letters(&request)
}

#[tauri::command(async)]
#[specta::specta]
pub fn write_longlist(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    folder: String,
) -> Result<LonglistWritten, ApiError> {
    app.write_longlist(challenge_id, &folder)
}

// ----- the offline exchange

#[tauri::command(async)]
#[specta::specta]
pub fn identity(app: State<'_, Shortlist>) -> Result<IdentityView, ApiError> {
    app.identity()
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_enrolment_file(
    app: State<'_, Shortlist>,
    name: String,
    role: String,
    path: PathBuf,
) -> Result<IdentityView, ApiError> {
    app.save_enrolment_file(&name, &role, &path)
}

#[tauri::command(async)]
#[specta::specta]
pub fn enrol_judge_from_file(
    app: State<'_, Shortlist>,
    judge: JudgeId,
    path: PathBuf,
) -> Result<Enrolled, ApiError> {
    app.enrol_judge_from_file(judge, &path)
}

#[tauri::command(async)]
#[specta::specta]
pub fn export_bundles(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
    dir: PathBuf,
    passphrase: Option<String>,
) -> Result<BundleExport, ApiError> {
    app.export_bundles(challenge_id, stage, &dir, passphrase.as_deref())
}

#[tauri::command(async)]
#[specta::specta]
pub fn open_bundle_file(
    app: State<'_, Shortlist>,
    path: PathBuf,
    passphrase: Option<String>,
) -> Result<BundleOpened, ApiError> {
    app.open_bundle_file(&path, passphrase.as_deref())
}

#[tauri::command(async)]
#[specta::specta]
pub fn judge_rounds(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
) -> Result<Vec<JudgeRound>, ApiError> {
    app.judge_rounds(challenge_id)
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_bundle_pack(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
    path: PathBuf,
) -> Result<String, ApiError> {
    app.save_bundle_pack(challenge_id, stage, &path)
}

#[tauri::command(async)]
#[specta::specta]
pub fn export_return(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
    path: PathBuf,
) -> Result<ReturnWritten, ApiError> {
    app.export_return(challenge_id, stage, &path)
}

#[tauri::command(async)]
#[specta::specta]
pub fn import_returns(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    paths: Vec<PathBuf>,
) -> Result<Vec<ReturnImported>, ApiError> {
    app.import_returns(challenge_id, &paths)
}

#[tauri::command(async)]
#[specta::specta]
pub fn exchange_status(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
) -> Result<ExchangeStatus, ApiError> {
    app.exchange_status(challenge_id, stage)
}

#[tauri::command(async)]
#[specta::specta]
pub fn settle_conflict(
    app: State<'_, Shortlist>,
    id: i64,
    keep: KeepScore,
) -> Result<ScoreConflictView, ApiError> {
    app.settle_conflict(id, keep)
}

#[tauri::command(async)]
#[specta::specta]
pub fn check_receipt_code(
    app: State<'_, Shortlist>,
    challenge_id: ChallengeId,
    stage: Stage,
    code: String,
) -> Result<Option<ReceiptCheck>, ApiError> {
    app.check_receipt_code(challenge_id, stage, &code)
}

#[tauri::command(async)]
#[specta::specta]
pub fn take_handed_file(app: State<'_, Shortlist>) -> Result<Option<HandedFile>, ApiError> {
    app.take_handed_file()
}

/// Every command's name, as build.rs found them.
pub const COMMAND_NAMES: &[&str] = include!(concat!(env!("OUT_DIR"), "/command_names.rs"));

/// Every command, for the invoke handler and for the generated TypeScript bindings.
pub fn specta_builder<R: tauri::Runtime>() -> tauri_specta::Builder<R> {
    tauri_specta::Builder::<R>::new()
        // Every #[tauri::command] function above, listed by build.rs.
        .commands(include!(concat!(env!("OUT_DIR"), "/collect_commands.rs")))
        // One TypeScript type per Rust type: outputs are read as Rust writes them and inputs are
        // written whole (an Option is sent as null, never left out), so the two directions of a
        // type never differ and need no `_Serialize`/`_Deserialize` pair.
        .disable_serde_phases()
        // Ids (ideas, duplicate flags) are SQLite rowids counting up from 1: tens of thousands,
        // far inside the 2^53 a JavaScript number holds exactly.
        .dangerously_cast_bigints_to_number()
}

/// The generated bindings, as committed at `ui/src/bindings.ts`.
pub fn typescript_bindings() -> Result<String, String> {
    let dir = std::env::temp_dir().join(format!("shortlist-bindings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = dir.join("bindings.ts");
    specta_builder::<tauri::Wry>()
        .export(specta_typescript::Typescript::default().header("// Generated from the Rust commands by tauri-specta: do not edit. Regenerate with\n// UPDATE_BINDINGS=1 cargo test -p shortlist-desktop --lib bindings\n"), &path)
        .map_err(|e| e.to_string())?;
    let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(text)
}

#[cfg(test)]
mod bindings {
    /// The committed TypeScript bindings must match the Rust commands and types, or the UI
    /// would compile against a contract the backend no longer keeps.
    #[test]
    fn committed_bindings_are_up_to_date() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
        let fresh = super::typescript_bindings().expect("bindings export");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("write bindings");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/bindings.ts is stale: regenerate it with `UPDATE_BINDINGS=1 cargo test -p shortlist-desktop --lib bindings` and commit it"
        );
    }
}
