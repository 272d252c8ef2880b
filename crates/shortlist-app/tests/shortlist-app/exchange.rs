//! The offline exchange's rules that the CLI round trip does not reach: a score the secretariat
//! keyed is never overwritten by a return, and a return signed by a key not enrolled for the
//! judge it names is refused; settling conflicts; what each side sees of the exchange.

use shortlist_app::{DemoOutcome, KeepScore, Shortlist};
use shortlist_domain::{Challenge, IdeaId, Judge, ScoreInput, ScoreStatus, Stage};

use crate::fresh;

const CRITERIA: [&str; 5] = ["viability", "benefits", "deliverability", "scale_of_impact", "innovation"];

/// The demo at the secretariat, its first judge's key enrolled from `judge_app`, and that
/// judge's bundle opened there. Returns the bundle folder too.
fn bundle_opened(judge_app: &Shortlist) -> (Shortlist, Challenge, Judge, tempfile::TempDir) {
    let secretariat = fresh();
    let DemoOutcome::Created { challenge, .. } = secretariat.create_demo(7, 60).expect("demo") else {
        panic!("a fresh database has no demo yet")
    };
    let judge = secretariat.list_judges(challenge.id).expect("judges").remove(0);
    let enrolment = judge_app.enrolment_file(&judge.name, "Judge").expect("an enrolment file");
    let enrolled = secretariat.enrol_judge(judge.id, &enrolment).expect("enrolled");
    assert_eq!(enrolled.fingerprint, judge_app.identity().expect("identity").fingerprint);
    let dir = tempfile::tempdir().expect("temp dir");
    let out = secretariat.export_bundles(challenge.id, Stage::Shortlist, dir.path(), None).expect("bundles");
    assert_eq!(out.written.len(), 1, "only the enrolled judge gets a bundle: {out:?}");
    let bytes = std::fs::read(&out.written[0].path).expect("the bundle");
    judge_app.open_bundle(&bytes, None).expect("the bundle opens");
    (secretariat, challenge, judge, dir)
}

/// The judge scores the first idea of their copy 3 on every criterion, submits, and returns it.
fn first_idea_returned(judge_app: &Shortlist, dir: &std::path::Path) -> (String, std::path::PathBuf) {
    let c = judge_app.list_challenges().expect("challenges").remove(0);
    let me = judge_app.list_judges(c.id).expect("judges").remove(0);
    let idea = judge_app.list_ideas(c.id).expect("ideas").remove(0);
    let inputs: Vec<ScoreInput> =
        CRITERIA.iter().map(|k| ScoreInput::new(me.id, idea.id, k, 3, "")).collect();
    judge_app.save_scores(Stage::Shortlist, &inputs).expect("saved");
    judge_app.submit_scores(Stage::Shortlist, me.id, idea.id).expect("submitted");
    let path = dir.join("return.shortlist");
    judge_app.export_return(c.id, Stage::Shortlist, &path).expect("the return is written");
    (idea.reference.0, path)
}

#[test]
fn a_score_the_secretariat_keyed_is_a_conflict_and_is_not_overwritten() {
    let judge_app = fresh();
    let (secretariat, challenge, judge, dir) = bundle_opened(&judge_app);
    let (reference, path) = first_idea_returned(&judge_app, dir.path());
    let idea: IdeaId = secretariat.get_idea_by_reference(&reference).expect("the idea").id;
    // Keyed from the judge's paper sheet before the return arrived, with a different value.
    let keyed = ScoreInput::new(judge.id, idea, "viability", 4, "From the paper sheet");
    secretariat.save_scores(Stage::Shortlist, &[keyed]).expect("keyed");

    let reports = secretariat.import_returns(challenge.id, &[path]).expect("imported");
    let report = &reports[0];
    assert_eq!(report.refused, None);
    assert_eq!((report.accepted, report.unchanged, report.conflicts), (4, 0, 1), "{report:?}");
    let held = secretariat.judge_scores(Stage::Shortlist, judge.id, idea).expect("scores");
    let viability = held.iter().find(|s| s.criterion == "viability").expect("viability");
    assert_eq!(
        (viability.score, viability.comment.as_str(), viability.status),
        (4, "From the paper sheet", ScoreStatus::Draft),
        "the keyed score stays until a person settles the conflict"
    );
    let taken: Vec<i32> = held.iter().filter(|s| s.criterion != "viability").map(|s| s.score).collect();
    assert_eq!(taken, [3, 3, 3, 3], "the other criteria are the judge's");
    assert!(held.iter().filter(|s| s.criterion != "viability").all(|s| s.status == ScoreStatus::Submitted));
    let open = secretariat.score_conflicts(challenge.id, Stage::Shortlist).expect("conflicts");
    assert_eq!(open.len(), 1, "the conflict waits for a person: {open:?}");
    assert_eq!((open[0].criterion.as_str(), open[0].their_score, open[0].our_score), ("viability", 3, 4));
}

