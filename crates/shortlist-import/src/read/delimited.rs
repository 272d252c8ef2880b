//! CSV (and its semicolon- and tab-separated cousins) in whatever encoding Excel or a form wrote.
//!
//! Google Forms writes UTF-8 without a BOM; Excel's "CSV UTF-8" adds a BOM; Excel's plain "CSV"
//! on a UK Windows machine writes Windows-1252 ("Café", "£"); "Unicode Text" is UTF-16 with a BOM
//! and tabs; a European locale separates with semicolons. All arrive here.

use std::borrow::Cow;

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::{Grid, ReadError};

pub(super) fn read(bytes: &[u8]) -> Result<Grid, ReadError> {
    let text = decode(bytes);
    if !looks_like_text(&text) {
        return Err(ReadError::NotReadable);
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());

    let mut grid = Grid::default();
    let mut record = csv::StringRecord::new();
    // Spreadsheet rows are counted by record, not by line: a quoted answer spanning three lines is
    // one row in Excel. The csv crate reports the line a record starts on and skips empty lines
    // silently, so the row number is that line less the line breaks inside earlier quoted cells —
    // which also counts the skipped empty lines as the blank rows Excel shows for them.
    let mut breaks_inside_cells: u64 = 0;
    let mut last_number: usize = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // With a UTF-8 string as input and flexible rows, the reader has nothing left to refuse;
            // should that change, say so plainly rather than guess.
            Err(_) => return Err(ReadError::NotReadable),
        }
        let line = record.position().map_or(0, |p| p.line());
        let by_lines = usize::try_from(line.saturating_sub(breaks_inside_cells)).unwrap_or(usize::MAX);
        // Files ending lines with a bare CR (old Mac Excel) never advance the line count; numbering
        // by record keeps them right.
        let number = by_lines.max(last_number + 1);
        // Empty lines the reader skipped.
        for _ in (last_number + 1)..number {
            grid.push(0, Vec::new())?;
        }
        last_number = number;
        breaks_inside_cells += record.iter().map(|c| c.matches('\n').count() as u64).sum::<u64>();
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        grid.push(number, cells)?;
    }
    Ok(grid)
}

/// Decodes by BOM first, then by what the bytes are: valid UTF-8 is taken as UTF-8 (any file of
/// plain ASCII is too), UTF-16 without a BOM is recognised by its zero bytes, and everything else is
/// Windows-1252, which every byte sequence decodes as — the encoding Excel uses on UK Windows.
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8_or_1252(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return UTF_16LE.decode_without_bom_handling(rest).0;
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return UTF_16BE.decode_without_bom_handling(rest).0;
    }
    match utf16_without_bom(bytes) {
        Some(true) => UTF_16LE.decode_without_bom_handling(bytes).0,
        Some(false) => UTF_16BE.decode_without_bom_handling(bytes).0,
        None => utf8_or_1252(bytes),
    }
}

fn utf8_or_1252(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

/// Some(true) for little-endian UTF-16, Some(false) for big-endian: mostly-English text in UTF-16
/// has a zero byte in every other position, which no CSV in an 8-bit encoding has.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096)];
    if sample.len() < 4 || sample.len() % 2 != 0 && sample.len() == bytes.len() {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_at = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    let (even, odd) = (zero_at(0), zero_at(1));
    if odd * 10 >= pairs * 9 && even == 0 {
        Some(true)
    } else if even * 10 >= pairs * 9 && odd == 0 {
        Some(false)
    } else {
        None
    }
}

/// Real exports hold letters, digits, punctuation, tabs and line breaks. A file with zero bytes or
/// many other control characters is binary (a PDF, an image, a Word file) and would otherwise be
/// "read" as one garbled row; better to say it is the wrong file.
fn looks_like_text(text: &str) -> bool {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars().take(64 * 1024) {
        chars += 1;
        if c == '\0' {
            return false;
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            controls += 1;
        }
    }
    // One stray control character in a pasted answer is not a reason to refuse a whole file.
    controls * 100 <= chars
}

/// Picks the separator that appears most often in the header line, outside quotes. The header is
/// the best witness: question texts contain commas less often than answers do, and every column
/// has one. Ties go to the comma, then tab, then semicolon.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => {
                if counts.iter().any(|c| *c > 0) {
                    break;
                }
            }
            b',' if !quoted => counts[0] += 1,
            b'\t' if !quoted => counts[1] += 1,
            b';' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b'\t', b';'];
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_one_the_header_uses_outside_quotes() {
        assert_eq!(sniff_delimiter("a,b,c\n1;2;3;4;5"), b',', "only the header line decides");
        assert_eq!(sniff_delimiter("\"a;b\";c,d;e\n"), b';', "a separator inside quotes does not count");
        assert_eq!(sniff_delimiter("a\tb\tc\r\n"), b'\t');
        assert_eq!(sniff_delimiter("Only one question\n"), b',', "a one-column file reads the same either way");
    }

    #[test]
    fn windows_1252_is_the_fallback_for_bytes_that_are_not_utf8() {
        assert_eq!(decode(b"Caf\xE9 \xA3"), "Café £", "Excel's plain CSV on UK Windows");
        assert_eq!(decode("Café £".as_bytes()), "Café £", "valid UTF-8 is taken as it is");
        assert_eq!(decode(b"\xEF\xBB\xBFCaf\xC3\xA9"), "Café", "the BOM is dropped");
    }

    #[test]
    fn utf16_without_a_bom_is_recognised_by_its_zero_bytes() {
        let le: Vec<u8> = "ID\tName\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = "ID\tName\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le), "ID\tName\n");
        assert_eq!(decode(&be), "ID\tName\n");
    }

    #[test]
    fn binary_content_is_not_text() {
        assert!(!looks_like_text("%PDF-1.7\0\0"), "a zero byte never appears in a real export");
        assert!(looks_like_text("Title,Summary\nA\u{7}b,c\n"), "one stray bell in an answer is tolerated");
    }
}
