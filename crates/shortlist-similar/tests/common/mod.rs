//! A deterministic generator of plausible idea texts, for the index tests and `examples/bench.rs`.

/// A small, fixed-seed xorshift generator: the same corpus on every run and platform.
#[derive(Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Zipf-like rank in `0..n` (probability about `1 / (rank + 50)`): after stop words are
    /// dropped, even the commonest content words are only a fraction of a percent of real text.
    pub fn zipf(&mut self, n: usize) -> usize {
        const OFFSET: f64 = 50.0;
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        let rank = OFFSET * ((n as f64 + OFFSET) / OFFSET).powf(u) - OFFSET;
        (rank as usize).min(n - 1)
    }
}

const COMMON: &[&str] = &[
    "staff",
    "data",
    "system",
    "process",
    "time",
    "cost",
    "service",
    "team",
    "department",
    "public",
    "digital",
    "online",
    "office",
    "money",
    "save",
    "reduce",
    "improve",
    "better",
    "people",
    "work",
    "report",
    "paper",
    "form",
    "email",
    "letter",
    "policy",
    "guidance",
    "training",
    "contract",
    "supplier",
    "budget",
    "review",
    "approval",
    "manager",
    "customer",
    "claimant",
    "council",
    "school",
    "health",
    "pension",
    "benefit",
    "tax",
    "record",
    "share",
    "automate",
    "publish",
    "energy",
    "travel",
    "meeting",
    "laptop",
    "printing",
    "building",
    "recruitment",
    "payroll",
    "procurement",
    "website",
    "helpline",
    "complaint",
    "appointment",
    "licence",
    "permit",
    "inspection",
    "grant",
    "fraud",
    "waste",
];

const VERBS: &[&str] = &[
    "Automate",
    "Simplify",
    "Publish",
    "Digitise",
    "Share",
    "Stop",
    "Replace",
    "Review",
    "Centralise",
    "Standardise",
    "Reuse",
    "Track",
    "Cut",
    "Streamline",
    "Open up",
    "Measure",
];

const ONSETS: &[&str] = &[
    "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st", "tr", "pl",
    "gr", "ch", "sh", "br",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ea", "ou", "ai"];
const CODAS: &[&str] = &["", "", "n", "r", "t", "s", "l", "m", "nd", "ck", "st", "ng"];

/// A vocabulary of real words followed by made-up ones, `size` in all.
pub fn vocabulary(size: usize) -> Vec<String> {
    let mut rng = Rng::new(7);
    let mut words: Vec<String> = COMMON.iter().map(|w| w.to_string()).collect();
    let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
    while words.len() < size {
        let syllables = 1 + rng.below(3);
        let word: String = (0..syllables)
            .map(|_| {
                let (o, v, c) = (rng.below(ONSETS.len()), rng.below(VOWELS.len()), rng.below(CODAS.len()));
                format!("{}{}{}", ONSETS[o], VOWELS[v], CODAS[c])
            })
            .collect();
        if seen.insert(word.clone()) {
            words.push(word);
        }
    }
    words
}

/// `count` ideas as (title, body): titles of 5–8 words, bodies of 30–90 words.
pub fn corpus(count: usize, seed: u64) -> Vec<(String, String)> {
    let vocab = vocabulary(20_000);
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|_| {
            let title_len = 4 + rng.below(4);
            let mut title = VERBS[rng.below(VERBS.len())].to_string();
            for _ in 0..title_len {
                title.push(' ');
                title.push_str(&vocab[rng.zipf(vocab.len())]);
            }
            let body_len = 30 + rng.below(60);
            let body: Vec<&str> = (0..body_len).map(|_| vocab[rng.zipf(vocab.len())].as_str()).collect();
            (title, body.join(" ") + ".")
        })
        .collect()
}