#[test]
fn a_return_signed_with_a_key_not_enrolled_for_the_judge_is_refused() {
    let judge_app = fresh();
    let (secretariat, challenge, judge, dir) = bundle_opened(&judge_app);
    // Someone else's installation opens the same bundle and sends scores in the judge's name.
    let impostor = fresh();
    let bundle =
        std::fs::read_dir(dir.path()).expect("folder").next().expect("a bundle").expect("entry").path();
    impostor.open_bundle(&std::fs::read(bundle).expect("bundle"), None).expect("a bundle opens anywhere");
    let (_, path) = first_idea_returned(&impostor, dir.path());

    let report = secretariat.import_returns(challenge.id, &[path]).expect("imported").remove(0);
    let why = report.refused.expect("refused");
    assert!(why.contains("not enrolled"), "{why}");
    assert!(
        secretariat
            .judge_worklist(Stage::Shortlist, judge.id)
            .expect("worklist")
            .items
            .iter()
            .all(|i| i.scored == 0),
        "a refused return writes no score"
    );
}

/// The judge's first idea keyed differently by the secretariat and then returned: one conflict.
fn conflicted(
    judge_app: &Shortlist,
) -> (Shortlist, Challenge, Judge, IdeaId, tempfile::TempDir, shortlist_app::ScoreConflictView) {
    let (secretariat, challenge, judge, dir) = bundle_opened(judge_app);
    let (reference, path) = first_idea_returned(judge_app, dir.path());
    let idea: IdeaId = secretariat.get_idea_by_reference(&reference).expect("the idea").id;
    let keyed = ScoreInput::new(judge.id, idea, "viability", 4, "From the paper sheet");
    secretariat.save_scores(Stage::Shortlist, &[keyed]).expect("keyed");
    secretariat.import_returns(challenge.id, &[path]).expect("imported");
    let conflict = secretariat.score_conflicts(challenge.id, Stage::Shortlist).expect("conflicts").remove(0);
    (secretariat, challenge, judge, idea, dir, conflict)
}

fn viability(app: &Shortlist, judge: &Judge, idea: IdeaId) -> (i32, String, ScoreStatus) {
    let held = app.judge_scores(Stage::Shortlist, judge.id, idea).expect("scores");
    let s = held.into_iter().find(|s| s.criterion == "viability").expect("viability");
    (s.score, s.comment, s.status)
}

/// The judge sends a second return holding the same scores (same revisions).
fn returned_again(judge_app: &Shortlist, dir: &std::path::Path) -> std::path::PathBuf {
    let c = judge_app.list_challenges().expect("challenges").remove(0);
    let path = dir.join("return 2.shortlist");
    judge_app.export_return(c.id, Stage::Shortlist, &path).expect("the second return");
    path
}

