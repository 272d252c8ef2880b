//! The audit trail records every write, sealed and chained, and notices edits made outside.

use rusqlite::Connection;
use shortlist_store::audit::{self, Context};
use shortlist_store::{ideas, Store};

use crate::{at, backups, file_with_ideas, idea};

fn context(name: &str) -> Context {
    Context { clock: std::sync::Arc::new(|| at(30)), fallback_actor: Some(name.to_owned()) }
}

/// Opens the file and renames idea 1 through the store, so the trail holds an update entry
/// whose `old` has the idea as it was ("Idea 0", by "Gwenllïan Rhŷs").
fn renamed(path: &std::path::Path) {
    let mut store = open(path);
    store
        .write(|tx| {
            tx.execute("UPDATE ideas SET title = 'A better title' WHERE id = 1", [])?;
            Ok::<_, shortlist_store::StoreError>(())
        })
        .expect("update");
}

fn open(path: &std::path::Path) -> Store {
    let dir = path.parent().expect("parent");
    let mut store = Store::open(path, &backups(dir), at(20)).expect("open");
    store.set_audit_context(context("Ffion Hughes"));
    store
}

#[test]
fn every_write_is_recorded_sealed_and_chained() {
    let (_dir, path) = file_with_ideas(3);
    let mut store = open(&path);
    let c = shortlist_store::challenges::list(store.read()).expect("list")[0].clone();
    let made =
        store.write(|tx| ideas::insert(tx, c.id, &idea("Sealed by a person"), None, at(31))).expect("write");
    store
        .write(|tx| {
            tx.execute("UPDATE ideas SET title = 'Renamed by a person' WHERE id = ?1", [made.id.0])?;
            Ok::<_, shortlist_store::StoreError>(())
        })
        .expect("update");
    let report = audit::verify(store.read()).expect("verify");
    assert_eq!(report.first_problem, None, "a trail written only through the store is intact");
    assert!(report.entries >= 5, "the challenge, three ideas and the new one at least: {}", report.entries);
    let head = report.head.expect("a head");
    assert_eq!(head.len(), 14, "three groups of four hex digits: {head}");

    let newest = audit::recent(store.read(), 50).expect("recent");
    let inserted = newest
        .iter()
        .find(|e| e.subject == "ideas" && e.action == "insert" && e.row_id == Some(made.id.0))
        .expect("the insert is recorded");
    assert_eq!(inserted.actor.as_deref(), Some("Ffion Hughes"));
    let insert = newest
        .iter()
        .find(|e| e.subject == "ideas" && e.action == "update" && e.row_id == Some(made.id.0))
        .expect("the update is recorded with the row before and after");
    assert!(insert.old.as_deref().is_some_and(|o| o.contains("Sealed by a person")), "{:?}", insert.old);
    assert!(insert.new.as_deref().is_some_and(|n| n.contains("Renamed by a person")), "{:?}", insert.new);
    assert_eq!(insert.actor.as_deref(), Some("Ffion Hughes"), "who: the app's name when none is saved");
    assert_eq!(insert.at.as_deref(), Some("2021-05-01T09:30:00Z"), "when: the app's clock");
}

#[test]
fn an_update_made_with_another_program_is_named() {
    let (_dir, path) = file_with_ideas(2);
    drop(open(&path));
    let outside = Connection::open(&path).expect("open as the sqlite3 tool would");
    outside
        .execute("UPDATE ideas SET title = 'Changed behind the app''s back' WHERE id = 2", [])
        .expect("edit");
    drop(outside);

    let store = open(&path);
    let problem = audit::verify(store.read()).expect("verify").first_problem.expect("noticed");
    assert_eq!(problem.what, "update of ideas row 2");
    assert!(problem.reason.contains("another program"), "{}", problem.reason);
}

