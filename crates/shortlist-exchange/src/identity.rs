//! Each installation's identity: an ed25519 key pair made on first run.
//!
//! The private key lives in the user's data folder in a small text file (see [`Identity::to_text`])
//! created readable by the user alone. The public key travels in an [`Enrolment`] file; the
//! secretariat enrols it after reading its [`Fingerprint`] back to the judge over the phone, which
//! is what makes the key the judge's and not whoever sent the file.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use rand_core::OsRng;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest as _, Sha256};

use crate::base32;
use crate::envelope::{Kind, Payload};

/// First line of a private key file; the number is the key file's format version.
const KEY_FILE_HEADER: &str = "SHORTLIST-PRIVATE-KEY 1";

/// An installation's key pair. Its `Debug` shows the public fingerprint, never the secret.
pub struct Identity {
    signing: SigningKey,
}

impl Identity {
    /// A new key pair from the operating system's random number generator.
    pub fn generate() -> Self {
        Identity { signing: SigningKey::generate(&mut OsRng) }
    }

    /// The key pair whose private key is this 32-byte seed. For tests (fixed identities) and for
    /// reading a key file; a real identity comes from [`Identity::generate`].
    pub fn from_seed(seed: [u8; 32]) -> Self {
        Identity { signing: SigningKey::from_bytes(&seed) }
    }

    /// The public half, safe to share.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.signing.verifying_key())
    }

    /// Signs `message` (deterministic ed25519).
    pub(crate) fn sign(&self, message: &[u8]) -> Signature {
        self.signing.sign(message)
    }

    /// The private key as text: the line `SHORTLIST-PRIVATE-KEY 1`, then the 32-byte seed in
    /// standard base64 (44 characters), each line ending in `\n`. A seed is all ed25519 needs to
    /// rebuild the pair, and a header line says what the file is to anyone who finds it.
    pub fn to_text(&self) -> String {
        format!("{KEY_FILE_HEADER}\n{}\n", BASE64.encode(self.signing.to_bytes()))
    }

    /// Reads the text written by [`Identity::to_text`]. Surrounding whitespace and `\r\n` line
    /// ends are tolerated (the file may have passed through a Windows editor).
    ///
    /// # Errors
    /// [`KeyError::NotAKeyFile`] when the header is missing, [`KeyError::Damaged`] when the seed
    /// is not 32 bytes of base64.
    pub fn from_text(text: &str) -> Result<Self, KeyError> {
        let mut lines = text.lines().map(str::trim).filter(|line| !line.is_empty());
        if lines.next() != Some(KEY_FILE_HEADER) {
            return Err(KeyError::NotAKeyFile);
        }
        let seed_line = lines.next().ok_or(KeyError::Damaged)?;
        if lines.next().is_some() {
            return Err(KeyError::Damaged);
        }
        let seed: [u8; 32] =
            BASE64.decode(seed_line).ok().and_then(|bytes| bytes.try_into().ok()).ok_or(KeyError::Damaged)?;
        Ok(Identity::from_seed(seed))
    }

    /// A self-signed enrolment file for this identity, to send to the secretariat.
    ///
    /// The signature is over the file's exact bytes, so a file damaged on the way is refused
    /// when opened, before anyone reads out a fingerprint from it.
    pub fn enrolment_file(&self, name: &str, role: &str, created_at: DateTime<Utc>) -> Vec<u8> {
        let enrolment = Enrolment {
            name: name.to_owned(),
            role: role.to_owned(),
            public_key: self.public_key(),
            created_at,
        };
        crate::envelope::sign(self, &enrolment, created_at)
    }
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Identity")
            .field("fingerprint", &self.public_key().fingerprint())
            .field("private_key", &"<hidden>")
            .finish()
    }
}

