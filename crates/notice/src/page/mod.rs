//! The Commissioner's notice pages and published abstracts (ico.org.uk pages as HTML or
//! text, BAILII's UKICO copies, reposts), and documents that are not notices at all.
//!
//! [`read`] says what a page states about itself beside its prose: the authority in its
//! title, the date, the sector, the decision labels and the address. The prose itself (the
//! abstract) is read by `fields`, like a notice's own decision summary.

use std::ops::Range;

use foidesk_calendar::Date;

use crate::record::{DecisionLabel, SourceKind};
use crate::sections::Doc;

/// What a notice page or an abstract says about itself. Ranges index `doc.text`.
#[derive(Clone, Debug, Default)]
pub(crate) struct PageMeta {
    /// `NoticePage` or `Abstract`; `None` only in `Default`.
    pub kind: Option<SourceKind>,
    pub authority: Option<(String, Range<usize>)>,
    pub date: Option<(Date, Range<usize>)>,
    pub sector: Option<String>,
    pub decisions: Vec<DecisionLabel>,
    pub url: Option<String>,
    pub url_reference: Option<String>,
    /// The year in the address (ICO and BAILII addresses carry one), for undated pages.
    pub url_year: Option<i16>,
    /// Lines that are metadata or site furniture, not the abstract's prose.
    pub furniture: Vec<Range<usize>>,
}

/// The page's metadata, or `None` when `doc` is not a notice page or an abstract
/// (a notice itself, or something else). `raw_html` is the input before HTML was
/// turned into text, when it was HTML.
pub(crate) fn read(doc: &Doc, raw_html: Option<&str>) -> Option<PageMeta> {
    // DEV ONLY (replaced by the pages branch)
    let _ = raw_html;
    if doc.title.is_some() {
        return None;
    }
    let l = doc.text.to_ascii_lowercase();
    if !l.contains("commissioner") {
        return None;
    }
    let mut m = PageMeta {
        kind: Some(SourceKind::Abstract),
        ..Default::default()
    };
    for r in &doc.lines {
        let t = &doc.text[r.clone()];
        if t.starts_with("Source:")
            || t.starts_with("Section of Act")
            || t.starts_with("Powered by")
            || t.starts_with("Date ")
            || t.starts_with("Sector ")
            || t.starts_with("Decision(s)")
            || t.starts_with("Skip to")
        {
            m.furniture.push(r.clone());
        }
        if t.starts_with("Source:") {
            m.url = t.strip_prefix("Source:").map(|u| u.trim().to_string());
            m.url_year = t
                .split('/')
                .filter_map(|p| p.parse::<i16>().ok())
                .find(|y| (2000..2100).contains(y));
        }
    }
    Some(m)
}

/// What a document that is not a decision notice looks like ("a tribunal decision"), when
/// it resembles something known.
pub(crate) fn not_a_notice(doc: &Doc) -> Option<&'static str> {
    let _ = doc;
    None
}
