//! The signed container every exchange file uses, and [`open`], the one way to read one.
//!
//! # Byte layout (layout version 1)
//!
//! ```text
//! SHORTLIST-EXCHANGE 1\n                       magic line: what the file is, and its layout version
//! {"format":"shortlist/score-return",…}\n      the body: one line of compact JSON, a `Signed<T>`
//! ed25519 <88 characters of base64>\n          the signature line: 64 signature bytes, padded base64
//! ```
//!
//! The signature is ed25519 over the magic line and the body line, both with their `\n`: every
//! byte before the signature line. Nothing may follow the signature line. compact JSON never
//! contains a raw newline (newlines inside strings are written `\n`), so the body is one line.
//!
//! The body is a [`Signed<T>`]: `{"format", "version", "signer", "signed_at", "payload"}` in that
//! order. The format names the kind of file (so a score return cannot be opened as a bundle) and
//! the version is the payload's version, so a newer app can say so rather than misread it.
//!
//! # Why serde_json's output is canonical enough
//!
//! Signatures usually need a canonical encoding because a verifier re-encodes what it parsed. We
//! never do: the writer signs the exact bytes it writes, and the reader verifies the exact bytes it
//! read, before parsing anything but the signer's key. So the JSON need only be *some* fixed
//! bytes, not the one true encoding of the data. (serde_json's output is in fact stable — struct
//! fields in declaration order, `serde_json::Value` maps sorted — which keeps files diffable and
//! [`FileId`]s repeatable for the same input, but the security does not rest on it.)
//!
//! # Why the signer is read from the file itself
//!
//! Verifying against the key named inside the file proves only that the file is intact and was
//! signed by *that* key. Whose key it is, is the caller's question: the merge checks it against
//! the enrolled key of the judge (see [`crate::RoundScores`]), and a judge's app shows the
//! signer's fingerprint beside the sender's name.

use std::fmt;
use std::io::Read as _;
use std::path::Path;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use ed25519_dalek::Signature;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest as _, Sha256};

use crate::identity::{Identity, PublicKey};
use crate::seal::SEALED_MAGIC;

/// The first line of every signed exchange file, layout version 1.
pub const MAGIC: &[u8] = b"SHORTLIST-EXCHANGE 1\n";
/// The start of the magic line, whatever its layout version.
const MAGIC_STEM: &[u8] = b"SHORTLIST-EXCHANGE ";
/// The payload version this build writes and reads.
pub const VERSION: u32 = 1;
/// The start of the signature line.
const SIGNATURE_PREFIX: &[u8] = b"ed25519 ";
/// Length of a 64-byte signature in padded base64.
const SIGNATURE_BASE64_LEN: usize = 88;
/// Largest exchange file accepted (a bundle carries its briefing pack PDF).
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;

/// The kinds of exchange file. Each has its own `format` string inside the signed body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Secretariat → judge: a round's ideas, rubric and briefing pack ([`crate::JudgeBundle`]).
    JudgeBundle,
    /// Judge → secretariat: scores and comments ([`crate::ScoreReturn`]).
    ScoreReturn,
    /// A person's public key, sent to be enrolled ([`crate::Enrolment`]).
    Enrolment,
}

impl Kind {
    /// The `format` string written in the file, e.g. `shortlist/score-return`.
    pub fn format(self) -> &'static str {
        match self {
            Kind::JudgeBundle => "shortlist/judge-bundle",
            Kind::ScoreReturn => "shortlist/score-return",
            Kind::Enrolment => "shortlist/enrolment",
        }
    }

    /// The kind whose `format` string this is.
    pub fn from_format(format: &str) -> Option<Kind> {
        [Kind::JudgeBundle, Kind::ScoreReturn, Kind::Enrolment]
            .into_iter()
            .find(|kind| kind.format() == format)
    }

    /// What a person calls this kind of file.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::JudgeBundle => "judge bundle",
            Kind::ScoreReturn => "score return",
            Kind::Enrolment => "enrolment file",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.format())
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let format = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Kind::from_format(&format)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown format {format:?}")))
    }
}

/// A type that travels in an exchange file: [`crate::JudgeBundle`], [`crate::ScoreReturn`] and
/// [`crate::Enrolment`]. Sealed: the formats are this crate's, and their serialisation is known
/// not to fail, which is why [`sign`] cannot fail.
pub trait Payload: sealed::Sealed + Serialize + DeserializeOwned {
    /// The kind of file that carries it.
    const KIND: Kind;

