//! Every migration, in the order it runs. Each table module owns its own SQL; this list only
//! orders them. Append only: a migration that has shipped is never edited or removed, because
//! `user_version` counts how many have run.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::{
    assessments, audit, challenges, closing, exchange, history, ideas, imports, judging, pairwise, retention,
    settings, workflow,
};

const MIGRATIONS: &[M<'static>] = &[
    M::up(challenges::M0001_CREATE),
    M::up(ideas::M0002_CREATE),
    M::up(ideas::M0003_LABELS),
    M::up(history::M0004_CHANGES),
    M::up(ideas::M0005_FTS),
    M::up(settings::M0006_SETTINGS),
    M::up(imports::M0007_MAPPINGS),
    M::up(imports::M0008_DUPLICATES),
    M::up(workflow::M0009_WORKFLOW),
    M::up(assessments::M0010_ASSESSMENTS),
    M::up(judging::M0011_JUDGING),
    M::up(ideas::M0012_FTS_PREFIX_4),
    M::up(ideas::M0013_REGISTER_INDEX),
    M::up(exchange::M0014_EXCHANGE),
    M::up(exchange::M0015_EXCHANGE_LEDGER),
    M::up(ideas::M0016_FTS_HASHSIZE),
    M::up(ideas::M0017_FTS_EXTERNAL_CONTENT),
    M::up(audit::M0018_AUDIT),
    M::up(retention::M0019_RETENTION),
    M::up(ideas::M0020_SUBMITTER_CONSENT),
    M::up(closing::M0021_CLOSING),
    M::up(pairwise::M0022_PAIRWISE),
    M::up(judging::M0023_ASSIGNMENT_SOURCE),
];

