//! The crate layering of ARCHITECTURE.md, read from `cargo metadata`: every foidesk
//! dependency edge (normal, dev and build) is exactly one the table below allows, and the
//! pure crates' sources reach for no file, environment, network, process or clock.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// One crate's foidesk dependencies, by kind, without the `foidesk-` prefix. To move a
/// layer, change this table and the diagram in ARCHITECTURE.md together.
struct Layer {
    krate: &'static str,
    normal: &'static [&'static str],
    dev: &'static [&'static str],
    build: &'static [&'static str],
}

const fn layer(
    krate: &'static str,
    normal: &'static [&'static str],
    dev: &'static [&'static str],
) -> Layer {
    Layer {
        krate,
        normal,
        dev,
        build: &[],
    }
}

#[rustfmt::skip]
const LAYERS: &[Layer] = &[
    layer("testkit",  &[], &[]),
    layer("calendar", &[], &["testkit"]),
    layer("law",      &["calendar"], &["testkit"]),
    layer("case",     &["calendar", "law"], &["testkit"]),
    layer("notice",   &["calendar", "law"], &["testkit"]),
    layer("docs",     &["calendar", "law", "case"], &["notice", "testkit"]),
    // Recognising one request from its text alone needs nothing of the law or the case.
    layer("likeness", &[], &["testkit"]),
    // The store knows no case law: it keeps what the engine gives it. Its tests take
    // itself again with the `testing` feature (the conformance harness).
    layer("store",    &[], &["store"]),
    layer("search",   &["calendar", "law", "notice"], &[]),
    layer("engine",   &["calendar", "law", "case", "docs", "notice", "store", "search", "likeness"], &["store", "testkit"]),
    // The API boundary: the server and the binary reach the rest only through the engine
    // (the server's tests take the engine again with its `testing` feature).
    layer("server",   &["engine"], &["engine", "testkit"]),
    // The binary's tests check the store and the index it leaves behind through the
    // engine's `testing` re-exports.
    layer("cli",      &["engine", "server"], &["engine", "testkit"]),
];

/// Crates that do no I/O, read no environment and no clock.
const PURE: &[&str] = &["calendar", "law", "case", "notice", "docs", "likeness"];

/// Crates only one layer may use (any kind of dependency).
const OWNED: &[(&str, &str)] = &[("sqlx", "store"), ("tantivy", "search"), ("axum", "server")];

/// Dependencies a pure crate may not have, except for its tests.
const IMPURE: &[&str] = &[
    "tokio", "sqlx", "axum", "hyper", "reqwest", "tantivy", "tempfile",
];

/// What a pure crate's own code may not name.
const IMPURE_MODULES: &[&str] = &["fs", "env", "net", "process"];
const CLOCK_READS: &[&str] = &[
    "SystemTime::now",
    "Instant::now",
    "Zoned::now",
    "Timestamp::now",
];

struct Package {
    name: String,
    /// (dependency, kind: "normal", "dev" or "build")
    deps: Vec<(String, String)>,
    manifest: PathBuf,
}

fn workspace() -> Vec<Package> {
    let cargo = std::env::var_os("CARGO").expect("cargo sets CARGO for its tests");
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(foidesk_testkit::checkout())
        .output()
        .expect("run cargo metadata");
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).expect("cargo metadata's JSON");
    let packages = meta["packages"].as_array().expect("packages");
    packages
        .iter()
        .map(|p| Package {
            name: p["name"].as_str().expect("name").to_owned(),
            deps: p["dependencies"]
                .as_array()
                .expect("dependencies")
                .iter()
                .map(|d| {
                    let kind = d["kind"].as_str().unwrap_or("normal");
                    (
                        d["name"].as_str().expect("name").to_owned(),
                        kind.to_owned(),
                    )
                })
                .collect(),
            manifest: PathBuf::from(p["manifest_path"].as_str().expect("manifest_path")),
        })
        .collect()
}

fn layer_of(krate: &str) -> &'static Layer {
    LAYERS
        .iter()
        .find(|l| l.krate == krate)
        .unwrap_or_else(|| panic!("crate {krate} is not placed in the layering; add it to LAYERS"))
}

