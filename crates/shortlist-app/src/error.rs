//! The one error type that crosses to the UI and the CLI.

use serde::Serialize;
use shortlist_domain::{FieldError, Invalid};
use shortlist_store::{OpenError, StoreError};
use specta::Type;

/// What the UI branches on. Only codes the UI treats differently exist; everything else is
/// `Internal` with a message that says what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// A form had problems; `fields` says which, for the GOV.UK error summary.
    Validation,
    /// The thing asked for does not exist.
    NotFound,
    /// The database could not be opened; the app shows the message instead of its screens.
    DatabaseUnusable,
    /// The data folder is protected by a passphrase and not unlocked yet: the app shows its
    /// unlock screen.
    Locked,
    /// What was asked needs the data folder protected by a passphrase first (opening an
    /// OFFICIAL-SENSITIVE bundle); the app offers to protect it. Nothing changed.
    NeedsProtection,
    /// The rules do not allow what was asked (e.g. a move that skips a stage); nothing changed.
    /// For a batch, `fields` names each refused idea (its reference as `field`) with the reason.
    Refused,
    /// Allowed, but only once the person confirms (e.g. going past a round's target size);
    /// nothing changed. Ask, then send the same request with the confirmation set.
    NeedsConfirmation,
    Internal,
}

/// An error as a person sees it: `message` says what went wrong and how to fix it, in plain
/// words. `fields` holds per-field messages when `code` is `Validation`, and is empty otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into(), fields: Vec::new() }
    }

    pub fn database_unusable(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::DatabaseUnusable, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::NotFound, message)
    }

    /// A refusal by the rules of one thing: the message says why and what to do instead.
    pub fn refused(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::Refused, message)
    }

    /// A refusal of a batch of `asked` things: a summary message, and each refused one (its
    /// reference as `field`) with its reason.
    pub fn refused_batch(asked: usize, reasons: Vec<FieldError>) -> ApiError {
        let n = reasons.len();
        let message = if n == 1 {
            format!(
                "{} cannot move, so none of the {asked} selected ideas were moved. {}",
                reasons[0].field, reasons[0].message
            )
        } else {
            format!("{n} of the {asked} selected ideas cannot move, so none were moved")
        };
        ApiError { code: ErrorCode::Refused, message, fields: reasons }
    }

    /// A validation error for a single field.
    pub fn field(field: &str, message: impl Into<String>) -> ApiError {
        let message = message.into();
        ApiError {
            code: ErrorCode::Validation,
            message: message.clone(),
            fields: vec![FieldError { field: field.to_owned(), message }],
        }
    }
}

impl From<Invalid> for ApiError {
    fn from(invalid: Invalid) -> Self {
        let message = match invalid.errors.len() {
            1 => invalid.errors[0].message.clone(),
            n => format!("There are {n} problems: {invalid}"),
        };
        ApiError { code: ErrorCode::Validation, message, fields: invalid.errors }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { what } => {
                ApiError::not_found(format!("{what} was not found. It may be in another data folder."))
            }
            StoreError::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite_busy()) => ApiError::new(
                ErrorCode::Internal,
                "The database is busy with another task (perhaps a batch job in the command line). \
                 Nothing was changed: wait for that task to finish and try again.",
            ),
            StoreError::Sqlite(e) => ApiError::new(
                ErrorCode::Internal,
                format!("Shortlist could not read or save its data, and nothing was changed ({e}). Try again; if it happens again, make a backup with `shortlist backup` and report the problem."),
            ),
            StoreError::Migration(e) => ApiError::new(
                ErrorCode::Internal,
                format!("Shortlist could not bring its database up to date ({e})."),
            ),
            StoreError::Copy { path, source } => ApiError::new(
                ErrorCode::Internal,
                format!("Shortlist could not write the copy {}: {source}.", path.display()),
            ),
        }
    }
}

/// A failure with no better message: what was being done, and what the system said.
pub(crate) fn internal(what: &str, e: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::Internal, format!("{what} ({e})"))
}

fn rusqlite_busy() -> shortlist_store::SqliteErrorCode {
    shortlist_store::SqliteErrorCode::DatabaseBusy
}

/// Messages for a database that cannot be opened. Each says the file was left alone and what
/// the person can do next.
pub(crate) fn open_error(e: OpenError, backups: &std::path::Path) -> ApiError {
    let flag_hint = format!(
        "or start Shortlist with another data folder (the --data-dir option or the {} environment variable)",
        crate::DATA_DIR_ENV
    );
    let message = match e {
        OpenError::NotShortlist { path } => format!(
            "The file {} is not a Shortlist database, so Shortlist has not opened or changed it. \
             Move that file somewhere else, {flag_hint}.",
            path.display()
        ),
        OpenError::Corrupt { path, detail } => format!(
            "The Shortlist database {} is damaged, so Shortlist has left it exactly as it is. \
             Restore your most recent backup (Shortlist keeps copies in {}), {flag_hint}. \
             Details for your IT team: {detail}",
            path.display(),
            backups.display()
        ),
        OpenError::TooNew { path, found, supported } => format!(
            "The database {} was saved by a newer version of Shortlist (database version {found}; \
             this version reads up to {supported}). Install the latest version of Shortlist to open it. \
             The file has not been changed.",
            path.display()
        ),
        OpenError::Folder { path, source } => format!(
            "Shortlist could not use the folder {} ({source}). Check that you can save files there, {flag_hint}.",
            path.display()
        ),
        OpenError::Backup { path, source } => format!(
            "Shortlist needs to upgrade {} but could not first copy it to {} ({source}), so it has not \
             changed anything. Free some disk space or check you can save files there, then try again.",
            path.display(),
            backups.display()
        ),
        OpenError::Migration { path, source } => format!(
            "Shortlist could not upgrade the database {} ({source}). The upgrade was undone, so the \
             file is as it was; a copy taken before the upgrade is in {}. Please report this problem.",
            path.display(),
            backups.display()
        ),
        OpenError::Locked { .. } => {
            return ApiError::new(
                ErrorCode::Locked,
                "This data folder is protected by a passphrase. Enter it to unlock the folder.",
            )
        }
        OpenError::WrongPassphrase { .. } => {
            return ApiError::new(
                ErrorCode::Locked,
                "That passphrase does not unlock this data folder, so it has not been opened or changed. \
                 Check the passphrase (capitals and spaces count) and try again.",
            )
        }
        OpenError::Sqlite { path, source } => format!(
            "Shortlist could not open the database {} ({source}). It has not been changed. \
             Close any other program using it and try again, {flag_hint}.",
            path.display()
        ),
    };
    ApiError::database_unusable(message)
}
