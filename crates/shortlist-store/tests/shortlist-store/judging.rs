//! The judging tables: rubric versions, score revisions, the round's recorded ideas, conflicts.

use shortlist_domain::{
    ConflictInput, ConflictKind, IdeaId, JudgeInput, PanelSettings, ScoreInput, ScoreStatus, Stage,
};
use shortlist_store::{challenges, ideas, judging, workflow, Store};

use crate::{at, challenge, idea};

#[test]
fn rubric_versions_count_up_and_the_panel_follows_the_newest() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .write(|tx| {
            let c = challenges::insert(tx, &challenge(), at(0))?.id;
            let v1 = judging::add_rubric_version(tx, c, Stage::Shortlist, "{\"v\":1}", at(1), "Sec")?;
            let v2 = judging::add_rubric_version(tx, c, Stage::Shortlist, "{\"v\":2}", at(2), "Sec")?;
            let other = judging::add_rubric_version(tx, c, Stage::Final, "{}", at(3), "Sec")?;
            assert_eq!((v1.version, v2.version, other.version), (1, 2, 1), "versions count per round");
            let panel = judging::panel(tx, c, Stage::Shortlist)?.expect("a panel row");
            assert_eq!(panel.rubric_version, Some(v2.id), "the newest version is the round's");
            assert!(panel.comment_required_for_extremes, "the comment rule is on by default");
            Ok::<_, shortlist_store::StoreError>(())
        })
        .unwrap();
}

#[test]
fn a_changed_score_is_a_new_revision_and_an_unchanged_one_is_not() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .write(|tx| {
            let c = challenges::insert(tx, &challenge(), at(0))?.id;
            let i = ideas::insert(tx, c, &idea("Open up bus timetables"), None, at(0))?.id;
            let j =
                judging::insert_judge(tx, c, &JudgeInput::new("A", "B", "C").validate().unwrap(), at(0))?.id;
            judging::put_panel(
                tx,
                c,
                Stage::Shortlist,
                &PanelSettings { judges: vec![j], ..Default::default() },
            )?;
            let v = judging::add_rubric_version(tx, c, Stage::Shortlist, "{}", at(0), "Sec")?.id;
            let score = |value: i32, comment: &str| {
                ScoreInput::new(j, i, "viability", value, comment).validate().unwrap()
            };
            judging::put_draft(tx, v, &score(3, ""), at(1), "Sec")?;
            judging::put_draft(tx, v, &score(3, ""), at(2), "Sec")?;
            let revision = |tx: &shortlist_store::Transaction<'_>| {
                judging::scores_for(tx, v, j, i).map(|s| s[0].revision)
            };
            assert_eq!(revision(tx)?, 1, "saving the same score again is not a change");
            judging::put_draft(tx, v, &score(4, ""), at(3), "Judge's PA")?;
            let saved = &judging::scores_for(tx, v, j, i)?[0];
            assert_eq!((saved.score, saved.revision, saved.updated_by.as_str()), (4, 2, "Judge's PA"));
            assert_eq!(judging::set_status(tx, v, j, i, ScoreStatus::Submitted, at(4), "Sec")?, 1);
            assert_eq!(
                judging::set_status(tx, v, j, i, ScoreStatus::Submitted, at(5), "Sec")?,
                0,
                "already submitted"
            );
            assert_eq!(judging::submitted_values(tx, v)?, vec![(j, i, "viability".to_owned(), 4)]);
            assert_eq!(judging::count_drafts(tx, v)?, 0);
            Ok::<_, shortlist_store::StoreError>(())
        })
        .unwrap();
}

