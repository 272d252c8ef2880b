//! End-to-end journeys through the real Shortlist app: the built desktop binary, its real
//! WebKitGTK webview, driven through `tauri-driver` and WebKitWebDriver under Xvfb.
//!
//! These tests need a display, `tauri-driver` and a built app, so they are `#[ignore]`d in a plain
//! `cargo test` (shown as ignored, never silently passed) and run by `scripts/test.sh`, which
//! builds the UI and the app and runs them with `--ignored` inside `xvfb-run`.
//!
//! Each journey starts the app on a fresh temporary data folder. When a journey fails, a
//! screenshot of the window is saved (path printed in the failure) so the failure can be seen.
//! Every screen a journey visits is checked with axe-core injected into the webview: no serious
//! or critical accessibility violation is allowed.

mod closing;
mod exchange;
mod files;
mod harness;
mod journeys;
mod judging;
mod packs;
mod pairwise;
mod protection;
mod workflow;
