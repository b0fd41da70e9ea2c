//! Exact verification of a candidate pair: the same request, a variant, a related request
//! (same topic), or unrelated.

use crate::minhash::{jaccard, overlap, shingles, topic_words};
use crate::normalise::Normalised;

/// Shingle similarity at or above which two requests are the same.
const SAME: f64 = 0.9;
/// Whole-text shingle similarity at or above which one is a variant of the other.
const VARIANT: f64 = 0.6;
/// Part-aligned similarity at or above which one is a variant of the other.
const VARIANT_PARTS: f64 = 0.5;
/// Share of the shorter text's shingles found in the longer that makes a variant ...
const CONTAINED: f64 = 0.8;
/// ... when the shorter has at least this many shingles (a one-line request is contained in
/// too much).
const CONTAINED_MIN: usize = 8;
/// Part similarity (`part_similarity`) at or above which two parts are the same part.
const PART_MATCH: f64 = 0.5;
/// Parts beyond this many are not aligned (a list of thousands would cost millions of
/// comparisons); the whole text still counts.
const ALIGNED_PARTS: usize = 200;
/// Topic-word similarity at or above which two requests are related.
const RELATED: f64 = 0.2;
/// Whole-text shingle similarity at or above which two requests are related whatever their
/// topic words.
const RELATED_TEXT: f64 = 0.3;

/// How alike two requests are. A vocabulary like those of `foidesk_law::vocab` (this crate
/// depends on no other foidesk crate, so it is written out rather than made by the macro).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Likeness {
    #[serde(rename = "same")]
    Same,
    #[serde(rename = "variant")]
    Variant,
    #[serde(rename = "related")]
    Related,
    #[serde(rename = "unrelated")]
    Unrelated,
}

impl Likeness {
    /// Every value, in declaration order.
    pub const ALL: [Likeness; 4] = [
        Likeness::Same,
        Likeness::Variant,
        Likeness::Related,
        Likeness::Unrelated,
    ];
    /// Every wire name, in declaration order.
    pub const NAMES: [&'static str; 4] = ["same", "variant", "related", "unrelated"];

    /// The name on the wire.
    pub fn as_str(self) -> &'static str {
        Likeness::NAMES[self as usize]
    }

    /// What people read.
    pub fn label(self) -> &'static str {
        match self {
            Likeness::Same => "same request",
            Likeness::Variant => "variant (an officer confirms)",
            Likeness::Related => "related request",
            Likeness::Unrelated => "unrelated",
        }
    }

    pub fn from_name(name: &str) -> Option<Likeness> {
        Likeness::ALL.into_iter().find(|l| l.as_str() == name)
    }
}

/// The verdict on a pair, with the measures behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub likeness: Likeness,
    /// The greater of the whole-text and the part-aligned shingle similarity, 0..=1.
    pub similarity: f64,
    /// Topic-word similarity, 0..=1.
    pub topic: f64,
    /// Matched parts: (index in `a.parts`, index in `b.parts`), best match first.
    pub pairs: Vec<(usize, usize)>,
}

pub fn compare(a: &Normalised, b: &Normalised) -> Comparison {
    if a.is_empty() || b.is_empty() {
        return Comparison {
            likeness: Likeness::Unrelated,
            similarity: 0.0,
            topic: 0.0,
            pairs: Vec::new(),
        };
    }
    let (sa, sb) = (shingles(&a.text), shingles(&b.text));
    let whole = jaccard(&sa, &sb);
    let shorter = sa.len().min(sb.len());
    let contained = overlap(&sa, &sb) as f64 / shorter.max(1) as f64;
    let topic = jaccard(&topic_words(&a.text), &topic_words(&b.text));
    let aligned = align(&a.parts, &b.parts);
    let every_part = aligned.pairs.len() == a.parts.len() && aligned.pairs.len() == b.parts.len();
    let similarity = if a.text == b.text {
        1.0
    } else {
        whole.max(aligned.score)
    };
    let likeness = if similarity == 1.0 || whole >= SAME || (every_part && aligned.score >= SAME) {
        Likeness::Same
    } else if whole >= VARIANT
        || aligned.score >= VARIANT_PARTS
        || (contained >= CONTAINED && shorter >= CONTAINED_MIN)
    {
        Likeness::Variant
    } else if topic >= RELATED || whole >= RELATED_TEXT {
        Likeness::Related
    } else {
        Likeness::Unrelated
    };
    Comparison {
        likeness,
        similarity,
        topic,
        pairs: aligned.pairs,
    }
}

/// Two parts' likeness: shingles alone punish a reworded short part ("how many of your
/// officers" for "how many officers") as hard as another question ("drones" for "tasers"), so
/// their topic words, which only the second changes, count for half.
fn part_similarity(
    shingles_a: &[u64],
    shingles_b: &[u64],
    topic_a: &[u64],
    topic_b: &[u64],
) -> f64 {
    let text = jaccard(shingles_a, shingles_b);
    if topic_a.is_empty() && topic_b.is_empty() {
        return text;
    }
    (text + jaccard(topic_a, topic_b)) / 2.0
}

struct Aligned {
    pairs: Vec<(usize, usize)>,
    /// Matched parts' similarity, weighted by their size, over all parts' size.
    score: f64,
}

/// Matches parts one to one, most similar first, so that reordering costs nothing and a
/// dropped part costs only its own share.
fn align(a: &[String], b: &[String]) -> Aligned {
    let (a, b) = (
        &a[..a.len().min(ALIGNED_PARTS)],
        &b[..b.len().min(ALIGNED_PARTS)],
    );
    let sa: Vec<Vec<u64>> = a.iter().map(|p| shingles(p)).collect();
    let sb: Vec<Vec<u64>> = b.iter().map(|p| shingles(p)).collect();
    let ta: Vec<Vec<u64>> = a.iter().map(|p| topic_words(p)).collect();
    let tb: Vec<Vec<u64>> = b.iter().map(|p| topic_words(p)).collect();
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (i, x) in sa.iter().enumerate() {
        for (j, y) in sb.iter().enumerate() {
            let s = part_similarity(x, y, &ta[i], &tb[j]);
            if s >= PART_MATCH {
                candidates.push((s, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let (mut used_a, mut used_b) = (vec![false; a.len()], vec![false; b.len()]);
    let mut pairs = Vec::new();
    let mut matched = 0.0;
    for (s, i, j) in candidates {
        if used_a[i] || used_b[j] {
            continue;
        }
        used_a[i] = true;
        used_b[j] = true;
        pairs.push((i, j));
        matched += s * (sa[i].len() + sb[j].len()) as f64;
    }
    let total: usize = sa.iter().chain(&sb).map(Vec::len).sum();
    let score = if total == 0 {
        0.0
    } else {
        matched / total as f64
    };
    Aligned { pairs, score }
}
