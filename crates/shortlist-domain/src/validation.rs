//! Field-level validation results, shaped for the GOV.UK error-summary pattern: each message names
//! the field it belongs to so the UI can link the summary to the field and repeat it beside it.

use serde::Serialize;
use specta::Type;

/// One problem with one field of a form, in words a civil servant understands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct FieldError {
    /// The input's field name as the UI knows it (camelCase, e.g. `submitterName`).
    pub field: String,
    /// What is wrong and how to fix it, e.g. "Enter a title".
    pub message: String,
}

/// Every problem found in one submitted form, in the order of the form's fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Invalid {
    pub errors: Vec<FieldError>,
}

impl Invalid {
    pub(crate) fn push(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError { field: field.to_owned(), message: message.into() });
    }

    pub(crate) fn into_result<T>(self, ok: impl FnOnce() -> T) -> Result<T, Invalid> {
        if self.errors.is_empty() {
            Ok(ok())
        } else {
            Err(self)
        }
    }

    /// The message for one field, if it has one.
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let messages: Vec<&str> = self.errors.iter().map(|e| e.message.as_str()).collect();
        f.write_str(&messages.join("; "))
    }
}

impl std::error::Error for Invalid {}

/// Checks one required free-text field: trims it, and refuses it when empty, too long or holding
/// control characters (which arrive from pasted spreadsheet cells and break PDFs and CSVs).
pub(crate) fn required_text(
    invalid: &mut Invalid,
    field: &str,
    value: &str,
    label: &str,
    if_empty: &str,
    max_chars: usize,
    multiline: bool,
) -> String {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        invalid.push(field, if_empty);
    } else if trimmed.chars().count() > max_chars {
        invalid.push(field, format!("{label} must be {} characters or fewer", group_thousands(max_chars)));
    } else if trimmed.chars().any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t' || c == '\r')))
    {
        invalid.push(
            field,
            format!("{label} must not contain hidden control characters: retype it rather than pasting it"),
        );
    }
    if multiline {
        trimmed.replace("\r\n", "\n")
    } else {
        trimmed.to_owned()
    }
}

/// Checks an optional free-text field: trimmed; empty is fine; too long or control characters are
/// refused as for [`required_text`].
pub(crate) fn optional_text(
    invalid: &mut Invalid,
    field: &str,
    value: &str,
    label: &str,
    max_chars: usize,
    multiline: bool,
) -> String {
    if value.trim().is_empty() {
        return String::new();
    }
    required_text(invalid, field, value, label, "", max_chars, multiline)
}

/// Reads the three boxes of a GOV.UK date input, with the pattern's own messages.
pub(crate) fn parse_date_parts(
    invalid: &mut Invalid,
    field: &str,
    label: &str,
    day: &str,
    month: &str,
    year: &str,
) -> Option<chrono::NaiveDate> {
    let (d, m, y) = (day.trim(), month.trim(), year.trim());
    let missing: Vec<&str> = [("day", d), ("month", m), ("year", y)]
        .iter()
        .filter(|(_, v)| v.is_empty())
        .map(|(n, _)| *n)
        .collect();
    if missing.len() == 3 {
        invalid.push(field, format!("Enter the {}", label.to_lowercase()));
        return None;
    }
    if !missing.is_empty() {
        invalid.push(field, format!("{label} must include a {}", missing.join(" and ")));
        return None;
    }
    let parsed = (|| {
        let y: i32 = y.parse().ok()?;
        if y.to_string().len() != 4 {
            return None;
        }
        chrono::NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
    })();
    if parsed.is_none() {
        invalid.push(field, format!("{label} must be a real date, like 14 5 2021"));
    }
    parsed
}

/// `5000` → `"5,000"`, as GOV.UK style writes numbers.
pub fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_as_govuk_style_writes_them() {
        assert_eq!(group_thousands(5), "5");
        assert_eq!(group_thousands(150), "150");
        assert_eq!(group_thousands(5000), "5,000");
        assert_eq!(group_thousands(1234567), "1,234,567");
    }
}
