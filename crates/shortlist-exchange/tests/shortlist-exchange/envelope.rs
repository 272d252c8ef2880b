use shortlist_exchange::{
    identify, open, sign, Enrolment, FileId, Identified, JudgeBundle, Kind, OpenError, ScoreReturn,
};

use crate::support::{at, bundle, bundle_file, return_file, secretariat};

#[test]
fn bundle_round_trips_and_shows_who_sent_it_and_when() {
    let file = bundle_file();
    let opened = open::<JudgeBundle>(&file).expect("a file we signed opens");
    assert_eq!(opened.payload(), &bundle(), "the payload survives the trip unchanged");
    assert_eq!(opened.signer(), &secretariat().public_key());
    assert_eq!(opened.signed_at(), at(1));
    assert_eq!(opened.file_id(), &FileId::of(&file));
}

#[test]
fn layout_is_magic_body_signature() {
    let file = bundle_file();
    let text = std::str::from_utf8(&file).expect("a signed file is text");
    let lines: Vec<&str> = text.split_terminator('\n').collect();
    assert_eq!(lines.len(), 3, "three lines: {text}");
    assert_eq!(lines[0], "SHORTLIST-EXCHANGE 1");
    assert!(
        lines[1].starts_with("{\"format\":\"shortlist/judge-bundle\",\"version\":1,\"signer\":"),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("ed25519 ") && lines[2].len() == 8 + 88, "{}", lines[2]);
    assert!(text.ends_with('\n'));
}

#[test]
fn signing_is_deterministic() {
    assert_eq!(bundle_file(), bundle_file(), "same input, same bytes, same FileId");
}

#[test]
fn every_single_byte_change_is_refused() {
    // Issue #7: a return with one byte changed is refused. Every position, two different
    // changes each, and each must be an error with a message — never a panic or a success.
    let file = return_file();
    for position in 0..file.len() {
        for flip in [0x01u8, 0x80] {
            let mut changed = file.clone();
            changed[position] ^= flip;
            match open::<ScoreReturn>(&changed) {
                Ok(_) => panic!("byte {position} ^ {flip:#x} was accepted"),
                Err(e) => assert!(!e.to_string().is_empty()),
            }
        }
    }
}

#[test]
fn changed_contents_fail_the_signature() {
    let file = return_file();
    let text = String::from_utf8(file).expect("text");
    let changed = text.replace("\"score\":4", "\"score\":5");
    assert_ne!(changed, text, "the test must really change the score");
    let err = open::<ScoreReturn>(changed.as_bytes()).expect_err("refused");
    assert!(matches!(err, OpenError::BadSignature), "{err}");
    assert!(err.to_string().contains("changed or damaged since it was signed"), "{err}");
}

#[test]
fn every_truncation_is_refused() {
    let file = return_file();
    for len in 0..file.len() {
        let err = open::<ScoreReturn>(&file[..len]).expect_err("a cut file is refused");
        assert!(!err.to_string().is_empty());
    }
    // Cut at a line end, or inside the signature: the message says the file is incomplete.
    let signature_start = file.len() - 97;
    for len in [0, 5, signature_start, signature_start + 3, file.len() - 1] {
        let err = open::<ScoreReturn>(&file[..len]).expect_err("refused");
        assert!(matches!(err, OpenError::Truncated(_)), "length {len}: {err}");
    }
}

#[test]
fn extra_bytes_after_the_signature_are_refused() {
    let mut file = return_file();
    file.extend_from_slice(b"more");
    assert!(matches!(open::<ScoreReturn>(&file), Err(OpenError::Damaged(_))));
}

#[test]
fn wrong_kind_says_what_the_file_is() {
    let err = open::<JudgeBundle>(&return_file()).expect_err("a return is not a bundle");
    assert!(
        matches!(err, OpenError::WrongKind { expected: Kind::JudgeBundle, found: Kind::ScoreReturn }),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "This is a score return, not a judge bundle. Check that you chose the right file."
    );
    assert!(matches!(open::<Enrolment>(&bundle_file()), Err(OpenError::WrongKind { .. })));
}

#[test]
fn newer_layout_says_update_shortlist() {
    let mut file = return_file();
    file[19] = b'2'; // "SHORTLIST-EXCHANGE 2"
    let err = open::<ScoreReturn>(&file).expect_err("refused");
    assert!(matches!(err, OpenError::NewerVersion(2)), "{err}");
    assert!(err.to_string().contains("newer version of Shortlist"), "{err}");
}

#[test]
fn not_a_shortlist_file() {
    let err = open::<ScoreReturn>(b"%PDF-1.7 ...").expect_err("refused");
    assert!(matches!(err, OpenError::NotShortlistFile), "{err}");
}

#[test]
fn sealed_file_asks_for_a_passphrase() {
    let sealed = shortlist_exchange::seal_with_work_factor(
        &bundle_file(),
        &shortlist_exchange::Passphrase::new("pw"),
        2,
    )
    .expect("seals");
    assert!(matches!(open::<JudgeBundle>(&sealed), Err(OpenError::NeedsPassphrase)));
}

#[test]
fn open_file_reads_from_disk() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bundle.shortlist");
    std::fs::write(&path, sign(&secretariat(), &bundle(), at(1))).expect("writes");
    assert!(shortlist_exchange::open_file::<JudgeBundle>(&path).is_ok());
    let missing = shortlist_exchange::open_file::<JudgeBundle>(&dir.path().join("none"));
    assert!(matches!(missing, Err(OpenError::Io(_))));
}

#[test]
fn identify_names_each_kind_and_its_round() {
    // Issue #13: a double-clicked file is sent to the page for its kind, and a return to its round.
    assert_eq!(
        identify(&bundle_file()).expect("a bundle"),
        Identified { kind: Kind::JudgeBundle, sealed: false, round: Some(bundle().round) }
    );
    let ret = identify(&return_file()).expect("a return");
    assert_eq!((ret.kind, ret.round.is_some()), (Kind::ScoreReturn, true), "{ret:?}");
    let enrolment = crate::support::judge(1).enrolment_file("Rhys Pritchard", "Judge", at(2));
    assert_eq!(
        identify(&enrolment).expect("an enrolment"),
        Identified { kind: Kind::Enrolment, sealed: false, round: None }
    );
    let sealed = shortlist_exchange::seal_with_work_factor(
        &bundle_file(),
        &shortlist_exchange::Passphrase::new("pw"),
        2,
    )
    .expect("seals");
    assert_eq!(
        identify(&sealed).expect("a sealed file is a bundle to unseal, not an error"),
        Identified { kind: Kind::JudgeBundle, sealed: true, round: None }
    );
}

#[test]
fn identify_refuses_what_open_refuses() {
    assert!(matches!(identify(b"%PDF-1.7 ..."), Err(OpenError::NotShortlistFile)));
    let mut tampered = return_file();
    let at = tampered.len() / 2;
    tampered[at] ^= 0x01;
    assert!(identify(&tampered).is_err(), "a changed file is refused before any page sees it");
}