    /// A check tying the payload to the key that signed it, run by [`open`] after the signature
    /// is verified. The default accepts any signer; an [`crate::Enrolment`] must be signed by the
    /// key it enrols.
    ///
    /// # Errors
    /// A sentence saying what does not match.
    fn check_signer(&self, signer: &PublicKey) -> Result<(), String> {
        let _ = signer;
        Ok(())
    }
}

pub(crate) mod sealed {
    /// Only this crate's payload types implement [`super::Payload`].
    pub trait Sealed {}
    impl Sealed for crate::payload::JudgeBundle {}
    impl Sealed for crate::payload::ScoreReturn {}
    impl Sealed for crate::identity::Enrolment {}
}

/// The signed body of an exchange file. Field order is the order written (see the module docs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signed<T> {
    /// Which kind of file this is.
    pub format: Kind,
    /// The payload's version; this build reads [`VERSION`].
    pub version: u32,
    /// The key that signed the file.
    pub signer: PublicKey,
    /// When it was signed, by the signer's clock.
    pub signed_at: DateTime<Utc>,
    /// What the file carries.
    pub payload: T,
}

/// The same fields as [`Signed`], borrowing the payload, for writing.
#[derive(Serialize)]
struct SignedRef<'a, T> {
    format: Kind,
    version: u32,
    signer: PublicKey,
    signed_at: DateTime<Utc>,
    payload: &'a T,
}

/// Signs `payload` as `identity` and returns the whole file's bytes (see the module docs).
///
/// `signed_at` is passed in so that files are reproducible in tests.
pub fn sign<T: Payload>(identity: &Identity, payload: &T, signed_at: DateTime<Utc>) -> Vec<u8> {
    let body =
        SignedRef { format: T::KIND, version: VERSION, signer: identity.public_key(), signed_at, payload };
    let mut bytes = MAGIC.to_vec();
    // Serialising the (sealed) payload types into a Vec cannot fail: they are derived structs of
    // strings, numbers, times and JSON values, with no map keyed by anything but strings.
    serde_json::to_writer(&mut bytes, &body).unwrap_or_else(|e| unreachable!("{e}"));
    bytes.push(b'\n');
    let signature = identity.sign(&bytes);
    bytes.extend_from_slice(SIGNATURE_PREFIX);
    bytes.extend_from_slice(BASE64.encode(signature.to_bytes()).as_bytes());
    bytes.push(b'\n');
    bytes
}

/// A file whose signature has been verified, with the verified contents. Only [`open`] makes
/// one, so a function that takes a `Verified<T>` cannot be handed unchecked data.
#[derive(Debug, Clone)]
pub struct Verified<T> {
    signed: Signed<T>,
    file_id: FileId,
}

impl<T> Verified<T> {
    /// The key that signed the file (not yet checked against anyone's enrolment).
    pub fn signer(&self) -> &PublicKey {
        &self.signed.signer
    }

    /// When the signer says they signed it.
    pub fn signed_at(&self) -> DateTime<Utc> {
        self.signed.signed_at
    }

    /// What the file carries.
    pub fn payload(&self) -> &T {
        &self.signed.payload
    }

    /// The whole signed body.
    pub fn signed(&self) -> &Signed<T> {
        &self.signed
    }

    /// SHA-256 of the file's exact (unsealed) bytes.
    pub fn file_id(&self) -> &FileId {
        &self.file_id
    }

    /// The payload, consuming the rest.
    pub fn into_payload(self) -> T {
        self.signed.payload
    }
}

/// SHA-256 of a signed file's exact bytes, before any sealing. It names the file: a score
/// return's `bundle_id` is its bundle's id, and a [`crate::Receipt`] code is derived from the
/// return's id. Written as 64 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub [u8; 32]);

impl FileId {
    /// The id of a signed file's bytes. Call it on the same bytes on both sides: the signed file
    /// as written by [`sign`] (unseal first if it was sealed).
    pub fn of(bytes: &[u8]) -> FileId {
        FileId(Sha256::digest(bytes).into())
    }
}

impl fmt::Display for FileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|byte| write!(f, "{byte:02x}"))
    }
}

impl fmt::Debug for FileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FileId({self})")
    }
}

