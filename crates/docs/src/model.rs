//! The rendered document, before it becomes HTML, Markdown or PDF: headings, numbered
//! paragraphs, lists and blocks of lines. Text is plain; each output escapes it.

use foidesk_law::ProvisionId;
use serde::Serialize;

use crate::fact::FactId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// FOIA s.17 / EIR reg.14 refusal notice (including the s.17(2) extension notice).
    Refusal,
    /// The outcome of an internal review (EIR: reconsideration under reg.11).
    Review,
    /// The Commissioner's decision notice (s.50).
    Decision,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 3] = [
        DocumentKind::Refusal,
        DocumentKind::Review,
        DocumentKind::Decision,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Refusal => "refusal",
            DocumentKind::Review => "review",
            DocumentKind::Decision => "decision",
        }
    }

    pub fn from_name(name: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.name() == name)
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
