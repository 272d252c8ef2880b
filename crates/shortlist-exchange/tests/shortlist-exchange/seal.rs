use shortlist_exchange::{
    is_sealed, open, open_sealed, seal_with_work_factor, unseal, JudgeBundle, OpenError, Passphrase,
};

use crate::support::{bundle, bundle_file};

/// A low scrypt work factor: real files use `seal`, tuned to about a second.
const FAST: u8 = 4;

#[test]
fn sealed_bundle_round_trips() {
    let signed = bundle_file();
    let passphrase = Passphrase::new("correct horse battery staple");
    let sealed = seal_with_work_factor(&signed, &passphrase, FAST).expect("seals");
    assert!(is_sealed(&sealed) && !is_sealed(&signed));
    assert!(sealed.starts_with(b"SHORTLIST-SEALED 1\n"));
    let needle = b"Civil Service Data Challenge";
    assert!(!sealed.windows(needle.len()).any(|w| w == needle), "sealed contents are not readable");
    assert_eq!(
        unseal(&sealed, &passphrase).expect("unseals"),
        signed,
        "unsealing gives back the exact signed bytes"
    );
    let opened = open_sealed::<JudgeBundle>(&sealed, &passphrase).expect("opens");
    assert_eq!(opened.payload(), &bundle());
    assert_eq!(
        opened.file_id(),
        open::<JudgeBundle>(&signed).expect("opens").file_id(),
        "sealing does not change the FileId"
    );
}

#[test]
fn wrong_passphrase_is_refused_clearly() {
    let sealed = seal_with_work_factor(&bundle_file(), &Passphrase::new("right"), FAST).expect("seals");
    let err = unseal(&sealed, &Passphrase::new("wrong")).expect_err("refused");
    assert!(matches!(err, OpenError::WrongPassphrase), "{err:?}");
    assert_eq!(
        err.to_string(),
        "That passphrase does not open this file. Check it with the sender and try again."
    );
}

#[test]
fn unsealing_a_plain_file_passes_it_through() {
    let signed = bundle_file();
    assert_eq!(unseal(&signed, &Passphrase::new("any")).expect("passes"), signed);
}

#[test]
fn empty_passphrase_is_refused() {
    assert!(seal_with_work_factor(&bundle_file(), &Passphrase::new(""), FAST).is_err());
}

#[test]
fn changed_or_cut_sealed_file_is_refused() {
    let passphrase = Passphrase::new("pw");
    let sealed = seal_with_work_factor(&bundle_file(), &passphrase, FAST).expect("seals");
    // Positions across the header, the stanza and the encrypted payload. Each unseal times
    // scrypt on this machine (age does), so sample ~30 positions rather than all of them.
    for position in (0..sealed.len()).step_by(sealed.len() / 30) {
        let mut changed = sealed.clone();
        changed[position] ^= 0x04;
        let result = open_sealed::<JudgeBundle>(&changed, &passphrase);
        assert!(result.is_err(), "byte {position} changed was accepted");
    }
    for len in (0..sealed.len()).step_by(sealed.len() / 15) {
        let result = open_sealed::<JudgeBundle>(&sealed[..len], &passphrase);
        assert!(result.is_err(), "cut at {len} was accepted");
    }
}

#[test]
fn debug_hides_the_passphrase() {
    assert!(!format!("{:?}", Passphrase::new("hunter2")).contains("hunter2"));
}
