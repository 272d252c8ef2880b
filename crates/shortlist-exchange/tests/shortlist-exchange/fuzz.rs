//! Issue #7: fuzzed bundle and return readers give clear messages and write nothing. The readers
//! are pure functions of bytes, so "write nothing" holds by construction; these check "never
//! panic, always a message".

use proptest::prelude::*;
use shortlist_exchange::{identify, open, Enrolment, JudgeBundle, ScoreReturn};

use crate::support::{bundle_file, return_file};

fn refused_with_a_message(bytes: &[u8]) {
    for result in [
        open::<ScoreReturn>(bytes).map(drop),
        open::<JudgeBundle>(bytes).map(drop),
        open::<Enrolment>(bytes).map(drop),
        identify(bytes).map(drop),
    ] {
        if let Err(e) = result {
            assert!(e.to_string().len() > 20, "a message a person can act on: {e}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_are_refused(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        prop_assert!(open::<ScoreReturn>(&bytes).is_err());
        refused_with_a_message(&bytes);
    }

    #[test]
    fn random_bytes_after_the_magic_are_refused(tail in proptest::collection::vec(any::<u8>(), 0..400)) {
        let bytes = [b"SHORTLIST-EXCHANGE 1\n".as_slice(), &tail].concat();
        prop_assert!(open::<ScoreReturn>(&bytes).is_err());
        refused_with_a_message(&bytes);
    }

    #[test]
    fn mutated_returns_are_refused(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6)
    ) {
        let original = return_file();
        let mut bytes = original.clone();
        for (index, byte, op) in edits {
            let at = index.index(bytes.len().max(1));
            match op {
                0 if !bytes.is_empty() => bytes[at] = byte,
                1 => bytes.insert(at.min(bytes.len()), byte),
                _ if !bytes.is_empty() => { bytes.remove(at); }
                _ => {}
            }
        }
        prop_assume!(bytes != original);
        prop_assert!(open::<ScoreReturn>(&bytes).is_err(), "a changed return must be refused");
        refused_with_a_message(&bytes);
    }

    #[test]
    fn mutated_bundles_are_refused(index in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let original = bundle_file();
        let mut bytes = original.clone();
        let at = index.index(bytes.len());
        bytes[at] = byte;
        prop_assume!(bytes != original);
        prop_assert!(open::<JudgeBundle>(&bytes).is_err());
        refused_with_a_message(&bytes);
    }
}
