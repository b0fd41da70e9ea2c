//! What the round robin's page tests share: three police forces that
//! answered one request, authority A's unanswered copy, a coordinator, and
//! the requester's fields that no grid may show.

use foidesk_engine::api::{CaseFile, Regime};
use foidesk_engine::{AuthorityKind, AuthorityProfile, NewAuthority, Role, Signatory};

use crate::common::{email, World, PASSWORD};

/// The requester's fields on every copy: none may show beside the grid.
pub const REQUESTER_NAME: &str = "Ffion Requester-Name";
pub const REQUESTER_CONTACT: &str = "ffion.contact@example.org";
pub const REQUESTER_TYPE: &str = "journalist";
pub const REQUESTER_TYPE_WORDS: &str = "Journalist";

/// Fictional police forces that answered before authority A.
pub const PEERS: [(&str, &str); 3] = [
    ("ambridge-police", "Ambridge Police"),
    ("felpersham-police", "Felpersham Police"),
    ("loxley-police", "Loxley Police"),
];

pub const PARTS: [&str; 2] = [
    "Any policy on using data from connected household devices in investigations.",
    "Any training given to staff on recovering data from smart speakers and fitness trackers.",
];

/// One copy of the request, with the requester's fields and, for a peer,
/// its answer: NCND on both parts.
pub fn copy(authority: &str, answered: bool) -> CaseFile {
    let response = if answered {
        r#"
[[events]]
kind = "response"
date = "2026-11-02"
outcomes = [
    { part = "1", outcome = "ncnd", provisions = ["s.31(3)"] },
    { part = "2", outcome = "ncnd", provisions = ["s.23(5)", "s.31(3)"] },
]
public_interest_reasons = true
states_review_procedure = true
states_complaint_right = true
"#
    } else {
        ""
    };
    let text = format!(
        r#"[request]
authority = "{authority}"
regime = "FOIA"
received = "2026-10-12"
requester = "{requester}"
requester_name = "{REQUESTER_NAME}"
contact = ["{REQUESTER_CONTACT}"]
requester_type = "{REQUESTER_TYPE}"
[[request.parts]]
id = "1"
text = "{}"
[[request.parts]]
id = "2"
text = "{}"
{response}"#,
        PARTS[0],
        PARTS[1],
        requester = email("requester"),
    );
    toml::from_str(&text).unwrap()
}

pub struct RoundRobin {
    /// Authority A's copy, unanswered: officer_a's to answer.
    pub case: i64,
    pub id: i64,
}

/// Three police forces' answered copies and A's, one round robin; a
/// coordinator of police round robins; a letter profile for A.
pub async fn round_robin(world: &World) -> RoundRobin {
    for (slug, name) in PEERS {
        let new = NewAuthority {
            slug: Some(slug.into()),
            name: name.into(),
            kind: AuthorityKind::Police,
            regimes: vec![Regime::Foia, Regime::Eir],
            aliases: vec![],
        };
        world.system.add_to_register(&new, "setup").await.unwrap();
        world
            .system
            .open_case(slug, "RR-1", copy(name, true), "setup")
            .await
            .unwrap();
    }
    let case = world
        .system
        .open_case("a", "A-RR", copy("Authority A", false), "setup")
        .await
        .unwrap()
        .summary
        .id;
    world
        .system
        .add_user(
            &email("coordinator"),
            "coordinator",
            Role::Coordinator,
            Some("police"),
            PASSWORD,
        )
        .await
        .unwrap();
    let a = world.store.authority_by_slug("a").await.unwrap().unwrap();
    let profile = AuthorityProfile {
        address_lines: vec!["1 High Street".into(), "Cardiff CF10 1AA".into()],
        email: "foi@a.example".into(),
        foi_contact: "Information Rights Team".into(),
        review_procedure: "Write to us within 40 working days.".into(),
        signatories: vec![Signatory {
            name: "Officer A".into(),
            role: "Information Manager".into(),
        }],
        reference_prefix: "A-FOI".into(),
        letterhead: "Authority A".into(),
    };
    world
        .system
        .set_authority_profile(a.id, profile)
        .await
        .unwrap();
    let id = world
        .store
        .round_robin_of(case)
        .await
        .unwrap()
        .expect("A's copy joins the peers' round robin");
    RoundRobin { case, id }
}

/// The response form's fields: part 1 as the peers answered, part 2
/// disclosed, which they neither confirmed nor denied.
pub fn departing<'a>(csrf: &'a str, action: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("version", "0"),
        ("date-day", "20"),
        ("date-month", "11"),
        ("date-year", "2026"),
        ("outcome-1", "ncnd"),
        ("provisions-1", "section 31(3)"),
        ("outcome-2", "disclosed"),
        ("public_interest_reasons", "yes"),
        ("states_review_procedure", "yes"),
        ("states_complaint_right", "yes"),
        ("action", action),
    ]
}

pub fn check_warned(label: &str, text: &str) {
    assert!(
        text.contains("id=\"consistency-warnings\""),
        "{label}: {text}"
    );
    assert!(
        text.contains("Part 2: Disclosure where others neither confirm nor deny"),
        "{label}: {text}"
    );
    for (_, name) in PEERS {
        assert!(text.contains(name), "{label}: the warning names {name}");
    }
    assert!(
        text.contains("Why are you departing from this answer?"),
        "{label}"
    );
}

pub fn check_refused(label: &str, text: &str) {
    assert!(text.contains("There is a problem"), "{label}: {text}");
    assert!(
        text.contains("href=\"#consistency_reason\""),
        "{label}: {text}"
    );
    assert!(text.contains("Enter why you are departing"), "{label}");
}

/// A page's main content: the header names the one signed in.
pub fn main_of(text: &str) -> &str {
    let start = text.find("<main").unwrap_or(0);
    let end = text[start..]
        .find("</main>")
        .map_or(text.len(), |e| start + e);
    &text[start..end]
}

/// The round-robin panel of a case page: from its heading to its end.
pub fn panel(text: &str) -> &str {
    let start = text.find("id=\"round-robin\"").unwrap_or(text.len());
    let end = text[start..]
        .find("</section>")
        .map_or(text.len(), |e| start + e);
    &text[start..end]
}
