//! The demo challenge: a made-up but believable "Civil Service Data Challenge 2021", so that the
//! app can be tried, shown and benchmarked without real submissions.
//!
//! The 2021 challenge asked civil servants for ideas for better use of government data; about
//! 200 came in from across departments, agencies and the devolved governments, a secretariat
//! shortlisted them and a panel chose a winner. This crate produces a challenge in that pattern,
//! entirely from code and a seed, so the same seed gives the same challenge on every machine.
//!
//! # The pieces
//!
//! - [`demo_challenge`]: the challenge itself, as the form would take it.
//! - [`demo_ideas`]: `count` ideas from a seed, each a [`DemoIdea`] with everything a submission
//!   form collects ([`DemoIdea::to_input`] gives the register's input).
//! - [`demo_progress`]: how far each idea has got (screened, evaluated, moved), as a
//!   [`DemoProgress`] of the same inputs a person would type.
//! - [`demo_judges`]: the panel seated on the shortlist round.
//!
//! # What it must not do
//!
//! Generate only. It returns domain *inputs* and never opens the database, calls a use case or
//! reads the clock: `Shortlist::create_demo` in `shortlist-app` validates what it gets here and
//! writes it by the same rules as a person's changes. Any change to what a seed produces changes
//! the README's screenshots and the benchmarks' data, so the tests pin it down.
//!
//! # How an idea is composed
//!
//! - a *topic* (see `topics.rs`) supplies the subject: interchangeable titles, problem statements,
//!   datasets with the bodies that hold them, actions and benefits, all written by hand to read
//!   like real civil-service data ideas;
//! - the submitter's department is usually one that would plausibly send in that topic, and their
//!   region, grade, profession and name follow from it (names lean Welsh in Wales, Gaelic in
//!   Scotland, Irish in Northern Ireland, and include accented names from across Europe);
//! - the summary is built from sentence frames in `words.rs` (who I am, the problem, the data,
//!   what we would do, who gains, the catches, how to try it, a sign-off), chosen and filled
//!   differently for each idea, and cut to 40–250 words in one to four paragraphs.
//!
//! Titles are unique within a set; once a topic's titles are used up a place is added ("… – a
//! pilot in Wales"), and past that a number, so even 10,000 ideas come out quickly.

mod names;
mod progress;
mod topics;
mod words;

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use rand::{seq::SliceRandom, Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use shortlist_domain::{ChallengeInput, IdeaInput, JudgeInput, Marking};

pub use progress::{demo_progress, DemoProgress};

use names::*;
use topics::{Topic, TOPICS};
use words::*;

/// The seed the README's demo uses; same seed, same challenge, on every machine.
pub const DEMO_SEED: u64 = 2021;
/// About the 2021 challenge's size.
pub const DEMO_IDEA_COUNT: usize = 200;

/// One made-up idea, with the details a real submission form would collect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoIdea {
    pub title: String,
    pub summary: String,
    pub submitter_name: String,
    /// `firstname.lastname@<department domain>`, ASCII-folded (ŷ becomes y).
    pub email: String,
    pub department: String,
    pub profession: String,
    pub grade: String,
    pub region: String,
    pub theme: String,
    /// Between 1 March and 14 May 2021, with more arriving near the close.
    pub submitted_on: NaiveDate,
    /// Which service or policy problem it addresses (one or two sentences).
    pub problem: String,
    /// Datasets and the bodies that hold them (one or two sentences).
    pub data_used: String,
    /// Benefits in the submitter's words (one or two sentences).
    pub benefits: String,
}

impl DemoIdea {
    /// Whether the submitter agreed to their name being published: about seven in ten, as
    /// when the forms ask. Drawn from the address rather than the random stream, so every
    /// other detail of a seed's challenge stays as it was before consent was asked.
    pub fn consents_to_publication(&self) -> bool {
        // FNV-1a: a fixed, portable hash (the standard library's may change between releases).
        let hash = self
            .email
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        hash % 10 < 7
    }

    /// The fields the register stores today.
    pub fn to_input(&self) -> IdeaInput {
        IdeaInput {
            problem: self.problem.clone(),
            data_description: self.data_used.clone(),
            benefits: self.benefits.clone(),
            submitter_email: self.email.clone(),
            submitter_consent: self.consents_to_publication(),
            profession: self.profession.clone(),
            grade: self.grade.clone(),
            region: self.region.clone(),
            themes: vec![self.theme.clone()],
            ..IdeaInput::new(
                &self.title,
                &self.summary,
                &self.submitter_name,
                &self.department,
                self.submitted_on,
            )
        }
    }
}

