//! The crate layering of DESIGN.md: dependencies point one way only.
//! Reads each crate's Cargo.toml and checks its foidesk dependencies.

const ALLOWED: &[(&str, &[&str])] = &[
    ("calendar", &[]),
    ("law", &["calendar"]),
    ("case", &["calendar", "law"]),
    ("notice", &["calendar", "law"]),
    ("docs", &["calendar", "law", "case"]),
    ("store", &["calendar", "law", "case"]),
    ("search", &["calendar", "law", "case", "notice"]),
    (
        "engine",
        &[
            "calendar", "law", "case", "notice", "docs", "store", "search",
        ],
    ),
    // Front ends reach everything below through the engine (its `api` module).
    ("server", &["engine"]),
    ("cli", &["engine", "server"]),
];

/// Pure crates: no I/O-capable or async dependency may appear.
const PURE: &[&str] = &["calendar", "law", "case", "notice", "docs"];
const IMPURE_DEPS: &[&str] = &["tokio", "sqlx", "axum", "reqwest", "std::fs"];

fn check(krate: &str, allowed: &[&str]) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let manifest = std::fs::read_to_string(format!("{root}/{krate}/Cargo.toml")).unwrap();
    let deps = manifest.split("[dependencies]").nth(1).unwrap_or("");
    let deps = deps.split("\n[").next().unwrap_or("");
    for line in deps.lines() {
        let name = line.split(['=', '.']).next().unwrap_or("").trim();
        if let Some(dep) = name.strip_prefix("foidesk-") {
            assert!(allowed.contains(&dep), "{krate} must not depend on {dep}");
        }
        // Only the store knows SQL, only the search crate tantivy, only the server HTTP.
        for (dep, owner) in [("sqlx", "store"), ("tantivy", "search"), ("axum", "server")] {
            assert!(name != dep || krate == owner, "{krate} depends on {dep}");
        }
        if PURE.contains(&krate) {
            assert!(
                !IMPURE_DEPS.contains(&name),
                "pure crate {krate} depends on {name}"
            );
        }
    }
    if PURE.contains(&krate) {
        let lib = std::fs::read_to_string(format!("{root}/{krate}/src/lib.rs")).unwrap();
        let test_only = test_only_modules(&lib);
        for path in sources(std::path::Path::new(&format!("{root}/{krate}/src"))) {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            if test_only.contains(&stem) {
                continue;
            }
            let src = std::fs::read_to_string(&path).unwrap();
            assert!(
                !src.contains("std::fs"),
                "pure crate {krate} uses std::fs in {path:?}"
            );
        }
    }
}

/// Modules declared as `#[cfg(test)] mod name;` in lib.rs: test code may read files.
fn test_only_modules(lib: &str) -> Vec<String> {
    let lines: Vec<&str> = lib.lines().map(str::trim).collect();
    lines
        .windows(2)
        .filter(|w| w[0] == "#[cfg(test)]")
        .filter_map(|w| {
            w[1].strip_prefix("mod ")?
                .strip_suffix(';')
                .map(str::to_owned)
        })
        .collect()
}

fn sources(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

#[test]
fn dependencies_point_one_way() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut crates: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    crates.sort();
    for krate in &crates {
        let allowed = ALLOWED.iter().find(|(k, _)| k == krate).unwrap_or_else(|| {
            panic!("crate {krate} is not placed in the layering; add it to ALLOWED")
        });
        check(krate, allowed.1);
    }
}
