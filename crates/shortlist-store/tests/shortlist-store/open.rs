//! Opening refuses every file that is not an undamaged, current-or-older Shortlist database, and
//! leaves each one byte-for-byte as it was.

use std::path::Path;

use rusqlite::Connection;
use shortlist_store::{ideas, OpenError, Store, APPLICATION_ID, SCHEMA_VERSION};

use crate::{at, backups, file_with_ideas};

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read the file")
}

fn refuse(path: &Path) -> OpenError {
    let dir = path.parent().expect("parent");
    let before = bytes(path);
    let err = Store::open(path, &backups(dir), at(5)).expect_err("the file must be refused");
    assert_eq!(bytes(path), before, "a refused file must be left byte-for-byte untouched ({err})");
    assert!(!backups(dir).exists(), "no copy is taken of a file that is refused");
    err
}

#[test]
fn a_new_database_is_created_with_its_folder_and_marked_as_shortlist() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nested/folder/shortlist.sqlite3");
    Store::open(&path, &backups(dir.path()), at(0)).expect("creates the folder and the file");
    let conn = Connection::open(&path).expect("plain open");
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).expect("app id");
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version");
    assert_eq!(app_id, APPLICATION_ID, "the header says this is a Shortlist file");
    assert_eq!(version, SCHEMA_VERSION, "every migration ran");
    let page_size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).expect("page size");
    assert_eq!(page_size, 16_384, "a new file has 16 KB pages");
}

#[test]
fn every_connection_has_wal_full_sync_and_foreign_keys() {
    let (dir, path) = file_with_ideas(0);
    let store = Store::open(&path, &backups(dir.path()), at(1)).expect("opens");
    let conn = store.read();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
    let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).expect("sync");
    let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).expect("fk");
    let timeout: i64 = conn.query_row("PRAGMA busy_timeout", [], |r| r.get(0)).expect("timeout");
    assert_eq!(mode, "wal");
    assert_eq!(sync, 2, "synchronous=FULL: a lost score is worse than a millisecond");
    assert_eq!(fk, 1, "foreign keys are enforced");
    assert!(timeout >= 1000, "a busy database is waited for, not failed at once");
}

#[test]
fn a_large_write_is_checkpointed_after_the_commit_not_in_it() {
    let (dir, path) = file_with_ideas(0);
    let mut store = Store::open(&path, &backups(dir.path()), at(1)).expect("opens");
    let autocheckpoint: i64 =
        store.read().query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0)).expect("setting");
    let page_size: i64 = store.read().query_row("PRAGMA page_size", [], |r| r.get(0)).expect("page size");
    assert_eq!(
        autocheckpoint * page_size,
        100 * 1024 * 1024,
        "the inline checkpoint is only a backstop, at 100 MB"
    );
    let c = shortlist_store::challenges::list(store.read()).expect("list")[0].clone();
    let db_size = || std::fs::metadata(&path).expect("the file").len();
    let before = db_size();
    // About 30 MB: more than SQLite's default inline checkpoint threshold (1,000 pages of 16 KB).
    let long = "words to index and store ".repeat(400);
    let ideas: Vec<_> = (0..3000).map(|i| crate::idea(&format!("Idea {i}"))).collect();
    let ideas: Vec<_> = ideas
        .into_iter()
        .map(|mut i| {
            i.problem = long.clone();
            i
        })
        .collect();
    let rows: Vec<_> = ideas.iter().map(|i| (i, None)).collect();
    store.write(|tx| ideas::insert_many(tx, c.id, &rows, at(2)).map(|_| ())).expect("a large write");
    assert_eq!(ideas::count(store.read(), c.id).expect("count"), 3000, "seen as soon as committed");
    // The background connection copies the pages into the database file soon after.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while db_size() < before + 4_000_000 {
        assert!(std::time::Instant::now() < deadline, "the WAL was not checkpointed in the background");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    drop(store);
    let store = Store::open(&path, &backups(dir.path()), at(3)).expect("reopens");
    assert_eq!(ideas::count(store.read(), c.id).expect("count"), 3000);
}

#[test]
fn data_survives_closing_and_reopening() {
    let (dir, path) = file_with_ideas(3);
    let store = Store::open(&path, &backups(dir.path()), at(9)).expect("reopens");
    let c = shortlist_store::challenges::list(store.read()).expect("list")[0].clone();
    assert_eq!(ideas::count(store.read(), c.id).expect("count"), 3);
    assert!(!backups(dir.path()).exists(), "no copy is taken when no migration is needed");
}

#[test]
fn a_text_file_is_refused_as_not_shortlist() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shortlist.sqlite3");
    std::fs::write(&path, "Reference,Title\nDC21-0001,Something\n").expect("write");
    assert!(matches!(refuse(&path), OpenError::NotShortlist { .. }));
}

#[test]
fn random_bytes_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shortlist.sqlite3");
    let noise: Vec<u8> = (0..8192u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    std::fs::write(&path, &noise).expect("write");
    // Whole pages of noise look exactly like an encrypted database until a passphrase is tried.
    assert!(matches!(refuse(&path), OpenError::Locked { .. }));
    let err = Store::open_with_passphrase(&path, &backups(dir.path()), at(5), Some("a guess"))
        .expect_err("no passphrase opens noise");
    assert!(matches!(err, OpenError::WrongPassphrase { .. }), "{err}");
    assert_eq!(bytes(&path), noise, "trying a passphrase must not change the file");
    // Noise that is not a whole number of pages cannot be an encrypted database.
    std::fs::write(&path, &noise[..8000]).expect("write");
    assert!(matches!(refuse(&path), OpenError::NotShortlist { .. }));
}

