//! The decision-notice library: ingest, search, counts and index rebuilds.
//! The store holds the notices; the search index is a cache rebuilt from it.
//! `served` is a server's hold on it; `kind` the kind of body a notice's
//! authority is.

mod kind;
mod served;

pub(crate) use kind::derive;
pub use kind::kind_from_notice;
pub(crate) use served::{kind_filter_for, Shelf};
pub use served::{IndexPlace, LibraryDesk};

use foidesk_notice::{NoticeRecord, Parsed, RecordPage, SourceKind};
use foidesk_search::{BuiltFrom, NoticeIndex, NoticeWriter, Opened, SearchQuery, SearchResults};
use foidesk_store::{Inserted, JoinRow, LibraryStats, NewNotice, NoticeSummary, Store};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{Engine, EngineError};

/// Notices read per store transaction during a rebuild.
const PAGE: i64 = 500;

/// One file handed in for ingest: its name as given, and its bytes.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IngestStatus {
    Added,
    /// The same content was already in the library; nothing was written.
    Unchanged,
    /// Not a decision notice; not stored.
    Skipped,
    /// Larger than `Library::MAX_FILE_BYTES`; not read.
    TooLarge,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileOutcome {
    pub file: String,
    pub status: IngestStatus,
    pub diagnostics: Vec<String>,
    /// What joining it to its notice (or page) found: the entry it joined, and each field
    /// on which the two disagree.
    pub joined: Vec<String>,
}

impl FileOutcome {
    /// A file over `Library::MAX_FILE_BYTES`, with a message saying so.
    pub fn too_large(file: String, bytes: u64) -> FileOutcome {
        FileOutcome {
            file,
            status: IngestStatus::TooLarge,
            diagnostics: vec![format!(
                "too large to be a decision notice ({}; the limit is {}), so it was not read",
                megabytes(bytes),
                megabytes(Library::MAX_FILE_BYTES)
            )],
            joined: Vec::new(),
        }
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// Counts for one ingest run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IngestReport {
    pub added: u64,
    pub unchanged: u64,
    pub skipped: u64,
    pub too_large: u64,
    pub with_diagnostics: u64,
}

impl IngestReport {
    pub fn count(&mut self, outcomes: &[FileOutcome]) {
        for o in outcomes {
            match o.status {
                IngestStatus::Added => self.added += 1,
                IngestStatus::Unchanged => self.unchanged += 1,
                IngestStatus::Skipped => self.skipped += 1,
                IngestStatus::TooLarge => self.too_large += 1,
            }
            if !o.diagnostics.is_empty() && o.status != IngestStatus::TooLarge {
                self.with_diagnostics += 1;
            }
        }
    }
}

pub struct Library {
    store: Store,
    store_id: String,
    index: NoticeIndex,
}

/// An ingest in progress: notices are in the store as each batch returns,
/// and searchable once `commit` returns.
pub struct Ingest<'a> {
    engine: &'a Engine,
    library: &'a Library,
    writer: NoticeWriter<'a>,
    /// What the index will hold once this ingest commits.
    built: BuiltFrom,
}

impl Engine {
    /// Bring a store and its index together. An index that is new, of
    /// another schema version, built from another store or out of step with
    /// this one is rebuilt, and a note saying so is returned. While another
    /// process is writing this store's index (a long ingest), it is used as
    /// it is, with a note; another store's index is never read.
    pub(crate) async fn open_library(
        &self,
        store: Store,
        index: NoticeIndex,
        opened: Opened,
    ) -> Result<(Library, Option<String>), EngineError> {
        let store_id = store.store_id().await?;
        let library = Library {
            store,
            store_id,
            index,
        };
        let expected = library.store_now().await?;
        let found = library.index.built_from()?;
        let indexed = library.index.doc_count();
        let reason = match (opened, &found) {
            (_, Some(found)) if *found == expected => None,
            (Opened::Created { .. }, _) if expected.notices == 0 => None,
            (Opened::Created { reason }, _) => Some(reason),
            (Opened::Existing, None) if indexed == 0 && expected.notices == 0 => None,
            (Opened::Existing, None) => {
                Some("the index does not say which store it was built from".to_owned())
            }
            (Opened::Existing, Some(found)) if found.store_id != expected.store_id => {
                Some(format!(
                    "the index was built from another store ({}), not this one ({})",
                    found.store_id, expected.store_id
                ))
            }
            (Opened::Existing, Some(found)) => Some(format!(
                "the index held {} notices up to {} and the store {} up to {}",
                found.notices,
                last_id(found),
                expected.notices,
                last_id(&expected)
            )),
        };
        let ours = indexed == 0
            || found
                .as_ref()
                .is_some_and(|f| f.store_id == expected.store_id);
        let note = match reason {
            None => None,
            Some(reason) => match library.reindex().await {
                Ok(_) => Some(format!("rebuilt the search index ({reason})")),
                Err(EngineError::Search(foidesk_search::SearchError::Busy)) if ours => Some(
                    "another process is writing the library, so results may not include \
                     the notices it is adding"
                        .to_owned(),
                ),
                Err(e) => return Err(e),
            },
        };
        Ok((library, note))
    }

