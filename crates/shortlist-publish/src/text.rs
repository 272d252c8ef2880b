//! Small text rules shared by the outputs: escaping for HTML, guarding CSV cells, finding
//! email addresses and names in free text, and safe file names.

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A cell that a spreadsheet will not run as a formula. Cells that begin with `=`, `+`, `-`,
/// `@`, a tab or a carriage return are formulas to Excel (CSV injection); an apostrophe in
/// front makes them text, as the NCSC and OWASP advise. Numbers are never passed through here.
pub(crate) fn csv_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_owned(),
    }
}

fn local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._%+-'!#$&*/=?^`{|}~".contains(c) || !c.is_ascii()
}

fn domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '.' || !c.is_ascii()
}

/// The byte ranges of everything in `s` that looks like an email address: a run of
/// local-part characters, `@`, and a domain with a dot in it. Deliberately generous (it
/// accepts non-ASCII and odd punctuation): text that only looks like an address is removed
/// too, which costs a reader little, while a real address that slipped through would be a
/// breach.
pub(crate) fn email_spans(s: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for (at, _) in s.match_indices('@') {
        let start = s[..at].char_indices().rev().take_while(|(_, c)| local_char(*c)).last().map(|(i, _)| i);
        let Some(start) = start else { continue };
        let domain: String = s[at + 1..].chars().take_while(|c| domain_char(*c)).collect();
        let domain_trimmed = domain.trim_end_matches(['.', '-']);
        if !domain_trimmed.contains('.') || domain_trimmed.starts_with('.') {
            continue;
        }
        let end = at + 1 + domain_trimmed.len();
        if spans.last().is_some_and(|&(_, e)| e > start) {
            continue;
        }
        spans.push((start, end));
    }
    spans
}

/// Where `needle` occurs in `haystack`, ignoring case, as byte ranges of `haystack`. Compared
/// character by character (each lowercased), so lengths that change under lowercasing cannot
/// misalign the ranges.
fn find_ignoring_case(haystack: &str, needle: &str) -> Vec<(usize, usize)> {
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut from = 0;
    for (start, _) in haystack.char_indices() {
        if start < from {
            continue;
        }
        let mut want = needle.iter();
        let mut end = start;
        let mut matched = false;
        for (i, c) in haystack[start..].char_indices() {
            let mut ok = true;
            for lc in c.to_lowercase() {
                match want.next() {
                    Some(w) if *w == lc => {}
                    _ => ok = false,
                }
            }
            if !ok {
                break;
            }
            end = start + i + c.len_utf8();
            if want.len() == 0 {
                matched = true;
                break;
            }
        }
        if matched {
            found.push((start, end));
            from = end;
        }
    }
    found
}

/// `s` with every email address replaced by `[email address removed]` and every one of
/// `names` (whole, ignoring case and runs of spaces) by `[name removed]`.
pub(crate) fn redact(s: &str, names: &[String]) -> String {
    let mut out = collapse_spaces(s);
    let mut spans = email_spans(&out);
    while let Some((start, end)) = spans.pop() {
        out.replace_range(start..end, "[email address removed]");
    }
    for name in names {
        let name = collapse_spaces(name);
        if name.chars().count() < 2 {
            continue;
        }
        let mut spans = find_ignoring_case(&out, &name);
        while let Some((start, end)) = spans.pop() {
            out.replace_range(start..end, "[name removed]");
        }
    }
    out
}

/// Runs of spaces and tabs made one space (line breaks kept), so a name typed with two spaces
/// is still found.
fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == ' ' || c == '\t' || c == '\u{a0}' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// A file-name-safe ASCII slug: letters and digits kept (accents dropped where the letter is
/// Latin), everything else a single hyphen. Never empty.
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = fold_latin(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "x".to_owned()
    } else {
        out
    }
}

/// The common accented Latin letters as their base letter, for file names.
fn fold_latin(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' | 'Ŷ' | 'ŷ' => 'y',
        'ŵ' | 'Ŵ' => 'w',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_addresses_in_running_text() {
        let s = "Write to jo.bloggs+ideas@cabinetoffice.gov.uk. Or @someone, or a@b.";
        let spans = email_spans(s);
        assert_eq!(spans.len(), 1, "a handle and a dotless domain are not addresses: {spans:?}");
        assert_eq!(&s[spans[0].0..spans[0].1], "jo.bloggs+ideas@cabinetoffice.gov.uk");
    }

    #[test]
    fn redacts_names_whatever_their_case_and_spacing() {
        let out = redact("Thanks to JANE  smith and jane smith's team", &["Jane Smith".into()]);
        assert_eq!(out, "Thanks to [name removed] and [name removed]'s team");
    }

    #[test]
    fn redaction_survives_letters_that_grow_when_lowercased() {
        // 'İ' lowercases to two chars: the byte ranges must still line up.
        let out = redact("İİ Öz said hi; öz too", &["Öz".into()]);
        assert_eq!(out, "İİ [name removed] said hi; [name removed] too");
    }

    #[test]
    fn slugs_are_ascii_file_names() {
        assert_eq!(slug("Siân O'Brien"), "sian-o-brien");
        assert_eq!(slug("日本"), "x");
    }
}