/// The demo's judging panel, seated on the shortlist round with the challenge's default rubric
/// and no scores yet: the senior mix of the 2021 panel. The people are made up.
pub fn demo_judges() -> Vec<JudgeInput> {
    [
        ("Dame Helen Achebe", "Permanent Secretary", "Department for Work and Pensions"),
        ("Rhys Pritchard", "Director General of Data", "Cabinet Office"),
        ("Priya Raman", "Chief Data Officer", "Driver and Vehicle Licensing Agency"),
        ("Margaret Olusanya", "Non-executive director", "HM Revenue and Customs"),
        ("Tom Fairweather", "Government Chief Data Officer", "Central Digital and Data Office"),
    ]
    .iter()
    .map(|(name, role, organisation)| JudgeInput::new(name, role, organisation))
    .collect()
}

/// The challenge the demo creates: "Civil Service Data Challenge 2021", closing 14 May 2021,
/// marked OFFICIAL, references beginning DC21.
pub fn demo_challenge() -> ChallengeInput {
    ChallengeInput {
        name: "Civil Service Data Challenge 2021".into(),
        year: "2021".into(),
        closing_day: "14".into(),
        closing_month: "5".into(),
        closing_year: "2021".into(),
        marking: Some(Marking::Official),
        reference_prefix: "DC21".into(),
    }
}

/// `count` ideas from `seed`; the same arguments always give the same ideas (ChaCha8Rng).
/// Ideas come in order of submission date.
pub fn demo_ideas(seed: u64, count: usize) -> Vec<DemoIdea> {
    let mut generator = Generator::new(seed);
    let mut ideas: Vec<DemoIdea> = (0..count).map(|n| generator.idea(n)).collect();
    generator.ensure_letters(&mut ideas);
    ideas.sort_by_key(|idea| idea.submitted_on);
    ideas
}

/// Summary length bounds, in words.
const MIN_WORDS: usize = 40;
const MAX_WORDS: usize = 250;
const OPENS: (i32, u32, u32) = (2021, 3, 1);
const CLOSES: (i32, u32, u32) = (2021, 5, 14);

/// The state of one run: the random stream and what has been handed out so far.
struct Generator {
    rng: ChaCha8Rng,
    titles: HashSet<String>,
    emails: HashMap<String, u32>,
    deck: Vec<usize>,
}

/// What one idea's sentences are filled with.
struct Fill<'a> {
    dept: &'a Body,
    grade: &'static str,
    area: &'static str,
    profession: &'static str,
    region_in: &'static str,
    slot: &'static str,
}

