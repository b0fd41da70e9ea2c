//! `foidesk authority add`, `user add` and `token create` on the embedded default.

use std::path::Path;

/// Run foidesk with `stdin` piped in; (exit code, stdout, stderr).
fn foidesk(data: &Path, args: &[&str], stdin: &str) -> (i32, String, String) {
    foidesk_testkit::foidesk!()
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .stdin(stdin)
        .run()
        .text()
}

#[test]
fn an_administrator_sets_up_an_authority_an_officer_and_a_token() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let (code, out, err) = foidesk(
        d,
        &["authority", "add", "kent", "Chief Constable of Kent Police"],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        "added authority kent (Chief Constable of Kent Police)"
    );
    let add = [
        "user",
        "add",
        "--email",
        "sam@kent.example.org",
        "--name",
        "Sam",
        "--role",
        "officer",
        "--authority",
        "kent",
    ];
    let (code, out, err) = foidesk(d, &add, "a long enough password\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "added officer sam@kent.example.org (Sam)");
    let (code, out, err) = foidesk(
        d,
        &["token", "create", "--email", "sam@kent.example.org"],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let token = out.trim();
    assert!(token.starts_with("fdk_") && token.len() == 68, "{token}");
    // Revoked by its label, it stops working; revoking again finds none.
    let revoke = [
        "token",
        "revoke",
        "--email",
        "sam@kent.example.org",
        "--label",
        "api",
    ];
    let (code, out, err) = foidesk(d, &revoke, "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("revoked 1 token(s)"), "{out}");
    let (_, out, _) = foidesk(d, &revoke, "");
    assert!(out.contains("revoked 0 token(s)"), "{out}");
    let store = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let url = format!("sqlite://{}", d.join("foidesk.db").display());
        let engine = foidesk_engine::Engine::new(
            Box::new(foidesk_engine::SystemClock),
            foidesk_engine::api::CalendarSettings::default(),
        );
        let system = foidesk_engine::System::open(engine, &url).await.unwrap();
        system.service().user_for_token(token).await.unwrap()
    });
    assert_eq!(store, None, "a revoked token signs nobody in");
    // The token itself is nowhere in the database file.
    let db = std::fs::read(d.join("foidesk.db")).unwrap();
    let wal = std::fs::read(d.join("foidesk.db-wal")).unwrap_or_default();
    for bytes in [&db, &wal] {
        assert!(!bytes.windows(token.len()).any(|w| w == token.as_bytes()));
        assert!(!bytes.windows(22).any(|w| w == b"a long enough password"));
    }
}

#[test]
fn bad_account_input_exits_2() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    foidesk(d, &["authority", "add", "kent", "Kent Police"], "");
    let user = |role: &str, email: &str, authority: Option<&str>| {
        let mut a = vec![
            "user", "add", "--email", email, "--name", "N", "--role", role,
        ];
        if let Some(s) = authority {
            a.extend(["--authority", s]);
        }
        a.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let cases: Vec<(Vec<String>, &str, &str)> = vec![
        (
            user("wizard", "a@example.org", None),
            "a long enough password\n",
            "'wizard' is not one of",
        ),
        (
            user("officer", "a@example.org", None),
            "a long enough password\n",
            "belongs to an authority",
        ),
        (
            user("officer", "a@example.org", Some("essex")),
            "a long enough password\n",
            "no authority 'essex'",
        ),
        (
            user("requester", "a@example.org", None),
            "short\n",
            "at least 12 characters",
        ),
        (user("requester", "a@example.org", None), "", "no password"),
        (
            vec!["authority".into(), "add".into(), "Kent!".into(), "K".into()],
            "",
            "slug",
        ),
        (
            vec![
                "authority".into(),
                "add".into(),
                "kent".into(),
                "Again".into(),
            ],
            "",
            "already exists",
        ),
        (
            vec![
                "token".into(),
                "create".into(),
                "--email".into(),
                "nobody@example.org".into(),
            ],
            "",
            "no account",
        ),
    ];
    for (args, stdin, needle) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, err) = foidesk(d, &args, stdin);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
    }
    let (code, _, err) = foidesk(
        d,
        &user("requester", "a@example.org", None)
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        "a long enough password\n",
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = foidesk(
        d,
        &user("requester", "A@Example.org", None)
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        "a long enough password\n",
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn open_sign_up_is_turned_on_and_off_by_name() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    for (state, code, said) in [
        ("on", 0, "open sign-up is on"),
        ("off", 0, "open sign-up is off"),
        ("maybe", 2, "'maybe'"),
    ] {
        let (got, out, err) = foidesk(d, &["user", "open-sign-up", state], "");
        assert_eq!(got, code, "{state}: {err}");
        assert!(format!("{out}{err}").contains(said), "{state}: {out}{err}");
    }
}
