//! The Commissioner's wording, classified: which phrases find for the authority, which
//! against it, which say a decision was only partly one way, and which provisions are
//! exemptions rather than procedural duties.

use aho_corasick::AhoCorasick;
use foidesk_law::{ProvisionId, Regime};

/// Lists of phrases searched together in one pass over a sentence: most sentences are
/// checked against every list.
pub(super) struct Vocabulary {
    automaton: Option<AhoCorasick>,
    patterns: Vec<&'static str>,
    /// For each pattern, the list it came from.
    list_of: Vec<usize>,
}

/// Which lists a sentence holds a phrase of, and which of those at a word start with no
/// negation just before ("was not entitled" does not affirm "entitled").
#[derive(Clone, Copy, Default)]
pub(super) struct Found {
    any: u32,
    affirmed: u32,
}

impl Found {
    pub(super) fn any(self, list: usize) -> bool {
        self.any & (1 << list) != 0
    }
    pub(super) fn affirmed(self, list: usize) -> bool {
        self.affirmed & (1 << list) != 0
    }
}

impl Vocabulary {
    /// At most 32 lists.
    pub(super) fn new(lists: &[&'static [&'static str]]) -> Vocabulary {
        let mut patterns = Vec::new();
        let mut list_of = Vec::new();
        for (i, list) in lists.iter().enumerate().take(32) {
            patterns.extend_from_slice(list);
            list_of.extend(std::iter::repeat_n(i, list.len()));
        }
        Vocabulary {
            automaton: AhoCorasick::new(&patterns).ok(),
            patterns,
            list_of,
        }
    }

    pub(super) fn scan(&self, lower: &str) -> Found {
        let mut found = Found::default();
        let mut note = |pattern: usize, start: usize| {
            let bit = 1 << self.list_of[pattern];
            found.any |= bit;
            if affirmed_at(lower, start) {
                found.affirmed |= bit;
            }
        };
        match &self.automaton {
            Some(a) => a
                .find_overlapping_iter(lower)
                .for_each(|m| note(m.pattern().as_usize(), m.start())),
            None => {
                for (i, p) in self.patterns.iter().enumerate() {
                    for (start, _) in lower.match_indices(p) {
                        note(i, start);
                    }
                }
            }
        }
        found
    }
}

/// Findings for the authority (lower case), when not negated just before; the weak ones
/// are in [`WEAK`].
pub(super) const STRONG: &[&str] = &[
    "entitled to rely",
    "entitled to withhold",
    "entitled to refuse",
    "entitled to neither",
    "entitled to apply",
    "entitled to cite",
    "entitled to handle",
    "entitled to treat",
    "entitled to",
    "is exempt",
    "was exempt",
    "are exempt",
    "were exempt",
    "was correct",
    "were correct",
    "is correct",
    "has correctly",
    "applies to",
    "apply to the",
    "purposes of journalism",
    "purposes of 'journalism",
    "did not fall inside",
    "outside the scope",
    "falls outside",
    "fell outside",
    "not covered by",
    "correctly",
    "properly",
    "appropriately",
    "is vexatious",
    "was vexatious",
    "were vexatious",
    "are vexatious",
    "is manifestly unreasonable",
    "was manifestly unreasonable",
    "in accordance with",
    "complied with",
    "does not hold",
    "did not hold",
    "not hold any",
    "is not held",
    "was not held",
    "holds no ",
    "held no ",
    "not obliged",
    "does not need to confirm",
    "no further action",
    "agrees with",
    "upholds",
    "dealt with the request in accordance",
    "was excluded from",
    "is excluded from",
    "exceed the appropriate limit",
    "exceeded the appropriate limit",
    "exceed the cost limit",
    "exceeded the cost limit",
];

/// Findings against the authority.
pub(super) const AGAINST_AUTHORITY: &[&str] = &[
    "not entitled",
    "not exempt",
    "not correct",
    "was wrong",
    "not engaged",
    "incorrectly",
    "wrongly",
    "inappropriately",
    "not correctly",
    "not properly",
    "not appropriately",
    "not in accordance",
    "not vexatious",
    "not manifestly unreasonable",
    "should be disclosed",
    "should disclose",
    "should have been disclosed",
    "must disclose",
    "be released",
    "does hold",
    "holds further",
    "holds more",
    "not demonstrated",
    "failed to demonstrate",
    "has not shown",
    "does not apply",
    "did not apply",
    "not applicable",
    "not been applied",
    "was not vexatious",
    "cannot rely",
    "could not rely",
    "can not rely",
];

/// Weak findings for the authority, overridden in the same sentence by a finding against
/// it ("engaged, but the public interest favours disclosure").
pub(super) const WEAK: &[&str] = &[
    "engages",
    "is engaged",
    "was engaged",
    "are engaged",
    "were engaged",
    "be engaged",
    "is applicable",
];

