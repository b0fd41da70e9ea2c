//! Opening, stamping and writing the index.

use std::path::Path;

use foidesk_law::ProvisionId;
use foidesk_notice::NoticeRecord;
use serde::{Deserialize, Serialize};
use tantivy::schema::Schema;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::schema::{self, Fields, META_SEP, SCHEMA_VERSION};
use crate::SearchError;

const STAMP: &str = "foidesk-index-version";
const WRITER_HEAP_BYTES: usize = 64 * 1024 * 1024;

/// What an index was built from: which store, and how far into it. Stored
/// in the commit that made the index (tantivy's commit payload), so the two
/// can never disagree after a crash. The store is append-only, so the same
/// store with the same count and the same last notice holds the same notices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuiltFrom {
    /// The store's identity, as the store gives it.
    pub store_id: String,
    pub notices: u64,
    /// The highest notice id and that notice's content hash, if any.
    pub last: Option<(i64, String)>,
}

/// What the engine reads from a notice beyond the record: the authority's
/// name as its register matches names, and the kind of body the notice
/// itself says the authority is. A filter by kind takes the register's word
/// for names it knows and this kind for the rest (see `KindFilter`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Derived {
    pub authority_key: Option<String>,
    pub authority_kind: Option<String>,
}

/// How `NoticeIndex::open` found the directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opened {
    /// An index of this schema version, as it was left.
    Existing,
    /// A new, empty index; the caller must fill it from the store.
    Created { reason: String },
}

pub struct NoticeIndex {
    index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
}

impl NoticeIndex {
    /// Open the index in `dir`, or create an empty one there when the
    /// directory is new, holds another schema version, or holds no index.
    pub fn open(dir: &Path) -> Result<(NoticeIndex, Opened), SearchError> {
        let (schema, fields) = schema::build();
        std::fs::create_dir_all(dir)?;
        let stamp = std::fs::read_to_string(dir.join(STAMP)).ok();
        let current = stamp.as_deref().map(str::trim) == Some(&SCHEMA_VERSION.to_string());
        if current {
            if let Ok(index) = Index::open_in_dir(dir) {
                if same_schema(&index.schema(), &schema) {
                    return Ok((NoticeIndex::from_index(index, fields)?, Opened::Existing));
                }
            }
        }
        let reason = match stamp {
            None => "no index yet".to_owned(),
            Some(v) if !current => format!(
                "index schema version {} is not the current {SCHEMA_VERSION}",
                v.trim()
            ),
            Some(_) => "the index files were missing or unreadable".to_owned(),
        };
        clear(dir)?;
        let index = Index::create_in_dir(dir, schema)?;
        std::fs::write(dir.join(STAMP), format!("{SCHEMA_VERSION}\n"))?;
        Ok((
            NoticeIndex::from_index(index, fields)?,
            Opened::Created { reason },
        ))
    }

    /// An index held in memory only, for tests and one-off runs.
    pub fn in_memory() -> Result<NoticeIndex, SearchError> {
        let (schema, fields) = schema::build();
        NoticeIndex::from_index(Index::create_in_ram(schema), fields)
    }

    fn from_index(index: Index, fields: Fields) -> Result<NoticeIndex, SearchError> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(NoticeIndex {
            index,
            reader,
            fields,
        })
    }

    /// See what another process committed to the same directory.
    pub fn reload(&self) -> Result<(), SearchError> {
        Ok(self.reader.reload()?)
    }

    pub fn doc_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// What the last commit says the index was built from; `None` for a new
    /// index or one made before indexes recorded it.
    pub fn built_from(&self) -> Result<Option<BuiltFrom>, SearchError> {
        let payload = self.index.load_metas()?.payload;
        Ok(payload.and_then(|p| serde_json::from_str(&p).ok()))
    }

    /// The only writer; a second one (another process ingesting) is refused.
    pub fn writer(&self) -> Result<NoticeWriter<'_>, SearchError> {
        let writer = self.index.writer(WRITER_HEAP_BYTES).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => SearchError::Busy,
            other => SearchError::Index(other),
        })?;
        Ok(NoticeWriter {
            writer,
            owner: self,
        })
    }
}

fn same_schema(a: &Schema, b: &Schema) -> bool {
    serde_json::to_string(a).ok() == serde_json::to_string(b).ok()
}

/// Empty an index directory, refusing one that holds anything the index
/// did not make: a user's file is never deleted.
fn clear(dir: &Path) -> Result<(), SearchError> {
    let entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    for e in &entries {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !e.file_type()?.is_file() || !is_index_file(&name) {
            return Err(SearchError::Unusable {
                dir: dir.display().to_string(),
                reason: format!(
                    "it holds \"{}\", which is not part of a search index, so it was left \
                     alone; move that file away or choose another data directory",
                    name.escape_debug()
                ),
            });
        }
    }
    for e in entries {
        std::fs::remove_file(e.path())?;
    }
    Ok(())
}

