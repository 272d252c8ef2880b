//! The journeys a secretariat analyst takes on day one.

use anyhow::{ensure, Result};
use fantoccini::Locator;

use crate::harness::{cli_binary, or_screenshot, App, Driver};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime")
}

/// First run on an empty folder: set up the challenge, add an idea (after a refused empty form),
/// find it in the list and in Settings see where it is stored; restart the app: it is still there.
#[test]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
fn an_idea_created_in_the_app_is_still_there_after_a_restart() -> Result<()> {
    runtime().block_on(async {
        let data = tempfile::tempdir()?;
        let driver = Driver::start().await?;

        let app = driver.launch_first_run(data.path()).await?;
        let first =
            or_screenshot(&app, "create-idea", create_challenge_and_idea(&app, data.path()).await).await;
        app.close().await?;
        first?;

        let app = driver.launch(data.path()).await?;
        let second = or_screenshot(
            &app,
            "after-restart",
            async {
                let link = app.find("#ideas-table a[data-reference='DC26-0001']").await?;
                let title = link.text().await?;
                ensure!(
                    title == "Cysylltu data ysgolion â gwasanaethau cymdeithasol",
                    "after a restart the list shows {title:?}"
                );
                Ok(())
            }
            .await,
        )
        .await;
        app.close().await?;
        second
    })
}

async fn create_challenge_and_idea(app: &App, data_dir: &std::path::Path) -> Result<()> {
    // A new user is asked who they are, with the computer account's name offered (issue #13).
    app.text_contains("h1", "Welcome to Shortlist").await?;
    let offered = app.find("#displayName").await?.prop("value").await?.unwrap_or_default();
    ensure!(!offered.trim().is_empty(), "the first run offers the account's name, not an empty box");
    app.assert_accessible("welcome").await?;
    app.fill("#displayName", "Ffion Hughes").await?;
    app.click("#role-secretariat").await?;
    app.press("Continue").await?;
    // The secretariat then sets up their challenge.
    app.text_contains("h1", "Set up your challenge").await?;
    app.assert_accessible("set up your challenge").await?;
    app.fill("#name", "Data Challenge 2026").await?;
    app.fill("#year", "2026").await?;
    app.fill("#closingDay", "14").await?;
    app.fill("#closingMonth", "5").await?;
    app.fill("#closingYear", "2026").await?;
    app.click("#marking").await?;
    app.fill("#referencePrefix", "DC26").await?;
    app.press("Create challenge").await?;

    // The register is empty; the marking is shown.
    app.text_contains("h1", "Ideas").await?;
    app.text_contains(".app-marking", "OFFICIAL").await?;
    app.assert_accessible("empty ideas list").await?;
    app.press("Add an idea").await?;

    // An empty form is refused with the GOV.UK error summary, linked to each field.
    app.text_contains("h1", "Add an idea").await?;
    app.press("Save idea").await?;
    let summary = app.text_contains(".govuk-error-summary", "Enter a title for the idea").await?;
    ensure!(
        summary.contains("Enter the submitter's department or agency"),
        "every problem is listed: {summary}"
    );
    app.find(".govuk-error-summary a[href='#title']").await?;
    app.text_contains("#title-error", "Enter a title for the idea").await?;
    app.assert_accessible("add an idea, with errors").await?;

    app.fill("#title", "Cysylltu data ysgolion â gwasanaethau cymdeithasol").await?;
    app.fill("#summary", "Link school attendance with social care contacts, so that help arrives early.")
        .await?;
    app.fill("#submitterName", "Siân Llŷr").await?;
    app.fill("#department", "Welsh Government").await?;
    app.press("Save idea").await?;

    // The idea's page, then the list.
    app.text_contains("#idea-title", "Cysylltu data ysgolion").await?;
    app.text_contains("main", "Siân Llŷr").await?;
    app.text_contains("main", "DC26-0001").await?;
    app.assert_accessible("idea page").await?;
    app.client.find(Locator::LinkText("Ideas")).await?.click().await?;
    app.find("#ideas-table a[data-reference='DC26-0001']").await?;

    // Settings shows where the data is.
    app.client.find(Locator::LinkText("Settings")).await?.click().await?;
    let expected = data_dir.join("shortlist.sqlite3");
    app.text_contains("#database-path", &expected.display().to_string()).await?;
    app.assert_accessible("settings").await?;
    Ok(())
}

