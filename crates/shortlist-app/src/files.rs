//! Writing files people asked for (exports, packs) so that a crash or a full disk never leaves a
//! half-written file under the name they chose: write a temporary file beside it, flush it to
//! disk, then rename it into place.

use std::io::Write;
use std::path::Path;

use crate::{ApiError, ErrorCode};

/// Writes `bytes` to `dest` atomically, replacing any file already there.
pub fn write_atomically(dest: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    write_atomically_with(dest, |file| file.write_all(bytes).map_err(|e| save_failed(dest, &e)))
}

/// As [`write_atomically`], with `write` producing the content straight into the temporary
/// file, so a large file (a 3,000-page pack) is never held in memory whole. `write`'s own
/// error is returned as it is; the temporary file is removed on any failure.
pub(crate) fn write_atomically_with<T>(
    dest: &Path,
    write: impl FnOnce(&mut std::fs::File) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let dir = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.partial", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp).map_err(|e| save_failed(dest, &e))?;
        let value = write(&mut file)?;
        file.sync_all().map_err(|e| save_failed(dest, &e))?;
        std::fs::rename(&tmp, dest).map_err(|e| save_failed(dest, &e))?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

pub(crate) fn save_failed(dest: &Path, e: &std::io::Error) -> ApiError {
    ApiError::new(
        ErrorCode::Internal,
        format!(
            "Shortlist could not save {} ({e}). Nothing was written there: check the folder exists, \
             that you can save files in it and that the disk is not full, then try again.",
            dest.display()
        ),
    )
}
