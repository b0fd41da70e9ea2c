//! Round robins over a real store (issue 15): requests recognised from their
//! text alone and linked as they open, membership as logged events, the grid
//! as each viewer may see it, and the consistency warnings on a planned
//! response, which ask for a reason and never block.

use foidesk_calendar::Date;
use foidesk_case::file::{EventFile, OutcomeFile};
use foidesk_case::{Channel, Outcome, PartOutcome, RequesterType};
use foidesk_engine::api::{CellResult, LinkBy, Stance, WarningPattern};
use foidesk_engine::{AuthorityKind, EngineError, LogRequest, NewAuthority, Role, System, User};
use foidesk_law::{ProvisionId, Regime};

use crate::common::{store, system};

const TODAY: &str = "2026-11-30";
const PW: &str = "long enough password";
const REQUESTER: &str = "Pat Requester-Secret";
const CONTACT: &str = "pat.secret@example.org";

/// The two-part request, as each force receives it (its own name in it).
fn parts(force: &str) -> Vec<String> {
    vec![
        format!(
            "Dear {force},\n\nPlease tell me whether {force} has bought or used any \
             internet-connected sensors to watch public places since 2015."
        ),
        "Please send me any contract, invoice or policy that names the makers of those \
         sensors, and the number of devices in use on 1 January 2018.\n\nYours faithfully"
            .to_owned(),
    ]
}

struct World {
    system: System,
    officers: Vec<User>,
    slugs: Vec<String>,
    admin: User,
}

/// `forces` police forces, each with an officer; one council that does not share.
async fn world(system: System, forces: usize) -> World {
    let mut officers = Vec::new();
    let mut slugs = Vec::new();
    for i in 0..=forces {
        let (name, kind) = if i < forces {
            (format!("Shire {i} Constabulary"), AuthorityKind::Police)
        } else {
            ("Borough Council".to_owned(), AuthorityKind::LocalGovernment)
        };
        let entry = system
            .add_to_register(
                &NewAuthority {
                    slug: None,
                    name: name.clone(),
                    kind,
                    regimes: vec![Regime::Foia],
                    aliases: vec![format!("Chief Constable of Shire {i}")],
                },
                "test",
            )
            .await
            .unwrap();
        let slug = entry.authority.slug.clone();
        officers.push(
            system
                .add_user(
                    &format!("o@{slug}.example"),
                    "Officer",
                    Role::Officer,
                    Some(&slug),
                    PW,
                )
                .await
                .unwrap(),
        );
        slugs.push(slug);
    }
    let admin = system
        .add_user("admin@example.org", "Admin", Role::Administrator, None, PW)
        .await
        .unwrap();
    World {
        system,
        officers,
        slugs,
        admin,
    }
}

impl World {
    /// Officer `i` logs the request received on `received`: its case id.
    async fn log(&self, i: usize, received: &str, requester: &str, contact: &str) -> i64 {
        let name = format!("Shire {i} Constabulary");
        self.system
            .service()
            .as_user(&self.officers[i])
            .log_request(LogRequest {
                authority_slug: self.slugs[i].clone(),
                reference_prefix: format!("S{i}"),
                channel: Channel::Email,
                requester_name: requester.into(),
                contact: if contact.is_empty() {
                    vec![]
                } else {
                    vec![contact.into()]
                },
                requester_type: RequesterType::Journalist,
                received: Date::parse(received).unwrap(),
                parts: parts(&name),
                regime: Regime::Foia,
            })
            .await
            .unwrap()
            .summary
            .id
    }

    /// Record a response with these outcomes of parts 1 and 2, as the system.
    async fn answer(&self, case_id: i64, date: &str, outcomes: [(&str, &str); 2]) {
        let view = self.system.case_view(case_id).await.unwrap().unwrap();
        self.system
            .append_event(
                case_id,
                view.summary.version,
                response(date, outcomes),
                "test",
            )
            .await
            .unwrap();
    }
}

