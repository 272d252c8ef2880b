//! Every migration, in the order it runs. Each table module owns its own SQL; this list only
//! orders them. Append only: a migration that has shipped is never edited or removed, because
//! `user_version` counts how many have run.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::{assessments, challenges, history, ideas, imports, judging, settings, workflow};

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
];

/// The schema version this build writes: the number of migrations.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database up to [`SCHEMA_VERSION`] in one transaction.
pub(crate) fn to_latest(conn: &mut Connection) -> Result<(), rusqlite_migration::Error> {
    Migrations::from_slice(MIGRATIONS).to_latest(conn)
}
