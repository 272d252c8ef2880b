//! Who is using this installation: their name (written into every change, pack, bundle and
//! receipt) and whether they run the challenge or judge it. Both are asked on the first run.

use serde::{Deserialize, Serialize};
use shortlist_store::settings;
use specta::Type;

use super::Shortlist;
use crate::ApiError;

pub use shortlist_domain::UserRole;

/// Who the person is, as the app knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct UserSettings {
    /// The name they saved; before they saved one, the operating-system account's full name (or
    /// its user name), as a suggestion; empty when the system knows neither.
    pub display_name: String,
    pub role: Option<UserRole>,
    /// They have told the app who they are (name and role saved): the first run is over.
    pub confirmed: bool,
}

/// What Settings (and the first run) saves.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct UserSettingsInput {
    pub display_name: String,
    /// Left as it was when not given.
    pub role: Option<UserRole>,
}

pub const DISPLAY_NAME_MAX: usize = 80;

impl Shortlist {
    /// The name recorded against changes: the one the person saved, else the operating-system
    /// account's name (so that scripted CLI work on a machine where nobody ran the app still
    /// says who did it).
    ///
    /// # Errors
    /// `Validation` on `displayName` when neither is known: no change is ever recorded as made
    /// by nobody.
    pub fn display_name(&self) -> Result<String, ApiError> {
        let stored = settings::get(self.store()?.read(), settings::DISPLAY_NAME)?;
        stored.filter(|s| !s.trim().is_empty()).or_else(|| self.default_display_name.clone()).ok_or_else(|| {
            ApiError::field(
                "displayName",
                "Shortlist does not know your name yet. Enter it in Settings (or run `shortlist settings --name \"Your Name\"`), then try again",
            )
        })
    }

    pub fn user_settings(&self) -> Result<UserSettings, ApiError> {
        let read = |key| settings::get(self.store()?.read(), key).map_err(ApiError::from);
        let stored_name = read(settings::DISPLAY_NAME)?.filter(|s| !s.trim().is_empty());
        let role = read(settings::ROLE)?.as_deref().and_then(UserRole::from_code);
        Ok(UserSettings {
            confirmed: stored_name.is_some() && role.is_some(),
            display_name: stored_name.or_else(|| self.default_display_name.clone()).unwrap_or_default(),
            role,
        })
    }

    /// Saves Settings.
    ///
    /// # Errors
    /// `Validation` on `displayName` when it is blank or too long, and on `role` when none is
    /// given and none was saved before (the first run asks for both).
    pub fn save_user_settings(&self, input: &UserSettingsInput) -> Result<UserSettings, ApiError> {
        if input.role.is_none() && self.user_settings()?.role.is_none() {
            return Err(ApiError::field("role", "Select whether you run the challenge or judge it"));
        }
        let name = input.display_name.trim();
        if name.is_empty() {
            return Err(ApiError::field(
                "displayName",
                "Enter your name, as it should appear in the history of ideas",
            ));
        }
        if name.chars().count() > DISPLAY_NAME_MAX || name.chars().any(char::is_control) {
            return Err(ApiError::field(
                "displayName",
                format!(
                    "Your name must be {DISPLAY_NAME_MAX} characters or fewer, with no hidden characters"
                ),
            ));
        }
        self.store()?.write(|tx| {
            settings::set(tx, settings::DISPLAY_NAME, name)?;
            if let Some(role) = input.role {
                settings::set(tx, settings::ROLE, role.code())?;
            }
            Ok::<_, ApiError>(())
        })?;
        self.user_settings()
    }
}

/// The operating-system account's full name, else its user name: a first guess at who is using
/// the app, shown on the first run for them to confirm. `None` when the system knows neither.
pub(crate) fn os_user_name() -> Option<String> {
    let full = whoami::realname().ok().map(|name| name.trim().to_owned()).filter(|name| !name.is_empty());
    full.or_else(|| {
        whoami::username().ok().map(|name| name.trim().to_owned()).filter(|name| !name.is_empty())
    })
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    /// The first run offers the account's full name from the system's user database (the GECOS
    /// field), else its user name: never a stand-in such as whoami's "Anonymous", which it gives
    /// when built without its `std` feature.
    #[test]
    fn the_offered_name_is_the_accounts_own() {
        use std::os::unix::fs::MetadataExt as _;
        let uid = std::fs::metadata("/proc/self").expect("/proc/self").uid().to_string();
        let passwd = std::fs::read_to_string("/etc/passwd").expect("/etc/passwd");
        let Some(entry) =
            passwd.lines().map(|l| l.split(':').collect::<Vec<_>>()).find(|f| f.len() > 4 && f[2] == uid)
        else {
            return; // An account outside /etc/passwd (LDAP): nothing here to compare with.
        };
        let full_name = entry[4].split(',').next().unwrap_or_default().trim();
        let expected = if full_name.is_empty() { entry[0] } else { full_name };
        assert_eq!(super::os_user_name().as_deref(), Some(expected));
    }
}
