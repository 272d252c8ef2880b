//! The one SQLite file that holds a user's challenges.
//!
//! * [`Store::open`] opens the file safely: before anything is written it checks that the file is
//!   a Shortlist database, is not damaged and was not written by a newer version, and refuses it
//!   otherwise ([`OpenError`]) without changing a byte. Before a migration it copies the file into
//!   the backups folder.
//! * Every connection runs in WAL mode with `synchronous=FULL` (a lost score is worse than a
//!   millisecond), `foreign_keys=ON` and a busy timeout: see [`connection::configure`]. A file
//!   store checkpoints its WAL on a second connection after each write, so a large write's
//!   commit does not also wait for its pages to be copied into the file (see
//!   `connection::Checkpointer`).
//! * Each table has its own module ([`challenges`], [`ideas`], [`history`], [`settings`],
//!   [`imports`], [`workflow`], [`assessments`], [`judging`], [`exchange`]; [`search`] reads across them) holding its migrations, its reads
//!   (functions taking `&Connection`) and its writes (functions taking a `&Transaction`, so a
//!   write can only happen inside [`Store::write`]). [`migrations`] lists them in order.
//!   Migrations are forward-only and never edited once shipped.

pub mod assessments;
pub mod audit;
pub mod challenges;
pub mod closing;
mod connection;
pub mod exchange;
pub mod history;
pub mod ideas;
pub mod imports;
pub mod judging;
mod migrations;
mod open;
pub mod pairwise;
pub mod protection;
pub mod retention;
pub mod search;
pub mod settings;
pub mod workflow;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::TransactionBehavior;
pub use rusqlite::{Connection, Transaction};

pub use migrations::SCHEMA_VERSION;
pub use open::{OpenError, APPLICATION_ID};
pub use rusqlite::ErrorCode as SqliteErrorCode;

/// An error while reading or writing an open store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The thing asked for does not exist (e.g. an idea id that was never created).
    #[error("{what} was not found")]
    NotFound { what: String },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("could not bring the database up to date: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("could not write the copy {path}: {source}")]
    Copy { path: PathBuf, source: std::io::Error },
}

/// What [`Store::check_file`] found in a database file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileSummary {
    pub schema_version: i64,
    pub ideas: i64,
    pub encrypted: bool,
}

/// An open Shortlist database.
#[derive(Debug)]
pub struct Store {
    /// Declared (so dropped) before `conn`: see [`connection::Checkpointer`]'s `Drop`.
    checkpointer: Option<connection::Checkpointer>,
    conn: Connection,
    path: Option<PathBuf>,
    search: search::SearchCache,
    /// Who and when, for sealing the audit trail's entries (see [`audit`]).
    audit: audit::Context,
}

impl Store {
    /// Opens the database at `path`, creating it (and its folder) when absent. `backups_dir` is
    /// where the copy taken before a migration goes; `now` names that copy.
    ///
    /// # Errors
    /// [`OpenError`] when the file is not a Shortlist database, is damaged, was written by a newer
    /// version, or cannot be read or created; in every refusal the file is left untouched.
    pub fn open(path: &Path, backups_dir: &Path, now: DateTime<Utc>) -> Result<Store, OpenError> {
        Store::open_with_passphrase(path, backups_dir, now, None)
    }

    /// As [`Store::open`], for a file that may be protected: `passphrase` opens an encrypted
    /// file and is ignored for a plain one (see [`protection`]).
    ///
    /// # Errors
    /// As [`Store::open`]; also [`OpenError::Locked`] for an encrypted file and no passphrase,
    /// and [`OpenError::WrongPassphrase`] when the passphrase does not open it. Either way the
    /// file is untouched, however many times it is tried.
    pub fn open_with_passphrase(
        path: &Path,
        backups_dir: &Path,
        now: DateTime<Utc>,
        passphrase: Option<&str>,
    ) -> Result<Store, OpenError> {
        let conn = open::open_checked(path, backups_dir, now, passphrase)?;
        let key = match protection::file_state(path) {
            Ok(protection::FileState::Encrypted) => passphrase,
            _ => None,
        };
        let checkpointer = connection::Checkpointer::start(path, &conn, key);
        Ok(Store {
            checkpointer,
            conn,
            path: Some(path.to_owned()),
            search: search::SearchCache::default(),
            audit: audit::Context::default(),
        })
    }

