//! `foidesk library`: ingest, search, stats and reindex, end to end through
//! the binary on the embedded default (SQLite in a temporary data directory).
//! Uses the repository's own fixtures only.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../notice/tests/fixtures")
}

fn foidesk(data: &Path, args: &[&str]) -> (i32, String, String) {
    foidesk_testkit::foidesk!()
        .args(["library", "--data-dir"])
        .arg(data)
        .args(args)
        .run()
        .text()
}

fn json(data: &Path, args: &[&str]) -> Value {
    let (code, out, err) = foidesk(data, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A library holding the five synthetic notices, the 60-column corpus
/// variants and the committed PDF: 11 notices.
fn library() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    let mut corpus: Vec<PathBuf> = std::fs::read_dir(fixtures().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".wrap60.txt"))
        .collect();
    corpus.sort();
    let mut args = vec!["ingest", "--json"];
    let synthetic = fixtures().join("synthetic");
    let pdf = fixtures().join("pdf/old_format_s50.pdf");
    args.push(path(&synthetic));
    args.push(path(&pdf));
    args.extend(corpus.iter().map(|p| path(p)));
    let report = json(data.path(), &args);
    assert_eq!(report["added"], 11, "{report}");
    assert_eq!(report["unchanged"], 0, "{report}");
    data
}

/// The `file` of each hit of a search, in order.
fn check(data: &Path, args: &[&str], expected: &[&str]) {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    let v = json(data, &all);
    let got: Vec<String> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let f = h["file"].as_str().unwrap();
            Path::new(f)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(got, expected, "{args:?}");
    assert_eq!(v["total"], expected.len(), "{args:?}");
}

#[test]
fn ingest_is_idempotent_by_content() {
    let data = library();
    let synthetic = fixtures().join("synthetic");
    let again = json(data.path(), &["ingest", "--json", path(&synthetic)]);
    assert_eq!(again["added"], 0, "{again}");
    assert_eq!(again["unchanged"], 5, "{again}");
    let stats = json(data.path(), &["stats", "--json"]);
    assert_eq!(stats["notices"], 11, "{stats}");
}

#[test]
fn search_filters_and_containment() {
    let data = library();
    let d = data.path();
    check(
        d,
        &[
            "*",
            "--provision",
            "s.31(3)",
            "--ncnd",
            "--outcome",
            "authority_not_entitled",
            "--newest",
        ],
        &[
            "2020-06-23_metropolitan-police-service.wrap60.txt",
            "2018-09-20_cambridgeshire-constabulary.wrap60.txt",
        ],
    );
    // Every word of --authority must be in the name: "Cambridgeshire Constabulary" has no "police".
    check(
        d,
        &[
            "*",
            "--provision",
            "s.31(3)",
            "--outcome",
            "authority_not_entitled",
            "--authority",
            "police",
        ],
        &["2020-06-23_metropolitan-police-service.wrap60.txt"],
    );
    check(
        d,
        &[
            "*",
            "--provision",
            "section 31",
            "--from",
            "2023-01-01",
            "--newest",
        ],
        &[
            "2024-11-18_kent-police.wrap60.txt",
            "2024-11-18_nottinghamshire-police.wrap60.txt",
            "2023-09-04_metropolitan-police-service.wrap60.txt",
        ],
    );
    check(
        d,
        &["*", "--provision", "s.43", "--to", "2009-12-31"],
        // Same date: the first stored (the folder came before the PDF) first.
        &["old_format_s50.txt", "old_format_s50.pdf"],
    );
    check(d, &["\"FER0912345\""], &["eir_exceptions.txt"]);
}