impl Serialize for FileId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FileId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        let hex = |c: u8| match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        };
        let bytes = text.as_bytes();
        let mut id = [0u8; 32];
        if bytes.len() != 64 {
            return Err(serde::de::Error::custom("a file id is 64 hex digits"));
        }
        for (out, pair) in id.iter_mut().zip(bytes.chunks(2)) {
            *out = match (hex(pair[0]), hex(pair[1])) {
                (Some(hi), Some(lo)) => hi << 4 | lo,
                _ => return Err(serde::de::Error::custom("a file id is 64 lowercase hex digits")),
            };
        }
        Ok(FileId(id))
    }
}

/// Why an exchange file could not be opened. Each message says what went wrong and what to do,
/// in words for the person who chose the file.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The file does not start with a Shortlist magic line.
    #[error("This is not a Shortlist exchange file. Check that you chose the file you were sent.")]
    NotShortlistFile,
    /// The file ends early.
    #[error("The file is incomplete ({0}). It may have been cut short while copying: ask the sender to send it again.")]
    Truncated(&'static str),
    /// The file's structure is broken.
    #[error("The file is damaged ({0}). Ask the sender to send it again.")]
    Damaged(String),
    /// The signature does not match the contents.
    #[error("The file has been changed or damaged since it was signed: its signature does not match its contents. Ask the sender to send it again.")]
    BadSignature,
    /// A layout or payload version this build does not know.
    #[error(
        "This file was made by a newer version of Shortlist (version {0}). Update Shortlist to open it."
    )]
    NewerVersion(u32),
    /// A `format` this build does not know.
    #[error("This file was made by a newer version of Shortlist, or by another program (it holds \"{0}\"). Update Shortlist to open it.")]
    UnknownFormat(String),
    /// A valid file of another kind, e.g. a score return chosen where a bundle was expected.
    #[error("This is a {found}, not a {expected}. Check that you chose the right file.")]
    WrongKind {
        /// What the caller asked to open.
        expected: Kind,
        /// What the file is.
        found: Kind,
    },
    /// The signature is good but the contents are not what this version expects.
    #[error("The file is signed correctly but its contents could not be read ({0}). It may come from a different version of Shortlist.")]
    UnexpectedContents(String),
    /// The signature is good but the payload does not belong to the signer.
    #[error("The file is signed correctly but does not hold together: {0}.")]
    SignerMismatch(String),
    /// The file is sealed and no passphrase was given.
    #[error("This file is sealed with a passphrase. Enter the passphrase you were given to open it.")]
    NeedsPassphrase,
    /// The passphrase does not open the sealed file.
    #[error("That passphrase does not open this file. Check it with the sender and try again.")]
    WrongPassphrase,
    /// The sealed file asks for more work than this machine will do (a defence against files
    /// made to exhaust memory).
    #[error("This sealed file asks for an unusually slow passphrase check and was not opened. Ask the sender to seal it again.")]
    ExcessiveWork,
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("The file is too large to be a Shortlist exchange file ({0} bytes).")]
    TooLarge(u64),
    /// The file could not be read from disk.
    #[error("Could not read the file: {0}")]
    Io(#[from] std::io::Error),
}

/// Reads and verifies a signed exchange file of kind `T::KIND` from its bytes.
///
/// Checks, in order: the magic line; the file's shape (body line, signature line, nothing
/// after); the signature, with `verify_strict`, over the exact bytes read — before any field
/// other than the signer's key is interpreted; then the format and version; then the kind; then
/// the payload and [`Payload::check_signer`]. Writes nothing and never panics on any input.
///
/// # Errors
/// An [`OpenError`] saying which check failed; a sealed file gives
/// [`OpenError::NeedsPassphrase`] (see [`crate::unseal`]).
pub fn open<T: Payload>(bytes: &[u8]) -> Result<Verified<T>, OpenError> {
    let (kind, body) = verified_kind(bytes)?;
    if kind != T::KIND {
        return Err(OpenError::WrongKind { expected: T::KIND, found: kind });
    }
    let signed: Signed<T> =
        serde_json::from_slice(body).map_err(|e| OpenError::UnexpectedContents(e.to_string()))?;
    signed.payload.check_signer(&signed.signer).map_err(OpenError::SignerMismatch)?;
    Ok(Verified { signed, file_id: FileId::of(bytes) })
}

/// What an exchange file is, found out without knowing in advance: the app is handed a file by
/// the operating system (a double-click) and must choose the page that takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identified {
    /// The kind of file. A sealed file is always a judge bundle: nothing else is sealed.
    pub kind: Kind,
    /// The file is sealed with a passphrase, so nothing inside it could be read yet.
    pub sealed: bool,
    /// The round a bundle or a score return is for (`shortlist`, `semi-final`…); `None` for an
    /// enrolment and for a sealed file.
    pub round: Option<String>,
}