    /// Parse one file as a notice: PDF by its signature, otherwise text,
    /// Markdown or HTML by their look.
    pub fn parse_notice_file(&self, file: &SourceFile) -> (Parsed, &'static str) {
        let (mut parsed, format) = if foidesk_notice::is_pdf(&file.bytes) {
            (foidesk_notice::parse_pdf(&file.bytes), "pdf")
        } else {
            let p = foidesk_notice::parse(parse_prefix(&file.bytes), None);
            let f = match p.format {
                foidesk_notice::Format::Text => "text",
                foidesk_notice::Format::Markdown => "markdown",
                foidesk_notice::Format::Html => "html",
            };
            (p, f)
        };
        parsed.record.file = Some(file.name.clone());
        (parsed, format)
    }

    /// The documents in one file: the file itself, or, for a file of the website's JSON
    /// records, one per record, named "file#n" and kept as the page text the record
    /// renders to (what its spans index).
    pub fn read_notice_file(&self, file: SourceFile) -> Vec<ReadDocument> {
        let Some(pages) = foidesk_notice::record_pages(&file.bytes) else {
            let (parsed, format) = self.parse_notice_file(&file);
            return vec![ReadDocument {
                file,
                parsed,
                format,
            }];
        };
        let mut out = Vec::with_capacity(pages.len());
        for (n, page) in pages.into_iter().enumerate() {
            let name = format!("{}#{}", file.name, n + 1);
            let (bytes, mut parsed) = match page {
                RecordPage::Page(text) => {
                    let p =
                        foidesk_notice::parse(text.as_bytes(), Some(foidesk_notice::Format::Text));
                    (text.into_bytes(), p)
                }
                RecordPage::Unreadable(why) => (
                    Vec::new(),
                    Parsed {
                        record: NoticeRecord::default(),
                        format: foidesk_notice::Format::Text,
                        diagnostics: vec![foidesk_notice::Diagnostic {
                            span: None,
                            message: format!("not a decision notice: {why}"),
                        }],
                    },
                ),
            };
            parsed.record.file = Some(name.clone());
            out.push(ReadDocument {
                file: SourceFile { name, bytes },
                parsed,
                format: "json",
            });
        }
        out
    }
}

/// One document read from a file, ready to store.
#[derive(Clone, Debug)]
pub struct ReadDocument {
    /// Its name and the bytes stored for it.
    pub file: SourceFile,
    pub parsed: Parsed,
    /// "pdf", "text", "markdown", "html" or "json" (a record of the website's).
    pub format: &'static str,
}

impl Library {
    /// The largest file ingest reads. A decision notice is at most a few MB, even
    /// as a PDF, and storing a file costs several copies of it in memory at once
    /// (sqlx's `Any` driver copies a blob twice and SQLite twice more), so a
    /// larger file is reported as too large and not read.
    pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

    /// How much of a text file the parser reads. Its memory is about 35 times
    /// its input, and a decision notice's text is under 200 KB, so ten times
    /// that is ample; the rest of a longer file is stored but not searched.
    pub const PARSE_LIMIT_BYTES: usize = 2 * 1024 * 1024;

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn begin_ingest<'a>(&'a self, engine: &'a Engine) -> Result<Ingest<'a>, EngineError> {
        let writer = self.index.writer()?;
        // What the index holds now; with no record of it (a new index), only
        // its count is known, which is enough to stay honest.
        let built = self
            .index
            .built_from()?
            .filter(|b| b.store_id == self.store_id)
            .unwrap_or_else(|| BuiltFrom {
                store_id: self.store_id.clone(),
                notices: self.index.doc_count(),
                last: None,
            });
        Ok(Ingest {
            engine,
            library: self,
            writer,
            built,
        })
    }

    /// The store as the index should record it if it were in step.
    pub(crate) async fn store_now(&self) -> Result<BuiltFrom, EngineError> {
        let notices = self.store.notice_count().await?;
        Ok(BuiltFrom {
            store_id: self.store_id.clone(),
            notices: u64::try_from(notices).unwrap_or(0),
            last: self.store.last_notice().await?,
        })
    }

