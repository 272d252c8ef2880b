//! Fixed identities, a fixed clock and small sample files, so every test is deterministic.

use chrono::{DateTime, TimeZone as _, Utc};
use serde_json::json;
use shortlist_exchange::{
    sign, BundleChallenge, BundleIdea, BundleJudge, FileId, Identity, JudgeBundle, LeftOut, ReturnedScore,
    ScoreReturn,
};

pub const CHALLENGE: i64 = 7;
pub const ROUND: &str = "semi-final";

/// A moment on the fixed test clock, `minutes` after the start.
pub fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 9, 14, 10, 0, 0).single().expect("a valid date")
        + chrono::Duration::minutes(minutes)
}

pub fn secretariat() -> Identity {
    Identity::from_seed([1; 32])
}

/// Judge `n`'s identity (n ≥ 1); its judge id is `n` too.
pub fn judge(n: u8) -> Identity {
    Identity::from_seed([n.wrapping_add(100); 32])
}

pub fn bundle() -> JudgeBundle {
    JudgeBundle {
        challenge: BundleChallenge {
            id: CHALLENGE,
            name: "Civil Service Data Challenge 2021".to_owned(),
            prefix: "DC21".to_owned(),
            marking: "OFFICIAL".to_owned(),
        },
        round: ROUND.to_owned(),
        round_label: "Semi-final, September".to_owned(),
        judge: BundleJudge {
            id: 1,
            name: "A. Judge".to_owned(),
            role: "Non-executive board member".to_owned(),
        },
        rubric: json!({"criteria": [{"id": "viability", "weight": 2}, {"id": "benefits", "weight": 1}], "scale": [1, 5]}),
        ideas: vec![BundleIdea {
            id: 42,
            reference: "DC21-042".to_owned(),
            title: "Join up \"tell us once\"".to_owned(),
            summary: "Line one\nline two — with a dash".to_owned(),
            evaluation: json!({"viability": "amber"}),
        }],
        left_out: vec![LeftOut {
            reference: "DC21-043".to_owned(),
            reason: "You declared a conflict of interest".to_owned(),
        }],
        pack_pdf: b"%PDF-1.7\n\x00\xff binary".to_vec(),
        made_by: "The Secretariat".to_owned(),
        made_at: at(0),
        pairwise: None,
    }
}

pub fn bundle_file() -> Vec<u8> {
    sign(&secretariat(), &bundle(), at(1))
}

/// A returned score on the fixed clock.
pub fn score(idea_id: i64, criterion: &str, score: i32, revision: u64) -> ReturnedScore {
    ReturnedScore {
        idea_id,
        criterion: criterion.to_owned(),
        score,
        comment: format!("comment r{revision}"),
        revision,
        updated_at: at(10 + revision as i64),
    }
}

pub fn score_return(judge_id: i64, sequence: u64, scores: Vec<ReturnedScore>) -> ScoreReturn {
    ScoreReturn {
        challenge_id: CHALLENGE,
        round: ROUND.to_owned(),
        judge_id,
        bundle_id: FileId::of(b"the bundle"),
        sequence,
        scores,
        comparisons: Vec::new(),
        sent_at: at(60 + sequence as i64),
    }
}

/// A small signed return from judge 1.
pub fn return_file() -> Vec<u8> {
    sign(&judge(1), &score_return(1, 1, vec![score(42, "viability", 4, 1)]), at(61))
}
