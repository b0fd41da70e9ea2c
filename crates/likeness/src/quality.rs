//! How well the bands find similar requests: synthetic request pairs of known shingle
//! similarity, from a fixed seed, through the whole pipeline (normalise, signature, bands).

use crate::hash::mix;
use crate::minhash::{bands, jaccard, shingles, signature, BANDS, ROWS};
use crate::normalise::{normalise, Names};

/// Pairs whose true similarity is at least this should share a band ...
pub const HIGH: f64 = 0.7;
/// ... and pairs at most this should not.
pub const LOW: f64 = 0.3;

#[derive(Clone, Debug, PartialEq)]
pub struct Quality {
    pub pairs: usize,
    /// Share of pairs with true similarity >= 0.7 that share a band.
    pub recall_at_0_7: f64,
    /// Share of pairs with true similarity <= 0.3 that share a band.
    pub candidate_rate_at_0_3: f64,
    /// Pairs with true similarity >= 0.7, and how many of them share a band.
    pub high: usize,
    pub high_found: usize,
    /// Pairs with true similarity <= 0.3, and how many of them share a band.
    pub low: usize,
    pub low_candidates: usize,
    /// The banding's chance of sharing a band at exactly 0.7 and 0.3, for comparison.
    pub expected_at_0_7: f64,
    pub expected_at_0_3: f64,
}

/// The chance that two texts of shingle similarity `s` share at least one band.
pub fn collision_chance(s: f64) -> f64 {
    1.0 - (1.0 - s.powi(ROWS as i32)).powi(BANDS as i32)
}

/// Measures `pairs` synthetic pairs made from `seed`; the same arguments give the same answer.
pub fn measure(pairs: usize, seed: u64) -> Quality {
    let names = Names::new(FORCES);
    let mut rng = Rng(seed);
    let (mut high, mut high_found, mut low, mut low_candidates) = (0, 0, 0, 0);
    for _ in 0..pairs {
        let (a, b) = pair(&mut rng);
        let (a, b) = (normalise(&a, &names), normalise(&b, &names));
        let truth = jaccard(&shingles(&a.text), &shingles(&b.text));
        let (ba, bb) = (bands(&signature(&a)), bands(&signature(&b)));
        let shared = ba.iter().zip(&bb).any(|(x, y)| x == y);
        if truth >= HIGH {
            high += 1;
            high_found += usize::from(shared);
        }
        if truth <= LOW {
            low += 1;
            low_candidates += usize::from(shared);
        }
    }
    let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 / of as f64 };
    Quality {
        pairs,
        recall_at_0_7: share(high_found, high),
        candidate_rate_at_0_3: share(low_candidates, low),
        high,
        high_found,
        low,
        low_candidates,
        expected_at_0_7: collision_chance(HIGH),
        expected_at_0_3: collision_chance(LOW),
    }
}

/// splitmix64: small, seeded, and the same on every build.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// A request: a preamble and its questions, each a list of words.
#[derive(Clone)]
struct Request {
    preamble: Vec<String>,
    items: Vec<Vec<String>>,
}

fn pair(rng: &mut Rng) -> (String, String) {
    let a = request(rng);
    // One pair in ten is two unrelated requests; the rest spread over similarities 0..1.
    let b = if rng.below(10) == 0 {
        request(rng)
    } else {
        mutate(rng, &a)
    };
    (letter(rng, &a), letter(rng, &b))
}

fn request(rng: &mut Rng) -> Request {
    let sentence = |rng: &mut Rng, min: usize, spread: usize| {
        let n = min + rng.below(spread);
        (0..n)
            .map(|_| match rng.below(12) {
                0 => (2015 + rng.below(10)).to_string(),
                _ => rng.pick(WORDS).to_owned(),
            })
            .collect::<Vec<_>>()
    };
    let items = 2 + rng.below(4);
    Request {
        preamble: sentence(rng, 4, 8),
        items: (0..items).map(|_| sentence(rng, 6, 15)).collect(),
    }
}

/// A copy of `a` aimed at a true similarity drawn uniformly from 0..1: each word replaced
/// with the chance that leaves about that share of 3-shingles (a shingle survives when its
/// three words do: s = (1 - q)^3, and Jaccard is s / (2 - s)); sometimes its questions
/// reordered or one dropped.
fn mutate(rng: &mut Rng, a: &Request) -> Request {
    let target = rng.unit();
    let survive = 2.0 * target / (1.0 + target);
    let q = 1.0 - survive.cbrt();
    let mut b = a.clone();
    for word in b.items.iter_mut().chain([&mut b.preamble]).flatten() {
        if rng.unit() < q {
            *word = rng.pick(WORDS).to_owned();
        }
    }
    if rng.below(4) == 0 {
        for i in (1..b.items.len()).rev() {
            let j = rng.below(i + 1);
            b.items.swap(i, j);
        }
    }
    if rng.below(4) == 0 && b.items.len() > 2 {
        let gone = rng.below(b.items.len());
        b.items.remove(gone);
    }
    b
}