#[test]
fn foidesk_dependencies_are_exactly_the_allowed_edges() {
    let packages = workspace();
    let mut actual = BTreeSet::new();
    for p in &packages {
        let from = p
            .name
            .strip_prefix("foidesk-")
            .expect("foidesk- crates only");
        layer_of(from);
        for (dep, kind) in &p.deps {
            if let Some(to) = dep.strip_prefix("foidesk-") {
                actual.insert((from.to_owned(), to.to_owned(), kind.clone()));
            }
        }
    }
    let mut allowed = BTreeSet::new();
    for l in LAYERS {
        assert!(
            packages
                .iter()
                .any(|p| p.name == format!("foidesk-{}", l.krate)),
            "LAYERS names {}, which is not in the workspace",
            l.krate
        );
        for (kind, deps) in [("normal", l.normal), ("dev", l.dev), ("build", l.build)] {
            for to in deps {
                allowed.insert((l.krate.to_owned(), (*to).to_owned(), kind.to_owned()));
            }
        }
    }
    let show = |edges: Vec<&(String, String, String)>| {
        edges
            .iter()
            .map(|(from, to, kind)| format!("  {from} -> {to} ({kind})"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let extra: Vec<_> = actual.difference(&allowed).collect();
    let missing: Vec<_> = allowed.difference(&actual).collect();
    assert!(
        extra.is_empty() && missing.is_empty(),
        "the foidesk dependency edges differ from LAYERS (and ARCHITECTURE.md)\n\
         not allowed:\n{}\nallowed but absent:\n{}",
        show(extra),
        show(missing)
    );
}

#[test]
fn sql_search_and_http_each_belong_to_one_crate_and_pure_crates_do_no_io() {
    for p in workspace() {
        let krate = p.name.trim_start_matches("foidesk-");
        for (dep, kind) in &p.deps {
            for (owned, owner) in OWNED {
                assert!(dep != owned || krate == *owner, "{krate} depends on {dep}");
            }
            if PURE.contains(&krate) && kind != "dev" {
                assert!(
                    !IMPURE.contains(&dep.as_str()),
                    "pure crate {krate} depends on {dep}"
                );
            }
        }
    }
}

#[test]
fn pure_crates_touch_no_file_environment_network_process_or_clock() {
    let packages = workspace();
    let mut found = Vec::new();
    for krate in PURE {
        let package = packages
            .iter()
            .find(|p| p.name == format!("foidesk-{krate}"))
            .unwrap_or_else(|| panic!("no crate {krate}"));
        let src = package.manifest.parent().expect("crate folder").join("src");
        let skipped = test_only_files(&src);
        for file in rust_files(&src) {
            if skipped.contains(&file) {
                continue;
            }
            let text = std::fs::read_to_string(&file).expect("source file");
            for (line, what) in impure_uses(&without_test_items(&text)) {
                found.push(format!("{}:{line}: {what}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "pure crates reach outside:\n{}",
        found.join("\n")
    );
}

/// The forbidden things `code` names, with their line numbers.
fn impure_uses(code: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in code.lines().enumerate() {
        let line = line.split("//").next().unwrap_or("");
        for module in IMPURE_MODULES {
            if names_std_module(line, module) {
                out.push((i + 1, format!("std::{module}")));
            }
        }
        for read in CLOCK_READS {
            if line.contains(read) {
                out.push((i + 1, (*read).to_owned()));
            }
        }
    }
    out
}

/// `std::fs`, or `fs` inside a `use std::{..}` group.
fn names_std_module(line: &str, module: &str) -> bool {
    let direct = format!("std::{module}");
    let is_word_end = |rest: &str| !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_');
    if line
        .match_indices(&direct)
        .any(|(at, _)| is_word_end(&line[at + direct.len()..]))
    {
        return true;
    }
    line.split("std::{").skip(1).any(|group| {
        group
            .split('}')
            .next()
            .unwrap_or("")
            .split([',', ' '])
            .any(|item| item.split("::").next() == Some(module))
    })
}

/// `code` with every item under `#[cfg(test)]` blanked out (its lines kept, so line
/// numbers hold).
fn without_test_items(code: &str) -> String {
    let mut out = Vec::new();
    let mut lines = code.lines();
    while let Some(line) = lines.next() {
        out.push(line.to_owned());
        if line.trim() != "#[cfg(test)]" {
            continue;
        }
        let mut depth = 0i64;
        for item in lines.by_ref() {
            out.push(String::new());
            depth += brace_balance(item);
            let attribute = item.trim().starts_with("#[");
            if !attribute && depth <= 0 && (item.contains('}') || item.trim_end().ends_with(';')) {
                break;
            }
        }
    }
    out.join("\n")
}

/// `{` less `}` on a line, not counting those in strings, chars or comments.
fn brace_balance(line: &str) -> i64 {
    let mut balance = 0;
    let mut in_string = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (in_string, c) {
            (true, '\\') => {
                chars.next();
            }
            (_, '"') => in_string = !in_string,
            (false, '\'') => {
                // A char literal such as '{' or '}'; a lifetime has no closing quote.
                let mut look = chars.clone();
                if look.next().is_some() && look.next() == Some('\'') {
                    chars.next();
                    chars.next();
                }
            }
            (false, '/') if chars.peek() == Some(&'/') => break,
            (false, '{') => balance += 1,
            (false, '}') => balance -= 1,
            _ => {}
        }
    }
    balance
}

/// Files of modules declared `#[cfg(test)] mod name;`: compiled for tests only.
fn test_only_files(src: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    for file in rust_files(src) {
        let text = std::fs::read_to_string(&file).expect("source file");
        let dir = match file.file_name().and_then(|n| n.to_str()) {
            Some("lib.rs" | "mod.rs" | "main.rs") => file.parent().expect("folder").to_owned(),
            _ => file.with_extension(""),
        };
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for pair in lines.windows(2) {
            let declared = (pair[0] == "#[cfg(test)]")
                .then(|| pair[1].trim_start_matches("pub ").strip_prefix("mod "))
                .flatten()
                .and_then(|rest| rest.strip_suffix(';'));
            if let Some(name) = declared {
                out.insert(dir.join(format!("{name}.rs")));
                out.extend(rust_files(&dir.join(name)));
            }
        }
    }
    out
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The scanner finds what it looks for, and leaves test items alone.
#[test]
fn the_source_scan_sees_what_it_forbids() {
    let code = "use std::{collections::BTreeMap, fs};\n\
                fn a() { let _ = std::env::var(\"X\"); }\n\
                fn b() { let _ = std::time::Instant::now(); }\n\
                fn c() -> &'static str { \"{\" }\n\
                #[cfg(test)]\n\
                mod tests {\n\
                    fn d() { std::fs::read(\"x\"); let _ = '}'; }\n\
                }\n\
                fn e() { std::process::exit(1) }\n\
                fn f() { let _ = std::fsx; }\n";
    let found: Vec<(usize, String)> = impure_uses(&without_test_items(code));
    let want = [
        (1, "std::fs"),
        (2, "std::env"),
        (3, "Instant::now"),
        (9, "std::process"),
    ];
    let want: Vec<(usize, String)> = want.iter().map(|(l, w)| (*l, (*w).to_owned())).collect();
    assert_eq!(found, want);
}
