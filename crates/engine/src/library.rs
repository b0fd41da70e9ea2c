//! The decision-notice library: ingest, search, counts and index rebuilds.
//! The store holds the notices; the search index is a cache rebuilt from it.

use foidesk_notice::{NoticeRecord, Parsed};
use foidesk_search::{NoticeIndex, NoticeWriter, Opened, SearchQuery, SearchResults};
use foidesk_store::{Inserted, LibraryStats, NewNotice, NoticeSummary, Store};
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
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileOutcome {
    pub file: String,
    pub status: IngestStatus,
    pub diagnostics: Vec<String>,
}

/// Counts for one ingest run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IngestReport {
    pub added: u64,
    pub unchanged: u64,
    pub skipped: u64,
    pub with_diagnostics: u64,
}

impl IngestReport {
    pub fn count(&mut self, outcomes: &[FileOutcome]) {
        for o in outcomes {
            match o.status {
                IngestStatus::Added => self.added += 1,
                IngestStatus::Unchanged => self.unchanged += 1,
                IngestStatus::Skipped => self.skipped += 1,
            }
            if !o.diagnostics.is_empty() {
                self.with_diagnostics += 1;
            }
        }
    }
}

pub struct Library {
    store: Store,
    index: NoticeIndex,
}

/// An ingest in progress: notices are in the store as each batch returns,
/// and searchable once `commit` returns.
pub struct Ingest<'a> {
    engine: &'a Engine,
    library: &'a Library,
    writer: NoticeWriter<'a>,
}

impl Engine {
    /// Bring a store and its index together. An index that is new, of
    /// another schema version or out of step with the store is rebuilt, and
    /// a note saying so is returned. While another process is writing the
    /// index (a long ingest), it is used as it is, with a note.
    pub async fn open_library(
        &self,
        store: Store,
        index: NoticeIndex,
        opened: Opened,
    ) -> Result<(Library, Option<String>), EngineError> {
        let library = Library { store, index };
        let stored = library.store.notice_count().await?;
        let indexed = library.index.doc_count();
        let reason = match opened {
            Opened::Created { reason } if stored > 0 => Some(reason),
            Opened::Created { .. } => None,
            Opened::Existing if u64::try_from(stored).ok() != Some(indexed) => Some(format!(
                "the index held {indexed} notices and the store {stored}"
            )),
            Opened::Existing => None,
        };
        let note = match reason {
            None => None,
            Some(reason) => match library.reindex().await {
                Ok(_) => Some(format!("rebuilt the search index ({reason})")),
                Err(EngineError::Search(foidesk_search::SearchError::Busy)) => Some(
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
        let (mut parsed, format) = if file.bytes.starts_with(b"%PDF") {
            (foidesk_notice::parse_pdf(&file.bytes), "pdf")
        } else {
            let p = foidesk_notice::parse(&file.bytes, None);
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
}

impl Library {
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn begin_ingest<'a>(&'a self, engine: &'a Engine) -> Result<Ingest<'a>, EngineError> {
        Ok(Ingest {
            engine,
            library: self,
            writer: self.index.writer()?,
        })
    }

    /// Throw the index away and fill it again from the store.
    pub async fn reindex(&self) -> Result<u64, EngineError> {
        let mut writer = self.index.writer()?;
        writer.clear()?;
        let mut after = 0;
        let mut count = 0;
        loop {
            let page = self.store.notices_after(after, PAGE).await?;
            let Some(last) = page.last() else { break };
            after = last.id;
            for n in &page {
                let record: NoticeRecord = serde_json::from_str(&n.record_json).map_err(|e| {
                    EngineError::CorruptRecord {
                        id: n.id,
                        message: e.to_string(),
                    }
                })?;
                writer.add(n.id, &record)?;
                count += 1;
            }
        }
        writer.commit()?;
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
    /// Parse and store a batch in one transaction, then queue the new
    /// notices for the index.
    pub async fn add(&mut self, files: &[SourceFile]) -> Result<Vec<FileOutcome>, EngineError> {
        let ingested_at = self.engine.timestamp();
        let mut outcomes = Vec::with_capacity(files.len());
        let mut batch = Vec::new();
        let mut records = Vec::new();
        for file in files {
            let (parsed, format) = self.engine.parse_notice_file(file);
            let diagnostics: Vec<String> = parsed
                .diagnostics
                .iter()
                .map(|d| d.message.clone())
                .collect();
            if is_not_a_notice(&parsed.record) {
                outcomes.push(FileOutcome {
                    file: file.name.clone(),
                    status: IngestStatus::Skipped,
                    diagnostics,
                });
                continue;
            }
            batch.push(new_notice(
                file,
                format,
                &parsed,
                &diagnostics,
                &ingested_at,
            )?);
            records.push((outcomes.len(), parsed.record));
            outcomes.push(FileOutcome {
                file: file.name.clone(),
                status: IngestStatus::Unchanged,
                diagnostics,
            });
        }
        let inserted = self.library.store.add_notices(&batch).await?;
        for ((slot, record), result) in records.iter().zip(inserted) {
            if let Inserted::Added(id) = result {
                self.writer.add(id, record)?;
                outcomes[*slot].status = IngestStatus::Added;
            }
        }
        Ok(outcomes)
    }

    /// Make everything added searchable.
    pub fn commit(self) -> Result<(), EngineError> {
        Ok(self.writer.commit()?)
    }
}

/// The parser found nothing a decision notice has.
fn is_not_a_notice(r: &NoticeRecord) -> bool {
    r.reference.is_none()
        && r.date.is_none()
        && r.public_authority.is_none()
        && r.paragraphs.is_empty()
}

fn new_notice(
    file: &SourceFile,
    format: &str,
    parsed: &Parsed,
    diagnostics: &[String],
    ingested_at: &str,
) -> Result<NewNotice, EngineError> {
    let r = &parsed.record;
    Ok(NewNotice {
        content_hash: content_hash(&file.bytes),
        source_name: file.name.clone(),
        source_format: format.to_owned(),
        source: file.bytes.clone(),
        record_json: to_json(r)?,
        diagnostics_json: to_json(&diagnostics)?,
        diagnostic_count: i64::try_from(diagnostics.len()).unwrap_or(i64::MAX),
        ingested_at: ingested_at.to_owned(),
        summary: NoticeSummary {
            reference: r.reference.clone(),
            decided_on: r.date.map(|d| d.to_string()),
            decided_year: r.date.map(|d| i64::from(d.year())),
            regime: r.regime.map(|x| x.as_str().to_owned()),
            outcome: r.outcome.map(|x| x.as_str().to_owned()),
            ncnd: r.ncnd,
            public_authority: r.public_authority.clone(),
            provisions: r.provisions_cited.iter().map(|p| p.to_string()).collect(),
        },
    })
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
