//! Citation parsing against the catalogue: the brief's examples, sentences from real decision
//! notices (shared/corpus/notices), unknown provisions, and snapshots.

use foidesk_law::Catalogue;

/// (text, expected known ids in order, expected unknown ids in order)
fn check(cases: &[(&str, &[&str], &[&str])]) {
    let law = Catalogue::standard();
    for (text, known, unknown) in cases {
        let parsed = law.parse_citations(text);
        let got: Vec<String> = parsed
            .provisions()
            .iter()
            .map(ToString::to_string)
            .collect();
        let got_unknown: Vec<String> = parsed
            .unknown_ids()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(got, *known, "known ids in {text:?}");
        assert_eq!(got_unknown, *unknown, "unknown ids in {text:?}");
        for c in parsed.citations.iter().chain(&parsed.unknown) {
            assert!(
                text.get(c.span.clone()).is_some(),
                "span {:?} in {text:?}",
                c.span
            );
        }
    }
}

#[test]
fn brief_examples() {
    check(&[
        ("section 31(1)(a)", &["s.31(1)(a)"], &[]),
        ("s.31(1)(a) and (b)", &["s.31(1)(a)", "s.31(1)(b)"], &[]),
        (
            "sections 31(1)(a) and (b)",
            &["s.31(1)(a)", "s.31(1)(b)"],
            &[],
        ),
        ("sections 24(2) and 31(3)", &["s.24(2)", "s.31(3)"], &[]),
        (
            "section 31(1) (a) and (b)",
            &["s.31(1)(a)", "s.31(1)(b)"],
            &[],
        ),
        (
            "sections 31(1)(a), (b) and (c)",
            &["s.31(1)(a)", "s.31(1)(b)", "s.31(1)(c)"],
            &[],
        ),
        ("s31(3)", &["s.31(3)"], &[]),
        ("s.40(2)", &["s.40(2)"], &[]),
        ("section 40(2) of FOIA", &["s.40(2)"], &[]),
        ("regulation 12(5)(e)", &["reg.12(5)(e)"], &[]),
        ("reg 12(4)(b)", &["reg.12(4)(b)"], &[]),
        ("reg.13", &["reg.13"], &[]),
        (
            "regulations 12(4)(b) and 12(5)(e)",
            &["reg.12(4)(b)", "reg.12(5)(e)"],
            &[],
        ),
        ("section 10 of the FOIA", &["s.10"], &[]),
        (
            "sections 24(2) (national security) and 31(3) (law enforcement)",
            &["s.24(2)", "s.31(3)"],
            &[],
        ),
        (
            "**section 31(1)(a)** and **(b)**",
            &["s.31(1)(a)", "s.31(1)(b)"],
            &[],
        ),
        ("section 99(1)", &[], &["s.99(1)"]),
        (
            "section 31(9) and section 31(3)",
            &["s.31(3)"],
            &["s.31(9)"],
        ),
        ("section 99 and regulation 99", &[], &["s.99", "reg.99"]),
        ("", &[], &[]),
        ("no citations here — £450, “quoted”", &[], &[]),
    ]);
}

#[test]
fn sentences_from_decision_notices() {
    check(&[
        // 2023-09-04_metropolitan-police-service.txt l.17
        (
            "The MPS refused to provide this information citing sections 31(1)(a) and (b) (Law enforcement) of FOIA.",
            &["s.31(1)(a)", "s.31(1)(b)"],
            &[],
        ),
        // 2024-11-18_kent-police.txt l.17
        (
            "Kent Police would neither confirm nor deny holding the requested information, citing sections 24(2) (national security) and 31(3) (law enforcement) of FOIA.",
            &["s.24(2)", "s.31(3)"],
            &[],
        ),
        // 2023-09-04_metropolitan-police-service.txt l.143
        (
            "the public interest in maintaining the section 31(1) (a) and (b) exemptions outweighs the public interest in disclosure.",
            &["s.31(1)(a)", "s.31(1)(b)"],
            &[],
        ),
        // 2020-06-23_metropolitan-police-service.txt l.20
        (
            "The Commissioner's decision is that section 31(3) is not engaged. Furthermore, in failing to respond to the request within the statutory time limit, she finds that the MPS breached section 10(1) of the FOIA.",
            &["s.31(3)", "s.10(1)"],
            &[],
        ),
        // 2020-06-23_metropolitan-police-service.txt l.93: "sections 31(1)" as a plural
        (
            "Section 31(3) of the FOIA excludes a public authority from complying with the duty to confirm or deny in relation to information if to do so would, or would be likely to, prejudice any of the functions in sections 31(1).",
            &["s.31(3)", "s.31(1)"],
            &[],
        ),
        // 2018-09-20_cambridgeshire-constabulary.txt l.37-38 (pdftotext line break)
        (
            "information, citing the exemption at section 31(3) (law enforcement) of \nthe FOIA.",
            &["s.31(3)"],
            &[],
        ),
        // 2024-11-18_nottinghamshire-police.txt l.81 (Markdown heading)
        ("## **Section 24 – national security**", &["s.24"], &[]),
        // 2020-06-23_metropolitan-police-service.txt l.24
        (
            "written certification of this fact to the High Court pursuant to section 54 of the Act",
            &["s.54"],
            &[],
        ),
    ]);
}

fn summary(text: &str) -> Vec<String> {
    let parsed = Catalogue::standard().parse_citations(text);
    let mut lines: Vec<String> = parsed
        .citations
        .iter()
        .map(|c| {
            format!(
                "known   {} @ {:?} {:?}",
                c.id,
                c.span,
                &text[c.span.clone()]
            )
        })
        .collect();
    lines.extend(parsed.unknown.iter().map(|c| {
        format!(
            "unknown {} @ {:?} {:?}",
            c.id,
            c.span,
            &text[c.span.clone()]
        )
    }));
    lines.extend(
        parsed
            .diagnostics
            .iter()
            .map(|d| format!("note    {:?} {}", d.span, d.message)),
    );
    lines
}

#[test]
fn snapshots() {
    insta::assert_debug_snapshot!(
        "kent_summary",
        summary("citing sections 24(2) (national security) and 31(3) (law enforcement) of FOIA.")
    );
    insta::assert_debug_snapshot!(
        "mixed_regimes_and_unknowns",
        summary("The council relied on regulations 12(4)(b) and 12(5)(e), then section 40(2) and section 99(1); see section 7 of the Data Protection Act 2018.")
    );
    insta::assert_debug_snapshot!(
        "ranges_and_romans",
        summary("sections 31(1)(a) to (c) and s.22A(1)(b)(i)-(iii); sections 21 to 23")
    );
}

/// Every notice in the shared corpus (../shared, required) parses with no unknown
/// provisions and finds what expected.jsonl says the authority relied on.
#[test]
fn corpus_notices() {
    let dir = foidesk_testkit::corpus_notices();
    let expected = std::fs::read_to_string(dir.join("expected.jsonl")).unwrap();
    let law = Catalogue::standard();
    for line in expected.lines().filter(|l| !l.trim().is_empty()) {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let file = record["file"].as_str().unwrap();
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let parsed = law.parse_citations(&text);
        assert!(
            parsed.unknown.is_empty(),
            "{file}: unknown {:?}",
            parsed.unknown_ids()
        );
        let found: Vec<String> = parsed
            .provisions()
            .iter()
            .map(ToString::to_string)
            .collect();
        for cited in record["provisions_cited"].as_array().unwrap() {
            let cited = cited.as_str().unwrap();
            assert!(
                found.iter().any(|f| f == cited),
                "{file}: {cited} not found in {found:?}"
            );
        }
    }
}
