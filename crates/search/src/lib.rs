//! # foidesk-search: which past decisions match this question?
//!
//! A tantivy full-text index over the decision-notice library, with facets
//! for provision (with containment: `s.31` finds `s.31(3)`), authority,
//! outcome, NCND and date. Every hit carries the paragraph that best matches
//! the query. `similar` finds the decisions most like a request's text
//! (MoreLikeThis, re-ranked by similarity and recency).
//!
//! Invariant: the index is a cache. It holds nothing the store does not, so
//! it can be thrown away and rebuilt at any time; its directory is stamped
//! with [`SCHEMA_VERSION`] and each commit with [`BuiltFrom`] (the store and
//! how far into it), so an index of another version or another store is
//! rebuilt, never read.

mod browse;
mod index;
mod query;
mod schema;
mod similar;

pub use browse::{NoticePage, NumberedParagraph, OutcomeCount};
pub use index::{BuiltFrom, Derived, NoticeIndex, NoticeWriter, Opened};
pub use query::{Hit, HitParagraph, KindFilter, SearchQuery, SearchResults, Sort};
pub use schema::SCHEMA_VERSION;
pub use similar::{Similar, SimilarQuery, RECENCY_HALF_LIFE_YEARS, SIMILARITY_WEIGHT};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the search index at {dir} cannot be used: {reason}")]
    Unusable { dir: String, reason: String },
    #[error("another foidesk process is writing the library; try again when it has finished")]
    Busy,
    #[error("search index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index stamp: {0}")]
    Stamp(#[from] serde_json::Error),
    #[error("search index I/O error: {0}")]
    Io(#[from] std::io::Error),
}