    /// Throw the index away and fill it again from the store.
    pub async fn reindex(&self) -> Result<u64, EngineError> {
        let mut writer = self.index.writer()?;
        writer.clear()?;
        let mut after = 0;
        let mut count = 0;
        let mut built_last = None;
        loop {
            let page = self.store.notices_after(after, PAGE).await?;
            let Some(last) = page.last() else { break };
            after = last.id;
            built_last = Some((last.id, last.content_hash.clone()));
            for n in &page {
                let record: NoticeRecord = serde_json::from_str(&n.record_json).map_err(|e| {
                    EngineError::CorruptRecord {
                        id: n.id,
                        message: e.to_string(),
                    }
                })?;
                writer.add_with(n.id, &record, &derive(&record))?;
                count += 1;
            }
        }
        writer.commit(&BuiltFrom {
            store_id: self.store_id.clone(),
            notices: count,
            last: built_last,
        })?;
        Ok(count)
    }

    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, EngineError> {
        Ok(self.index.search(query)?)
    }

    pub async fn stats(&self) -> Result<LibraryStats, EngineError> {
        Ok(self.store.library_stats().await?)
    }
}

impl Ingest<'_> {
    /// Parse and store a batch in one transaction, join pages to their notices, then
    /// queue the changed entries for the index. The files' bytes move into the store.
    pub async fn add(&mut self, files: Vec<SourceFile>) -> Result<Vec<FileOutcome>, EngineError> {
        let ingested_at = self.engine.timestamp();
        let mut outcomes = Vec::with_capacity(files.len());
        let mut batch = Vec::new();
        let mut records = Vec::new();
        for file in files {
            let size = u64::try_from(file.bytes.len()).unwrap_or(u64::MAX);
            if size > Library::MAX_FILE_BYTES {
                outcomes.push(FileOutcome::too_large(file.name, size));
                continue;
            }
            for doc in self.engine.read_notice_file(file) {
                let ReadDocument {
                    file,
                    parsed,
                    format,
                } = doc;
                let mut diagnostics: Vec<String> = parsed
                    .diagnostics
                    .iter()
                    .map(|d| d.message.clone())
                    .collect();
                if is_not_a_notice(&parsed.record) {
                    outcomes.push(FileOutcome {
                        file: file.name,
                        status: IngestStatus::Skipped,
                        diagnostics,
                        joined: Vec::new(),
                    });
                    continue;
                }
                if format != "pdf" && file.bytes.len() > Library::PARSE_LIMIT_BYTES {
                    diagnostics.push(format!(
                        "only the first {} of {} were read as the notice; the rest is stored but not searched",
                        megabytes(Library::PARSE_LIMIT_BYTES as u64),
                        megabytes(size)
                    ));
                }
                let name = file.name.clone();
                batch.push(new_notice(
                    file,
                    format,
                    &parsed,
                    &diagnostics,
                    &ingested_at,
                )?);
                records.push((outcomes.len(), parsed.record));
                outcomes.push(FileOutcome {
                    file: name,
                    status: IngestStatus::Unchanged,
                    diagnostics,
                    joined: Vec::new(),
                });
            }
        }
        let inserted = self.library.store.add_notices(&batch).await?;
        for ((slot, record), result) in records.iter().zip(inserted) {
            if let Inserted::Added(id) = result {
                self.writer.add_with(id, record, &derive(record))?;
                outcomes[*slot].status = IngestStatus::Added;
            }
        }
        // Joined after storing, so a page and its notice in one batch join too, and a
        // join cut short is made when either file is ingested again.
        for (slot, record) in &records {
            if let Some(key) = join_key(record) {
                let notes = self.join(&key, &outcomes[*slot].file).await?;
                outcomes[*slot].joined = notes;
            }
        }
        self.built = self.library.store_now().await?;
        Ok(outcomes)
    }

    /// Joins the pages and abstracts stated for `key` into its entry: its notice (the
    /// first stored) or, with no notice yet, its first page. Returns what was found.
    async fn join(&mut self, key: &str, file: &str) -> Result<Vec<String>, EngineError> {
        let rows = self.library.store.entries_by_join_key(key).await?;
        let is_notice = |r: &JoinRow| r.source_kind.as_deref().is_none_or(|k| k == "notice");
        let Some(into) = rows.iter().find(|r| is_notice(r)).or(rows.first()) else {
            return Ok(Vec::new());
        };
        let pages: Vec<&JoinRow> = rows
            .iter()
            .filter(|r| r.id != into.id && !is_notice(r))
            .collect();
        if pages.is_empty() {
            return Ok(Vec::new());
        }
        let mut entry = decode(into)?;
        let mut notes = Vec::new();
        for page in &pages {
            let other = if page.source_name == file {
                &into.source_name
            } else {
                &page.source_name
            };
            notes.push(format!("{key}: joined with {other}"));
            let differs = foidesk_notice::join_page(&mut entry, &decode(page)?);
            notes.extend(differs.into_iter().map(|d| format!("{key}: {d}")));
        }
        let joined: Vec<i64> = pages.iter().map(|p| p.id).collect();
        let at = self.engine.timestamp();
        self.library
            .store
            .join_entries(into.id, &joined, &to_json(&entry)?, &at)
            .await?;
        self.writer.add_with(into.id, &entry, &derive(&entry))?;
        for id in joined {
            self.writer.remove(id);
        }
        Ok(notes)
    }

    /// Make everything added searchable.
    pub fn commit(self) -> Result<(), EngineError> {
        Ok(self.writer.commit(&self.built)?)
    }
}

