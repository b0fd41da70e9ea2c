//! Word-shingle MinHash and its LSH bands.
//!
//! A signature is `BANDS * ROWS` minima over the text's word 3-shingles, then
//! `RELATED_BANDS * RELATED_ROWS` minima over its topic words (the words left when common
//! words and the placeholders go), then one hash for each part long enough to say something.
//!
//! Two texts share a band when all of its rows agree, which for shingle-set Jaccard similarity
//! `s` happens in at least one of `b` bands of `r` rows with probability `1 - (1 - s^r)^b`.
//! With 24 bands of 5 rows that is 0.988 at s = 0.7 and 0.057 at s = 0.3 (the targets: at
//! least 0.96 and at most 0.07). A reordered request with a part dropped can fall below 0.7
//! while every part it kept is word for word the same, so each part also has a band of its own
//! (numbered by its hash, so the same part meets itself whatever its place).
//!
//! The related bands (16 of 2 rows) are coarser: 0.64 at a topic similarity of 0.25, 0.99 at
//! 0.5, 0.04 at 0.05.

use crate::hash::{hash_bytes, hash_words, mix, seed};
use crate::normalise::{Normalised, NUMBER, ORG};

/// Words per shingle.
pub const SHINGLE: usize = 3;
/// Bands for "same" and "variant" candidates, numbered from 0.
pub const BANDS: usize = 24;
/// Rows (minima) per band.
pub const ROWS: usize = 5;
/// Bands for "related" candidates (same topic), numbered from [`RELATED_BAND_BASE`].
pub const RELATED_BANDS: usize = 16;
pub const RELATED_ROWS: usize = 2;
/// The first related band's number: band numbers of [`bands`] and [`related_bands`] never meet.
pub const RELATED_BAND_BASE: u16 = 1000;
/// Part bands are numbered `PART_BAND_BASE + part hash % PART_BAND_SLOTS`; a request has at most
/// one part band of each number.
pub const PART_BAND_BASE: u16 = 500;
pub const PART_BAND_SLOTS: u16 = 256;
/// A part of fewer words is too common to be a candidate on its own.
pub const PART_BAND_MIN_WORDS: usize = 6;
/// Signature values before the parts' hashes.
pub const SIGNATURE_LEN: usize = BANDS * ROWS + RELATED_BANDS * RELATED_ROWS;

const WORD_SEED: u64 = 0x776F_7264_7331_0001;
const SHINGLE_SEED: u64 = 0x7368_696E_676C_6533;
const MINHASH_SEED: u64 = 0x6D69_6E68_6173_6831;
const TOPIC_SEED: u64 = 0x746F_7069_6373_3031;
const BAND_SEED: u64 = 0x6261_6E64_7331_3233;
const PART_SEED: u64 = 0x7061_7274_7331_3233;

/// Words that say nothing of a request's topic: common English and the words every request
/// uses.
#[rustfmt::skip]
const COMMON: &[&str] = &[
    "the", "and", "for", "are", "was", "were", "been", "being", "have", "has", "had", "having",
    "with", "this", "that", "these", "those", "from", "which", "what", "when", "where", "who",
    "whom", "whose", "why", "how", "any", "all", "each", "every", "other", "such", "into", "onto",
    "upon", "about", "over", "under", "between", "within", "without", "during", "before", "after",
    "since", "until", "than", "then", "there", "their", "they", "them", "its", "our", "your",
    "yours", "you", "his", "her", "she", "him", "not", "nor", "but", "also", "only", "both",
    "either", "neither", "whether", "per", "via", "can", "could", "would", "should", "will",
    "shall", "may", "might", "must", "does", "did", "doing", "done", "please", "provide",
    "provided", "request", "requests", "requested", "requesting", "information", "freedom", "act",
    "foi", "foia", "copy", "copies", "details", "detail", "following", "follows", "number",
    "numbers", "many", "much", "total", "year", "years", "month", "months", "period", "date",
    "dates", "held", "hold", "holds", "record", "records", "recorded", "force", "forces", "police",
    "constabulary", "service", "services", "authority", "authorities", "including", "include",
    "includes", "regarding", "relating", "relation", "related", "respect", "like", "know", "want",
    "wish", "ask", "asking", "tell", "confirm", "state", "list", "breakdown", "broken", "down",
    "separately", "one", "two", "three", "first", "second", "last", "new", "current", "currently",
    "used", "use", "uses", "using", "make", "made", "some", "more", "most", "less", "least", "yes",
    "etc", "writing", "write", "writes", "out", "off", "own", "same", "very", "just", "now",
];

/// A request's MinHash: [`SIGNATURE_LEN`] minima, then a hash of each part of at least
/// [`PART_BAND_MIN_WORDS`] words; empty for an empty request.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Signature(pub Vec<u32>);

