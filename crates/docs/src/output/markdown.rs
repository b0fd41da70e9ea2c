//! Markdown (CommonMark): numbered paragraphs as ordered items, lists nested under them.
//! Text is escaped so that nothing in it becomes markup.

use crate::model::{Block, Document};

/// Escapes CommonMark punctuation, and a line start that would begin a block.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '{' | '}' | '!'
        ) {
            out.push('\\');
        }
        if c == '\n' || c == '\r' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    // "1. x", "- x", "+ x" and "=" at the start would make a list or a heading.
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    let after = out.as_bytes().get(digits).copied();
    if (digits > 0 && matches!(after, Some(b'.' | b')')))
        || matches!(out.as_bytes().first(), Some(b'-' | b'+' | b'='))
    {
        let at = if digits > 0 { digits } else { 0 };
        out.insert(at, '\\');
    }
    out
}

pub(super) fn write(doc: &Document) -> String {
    let mut out = format!("# {}\n", escape(&doc.title));
    let mut in_numbered = false;
    for block in &doc.blocks {
        out.push('\n');
        match block {
            Block::Heading { level, text } => {
                let level = usize::from((*level).clamp(2, 6));
                out.push_str(&format!("{} {}\n", "#".repeat(level), escape(text)));
                in_numbered = false;
            }
            Block::Fields { fields } => {
                for (k, v) in fields {
                    out.push_str(&format!("**{}:** {}  \n", escape(k), escape(v)));
                }
                in_numbered = false;
            }
            Block::Paragraph { number, text } => {
                match number {
                    Some(n) => out.push_str(&format!("{n}. {}\n", escape(text))),
                    None => out.push_str(&format!("{}\n", escape(text))),
                }
                in_numbered = number.is_some();
            }
            Block::List { items } => {
                let indent = if in_numbered { "   " } else { "" };
                for item in items {
                    out.push_str(&format!("{indent}- {}\n", escape(item)));
                }
            }
            Block::Lines { lines } => {
                let lines: Vec<String> = lines.iter().map(|l| escape(l)).collect();
                out.push_str(&lines.join("  \n"));
                out.push('\n');
                in_numbered = false;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a *b* [c](d) <e>"), "a \\*b\\* \\[c\\](d) \\<e\\>");
        assert_eq!(escape("2018. A year"), "2018\\. A year");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
    }
}
