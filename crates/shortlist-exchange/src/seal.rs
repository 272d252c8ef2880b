//! Optional sealing of a signed file with a passphrase, for bundles that carry OFFICIAL-SENSITIVE
//! material on a memory stick.
//!
//! A sealed file is the line `SHORTLIST-SEALED 1\n` followed by an [age] file encrypted to an
//! scrypt passphrase recipient. We sign first and seal second: the signature covers the plain
//! signed file, so [`crate::FileId`]s and receipts are the same whether or not a file was
//! sealed, and the reader verifies the signature after unsealing as for any file.
//!
//! The passphrase travels separately (read out over the phone). The age scrypt work factor is
//! age's own default, tuned to about a second on the sealing machine; unsealing refuses files
//! that ask for much more than that (see [`OpenError::ExcessiveWork`]).
//!
//! [age]: https://age-encryption.org/v1

use std::fmt;
use std::io::{Read as _, Write as _};
use std::iter;

use age::secrecy::SecretString;

use crate::envelope::{OpenError, MAX_FILE_BYTES};

/// The first line of a sealed file.
pub(crate) const SEALED_MAGIC: &[u8] = b"SHORTLIST-SEALED 1\n";

/// A passphrase for sealing. Its `Debug` never shows it, and age's `SecretString` wipes it
/// from memory when dropped.
#[derive(Clone)]
pub struct Passphrase(SecretString);

impl Passphrase {
    /// Wraps the passphrase a person typed.
    pub fn new(passphrase: impl Into<String>) -> Self {
        Passphrase(SecretString::from(passphrase.into()))
    }

    /// The passphrase itself, to hand to another library that needs it as text (SQLCipher's
    /// key for a protected data folder). Never log or display it.
    pub fn expose(&self) -> &str {
        use age::secrecy::ExposeSecret as _;
        self.0.expose_secret()
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(<hidden>)")
    }
}

/// Why sealing failed.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    /// The passphrase is empty.
    #[error("Enter a passphrase to seal the file.")]
    EmptyPassphrase,
    /// age could not encrypt (an I/O error writing to memory: not expected in practice).
    #[error("The file could not be sealed: {0}")]
    Encrypt(String),
}

/// `true` when `bytes` start like a sealed file, so the app can ask for a passphrase.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(SEALED_MAGIC)
}

/// Seals `signed` (a file from [`crate::sign`]) with `passphrase`, using age's default scrypt
/// work factor (about one second on this machine).
///
/// # Errors
/// [`SealError::EmptyPassphrase`] for an empty passphrase.
pub fn seal(signed: &[u8], passphrase: &Passphrase) -> Result<Vec<u8>, SealError> {
    seal_with_recipient(signed, age::scrypt::Recipient::new(passphrase.0.clone()), passphrase)
}

/// As [`seal`] with the scrypt work factor `N = 2^log_n` (1 ≤ `log_n` ≤ 30). For tests, where a
/// one-second key derivation per case would be too slow; real files use [`seal`].
///
/// # Errors
/// As [`seal`].
pub fn seal_with_work_factor(
    signed: &[u8],
    passphrase: &Passphrase,
    log_n: u8,
) -> Result<Vec<u8>, SealError> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.0.clone());
    recipient.set_work_factor(log_n.clamp(1, 30));
    seal_with_recipient(signed, recipient, passphrase)
}

fn seal_with_recipient(
    signed: &[u8],
    recipient: age::scrypt::Recipient,
    passphrase: &Passphrase,
) -> Result<Vec<u8>, SealError> {
    use age::secrecy::ExposeSecret as _;
    if passphrase.0.expose_secret().is_empty() {
        return Err(SealError::EmptyPassphrase);
    }
    let encryptor = age::Encryptor::with_recipients(iter::once(&recipient as &dyn age::Recipient))
        .map_err(|e| SealError::Encrypt(e.to_string()))?;
    let mut sealed = SEALED_MAGIC.to_vec();
    let mut writer = encryptor.wrap_output(&mut sealed).map_err(|e| SealError::Encrypt(e.to_string()))?;
    writer
        .write_all(signed)
        .and_then(|()| writer.finish().map(drop))
        .map_err(|e| SealError::Encrypt(e.to_string()))?;
    Ok(sealed)
}

/// Unseals a file made by [`seal`], giving back the signed file inside — still to be opened
/// (and so verified) with [`crate::open`]. A file that is not sealed is returned as it is, so
/// callers can pass whatever the person chose.
///
/// # Errors
/// [`OpenError::WrongPassphrase`]; [`OpenError::Damaged`] or [`OpenError::Truncated`] when the
/// sealed file was changed or cut short (age authenticates every byte);
/// [`OpenError::ExcessiveWork`]; [`OpenError::TooLarge`].
pub fn unseal(bytes: &[u8], passphrase: &Passphrase) -> Result<Vec<u8>, OpenError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(OpenError::TooLarge(bytes.len() as u64));
    }
    let Some(sealed) = bytes.strip_prefix(SEALED_MAGIC) else {
        return Ok(bytes.to_vec());
    };
    let decryptor = age::Decryptor::new_buffered(sealed).map_err(decrypt_error)?;
    if !decryptor.is_scrypt() {
        return Err(OpenError::Damaged("it is not sealed with a passphrase".to_owned()));
    }
    let identity = age::scrypt::Identity::new(passphrase.0.clone());
    let mut reader = decryptor.decrypt(iter::once(&identity as &dyn age::Identity)).map_err(decrypt_error)?;
    let mut signed = Vec::new();
    reader
        .by_ref()
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut signed)
        .map_err(|_| OpenError::Damaged("its sealed contents have been changed".to_owned()))?;
    if signed.len() > MAX_FILE_BYTES {
        return Err(OpenError::TooLarge(signed.len() as u64));
    }
    Ok(signed)
}

/// Reads, unseals if sealed, and opens a file in one call.
///
/// # Errors
/// As [`unseal`] and [`crate::open`].
pub fn open_sealed<T: crate::Payload>(
    bytes: &[u8],
    passphrase: &Passphrase,
) -> Result<crate::Verified<T>, OpenError> {
    crate::open(&unseal(bytes, passphrase)?)
}

fn decrypt_error(error: age::DecryptError) -> OpenError {
    use age::DecryptError as E;
    match error {
        // The scrypt stanza fails to unwrap under a wrong passphrase.
        E::DecryptionFailed | E::KeyDecryptionFailed | E::NoMatchingKeys => OpenError::WrongPassphrase,
        E::ExcessiveWork { .. } => OpenError::ExcessiveWork,
        E::UnknownFormat => OpenError::UnknownFormat("a newer kind of seal".to_owned()),
        E::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            OpenError::Truncated("the sealed contents are cut short")
        }
        E::InvalidHeader | E::InvalidMac | E::Io(_) => {
            OpenError::Damaged("its seal has been changed or damaged".to_owned())
        }
        // age's error enum grows with its features (plugins); none of those apply here.
        #[allow(unreachable_patterns)]
        _ => OpenError::Damaged("its seal could not be read".to_owned()),
    }
}
