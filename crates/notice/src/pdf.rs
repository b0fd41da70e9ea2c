//! PDF input: text is extracted with lopdf (pure Rust), then parsed as plain text.
//!
//! Spans of a PDF parse index the extracted text ([`pdf_text`]), not the PDF bytes.

use crate::record::Diagnostic;
use crate::{parse, Format, Parsed};

/// The text of every page, in page order; `None` if the bytes are not a readable PDF.
pub fn pdf_text(bytes: &[u8]) -> Option<String> {
    // lopdf is third-party code parsing untrusted input: contain any panic so that this
    // function, like `parse`, never panics.
    std::panic::catch_unwind(|| {
        let doc = lopdf::Document::load_mem(bytes).ok()?;
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        doc.extract_text(&pages).ok()
    })
    .ok()
    .flatten()
}

/// Parses a decision notice given as a PDF file.
pub fn parse_pdf(bytes: &[u8]) -> Parsed {
    match pdf_text(bytes) {
        Some(text) => parse(text.as_bytes(), Some(Format::Text)),
        None => {
            let mut p = parse(b"", Some(Format::Text));
            p.diagnostics.insert(
                0,
                Diagnostic {
                    span: None,
                    message: "could not read text from the PDF".into(),
                },
            );
            p
        }
    }
}
