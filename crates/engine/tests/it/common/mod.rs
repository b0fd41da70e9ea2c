//! What the engine's store tests share: a fixed clock, a fresh SQLite store,
//! and the repository's example case files.

use foidesk_calendar::{CalendarSettings, Date};
use foidesk_case::file::CaseFile;
use foidesk_engine::{Engine, FixedClock, System};
use foidesk_store::Store;

pub fn engine(today: &str) -> Engine {
    Engine::new(
        Box::new(FixedClock(Date::parse(today).unwrap())),
        CalendarSettings::default(),
    )
}

/// The engine at `today` with `store`, as the system uses it.
pub fn system(today: &str, store: &Store) -> System {
    System::new(engine(today), store.clone())
}

pub async fn store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    (Store::open(&url).await.unwrap(), dir)
}

pub fn example(name: &str) -> CaseFile {
    let path = foidesk_testkit::example_case(name);
    let file: CaseFile = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    // The [expect] table is the example's test data, not part of the case a store keeps.
    CaseFile {
        expect: None,
        ..file
    }
}