/// A file tantivy or this crate writes in an index directory: the stamp,
/// tantivy's meta files and locks, a segment's files (`<32 hex>.<ext>` or
/// `<32 hex>.<opstamp>.del`) and a temporary file of an interrupted write.
pub(crate) fn is_index_file(name: &str) -> bool {
    const FIXED: [&str; 5] = [
        STAMP,
        "meta.json",
        ".managed.json",
        ".tantivy-meta.lock",
        ".tantivy-writer.lock",
    ];
    const SEGMENT_PARTS: [&str; 8] = [
        "idx",
        "pos",
        "term",
        "store",
        "temp",
        "fast",
        "fieldnorm",
        "del",
    ];
    if FIXED.contains(&name) {
        return true;
    }
    if let Some(random) = name.strip_prefix(".tmp") {
        return random.len() == 6 && random.chars().all(|c| c.is_ascii_alphanumeric());
    }
    let mut parts = name.split('.');
    let segment = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let hex = segment.len() == 32 && segment.chars().all(|c| c.is_ascii_hexdigit());
    hex && match rest.as_slice() {
        [ext] => SEGMENT_PARTS.contains(ext),
        [opstamp, "del"] => opstamp.chars().all(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// Adds notices; nothing is visible to searches until `commit`.
pub struct NoticeWriter<'a> {
    writer: IndexWriter,
    owner: &'a NoticeIndex,
}

impl NoticeWriter<'_> {
    /// Index one stored notice under its store id (replacing any earlier copy).
    pub fn add(&mut self, id: i64, record: &NoticeRecord) -> Result<(), SearchError> {
        self.add_with(id, record, &Derived::default())
    }

    /// `add`, with what the engine derived from the notice.
    pub fn add_with(
        &mut self,
        id: i64,
        record: &NoticeRecord,
        derived: &Derived,
    ) -> Result<(), SearchError> {
        let f = self.owner.fields;
        let id = u64::try_from(id).unwrap_or(0);
        self.writer.delete_term(Term::from_field_u64(f.id, id));
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.id, id);
        // A page knows its notice's reference only from its address.
        if let Some(r) = record.reference.as_ref().or(record.url_reference.as_ref()) {
            doc.add_text(f.reference, r);
        }
        for r in &record.related_references {
            doc.add_text(f.reference, r);
        }
        if let Some(a) = &record.public_authority {
            doc.add_text(f.authority, a);
        }
        if let Some(k) = &derived.authority_key {
            doc.add_text(f.authority_key, k);
        }
        if let Some(k) = &derived.authority_kind {
            doc.add_text(f.authority_kind, k);
        }
        if let Some(r) = record.regime {
            doc.add_text(f.regime, r.as_str());
        }
        if let Some(o) = record.outcome {
            doc.add_text(f.outcome, o.as_str());
        }
        doc.add_u64(f.ncnd, u64::from(record.ncnd));
        if let Some(d) = record.date {
            doc.add_i64(f.decided, date_key(d));
        }
        doc.add_i64(f.recency, recency(record.date, id));
        let mut facets: Vec<String> = Vec::new();
        for p in &record.provisions_cited {
            doc.add_text(f.cited, p.to_string());
            for id in lineage(p) {
                if !facets.contains(&id) {
                    facets.push(id);
                }
            }
        }
        for p in facets {
            doc.add_text(f.provision, p);
        }
        if let Some(file) = &record.file {
            doc.add_text(f.file, file);
        }
        if let Some(kind) = record
            .source_kind
            .and_then(|k| serde_json::to_value(k).ok())
        {
            doc.add_text(f.kind, kind.as_str().unwrap_or_default());
        }
        if let Some(sector) = &record.sector {
            doc.add_text(f.sector, sector);
        }
        for d in &record.decisions {
            let finding = serde_json::to_value(d.finding).ok();
            let finding = finding
                .as_ref()
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            doc.add_text(f.decision, format!("{}: {finding}", d.provision));
        }
        if let Some(url) = &record.url {
            doc.add_text(f.url, url);
        }
        for p in &record.paragraphs {
            doc.add_text(f.paragraph, &p.text);
            let heading = p.heading.as_deref().unwrap_or("");
            doc.add_text(f.paragraph_meta, format!("{}{META_SEP}{heading}", p.number));
        }
        self.writer.add_document(doc)?;
        Ok(())
    }

    /// Remove one notice (a page joined to its notice is no longer an entry of its own).
    pub fn remove(&mut self, id: i64) {
        let id = u64::try_from(id).unwrap_or(0);
        self.writer
            .delete_term(Term::from_field_u64(self.owner.fields.id, id));
    }

    /// Remove everything, for a rebuild.
    pub fn clear(&mut self) -> Result<(), SearchError> {
        self.writer.delete_all_documents()?;
        Ok(())
    }

    /// Make every added notice visible to searches, recording what the
    /// index now holds.
    pub fn commit(mut self, built_from: &BuiltFrom) -> Result<(), SearchError> {
        let payload = serde_json::to_string(built_from)?;
        let mut commit = self.writer.prepare_commit()?;
        commit.set_payload(&payload);
        commit.commit()?;
        self.owner.reader.reload()?;
        Ok(())
    }
}

/// A provision and every provision that contains it: s.31(1)(a), s.31(1), s.31.
pub(crate) fn lineage(p: &ProvisionId) -> Vec<String> {
    let mut out = vec![p.to_string()];
    let mut cur = p.parent();
    while let Some(parent) = cur {
        out.push(parent.to_string());
        cur = parent.parent();
    }
    out
}

/// Sorts descending as: newest date first, undated last, and among notices
/// of one date the first stored first.
pub(crate) fn recency(date: Option<foidesk_calendar::Date>, id: u64) -> i64 {
    const IDS: i64 = 10_000_000_000;
    let tie = IDS - 1 - i64::try_from(id).unwrap_or(IDS - 1).min(IDS - 1);
    date.map(date_key).unwrap_or(0) * IDS + tie
}

/// 2020-06-23 → 20200623, which sorts and compares as the date does.
pub(crate) fn date_key(d: foidesk_calendar::Date) -> i64 {
    i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
}
