//! A small world for API tests, on each backend: authorities A and B, one
//! account per role (two officers, two requesters), a token for each, and
//! four cases. Requests go through the whole router in process.

#![allow(dead_code)]

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use foidesk_engine::api::{CalendarSettings, CaseFile, Date};
use foidesk_engine::testing::{fresh_stores, CaseListQuery, CaseScope, Store, TestDb};
use foidesk_engine::{Engine, FixedClock, Role, System};
use foidesk_server::{app, AppState};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

pub const TODAY: &str = foidesk_testkit::AS_AT;
pub const PASSWORD: &str = "correct horse battery";

/// Who calls, by the name tests use for them.
pub const ACCOUNTS: [(&str, Role, Option<&str>); 6] = [
    ("admin", Role::Administrator, None),
    ("officer_a", Role::Officer, Some("a")),
    ("officer_b", Role::Officer, Some("b")),
    ("caseworker", Role::Caseworker, None),
    ("requester", Role::Requester, None),
    ("other_requester", Role::Requester, None),
];

pub struct Cases {
    /// Authority A, made by `requester`, awaiting a response.
    pub a_mine: i64,
    /// Authority A, made by `other_requester`.
    pub a_other: i64,
    /// Authority B, no requester account, awaiting a response.
    pub b_open: i64,
    /// Authority B, complained of: with the regulator.
    pub b_complained: i64,
}

pub struct World {
    pub app: Router,
    /// The store itself, to check what was written.
    pub store: Store,
    /// The engine on this store, to set things up as the system.
    pub system: System,
    pub label: &'static str,
    pub tokens: BTreeMap<&'static str, String>,
    pub cases: Cases,
    db: TestDb,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub json: Value,
    pub text: String,
}

pub fn engine() -> Engine {
    Engine::new(
        Box::new(FixedClock(Date::parse(TODAY).unwrap())),
        CalendarSettings::default(),
    )
}

pub fn email(who: &str) -> String {
    format!("{}@example.org", who.replace('_', "."))
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

/// The 2020 Met request as received, with no events, made by `requester`.
pub fn fresh_request(requester: Option<&str>) -> CaseFile {
    let mut file = example("2020-06-23_metropolitan-police-service");
    file.events.clear();
    file.request.requester = requester.map(email);
    file
}

/// Percent-encode a form value.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The CSRF token a page's forms carry.
pub fn csrf_of(html: &str) -> String {
    let needle = "name=\"csrf\" value=\"";
    let at = html.find(needle).expect("a form with a CSRF token");
    let rest = &html[at + needle.len()..];
    rest[..rest.find('"').unwrap()].to_owned()
}

/// One world per backend available.
pub async fn worlds() -> Vec<World> {
    let mut out = Vec::new();
    for db in fresh_stores().await {
        out.push(World::build(db).await);
    }
    out
}

impl World {
    async fn build(db: TestDb) -> World {
        let store = db.store.clone();
        let system = System::new(engine(), store.clone());
        system.add_authority("a", "Authority A").await.unwrap();
        system.add_authority("b", "Authority B").await.unwrap();
        let mut tokens = BTreeMap::new();
        for (who, role, authority) in ACCOUNTS {
            system
                .add_user(&email(who), who, role, authority, PASSWORD)
                .await
                .unwrap();
            let token = system.create_token(&email(who), "tests").await.unwrap();
            tokens.insert(who, token);
        }
        let open = async |authority: &str, reference: &str, file: CaseFile| {
            system
                .open_case(authority, reference, file, "setup")
                .await
                .unwrap()
                .summary
                .id
        };
        let cases = Cases {
            a_mine: open("a", "A-1", fresh_request(Some("requester"))).await,
            a_other: open("a", "A-2", fresh_request(Some("other_requester"))).await,
            b_open: open("b", "B-1", fresh_request(None)).await,
            b_complained: open(
                "b",
                "B-2",
                example("2020-06-23_metropolitan-police-service"),
            )
            .await,
        };
        let state = AppState {
            service: system.service(),
            secure_cookies: false,
        };
        World {
            app: app(state),
            store,
            system,
            label: db.label,
            tokens,
            cases,
            db,
        }
    }

    pub fn token(&self, who: &str) -> &str {
        &self.tokens[who]
    }

    /// Send a request; `who` is a token name, or None for no credentials.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        who: Option<&str>,
        body: Option<(&str, Vec<u8>)>,
        extra: &[(&str, &str)],
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(who) = who {
            req = req.header(header::AUTHORIZATION, format!("Bearer {}", self.token(who)));
        }
        for (name, value) in extra {
            req = req.header(*name, *value);
        }
        let req = match body {
            Some((content_type, bytes)) => req
                .header(header::CONTENT_TYPE, content_type)
                .body(Body::from(bytes)),
            None => req.body(Body::empty()),
        }
        .unwrap();
        let response = self.app.clone().oneshot(req).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            json,
            text,
        }
    }

    /// Sign `who` in through the API; returns the Cookie header value.
    pub async fn session(&self, who: &str) -> String {
        let body = serde_json::json!({"email": email(who), "password": PASSWORD});
        let bytes = serde_json::to_vec(&body).unwrap();
        let reply = self
            .call(
                "POST",
                "/api/v1/session",
                None,
                Some(("application/json", bytes)),
                &[],
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        let set = reply.headers["set-cookie"].to_str().unwrap();
        set.split(';').next().unwrap().to_owned()
    }

    /// A web page as the holder of `cookie` sees it.
    pub async fn page(&self, path: &str, cookie: &str) -> Reply {
        self.call("GET", path, None, None, &[("cookie", cookie)])
            .await
    }

    /// Post a form (fields as pairs) with the holder's cookie.
    pub async fn form(&self, path: &str, cookie: &str, fields: &[(&str, &str)]) -> Reply {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let body = Some(("application/x-www-form-urlencoded", body.into_bytes()));
        self.call("POST", path, None, body, &[("cookie", cookie)])
            .await
    }

    pub async fn json(&self, method: &str, path: &str, who: &str, body: &Value) -> Reply {
        let bytes = serde_json::to_vec(body).unwrap();
        self.call(
            method,
            path,
            Some(who),
            Some(("application/json", bytes)),
            &[],
        )
        .await
    }

    /// A case's current version as the administrator reads it, if it exists.
    pub async fn version(&self, id: i64) -> Option<i64> {
        let path = format!("/api/v1/cases/{id}");
        let reply = self.call("GET", &path, Some("admin"), None, &[]).await;
        (reply.status == 200).then(|| reply.json["version"].as_i64().unwrap())
    }

    /// Everything stored, as text: equal before and after means nothing was written.
    pub async fn snapshot(&self) -> String {
        let mut out = format!("{:?}\n", self.store.authorities().await.unwrap());
        out.push_str(&format!(
            "{:?}\n",
            self.system.register().await.unwrap().entries
        ));
        for u in self.store.users().await.unwrap() {
            out.push_str(&format!("{} {} {:?}\n", u.email, u.role, u.authority_id));
        }
        let all = CaseListQuery {
            scope: CaseScope::All,
            after_id: 0,
            limit: 100_000,
        };
        for c in self.store.list_cases(&all).await.unwrap() {
            out.push_str(&format!("{:?}\n", self.store.case(c.id).await.unwrap()));
        }
        out
    }

    pub async fn finish(self) {
        assert!(self.store.integrity_ok().await.unwrap(), "{}", self.label);
        self.db.finish().await;
    }
}