/// Says what kind of exchange file `bytes` is, checking it as [`open`] does up to its kind: a
/// file whose signature does not match is refused here, not on the page it is sent to.
///
/// # Errors
/// As [`open`], except that a sealed file is not an error (it is a bundle to unseal).
pub fn identify(bytes: &[u8]) -> Result<Identified, OpenError> {
    let (kind, body) = match verified_kind(bytes) {
        Err(OpenError::NeedsPassphrase) => {
            return Ok(Identified { kind: Kind::JudgeBundle, sealed: true, round: None })
        }
        other => other?,
    };
    #[derive(Deserialize)]
    struct RoundOnly {
        payload: PayloadRound,
    }
    #[derive(Deserialize)]
    struct PayloadRound {
        round: String,
    }
    let round = match kind {
        Kind::JudgeBundle | Kind::ScoreReturn => Some(
            serde_json::from_slice::<RoundOnly>(body)
                .map_err(|e| OpenError::UnexpectedContents(e.to_string()))?
                .payload
                .round,
        ),
        Kind::Enrolment => None,
    };
    Ok(Identified { kind, sealed: false, round })
}

/// Checks the size, magic line, shape and signature of `bytes`, then reads its format and
/// version: the steps every reader shares before it knows what the file holds. Returns the kind
/// and the body line (the signed JSON).
fn verified_kind(bytes: &[u8]) -> Result<(Kind, &[u8]), OpenError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(OpenError::TooLarge(bytes.len() as u64));
    }
    if bytes.starts_with(SEALED_MAGIC) {
        return Err(OpenError::NeedsPassphrase);
    }
    let (signed_part, signature) = split(bytes)?;
    let body = &signed_part[MAGIC.len()..signed_part.len() - 1];

    #[derive(Deserialize)]
    struct SignerOnly {
        signer: PublicKey,
    }
    let signer = serde_json::from_slice::<SignerOnly>(body)
        .map_err(|e| OpenError::Damaged(format!("its contents are not readable: {e}")))?
        .signer;
    if !signer.verifies(signed_part, &signature) {
        return Err(OpenError::BadSignature);
    }

    // From here on the bytes are exactly what the signer wrote.
    #[derive(Deserialize)]
    struct Header {
        format: String,
        version: u32,
    }
    let header =
        serde_json::from_slice::<Header>(body).map_err(|e| OpenError::UnexpectedContents(e.to_string()))?;
    let kind =
        Kind::from_format(&header.format).ok_or_else(|| OpenError::UnknownFormat(header.format.clone()))?;
    if header.version > VERSION {
        return Err(OpenError::NewerVersion(header.version));
    }
    if header.version != VERSION {
        return Err(OpenError::UnexpectedContents(format!(
            "version {} is not one Shortlist has written",
            header.version
        )));
    }
    Ok((kind, body))
}

/// Reads the file at `path` (at most [`MAX_FILE_BYTES`]) and opens it as [`open`] does.
///
/// # Errors
/// [`OpenError::Io`] when it cannot be read, otherwise as [`open`].
pub fn open_file<T: Payload>(path: &Path) -> Result<Verified<T>, OpenError> {
    open(&read_limited(path)?)
}

/// The file's bytes, refusing files larger than [`MAX_FILE_BYTES`] without reading them whole.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, OpenError> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(OpenError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Splits a file into the signed part (magic line and body line) and its signature, checking
/// the layout but nothing inside the body.
fn split(bytes: &[u8]) -> Result<(&[u8], Signature), OpenError> {
    if !bytes.starts_with(MAGIC) {
        return Err(magic_problem(bytes));
    }
    let rest = &bytes[MAGIC.len()..];
    let body_len =
        rest.iter().position(|&b| b == b'\n').ok_or(OpenError::Truncated("the signature is missing"))?;
    let signed_len = MAGIC.len() + body_len + 1;
    let (signed_part, signature_line) = bytes.split_at(signed_len);
    if body_len == 0 {
        return Err(OpenError::Damaged("its contents are missing".to_owned()));
    }
    let expected_len = SIGNATURE_PREFIX.len() + SIGNATURE_BASE64_LEN + 1;
    if signature_line.len() < expected_len {
        // A cut-short line is a beginning of a good one: part of the prefix, then base64.
        let n = signature_line.len().min(SIGNATURE_PREFIX.len());
        let looks_cut = signature_line[..n] == SIGNATURE_PREFIX[..n]
            && signature_line[n..]
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
        return Err(if looks_cut {
            OpenError::Truncated("the signature is cut short")
        } else {
            OpenError::Damaged("the signature line is not readable".to_owned())
        });
    }
    if signature_line.len() > expected_len {
        return Err(OpenError::Damaged("there is extra data after the signature".to_owned()));
    }
    let encoded = signature_line
        .strip_prefix(SIGNATURE_PREFIX)
        .and_then(|line| line.strip_suffix(b"\n"))
        .ok_or_else(|| OpenError::Damaged("the signature line is not readable".to_owned()))?;
    // The standard engine refuses non-canonical padding bits, so one text maps to one signature.
    let signature: [u8; 64] = BASE64
        .decode(encoded)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| OpenError::Damaged("the signature is not readable".to_owned()))?;
    Ok((signed_part, Signature::from_bytes(&signature)))
}