#[test]
fn changing_or_removing_an_entry_breaks_the_chain_there() {
    let (_dir, path) = file_with_ideas(4);
    renamed(&path);
    let outside = Connection::open(&path).expect("open");
    let second: i64 = outside
        .query_row(
            "SELECT id FROM audit_log WHERE subject = 'ideas' AND old LIKE '%\"Idea 0\"%' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("the entry that added Idea 0");
    outside
        .execute("UPDATE audit_log SET old = replace(old, 'Idea 0', 'Idea zero') WHERE id = ?1", [second])
        .expect("tamper");
    drop(outside);
    let store = open(&path);
    let problem = audit::verify(store.read()).expect("verify").first_problem.expect("noticed");
    assert_eq!(problem.entry, Some(second), "the changed entry is the first that fails");
    assert!(problem.reason.contains("was changed after it was written"), "{}", problem.reason);
    drop(store);

    let (_dir, path) = file_with_ideas(4);
    renamed(&path);
    // A later entry, so the one removed is in the middle (removing the newest is what the
    // printed fingerprint is for).
    renamed(&path);
    let outside = Connection::open(&path).expect("open");
    outside.execute("DELETE FROM audit_log WHERE id = ?1", [second]).expect("remove");
    let next: i64 = outside
        .query_row("SELECT min(id) FROM audit_log WHERE id > ?1", [second], |r| r.get(0))
        .expect("next");
    drop(outside);
    let store = open(&path);
    let problem = audit::verify(store.read()).expect("verify").first_problem.expect("noticed");
    assert_eq!(problem.entry, Some(next), "the entry after the removed one no longer chains");
}

#[test]
fn dropped_triggers_are_noticed_and_put_back() {
    let (_dir, path) = file_with_ideas(2);
    drop(open(&path));
    let outside = Connection::open(&path).expect("open");
    outside.execute_batch("DROP TRIGGER audit_ideas_update").expect("drop");
    let report = audit::verify(&outside).expect("verify");
    let problem = report.first_problem.expect("noticed before the app opens it again");
    assert!(problem.what.contains("ideas"), "{}", problem.what);
    outside.execute("UPDATE ideas SET title = 'Unrecorded' WHERE id = 1", []).expect("edit");
    drop(outside);

    let mut store = open(&path);
    let problem = audit::verify(store.read()).expect("verify").first_problem.expect("still reported");
    assert_eq!(problem.what, "triggers-restored (audit trail)");
    store
        .write(|tx| {
            tx.execute("UPDATE ideas SET title = 'Recorded again' WHERE id = 1", [])?;
            Ok::<_, shortlist_store::StoreError>(())
        })
        .expect("write");
    let recorded = audit::recent(store.read(), 1).expect("recent");
    assert!(
        recorded[0].new.as_deref().is_some_and(|n| n.contains("Recorded again")),
        "the triggers work again"
    );
}

#[test]
fn every_audited_table_exists_and_every_column_is_recorded() {
    let store = Store::open_in_memory().expect("memory");
    for table in audit::AUDITED_TABLES {
        let columns: Vec<String> = store
            .read()
            .prepare(&format!("PRAGMA table_info({table})"))
            .expect("prepare")
            .query_map([], |r| r.get(1))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("columns");
        assert!(!columns.is_empty(), "{table} is audited but does not exist");
        let sql: String = store
            .read()
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = ?1",
                [format!("audit_{table}_update")],
                |r| r.get(0),
            )
            .expect("the update trigger exists");
        for column in &columns {
            assert!(sql.contains(&format!("'{column}'")), "{table}.{column} is not recorded");
        }
    }
}

#[test]
fn erased_entries_still_verify_but_an_entry_changed_under_cover_of_an_erasure_does_not() {
    let (_dir, path) = file_with_ideas(3);
    renamed(&path);
    let mut store = open(&path);
    store
        .write(|tx| {
            audit::redact(
                tx,
                "ideas",
                &[1],
                &|json| json.replace("Gwenllïan Rhŷs", "Person 1"),
                Default::default(),
            )
            .map(|_| ())
        })
        .expect("redact");
    let report = audit::verify(store.read()).expect("verify");
    assert_eq!(report.first_problem, None, "a redaction through Shortlist keeps the trail intact");
    let text: String = store
        .read()
        .query_row("SELECT group_concat(coalesce(old, '') || coalesce(new, '')) FROM audit_log WHERE subject = 'ideas' AND row_id = 1", [], |r| r.get(0))
        .expect("entries");
    assert!(!text.contains("Gwenllïan") && text.contains("Person 1"), "{text}");
    drop(store);

    // Another program changes a different entry and marks it as erased by the same erasure.
    let outside = Connection::open(&path).expect("open");
    let erasure: i64 = outside
        .query_row("SELECT id FROM audit_log WHERE action = 'personal-data-erased'", [], |r| r.get(0))
        .expect("erasure");
    outside
        .execute(
            "UPDATE audit_log SET new = 'changed', redacted_by = ?1 WHERE subject = 'challenges' AND action = 'insert'",
            [erasure],
        )
        .expect("tamper");
    drop(outside);
    let store = open(&path);
    let problem = audit::verify(store.read()).expect("verify").first_problem.expect("noticed");
    assert!(problem.what.contains(&format!("erased by entry {erasure}")), "{}", problem.what);
}
