//! The requester's desk in the engine: what they see of their case, what
//! they may send next and when, and which files are theirs to download.

use crate::common::{store, system};
use foidesk_case::file::{CaseFile, EventFile};
use foidesk_engine::{
    Availability, EngineError, NewAttachment, RequesterAction, Role, System, User,
};

const TODAY: &str = "2026-11-23";
const REQUESTER: &str = "jo@example.org";
const OFFICER: &str = "officer@a.example.org";
const PASSWORD: &str = "correct horse battery";

/// A request to authority A by the requester, received on `received`,
/// with `events` (TOML `[[events]]` tables).
fn file(received: &str, events: &str) -> CaseFile {
    let text = format!(
        "[request]\nauthority = \"Authority A\"\nregime = \"FOIA\"\nreceived = \"{received}\"\n\
         requester = \"{REQUESTER}\"\n[[request.parts]]\nid = \"1\"\ntext = \"Speed cameras.\"\n\
         [[request.parts]]\nid = \"2\"\ntext = \"Their locations.\"\n{events}"
    );
    toml::from_str(&text).unwrap()
}

struct World {
    system: System,
    requester: User,
    officer: User,
    _dir: tempfile::TempDir,
}

async fn world() -> World {
    let (store, dir) = store().await;
    let system = system(TODAY, &store);
    system.add_authority("a", "Authority A").await.unwrap();
    let requester = system
        .add_user(REQUESTER, "Jo", Role::Requester, None, PASSWORD)
        .await
        .unwrap();
    let officer = system
        .add_user(OFFICER, "Officer", Role::Officer, Some("a"), PASSWORD)
        .await
        .unwrap();
    World {
        system,
        requester,
        officer,
        _dir: dir,
    }
}

const RESPONDED: &str = "[[events]]\nkind = \"response\"\ndate = \"2026-11-16\"\n\
    outcomes = [{ part = \"1\", outcome = \"disclosed\" }, { part = \"2\", outcome = \"ncnd\", provisions = [\"s.31(3)\"] }]\n";

/// Each case (received, events), the action the requester sends today,
/// and whether it is recorded or refused with words saying why.
#[tokio::test]
async fn the_requester_sends_each_action_only_when_the_law_lets_them() {
    let review_asked = |on: &str| {
        format!("{RESPONDED}[[events]]\nkind = \"internal_review_requested\"\ndate = \"{on}\"\n")
    };
    let cases: Vec<(&str, String, RequesterAction, Result<&str, &str>)> = vec![
        ("2026-11-16", String::new(), RequesterAction::Withdraw, Ok("withdrawn")),
        ("2026-11-16", String::new(), RequesterAction::Review, Err("once the authority responds")),
        ("2026-11-16", String::new(), RequesterAction::Complain, Err("you can complain from")),
        ("2026-11-16", String::new(), RequesterAction::Reply, Err("not asked you to clarify")),
        // The response is overdue: a complaint may go at once.
        ("2026-09-01", String::new(), RequesterAction::Complain, Ok("with_commissioner")),
        (
            "2026-11-02",
            "[[events]]\nkind = \"clarification_sought\"\ndate = \"2026-11-03\"\n".into(),
            RequesterAction::Reply,
            Ok("awaiting_response"),
        ),
        ("2026-10-19", RESPONDED.into(), RequesterAction::Review, Ok("awaiting_internal_review")),
        ("2026-10-19", RESPONDED.into(), RequesterAction::Complain, Err("internal review first")),
        ("2026-10-19", RESPONDED.into(), RequesterAction::Withdraw, Err("nothing to withdraw")),
        // Asked a week ago: the review is not overdue, so no complaint yet.
        ("2026-10-19", review_asked("2026-11-17"), RequesterAction::Complain, Err("if it has not by then")),
        ("2026-10-19", review_asked("2026-11-17"), RequesterAction::Review, Err("already")),
        // Asked for in June: past the 40 working days the Code allows.
        (
            "2026-05-01",
            "[[events]]\nkind = \"response\"\ndate = \"2026-05-20\"\n\
             outcomes = [{ part = \"all\", outcome = \"withheld\", provisions = [\"s.31(1)(a)\"] }]\n\
             [[events]]\nkind = \"internal_review_requested\"\ndate = \"2026-06-01\"\n"
                .into(),
            RequesterAction::Complain,
            Ok("with_commissioner"),
        ),
        (
            "2026-10-19",
            format!("{}[[events]]\nkind = \"internal_review\"\ndate = \"2026-11-20\"\nresult = \"upheld\"\n", review_asked("2026-11-17")),
            RequesterAction::Complain,
            Ok("with_commissioner"),
        ),
    ];
    let w = world().await;
    for (n, (received, events, action, expected)) in cases.into_iter().enumerate() {
        check(&w, n, received, &events, action, expected).await;
    }
}

