//! Documents for a stored case: the docs crate renders them from the case,
//! its assessment and the facts a person supplies; this module also drafts
//! an outline of those facts to start from.

use foidesk_case::{Assessment, Case, EventKind};
use foidesk_docs::{
    Analysis, Document, DocumentKind, ExemptionFacts, Facts, Input, Prejudice, PublicInterest,
    Regulator, RenderError,
};
use foidesk_law::ProvisionId;

use crate::{CaseView, Engine};

impl Engine {
    /// Render a document for a case, or name every fact still missing.
    pub fn render_document(
        &self,
        view: &CaseView,
        kind: DocumentKind,
        facts: &Facts,
    ) -> Result<Document, RenderError> {
        self.render_case(kind, &view.case, &view.assessment, facts)
    }

    /// Render a document for a case and its assessment (say, from a case file).
    pub fn render_case(
        &self,
        kind: DocumentKind,
        case: &Case,
        assessment: &Assessment,
        facts: &Facts,
    ) -> Result<Document, RenderError> {
        let input = Input {
            case,
            assessment,
            facts,
            law: self.law(),
            calendar: self.calendar(),
        };
        foidesk_docs::render(kind, &input)
    }
}

/// The provisions the case's responses and extensions rely on, in order.
fn provisions(view: &CaseView) -> Vec<ProvisionId> {
    let mut out: Vec<ProvisionId> = Vec::new();
    for e in &view.case.events {
        let cited: Vec<&ProvisionId> = match &e.kind {
            EventKind::Response(r) => r.outcomes.iter().flat_map(|o| &o.provisions).collect(),
            EventKind::PitExtension { provisions, .. } => provisions.iter().collect(),
            _ => Vec::new(),
        };
        for p in cited {
            if !out.contains(p) {
                out.push(p.clone());
            }
        }
    }
    out
}

/// Facts to start from: an entry for each provision the case relies on,
/// with every text empty (an empty text counts as missing), signed by `signer`.
pub fn facts_outline(view: &CaseView, kind: DocumentKind, signer: &str) -> Facts {
    let mut facts = Facts {
        requester: view.case.request.requester.clone().or(Some(String::new())),
        request_summary: Some(String::new()),
        ..Facts::default()
    };
    // The Commissioner's address, which a refusal notice must point to (s.17(7)(b)).
    facts.commissioner.contact = Regulator::standard().contact_lines();
    let signatory = foidesk_docs::Signatory {
        name: Some(signer.to_owned()),
        role: Some(String::new()),
    };
    let weighing = || PublicInterest {
        balance: Some(String::new()),
        ..PublicInterest::default()
    };
    match kind {
        DocumentKind::Refusal => {
            facts.authority.review_procedure = Some(String::new());
            facts.refusal.signatory = signatory;
            facts.refusal.exemption = provisions(view)
                .into_iter()
                .map(|provision| ExemptionFacts {
                    provision,
                    reasons: Some(String::new()),
                    reasons_would_disclose: false,
                    likelihood: None,
                    public_interest: Some(weighing()),
                })
                .collect();
        }
        DocumentKind::Acknowledgement
        | DocumentKind::Clarification
        | DocumentKind::FeesNotice
        | DocumentKind::CostRefusal
        | DocumentKind::VexatiousRefusal
        | DocumentKind::Disclosure => facts.signatory = signatory,
        DocumentKind::PitExtension => facts.refusal.signatory = signatory,
        DocumentKind::Review => {
            facts.review.signatory = signatory;
            facts.review.reasons = vec![String::new()];
        }
        DocumentKind::Decision => {
            facts.decision.signatory = signatory;
            facts.decision.complaint = Some(String::new());
            facts.decision.tribunal_contact = Regulator::standard().tribunal.clone();
            // Every text the analysis of each provision may need, so that filling in the
            // blanks (and choosing each conclusion) is all there is to do.
            let law = foidesk_law::Catalogue::standard();
            facts.decision.analysis = provisions(view)
                .into_iter()
                .map(|p| {
                    let prejudice = law.test_type(&p) == Some(foidesk_law::TestType::Prejudice);
                    Analysis {
                        reasons: Some(String::new()),
                        ncnd: law.is_ncnd_provision(&p).then(String::new),
                        prejudice: prejudice.then(|| Prejudice {
                            interests: Some(String::new()),
                            causal_link: Some(String::new()),
                            likelihood: None,
                        }),
                        public_interest: Some(PublicInterest {
                            for_disclosure: vec![String::new()],
                            against: vec![String::new()],
                            balance: Some(String::new()),
                        }),
                        ..Analysis::about(p)
                    }
                })
                .collect();
        }
    }
    facts
}