/// The demo challenge made by the CLI opens in the app with all its ideas, and editing one shows
/// the change on its page.
#[test]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
fn the_demo_challenge_opens_and_an_idea_can_be_edited() -> Result<()> {
    runtime().block_on(async {
        let data = tempfile::tempdir()?;
        let out = std::process::Command::new(cli_binary())
            .arg("--data-dir")
            .arg(data.path())
            .arg("demo")
            .output()?;
        ensure!(out.status.success(), "`shortlist demo` failed: {}", String::from_utf8_lossy(&out.stderr));

        let driver = Driver::start().await?;
        let app = driver.launch(data.path()).await?;
        let result = or_screenshot(
            &app,
            "demo-edit",
            async {
                app.text_contains("main", "200 ideas").await?;
                let rows = app.client.find_all(Locator::Css("#ideas-table tbody tr")).await?;
                ensure!(rows.len() == 50, "the list shows {} rows, not a page of 50", rows.len());
                app.find("#ideas-pagination").await?;
                app.assert_accessible("demo ideas list").await?;

                app.click("#ideas-table a[data-reference='DC21-0007']").await?;
                app.find("#idea-title").await?;
                app.press("Edit this idea").await?;
                app.text_contains("h1", "Edit").await?;
                app.assert_accessible("edit an idea").await?;
                app.fill("#title", "A clearer title, edited on the train").await?;
                app.press("Save changes").await?;
                app.text_contains("#idea-title", "A clearer title, edited on the train").await?;
                app.text_contains(".govuk-notification-banner", "DC21-0007").await?;
                // The edit is in the idea's history, old → new.
                app.text_contains("#idea-history", "A clearer title, edited on the train").await?;
                app.assert_accessible("idea page with history").await?;
                Ok(())
            }
            .await,
        )
        .await;
        app.close().await?;
        result
    })
}

/// A data folder holding a file that is not a Shortlist database: the app says so in words,
/// shows no register, and leaves the file exactly as it was.
#[test]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
fn a_foreign_database_file_is_explained_and_left_untouched() -> Result<()> {
    runtime().block_on(async {
        let data = tempfile::tempdir()?;
        let path = data.path().join("shortlist.sqlite3");
        let content = b"Timestamp,Email address,Your idea\n2021-05-01,a@b.gov.uk,Hello\n";
        std::fs::write(&path, content)?;

        let driver = Driver::start().await?;
        let app = driver.launch(data.path()).await?;
        let result = or_screenshot(
            &app,
            "foreign-file",
            async {
                app.text_contains("h1", "Shortlist cannot open its database").await?;
                app.text_contains("main", "is not a Shortlist database").await?;
                app.assert_accessible("database problem").await?;
                Ok(())
            }
            .await,
        )
        .await;
        app.close().await?;
        ensure!(std::fs::read(&path)? == content, "the foreign file was changed");
        result
    })
}

