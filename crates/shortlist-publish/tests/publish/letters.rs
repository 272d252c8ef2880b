use mail_parser::{MessageParser, MimeHeaders};
use shortlist_domain::{Marking, Reference, Stage};
use shortlist_publish::letters::{
    self, combined_document, eml, plan, IdeaOutcome, LetterSettings, MergeField, Outcome, Problem, Recipient,
    Template, TemplateError, Templates,
};

use crate::{at, day, out_dir, words};

fn settings() -> LetterSettings {
    LetterSettings {
        challenge: "Civil Service Data Challenge 2021".into(),
        sender: "The Data Challenge secretariat".into(),
        from_name: "Data Challenge secretariat".into(),
        from_email: "data.challenge@cabinetoffice.gov.uk".into(),
        date: day(),
        made_at: at(),
        marking: Marking::Official,
        feedback_from_reasons: true,
    }
}

fn person(name: &str, email: &str, lead: bool) -> Recipient {
    Recipient { name: name.into(), email: email.into(), lead }
}

fn outcome(n: i64, outcome: Outcome, stage: Stage, recipients: Vec<Recipient>) -> IdeaOutcome {
    IdeaOutcome {
        reference: Reference::new("DC21", n),
        title: "Predicting demand for court interpreters".into(),
        outcome,
        stage_reached: stage,
        reasons: "The panel found the data too patchy across regions to test this year.".into(),
        evaluation_summary: "Strong benefits; the data sharing agreement would take over a year.".into(),
        feedback: String::new(),
        recipients,
    }
}

#[test]
fn the_default_templates_use_only_known_fields() {
    Templates::default().check().expect("the shipped templates are valid");
    assert!(
        Templates::default().fields(Outcome::NotProgressed).contains(&MergeField::Feedback),
        "the not-progressed letter carries feedback"
    );
}

#[test]
fn an_unknown_placeholder_is_named_in_the_error() {
    let t = Templates {
        winner: Template { subject: "Well done {{nmae}}".into(), body: "Dear {{name}}".into() },
        ..Templates::default()
    };
    let err = t.check().expect_err("{{nmae}} is a typo");
    assert!(
        matches!(&err, TemplateError::UnknownField { field, part: "subject", outcome: "Winner", .. } if field == "nmae"),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("{{nmae}}") && message.contains("{{name}}"),
        "it names the typo and the choices: {message}"
    );
    let err = plan(&[], &t, &settings()).expect_err("nothing merges with a broken template");
    assert!(matches!(err, TemplateError::UnknownField { .. }));
}

#[test]
fn an_unclosed_placeholder_is_an_error() {
    let mut t = Templates::default();
    t.progressed.body = "Dear {{name".into();
    assert_eq!(t.check(), Err(TemplateError::Unclosed { outcome: "Progressed", part: "body" }));
}

#[test]
fn every_submitter_and_co_submitter_gets_a_merged_letter() {
    let idea = outcome(
        42,
        Outcome::NotProgressed,
        Stage::SemiFinal,
        vec![
            person("Siân Ó Briain", "sian@justice.gov.uk", true),
            person("Tom Clarke", "tom@justice.gov.uk", false),
            person("Tom Clarke", "TOM@justice.gov.uk ", false),
        ],
    );
    let p = plan(&[idea], &Templates::default(), &settings()).expect("valid templates");
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.letters.len(), 2, "the same person named twice gets one letter");
    let l = &p.letters[0];
    assert_eq!(l.subject, "Your idea for the Civil Service Data Challenge 2021: DC21-0042");
    assert!(l.body.starts_with("Dear Siân Ó Briain,\n\n"), "{}", l.body);
    assert!(l.body.contains("did not go further than the semi-final stage"), "{}", l.body);
    assert!(
        l.body.contains("patchy across regions to test this year.\n\nStrong benefits"),
        "with no written feedback, the reasons and the evaluation summary stand in: {}",
        l.body
    );
    assert!(!l.body.contains("{{"), "every placeholder is merged");
    assert_eq!(l.file_stem, "DC21-0042-sian-o-briain");
    assert_eq!(p.letters[1].file_stem, "DC21-0042-tom-clarke");
}

