//! A pairwise round in the real app (issue #17): a judge works through their pairs by keyboard
//! from a bundle, offline; the secretariat takes in two judges' returns and sees the pairwise
//! ranking with its intervals, beside the scores' reliability. The second judge and the
//! secretariat's batch work are the CLI on their own data folders, as other laptops would be.

use std::path::Path;

use anyhow::{ensure, Context, Result};
use fantoccini::key::Key;

use crate::exchange::{cli, text, JUDGE};
use crate::harness::{or_screenshot, Driver};
use crate::judging::keys;

/// The second judge, on their own installation (the CLI).
const SECOND: &str = "Rhys Pritchard";
/// Judges whose paper score sheets the secretariat keys in, so the round has scores to measure
/// agreement on.
const ON_PAPER: [&str; 2] = ["Priya Raman", "Margaret Olusanya"];
const CRITERIA: [&str; 5] = ["viability", "benefits", "deliverability", "scale_of_impact", "innovation"];

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime")
}

/// Keys in `judge`'s scores for every idea of the round, leaning by `lean`, and submits them.
fn key_paper_scores(secretariat: &Path, judge: &str, lean: i32) -> Result<()> {
    // The round's ideas, as the results list them.
    let listed: serde_json::Value = serde_json::from_str(&cli(
        secretariat,
        &["results", "--round", "shortlist", "--method", "scores", "--json"],
    )?)?;
    let ideas: Vec<&str> = listed["rows"]
        .as_array()
        .context("the results' rows")?
        .iter()
        .filter_map(|row| row["idea"]["reference"].as_str())
        .collect();
    ensure!(ideas.len() >= 4, "the demo's shortlist has ideas to score: {listed}");
    for (n, idea) in ideas.iter().enumerate() {
        // A clear order, 5 down to 1, that both paper judges broadly share.
        let score = (5 - (n as i32 * 4 / ideas.len() as i32) + lean).clamp(2, 4).to_string();
        for criterion in CRITERIA {
            cli(
                secretariat,
                &[
                    "scores",
                    "add",
                    "--round",
                    "shortlist",
                    "--judge",
                    judge,
                    "--idea",
                    idea,
                    "--criterion",
                    criterion,
                    "--score",
                    &score,
                ],
            )?;
        }
        cli(secretariat, &["scores", "submit", "--round", "shortlist", "--judge", judge, "--idea", idea])?;
    }
    Ok(())
}

