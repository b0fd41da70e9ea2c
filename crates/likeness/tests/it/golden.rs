//! Stored keys and bands must match those of every later build: the exact key, the bands and
//! the related bands of a fixed text equal a committed vector. Regenerate it only with a
//! `NORMALISER_VERSION` bump (`LIKENESS_BLESS=1 cargo test -p foidesk-likeness --test it golden`).

use foidesk_likeness::{
    bands, exact_key, normalise, related_bands, signature, Names, NORMALISER_VERSION,
};

const TEXT: &str = "Dear Eastmoor Constabulary,

Please tell me, under the Freedom of Information Act 2000:

1. How many body-worn cameras the force bought between 1 April 2020 and 31 March 2024.
2. Whether the force's policy on keeping body-worn camera footage was reviewed in that period.

Yours faithfully,
A. Requester";

const GOLDEN: &str = include_str!("golden_bands.txt");

/// The vector for `text`: a version line, the exact key, then one `band hash` line per band.
fn vector(text: &str) -> String {
    let n = normalise(text, &Names::new(["Eastmoor Constabulary"]));
    let sig = signature(&n);
    let mut out = format!("version {NORMALISER_VERSION}\nkey {}\n", exact_key(&n));
    for (band, hash) in bands(&sig).into_iter().chain(related_bands(&sig)) {
        out.push_str(&format!("{band} {hash}\n"));
    }
    out
}

fn check(text: &str, golden: &str) {
    let actual = vector(text);
    if std::env::var_os("LIKENESS_BLESS").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/golden_bands.txt");
        std::fs::write(path, &actual).expect("write the golden vector");
        return;
    }
    assert_eq!(
        actual, golden,
        "the bands of a fixed text changed: stored bands would no longer match"
    );
}

#[test]
fn golden_bands_of_a_fixed_text_never_change() {
    check(TEXT, GOLDEN);
    let lines = GOLDEN.lines().count();
    // 24 bands, 2 part bands, 16 related bands, and the version and key lines.
    assert_eq!(lines, 2 + 24 + 2 + 16, "{GOLDEN}");
}
