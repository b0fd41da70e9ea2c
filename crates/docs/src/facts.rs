//! The facts a case file does not hold: what the people writing a document decide or know
//! (why an exemption applies, the public interest arguments, the reviewer's reasons, who
//! signs, where to write). The web form or the engine fills this in; it reads from TOML.
//!
//! Every field is optional here: a document that needs an absent one says so by name
//! ([`crate::Missing`]) instead of printing a blank.

use foidesk_calendar::Date;
use foidesk_law::ProvisionId;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// Whom letters are addressed to (else the case file's requester).
    pub requester: Option<String>,
    /// The requester's address as the letter's address block shows it, one line each
    /// (postal lines, or an email address).
    #[serde(default)]
    pub requester_address: Vec<String>,
    /// What the request was about, in a phrase ("the apps on officers' phones").
    pub request_summary: Option<String>,
    /// The date the letter bears; else the date of the event it records (the response,
    /// the extension, the review), or for an acknowledgement the date the request came in.
    pub date: Option<Date>,
    /// Who signs the letters that have no signatory of their own (acknowledgement,
    /// clarification, fees, refusals on cost or as vexatious, disclosure); else the
    /// authority's usual signatory.
    #[serde(default)]
    pub signatory: Signatory,
    #[serde(default)]
    pub authority: AuthorityFacts,
    #[serde(default)]
    pub commissioner: CommissionerFacts,
    #[serde(default)]
    pub refusal: RefusalFacts,
    #[serde(default)]
    pub review: ReviewFacts,
    #[serde(default)]
    pub decision: DecisionFacts,
    #[serde(default)]
    pub clarification: ClarificationFacts,
    #[serde(default)]
    pub fees: FeesFacts,
    #[serde(default)]
    pub cost: CostFacts,
    #[serde(default)]
    pub vexatious: VexatiousFacts,
    #[serde(default)]
    pub disclosure: DisclosureFacts,
}

/// A clarification request (FOIA s.1(3); EIR reg.9(2)).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ClarificationFacts {
    /// What the authority needs to know to find the information, one question each.
    #[serde(default)]
    pub questions: Vec<String>,
}

/// A fees notice (FOIA s.9).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FeesFacts {
    /// How the fee is made up, one item each ("Photocopying 120 pages at 10p: £12.00").
    #[serde(default)]
    pub breakdown: Vec<String>,
    /// How to pay.
    pub how_to_pay: Option<String>,
}

/// A refusal on cost (FOIA s.12, with advice and assistance under s.16).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CostFacts {
    /// How the authority estimated the cost: the activities and the time each takes.
    pub estimate: Option<String>,
    /// Advice on how the request could be narrowed to come within the limit (s.16).
    #[serde(default)]
    pub advice: Vec<String>,
}

/// Why a request is refused as vexatious (s.14(1)) or repeated (s.14(2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VexatiousGround {
    Vexatious,
    Repeated,
}

/// A refusal as vexatious or repeated (FOIA s.14).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VexatiousFacts {
    pub ground: Option<VexatiousGround>,
    /// Why the request is vexatious, or which earlier request it repeats and when it was
    /// answered.
    pub reasons: Option<String>,
}

