use serde::{Deserialize, Serialize};
use shortlist_store::settings;
use specta::Type;

use super::Shortlist;
use crate::ApiError;

/// What Settings lets a person change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct UserSettings {
    /// The name written into every change this installation records.
    pub display_name: String,
}

pub const DISPLAY_NAME_MAX: usize = 80;

impl Shortlist {
    /// The name recorded against changes: the one set in Settings, else the computer's user name.
    pub fn display_name(&self) -> Result<String, ApiError> {
        let stored = settings::get(self.store()?.read(), settings::DISPLAY_NAME)?;
        Ok(stored.filter(|s| !s.trim().is_empty()).unwrap_or_else(|| self.default_display_name.clone()))
    }

    pub fn user_settings(&self) -> Result<UserSettings, ApiError> {
        Ok(UserSettings { display_name: self.display_name()? })
    }

    /// Saves Settings.
    ///
    /// # Errors
    /// `Validation` on `displayName` when it is blank or too long.
    pub fn save_user_settings(&self, input: &UserSettings) -> Result<UserSettings, ApiError> {
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
        self.store()?.write(|tx| Ok::<_, ApiError>(settings::set(tx, settings::DISPLAY_NAME, name)?))?;
        self.user_settings()
    }
}