/// A messy Microsoft Forms export (Windows-1252, CRLF, a quoted line break, a blank row, a row
/// with no title) imported through the app with one column's mapping changed; then the new idea
/// is found by a word typed without its accent, edited, and the edit is in its history.
#[test]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
fn a_messy_form_export_is_imported_found_edited_and_its_history_shown() -> Result<()> {
    runtime().block_on(async {
        let data = tempfile::tempdir()?;
        let out = std::process::Command::new(cli_binary()).arg("--data-dir").arg(data.path()).arg("demo").output()?;
        ensure!(out.status.success(), "`shortlist demo` failed: {}", String::from_utf8_lossy(&out.stderr));
        let export = data.path().join("Ideas challenge responses.csv");
        let csv = "ID,Start time,Completion time,Email,Name,What is your idea called?,Describe your idea,\
                   Which department or agency do you work for?,Where are you based?\r\n\
                   1,5/14/21 13:00:01,5/14/21 13:45:12,zoe.martin@fsa.gov.uk,Zo\u{eb} Martin,\"Caf\u{e9} hygiene data, joined up\",\
                   \"Join food hygiene ratings with council inspections.\r\nSo that visits are not repeated.\",\
                   Food Standards Agency,London\r\n\
                   ,,,,,,,,\r\n\
                   3,5/14/21 15:00:01,5/14/21 15:15:00,a@hmrc.gov.uk,Rh\u{177}s Jones,,No title here,HMRC,Wales\r\n\
                   4,5/14/21 16:00:01,5/14/21 16:15:00,,Gwenll\u{ef}an Evans,Open the register of bus stops,\
                   Publish every bus stop with its accessibility.,Department for Transport,Wales\r\n\
                   5,5/14/21 17:00:01,5/14/21 17:05:00,zoe.martin@fsa.gov.uk,Zo\u{eb} Martin,\"Caf\u{e9} hygiene data, joined up\",\
                   Sent twice by mistake.,Food Standards Agency,London\r\n";
        // Windows-1252, as Excel saves a CSV on a government laptop (ŷ is not in it: it becomes '?').
        let bytes: Vec<u8> = csv.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
        std::fs::write(&export, bytes)?;

        let driver = Driver::start().await?;
        let app = driver.launch(data.path()).await?;
        let result = or_screenshot(&app, "import", async {
            app.click("#import-ideas").await?;
            app.text_contains("h1", "Import ideas").await?;
            app.assert_accessible("import: choose the export").await?;
            app.fill("#import-path", &export.display().to_string()).await?;
            app.press("Continue").await?;
            app.text_contains("#import-report", "Rows with problems").await?;
            app.text_contains("#import-to-add", "3").await?;
            app.text_contains("#import-problems", "Enter a title for the idea").await?;
            app.text_contains("#import-duplicates", "Same submitter and title").await?;
            app.assert_accessible("import report").await?;

            // The person decides "Where are you based?" should be a tag, not the region.
            app.click("#map-8 option[value='tags']").await?;
            app.press("Check the import").await?;
            app.text_contains("#import-to-add", "3").await?;
            app.click("#import-commit").await?;
            let banner = app.text_contains(".govuk-notification-banner", "Imported 3 ideas").await?;
            ensure!(banner.contains("DC21-0201"), "the banner names the new references: {banner}");
            ensure!(banner.contains("1 flagged as a possible duplicate"), "the repeated row is flagged: {banner}");
            // The repeat is settled by keeping both, as a person would after reading them.
            app.click("#nav-duplicates").await?;
            app.text_contains("h1", "Possible duplicates").await?;
            app.text_contains("main", "Same submitter and title").await?;
            app.assert_accessible("possible duplicates").await?;
            app.press("Keep both").await?;
            app.find("#duplicates-empty").await?;
            app.click("#nav-ideas").await?;

            // Found by a word typed without its accent.
            app.fill("#search", "cafe").await?;
            let link = app.find("#ideas-table a[data-reference='DC21-0201']").await?;
            ensure!(link.text().await? == "Café hygiene data, joined up", "accents and the quoted comma survive");
            link.click().await?;
            app.text_contains("main", "London").await?;
            app.press("Edit this idea").await?;
            app.fill("#title", "Café hygiene inspections, joined up").await?;
            app.press("Save changes").await?;
            app.text_contains("#idea-history", "Café hygiene inspections, joined up").await?;
            app.text_contains("#idea-history", "Ideas challenge responses.csv").await?;
            app.assert_accessible("imported idea with history").await?;
            Ok(())
        }
        .await)
        .await;
        app.close().await?;
        result?;

        // The changed mapping was used: the place went into the tags, not the region.
        let out = std::process::Command::new(cli_binary())
            .arg("--data-dir")
            .arg(data.path())
            .args(["ideas", "show", "DC21-0201", "--json"])
            .output()?;
        let idea: serde_json::Value = serde_json::from_slice(&out.stdout)?;
        ensure!(idea["tags"] == serde_json::json!(["London"]) && idea["region"] == "", "mapping ignored: {idea}");
        Ok(())
    })
}
