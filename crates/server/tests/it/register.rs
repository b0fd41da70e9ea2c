//! The register of authorities in the browser's pages: an administrator adds
//! an authority with its kind, regimes and other names, and another name
//! later; a mistake writes nothing; nobody else may change it.

use crate::common::{self, csrf_of};

#[tokio::test]
async fn an_administrator_adds_an_authority_and_another_name() {
    for world in common::worlds().await {
        let cookie = world.session("admin").await;
        let page = world.page("/admin/register", &cookie).await;
        assert_eq!(page.status, 200, "{}", page.text);
        assert!(page.text.contains("Authority A"), "{}", world.label);
        let csrf = csrf_of(&page.text);

        // Each mistake is named and nothing is written.
        let before = world.snapshot().await;
        for (fields, says) in [
            (
                vec![("name", "Kent Police"), ("regimes", "both")],
                "Choose the kind of authority",
            ),
            (
                vec![("name", ""), ("kind", "police"), ("regimes", "both")],
                "Enter the authority's name",
            ),
            (
                vec![
                    ("name", "Kent Police"),
                    ("kind", "police"),
                    ("regimes", "both"),
                    ("aliases", "authority a"),
                ],
                "already means Authority A",
            ),
        ] {
            let mut all = vec![("csrf", csrf.as_str())];
            all.extend(fields);
            let reply = world.form("/admin/register", &cookie, &all).await;
            assert_eq!(reply.status, 422, "{}: {says}", world.label);
            assert!(
                reply.text.contains(says),
                "{}: {says}\n{}",
                world.label,
                reply.text
            );
            assert!(reply.text.contains("There is a problem"), "{}", world.label);
        }
        assert_eq!(
            world.snapshot().await,
            before,
            "{}: nothing written",
            world.label
        );

        let added = world
            .form(
                "/admin/register",
                &cookie,
                &[
                    ("csrf", &csrf),
                    ("name", "Kent Police"),
                    ("kind", "police"),
                    ("regimes", "both"),
                    ("aliases", "Chief Constable of Kent Police\n\n"),
                ],
            )
            .await;
        assert_eq!(added.status, 303, "{}", added.text);
        let alias = world
            .form(
                "/admin/register/kent-police/aliases",
                &cookie,
                &[("csrf", &csrf), ("alias", "Kent Constabulary")],
            )
            .await;
        assert_eq!(alias.status, 303, "{}", alias.text);
        let again = world
            .form(
                "/admin/register/kent-police/aliases",
                &cookie,
                &[("csrf", &csrf), ("alias", "KENT CONSTABULARY")],
            )
            .await;
        assert_eq!(again.status, 422, "{}", world.label);
        assert!(
            again.text.contains("already means Kent Police"),
            "{}",
            again.text
        );

        let page = world.page("/admin/register", &cookie).await;
        for shown in [
            "Kent Police",
            "Police",
            "FOIA and the EIR",
            "Chief Constable of Kent Police; Kent Constabulary",
        ] {
            assert!(page.text.contains(shown), "{}: {shown}", world.label);
        }
        world.finish().await;
    }
}

#[tokio::test]
async fn only_administrators_see_or_change_the_register_pages() {
    for world in common::worlds().await {
        for who in ["officer_a", "requester", "caseworker"] {
            let cookie = world.session(who).await;
            let page = world.page("/admin/register", &cookie).await;
            assert_eq!(page.status, 403, "{}: {who}", world.label);
            let csrf = csrf_of(&world.page("/", &cookie).await.text);
            let before = world.snapshot().await;
            let reply = world
                .form(
                    "/admin/register/a/aliases",
                    &cookie,
                    &[("csrf", &csrf), ("alias", "Another A")],
                )
                .await;
            assert_eq!(reply.status, 403, "{}: {who}", world.label);
            assert_eq!(world.snapshot().await, before, "{}: {who}", world.label);
        }
        world.finish().await;
    }
}