#[test]
fn written_feedback_wins_over_the_reasons() {
    let mut idea =
        outcome(7, Outcome::NotProgressed, Stage::Shortlist, vec![person("Ann", "ann@x.gov.uk", true)]);
    idea.feedback = "Talk to the ONS data service about linked data.".into();
    let p = plan(&[idea], &Templates::default(), &settings()).expect("valid templates");
    assert!(p.letters[0].body.contains("Talk to the ONS"));
    assert!(!p.letters[0].body.contains("patchy"), "the reasons are not added to written feedback");
}

#[test]
fn the_pre_flight_list_says_which_letters_cannot_be_made_and_why() {
    let mut no_feedback =
        outcome(1, Outcome::NotProgressed, Stage::Longlist, vec![person("Ann Lee", "ann@x.gov.uk", true)]);
    no_feedback.reasons.clear();
    no_feedback.evaluation_summary.clear();
    let no_email = outcome(2, Outcome::Progressed, Stage::Shortlist, vec![person("Bo Diaz", "", true)]);
    let bad_email = outcome(3, Outcome::Winner, Stage::Winner, vec![person("Cy Obi", "cy at home", true)]);
    let p = plan(&[no_feedback, no_email, bad_email], &Templates::default(), &settings()).expect("valid");

    let problems: Vec<(&str, &Problem)> = p.problems.iter().map(|u| (u.name.as_str(), &u.problem)).collect();
    assert_eq!(
        problems,
        vec![
            ("Ann Lee", &Problem::Missing { field: MergeField::Feedback }),
            ("Bo Diaz", &Problem::NoEmail),
            ("Cy Obi", &Problem::BadEmail { email: "cy at home".into() }),
        ]
    );
    assert!(p.problems[0].problem.to_string().contains("write feedback"), "it says how to fix it");
    assert_eq!(p.letters.len(), 2, "no letter without its feedback; the others can still be printed");
    assert_eq!(p.draftable().count(), 0, "but none of them can be drafted as email");

    let mut strict = settings();
    strict.feedback_from_reasons = false;
    let idea = outcome(4, Outcome::NotProgressed, Stage::Longlist, vec![person("Di", "di@x.gov.uk", true)]);
    let p = plan(&[idea], &Templates::default(), &strict).expect("valid");
    assert_eq!(
        p.problems[0].problem,
        Problem::Missing { field: MergeField::Feedback },
        "reasons do not stand in for feedback unless the settings allow it"
    );
}

fn sample_letter() -> (letters::Letter, LetterSettings) {
    let mut idea = outcome(
        42,
        Outcome::NotProgressed,
        Stage::SemiFinal,
        vec![person("Siân Ó Briain, Data Lead", "sian.obriain@justice.gov.uk", true)],
    );
    idea.title =
        "Prédire la demande: a very long title that goes on well past what fits on one line of a mail header"
            .into();
    let s = settings();
    let p = plan(&[idea], &Templates::default(), &s).expect("valid");
    (p.letters[0].clone(), s)
}

#[test]
fn a_draft_is_rfc_5322_with_encoded_names_and_subject() {
    let (letter, s) = sample_letter();
    let bytes = eml(&letter, &s, None).expect("an address to draft to");
    let text = std::str::from_utf8(&bytes).expect("a draft is 7-bit ASCII");
    assert!(bytes.is_ascii(), "every non-ASCII character is encoded");
    assert!(!text.replace("\r\n", "").contains('\n'), "every line ends CRLF");
    for line in text.split("\r\n") {
        assert!(line.len() <= 78, "line longer than 78: {line:?}");
    }
    assert!(text.contains("\r\nX-Unsent: 1\r\n"), "opens as a draft");
    assert!(text.contains("=?utf-8?"), "RFC 2047 encoded words for the name");
    assert!(text.contains("Date: Fri, 10 Dec 2021 09:30:00 +0000"), "the date passed in, not the clock");
    assert_eq!(eml(&letter, &s, None).expect("again"), bytes, "the same letter gives the same bytes");

    let parsed = MessageParser::default().parse(&bytes).expect("a mail client can read it");
    assert_eq!(parsed.subject(), Some(letter.subject.as_str()), "the subject decodes back");
    let to = parsed.to().and_then(|a| a.first()).expect("one recipient");
    assert_eq!(to.name(), Some("Siân Ó Briain, Data Lead"), "a name with a comma stays one name");
    assert_eq!(to.address(), Some("sian.obriain@justice.gov.uk"));
    let body = parsed.body_text(0).expect("a text body").replace("\r\n", "\n");
    assert_eq!(body.trim_end(), letter.body.trim_end(), "the body decodes back to the letter");
}

