//! Decisions like a request: tantivy's MoreLikeThis over the paragraphs, for
//! a text that is not in the index, within filters, re-ranked by a blend of
//! similarity and recency.

use std::cell::RefCell;

use foidesk_calendar::Date;
use foidesk_law::ProvisionId;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, MoreLikeThisQuery, Occur, Query};
use tantivy::schema::{OwnedValue, Value};
use tantivy::{TantivyDocument, Term};

use crate::index::{date_key, NoticeIndex};
use crate::query::{term, Highlighter, Hit, KindFilter};
use crate::SearchError;

/// Weight of similarity in the rank; the rest is recency.
pub const SIMILARITY_WEIGHT: f32 = 0.75;
/// A decision this many years old counts half as recent as one made today.
pub const RECENCY_HALF_LIFE_YEARS: f32 = 4.0;
/// Candidates MoreLikeThis returns before the blend re-ranks them.
const CANDIDATES: usize = 200;

/// Words too common in requests and notices to say what a request is about
/// (as the paragraph field's stemmer leaves them).
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "that", "this", "with", "from", "ani", "all", "have", "has", "been",
    "which", "not", "are", "was", "were", "you", "your", "our", "its", "their", "there", "would",
    "could", "should", "pleas", "request", "inform", "provid", "held", "hold", "copi", "made",
    "under", "what", "when", "where", "who", "whether", "also", "into", "between", "such", "other",
    "each", "about", "includ", "regard", "relat", "detail", "foi", "freedom", "act", "year",
    "date", "number", "last", "sinc", "dear", "thank", "like", "know", "will",
];

/// What to look for: a text, and every filter given must hold.
#[derive(Clone, Debug, Default)]
pub struct SimilarQuery {
    /// The request's words.
    pub text: String,
    /// Cites any of these, or a provision one of them contains; none: any.
    pub provisions: Vec<ProvisionId>,
    pub kind: Option<KindFilter>,
    /// Notices already found, left out.
    pub exclude: Vec<i64>,
    /// Today, for recency; none: recency counts nothing.
    pub today: Option<Date>,
    pub limit: usize,
}

/// One similar decision with its scores.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Similar {
    pub hit: Hit,
    /// MoreLikeThis's score over the best candidate's (0 to 1).
    pub similarity: f32,
    /// 1 today, halving every `RECENCY_HALF_LIFE_YEARS`; 0 undated.
    pub recency: f32,
    /// `SIMILARITY_WEIGHT` × similarity + the rest × recency.
    pub rank: f32,
}

impl NoticeIndex {
    /// The notices most like `q.text` within the filters, best blend first.
    pub fn similar(&self, q: &SimilarQuery) -> Result<Vec<Similar>, SearchError> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let mlt = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_min_term_frequency(1)
            .with_max_query_terms(30)
            .with_min_word_length(3)
            .with_stop_words(STOP_WORDS.iter().map(|w| (*w).to_owned()).collect())
            .with_document_fields(vec![(f.paragraph, vec![OwnedValue::Str(q.text.clone())])]);
        // A text with no word worth matching matches nothing, so each notice
        // then counts by recency alone (the AllQuery).
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let text_query: Box<dyn Query> = Box::new(mlt);
        clauses.push((Occur::Should, text_query.box_clone()));
        clauses.push((Occur::Should, Box::new(AllQuery)));
        let mut filtered: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(clauses)))];
        // Filters count nothing towards the score, which is likeness alone.
        let unscored =
            |q: Box<dyn Query>| -> Box<dyn Query> { Box::new(ConstScoreQuery::new(q, 0.0)) };
        if !q.provisions.is_empty() {
            filtered.push((Occur::Must, unscored(self.provision_clause(&q.provisions))));
        }
        if let Some(k) = &q.kind {
            for (occur, clause) in self.kind_clauses(k) {
                filtered.push((occur, unscored(clause)));
            }
        }
        for id in &q.exclude {
            let id = u64::try_from(*id).unwrap_or(0);
            filtered.push((Occur::MustNot, term(Term::from_field_u64(f.id, id))));
        }
        let query = BooleanQuery::new(filtered);
        let top = searcher.search(&query, &TopDocs::with_limit(CANDIDATES).order_by_score())?;
        // AllQuery adds the same 1 to every notice; what is left is likeness.
        let likeness: Vec<f32> = top.iter().map(|(s, _)| (s - 1.0).max(0.0)).collect();
        let best = likeness.iter().copied().fold(0.0f32, f32::max);
        let stems = self.paragraph_stems(&q.text)?;
        let analyzer = searcher.index().tokenizer_for_field(f.paragraph)?;
        let highlighter = RefCell::new(Highlighter::new(analyzer, stems));
        let mut out = Vec::with_capacity(top.len());
        for ((_, addr), like) in top.into_iter().zip(likeness) {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let decided = doc.get_first(f.decided).and_then(|v| v.as_i64());
            let similarity = if best > 0.0 { like / best } else { 0.0 };
            let recency = match (decided, q.today) {
                (Some(d), Some(today)) => recency(d, date_key(today)),
                _ => 0.0,
            };
            let hit = self.hit(&searcher, addr, Some(like), Some(&highlighter))?;
            out.push(Similar {
                hit,
                similarity,
                recency,
                rank: SIMILARITY_WEIGHT * similarity + (1.0 - SIMILARITY_WEIGHT) * recency,
            });
        }
        out.sort_by(|a, b| {
            b.rank
                .total_cmp(&a.rank)
                .then_with(|| a.hit.id.cmp(&b.hit.id))
        });
        out.truncate(q.limit.max(1));
        Ok(out)
    }

    /// The words of `text` as the paragraph field indexes them, less the stop words.
    fn paragraph_stems(&self, text: &str) -> Result<Vec<String>, SearchError> {
        let mut words = self.words(self.fields.paragraph, text)?;
        words.retain(|w| w.chars().count() >= 3 && !STOP_WORDS.contains(&w.as_str()));
        words.sort();
        words.dedup();
        Ok(words)
    }
}

/// 0.5 ^ (age in years / half-life), from two yyyymmdd keys; 1 for a future date.
fn recency(decided: i64, today: i64) -> f32 {
    let days = |k: i64| {
        (k / 10_000) as f32 * 365.25 + ((k / 100 % 100) as f32 - 1.0) * 30.44 + (k % 100) as f32
    };
    let years = ((days(today) - days(decided)) / 365.25).max(0.0);
    0.5f32.powf(years / RECENCY_HALF_LIFE_YEARS)
}

#[cfg(test)]
mod tests {
    use super::recency;

    #[test]
    fn recency_halves_every_half_life() {
        for (decided, today, expected) in [
            (20240101, 20240101, 1.0),
            (20200101, 20240101, 0.5),
            (20160101, 20240101, 0.25),
            (20250101, 20240101, 1.0),
        ] {
            let got = recency(decided, today);
            assert!((got - expected).abs() < 0.01, "{decided} {today}: {got}");
        }
    }
}
