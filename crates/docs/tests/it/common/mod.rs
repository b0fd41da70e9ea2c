//! Shared by the docs tests: the example cases, their facts fixtures, and the documents
//! rendered from them.
#![allow(dead_code)]

use foidesk_calendar::Date;
use foidesk_case::{assess, parse_case, Assessment, Case};
use foidesk_docs::{render, Document, DocumentKind, Facts, Input, RenderError};

pub use foidesk_testkit::{periods, Unit, AS_AT};

pub const CORPUS: [&str; 5] = [
    "2018-09-20_cambridgeshire-constabulary",
    "2020-06-23_metropolitan-police-service",
    "2023-09-04_metropolitan-police-service",
    "2024-11-18_kent-police",
    "2024-11-18_nottinghamshire-police",
];

/// One document to render: a kind, an example case (cut after a date, to render an
/// earlier document), and the facts fixture of the same name.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub kind: DocumentKind,
    pub case: &'static str,
    pub cut: Option<&'static str>,
}

impl Spec {
    /// The snapshot name: `refusal__2024-11-18_kent-police`.
    pub fn label(&self) -> String {
        match self.cut {
            Some(cut) => format!("{}__{}__to_{cut}", self.kind.name(), self.case),
            None => format!("{}__{}", self.kind.name(), self.case),
        }
    }
}

/// Every document the tests render: the refusal, review and decision for each corpus
/// notice; refusal notices for the synthetic cases (an EIR exception, the s.12 cost limit);
/// a review that overturns; a s.17(2) extension notice; each other letter type from the
/// example case that calls for it (and an acknowledgement to a Welsh requester); and the
/// refusal, review and decision for an EIR case with a mixed decision.
pub fn specs() -> Vec<Spec> {
    let mut out = Vec::new();
    for kind in [
        DocumentKind::Refusal,
        DocumentKind::Review,
        DocumentKind::Decision,
    ] {
        for case in CORPUS {
            out.push(Spec {
                kind,
                case,
                cut: None,
            });
        }
    }
    for (case, cut) in [
        ("synthetic-pit-extension-in-time", None),
        ("synthetic-eir-reg7-extension", None),
        ("synthetic-complaint-before-review", None),
        ("docs-review-overturned", None),
    ] {
        out.push(Spec {
            kind: DocumentKind::Refusal,
            case,
            cut,
        });
    }
    out.push(Spec {
        kind: DocumentKind::Review,
        case: "docs-review-overturned",
        cut: None,
    });
    out.push(Spec {
        kind: DocumentKind::PitExtension,
        case: "synthetic-pit-extension-in-time",
        cut: Some("2024-03-28"),
    });
    // The other letters, each from the example case (cut at its event) that calls for it.
    for (kind, case, cut) in [
        (
            DocumentKind::Acknowledgement,
            "synthetic-clarification-restarts-clock",
            Some("2024-01-08"),
        ),
        (
            DocumentKind::Clarification,
            "synthetic-clarification-restarts-clock",
            Some("2024-01-10"),
        ),
        (
            DocumentKind::Disclosure,
            "synthetic-clarification-restarts-clock",
            None,
        ),
        (
            DocumentKind::FeesNotice,
            "synthetic-fee-pause",
            Some("2023-09-11"),
        ),
        (
            DocumentKind::CostRefusal,
            "synthetic-complaint-before-review",
            None,
        ),
        (DocumentKind::VexatiousRefusal, "docs-vexatious", None),
        (DocumentKind::Acknowledgement, "docs-welsh", None),
    ] {
        out.push(Spec { kind, case, cut });
    }
    for kind in [
        DocumentKind::Refusal,
        DocumentKind::Review,
        DocumentKind::Decision,
    ] {
        out.push(Spec {
            kind,
            case: "docs-eir-mixed",
            cut: None,
        });
    }
    out
}

pub fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// An example case (examples/cases), or one only these tests use (tests/fixtures/cases).
pub fn case(name: &str, cut: Option<&str>) -> Case {
    let dir = env!("CARGO_MANIFEST_DIR");
    let path = if name.starts_with("docs-") {
        format!("{dir}/tests/fixtures/cases/{name}.toml")
    } else {
        format!("{dir}/../../examples/cases/{name}.toml")
    };
    let mut case = parse_case(&read(&path)).unwrap_or_else(|e| panic!("{name}: {e}"));
    if let Some(cut) = cut {
        let cut = d(cut);
        case.events.retain(|e| e.date <= cut);
    }
    case
}

pub fn facts(name: &str) -> Facts {
    let path = format!("{}/tests/fixtures/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    Facts::from_toml(&read(&path)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn assessed(case: &Case) -> Assessment {
    assess(case, d(AS_AT)).unwrap()
}

/// Renders `kind` from a case and facts.
pub fn render_with(
    kind: DocumentKind,
    case: &Case,
    facts: &Facts,
) -> Result<Document, RenderError> {
    let assessment = assessed(case);
    render(kind, &Input::new(case, &assessment, facts))
}

pub fn rendered(spec: &Spec) -> Document {
    let case = case(spec.case, spec.cut);
    render_with(spec.kind, &case, &facts(spec.case))
        .unwrap_or_else(|e| panic!("{}: {e}", spec.label()))
}

/// The text of every page of a PDF, read back with the project's own reader (the notice
/// crate's, which uses lopdf).
pub fn pdf_text(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    foidesk_notice::pdf_text(bytes).expect("the PDF parses and its text extracts")
}

/// Whitespace collapsed, for comparing text across line breaks.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every period the law's dated parameters give on any date of the case or on `AS_AT`,
/// and the steps period a decision notice in the case sets itself.
pub fn periods_in_force(law: &foidesk_law::Catalogue, case: &Case) -> Vec<(u32, Unit)> {
    use foidesk_law::{Amount, Parameter};
    let dates: Vec<Date> = [case.request.received, d(AS_AT)]
        .into_iter()
        .chain(case.events.iter().map(|e| e.date))
        .collect();
    let mut out: Vec<(u32, Unit)> = Parameter::ALL
        .iter()
        .flat_map(|p| dates.iter().filter_map(|on| law.parameter(*p, *on).ok()))
        .filter_map(|v| match v.amount {
            Amount::WorkingDays(n) => Some((n, Unit::WorkingDays)),
            Amount::CalendarDays(n) => Some((n, Unit::CalendarDays)),
            Amount::Weeks(n) => Some((n, Unit::Weeks)),
            Amount::Months(n) => Some((n, Unit::Months)),
            Amount::Pence(_) => None,
        })
        .collect();
    out.extend(case.events.iter().filter_map(|e| match &e.kind {
        foidesk_case::EventKind::DecisionNotice(n) => {
            n.steps_days.map(|days| (days, Unit::CalendarDays))
        }
        _ => None,
    }));
    out.sort();
    out.dedup();
    out
}
