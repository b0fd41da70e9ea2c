//! Precedent where the decision is made: the library's notices on the
//! provisions a case considers come first, the same kind of authority before
//! others, and each says which of those provisions it bears on.

use std::path::PathBuf;

use foidesk_case::file::CaseFile;
use foidesk_engine::api::{NoticeIndex, Opened};
use foidesk_engine::{AuthorityKind, NewAuthority, Role, SourceFile, System};
use foidesk_law::Regime;

use crate::common;

const PASSWORD: &str = "a long enough password";

/// The made-up demo notices, ingested into the system's store.
async fn library(system: &System) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/notices");
    let mut files = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "txt") {
            files.push(SourceFile {
                name: path.file_name().unwrap().to_string_lossy().into_owned(),
                bytes: std::fs::read(&path).unwrap(),
            });
        }
    }
    let opened = Opened::Created {
        reason: "test".into(),
    };
    let (lib, _) = system
        .open_library(NoticeIndex::in_memory().unwrap(), opened)
        .await
        .unwrap();
    let mut ingest = lib.begin_ingest(system.engine()).unwrap();
    ingest.add(files).await.unwrap();
    ingest.commit().unwrap();
}

fn case(provisions: &[&str]) -> CaseFile {
    let events = if provisions.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = provisions.iter().map(|p| format!("\"{p}\"")).collect();
        format!(
            "[[events]]\nkind = \"response\"\ndate = \"2025-02-01\"\n\
             outcomes = [{{ part = \"1\", outcome = \"ncnd\", provisions = [{}] }}]\n",
            list.join(", ")
        )
    };
    let text = format!(
        "[request]\nauthority = \"Demo Police\"\nregime = \"FOIA\"\nreceived = \"2025-01-10\"\n\n\
         [[request.parts]]\nid = \"1\"\n\
         text = \"Does the force use smart speakers or other internet-connected devices in homes to listen to people?\"\n\n{events}"
    );
    toml::from_str(&text).unwrap()
}

