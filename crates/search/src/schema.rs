//! The index's fields. Changing any of them means bumping `SCHEMA_VERSION`.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING, TEXT,
};

/// Bumped whenever the fields or their analysis change; an index stamped
/// with another version is rebuilt from the store.
pub const SCHEMA_VERSION: u32 = 3;

/// Separates a paragraph's number from its heading in the stored `paragraph_meta`.
pub(crate) const META_SEP: char = '\u{1f}';

#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    pub id: Field,
    pub reference: Field,
    pub authority: Field,
    pub regime: Field,
    pub outcome: Field,
    pub ncnd: Field,
    /// yyyymmdd as an integer, for ranges and newest-first order.
    pub decided: Field,
    /// Newest-first order with a stable tie-break: see `index::recency`.
    pub recency: Field,
    /// Every cited provision and each provision containing it.
    pub provision: Field,
    /// The provisions as cited, for display.
    pub cited: Field,
    pub file: Field,
    /// What the entry was read from ("notice", "notice_page", "abstract").
    pub kind: Field,
    /// From a notice page: the sector, each decision label ("s.10: upheld"), the address.
    pub sector: Field,
    pub decision: Field,
    pub url: Field,
    pub paragraph: Field,
    pub paragraph_meta: Field,
    /// The authority's name as the engine's register matches names.
    pub authority_key: Field,
    /// The kind of body the notice itself says (sector, or name): see `Derived`.
    pub authority_kind: Field,
}

pub(crate) fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let english = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        id: b.add_u64_field("id", NumericOptions::default() | INDEXED | STORED | FAST),
        reference: b.add_text_field("reference", STRING | STORED),
        authority: b.add_text_field("authority", TEXT | STORED),
        regime: b.add_text_field("regime", STRING | STORED),
        outcome: b.add_text_field("outcome", STRING | STORED),
        ncnd: b.add_u64_field("ncnd", INDEXED | STORED),
        decided: b.add_i64_field("decided", INDEXED | STORED | FAST),
        recency: b.add_i64_field("recency", FAST),
        provision: b.add_text_field("provision", STRING),
        cited: b.add_text_field("cited", STORED),
        file: b.add_text_field("file", STORED),
        kind: b.add_text_field("kind", STORED),
        sector: b.add_text_field("sector", STORED),
        decision: b.add_text_field("decision", STORED),
        url: b.add_text_field("url", STORED),
        paragraph: b.add_text_field("paragraph", english),
        paragraph_meta: b.add_text_field("paragraph_meta", STORED),
        authority_key: b.add_text_field("authority_key", STRING),
        authority_kind: b.add_text_field("authority_kind", STRING | STORED),
    };
    (b.build(), fields)
}
