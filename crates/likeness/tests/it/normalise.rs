//! What the normaliser keeps and what it drops, case by case.

use foidesk_likeness::{normalise, request_parts, Names};

struct Case {
    name: &'static str,
    text: &'static str,
    /// The normalised text.
    want: &'static str,
    /// The normalised parts.
    parts: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "salutation, sign-off and signature go; the name and the date become placeholders",
        text: "Dear Kent Police,\n\nDoes Kent Police use drones? Since 4 March 2024?\n\nYours faithfully,\nJo Bloggs\n1 High Street",
        want: "does _org_ use drones since _num_",
        parts: &["does _org_ use drones since _num_"],
    },
    Case {
        name: "NFKC and case folding",
        text: "ＤＯＥＳ the ﬁrm STRAẞE keep Records",
        want: "does the firm strasse keep records",
        parts: &["does the firm strasse keep records"],
    },
    Case {
        name: "an alias with \"the\" and a possessive",
        text: "To whom it may concern\nWhat is the Met's budget? And the MET budget for 2019/20?",
        want: "what is _org_ budget and _org_ budget for _num_",
        parts: &["what is _org_ budget and _org_ budget for _num_"],
    },
    Case {
        name: "list markers of every kind start parts; the preamble is not a part",
        text: "Hello, please tell me:\n1. one thing\n(b) two things\niii) three\n- four\n• five\nQ6: six\n1.2 seven\n8 - eight\n",
        want: "please tell me one thing two things three four five six seven eight",
        parts: &["one thing", "two things", "three", "four", "five", "six", "seven", "eight"],
    },
    Case {
        name: "an item broken by a blank line goes on when the next line starts in lower case",
        text: "1. whether the force is using the\n\ntechnology now\n\n2. Its cost.\n\nthe rest is context",
        want: "whether the force is using the technology now its cost the rest is context",
        parts: &["whether the force is using the technology now", "its cost"],
    },
    Case {
        name: "without a list, paragraphs are parts and line breaks inside one are not",
        text: "Hi there,\n\nHow many cars\ndoes the force own?\n\nHow many vans?\n\nThanks in advance,\nSam",
        want: "how many cars does the force own how many vans",
        parts: &["how many cars does the force own", "how many vans"],
    },
    Case {
        name: "a paragraph about how to answer goes",
        text: "How many vans does the force own?\n\nPlease send your answer electronically. If any of it is exempt, send the rest.",
        want: "how many vans does the force own",
        parts: &["how many vans does the force own"],
    },
    Case {
        name: "unless nothing else is asked",
        text: "Please send your answer electronically. If any of it is exempt, send the rest.",
        want: "please send your answer electronically if any of it is exempt send the rest",
        parts: &["please send your answer electronically if any of it is exempt send the rest"],
    },
    Case {
        name: "dates however written are one placeholder",
        text: "Between the 1st of January 2020 and 31/12/2021, and in May 2022, and 2023-01-05.",
        want: "between the _num_ and _num_ and in _num_ and _num_",
        parts: &["between the _num_ and _num_ and in _num_ and _num_"],
    },
    Case {
        name: "\"thank you for your reply\" opens a request; a sign-off in a sentence ends it",
        text: "Thank you for your reply of 2 May. I now ask for the minutes. Thank you, Alex Smith, alex@example.org",
        want: "thank you for your reply of _num_ i now ask for the minutes",
        parts: &["thank you for your reply of _num_ i now ask for the minutes"],
    },
    Case {
        name: "e-mail addresses and web links go",
        text: "How many cars? Reply to request-42-ab@example.org, not jo@example.org (see https://example.org/r/42 or www.example.org).",
        want: "how many cars reply to not see or",
        parts: &["how many cars reply to not see or"],
    },
    Case {
        name: "a sign-off after a list marker is a sign-off",
        text: "1. How many vans?\n2. Regards, Jo",
        want: "how many vans",
        parts: &["how many vans"],
    },
    Case {
        name: "a line that is only a link is no part of the request before the salutation",
        text: "https://example.org/request/42\nHi, how many vans?",
        want: "how many vans",
        parts: &["how many vans"],
    },
    Case {
        name: "marks joined across an apostrophe are put in canonical order (a fuzz find)",
        text: "\u{720}\u{73a}'\u{73e}",
        want: "\u{720}\u{73e}\u{73a}",
        parts: &["\u{720}\u{73e}\u{73a}"],
    },
    Case {
        name: "a salutation only folding reveals leaves the text (a fuzz find)",
        text: "H'i,\nhow many vans?",
        want: "how many vans",
        parts: &["hi how many vans"],
    },
    Case {
        name: "a request that is only a letter's frame is empty",
        text: "Dear Sir or Madam,\n\nKind regards,\nJo",
        want: "",
        parts: &[],
    },
];

fn check(case: &Case) {
    let names = Names::new(["Kent Police", "The Metropolitan Police Service", "Met"]);
    let n = normalise(case.text, &names);
    assert_eq!(n.text, case.want, "{}", case.name);
    assert_eq!(
        normalise(&n.text, &names).text,
        n.text,
        "{}: stable",
        case.name
    );
    assert_eq!(n.parts, case.parts, "{}", case.name);
    assert_eq!(
        request_parts(case.text).len(),
        n.parts.len(),
        "{}: the parts as written match the normalised parts",
        case.name
    );
}

#[test]
fn the_normaliser_keeps_the_request_and_drops_the_letter() {
    for case in CASES {
        check(case);
    }
}
