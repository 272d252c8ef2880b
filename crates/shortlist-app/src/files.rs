//! Writing files people asked for (exports, packs) so that a crash or a full disk never leaves a
//! half-written file under the name they chose: write a temporary file beside it, flush it to
//! disk, then rename it into place.

use std::io::Write;
use std::path::Path;

use crate::{ApiError, ErrorCode};

/// Writes `bytes` to `dest` atomically, replacing any file already there.
pub fn write_atomically(dest: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    let fail = |e: std::io::Error| {
        ApiError::new(
            ErrorCode::Internal,
            format!(
                "Shortlist could not save {} ({e}). Nothing was written there: check the folder exists, \
                 that you can save files in it and that the disk is not full, then try again.",
                dest.display()
            ),
        )
    };
    let dir = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.partial", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, dest)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    Ok(())
}
