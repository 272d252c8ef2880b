//! The use cases, one method each on [`Shortlist`]. Grouped by noun in submodules.

mod audit;
mod backups;
mod challenges;
mod closing;
mod demo;
mod duplicates;
mod exchange;
mod export;
mod ideas;
mod import;
mod judging;
mod opened;
mod packs;
mod personal;
mod protection;
mod settings;
mod workflow;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use serde::Serialize;
use shortlist_store::Store;
use specta::Type;

use crate::error::open_error;
use crate::{ApiError, DataDirSource, DataLocation};

pub use audit::{AuditEntryView, AuditReport};
pub use backups::{BackupView, Backups, RestoreInput};
pub use closing::{
    ClosingFileWritten, ClosingSettings, ClosingSettingsInput, LetterProblem, LettersPreview, LettersRequest,
    LettersWritten, LonglistWritten, MergeFieldHelp, OutcomeTemplate, OutcomeTemplateInput,
    ParticipationView, THRESHOLD_MAX,
};
pub use demo::DemoOutcome;
pub use duplicates::DuplicatePair;
pub use exchange::{
    BundleExport, BundleOpened, BundleWritten, Enrolled, ExchangeStatus, IdentityView, JudgeExchange,
    JudgeRound, KeepScore, ReceiptCheck, ReturnImported, ReturnWritten, ScoreConflictView, SentReturnView,
    IDENTITY_FILE_NAME,
};
pub use export::{neutralise, ExportFormat, ExportSummary};
pub use import::{DuplicateCandidate, ImportPreview, ImportSummary};
pub use judging::{
    AssignmentSettings, AutomaticAssignment, BootstrapSummary, ConflictSuggestion, CutDependencyView,
    DiscussionRow, IdeaJudges, JudgeCell, JudgeLoad, JudgePairCount, JudgePairs, JudgeWorklist, PairIdea,
    PairPlan, PairView, PairwiseJudgeView, PairwiseResults, PairwiseRow, PairwiseTable, PreviousRoundScores,
    ResultRow, RoundCut, RoundIdea, RoundPanel, RoundResults, RubricSaved, RubricTemplate, RubricVersionView,
    WorkItem, AGREEMENT_MIN_DECISIVE, BORDERLINE_MARGIN, DEFAULT_APPEARANCES,
};
pub use opened::{file_argument, HandedFile, HandedKind};
pub use packs::{PackKind, PackPreview, PackRequest, PackSummary};
pub use personal::{ErasureInput, ErasureKind, ErasureSummary, PersonalDataStatus, SubjectAccessExport};
pub use protection::{ChangePassphraseInput, ProtectInput, RemoveProtectionInput, UnlockInput};
pub use settings::{UserRole, UserSettings, UserSettingsInput};
pub use workflow::{Board, BoardColumn, EvaluationView, MoveOutcome, Progress, BOARD_CARDS};

/// The source of "now". Passed in so that tests and generated documents are deterministic.
pub type Clock = Box<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// An opened data folder: the database (or the reason it could not be opened) and the clock.
///
/// Opening never fails: a database that cannot be used is kept as its [`ApiError`], returned by
/// every use case and shown by the app in place of its screens, so the person always learns why.
/// The slot can change while the app runs: unlocking a protected folder, setting or removing
/// protection and restoring a backup each put a newly opened store in it.
pub struct Shortlist {
    location: DataLocation,
    store: Mutex<Result<Store, ApiError>>,
    /// The passphrase that unlocked a protected folder, kept to open its backups and key file.
    passphrase: Mutex<Option<shortlist_exchange::Passphrase>>,
    /// Shared with the store, which stamps the audit trail's entries with it.
    clock: std::sync::Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>,
    /// Recorded against changes until the person saves a name: the operating-system account's.
    default_display_name: Option<String>,
    /// The last import plan, reused by the commit that follows its dry run.
    last_plan: import::RememberedPlan,
    /// This installation's key pair, read (or made) on first use.
    identity: std::sync::OnceLock<shortlist_exchange::Identity>,
    /// A file the operating system asked the app to open, until the window takes it.
    handed_file: Mutex<Option<std::path::PathBuf>>,
}

impl std::fmt::Debug for Shortlist {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shortlist").field("location", &self.location).field("store", &self.store).finish()
    }
}

/// What Settings/About shows: the version and where the data is.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database_path: String,
    pub data_dir_source: DataDirSource,
    /// Why the database could not be opened, if it could not.
    pub problem: Option<ApiError>,
    /// Whether the data folder is protected by a passphrase (encrypted at rest).
    pub protected: bool,
}

/// The open store, held locked for as long as the guard lives.
pub(crate) struct StoreGuard<'a>(MutexGuard<'a, Result<Store, ApiError>>);

impl std::ops::Deref for StoreGuard<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        match &*self.0 {
            Ok(store) => store,
            // `store()` only makes a guard over an open store, and nothing else holds the lock.
            Err(_) => unreachable!("a StoreGuard is only made over an open store"),
        }
    }
}

impl std::ops::DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        match &mut *self.0 {
            Ok(store) => store,
            Err(_) => unreachable!("a StoreGuard is only made over an open store"),
        }
    }
}

