//! Reading the index as a library: one notice with all its paragraphs, and
//! the count of outcomes by provision and year.

use std::collections::BTreeMap;

use foidesk_law::ProvisionId;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use crate::index::NoticeIndex;
use crate::query::Hit;
use crate::schema::META_SEP;
use crate::SearchError;

/// A notice as the library shows it: its facets and every paragraph.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NoticePage {
    pub hit: Hit,
    pub paragraphs: Vec<NumberedParagraph>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NumberedParagraph {
    pub number: u32,
    pub heading: Option<String>,
    pub text: String,
}

/// How many notices citing a section (or a provision within it) were
/// decided in a year with an outcome ("unknown" when the notice gives none).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct OutcomeCount {
    pub provision: String,
    pub year: i32,
    pub outcome: String,
    pub notices: u32,
}

impl NoticeIndex {
    /// The notice stored under `id`, if the index holds it.
    pub fn notice(&self, id: i64) -> Result<Option<NoticePage>, SearchError> {
        let f = self.fields;
        let Ok(id) = u64::try_from(id) else {
            return Ok(None);
        };
        let searcher = self.reader.searcher();
        let q = TermQuery::new(Term::from_field_u64(f.id, id), IndexRecordOption::Basic);
        let Some((_, addr)) = searcher
            .search(&q, &TopDocs::with_limit(1).order_by_score())?
            .into_iter()
            .next()
        else {
            return Ok(None);
        };
        let hit = self.hit(&searcher, addr, None, None)?;
        let doc: TantivyDocument = searcher.doc(addr)?;
        let texts = doc.get_all(f.paragraph).filter_map(|v| v.as_str());
        let metas = doc.get_all(f.paragraph_meta).filter_map(|v| v.as_str());
        let paragraphs = texts
            .zip(metas)
            .map(|(text, meta)| {
                let (n, h) = meta.split_once(META_SEP).unwrap_or(("0", ""));
                NumberedParagraph {
                    number: n.parse().unwrap_or(0),
                    heading: (!h.is_empty()).then(|| h.to_owned()),
                    text: text.to_owned(),
                }
            })
            .collect();
        Ok(Some(NoticePage { hit, paragraphs }))
    }

    /// Outcomes by section cited and year, over every dated notice, in
    /// order of provision, year and outcome. A notice counts once per section.
    pub fn outcome_counts(&self) -> Result<Vec<OutcomeCount>, SearchError> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let mut counts: BTreeMap<(String, i32, String), u32> = BTreeMap::new();
        for reader in searcher.segment_readers() {
            let store = reader.get_store_reader(16)?;
            for doc_id in reader.doc_ids_alive() {
                let doc: TantivyDocument = store.get(doc_id)?;
                let Some(decided) = doc.get_first(f.decided).and_then(|v| v.as_i64()) else {
                    continue;
                };
                let year = i32::try_from(decided / 10_000).unwrap_or(0);
                let outcome = doc
                    .get_first(f.outcome)
                    .and_then(|v| v.as_str())
                    .unwrap_or("unknown")
                    .to_owned();
                let mut sections: Vec<String> = doc
                    .get_all(f.cited)
                    .filter_map(|v| v.as_str())
                    .filter_map(|p| ProvisionId::parse(p).ok())
                    .map(|p| p.top().to_string())
                    .collect();
                sections.sort();
                sections.dedup();
                for s in sections {
                    *counts.entry((s, year, outcome.clone())).or_default() += 1;
                }
            }
        }
        Ok(counts
            .into_iter()
            .map(|((provision, year, outcome), notices)| OutcomeCount {
                provision,
                year,
                outcome,
                notices,
            })
            .collect())
    }
}