#[test]
fn taking_the_judges_score_settles_the_conflict_and_a_repeat_return_changes_nothing() {
    let judge_app = fresh();
    let (secretariat, challenge, judge, idea, dir, conflict) = conflicted(&judge_app);
    assert_eq!(
        (conflict.criterion_label.as_str(), conflict.their_score, conflict.our_score),
        ("Viability", 3, 4)
    );

    let settled = secretariat.settle_conflict(conflict.id, KeepScore::Theirs).expect("settled");
    assert_eq!((settled.id, settled.criterion_label.as_str()), (conflict.id, "Viability"));
    assert_eq!(viability(&secretariat, &judge, idea), (3, String::new(), ScoreStatus::Submitted));
    assert!(secretariat.score_conflicts(challenge.id, Stage::Shortlist).expect("conflicts").is_empty());
    let again = secretariat.settle_conflict(conflict.id, KeepScore::Ours).expect_err("settled already");
    assert!(again.message.contains("settled already"), "{}", again.message);
    assert_eq!(viability(&secretariat, &judge, idea).0, 3, "a refused settle changes nothing");

    let report = secretariat
        .import_returns(challenge.id, &[returned_again(&judge_app, dir.path())])
        .expect("imported")
        .remove(0);
    assert_eq!((report.accepted, report.unchanged, report.conflicts), (0, 5, 0), "{report:?}");
}

#[test]
fn keeping_the_secretariats_score_settles_the_conflict_for_good() {
    let judge_app = fresh();
    let (secretariat, challenge, judge, idea, dir, conflict) = conflicted(&judge_app);

    secretariat.settle_conflict(conflict.id, KeepScore::Ours).expect("settled");
    assert_eq!(
        viability(&secretariat, &judge, idea),
        (4, "From the paper sheet".to_owned(), ScoreStatus::Draft)
    );
    assert!(secretariat.score_conflicts(challenge.id, Stage::Shortlist).expect("conflicts").is_empty());

    // The same revision again is not a new conflict: the person has decided.
    let report = secretariat
        .import_returns(challenge.id, &[returned_again(&judge_app, dir.path())])
        .expect("imported")
        .remove(0);
    assert_eq!((report.accepted, report.unchanged, report.conflicts), (0, 5, 0), "{report:?}");
    assert_eq!(viability(&secretariat, &judge, idea).0, 4);
}

#[test]
fn a_return_answering_a_bundle_this_installation_did_not_send_is_refused() {
    let judge_app = fresh();
    let (secretariat, challenge, judge, dir) = bundle_opened(&judge_app);
    // A second secretariat installation (a colleague's copy of the same demo) with the same
    // judge enrolled sends a bundle, and the judge answers that one.
    let (_, _, _, other_dir) = bundle_opened(&judge_app);
    let (_, path) = first_idea_returned(&judge_app, other_dir.path());
    drop(dir);

    let report = secretariat.import_returns(challenge.id, &[path]).expect("imported").remove(0);
    let why = report.refused.expect("refused");
    assert!(why.contains("did not send"), "{why}");
    assert!(
        secretariat
            .judge_worklist(Stage::Shortlist, judge.id)
            .expect("worklist")
            .items
            .iter()
            .all(|i| i.scored == 0),
        "a refused return writes no score"
    );
}

#[test]
fn both_sides_see_where_the_exchange_stands() {
    let judge_app = fresh();
    let (secretariat, challenge, judge, dir) = bundle_opened(&judge_app);
    let c = judge_app.list_challenges().expect("challenges").remove(0);
    let rounds = judge_app.judge_rounds(c.id).expect("rounds");
    assert_eq!(rounds.len(), 1);
    assert_eq!((rounds[0].stage, rounds[0].submitted, rounds[0].returns.len()), (Stage::Shortlist, 0, 0));
    assert_eq!(rounds[0].sender_fingerprint, secretariat.identity().expect("identity").fingerprint);
    let pack = dir.path().join("pack.pdf");
    judge_app.save_bundle_pack(c.id, Stage::Shortlist, &pack).expect("pack saved");
    assert!(std::fs::read(&pack).expect("the pack").starts_with(b"%PDF"));

    let (_, path) = first_idea_returned(&judge_app, dir.path());
    let rounds = judge_app.judge_rounds(c.id).expect("rounds");
    assert_eq!((rounds[0].submitted, rounds[0].returns.len()), (1, 1));
    let expected = rounds[0].returns[0].expected_receipt.clone();

    let before = secretariat.exchange_status(challenge.id, Stage::Shortlist).expect("status");
    let row = before.judges.iter().find(|j| j.judge == judge.id).expect("the judge");
    assert!(row.fingerprint.is_some() && row.bundle_sent_at.is_some());
    assert_eq!((row.returns, row.latest_receipt.as_deref()), (0, None));
    assert!(before.judges.iter().filter(|j| j.judge != judge.id).all(|j| j.fingerprint.is_none()));

    secretariat.import_returns(challenge.id, &[path]).expect("imported");
    let after = secretariat.exchange_status(challenge.id, Stage::Shortlist).expect("status");
    let row = after.judges.iter().find(|j| j.judge == judge.id).expect("the judge");
    assert_eq!((row.returns, row.latest_return), (1, Some(1)));
    assert_eq!(
        row.latest_receipt.as_deref(),
        Some(expected.as_str()),
        "the judge's app expects the same receipt"
    );
}