impl Shortlist {
    /// Opens (creating if needed) the database in `location`.
    pub fn open(location: DataLocation, clock: Clock) -> Shortlist {
        Shortlist::open_with_passphrase(location, clock, None)
    }

    /// Opens the database in `location`, unlocking it with `passphrase` if it is protected (a
    /// batch job's `--passphrase-env`). Without the right one a protected folder stays locked.
    pub fn open_with_passphrase(location: DataLocation, clock: Clock, passphrase: Option<&str>) -> Shortlist {
        let passphrase = passphrase.map(shortlist_exchange::Passphrase::new);
        let store = Store::open_with_passphrase(
            &location.database_path(),
            &location.backups_dir(),
            clock(),
            passphrase.as_ref().map(|p| p.expose()),
        )
        .map_err(|e| open_error(e, &location.backups_dir()));
        if let Err(e) = &store {
            tracing::warn!(error = %e, "database not opened");
        }
        let opened = store.is_ok();
        let app = Shortlist {
            location,
            store: Mutex::new(store),
            passphrase: Mutex::new(passphrase.filter(|_| opened)),
            clock: clock.into(),
            default_display_name: settings::os_user_name(),
            last_plan: Default::default(),
            identity: Default::default(),
            handed_file: Default::default(),
        };
        app.adopt_store();
        if opened {
            app.daily_backup();
        }
        app
    }

    /// Tells the open store who and when to record in the audit trail. Every store the app
    /// opens (at start, on unlock, after protection changes or a restore) gets it.
    fn adopt_store(&self) {
        if let Ok(store) = &mut *self.slot() {
            store.set_audit_context(shortlist_store::audit::Context {
                clock: self.clock.clone(),
                fallback_actor: self.default_display_name.clone(),
            });
        }
    }

    /// Sets the name recorded against changes when none is saved in Settings, in place of the
    /// operating-system account's (tests use a fixed one, or `None` for a system that knows none).
    pub fn with_default_display_name(mut self, name: Option<&str>) -> Shortlist {
        self.default_display_name = name.map(str::to_owned);
        self.adopt_store();
        self
    }

    /// A fresh in-memory database, for tests.
    pub fn in_memory(clock: Clock) -> Result<Shortlist, ApiError> {
        let store = Store::open_in_memory()?;
        let location = DataLocation { dir: ":memory:".into(), source: DataDirSource::Flag };
        let app = Shortlist {
            location,
            store: Mutex::new(Ok(store)),
            passphrase: Mutex::new(None),
            clock: clock.into(),
            default_display_name: Some("Test user".to_owned()),
            last_plan: Default::default(),
            identity: Default::default(),
            handed_file: Default::default(),
        };
        app.adopt_store();
        Ok(app)
    }

    /// The system clock, for the shells.
    pub fn system_clock() -> Clock {
        Box::new(Utc::now)
    }

    pub fn location(&self) -> &DataLocation {
        &self.location
    }

    /// The version, the data folder and any problem opening it.
    pub fn app_info(&self) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: self.location.dir.display().to_string(),
            database_path: self.location.database_path().display().to_string(),
            data_dir_source: self.location.source,
            problem: self.problem(),
            protected: self.is_protected(),
        }
    }

    /// The open problem, if the database could not be opened.
    pub fn problem(&self) -> Option<ApiError> {
        self.slot().as_ref().err().cloned()
    }

    fn slot(&self) -> MutexGuard<'_, Result<Store, ApiError>> {
        // A panic while holding the lock cannot leave a half-done write (transactions roll back on
        // drop), so a poisoned lock is safe to keep using.
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    fn store(&self) -> Result<StoreGuard<'_>, ApiError> {
        let slot = self.slot();
        match &*slot {
            Ok(_) => Ok(StoreGuard(slot)),
            Err(problem) => Err(problem.clone()),
        }
    }

    /// Writes a consistent copy of the database to `dest`, atomically.
    pub fn backup_to(&self, dest: &Path) -> Result<(), ApiError> {
        Ok(self.store()?.backup_to(dest)?)
    }
}

impl Shortlist {
    /// Opens the data folder the process was asked for: `--data-dir DIR` (or `--data-dir=DIR`)
    /// among `args`, else `SHORTLIST_DATA_DIR`, else the default. Never fails: a problem is kept
    /// and shown, as in [`Shortlist::open`].
    pub fn open_from_process(args: impl IntoIterator<Item = std::ffi::OsString>, clock: Clock) -> Shortlist {
        match DataLocation::from_process(data_dir_flag(args)) {
            Ok(location) => Shortlist::open(location, clock),
            Err(problem) => Shortlist {
                location: DataLocation { dir: std::path::PathBuf::new(), source: DataDirSource::Default },
                store: Mutex::new(Err(problem)),
                passphrase: Mutex::new(None),
                clock: clock.into(),
                default_display_name: settings::os_user_name(),
                last_plan: Default::default(),
                identity: Default::default(),
                handed_file: Default::default(),
            },
        }
    }
}

/// Finds `--data-dir DIR` or `--data-dir=DIR` in a shell's arguments.
pub fn data_dir_flag(args: impl IntoIterator<Item = std::ffi::OsString>) -> Option<std::path::PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(Into::into);
        }
        if let Some(value) = arg.to_str().and_then(|s| s.strip_prefix("--data-dir=")) {
            return Some(value.into());
        }
    }
    None
}
