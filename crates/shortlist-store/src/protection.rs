//! Encryption at rest: a data folder's database protected by a passphrase, with SQLCipher.
//!
//! SQLCipher encrypts every page (AES-256, with an HMAC per page so a changed byte is noticed)
//! under a key derived from the passphrase (PBKDF2-HMAC-SHA512, SQLCipher 4's defaults) and a
//! random salt kept in the file's first 16 bytes. Nothing here is our own cryptography: this
//! module only says when a key is applied and how a file moves between protected and not.
//!
//! * A file's [`FileState`] is read from its first bytes, with no key: a plain SQLite file starts
//!   with `SQLite format 3`, an encrypted one with its salt, and is a whole number of pages.
//! * [`apply_key`] is the first statement on every connection to an encrypted file.
//! * [`crate::Store::export_to`] writes the whole database to a new file under another key (or
//!   none): how protection is set, changed and removed, always into a new file that then
//!   replaces the old one atomically.

use std::io::Read as _;
use std::path::Path;

use rusqlite::Connection;

/// What a database file is, judged from its first bytes without a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// No file, or an empty one (what SQLite leaves when it crashed before its first write).
    Missing,
    /// A plain SQLite file.
    Plain,
    /// Not plain SQLite, and shaped like an encrypted one (a whole number of pages of at least
    /// 512 bytes). Only the right passphrase can tell an encrypted file from noise of that size.
    Encrypted,
    /// Anything else (a text file, a spreadsheet): certainly not a Shortlist database.
    Other,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Reads the first 16 bytes and the size of `path` to say what it is.
///
/// # Errors
/// When the file exists but cannot be read.
pub fn file_state(path: &Path) -> std::io::Result<FileState> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::Missing),
        Err(e) => return Err(e),
    };
    if meta.len() == 0 {
        return Ok(FileState::Missing);
    }
    let mut magic = [0u8; 16];
    let mut file = std::fs::File::open(path)?;
    if file.read_exact(&mut magic).is_ok() && &magic == SQLITE_MAGIC {
        return Ok(FileState::Plain);
    }
    if meta.len() >= 512 && meta.len() % 512 == 0 {
        Ok(FileState::Encrypted)
    } else {
        Ok(FileState::Other)
    }
}

/// Gives SQLCipher the passphrase for this connection. Must run before any other statement;
/// `None` leaves the connection plain. The key is derived lazily, on the first read.
pub(crate) fn apply_key(conn: &Connection, passphrase: Option<&str>) -> rusqlite::Result<()> {
    if let Some(passphrase) = passphrase {
        // SQLCipher otherwise writes "error decrypting page 1" to stderr on every wrong passphrase:
        // noise in a batch job's output, when the error returned already says it. (A process-wide
        // setting; each connection to an encrypted file sets it again, harmlessly.)
        let _ = conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()));
        // pragma_update quotes the value as an SQL string literal, so any character is safe.
        conn.pragma_update(None, "key", passphrase)?;
    }
    Ok(())
}

/// Writes the database open on `conn` to `dest` under `passphrase` (or plain, with `None`),
/// through a temporary file beside `dest` that is synced and then renamed: `dest` appears
/// complete or not at all. `dest` is replaced if it exists: the caller has kept what it needs.
pub(crate) fn export(
    conn: &Connection,
    dest: &Path,
    passphrase: Option<&str>,
) -> Result<(), crate::StoreError> {
    let copy_err = |source| crate::StoreError::Copy { path: dest.to_owned(), source };
    let file_name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dest.with_file_name(format!(".{file_name}.{}.partial", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let tmp_str = tmp.to_str().ok_or_else(|| {
        copy_err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path is not valid Unicode"))
    })?;
    let user_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let application_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let result = (|| -> Result<(), crate::StoreError> {
        // KEY '' attaches a plain file (SQLCipher's documented way to decrypt).
        conn.execute(
            "ATTACH DATABASE ?1 AS export KEY ?2",
            rusqlite::params![tmp_str, passphrase.unwrap_or("")],
        )?;
        let exported = (|| -> rusqlite::Result<()> {
            if passphrase.is_none() {
                conn.pragma_update(Some("export"), "page_size", crate::connection::NEW_PAGE_SIZE)?;
            }
            conn.pragma_update(Some("export"), "synchronous", "FULL")?;
            conn.query_row("SELECT sqlcipher_export('export')", [], |_| Ok(()))?;
            // sqlcipher_export copies the schema and the rows, not the header fields.
            conn.pragma_update(Some("export"), "user_version", user_version)?;
            conn.pragma_update(Some("export"), "application_id", application_id)?;
            Ok(())
        })();
        let detached = conn.execute("DETACH DATABASE export", []);
        exported?;
        detached?;
        std::fs::File::open(&tmp).and_then(|f| f.sync_all()).map_err(copy_err)?;
        std::fs::rename(&tmp, dest).map_err(copy_err)?;
        sync_parent(dest);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Makes a rename in `path`'s folder durable. Best effort: some file systems cannot sync a
/// folder, and the file is complete under one name or the other either way.
pub fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        let _ = std::fs::File::open(dir).and_then(|dir| dir.sync_all());
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Rewrites the database file at `path` (a backup, not open anywhere else) under `to`, reading it
/// with `from` if it is encrypted. Atomic: the file is whole under its old key or its new one.
///
/// # Errors
/// [`crate::OpenError`]'s cases when the file cannot be read with `from` (it is left as it was);
/// [`crate::StoreError`] when the new file cannot be written.
pub fn rekey_file(path: &Path, from: Option<&str>, to: Option<&str>) -> Result<(), RekeyError> {
    let key = match file_state(path) {
        Ok(FileState::Encrypted) => from,
        _ => None,
    };
    // Checked first, read-only: a wrong key or a damaged file must not become a new file.
    crate::open::inspect(path, key)?;
    let conn = Connection::open(path).map_err(crate::StoreError::from)?;
    apply_key(&conn, key).map_err(crate::StoreError::from)?;
    export(&conn, path, to)?;
    Ok(())
}

/// Why [`rekey_file`] failed; the file is unchanged either way.
#[derive(Debug, thiserror::Error)]
pub enum RekeyError {
    #[error(transparent)]
    Open(#[from] crate::OpenError),
    #[error(transparent)]
    Store(#[from] crate::StoreError),
}
