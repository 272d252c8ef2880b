//! The Shortlist desktop shell: opens the data folder, hands it to Tauri as state, and registers
//! the commands. Everything the commands do lives in `shortlist-app`; see `commands.rs`.

pub mod commands;

use shortlist_app::Shortlist;

/// Starts the app. `--data-dir DIR` (or `SHORTLIST_DATA_DIR`) chooses the data folder.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("SHORTLIST_LOG"))
        .init();
    let shortlist = Shortlist::open_from_process(std::env::args_os().skip(1), Shortlist::system_clock());
    build(shortlist, tauri::Builder::default())
        .run(tauri::generate_context!())
        .expect("the Shortlist window could not be started: see the message above");
}

/// The app with its state and commands, before it runs: shared by `run` and the tests.
pub fn build<R: tauri::Runtime>(shortlist: Shortlist, builder: tauri::Builder<R>) -> tauri::Builder<R> {
    let commands = commands::specta_builder::<R>();
    builder.plugin(tauri_plugin_dialog::init()).manage(shortlist).invoke_handler(commands.invoke_handler())
}
