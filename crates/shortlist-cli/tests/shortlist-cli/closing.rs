//! `report`, `letters`, `longlist`: closing the demo challenge from a script (issue #18).

use predicates::prelude::*;

use crate::shortlist;

fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    shortlist(dir.path()).args(["demo", "--ideas", "60"]).assert().success();
    dir
}

#[test]
fn the_report_is_written_as_pdf_or_csv_and_says_small_counts_are_hidden() {
    let dir = demo();
    let csv = dir.path().join("report.csv");
    shortlist(dir.path())
        .args(["report", "--to"])
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("Counts of fewer than 5 are shown as [c]"));
    let text = std::fs::read_to_string(&csv).expect("CSV");
    assert!(text.starts_with("dimension,category,stage_reached,ideas,percent_of_all_ideas"), "{text}");
    assert!(text.contains("[c]"), "60 ideas over many departments leave small counts to hide");

    let pdf = dir.path().join("report.pdf");
    shortlist(dir.path())
        .args(["report", "--to"])
        .arg(&pdf)
        .assert()
        .success()
        .stdout(predicate::str::contains("pages"));
    assert!(std::fs::read(&pdf).expect("PDF").starts_with(b"%PDF"));

    shortlist(dir.path())
        .args(["report", "--to", "report.txt"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("Save the report as a .pdf or a .csv file"));
}

#[test]
fn a_dry_run_lists_the_letters_and_writes_nothing_then_drafts_need_a_from_address() {
    let dir = demo();
    let out = dir.path().join("letters");
    shortlist(dir.path()).args(["letters", "--dry-run", "--to"]).arg(&out).assert().success().stdout(
        predicate::str::contains("letters for")
            .and(predicate::str::contains("Dry run: nothing was written.")),
    );
    assert!(!out.exists(), "a dry run writes nothing");

    shortlist(dir.path())
        .args(["letters", "--eml", "--to"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("Set the address the email drafts come from"));

    let assert = shortlist(dir.path())
        .args(["letters", "--eml", "--from-email", "datachallenge@cabinetoffice.gov.uk", "--to"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing was sent."));
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let count = |ext: &str| {
        std::fs::read_dir(&out)
            .expect("folder")
            .filter(|e| e.as_ref().expect("entry").path().extension().is_some_and(|x| x == ext))
            .count()
    };
    assert!(
        count("pdf") > 0 && count("pdf") == count("eml"),
        "a PDF and a draft per demo submitter: {stdout}"
    );
    assert!(stdout.contains(&format!("Wrote {} letters", count("pdf"))), "{stdout}");

    let combined = dir.path().join("combined");
    shortlist(dir.path()).args(["letters", "--combined", "--to"]).arg(&combined).assert().success();
    assert_eq!(std::fs::read_dir(&combined).expect("folder").count(), 1, "one PDF with every letter");
}

#[test]
fn the_longlist_site_holds_no_email_address() {
    let dir = demo();
    let site = dir.path().join("site");
    shortlist(dir.path())
        .args(["longlist", "--to"])
        .arg(&site)
        .assert()
        .success()
        .stdout(predicate::str::contains("names published with consent"));
    for name in ["index.html", "longlist.csv", "longlist.json"] {
        let text = std::fs::read_to_string(site.join(name)).expect(name);
        assert!(!has_address(&text), "{name} holds no email address");
    }
    assert!(std::fs::read_dir(site.join("ideas")).expect("pages").count() > 0, "a page per idea");
}

#[test]
fn feedback_is_written_and_read_back_by_reference() {
    let dir = demo();
    shortlist(dir.path())
        .args(["feedback", "dc21-0003", "Please send it again next year."])
        .assert()
        .success()
        .stdout(predicate::str::contains("Saved the feedback for DC21-0003"));
    shortlist(dir.path())
        .args(["feedback", "DC21-0003"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Please send it again next year."));
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
