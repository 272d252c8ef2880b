//! Files handed to the app by the operating system: a double-clicked bundle, return or
//! enrolment, or `shortlist-desktop FILE`. The shell hands the path over
//! ([`Shortlist::hand_file`]); the window takes it ([`Shortlist::take_handed_file`]) and opens
//! the page for its kind with the file filled in. The file is identified here, from inside (its
//! signed format, not its name), so that a renamed file still goes to the right page and a file
//! of another kind, or not a Shortlist file at all, is refused with a message before any page
//! sees it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::Serialize;
use shortlist_domain::Stage;
use shortlist_exchange::{self as exchange, Kind};
use specta::Type;

use super::Shortlist;
use crate::ApiError;

/// Which page takes a handed file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum HandedKind {
    /// A judge bundle: the judge's "open a bundle" page.
    Bundle,
    /// A score return: the secretariat's exchange page, to take it in.
    Return,
    /// An enrolment file: the secretariat's exchange page, to enrol the key.
    Enrolment,
}

/// A file the operating system asked the app to open, identified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct HandedFile {
    /// The full path, to fill in on the page.
    pub path: String,
    pub kind: HandedKind,
    /// A bundle sealed with a passphrase (the page asks for it).
    pub sealed: bool,
    /// The round a bundle or return is for, when the file says (a sealed bundle does not, yet).
    pub round: Option<Stage>,
}

impl Shortlist {
    /// Keeps `path` for the window to take, replacing any file handed before and not yet taken
    /// (the person's latest double-click wins). A relative path is taken from `cwd`, the folder
    /// the request came from.
    pub fn hand_file(&self, path: &Path, cwd: &Path) {
        let full = if path.is_absolute() { path.to_owned() } else { cwd.join(path) };
        *self.handed_file.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(full);
    }

    /// The file handed to the app and not yet taken, identified; `None` when there is none.
    /// Taking it forgets it, so a reload does not open it twice.
    ///
    /// # Errors
    /// `Refused` when the file cannot be read, is not a Shortlist file, is damaged or was
    /// changed after it was signed, or was made by a newer Shortlist; the message names the file
    /// and says what to do.
    pub fn take_handed_file(&self) -> Result<Option<HandedFile>, ApiError> {
        let taken = self.handed_file.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take();
        taken.map(|path| identify(&path)).transpose()
    }
}

fn identify(path: &Path) -> Result<HandedFile, ApiError> {
    let name =
        path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let refused = |why: String| ApiError::refused(format!("Shortlist could not open “{name}”. {why}"));
    if path.is_dir() {
        return Err(refused("It is a folder, not a file.".to_owned()));
    }
    let bytes = exchange::read_limited(path).map_err(|e| refused(e.to_string()))?;
    let identified = exchange::identify(&bytes).map_err(|e| refused(e.to_string()))?;
    let kind = match identified.kind {
        Kind::JudgeBundle => HandedKind::Bundle,
        Kind::ScoreReturn => HandedKind::Return,
        Kind::Enrolment => HandedKind::Enrolment,
    };
    Ok(HandedFile {
        path: path.display().to_string(),
        kind,
        sealed: identified.sealed,
        round: identified.round.as_deref().and_then(Stage::from_code),
    })
}

/// The file a shell was asked to open: the first argument that is neither a flag nor a flag's
/// value (`--data-dir DIR`). `None` when there is none.
pub fn file_argument(args: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            args.next();
            continue;
        }
        if arg.to_str().is_some_and(|a| a.starts_with('-')) {
            continue;
        }
        return Some(arg.into());
    }
    None
}
