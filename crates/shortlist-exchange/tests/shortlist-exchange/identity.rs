use shortlist_exchange::{open, Enrolment, Identity, KeyError, OpenError, PublicKey};

use crate::support::{at, judge};

#[test]
fn private_key_text_round_trips() {
    let identity = Identity::generate();
    let text = identity.to_text();
    assert!(text.starts_with("SHORTLIST-PRIVATE-KEY 1\n"), "the header says what the file is");
    let back = Identity::from_text(&text).expect("our own key text reads back");
    assert_eq!(back.public_key(), identity.public_key(), "the same seed gives the same key pair");
    let windows = text.replace('\n', "\r\n");
    assert!(Identity::from_text(&windows).is_ok(), "CRLF line ends from an editor are tolerated");
}

#[test]
fn damaged_key_text_is_refused() {
    assert!(matches!(Identity::from_text("hello"), Err(KeyError::NotAKeyFile)));
    assert!(matches!(Identity::from_text("SHORTLIST-PRIVATE-KEY 1\nAAAA\n"), Err(KeyError::Damaged)));
}

#[test]
fn debug_hides_the_private_key() {
    let identity = judge(1);
    let shown = format!("{identity:?}");
    let text = identity.to_text();
    let seed = text.lines().nth(1).expect("a seed line");
    assert!(!shown.contains(seed), "Debug must not print the secret: {shown}");
}

#[test]
fn private_key_file_is_private_and_never_replaced() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("identity.key");
    let identity = judge(1);
    shortlist_exchange::write_private_key(&path, &identity).expect("writes");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).expect("exists").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "only the user may read the private key");
    }
    let back = shortlist_exchange::read_private_key(&path).expect("reads back");
    assert_eq!(back.public_key(), identity.public_key());
    let again = shortlist_exchange::write_private_key(&path, &judge(2));
    assert!(matches!(again, Err(KeyError::AlreadyExists(_))), "an identity is never overwritten");
    let files: Vec<_> = std::fs::read_dir(dir.path()).expect("lists").collect();
    assert_eq!(files.len(), 1, "no temporary file is left behind");
}

#[test]
fn fingerprint_is_four_groups_of_four_safe_characters() {
    let fingerprint = judge(1).public_key().fingerprint();
    let text = fingerprint.as_str();
    assert_eq!(text.len(), 19, "{text}");
    for (i, c) in text.chars().enumerate() {
        if i % 5 == 4 {
            assert_eq!(c, '-', "{text}");
        } else {
            assert!(c.is_ascii_digit() || c.is_ascii_uppercase(), "{text}");
            assert!(!"ILOU".contains(c), "no letters that are misheard or misread: {text}");
        }
    }
    assert_ne!(fingerprint, judge(2).public_key().fingerprint(), "different keys, different fingerprints");
    assert_eq!(fingerprint, judge(1).public_key().fingerprint(), "stable for one key");
}

#[test]
fn public_key_serialises_as_base64_and_refuses_junk() {
    let key = judge(1).public_key();
    let json = serde_json::to_string(&key).expect("serialises");
    assert_eq!(serde_json::from_str::<PublicKey>(&json).expect("reads back"), key);
    assert!(serde_json::from_str::<PublicKey>("\"AAAA\"").is_err(), "too short");
}

#[test]
fn enrolment_file_round_trips_and_is_self_signed() {
    let identity = judge(3);
    let file = identity.enrolment_file("A. Judge", "Judge", at(0));
    let opened = open::<Enrolment>(&file).expect("our own enrolment opens");
    assert_eq!(opened.payload().public_key, identity.public_key());
    assert_eq!(opened.payload().name, "A. Judge");
    assert_eq!(opened.signer().fingerprint(), identity.public_key().fingerprint());
}

#[test]
fn enrolment_naming_another_key_is_refused() {
    // Signed correctly by judge 1, but claiming judge 2's key: someone enrolling a key they do
    // not hold.
    let enrolment = Enrolment {
        name: "Mallory".to_owned(),
        role: "Judge".to_owned(),
        public_key: judge(2).public_key(),
        created_at: at(0),
    };
    let file = shortlist_exchange::sign(&judge(1), &enrolment, at(0));
    let err = open::<Enrolment>(&file).expect_err("must be refused");
    assert!(matches!(err, OpenError::SignerMismatch(_)), "{err}");
}
