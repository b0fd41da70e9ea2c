//! What a refusal notice must contain, element by element: FOIA s.17(1)(a)-(c), (3) and
//! (7) for the NCND s.31(3) response of the 2018 corpus case; s.17(2) for a public interest
//! extension; s.17(5) for the cost limit; EIR reg.14(3) and (5). Each element must be in
//! the document model and in every format.

use crate::common::{facts, pdf_text, rendered, squash, Spec};
use foidesk_docs::{Document, DocumentKind, Facts, Format};
use foidesk_law::ProvisionId;

/// The text of each format, whitespace collapsed (HTML entities decoded).
fn formats(doc: &Document) -> Vec<(&'static str, String)> {
    let html = doc
        .to_html()
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let md = doc.to_markdown().replace('\\', "");
    // Page footers ("<title> 1 / 2") fall between the lines of a paragraph split by a page.
    let pdf: Vec<String> = pdf_text(&doc.to_bytes(Format::Pdf).unwrap())
        .lines()
        .filter(|l| !(l.starts_with(&doc.title) && l.contains(" / ")))
        .map(str::to_owned)
        .collect();
    let pdf = pdf.join("\n");
    vec![
        ("model", squash(&doc.plain_text())),
        ("html", squash(&html)),
        ("md", squash(&md)),
        ("pdf", squash(&pdf)),
    ]
}

/// `elements`: (requirement met, text that must appear for it).
fn check(spec: Spec, elements: &[(&str, Vec<String>)]) {
    let doc = rendered(&spec);
    let label = spec.label();
    let texts = formats(&doc);
    for (provision, needles) in elements {
        let id: ProvisionId = provision.parse().unwrap();
        assert!(
            doc.meets.contains(&id),
            "{label}: does not meet {provision}: {:?}",
            doc.meets
        );
        for needle in needles {
            let needle = squash(needle);
            for (format, text) in &texts {
                assert!(
                    text.contains(&needle),
                    "{label} ({format}), {provision}: no {needle:?}"
                );
            }
        }
    }
}

fn refusal(case: &'static str, cut: Option<&'static str>) -> Spec {
    Spec {
        kind: DocumentKind::Refusal,
        case,
        cut,
    }
}

/// The facts fixture's texts for one exemption: reasons, and the public interest each way.
fn exemption_texts(facts: &Facts, provision: &str) -> (String, Vec<String>) {
    let e = facts
        .refusal
        .exemption
        .iter()
        .find(|e| e.provision.to_string() == provision)
        .unwrap();
    let mut pi = Vec::new();
    if let Some(p) = &e.public_interest {
        pi.extend(p.for_disclosure.iter().cloned());
        pi.extend(p.against.iter().cloned());
        pi.extend(p.balance.iter().cloned());
    }
    (e.reasons.clone().unwrap(), pi)
}

fn s(text: &str) -> String {
    text.to_owned()
}

#[test]
fn ncnd_under_section_31_3_has_every_element_of_section_17() {
    let name = "2018-09-20_cambridgeshire-constabulary";
    let facts = facts(name);
    let (reasons, mut pi) = exemption_texts(&facts, "s.31(3)");
    pi.push(s("section 2(1)(b)"));
    pi.push(s("These are its reasons under section 17(3)."));
    let mut complaint = vec![s("section 50(1)")];
    complaint.extend(facts.commissioner.contact.iter().cloned());
    check(
        refusal(name, None),
        &[
            // (1)(a): it states that it relies on a provision excluding the duty to confirm or deny.
            (
                "s.17(1)(a)",
                vec![
                    s("notice under section 17(1)"),
                    s("neither confirms nor denies whether it holds the information"),
                ],
            ),
            // (1)(b): it names the provision.
            (
                "s.17(1)(b)",
                vec![s("relying on section 31(3) (law enforcement)")],
            ),
            // (1)(c): why it applies, with the level of likelihood relied on.
            (
                "s.17(1)(c)",
                vec![reasons, s("would be likely to prejudice")],
            ),
            // (3): the public interest each way and the conclusion.
            ("s.17(3)", pi),
            // (7)(a): the review procedure, and by when to use it.
            (
                "s.17(7)(a)",
                vec![
                    facts.authority.review_procedure.clone().unwrap(),
                    s("section 45"),
                    s("by 5 January 2018"),
                ],
            ),
            // (7)(b): the right to complain to the Commissioner, and where.
            ("s.17(7)(b)", complaint),
        ],
    );
    // The NCND statement that nothing can be inferred either way.
    let doc = rendered(&refusal(name, None));
    assert!(doc.plain_text().contains("Nothing can be inferred from it"));
}

#[test]
fn public_interest_extension_gives_the_section_17_2_estimate() {
    let name = "synthetic-pit-extension-in-time";
    let (reasons, _) = exemption_texts(&facts(name), "s.43(2)");
    let extension = Spec {
        kind: DocumentKind::PitExtension,
        case: name,
        cut: Some("2024-03-28"),
    };
    check(
        extension,
        &[
            (
                "s.17(1)(b)",
                vec![s("relies on section 43(2) (commercial interests)")],
            ),
            ("s.17(1)(c)", vec![reasons]),
            (
                "s.17(2)",
                vec![
                    s("(section 17(2))"),
                    s("section 10(3)"),
                    s("by 25 April 2024"),
                ],
            ),
            ("s.17(7)(a)", vec![s("section 45")]),
            ("s.17(7)(b)", vec![s("section 50(1)")]),
        ],
    );
    let doc = rendered(&extension);
    assert!(
        !doc.meets.contains(&"s.17(3)".parse().unwrap()),
        "no public interest reasons yet"
    );
}

#[test]
fn cost_limit_refusal_is_a_section_17_5_notice() {
    let name = "synthetic-complaint-before-review";
    let (reasons, _) = exemption_texts(&facts(name), "s.12(1)");
    check(
        refusal(name, None),
        &[
            (
                "s.17(5)",
                vec![
                    s("notice under sections 17(1) and 17(5)"),
                    s("section 12(1)"),
                ],
            ),
            ("s.17(1)(c)", vec![reasons]),
            ("s.17(7)(a)", vec![s("section 45")]),
        ],
    );
}

#[test]
fn eir_refusal_has_every_element_of_regulation_14() {
    let name = "synthetic-eir-reg7-extension";
    let (reasons, pi) = exemption_texts(&facts(name), "reg.12(5)(e)");
    check(
        refusal(name, None),
        &[
            (
                "reg.14(3)(a)",
                vec![s("regulation 14(1)"), s("regulation 12(5)(e)")],
            ),
            ("reg.14(3)", vec![reasons]),
            (
                "reg.14(3)(b)",
                [pi, vec![s("regulation 12(2)"), s("regulation 14(3)(b)")]].concat(),
            ),
            (
                "reg.14(5)",
                vec![
                    s("regulation 11(2)"),
                    s("regulation 11(4)"),
                    s("regulation 18"),
                ],
            ),
        ],
    );
}
