//! Declares the app's own commands in an app permission manifest, so Tauri checks each command
//! against the window's capability (`capabilities/main-window.json`) rather than allowing every
//! registered command. Keep this list in step with `commands::specta_builder`.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_info",
        "list_challenges",
        "create_challenge",
        "list_ideas",
        "get_idea",
        "create_idea",
        "update_idea",
        "search_ideas",
        "idea_history",
        "user_settings",
        "save_user_settings",
        "preview_import",
        "commit_import",
        "export_ideas",
        "list_duplicates",
        "keep_both",
        "merge_ideas",
        "rounds",
        "set_rounds",
        "screen_idea",
        "evaluation",
        "save_evaluation",
        "move_ideas",
        "record_decision",
        "idea_progress",
        "round_overview",
        "incomplete_evaluations",
        "board",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("the Tauri build step failed: see the message above");
}
