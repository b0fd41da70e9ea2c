//! Requests are typed by anyone: a megabyte built to make the normaliser or the comparison
//! go quadratic is read in linear time (each case would take hours if not).

use foidesk_likeness::{bands, compare, normalise, signature, Names};

struct Case {
    name: &'static str,
    piece: &'static str,
    /// Words the normalised text keeps.
    words: std::ops::RangeInclusive<usize>,
}

const CASES: &[Case] = &[
    Case {
        name: "salutations",
        piece: "dear ",
        words: 0..=0,
    },
    Case {
        name: "months after a number",
        piece: "may ",
        words: 1..=1,
    },
    Case {
        name: "sentence ends",
        piece: "! ",
        words: 1..=1,
    },
    Case {
        name: "sentences that are nearly sign-offs",
        piece: "x. thanks for nothing ",
        words: 100_000..=400_000,
    },
    Case {
        name: "list items",
        piece: "- x y z\n",
        words: 100_000..=400_000,
    },
];

fn check(case: &Case) {
    let names = Names::new(["Kent Police"]);
    // A number at the end, for the months to reach.
    let text = format!("{}5", case.piece.repeat(1_000_000 / case.piece.len()));
    let n = normalise(&text, &names);
    let words = n.text.split(' ').filter(|w| !w.is_empty()).count();
    assert!(case.words.contains(&words), "{}: {words} words", case.name);
    let _ = bands(&signature(&n));
    let _ = compare(&n, &n);
}

#[test]
fn a_megabyte_of_hostile_text_is_normalised_in_linear_time() {
    for case in CASES {
        check(case);
    }
}
