//! Searching: full text plus facets, ranked, each hit with its best paragraph.

use std::cell::RefCell;
use std::ops::Bound;

use foidesk_calendar::Date;
use foidesk_law::ProvisionId;
use foidesk_notice::Outcome;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use crate::index::{date_key, NoticeIndex};
use crate::schema::META_SEP;
use crate::SearchError;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first (BM25); newest first when there is no query text.
    #[default]
    Relevance,
    Newest,
}

/// What to look for. Every filter given must hold.
#[derive(Clone, Debug, Default)]
pub struct SearchQuery {
    /// Words, "phrases", `+must -mustnot`; empty or `*` means every notice.
    pub text: String,
    /// Cited provision, or any provision it contains.
    pub provision: Option<ProvisionId>,
    /// Every word must appear in the authority's name.
    pub authority: Option<String>,
    pub outcome: Option<Outcome>,
    pub ncnd: Option<bool>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// The kind of body the authority is.
    pub kind: Option<KindFilter>,
    pub sort: Sort,
    pub limit: usize,
}

/// Notices of one kind of authority: those whose authority the register
/// knows as that kind (by match key), and those it does not know at all whose
/// notice says that kind (`Derived::authority_kind`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KindFilter {
    /// The kind's wire name ("police").
    pub kind: String,
    /// Match keys of the register's names and aliases of this kind.
    pub keys: Vec<String>,
    /// Match keys of every other name the register knows: their kind is the register's.
    pub other_keys: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchResults {
    /// How many notices match (not only those returned).
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Parts of the query text that could not be read, and were ignored.
    pub warnings: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    pub id: i64,
    pub score: Option<f32>,
    pub reference: Option<String>,
    pub date: Option<String>,
    pub public_authority: Option<String>,
    pub regime: Option<String>,
    pub outcome: Option<String>,
    pub ncnd: bool,
    pub provisions_cited: Vec<String>,
    pub file: Option<String>,
    /// "notice", "notice_page" or "abstract".
    pub source_kind: Option<String>,
    /// From the notice's page, when the library has it.
    pub sector: Option<String>,
    /// The page's decision labels, "s.10: upheld".
    pub decisions: Vec<String>,
    pub url: Option<String>,
    /// The kind of body the notice itself says the authority is.
    pub authority_kind: Option<String>,
    pub paragraph: Option<HitParagraph>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HitParagraph {
    pub number: u32,
    pub heading: Option<String>,
    pub text: String,
    /// Byte ranges of the matched words within `text`.
    pub highlights: Vec<[usize; 2]>,
}

impl NoticeIndex {
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let mut warnings = Vec::new();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let text = q.text.trim();
        let text_query: Option<Box<dyn Query>> = if text.is_empty() || text == "*" {
            None
        } else {
            let mut parser = QueryParser::for_index(
                searcher.index(),
                vec![f.paragraph, f.authority, f.reference],
            );
            parser.set_conjunction_by_default();
            let (query, errors) = parser.parse_query_lenient(text);
            warnings.extend(errors.iter().map(|e| format!("query text: {e}")));
            Some(query)
        };
        if let Some(tq) = &text_query {
            clauses.push((Occur::Must, tq.box_clone()));
        }
        if let Some(p) = &q.provision {
            clauses.push((Occur::Must, self.provision_clause(std::slice::from_ref(p))));
        }
        if let Some(k) = &q.kind {
            clauses.extend(self.kind_clauses(k));
        }
        if let Some(a) = &q.authority {
            for word in self.words(f.authority, a)? {
                clauses.push((Occur::Must, term(Term::from_field_text(f.authority, &word))));
            }
        }
        if let Some(o) = q.outcome {
            clauses.push((
                Occur::Must,
                term(Term::from_field_text(f.outcome, o.as_str())),
            ));
        }
        if let Some(n) = q.ncnd {
            clauses.push((
                Occur::Must,
                term(Term::from_field_u64(f.ncnd, u64::from(n))),
            ));
        }
        if q.from.is_some() || q.to.is_some() {
            let bound = |d: Option<Date>| match d {
                Some(d) => Bound::Included(Term::from_field_i64(f.decided, date_key(d))),
                None => Bound::Unbounded,
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(bound(q.from), bound(q.to))),
            ));
        }
        let query: Box<dyn Query> = if clauses.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(clauses))
        };
        let limit = q.limit.max(1);
        let total = searcher.search(&*query, &Count)?;
        let ranked: Vec<(Option<f32>, DocAddress)> = if q.sort == Sort::Relevance
            && text_query.is_some()
        {
            searcher
                .search(&*query, &TopDocs::with_limit(limit).order_by_score())?
                .into_iter()
                .map(|(s, a)| (Some(s), a))
                .collect()
        } else {
            searcher
                .search(
                    &*query,
                    &TopDocs::with_limit(limit).order_by_fast_field::<i64>("recency", Order::Desc),
                )?
                .into_iter()
                .map(|(_, a)| (None, a))
                .collect()
        };
        let snippets = match &text_query {
            Some(tq) => {
                let mut stems = Vec::new();
                tq.query_terms(&mut |t: &Term, _| {
                    if t.field() == f.paragraph {
                        stems.extend(t.value().as_str().map(str::to_owned));
                    }
                });
                let analyzer = searcher.index().tokenizer_for_field(f.paragraph)?;
                Some(RefCell::new(Highlighter::new(analyzer, stems)))
            }
            None => None,
        };
        let hits = ranked
            .into_iter()
            .map(|(score, addr)| self.hit(&searcher, addr, score, snippets.as_ref()))
            .collect::<Result<_, _>>()?;
        Ok(SearchResults {
            total,
            hits,
            warnings,
        })
    }

    /// Cites any of `provisions`, or a provision any of them contains.
    pub(crate) fn provision_clause(&self, provisions: &[ProvisionId]) -> Box<dyn Query> {
        let any: Vec<(Occur, Box<dyn Query>)> = provisions
            .iter()
            .map(|p| {
                (
                    Occur::Should,
                    term(Term::from_field_text(self.fields.provision, &p.to_string())),
                )
            })
            .collect();
        Box::new(BooleanQuery::new(any))
    }

    /// The clauses that keep notices of one kind of authority.
    pub(crate) fn kind_clauses(&self, k: &KindFilter) -> Vec<(Occur, Box<dyn Query>)> {
        let f = self.fields;
        let mut any: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Should,
            term(Term::from_field_text(f.authority_kind, &k.kind)),
        )];
        any.extend(k.keys.iter().map(|key| {
            (
                Occur::Should,
                term(Term::from_field_text(f.authority_key, key)),
            )
        }));
        let mut out: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(any)))];
        out.extend(k.other_keys.iter().map(|key| {
            (
                Occur::MustNot,
                term(Term::from_field_text(f.authority_key, key)),
            )
        }));
        out
    }

    /// The field's own analysis of `text` (so "Police," matches "police").
    pub(crate) fn words(&self, field: Field, text: &str) -> Result<Vec<String>, SearchError> {
        let mut analyzer = self.reader.searcher().index().tokenizer_for_field(field)?;
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        Ok(out)
    }

    pub(crate) fn hit(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
        score: Option<f32>,
        snippets: Option<&RefCell<Highlighter>>,
    ) -> Result<Hit, SearchError> {
        let f = self.fields;
        let doc: TantivyDocument = searcher.doc(addr)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let all = |field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| v.as_str())
                .map(str::to_owned)
                .collect()
        };
        let paragraphs = all(f.paragraph);
        let metas = all(f.paragraph_meta);
        let paragraph = best_paragraph(&paragraphs, &metas, snippets);
        Ok(Hit {
            id: doc
                .get_first(f.id)
                .and_then(|v| v.as_u64())
                .and_then(|v| i64::try_from(v).ok())
                .unwrap_or(0),
            score,
            reference: text(f.reference),
            date: doc
                .get_first(f.decided)
                .and_then(|v| v.as_i64())
                .map(|k| format!("{:04}-{:02}-{:02}", k / 10_000, k / 100 % 100, k % 100)),
            public_authority: text(f.authority),
            regime: text(f.regime),
            outcome: text(f.outcome),
            ncnd: doc.get_first(f.ncnd).and_then(|v| v.as_u64()) == Some(1),
            provisions_cited: all(f.cited),
            file: text(f.file),
            source_kind: text(f.kind),
            sector: text(f.sector),
            decisions: all(f.decision),
            url: text(f.url),
            authority_kind: text(f.authority_kind),
            paragraph,
        })
    }
}