impl Generator {
    fn new(seed: u64) -> Generator {
        Generator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            titles: HashSet::new(),
            emails: HashMap::new(),
            deck: Vec::new(),
        }
    }

    /// The next topic from a shuffled deck, so topics are spread evenly through a set.
    fn next_topic(&mut self) -> usize {
        if self.deck.is_empty() {
            self.deck = (0..TOPICS.len()).collect();
            self.deck.shuffle(&mut self.rng);
        }
        self.deck.pop().unwrap_or(0)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.random_range(0..items.len())]
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.rng.random_range(0..100) < percent
    }

    fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.rng.random_range(0..total.max(1));
        for &(item, weight) in items {
            if roll < weight {
                return item;
            }
            roll -= weight;
        }
        items[items.len() - 1].0
    }

    /// `n` distinct items in random order (all of them if there are fewer).
    fn several<T: Copy>(&mut self, items: &[T], n: usize) -> Vec<T> {
        let mut all = items.to_vec();
        all.shuffle(&mut self.rng);
        all.truncate(n);
        all
    }

    fn idea(&mut self, n: usize) -> DemoIdea {
        let topic = self.topic();
        let dept = self.department(topic);
        let region = match dept.regions {
            [] => self.weighted(&REGIONS.iter().map(|&(r, _, w)| (r, w)).collect::<Vec<_>>()),
            regions => self.weighted(regions),
        };
        let (title, slot) = self.title(topic, region, n);
        let profession = self.profession(dept);
        let grade = self.weighted(GRADES);
        let (first, last) = self.name(region);
        let email = self.email(first, last, dept.domain);
        let submitted_on = self.date();
        let fill = Fill {
            dept,
            grade,
            area: PROFESSIONS.iter().find(|p| p.0 == profession).map_or("policy", |p| p.1),
            profession,
            region_in: region_in(region),
            slot,
        };

        let problems = self.several(topic.problems, 2);
        let data = self.several(topic.data, 3);
        let actions = self.several(topic.actions, 2);
        let benefits = self.several(topic.benefits, 2);

        let summary = self.summary(&fill, topic, &problems, &data, &actions, &benefits);
        let problem = if problems.len() > 1 && self.chance(40) {
            format!("{} {}", problems[0], problems[1])
        } else {
            problems[0].to_string()
        };
        let benefits_text = if benefits.len() > 1 && self.chance(50) {
            format!("{}. {}.", capitalise(benefits[0]), capitalise(benefits[1]))
        } else {
            format!("{}.", capitalise(benefits[0]))
        };

        DemoIdea {
            title,
            summary,
            submitter_name: format!("{first} {last}"),
            email,
            department: dept.name.to_string(),
            profession: profession.to_string(),
            grade: grade.to_string(),
            region: region.to_string(),
            theme: topic.theme.to_string(),
            submitted_on,
            problem: problem.replace("{v}", slot),
            data_used: data_used(&data),
            benefits: benefits_text.replace("{v}", slot),
        }
    }

    /// The fresh titles of a topic (not yet used in this set), each with its `{v}` value.
    fn fresh_titles(&self, topic: &'static Topic) -> Vec<(String, &'static str)> {
        let slots: &[&'static str] = if topic.slots.is_empty() { &[""] } else { topic.slots };
        let mut fresh = Vec::new();
        for &template in topic.titles {
            for &slot in slots {
                let title = template.replace("{v}", slot);
                if !self.titles.contains(&title) {
                    fresh.push((title, slot));
                }
            }
        }
        fresh
    }

    /// The next topic that still has a fresh title, or just the next topic once all are used.
    fn topic(&mut self) -> &'static Topic {
        let first = self.next_topic();
        let mut index = first;
        for _ in 0..TOPICS.len() {
            if !self.fresh_titles(&TOPICS[index]).is_empty() {
                return &TOPICS[index];
            }
            index = self.next_topic();
        }
        &TOPICS[first]
    }

    /// A title not yet used in this set, with the `{v}` value it came from. When the topic's
    /// titles are all taken, the submitter's region (or another) tells it apart, then a number.
    fn title(&mut self, topic: &'static Topic, region: &str, n: usize) -> (String, &'static str) {
        let mut fresh = self.fresh_titles(topic);
        if !fresh.is_empty() {
            let (title, slot) = fresh.swap_remove(self.rng.random_range(0..fresh.len()));
            self.titles.insert(title.clone());
            return (title, slot);
        }
        let slot = if topic.slots.is_empty() { "" } else { self.pick(topic.slots) };
        let base = self.pick(topic.titles).replace("{v}", slot);
        let mut places: Vec<&str> = REGIONS.iter().map(|r| r.1).filter(|&r| r != region_in(region)).collect();
        places.shuffle(&mut self.rng);
        places.insert(0, region_in(region));
        for phrase in ["a pilot in", "starting in", "first in"] {
            for place in &places {
                let title = format!("{base} – {phrase} {place}");
                if !self.titles.contains(&title) {
                    self.titles.insert(title.clone());
                    return (title, slot);
                }
            }
        }
        let title = format!("{base} (idea {})", n + 1);
        self.titles.insert(title.clone());
        (title, slot)
    }

    fn department(&mut self, topic: &Topic) -> &'static Body {
        if self.chance(65) {
            let code = self.pick(topic.home);
            if let Some(body) = body(code).filter(|b| b.weight > 0) {
                return body;
            }
        }
        let senders: Vec<(&'static Body, u32)> =
            BODIES.iter().filter(|b| b.weight > 0).map(|b| (b, b.weight)).collect();
        self.weighted(&senders)
    }

    fn profession(&mut self, dept: &Body) -> &'static str {
        if !dept.professions.is_empty() && self.chance(35) {
            return self.pick(dept.professions);
        }
        let common: Vec<(&str, u32)> =
            PROFESSIONS.iter().filter(|p| p.2 > 0).map(|&(name, _, w)| (name, w)).collect();
        self.weighted(&common)
    }

    /// A first name and surname, leaning on the naming traditions of where the person works.
    fn name(&mut self, region: &str) -> (&'static str, &'static str) {
        let roll = self.rng.random_range(0..100);
        let mix: (u32, u32, u32, u32) = match region {
            // (own tradition, whole names of that tradition, international, rest British)
            "Wales" => (55, 6, 9, 30),
            "Scotland" => (55, 0, 10, 35),
            "Northern Ireland" => (55, 6, 9, 30),
            _ => (0, 0, 14, 86),
        };
        if roll < mix.0 {
            return match region {
                "Wales" => (self.pick(WELSH_FIRST), self.pick(WELSH_LAST)),
                "Scotland" => (self.pick(SCOTTISH_FIRST), self.pick(SCOTTISH_LAST)),
                _ => (self.pick(IRISH_FIRST), self.pick(IRISH_LAST)),
            };
        }
        if roll < mix.0 + mix.1 {
            return match region {
                "Wales" => self.pick(WELSH_WHOLE),
                _ => self.pick(IRISH_WHOLE),
            };
        }
        if roll < mix.0 + mix.1 + mix.2 {
            return self.pick(INTERNATIONAL_WHOLE);
        }
        // People move: now and then a Welsh, Scottish or Irish name turns up anywhere.
        match self.rng.random_range(0..100) {
            0..=4 => (self.pick(WELSH_FIRST), self.pick(WELSH_LAST)),
            5..=7 => (self.pick(SCOTTISH_FIRST), self.pick(SCOTTISH_LAST)),
            8..=10 => (self.pick(IRISH_FIRST), self.pick(IRISH_LAST)),
            11..=34 => {
                let (firsts, lasts) = self.pick(HERITAGE);
                // Sometimes a name crosses over, as married names do.
                let first = if self.chance(15) { self.pick(ANGLO_FIRST) } else { self.pick(firsts) };
                (first, self.pick(lasts))
            }
            _ => (self.pick(ANGLO_FIRST), self.pick(ANGLO_LAST)),
        }
    }

    /// `first.last@domain`, numbered when someone with the same name already has it.
    fn email(&mut self, first: &str, last: &str, domain: &str) -> String {
        let base = format!("{}.{}", ascii_fold(first), ascii_fold(last));
        let seen = self.emails.entry(format!("{base}@{domain}")).or_insert(0);
        *seen += 1;
        match *seen {
            1 => format!("{base}@{domain}"),
            k => format!("{base}{k}@{domain}"),
        }
    }

    /// A day in the submission window, skewed towards the close as real deadlines are.
    fn date(&mut self) -> NaiveDate {
        let opens = ymd(OPENS);
        let span = (ymd(CLOSES) - opens).num_days().unsigned_abs();
        let offset = if self.chance(18) {
            span - self.rng.random_range(0..5)
        } else {
            self.rng.random_range(0..=span).max(self.rng.random_range(0..=span))
        };
        opens.checked_add_days(Days::new(offset)).unwrap_or(opens)
    }

    fn summary(
        &mut self,
        fill: &Fill,
        topic: &Topic,
        problems: &[&str],
        data: &[(&'static str, &'static str)],
        actions: &[&str],
        benefits: &[&str],
    ) -> String {
        // (paragraph, sentence, may be dropped to keep within MAX_WORDS)
        let mut parts: Vec<(usize, String, bool)> = Vec::new();
        let tier = self.rng.random_range(0..100);
        let (short, long) = (tier < 25, tier >= 75);

        if !short && self.chance(if long { 75 } else { 35 }) {
            let frame = self.pick(CONTEXTS);
            let s = self.sentence(frame, fill, data);
            parts.push((0, s, true));
        }
        parts.push((0, problems[0].replace("{v}", fill.slot), false));
        if problems.len() > 1 && (long || (!short && self.chance(30))) {
            parts.push((0, problems[1].replace("{v}", fill.slot), true));
        }
        if long && self.chance(55) {
            let frame = self.pick(EVIDENCE);
            let s = self.sentence(frame, fill, data);
            parts.push((0, s, true));
        }

        if !short || self.chance(40) {
            let s = self.data_sentence(fill, data);
            parts.push((1, s, short));
        }
        let a = self.pick(ACTION_FRAMES).replace("{a}", actions[0]);
        parts.push((1, self.sentence(&a, fill, data), false));
        if actions.len() > 1 && (long || (!short && self.chance(25))) {
            let a = self.pick(SECOND_ACTION_FRAMES).replace("{a}", actions[1]);
            parts.push((1, self.sentence(&a, fill, data), true));
        }

        if !short || self.chance(60) {
            let b = self.pick(BENEFIT_FRAMES).replace("{b}", benefits[0]);
            parts.push((2, self.sentence(&b, fill, data), short));
        }
        if benefits.len() > 1 && (long || (!short && self.chance(35))) {
            let b = self.pick(SECOND_BENEFIT_FRAMES).replace("{b}", benefits[1]);
            parts.push((2, self.sentence(&b, fill, data), true));
        }

        if !short {
            let pool: Vec<&str> = if topic.personal {
                CAVEATS.iter().chain(PERSONAL_CAVEATS).copied().collect()
            } else {
                CAVEATS.to_vec()
            };
            // Someone in a devolved government does not need reminding that data there differs.
            let devolved = matches!(fill.region_in, "Wales" | "Scotland" | "Northern Ireland");
            let pool: Vec<&str> =
                pool.into_iter().filter(|c| !(devolved && c.contains("Scotland, Wales"))).collect();
            let caveats = self.several(&pool, 2);
            if long || self.chance(55) {
                parts.push((3, self.sentence(caveats[0], fill, data), true));
            }
            if long && self.chance(50) {
                parts.push((3, self.sentence(caveats[1], fill, data), true));
            }
            if long || self.chance(45) {
                let frame = self.pick(DELIVERY);
                let s = self.sentence(frame, fill, data);
                parts.push((3, s, true));
            }
        }
        if self.chance(if short { 20 } else { 40 }) {
            parts.push((3, self.pick(CLOSERS).to_string(), true));
        }

        while word_count(&parts) > MAX_WORDS {
            match parts.iter().rposition(|p| p.2) {
                Some(i) => {
                    parts.remove(i);
                }
                None => break,
            }
        }
        let mut extra = self.several(DELIVERY, DELIVERY.len());
        while word_count(&parts) < MIN_WORDS {
            match extra.pop() {
                Some(s) => {
                    let s = self.sentence(s, fill, data);
                    parts.push((3, s, true));
                }
                None => break,
            }
        }

        // Short ideas are one paragraph; longer ones keep some of their breaks.
        let keep_breaks = !short && (long || self.chance(60));
        let mut out = String::new();
        let mut last_paragraph = None;
        for (paragraph, sentence, _) in &parts {
            if let Some(prev) = last_paragraph {
                let new_paragraph = keep_breaks && *paragraph != prev && (*paragraph != 2 || long);
                out.push_str(if new_paragraph { "\n\n" } else { " " });
            }
            out.push_str(sentence);
            last_paragraph = Some(*paragraph);
        }
        out
    }

    /// One sentence naming the datasets.
    fn data_sentence(&mut self, fill: &Fill, data: &[(&'static str, &'static str)]) -> String {
        let frames: Vec<&str> = DATA_FRAMES.iter().filter(|f| f.1 <= data.len()).map(|f| f.0).collect();
        let mut s = self.pick(&frames).to_string();
        for (i, &(name, owner)) in data.iter().enumerate() {
            let mention = self.mention(name, owner, fill.dept);
            s = s.replace(&format!("{{d{}}}", i + 1), &mention);
        }
        capitalise(&s)
    }

    /// A dataset as named in running text: "HMRC's Real Time Information", "the title register
    /// held by HM Land Registry", or "our own …" when the submitter's body holds it.
    fn mention(&mut self, name: &str, owner: &str, dept: &Body) -> String {
        let bare = name.strip_prefix("the ").unwrap_or(name);
        if owner == dept.code {
            return format!("our own {bare}");
        }
        let Some(holder) = body(owner) else {
            return name.to_string();
        };
        match self.rng.random_range(0..3) {
            0 => format!("{name} from {}", holder.short),
            1 => format!("{} {bare}", holder.poss),
            _ => format!("{name} held by {}", holder.short),
        }
    }

    /// Fills a general sentence frame for this idea and capitalises it.
    fn sentence(&mut self, frame: &str, fill: &Fill, data: &[(&'static str, &'static str)]) -> String {
        let mut s = frame.to_string();
        if s.contains("{owner}") {
            let owner = data
                .iter()
                .filter(|d| d.1 != fill.dept.code && d.1 != "ALL")
                .find_map(|d| body(d.1))
                .map_or("the data owners", |b| b.short);
            s = s.replace("{owner}", owner);
        }
        if s.contains("{other}") {
            let others: Vec<&Body> =
                BODIES.iter().filter(|b| b.weight >= 3 && b.code != fill.dept.code).collect();
            let other = self.pick(&others).short;
            s = s.replace("{other}", other);
        }
        if s.contains("{chore}") {
            s = s.replace("{chore}", self.pick(CHORES));
        }
        if s.contains("{years}") {
            s = s.replace("{years}", self.pick(YEARS));
        }
        if s.contains("{country}") {
            s = s.replace("{country}", self.pick(COUNTRIES));
        }
        if s.contains("{place}") {
            s = s.replace("{place}", self.pick(REGIONS).1);
        }
        let grade_a = format!("{} {}", if fill.grade.starts_with("Grade") { "a" } else { "an" }, fill.grade);
        s = s
            .replace("{grade_a}", &grade_a)
            .replace("{dept}", fill.dept.short)
            .replace("{area}", fill.area)
            .replace("{profession}", fill.profession)
            .replace("{region_in}", fill.region_in)
            .replace("{v}", fill.slot);
        capitalise(&s)
    }

    /// Makes sure the set shows off the letters the app must handle (ŵ, ŷ, é) in at least one
    /// name each, by renaming an idea if chance left one out. Welsh names go to someone in Wales
    /// where there is one.
    fn ensure_letters(&mut self, ideas: &mut [DemoIdea]) {
        let mut renamed: HashSet<usize> = HashSet::new();
        for &(letter, carriers) in LETTER_CARRIERS {
            if ideas.is_empty() || ideas.iter().any(|i| i.submitter_name.contains(letter)) {
                continue;
            }
            let welsh = letter != 'é';
            // Never rename someone whose name already shows off one of the letters.
            let free: Vec<usize> = (0..ideas.len())
                .filter(|&i| !renamed.contains(&i))
                .filter(|&i| !LETTER_CARRIERS.iter().any(|(l, _)| ideas[i].submitter_name.contains(*l)))
                .collect();
            let in_wales: Vec<usize> = free.iter().copied().filter(|&i| ideas[i].region == "Wales").collect();
            let candidates = if welsh && !in_wales.is_empty() { in_wales } else { free };
            if candidates.is_empty() {
                continue;
            }
            let index = self.pick(&candidates);
            let (first, last) = self.pick(carriers);
            let domain = ideas[index].email.rsplit('@').next().unwrap_or_default().to_string();
            ideas[index].submitter_name = format!("{first} {last}");
            ideas[index].email = self.email(first, last, &domain);
            renamed.insert(index);
        }
    }
}