fn decode(row: &JoinRow) -> Result<NoticeRecord, EngineError> {
    serde_json::from_str(&row.record_json).map_err(|e| EngineError::CorruptRecord {
        id: row.id,
        message: e.to_string(),
    })
}

/// The reference that joins a notice and its pages: the printed one, or the address's.
fn join_key(r: &NoticeRecord) -> Option<String> {
    r.reference
        .as_ref()
        .or(r.url_reference.as_ref())
        .map(|k| k.to_ascii_uppercase())
}

fn last_id(b: &BuiltFrom) -> String {
    match &b.last {
        Some((id, _)) => format!("id {id}"),
        None => "no notice".to_owned(),
    }
}

/// The part of a text file the parser reads: up to `Library::PARSE_LIMIT_BYTES`,
/// ending at a line break when there is one.
fn parse_prefix(bytes: &[u8]) -> &[u8] {
    if bytes.len() <= Library::PARSE_LIMIT_BYTES {
        return bytes;
    }
    let head = &bytes[..Library::PARSE_LIMIT_BYTES];
    match head.iter().rposition(|&b| b == b'\n') {
        Some(end) => &head[..=end],
        None => head,
    }
}

/// Not a notice, a notice page or an abstract; or a notice in which the parser found
/// nothing a notice has.
fn is_not_a_notice(r: &NoticeRecord) -> bool {
    match r.source_kind {
        None => true,
        Some(SourceKind::Notice) => {
            r.reference.is_none()
                && r.date.is_none()
                && r.public_authority.is_none()
                && r.paragraphs.is_empty()
        }
        Some(_) => false,
    }
}

fn new_notice(
    file: SourceFile,
    format: &str,
    parsed: &Parsed,
    diagnostics: &[String],
    ingested_at: &str,
) -> Result<NewNotice, EngineError> {
    let r = &parsed.record;
    Ok(NewNotice {
        content_hash: content_hash(&file.bytes),
        source_name: file.name,
        source_format: format.to_owned(),
        source: file.bytes,
        record_json: to_json(r)?,
        diagnostics_json: to_json(&diagnostics)?,
        diagnostic_count: i64::try_from(diagnostics.len()).unwrap_or(i64::MAX),
        ingested_at: ingested_at.to_owned(),
        summary: summary(r),
        join_key: join_key(r),
        source_kind: r
            .source_kind
            .and_then(|k| serde_json::to_value(k).ok())
            .and_then(|v| v.as_str().map(str::to_owned)),
    })
}

fn summary(r: &NoticeRecord) -> NoticeSummary {
    NoticeSummary {
        reference: r.reference.clone().or_else(|| r.url_reference.clone()),
        decided_on: r.date.map(|d| d.to_string()),
        decided_year: r.date.map(|d| i64::from(d.year())),
        regime: r.regime.map(|x| x.as_str().to_owned()),
        outcome: r.outcome.map(|x| x.as_str().to_owned()),
        ncnd: r.ncnd,
        public_authority: r.public_authority.clone(),
        provisions: r.provisions_cited.iter().map(|p| p.to_string()).collect(),
    }
}

/// SHA-256 of the bytes, in hex: the notice's identity in the library.
pub fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, EngineError> {
    serde_json::to_string(value).map_err(|e| EngineError::Serialise {
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::{parse_prefix, Library};

    /// The parser sees at most `PARSE_LIMIT_BYTES`, cut at a line break.
    #[test]
    fn finding_10_the_parser_reads_a_bounded_prefix() {
        let line = b"The complainant asked for the information.\n";
        let limit = Library::PARSE_LIMIT_BYTES;
        let long: Vec<u8> = line.iter().copied().cycle().take(limit * 3).collect();
        let unbroken = vec![b'x'; limit + 1];
        let short = line.to_vec();
        let cases: [(&[u8], usize); 3] = [
            (&long, limit - limit % line.len()),
            (&unbroken, limit),
            (&short, short.len()),
        ];
        for (bytes, expected) in cases {
            let head = parse_prefix(bytes);
            assert_eq!(head.len(), expected);
            assert!(head.len() <= limit);
        }
    }
}