/// Writes `identity`'s private key to `path` (see [`Identity::to_text`]), atomically and
/// readable by the user alone.
///
/// The key goes to a temporary file beside `path`, created with mode 0600 on Unix, flushed to
/// disk, then renamed over `path`: a crash leaves either no key file or a whole one. On Windows
/// the file inherits the permissions of the user's own data folder, which is already private to
/// the user. An existing key file is never replaced — losing it would orphan the enrolment.
///
/// # Errors
/// [`KeyError::AlreadyExists`] when `path` exists; [`KeyError::Io`] when the folder cannot be
/// written.
pub fn write_private_key(path: &Path, identity: &Identity) -> Result<(), KeyError> {
    if path.exists() {
        return Err(KeyError::AlreadyExists(path.to_owned()));
    }
    write_atomically(path, identity.to_text().as_bytes())
}

/// Writes `identity`'s private key to `path` sealed with `passphrase` (see [`crate::seal`]), or
/// plain with `None`, replacing the file there: how a protected data folder keeps its key, and
/// how the key follows the folder when its protection is set, changed or removed. Atomic and
/// private to the user, as [`write_private_key`].
///
/// # Errors
/// [`KeyError::Io`] when the folder cannot be written; [`KeyError::Sealed`] when sealing fails.
pub fn replace_private_key(
    path: &Path,
    identity: &Identity,
    passphrase: Option<&crate::Passphrase>,
) -> Result<(), KeyError> {
    let text = identity.to_text();
    let bytes = match passphrase {
        Some(passphrase) => {
            crate::seal(text.as_bytes(), passphrase).map_err(|e| KeyError::Sealed(e.to_string()))?
        }
        None => text.into_bytes(),
    };
    write_atomically(path, &bytes)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), KeyError> {
    let io_error = |source| KeyError::Io { path: path.to_owned(), source };
    let temp = temp_path(path);
    // A temporary file left by a crash while writing is stale: it was never renamed into place.
    match fs::remove_file(&temp) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(io_error(e)),
        _ => {}
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let written = options.open(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(e) = written.and_then(|()| fs::rename(&temp, path)) {
        let _ = fs::remove_file(&temp);
        return Err(io_error(e));
    }
    // Make the rename itself durable. Best effort: some file systems cannot sync a folder, and
    // the key is already complete on disk under one name or the other.
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        let _ = fs::File::open(dir).and_then(|dir| dir.sync_all());
    }
    Ok(())
}

/// Reads a private key file written by [`write_private_key`].
///
/// # Errors
/// [`KeyError::Io`] when the file cannot be read; [`KeyError::NeedsPassphrase`] when it is
/// sealed; otherwise as [`Identity::from_text`].
pub fn read_private_key(path: &Path) -> Result<Identity, KeyError> {
    read_private_key_with(path, None)
}

/// Reads a private key file, unsealing it with `passphrase` when it is sealed (see
/// [`replace_private_key`]). A plain file is read whatever the passphrase.
///
/// # Errors
/// As [`read_private_key`]; [`KeyError::WrongPassphrase`] when the passphrase does not unseal it.
pub fn read_private_key_with(
    path: &Path,
    passphrase: Option<&crate::Passphrase>,
) -> Result<Identity, KeyError> {
    let bytes = fs::read(path).map_err(|source| KeyError::Io { path: path.to_owned(), source })?;
    let text = if crate::is_sealed(&bytes) {
        let passphrase = passphrase.ok_or(KeyError::NeedsPassphrase)?;
        crate::unseal(&bytes, passphrase).map_err(|e| match e {
            crate::OpenError::WrongPassphrase => KeyError::WrongPassphrase,
            _ => KeyError::Damaged,
        })?
    } else {
        bytes
    };
    Identity::from_text(std::str::from_utf8(&text).map_err(|_| KeyError::NotAKeyFile)?)
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    path.with_file_name(name)
}

