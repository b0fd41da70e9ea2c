//! Fuzz target: PDF text extraction alone (fonts, CMaps, content streams, layout) never
//! panics and stays within its limits; faster per input than `parse_pdf`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = foidesk_notice::extract_pdf_text(data);
});
