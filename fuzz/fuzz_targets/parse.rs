//! Fuzz target: `parse` never panics and keeps every span within its input, whatever the
//! bytes and format hint (the first byte picks the hint).
#![no_main]

use foidesk_notice::{parse, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (hint, input) = match data.split_first() {
        Some((&b, rest)) => (
            match b % 4 {
                0 => None,
                1 => Some(Format::Text),
                2 => Some(Format::Markdown),
                _ => Some(Format::Html),
            },
            rest,
        ),
        None => (None, data),
    };
    let parsed = parse(input, hint);
    for span in parsed.record.spans.all() {
        assert!(span.start <= span.end && span.end <= input.len());
    }
});
