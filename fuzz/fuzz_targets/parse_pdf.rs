//! Fuzz target: the PDF path (our text layer over lopdf, then the text parser) never panics,
//! and every span lies within the extracted text.
#![no_main]

use foidesk_notice::parse_pdf;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parsed = parse_pdf(data);
    let _ = parsed.record.spans.all();
});
