//! Shortlist's use cases, shared by every shell: the Tauri desktop app and the `shortlist` CLI.
//!
//! * [`Shortlist`] is an opened data folder plus a clock. Each of its methods is one use case
//!   (create an idea, list a challenge's ideas…) and returns [`ApiError`], the one error type that
//!   crosses to the UI as `{code, message, fields}`.
//! * [`DataLocation`] decides where the database lives: the `--data-dir` flag, else the
//!   `SHORTLIST_DATA_DIR` environment variable, else the operating system's folder for the user's
//!   application data.
//! * [`demo`] composes the demo challenge from a fixed seed.
//!
//! Nothing here knows about Tauri; the shells only parse input and print or serialise output.

pub mod demo;
mod error;
mod files;
mod location;
mod ops;
pub mod packs;

pub use error::{ApiError, ErrorCode};
pub use files::write_atomically;
pub use location::{DataDirSource, DataLocation, DATABASE_FILE_NAME, DATA_DIR_ENV};
pub use ops::{
    data_dir_flag, file_argument, neutralise, AppInfo, Board, BoardColumn, BundleExport, BundleOpened,
    BundleWritten, Clock, DemoOutcome, DiscussionRow, DuplicateCandidate, DuplicatePair, Enrolled,
    EvaluationView, ExchangeStatus, ExportFormat, ExportSummary, HandedFile, HandedKind, IdentityView,
    ImportPreview, ImportSummary, JudgeCell, JudgeExchange, JudgeRound, JudgeWorklist, KeepScore,
    MoveOutcome, PackKind, PackPreview, PackRequest, PackSummary, PreviousRoundScores, Progress,
    ReceiptCheck, ResultRow, ReturnImported, ReturnWritten, RoundIdea, RoundPanel, RoundResults, RubricSaved,
    RubricTemplate, RubricVersionView, ScoreConflictView, SentReturnView, Shortlist, UserRole, UserSettings,
    UserSettingsInput, WorkItem, BOARD_CARDS, BORDERLINE_MARGIN, IDENTITY_FILE_NAME,
};