/// Open a case of `kind`'s authority considering `provisions`; compare the
/// references of its precedents, in order, and what each bears on.
async fn check(kind: AuthorityKind, provisions: &[&str], expected: &[(&str, &[&str])]) {
    let (store, _dir) = common::store().await;
    let system = common::system("2025-06-01", &store);
    library(&system).await;
    system
        .add_to_register(
            &NewAuthority {
                slug: Some("demo-police".into()),
                name: "Demo Police".into(),
                kind,
                regimes: vec![Regime::Foia],
                aliases: Vec::new(),
            },
            "test",
        )
        .await
        .unwrap();
    let view = system
        .open_case("demo-police", "DP-1", case(provisions), "test")
        .await
        .unwrap();
    let officer = system
        .add_user(
            "o@example.org",
            "O",
            Role::Officer,
            Some("demo-police"),
            PASSWORD,
        )
        .await
        .unwrap();
    let service = system.service();
    let found = service
        .as_user(&officer)
        .precedents(view.summary.id)
        .await
        .unwrap();
    let got: Vec<(&str, Vec<&str>)> = found
        .notices
        .iter()
        .map(|n| {
            (
                n.reference.as_deref().unwrap(),
                n.on_provisions.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    let want: Vec<(&str, Vec<&str>)> = expected.iter().map(|(r, p)| (*r, p.to_vec())).collect();
    assert_eq!(got, want, "{kind:?} {provisions:?}");
    assert_eq!(
        found
            .considered
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        provisions
    );
    // Someone who may not see the case gets nothing from it.
    let stranger = system
        .add_user("s@example.org", "S", Role::Requester, None, PASSWORD)
        .await
        .unwrap();
    assert!(service
        .as_user(&stranger)
        .precedents(view.summary.id)
        .await
        .is_err());
}

#[tokio::test]
async fn notices_citing_the_cases_provisions_come_first() {
    // The smart-speaker NCND notice is most like the request; the other
    // police NCND notices on s.23(5) or s.31(3) follow, by likeness and date;
    // then a police notice on another provision that some word matches.
    check(
        AuthorityKind::Police,
        &["s.23(5)", "s.31(3)"],
        &[
            ("IC-900101-DM01", &["s.23(5)", "s.31(3)"]),
            ("IC-900102-DM02", &["s.31(3)"]),
            ("IC-900103-DM03", &["s.31(3)"]),
            ("IC-900104-DM04", &["s.23(5)", "s.31(3)"]),
            ("IC-900105-DM05", &[]),
        ],
    )
    .await;
}

#[tokio::test]
async fn containment_widens_the_provision_and_kind_narrows_the_rest() {
    // s.31 takes in s.31(1)(a) and s.31(3); a council's case sees the police
    // notices on the provision (any kind) but no police notice on others.
    check(
        AuthorityKind::LocalGovernment,
        &["s.31"],
        &[
            ("IC-900101-DM01", &["s.31"]),
            ("IC-900102-DM02", &["s.31"]),
            ("IC-900103-DM03", &["s.31"]),
            ("IC-900105-DM05", &["s.31"]),
            ("IC-900104-DM04", &["s.31"]),
        ],
    )
    .await;
}

#[tokio::test]
async fn a_case_considering_nothing_yet_is_shown_only_like_requests() {
    // Police notices only (the council's and the trust's are left out), most alike first.
    check(
        AuthorityKind::Police,
        &[],
        &[
            ("IC-900101-DM01", &[]),
            ("IC-900102-DM02", &[]),
            ("IC-900103-DM03", &[]),
            ("IC-900105-DM05", &[]),
            ("IC-900104-DM04", &[]),
        ],
    )
    .await;
}

/// Every server holds its own copy of the index, in memory or in a
/// directory, and each answers from the store's notices as they are now,
/// whoever added them.
#[tokio::test]
async fn servers_on_one_store_agree_through_the_store() {
    let (store, dir) = common::store().await;
    let system = common::system("2025-06-01", &store);
    let admin = system
        .add_user("a@example.org", "A", Role::Administrator, None, PASSWORD)
        .await
        .unwrap();
    let servers = [
        system.service(),
        system
            .service()
            .with_index_place(foidesk_engine::IndexPlace::Dir(dir.path().join("index"))),
    ];
    let (servers, admin) = (&servers, &admin);
    count(servers, admin, 0).await;
    library(&system).await;
    count(servers, admin, 8).await;
    // Closed to the public until an administrator opens it; an officer may not.
    assert!(servers[0].public_library().await.unwrap().is_none());
    let officer = system
        .add_user("o@example.org", "O", Role::Requester, None, PASSWORD)
        .await
        .unwrap();
    assert!(servers[0]
        .as_user(&officer)
        .set_public_library(true)
        .await
        .is_err());
    servers[1]
        .as_user(admin)
        .set_public_library(true)
        .await
        .unwrap();
    assert!(servers[0].public_library().await.unwrap().is_some());
}

/// Each server finds `n` notices (5 of them police notices when there are any).
async fn count(servers: &[foidesk_engine::Service], admin: &foidesk_engine::User, n: usize) {
    let everything = || foidesk_engine::api::SearchQuery {
        text: "*".into(),
        limit: 50,
        ..Default::default()
    };
    for s in servers {
        let desk = s.as_user(admin).library().await.unwrap();
        let found = desk.search(everything(), None).await.unwrap();
        assert_eq!(found.total, n);
        for hit in &found.hits {
            assert!(desk
                .notice(hit.id)
                .unwrap()
                .is_some_and(|p| !p.paragraphs.is_empty()));
        }
        let police = desk
            .search(everything(), Some(AuthorityKind::Police))
            .await
            .unwrap();
        assert_eq!(police.total, if n == 0 { 0 } else { 5 });
    }
}