fn response(date: &str, outcomes: [(&str, &str); 2]) -> EventFile {
    EventFile {
        kind: "response".into(),
        date: date.into(),
        outcomes: outcomes
            .iter()
            .enumerate()
            .map(|(i, (outcome, provision))| OutcomeFile {
                part: (i + 1).to_string(),
                outcome: (*outcome).into(),
                provisions: if provision.is_empty() {
                    vec![]
                } else {
                    vec![(*provision).into()]
                },
            })
            .collect(),
        ..EventFile::default()
    }
}

fn planned(part: &str, outcome: Outcome, provision: &str) -> PartOutcome {
    PartOutcome {
        part: part.into(),
        outcome,
        provisions: if provision.is_empty() {
            vec![]
        } else {
            vec![ProvisionId::parse(provision).unwrap()]
        },
    }
}

/// A warnings case: peers' answers (part 1, part 2), this force's own
/// earlier answer to the same request (if any), and the plan for part 2.
struct Warns {
    name: &'static str,
    peers: &'static [(&'static str, &'static str)],
    own_earlier: Option<&'static str>,
    plan: (Outcome, &'static str),
    expect: Option<(WarningPattern, usize)>,
}

const WARNS: &[Warns] = &[
    Warns {
        name: "NCND under s.31(3) where three peers disclosed",
        peers: &[
            ("disclosed", ""),
            ("disclosed", ""),
            ("disclosed", ""),
            ("pending", ""),
        ],
        own_earlier: None,
        plan: (Outcome::Ncnd, "s.31(3)"),
        expect: Some((WarningPattern::NcndAfterConfirmOrDeny, 3)),
    },
    Warns {
        name: "not held where peers neither confirm nor deny",
        peers: &[("ncnd", "s.24(2)"), ("ncnd", "s.23(5)"), ("pending", "")],
        own_earlier: None,
        plan: (Outcome::NotHeld, ""),
        expect: Some((WarningPattern::NotHeldWherePeersNcnd, 2)),
    },
    Warns {
        name: "disclosure where this force neither confirmed nor denied a year ago",
        peers: &[],
        own_earlier: Some("ncnd"),
        plan: (Outcome::Disclosed, ""),
        expect: Some((WarningPattern::DisclosureWherePeersNcnd, 1)),
    },
    Warns {
        name: "disclosure where peers disclosed too",
        peers: &[("disclosed", ""), ("disclosed", "")],
        own_earlier: None,
        plan: (Outcome::Disclosed, ""),
        expect: None,
    },
];

#[tokio::test]
async fn a_planned_answer_warns_where_it_departs_from_the_others_and_a_reason_lets_it_go_on() {
    for case in WARNS {
        check_warns(case).await;
    }
}

async fn check_warns(w: &Warns) {
    let (store, _dir) = store().await;
    let world = world(system(TODAY, &store), w.peers.len() + 1).await;
    let me = w.peers.len();
    if let Some(outcome) = w.own_earlier {
        let earlier = world
            .log(me, "2025-12-01", "Someone Else", "s@e.example")
            .await;
        let provision = if outcome == "ncnd" { "s.31(3)" } else { "" };
        world
            .answer(
                earlier,
                "2025-12-20",
                [("disclosed", ""), (outcome, provision)],
            )
            .await;
    }
    let mut peers = Vec::new();
    for (i, (outcome, provision)) in w.peers.iter().enumerate() {
        let id = world.log(i, "2026-11-02", REQUESTER, CONTACT).await;
        if *outcome != "pending" {
            world
                .answer(id, "2026-11-25", [("disclosed", ""), (outcome, provision)])
                .await;
        }
        peers.push(id);
    }
    let mine = world.log(me, "2026-11-03", REQUESTER, CONTACT).await;
    let service = world.system.service();
    let officer = service.as_user(&world.officers[me]);
    let plan = [
        planned("1", Outcome::Disclosed, ""),
        planned("2", w.plan.0, w.plan.1),
    ];
    let warnings = officer.consistency_warnings(mine, &plan).await.unwrap();
    let got: Vec<_> = warnings
        .iter()
        .map(|x| (x.part.as_str(), x.pattern, x.peers.len()))
        .collect();
    match w.expect {
        Some((pattern, n)) => assert_eq!(got, [("2", pattern, n)], "{}", w.name),
        None => assert!(got.is_empty(), "{}: {got:?}", w.name),
    }
    for warning in &warnings {
        assert!(!warning.message.is_empty(), "{}", w.name);
        // Other forces' cases are not the officer's to open.
        for p in &warning.peers {
            assert_eq!(
                p.case_id.is_some(),
                p.authority.contains("your own"),
                "{}",
                w.name
            );
        }
    }

    // Recording it: refused without a reason, naming the warnings; with one,
    // the reason is an event just before the response, shown on the case.
    let event = response(
        "2026-11-30",
        [("disclosed", ""), (w.plan.0.as_str(), w.plan.1)],
    );
    // The same warnings on the event a form or a letter would record.
    let before = officer
        .consistency_warnings_for_event(mine, &event)
        .await
        .unwrap();
    assert_eq!(before, warnings, "{}", w.name);
    let v = world
        .system
        .case_view(mine)
        .await
        .unwrap()
        .unwrap()
        .summary
        .version;
    let refused = officer.append_event(mine, v, event.clone()).await;
    if w.expect.is_none() {
        assert_eq!(refused.unwrap().summary.version, v + 1, "{}", w.name);
        return;
    }
    match refused {
        Err(EngineError::ReasonNeeded(named)) => assert_eq!(named, warnings, "{}", w.name),
        other => panic!("{}: {other:?}", w.name),
    }
    assert_eq!(
        world
            .system
            .case_view(mine)
            .await
            .unwrap()
            .unwrap()
            .summary
            .version,
        v
    );
    let blank = officer
        .append_event_with_reason(mine, v, event.clone(), Some("  "))
        .await;
    assert!(
        matches!(blank, Err(EngineError::ReasonNeeded(_))),
        "{}",
        w.name
    );
    let reason = "Our chief officer's assessment of the local risk differs; see file note 12.";
    let view = officer
        .append_event_with_reason(mine, v, event, Some(reason))
        .await
        .unwrap();
    let kinds: Vec<_> = view.file.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds[kinds.len() - 2..],
        ["consistency_reason", "response"],
        "{}",
        w.name
    );
    let stored = world.system.case_view(mine).await.unwrap().unwrap();
    let noted = &stored.file.events[stored.file.events.len() - 2];
    assert_eq!(noted.kind, "consistency_reason", "{}", w.name);
    assert_eq!(noted.message.as_deref(), Some(reason), "{}", w.name);
    assert_eq!(stored.summary.version, v + 2, "{}", w.name);
}