    /// A fresh, fully migrated database in memory: what every test starts from.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        connection::configure(&conn)?;
        migrations::to_latest(&mut conn)?;
        let tx = conn.transaction()?;
        audit::ensure_triggers(&tx, true)?;
        tx.commit()?;
        Ok(Store {
            checkpointer: None,
            conn,
            path: None,
            search: search::SearchCache::default(),
            audit: audit::Context::default(),
        })
    }

    /// The file this store reads, or `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Read access. Reads see only committed data.
    pub fn read(&self) -> &Connection {
        &self.conn
    }

    /// A value that changes whenever the database may have changed: a write through this store
    /// or a commit by another connection. Equal stamps mean nothing was written in between.
    pub fn change_stamp(&self) -> Result<(u64, i64), StoreError> {
        search::change_stamp(&self.conn)
    }

    /// What searches on this store's connection remember between calls (see [`search`]).
    pub fn search_cache(&self) -> &search::SearchCache {
        &self.search
    }

    /// Sets who and when the audit trail records for this store's writes: the app's clock, and
    /// the name to record when none is saved in Settings.
    pub fn set_audit_context(&mut self, context: audit::Context) {
        self.audit = context;
    }

    /// Runs `f` in one immediate transaction: all of its writes land, or none do. The audit
    /// entries the transaction made are sealed (see [`audit`]) before it commits.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx =
            self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let before = audit::last_id(&tx)?;
        let out = f(&tx)?;
        audit::seal(&tx, before, &self.audit)?;
        tx.commit().map_err(StoreError::from)?;
        if let Some(checkpointer) = &self.checkpointer {
            checkpointer.request();
        }
        Ok(out)
    }

    /// Writes a consistent copy of the whole database to `dest`, atomically: the copy appears
    /// complete under its name or not at all. Refuses to overwrite an existing file.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        connection::copy_to(&self.conn, dest)
    }

    /// Checks, reading only, that the file at `path` is an undamaged Shortlist database this
    /// version can open (with `passphrase` if it is encrypted), and counts its ideas: how a
    /// backup is checked before it is restored, and described in a list.
    ///
    /// # Errors
    /// As [`Store::open_with_passphrase`]; the file is never changed.
    pub fn check_file(path: &Path, passphrase: Option<&str>) -> Result<FileSummary, OpenError> {
        let key = match protection::file_state(path) {
            Ok(protection::FileState::Encrypted) => passphrase,
            _ => None,
        };
        let schema_version = open::inspect(path, key)?;
        let conn = open::open_read_only(path, key)?;
        let ideas = conn
            .query_row("SELECT count(*) FROM ideas", [], |r| r.get(0))
            .map_err(|source| OpenError::Sqlite { path: path.to_owned(), source })?;
        Ok(FileSummary { schema_version, ideas, encrypted: key.is_some() })
    }

    /// Rewrites the whole file (`VACUUM`) and empties the WAL, so that pages freed by deletions
    /// and old versions of changed rows are gone from the disk: after personal data is erased.
    pub fn compact(&self) -> Result<(), StoreError> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        self.conn.execute_batch("VACUUM")?;
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Writes the whole database to `dest` encrypted under `passphrase`, or plain with `None`,
    /// atomically (a temporary file, synced, then renamed), replacing `dest` if it exists. How
    /// protection is set, changed or removed: the copy then replaces the live file.
    pub fn export_to(&self, dest: &Path, passphrase: Option<&str>) -> Result<(), StoreError> {
        protection::export(&self.conn, dest, passphrase)
    }
}