#[test]
fn a_round_keeps_the_ideas_it_started_with_and_one_open_conflict_per_pair() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .write(|tx| {
            let c = challenges::insert(tx, &challenge(), at(0))?.id;
            let i = ideas::insert(tx, c, &idea("Open up bus timetables"), None, at(0))?.id;
            let late = ideas::insert(tx, c, &idea("Share school meals data"), None, at(0))?.id;
            judging::ensure_panel(tx, c, Stage::Shortlist)?;
            assert!(judging::round_ideas(tx, c, Stage::Shortlist)?.is_empty(), "the ideas are at Submitted");
            let to = |idea, from, to| workflow::Move {
                idea,
                from,
                to,
                reason: "Test".into(),
                over_target: false,
                at: at(1),
                by: "Sec".into(),
            };
            workflow::apply_move(tx, &to(i, Stage::Submitted, Stage::Shortlist))?;
            assert!(judging::start_scoring(tx, c, Stage::Shortlist, at(1))?, "the first save starts scoring");
            assert!(!judging::start_scoring(tx, c, Stage::Shortlist, at(2))?);
            let panel = judging::panel(tx, c, Stage::Shortlist)?.expect("a panel row");
            assert_eq!(panel.scoring_started_at, Some(at(1)), "scoring starts once");
            workflow::apply_move(tx, &to(late, Stage::Submitted, Stage::Shortlist))?;
            workflow::apply_move(tx, &to(i, Stage::Shortlist, Stage::NotProgressed))?;
            workflow::apply_move(tx, &to(late, Stage::Shortlist, Stage::NotProgressed))?;
            assert_eq!(
                judging::round_ideas(tx, c, Stage::Shortlist)?,
                vec![i, late],
                "recorded ideas stay in the round: those there when scoring started, and one that \
                 arrived later and left while it was scored"
            );
            assert!(judging::in_round(tx, c, Stage::Shortlist, late)?);
            assert_eq!(judging::round_ideas(tx, c, Stage::Final)?, Vec::<IdeaId>::new());
            assert!(!judging::in_round(tx, c, Stage::Final, i)?);

            let j =
                judging::insert_judge(tx, c, &JudgeInput::new("A", "B", "C").validate().unwrap(), at(0))?.id;
            let kind = ConflictInput { kind: Some(ConflictKind::LineManagement), note: String::new() };
            let valid = kind.validate().unwrap();
            let first = judging::insert_conflict(tx, j, i, &valid, Stage::Shortlist, false, at(1), "Sec")?;
            assert!(
                judging::insert_conflict(tx, j, i, &valid, Stage::Shortlist, false, at(2), "Sec").is_err(),
                "the database refuses a second open conflict for the same pair"
            );
            judging::withdraw_conflict(tx, first.id, at(3), "Sec")?;
            judging::insert_conflict(tx, j, i, &valid, Stage::SemiFinal, true, at(4), "Sec")?;
            let all = judging::conflicts(tx, c)?;
            assert_eq!(all.len(), 2, "a withdrawn conflict stays on the record");
            assert_eq!(all[0].withdrawn_at, Some(at(3)));
            assert!(all[1].declared_at_meeting);
            let open = judging::open_conflicts_with(tx, i)?;
            assert_eq!(open.len(), 1, "only the conflict in force keeps the judge out");
            assert_eq!(open[0].round, Stage::SemiFinal);
            Ok::<_, shortlist_store::StoreError>(())
        })
        .unwrap();
}

/// A return's scores are written several hundred to a statement: every one of a large return
/// lands, across the statements' boundaries, and a later revision updates them in place.
#[test]
fn a_large_return_is_merged_whole_across_statements() {
    use shortlist_store::exchange::{put_merged_all, MergedScore};
    let mut store = Store::open_in_memory().unwrap();
    store
        .write(|tx| {
            let c = challenges::insert(tx, &challenge(), at(0))?.id;
            let j =
                judging::insert_judge(tx, c, &JudgeInput::new("A", "B", "C").validate().unwrap(), at(0))?.id;
            let v = judging::add_rubric_version(tx, c, Stage::Shortlist, "{}", at(0), "Sec")?.id;
            let ideas: Vec<IdeaId> = (0..241)
                .map(|n| ideas::insert(tx, c, &idea(&format!("Idea number {n}")), None, at(0)).map(|i| i.id))
                .collect::<Result<_, _>>()?;
            let criteria = ["a", "b", "c", "d", "e"];
            let scores = |revision: u64, score: i32| -> Vec<MergedScore<'static>> {
                ideas
                    .iter()
                    .flat_map(|&idea| {
                        criteria.iter().map(move |&criterion| MergedScore {
                            idea,
                            criterion,
                            score,
                            comment: "",
                            revision,
                        })
                    })
                    .collect()
            };
            // 1,205 scores: two full statements and a part one.
            put_merged_all(tx, v, j, &scores(1, 3), at(1), "Sec")?;
            let held = judging::scores(tx, v)?;
            assert_eq!(held.len(), 1_205, "every score of the return is written");
            assert!(held
                .iter()
                .all(|s| s.score == 3 && s.revision == 1 && s.status == ScoreStatus::Submitted));
            put_merged_all(tx, v, j, &scores(2, 4), at(2), "Sec")?;
            let held = judging::scores(tx, v)?;
            assert_eq!(held.len(), 1_205, "a later revision updates, it does not add");
            assert!(held.iter().all(|s| s.score == 4 && s.revision == 2));
            Ok::<_, shortlist_store::StoreError>(())
        })
        .unwrap();
}