#[test]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
fn a_judge_compares_pairs_by_keyboard_and_the_secretariat_sees_the_ranking_with_intervals() -> Result<()> {
    runtime().block_on(async {
        let root = tempfile::tempdir()?;
        let (judge, second, secretariat, files) = (
            root.path().join("judge"),
            root.path().join("second"),
            root.path().join("secretariat"),
            root.path().join("files"),
        );
        std::fs::create_dir_all(&files)?;
        cli(&secretariat, &["demo"])?;
        for (n, name) in ON_PAPER.iter().enumerate() {
            key_paper_scores(&secretariat, name, n as i32 % 2)?;
        }
        let method = cli(&secretariat, &["pairs", "method", "--round", "shortlist", "--method", "both"])?;
        ensure!(method.contains("rubric scores and pairwise comparison"), "{method}");

        // The second judge enrols from their own installation.
        let second_enrolment = files.join("second enrolment.shortlist");
        cli(&second, &["identity", "enrolment", "--name", SECOND, "--to", text(&second_enrolment)?])?;
        cli(&secretariat, &["judges", "enrol", "--judge", SECOND, "--file", text(&second_enrolment)?])?;

        let driver = Driver::start().await?;
        let app = driver.launch_first_run(&judge).await?;
        let first_return = files.join("pairs from the first judge.shortlist");
        let result = or_screenshot(
            &app,
            "pairwise judge",
            async {
                app.text_contains("h1", "Welcome to Shortlist").await?;
                app.fill("#displayName", JUDGE).await?;
                app.click("#role-judge").await?;
                app.press("Continue").await?;
                app.text_contains("h1", "Your rounds").await?;
                let enrolment = files.join("enrolment.shortlist");
                app.fill("#judge-enrolment", text(&enrolment)?).await?;
                app.click("#judge-save-enrolment").await?;
                app.text_contains("#judge-enrolment-saved", text(&enrolment)?).await?;
                cli(&secretariat, &["judges", "enrol", "--judge", JUDGE, "--file", text(&enrolment)?])?;
                let bundles = files.join("bundles");
                cli(
                    &secretariat,
                    &["bundles", "export", "--round", "shortlist", "--to-dir", text(&bundles)?],
                )?;

                app.fill(
                    "#judge-bundle",
                    text(&bundles.join(format!("DC21 Shortlist bundle for {JUDGE}.shortlist")))?,
                )
                .await?;
                app.click("#judge-open").await?;
                app.text_contains(".govuk-notification-banner", "pairs to compare").await?;
                app.click("#round-shortlist-compare").await?;
                app.text_contains("h1", "Compare pairs").await?;
                let progress = app.find("#pairs-progress").await?.text().await?;
                let total: usize = progress
                    .split(" of ")
                    .nth(1)
                    .and_then(|rest| rest.split(' ').next())
                    .and_then(|n| n.parse().ok())
                    .with_context(|| format!("how many pairs: {progress:?}"))?;
                ensure!(total >= 3, "the judge has pairs to compare: {progress}");
                app.assert_accessible("compare pairs").await?;

                // By keyboard alone: the lower reference is the stronger, a tie now and then.
                for n in 0..total {
                    app.text_contains("#pair-heading", "Pair ").await?;
                    let left = app.find("#pair-left .govuk-caption-m").await?.text().await?;
                    let right = app.find("#pair-right .govuk-caption-m").await?.text().await?;
                    let key = if n == 1 {
                        '='
                    } else if left.rsplit(' ').next() < right.rsplit(' ').next() {
                        char::from(Key::Left)
                    } else {
                        char::from(Key::Right)
                    };
                    keys(&app, &key.to_string()).await?;
                    app.text_contains("#pairs-progress", &format!("{} of {total} pairs compared", n + 1))
                        .await?;
                }
                app.text_contains("#pairs-done", "You have compared every pair").await?;
                app.text_contains("#pair-choice-tag", "stronger").await?;
                app.assert_accessible("compare pairs: all done").await?;

                app.click("#pairs-done a").await?;
                app.text_contains("#round-shortlist-progress", &format!("{total} of {total} pairs compared"))
                    .await?;
                app.fill("#judge-return-shortlist", text(&first_return)?).await?;
                app.click("#judge-return-shortlist-save").await?;
                app.text_contains(".govuk-notification-banner", "Saved return 1").await?;
                Ok(total)
            }
            .await,
        )
        .await;
        app.close().await?;
        let first_total = result?;
        eprintln!("pairwise journey: the first judge's return is saved ({first_total} choices)");

        // The second judge works through their pairs on their own installation.
        let bundles = files.join("bundles");
        cli(
            &second,
            &[
                "bundles",
                "open",
                text(&bundles.join(format!("DC21 Shortlist bundle for {SECOND}.shortlist")))?,
            ],
        )?;
        let listed = cli(&second, &["pairs", "list", "--round", "shortlist", "--judge", SECOND])?;
        let second_total = listed.lines().filter(|l| l.split('\t').count() == 5).count();
        for n in 1..=second_total {
            let choice = if n % 3 == 0 { "tie" } else { "left" };
            cli(
                &second,
                &[
                    "pairs",
                    "choose",
                    "--round",
                    "shortlist",
                    "--judge",
                    SECOND,
                    "--pair",
                    &n.to_string(),
                    "--choice",
                    choice,
                ],
            )?;
        }
        let second_return = files.join("pairs from the second judge.shortlist");
        cli(&second, &["returns", "export", "--round", "shortlist", "--to", text(&second_return)?])?;

        eprintln!("pairwise journey: the second judge's return is saved ({second_total} choices)");
        let app = driver.launch(&secretariat).await?;
        eprintln!("pairwise journey: the secretariat's app is open");
        let result = or_screenshot(
            &app,
            "pairwise secretariat",
            async {
                app.click("#nav-exchange").await?;
                // One path per line: the second after the Enter key (WebKitWebDriver drops "\n").
                let both =
                    format!("{}{}{}", text(&first_return)?, char::from(Key::Enter), text(&second_return)?);
                app.fill("#exchange-returns", &both).await?;
                app.click("#exchange-import").await?;
                app.text_contains(
                    "#exchange-totals",
                    &format!("{} pairwise choices taken in", first_total + second_total),
                )
                .await?;
                app.text_contains("#exchange-report-0", &format!("{first_total} taken in")).await?;
                app.text_contains("#exchange-report-1", &format!("{second_total} taken in")).await?;
                app.assert_accessible("exchange: pairwise returns taken in").await?;

                app.click("#nav-judging").await?;
                // The round's plan, as the secretariat sees it beside how the panel judges.
                let plan = app.find("#method-heading").await?;
                app.scroll_to(&plan).await?;
                app.text_contains(
                    "#pair-plan-summary",
                    &format!("{} choices recorded", first_total + second_total),
                )
                .await?;
                app.assert_accessible("judging: how the panel judges").await?;
                let share_out = app.find("#share-out-heading").await?;
                app.scroll_to(&share_out).await?;
                app.assert_accessible("judging: sharing ideas out").await?;
                app.click("#view-results").await?;
                app.text_contains("#pairwise-heading", "Pairwise ranking").await?;
                app.text_contains("#pairwise-table", "95% interval").await?;
                let ranking = app.find("#pairwise-table").await?.text().await?;
                ensure!(ranking.contains("DC21-"), "the pairwise table ranks the round's ideas: {ranking}");
                app.text_contains("#agreement-heading", "How far the judges agree").await?;
                app.text_contains("#agreement-readings", "The judges agree").await?;
                app.assert_accessible("results: scores and pairs").await?;
                let pairwise = app.find("#pairwise-heading").await?;
                app.scroll_to(&pairwise).await?;
                app.assert_accessible("results: the pairwise ranking").await?;
                let agreement = app.find("#agreement-heading").await?;
                app.scroll_to(&agreement).await?;
                app.assert_accessible("results: how far the judges agree").await?;
                Ok(())
            }
            .await,
        )
        .await;
        app.close().await?;
        result
    })
}
