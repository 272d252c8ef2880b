//! The `shortlist` binary driven as the secretariat's scripts drive it: no display, a data
//! folder per test.

mod closing;
mod commands;
mod crash;
mod exchange;
mod judging;
mod pairs;
mod protect;
mod workflow;

use assert_cmd::Command;

/// `shortlist` with its data in `dir` (through the environment variable, as scripts set it).
pub fn shortlist(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("shortlist").expect("the binary is built");
    cmd.env("SHORTLIST_DATA_DIR", dir).env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY");
    cmd
}
