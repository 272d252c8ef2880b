//! Where the user's database lives.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::Serialize;
use specta::Type;

use crate::ApiError;

/// The environment variable that moves the data folder (tests; people with several challenges).
pub const DATA_DIR_ENV: &str = "SHORTLIST_DATA_DIR";
/// The database's file name inside the data folder.
pub const DATABASE_FILE_NAME: &str = "shortlist.sqlite3";

/// Which setting chose the data folder, shown in Settings so nobody wonders why the app is empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum DataDirSource {
    Flag,
    Environment,
    Default,
}

/// The chosen data folder and why it was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataLocation {
    pub dir: PathBuf,
    pub source: DataDirSource,
}

impl DataLocation {
    /// The flag wins over the environment variable, which wins over the operating system's
    /// folder for application data (`~/.local/share/shortlist` on Linux, `%LOCALAPPDATA%` on
    /// Windows, `~/Library/Application Support` on macOS). The local rather than the roaming folder:
    /// a SQLite file must not be synchronised by a roaming profile while it is open.
    ///
    /// # Errors
    /// When neither override is given and the operating system reports no home folder.
    pub fn resolve(flag: Option<PathBuf>, env: Option<OsString>) -> Result<DataLocation, ApiError> {
        if let Some(dir) = flag.filter(|p| !p.as_os_str().is_empty()) {
            return Ok(DataLocation { dir: absolute(dir), source: DataDirSource::Flag });
        }
        if let Some(dir) = env.filter(|v| !v.is_empty()) {
            return Ok(DataLocation {
                dir: absolute(PathBuf::from(dir)),
                source: DataDirSource::Environment,
            });
        }
        let dirs = directories::ProjectDirs::from("app", "Shortlist", "Shortlist").ok_or_else(|| {
            ApiError::database_unusable(format!(
                "Shortlist could not find your home folder to keep its data in. \
                 Start it with --data-dir FOLDER or set {DATA_DIR_ENV} to a folder you can write to."
            ))
        })?;
        Ok(DataLocation { dir: dirs.data_local_dir().to_owned(), source: DataDirSource::Default })
    }

    /// Resolves from this process's environment.
    pub fn from_process(flag: Option<PathBuf>) -> Result<DataLocation, ApiError> {
        Self::resolve(flag, std::env::var_os(DATA_DIR_ENV))
    }

    pub fn database_path(&self) -> PathBuf {
        self.dir.join(DATABASE_FILE_NAME)
    }

    /// Where copies taken before a migration go.
    pub fn backups_dir(&self) -> PathBuf {
        self.dir.join("backups")
    }
}

/// The path shown to people and passed to SQLite is absolute, so it means the same thing
/// whichever folder the app was started from.
fn absolute(p: PathBuf) -> PathBuf {
    std::path::absolute(&p).unwrap_or(p)
}

impl AsRef<Path> for DataLocation {
    fn as_ref(&self) -> &Path {
        &self.dir
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_over_the_environment() {
        let loc = DataLocation::resolve(Some("/tmp/a".into()), Some("/tmp/b".into())).expect("resolves");
        assert_eq!((loc.dir, loc.source), (PathBuf::from("/tmp/a"), DataDirSource::Flag));
    }

    #[test]
    fn the_environment_wins_over_the_default() {
        let loc = DataLocation::resolve(None, Some("/tmp/b".into())).expect("resolves");
        assert_eq!((loc.dir, loc.source), (PathBuf::from("/tmp/b"), DataDirSource::Environment));
    }

    #[test]
    fn an_empty_environment_variable_is_ignored() {
        let loc = DataLocation::resolve(None, Some("".into())).expect("resolves");
        assert_eq!(
            loc.source,
            DataDirSource::Default,
            "SHORTLIST_DATA_DIR= must not mean the current folder"
        );
    }

    #[test]
    fn relative_folders_are_made_absolute() {
        let loc = DataLocation::resolve(Some("rel/dir".into()), None).expect("resolves");
        assert!(loc.dir.is_absolute(), "the path shown in Settings must be usable from anywhere");
        assert!(loc.database_path().ends_with("rel/dir/shortlist.sqlite3"));
    }
}