async fn check(
    w: &World,
    n: usize,
    received: &str,
    events: &str,
    action: RequesterAction,
    expected: Result<&str, &str>,
) {
    let opened = w
        .system
        .open_case("a", &format!("A-{n}"), file(received, events), "setup")
        .await
        .unwrap();
    let id = opened.summary.id;
    let as_requester = w.system.service();
    let as_requester = as_requester.as_user(&w.requester);
    let view = as_requester.case(id).await.unwrap().unwrap();
    let offered = w.system.engine().requester_action(&view, action);
    let event = EventFile {
        kind: action.event_type().as_str().to_owned(),
        date: TODAY.to_owned(),
        message: Some("Please look again.".into()),
        ..Default::default()
    };
    let got = as_requester
        .append_event(id, opened.summary.version, event)
        .await;
    let what = format!("case {n}: {action:?} on {received} {events}");
    match (got, expected) {
        (Ok(after), Ok(status)) => {
            assert!(offered.is_open(), "{what}: the page offers it");
            assert_eq!(after.summary.projection.status, status, "{what}");
            let last = after.case.events.last().unwrap();
            assert_eq!(
                last.message.as_deref(),
                Some("Please look again."),
                "{what}"
            );
        }
        (Err(EngineError::Invalid { field, message }), Err(words)) => {
            assert_eq!(field, "kind", "{what}");
            assert!(message.contains(words), "{what}: {message}");
            assert_eq!(offered, Availability::Closed { why: message }, "{what}");
            let version = w
                .system
                .case_view(id)
                .await
                .unwrap()
                .unwrap()
                .summary
                .version;
            assert_eq!(version, opened.summary.version, "{what}: nothing written");
        }
        (got, _) => panic!("{what}: {got:?}"),
    }
}

#[tokio::test]
async fn what_the_requester_sends_is_dated_today_and_only_their_desks_kinds() {
    let w = world().await;
    let opened = w
        .system
        .open_case("a", "A-1", file("2026-11-16", ""), "setup")
        .await
        .unwrap();
    let service = w.system.service();
    let me = service.as_user(&w.requester);
    for (kind, date, refused) in [
        ("withdrawn", "2026-11-20", "dated the day you send it"),
        ("response", TODAY, "may not record"),
        ("assigned", TODAY, "may not record"),
    ] {
        let event = EventFile {
            kind: kind.into(),
            date: date.into(),
            ..Default::default()
        };
        let err = me
            .append_event(opened.summary.id, 0, event)
            .await
            .unwrap_err();
        assert!(err.to_string().contains(refused), "{kind}: {err}");
    }
}

/// A case as an officer keeps it: notes on every event, an assignment to a
/// colleague, and a correction.
fn noted_case() -> CaseFile {
    let mut f = file(
        "2026-10-19",
        &format!(
            "[[events]]\nkind = \"assigned\"\ndate = \"2026-10-19\"\nassignee = \"{OFFICER}\"\n\
             {RESPONDED}[[events]]\nkind = \"acknowledged\"\ndate = \"2026-10-20\"\n\
             [[events]]\nkind = \"correction\"\ndate = \"2026-11-17\"\ncorrects = 2\n\
             reason = \"Part 1 was only partly disclosed\"\n\
             [events.corrected]\nkind = \"response\"\ndate = \"2026-11-16\"\n\
             outcomes = [{{ part = \"1\", outcome = \"part_disclosed\", provisions = [\"s.40(2)\"] }}, {{ part = \"2\", outcome = \"ncnd\", provisions = [\"s.31(3)\"] }}]\n"
        ),
    );
    for (i, e) in f.events.iter_mut().enumerate() {
        e.note = Some(format!("INTERNAL NOTE {i}"));
    }
    f
}

