//! Bad input: every malformed request gets a 4xx with a JSON error that says
//! what is wrong (and where, when the API names a field), never internal
//! text, and leaves the store exactly as it was. One table, one `check`,
//! on every backend.

use crate::common;

use std::collections::BTreeSet;

use crate::common::{fresh_request, World};
use serde_json::{json, Value};

/// Text that only a leaked internal error would contain.
const INTERNAL: [&str; 8] = [
    "sqlx",
    "database error",
    "panicked",
    "sqlite",
    "postgres",
    "incident",
    "unwrap",
    "stack backtrace",
];

const SQL: &str = "'; DROP TABLE cases; --";
/// The same, percent-encoded for a query string.
const SQL_QUERY: &str = "%27%3B%20DROP%20TABLE%20cases%3B%20--";
const HTML: &str = "<script>alert(1)</script>";

/// One malformed request and what the API must answer.
struct Row {
    what: &'static str,
    method: &'static str,
    path: String,
    who: Option<&'static str>,
    body: Option<(&'static str, Vec<u8>)>,
    headers: Vec<(&'static str, String)>,
    status: u16,
    /// A substring of `error.message`.
    says: &'static str,
    /// A `error.fields[].path` that must be present, where the API names one.
    field: Option<&'static str>,
}

fn row(what: &'static str, method: &'static str, path: impl Into<String>) -> Row {
    Row {
        what,
        method,
        path: path.into(),
        who: None,
        body: None,
        headers: Vec::new(),
        status: 0,
        says: "",
        field: None,
    }
}

impl Row {
    fn by(mut self, who: &'static str) -> Row {
        self.who = Some(who);
        self
    }

    fn json(self, value: Value) -> Row {
        self.raw("application/json", serde_json::to_vec(&value).unwrap())
    }

    fn toml(self, text: &str) -> Row {
        self.raw("application/toml", text.as_bytes().to_vec())
    }

    fn raw(mut self, content_type: &'static str, bytes: impl Into<Vec<u8>>) -> Row {
        self.body = Some((content_type, bytes.into()));
        self
    }

    fn header(mut self, name: &'static str, value: impl Into<String>) -> Row {
        self.headers.push((name, value.into()));
        self
    }

    fn is(mut self, status: u16, says: &'static str) -> Row {
        self.status = status;
        self.says = says;
        self
    }

    fn at(mut self, field: &'static str) -> Row {
        self.field = Some(field);
        self
    }
}

/// A valid POST /cases body for authority A, changed by `edit`.
fn new_case(edit: impl FnOnce(&mut Value)) -> Value {
    let mut body = json!({
        "authority": "a",
        "reference": "A-NEW",
        "case": fresh_request(None),
    });
    edit(&mut body);
    body
}

/// A valid event for the requests `fresh_request` makes, changed by `edit`.
fn event(edit: impl FnOnce(&mut Value)) -> Value {
    let mut body = json!({
        "kind": "response",
        "date": "2019-12-02",
        "outcomes": [{ "part": "1", "outcome": "disclosed" }],
    });
    edit(&mut body);
    body
}

/// The request part of the Met example as TOML, with `events` after it.
fn toml_case(received: &str, events: &str) -> String {
    format!(
        "[request]\nauthority = \"Commissioner of the Metropolitan Police Service\"\n\
         regime = \"FOIA\"\nreceived = {received}\n\n\
         [[request.parts]]\nid = \"1\"\ntext = \"Contracts.\"\n{events}"
    )
}

async fn rows(world: &World) -> Vec<Row> {
    let mine = world.cases.a_mine;
    let complained = world.cases.b_complained;
    let v_mine = world.version(mine).await.unwrap().to_string();
    let v_complained = world.version(complained).await.unwrap().to_string();
    let stale = (v_complained.parse::<i64>().unwrap() - 1).to_string();
    let events =
        |what, id: i64| row(what, "POST", format!("/api/v1/cases/{id}/events")).by("officer_a");
    let append = |what| events(what, mine).header("if-match", format!("\"{v_mine}\""));
    let cases = |what| row(what, "POST", "/api/v1/cases").by("officer_a");
    let import =
        |what, query: &str| row(what, "POST", format!("/api/v1/import{query}")).by("officer_a");
    let authorities = |what| row(what, "POST", "/api/v1/authorities").by("admin");
    let users = |what| row(what, "POST", "/api/v1/users").by("admin");
    let user = |email: &str| {
        json!({ "email": email, "name": "New", "role": "caseworker",
                "password": "a long enough password" })
    };
    let session = |what| row(what, "POST", "/api/v1/session");
    let get = |what, path: &str| row(what, "GET", path).by("admin");
    let provisions = |outcome: &str, provision: &str| json!([{ "part": "1", "outcome": outcome, "provisions": [provision] }]);

    vec![
        // POST /api/v1/cases: the shape of the body.
        cases("string for an array")
            .json(new_case(|b| b["case"]["request"]["parts"] = json!("1, 2")))
            .is(422, "invalid type: string")
            .at("case.request.parts"),
        cases("number for a date")
            .json(new_case(|b| {
                b["case"]["request"]["received"] = json!(20191107)
            }))
            .is(422, "invalid type: integer")
            .at("case.request.received"),
        cases("number for a part id")
            .json(new_case(|b| {
                b["case"]["request"]["parts"][0]["id"] = json!(1)
            }))
            .is(422, "invalid type: integer")
            .at("case.request.parts[0].id"),
        cases("missing regime")
            .json(new_case(|b| {
                b["case"]["request"]
                    .as_object_mut()
                    .unwrap()
                    .remove("regime");
            }))
            .is(422, "missing field `regime`")
            .at("case.request"),
        cases("missing reference")
            .json(new_case(|b| {
                b.as_object_mut().unwrap().remove("reference");
            }))
            .is(422, "missing field `reference`")
            .at("$"),
        cases("unknown top-level field")
            .json(new_case(|b| b["priority"] = json!("high")))
            .is(422, "unknown field `priority`")
            .at("priority"),
        cases("misspelt request field")
            .json(new_case(|b| {
                b["case"]["request"]["recieved"] = json!("2019-11-07")
            }))
            .is(422, "unknown field `recieved`")
            .at("case.request.recieved"),
        cases("array for the body")
            .json(json!(["a", "A-NEW", fresh_request(None)]))
            .is(422, "the body must be a JSON object")
            .at("$"),
        // POST /api/v1/cases: the meaning of the case file.
        cases("30 February")
            .json(new_case(|b| {
                b["case"]["request"]["received"] = json!("2023-02-30")
            }))
            .is(422, "2023-02-30")
            .at("case.request.received"),
        cases("month 13")
            .json(new_case(|b| {
                b["case"]["request"]["received"] = json!("2020-13-01")
            }))
            .is(422, "2020-13-01")
            .at("case.request.received"),
        cases("date not in ISO form")
            .json(new_case(|b| {
                b["case"]["request"]["received"] = json!("07/11/2019")
            }))
            .is(422, "YYYY-MM-DD")
            .at("case.request.received"),
        cases("unknown regime")
            .json(new_case(|b| b["case"]["request"]["regime"] = json!("GDPR")))
            .is(422, "not a regime")
            .at("case.request.regime"),
        cases("event before receipt")
            .json(new_case(|b| {
                b["case"]["events"] = json!([{ "kind": "complaint", "date": "2019-01-01" }]);
            }))
            .is(422, "before the request was received")
            .at("case.events[0].date"),
        cases("events out of order")
            .json(new_case(|b| {
                b["case"]["events"] = json!([
                    { "kind": "complaint", "date": "2020-02-01" },
                    { "kind": "decision_notice", "date": "2020-01-15" },
                ]);
            }))
            .is(422, "needs an earlier complaint")
            .at("case.events[1].date"),
        cases("unknown provision s.99")
            .json(new_case(|b| {
                b["case"]["events"] = json!([event(|e| {
                    e["outcomes"] = provisions("withheld", "s.99");
                })]);
            }))
            .is(422, "unknown provision 's.99'")
            .at("case.events[0].outcomes[0].provisions[0]"),
        cases("unknown event kind")
            .json(new_case(|b| {
                b["case"]["events"] = json!([{ "kind": "teleport", "date": "2020-01-01" }]);
            }))
            .is(422, "'teleport' is not an event kind")
            .at("case.events[0].kind"),
        cases("SQL in the authority")
            .json(new_case(|b| b["authority"] = json!(SQL)))
            .is(422, "no authority ''; DROP TABLE cases; --'")
            .at("authority"),
        cases("SQL and a NUL in the reference")
            .json(new_case(|b| b["reference"] = json!(format!("{SQL}\u{0}"))))
            .is(422, "control character")
            .at("reference"),
        cases("NUL inside the case file")
            .json(new_case(|b| {
                b["case"]["request"]["parts"][0]["text"] = json!("a\u{0}b")
            }))
            .is(422, "control character")
            .at("case.request.parts[0].text"),
        cases("blank reference")
            .json(new_case(|b| b["reference"] = json!("   ")))
            .is(422, "a case needs a reference")
            .at("reference"),
        // POST /api/v1/cases: the body as bytes.
        cases("truncated JSON")
            .raw("application/json", &br#"{"authority": "a", "refer"#[..])
            .is(400, "not valid JSON"),
        cases("trailing comma")
            .raw("application/json", &br#"{"authority": "a",}"#[..])
            .is(400, "not valid JSON"),
        cases("not UTF-8")
            .raw("application/json", &b"{\"authority\": \"\xff\xfe\"}"[..])
            .is(400, "not valid JSON"),
        cases("empty body")
            .raw("application/json", Vec::new())
            .is(400, "not valid JSON"),
        cases("oversized body")
            .json(new_case(|b| {
                b["case"]["case"] = json!({ "title": "x".repeat(1 << 20) })
            }))
            .is(413, "larger than the 1048576 bytes"),
        cases("text/plain")
            .raw("text/plain", serde_json::to_vec(&new_case(|_| {})).unwrap())
            .is(415, "Content-Type: application/json (got text/plain)"),
        cases("cross-site form post")
            .raw(
                "application/x-www-form-urlencoded",
                &b"authority=a&reference=X"[..],
            )
            .is(415, "got application/x-www-form-urlencoded"),
        // POST /api/v1/cases/{id}/events
        events("If-Match missing", mine)
            .json(event(|_| {}))
            .is(428, "send If-Match"),
        events("If-Match empty", mine)
            .header("if-match", "")
            .json(event(|_| {}))
            .is(400, "If-Match must be a case version"),
        events("If-Match not a number", mine)
            .header("if-match", "\"latest\"")
            .json(event(|_| {}))
            .is(400, "not '\"latest\"'"),
        events("If-Match stale", complained)
            .by("officer_b")
            .header("if-match", format!("\"{stale}\""))
            .json(json!({ "kind": "compliance", "date": "2020-07-01" }))
            .is(409, "reload it and try again"),
        append("event on 30 February")
            .json(event(|e| e["date"] = json!("2023-02-30")))
            .is(422, "2023-02-30")
            .at("date"),
        append("event before receipt")
            .json(event(|e| e["date"] = json!("2019-11-01")))
            .is(422, "before the request was received on 2019-11-07")
            .at("date"),
        append("event out of order")
            .json(json!({ "kind": "compliance", "date": "2020-07-01" }))
            .is(422, "needs an earlier decision_notice")
            .at("date"),
        append("unknown provision reg.99")
            .json(json!({ "kind": "pit_extension", "date": "2019-12-02",
                          "estimate": "2020-01-07", "provisions": ["reg.99"] }))
            .is(422, "unknown provision 'reg.99'")
            .at("provisions[0]"),
        append("unknown provision s.99")
            .json(event(|e| e["outcomes"] = provisions("withheld", "s.99")))
            .is(422, "unknown provision 's.99'")
            .at("outcomes[0].provisions[0]"),
        append("outcome for a part that does not exist")
            .json(event(|e| e["outcomes"][0]["part"] = json!("9")))
            .is(422, "no request part '9'")
            .at("outcomes[0].part"),
        append("unknown outcome")
            .json(event(|e| e["outcomes"][0]["outcome"] = json!("shredded")))
            .is(422, "'shredded' is not an outcome")
            .at("outcomes[0].outcome"),
        append("unknown review result")
            .json(json!({ "kind": "internal_review", "date": "2019-12-02", "result": "maybe" }))
            .is(422, "'maybe' is not a review result")
            .at("result"),
        append("field the kind does not take")
            .json(json!({ "kind": "complaint", "date": "2019-12-02", "result": "upheld" }))
            .is(422, "does not take this field")
            .at("result"),
        append("string for an array")
            .json(event(|e| e["outcomes"] = json!("disclosed")))
            .is(422, "invalid type: string")
            .at("outcomes"),
        append("negative fee")
            .json(json!({ "kind": "fee_notice", "date": "2019-12-02", "amount_pence": -5 }))
            .is(422, "invalid value: integer `-5`")
            .at("amount_pence"),
        append("missing date")
            .json(json!({ "kind": "complaint" }))
            .is(422, "missing field `date`")
            .at("$"),
        append("unknown event field")
            .json(event(|e| e["colour"] = json!("red")))
            .is(422, "unknown field `colour`")
            .at("colour"),
        append("truncated JSON")
            .raw(
                "application/json",
                &br#"{"kind": "complaint", "date": "2019-12"#[..],
            )
            .is(400, "not valid JSON"),
        row(
            "case id not a number",
            "POST",
            "/api/v1/cases/1%20OR%201=1/events",
        )
        .by("officer_a")
        .header("if-match", "\"0\"")
        .json(event(|_| {}))
        .is(404, "case ids are positive numbers"),
        // POST /api/v1/import
        import("TOML syntax error", "?authority=a&reference=T-1")
            .toml("[request\nauthority = ")
            .is(400, "not valid TOML: TOML parse error at line 1"),
        import("TOML date for a string", "?authority=a&reference=T-1")
            .toml(&toml_case("2019-11-07", ""))
            .is(422, "a date in a case file is a quoted string")
            .at("request.received"),
        import("TOML month 13", "?authority=a&reference=T-1")
            .toml(&toml_case("\"2020-13-01\"", ""))
            .is(422, "2020-13-01")
            .at("request.received"),
        import("TOML unknown provision", "?authority=a&reference=T-1")
            .toml(&toml_case(
                "\"2019-11-07\"",
                "\n[[events]]\nkind = \"response\"\ndate = \"2019-12-02\"\n\
                 outcomes = [{ part = \"1\", outcome = \"withheld\", provisions = [\"s.99\"] }]\n",
            ))
            .is(422, "unknown provision 's.99'")
            .at("events[0].outcomes[0].provisions[0]"),
        import("TOML NUL escape", "?authority=a&reference=T-1")
            .toml(&toml_case("\"2019-11-07\"", "").replace("Contracts.", "a\\u0000b"))
            .is(422, "control character")
            .at("request.parts[0].text"),
        import("TOML not UTF-8", "?authority=a&reference=T-1")
            .raw(
                "application/toml",
                &b"[request]\nauthority = \"\xff\"\n"[..],
            )
            .is(400, "not UTF-8"),
        import("no authority named", "?reference=T-1")
            .toml(&toml_case("\"2019-11-07\"", ""))
            .is(400, "name the authority"),
        import(
            "SQL in the authority",
            &format!("?authority={SQL_QUERY}&reference=T-1"),
        )
        .toml(&toml_case("\"2019-11-07\"", ""))
        .is(422, "no authority ''; DROP TABLE cases; --'")
        .at("authority"),
        import("NUL in the reference", "?authority=a&reference=T-1%00")
            .toml(&toml_case("\"2019-11-07\"", ""))
            .is(400, "control character"),
        import(
            "unknown query parameter",
            "?authority=a&reference=T-1&dry_run=1",
        )
        .toml(&toml_case("\"2019-11-07\"", ""))
        .is(400, "unknown query parameter 'dry_run'"),
        import("JSON sent to import", "?authority=a&reference=T-1")
            .json(new_case(|_| {}))
            .is(415, "application/toml"),
        // POST /api/v1/authorities
        authorities("SQL in the slug")
            .json(json!({ "slug": SQL, "name": "Robert'); DROP TABLE authorities; --" }))
            .is(422, "lower-case letters")
            .at("slug"),
        authorities("HTML in the slug")
            .json(json!({ "slug": HTML, "name": "Authority C" }))
            .is(422, "lower-case letters")
            .at("slug"),
        authorities("number for the slug")
            .json(json!({ "slug": 3, "name": "Authority C" }))
            .is(422, "invalid type: integer")
            .at("slug"),
        authorities("missing name")
            .json(json!({ "slug": "c" }))
            .is(422, "missing field `name`")
            .at("$"),
        authorities("blank name")
            .json(json!({ "slug": "c", "name": " " }))
            .is(422, "an authority needs a name")
            .at("name"),
        authorities("slug taken")
            .json(json!({ "slug": "a", "name": "Authority A again" }))
            .is(409, "already exists"),
        // POST /api/v1/users
        users("SQL in the email")
            .json(user(&format!("{SQL}@example.org")))
            .is(422, "cannot appear in an email address")
            .at("email"),
        users("HTML in the email")
            .json(user(&format!("{HTML}@example.org")))
            .is(422, "cannot appear in an email address")
            .at("email"),
        users("unknown role")
            .json(
                json!({ "email": "new@example.org", "name": "New", "role": "superuser",
                          "password": "a long enough password" }),
            )
            .is(422, "use one of")
            .at("role"),
        users("SQL in the officer's authority")
            .json(
                json!({ "email": "new@example.org", "name": "New", "role": "officer",
                          "authority": SQL, "password": "a long enough password" }),
            )
            .is(422, "no authority")
            .at("authority"),
        users("short password")
            .json(
                json!({ "email": "new@example.org", "name": "New", "role": "caseworker",
                          "password": "short" }),
            )
            .is(422, "at least")
            .at("password"),
        users("unknown field")
            .json(
                json!({ "email": "new@example.org", "name": "New", "role": "caseworker",
                          "password": "a long enough password", "is_admin": true }),
            )
            .is(422, "unknown field `is_admin`")
            .at("is_admin"),
        // POST /api/v1/session
        session("number for the email")
            .json(json!({ "email": 42, "password": "x" }))
            .is(422, "invalid type: integer")
            .at("email"),
        session("missing password")
            .json(json!({ "email": "admin@example.org" }))
            .is(422, "missing field `password`")
            .at("$"),
        session("SQL in email and password")
            .json(json!({ "email": "admin@example.org' --", "password": "' OR '1'='1" }))
            .is(401, "do not match an account"),
        session("NUL in the email")
            .json(json!({ "email": "admin@example.org\u{0}", "password": "x" }))
            .is(422, "control character")
            .at("email"),
        session("form post")
            .raw(
                "application/x-www-form-urlencoded",
                &b"email=admin%40example.org&password=x"[..],
            )
            .is(415, "application/json"),
        // Query parameters of GET routes
        get("limit below 1", "/api/v1/cases?limit=-1").is(
            400,
            "'limit' must be a whole number from 1 to 1000, not '-1'",
        ),
        get("limit not a number", "/api/v1/cases?limit=abc")
            .is(400, "'limit' must be a whole number"),
        get("unknown parameter", "/api/v1/cases?sort=id").is(400, "unknown query parameter 'sort'"),
        get("SQL in after", &format!("/api/v1/cases?after=1{SQL_QUERY}"))
            .is(400, "'after' must be a whole number"),
        get(
            "NUL in the queue's authority",
            "/api/v1/queues/overdue?authority=a%00",
        )
        .is(400, "control character"),
        get("NUL in the queue's desk", "/api/v1/queues/overdue?desk=%00")
            .is(400, "control character"),
        get("unknown queue", "/api/v1/queues/everything").is(404, "no queue 'everything'"),
        get("days out of range", "/api/v1/queues/due-soon?days=0")
            .is(400, "'days' must be a whole number from 1 to 60"),
        get(
            "SQL in the queue's authority",
            &format!("/api/v1/queues/overdue?authority={SQL_QUERY}"),
        )
        .is(404, "no authority ''; DROP TABLE cases; --'"),
    ]
}

/// Send one row and check everything the acceptance item asks of it;
/// `Err` lists what was wrong, so one run reports every failing row.
async fn check(world: &World, row: &Row) -> Result<(), String> {
    let before = world.snapshot().await;
    let body = row.body.as_ref().map(|(t, b)| (*t, b.clone()));
    let headers: Vec<(&str, &str)> = row.headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let reply = world
        .call(row.method, &row.path, row.who, body, &headers)
        .await;
    let after = world.snapshot().await;

    let mut wrong = Vec::new();
    let status = reply.status.as_u16();
    if !(400..500).contains(&status) {
        wrong.push(format!("status {status} is not 4xx"));
    } else if status != row.status {
        wrong.push(format!("status {status}, expected {}", row.status));
    }
    let error = &reply.json["error"];
    if error["status"] != status {
        wrong.push("error.status is not the response status".to_owned());
    }
    if error["code"].as_str().is_none_or(str::is_empty) {
        wrong.push("no error.code".to_owned());
    }
    let message = error["message"].as_str().unwrap_or("");
    if message.trim().is_empty() {
        wrong.push("no error.message".to_owned());
    } else if !message.contains(row.says) {
        wrong.push(format!("message does not contain {:?}", row.says));
    }
    let lower = reply.text.to_lowercase();
    for internal in INTERNAL.iter().filter(|i| lower.contains(*i)) {
        wrong.push(format!("leaks internal text '{internal}'"));
    }
    if let Some(field) = row.field {
        let paths: Vec<&str> = error["fields"]
            .as_array()
            .map(|f| f.iter().filter_map(|f| f["path"].as_str()).collect())
            .unwrap_or_default();
        if !paths.contains(&field) {
            wrong.push(format!("fields {paths:?} do not include {field:?}"));
        }
    }
    if before != after {
        wrong.push("the store changed".to_owned());
    }
    if wrong.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{} [{} {}] ({}): {}\n    got: {}",
        row.what,
        row.method,
        row.path,
        world.label,
        wrong.join("; "),
        reply.text.chars().take(600).collect::<String>()
    ))
}

#[tokio::test]
async fn malformed_payloads_get_a_useful_4xx_and_change_nothing() {
    for world in common::worlds().await {
        let rows = rows(&world).await;
        assert!(rows.len() >= 35, "only {} rows", rows.len());
        let mut seen = BTreeSet::new();
        for row in &rows {
            let key = (row.method, &row.path, &row.body, &row.headers);
            assert!(
                seen.insert(key),
                "{}: the same request as another row",
                row.what
            );
        }
        let mut failures = Vec::new();
        for row in &rows {
            if let Err(e) = check(&world, row).await {
                failures.push(e);
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} rows failed:\n{}",
            failures.len(),
            rows.len(),
            failures.join("\n")
        );
        println!(
            "malformed payloads: {} rows, all 4xx, store unchanged ({})",
            rows.len(),
            world.label
        );
        world.finish().await;
    }
}
