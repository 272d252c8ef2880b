//! Every migration, in the order it runs. Each table module owns its own SQL; this list only
//! orders them. Append only: a migration that has shipped is never edited or removed, because
//! `user_version` counts how many have run.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::{assessments, challenges, exchange, history, ideas, imports, judging, settings, workflow};

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
        to_latest(&mut conn).expect("migrate");
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
}
