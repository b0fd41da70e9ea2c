//! The record: the JSON contract of `foidesk notice parse --json`, plus byte spans kept aside.

use std::ops::Range;

use foidesk_calendar::Date;
use foidesk_law::ProvisionId;
use serde::{Deserialize, Serialize};

/// Which access regime(s) a notice decides under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegimeSet {
    #[serde(rename = "FOIA")]
    Foia,
    #[serde(rename = "EIR")]
    Eir,
    #[serde(rename = "FOIA+EIR")]
    Both,
}

/// What the Commissioner decided: the law crate's vocabulary, which the
/// case file's decision notice event uses too.
pub use foidesk_law::NoticeOutcome as Outcome;

impl RegimeSet {
    /// The JSON spelling: "FOIA", "EIR" or "FOIA+EIR".
    pub fn as_str(self) -> &'static str {
        match self {
            RegimeSet::Foia => "FOIA",
            RegimeSet::Eir => "EIR",
            RegimeSet::Both => "FOIA+EIR",
        }
    }
}

/// What kind of document a record was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// The decision notice itself (its PDF, or a transcription of it).
    Notice,
    /// The Commissioner's web page for a notice: authority, date, sector, decision labels
    /// and the abstract (HTML, its text, or the website's JSON record).
    NoticePage,
    /// The published abstract alone (BAILII's copy, or a repost).
    Abstract,
}

/// Which of the Commissioner's two notice layouts: "Section 50" notices (before 2012) or
/// the modern layout (from 2012; the 2025 short form included).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormatEra {
    #[serde(rename = "old_section50")]
    OldSection50,
    Modern,
}

/// The Commissioner's finding on one provision, as the published labels word it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    /// "Upheld": the complaint about this provision was upheld.
    Upheld,
    /// "Not upheld".
    NotUpheld,
    /// "Partly upheld".
    PartlyUpheld,
}

/// One published decision label, such as "FOI 36(2)(b)(ii): Not upheld".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionLabel {
    /// The provision in canonical form ("s.36(2)(b)(ii)", "reg.5(2)").
    pub provision: ProvisionId,
    pub finding: Finding,
}

/// First date of each step of the case, as the notice narrates it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    pub request: Option<Date>,
    pub response: Option<Date>,
    pub internal_review_requested: Option<Date>,
    pub internal_review: Option<Date>,
    pub complaint: Option<Date>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signatory {
    pub name: Option<String>,
    pub role: Option<String>,
}

/// One numbered paragraph, under the heading it follows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub number: u32,
    pub heading: Option<String>,
    pub text: String,
}

/// Byte ranges in the original input that each field was read from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spans {
    pub regime: Option<Range<usize>>,
    pub reference: Option<Range<usize>>,
    pub related_references: Vec<Range<usize>>,
    pub date: Option<Range<usize>>,
    pub public_authority: Option<Range<usize>>,
    pub provisions_cited: Vec<Range<usize>>,
    pub ncnd: Option<Range<usize>>,
    pub outcome: Option<Range<usize>>,
    pub breaches: Vec<Range<usize>>,
    pub steps_required: Option<Range<usize>>,
    pub steps_days: Option<Range<usize>>,
    /// request, response, internal_review_requested, internal_review, complaint.
    pub timeline: [Option<Range<usize>>; 5],
    pub signatory_name: Option<Range<usize>>,
    pub signatory_role: Option<Range<usize>>,
    pub paragraphs: Vec<Range<usize>>,
}

impl Spans {
    /// Every span held, for checks that they lie within the input.
    pub fn all(&self) -> Vec<Range<usize>> {
        let singles = [
            &self.regime,
            &self.reference,
            &self.date,
            &self.public_authority,
            &self.ncnd,
            &self.outcome,
            &self.steps_required,
            &self.steps_days,
            &self.signatory_name,
            &self.signatory_role,
        ];
        let mut out: Vec<Range<usize>> = singles.into_iter().flatten().cloned().collect();
        out.extend(self.timeline.iter().flatten().cloned());
        for list in [
            &self.related_references,
            &self.provisions_cited,
            &self.breaches,
            &self.paragraphs,
        ] {
            out.extend(list.iter().cloned());
        }
        out
    }
}

/// What a decision notice says, as data. Field order is the JSON contract.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeRecord {
    pub file: Option<String>,
    pub regime: Option<RegimeSet>,
    pub reference: Option<String>,
    pub related_references: Vec<String>,
    pub date: Option<Date>,
    pub public_authority: Option<String>,
    pub provisions_cited: Vec<ProvisionId>,
    pub ncnd: bool,
    pub outcome: Option<Outcome>,
    pub breaches: Vec<ProvisionId>,
    pub steps_required: bool,
    pub steps_days: Option<u32>,
    pub timeline: Timeline,
    pub signatory: Signatory,
    pub paragraphs: Vec<Paragraph>,
    /// What the record was read from; `None` when the input is not a decision notice.
    pub source_kind: Option<SourceKind>,
    pub format_era: Option<FormatEra>,
    /// The text stops before its end (mid-paragraph, or mid-label).
    pub truncated: bool,
    /// The Commissioner's sector label ("Local government"), from a notice page.
    pub sector: Option<String>,
    /// The published decision labels, one per provision, from a notice page or abstract.
    pub decisions: Vec<DecisionLabel>,
    /// The address the document gives for itself or its notice, when it gives one.
    pub url: Option<String>,
    /// A reference found only in that address (never printed in the text).
    pub url_reference: Option<String>,
    /// Not part of the JSON contract.
    #[serde(skip)]
    pub spans: Spans,
}

/// Something the parser could not read, or read with doubt; `span` is in the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub span: Option<Range<usize>>,
    pub message: String,
}