#[tokio::test]
async fn advice_that_differs_from_the_plan_warns() {
    let (store, _dir) = store().await;
    let world = world(system(TODAY, &store), 2).await;
    let a = world.log(0, "2026-11-02", REQUESTER, CONTACT).await;
    let b = world.log(1, "2026-11-02", REQUESTER, CONTACT).await;
    let service = world.system.service();
    let rr = service
        .as_user(&world.officers[0])
        .round_robin(a)
        .await
        .unwrap()
        .unwrap()
        .id;
    let unit = world
        .system
        .add_user(
            "unit@npcc.example",
            "National unit",
            Role::Coordinator,
            Some("police"),
            PW,
        )
        .await
        .unwrap();
    service
        .as_user(&unit)
        .record_advice(
            rr,
            foidesk_engine::api::Advice {
                part: "2".into(),
                outcome: Outcome::Ncnd,
                provisions: vec!["s.24(2)".into(), "s.31(3)".into()],
                note: Some("Neither confirm nor deny the numbers.".into()),
            },
        )
        .await
        .unwrap();
    let warnings = service
        .as_user(&world.officers[1])
        .consistency_warnings(b, &[planned("2", Outcome::Disclosed, "")])
        .await
        .unwrap();
    let got: Vec<_> = warnings.iter().map(|w| w.pattern).collect();
    assert_eq!(got, [WarningPattern::DiffersFromAdvice]);
    let grid = service.as_user(&unit).round_robin_by_id(rr).await.unwrap();
    assert_eq!(grid.advice.len(), 1);
    assert_eq!(grid.advice[0].provisions, ["s.24(2)", "s.31(3)"]);
    // An officer gives no advice; a coordinator sees no case.
    let as0 = service.as_user(&world.officers[0]);
    let officer_advice = as0.record_advice(
        rr,
        foidesk_engine::api::Advice {
            part: "2".into(),
            outcome: Outcome::Disclosed,
            provisions: vec![],
            note: None,
        },
    );
    assert!(matches!(
        officer_advice.await,
        Err(EngineError::NotFound { .. })
    ));
    assert!(service.as_user(&unit).case(a).await.unwrap().is_none());
    assert_eq!(
        service
            .as_user(&unit)
            .coordinated_round_robins()
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn the_same_request_joins_as_it_opens_and_membership_is_a_log_of_events() {
    let (store, _dir) = store().await;
    let world = world(system(TODAY, &store), 4).await;
    let service = world.system.service();
    let a = world.log(0, "2026-11-02", REQUESTER, CONTACT).await;
    let as0 = service.as_user(&world.officers[0]);
    // Alone, it is in no round robin.
    assert!(as0.round_robin(a).await.unwrap().is_none());
    let b = world
        .log(1, "2026-11-02", "Another Person", "a@b.example")
        .await;
    let grid = as0
        .round_robin(a)
        .await
        .unwrap()
        .expect("joined as it opened");
    assert_eq!(grid.rows.len(), 2);
    assert_eq!(grid.parts.len(), 2);
    let rr = grid.id;
    let c = world.log(2, "2026-11-04", REQUESTER, CONTACT).await;
    // Another force's case is not officer 0's to see.
    assert!(matches!(
        as0.round_robin(c).await,
        Err(EngineError::NotFound { .. })
    ));
    let as2 = service.as_user(&world.officers[2]);
    assert_eq!(as2.round_robin(c).await.unwrap().unwrap().id, rr);

    // Leaving needs a reason and is logged with the officer and the time.
    assert!(matches!(
        as2.leave_round_robin(c, " ").await,
        Err(EngineError::Invalid { .. })
    ));
    as2.leave_round_robin(c, "Our request was about something else")
        .await
        .unwrap();
    assert!(as2.round_robin(c).await.unwrap().is_none());
    // It is offered back as a variant or same request to confirm.
    let related = as2.related_requests(c).await.unwrap();
    let link = related
        .iter()
        .find_map(|r| r.link.clone())
        .expect("offered to confirm");
    assert_eq!(link, LinkBy::Confirm(rr));
    assert_eq!(as2.link_round_robin(c, link).await.unwrap(), rr);
    // A round robin it was never found like is refused.
    assert!(matches!(
        as2.link_round_robin(c, LinkBy::Confirm(rr + 7)).await,
        Err(EngineError::Invalid { .. })
    ));
    // An external reference names the round robin the case is in; another
    // case then joins by it.
    let reference = LinkBy::Reference("CRU/2026/0042".into());
    assert_eq!(
        as2.link_round_robin(c, reference.clone()).await.unwrap(),
        rr
    );
    let d = world.log(3, "2026-11-05", REQUESTER, CONTACT).await;
    let as3 = service.as_user(&world.officers[3]);
    assert_eq!(as3.round_robin(d).await.unwrap().unwrap().id, rr);
    assert_eq!(as3.link_round_robin(d, reference).await.unwrap(), rr);
    let grid = as3.round_robin(d).await.unwrap().unwrap();
    assert_eq!(grid.references, ["CRU/2026/0042"]);
    let store = world.system.store();
    let log = store.round_robin_log(rr).await.unwrap();
    let rows: Vec<_> = log
        .iter()
        .map(|l| {
            (
                l.case_id,
                l.action.as_str(),
                l.source.as_str(),
                l.actor.as_str(),
            )
        })
        .collect();
    let o0 = world.officers[0].email.as_str();
    let o1 = world.officers[1].email.as_str();
    let o2 = world.officers[2].email.as_str();
    assert_eq!(
        rows,
        [
            (a, "joined", "detected", o1),
            (b, "joined", "detected", o1),
            (c, "joined", "detected", o2),
            (c, "left", "officer", o2),
            (c, "joined", "officer", o2),
            (d, "joined", "detected", world.officers[3].email.as_str()),
            (
                d,
                "joined",
                "external_reference",
                world.officers[3].email.as_str()
            ),
        ]
    );
    let _ = o0;
    assert_eq!(
        log[3].reason.as_deref(),
        Some("Our request was about something else")
    );
    assert!(log.iter().all(|l| l.at.starts_with("2026-11-30")));
    // An officer of another authority cannot take a case out.
    assert!(matches!(
        as0.leave_round_robin(b, "no").await,
        Err(EngineError::NotFound { .. })
    ));
    let _ = world.admin;
}

#[tokio::test]
async fn a_request_sent_to_several_authorities_is_linked_from_the_start() {
    let (store, _dir) = store().await;
    let world = world(system(TODAY, &store), 3).await;
    let requester = world
        .system
        .add_user("pat@example.org", REQUESTER, Role::Requester, None, PW)
        .await
        .unwrap();
    let service = world.system.service();
    let sent = service
        .as_user(&requester)
        .make_request(foidesk_engine::MakeRequest {
            authority_slugs: world.slugs[..3].to_vec(),
            parts: vec!["Any request at all about speed cameras".into()],
            regime: Regime::Foia,
            requester_type: RequesterType::MemberOfThePublic,
        })
        .await
        .unwrap();
    let ids: Vec<i64> = sent.cases.iter().map(|c| c.summary.id).collect();
    let rr = world
        .system
        .store()
        .round_robin_of(ids[0])
        .await
        .unwrap()
        .unwrap();
    let members = world.system.store().round_robin_members(rr).await.unwrap();
    let got: Vec<_> = members
        .iter()
        .map(|m| (m.case_id, m.source.as_str()))
        .collect();
    assert_eq!(
        got,
        [(ids[0], "batch"), (ids[1], "batch"), (ids[2], "batch")]
    );
    // The requester sees the round robin of their own request, and only
    // what is published of the others'.
    let grid = service
        .as_user(&requester)
        .round_robin(ids[0])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(grid.rows.len(), 3);
    assert!(grid.rows.iter().all(|r| r.case_id.is_some()));
}

/// Who looks, and what they see of part 2 in the rows (in name order) of
/// the council (answered withheld; councils do not share by default),
/// force 0 (answered NCND; police share by default) and force 1 (answered
/// not held, then set not to share): (case link shown, result).
struct Sees {
    viewer: &'static str,
    rows: [(bool, CellResult); 3],
}

const SEES: &[Sees] = &[
    Sees {
        viewer: "officer 0",
        rows: [
            (false, CellResult::NotShared),
            (true, CellResult::Withheld),
            (false, CellResult::NotShared),
        ],
    },
    Sees {
        viewer: "officer 1",
        rows: [
            (false, CellResult::NotShared),
            (false, CellResult::Withheld),
            (true, CellResult::NotHeld),
        ],
    },
    Sees {
        viewer: "coordinator",
        rows: [
            (false, CellResult::NotShared),
            (false, CellResult::Withheld),
            (false, CellResult::NotShared),
        ],
    },
    Sees {
        viewer: "administrator",
        rows: [
            (true, CellResult::Withheld),
            (true, CellResult::Withheld),
            (true, CellResult::NotHeld),
        ],
    },
];

#[tokio::test]
async fn each_viewer_sees_its_own_row_in_full_and_others_as_they_share() {
    let (store, _dir) = store().await;
    let world = world(system(TODAY, &store), 2).await;
    let a = world.log(0, "2026-11-02", REQUESTER, CONTACT).await;
    let b = world.log(1, "2026-11-02", REQUESTER, CONTACT).await;
    // The council's copy, logged by an administrator.
    let c = world
        .system
        .service()
        .as_user(&world.admin)
        .log_request(LogRequest {
            authority_slug: world.slugs[2].clone(),
            reference_prefix: "BC".into(),
            channel: Channel::Post,
            requester_name: REQUESTER.into(),
            contact: vec![CONTACT.into()],
            requester_type: RequesterType::Journalist,
            received: Date::parse("2026-11-02").unwrap(),
            parts: parts("Borough Council"),
            regime: Regime::Foia,
        })
        .await
        .unwrap()
        .summary
        .id;
    world
        .answer(a, "2026-11-20", [("disclosed", ""), ("ncnd", "s.31(3)")])
        .await;
    world
        .answer(b, "2026-11-20", [("disclosed", ""), ("not_held", "")])
        .await;
    // The council's part 1 is published even though it does not share.
    world
        .answer(
            c,
            "2026-11-20",
            [("disclosed", ""), ("withheld", "s.43(2)")],
        )
        .await;
    let service = world.system.service();
    service
        .as_user(&world.officers[1])
        .set_sharing(&world.slugs[1], false)
        .await
        .unwrap();
    assert!(!service
        .as_user(&world.admin)
        .sharing(&world.slugs[1])
        .await
        .unwrap());
    assert!(service
        .as_user(&world.admin)
        .sharing(&world.slugs[0])
        .await
        .unwrap());
    assert!(matches!(
        service
            .as_user(&world.officers[0])
            .set_sharing(&world.slugs[1], true)
            .await,
        Err(EngineError::Forbidden { .. })
    ));
    let unit = world
        .system
        .add_user(
            "unit@npcc.example",
            "National unit",
            Role::Coordinator,
            Some("police"),
            PW,
        )
        .await
        .unwrap();
    for s in SEES {
        // Each through a case it may see (the coordinator sees none, but
        // reaches the round robin it coordinates by any member's id).
        let (user, case) = match s.viewer {
            "officer 0" => (&world.officers[0], a),
            "officer 1" => (&world.officers[1], b),
            "coordinator" => (&unit, c),
            _ => (&world.admin, a),
        };
        let grid = service
            .as_user(user)
            .round_robin(case)
            .await
            .unwrap()
            .unwrap();
        let got: Vec<_> = grid
            .rows
            .iter()
            .map(|r| (r.case_id.is_some(), r.cells[1].result))
            .collect();
        assert_eq!(got, s.rows, "{}", s.viewer);
        // Part 1 was disclosed by all: published, so every viewer sees it.
        assert!(
            grid.rows
                .iter()
                .all(|r| r.cells[0].stance == Some(Stance::ConfirmedHeld)),
            "{}",
            s.viewer
        );
        // Never a requester field, whoever looks.
        let json = serde_json::to_string(&grid).unwrap();
        for secret in [
            REQUESTER,
            CONTACT,
            "requester",
            "Journalist",
            "journalist",
            "contact",
        ] {
            assert!(!json.contains(secret), "{}: {secret} in {json}", s.viewer);
        }
    }
}

#[tokio::test]
async fn blanking_the_requester_fields_changes_no_detection_result() {
    let mut results = Vec::new();
    // Blank as a form allows: a name and an address are needed, so the
    // blanks are the shortest the desk takes.
    for (name, contact) in [
        (REQUESTER, CONTACT),
        ("-", "-@-.-"),
        ("Quite Different", "x@y.example"),
    ] {
        let (store, _dir) = store().await;
        let world = world(system(TODAY, &store), 3).await;
        let a = world.log(0, "2026-11-02", name, contact).await;
        let b = world.log(1, "2026-11-02", name, contact).await;
        let c = world.log(2, "2026-11-03", "Someone", "s@e.example").await;
        let s = world.system.store();
        let rr = |id| async move { s.round_robin_of(id).await.unwrap().map(|_| ()) };
        let related = world
            .system
            .service()
            .as_user(&world.officers[0])
            .related_requests(a)
            .await
            .unwrap()
            .into_iter()
            .map(|r| (r.likeness, (r.similarity * 1000.0).round() as i64))
            .collect::<Vec<_>>();
        results.push((rr(a).await, rr(b).await, rr(c).await, related));
    }
    assert!(results.windows(2).all(|w| w[0] == w[1]), "{results:?}");
    assert!(results[0].0.is_some());
}