/// A disclosure letter.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureFacts {
    /// What is sent with the letter, one document each (optional).
    #[serde(default)]
    pub enclosures: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorityFacts {
    /// How running text names the authority ("Kent Police"); the case file's full name
    /// ("Chief Constable of Kent Police") heads documents and signs letters.
    pub short_name: Option<String>,
    /// Postal address lines: the letterhead of every letter, and a decision notice's.
    #[serde(default)]
    pub address: Vec<String>,
    /// How to ask for an internal review (s.17(7)(a)) or make EIR representations (reg.11).
    pub review_procedure: Option<String>,
    /// A line above the authority's name at the head of its letters (a team, a motto).
    pub letterhead: Option<String>,
    /// The email address letters give for replies.
    pub email: Option<String>,
    /// Who handles requests ("Freedom of Information Team"), named under the address.
    pub foi_contact: Option<String>,
    /// Who signs letters when the letter names nobody else.
    #[serde(default)]
    pub signatory: Signatory,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CommissionerFacts {
    /// How to reach the Information Commissioner (s.17(7)(b)): one line each.
    #[serde(default)]
    pub contact: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    pub name: Option<String>,
    pub role: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RefusalFacts {
    #[serde(default)]
    pub signatory: Signatory,
    /// One entry per provision relied on, as the response (or extension) names it.
    #[serde(default)]
    pub exemption: Vec<ExemptionFacts>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExemptionFacts {
    pub provision: ProvisionId,
    /// Why the provision applies (s.17(1)(c); reg.14(3)).
    pub reasons: Option<String>,
    /// s.17(4): saying why would itself disclose exempt information.
    #[serde(default)]
    pub reasons_would_disclose: bool,
    /// For a prejudice-based FOIA exemption: the level of likelihood relied on.
    pub likelihood: Option<Likelihood>,
    pub public_interest: Option<PublicInterest>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Likelihood {
    Would,
    WouldBeLikely,
}

impl Likelihood {
    /// The verb phrase: "would" / "would be likely to".
    pub fn phrase(self) -> &'static str {
        match self {
            Likelihood::Would => "would",
            Likelihood::WouldBeLikely => "would be likely to",
        }
    }
}

/// The public interest test: the arguments each way and the weighing.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PublicInterest {
    /// For disclosure (or for confirming or denying).
    #[serde(default, rename = "for")]
    pub for_disclosure: Vec<String>,
    /// For maintaining the exemption (or the exclusion of the duty to confirm or deny).
    #[serde(default)]
    pub against: Vec<String>,
    pub balance: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewFacts {
    #[serde(default)]
    pub signatory: Signatory,
    /// Why the review reached its result, one paragraph each.
    #[serde(default)]
    pub reasons: Vec<String>,
    /// Upheld in part or overturned: what the authority will now do.
    #[serde(default)]
    pub actions: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionFacts {
    #[serde(default)]
    pub signatory: Signatory,
    /// The complainant's grounds, summarised.
    pub complaint: Option<String>,
    /// The Commissioner's analysis, one entry per provision (or group considered together).
    #[serde(default)]
    pub analysis: Vec<Analysis>,
    /// Why a breach was found, where the assessment does not already say (keyed by provision).
    #[serde(default)]
    pub breach: std::collections::BTreeMap<String, String>,
    /// Anything else the Commissioner wants to say, one paragraph each.
    #[serde(default)]
    pub other_matters: Vec<String>,
    /// How to reach the Tribunal (s.50(5)): one line each.
    #[serde(default)]
    pub tribunal_contact: Vec<String>,
    /// The Commissioner's reference, if the case file has none.
    pub reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Analysis {
    /// The provisions considered together; the first names the entry in fact ids.
    pub provisions: Vec<ProvisionId>,
    pub conclusion: Option<Conclusion>,
    /// The Commissioner's reasons for the conclusion.
    pub reasons: Option<String>,
    /// For a provision not upheld: whether it was engaged (so the public interest decided it).
    pub engaged: Option<bool>,
    /// The reference of a decision whose analysis this one adopts.
    pub adopted_from: Option<String>,
    /// What confirming or denying would itself reveal.
    pub ncnd: Option<String>,
    pub prejudice: Option<Prejudice>,
    pub public_interest: Option<PublicInterest>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Conclusion {
    /// The authority was entitled to rely on it.
    Upheld,
    NotUpheld,
    /// Not needed once another provision decided the matter.
    NotConsidered,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Prejudice {
    /// The applicable interests: what the provision protects and how the harm relates to it.
    pub interests: Option<String>,
    /// The causal link between disclosure (or confirmation) and real, actual harm.
    pub causal_link: Option<String>,
    pub likelihood: Option<Likelihood>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("facts file: {0}")]
pub struct FactsError(String);

impl Facts {
    /// Reads facts from TOML text; an unknown field is refused, naming it.
    pub fn from_toml(text: &str) -> Result<Facts, FactsError> {
        toml::from_str(text).map_err(|e| FactsError(e.to_string()))
    }

    pub(crate) fn exemption(&self, id: &ProvisionId) -> Option<&ExemptionFacts> {
        self.refusal.exemption.iter().find(|e| &e.provision == id)
    }
}

impl Analysis {
    /// The id that names this entry in fact ids (its first provision).
    pub fn key(&self) -> String {
        self.provisions
            .first()
            .map_or_else(String::new, ProvisionId::to_string)
    }
}
