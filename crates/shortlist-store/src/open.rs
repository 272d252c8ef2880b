//! Opening the file without harming it.
//!
//! The file is examined through a read-only connection first. Only when it is a Shortlist
//! database, undamaged and not from a newer version is it opened for writing; switching to WAL
//! alone rewrites header bytes, so a foreign file must never reach that point.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::{connection, migrations};

/// Written into the SQLite header (`PRAGMA application_id`) so that a Shortlist database can be
/// told from any other SQLite file. The bytes spell "SHLT".
pub const APPLICATION_ID: i32 = 0x5348_4C54;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Why a database file was refused. In every case the file is left as it was.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{} is not a Shortlist database", path.display())]
    NotShortlist { path: PathBuf },
    #[error("{} is damaged: {detail}", path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{} was written by a newer version of Shortlist (database version {found}; this version reads up to {supported})",
        path.display()
    )]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("could not use the folder {}: {source}", path.display())]
    Folder { path: PathBuf, source: std::io::Error },
    #[error("could not copy {} before upgrading it: {source}", path.display())]
    Backup { path: PathBuf, source: Box<crate::StoreError> },
    #[error("could not bring {} up to date: {source}", path.display())]
    Migration { path: PathBuf, source: rusqlite_migration::Error },
    #[error("could not open {}: {source}", path.display())]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    /// The file is encrypted and the passphrase given does not open it (or the file is not an
    /// encrypted database at all: the two cannot be told apart without the right passphrase).
    #[error("the passphrase does not open {}", path.display())]
    WrongPassphrase { path: PathBuf },
    /// The file looks encrypted (protected with a passphrase) and no passphrase was given.
    #[error("{} is protected with a passphrase", path.display())]
    Locked { path: PathBuf },
}

pub(crate) fn open_checked(
    path: &Path,
    backups_dir: &Path,
    now: DateTime<Utc>,
    passphrase: Option<&str>,
) -> Result<Connection, OpenError> {
    let sqlite = |source| OpenError::Sqlite { path: path.to_owned(), source };
    let existing = match std::fs::metadata(path) {
        // A zero-byte file is what SQLite leaves when it crashed before its first write.
        Ok(meta) => meta.len() > 0,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(source) => return Err(OpenError::Folder { path: path.to_owned(), source }),
    };

    // A passphrase only means something for a file that is already encrypted: a plain file (or a
    // new one) is opened as it is, so a batch job given a passphrase for an unprotected folder
    // still works. Encrypting a plain file is `Store::export_to`'s job, never a side effect.
    let encrypted =
        matches!(crate::protection::file_state(path), Ok(crate::protection::FileState::Encrypted));
    let key = if existing && encrypted { passphrase } else { None };
    let mut upgraded = !existing;
    if existing {
        let version = inspect(path, key)?;
        upgraded = version < migrations::SCHEMA_VERSION;
        if version < migrations::SCHEMA_VERSION {
            let name = format!(
                "shortlist-before-v{}-{}.sqlite3",
                migrations::SCHEMA_VERSION,
                now.format("%Y%m%dT%H%M%SZ")
            );
            let dest = backups_dir.join(name);
            let ro = open_read_only(path, key)?;
            // From an encrypted file, VACUUM INTO writes a copy encrypted with the same key.
            connection::copy_to(&ro, &dest)
                .map_err(|e| OpenError::Backup { path: path.to_owned(), source: Box::new(e) })?;
            tracing::info!(copy = %dest.display(), from = version, "copied the database before migrating it");
        }
    } else if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|source| OpenError::Folder { path: parent.to_owned(), source })?;
    }

    let mut conn = Connection::open(path).map_err(sqlite)?;
    crate::protection::apply_key(&conn, key).map_err(sqlite)?;
    if !existing {
        // Before anything is written (switching to WAL included): the size is fixed from then on.
        conn.pragma_update(None, "page_size", connection::NEW_PAGE_SIZE).map_err(sqlite)?;
    }
    connection::configure(&conn).map_err(sqlite)?;
    if !existing {
        conn.pragma_update(None, "application_id", APPLICATION_ID).map_err(sqlite)?;
    }
    // Entries made by the migrations (from audit version on) are sealed with the rest below.
    let before: i64 =
        conn.query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| r.get(0)).unwrap_or(0);
    migrations::to_latest(&mut conn)
        .map_err(|source| OpenError::Migration { path: path.to_owned(), source })?;
    // The audit triggers follow the schema; missing or changed ones are put back, and said.
    let sqlite = |source| OpenError::Sqlite { path: path.to_owned(), source };
    let tx = conn.transaction().map_err(sqlite)?;
    crate::audit::ensure_triggers(&tx, upgraded).map_err(store_error(path))?;
    let at_open = crate::audit::Context { clock: std::sync::Arc::new(move || now), fallback_actor: None };
    crate::audit::seal(&tx, before, &at_open).map_err(store_error(path))?;
    tx.commit().map_err(sqlite)?;
    Ok(conn)
}