/// Why a private key could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The file does not start with the key file header.
    #[error("This is not a Shortlist key file.")]
    NotAKeyFile,
    /// The header is there but the key itself is not readable.
    #[error("The Shortlist key file is damaged: its key is not readable.")]
    Damaged,
    /// [`write_private_key`] found a key already in place.
    #[error("A key file already exists at {0}; it has not been replaced.")]
    AlreadyExists(PathBuf),
    /// The key file is sealed and no passphrase was given.
    #[error("The Shortlist key file is protected by the data folder's passphrase: unlock the folder first.")]
    NeedsPassphrase,
    /// The passphrase does not unseal the key file.
    #[error("The data folder's passphrase does not open its key file.")]
    WrongPassphrase,
    /// Sealing the key failed.
    #[error("The Shortlist key file could not be sealed: {0}")]
    Sealed(String),
    /// Reading or writing the file failed.
    #[error("Could not read or write the key file {path}: {source}")]
    Io {
        /// The key file.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
}

/// An installation's public key. Serialised as the 32 key bytes in standard base64.
///
/// Only keys that decode to a valid curve point are accepted, and signatures are checked with
/// `verify_strict`, which also refuses weak (small-order) keys and malleable signatures.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey(VerifyingKey);

impl PublicKey {
    /// The key from its 32 bytes.
    ///
    /// # Errors
    /// [`KeyError::Damaged`] when the bytes are not a valid ed25519 public key.
    pub fn from_bytes(bytes: [u8; 32]) -> Result<Self, KeyError> {
        VerifyingKey::from_bytes(&bytes).map(PublicKey).map_err(|_| KeyError::Damaged)
    }

    /// The key's 32 bytes.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// A short code for reading the key aloud: the first 80 bits of SHA-256 of the key, in
    /// Crockford base32 (no I, L, O or U to mishear), as four groups of four: `K7QF-2M9D-XB4T-P8WA`.
    ///
    /// 80 bits means forging a key with the same fingerprint costs about 2^80 attempts.
    pub fn fingerprint(&self) -> Fingerprint {
        let digest = Sha256::digest(self.to_bytes());
        Fingerprint(base32::grouped(&base32::encode_prefix(&digest, 16)))
    }

    /// `true` when `signature` is this key's signature of `message` (ed25519 `verify_strict`).
    pub(crate) fn verifies(&self, message: &[u8], signature: &Signature) -> bool {
        self.0.verify_strict(message, signature).is_ok()
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.fingerprint())
    }
}

impl Serialize for PublicKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&BASE64.encode(self.to_bytes()))
    }
}

impl<'de> Deserialize<'de> for PublicKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        let bytes: [u8; 32] = BASE64
            .decode(text.as_bytes())
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or_else(|| D::Error::custom("a public key must be 32 bytes of base64"))?;
        PublicKey::from_bytes(bytes).map_err(|_| D::Error::custom("not a valid ed25519 public key"))
    }
}

/// A public key's fingerprint, e.g. `K7QF-2M9D-XB4T-P8WA`. See [`PublicKey::fingerprint`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fingerprint(String);

impl Fingerprint {
    /// The fingerprint as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a judge (or a second secretariat laptop) sends to be enrolled: who they say they are and
/// their public key, in a file signed by that same key (see [`Identity::enrolment_file`]).
///
/// The self-signature proves only that the file is intact and that the sender holds the private
/// key; that the key is the named person's is settled by reading the fingerprint over the phone.
/// [`crate::open`] checks that `public_key` is the key that signed the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    /// The person's name as they gave it.
    pub name: String,
    /// Their role, e.g. "Judge" or "Secretariat".
    pub role: String,
    /// The key to enrol.
    pub public_key: PublicKey,
    /// When the enrolment file was made.
    pub created_at: DateTime<Utc>,
}

impl Payload for Enrolment {
    const KIND: Kind = Kind::Enrolment;

    fn check_signer(&self, signer: &PublicKey) -> Result<(), String> {
        if &self.public_key == signer {
            Ok(())
        } else {
            Err("the enrolment names a different key from the one that signed it".to_owned())
        }
    }
}
