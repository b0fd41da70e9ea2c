//! Facts a document needs, by name.
//!
//! A fact id is the path of the fact: `case.…` for what the case file holds (an event or
//! one of its fields), otherwise the TOML path in [`crate::Facts`], with `[provision]`
//! picking the entry about that provision (`refusal.exemption[s.31(3)].reasons`). Each
//! document type declares the facts it may need as patterns (`[*]` for any provision).

use std::fmt;

use serde::Serialize;

use crate::DocumentKind;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct FactId(String);

impl FactId {
    pub fn new(id: impl Into<String>) -> FactId {
        FactId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True for a fact the case file holds rather than the caller's facts.
    pub fn is_case_fact(&self) -> bool {
        self.0.starts_with("case.")
    }

    /// Whether this id is an instance of `pattern`, where `[*]` stands for any `[…]`.
    pub fn matches(&self, pattern: &str) -> bool {
        let mut id = self.0.as_str();
        let mut pieces = pattern.split("[*]");
        let Some(first) = pieces.next() else {
            return false;
        };
        let Some(rest) = id.strip_prefix(first) else {
            return false;
        };
        id = rest;
        for piece in pieces {
            let Some(inner) = id.strip_prefix('[') else {
                return false;
            };
            let Some(close) = inner.find(']') else {
                return false;
            };
            let Some(rest) = inner[close + 1..].strip_prefix(piece) else {
                return false;
            };
            id = rest;
        }
        id.is_empty()
    }
}

impl fmt::Display for FactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for FactId {
    fn from(id: &str) -> FactId {
        FactId::new(id)
    }
}

impl From<String> for FactId {
    fn from(id: String) -> FactId {
        FactId(id)
    }
}

/// One fact a document type may need, and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Need {
    /// The fact id, with `[*]` for any provision.
    pub id: &'static str,
    pub when: &'static str,
}

const fn need(id: &'static str, when: &'static str) -> Need {
    Need { id, when }
}

/// What every letter's frame asks for: the authority's profile and the requester.
macro_rules! frame {
    ($($rest:expr),* $(,)?) => {
        &[
            need("authority.short_name", "always: how the letter names the authority in a sentence"),
            need("authority.address", "always: the letterhead's postal address"),
            need("authority.email", "always: where to reply"),
            need("requester", "always: whom the letter is to"),
            need("requester_address", "always: the address block"),
            need("request_summary", "always: what the request was about"),
            need("authority.signatory.name", "the letter names no signatory of its own"),
            need("authority.signatory.role", "the letter names no signatory of its own"),
            $($rest),*
        ]
    };
}

const REFUSAL: &[Need] = frame![
    need("case.response", "always: the response that refuses"),
    need(
        "refusal.exemption[*].reasons",
        "each provision relied on, unless s.17(4) applies: s.17(1)(c)",
    ),
    need(
        "refusal.exemption[*].reasons_would_disclose",
        "optional: s.17(4), saying why would itself disclose exempt information",
    ),
    need(
        "refusal.exemption[*].likelihood",
        "each FOIA prejudice-based exemption: would, or would be likely to",
    ),
    need(
        "refusal.exemption[*].public_interest.for",
        "each qualified exemption, once the public interest is decided: s.17(3)",
    ),
    need(
        "refusal.exemption[*].public_interest.against",
        "each qualified exemption, once the public interest is decided: s.17(3)",
    ),
    need(
        "refusal.exemption[*].public_interest.balance",
        "each qualified exemption, once the public interest is decided: s.17(3)",
    ),
    need(
        "authority.review_procedure",
        "always: s.17(7)(a), reg.14(5)",
    ),
    need("commissioner.contact", "always: s.17(7)(b), reg.14(5)"),
    need("refusal.signatory.name", "always"),
    need("refusal.signatory.role", "always"),
];

const REVIEW: &[Need] = frame![
    need("case.response", "always: the response reviewed"),
    need("case.internal_review", "always: the review's result"),
    need(
        "review.reasons",
        "always: why the review reached its result",
    ),
    need(
        "review.actions",
        "upheld in part or overturned: what the authority will now do",
    ),
    need("commissioner.contact", "always: the s.50 right to complain"),
    need("review.signatory.name", "always"),
    need("review.signatory.role", "always"),
];

const PIT_EXTENSION: &[Need] = frame![
    need(
        "case.pit_extension",
        "always: the extension this notice gives"
    ),
    need(
        "case.pit_extension.estimate",
        "always: its s.17(2) estimate",
    ),
    need(
        "refusal.exemption[*].reasons",
        "each provision relied on, unless s.17(4) applies: s.17(1)(c)",
    ),
    need(
        "refusal.exemption[*].reasons_would_disclose",
        "optional: s.17(4), saying why would itself disclose exempt information",
    ),
    need(
        "refusal.exemption[*].likelihood",
        "each FOIA prejudice-based exemption: would, or would be likely to",
    ),
    need(
        "refusal.exemption[*].public_interest.for",
        "a provision absolute only in part, where the public interest is argued",
    ),
    need(
        "refusal.exemption[*].public_interest.against",
        "a provision absolute only in part, where the public interest is argued",
    ),
    need(
        "refusal.exemption[*].public_interest.balance",
        "a provision absolute only in part, where the public interest is argued",
    ),
    need("authority.review_procedure", "always: s.17(7)(a)",),
    need("commissioner.contact", "always: s.17(7)(b)"),
    need("refusal.signatory.name", "always"),
    need("refusal.signatory.role", "always"),
];