#[tokio::test]
async fn the_requester_sees_no_note_assignment_correction_finding_or_staff_account() {
    let w = world().await;
    let opened = w
        .system
        .open_case("a", "A-1", noted_case(), OFFICER)
        .await
        .unwrap();
    let service = w.system.service();
    let id = opened.summary.id;
    let officer = service.as_user(&w.officer).case(id).await.unwrap().unwrap();
    let mine = service
        .as_user(&w.requester)
        .case(id)
        .await
        .unwrap()
        .unwrap();
    // The officer's view keeps everything.
    assert_eq!(officer.file.events.len(), 4);
    assert!(officer.file.events.iter().all(|e| e.note.is_some()));
    assert_eq!(
        officer.summary.projection.assignee.as_deref(),
        Some(OFFICER)
    );
    assert!(!officer.assessment.findings.is_empty());
    // The requester's: the acknowledgement and the response as corrected, in date order.
    let kinds: Vec<(usize, &str)> = mine
        .case
        .events
        .iter()
        .map(|e| (e.number, e.kind.name()))
        .collect();
    assert_eq!(kinds, [(3, "acknowledged"), (2, "response")]);
    let file_kinds: Vec<&str> = mine.file.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(file_kinds, ["acknowledged", "response"]);
    assert_eq!(mine.file.events[1].outcomes[0].outcome, "part_disclosed");
    let text = format!(
        "{:?}",
        (&mine.file, &mine.case, &mine.recorded, &mine.summary)
    );
    for hidden in ["INTERNAL NOTE", OFFICER, "Part 1 was only partly"] {
        assert!(
            !text.contains(hidden),
            "the requester's view holds {hidden:?}"
        );
    }
    assert!(mine.assessment.findings.is_empty());
    assert_eq!(mine.recorded.len(), 2);
    assert!(mine.case.corrections.is_empty());
    // What the requester sends comes back to them with their own address.
    let sent = service
        .as_user(&w.requester)
        .append_event(
            id,
            opened.summary.version,
            EventFile {
                kind: "internal_review_requested".into(),
                date: TODAY.into(),
                message: Some("Part 2 is in the public interest.".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(sent.recorded.last().unwrap().0, REQUESTER);
    assert!(!format!("{:?}", sent.file).contains("INTERNAL NOTE"));
}

fn pdf(name: &str) -> NewAttachment {
    NewAttachment {
        name: name.into(),
        bytes: b"%PDF-1.7\n".to_vec(),
    }
}

#[tokio::test]
async fn the_requester_downloads_only_files_sent_with_an_event_they_see() {
    let w = world().await;
    let opened = w
        .system
        .open_case("a", "A-1", noted_case(), OFFICER)
        .await
        .unwrap();
    let id = opened.summary.id;
    let service = w.system.service();
    let officer = service.as_user(&w.officer);
    // (file, event version, whether the requester sees it)
    let files = [
        ("response-letter.pdf", Some(2), true),
        ("assignment-memo.pdf", Some(1), false),
        ("case-notes.pdf", None, false),
        ("correction-memo.pdf", Some(4), false),
    ];
    let mut ids = Vec::new();
    for (name, version, _) in files {
        let a = officer
            .add_attachment(id, pdf(name), version)
            .await
            .unwrap();
        ids.push(a.id);
    }
    assert_eq!(officer.attachments(id).await.unwrap().len(), 4);
    let me = service.as_user(&w.requester);
    let listed: Vec<String> = me
        .attachments(id)
        .await
        .unwrap()
        .into_iter()
        .map(|a| {
            assert_eq!(a.uploaded_by, "the authority");
            a.name
        })
        .collect();
    let expected: Vec<&str> = files.iter().filter(|f| f.2).map(|f| f.0).collect();
    assert_eq!(listed, expected);
    for ((name, _, seen), file_id) in files.iter().zip(ids) {
        let got = me.attachment(id, file_id).await.unwrap();
        assert_eq!(got.is_some(), *seen, "{name}");
        assert!(
            officer.attachment(id, file_id).await.unwrap().is_some(),
            "{name}"
        );
    }
}
