//! Protecting a data folder with a passphrase: unlocking it, and setting, changing or removing
//! the protection.
//!
//! A protected folder's database is encrypted with SQLCipher (see `shortlist_store::protection`),
//! its backups are encrypted with the same passphrase, and its signing key file is sealed with
//! it the way sealed bundles are. So a lost laptop gives its finder neither the challenge nor
//! the means to sign returns in the judge's name.
//!
//! Every change of protection rewrites the files, never edits them in place: a backup of the
//! database first, then a complete copy under the new key, synced, renamed over the live file.
//! A crash at any moment leaves the old file or the new one, whole.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use shortlist_exchange::{self as exchange, Passphrase};
use shortlist_store::protection::{file_state, FileState};
use shortlist_store::Store;
use specta::Type;

use super::Shortlist;
use crate::error::{internal, open_error};
use crate::{ApiError, ErrorCode};

/// The shortest passphrase accepted. NCSC's advice is three random words, which is longer.
pub const PASSPHRASE_MIN_CHARS: usize = 10;

/// What the unlock screen sends.
#[derive(Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct UnlockInput {
    pub passphrase: String,
}

/// Setting protection: the new passphrase, typed twice.
#[derive(Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ProtectInput {
    pub passphrase: String,
    pub confirmation: String,
}

/// Changing the passphrase: the current one, and the new one typed twice.
#[derive(Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ChangePassphraseInput {
    pub current: String,
    pub passphrase: String,
    pub confirmation: String,
}

/// Removing protection: the current passphrase, so a laptop left unlocked cannot be stripped of
/// its protection by whoever walks past.
#[derive(Clone, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RemoveProtectionInput {
    pub current: String,
}

macro_rules! hidden_debug {
    ($($ty:ident),*) => {$(
        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(concat!(stringify!($ty), "(<hidden>)"))
            }
        }
    )*};
}
hidden_debug!(UnlockInput, ProtectInput, ChangePassphraseInput, RemoveProtectionInput);

fn wrong_passphrase(field: &str) -> ApiError {
    ApiError::field(
        field,
        "That passphrase does not unlock this data folder. Check it and try again: capitals and spaces count",
    )
}

/// Checks a new passphrase and its confirmation.
fn new_passphrase(passphrase: &str, confirmation: &str) -> Result<Passphrase, ApiError> {
    if passphrase.chars().count() < PASSPHRASE_MIN_CHARS {
        return Err(ApiError::field(
            "passphrase",
            format!(
                "Enter a passphrase of at least {PASSPHRASE_MIN_CHARS} characters. Three random words make a good one"
            ),
        ));
    }
    if passphrase != confirmation {
        return Err(ApiError::field(
            "confirmation",
            "The two passphrases are different. Type the same passphrase twice",
        ));
    }
    Ok(Passphrase::new(passphrase))
}

impl Shortlist {
    /// Whether the data folder's database is encrypted.
    pub fn is_protected(&self) -> bool {
        matches!(file_state(&self.location.database_path()), Ok(FileState::Encrypted))
    }

