//! Settings every connection gets, and the atomic whole-file copy.

use std::path::Path;
use std::sync::mpsc;
use std::thread::JoinHandle;

use rusqlite::Connection;

use crate::StoreError;

/// How long a write waits for another process (say, the CLI during a batch import) to finish
/// before giving up with "database is locked".
const BUSY_TIMEOUT_MS: u64 = 5_000;

/// The page size of a new database file: 16 KB rather than SQLite's 4 KB. A 10,000-row import
/// writes about 55 MB (the ideas, their ten indexes and the full-text index); with 4 KB pages
/// that is four times as many pages to split, write to the WAL and checkpoint, and the import's
/// write took about 80 ms (9%) longer, searches being the same. A database created before keeps
/// its page size: changing it means rewriting the whole file (`VACUUM`), which cannot run in a
/// migration's transaction.
pub(crate) const NEW_PAGE_SIZE: i64 = 16_384;

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

/// The WAL size at which a committing connection checkpoints inline itself (SQLite's default is
/// 1,000 pages: 4 MB with 4 KB pages, 16 MB with 16 KB). With a [`Checkpointer`] the main
/// connection only does so as a backstop, when the background checkpoints have not kept up; the
/// WAL then never holds much more than this plus the transaction that crossed it.
const BACKSTOP_CHECKPOINT_BYTES: i64 = 100 * 1024 * 1024;

/// Copies committed pages from the WAL into the database file on its own connection and thread,
/// after each write, so that the write's caller does not wait for it.
///
/// A 10,000-row import leaves about 70 MB in the WAL; SQLite's automatic checkpoint ran inside
/// the commit and copied it all to the database file and synced it, about 130 ms of the commit.
/// The commit itself is as durable as before: the WAL is synced (`synchronous=FULL`) before the
/// commit returns, and a checkpoint, on whichever connection, is crash-safe (a crash during one
/// is repaired from the WAL on the next open). Readers see committed pages whether or not they
/// have been checkpointed yet. Checkpoints here are `PASSIVE`: they never wait for, or block,
/// this process's reads and writes or another process's.
#[derive(Debug)]
pub(crate) struct Checkpointer {
    wake: Option<mpsc::SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts the checkpointing connection for the database at `path` and raises `main`'s own
    /// automatic checkpoint to the backstop. `None` (and `main` unchanged) when the second
    /// connection cannot be opened: checkpoints then stay inline, as before.
    pub(crate) fn start(path: &Path, main: &Connection, key: Option<&str>) -> Option<Checkpointer> {
        let conn = Connection::open(path).ok()?;
        crate::protection::apply_key(&conn, key).ok()?;
        configure(&conn).ok()?;
        let page_size: i64 = main.query_row("PRAGMA page_size", [], |r| r.get(0)).ok()?;
        let backstop = (BACKSTOP_CHECKPOINT_BYTES / page_size.max(512)).max(1000);
        main.pragma_update(None, "wal_autocheckpoint", backstop).ok()?;
        // One pending request is enough: a checkpoint copies everything committed before it starts.
        let (wake, asked) = mpsc::sync_channel::<()>(1);
        let thread = std::thread::Builder::new().name("shortlist-checkpoint".into()).spawn(move || {
            while asked.recv().is_ok() {
                // A failure (say, a disk error) leaves the pages in the WAL, where they are
                // safe; the next request or the backstop tries again.
                if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
                    tracing::warn!(error = %e, "background checkpoint failed");
                }
            }
        });
        match thread {
            Ok(thread) => Some(Checkpointer { wake: Some(wake), thread: Some(thread) }),
            Err(_) => {
                let _ = main.pragma_update(None, "wal_autocheckpoint", 1000);
                None
            }
        }
    }

    /// Asks for a checkpoint of everything committed so far, without waiting for it.
    pub(crate) fn request(&self) {
        if let Some(wake) = &self.wake {
            // Full means a checkpoint is already pending, and it will include this commit.
            let _ = wake.try_send(());
        }
    }
}

impl Drop for Checkpointer {
    /// Finishes the checkpoint under way, if any, and closes the second connection, so that the
    /// store's own connection is the last to close (and SQLite's final checkpoint runs as before).
    fn drop(&mut self) {
        drop(self.wake.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
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
