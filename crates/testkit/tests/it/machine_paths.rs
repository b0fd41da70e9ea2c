//! Nothing in the repository names a path on a particular machine: a checkout or a
//! user's home (the folders in `MACHINE_ROOTS`, or a Windows user folder). System tools
//! (`/usr/bin/…`) and the temporary folder are not machine-specific and are allowed.

use std::process::Command;

/// Folders that hold checkouts or homes. Spelt in pieces so this file does not match.
const MACHINE_ROOTS: [&str; 4] = [
    concat!("/", "work/"),
    concat!("/", "home/"),
    concat!("/", "root/"),
    concat!("/", "Users/"),
];

#[test]
fn no_tracked_file_names_a_path_on_one_machine() {
    let root = foidesk_testkit::checkout();
    let out = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(root)
        .output()
        .expect("run git ls-files");
    assert!(
        out.status.success(),
        "git ls-files: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .split('\0')
        .filter(|f| !f.is_empty())
        .map(str::to_owned)
        .collect();
    assert!(
        files.len() > 100,
        "git ls-files listed only {} files",
        files.len()
    );
    let mut found = Vec::new();
    for file in &files {
        // A file deleted in the working tree but not yet in the index has nothing to check.
        let Ok(bytes) = std::fs::read(root.join(file)) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for (number, line) in text.lines().enumerate() {
            if let Some(path) = machine_path(line) {
                found.push(format!("{file}:{}: {path}", number + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "paths on one machine (name them relative to the checkout, or `../shared`):\n{}",
        found.join("\n")
    );
}

/// The first machine-specific path in `line`: one of [`MACHINE_ROOTS`] where a path
/// starts (not inside a URL or a longer name), or a Windows user folder.
fn machine_path(line: &str) -> Option<String> {
    let bytes = line.as_bytes();
    let starts_path = |at: usize| {
        at == 0 || {
            let before = bytes[at - 1];
            !(before.is_ascii_alphanumeric() || b"._~%-/".contains(&before))
        }
    };
    for root in MACHINE_ROOTS {
        if let Some((at, _)) = line.match_indices(root).find(|(at, _)| starts_path(*at)) {
            return Some(line[at..].chars().take(60).collect());
        }
    }
    let lower = line.to_ascii_lowercase();
    for sep in [":\\users", ":\\\\users", ":/users"] {
        if let Some(at) = lower.find(sep) {
            if at > 0 && bytes[at - 1].is_ascii_alphabetic() {
                return Some(line[at - 1..].chars().take(60).collect());
            }
        }
    }
    None
}

#[test]
fn the_check_finds_machine_paths_and_lets_others_be() {
    let bad = [
        concat!("see ", "/", "work/main/README.md"),
        concat!("cd ", "/", "home/alice/foidesk"),
        concat!("\"", "/", "root/.cargo\""),
        concat!("(", "/", "Users/bob/src)"),
        concat!("C:", "\\", "Users\\carol"),
        concat!("c:", "\\\\", "users\\\\dave"),
    ];
    for line in bad {
        assert!(machine_path(line).is_some(), "missed {line}");
    }
    let fine = [
        "/usr/bin/chromium",
        "target/tmp/browser",
        "https://example.org/work/items",
        "../shared/law/FACTS.md",
        "crates/docs/tests/fixtures/x.toml",
        "a framework/home/ of sorts",
        "std::env::temp_dir()",
    ];
    for line in fine {
        assert_eq!(machine_path(line), None, "{line}");
    }
}