/// The schema version this build writes: the number of migrations.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database up to [`SCHEMA_VERSION`] in one transaction.
pub(crate) fn to_latest(conn: &mut Connection) -> Result<(), rusqlite_migration::Error> {
    Migrations::from_slice(MIGRATIONS).to_latest(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_4_migration_keeps_every_full_text_entry() {
        let mut conn = Connection::open_in_memory().expect("memory");
        let before = MIGRATIONS.iter().position(|m| *m == M::up(ideas::M0012_FTS_PREFIX_4)).expect("listed");
        Migrations::from_slice(&MIGRATIONS[..before]).to_latest(&mut conn).expect("older schema");
        conn.execute_batch(
            "INSERT INTO ideas_fts (rowid, reference, title, summary, problem, data_description, benefits,
                 submitter_name, department, labels)
             VALUES (7, 'DC21-0007', 'Open databases', 'Café inspections', '', '', '', 'Siân Llŷr', 'FSA', 'food');",
        )
        .expect("an entry made before the migration");
        // Up to this migration only: from M0017 the index holds entries for rows of `ideas` alone.
        Migrations::from_slice(&MIGRATIONS[..=before]).to_latest(&mut conn).expect("migrate");
        let found: Vec<i64> = conn
            .prepare(
                "SELECT rowid FROM ideas_fts WHERE ideas_fts MATCH '\"data\"* AND \"cafe\"* AND \"llyr\"*'",
            )
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        assert_eq!(
            found,
            [7],
            "the entry is still found, by prefix and without its accents, under its rowid"
        );
        let sql: String = conn
            .query_row("SELECT sql FROM sqlite_master WHERE name = 'ideas_fts'", [], |r| r.get(0))
            .expect("table");
        assert!(sql.contains("prefix = '2 3 4'"), "the new table has 4-letter prefixes: {sql}");
    }

    #[test]
    fn the_full_text_index_buffers_16_mb_before_writing() {
        let mut conn = Connection::open_in_memory().expect("memory");
        to_latest(&mut conn).expect("migrate");
        let size: i64 = conn
            .query_row("SELECT v FROM ideas_fts_config WHERE k = 'hashsize'", [], |r| r.get(0))
            .expect("the setting is stored");
        assert_eq!(size, 16 * 1024 * 1024);
        // The index still works after the setting is loaded.
        conn.execute_batch(
            "INSERT INTO ideas_fts (rowid, reference, title, summary, problem, data_description, benefits,
                 submitter_name, department, labels)
             VALUES (3, 'DC21-0003', 'Flood alerts', 'Warn people early', '', '', '', 'Ann', 'EA', '');",
        )
        .expect("an entry");
        let found: i64 = conn
            .query_row("SELECT rowid FROM ideas_fts WHERE ideas_fts MATCH '\"flo\"*'", [], |r| r.get(0))
            .expect("found");
        assert_eq!(found, 3);
    }

    /// An idea as the code before M0017 wrote it: its row, its labels, and the full-text entry
    /// with its own copy of the text.
    const IDEA_BEFORE_M0017: &str = "
        INSERT INTO challenges (id, name, year, closing_date, marking, reference_prefix, created_at)
            VALUES (1, 'Data Challenge', 2021, '2021-06-30', 'OFFICIAL', 'DC21', '2021-05-01T09:00:00Z');
        INSERT INTO ideas (id, challenge_id, reference, title, summary, problem, submitter_name, department,
                submitted_on, created_at, updated_at)
            VALUES (7, 1, 'DC21-0007', 'Open databases', 'Café inspections for everyone', 'Nobody can find them',
                'Siân Llŷr', 'FSA', '2021-05-01', '2021-05-01T09:00:00Z', '2021-05-01T09:00:00Z');
        INSERT INTO idea_labels (idea_id, kind, label, position)
            VALUES (7, 'tag', 'Hygiene', 0), (7, 'theme', 'Net zero', 0), (7, 'theme', 'Food', 1);
        INSERT INTO ideas_fts (rowid, reference, title, summary, problem, data_description, benefits,
                submitter_name, department, labels)
            VALUES (7, 'DC21-0007', 'Open databases', 'Café inspections for everyone', 'Nobody can find them',
                '', '', 'Siân Llŷr', 'FSA', 'Net zero Food Hygiene');";

    fn migrated_from_before_m0017() -> Connection {
        let mut conn = Connection::open_in_memory().expect("memory");
        let at =
            MIGRATIONS.iter().position(|m| *m == M::up(ideas::M0017_FTS_EXTERNAL_CONTENT)).expect("listed");
        Migrations::from_slice(&MIGRATIONS[..at]).to_latest(&mut conn).expect("older schema");
        conn.execute_batch(IDEA_BEFORE_M0017).expect("an idea written before the migration");
        to_latest(&mut conn).expect("migrate");
        conn
    }

    fn search(conn: &Connection, text: &str) -> Vec<(String, String)> {
        let q = shortlist_domain::IdeaQuery {
            text: text.into(),
            ..shortlist_domain::IdeaQuery::for_challenge(shortlist_domain::ChallengeId(1))
        };
        crate::search::search(conn, &q)
            .expect("search")
            .hits
            .into_iter()
            .map(|h| {
                let marked = h
                    .snippet
                    .iter()
                    .map(|p| if p.highlight { format!("[{}]", p.text) } else { p.text.clone() })
                    .collect();
                (h.idea.reference.0, marked)
            })
            .collect()
    }

    /// FTS5's own check of the index against the text it is read from (`rank = 1`: the content).
    fn index_matches_content(conn: &Connection) {
        conn.execute("INSERT INTO ideas_fts (ideas_fts, rank) VALUES ('integrity-check', 1)", [])
            .expect("the full-text index agrees with the ideas' text");
    }

    #[test]
    fn the_external_content_migration_keeps_ideas_searchable() {
        let conn = migrated_from_before_m0017();
        let sql: String = conn
            .query_row("SELECT sql FROM sqlite_master WHERE name = 'ideas_fts'", [], |r| r.get(0))
            .expect("table");
        assert!(sql.contains("content = 'ideas_search_text'") && sql.contains("prefix = '2 3 4'"), "{sql}");
        let copies: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'ideas_fts_content'", [], |r| {
                r.get(0)
            })
            .expect("count");
        assert_eq!(copies, 0, "the index no longer keeps its own copy of the text");
        let size: i64 = conn
            .query_row("SELECT v FROM ideas_fts_config WHERE k = 'hashsize'", [], |r| r.get(0))
            .expect("the buffer size is kept");
        assert_eq!(size, 16 * 1024 * 1024);
        index_matches_content(&conn);

        // Every word as a prefix, accents folded, in any column including the labels; snippets
        // marked from the text read through the view.
        let hits = search(&conn, "data cafe llyr");
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].0, "DC21-0007");
        assert_eq!(hits[0].1, "Open [databases]", "the snippet is read through the view and marked");
        assert_eq!(search(&conn, "inspections")[0].1, "Café [inspections] for everyone");
        assert_eq!(search(&conn, "net hyg fo").len(), 1, "themes and tags are searched");
        assert_eq!(search(&conn, "nobody").len(), 1, "the long answers are searched");
        assert!(search(&conn, "zebra").is_empty());
    }

    #[test]
    fn editing_an_idea_replaces_its_full_text_entry_exactly() {
        let mut conn = migrated_from_before_m0017();
        let tx = conn.transaction().expect("tx");
        let stored = ideas::get(&tx, shortlist_domain::IdeaId(7)).expect("the idea");
        let mut edited = shortlist_domain::IdeaInput::from(&stored);
        edited.title = "Shared pension records".into();
        edited.summary = "One place for all schemes".into();
        edited.themes = vec!["Money".into()];
        edited.tags = vec![];
        let valid = edited.validate().expect("valid");
        let now = chrono::Utc::now();
        ideas::update(&tx, stored.id, &valid, now).expect("update");
        tx.commit().expect("commit");

        index_matches_content(&conn);
        assert!(search(&conn, "databases").is_empty(), "the old title is gone from the index");
        assert!(search(&conn, "cafe").is_empty(), "the old summary is gone from the index");
        assert!(search(&conn, "hygiene").is_empty(), "the old tag is gone from the index");
        assert_eq!(
            search(&conn, "pens money llyr").len(),
            1,
            "the new text and the unchanged text are found"
        );

        // A new idea beside it: added from the values written, and they agree with the view.
        let tx = conn.transaction().expect("tx");
        let mut input = shortlist_domain::IdeaInput::from(&stored);
        input.themes = vec!["Food".into(), "Net zero".into()];
        input.tags = vec!["Food".into()];
        let valid = input.validate().expect("valid");
        ideas::insert(&tx, shortlist_domain::ChallengeId(1), &valid, None, now).expect("insert");
        tx.commit().expect("commit");
        index_matches_content(&conn);
        assert_eq!(search(&conn, "cafe food").len(), 1);
    }

    /// Issue #17 item 4: assignments chosen before the share-out existed were chosen by a person,
    /// so a new share-out must keep them.
    #[test]
    fn assignments_made_before_the_share_out_are_manual() {
        let mut conn = Connection::open_in_memory().expect("memory");
        let before =
            MIGRATIONS.iter().position(|m| *m == M::up(judging::M0023_ASSIGNMENT_SOURCE)).expect("listed");
        Migrations::from_slice(&MIGRATIONS[..before]).to_latest(&mut conn).expect("older schema");
        conn.execute_batch(
            "INSERT INTO challenges (id, name, year, closing_date, marking, reference_prefix, created_at)
                 VALUES (1, 'Data Challenge', 2021, '2021-05-14', 'OFFICIAL', 'DC21', '2021-03-01T09:00:00Z');
             INSERT INTO round_panels (challenge_id, stage) VALUES (1, 'shortlist');
             INSERT INTO judges (id, challenge_id, name, role, organisation, created_at, updated_at)
                 VALUES (3, 1, 'Amara Osei', 'Permanent Secretary', 'HMRC', '2021-06-01', '2021-06-01');",
        )
        .expect("a round written before the migration");
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF; INSERT INTO assignments VALUES (1, 'shortlist', 7, 3);",
        )
        .expect("an assignment made by hand before the migration");
        Migrations::from_slice(MIGRATIONS).to_latest(&mut conn).expect("migrate");
        let assigned = judging::assignments_with_source(
            &conn,
            shortlist_domain::ChallengeId(1),
            shortlist_domain::Stage::Shortlist,
        )
        .expect("read");
        assert_eq!(
            assigned,
            [(shortlist_domain::IdeaId(7), shortlist_domain::JudgeId(3), judging::AssignmentSource::Manual)],
            "the old assignment is kept, as a person's choice"
        );
        assert_eq!(
            judging::assignment_settings(
                &conn,
                shortlist_domain::ChallengeId(1),
                shortlist_domain::Stage::Shortlist
            )
            .expect("read"),
            None,
            "no share-out has been applied yet"
        );
    }
}
