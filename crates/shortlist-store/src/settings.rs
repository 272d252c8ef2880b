//! The `settings` table: this installation's preferences, such as the display name written into
//! every change it records.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::StoreError;

pub(crate) const M0006_SETTINGS: &str = "
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
";

pub const DISPLAY_NAME: &str = "display_name";
/// `secretariat` or `judge`, chosen on the first run.
pub const ROLE: &str = "role";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub fn set(tx: &Transaction<'_>, key: &str, value: &str) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
