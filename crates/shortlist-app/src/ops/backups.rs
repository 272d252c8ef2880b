//! Rolling backups of the database, and restoring one.
//!
//! Shortlist keeps copies in the data folder's `backups` folder: one on the first open of each
//! day, one before any upgrade of the database, one before protection changes and one before a
//! restore. Only the newest `kept` (a setting, 10 unless changed) stay; older ones are deleted
//! as new ones are made. A copy is a whole, consistent database written atomically (see
//! `Store::backup_to`), encrypted with the folder's passphrase when the folder is protected.
//!
//! A copy's name says when it was taken, why, and how many ideas it held:
//! `shortlist-20261205T091500Z-daily-212ideas.sqlite3`, so the list needs to open none of them
//! (opening a protected one costs a key derivation, a tenth of a second each).
//!
//! Restoring checks the copy first (it must open with the passphrase, be undamaged and be a
//! Shortlist database this version reads) and refuses it otherwise, changing nothing. Then the
//! live file (and any WAL beside it) is moved into the backups folder, kept aside rather than
//! deleted, and the copy takes its place. This works from the unlock screen and from the
//! "cannot open its database" screen too: a damaged live file is exactly when a restore is needed.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use shortlist_exchange::Passphrase;
use shortlist_store::protection::{file_state, FileState};
use shortlist_store::{settings, Store};
use specta::Type;

use super::protection::sibling;
use super::Shortlist;
use crate::error::{internal, open_error};
use crate::ApiError;

/// How many copies are kept unless the person chooses otherwise.
pub const DEFAULT_BACKUPS_KEPT: u32 = 10;
/// The most copies that can be kept (each is a whole database).
pub const MAX_BACKUPS_KEPT: u32 = 100;
const BACKUPS_KEPT: &str = "backups_kept";
const STAMP: &str = "%Y%m%dT%H%M%SZ";

/// One copy in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupView {
    pub file_name: String,
    pub taken_at: DateTime<Utc>,
    /// Why it was taken, in words: "Daily", "Before an upgrade", …
    pub reason: String,
    pub size_bytes: u64,
    /// `None` for a copy whose name does not record it (made before upgrades, or by hand).
    pub ideas: Option<u32>,
    /// Encrypted with the folder's passphrase.
    pub protected: bool,
}

/// The backups folder and its copies, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Backups {
    pub folder: String,
    /// How many automatic copies are kept.
    pub kept: u32,
    pub backups: Vec<BackupView>,
}

/// Which copy to restore; the passphrase only when the folder is locked (from the unlock screen).
#[derive(Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RestoreInput {
    pub file_name: String,
    pub passphrase: Option<String>,
}

impl std::fmt::Debug for RestoreInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RestoreInput").field("file_name", &self.file_name).finish_non_exhaustive()
    }
}

/// Reads a copy's name: its time, why it was taken and its idea count, where the name says.
fn parse_name(name: &str) -> Option<(DateTime<Utc>, String, Option<u32>)> {
    let stem = name.strip_prefix("shortlist-")?.strip_suffix(".sqlite3")?;
    let mut parts = stem.split('-');
    // A second copy in the same second has `_2` after its stamp.
    let first = parts.next()?.split('_').next()?;
    if let Ok(at) = NaiveDateTime::parse_from_str(first, STAMP) {
        // shortlist-<stamp>-<reason…>-<n>ideas
        let rest: Vec<&str> = parts.collect();
        let (ideas, reason) = match rest.split_last() {
            Some((last, reason)) if last.ends_with("ideas") => {
                (last.trim_end_matches("ideas").parse().ok(), reason.join("-"))
            }
            _ => (None, rest.join("-")),
        };
        return Some((at.and_utc(), reason_label(&reason), ideas));
    }
    // shortlist-before-v<N>-<stamp>: taken by the store before it upgrades the database.
    let stamp = stem.rsplit('-').next()?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    Some((at.and_utc(), "Before an upgrade".to_owned(), None))
}

fn reason_label(code: &str) -> String {
    match code {
        "daily" => "Daily",
        "manual" => "Made by you",
        "before-protection" => "Before protection changed",
        "before-restore" => "Before a restore",
        "replaced" => "Replaced by a restore",
        other => other,
    }
    .to_owned()
}