fn body(code: &str) -> Option<&'static Body> {
    BODIES.iter().find(|b| b.code == code)
}

fn region_in(region: &str) -> &'static str {
    REGIONS.iter().find(|r| r.0 == region).map_or("the UK", |r| r.1)
}

fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// "Real Time Information on pay and pensions, held by HM Revenue and Customs; and …", with
/// datasets from the same holder named together.
fn data_used(data: &[(&'static str, &'static str)]) -> String {
    let mut holders: Vec<(&str, Vec<&str>)> = Vec::new();
    for &(name, owner) in data {
        match holders.iter_mut().find(|(o, _)| *o == owner) {
            Some((_, names)) => names.push(name),
            None => holders.push((owner, vec![name])),
        }
    }
    let held: Vec<String> = holders
        .iter()
        .map(|(owner, names)| {
            let names = and_list(names);
            match body(owner) {
                Some(b) => format!("{names}, held by {}", formal_name(b)),
                None => names,
            }
        })
        .collect();
    let joined = match held.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}; and {last}", init.join("; ")),
    };
    capitalise(&format!("{joined}."))
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A body's full name as it reads after "held by": "the Department for Education", but "HM Land
/// Registry", "Companies House", "local authorities".
fn formal_name(b: &Body) -> String {
    const NO_ARTICLE: &[&str] = &[
        "Companies House",
        "Ofsted",
        "Ofcom",
        "Ordnance Survey",
        "NHS Digital",
        "NHS England",
        "Natural England",
        "Public Health England",
        "Transport Scotland",
        "Registers of Scotland",
        "National Records of Scotland",
        "Social Security Scotland",
        "Land & Property Services",
    ];
    let starts_lower = b.name.chars().next().is_some_and(char::is_lowercase);
    if starts_lower || b.name.starts_with("HM ") || b.name.starts_with("The ") || NO_ARTICLE.contains(&b.name)
    {
        b.name.replacen("The ", "the ", 1)
    } else {
        format!("the {}", b.name)
    }
}

