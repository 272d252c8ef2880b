use base64::Engine;
use proptest::prelude::*;
use sha2::{Digest, Sha256};
use shortlist_domain::{Reference, Stage};
use shortlist_publish::longlist::{published, site, LonglistEntry, Person, SiteFile, SiteSettings};

use crate::day;

fn settings() -> SiteSettings {
    SiteSettings {
        challenge: "Civil Service Data Challenge 2021".into(),
        publisher: "Cabinet Office".into(),
        introduction: String::new(),
        published_on: day(),
    }
}

fn person(name: &str, email: &str, consent: bool) -> Person {
    Person { name: name.into(), email: email.into(), consent }
}

/// A small longlist with every case: consent, refusal, a name and an address in the free text.
pub fn sample() -> Vec<LonglistEntry> {
    vec![
        LonglistEntry {
            reference: Reference::new("DC21", 1),
            title: "Predicting demand for court interpreters".into(),
            summary: "Use bookings data to forecast which languages each court will need, weeks ahead.\n\n\
                      Built with Priya Shah (priya.shah@justice.gov.uk)."
                .into(),
            department: "Ministry of Justice".into(),
            themes: vec!["Justice".into(), "Operations".into()],
            stage_reached: Stage::Winner,
            people: vec![
                person("Siân Ó Briain", "sian@justice.gov.uk", true),
                person("Priya Shah", "priya.shah@justice.gov.uk", false),
            ],
        },
        LonglistEntry {
            reference: Reference::new("DC21", 2),
            title: "One register of public land".into(),
            summary: "Join the land registers so surplus public land can be found for housing.".into(),
            department: "HM Land Registry".into(),
            themes: vec!["Housing".into()],
            stage_reached: Stage::Shortlist,
            people: vec![person("Tom Clarke", "tom.clarke@landregistry.gov.uk", false)],
        },
        LonglistEntry {
            reference: Reference::new("DC21", 3),
            title: "Earlier help for families <at risk> & in debt".into(),
            summary: "Link benefit and council tax arrears data to offer help before a crisis.".into(),
            department: "Department for Work and Pensions".into(),
            themes: vec!["Welfare".into(), "Local government".into()],
            stage_reached: Stage::Longlist,
            people: vec![person("Dafydd Jones", "dafydd.jones@dwp.gov.uk", true)],
        },
    ]
}

fn file<'a>(files: &'a [SiteFile], path: &str) -> &'a str {
    let f = files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path} is in the site"));
    std::str::from_utf8(&f.bytes).expect("UTF-8")
}

#[test]
fn the_site_has_an_index_a_page_per_idea_and_the_data() {
    let files = site(&sample(), &settings()).expect("a site");
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "index.html",
            "ideas/DC21-0001.html",
            "ideas/DC21-0002.html",
            "ideas/DC21-0003.html",
            "longlist.csv",
            "longlist.json"
        ]
    );
    let json: serde_json::Value = serde_json::from_str(file(&files, "longlist.json")).expect("valid JSON");
    assert_eq!(json["ideas"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["ideas"][0]["submittedBy"], serde_json::json!(["Siân Ó Briain"]));
    let rows = csv::Reader::from_reader(file(&files, "longlist.csv").as_bytes()).records().count();
    assert_eq!(rows, 3);
}

#[test]
fn consent_decides_whose_name_appears_and_no_address_ever_does() {
    let ideas = published(&sample());
    assert_eq!(ideas[0].submitted_by, vec!["Siân Ó Briain"]);
    assert!(ideas[1].submitted_by.is_empty(), "Tom Clarke did not consent");
    assert_eq!(
        ideas[0].summary,
        "Use bookings data to forecast which languages each court will need, weeks ahead.\n\n\
         Built with [name removed] ([email address removed]).",
        "a name without consent and an address are taken out of the free text too"
    );
}

#[test]
fn the_index_is_accessible_markup_with_no_outside_resources() {
    let files = site(&sample(), &settings()).expect("a site");
    let index = file(&files, "index.html");
    assert!(index.contains("<html lang=\"en-GB\""), "the language is declared");
    assert!(index.contains("<a href=\"#main-content\" class=\"govuk-skip-link\">"), "a skip link first");
    assert!(index.contains("<main class=\"govuk-main-wrapper\" id=\"main-content\">"), "its target is main");
    assert_eq!(index.matches("<h1").count(), 1, "one h1");
    assert!(!index.contains("<h3"), "headings go h1, h2 with none skipped");
    for id in ["search", "department", "theme", "stage"] {
        assert!(index.contains(&format!("<label class=\"govuk-label\" for=\"{id}\">")), "{id} is labelled");
    }
    assert!(index.contains("role=\"status\" aria-live=\"polite\""), "the count is announced");
    assert!(!index.contains("<script src") && !index.contains("<link"), "nothing loaded from elsewhere");
    assert!(!index.contains("http://") && !index.contains("https://"), "no outside addresses at all");
    assert!(index.contains("Earlier help for families &lt;at risk&gt; &amp; in debt"), "text is escaped");

    // The CSP names the inline script by its hash, so that script and no other runs.
    let start = index.find("<script>").expect("the inline script") + "<script>".len();
    let end = index[start..].find("</script>").expect("closed") + start;
    let hash =
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&index.as_bytes()[start..end]));
    assert!(
        index.contains(&format!("script-src 'sha256-{hash}'")),
        "the CSP allows exactly the inline script"
    );

    let page = file(&files, "ideas/DC21-0003.html");
    assert!(page.contains("<a href=\"../index.html\" class=\"govuk-back-link\">"));
    assert!(page.contains("script-src 'none'"), "idea pages run no script");
    assert!(page.contains("<dt class=\"govuk-summary-list__key\">Sent in by</dt>"));
}

