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
    // one row in Excel, while an empty line (which the csv reader skips silently) is a blank row.
    // So the row number is the line the record ends on, found from the bytes consumed so far, less
    // every line break inside quoted cells up to and including this record.
    let mut lines = LineCounter::default();
    let mut breaks_inside_cells: usize = 0;
    let mut last_number: usize = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // With a UTF-8 string as input and flexible rows, the reader has nothing left to refuse;
            // should that change, say so plainly rather than guess.
            Err(_) => return Err(ReadError::NotReadable),
        }
        let consumed = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX).min(text.len());
        let last_line = lines.line_of_record_ending_at(text.as_bytes(), consumed);
        breaks_inside_cells += record.iter().map(|c| line_breaks(c.as_bytes())).sum::<usize>();
        // Never behind the previous row, whatever odd line endings a file has.
        let number = last_line.saturating_sub(breaks_inside_cells).max(last_number + 1);
        // Empty lines the reader skipped.
        for _ in (last_number + 1)..number {
            grid.push(0, Vec::new())?;
        }
        last_number = number;
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        grid.push(number, cells)?;
    }
    Ok(grid)
}

/// Line breaks as Excel counts them: CRLF, LF or a lone CR, each one break.
fn line_breaks(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut after_cr = false;
    for &b in bytes {
        count += usize::from(b == b'\r' || (b == b'\n' && !after_cr));
        after_cr = b == b'\r';
    }
    count
}

/// Counts line breaks in the text as the reader consumes it, so the whole file is scanned once.
#[derive(Debug, Default)]
struct LineCounter {
    counted_to: usize,
    breaks: usize,
    after_cr: bool,
}

impl LineCounter {
    /// The 1-based line on which the record that the reader finished at byte `end` ends. The first
    /// byte of a record's terminator is consumed with the record, so a terminated record ends on
    /// the line its terminator closes; a last record with no terminator ends on the next line.
    fn line_of_record_ending_at(&mut self, text: &[u8], end: usize) -> usize {
        for &b in &text[self.counted_to..end] {
            self.breaks += usize::from(b == b'\r' || (b == b'\n' && !self.after_cr));
            self.after_cr = b == b'\r';
        }
        self.counted_to = end;
        let terminated = end > 0 && matches!(text[end - 1], b'\r' | b'\n');
        if terminated {
            self.breaks
        } else {
            self.breaks + 1
        }
    }
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
    if sample.len() < 4 || !sample.len().is_multiple_of(2) && sample.len() == bytes.len() {
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
    let mut in_header = false;
    for b in text.bytes() {
        match b {
            // Leading blank lines come before the header; the first non-empty line decides.
            b'\n' | b'\r' if !quoted && in_header => break,
            b'\n' | b'\r' if !quoted => {}
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b'\t' if !quoted => counts[1] += 1,
            b';' if !quoted => counts[2] += 1,
            _ => {}
        }
        in_header |= !matches!(b, b'\n' | b'\r');
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
        assert_eq!(
            sniff_delimiter("Only one question\n"),
            b',',
            "a one-column file reads the same either way"
        );
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
        let file = format!("Title,Summary\nA\u{7}b,{}\n", "An answer of ordinary length. ".repeat(5));
        assert!(looks_like_text(&file), "one stray bell in an answer is tolerated");
    }
}
