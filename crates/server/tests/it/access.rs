//! Who may do what, route by route. One table line per route and target
//! gives the status each caller expects, in the order of `CALLERS`: no
//! credentials, then each account. Every line runs on every backend, and
//! every route in `ROUTES` must have at least one line.
//!
//! The rules (crates/engine/src/access.rs): an officer sees their own
//! authority's cases, and another's are "not found" so their existence does
//! not leak; a requester reads their own requests only (writes 403); a
//! caseworker reads and records decision notices and appeals on cases with
//! the regulator; an administrator does everything. Queues are for officers
//! (their own authority) and administrators; accounts and authorities are
//! managed by administrators: disabling, enabling, resetting a password and
//! ending sessions answer 403 to everyone else, and an administrator may not
//! disable their own account. Anything signed in answers 401 to anyone else.

use crate::common;

use std::collections::BTreeSet;

use crate::common::{email, fresh_request, Reply, World, PASSWORD};
use foidesk_engine::Role;
use foidesk_server::ROUTES;
use serde_json::{json, Value};

/// Who calls, in the order of each line's statuses: none, then a token name.
const CALLERS: [Option<&str>; 7] = [
    None,
    Some("admin"),
    Some("officer_a"),
    Some("officer_b"),
    Some("caseworker"),
    Some("requester"),
    Some("other_requester"),
];

/// An id no case has.
const MISSING: i64 = 999_999;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    /// Authority A, the requester's.
    AMine,
    /// Authority A, the other requester's.
    AOther,
    /// Authority B, awaiting a response.
    BOpen,
    /// Authority B, with the regulator (steps ordered).
    BComplained,
}

const CASES: [Case; 4] = [Case::AMine, Case::AOther, Case::BOpen, Case::BComplained];

