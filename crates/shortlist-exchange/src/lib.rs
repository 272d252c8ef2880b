//! The offline exchange between the secretariat's installation and each judge's: the files that
//! travel on a memory stick or by e-mail, and the cryptography that makes them safe to accept.
//!
//! The pieces, in the order a file meets them:
//!
//! - [`identity`]: each installation's ed25519 key pair, the private key file (readable by the
//!   user alone), the public key's [`Fingerprint`] read out over the phone, and the
//!   [`Enrolment`] file a judge sends so the secretariat can enrol their key.
//! - [`envelope`]: the signed container every exchange file uses, its byte layout, and
//!   [`open`], which verifies the signature over the exact bytes read before anything else looks
//!   at the contents.
//! - [`seal`](mod@seal): optional passphrase sealing (age, scrypt recipient) around a signed file.
//! - [`payload`]: what the files carry — a [`JudgeBundle`] (secretariat → judge) and a
//!   [`ScoreReturn`] (judge → secretariat). They mirror the app's types but depend on no other
//!   Shortlist crate; ids are the secretariat's database ids.
//! - [`merge`]: the pure, database-free merge of a verified score return into the secretariat's
//!   view of a round, and the [`Receipt`] both sides can compute.
//!
//! Nothing here reads the clock or touches a database: times are passed in, and the merge
//! returns a plan for the caller to write.

#![forbid(unsafe_code)]

mod base32;
pub mod envelope;
pub mod identity;
pub mod merge;
pub mod payload;
pub mod seal;

pub use envelope::{
    identify, open, open_file, read_limited, sign, FileId, Identified, Kind, OpenError, Payload, Signed,
    Verified,
};
pub use identity::{
    read_private_key, read_private_key_with, replace_private_key, write_private_key, Enrolment, Fingerprint,
    Identity, KeyError, PublicKey,
};
pub use merge::{
    receipt_code, ComparisonConflict, Conflict, CurrentComparison, CurrentScore, MergeCounts, MergePlan,
    Receipt, Refusal, ReturnNote, RoundScores, Settlement,
};
pub use payload::{
    BundleChallenge, BundleIdea, BundleJudge, BundlePair, BundlePairwise, JudgeBundle, LeftOut,
    ReturnedComparison, ReturnedScore, ScoreReturn,
};
pub use seal::{is_sealed, open_sealed, seal, seal_with_work_factor, unseal, Passphrase, SealError};
