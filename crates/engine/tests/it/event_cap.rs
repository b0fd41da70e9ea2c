//! The cap on events per case: a timeline of exactly `MAX_EVENTS_PER_CASE`
//! events is written, one more is refused on every path that writes events
//! (open, import, append), with the limit in the error, and nothing written.

use crate::common::{example, store, system};
use foidesk_case::file::{CaseFile, EventFile};
use foidesk_engine::{EngineError, System, MAX_EVENTS_PER_CASE};
use foidesk_store::Store;

/// A request received on 2024-03-01 with `n` acknowledgements that day:
/// events with no legal effect, so any number of them is a valid timeline.
fn with_events(n: usize) -> CaseFile {
    let mut file = example("synthetic-pit-extension-in-time");
    file.request.received = "2024-03-01".into();
    file.events = vec![acknowledged(); n];
    file
}

fn acknowledged() -> EventFile {
    EventFile {
        kind: "acknowledged".into(),
        date: "2024-03-01".into(),
        ..Default::default()
    }
}

async fn setup() -> (System, Store, tempfile::TempDir) {
    let (store, dir) = store().await;
    let system = system("2024-06-01", &store);
    system
        .add_authority("met", "Metropolitan Police")
        .await
        .unwrap();
    (system, store, dir)
}

/// `Ok(events written)`, or `Err(events the refusal named)`.
type Outcome = Result<usize, usize>;

fn refused(err: EngineError) -> usize {
    match err {
        EngineError::TooManyEvents { limit, events } => {
            assert_eq!(limit, MAX_EVENTS_PER_CASE);
            let text = EngineError::TooManyEvents { limit, events }.to_string();
            // As people write counts: "2,000".
            assert!(text.contains("at most 2,000 events"), "{text}");
            assert!(text.contains("open a new case"), "{text}");
            events
        }
        // An import names the item; the words are the same.
        EngineError::Invalid { field, message } => {
            assert_eq!(field, "items[0]");
            assert!(message.contains("at most 2,000 events"), "{message}");
            message
                .split("would hold ")
                .nth(1)
                .and_then(|t| t.split(':').next())
                .and_then(|n| n.replace(',', "").parse().ok())
                .unwrap_or(0)
        }
        other => panic!("not the cap: {other:?}"),
    }
}

fn check(what: &str, got: Outcome, want: Outcome) {
    assert_eq!(got, want, "{what}");
}

#[tokio::test]
async fn open_and_import_take_the_limit_and_refuse_one_more() {
    let max = MAX_EVENTS_PER_CASE;
    for (n, want) in [(max, Ok(max)), (max + 1, Err(max + 1))] {
        let (system, store, _dir) = setup().await;
        let opened = system
            .open_case("met", "open-1", with_events(n), "officer@met")
            .await
            .map(|v| v.file.events.len())
            .map_err(refused);
        check(&format!("open with {n}"), opened, want);
        let items = [("met".to_owned(), "import-1".to_owned(), with_events(n))];
        let imported = match system.import_cases(&items, "importer").await {
            Ok(ids) => Ok(store.case(ids[0]).await.unwrap().unwrap().events.len()),
            Err(e) => Err(refused(e)),
        };
        check(&format!("import with {n}"), imported, want);
        let written = store.holdings().await.unwrap().cases;
        assert_eq!(
            written,
            if want.is_ok() { 2 } else { 0 },
            "{n}: cases written"
        );
    }
}

#[tokio::test]
async fn an_append_may_reach_the_limit_and_no_further() {
    let (system, store, _dir) = setup().await;
    let max = MAX_EVENTS_PER_CASE;
    let view = system
        .open_case("met", "c-1", with_events(max - 1), "officer@met")
        .await
        .unwrap();
    let id = view.summary.id;
    let system = &system;
    let at = |v: i64| async move {
        system
            .append_event(id, v, acknowledged(), "officer@met")
            .await
            .map(|v| v.file.events.len())
            .map_err(refused)
    };
    let version = i64::try_from(max - 1).unwrap();
    check("the last event allowed", at(version).await, Ok(max));
    check("one over", at(version + 1).await, Err(max + 1));
    let stored = store.case(id).await.unwrap().unwrap();
    assert_eq!(stored.events.len(), max, "nothing written by the refusal");
    assert_eq!(stored.summary.version, version + 1);
}
