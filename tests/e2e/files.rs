//! Files handed to the app by the operating system (issue #13): a double-clicked bundle opens on
//! the judge's page with the file filled in, and a second start on the same data folder hands its
//! file to the window already open instead of opening another on the same database.
//!
//! `SHORTLIST_APP_BIN` and `SHORTLIST_CLI_BIN` point this journey at an installed package
//! (`scripts/package-test.sh` runs it against the installed `.deb`).

use std::process::Stdio;
use std::time::Duration;

use anyhow::{ensure, Context, Result};

use crate::exchange::{bundle_sent, cli, text, two_installations, JUDGE};
use crate::harness::{app_binary, or_screenshot, Driver};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime")
}

#[test]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
fn a_double_clicked_bundle_opens_on_the_judges_page_and_a_second_start_hands_over_its_file() -> Result<()> {
    runtime().block_on(async {
        let root = tempfile::tempdir()?;
        let (judge, secretariat, files) = two_installations(root.path())?;
        let enrolment = files.join("enrolment.shortlist");
        cli(&judge, &["settings", "--name", JUDGE, "--role", "judge"])?;
        cli(&judge, &["identity", "enrolment", "--name", JUDGE, "--to", text(&enrolment)?])?;
        let bundle = bundle_sent(&secretariat, &enrolment, &files)?;
        // A file that only looks like one of ours, as a person might rename a PDF.
        let impostor = files.join("minutes.shortlist");
        std::fs::write(&impostor, b"%PDF-1.7 the minutes of the last panel")?;

        let driver = Driver::start().await?;
        let app = driver.launch_with(&judge, &[&bundle]).await?;
        let result = or_screenshot(
            &app,
            "handed-bundle",
            async {
                app.text_contains("h1", "Your rounds").await?;
                app.find("#judge-handed").await?;
                let filled = app.find("#judge-bundle").await?.prop("value").await?.unwrap_or_default();
                ensure!(filled == text(&bundle)?, "the bundle box holds {filled:?}, not the file that was opened");
                app.assert_accessible("judge: a handed bundle").await?;

                // A second start on the same folder: it must hand its file over and leave.
                ensure!(
                    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
                    "one app per data folder goes through the session bus: run under dbus-run-session (scripts/test.sh does)"
                );
                let second = tokio::process::Command::new(app_binary())
                    .arg("--data-dir")
                    .arg(&judge)
                    .arg(&impostor)
                    .stdout(Stdio::null())
                    .stderr(Stdio::inherit())
                    .kill_on_drop(true)
                    .status();
                let status = tokio::time::timeout(Duration::from_secs(30), second)
                    .await
                    .context("a second start on the same data folder stayed open: two windows on one database")??;
                ensure!(status.success(), "the second start ended with {status}");
                let problem = app.text_contains("#handed-problem", "minutes.shortlist").await?;
                ensure!(
                    problem.contains("not a Shortlist exchange file"),
                    "the running window says {problem:?} about a file that is not ours"
                );
                app.assert_accessible("judge: a file that is not ours").await?;

                // Opening the handed bundle works as from the form.
                app.press("Open the bundle").await?;
                app.text_contains(".govuk-notification-banner", "Opened").await?;
                Ok(())
            }
            .await,
        )
        .await;
        app.close().await?;
        result
    })
}
