//! Fuzz target: the likeness normaliser never panics, is stable on its own output, and the
//! keys, bands and comparison of whatever it makes never panic either.
#![no_main]

use foidesk_likeness::{bands, compare, exact_key, normalise, related_bands, signature, Names};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let names = Names::new([
        "Kent Police",
        "the Met",
        "Police Service of Northern Ireland",
    ]);
    let n = normalise(&text, &names);
    let again = normalise(&n.text, &names);
    assert_eq!(again.text, n.text);
    let _ = exact_key(&n);
    let sig = signature(&n);
    let _ = (bands(&sig), related_bands(&sig));
    let _ = compare(&n, &again);
});