/// Words that limit a finding to part of the information.
pub(super) const PARTIAL: &[&str] = &[
    "some of the",
    "some information",
    "part of the",
    "parts of the",
    "majority",
    "most of the",
    "remaining",
    "remainder",
    "except",
    "exception of",
    "certain",
    "particular",
    "the rest",
    "partly",
    "in part",
    "other information",
    "some but not all",
    "small amount",
    "limited amount",
    "some of it",
    "elements of",
];

/// What a provision is for the purposes of a decision: an exemption or exception the
/// authority can rely on, a procedural duty it can breach, or neither (definitions,
/// enforcement and appeal sections).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Exemption,
    Procedural,
    Neither,
}

pub(super) fn role(id: &ProvisionId) -> Role {
    let top = id.top().to_string();
    let number: u32 = top
        .trim_start_matches("reg.")
        .trim_start_matches("s.")
        .parse()
        .unwrap_or(0);
    match id.regime() {
        // s.1(3) to s.1(6) qualify the duty in s.1(1); they are not duties themselves.
        Regime::Foia if number == 1 && id.depth() > 1 && !id.to_string().starts_with("s.1(1)") => {
            Role::Neither
        }
        Regime::Foia => match number {
            12 | 14 | 21..=44 => Role::Exemption,
            1 | 8 | 10 | 11 | 16 | 17 => Role::Procedural,
            _ => Role::Neither,
        },
        Regime::Eir => match number {
            6 | 12 | 13 => Role::Exemption,
            5 | 7 | 9 | 11 | 14 => Role::Procedural,
            _ => Role::Neither,
        },
    }
}

/// A phrase starting at `s` starts a word and is not negated just before it.
fn affirmed_at(lower: &str, s: usize) -> bool {
    let word_ok = s == 0 || !lower.as_bytes()[s - 1].is_ascii_alphabetic();
    let from = (s.saturating_sub(8)..s)
        .find(|i| lower.is_char_boundary(*i))
        .unwrap_or(s);
    let before = &lower[from..s];
    word_ok && !before.contains("not ") && !before.contains("n't ") && !before.contains("no ")
}

/// Which way the public interest test went, when the sentence weighs it: `Some(true)` for
/// maintaining the exemption (for the authority), `Some(false)` for disclosure.
pub(super) fn public_interest(l: &str) -> Option<bool> {
    let side = |t: &str| -> Option<bool> {
        let m = ["maintain", "exemption", "exception", "withhold"]
            .iter()
            .filter_map(|w| t.rfind(w))
            .max();
        let d = ["disclos", "release", "transparen", "openness"]
            .iter()
            .filter_map(|w| t.rfind(w))
            .max();
        match (m, d) {
            (Some(m), Some(d)) => Some(m > d),
            (Some(_), None) => Some(true),
            (None, Some(_)) => Some(false),
            (None, None) => None,
        }
    };
    if let Some(p) = l.find("outweigh") {
        let (before, after) = (&l[..p], &l[p..]);
        let passive = after.starts_with("outweighed by");
        let negated = before.ends_with("not ")
            || before.ends_with("does not ")
            || before.ends_with("did not ");
        // The winner: the subject of "outweighs", or the agent of "is outweighed by".
        let subject_wins = !passive ^ negated;
        let subject = side(before.rsplit([',', ';']).next().unwrap_or(before));
        let object = side(
            after
                .split([',', ';'])
                .next()
                .unwrap_or(after)
                .get(8..)
                .unwrap_or(""),
        );
        return if subject_wins {
            subject.or(object.map(|o| !o))
        } else {
            object.or(subject.map(|s| !s))
        };
    }
    for (phrase, maintain) in [
        ("favour of maintaining", true),
        ("favours maintaining", true),
        ("favoured maintaining", true),
        ("favour of disclos", false),
        ("favours disclos", false),
        ("favoured disclos", false),
    ] {
        if l.contains(phrase) {
            return Some(maintain);
        }
    }
    None
}

/// Words that make a sentence the Commissioner's finding, not the authority's account of
/// itself (with a sentence that opens "He …" or "She …").
pub(super) const FINDING: &[&str] = &[
    "commissioner",
    "decision is",
    " he has ",
    " she has ",
    " he finds",
    " she finds",
    " he also ",
    " she also ",
];

/// A sentence that opens with the Commissioner as "he" or "she".
pub(super) fn opens_as_finding(l: &str) -> bool {
    [
        "he ",
        "she ",
        "it is the ",
        "however, he",
        "however he",
        "however, she",
    ]
    .iter()
    .any(|p| l.starts_with(p))
}

/// The authority refused to confirm or deny (or the Commissioner found it need not).
pub(super) const NCND: &[&str] = &[
    "neither confirm nor deny",
    "confirm or deny",
    "confirm nor deny",
    "confirm whether or not",
    "to confirm whether",
];
