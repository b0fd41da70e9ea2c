//! Fuzz target: files of the website's JSON records. Reading never panics; each record
//! parses to the same record as its rendered page text, with spans inside that text.
#![no_main]

use foidesk_notice::{parse, parse_records, record_pages, Format, RecordPage};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (Some(pages), Some(parsed)) = (record_pages(data), parse_records(data)) else {
        assert!(parse_records(data).is_none());
        return;
    };
    assert_eq!(pages.len(), parsed.len());
    for (page, p) in pages.iter().zip(&parsed) {
        if let RecordPage::Page(text) = page {
            assert_eq!(parse(text.as_bytes(), Some(Format::Text)).record, p.record);
            for span in p.record.spans.all() {
                assert!(span.start <= span.end && span.end <= text.len());
            }
        }
    }
});
