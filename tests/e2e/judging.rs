//! The judging journey: a conflict declared, the rubric's first criterion weighted double, two
//! judges' scores typed in with the keyboard alone, and the results that show where they
//! disagree.

use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{elements::Element, key::Key, Locator};

use crate::harness::{cli_binary, or_screenshot, App, Driver};

/// As long as the harness waits for anything else.
const PATIENCE: Duration = Duration::from_secs(30);

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime")
}

async fn select(app: &App, css: &str, value: &str) -> Result<()> {
    let el = app.find(css).await?;
    app.scroll_to(&el).await?;
    el.select_by_value(value).await.with_context(|| format!("could not choose {value:?} in `{css}`"))?;
    Ok(())
}

/// Waits until the focused element's id passes `test`, and returns it: the scoring screen moves
/// the focus itself (on arrival, on "n", after a score), and keys go where the focus is.
pub(crate) async fn focused(app: &App, what: &str, test: impl Fn(&str) -> bool) -> Result<Element> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Ok(el) = app.client.active_element().await {
            if let Ok(Some(id)) = el.attr("id").await {
                if test(&id) {
                    return Ok(el);
                }
                if Instant::now() > deadline {
                    bail!("the focus is on #{id}, not on {what}");
                }
            }
        }
        ensure!(Instant::now() < deadline, "nothing took the focus while waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Presses keys on whatever has the focus, as a person at the keyboard does.
pub(crate) async fn keys(app: &App, text: &str) -> Result<()> {
    // Key presses through the Actions API go to whatever has the focus, as a person's would.
    // (Element Send Keys on a radio button is not delivered by WebKitWebDriver.)
    let mut presses = KeyActions::new("keyboard".to_owned());
    for c in text.chars() {
        presses = presses.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
    }
    app.client.perform_actions(presses).await.with_context(|| format!("could not press {text:?}"))?;
    Ok(())
}

/// The ids after a prefix: `score-as-3` → 3, for each element matching `css`.
async fn ids_after(app: &App, css: &str, prefix: &str) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    for el in app.client.find_all(Locator::Css(css)).await? {
        if let Some(id) = el.attr("id").await? {
            ids.push(id.trim_start_matches(prefix).to_owned());
        }
    }
    Ok(ids)
}

/// Scores the idea on screen with `value` for every criterion and submits it, with the keyboard
/// alone: a digit, "n" to the next criterion, Enter to submit. Returns the idea's reference.
pub(crate) async fn score_idea_by_keyboard(app: &App, value: char) -> Result<String> {
    app.find("#submit-scores").await?;
    let heading = app.find("#scoring-heading").await?.text().await?;
    let reference = heading.split(':').next().unwrap_or_default().trim().to_owned();
    let criteria = app.client.find_all(Locator::Css("[data-criterion]")).await?.len();
    ensure!(criteria > 0, "the scoring screen for {reference} shows its criteria");
    for i in 0..criteria {
        // On arrival and after "n" the focus is on an unscored criterion's first radio.
        focused(app, "a score radio", |id| id.starts_with("score-")).await?;
        keys(app, &value.to_string()).await?;
        let chosen = format!("-{value}");
        focused(app, "the radio of the score typed", |id| id.starts_with("score-") && id.ends_with(&chosen))
            .await?;
        if i + 1 < criteria {
            keys(app, "n").await?;
        }
    }
    app.text_contains("#save-status", "Saved").await?;
    keys(app, &char::from(Key::Enter).to_string()).await?;
    app.find("#reopen-scores").await.with_context(|| format!("{reference} was not submitted by Enter"))?;
    app.text_contains("#scoring-notice", &format!("Scores for {reference} submitted")).await?;
    Ok(reference)
}

