//! The parser never panics and every span lies within its input: on arbitrary bytes, on
//! every byte prefix of each corpus notice, and on line shuffles of them. The corpus is read
//! from ../shared (outside the repository), which these tests require.

use crate::common;

use foidesk_notice::{parse, Format};
use proptest::prelude::*;

fn assert_sound(input: &[u8], hint: Option<Format>) {
    let p = parse(input, hint);
    for s in p.record.spans.all() {
        assert!(
            s.start <= s.end && s.end <= input.len(),
            "span {s:?} outside {}",
            input.len()
        );
    }
    for d in &p.diagnostics {
        if let Some(s) = &d.span {
            assert!(s.end <= input.len());
        }
    }
}

fn corpus_files() -> Vec<Vec<u8>> {
    let dir = common::corpus_dir();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("read"))
        .collect()
}

/// Every byte prefix (char boundaries not respected), split over threads.
#[test]
fn every_prefix_of_every_corpus_file() {
    let files = corpus_files();
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(8);
    std::thread::scope(|scope| {
        for t in 0..threads {
            let files = &files;
            scope.spawn(move || {
                for f in files {
                    for len in (t..=f.len()).step_by(threads) {
                        assert_sound(&f[..len], None);
                    }
                }
            });
        }
    });
}

fn format() -> impl Strategy<Value = Option<Format>> {
    prop_oneof![
        Just(None),
        Just(Some(Format::Text)),
        Just(Some(Format::Markdown)),
        Just(Some(Format::Html)),
    ]
}

/// Fragments that steer random input into the parser's deeper paths.
fn fragment() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..40),
        prop::sample::select(vec![
            "Decision notice\n",
            "Date: 7 November 2019\n",
            "Public Authority: X\n",
            "Decision (including any steps ordered)\n",
            "1. ",
            "2. ",
            "35. ",
            "Reference: FS50",
            "FS5012345678",
            "IC-123456-AB1C",
            "FER0",
            "section 31(3)",
            "reg 12(5)(e)",
            "breached section 10(1)",
            "was not entitled to rely on",
            "is engaged",
            "within 35 calendar days",
            "Request and response\n",
            "Scope of the case\n",
            "the complainant requested an internal review on 3 May 2020. ",
            "contacted the Commissioner on 31 February 2020",
            "<p>",
            "</p>",
            "&amp;",
            "&#x1F600;",
            "&#99999999;",
            "**",
            "## ",
            "- ",
            "\u{2019}",
            "\u{FEFF}",
            "\r\n",
            "\u{C}",
            "|",
            "Information Commissioner's Office\n",
            "Signed\n",
            "\"",
            ".\"3 ",
            "Things2, ",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000), hint in format()) {
        assert_sound(&bytes, hint);
    }

    #[test]
    fn notice_like_fragments(parts in proptest::collection::vec(fragment(), 0..80), hint in format()) {
        assert_sound(&parts.concat(), hint);
    }

    #[test]
    fn shuffled_corpus_lines(seed in any::<u64>(), which in 0usize..5, hint in format()) {
        let files = corpus_files();
        if let Some(f) = files.get(which % files.len().max(1)) {
            let mut lines: Vec<&[u8]> = f.split(|&b| b == b'\n').collect();
            // Fisher-Yates driven by a small LCG from the seed.
            let mut s = seed | 1;
            for i in (1..lines.len()).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let j = usize::try_from(s >> 33).unwrap_or(0) % (i + 1);
                lines.swap(i, j);
            }
            assert_sound(&lines.join(&b'\n'), hint);
        }
    }
}
