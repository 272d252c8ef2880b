//! Settings every connection gets, and the atomic whole-file copy.

use std::path::Path;

use rusqlite::Connection;

use crate::StoreError;

/// How long a write waits for another process (say, the CLI during a batch import) to finish
/// before giving up with "database is locked".
const BUSY_TIMEOUT_MS: u64 = 5_000;

/// Applies the settings every read-write connection needs. `foreign_keys` is off by default in
/// SQLite and applies per connection, so it must be set on each one.
pub(crate) fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))?;
    // In-memory databases answer "memory" and that is fine: WAL only matters for files.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// `VACUUM INTO` a temporary name beside `dest`, then rename: a crash leaves either no copy or a
/// complete one, never half a file under the real name.
pub(crate) fn copy_to(conn: &Connection, dest: &Path) -> Result<(), StoreError> {
    let copy_err = |source| StoreError::Copy { path: dest.to_owned(), source };
    if dest.exists() {
        return Err(copy_err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "a file with that name already exists; choose another name or move it away",
        )));
    }
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(copy_err)?;
    }
    let file_name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dest.with_file_name(format!(".{file_name}.{}.partial", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let tmp_str = tmp.to_str().ok_or_else(|| {
        copy_err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path is not valid Unicode"))
    })?;
    let result = conn.execute("VACUUM INTO ?1", [tmp_str]).map_err(StoreError::from).and_then(|_| {
        std::fs::File::open(&tmp).and_then(|f| f.sync_all()).map_err(copy_err)?;
        std::fs::rename(&tmp, dest).map_err(copy_err)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