/// Scores three ideas as the judge whose "Score as" link is `judge`, going from each to the next
/// with "n". Returns their references.
async fn score_three(app: &App, judge: &str, value: char) -> Result<Vec<String>> {
    app.click("#nav-judging").await?;
    app.click(&format!("#score-as-{judge}")).await?;
    let mut scored = Vec::new();
    for n in 0..3 {
        let reference = score_idea_by_keyboard(app, value).await?;
        if n == 0 {
            app.assert_accessible(&format!("scoring as judge {judge}")).await?;
        }
        scored.push(reference.clone());
        if n < 2 {
            // From the "submitted" notice, "n" goes to the next idea with anything to score.
            keys(app, "n").await?;
            let deadline = Instant::now() + PATIENCE;
            loop {
                let heading = app.find("#scoring-heading").await?.text().await.unwrap_or_default();
                if !heading.starts_with(&reference)
                    && app.client.find(Locator::Css("#submit-scores")).await.is_ok()
                {
                    break;
                }
                ensure!(Instant::now() < deadline, "\"n\" did not move on from {reference}");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
    app.text_contains("#worklist", "Submitted").await?;
    Ok(scored)
}

/// The demo's Shortlist panel (five judges, the default 1–5 rubric, eight ideas, no scores):
/// judge 2 declares an interest in one idea; the first criterion is weighted 2 in the rubric
/// editor; judges 1 and 2 each score three ideas with the
/// keyboard alone, 4s from one and 2s from the other, so the ideas both scored show a
/// disagreement; the results rank the scored ideas and flag it.
#[test]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
fn judges_score_by_keyboard_and_the_results_show_disagreement() -> Result<()> {
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
            "judging",
            async {
                app.click("#nav-judging").await?;
                app.find("#panel-table").await?;
                let judges = ids_after(&app, "#panel-table a[id^='score-as-']", "score-as-").await?;
                ensure!(judges.len() >= 2, "the demo's panel has at least two judges: {judges:?}");
                let (first, second) = (judges[0].clone(), judges[1].clone());
                app.assert_accessible("judging home").await?;

                // Judge 2 declares an interest in the last idea of the round.
                let ideas = app.client.find_all(Locator::Css("#conflict-idea option")).await?;
                let mut values = Vec::new();
                for option in ideas {
                    if let Some(v) = option.attr("value").await?.filter(|v| !v.is_empty()) {
                        values.push(v);
                    }
                }
                ensure!(values.len() >= 4, "the demo's shortlist has enough ideas: {values:?}");
                let conflicted = values.last().context("an idea")?.clone();
                select(&app, "#conflict-judge", &second).await?;
                select(&app, "#conflict-idea", &conflicted).await?;
                app.click("#conflict-kind-sameTeam").await?;
                app.fill("#conflict-note", "Works in the submitter's team").await?;
                app.click("#declare-conflict").await?;
                app.text_contains("#conflicts", "same team").await?;
                app.assert_accessible("judging home with a conflict").await?;

                // Before anyone scores, the secretariat weights the first criterion double in the
                // rubric editor (no new version yet: nothing has been scored against it).
                app.click("#edit-rubric").await?;
                app.find("#criteria-0-weight").await?;
                app.assert_accessible("rubric editor").await?;
                let criteria = app.client.find_all(Locator::Css("[data-criterion-row]")).await?.len();
                ensure!(criteria > 1, "the demo's rubric has several criteria, not {criteria}");
                let first_criterion = app
                    .find("#criteria-0-name")
                    .await?
                    .prop("value")
                    .await?
                    .context("the first criterion's name")?;
                app.fill("#criteria-0-weight", "2").await?;
                app.click("#save-rubric").await?;
                app.text_contains(".govuk-notification-banner", "Rubric saved").await?;
                // The demo's weights are equal, so 2 against 1 for each of the others.
                let share = (200.0 / (criteria as f64 + 1.0)).round() as i64;
                app.text_contains("#rubric-summary", &format!("{first_criterion}: {share}% of the total"))
                    .await?;

                let by_first = score_three(&app, &first, '4').await?;
                let by_second = score_three(&app, &second, '2').await?;
                let both: Vec<&String> = by_first.iter().filter(|r| by_second.contains(*r)).collect();
                ensure!(
                    !both.is_empty(),
                    "the judges scored an idea in common: {by_first:?} and {by_second:?}"
                );

                // The interest shows on the second judge's list, and that idea cannot be scored.
                app.text_contains("#worklist", "Declared interest").await?;

                app.click("#nav-judging").await?;
                app.text_contains(&format!("#progress-{first}"), "3 of").await?;
                app.click("#view-results").await?;
                app.find("#results-table").await?;
                for reference in by_first.iter().chain(&by_second) {
                    app.text_contains("#results-table", reference).await?;
                }
                // 4 against 2 on a 1–5 scale is a range of 2: past the rule's 1.6.
                app.text_contains("#results-table .disagreement-flag", "Disagreement").await?;
                app.find("#severity-table").await?;
                app.assert_accessible("results").await?;

                select(&app, "#rank-by", "normalised").await?;
                app.find("#results-table").await?;
                app.assert_accessible("results by normalised mean").await?;

                app.click("#meeting-mode").await?;
                app.text_contains("#discussion-list", "The judges disagree").await?;
                app.assert_accessible("meeting mode").await?;
                Ok(())
            }
            .await,
        )
        .await;
        app.close().await?;
        result
    })
}