/// Nothing the judge has scored is in the secretariat's round.
fn nothing_scored(secretariat: &Shortlist, judge: &Judge) -> bool {
    secretariat
        .judge_worklist(Stage::Shortlist, judge.id)
        .expect("worklist")
        .items
        .iter()
        .all(|i| i.scored == 0)
}

#[test]
fn a_return_imported_into_another_challenge_is_refused_beside_the_others() {
    let judge_app = fresh();
    let (secretariat, _, judge, dir) = bundle_opened(&judge_app);
    let (_, path) = first_idea_returned(&judge_app, dir.path());
    let other = secretariat.create_challenge(&crate::challenge_input("DC22")).expect("another challenge");

    let reports = secretariat.import_returns(other.id, &[path.clone(), path]).expect("a report per file");
    assert_eq!(reports.len(), 2, "one bad file does not stop the batch");
    for report in &reports {
        let why = report.refused.as_deref().expect("refused");
        assert!(why.starts_with("This return is for another challenge"), "{why}");
    }
    assert!(nothing_scored(&secretariat, &judge));
}

/// Any byte of a real bundle or return changed: the file is refused with a message, and nothing
/// is written on either side.
#[test]
fn damaged_bundles_and_returns_are_refused_and_write_nothing() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    let judge_app = fresh();
    let (secretariat, challenge, judge, dir) = bundle_opened(&judge_app);
    let bundle_path =
        std::fs::read_dir(dir.path()).expect("folder").next().expect("a bundle").expect("entry").path();
    let bundle = std::fs::read(bundle_path).expect("the bundle");
    let (_, return_path) = first_idea_returned(&judge_app, dir.path());
    let ret = std::fs::read(return_path).expect("the return");
    let damaged = dir.path().join("damaged.shortlist");

    let mut runner = TestRunner::new(Config { cases: 64, ..Config::default() });
    runner
        .run(&(any::<prop::sample::Index>(), 1u8..=255, any::<bool>()), |(at, flip, is_bundle)| {
            let mut bytes = if is_bundle { bundle.clone() } else { ret.clone() };
            let i = at.index(bytes.len());
            bytes[i] ^= flip;
            if is_bundle {
                let other_judge = fresh();
                let e = other_judge.open_bundle(&bytes, None).expect_err("a damaged bundle is refused");
                prop_assert!(e.message.len() > 20, "a message that says what to do: {:?}", e.message);
                prop_assert!(other_judge.list_challenges().expect("challenges").is_empty());
            } else {
                std::fs::write(&damaged, &bytes).expect("written");
                let report = secretariat
                    .import_returns(challenge.id, std::slice::from_ref(&damaged))
                    .expect("a report")
                    .remove(0);
                prop_assert!(
                    report.refused.is_some(),
                    "byte {i} changed and the return was taken: {report:?}"
                );
                prop_assert!(nothing_scored(&secretariat, &judge));
            }
            Ok(())
        })
        .expect("every damaged file is refused and writes nothing");
}

