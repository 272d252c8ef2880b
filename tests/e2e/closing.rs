//! Closing the demo challenge from the app (issue #18): the participation report, the outcome
//! letters and the published longlist, each written where the person typed and then read back.

use anyhow::{ensure, Context, Result};

use crate::exchange::{cli, text};
use crate::harness::{or_screenshot, Driver};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime")
}

fn files_with(dir: &std::path::Path, ext: &str) -> Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("no folder {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    Ok(out)
}

/// Outcomes → the report's chart and table → save it as PDF and CSV → set the drafts' From address
/// → the letters' preview → write a PDF and a draft per person → export the longlist. The native
/// dialogs are out of WebDriver's reach, so paths are typed into the boxes beside them.
#[test]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
fn the_report_the_letters_and_the_longlist_are_made_from_the_app() -> Result<()> {
    runtime().block_on(async {
        let data = tempfile::tempdir()?;
        cli(data.path(), &["demo"])?;
        let out = tempfile::tempdir()?;
        let pdf = out.path().join("report.pdf");
        let csv = out.path().join("report.csv");
        let letters = out.path().join("letters");
        let site = out.path().join("site");

        let driver = Driver::start().await?;
        let app = driver.launch(data.path()).await?;
        let result = or_screenshot(
            &app,
            "closing",
            async {
                app.click("#nav-closing").await?;
                app.text_contains("#table-stages", "Screened").await?;
                app.text_contains("#table-dimension", "Department for Work and Pensions").await?;
                app.assert_accessible("closing: participation report").await?;
                // The department's chart, then its small multiples, for the screenshots.
                app.scroll_to(&app.find("#closing-dimension").await?).await?;
                app.assert_accessible("closing: by department").await?;
                app.scroll_to(&app.find(".app-multiples").await?).await?;
                app.assert_accessible("closing: each stage by department").await?;

                app.fill("#closing-file", text(&pdf)?).await?;
                app.click("#save-report").await?;
                app.text_contains("#closing-done", "Saved the report").await?;
                app.fill("#closing-file", text(&csv)?).await?;
                app.click("#save-report").await?;
                app.text_contains("#closing-done", "Saved the report's counts").await?;

                app.fill("#closing-fromEmail", "datachallenge@cabinetoffice.gov.uk").await?;
                app.fill("#closing-sender", "The Data Challenge secretariat").await?;
                app.fill("#closing-fromName", "Data Challenge team").await?;
                app.click("#save-settings").await?;
                app.text_contains("#closing-done", "Saved the letter and report settings").await?;
                let summary = app.text_contains("#letters-summary", "can also go as email drafts").await?;
                app.text_contains("#letter-preview", "Yours sincerely").await?;
                app.text_contains("#letter-preview", "The Data Challenge secretariat").await?;
                app.scroll_to(&app.find("#letter-preview").await?).await?;
                app.assert_accessible("closing: letters").await?;

                app.fill("#closing-folder", text(&letters)?).await?;
                app.click("#write-letters").await?;
                let done = app.text_contains("#closing-done", "Nothing was sent").await?;

                app.fill("#closing-longlistFolder", text(&site)?).await?;
                app.click("#write-longlist").await?;
                app.text_contains("#closing-done", "Wrote the longlist").await?;
                app.assert_accessible("closing: longlist written").await?;
                Ok((summary, done))
            }
            .await,
        )
        .await;
        app.close().await?;
        let (summary, done) = result?;

        // The report: a PDF with pages, and a CSV with small counts hidden.
        let bytes = std::fs::read(&pdf).with_context(|| format!("no report at {}", pdf.display()))?;
        ensure!(bytes.starts_with(b"%PDF"), "the report is not a PDF");
        let counts = std::fs::read_to_string(&csv)?;
        ensure!(
            counts.starts_with("dimension,category,stage_reached,ideas,percent_of_all_ideas"),
            "CSV header"
        );
        ensure!(counts.contains("[c]"), "small counts are hidden in the CSV");

        // The letters: one PDF and one draft per person, as many as the page said.
        let (pdfs, drafts) = (files_with(&letters, "pdf")?, files_with(&letters, "eml")?);
        let letters_count = summary.split_whitespace().next().unwrap_or_default().replace(',', "");
        ensure!(pdfs.len().to_string() == letters_count, "{} PDFs for {summary:?}", pdfs.len());
        ensure!(drafts.len() == pdfs.len(), "every demo submitter has an address: {} drafts", drafts.len());
        ensure!(done.contains(&format!("Wrote {letters_count} letters")), "the banner reads {done:?}");
        let draft = std::fs::read_to_string(&drafts[0])?;
        ensure!(draft.contains("X-Unsent: 1"), "a draft, not a sent message");
        ensure!(
            draft.contains("From: \"Data Challenge team\" <datachallenge@cabinetoffice.gov.uk>"),
            "the draft comes from the shared mailbox set on the page"
        );

        // The longlist: an index, a page per idea, CSV and JSON, and no email address in any.
        let mut published = Vec::new();
        for name in ["index.html", "longlist.csv", "longlist.json"] {
            published.push((name.to_owned(), std::fs::read_to_string(site.join(name))?));
        }
        for page in files_with(&site.join("ideas"), "html")? {
            published.push((page.display().to_string(), std::fs::read_to_string(&page)?));
        }
        ensure!(published.len() > 3, "a page per longlisted idea");
        for (name, content) in &published {
            ensure!(!has_address(content), "{name} holds an email address");
        }
        ensure!(published[0].1.contains("<input"), "the index has its search box");
        Ok(())
    })
}

/// Whether `text` holds something shaped like an email address: an `@` with a name character
/// before it and a domain after it. (The site's stylesheet has `@media`, which is not one.)
fn has_address(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c == b'@'
            && i > 0
            && (b[i - 1].is_ascii_alphanumeric() || b"._%+-".contains(&b[i - 1]))
            && text[i + 1..]
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
                .next()
                .is_some_and(|d| d.contains('.'))
    })
}