pub fn signature(n: &Normalised) -> Signature {
    if n.is_empty() {
        return Signature(Vec::new());
    }
    let mut values = minhash(&shingles(&n.text), BANDS * ROWS, MINHASH_SEED);
    values.extend(minhash(
        &topic_words(&n.text),
        RELATED_BANDS * RELATED_ROWS,
        TOPIC_SEED,
    ));
    values.extend(
        n.parts
            .iter()
            .filter(|p| p.split(' ').count() >= PART_BAND_MIN_WORDS)
            .map(|p| (hash_bytes(PART_SEED, p.as_bytes()) >> 32) as u32),
    );
    Signature(values)
}

/// `(band number, band hash)` for "same" and "variant" candidates: [`BANDS`] bands, then the
/// part bands; none for an empty request.
pub fn bands(sig: &Signature) -> Vec<(u16, i64)> {
    if sig.0.len() < SIGNATURE_LEN {
        return Vec::new();
    }
    let mut out = band_hashes(&sig.0[..BANDS * ROWS], ROWS, 0);
    let mut parts: Vec<(u16, i64)> = sig.0[SIGNATURE_LEN..]
        .iter()
        .map(|&v| {
            let band = PART_BAND_BASE + (v % u32::from(PART_BAND_SLOTS)) as u16;
            (band, band_hash(band, &[v]))
        })
        .collect();
    // Two parts whose hashes fall on one number keep the smaller, so each number is once.
    parts.sort_unstable();
    parts.dedup_by_key(|(band, _)| *band);
    out.extend(parts);
    out
}

/// Coarser bands over the topic words, for "related" candidates; none when the request has
/// no topic words.
pub fn related_bands(sig: &Signature) -> Vec<(u16, i64)> {
    if sig.0.len() < SIGNATURE_LEN {
        return Vec::new();
    }
    let topic = &sig.0[BANDS * ROWS..SIGNATURE_LEN];
    if topic.iter().all(|&v| v == u32::MAX) {
        return Vec::new();
    }
    band_hashes(topic, RELATED_ROWS, RELATED_BAND_BASE)
}

fn band_hashes(values: &[u32], rows: usize, base: u16) -> Vec<(u16, i64)> {
    values
        .chunks(rows)
        .zip(base..)
        .map(|(rows, band)| (band, band_hash(band, rows)))
        .collect()
}

/// The same 64 bits, read as a signed BIGINT.
fn band_hash(band: u16, rows: &[u32]) -> i64 {
    let words = std::iter::once(u64::from(band)).chain(rows.iter().map(|&v| u64::from(v)));
    hash_words(BAND_SEED, words) as i64
}

/// `k` minima of `set` under a fixed family of hash functions.
fn minhash(set: &[u64], k: usize, base: u64) -> Vec<u32> {
    let seeds: Vec<u64> = (0..k).map(|i| seed(base, i)).collect();
    let mut mins = vec![u32::MAX; k];
    for &h in set {
        for (min, s) in mins.iter_mut().zip(&seeds) {
            *min = (*min).min((mix(h ^ s) >> 32) as u32);
        }
    }
    mins
}

/// The hashes of the text's word shingles, sorted and unique; a text shorter than a shingle
/// is one shingle.
pub(crate) fn shingles(text: &str) -> Vec<u64> {
    let words: Vec<u64> = text
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| hash_bytes(WORD_SEED, w.as_bytes()))
        .collect();
    let mut out: Vec<u64> = if words.len() < SHINGLE {
        if words.is_empty() {
            Vec::new()
        } else {
            vec![hash_words(SHINGLE_SEED, words.iter().copied())]
        }
    } else {
        words
            .windows(SHINGLE)
            .map(|w| hash_words(SHINGLE_SEED, w.iter().copied()))
            .collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// The hashes of the text's topic words (stemmed), sorted and unique.
pub(crate) fn topic_words(text: &str) -> Vec<u64> {
    let mut out: Vec<u64> = text
        .split(' ')
        .filter(|w| w.chars().count() >= 3 && *w != ORG && *w != NUMBER && !COMMON.contains(w))
        .map(|w| hash_bytes(WORD_SEED, stem(w).as_bytes()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A light stem, so "seized", "seizing" and "seize" are one topic word.
fn stem(w: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s", "e"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            if stem.chars().count() >= 4 && !stem.ends_with(['s', 'u', 'i']) {
                return stem;
            }
        }
    }
    w
}

/// |a ∩ b| of two sorted, unique lists.
pub(crate) fn overlap(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Jaccard similarity of two sorted, unique lists (0 when both are empty).
pub(crate) fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let common = overlap(a, b);
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}