    pub(crate) fn unlocked_passphrase(&self) -> Option<Passphrase> {
        self.passphrase.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Opens a protected folder with its passphrase. Already open: nothing to do.
    ///
    /// # Errors
    /// `Validation` on `passphrase` when it is wrong; nothing changes, however often it is tried.
    /// The other reasons a database cannot be opened, as when the app starts.
    pub fn unlock(&self, input: &UnlockInput) -> Result<(), ApiError> {
        {
            let mut slot = self.slot();
            if slot.is_ok() {
                return Ok(());
            }
            let passphrase = Passphrase::new(input.passphrase.as_str());
            match Store::open_with_passphrase(
                &self.location.database_path(),
                &self.location.backups_dir(),
                self.now(),
                Some(passphrase.expose()),
            ) {
                Ok(store) => {
                    *slot = Ok(store);
                    *self.passphrase.lock().unwrap_or_else(|p| p.into_inner()) = Some(passphrase);
                }
                Err(shortlist_store::OpenError::WrongPassphrase { .. }) => {
                    return Err(wrong_passphrase("passphrase"))
                }
                Err(e) => {
                    let problem = open_error(e, &self.location.backups_dir());
                    *slot = Err(problem.clone());
                    return Err(problem);
                }
            }
        }
        self.adopt_store();
        self.daily_backup();
        Ok(())
    }

    /// Protects an unprotected folder with a passphrase: the database, its backups and its key.
    ///
    /// # Errors
    /// `Validation` on `passphrase` (too short) or `confirmation` (different); `Refused` when the
    /// folder is already protected. Otherwise nothing is left half-done: see [`Shortlist::rekey`].
    pub fn protect(&self, input: &ProtectInput) -> Result<(), ApiError> {
        let to = new_passphrase(&input.passphrase, &input.confirmation)?;
        if self.is_protected() {
            return Err(ApiError::refused(
                "This data folder is already protected. To use another passphrase, change it instead",
            ));
        }
        self.rekey(None, Some(&to))
    }

    /// Changes a protected folder's passphrase.
    ///
    /// # Errors
    /// `Validation` on `current` when it is wrong, and on the new passphrase as for
    /// [`Shortlist::protect`]; `Refused` when the folder is not protected.
    pub fn change_passphrase(&self, input: &ChangePassphraseInput) -> Result<(), ApiError> {
        let from = self.current_passphrase(&input.current)?;
        let to = new_passphrase(&input.passphrase, &input.confirmation)?;
        self.rekey(Some(&from), Some(&to))
    }

    /// Removes protection: the database, its backups and its key are written plain again.
    ///
    /// # Errors
    /// `Validation` on `current` when it is wrong; `Refused` when the folder is not protected.
    pub fn remove_protection(&self, input: &RemoveProtectionInput) -> Result<(), ApiError> {
        let from = self.current_passphrase(&input.current)?;
        self.rekey(Some(&from), None)
    }

    fn current_passphrase(&self, typed: &str) -> Result<Passphrase, ApiError> {
        if !self.is_protected() {
            return Err(ApiError::refused("This data folder is not protected by a passphrase"));
        }
        match self.unlocked_passphrase() {
            Some(known) if known.expose() == typed => Ok(known),
            _ => Err(wrong_passphrase("current")),
        }
    }

    /// Rewrites the database, its backups and its key file from `from` to `to` (`None`: plain).
    ///
    /// In order: a backup of the database as it is; a complete copy under `to`, synced; the open
    /// store closed; the copy renamed over the live file; the store reopened. Only then the
    /// backups and the key file, each rewritten atomically on its own, so that each is readable
    /// with one passphrase or the other and never half-written.
    fn rekey(&self, from: Option<&Passphrase>, to: Option<&Passphrase>) -> Result<(), ApiError> {
        let now = self.now();
        let live = self.location.database_path();
        let fresh = sibling(&live, "rekeyed");
        let swapped = {
            let mut slot = self.slot();
            let store = slot.as_ref().map_err(Clone::clone)?;
            self.backup_now(store, "before-protection", now)?;
            store.export_to(&fresh, to.map(Passphrase::expose))?;
            // Closing the store checkpoints its WAL into the file and deletes it.
            *slot = Err(ApiError::database_unusable("Shortlist is changing this data folder's protection."));
            let swapped = wal_is_empty(&live).and_then(|()| {
                std::fs::rename(&fresh, &live)
                    .map_err(|e| internal("Shortlist could not replace the database with its new copy", e))
            });
            let key = if swapped.is_ok() { to } else { from };
            if swapped.is_err() {
                let _ = std::fs::remove_file(&fresh);
            }
            *slot = Store::open_with_passphrase(
                &live,
                &self.location.backups_dir(),
                now,
                key.map(Passphrase::expose),
            )
            .map_err(|e| open_error(e, &self.location.backups_dir()));
            if swapped.is_ok() {
                *self.passphrase.lock().unwrap_or_else(|p| p.into_inner()) = to.cloned();
            }
            swapped
        };
        // The reopened store records who and when, whether or not the change went through.
        self.adopt_store();
        swapped?;
        let action = match (from, to) {
            (None, Some(_)) => "protection-set",
            (Some(_), Some(_)) => "passphrase-changed",
            _ => "protection-removed",
        };
        self.store()?.write(|tx| shortlist_store::audit::note(tx, action, "data folder", "{}"))?;
        self.rekey_backups(from, to);
        self.rekey_identity(from, to)?;
        tracing::info!(protected = to.is_some(), "data folder protection changed");
        Ok(())
    }

    /// Rewrites every backup under the new key. A backup that cannot be read with the old one
    /// (damaged, or from before an earlier change that failed half-way) is left as it is and
    /// reported in the log; it still shows in the list, marked unreadable.
    fn rekey_backups(&self, from: Option<&Passphrase>, to: Option<&Passphrase>) {
        for path in self.backup_files() {
            if let Err(e) = shortlist_store::protection::rekey_file(
                &path,
                from.map(Passphrase::expose),
                to.map(Passphrase::expose),
            ) {
                tracing::warn!(backup = %path.display(), error = %e, "backup not rewritten under the new passphrase");
            }
        }
    }

    fn rekey_identity(&self, from: Option<&Passphrase>, to: Option<&Passphrase>) -> Result<(), ApiError> {
        let path = self.location.dir.join(super::IDENTITY_FILE_NAME);
        if !path.exists() {
            return Ok(());
        }
        let key_problem = |e: exchange::KeyError| {
            ApiError::new(
                ErrorCode::Internal,
                format!(
                    "The database's protection was changed, but its signing key file {} could not be ({e}). \
                     Try the change again; if it fails again, report the problem.",
                    path.display()
                ),
            )
        };
        let identity = exchange::read_private_key_with(&path, from).map_err(key_problem)?;
        exchange::replace_private_key(&path, &identity, to).map_err(key_problem)
    }
}

/// A file beside `path` named for what it holds, for a copy about to replace it.
pub(crate) fn sibling(path: &Path, what: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{what}.{}", std::process::id()))
}

/// A database may only be replaced when no WAL is left beside it: a WAL belongs to the file it
/// was written for, and replaying it into another would damage that one.
pub(crate) fn wal_is_empty(live: &Path) -> Result<(), ApiError> {
    let mut wal = live.as_os_str().to_owned();
    wal.push("-wal");
    match std::fs::metadata(PathBuf::from(wal)) {
        Ok(meta) if meta.len() > 0 => Err(ApiError::refused(
            "Another Shortlist (perhaps a batch job in the command line) has this data folder open, \
             so nothing was changed. Close it and try again.",
        )),
        _ => Ok(()),
    }
}