#[test]
fn a_draft_can_carry_the_letter_as_a_pdf() {
    let (letter, s) = sample_letter();
    let pdf = shortlist_pdf::to_pdf(&letters::document(&letter, &s)).expect("the letter renders").bytes;
    let bytes = eml(&letter, &s, Some(&pdf)).expect("a draft");
    assert_eq!(eml(&letter, &s, Some(&pdf)).expect("again"), bytes, "the MIME boundary is not random");
    let parsed = MessageParser::default().parse(&bytes).expect("readable");
    let attachment = parsed.attachment(0).expect("one attachment");
    assert_eq!(attachment.attachment_name(), Some("DC21-0042-sian-o-briain-data-lead.pdf"));
    assert_eq!(attachment.contents(), pdf.as_slice());
    std::fs::write(out_dir().join("letter.eml"), &bytes).expect("write the sample draft");
}

#[test]
fn no_draft_without_an_address() {
    let idea = outcome(2, Outcome::Progressed, Stage::Shortlist, vec![person("Bo Diaz", "", true)]);
    let s = settings();
    let p = plan(&[idea], &Templates::default(), &s).expect("valid");
    let err = eml(&p.letters[0], &s, None).expect_err("no address");
    assert!(err.to_string().contains("Bo Diaz"), "{err}");
}

#[test]
fn letters_render_one_each_or_all_together() {
    let (letter, s) = sample_letter();
    let doc = letters::document(&letter, &s);
    assert_eq!(doc.marking.as_deref(), Some("OFFICIAL"));
    let all = words(&doc).join("\n");
    assert!(all.contains("Feedback on your idea:"));
    let pdf = shortlist_pdf::to_pdf(&doc).expect("renders").bytes;
    std::fs::write(out_dir().join("letter.pdf"), pdf).expect("write the sample letter");

    let mut other = letter.clone();
    other.recipient.name = "Tom Clarke".into();
    let combined = combined_document(&[letter, other], &s);
    let laid = shortlist_pdf::layout(&combined).expect("lays out");
    assert_eq!(laid.pages.len(), 2, "each letter starts a page");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Whatever people are called and whatever their idea's title, the draft stays 7-bit with
    /// CRLF lines of at most 78 characters, and a mail client reads back the same name,
    /// subject and body.
    #[test]
    fn any_name_and_title_round_trip_through_a_draft(
        name in "[A-Za-zÀ-ÿĀ-ſ一-龥 ,.'\"()-]{1,60}",
        title in "[A-Za-zÀ-ÿ€£“”‘’ :;,.!?-]{1,120}",
    ) {
        proptest::prop_assume!(!name.trim().is_empty() && !title.trim().is_empty());
        let mut idea = outcome(9, Outcome::Winner, Stage::Winner, vec![person(&name, "someone@example.gov.uk", true)]);
        idea.title = title;
        let mut templates = Templates::default();
        templates.winner.subject = "{{idea_title}} ({{reference}}) won, {{name}}".into();
        let s = settings();
        let p = plan(&[idea], &templates, &s).expect("valid");
        let letter = &p.letters[0];
        let bytes = eml(letter, &s, None).expect("a draft");
        proptest::prop_assert!(bytes.is_ascii());
        let text = std::str::from_utf8(&bytes).expect("ASCII");
        proptest::prop_assert!(!text.replace("\r\n", "").contains('\n'), "CRLF only");
        for line in text.split("\r\n") {
            proptest::prop_assert!(line.len() <= 78, "line over 78: {:?}", line);
        }
        let parsed = MessageParser::default().parse(&bytes).expect("readable");
        proptest::prop_assert_eq!(parsed.subject(), Some(letter.subject.as_str()));
        let to = parsed.to().and_then(|a| a.first()).expect("a recipient");
        proptest::prop_assert_eq!(to.name(), Some(letter.recipient.name.as_str()));
        let body = parsed.body_text(0).expect("a body").replace("\r\n", "\n");
        proptest::prop_assert_eq!(body.trim_end(), letter.body.trim_end());
    }
}
