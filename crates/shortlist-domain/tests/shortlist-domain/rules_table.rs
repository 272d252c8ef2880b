//! The rules the UI shows, rendered from Rust as `ui/src/lib/rules.generated.ts`: the stages in
//! their order with their names, the panel stages, the words of every coded value, and which
//! scores need a comment. The UI's pages carry only codes; the words and the comment rule come
//! from here, so the screens read as the history, the packs and the backend's refusals do.
//!
//! The test fails when the committed file is stale; regenerate it with
//! `UPDATE_RULES=1 cargo test -p shortlist-domain rules_table` and commit it with the change.

use std::fmt::Write as _;
use std::path::Path;

use shortlist_domain::{
    Beneficiary, BenefitKind, Confidence, ConflictKind, CostBand, DataAvailability, DataQuality,
    DecisionKind, Eligibility, ObstacleCategory, ObstacleStatus, Paperwork, Rag, Recommendation, Stage,
    TimeToValue, UnderWay, UserRole, PANEL_STAGES,
};
use shortlist_scoring::{Band, Rubric, RubricDraft, Scale, EXTREME_BANDS};

/// Where the table is committed, from this crate's folder.
const TABLE: &str = "../../ui/src/lib/rules.generated.ts";

/// A string as a TypeScript literal (JSON's quoting is TypeScript's).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

/// `{ value: "…", label: "…" }` for each code and label, one a line.
fn choices(out: &mut String, indent: &str, items: impl IntoIterator<Item = (&'static str, &'static str)>) {
    for (code, label) in items {
        writeln!(out, "{indent}{{ value: {}, label: {} }},", quoted(code), quoted(label))
            .expect("a String takes writes");
    }
}

/// Each coded type the forms show: its name in the bindings, and its codes and labels in the
/// order of its `ALL`.
macro_rules! coded {
    ($($name:ident),+ $(,)?) => {
        [$((stringify!($name), $name::ALL.iter().map(|v| (v.code(), v.label())).collect::<Vec<_>>())),+]
    };
}

fn band(min: i32, max: i32) -> Band {
    Band { min, max, label: format!("{min} to {max}"), description: String::new() }
}

/// Rubrics whose comment rule the UI's tests check their own against: the three templates, and
/// drafts with one, two and three bands, entered out of order as a person might.
fn comment_examples() -> Vec<(String, Vec<Band>, Rubric)> {
    let mut out: Vec<(String, Vec<Band>, Rubric)> = [
        shortlist_scoring::challenge_default(),
        shortlist_scoring::innovate_uk_style(),
        shortlist_scoring::green_book_five_cases(),
    ]
    .into_iter()
    .map(|r| (r.name().to_owned(), r.bands().to_vec(), r))
    .collect();
    let drafts = [
        ("One band for the whole scale", vec![band(1, 5)]),
        ("Two bands, the higher entered first", vec![band(4, 5), band(1, 3)]),
        ("Three bands, entered out of order", vec![band(4, 5), band(1, 1), band(2, 3)]),
    ];
    for (name, bands) in drafts {
        let draft = RubricDraft {
            name: name.to_owned(),
            scale: Scale::new(1, 5),
            criteria: shortlist_scoring::challenge_default().criteria().to_vec(),
            bands: bands.clone(),
        };
        let rubric = draft.validate().expect("the example is a valid rubric");
        out.push((rubric.name().to_owned(), bands, rubric));
    }
    out
}

fn render() -> String {
    let mut out = String::new();
    let w = &mut out;
    let line = |w: &mut String, text: &str| {
        w.push_str(text);
        w.push('\n');
    };
    line(
        w,
        "// Generated from the Rust rules by crates/shortlist-domain/tests/shortlist-domain/rules_table.rs:",
    );
    line(w, "// do not edit. Regenerate with");
    line(w, "// UPDATE_RULES=1 cargo test -p shortlist-domain rules_table");
    line(w, "");
    line(w, "/** Every stage, in the order of the ladder and then the ways out (`Stage::ALL`), with its name (`Stage::label`). */");
    line(w, "export const STAGES = [");
    choices(w, "  ", Stage::ALL.iter().map(|s| (s.code(), s.label())));
    line(w, "] as const;");
    line(w, "");
    line(w, "/** The stages at which a panel of judges scores ideas (`PANEL_STAGES`). */");
    let panel: Vec<String> = PANEL_STAGES.iter().map(|s| quoted(s.code())).collect();
    writeln!(w, "export const PANEL_STAGES = [{}] as const;", panel.join(", "))
        .expect("a String takes writes");
    line(w, "");
    line(w, "/**");
    line(
        w,
        " * The words of each coded value (`label()`), by its type's name in the bindings, in the order of",
    );
    line(w, " * the type's `ALL`: the order the forms list them in.");
    line(w, " */");
    line(w, "export const CHOICES = {");
    let coded = coded![
        ConflictKind,
        Rag,
        DataAvailability,
        DataQuality,
        Paperwork,
        CostBand,
        TimeToValue,
        Beneficiary,
        BenefitKind,
        Confidence,
        ObstacleCategory,
        ObstacleStatus,
        Recommendation,
        Eligibility,
        UnderWay,
        DecisionKind,
        UserRole,
    ];
    for (name, values) in coded {
        writeln!(w, "  {name}: [").expect("a String takes writes");
        choices(w, "    ", values);
        line(w, "  ],");
    }
    line(w, "} as const;");
    line(w, "");
    line(w, "/**");
    line(w, " * How many bands at each end of a rubric's scale are extreme: a score in one of them needs a");
    line(w, " * comment saying why, when the round asks for one (`shortlist_scoring::EXTREME_BANDS`).");
    line(w, " */");
    writeln!(w, "export const EXTREME_BANDS = {EXTREME_BANDS};").expect("a String takes writes");
    line(w, "");
    line(w, "/**");
    line(w, " * Rubrics' bands as entered, and for each score from just below the scale to just above it");
    line(
        w,
        " * whether `Rubric::requires_comment` asks for a comment: the UI's tests hold its own reading to",
    );
    line(w, " * these.");
    line(w, " */");
    line(w, "export const COMMENT_EXAMPLES = [");
    for (name, bands, rubric) in comment_examples() {
        let scale = rubric.scale();
        let scores: Vec<i32> = (scale.min - 1..=scale.max + 1).collect();
        let bands: Vec<String> =
            bands.iter().map(|b| format!("{{ min: {}, max: {} }}", b.min, b.max)).collect();
        let scores_text: Vec<String> = scores.iter().map(i32::to_string).collect();
        let needs: Vec<String> = scores.iter().map(|&s| rubric.requires_comment(s).to_string()).collect();
        line(w, "  {");
        writeln!(w, "    rubric: {},", quoted(&name)).expect("a String takes writes");
        writeln!(w, "    bands: [{}],", bands.join(", ")).expect("a String takes writes");
        writeln!(w, "    scores: [{}],", scores_text.join(", ")).expect("a String takes writes");
        writeln!(w, "    needsComment: [{}],", needs.join(", ")).expect("a String takes writes");
        line(w, "  },");
    }
    line(w, "] as const;");
    out
}

/// The committed table must be the one the Rust rules render, or the UI would show words and
/// ask for comments where the backend does not.
#[test]
fn committed_rules_table_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(TABLE);
    let fresh = render();
    if std::env::var_os("UPDATE_RULES").is_some() {
        std::fs::write(&path, &fresh).expect("write the rules table");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/rules.generated.ts is stale: regenerate it with \
         `UPDATE_RULES=1 cargo test -p shortlist-domain rules_table` and commit it"
    );
}
