//! Fuzz target: notice pages and abstracts (text or HTML; the first byte picks which).
//! Reading never panics, every span lies within the input, and joining the record to
//! itself as a page never panics and finds no disagreement.
#![no_main]

use foidesk_notice::{join_page, parse, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (hint, input) = match data.split_first() {
        Some((&b, rest)) => (
            if b % 2 == 0 {
                Format::Text
            } else {
                Format::Html
            },
            rest,
        ),
        None => (Format::Text, data),
    };
    let parsed = parse(input, Some(hint));
    for span in parsed.record.spans.all() {
        assert!(span.start <= span.end && span.end <= input.len());
    }
    let mut entry = parsed.record.clone();
    assert!(join_page(&mut entry, &parsed.record).is_empty());
});
