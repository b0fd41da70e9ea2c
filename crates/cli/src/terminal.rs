//! Text from files or the store, made safe to print: a file name or a
//! paragraph holding an escape sequence must not drive the terminal.

use std::borrow::Cow;

/// `text` with every control character (C0, DEL, C1) and bidirectional
/// formatting character written as a visible escape (`\u{1b}`, `\n`).
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Controls, and the characters that reorder text on screen (embeddings,
/// overrides, isolates and marks), which can disguise what is shown.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn finding_9_control_and_bidi_characters_are_escaped() {
        let cases = [
            ("plain name.txt", "plain name.txt"),
            ("\u{1b}[31mred", "\\u{1b}[31mred"),
            ("a\nb\tc\r", "a\\nb\\tc\\r"),
            ("\u{9b}2J", "\\u{9b}2J"),
            ("abc\u{202e}txt.exe", "abc\\u{202e}txt.exe"),
            ("café ¶ «x»", "café ¶ «x»"),
        ];
        for (raw, shown) in cases {
            assert_eq!(printable(raw), shown, "{raw:?}");
        }
    }
}