fn store_error(path: &Path) -> impl Fn(crate::StoreError) -> OpenError + '_ {
    move |e| match e {
        crate::StoreError::Sqlite(source) => OpenError::Sqlite { path: path.to_owned(), source },
        other => OpenError::Corrupt { path: path.to_owned(), detail: other.to_string() },
    }
}

/// Checks the file is an undamaged Shortlist database this version can read, and returns its
/// schema version. Reads only.
pub(crate) fn inspect(path: &Path, key: Option<&str>) -> Result<i64, OpenError> {
    let not_shortlist = || OpenError::NotShortlist { path: path.to_owned() };
    let corrupt = |detail: String| OpenError::Corrupt { path: path.to_owned(), detail };

    // Cheap first look at the magic string, so a spreadsheet or a text file renamed to .sqlite3
    // is named for what it is rather than reported as a damaged database.
    let mut magic = [0u8; 16];
    let mut file =
        std::fs::File::open(path).map_err(|source| OpenError::Folder { path: path.to_owned(), source })?;
    let plain = file.read_exact(&mut magic).is_ok() && &magic == SQLITE_MAGIC;
    if !plain && key.is_none() {
        return Err(match crate::protection::file_state(path) {
            Ok(crate::protection::FileState::Encrypted) => OpenError::Locked { path: path.to_owned() },
            _ => not_shortlist(),
        });
    }
    drop(file);

    let conn = open_read_only(path, key)?;
    let classify = |e: rusqlite::Error| match e.sqlite_error_code() {
        // With a key, SQLCipher reports a page it cannot authenticate this way: the first page
        // is read first, so a wrong passphrase always ends here.
        Some(ErrorCode::NotADatabase) if key.is_some() => {
            OpenError::WrongPassphrase { path: path.to_owned() }
        }
        Some(ErrorCode::NotADatabase) => not_shortlist(),
        Some(ErrorCode::DatabaseCorrupt) => corrupt(e.to_string()),
        _ => OpenError::Sqlite { path: path.to_owned(), source: e },
    };
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(classify)?;
    if app_id != APPLICATION_ID {
        return Err(not_shortlist());
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(classify)?;
    if version > migrations::SCHEMA_VERSION {
        return Err(OpenError::TooNew {
            path: path.to_owned(),
            found: version,
            supported: migrations::SCHEMA_VERSION,
        });
    }
    let mut problems = Vec::new();
    let mut stmt = conn.prepare("PRAGMA quick_check(5)").map_err(classify)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(classify)?;
    for row in rows {
        problems.push(row.map_err(classify)?);
    }
    if problems != ["ok"] {
        return Err(corrupt(problems.join("; ")));
    }
    Ok(version)
}

pub(crate) fn open_read_only(path: &Path, key: Option<&str>) -> Result<Connection, OpenError> {
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|source| OpenError::Sqlite { path: path.to_owned(), source })?;
    crate::protection::apply_key(&conn, key)
        .map_err(|source| OpenError::Sqlite { path: path.to_owned(), source })?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(|source| OpenError::Sqlite { path: path.to_owned(), source })?;
    Ok(conn)
}
