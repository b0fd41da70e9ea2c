//! The versioned normaliser: a request reduced to the words that make it that request.

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;

use crate::hash::hash_bytes;
use crate::letter::{blocks, body, unframe, Block};

/// Bump when anything here, in `letter.rs` or in the shingling changes: stored keys and bands
/// of another version are not comparable.
pub const NORMALISER_VERSION: u32 = 1;

/// What an authority's name or alias becomes.
pub const ORG: &str = "_org_";
/// What a number or a date becomes.
pub const NUMBER: &str = "_num_";

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const EXACT_SEEDS: [u64; 2] = [0x6C69_6B65_6E65_7373, 0x666F_6964_6573_6B31];

/// Authority names and aliases (from the register), each of which becomes [`ORG`].
#[derive(Clone, Debug, Default)]
pub struct Names {
    /// Each name's words, by its first word, longest first.
    by_first: BTreeMap<String, Vec<Vec<String>>>,
}

impl Names {
    pub fn new<I, S>(names: I) -> Names
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut by_first: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
        for name in names {
            let mut name = words(&fold(&nfkc(name.as_ref())));
            // "The Metropolitan Police Service": a text's "the" before a name goes too.
            let articles = name.iter().take_while(|w| *w == "the").count();
            name.drain(..articles);
            let Some(first) = name.first().cloned() else {
                continue;
            };
            let list = by_first.entry(first).or_default();
            if !list.contains(&name) {
                list.push(name);
            }
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        }
        Names { by_first }
    }

    /// How many distinct names (and aliases) there are.
    pub fn len(&self) -> usize {
        self.by_first.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// The number of words of the longest name at the start of `words`.
    fn longest_at(&self, words: &[String]) -> Option<usize> {
        let list = self.by_first.get(words.first()?)?;
        list.iter()
            .find(|name| words.starts_with(name))
            .map(Vec::len)
    }
}

/// A request, normalised: `text` is its words (with placeholders) separated by single spaces,
/// `parts` the same for each of its parts (list items, or paragraphs when it has no list).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Normalised {
    pub text: String,
    pub parts: Vec<String>,
}

impl Normalised {
    /// No words at all (an empty request, or one that is only a salutation): such a request
    /// identifies nothing and is never the same as another.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

pub fn normalise(text: &str, names: &Names) -> Normalised {
    let blocks = blocks(&body(&nfkc(text)));
    let blocks = asked(&blocks);
    let all: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    let mut text = tokens(&fold(&all.join("\n")), names);
    unframe(&mut text);
    let text = text.join(" ");
    let mut parts: Vec<String> = part_blocks(&blocks)
        .into_iter()
        .map(|b| tokens(&fold(&b.text), names).join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() && !text.is_empty() {
        parts.push(text.clone());
    }
    Normalised { text, parts }
}

/// The request's parts as written (list markers, salutation and sign-off gone, white space
/// collapsed), one for each of [`normalise`]'s parts and in the same order: what a grid shows
/// as its columns.
pub fn request_parts(text: &str) -> Vec<String> {
    let blocks = blocks(&body(&nfkc(text)));
    let blocks = asked(&blocks);
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut parts: Vec<String> = part_blocks(&blocks)
        .into_iter()
        .filter(|b| has_words(&b.text))
        .map(|b| collapse(&b.text))
        .collect();
    let all: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    let all = collapse(&all.join("\n"));
    if parts.is_empty() && has_words(&all) {
        parts.push(all);
    }
    parts
}

/// Words of a paragraph about how to answer rather than what is asked.
const PROCEDURE: &[&str] = &[
    "electronically",
    "electronic format",
    "electronic form",
    "clarification",
    "clarify",
    "acknowledge",
    "acknowledgement",
    "exempt",
    "exemption",
    "exemptions",
    "redact",
    "redacted",
    "redaction",
    "cost limit",
    "appropriate limit",
    "working days",
    "look forward",
    "advice and assistance",
    "section 16",
    "whatdotheyknow",
    "promptly",
];

/// The blocks without the paragraphs about how to answer rather than what is asked (many
/// requests share one, and it would make them look alike), unless nothing else is asked.
fn asked(blocks: &[Block]) -> Vec<&Block> {
    let asked: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.item || !procedural(&b.text))
        .collect();
    if asked.iter().any(|b| has_words(&b.text)) {
        asked
    } else {
        blocks.iter().collect()
    }
}

/// The blocks that are parts: the list items when there are any (the text around a list is
/// its preamble), otherwise the paragraphs.
fn part_blocks<'a>(blocks: &[&'a Block]) -> Vec<&'a Block> {
    let listed = blocks.iter().any(|b| b.item && has_words(&b.text));
    blocks
        .iter()
        .copied()
        .filter(|b| b.item || !listed)
        .collect()
}

