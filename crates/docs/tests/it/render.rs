//! Every document, in every format, as an insta snapshot (the PDF as the text lopdf reads
//! back from it); and the checks that hold for every rendered document.

use crate::common::{case, pdf_text, periods, periods_in_force, rendered, specs, Spec};
use foidesk_docs::{Block, Document, Format};
use foidesk_law::Catalogue;

fn check(spec: &Spec) {
    let doc = rendered(spec);
    let label = spec.label();
    no_blanks(&label, &doc);
    cites_known_provisions(&label, &doc);
    states_only_parameter_periods(spec, &doc);
    for fact in &doc.facts_used {
        assert!(spec.kind.declares(fact), "{label}: {fact} is not declared");
    }
    insta::assert_snapshot!(format!("{label}.md"), doc.to_markdown());
    insta::assert_snapshot!(format!("{label}.html"), doc.to_html());
    let pdf = doc.to_bytes(Format::Pdf).unwrap();
    insta::assert_snapshot!(format!("{label}.pdf.txt"), pdf_text(&pdf));
}

/// No placeholder left, no empty paragraph, list item or line.
fn no_blanks(label: &str, doc: &Document) {
    let text = doc.plain_text();
    assert!(
        !text.contains("{{") && !text.contains("}}"),
        "{label}: {text}"
    );
    for block in &doc.blocks {
        let empty = match block {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => text.trim().is_empty(),
            Block::List { items } => items.is_empty() || items.iter().any(|i| i.trim().is_empty()),
            Block::Lines { lines } => lines.iter().any(|l| l.trim().is_empty()),
            Block::Fields { fields } => fields.iter().any(|(k, v)| k.is_empty() || v.is_empty()),
        };
        assert!(!empty, "{label}: blank in {block:?}");
    }
}

/// Every provision the text cites, and every requirement it claims to meet, is one the
/// statute catalogue knows.
fn cites_known_provisions(label: &str, doc: &Document) {
    let law = Catalogue::standard();
    let parsed = law.parse_citations(&doc.plain_text());
    assert!(
        parsed.unknown.is_empty(),
        "{label}: unknown provisions {:?}",
        parsed.unknown_ids()
    );
    assert!(!parsed.citations.is_empty(), "{label}: cites nothing");
    for id in &doc.meets {
        assert!(law.is_known(id), "{label}: meets unknown {id}");
    }
}

/// Every period the text states is a dated parameter in force for the case (or the steps
/// period its decision notice sets): none is written into a template.
fn states_only_parameter_periods(spec: &Spec, doc: &Document) {
    let allowed = periods_in_force(Catalogue::standard(), &case(spec.case, spec.cut));
    let text = doc.plain_text();
    let stated = periods(&text);
    for period in &stated {
        assert!(
            allowed.contains(period),
            "{}: {period:?} is not a parameter in force {allowed:?}\n{text}",
            spec.label()
        );
    }
}

#[test]
fn the_period_check_sees_the_periods_documents_state() {
    let stated: usize = specs()
        .iter()
        .map(|spec| periods(&rendered(spec).plain_text()).len())
        .sum();
    assert!(stated >= 24, "only {stated} periods stated");
}

#[test]
fn every_document_in_every_format() {
    let specs = specs();
    assert_eq!(specs.len(), 31);
    for kind in foidesk_docs::DocumentKind::ALL {
        assert!(
            specs.iter().any(|s| s.kind == kind),
            "no snapshot of {}",
            kind.label()
        );
    }
    for spec in &specs {
        check(spec);
    }
}

#[test]
fn numbered_paragraphs_run_on_through_a_decision_notice() {
    for spec in specs()
        .iter()
        .filter(|s| s.kind == foidesk_docs::DocumentKind::Decision)
    {
        let doc = rendered(spec);
        let numbers: Vec<u32> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { number, .. } => *number,
                _ => None,
            })
            .collect();
        let expected: Vec<u32> = (1..=u32::try_from(numbers.len()).unwrap()).collect();
        assert_eq!(numbers, expected, "{}", spec.label());
    }
}