pub(crate) fn term(t: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(t, IndexRecordOption::Basic))
}

/// Finds the query's words in a paragraph, as the index matched them (after
/// stemming). Stemming every word is what makes highlighting slow, so a word
/// is analysed only when its first letters agree with one of the stems.
pub(crate) struct Highlighter {
    analyzer: TextAnalyzer,
    /// The query's terms in the paragraph field, as analysed ("commerci").
    stems: Vec<String>,
    /// The first (up to) three letters of each stem.
    heads: Vec<Head>,
}

/// Up to three lowercased chars and how many there are.
type Head = ([char; 3], usize);

fn head(word: &str) -> Head {
    let mut h = ['\0'; 3];
    let mut n = 0;
    for (slot, c) in h.iter_mut().zip(word.chars()) {
        *slot = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            c.to_lowercase().next().unwrap_or(c)
        };
        n += 1;
    }
    (h, n)
}

impl Highlighter {
    pub(crate) fn new(analyzer: TextAnalyzer, stems: Vec<String>) -> Highlighter {
        let heads = stems.iter().map(|s| head(s)).collect();
        Highlighter {
            analyzer,
            stems,
            heads,
        }
    }

    fn highlights(&mut self, text: &str) -> Vec<[usize; 2]> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    if self.matches(&text[s..i]) {
                        out.push([s, i]);
                    }
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    fn matches(&mut self, word: &str) -> bool {
        let (w, _) = head(word);
        if !self.heads.iter().any(|(h, n)| h[..*n] == w[..*n]) {
            return false;
        }
        let mut stream = self.analyzer.token_stream(word);
        let mut found = false;
        while let Some(t) = stream.next() {
            found |= self.stems.contains(&t.text);
        }
        found
    }
}

/// The paragraph with the most matched words; the first one when the query
/// has no words (a filter-only search), which is the decision summary.
pub(crate) fn best_paragraph(
    paragraphs: &[String],
    metas: &[String],
    highlighter: Option<&RefCell<Highlighter>>,
) -> Option<HitParagraph> {
    let mut best: Option<(usize, usize, Vec<[usize; 2]>)> = None;
    for (i, text) in paragraphs.iter().enumerate() {
        let highlights = match highlighter {
            Some(h) => h.borrow_mut().highlights(text),
            None => Vec::new(),
        };
        let better = match &best {
            None => true,
            Some((_, n, _)) => highlights.len() > *n,
        };
        if better {
            best = Some((i, highlights.len(), highlights));
        }
        if highlighter.is_none() {
            break;
        }
    }
    let (i, _, highlights) = best?;
    let (number, heading) = metas
        .get(i)
        .and_then(|m| m.split_once(META_SEP))
        .map(|(n, h)| {
            (
                n.parse().unwrap_or(0),
                (!h.is_empty()).then(|| h.to_owned()),
            )
        })
        .unwrap_or((0, None));
    Some(HitParagraph {
        number,
        heading,
        text: paragraphs[i].clone(),
        highlights,
    })
}
