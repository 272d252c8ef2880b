//! The Shortlist desktop shell: opens the data folder, hands it to Tauri as state, and registers
//! the commands. Everything the commands do lives in `shortlist-app`; see `commands.rs`.
//!
//! A file given on the command line (a double-clicked bundle, return or enrolment) is handed to
//! the app for the window to take. A second start on the same data folder does not open a second
//! window on the same database: it hands its file to the running app, which comes to the front.

pub mod commands;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use shortlist_app::{file_argument, Shortlist};
use tauri::{Emitter as _, Manager as _};

/// The event that tells the window a file was handed to the app while it was running.
pub const HANDED_FILE_EVENT: &str = "handed-file";

/// Starts the app. `--data-dir DIR` (or `SHORTLIST_DATA_DIR`) chooses the data folder; any other
/// argument is a file to open.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("SHORTLIST_LOG"))
        .init();
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let shortlist = Shortlist::open_from_process(args.clone(), Shortlist::system_clock());
    if let Some(file) = file_argument(args) {
        shortlist.hand_file(&file, &std::env::current_dir().unwrap_or_default());
    }
    let instance = single_instance_id(&shortlist.location().dir);
    // The single-instance plugin must come first, so that a second start leaves before anything
    // else is set up.
    let builder = tauri::Builder::default().plugin(
        tauri_plugin_single_instance::Builder::new()
            .dbus_id(instance)
            .callback(|app, argv, cwd| {
                let state = app.state::<Shortlist>();
                if let Some(file) = file_argument(argv.into_iter().skip(1).map(OsString::from)) {
                    state.hand_file(&file, Path::new(&cwd));
                    let _ = app.emit(HANDED_FILE_EVENT, ());
                }
                if let Some(window) = app.get_webview_window("main") {
                    let _ = window.unminimize();
                    let _ = window.show();
                    let _ = window.set_focus();
                }
            })
            .build(),
    );
    build(shortlist, builder)
        .setup(|app| {
            #[cfg(target_os = "linux")]
            if let Some(window) = app.get_webview_window("main") {
                tune_webkit(&window);
            }
            let _ = app;
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("the Shortlist window could not be started: see the message above")
        .run(|_app, _event| {
            // macOS hands double-clicked files to the running app as an event, not arguments.
            #[cfg(target_os = "macos")]
            if let tauri::RunEvent::Opened { urls } = _event {
                let state = _app.state::<Shortlist>();
                for path in urls.iter().filter_map(|url| url.to_file_path().ok()) {
                    state.hand_file(&path, Path::new("/"));
                    let _ = _app.emit(HANDED_FILE_EVENT, ());
                }
            }
        });
}

/// The app with its state and commands, before it runs: shared by `run` and the tests.
pub fn build<R: tauri::Runtime>(shortlist: Shortlist, builder: tauri::Builder<R>) -> tauri::Builder<R> {
    let commands = commands::specta_builder::<R>();
    builder.plugin(tauri_plugin_dialog::init()).manage(shortlist).invoke_handler(commands.invoke_handler())
}

/// WebKitGTK's settings for a document viewer rather than a browser, which it assumes: a small
/// memory cache (the app has one page and loads nothing remote), and no GPU compositing (pages of
/// forms and tables gain nothing from it, and under software rendering it costs a web process
/// about 100 MB). `SHORTLIST_WEBKIT_DEFAULTS=1` leaves WebKit's defaults, to compare (the start-up
/// bench does) or to rule these out when a screen draws oddly on some machine.
#[cfg(target_os = "linux")]
fn tune_webkit(window: &tauri::WebviewWindow) {
    if std::env::var_os("SHORTLIST_WEBKIT_DEFAULTS").is_some() {
        return;
    }
    let tuned = window.with_webview(|webview| {
        use webkit2gtk::{
            CacheModel, HardwareAccelerationPolicy, SettingsExt as _, WebContextExt as _, WebViewExt,
        };
        let view = webview.inner();
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
        if let Some(settings) = WebViewExt::settings(&view) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    if let Err(e) = tuned {
        tracing::warn!(error = %e, "WebKit's settings were left as they are");
    }
}

/// The name one data folder's running app answers to on the session bus (Linux): one app per
/// data folder, so two challenges kept in two folders can be open side by side, but one folder
/// never has two windows writing to it. (Windows and macOS keep one app per user, whatever the
/// folder.) The folder's path is hashed to fit a bus name's alphabet; the hash need only agree
/// between two starts of the same build.
fn single_instance_id(data_dir: &Path) -> String {
    use std::hash::{Hash as _, Hasher as _};
    let dir = std::fs::canonicalize(data_dir).unwrap_or_else(|_| PathBuf::from(data_dir));
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    dir.hash(&mut hasher);
    format!("app.shortlist.desktop.folder_{:016x}", hasher.finish())
}
