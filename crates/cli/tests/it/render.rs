//! `foidesk render`: documents from the example case files and the docs crate's facts
//! fixtures; missing facts exit 2 and write nothing; and each corpus decision notice,
//! rendered and then read back by `foidesk notice parse`, gives the original's outcome,
//! breaches and steps (expected.jsonl in ../shared, which these tests require).

use std::path::Path;

const CORPUS: [&str; 5] = [
    "2018-09-20_cambridgeshire-constabulary",
    "2020-06-23_metropolitan-police-service",
    "2023-09-04_metropolitan-police-service",
    "2024-11-18_kent-police",
    "2024-11-18_nottinghamshire-police",
];

fn root() -> &'static Path {
    foidesk_testkit::checkout()
}

fn case(name: &str) -> String {
    foidesk_testkit::example_case(name).display().to_string()
}

fn facts(name: &str) -> String {
    root()
        .join(format!("crates/docs/tests/fixtures/{name}.toml"))
        .display()
        .to_string()
}

fn foidesk(args: &[&str]) -> (i32, Vec<u8>, String) {
    foidesk_testkit::foidesk!().args(args).run().bytes()
}

/// Renders `kind` for corpus case `name`; `extra` adds arguments.
fn check(kind: &str, name: &str, extra: &[&str], want_code: i32) -> (Vec<u8>, String) {
    let (c, f) = (case(name), facts(name));
    let mut args = vec!["render", kind, c.as_str(), "--facts", f.as_str()];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = foidesk(&args);
    assert_eq!(code, want_code, "{kind} {name} {extra:?}: {stderr}");
    (stdout, stderr)
}

#[test]
fn renders_every_kind_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let name = "2020-06-23_metropolitan-police-service";
    let (md, _) = check("decision", name, &[], 0);
    let md = String::from_utf8(md).unwrap();
    assert!(md.starts_with("# Decision notice"), "{md}");
    assert!(md.contains("that is by 28 July 2020"), "{md}");
    let (html, _) = check("refusal", name, &["--format", "html"], 0);
    assert!(String::from_utf8(html)
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
    let pdf = dir.path().join("review.pdf");
    let pdf_arg = pdf.display().to_string();
    let (stdout, _) = check("review", name, &["-o", &pdf_arg], 0);
    assert!(stdout.is_empty());
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn missing_facts_exit_2_name_each_fact_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("facts.toml");
    std::fs::write(&empty, "").unwrap();
    let out = dir.path().join("notice.md");
    let c = case("2024-11-18_kent-police");
    let (code, stdout, stderr) = foidesk(&[
        "render",
        "decision",
        &c,
        "--facts",
        &empty.display().to_string(),
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(!out.exists(), "a partial document was written");
    for fact in [
        "request_summary",
        "decision.complaint",
        "decision.analysis",
        "decision.signatory.name",
    ] {
        assert!(
            stderr.contains(&format!("  {fact} (")),
            "{fact} not named: {stderr}"
        );
    }
    // A case with no decision notice cannot give one; a misspelt facts field is named.
    std::fs::write(&empty, "[decision]\ncomplain = \"x\"\n").unwrap();
    let (code, _, stderr) = foidesk(&[
        "render",
        "decision",
        &c,
        "--facts",
        &empty.display().to_string(),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("complain"), "{stderr}");
}

#[test]
fn rendered_decision_notices_parse_back_to_the_original_decision() {
    let expected = foidesk_testkit::corpus_notices().join("expected.jsonl");
    let expected = std::fs::read_to_string(&expected)
        .unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
    let dir = tempfile::tempdir().unwrap();
    for name in CORPUS {
        let file = dir.path().join(format!("{name}.md"));
        let file_arg = file.display().to_string();
        check("decision", name, &["-o", &file_arg], 0);
        let (code, stdout, stderr) = foidesk(&["notice", "parse", "--json", &file_arg]);
        assert_eq!(code, 0, "{stderr}");
        let got: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
        let want: serde_json::Value = expected
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|v| v["file"] == format!("{name}.txt"))
            .unwrap();
        for field in [
            "date",
            "public_authority",
            "ncnd",
            "outcome",
            "breaches",
            "steps_required",
            "steps_days",
        ] {
            assert_eq!(got[field], want[field], "{name}: {field}");
        }
    }
}