#[test]
fn another_programs_sqlite_database_is_refused_as_not_shortlist() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shortlist.sqlite3");
    let conn = Connection::open(&path).expect("create");
    conn.execute_batch(
        "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places VALUES (1, 'x');",
    )
    .expect("someone else's schema");
    drop(conn);
    assert!(matches!(refuse(&path), OpenError::NotShortlist { .. }));
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let (_dir, path) = file_with_ideas(2);
    let conn = Connection::open(&path).expect("open");
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).expect("pretend a newer version wrote it");
    conn.pragma_update(None, "journal_mode", "DELETE").expect("fold the WAL back in");
    drop(conn);
    match refuse(&path) {
        OpenError::TooNew { found, supported, .. } => {
            assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION))
        }
        other => panic!("expected TooNew, got {other}"),
    }
}

#[test]
fn a_damaged_database_is_refused_as_corrupt() {
    let (_dir, path) = file_with_ideas(400);
    let conn = Connection::open(&path).expect("open");
    conn.pragma_update(None, "journal_mode", "DELETE").expect("fold the WAL back in");
    drop(conn);
    // Keep the 100-byte header and the first page (schema) readable; scribble over the rest,
    // as a failing disk or a half-copied file would.
    let mut data = bytes(&path);
    let page = 4096;
    assert!(data.len() > 3 * page, "the sample must span several pages");
    for (i, b) in data[page..].iter_mut().enumerate() {
        *b = (i % 251) as u8;
    }
    std::fs::write(&path, &data).expect("damage it");
    assert!(matches!(refuse(&path), OpenError::Corrupt { .. }));
}

#[test]
fn a_truncated_database_is_refused() {
    let (_dir, path) = file_with_ideas(400);
    let conn = Connection::open(&path).expect("open");
    conn.pragma_update(None, "journal_mode", "DELETE").expect("fold the WAL back in");
    drop(conn);
    let data = bytes(&path);
    std::fs::write(&path, &data[..data.len() / 2]).expect("truncate it");
    let err = refuse(&path);
    assert!(matches!(err, OpenError::Corrupt { .. }), "a half file is damage, not a foreign file: {err}");
}

#[test]
fn a_database_from_an_older_version_is_copied_before_it_is_migrated() {
    let (dir, path) = file_with_ideas(2);
    // Roll the file back to "version 1": drop everything the later migrations created.
    let conn = Connection::open(&path).expect("open");
    let later: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'challenges' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'ideas_fts_%'")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("names");
    for table in later {
        conn.execute_batch(&format!("DROP TABLE IF EXISTS {table}")).expect("drop");
    }
    // Version 1 had no audit triggers either.
    let triggers: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("names");
    for trigger in triggers {
        conn.execute_batch(&format!("DROP TRIGGER {trigger}")).expect("drop");
    }
    conn.execute_batch("PRAGMA user_version = 1; PRAGMA journal_mode = DELETE;")
        .expect("make it look like version 1");
    drop(conn);
    let before = bytes(&path);

    Store::open(&path, &backups(dir.path()), at(30)).expect("an older database is upgraded");

    let copies: Vec<_> = std::fs::read_dir(backups(dir.path())).expect("backups folder").collect();
    assert_eq!(copies.len(), 1, "exactly one copy was taken before the migration");
    let copy = copies[0].as_ref().expect("entry").path();
    assert!(
        copy.to_string_lossy().contains(&format!("before-v{SCHEMA_VERSION}")),
        "the copy says which upgrade it preceded: {}",
        copy.display()
    );
    let copy_conn = Connection::open(&copy).expect("the copy is a database");
    let v: i64 = copy_conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version");
    assert_eq!(v, 1, "the copy holds the database as it was before the upgrade");
    assert_ne!(bytes(&path), before, "the original was then upgraded");
}

#[test]
fn an_unflushed_wal_from_a_crash_is_read_not_refused() {
    // A crash leaves committed transactions in the -wal file with a stale main-file header.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shortlist.sqlite3");
    let store = Store::open(&path, &backups(dir.path()), at(0)).expect("create");
    let crashed = dir.path().join("crashed");
    std::fs::create_dir(&crashed).expect("mkdir");
    for suffix in ["", "-wal"] {
        let from = format!("{}{suffix}", path.display());
        if Path::new(&from).exists() {
            std::fs::copy(&from, format!("{}/shortlist.sqlite3{suffix}", crashed.display())).expect("copy");
        }
    }
    drop(store);
    Store::open(&crashed.join("shortlist.sqlite3"), &backups(&crashed), at(1))
        .expect("a database whose last commits are still in the WAL opens");
}

#[test]
fn a_backup_is_a_complete_database_and_never_overwrites() {
    let (dir, path) = file_with_ideas(5);
    let store = Store::open(&path, &backups(dir.path()), at(1)).expect("opens");
    let dest = dir.path().join("copies/copy.sqlite3");
    store.backup_to(&dest).expect("backup");
    let copy =
        Store::open(&dest, &backups(dir.path()), at(2)).expect("the copy opens as a Shortlist database");
    let c = shortlist_store::challenges::list(copy.read()).expect("list")[0].clone();
    assert_eq!(ideas::count(copy.read(), c.id).expect("count"), 5, "every idea is in the copy");
    drop(copy);
    let before = bytes(&dest);
    assert!(store.backup_to(&dest).is_err(), "an existing file is never overwritten");
    assert_eq!(bytes(&dest), before);
    let leftovers: Vec<_> = std::fs::read_dir(dest.parent().expect("parent"))
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}