/// A paragraph with no question mark and at least two of the words of [`PROCEDURE`].
fn procedural(text: &str) -> bool {
    if text.contains('?') {
        return false;
    }
    let words = format!(" {} ", words(&fold(text)).join(" "));
    let found = PROCEDURE
        .iter()
        .filter(|p| words.contains(&format!(" {p} ")))
        .count();
    found >= 2
}

/// Whether any word is left of `s` once normalised.
fn has_words(s: &str) -> bool {
    !words(&fold(s)).is_empty()
}

/// A stable hex hash (128 bits) of the normalised text.
pub fn exact_key(n: &Normalised) -> String {
    let [a, b] = EXACT_SEEDS.map(|seed| hash_bytes(seed, n.text.as_bytes()));
    format!("{a:016x}{b:016x}")
}

fn nfkc(s: &str) -> String {
    s.nfkc().collect()
}

/// Case folding after NFKC, repeated until stable: lower-casing can leave characters that
/// NFKC changes again.
fn fold(s: &str) -> String {
    let mut s = nfkc(s);
    for _ in 0..3 {
        let next: String = nfkc(&s.to_lowercase().replace('ß', "ss").replace('ς', "σ"));
        if next == s {
            break;
        }
        s = next;
    }
    s
}

/// Words of folded text: runs of letters, digits and `_`. An apostrophe inside a word joins
/// it ("don't" is "dont") and a possessive "'s" goes ("force's" is "force").
fn words(folded: &str) -> Vec<String> {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    let mut word = String::new();
    // Joining across an apostrophe puts characters side by side that NFKC may reorder.
    let mut joined = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if is_word(c) {
            word.push(c);
        } else if matches!(c, '\'' | '’' | '‘' | 'ʼ')
            && !word.is_empty()
            && next.is_some_and(is_word)
        {
            let after = chars.get(i + 2).copied();
            if next == Some('s') && !after.is_some_and(is_word) {
                i += 1;
            } else {
                joined = true;
            }
        } else {
            push_word(&mut out, std::mem::take(&mut word), joined);
            joined = false;
        }
        i += 1;
    }
    push_word(&mut out, word, joined);
    out
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn push_word(out: &mut Vec<String>, word: String, joined: bool) {
    if word == ORG || word == NUMBER {
        out.push(word);
        return;
    }
    let word = if joined { fold(&word) } else { word };
    for piece in word.split(|c: char| !is_word(c)) {
        let trimmed = piece.trim_matches('_');
        if !trimmed.is_empty() {
            out.push(trimmed.to_owned());
        }
    }
}

/// The words of folded text with names and numbers replaced by their placeholders.
fn tokens(folded: &str, names: &Names) -> Vec<String> {
    let raw = words(folded);
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match names.longest_at(&raw[i..]) {
            Some(n) => {
                while out.last().is_some_and(|w| w == "the") {
                    out.pop();
                }
                out.push(ORG.to_owned());
                i += n;
            }
            None => {
                out.push(raw[i].clone());
                i += 1;
            }
        }
    }
    for w in &mut out {
        if w.chars().any(char::is_numeric) {
            *w = NUMBER.to_owned();
        }
    }
    dates(&mut out);
    out.dedup_by(|a, b| a == b && (a == ORG || a == NUMBER));
    out
}

/// Month names next to a number become numbers too ("4 March 2024", "March 2024", "the 4th of
/// March"), so a date is one placeholder however it is written.
fn dates(words: &mut [String]) {
    let is_month = |w: &String| MONTHS.contains(&w.as_str());
    // Forwards, a month after a number (or after "number of"); backwards, a month before one.
    // Each sweep carries along a run of months, so two sweeps reach what repeating would.
    for i in 0..words.len() {
        if !is_month(&words[i]) {
            continue;
        }
        let of = i >= 2 && words[i - 1] == "of" && words[i - 2] == NUMBER;
        if of {
            words[i - 1] = NUMBER.to_owned();
        }
        if of || (i >= 1 && words[i - 1] == NUMBER) {
            words[i] = NUMBER.to_owned();
        }
    }
    for i in (0..words.len().saturating_sub(1)).rev() {
        if is_month(&words[i]) && words[i + 1] == NUMBER {
            words[i] = NUMBER.to_owned();
        }
    }
}