fn word_count(parts: &[(usize, String, bool)]) -> usize {
    parts.iter().map(|p| p.1.split_whitespace().count()).sum()
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Lower-case ASCII for e-mail addresses: accents dropped, spaces and apostrophes removed.
fn ascii_fold(s: &str) -> String {
    const MAP: &[(&str, &str)] = &[
        ("àáâäãåāą", "a"),
        ("çćč", "c"),
        ("ďđ", "d"),
        ("èéêëēěę", "e"),
        ("ìíîïīı", "i"),
        ("ł", "l"),
        ("ñńň", "n"),
        ("òóôöõøō", "o"),
        ("ř", "r"),
        ("śšş", "s"),
        ("ť", "t"),
        ("ùúûüūů", "u"),
        ("ŵ", "w"),
        ("ýÿŷ", "y"),
        ("źżž", "z"),
        ("ß", "ss"),
        ("æ", "ae"),
        ("œ", "oe"),
    ];
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' {
            out.push(c);
        } else if let Some((_, plain)) = MAP.iter().find(|(accented, _)| accented.contains(c)) {
            out.push_str(plain);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Vec<DemoIdea> {
        demo_ideas(DEMO_SEED, DEMO_IDEA_COUNT)
    }

    fn words(s: &str) -> usize {
        s.split_whitespace().count()
    }

    #[test]
    fn most_but_not_all_demo_submitters_agree_to_their_name_being_published() {
        // The published longlist needs both kinds to show that names are left out without consent.
        let ideas = demo();
        let agreed = ideas.iter().filter(|i| i.consents_to_publication()).count();
        assert!((100..180).contains(&agreed), "{agreed} of 200 agreed");
        assert_eq!(
            ideas.iter().map(DemoIdea::consents_to_publication).collect::<Vec<_>>(),
            demo().iter().map(DemoIdea::consents_to_publication).collect::<Vec<_>>(),
            "the same seed gives the same answers"
        );
        assert!(ideas.iter().all(|i| i.to_input().submitter_consent == i.consents_to_publication()));
    }

    /// Sentences of a summary: split after full stops, question marks and paragraph breaks.
    fn sentences(summary: &str) -> Vec<String> {
        summary
            .split("\n\n")
            .flat_map(|p| p.split_inclusive(". "))
            .map(|s| s.trim().trim_end_matches('.').to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_challenge_on_every_run() {
        // The README's screenshots and the benchmarks rely on the demo being reproducible.
        assert_eq!(demo(), demo());
    }

    #[test]
    fn a_different_seed_gives_different_ideas() {
        let (a, b) = (demo_ideas(1, 50), demo_ideas(2, 50));
        let titles_a: Vec<&str> = a.iter().map(|i| i.title.as_str()).collect();
        let titles_b: Vec<&str> = b.iter().map(|i| i.title.as_str()).collect();
        assert_ne!(titles_a, titles_b, "the seed must actually drive the choices");
        assert_ne!(a[0].summary, b[0].summary);
    }

    #[test]
    fn the_demo_challenge_passes_the_forms_own_rules() {
        let valid = demo_challenge().validate().expect("the demo challenge is a valid challenge");
        assert_eq!(valid.reference_prefix, "DC21");
        assert_eq!(valid.closing_date, ymd(CLOSES), "the demo closes on the 2021 closing date");
    }

    #[test]
    fn every_demo_idea_passes_the_registers_rules() {
        // The demo is loaded through the same validation as typed ideas; one failure would stop it.
        let ideas = demo();
        assert_eq!(ideas.len(), DEMO_IDEA_COUNT);
        for idea in &ideas {
            if let Err(e) = idea.to_input().validate() {
                panic!("{:?} is refused: {e}", idea.title);
            }
            for field in [&idea.profession, &idea.grade, &idea.region, &idea.theme, &idea.email] {
                assert!(!field.trim().is_empty(), "{:?} has an empty detail", idea.title);
            }
            for text in [&idea.problem, &idea.data_used, &idea.benefits] {
                assert!(!text.contains('{'), "an unfilled placeholder in {text:?}");
            }
            assert!(!idea.summary.contains('{'), "an unfilled placeholder in {:?}", idea.summary);
        }
    }

    #[test]
    fn titles_are_unique_within_a_set() {
        // Panels refer to ideas by title; two identical titles would be confused in the meeting.
        let ideas = demo();
        let titles: HashSet<&str> = ideas.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles.len(), ideas.len());
    }

    #[test]
    fn ideas_come_from_across_government_and_the_whole_uk() {
        let ideas = demo();
        let departments: HashSet<&str> = ideas.iter().map(|i| i.department.as_str()).collect();
        assert!(departments.len() >= 30, "only {} departments", departments.len());
        let regions: HashSet<&str> = ideas.iter().map(|i| i.region.as_str()).collect();
        for (region, _, _) in REGIONS {
            assert!(regions.contains(region), "no idea from {region}");
        }
        let themes: HashSet<&str> = ideas.iter().map(|i| i.theme.as_str()).collect();
        assert_eq!(themes.len(), THEMES.len(), "every theme has ideas");
        for idea in &ideas {
            assert!(GRADES.iter().any(|g| g.0 == idea.grade));
            assert!(THEMES.contains(&idea.theme.as_str()));
        }
    }

    #[test]
    fn names_include_welsh_and_accented_letters() {
        // The app must store, show, sort and print these; the demo is where that gets seen.
        let ideas = demo();
        for letter in ['ŵ', 'ŷ', 'é'] {
            assert!(
                ideas.iter().any(|i| i.submitter_name.contains(letter)),
                "no submitter name with {letter}"
            );
        }
        // And the guarantee holds for small sets and other seeds too.
        for seed in 0..20 {
            let few = demo_ideas(seed, 5);
            for letter in ['ŵ', 'ŷ', 'é'] {
                assert!(few.iter().any(|i| i.submitter_name.contains(letter)), "seed {seed}: {letter}");
            }
        }
    }

    #[test]
    fn emails_are_plain_ascii_and_unique() {
        let ideas = demo_ideas(DEMO_SEED, 2000);
        let mut seen = HashSet::new();
        for idea in &ideas {
            let (local, domain) = idea.email.split_once('@').expect("an address has an @");
            assert!(local.contains('.') && !domain.is_empty(), "{}", idea.email);
            assert!(idea.email.is_ascii(), "{} is not ASCII", idea.email);
            assert!(seen.insert(idea.email.clone()), "{} given twice", idea.email);
        }
        assert_eq!(ascii_fold("Rhŷs"), "rhys");
        assert_eq!(ascii_fold("ap Iorwerth"), "apiorwerth");
        assert_eq!(ascii_fold("Ó Súilleabháin"), "osuilleabhain");
        assert_eq!(ascii_fold("Łukasz"), "lukasz");
    }

    #[test]
    fn summaries_vary_in_length_and_wording() {
        let ideas = demo();
        let lengths: Vec<usize> = ideas.iter().map(|i| words(&i.summary)).collect();
        let (min, max) = (lengths.iter().min().copied(), lengths.iter().max().copied());
        assert!(min < Some(60), "shortest summary has {min:?} words; some should be brief");
        assert!(max > Some(150), "longest summary has {max:?} words; some should be full");
        assert!(lengths.iter().all(|n| (MIN_WORDS..=MAX_WORDS).contains(n)), "{lengths:?}");

        // No sentence may be boilerplate that a reader would spot repeating down the list.
        let mut counts: HashMap<String, usize> = HashMap::new();
        for idea in &ideas {
            let unique: HashSet<String> = sentences(&idea.summary).into_iter().collect();
            for s in unique {
                *counts.entry(s).or_default() += 1;
            }
        }
        let limit = ideas.len() / 10;
        for (sentence, n) in &counts {
            assert!(*n <= limit, "{n} summaries say {sentence:?}");
        }
        let summaries: HashSet<&str> = ideas.iter().map(|i| i.summary.as_str()).collect();
        assert_eq!(summaries.len(), ideas.len(), "no two summaries are the same");
        assert!(ideas.iter().any(|i| i.summary.contains("\n\n")), "some summaries have paragraphs");
    }

    #[test]
    fn ideas_arrive_in_the_window_with_a_rush_before_the_close() {
        let ideas = demo();
        let (opens, closes) = (ymd(OPENS), ymd(CLOSES));
        assert!(ideas.iter().all(|i| (opens..=closes).contains(&i.submitted_on)));
        assert!(ideas.windows(2).all(|w| w[0].submitted_on <= w[1].submitted_on), "in date order");
        let last_fortnight = ideas.iter().filter(|i| (closes - i.submitted_on).num_days() < 14).count();
        let first_fortnight = ideas.iter().filter(|i| (i.submitted_on - opens).num_days() < 14).count();
        assert!(last_fortnight > 2 * first_fortnight, "{last_fortnight} late vs {first_fortnight} early");
    }

    #[test]
    fn ten_thousand_ideas_generate_and_validate() {
        // Benchmarks load 10,000 ideas; the title de-duplication must terminate with unique
        // titles. (How fast is a benchmark's business, not a test's.)
        let ideas = demo_ideas(7, 10_000);
        assert_eq!(ideas.len(), 10_000);
        let titles: HashSet<&str> = ideas.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles.len(), ideas.len(), "titles stay unique even at 10,000");
        for idea in &ideas {
            assert!(idea.to_input().validate().is_ok(), "{:?} is refused", idea.title);
        }
    }

    #[test]
    fn the_word_lists_are_consistent() {
        // Every code a topic names must resolve, or a dataset would be printed without its holder.
        for topic in TOPICS {
            assert!(THEMES.contains(&topic.theme), "{}", topic.theme);
            for code in topic.home {
                assert!(body(code).is_some_and(|b| b.weight > 0), "home {code} sends no ideas");
            }
            for (name, code) in topic.data {
                assert!(body(code).is_some(), "{name} is held by unknown {code}");
            }
            let has_slot = |s: &&str| s.contains("{v}");
            let uses_slot = topic.titles.iter().any(has_slot) || topic.problems.iter().any(has_slot);
            assert_eq!(uses_slot, !topic.slots.is_empty(), "{:?}", topic.titles);
            assert!(topic.data.len() >= 2 && !topic.actions.is_empty() && !topic.benefits.is_empty());
        }
        for b in BODIES.iter().filter(|b| b.weight > 0) {
            assert!(!b.domain.is_empty(), "{} has no e-mail domain", b.name);
            for (region, _) in b.regions {
                assert!(REGIONS.iter().any(|r| r.0 == *region), "{region}");
            }
            for p in b.professions {
                assert!(PROFESSIONS.iter().any(|q| q.0 == *p), "{p}");
            }
        }
    }
}
