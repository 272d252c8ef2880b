//! Protecting a data folder (issue #15): the secretariat protects it in Settings, the app asks
//! for the passphrase when it next starts (refusing a wrong one), and a backup is restored.

use anyhow::{ensure, Result};
use fantoccini::Locator;

use crate::exchange::cli;
use crate::harness::{cli_binary, or_screenshot, Driver};

const PASSPHRASE: &str = "tidy walrus lantern";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime")
}

#[test]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
fn a_folder_is_protected_unlocked_after_a_restart_and_a_backup_restored() -> Result<()> {
    runtime().block_on(async {
        let data = tempfile::tempdir()?;
        cli(data.path(), &["demo", "--ideas", "30"])?;
        let driver = Driver::start().await?;

        // 1. Protect the folder from Settings.
        let app = driver.launch(data.path()).await?;
        let result = or_screenshot(
            &app,
            "protect",
            async {
                app.text_contains("main", "30 ideas").await?;
                app.client.find(Locator::LinkText("Settings")).await?.click().await?;
                app.text_contains("#protection-status", "Not protected").await?;
                app.fill("#passphrase", "too short").await?;
                app.fill("#confirmation", "too short").await?;
                app.press("Protect this data folder").await?;
                app.text_contains("#passphrase-error", "at least 10 characters").await?;
                app.fill("#passphrase", PASSPHRASE).await?;
                app.fill("#confirmation", PASSPHRASE).await?;
                app.press("Protect this data folder").await?;
                app.text_contains(".govuk-notification-banner", "now protected").await?;
                app.text_contains("#protection-status", "Protected").await?;
                app.scroll_to(&app.find("#protection").await?).await?;
                app.assert_accessible("settings: protected").await?;
                Ok(())
            }
            .await,
        )
        .await;
        app.close().await?;
        result?;
        let file = std::fs::read(data.path().join("shortlist.sqlite3"))?;
        ensure!(!file.starts_with(b"SQLite format 3"), "the database file is still plain SQLite");

        // Work done from the command line while the app is closed: one more idea.
        let added = std::process::Command::new(cli_binary())
            .arg("--data-dir")
            .arg(data.path())
            .args(["--passphrase-env", "E2E_PASSPHRASE", "ideas", "add", "--title", "Added by a batch job"])
            .args([
                "--summary",
                "After the backups were taken.",
                "--submitter",
                "Ann Other",
                "--department",
                "HM Treasury",
            ])
            .env("E2E_PASSPHRASE", PASSPHRASE)
            .output()?;
        ensure!(
            added.status.success(),
            "the CLI could not add an idea: {}",
            String::from_utf8_lossy(&added.stderr)
        );

        // 2. A restart asks for the passphrase; a wrong one is refused; the right one opens.
        let app = driver.launch(data.path()).await?;
        let result = or_screenshot(
            &app,
            "unlock",
            async {
                app.text_contains("h1", "Unlock Shortlist").await?;
                app.assert_accessible("unlock").await?;
                app.fill("#passphrase", "tidy walrus lanterns").await?;
                app.press("Unlock").await?;
                app.text_contains("#passphrase-error", "does not unlock").await?;
                app.text_contains(".govuk-error-summary", "does not unlock").await?;
                app.assert_accessible("unlock: wrong passphrase").await?;
                app.fill("#passphrase", PASSPHRASE).await?;
                app.press("Unlock").await?;
                app.text_contains("main", "31 ideas").await?;

                // 3. Restore the newest backup (taken before protection was set: 30 ideas).
                app.client.find(Locator::LinkText("Settings")).await?.click().await?;
                app.press("Check the audit trail").await?;
                app.text_contains("#audit-result", "The audit trail is intact").await?;
                app.text_contains("#backups", "Before protection changed").await?;
                app.scroll_to(&app.find("#backups").await?).await?;
                app.assert_accessible("settings: backups").await?;
                app.click("#backups tbody tr:first-child .app-restore").await?;
                app.text_contains("#restore-confirm", "30 ideas").await?;
                app.press("Restore this backup").await?;
                app.client.find(Locator::LinkText("Ideas")).await?.click().await?;
                app.text_contains("main", "30 ideas").await?;
                Ok(())
            }
            .await,
        )
        .await;
        app.close().await?;
        result?;
        let backups: Vec<String> = std::fs::read_dir(data.path().join("backups"))?
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        ensure!(
            backups.iter().any(|name| name.contains("-replaced")),
            "the file the restore replaced is kept aside: {backups:?}"
        );
        Ok(())
    })
}
