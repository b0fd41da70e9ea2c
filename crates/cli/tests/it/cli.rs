//! The `foidesk` binary against the contracts in the foundation issue.

fn foidesk(args: &[&str]) -> (i32, String, String) {
    foidesk_testkit::foidesk!()
        .args(args)
        .in_checkout()
        .run()
        .text()
}

/// Run and expect success; returns stdout.
fn ok(args: &[&str]) -> String {
    let (code, out, err) = foidesk(args);
    assert_eq!(code, 0, "foidesk {args:?} failed: {err}");
    out
}

/// Run and expect exit code 2 with every needle in stderr.
fn check_bad(args: &[&str], needles: &[&str]) {
    let (code, out, err) = foidesk(args);
    assert_eq!(
        code, 2,
        "foidesk {args:?} should exit 2; stdout {out} stderr {err}"
    );
    assert!(out.is_empty(), "nothing on stdout for bad input: {out}");
    for n in needles {
        assert!(
            err.contains(n),
            "stderr of {args:?} should mention {n:?}: {err}"
        );
    }
}

#[test]
fn deadline_prints_due_dates_in_input_order() {
    let out = ok(&[
        "deadline",
        "2019-11-07",
        "2018-12-14",
        "2020-12-11",
        "2023-03-30",
        "2024-06-11",
        "2017-10-06",
    ]);
    assert_eq!(
        out,
        "2019-11-07 2019-12-06\n2018-12-14 2019-01-17\n2020-12-11 2021-01-14\n2023-03-30 2023-05-02\n2024-06-11 2024-07-09\n2017-10-06 2017-11-03\n"
    );
}

#[test]
fn deadline_json_and_working_days() {
    let out = ok(&["deadline", "--json", "--working-days", "40", "2024-03-04"]);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"received": "2024-03-04", "working_days": 40, "due": "2024-05-02"})
    );
}

#[test]
fn deadline_bad_dates_exit_2() {
    check_bad(&["deadline", "2024-02-30"], &["DATE", "2024-02-30"]);
    check_bad(
        &["deadline", "2019-11-07", "1999-06-01"],
        &["1999-06-01", "2000-01-01"],
    );
    check_bad(
        &["deadline", "--working-days", "x", "2019-11-07"],
        &["--working-days"],
    );
}

#[test]
fn calendar_explain_lists_reasons() {
    let out = ok(&["calendar", "explain", "2019-11-29", "2019-12-03"]);
    assert!(out.contains("2019-11-30"), "{out}");
    assert!(out.contains("2019-12-02"), "{out}");
    assert!(out.contains("Scotland"), "{out}");
    check_bad(
        &["calendar", "explain", "2019-12-03", "2019-11-29"],
        &["TO"],
    );
}

#[test]
fn law_parse_contract() {
    let json = |text: &str| -> serde_json::Value {
        serde_json::from_str(ok(&["law", "parse", "--json", text]).trim()).unwrap()
    };
    assert_eq!(
        json("sections 31(1)(a) and (b)"),
        serde_json::json!({"provisions": ["s.31(1)(a)", "s.31(1)(b)"]})
    );
    assert_eq!(
        json("sections 24(2) and 31(3)"),
        serde_json::json!({"provisions": ["s.24(2)", "s.31(3)"]})
    );
    assert_eq!(
        json("regulation 12(5)(e)"),
        serde_json::json!({"provisions": ["reg.12(5)(e)"]})
    );
    assert_eq!(
        ok(&["law", "parse", "sections 24(2) and 31(3)"]),
        "s.24(2)\ns.31(3)\n"
    );
    check_bad(&["law", "parse", "section 99(1)"], &["s.99(1)"]);
    check_bad(&["law", "parse", "no citation here"], &["no provision"]);
}

#[test]
fn law_show() {
    let out = ok(&["law", "show", "s.31"]);
    assert!(out.contains("s.31(3)"), "{out}");
    let out = ok(&["law", "show", "section 24(2)"]);
    assert!(out.contains("s.24"), "{out}");
    check_bad(&["law", "show", "s.99"], &["s.99"]);
}

#[test]
fn assess_json_contract() {
    let out = ok(&[
        "assess",
        "--json",
        "--as-at",
        foidesk_testkit::AS_AT,
        "examples/cases/2020-06-23_metropolitan-police-service.toml",
    ]);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["deadlines"]["response_due"], "2019-12-06");
    assert_eq!(v["deadlines"]["appeal_by"], "2020-07-21");
    let breach = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["provision"] == "s.10(1)" && f["kind"] == "breach");
    assert!(breach, "{v:#}");
    let human = ok(&[
        "assess",
        "--as-at",
        foidesk_testkit::AS_AT,
        "examples/cases/2020-06-23_metropolitan-police-service.toml",
    ]);
    assert!(
        human.contains("BREACH") && human.contains("s.10(1)"),
        "{human}"
    );
}

#[test]
fn assess_bad_files_exit_2() {
    let dir = std::env::temp_dir().join(format!("foidesk-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, body: &str| {
        let p = dir.join(name);
        std::fs::write(&p, body).unwrap();
        p.to_string_lossy().into_owned()
    };
    let head = "[request]\nauthority = \"A\"\nregime = \"FOIA\"\nreceived = \"2024-01-15\"\n";
    let early = write(
        "early.toml",
        &format!("{head}[[events]]\nkind = \"response\"\ndate = \"2024-01-02\"\noutcomes = [{{ part = \"all\", outcome = \"disclosed\" }}]\n"),
    );
    check_bad(
        &["assess", &early],
        &["event 1 (response)", "2024-01-02", "2024-01-15"],
    );
    let unknown = write(
        "unknown.toml",
        &format!("{head}[[events]]\nkind = \"response\"\ndate = \"2024-02-02\"\noutcomes = [{{ part = \"all\", outcome = \"withheld\", provisions = [\"s.31(7)\"] }}]\n"),
    );
    check_bad(&["assess", &unknown], &["s.31(7)"]);
    check_bad(&["assess", "no/such/file.toml"], &["no/such/file.toml"]);
    check_bad(
        &["assess", "--as-at", "yesterday", &early],
        &["--as-at", "yesterday"],
    );
    std::fs::remove_dir_all(&dir).ok();
}
