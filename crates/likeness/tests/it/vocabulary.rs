//! `Likeness` is a vocabulary like those of `foidesk_law::vocab`: wire names, labels, parsing
//! and serde agree.

use foidesk_likeness::Likeness;

const CASES: &[(Likeness, &str, &str)] = &[
    (Likeness::Same, "same", "same request"),
    (
        Likeness::Variant,
        "variant",
        "variant (an officer confirms)",
    ),
    (Likeness::Related, "related", "related request"),
    (Likeness::Unrelated, "unrelated", "unrelated"),
];

fn check(likeness: Likeness, wire: &str, label: &str) {
    assert_eq!(likeness.as_str(), wire);
    assert_eq!(likeness.label(), label);
    assert_eq!(Likeness::from_name(wire), Some(likeness));
    let json = serde_json::to_string(&likeness).expect("serialise");
    assert_eq!(json, format!("\"{wire}\""));
    assert_eq!(
        serde_json::from_str::<Likeness>(&json).expect("parse"),
        likeness
    );
}

#[test]
fn names_labels_parsing_and_serde_agree() {
    for &(likeness, wire, label) in CASES {
        check(likeness, wire, label);
    }
    assert_eq!(CASES.len(), Likeness::ALL.len());
    assert_eq!(Likeness::NAMES.len(), Likeness::ALL.len());
    assert_eq!(Likeness::from_name("Same"), None);
}
