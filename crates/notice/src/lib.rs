//! foidesk-notice: what does this decision notice say, as data?
//!
//! [`parse`] reads an Information Commissioner's decision notice (FOIA or EIR, the modern
//! layout or the older "Section 50 Decision Notice") from plain text, Markdown or HTML as PDF
//! converters produce it, and returns a [`NoticeRecord`]: regime, references, date, authority,
//! provisions relied on, NCND, outcome, breaches, steps, timeline, signatory and paragraphs.
//!
//! Invariants:
//! * Pure: no I/O, no clock. The same bytes always give the same record.
//! * Never fails and never panics: any input gives a record (empty if it is not a notice)
//!   plus diagnostics. Invalid UTF-8 is decoded lossily.
//! * Every extracted field keeps the byte span of the input it came from ([`Spans`]); every
//!   span lies within the input.
//! * The JSON form of [`NoticeRecord`] is the contract of `foidesk notice parse --json`:
//!   exactly the fields `file, regime, reference, related_references, date, public_authority,
//!   provisions_cited, ncnd, outcome, breaches, steps_required, steps_days, timeline,
//!   signatory, paragraphs, source_kind, format_era, truncated, sector, decisions, url,
//!   url_reference`, in that order. Spans are not part of it.
//! * Rules are general (headings, phrases, layouts), never per-file answers.

mod api;
mod dates;
mod fields;
mod layout;
mod normalise;
mod page;
#[cfg(feature = "pdf")]
mod pdf;
mod record;
mod sections;

pub use api::{parse_records, record_pages, RecordPage};
pub use page::join::join_page;
#[cfg(feature = "pdf")]
pub use pdf::{extract_pdf_text, parse_pdf, pdf_text, PdfError};
pub use record::{
    DecisionLabel, Diagnostic, Finding, FormatEra, NoticeRecord, Outcome, Paragraph, RegimeSet,
    Signatory, SourceKind, Spans, Timeline,
};

/// How the input is marked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

/// A parse result: the record and what the parser noticed on the way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub record: NoticeRecord,
    pub format: Format,
    pub diagnostics: Vec<Diagnostic>,
}

/// Guesses the format from the first few kilobytes.
pub fn detect_format(input: &[u8]) -> Format {
    let head = &input[..input.len().min(4096)];
    // The fast check first: nearly every head is valid UTF-8.
    let head = match std::str::from_utf8(head) {
        Ok(text) => text.to_ascii_lowercase(),
        Err(_) => String::from_utf8_lossy(head).to_ascii_lowercase(),
    };
    let trimmed = head.trim_start();
    let markup = [
        "<html",
        "<!doctype",
        "<body",
        "<p>",
        "<p ",
        "<h1",
        "<div",
        "<br",
    ];
    // Each probe is a scan of the head; most text has no '<' or '#' at all.
    let has = |b: u8| memchr::memchr(b, head.as_bytes()).is_some();
    if trimmed.starts_with('<') || (has(b'<') && markup.iter().any(|m| head.contains(m))) {
        return Format::Html;
    }
    let md_heading = has(b'#')
        && head.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with("# ")
                || l.starts_with("## ")
                || l.starts_with("### ")
                || l.starts_with("#### ")
        });
    if md_heading || (has(b'*') && head.contains("**")) {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// Whether `input` is a PDF: its signature, "%PDF-", within the first kilobyte (where the
/// PDF specification lets readers find it).
pub fn is_pdf(input: &[u8]) -> bool {
    memchr::memmem::find(&input[..input.len().min(1024)], b"%PDF-").is_some()
}

/// Parses one decision notice in any supported form: a PDF (recognised by its
/// signature), or text, Markdown or HTML.
pub fn parse_any(input: &[u8]) -> Parsed {
    #[cfg(feature = "pdf")]
    if is_pdf(input) {
        return parse_pdf(input);
    }
    parse(input, None)
}

/// Parses one decision notice. `format_hint` overrides detection.
pub fn parse(input: &[u8], format_hint: Option<Format>) -> Parsed {
    let format = format_hint.unwrap_or_else(|| detect_format(input));
    let mut chars = normalise::decode(input);
    let raw_html = (format == Format::Html).then(|| chars.iter().map(|c| c.c).collect::<String>());
    if format == Format::Html {
        chars = normalise::html_to_text(&chars);
    }
    let chars = layout::relayout(chars);
    let doc = sections::build(normalise::clean_lines(&chars));
    let mut diagnostics = Vec::new();
    let page = page::read(&doc, raw_html.as_deref());
    // Tribunal and Scottish decisions carry a "Decision Notice" title too: caught first.
    if let Some(looks) = page.is_none().then(|| page::not_a_notice(&doc)).flatten() {
        diagnostics.push(Diagnostic {
            span: None,
            message: format!("not a decision notice: this looks like {looks}"),
        });
        return Parsed {
            record: NoticeRecord::default(),
            format,
            diagnostics,
        };
    }
    let record = fields::extract(&doc, page.as_ref(), &mut diagnostics);
    Parsed {
        record,
        format,
        diagnostics,
    }
}