#[test]
fn human_search_shows_the_matching_paragraph() {
    let data = library();
    let (code, out, err) = foidesk(
        data.path(),
        &["search", "commercial confidentiality", "--limit", "1"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("¶"), "{out}");
    assert!(
        out.contains("«commercial»") && out.contains("«confidentiality»"),
        "{out}"
    );
    assert!(out.contains("reg.12(5)(e)"), "{out}");
}

#[test]
fn stats_count_by_year_regime_outcome_and_provision() {
    let data = library();
    let s = json(data.path(), &["stats", "--json"]);
    assert_eq!(s["notices"], 11);
    assert_eq!(s["ncnd"], 4);
    let count = |list: &str, key: &str, k: &str| -> i64 {
        s[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e[key].to_string().trim_matches('"') == k)
            .map(|e| e["count"].as_i64().unwrap())
            .unwrap_or(0)
    };
    assert_eq!(count("by_year", "year", "2024"), 3);
    assert_eq!(count("by_year", "year", "2009"), 2);
    assert_eq!(count("by_regime", "key", "EIR"), 1);
    assert_eq!(count("by_regime", "key", "FOIA+EIR"), 1);
    assert_eq!(count("by_outcome", "key", "mixed"), 1);
    assert_eq!(count("by_provision", "key", "s.31(3)"), 4);
    assert_eq!(count("by_provision", "key", "s.43(2)"), 3);
}

#[test]
fn the_index_is_a_rebuildable_cache() {
    let data = library();
    let d = data.path();
    let index = d.join("index/notices");
    // Lost entirely: the next command rebuilds it from the store.
    std::fs::remove_dir_all(&index).unwrap();
    let (code, out, err) = foidesk(d, &["search", "--json", "*", "--provision", "s.40"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("rebuilt the search index"), "{err}");
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap()["total"], 2);
    // Another schema version: rebuilt, never read.
    std::fs::write(index.join("foidesk-index-version"), "0\n").unwrap();
    let (code, _, err) = foidesk(d, &["stats"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("schema version 0"), "{err}");
    let (code, out, err) = foidesk(d, &["reindex"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "rebuilt the search index: 11 notices");
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path().join("never-created");
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let cases: &[(&[&str], &str)] = &[
        (&["ingest", "/no/such/notices"], "/no/such/notices"),
        (
            &["ingest", path(&readme)],
            "not a .txt, .md, .html, .pdf, .json or .jsonl file",
        ),
        (&["search", "x", "--provision", "s.99"], "s.99"),
        (
            &["search", "x", "--outcome", "upheld"],
            "'upheld' is not one of",
        ),
        (&["search", "x", "--from", "2024-02-30"], "--from"),
        (
            &["search", "x", "--from", "2024-02-01", "--to", "2024-01-01"],
            "is after --to",
        ),
    ];
    for (args, needle) in cases {
        let (code, out, err) = foidesk(&d, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(!d.exists(), "{args:?} created the data directory");
    }
    let (code, _, err) = foidesk(&d, &["--database-url", "mysql://x/y", "stats"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("mysql://x/y"), "{err}");
}

#[test]
fn a_file_that_is_not_a_notice_is_skipped_not_stored() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("shopping.txt");
    std::fs::write(&note, "eggs\nmilk\n").unwrap();
    let report = json(data.path(), &["ingest", "--json", path(dir.path())]);
    assert_eq!(report["skipped"], 1, "{report}");
    assert_eq!(report["added"], 0, "{report}");
    let stats = json(data.path(), &["stats", "--json"]);
    assert_eq!(stats["notices"], 0);
}

/// While another process holds the index's writer (a long ingest), searches
/// still answer from the index as it is, and say so.
#[test]
fn search_works_while_another_process_writes() {
    let data = library();
    let d = data.path();
    // Out of step with the store, so opening would rebuild...
    let (index, _) = foidesk_engine::api::NoticeIndex::open(&d.join("index/notices")).unwrap();
    let built = index.built_from().unwrap().expect("stamped with its store");
    let mut writer = index.writer().unwrap();
    writer.clear().unwrap();
    writer
        .commit(&foidesk_engine::testing::BuiltFrom {
            notices: 0,
            last: None,
            ..built
        })
        .unwrap();
    // ...but another writer holds the lock.
    let _held = index.writer().unwrap();
    let (code, out, err) = foidesk(d, &["search", "--json", "*"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("another process is writing the library"),
        "{err}"
    );
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap()["total"], 0);
}

/// Two stores with the same number of notices: an index built from one is
/// never read for the other; it is rebuilt and finds the other's notices.
#[test]
fn finding_7_an_index_pointed_at_another_store_with_the_same_count_is_rebuilt() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let synthetic = fixtures().join("synthetic");
    let ingest = |data: &Path, name: &str| {
        let report = json(data, &["ingest", "--json", path(&synthetic.join(name))]);
        assert_eq!(report["added"], 1, "{report}");
    };
    ingest(first.path(), "eir_exceptions.txt");
    ingest(second.path(), "mixed_outcome.txt");
    let other_store = format!("sqlite://{}", second.path().join("foidesk.db").display());
    let (code, out, err) = foidesk(
        first.path(),
        &["--database-url", &other_store, "search", "--json", "*"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("built from another store"), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"], 1, "{v}");
    let file = v["hits"][0]["file"].as_str().unwrap();
    assert!(file.ends_with("mixed_outcome.txt"), "{file}");
    // And back: the first store's own notice, rebuilt again.
    let (code, out, err) = foidesk(first.path(), &["search", "--json", "*"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(
        v["hits"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("eir_exceptions.txt"),
        "{v}"
    );
}

/// The same store restored from a backup and then given another notice:
/// the count and the last id are what the index recorded, but not the last
/// notice's content, so the index is rebuilt.
#[test]
fn finding_7_a_store_restored_behind_the_index_is_noticed() {
    let data = tempfile::tempdir().unwrap();
    let side = tempfile::tempdir().unwrap();
    let (d, s) = (data.path(), side.path());
    let synthetic = |name: &str| fixtures().join("synthetic").join(name);
    json(
        d,
        &["ingest", "--json", path(&synthetic("eir_exceptions.txt"))],
    );
    // The store is closed between commands, so its files are a consistent copy.
    for suffix in ["", "-wal", "-shm"] {
        let from = d.join(format!("foidesk.db{suffix}"));
        if from.exists() {
            std::fs::copy(&from, s.join(format!("backup.db{suffix}"))).unwrap();
        }
    }
    json(
        d,
        &["ingest", "--json", path(&synthetic("mixed_outcome.txt"))],
    );
    let backup = format!("sqlite://{}", s.join("backup.db").display());
    let added = json(
        s,
        &[
            "--database-url",
            &backup,
            "ingest",
            "--json",
            path(&synthetic("old_format_s50.txt")),
        ],
    );
    assert_eq!(added["added"], 1, "{added}");
    let (code, out, err) = foidesk(d, &["--database-url", &backup, "search", "--json", "*"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("rebuilt the search index"), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let files: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(
        files.iter().any(|f| f.ends_with("old_format_s50.txt")),
        "{files:?}"
    );
    assert!(
        !files.iter().any(|f| f.ends_with("mixed_outcome.txt")),
        "{files:?}"
    );
}

/// A file name holding an escape sequence is printed escaped, by ingest
/// (skipped and verbose lines) and by search.
#[test]
fn finding_9_file_names_with_escape_sequences_print_escaped() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let notice = std::fs::read(fixtures().join("synthetic/eir_exceptions.txt")).unwrap();
    std::fs::write(dir.path().join("\x1b[31mred.txt"), notice).unwrap();
    std::fs::write(dir.path().join("\x1b]0;title\x07.txt"), "eggs\nmilk\n").unwrap();
    let (code, out, err) = foidesk(data.path(), &["ingest", "--verbose", path(dir.path())]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("\\u{1b}]0;title\\u{7}.txt: skipped"), "{err}");
    let (code, found, err2) = foidesk(data.path(), &["search", "*"]);
    assert_eq!(code, 0, "{err2}");
    assert!(found.contains("\\u{1b}[31mred.txt"), "{found}");
    for text in [&out, &err, &found, &err2] {
        assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    }
}

/// A file over the size bound is reported as too large, not read and not
/// dropped silently; the others in its folder are ingested.
#[test]
fn finding_10_a_file_over_the_size_bound_is_reported_not_read() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let notice = std::fs::read(fixtures().join("synthetic/eir_exceptions.txt")).unwrap();
    std::fs::write(dir.path().join("a.txt"), &notice).unwrap();
    // Sparse: costs no disk, and is never read.
    let big = std::fs::File::create(dir.path().join("huge.txt")).unwrap();
    big.set_len(foidesk_engine::Library::MAX_FILE_BYTES + 1)
        .unwrap();
    let report = json(data.path(), &["ingest", "--json", path(dir.path())]);
    assert_eq!(report["added"], 1, "{report}");
    assert_eq!(report["too_large"], 1, "{report}");
    let (code, out, err) = foidesk(data.path(), &["ingest", path(&dir.path().join("huge.txt"))]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("huge.txt: skipped: too large to be a decision notice"),
        "{err}"
    );
    assert!(out.contains("1 too large"), "{out}");
}

/// The real corpus beside the checkout (../shared/corpus/real).
fn real() -> PathBuf {
    foidesk_testkit::shared("corpus/real")
}

/// `ingest` in `data`; returns the report and stderr.
fn ingest(data: &Path, paths: &[PathBuf]) -> (Value, String) {
    let mut args = vec!["ingest", "--json"];
    args.extend(paths.iter().map(|p| path(p)));
    let (code, out, err) = foidesk(data, &args);
    assert_eq!(code, 0, "{err}");
    (serde_json::from_str(&out).unwrap(), err)
}

/// Every hit of "*", with the library's whole count.
fn every_hit(data: &Path) -> Vec<Value> {
    let v = json(data, &["search", "--json", "--limit", "1000", "*"]);
    v["hits"].as_array().unwrap().clone()
}

/// The hand label of one file of the real corpus.
fn labels_of(real: &Path, file: &str) -> Value {
    std::fs::read_to_string(real.join("labels.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|l| l["file"] == file)
        .unwrap_or_else(|| panic!("{file} is labelled"))
}

/// `notice parse --json` of one file: one record per line.
fn parsed(file: &Path) -> Vec<Value> {
    let (code, out, err) = foidesk_testkit::foidesk!()
        .args(["notice", "parse", "--json"])
        .arg(file)
        .run()
        .text();
    assert_eq!(code, 0, "{err}");
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Equal but for case and spacing, as the join compares names.
fn same(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

/// The website's 25 JSON records and the four notices among them (the Commissioner's own
/// PDFs, pdf/001–004; `corpus_file` names their text), ingested in either order, make 25
/// entries: each notice once, as itself, with its record's sector, labels and address,
/// and every field on which the two disagree said on stderr.
#[test]
fn records_join_their_notices_in_either_order() {
    let real = real();
    let records_file = real.join("ico_api_metadata.jsonl");
    let raw: Vec<Value> = std::fs::read_to_string(&records_file)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let pages = parsed(&records_file);
    let joined: Vec<(usize, PathBuf)> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let stem = r["corpus_file"].as_str()?.trim_end_matches(".txt");
            Some((i, real.join("pdf").join(format!("{stem}.pdf"))))
        })
        .collect();
    assert_eq!(joined.len(), 4);
    let notices: Vec<PathBuf> = joined.iter().map(|(_, p)| p.clone()).collect();
    for notices_first in [true, false] {
        let data = tempfile::tempdir().unwrap();
        let d = data.path();
        let (first, second) = if notices_first {
            (notices.clone(), vec![records_file.clone()])
        } else {
            (vec![records_file.clone()], notices.clone())
        };
        let (one, _) = ingest(d, &first);
        let (two, err) = ingest(d, &second);
        assert_eq!(
            one["added"].as_u64().unwrap() + two["added"].as_u64().unwrap(),
            29
        );
        let stats = json(d, &["stats", "--json"]);
        assert_eq!(stats["notices"], 25, "{stats}");
        let hits = every_hit(d);
        assert_eq!(hits.len(), 25);
        for (i, notice_file) in &joined {
            let reference = raw[*i]["reference_from_url"].as_str().unwrap();
            let entry: Vec<&Value> = hits
                .iter()
                .filter(|h| h["reference"] == reference)
                .collect();
            assert_eq!(entry.len(), 1, "{reference}: {entry:?}");
            let entry = entry[0];
            assert_eq!(entry["file"].as_str(), notice_file.to_str(), "{reference}");
            assert_eq!(entry["source_kind"], "notice", "{reference}");
            // The PDF's entry is the record its hand labels describe.
            let label = labels_of(&real, raw[*i]["corpus_file"].as_str().unwrap());
            for key in [
                "reference",
                "date",
                "public_authority",
                "regime",
                "outcome",
                "ncnd",
            ] {
                if !label[key].is_null() {
                    assert_eq!(entry[key], label[key], "{reference}: {key}");
                }
            }
            let cited: Vec<&Value> = entry["provisions_cited"]
                .as_array()
                .unwrap()
                .iter()
                .collect();
            let want: Vec<&Value> = label["provisions_cited"]
                .as_array()
                .unwrap()
                .iter()
                .collect();
            assert!(
                cited.iter().all(|c| want.contains(c)),
                "{reference}: {cited:?} {want:?}"
            );
            assert_eq!(entry["sector"], raw[*i]["sector"], "{reference}");
            assert_eq!(entry["url"], raw[*i]["url"], "{reference}");
            let labels: Vec<String> = raw[*i]["filterItemDecisions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| {
                    let (regime, number) = l["section"].as_str().unwrap().split_once(' ').unwrap();
                    let prefix = if regime == "FOI" { "s." } else { "reg." };
                    let status = l["status"]
                        .as_str()
                        .unwrap()
                        .to_lowercase()
                        .replace(' ', "_");
                    format!("{prefix}{number}: {status}")
                })
                .collect();
            assert_eq!(entry["decisions"], serde_json::json!(labels), "{reference}");
            // Each field both read, and read differently, is named with both values.
            let notice = &parsed(notice_file)[0];
            let page = &pages[*i];
            assert!(err.contains(&format!("{reference}: joined with")), "{err}");
            for (field, key) in [
                ("date", "date"),
                ("public authority", "public_authority"),
                ("regime", "regime"),
                ("outcome", "outcome"),
            ] {
                let (Some(a), Some(b)) = (notice[key].as_str(), page[key].as_str()) else {
                    continue;
                };
                let said = format!("{reference}: {field} differs: notice '{a}', page '{b}'");
                assert_eq!(err.contains(&said), !same(a, b), "{said}\n{err}");
            }
        }
        // Ingesting everything again changes nothing.
        let mut all = notices.clone();
        all.push(records_file.clone());
        let (again, _) = ingest(d, &all);
        assert_eq!(again["added"], 0, "{again}");
        assert_eq!(json(d, &["stats", "--json"])["notices"], 25);
    }
}

/// A page whose title differs from the notice's "Public Authority:" is still joined, and
/// the difference is said, naming both values.
#[test]
fn a_join_names_the_fields_that_differ() {
    let pages = fixtures().join("pages");
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ingest(d, &[pages.join("ico_page.txt")]);
    let (_, err) = ingest(d, &[pages.join("notice_for_page.txt")]);
    assert!(
        err.contains(
            "IC-100200-A1B2: public authority differs: notice 'Northwold Council', \
             page 'Northwold Borough Council'"
        ),
        "{err}"
    );
    let hits = every_hit(d);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["public_authority"], "Northwold Council");
    assert_eq!(hits[0]["sector"], "Local government");
    assert_eq!(
        hits[0]["decisions"],
        serde_json::json!(["s.36(2)(b)(ii): not_upheld", "s.10: upheld"])
    );
}

/// Tribunal and Scottish decisions, case summaries, request pages and press releases are
/// skipped, each said to look like what it is.
#[test]
fn documents_that_are_not_notices_are_skipped_and_named() {
    let pages = fixtures().join("pages");
    // The table the notice crate's own test reads: file, and what it looks like.
    let table = std::fs::read_to_string(pages.join("not_notices.tsv")).unwrap();
    let cases: Vec<(&str, &str)> = table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .collect();
    let data = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = cases.iter().map(|(f, _)| pages.join(f)).collect();
    let (report, err) = ingest(data.path(), &files);
    assert_eq!(report["skipped"], 5, "{report}");
    assert_eq!(report["added"], 0, "{report}");
    for ((_, looks), file) in cases.iter().zip(&files) {
        let said = format!(
            "{}: skipped: not a decision notice: this looks like {looks}",
            file.display()
        );
        assert!(err.contains(&said), "{said}\n{err}");
    }
}
