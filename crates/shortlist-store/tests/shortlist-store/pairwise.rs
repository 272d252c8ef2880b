//! Pairwise rounds: the round's method, the planned pairs, and comparison revisions.

use shortlist_domain::{
    ComparisonInput, IdeaId, JudgeInput, JudgingMethod, PairChoice, PairwiseSettings, Stage,
};
use shortlist_store::{challenges, ideas, judging, pairwise, Store, StoreError};

use crate::{at, challenge, idea};

#[test]
fn a_round_is_judged_by_scores_until_the_method_is_changed() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .write(|tx| {
            let c = challenges::insert(tx, &challenge(), at(0))?.id;
            assert_eq!(pairwise::settings(tx, c, Stage::Final)?, PairwiseSettings::default());
            let chosen =
                PairwiseSettings { method: JudgingMethod::Both, pairs_per_judge: 12, per_criterion: true };
            pairwise::put_settings(tx, c, Stage::Final, &chosen)?;
            assert_eq!(pairwise::settings(tx, c, Stage::Final)?, chosen);
            assert_eq!(
                pairwise::settings(tx, c, Stage::SemiFinal)?.method,
                JudgingMethod::Scores,
                "another round keeps its own method"
            );
            Ok::<_, StoreError>(())
        })
        .unwrap();
}

#[test]
fn a_changed_choice_is_a_new_revision_and_a_merge_takes_the_judges_revision() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .write(|tx| {
            let c = challenges::insert(tx, &challenge(), at(0))?.id;
            let a = ideas::insert(tx, c, &idea("Open up bus timetables"), None, at(0))?.id;
            let b = ideas::insert(tx, c, &idea("Match school meals data"), None, at(0))?.id;
            let j =
                judging::insert_judge(tx, c, &JudgeInput::new("A", "B", "C").validate().unwrap(), at(0))?.id;
            pairwise::put_schedule_for(tx, c, Stage::Final, j, &[(a, b), (b, IdeaId(a.0))])?;
            let planned = pairwise::schedule_for(tx, c, Stage::Final, j)?;
            assert_eq!(
                planned.iter().map(|p| (p.position, p.left, p.right)).collect::<Vec<_>>(),
                [(0, a, b), (1, b, a)]
            );

            let choose = |choice| ComparisonInput::new(j, a, b, choice).validate().unwrap();
            assert!(pairwise::put_comparison(tx, c, Stage::Final, &choose(PairChoice::Left), at(1), "A")?);
            assert!(
                !pairwise::put_comparison(tx, c, Stage::Final, &choose(PairChoice::Left), at(2), "A")?,
                "the same choice again is not a change"
            );
            assert!(pairwise::put_comparison(tx, c, Stage::Final, &choose(PairChoice::Right), at(3), "A")?);
            let held = pairwise::comparisons(tx, c, Stage::Final)?;
            assert_eq!((held.len(), held[0].choice, held[0].revision), (1, PairChoice::Right, 2));

            pairwise::merge_comparison(
                tx,
                c,
                Stage::Final,
                &choose(PairChoice::CannotSeparate),
                5,
                at(4),
                "A",
            )?;
            let held = pairwise::held_comparisons(tx, c, Stage::Final, j)?;
            assert_eq!(
                (held[0].comparison.choice, held[0].comparison.revision, held[0].merged_revision),
                (PairChoice::CannotSeparate, 5, Some(5)),
                "a merged comparison holds the judge's revision as merged"
            );
            Ok::<_, StoreError>(())
        })
        .unwrap();
}
