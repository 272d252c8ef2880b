//! Who uses an installation.

use crate::coded::coded_enum;

coded_enum! {
    /// Whether the person runs the challenge or sits on its panel. It decides where the app
    /// starts (setting up a challenge, or opening a bundle) and nothing else: a judge's copy of a
    /// challenge is recognised from its bundles, not from this. The label is the first run's
    /// choice.
    pub enum UserRole {
        Secretariat = ("secretariat", "I run the challenge (secretariat)"),
        Judge = ("judge", "I am a judge on its panel"),
    }
}