const ACKNOWLEDGEMENT: &[Need] = frame![
    need(
        "case.response_due",
        "always: when the answer is due (s.10(1))"
    ),
    need("signatory.name", "always"),
    need("signatory.role", "always"),
];

const CLARIFICATION: &[Need] = frame![
    need(
        "case.clarification_sought",
        "always: the clarification this letter asks"
    ),
    need(
        "clarification.questions",
        "always: what the authority needs to know (s.1(3))"
    ),
    need("signatory.name", "always"),
    need("signatory.role", "always"),
];

const FEES_NOTICE: &[Need] = frame![
    need(
        "case.fee_notice",
        "always: the fees notice this letter gives"
    ),
    need("case.fee_notice.amount", "always: the fee (s.9(1))"),
    need("fees.breakdown", "always: how the fee is made up"),
    need("fees.how_to_pay", "always: how to pay"),
    need("signatory.name", "always"),
    need("signatory.role", "always"),
];

const COST_REFUSAL: &[Need] = frame![
    need("cost.estimate", "always: how the cost was estimated (s.12)"),
    need("cost.advice", "always: how to narrow the request (s.16(1))"),
    need("authority.review_procedure", "always: s.17(7)(a)"),
    need("commissioner.contact", "always: s.17(7)(b)"),
    need("signatory.name", "always"),
    need("signatory.role", "always"),
];

const VEXATIOUS_REFUSAL: &[Need] = frame![
    need(
        "vexatious.ground",
        "always: vexatious (s.14(1)) or repeated (s.14(2))"
    ),
    need("vexatious.reasons", "always: why"),
    need("authority.review_procedure", "always: s.17(7)(a)"),
    need("commissioner.contact", "always: s.17(7)(b)"),
    need("signatory.name", "always"),
    need("signatory.role", "always"),
];

const DISCLOSURE: &[Need] = frame![
    need("case.response", "always: the response this letter gives"),
    need(
        "disclosure.enclosures",
        "optional: what is sent with the letter"
    ),
    need(
        "authority.review_procedure",
        "always: how to ask for a review"
    ),
    need("commissioner.contact", "always: the s.50 right to complain"),
    need("signatory.name", "always"),
    need("signatory.role", "always"),
];

const DECISION: &[Need] = &[
    need("case.decision_notice", "always"),
    need("case.decision_notice.outcome", "always"),
    need("case.response", "always"),
    need("case.complaint", "always: the s.50 application"),
    need("request_summary", "always"),
    need("decision.complaint", "always: the complainant's grounds"),
    need(
        "decision.analysis",
        "the response relied on an exemption or exception",
    ),
    need(
        "decision.analysis[*].conclusion",
        "each provision considered",
    ),
    need("decision.analysis[*].reasons", "each provision considered"),
    need(
        "decision.analysis[*].engaged",
        "a provision not upheld: whether it was engaged",
    ),
    need(
        "decision.analysis[*].ncnd",
        "a neither-confirm-nor-deny provision",
    ),
    need(
        "decision.analysis[*].prejudice.interests",
        "a prejudice-based provision",
    ),
    need(
        "decision.analysis[*].prejudice.causal_link",
        "a prejudice-based provision",
    ),
    need(
        "decision.analysis[*].prejudice.likelihood",
        "a prejudice-based provision found engaged (FOIA)",
    ),
    need(
        "decision.analysis[*].public_interest.for",
        "a qualified provision found engaged",
    ),
    need(
        "decision.analysis[*].public_interest.against",
        "a qualified provision found engaged",
    ),
    need(
        "decision.analysis[*].public_interest.balance",
        "a qualified provision found engaged",
    ),
    need(
        "decision.breach[*]",
        "a breach the assessment does not explain",
    ),
    need(
        "decision.tribunal_contact",
        "always: s.50(5) appeal particulars",
    ),
    need("commissioner.contact", "always"),
    need("decision.signatory.name", "always"),
    need("decision.signatory.role", "always"),
];

impl DocumentKind {
    /// The facts this document type may need, with when each is needed.
    pub fn needs(self) -> &'static [Need] {
        match self {
            DocumentKind::Acknowledgement => ACKNOWLEDGEMENT,
            DocumentKind::Clarification => CLARIFICATION,
            DocumentKind::FeesNotice => FEES_NOTICE,
            DocumentKind::CostRefusal => COST_REFUSAL,
            DocumentKind::VexatiousRefusal => VEXATIOUS_REFUSAL,
            DocumentKind::PitExtension => PIT_EXTENSION,
            DocumentKind::Refusal => REFUSAL,
            DocumentKind::Disclosure => DISCLOSURE,
            DocumentKind::Review => REVIEW,
            DocumentKind::Decision => DECISION,
        }
    }

    /// Whether `id` is one of the facts this document type declares.
    pub fn declares(self, id: &FactId) -> bool {
        self.needs().iter().any(|n| id.matches(n.id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        let id = FactId::new("refusal.exemption[s.31(3)].public_interest.for");
        assert!(id.matches("refusal.exemption[*].public_interest.for"));
        assert!(!id.matches("refusal.exemption[*].public_interest.against"));
        assert!(!id.matches("refusal.exemption"));
        assert!(FactId::new("requester").matches("requester"));
        assert!(FactId::new("decision.breach[s.10(1)]").matches("decision.breach[*]"));
        assert!(!FactId::new("decision.breach").matches("decision.breach[*]"));
    }
}