#[derive(Clone, Copy, Debug)]
enum Target {
    /// The route names no case or authority.
    Nothing,
    /// One of the world's cases; a POST appends its usual next event.
    Case(Case),
    /// A POST recording an event of this kind on the case.
    Record(Case, &'static str),
    /// A case id that does not exist.
    Missing,
    /// The authority a case is opened for, or the queue is filtered to.
    Authority(&'static str),
    /// Sign in (as one of four accounts, by row), with the right password or a wrong one.
    SignIn { right_password: bool },
    /// An account made for this call (disabled first for /enable), so the
    /// world's own accounts stay as they are.
    OtherAccount,
    /// The caller's own account.
    OwnAccount,
    /// An account id that does not exist.
    MissingAccount,
}

use Target::{
    Authority, Missing, MissingAccount, Nothing, OtherAccount, OwnAccount, Record, SignIn,
};

struct Line {
    method: &'static str,
    path: &'static str,
    target: Target,
    /// One status per caller, in the order of `CALLERS`.
    expect: [u16; 7],
}

const fn line(method: &'static str, path: &'static str, target: Target, expect: [u16; 7]) -> Line {
    Line {
        method,
        path,
        target,
        expect,
    }
}

const fn case(c: Case) -> Target {
    Target::Case(c)
}

use Case::{AMine, AOther, BComplained, BOpen};

const ONE: &str = "/api/v1/cases/{id}";
const ASSESSMENT: &str = "/api/v1/cases/{id}/assessment";
const EVENTS: &str = "/api/v1/cases/{id}/events";
const EXPORT: &str = "/api/v1/cases/{id}/export";
const ROUND_ROBIN: &str = "/api/v1/cases/{id}/round-robin";
const QUEUE: &str = "/api/v1/queues/{queue}";
const STATS: &str = "/api/v1/statistics/return";
const DISABLE: &str = "/api/v1/users/{id}/disable";
const ENABLE: &str = "/api/v1/users/{id}/enable";
const PASSWORD_RESET: &str = "/api/v1/users/{id}/password";
const END_SESSIONS: &str = "/api/v1/users/{id}/sessions/end";

/// Signed in, anyone: 401 without credentials, else `ok`.
const fn anyone(ok: u16) -> [u16; 7] {
    [401, ok, ok, ok, ok, ok, ok]
}

/// Administrators only: 401 without credentials, 403 for the rest.
const fn admins(ok: u16) -> [u16; 7] {
    [401, ok, 403, 403, 403, 403, 403]
}

/// An administrator's route on an account that does not exist.
const ADMIN_MISSING: [u16; 7] = [401, 404, 403, 403, 403, 403, 403];
/// Nobody may disable their own account: not even an administrator.
const NOBODY: [u16; 7] = [401, 403, 403, 403, 403, 403, 403];

/// Reading a case. Columns:
///                      none admin off_a off_b  cw  req  other_req
const READ_A_MINE: [u16; 7] = [401, 200, 200, 404, 404, 200, 404];
const READ_A_OTHER: [u16; 7] = [401, 200, 200, 404, 404, 404, 200];
const READ_B_OPEN: [u16; 7] = [401, 200, 404, 200, 404, 404, 404];
const READ_B_COMPLAINED: [u16; 7] = [401, 200, 404, 200, 200, 404, 404];
const READ_MISSING: [u16; 7] = [401, 404, 404, 404, 404, 404, 404];

#[rustfmt::skip]
const TABLE: &[Line] = &[
    //                                                             none admin off_a off_b  cw  req  other_req
    line("GET", "/healthz", Nothing,                               [200, 200, 200, 200, 200, 200, 200]),
    line("GET", "/api/v1/openapi.json", Nothing,                   [200, 200, 200, 200, 200, 200, 200]),
    line("POST", "/api/v1/session", SignIn { right_password: true },  [200, 200, 200, 200, 200, 200, 200]),
    line("POST", "/api/v1/session", SignIn { right_password: false }, [401, 401, 401, 401, 401, 401, 401]),
    // With a bearer token and no session cookie, signing out ends nothing.
    line("DELETE", "/api/v1/session", Nothing,                     anyone(204)),
    line("GET", "/api/v1/me", Nothing,                             anyone(200)),
    line("GET", "/api/v1/authorities", Nothing,                    anyone(200)),
    line("POST", "/api/v1/authorities", Nothing,                   admins(201)),
    line("GET", "/api/v1/users", Nothing,                          admins(200)),
    line("POST", "/api/v1/users", Nothing,                         admins(201)),
    line("POST", DISABLE, OtherAccount,                            admins(200)),
    line("POST", DISABLE, OwnAccount,                              NOBODY),
    line("POST", DISABLE, MissingAccount,                          ADMIN_MISSING),
    line("POST", ENABLE, OtherAccount,                             admins(200)),
    line("POST", ENABLE, OwnAccount,                               admins(200)),
    line("POST", ENABLE, MissingAccount,                           ADMIN_MISSING),
    // Not one's own password: a reset revokes the tokens the table signs in with.
    line("POST", PASSWORD_RESET, OtherAccount,                     admins(200)),
    line("POST", PASSWORD_RESET, MissingAccount,                   ADMIN_MISSING),
    line("POST", END_SESSIONS, OtherAccount,                       admins(200)),
    line("POST", END_SESSIONS, OwnAccount,                         admins(200)),
    line("POST", END_SESSIONS, MissingAccount,                     ADMIN_MISSING),
    line("GET", "/api/v1/audit", Nothing,                          admins(200)),
    // Lists are filtered (checked below), never refused.
    line("GET", "/api/v1/cases", Nothing,                          anyone(200)),
    line("POST", "/api/v1/cases", Authority("a"),                  [401, 201, 201, 403, 403, 403, 403]),
    line("POST", "/api/v1/cases", Authority("b"),                  [401, 201, 403, 201, 403, 403, 403]),
    line("POST", "/api/v1/import", Authority("a"),                 [401, 201, 201, 403, 403, 403, 403]),
    line("POST", "/api/v1/import", Authority("b"),                 [401, 201, 403, 201, 403, 403, 403]),

    line("GET", ONE, case(AMine),                                  READ_A_MINE),
    line("GET", ONE, case(AOther),                                 READ_A_OTHER),
    line("GET", ONE, case(BOpen),                                  READ_B_OPEN),
    line("GET", ONE, case(BComplained),                            READ_B_COMPLAINED),
    line("GET", ONE, Missing,                                      READ_MISSING),

    line("GET", ASSESSMENT, case(AMine),                           READ_A_MINE),
    line("GET", ASSESSMENT, case(AOther),                          READ_A_OTHER),
    line("GET", ASSESSMENT, case(BOpen),                           READ_B_OPEN),
    line("GET", ASSESSMENT, case(BComplained),                     READ_B_COMPLAINED),
    line("GET", ASSESSMENT, Missing,                               READ_MISSING),

    line("GET", EVENTS, case(AMine),                               READ_A_MINE),
    line("GET", EVENTS, case(AOther),                              READ_A_OTHER),
    line("GET", EVENTS, case(BOpen),                               READ_B_OPEN),
    line("GET", EVENTS, case(BComplained),                         READ_B_COMPLAINED),
    line("GET", EVENTS, Missing,                                   READ_MISSING),

    line("GET", EXPORT, case(AMine),                               READ_A_MINE),
    line("GET", EXPORT, case(AOther),                              READ_A_OTHER),
    line("GET", EXPORT, case(BOpen),                               READ_B_OPEN),
    line("GET", EXPORT, case(BComplained),                         READ_B_COMPLAINED),
    line("GET", EXPORT, Missing,                                   READ_MISSING),
    // A-1, B-1 and B-2 are one request to two authorities: a round robin;
    // A-2 repeats A-1 to the same authority, so it is in none (404).
    line("GET", ROUND_ROBIN, case(AMine),                          READ_A_MINE),
    line("GET", ROUND_ROBIN, case(AOther),                         READ_MISSING),
    line("GET", ROUND_ROBIN, case(BOpen),                          READ_B_OPEN),
    line("GET", ROUND_ROBIN, case(BComplained),                    READ_B_COMPLAINED),
    line("GET", ROUND_ROBIN, Missing,                              READ_MISSING),

    // Appending: clarification_sought on the fresh cases, an appeal on B's
    // complained case. A requester may read their own but not write (403).
    line("POST", EVENTS, case(AMine),                              [401, 201, 201, 404, 404, 403, 404]),
    line("POST", EVENTS, case(AOther),                             [401, 201, 201, 404, 404, 404, 403]),
    line("POST", EVENTS, case(BOpen),                              [401, 201, 404, 201, 404, 404, 404]),
    line("POST", EVENTS, case(BComplained),                        [401, 201, 404, 201, 201, 404, 404]),
    // Only the regulator records a decision notice; a caseworker records
    // nothing but notices and appeals.
    line("POST", EVENTS, Record(BComplained, "decision_notice"),   [401, 201, 404, 403, 201, 404, 404]),
    line("POST", EVENTS, Record(BComplained, "compliance"),        [401, 201, 404, 201, 403, 404, 404]),
    // A correction needs the right to record what it corrects to: an
    // officer may not correct anything into a decision notice (403); those
    // who may are told what is wrong with it (event 1 is no notice: 422).
    line("POST", EVENTS, Record(BComplained, "correction"),        [401, 422, 404, 403, 422, 404, 404]),
    line("POST", EVENTS, Missing,                                  READ_MISSING),

    line("GET", QUEUE, Nothing,                                    [401, 200, 200, 200, 403, 403, 403]),
    line("GET", QUEUE, Authority("a"),                             [401, 200, 200, 403, 403, 403, 403]),
    line("GET", QUEUE, Authority("b"),                             [401, 200, 403, 200, 403, 403, 403]),
    // The official return: an officer their own authority's, a requester
    // their own requests' (no authority named), never a caseworker.
    line("GET", STATS, Nothing,                                    [401, 200, 200, 200, 403, 200, 200]),
    line("GET", STATS, Authority("a"),                             [401, 200, 200, 403, 403, 403, 403]),
    line("GET", STATS, Authority("b"),                             [401, 200, 403, 200, 403, 403, 403]),
];

fn case_id(world: &World, c: Case) -> i64 {
    match c {
        AMine => world.cases.a_mine,
        AOther => world.cases.a_other,
        BOpen => world.cases.b_open,
        BComplained => world.cases.b_complained,
    }
}

/// A request ready to send.
struct Call {
    method: &'static str,
    uri: String,
    body: Option<(&'static str, Vec<u8>)>,
    headers: Vec<(&'static str, String)>,
}

impl Call {
    async fn send(&self, world: &World, who: Option<&str>, extra: &[(&str, &str)]) -> Reply {
        let mut headers: Vec<(&str, &str)> =
            self.headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        headers.extend_from_slice(extra);
        world
            .call(self.method, &self.uri, who, self.body.clone(), &headers)
            .await
    }
}

fn json_body(value: &Value) -> Option<(&'static str, Vec<u8>)> {
    Some(("application/json", serde_json::to_vec(value).unwrap()))
}

fn event(kind: &str) -> Value {
    match kind {
        "clarification_sought" => json!({"kind": "clarification_sought", "date": "2019-11-08"}),
        "appeal" => json!({"kind": "appeal", "date": "2020-07-01", "by": "authority"}),
        "decision_notice" => {
            json!({"kind": "decision_notice", "date": "2020-07-01", "outcome": "authority_entitled"})
        }
        "compliance" => json!({"kind": "compliance", "date": "2020-07-02"}),
        "correction" => json!({"kind": "correction", "date": "2020-07-03", "corrects": 1,
            "reason": "a test", "corrected": {"kind": "decision_notice", "date": "2020-07-01",
            "outcome": "authority_entitled"}}),
        other => panic!("no test event of kind {other}"),
    }
}

/// Accounts made for calls so far.
static MADE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The id of the account a line targets, made now if it is a fresh one.
async fn account_target(world: &World, line: &Line, who: Option<&str>, n: usize) -> Option<i64> {
    let email = match line.target {
        MissingAccount => return Some(MISSING),
        OwnAccount => email(who.unwrap_or("admin")),
        OtherAccount => {
            // A call may be built more than once with one `n`; each gets its own.
            let unique = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let made = format!("account{n}-{unique}@example.org");
            let user = world
                .system
                .add_user(&made, "Made", Role::Requester, None, PASSWORD)
                .await
                .unwrap();
            world.system.create_token(&made, "tests").await.unwrap();
            if line.path == ENABLE {
                world.system.disable_account(user.id).await.unwrap();
            }
            made
        }
        _ => return None,
    };
    Some(world.store.user_by_email(&email).await.unwrap().unwrap().id)
}

/// The request a line makes, as `who`; `n` keeps created names unique.
async fn build(world: &World, line: &Line, who: Option<&str>, n: usize) -> Call {
    let mut call = Call {
        method: line.method,
        uri: line.path.to_owned(),
        body: None,
        headers: Vec::new(),
    };
    let id = match line.target {
        Target::Case(c) | Record(c, _) => Some(case_id(world, c)),
        Missing => Some(MISSING),
        _ => account_target(world, line, who, n).await,
    };
    if let Some(id) = id {
        call.uri = call.uri.replace("{id}", &id.to_string());
    }
    call.uri = call.uri.replace("{queue}", "overdue");
    match (line.method, line.path, line.target) {
        ("POST", "/api/v1/session", SignIn { right_password }) => {
            let password = if right_password {
                PASSWORD
            } else {
                "wrong password"
            };
            // Each row signs in as a different account: failed sign-ins are
            // throttled per address after five, and the table makes seven.
            let who = ["requester", "other_requester", "officer_a", "officer_b"][n % 4];
            call.body = json_body(&json!({"email": email(who), "password": password}));
        }
        ("POST", "/api/v1/authorities", _) => {
            call.body =
                json_body(&json!({"slug": format!("t{n}"), "name": format!("Authority T{n}")}));
        }
        ("POST", PASSWORD_RESET, _) => {
            call.body = json_body(&json!({"password": "a new password for the table"}));
        }
        ("POST", "/api/v1/users", _) => {
            call.body = json_body(&json!({
                "email": format!("new{n}@example.org"),
                "name": "New",
                "role": "requester",
                "password": PASSWORD,
            }));
        }
        ("POST", "/api/v1/cases", Authority(slug)) => {
            let file = serde_json::to_value(fresh_request(None)).unwrap();
            call.body = json_body(&json!({
                "authority": slug,
                "reference": format!("T-{n}"),
                "case": file,
            }));
        }
        ("POST", "/api/v1/import", Authority(slug)) => {
            call.uri = format!("/api/v1/import?authority={slug}&reference=I-{n}");
            let text = toml::to_string(&fresh_request(None)).unwrap();
            call.body = Some(("application/toml", text.into_bytes()));
        }
        ("POST", EVENTS, target) => {
            let kind = match target {
                Record(_, kind) => kind,
                Target::Case(BComplained) => "appeal",
                _ => "clarification_sought",
            };
            call.body = json_body(&event(kind));
            let id = id.unwrap();
            let v = if id == MISSING {
                0
            } else {
                world.version(id).await.unwrap_or(0)
            };
            call.headers.push(("if-match", format!("\"{v}\"")));
        }
        ("GET", QUEUE, Authority(slug)) => call.uri.push_str(&format!("?authority={slug}")),
        ("GET", STATS, Authority(slug)) => {
            call.uri
                .push_str(&format!("?from=2019-01-01&to=2020-12-31&authority={slug}"));
        }
        ("GET", STATS, _) => call.uri.push_str("?from=2019-01-01&to=2020-12-31"),
        ("GET", _, _) | ("DELETE", _, _) | ("POST", DISABLE | ENABLE | END_SESSIONS, _) => {}
        (method, path, target) => panic!("no request built for {method} {path} {target:?}"),
    }
    call
}

/// A 4xx is a JSON error naming its status, with a code and a message.
fn assert_json_error(reply: &Reply, label: &str) {
    let status = reply.status.as_u16();
    let content_type = reply
        .headers
        .get("content-type")
        .map(|v| v.to_str().unwrap());
    assert_eq!(
        content_type,
        Some("application/json"),
        "{label}: {}",
        reply.text
    );
    let error = &reply.json["error"];
    assert_eq!(
        error["status"].as_u64(),
        Some(u64::from(status)),
        "{label}: {}",
        reply.text
    );
    assert!(
        error["code"].as_str().is_some_and(|c| !c.is_empty()),
        "{label}: {}",
        reply.text
    );
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{label}: {}",
        reply.text
    );
    if status == 401 {
        assert!(reply.headers.contains_key("www-authenticate"), "{label}");
    }
}

/// What a caller may see of a case, as listed: the rule restated per row.
fn may_see(who: &str, case: &Value, authorities: &Value) -> bool {
    let slug_of = |id: &Value| {
        authorities["authorities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == *id)
            .map(|a| a["slug"].as_str().unwrap().to_owned())
    };
    let regulator = ["with_commissioner", "steps_ordered", "decided", "appealed"];
    match who {
        "admin" => true,
        "officer_a" => slug_of(&case["authority_id"]).as_deref() == Some("a"),
        "officer_b" => slug_of(&case["authority_id"]).as_deref() == Some("b"),
        "caseworker" => regulator.contains(&case["status"].as_str().unwrap()),
        "requester" | "other_requester" => case["requester"] == json!(email(who)),
        other => panic!("no rule for {other}"),
    }
}

fn route_known(method: &str, path: &str) -> bool {
    ROUTES.iter().any(|r| r.method == method && r.path == path)
}

#[test]
fn the_table_covers_every_route() {
    for route in ROUTES {
        let lines: Vec<&Line> = TABLE
            .iter()
            .filter(|l| l.method == route.method && l.path == route.path)
            .collect();
        assert!(
            !lines.is_empty(),
            "{} {} has no line in the access table",
            route.method,
            route.path
        );
        // A signed-in route refuses the unauthenticated caller on every line.
        if route.signed_in {
            assert!(
                lines.iter().all(|l| l.expect[0] == 401),
                "{} {}",
                route.method,
                route.path
            );
        }
        // An account route has a line for another account and a missing one.
        if route.path.starts_with("/api/v1/users/{id}") {
            for target in [OtherAccount, MissingAccount] {
                assert!(
                    lines
                        .iter()
                        .any(|l| std::mem::discriminant(&l.target)
                            == std::mem::discriminant(&target)),
                    "{} {} has no line for {target:?}",
                    route.method,
                    route.path
                );
            }
        }
        // A case route has a line for each of the four cases and a missing one.
        if route.path.starts_with("/api/v1/cases/{id}") {
            for c in CASES {
                assert!(
                    lines
                        .iter()
                        .any(|l| matches!(l.target, Target::Case(x) if x == c)),
                    "{} {} has no line for {c:?}",
                    route.method,
                    route.path
                );
            }
            assert!(lines.iter().any(|l| matches!(l.target, Missing)));
        }
    }
    for l in TABLE {
        assert!(
            route_known(l.method, l.path),
            "{} {} is not in ROUTES",
            l.method,
            l.path
        );
    }
}

/// Every line of the table, as each caller.
async fn run_table(world: &World) -> usize {
    let authorities = world
        .call("GET", "/api/v1/authorities", Some("admin"), None, &[])
        .await
        .json;
    let mut rows = 0;
    for (n, l) in TABLE.iter().enumerate() {
        for (col, who) in CALLERS.iter().enumerate() {
            let expected = l.expect[col];
            let label = format!(
                "{}: {} {} as {} on {:?}",
                world.label,
                l.method,
                l.path,
                who.unwrap_or("nobody"),
                l.target
            );
            let call = build(world, l, *who, n * CALLERS.len() + col).await;
            let write = l.method != "GET";
            let before = if write {
                Some(stored(world).await)
            } else {
                None
            };
            let reply = call.send(world, *who, &[]).await;
            assert_eq!(reply.status.as_u16(), expected, "{label}: {}", reply.text);
            if (400..500).contains(&expected) {
                assert_json_error(&reply, &label);
            }
            if let Some(before) = before {
                let after = stored(world).await;
                if matches!(expected, 401..=404) {
                    assert_eq!(
                        before, after,
                        "{label}: a refused write changed what is stored"
                    );
                }
                if expected == 201 {
                    assert_ne!(before, after, "{label}: a created thing was not stored");
                }
            }
            // Lists and queues hold only what the caller may see.
            if expected == 200 && (l.path == "/api/v1/cases" || l.path == QUEUE) {
                for c in reply.json["cases"].as_array().unwrap() {
                    assert!(may_see(who.unwrap(), c, &authorities), "{label}: lists {c}");
                }
            }
            // No password hash is ever sent.
            assert!(!reply.text.contains("argon2"), "{label}: {}", reply.text);
            rows += 1;
        }
    }
    rows
}

/// Each caller's list, of the world's four cases, before anything changes.
async fn lists_hold_only_visible_cases(world: &World) {
    let c = &world.cases;
    let expected: [(&str, Vec<i64>); 6] = [
        ("admin", vec![c.a_mine, c.a_other, c.b_open, c.b_complained]),
        ("officer_a", vec![c.a_mine, c.a_other]),
        ("officer_b", vec![c.b_open, c.b_complained]),
        ("caseworker", vec![c.b_complained]),
        ("requester", vec![c.a_mine]),
        ("other_requester", vec![c.a_other]),
    ];
    for (who, ids) in expected {
        let reply = world
            .call("GET", "/api/v1/cases", Some(who), None, &[])
            .await;
        assert_eq!(reply.status, 200, "{}: {who}: {}", world.label, reply.text);
        let listed: BTreeSet<i64> = reply.json["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        let ids: BTreeSet<i64> = ids.into_iter().collect();
        assert_eq!(listed, ids, "{}: {who} lists the wrong cases", world.label);
    }
}

/// Every signed-in route answers 401, and stores nothing, to a caller with
/// no credentials or false ones.
async fn unauthenticated_calls_get_401(world: &World) {
    let without: [(&str, &[(&str, &str)]); 4] = [
        ("no credentials", &[]),
        (
            "a garbage bearer token",
            &[("authorization", "Bearer nope")],
        ),
        ("another scheme", &[("authorization", "Basic bm9wZTpub3Bl")]),
        (
            "a garbage session cookie",
            &[("cookie", "foidesk_session=nope")],
        ),
    ];
    for route in ROUTES {
        let (n, l) = TABLE
            .iter()
            .enumerate()
            .find(|(_, l)| l.method == route.method && l.path == route.path)
            .unwrap_or_else(|| {
                panic!("{} {} is not in the access table", route.method, route.path)
            });
        if !route.signed_in {
            continue;
        }
        for (what, headers) in without {
            let call = build(world, l, None, 10_000 + n).await;
            let before = stored(world).await;
            let reply = call.send(world, None, headers).await;
            let label = format!(
                "{}: {} {} with {what}",
                world.label, route.method, route.path
            );
            assert_eq!(reply.status, 401, "{label}: {}", reply.text);
            assert_json_error(&reply, &label);
            assert_eq!(reply.json["error"]["code"], "unauthenticated", "{label}");
            assert_eq!(before, stored(world).await, "{label}: stored something");
        }
    }
}

/// Everything stored, with each account's state and the audit record: equal
/// before and after means a refused call changed nothing.
async fn stored(world: &World) -> String {
    let mut out = world.snapshot().await;
    for u in world.store.users().await.unwrap() {
        out.push_str(&format!("{} {:?}\n", u.email, u.disabled_at));
    }
    let audit = world.store.account_audit(i64::MAX).await.unwrap();
    out.push_str(&format!("audit lines: {}\n", audit.len()));
    out
}

/// Extra request headers.
type Headers<'a> = &'a [(&'a str, &'a str)];

/// `text` with every whole number equal to `id` replaced by "ID".
fn mask(text: &str, id: i64) -> String {
    let id = id.to_string();
    let mut out = String::new();
    let mut digits = String::new();
    for ch in text.chars().chain(std::iter::once('\0')) {
        if ch.is_ascii_digit() {
            digits.push(ch);
            continue;
        }
        if !digits.is_empty() {
            out.push_str(if digits == id { "ID" } else { &digits });
            digits.clear();
        }
        if ch != '\0' {
            out.push(ch);
        }
    }
    out
}

/// A case a caller may not see is answered exactly as one that does not
/// exist: same status, headers and body but for the id.
async fn no_existence_leak(world: &World) {
    let c = &world.cases;
    let hidden = [
        ("officer_a", c.b_open),
        ("officer_a", c.b_complained),
        ("officer_b", c.a_mine),
        ("requester", c.a_other),
        ("requester", c.b_open),
        ("caseworker", c.a_mine),
    ];
    let stale = [("if-match", "\"7\"")];
    let requests: [(&str, &str, Option<Value>, Headers); 7] = [
        ("GET", ONE, None, &[]),
        ("GET", ROUND_ROBIN, None, &[]),
        ("GET", ASSESSMENT, None, &[]),
        ("GET", EVENTS, None, &[]),
        ("GET", EXPORT, None, &[]),
        (
            "POST",
            EVENTS,
            Some(event("clarification_sought")),
            &[("if-match", "\"0\"")],
        ),
        // A wrong version must not reveal the case either (a 409 would).
        ("POST", EVENTS, Some(event("clarification_sought")), &stale),
    ];
    for (who, id) in hidden {
        for (method, path, body, headers) in &requests {
            let send = |id: i64| {
                let uri = path.replace("{id}", &id.to_string());
                let body = body.as_ref().and_then(json_body);
                async move { world.call(method, &uri, Some(who), body, headers).await }
            };
            let before = world.snapshot().await;
            let seen = send(id).await;
            let missing = send(MISSING).await;
            let label = format!("{}: {method} {path} as {who} on case {id}", world.label);
            assert_eq!(seen.status, 404, "{label}: {}", seen.text);
            assert_eq!(missing.status, 404, "{label}: {}", missing.text);
            assert_json_error(&seen, &label);
            assert_eq!(
                mask(&seen.text, id),
                mask(&missing.text, MISSING),
                "{label}"
            );
            let names = |r: &Reply| -> BTreeSet<String> {
                r.headers.keys().map(|k| k.as_str().to_owned()).collect()
            };
            assert_eq!(names(&seen), names(&missing), "{label}: headers differ");
            assert_eq!(before, world.snapshot().await, "{label}: stored something");
        }
    }
}

fn set_cookie(reply: &Reply) -> Option<String> {
    reply
        .headers
        .get("set-cookie")
        .map(|v| v.to_str().unwrap().to_owned())
}

/// Sign in for a cookie, use it, sign out, and see it refused.
async fn sessions(world: &World) {
    let label = world.label;
    let sign_in =
        |email: String, password: &str, extra: &'static [(&'static str, &'static str)]| {
            let body = json_body(&json!({"email": email, "password": password}));
            async move {
                world
                    .call("POST", "/api/v1/session", None, body, extra)
                    .await
            }
        };

    let reply = sign_in(email("officer_a"), PASSWORD, &[]).await;
    assert_eq!(reply.status, 200, "{label}: {}", reply.text);
    assert_eq!(reply.json["email"], json!(email("officer_a")), "{label}");
    assert!(!reply.text.contains("argon2"), "{label}: {}", reply.text);
    let header = set_cookie(&reply).expect("sign-in sets a cookie");
    let attributes: Vec<&str> = header.split(';').map(str::trim).collect();
    for wanted in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(
            attributes.contains(&wanted),
            "{label}: {header} lacks {wanted}"
        );
    }
    assert!(
        !attributes.iter().any(|a| a.eq_ignore_ascii_case("secure")),
        "{label}: {header} is Secure though secure_cookies is false"
    );
    let pair = attributes[0];
    let secret = pair
        .strip_prefix("foidesk_session=")
        .expect("the session cookie");
    assert!(
        secret.len() >= 20,
        "{label}: a short session secret: {header}"
    );
    let cookie = [("cookie", pair)];

    // The cookie signs in as the officer, with the officer's access.
    let me = world.call("GET", "/api/v1/me", None, None, &cookie).await;
    assert_eq!(me.status, 200, "{label}: {}", me.text);
    assert_eq!(me.json["email"], json!(email("officer_a")), "{label}");
    let own = format!("/api/v1/cases/{}", world.cases.a_mine);
    let theirs = format!("/api/v1/cases/{}", world.cases.b_open);
    assert_eq!(
        world.call("GET", &own, None, None, &cookie).await.status,
        200,
        "{label}"
    );
    assert_eq!(
        world.call("GET", &theirs, None, None, &cookie).await.status,
        404,
        "{label}"
    );

    // Signing out ends the session and clears the cookie.
    let out = world
        .call("DELETE", "/api/v1/session", None, None, &cookie)
        .await;
    assert_eq!(out.status, 204, "{label}: {}", out.text);
    let cleared = set_cookie(&out).expect("sign-out clears the cookie");
    assert!(
        cleared.starts_with("foidesk_session=;"),
        "{label}: {cleared}"
    );
    assert!(cleared.contains("Max-Age=0"), "{label}: {cleared}");
    let after = world.call("GET", "/api/v1/me", None, None, &cookie).await;
    assert_eq!(after.status, 401, "{label}: {}", after.text);
    assert_json_error(&after, label);
    let again = world
        .call("DELETE", "/api/v1/session", None, None, &cookie)
        .await;
    assert_eq!(again.status, 401, "{label}: {}", again.text);

    // A wrong password, or an unknown address, gets 401 and no cookie; the
    // two answers are the same, so accounts cannot be discovered.
    let wrong = sign_in(email("officer_a"), "not the password", &[]).await;
    assert_eq!(wrong.status, 401, "{label}: {}", wrong.text);
    assert_json_error(&wrong, label);
    assert!(set_cookie(&wrong).is_none(), "{label}");
    let unknown = sign_in("nobody@example.org".into(), PASSWORD, &[]).await;
    assert_eq!(unknown.status, 401, "{label}: {}", unknown.text);
    assert_eq!(wrong.text, unknown.text, "{label}");

    // Behind a TLS-terminating proxy the cookie is Secure.
    let proxied = sign_in(
        email("requester"),
        PASSWORD,
        &[("x-forwarded-proto", "https")],
    )
    .await;
    assert_eq!(proxied.status, 200, "{label}: {}", proxied.text);
    let header = set_cookie(&proxied).unwrap();
    assert!(
        header.split(';').any(|a| a.trim() == "Secure"),
        "{label}: {header}"
    );
}

#[tokio::test]
async fn every_route_by_every_role_on_own_and_other_authorities() {
    for world in common::worlds().await {
        lists_hold_only_visible_cases(&world).await;
        unauthenticated_calls_get_401(&world).await;
        no_existence_leak(&world).await;
        sessions(&world).await;
        let rows = run_table(&world).await;
        println!("access table: {rows} rows passed ({})", world.label);
        world.finish().await;
    }
}
