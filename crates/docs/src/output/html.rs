//! HTML: one self-contained page. All text is escaped; nothing from a case or a facts file
//! can add markup.

use std::fmt::Write;

use crate::model::{Block, Document};

const STYLE: &str = "body{font-family:Helvetica,Arial,sans-serif;max-width:46em;margin:2em auto;\
line-height:1.45;padding:0 1em}p.numbered{display:flex;gap:.75em}\
p.numbered .number{min-width:2em}dl{display:grid;grid-template-columns:max-content auto;gap:.25em 1em}\
dt{font-weight:bold}dd{margin:0}.lines{white-space:normal}";

pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn write(doc: &Document) -> String {
    let mut out = String::new();
    let title = escape(&doc.title);
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>"
    );
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let level = (*level).clamp(2, 6);
                let _ = writeln!(out, "<h{level}>{}</h{level}>", escape(text));
            }
            Block::Fields { fields } => {
                out.push_str("<dl>\n");
                for (k, v) in fields {
                    let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(v));
                }
                out.push_str("</dl>\n");
            }
            Block::Paragraph {
                number: Some(n),
                text,
            } => {
                let _ = writeln!(
                    out,
                    "<p class=\"numbered\" id=\"para-{n}\"><span class=\"number\">{n}.</span><span>{}</span></p>",
                    escape(text)
                );
            }
            Block::Paragraph { number: None, text } => {
                let _ = writeln!(out, "<p>{}</p>", escape(text));
            }
            Block::List { items } => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", escape(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Lines { lines } => {
                let lines: Vec<String> = lines.iter().map(|l| escape(l)).collect();
                let _ = writeln!(out, "<p class=\"lines\">{}</p>", lines.join("<br>\n"));
            }
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::escape("<script>\"x\" & 'y'</script>"),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }
}
