//! Properties over generated requests: the normaliser never panics and is stable on its own
//! output; the exact key ignores the letter's cosmetics; the requester's signature changes
//! nothing.

use foidesk_likeness::{
    bands, compare, exact_key, normalise, related_bands, request_parts, signature, Likeness, Names,
};
use proptest::prelude::*;

const FORCES: &[&str] = &[
    "Kent Police",
    "Eastmoor Constabulary",
    "the Fenland Police Service",
];

fn names() -> Names {
    Names::new(FORCES)
}

/// Words of a request: no salutation, sign-off or month among them.
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "how", "many", "officers", "were", "trained", "to", "use", "drones", "in", "each", "year",
    "does", "the", "force", "hold", "a", "policy", "on", "body", "worn", "cameras", "what", "was",
    "spent", "software", "licences", "for", "data", "retention", "of", "footage",
];

/// A request: items of words, with the force's name and a number here and there.
fn request() -> impl Strategy<Value = Vec<Vec<String>>> {
    let word = prop_oneof![
        8 => prop::sample::select(WORDS).prop_map(str::to_owned),
        1 => prop::sample::select(FORCES).prop_map(|_| "{force}".to_owned()),
        1 => (1u32..3000).prop_map(|n| n.to_string()),
    ];
    prop::collection::vec(prop::collection::vec(word, 3..15), 1..5)
}

/// How one copy of a request is dressed: force, salutation, list style, line width, case,
/// sign-off, signature.
#[derive(Clone, Debug)]
struct Dress {
    force: &'static str,
    salutation: &'static str,
    marker: usize,
    width: usize,
    shout: bool,
    sign_off: &'static str,
    signature: String,
}

fn dress() -> impl Strategy<Value = Dress> {
    (
        prop::sample::select(FORCES),
        prop::sample::select(&["Dear {force},", "To whom it may concern", "Hello,", ""][..]),
        0..4usize,
        3..12usize,
        any::<bool>(),
        prop::sample::select(&["Yours faithfully,", "Kind regards", "Many thanks,", "Thank you."][..]),
        "[A-Z][a-z]{1,8} [A-Z][a-z]{1,10}\n[0-9]{1,3} [A-Z][a-z]{2,8} Road\n[a-z]{3,8}@example\\.org",
    )
        .prop_map(|(force, salutation, marker, width, shout, sign_off, signature)| Dress {
            force,
            salutation,
            marker,
            width,
            shout,
            sign_off,
            signature,
        })
}

/// Text made of the pieces the normaliser looks for, in any order.
fn pieces() -> impl Strategy<Value = String> {
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "dear", "Hello", "hi", "to whom it may concern", "thank you", "Thanks", "regards",
        "Yours faithfully", "for your time", "1.", "a)", "(ii)", "-", "•", "Q1", "1.2", "\n",
        "\n\n", "\r\n", " ", ",", ".", "!", ":", "Kent Police", "the", "of", "May", "4th", "2020",
        "_org_", "_num_", "'s", "’", "ß", "ﬁ", "İ", "ᴬ", "Ⅻ", "½", "__", "word", "x",
        "electronically", "exempt", "?", "jo@example.org", "https://example.org",
    ];
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|p| p.concat())
}

fn letter(items: &[Vec<String>], d: &Dress) -> String {
    let mut out = format!("{}\n\n", d.salutation.replace("{force}", d.force));
    for (i, item) in items.iter().enumerate() {
        let marker = match d.marker {
            0 => format!("{}.", i + 1),
            1 => format!("{})", char::from(b'a' + i as u8)),
            2 => format!("({})", ["i", "ii", "iii", "iv", "v"][i]),
            _ => "•".to_owned(),
        };
        let words: Vec<String> = item.iter().map(|w| w.replace("{force}", d.force)).collect();
        let lines: Vec<String> = words.chunks(d.width).map(|c| c.join(" ")).collect();
        out.push_str(&format!("{marker} {}\n", lines.join("\n")));
    }
    out.push_str(&format!("\n{}\n{}\n", d.sign_off, d.signature));
    if d.shout {
        out = out.to_uppercase();
    }
    out
}

fn check_same(a: &str, b: &str) -> Result<(), TestCaseError> {
    let names = names();
    let (na, nb) = (normalise(a, &names), normalise(b, &names));
    prop_assert_eq!(&na, &nb, "{}\n---\n{}", a, b);
    prop_assert_eq!(exact_key(&na), exact_key(&nb));
    let (sa, sb) = (signature(&na), signature(&nb));
    prop_assert_eq!(bands(&sa), bands(&sb));
    prop_assert_eq!(related_bands(&sa), related_bands(&sb));
    prop_assert_eq!(compare(&na, &nb).likeness, Likeness::Same);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn nothing_panics_and_the_normaliser_is_stable_on_its_own_output(text in any::<String>()) {
        let names = names();
        let n = normalise(&text, &names);
        let again = normalise(&n.text, &names);
        prop_assert_eq!(&again.text, &n.text);
        prop_assert_eq!(request_parts(&text).len(), n.parts.len());
        let sig = signature(&n);
        let _ = (bands(&sig), related_bands(&sig), compare(&n, &again));
    }

    #[test]
    fn pieces_of_letters_normalise_stably(text in pieces()) {
        let names = names();
        let n = normalise(&text, &names);
        prop_assert_eq!(normalise(&n.text, &names).text, n.text);
        prop_assert_eq!(request_parts(&text).len(), n.parts.len());
    }

    #[test]
    fn letter_like_text_normalises_stably(items in request(), d in dress()) {
        let names = names();
        let n = normalise(&letter(&items, &d), &names);
        prop_assert!(!n.is_empty());
        prop_assert_eq!(normalise(&n.text, &names).text, n.text);
    }

    #[test]
    fn the_exact_key_ignores_force_salutation_markers_line_breaks_case_and_sign_off(
        items in request(), a in dress(), b in dress(),
    ) {
        check_same(&letter(&items, &a), &letter(&items, &b))?;
    }

    #[test]
    fn blanking_the_requesters_signature_changes_nothing(items in request(), d in dress()) {
        let blank = Dress { signature: String::new(), ..d.clone() };
        check_same(&letter(&items, &d), &letter(&items, &blank))?;
    }
}
