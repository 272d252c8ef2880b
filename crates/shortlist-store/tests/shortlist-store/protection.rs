//! A protected file opens only with its passphrase, and moving between protected and plain keeps
//! every row.

use std::path::Path;

use shortlist_store::protection::{file_state, FileState};
use shortlist_store::{ideas, OpenError, Store};

use crate::{at, backups, file_with_ideas};

fn idea_count(store: &Store) -> i64 {
    let c = shortlist_store::challenges::list(store.read()).expect("list")[0].clone();
    ideas::count(store.read(), c.id).expect("count")
}

/// Protects the file at `path` the way the app does: export, then the copy replaces the file.
fn protect(path: &Path, passphrase: &str) {
    let dir = path.parent().expect("parent");
    let store = Store::open(path, &backups(dir), at(1)).expect("open plain");
    let copy = dir.join("protected.sqlite3");
    store.export_to(&copy, Some(passphrase)).expect("export encrypted");
    drop(store);
    std::fs::rename(&copy, path).expect("replace");
}

#[test]
fn a_protected_file_opens_only_with_its_passphrase_and_keeps_its_rows() {
    let (dir, path) = file_with_ideas(7);
    protect(&path, "correct horse battery staple");
    assert_eq!(file_state(&path).expect("state"), FileState::Encrypted);
    let raw = std::fs::read(&path).expect("read");
    assert!(
        !raw.windows(b"Idea 3".len()).any(|w| w == b"Idea 3"),
        "no idea title may be readable in the encrypted file"
    );

    let locked = Store::open(&path, &backups(dir.path()), at(2)).expect_err("no passphrase");
    assert!(matches!(locked, OpenError::Locked { .. }), "{locked}");
    for attempt in 0..5 {
        let wrong = Store::open_with_passphrase(
            &path,
            &backups(dir.path()),
            at(2),
            Some("Correct horse battery staple"),
        )
        .expect_err("a passphrase differing in one capital is wrong");
        assert!(matches!(wrong, OpenError::WrongPassphrase { .. }), "attempt {attempt}: {wrong}");
        assert_eq!(std::fs::read(&path).expect("read"), raw, "a wrong passphrase changes nothing");
    }

    let store =
        Store::open_with_passphrase(&path, &backups(dir.path()), at(3), Some("correct horse battery staple"))
            .expect("the right passphrase opens it");
    assert_eq!(idea_count(&store), 7, "every idea survives protection");
}

#[test]
fn a_backup_of_a_protected_file_is_protected_by_the_same_passphrase() {
    let (dir, path) = file_with_ideas(3);
    protect(&path, "p4ss phrase");
    let store =
        Store::open_with_passphrase(&path, &backups(dir.path()), at(2), Some("p4ss phrase")).expect("open");
    let copy = dir.path().join("copy.sqlite3");
    store.backup_to(&copy).expect("backup");
    assert_eq!(file_state(&copy).expect("state"), FileState::Encrypted, "a backup must not be plain");
    let err = Store::open(&copy, &backups(dir.path()), at(3)).expect_err("locked");
    assert!(matches!(err, OpenError::Locked { .. }));
    let reopened =
        Store::open_with_passphrase(&copy, &backups(dir.path()), at(3), Some("p4ss phrase")).expect("opens");
    assert_eq!(idea_count(&reopened), 3);
}

#[test]
fn protection_can_be_changed_and_removed_without_losing_rows() {
    let (dir, path) = file_with_ideas(4);
    protect(&path, "first");
    let store = Store::open_with_passphrase(&path, &backups(dir.path()), at(2), Some("first")).expect("open");
    let next = dir.path().join("next.sqlite3");
    store.export_to(&next, Some("second")).expect("change");
    drop(store);
    std::fs::rename(&next, &path).expect("replace");
    let err =
        Store::open_with_passphrase(&path, &backups(dir.path()), at(3), Some("first")).expect_err("old one");
    assert!(matches!(err, OpenError::WrongPassphrase { .. }));

    let store =
        Store::open_with_passphrase(&path, &backups(dir.path()), at(3), Some("second")).expect("new one");
    store.export_to(&next, None).expect("remove");
    drop(store);
    std::fs::rename(&next, &path).expect("replace");
    assert_eq!(file_state(&path).expect("state"), FileState::Plain);
    let plain =
        Store::open(&path, &backups(dir.path()), at(4)).expect("a plain file opens with no passphrase");
    assert_eq!(idea_count(&plain), 4);
    let page_size: i64 = plain.read().query_row("PRAGMA page_size", [], |r| r.get(0)).expect("page size");
    assert_eq!(page_size, 16_384, "a file made plain again gets the page size of a new file");
}

#[test]
fn a_passphrase_given_for_a_plain_file_is_ignored() {
    let (dir, path) = file_with_ideas(2);
    let store = Store::open_with_passphrase(&path, &backups(dir.path()), at(2), Some("unused"))
        .expect("a batch job's passphrase does not stop an unprotected folder opening");
    assert_eq!(idea_count(&store), 2);
    drop(store);
    assert_eq!(file_state(&path).expect("state"), FileState::Plain, "opening never encrypts a file");
}
