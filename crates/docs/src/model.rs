//! The rendered document, before it becomes HTML, Markdown or PDF: headings, numbered
//! paragraphs, lists and blocks of lines. Text is plain; each output escapes it.

use foidesk_law::ProvisionId;
use serde::{Deserialize, Serialize};

use crate::fact::FactId;

foidesk_law::vocabulary! {
    /// The documents foidesk writes: the authority's letters, in the order a case meets
    /// them, and the Commissioner's decision notice.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum DocumentKind {
        /// That the request arrived, and when the answer is due (s.10(1); EIR reg.5(2)).
        Acknowledgement = "acknowledgement", "acknowledgement";
        /// Asking for what is needed to find the information (s.1(3); EIR reg.9(2)).
        Clarification = "clarification", "clarification request";
        /// A fees notice (s.9).
        FeesNotice = "fees_notice", "fees notice";
        /// Refusing on cost (s.12, s.17(5)) with advice and assistance (s.16).
        CostRefusal = "cost_refusal", "refusal on cost";
        /// Refusing as vexatious or repeated (s.14, s.17(5)).
        VexatiousRefusal = "vexatious_refusal", "refusal as vexatious or repeated";
        /// More time to consider the public interest (s.17(2), s.10(3)).
        PitExtension = "public_interest_extension", "public interest extension";
        /// FOIA s.17 / EIR reg.14 refusal notice.
        Refusal = "refusal", "refusal notice";
        /// The answer when nothing is refused: part-by-part outcomes.
        Disclosure = "disclosure", "disclosure letter";
        /// The outcome of an internal review (EIR: reconsideration under reg.11).
        Review = "review", "internal review outcome";
        /// The Commissioner's decision notice (s.50).
        Decision = "decision", "decision notice";
    }
}

impl DocumentKind {
    /// The wire name (as `as_str`), kept for callers that use this name.
    pub fn name(self) -> &'static str {
        self.as_str()
    }

    /// Whether the authority writes it to the requester (every kind but the decision notice).
    pub fn is_letter(self) -> bool {
        self != DocumentKind::Decision
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub kind: DocumentKind,
    pub title: String,
    pub blocks: Vec<Block>,
    /// Every fact the document was built from, in order of first use.
    pub facts_used: Vec<FactId>,
    /// The statutory requirements the document's content meets (e.g. `s.17(7)(a)`).
    pub meets: Vec<ProvisionId>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "block", rename_all = "snake_case")]
pub enum Block {
    /// Level 2 heads a section, level 3 a part of one.
    Heading {
        level: u8,
        text: String,
    },
    /// Label and value pairs (date, authority, reference).
    Fields {
        fields: Vec<(String, String)>,
    },
    /// A paragraph; decision notices number theirs.
    Paragraph {
        number: Option<u32>,
        text: String,
    },
    List {
        items: Vec<String>,
    },
    /// Lines kept as they are (an address, a signature).
    Lines {
        lines: Vec<String>,
    },
}

impl Document {
    /// All the document's text, one block a line: for tests and search.
    pub fn plain_text(&self) -> String {
        let mut out = vec![self.title.clone()];
        for b in &self.blocks {
            match b {
                Block::Heading { text, .. } => out.push(text.clone()),
                Block::Fields { fields } => {
                    out.extend(fields.iter().map(|(k, v)| format!("{k}: {v}")));
                }
                Block::Paragraph { number, text } => out.push(match number {
                    Some(n) => format!("{n}. {text}"),
                    None => text.clone(),
                }),
                Block::List { items } => out.extend(items.iter().map(|i| format!("- {i}"))),
                Block::Lines { lines } => out.extend(lines.iter().cloned()),
            }
        }
        out.join("\n")
    }
}
