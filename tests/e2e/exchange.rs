//! The offline exchange in the real app, both sides. The other side of each journey is played by
//! the CLI on its own data folder, as a second installation would be: the two share files and
//! nothing else.

use std::path::{Path, PathBuf};

use anyhow::{ensure, Context, Result};

use crate::harness::{cli_binary, or_screenshot, Driver};
use crate::judging::score_idea_by_keyboard;

/// The demo's first Shortlist judge.
pub(crate) const JUDGE: &str = "Dame Helen Achebe";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime")
}

/// Runs the CLI on `dir` and returns its standard output, failing with its error if it fails.
pub(crate) fn cli(dir: &Path, args: &[&str]) -> Result<String> {
    let out = std::process::Command::new(cli_binary()).arg("--data-dir").arg(dir).args(args).output()?;
    ensure!(
        out.status.success(),
        "`shortlist {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8(out.stdout)?)
}

pub(crate) fn text(path: &Path) -> Result<&str> {
    path.to_str().context("a temporary path that is not UTF-8")
}

/// Two installations under `root`, as two laptops: the judge's data folder (empty), the
/// secretariat's (the demo challenge) and a folder for the files they exchange.
pub(crate) fn two_installations(root: &Path) -> Result<(PathBuf, PathBuf, PathBuf)> {
    let (judge, secretariat, files) = (root.join("judge"), root.join("secretariat"), root.join("files"));
    std::fs::create_dir_all(&files)?;
    cli(&secretariat, &["demo"])?;
    Ok((judge, secretariat, files))
}

/// The secretariat's demo with `JUDGE`'s key (from `enrolment`) enrolled and their Shortlist
/// bundle written. Returns the bundle's path.
pub(crate) fn bundle_sent(secretariat: &Path, enrolment: &Path, files: &Path) -> Result<PathBuf> {
    cli(secretariat, &["judges", "enrol", "--judge", JUDGE, "--file", text(enrolment)?])?;
    let bundles = files.join("bundles");
    cli(secretariat, &["bundles", "export", "--round", "shortlist", "--to-dir", text(&bundles)?])?;
    Ok(bundles.join(format!("DC21 Shortlist bundle for {JUDGE}.shortlist")))
}

/// A judge with no challenge of their own: the first run asks who they are and starts a judge on
/// the page for bundles; they save an enrolment file there (under the name they gave), open the
/// bundle the secretariat sent for it, get the judge's navigation,
/// score an idea with the keyboard, save the briefing pack and a return. The secretariat's CLI
/// takes the return in and its receipt is the one the judge's app said to expect.
#[test]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
fn a_judge_opens_a_bundle_scores_offline_and_sends_a_return() -> Result<()> {
    runtime().block_on(async {
        let root = tempfile::tempdir()?;
        let (judge, secretariat, files) = two_installations(root.path())?;
        let enrolment = files.join("enrolment.shortlist");
        let ret = files.join("scores.shortlist");
        let pack = files.join("pack.pdf");

        let driver = Driver::start().await?;
        let app = driver.launch_first_run(&judge).await?;
        let result = or_screenshot(
            &app,
            "judge",
            async {
                // The first run asks who they are; a judge starts on the page for bundles, and
                // the enrolment carries the name they gave.
                app.text_contains("h1", "Welcome to Shortlist").await?;
                app.fill("#displayName", JUDGE).await?;
                app.click("#role-judge").await?;
                app.press("Continue").await?;
                app.text_contains("h1", "Your rounds").await?;
                app.assert_accessible("judge: first run").await?;
                let named = app.find("#judge-name").await?.prop("value").await?.unwrap_or_default();
                ensure!(
                    named == JUDGE,
                    "the enrolment's name box holds {named:?}, not the name given on the first run"
                );
                app.fill("#judge-enrolment", text(&enrolment)?).await?;
                app.click("#judge-save-enrolment").await?;
                app.text_contains("#judge-enrolment-saved", text(&enrolment)?).await?;
                let fingerprint = app.find("#judge-fingerprint strong").await?.text().await?;

                let bundle = bundle_sent(&secretariat, &enrolment, &files)?;
                let enrolled = cli(&secretariat, &["identity"])?;
                let sender = enrolled.trim().rsplit(' ').next().context("the secretariat's fingerprint")?;
                app.fill("#judge-bundle", text(&bundle)?).await?;
                app.click("#judge-open").await?;
                app.text_contains(".govuk-notification-banner", "Opened your Shortlist bundle").await?;
                app.text_contains("#judge-opened", sender).await?;
                app.text_contains("#nav-judge", "Your rounds").await?;
                ensure!(
                    app.client.find(fantoccini::Locator::Css("#nav-import")).await.is_err(),
                    "a judge's copy has the judge's navigation, not the secretariat's"
                );
                app.text_contains("#round-shortlist-progress", "0 of").await?;
                app.assert_accessible("judge: bundle opened").await?;

                app.fill("#judge-pack-shortlist", text(&pack)?).await?;
                app.click("#judge-pack-shortlist-save").await?;
                app.text_contains(".govuk-notification-banner", "Saved your Shortlist briefing pack").await?;
                let pdf = std::fs::read(&pack).context("the pack was not saved")?;
                ensure!(pdf.starts_with(b"%PDF"), "the saved pack is not a PDF");

                app.click("#round-shortlist-score").await?;
                let scored = score_idea_by_keyboard(&app, '3').await?;
                app.assert_accessible("judge: scoring").await?;

                // The judge's copy keeps the judge's navigation, and the way back is to their rounds.
                app.find("#nav-judge[aria-current='page']").await?;
                app.text_contains("#scoring-back", "Back to your rounds").await?;
                app.click("#scoring-back").await?;
                app.text_contains("#round-shortlist-progress", "1 of").await?;
                app.fill("#judge-return-shortlist", text(&ret)?).await?;
                app.click("#judge-return-shortlist-save").await?;
                app.text_contains(".govuk-notification-banner", "Saved return 1").await?;
                let expected = app.find("#round-shortlist-returns tbody strong").await?.text().await?;
                app.assert_accessible("judge: return saved").await?;

                let out = cli(&secretariat, &["returns", "import", text(&ret)?])?;
                ensure!(out.contains(&format!("from {JUDGE}: ")), "{out}");
                ensure!(out.contains("0 conflicts"), "{out}");
                ensure!(out.contains(&format!("Receipt {expected}")), "the receipt is not {expected}: {out}");
                // The secretariat reads the code out; the judge types it as heard.
                app.fill("#judge-receipt-shortlist", &expected.replace('-', " ").to_lowercase()).await?;
                app.click("#judge-receipt-shortlist-check").await?;
                app.text_contains(
                    "#judge-receipt-shortlist-found",
                    "is the receipt for your return 1: 5 scores accepted",
                )
                .await?;
                let results = cli(&secretariat, &["results", "--round", "shortlist"])?;
                ensure!(results.contains(&scored), "the scored idea {scored} is in the results: {results}");
                ensure!(!fingerprint.is_empty(), "the judge's page shows their fingerprint");
                Ok(())
            }
            .await,
        )
        .await;
        app.close().await?;
        result
    })
}

/// The secretariat takes in a judge's return made on another installation (the CLI), after
/// keying one of its scores from a paper sheet: the summary shows what was taken in, with the
/// receipt, and the keyed score waits as a conflict until it is settled in the app.
#[test]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
fn the_secretariat_takes_in_a_return_and_settles_a_conflict() -> Result<()> {
    runtime().block_on(async {
        let root = tempfile::tempdir()?;
        let (judge, secretariat, files) = two_installations(root.path())?;
        let enrolment = files.join("enrolment.shortlist");
        cli(&judge, &["identity", "enrolment", "--name", JUDGE, "--to", text(&enrolment)?])?;
        let bundle = bundle_sent(&secretariat, &enrolment, &files)?;
        cli(&judge, &["bundles", "open", text(&bundle)?])?;
        let ideas = cli(&judge, &["ideas", "list"])?;
        let idea = ideas.lines().next().and_then(|l| l.split('\t').next()).context("an idea")?.to_owned();
        for criterion in ["viability", "benefits", "deliverability", "scale_of_impact", "innovation"] {
            cli(
                &judge,
                &[
                    "scores",
                    "add",
                    "--round",
                    "shortlist",
                    "--judge",
                    JUDGE,
                    "--idea",
                    &idea,
                    "--criterion",
                    criterion,
                    "--score",
                    "3",
                ],
            )?;
        }
        cli(&judge, &["scores", "submit", "--round", "shortlist", "--judge", JUDGE, "--idea", &idea])?;
        let ret = files.join("scores.shortlist");
        cli(&judge, &["returns", "export", "--round", "shortlist", "--to", text(&ret)?])?;
        // Keyed from the paper sheet before the return arrived.
        cli(
            &secretariat,
            &[
                "scores",
                "add",
                "--round",
                "shortlist",
                "--judge",
                JUDGE,
                "--idea",
                &idea,
                "--criterion",
                "viability",
                "--score",
                "4",
                "--comment",
                "From the paper sheet",
            ],
        )?;

        let driver = Driver::start().await?;
        let app = driver.launch(&secretariat).await?;
        let result = or_screenshot(
            &app,
            "secretariat exchange",
            async {
                app.click("#nav-exchange").await?;
                app.text_contains("#exchange-judges", JUDGE).await?;
                app.text_contains("#exchange-judges", "Not enrolled").await?;
                app.assert_accessible("exchange").await?;

                app.fill("#exchange-returns", text(&ret)?).await?;
                app.click("#exchange-import").await?;
                app.text_contains(
                    "#exchange-totals",
                    "1 return read, 4 scores taken in, 1 conflict to settle",
                )
                .await?;
                app.text_contains("#exchange-report-0", "4 taken in, 0 unchanged, 1 conflict").await?;
                app.text_contains("#exchange-judges", "Return 1 taken in").await?;
                app.text_contains("#exchange-conflicts", "From the paper sheet").await?;
                app.assert_accessible("exchange: returns taken in").await?;

                app.click("#exchange-conflicts button[id$='-theirs']").await?;
                app.text_contains(
                    ".govuk-notification-banner",
                    &format!("{idea} Viability for {JUDGE} is 3"),
                )
                .await?;
                app.find("#exchange-no-conflicts").await?;
                let listed = cli(&secretariat, &["returns", "conflicts", "--round", "shortlist"])?;
                ensure!(listed.contains("No conflicts to settle"), "{listed}");
                Ok(())
            }
            .await,
        )
        .await;
        app.close().await?;
        result
    })
}
