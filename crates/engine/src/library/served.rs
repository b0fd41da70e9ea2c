//! A server's hold on the library. The index is a cache of the store: each
//! server builds or opens its own copy (where the command line says) and,
//! before answering from it, checks the store's stamp (two small queries)
//! and rebuilds when the notices changed. So every server on one store
//! answers from the same notices, whichever of them (or the command line)
//! added them.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use foidesk_search::{
    BuiltFrom, NoticeIndex, NoticePage, Opened, OutcomeCount, SearchError, SearchQuery,
    SearchResults, Similar, SimilarQuery,
};
use foidesk_store::{SettingChange, Store};
use tokio::sync::OnceCell;

use super::kind::kind_filter;
use super::Library;
use crate::lifecycle::Actor;
use crate::register::AuthorityKind;
use crate::{Engine, EngineError};

/// The stored setting that opens the library to people not signed in.
const PUBLIC_LIBRARY: &str = "public_library";

/// Where a server keeps its copy of the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexPlace {
    /// A directory of its own (the data directory's, beside SQLite).
    Dir(PathBuf),
    /// In memory, filled from the store when the server first needs it.
    Memory,
}

/// The library as a `Service` holds it: opened on first use.
#[derive(Clone)]
pub(crate) struct Shelf {
    place: Arc<IndexPlace>,
    served: Arc<OnceCell<Served>>,
}

impl Default for Shelf {
    fn default() -> Shelf {
        Shelf::new(IndexPlace::Memory)
    }
}

pub(crate) struct Served {
    library: Library,
    /// The store's stamp when the index was last found in step with it.
    seen: tokio::sync::Mutex<Option<BuiltFrom>>,
    /// The outcome counts, with the stamp they were counted at.
    counts: Mutex<Option<Counted>>,
}

/// Outcome counts and the store's stamp when they were counted.
type Counted = (Option<BuiltFrom>, Arc<Vec<OutcomeCount>>);

impl Shelf {
    pub(crate) fn new(place: IndexPlace) -> Shelf {
        Shelf {
            place: Arc::new(place),
            served: Arc::new(OnceCell::new()),
        }
    }

    pub(crate) async fn served(
        &self,
        engine: &Engine,
        store: &Store,
    ) -> Result<&Served, EngineError> {
        self.served
            .get_or_try_init(|| async {
                let (index, opened) = match &*self.place {
                    IndexPlace::Dir(dir) => NoticeIndex::open(dir)?,
                    IndexPlace::Memory => (
                        NoticeIndex::in_memory()?,
                        Opened::Created {
                            reason: "the index is held in memory".into(),
                        },
                    ),
                };
                let (library, _) = engine.open_library(store.clone(), index, opened).await?;
                Ok(Served {
                    library,
                    seen: tokio::sync::Mutex::new(None),
                    counts: Mutex::new(None),
                })
            })
            .await
    }
}

impl Served {
    /// Bring the index into step with the store if the store's notices changed.
    /// While another process writes the same index directory, what it has
    /// committed so far is read.
    async fn fresh(&self) -> Result<(), EngineError> {
        let now = self.library.store_now().await?;
        let mut seen = self.seen.lock().await;
        if seen.as_ref() == Some(&now) {
            return Ok(());
        }
        let index = &self.library.index;
        index.reload()?;
        if index.built_from()?.as_ref() != Some(&now) {
            match self.library.reindex().await {
                Ok(_) => {}
                Err(EngineError::Search(SearchError::Busy)) => {
                    index.reload()?;
                    *seen = None;
                    return Ok(());
                }
                Err(e) => return Err(e),
            }
        }
        *seen = Some(now);
        Ok(())
    }

    async fn stamp(&self) -> Option<BuiltFrom> {
        self.seen.lock().await.clone()
    }
}

/// The library as a reader may use it: search, one notice, the outcome counts.
pub struct LibraryDesk<'a> {
    engine: &'a Engine,
    store: &'a Store,
    served: &'a Served,
}

impl<'a> LibraryDesk<'a> {
    pub(crate) async fn open(
        engine: &'a Engine,
        store: &'a Store,
        shelf: &'a Shelf,
    ) -> Result<LibraryDesk<'a>, EngineError> {
        let served = shelf.served(engine, store).await?;
        served.fresh().await?;
        Ok(LibraryDesk {
            engine,
            store,
            served,
        })
    }

    /// The CLI's search, with a filter by the kind of authority (the
    /// register's kind for names it knows, else the notice's own).
    pub async fn search(
        &self,
        mut query: SearchQuery,
        kind: Option<AuthorityKind>,
    ) -> Result<SearchResults, EngineError> {
        if let Some(kind) = kind {
            query.kind = Some(kind_filter_for(self, kind).await?);
        }
        self.served.library.search(&query)
    }

    /// A notice with its numbered paragraphs; `None` if the library has no such entry.
    pub fn notice(&self, id: i64) -> Result<Option<NoticePage>, EngineError> {
        Ok(self.served.library.index.notice(id)?)
    }

    /// Outcomes by section and year over the whole library, counted once per
    /// change of the store.
    pub async fn outcome_counts(&self) -> Result<Arc<Vec<OutcomeCount>>, EngineError> {
        let stamp = self.served.stamp().await;
        if let Ok(cached) = self.served.counts.lock() {
            if let Some((at, counts)) = cached.as_ref() {
                if stamp.is_some() && *at == stamp {
                    return Ok(Arc::clone(counts));
                }
            }
        }
        let counts = Arc::new(self.served.library.index.outcome_counts()?);
        if let Ok(mut cached) = self.served.counts.lock() {
            *cached = Some((stamp, Arc::clone(&counts)));
        }
        Ok(counts)
    }

    pub(crate) fn similar(&self, q: &SimilarQuery) -> Result<Vec<Similar>, EngineError> {
        Ok(self.served.library.index.similar(q)?)
    }
}

/// The kind filter for `kind` from the register as it stands.
pub(crate) async fn kind_filter_for(
    desk: &LibraryDesk<'_>,
    kind: AuthorityKind,
) -> Result<foidesk_search::KindFilter, EngineError> {
    let register = desk.engine.register(desk.store).await?;
    Ok(kind_filter(&register, kind))
}

impl Engine {
    /// Whether people who are not signed in may read the library (off unless turned on).
    pub(crate) async fn library_is_public(&self, store: &Store) -> Result<bool, EngineError> {
        Ok(store
            .setting(PUBLIC_LIBRARY)
            .await?
            .is_some_and(|s| s.value == "on"))
    }

    pub(crate) async fn set_public_library(
        &self,
        store: &Store,
        by: Actor<'_>,
        on: bool,
    ) -> Result<(), EngineError> {
        by.must_administer("opens the library to the public")?;
        let change = SettingChange {
            value: if on { "on" } else { "off" }.into(),
            set_by: by.name(),
            set_at: self.timestamp(),
        };
        Ok(store.set_setting(PUBLIC_LIBRARY, &change).await?)
    }
}
