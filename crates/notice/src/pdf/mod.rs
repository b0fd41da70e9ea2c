//! PDF input: lopdf (pure Rust) reads the file; our own text layer interprets the page
//! content streams (fonts, ToUnicode maps, positions) and lays the text out as lines,
//! then the text parser reads it.
//!
//! Spans of a PDF parse index the extracted text ([`pdf_text`]), not the PDF bytes.

mod cmap;
mod content;
mod encoding;
mod font;
mod layout;
mod load;
mod ops;

use crate::record::Diagnostic;
use crate::{parse, Format, Parsed};
use std::fmt;

/// Why no text came out of a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PdfError {
    /// The bytes are not a PDF that lopdf can read.
    Unreadable,
    /// The PDF is encrypted and opening it with an empty password failed.
    Encrypted,
    /// The PDF exceeds a limit set to bound work and memory on hostile input.
    TooLarge(&'static str),
    /// The PDF has pages but no text on them: a scan, or text drawn as shapes.
    NoTextLayer,
    /// The PDF reader failed unexpectedly (a panic, contained).
    ReaderFailed,
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unreadable => f.write_str("could not read the file as a PDF"),
            Self::Encrypted => f.write_str("the PDF is encrypted"),
            Self::TooLarge(what) => write!(f, "the PDF is too large to read: {what}"),
            Self::NoTextLayer => f.write_str("the PDF has no text layer (scanned?)"),
            Self::ReaderFailed => f.write_str("the PDF reader failed on this file"),
        }
    }
}

impl std::error::Error for PdfError {}

/// The text of the PDF as lines, top to bottom, paragraphs separated by a blank line,
/// with running headers and footers of later pages dropped.
pub fn extract_pdf_text(bytes: &[u8]) -> Result<String, PdfError> {
    // lopdf is third-party code parsing untrusted input: contain any panic so that this
    // function, like `parse`, never panics.
    std::panic::catch_unwind(|| {
        let doc = load::load(bytes)?;
        let pages = content::pages(&doc)?;
        let text = layout::document_text(&pages);
        if text.trim().is_empty() {
            return Err(PdfError::NoTextLayer);
        }
        Ok(text)
    })
    .unwrap_or(Err(PdfError::ReaderFailed))
}

/// The text of every page, in page order; `None` if no text could be read.
pub fn pdf_text(bytes: &[u8]) -> Option<String> {
    extract_pdf_text(bytes).ok()
}

/// Parses a decision notice given as a PDF file.
pub fn parse_pdf(bytes: &[u8]) -> Parsed {
    match extract_pdf_text(bytes) {
        Ok(text) => parse(text.as_bytes(), Some(Format::Text)),
        Err(e) => {
            let mut p = parse(b"", Some(Format::Text));
            p.diagnostics.insert(
                0,
                Diagnostic {
                    span: None,
                    message: e.to_string(),
                },
            );
            p
        }
    }
}