#[test]
fn text_cannot_break_out_of_the_embedded_index() {
    let mut entries = sample();
    entries[0].summary = "</script><script>alert(1)</script><!--".into();
    let files = site(&entries, &settings()).expect("a site");
    let index = file(&files, "index.html");
    assert_eq!(index.matches("</script>").count(), 2, "only the index's and the script's own closing tags");
}

/// Every spelling of `s` that could be in the output: as typed, HTML-escaped, JSON-escaped.
fn spellings(s: &str) -> Vec<String> {
    let json = serde_json::to_string(s).expect("a string");
    let html = s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\'', "&#39;");
    vec![s.to_lowercase(), html.to_lowercase(), json.trim_matches('"').to_lowercase()]
}

fn arb_person() -> impl Strategy<Value = Person> {
    ("[A-Z][a-z]{3,8}", "(O')?[A-Z][a-zéñ]{4,10}", "[a-z]{3,8}", "[a-z]{3,8}\\.gov\\.uk", any::<bool>())
        .prop_map(|(first, last, user, domain, consent)| Person {
            email: format!("{}.{user}@{domain}", first.to_lowercase()),
            name: format!("{first} {last}"),
            consent,
        })
}

fn arb_entries() -> impl Strategy<Value = Vec<LonglistEntry>> {
    prop::collection::vec((prop::collection::vec(arb_person(), 1..4), "[A-Za-z ]{0,40}", 0usize..3), 1..6)
        .prop_map(|ideas| {
            let everyone: Vec<Person> = ideas.iter().flat_map(|(p, _, _)| p.clone()).collect();
            ideas
                .into_iter()
                .enumerate()
                .map(|(n, (people, text, style))| {
                    // Free text that names people, from this idea and others, as people write it.
                    let other = &everyone[(n * 7) % everyone.len()];
                    let summary = match style {
                        0 => format!("{text} with {} ({}).", people[0].name, people[0].email),
                        1 => format!("Ask {} at {}. {text}", other.name.to_uppercase(), other.email),
                        _ => {
                            format!("{text}\n\nContact: {} <{}>", people[people.len() - 1].name, other.email)
                        }
                    };
                    LonglistEntry {
                        reference: Reference::new("DC21", n as i64 + 1),
                        title: format!("Idea {n} by {}", people[0].name),
                        summary,
                        department: "Cabinet Office".into(),
                        themes: vec!["Data".into()],
                        stage_reached: Stage::Longlist,
                        people,
                    }
                })
                .collect()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// The guarantee of the published longlist: across every byte of every file, the search
    /// index included, no email address and no name of anyone who did not consent.
    #[test]
    fn no_address_or_name_without_consent_appears_in_any_byte(entries in arb_entries()) {
        let people: Vec<&Person> = entries.iter().flat_map(|e| &e.people).collect();
        let lower: Vec<String> = people.iter().map(|p| p.name.to_lowercase()).collect();
        for (i, a) in lower.iter().enumerate() {
            for (j, b) in lower.iter().enumerate() {
                // Two people may share a name (one consenting, one not); skip such draws.
                prop_assume!(i == j || !a.contains(b.as_str()));
            }
        }
        let files = site(&entries, &settings()).expect("a site");
        let everything: String =
            files.iter().map(|f| format!("{}\n{}\n", f.path, String::from_utf8_lossy(&f.bytes).to_lowercase())).collect();
        for p in &people {
            for s in spellings(&p.email) {
                prop_assert!(!everything.contains(&s), "the address {} is in the output", p.email);
            }
            let local = p.email.split('@').next().unwrap_or_default().to_owned() + "@";
            prop_assert!(!everything.contains(&local), "part of the address {} is in the output", p.email);
            if !p.consent {
                for s in spellings(&p.name) {
                    prop_assert!(!everything.contains(&s), "{} did not consent but is in the output", p.name);
                }
            }
        }
        for (e, page) in entries.iter().zip(files.iter().skip(1)) {
            let page = String::from_utf8_lossy(&page.bytes);
            for p in e.people.iter().filter(|p| p.consent) {
                let html = p.name.replace('\'', "&#39;");
                prop_assert!(page.contains(&html), "{} consented and is credited on {}", p.name, e.reference);
            }
        }
    }
}

/// Writes the sample site for `scripts/axe-longlist.sh` and for looking at.
#[test]
fn writes_the_sample_site() {
    let dir = crate::out_dir().join("longlist-site");
    let files = site(&sample(), &settings()).expect("a site");
    for f in files {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        std::fs::write(path, f.bytes).expect("write");
    }
}