impl Shortlist {
    /// The database files in the backups folder, any name.
    pub(crate) fn backup_files(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(self.location.backups_dir()) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "sqlite3") && p.is_file())
            .collect();
        files.sort();
        files
    }

    /// The copies in the backups folder, newest first.
    pub fn list_backups(&self) -> Result<Backups, ApiError> {
        let mut backups: Vec<BackupView> = self
            .backup_files()
            .into_iter()
            .filter_map(|path| {
                let file_name = path.file_name()?.to_string_lossy().into_owned();
                let meta = std::fs::metadata(&path).ok()?;
                let (taken_at, reason, ideas) = parse_name(&file_name).unwrap_or_else(|| {
                    let modified = meta.modified().map(DateTime::<Utc>::from).unwrap_or_default();
                    (modified, "Other".to_owned(), None)
                });
                let protected = matches!(file_state(&path), Ok(FileState::Encrypted));
                Some(BackupView { file_name, taken_at, reason, size_bytes: meta.len(), ideas, protected })
            })
            .collect();
        backups.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then_with(|| b.file_name.cmp(&a.file_name)));
        Ok(Backups {
            folder: self.location.backups_dir().display().to_string(),
            kept: self.backups_kept(),
            backups,
        })
    }

    /// How many automatic copies are kept: the saved setting, else the default.
    pub fn backups_kept(&self) -> u32 {
        let Ok(store) = self.store() else { return DEFAULT_BACKUPS_KEPT };
        settings::get(store.read(), BACKUPS_KEPT)
            .ok()
            .flatten()
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_BACKUPS_KEPT)
    }

    /// Sets how many automatic copies are kept (1–100), deleting the oldest beyond that now.
    ///
    /// # Errors
    /// `Validation` on `kept` outside 1–100.
    pub fn set_backups_kept(&self, kept: u32) -> Result<Backups, ApiError> {
        if !(1..=MAX_BACKUPS_KEPT).contains(&kept) {
            return Err(ApiError::field("kept", format!("Keep between 1 and {MAX_BACKUPS_KEPT} copies")));
        }
        self.store()?.write(|tx| settings::set(tx, BACKUPS_KEPT, &kept.to_string()))?;
        self.prune_backups();
        self.list_backups()
    }

    /// Makes a copy now, as the person asked ("Back up now" in Settings).
    pub fn back_up_now(&self) -> Result<BackupView, ApiError> {
        let store = self.store()?;
        let path = self.backup_now(&store, "manual", self.now())?;
        drop(store);
        self.prune_backups();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        self.list_backups()?
            .backups
            .into_iter()
            .find(|b| b.file_name == name)
            .ok_or_else(|| ApiError::not_found(format!("The backup {name}")))
    }

    /// Takes a copy of `store` into the backups folder, named for `now`, `reason` and its idea
    /// count. Returns its path.
    pub(crate) fn backup_now(
        &self,
        store: &Store,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<PathBuf, ApiError> {
        let ideas: i64 = store
            .read()
            .query_row("SELECT count(*) FROM ideas", [], |r| r.get(0))
            .map_err(shortlist_store::StoreError::from)?;
        let stamp = now.format(STAMP);
        let dir = self.location.backups_dir();
        let mut path = dir.join(format!("shortlist-{stamp}-{reason}-{ideas}ideas.sqlite3"));
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("shortlist-{stamp}_{n}-{reason}-{ideas}ideas.sqlite3"));
            n += 1;
        }
        store.backup_to(&path)?;
        Ok(path)
    }

    /// The first open of each day takes a copy, when the database holds a challenge and no copy
    /// was taken today. A failure is logged, never in the way: the person's work comes first.
    pub(crate) fn daily_backup(&self) {
        let now = self.now();
        let today = now.date_naive();
        let taken_today = self
            .backup_files()
            .iter()
            .filter_map(|p| parse_name(&p.file_name()?.to_string_lossy()))
            .any(|(at, _, _)| at.date_naive() == today);
        if taken_today {
            return;
        }
        let Ok(store) = self.store() else { return };
        let has_challenge = store
            .read()
            .query_row("SELECT EXISTS (SELECT 1 FROM challenges)", [], |r| r.get::<_, bool>(0))
            .unwrap_or(false);
        if !has_challenge {
            return;
        }
        let made = self.backup_now(&store, "daily", now);
        drop(store);
        match made {
            Ok(path) => tracing::info!(copy = %path.display(), "daily backup taken"),
            Err(e) => tracing::warn!(error = %e, "daily backup not taken"),
        }
        self.prune_backups();
    }

    /// Deletes the oldest copies beyond the number kept, and what a copy cut short by a crash
    /// left behind (a `.partial` file never renamed into place; an hour old, so that a copy
    /// another process is writing now is left alone).
    fn prune_backups(&self) {
        if let Ok(entries) = std::fs::read_dir(self.location.backups_dir()) {
            for entry in entries.filter_map(Result::ok) {
                let name = entry.file_name().to_string_lossy().into_owned();
                let stale = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|modified| modified.elapsed().ok())
                    .is_some_and(|age| age > std::time::Duration::from_secs(3600));
                if name.starts_with('.') && name.ends_with(".partial") && stale {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        let kept = self.backups_kept() as usize;
        let Ok(list) = self.list_backups() else { return };
        for old in list.backups.iter().skip(kept) {
            let path = self.location.backups_dir().join(&old.file_name);
            if let Err(e) = std::fs::remove_file(&path) {
                tracing::warn!(backup = %path.display(), error = %e, "old backup not deleted");
            }
        }
    }

    /// Replaces the database with a copy from the backups folder, keeping the current file aside
    /// in the backups folder first. Works when the database is open, locked or unusable.
    ///
    /// # Errors
    /// `NotFound` for a name not in the folder; `Validation` on `passphrase` when the copy is
    /// protected and the passphrase does not open it; `Refused` when the copy is damaged, not a
    /// Shortlist database or from a newer version, or another program has the database open.
    /// In each case nothing changes.
    pub fn restore_backup(&self, input: &RestoreInput) -> Result<Backups, ApiError> {
        let name = input.file_name.trim();
        let backup = self.location.backups_dir().join(name);
        if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') || !backup.is_file() {
            return Err(ApiError::not_found(format!(
                "There is no backup called “{name}” in {}. Choose one from the list",
                self.location.backups_dir().display()
            )));
        }
        let passphrase = match &input.passphrase {
            Some(typed) => Some(Passphrase::new(typed.as_str())),
            None => self.unlocked_passphrase(),
        };
        let key = passphrase.as_ref().map(Passphrase::expose);
        match Store::check_file(&backup, key) {
            Ok(_) => {}
            Err(shortlist_store::OpenError::WrongPassphrase { .. } | shortlist_store::OpenError::Locked { .. }) => {
                return Err(ApiError::field(
                    "passphrase",
                    "That backup is protected by a passphrase, and this one does not open it. Enter the data folder's passphrase",
                ))
            }
            Err(e) => {
                let why = open_error(e, &self.location.backups_dir()).message;
                return Err(ApiError::refused(format!(
                    "The backup {name} cannot be restored, so nothing was changed. {why}"
                )));
            }
        }

        let now = self.now();
        let live = self.location.database_path();
        let stamp = now.format(STAMP);
        let restored = {
            let mut slot = self.slot();
            // Closing the store checkpoints its WAL into the file and deletes it.
            *slot = Err(ApiError::database_unusable("Shortlist is restoring a backup."));
            let result = (|| -> Result<(), ApiError> {
                let copy = sibling(&live, "restoring");
                std::fs::copy(&backup, &copy)
                    .and_then(|_| std::fs::File::open(&copy)?.sync_all())
                    .map_err(|e| internal("Shortlist could not copy the backup into the data folder", e))?;
                // Keep the current file (and a WAL a crash may have left beside it) aside.
                let aside = self.location.backups_dir().join(format!("shortlist-{stamp}-replaced.sqlite3"));
                if live.exists() {
                    for suffix in ["", "-wal"] {
                        let from = PathBuf::from(format!("{}{suffix}", live.display()));
                        if from.exists() {
                            let to = PathBuf::from(format!("{}{suffix}", aside.display()));
                            std::fs::rename(&from, &to).map_err(|e| {
                                let _ = std::fs::remove_file(&copy);
                                internal("Shortlist could not move the current database aside", e)
                            })?;
                        }
                    }
                    let _ = std::fs::remove_file(format!("{}-shm", live.display()));
                }
                std::fs::rename(&copy, &live)
                    .map_err(|e| internal("Shortlist could not put the backup in place", e))?;
                shortlist_store::protection::sync_parent(&live);
                Ok(())
            })();
            *slot = Store::open_with_passphrase(&live, &self.location.backups_dir(), now, key)
                .map_err(|e| open_error(e, &self.location.backups_dir()));
            if result.is_ok() && slot.is_ok() && passphrase.is_some() {
                *self.passphrase.lock().unwrap_or_else(|p| p.into_inner()) = passphrase;
            }
            result.and_then(|()| match &*slot {
                Ok(_) => Ok(()),
                Err(problem) => Err(problem.clone()),
            })
        };
        // The reopened store records who and when, whether or not the restore went through.
        self.adopt_store();
        restored?;
        let detail = serde_json::json!({ "backup": name }).to_string();
        self.store()?.write(|tx| shortlist_store::audit::note(tx, "backup-restored", "database", &detail))?;
        tracing::info!(backup = %backup.display(), "backup restored");
        self.list_backups()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_when_why_and_how_many() {
        let (at, reason, ideas) =
            parse_name("shortlist-20261205T091500Z-daily-212ideas.sqlite3").expect("parses");
        assert_eq!(at.to_rfc3339(), "2026-12-05T09:15:00+00:00");
        assert_eq!((reason.as_str(), ideas), ("Daily", Some(212)));
        let (_, reason, ideas) =
            parse_name("shortlist-20261205T091500Z_2-before-protection-7ideas.sqlite3").expect("parses");
        assert_eq!((reason.as_str(), ideas), ("Before protection changed", Some(7)));
        let (at, reason, ideas) = parse_name("shortlist-before-v9-20261201T080000Z.sqlite3").expect("parses");
        assert_eq!(
            (at.to_rfc3339().as_str(), reason.as_str(), ideas),
            ("2026-12-01T08:00:00+00:00", "Before an upgrade", None)
        );
        assert!(parse_name("holiday.sqlite3").is_none());
    }
}
