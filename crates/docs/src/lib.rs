//! # foidesk-docs: which letter or notice does this case call for, in words?
//!
//! Renders the documents of the statutory process from a case, its assessment and the facts
//! a case file does not hold ([`Facts`]): the authority's letters ([`DocumentKind`]:
//! acknowledgement, clarification request, fees notice, refusals on cost and as vexatious or
//! repeated, the s.17(2) public interest extension, the refusal notice (FOIA s.17; EIR
//! reg.14), the disclosure letter and the internal review outcome), each framed as a real
//! letter (letterhead, reference, date, address block, signature), and the Commissioner's
//! decision notice (s.50) in the regulator's structure with numbered paragraphs. Each is
//! built as a [`Document`] (headings, numbered paragraphs, lists), then written as HTML,
//! Markdown or PDF (with an embedded font that covers Welsh and other accented names).
//!
//! For a guided form, [`questions`] lists what a document still lacks as pages of plain
//! questions, [`applicable`] the documents a case calls for, and [`Facts::answers`] /
//! [`Facts::apply_answers`] take a form's answers to facts and back.
//!
//! [`returns`] writes the official FOI return (the case crate's `ReturnCounts`) with each
//! figure's label, definition and source, as CSV or as an XLSX workbook, in memory.
//!
//! Invariants:
//! * A document with a fact missing is never produced: [`render`] returns
//!   [`RenderError::Missing`] naming every missing fact ([`FactId`]), and each document type
//!   declares the facts it may need ([`DocumentKind::needs`]).
//! * The wording is foidesk's own, in `templates/*.txt`, with `{{placeholders}}` only; every
//!   statement of law names its provision, and every provision named is in the catalogue.
//! * Periods (review windows, steps, appeal, complaint window) come from the law crate's
//!   dated parameters, added with checked arithmetic.
//! * Pure: no I/O, no clock, no async. The PDF is built in memory.

mod cite;
mod decision;
mod draft;
mod error;
mod fact;
mod facts;
mod letter;
mod letters;
mod model;
mod output;
mod questions;
mod refusal;
mod regulator;
pub mod returns;
mod review;
mod story;
mod template;
mod weigh;

use foidesk_calendar::WorkingDayCalendar;
use foidesk_case::{Assessment, Case};
use foidesk_law::Catalogue;

pub use error::{Missing, RenderError};
pub use fact::{FactId, Need};
pub use facts::{
    Analysis, AuthorityFacts, ClarificationFacts, CommissionerFacts, Conclusion, CostFacts,
    DecisionFacts, DisclosureFacts, ExemptionFacts, Facts, FactsError, FeesFacts, Likelihood,
    Prejudice, PublicInterest, RefusalFacts, ReviewFacts, Signatory, VexatiousFacts,
    VexatiousGround,
};
pub use model::{Block, Document, DocumentKind};
pub use output::Format;
pub use questions::{guided, question_for, questions, Choice, InputKind, Question, QuestionPage};
pub use regulator::{Reference, Regulator, RegulatorError};

/// Everything a document is rendered from.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub case: &'a Case,
    /// The case assessed as at the document's date or later (for breaches and deadlines).
    pub assessment: &'a Assessment,
    pub facts: &'a Facts,
    pub law: &'a Catalogue,
    pub calendar: &'a WorkingDayCalendar,
}

impl<'a> Input<'a> {
    /// With the standard statute catalogue and UK working-day calendar.
    pub fn new(case: &'a Case, assessment: &'a Assessment, facts: &'a Facts) -> Input<'a> {
        Input {
            case,
            assessment,
            facts,
            law: Catalogue::standard(),
            calendar: WorkingDayCalendar::standard(),
        }
    }
}

/// Renders one document, or says which facts are missing (all of them at once).
pub fn render(kind: DocumentKind, input: &Input<'_>) -> Result<Document, RenderError> {
    match kind {
        DocumentKind::Acknowledgement => letters::acknowledgement(input),
        DocumentKind::Clarification => letters::clarification(input),
        DocumentKind::FeesNotice => letters::fees_notice(input),
        DocumentKind::CostRefusal => letters::cost_refusal(input),
        DocumentKind::VexatiousRefusal => letters::vexatious_refusal(input),
        DocumentKind::PitExtension => refusal::build_extension(input),
        DocumentKind::Refusal => refusal::build(input),
        DocumentKind::Disclosure => letters::disclosure(input),
        DocumentKind::Review => review::build(input),
        DocumentKind::Decision => decision::build(input),
    }
}

/// The documents the case calls for now: each kind whose render fails for no reason but
/// the caller's facts (not because the case lacks its event or calls for another letter).
/// In `DocumentKind::ALL` order; the facts in `input` are not consulted.
pub fn applicable(input: &Input<'_>) -> Vec<DocumentKind> {
    let none = Facts::default();
    let probe = Input {
        facts: &none,
        ..*input
    };
    DocumentKind::ALL
        .into_iter()
        .filter(|kind| match render(*kind, &probe) {
            Ok(_) => true,
            Err(RenderError::Missing(m)) => !m.facts.iter().any(FactId::is_case_fact),
            Err(_) => false,
        })
        .collect()
}
