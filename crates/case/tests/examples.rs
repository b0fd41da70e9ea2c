//! The example cases in examples/cases/, assessed as at a fixed date, checked
//! against the figures in the foundation issue and the decision notices.

use foidesk_calendar::Date;
use foidesk_case::{assess, parse_case, Assessment, FindingKind};

fn example(name: &str) -> String {
    let path = foidesk_testkit::example_case(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn assessed(name: &str) -> Assessment {
    let case = parse_case(&example(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assess(&case, d(foidesk_testkit::AS_AT)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// What a case must show: deadlines (name, date or None for "absent"), and
/// provisions that must, or must not, appear as breaches or warnings.
struct Expect<'a> {
    deadlines: &'a [(&'a str, Option<&'a str>)],
    breaches: &'a [&'a str],
    no_breaches: &'a [&'a str],
    warnings: &'a [&'a str],
}

fn check(name: &str, expect: Expect<'_>) {
    let a = assessed(name);
    let json = serde_json::to_value(&a).unwrap();
    for (field, want) in expect.deadlines {
        let got = json["deadlines"].get(field).and_then(|v| v.as_str());
        assert_eq!(got, *want, "{name}: deadlines.{field}\n{json:#}");
    }
    for p in expect.breaches {
        assert!(
            a.has_breach_of(p),
            "{name}: expected a {p} breach\n{json:#}"
        );
    }
    for p in expect.no_breaches {
        assert!(
            !a.has_breach_of(p),
            "{name}: expected no {p} breach\n{json:#}"
        );
    }
    for p in expect.warnings {
        let found = a
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::Warning && f.provision == *p);
        assert!(found, "{name}: expected a {p} warning\n{json:#}");
    }
}

#[test]
fn notice_2020_06_23_met() {
    check(
        "2020-06-23_metropolitan-police-service",
        Expect {
            deadlines: &[
                ("response_due", Some("2019-12-06")),
                ("internal_review_due", Some("2020-03-09")),
                ("steps_due", Some("2020-07-28")),
                ("appeal_by", Some("2020-07-21")),
            ],
            breaches: &["s.10(1)", "s.17(1)"],
            no_breaches: &[],
            warnings: &[],
        },
    );
}

#[test]
fn notice_2018_09_20_cambridgeshire() {
    check(
        "2018-09-20_cambridgeshire-constabulary",
        Expect {
            deadlines: &[
                ("response_due", Some("2017-11-03")),
                ("steps_due", Some("2018-10-25")),
                ("appeal_by", Some("2018-10-18")),
            ],
            breaches: &[],
            no_breaches: &["s.10(1)", "s.17(1)"],
            // Review asked for after 40 working days; complaint before review.
            warnings: &["s.45", "s.50(2)(a)"],
        },
    );
    let a = assessed("2018-09-20_cambridgeshire-constabulary");
    let late_review = a
        .findings
        .iter()
        .find(|f| f.provision == "s.45" && f.kind == FindingKind::Warning)
        .unwrap();
    assert!(
        late_review
            .summary
            .contains("more than the 40 working days"),
        "{}",
        late_review.summary
    );
}

#[test]
fn notice_2023_09_04_met() {
    check(
        "2023-09-04_metropolitan-police-service",
        Expect {
            deadlines: &[
                ("response_due", Some("2023-05-02")),
                ("internal_review_due", Some("2023-06-14")),
                ("appeal_by", Some("2023-10-02")),
                ("steps_due", None),
            ],
            breaches: &["s.10(1)"],
            no_breaches: &[],
            warnings: &[],
        },
    );
}

#[test]
fn notices_2024_11_18_round_robin() {
    for name in [
        "2024-11-18_kent-police",
        "2024-11-18_nottinghamshire-police",
    ] {
        check(
            name,
            Expect {
                deadlines: &[
                    ("response_due", Some("2024-07-09")),
                    ("appeal_by", Some("2024-12-16")),
                    ("steps_due", None),
                ],
                breaches: &[],
                no_breaches: &["s.10(1)", "s.17(1)"],
                warnings: &[],
            },
        );
        let a = assessed(name);
        assert!(
            !a.findings.iter().any(|f| f.kind == FindingKind::Breach),
            "{name}: no breach of any kind: {:#?}",
            a.findings
        );
    }
}

#[test]
fn synthetic_cases() {
    // Clarification: due 20 WD after 2024-01-22, not after 2024-01-08.
    check(
        "synthetic-clarification-restarts-clock",
        Expect {
            deadlines: &[("response_due", Some("2024-02-19"))],
            breaches: &[],
            no_breaches: &["s.10(1)"],
            warnings: &[],
        },
    );
    // Fee: 2023-09-11..=2023-09-25 (11 WD) disregarded: 2023-10-02 + 11 WD.
    check(
        "synthetic-fee-pause",
        Expect {
            deadlines: &[("response_due", Some("2023-10-17"))],
            breaches: &[],
            no_breaches: &["s.10(1)"],
            warnings: &[],
        },
    );
    check(
        "synthetic-pit-extension-in-time",
        Expect {
            deadlines: &[
                ("response_due", Some("2024-04-04")),
                ("public_interest_estimate", Some("2024-04-25")),
                ("public_interest_guidance_limit", Some("2024-05-02")),
            ],
            breaches: &[],
            no_breaches: &["s.10(1)", "s.17(1)"],
            warnings: &[],
        },
    );
    check(
        "synthetic-pit-extension-beyond-guidance",
        Expect {
            deadlines: &[("response_due", Some("2024-04-04"))],
            breaches: &[],
            no_breaches: &["s.10(1)"],
            warnings: &["s.10(3)"],
        },
    );
    check(
        "synthetic-eir-reg7-extension",
        Expect {
            deadlines: &[("response_due", Some("2024-10-28"))],
            breaches: &[],
            no_breaches: &["reg.5(2)"],
            warnings: &[],
        },
    );
    // School: 20 school days skip the summer closure (2024-07-24..2024-09-03).
    check(
        "synthetic-school-request",
        Expect {
            deadlines: &[("response_due", Some("2024-09-23"))],
            breaches: &[],
            no_breaches: &["s.10(1)"],
            warnings: &[],
        },
    );
    check(
        "synthetic-ncnd-under-s21",
        Expect {
            deadlines: &[],
            breaches: &["s.1(1)(a)"],
            no_breaches: &[],
            warnings: &[],
        },
    );
    check(
        "synthetic-eir-ncnd-wrong-exception",
        Expect {
            deadlines: &[],
            breaches: &["reg.12(6)"],
            no_breaches: &[],
            warnings: &[],
        },
    );
    check(
        "synthetic-internal-review-too-late",
        Expect {
            deadlines: &[],
            breaches: &[],
            no_breaches: &[],
            warnings: &["s.45"],
        },
    );
    check(
        "synthetic-complaint-before-review",
        Expect {
            deadlines: &[],
            breaches: &[],
            no_breaches: &[],
            warnings: &["s.50(2)(a)"],
        },
    );
}

/// Every example, assessed as at 2026-11-22, as a snapshot: a change in any
/// deadline or finding shows up in review.
#[test]
fn snapshots() {
    let dir = format!("{}/../../examples/cases", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    assert!(
        names.len() >= 13,
        "expected the corpus and synthetic examples, found {names:?}"
    );
    for name in names {
        let stem = name.trim_end_matches(".toml");
        insta::assert_json_snapshot!(stem, assessed(stem));
    }
}