/// The error for a file that does not start with [`MAGIC`].
fn magic_problem(bytes: &[u8]) -> OpenError {
    if bytes.is_empty() {
        return OpenError::Truncated("the file is empty");
    }
    if MAGIC.starts_with(bytes) {
        return OpenError::Truncated("it holds only the first few bytes");
    }
    if let Some(rest) = bytes.strip_prefix(MAGIC_STEM) {
        let digits: Vec<u8> = rest.iter().copied().take_while(u8::is_ascii_digit).collect();
        let version = std::str::from_utf8(&digits).ok().and_then(|text| text.parse::<u32>().ok());
        if let Some(version) = version.filter(|&v| v > VERSION) {
            if rest.get(digits.len()) == Some(&b'\n') {
                return OpenError::NewerVersion(version);
            }
        }
        return OpenError::Damaged("its first line is not readable".to_owned());
    }
    OpenError::NotShortlistFile
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::payload::ScoreReturn;

    /// A file with a hand-written body, signed as [`sign`] signs: what another version might write.
    fn signed_raw(identity: &Identity, body: &str) -> Vec<u8> {
        let mut bytes = [MAGIC, body.as_bytes(), b"\n"].concat();
        let signature = identity.sign(&bytes);
        bytes.extend_from_slice(SIGNATURE_PREFIX);
        bytes.extend_from_slice(BASE64.encode(signature.to_bytes()).as_bytes());
        bytes.push(b'\n');
        bytes
    }

    fn body(format: &str, version: u32, signer: &PublicKey) -> String {
        let signer = serde_json::to_string(signer).unwrap_or_default();
        format!(
            r#"{{"format":"{format}","version":{version},"signer":{signer},"signed_at":"2021-09-14T10:00:00Z","payload":{{"future":true}}}}"#
        )
    }

    #[test]
    fn newer_payload_version_says_update_shortlist() {
        let identity = Identity::from_seed([9; 32]);
        let file = signed_raw(&identity, &body("shortlist/score-return", 2, &identity.public_key()));
        let err = open::<ScoreReturn>(&file).err();
        assert!(matches!(err, Some(OpenError::NewerVersion(2))), "{err:?}");
    }

    #[test]
    fn unknown_format_says_update_shortlist() {
        let identity = Identity::from_seed([9; 32]);
        let file = signed_raw(&identity, &body("shortlist/panel-minutes", 1, &identity.public_key()));
        let err = open::<ScoreReturn>(&file).err();
        assert!(
            matches!(&err, Some(OpenError::UnknownFormat(f)) if f == "shortlist/panel-minutes"),
            "{err:?}"
        );
        assert!(err.map(|e| e.to_string()).unwrap_or_default().contains("newer version of Shortlist"));
    }

    #[test]
    fn signer_swapped_for_another_valid_key_fails_the_signature() {
        let identity = Identity::from_seed([9; 32]);
        let other = Identity::from_seed([10; 32]);
        let good = signed_raw(&identity, &body("shortlist/score-return", 1, &identity.public_key()));
        let text = String::from_utf8(good).unwrap_or_default();
        let forged = text.replace(
            &serde_json::to_string(&identity.public_key()).unwrap_or_default(),
            &serde_json::to_string(&other.public_key()).unwrap_or_default(),
        );
        assert!(matches!(open::<ScoreReturn>(forged.as_bytes()), Err(OpenError::BadSignature)));
    }
}
