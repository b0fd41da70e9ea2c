//! The real round robin in the shared corpus: one request sent to Kent Police and to
//! Nottinghamshire Police, as quoted in the Commissioner's two decision notices (the second
//! copy taken from a PDF, with a blank line inside an item). It is one request, part for part.

use foidesk_likeness::{compare, exact_key, normalise, request_parts, Likeness, Names};

struct Case {
    a: &'static str,
    b: &'static str,
    likeness: Likeness,
    parts: usize,
}

const CASES: &[Case] = &[Case {
    a: "corpus/notices/2024-11-18_kent-police.txt",
    b: "corpus/notices/2024-11-18_nottinghamshire-police.txt",
    likeness: Likeness::Same,
    parts: 5,
}];

/// The request a notice quotes "in the following terms".
fn quoted_request(notice: &str) -> String {
    let path = foidesk_testkit::shared(notice);
    let text = std::fs::read_to_string(&path).expect("the notice");
    let (_, after) = text
        .split_once("in the following terms:")
        .unwrap_or_else(|| panic!("{notice} quotes no request"));
    let (_, quoted) = after.split_once('"').expect("an opening quote");
    let (request, _) = quoted.split_once('"').expect("a closing quote");
    request.to_owned()
}

fn check(case: &Case) {
    let names = Names::new(["Kent Police", "Nottinghamshire Police"]);
    let (ta, tb) = (quoted_request(case.a), quoted_request(case.b));
    let (a, b) = (normalise(&ta, &names), normalise(&tb, &names));
    assert_eq!(compare(&a, &b).likeness, case.likeness, "{a:?}\n{b:?}");
    assert_eq!(exact_key(&a), exact_key(&b));
    assert_eq!((a.parts.len(), b.parts.len()), (case.parts, case.parts));
    assert_eq!(a.parts, b.parts);
    let written = request_parts(&tb);
    assert_eq!(written.len(), case.parts);
    assert!(written[1].ends_with("up to present day)"), "{written:?}");
}

#[test]
fn the_corpus_round_robin_is_one_request_part_for_part() {
    for case in CASES {
        check(case);
    }
}