#[test]
fn the_judge_checks_the_receipt_code_alone_and_learns_what_became_of_their_return() {
    let judge_app = fresh();
    let (secretariat, challenge, judge, dir) = bundle_opened(&judge_app);
    let (reference, path) = first_idea_returned(&judge_app, dir.path());
    let idea: IdeaId = secretariat.get_idea_by_reference(&reference).expect("the idea").id;
    let keyed = ScoreInput::new(judge.id, idea, "viability", 4, "From the paper sheet");
    secretariat.save_scores(Stage::Shortlist, &[keyed]).expect("keyed");
    let report = secretariat.import_returns(challenge.id, &[path]).expect("imported").remove(0);
    let code = report.receipt.expect("a receipt");

    let mine = judge_app.list_challenges().expect("challenges").remove(0);
    // Read out over the phone and typed in lower case without the hyphen.
    let typed = code.replace('-', "").to_lowercase();
    let check = judge_app.check_receipt_code(mine.id, Stage::Shortlist, &typed).expect("checked");
    let check = check.expect("the code is for the judge's return");
    assert_eq!(check.sequence, 1);
    assert_eq!(Some(check.summary), report.receipt_summary, "the judge learns the secretariat's counts");

    let wrong = if code.starts_with('A') { code.replacen('A', "B", 1) } else { format!("A{}", &code[1..]) };
    assert_eq!(judge_app.check_receipt_code(mine.id, Stage::Shortlist, &wrong).expect("checked"), None);
    let empty = judge_app.check_receipt_code(mine.id, Stage::Shortlist, " ").expect_err("no code");
    assert_eq!(empty.fields[0].field, "code");
}

#[test]
fn a_handed_file_is_identified_from_inside_and_taken_once() {
    // Issue #13: a double-clicked file opens on the page for its kind, whatever its name says.
    use shortlist_app::{HandedFile, HandedKind};
    let judge_app = fresh();
    let (_secretariat, _challenge, _judge, dir) = bundle_opened(&judge_app);
    let (_, returned) = first_idea_returned(&judge_app, dir.path());
    let bundle = std::fs::read_dir(dir.path())
        .expect("the bundle folder")
        .map(|e| e.expect("entry").path())
        .find(|p| p.to_string_lossy().contains("bundle for"))
        .expect("the bundle");
    // Renamed files still go where they belong: the kind is read from the signed contents.
    let renamed = dir.path().join("scores.pdf.shortlist");
    std::fs::copy(&returned, &renamed).expect("copied");

    let app = fresh();
    assert_eq!(app.take_handed_file().expect("nothing handed"), None);
    app.hand_file(&bundle, std::path::Path::new("/elsewhere"));
    let handed = app.take_handed_file().expect("a bundle").expect("handed");
    assert_eq!(
        handed,
        HandedFile {
            path: bundle.display().to_string(),
            kind: HandedKind::Bundle,
            sealed: false,
            round: Some(Stage::Shortlist)
        }
    );
    assert_eq!(app.take_handed_file().expect("taken"), None, "taking a file forgets it");

    // A relative path is read from the folder the request came from.
    app.hand_file(std::path::Path::new("scores.pdf.shortlist"), dir.path());
    let handed = app.take_handed_file().expect("a return").expect("handed");
    assert_eq!((handed.kind, handed.round), (HandedKind::Return, Some(Stage::Shortlist)));
    assert_eq!(handed.path, renamed.display().to_string());

    for (name, bytes, says) in [
        ("minutes.shortlist", &b"%PDF-1.7 the minutes"[..], "not a Shortlist exchange file"),
        ("cut.shortlist", &b"SHORTLIST-EXCHANGE 1\n{\"format\""[..], "incomplete"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("written");
        app.hand_file(&path, dir.path());
        let err = app.take_handed_file().expect_err("refused");
        assert!(err.message.contains(&format!("“{name}”")) && err.message.contains(says), "{}", err.message);
    }
    app.hand_file(std::path::Path::new("gone.shortlist"), dir.path());
    let err = app.take_handed_file().expect_err("a missing file is refused");
    assert!(err.message.contains("“gone.shortlist”"), "{}", err.message);
}
