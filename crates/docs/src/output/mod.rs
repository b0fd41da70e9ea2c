//! A document as HTML, Markdown or PDF. Every output escapes the text it is given.

mod html;
mod markdown;
mod metrics;
mod pdf;

use crate::{Document, RenderError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
    Pdf,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Html, Format::Markdown, Format::Pdf];

    /// The name on the command line and the usual file extension.
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Pdf => "pdf",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "html" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Markdown),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }
}

impl Document {
    pub fn to_html(&self) -> String {
        html::write(self)
    }

    pub fn to_markdown(&self) -> String {
        markdown::write(self)
    }

    /// A PDF (A4, Helvetica), built in memory.
    pub fn to_pdf(&self) -> Result<Vec<u8>, RenderError> {
        pdf::write(self)
    }

    /// The document in `format`, as bytes.
    pub fn to_bytes(&self, format: Format) -> Result<Vec<u8>, RenderError> {
        match format {
            Format::Html => Ok(self.to_html().into_bytes()),
            Format::Markdown => Ok(self.to_markdown().into_bytes()),
            Format::Pdf => self.to_pdf(),
        }
    }
}
