//! What can stop a document from being rendered.

use std::fmt;

use serde::Serialize;

use crate::fact::FactId;

/// The facts a document needs and did not get, every one of them at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    pub facts: Vec<FactId>,
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.facts.iter().map(FactId::as_str).collect();
        write!(f, "missing facts: {}", names.join(", "))
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RenderError {
    /// Facts the document needs are absent: never a letter with blanks.
    #[error("{0}")]
    Missing(Missing),
    /// A fact is present but cannot be used (an unknown provision, a conflict with the case).
    #[error("{fact}: {message}")]
    Invalid { fact: FactId, message: String },
    /// The case calls for no such document (e.g. a refusal notice for a full disclosure).
    #[error("{0}")]
    NotApplicable(String),
    /// A date the document states could not be computed (out of range, no parameter in force).
    #[error("cannot compute {what}: {message}")]
    Date { what: &'static str, message: String },
    /// A defect in foidesk's own templates (tests keep this from happening).
    #[error("template {key}: {message}")]
    Template { key: String, message: String },
    #[error("cannot write the PDF: {0}")]
    Pdf(String),
}

impl RenderError {
    /// The missing facts, if that is why rendering failed.
    pub fn missing(&self) -> Option<&[FactId]> {
        match self {
            RenderError::Missing(m) => Some(&m.facts),
            _ => None,
        }
    }
}