/// The request as a letter to one force, with its own salutation, list style, line breaks
/// and signature.
fn letter(rng: &mut Rng, r: &Request) -> String {
    let force = rng.pick(FORCES);
    let mut out = format!("Dear {force},\n\n{}\n\n", r.preamble.join(" "));
    let style = rng.below(3);
    for (i, item) in r.items.iter().enumerate() {
        let marker = match style {
            0 => format!("{}.", i + 1),
            1 => format!("{})", char::from(b'a' + (i % 26) as u8)),
            _ => "-".to_owned(),
        };
        let wrap = 4 + rng.below(10);
        let lines: Vec<String> = item.chunks(wrap).map(|c| c.join(" ")).collect();
        out.push_str(&format!("{marker} {}\n", lines.join("\n")));
    }
    let signer = rng.pick(SIGNERS);
    out.push_str(&format!("\nYours faithfully,\n\n{signer}\n"));
    out
}

/// Made-up forces, so the names placeholder is exercised.
const FORCES: &[&str] = &[
    "Northshire Police",
    "Eastmoor Constabulary",
    "Westvale Police Service",
    "the Greater Ashford Police",
    "Riverside and Fen Constabulary",
    "Highcombe Police",
];

const SIGNERS: &[&str] = &["A. Requester", "B. Asker", "C. Writer\n1 Any Street"];

/// Words for synthetic requests: the language of requests to police forces.
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "how", "many", "officers", "staff", "were", "are", "was", "the", "a", "of", "in", "on", "for",
    "to", "by", "with", "and", "or", "under", "within", "each", "per", "every", "force", "policy",
    "guidance", "procedure", "training", "budget", "spend", "contract", "supplier", "device",
    "devices", "camera", "cameras", "body", "worn", "vehicle", "vehicles", "drone", "drones",
    "software", "system", "systems", "database", "records", "data", "retention", "deletion",
    "request", "requests", "complaint", "complaints", "misconduct", "hearing", "hearings",
    "dismissed", "suspended", "arrest", "arrests", "stop", "search", "searches", "custody",
    "detention", "charge", "charges", "caution", "cautions", "offence", "offences", "crime",
    "crimes", "reported", "recorded", "investigated", "closed", "victim", "victims", "suspect",
    "suspects", "witness", "court", "magistrates", "crown", "prosecution", "evidence", "forensic",
    "digital", "phone", "phones", "mobile", "smart", "speaker", "speakers", "internet", "things",
    "doorbell", "footage", "recording", "facial", "recognition", "automatic", "number", "plate",
    "anpr", "licence", "firearms", "taser", "tasers", "deployment", "deployments", "incident",
    "incidents", "emergency", "calls", "call", "response", "times", "minutes", "hours", "days",
    "weeks", "months", "year", "years", "financial", "calendar", "quarter", "total", "cost",
    "costs", "paid", "overtime", "sickness", "absence", "vetting", "recruitment", "applicants",
    "gender", "ethnicity", "age", "rank", "constable", "sergeant", "inspector", "chief", "senior",
    "command", "team", "unit", "units", "specialist", "covert", "surveillance", "authorisation",
    "authorisations", "warrant", "warrants", "interception", "equipment", "purchase", "purchased",
    "leased", "hired", "agreement", "memorandum", "understanding", "partner", "partners", "agency",
    "agencies", "council", "school", "schools", "youth", "young", "people", "children", "missing",
    "persons", "mental", "health", "domestic", "abuse", "violence", "hate", "online", "fraud",
    "cyber", "drugs", "knife", "knives", "weapon", "weapons", "road", "traffic", "collisions",
    "speeding", "fines", "penalty", "notices", "issued", "appeal", "appeals", "review", "reviews",
    "audit", "inspection", "report", "reports", "meeting", "meetings", "board", "panel",
    "published", "internal", "external", "email", "emails", "correspondence", "letters", "between",
    "since", "from", "until", "during", "before", "after", "including", "excluding", "breakdown",
    "broken", "down", "category", "type", "location", "district", "area", "station", "stations",
    "closure", "closures", "open", "opened", "public",
];
