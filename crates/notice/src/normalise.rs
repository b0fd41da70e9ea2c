//! Normalisation: bytes to clean lines, every char remembering the input bytes it came from.
//!
//! Converters disagree on quotes, bullets, list markers and page furniture; everything
//! downstream matches one plain form, so the differences are removed here.

/// One char of normalised text and the input byte range it stands for.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ch {
    pub c: char,
    /// Input offsets; u32 keeps `Ch` small (offsets past 4 GiB saturate, staying in bounds).
    pub s: u32,
    pub e: u32,
}

fn off(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Lossy UTF-8 decoding with typographic variants folded to ASCII where matching needs it.
pub(crate) fn decode(input: &[u8]) -> Vec<Ch> {
    let mut out = Vec::with_capacity(input.len());
    // Valid UTF-8 (nearly every notice) is checked in one fast pass.
    if let Ok(text) = std::str::from_utf8(input) {
        decode_valid(text, 0, &mut out);
        return out;
    }
    let mut pos = 0;
    for chunk in input.utf8_chunks() {
        decode_valid(chunk.valid(), pos, &mut out);
        pos += chunk.valid().len();
        let bad = chunk.invalid().len();
        if bad > 0 {
            out.push(Ch {
                c: '\u{FFFD}',
                s: off(pos),
                e: off(pos + bad),
            });
            pos += bad;
        }
    }
    out
}

/// `text` starts at input byte `pos`.
fn decode_valid(text: &str, pos: usize, out: &mut Vec<Ch>) {
    let bytes = text.as_bytes();
    let printable = |b: u8| matches!(b, b' '..=b'~') | (b == b'\n');
    let mut i = 0;
    while i < bytes.len() {
        // Most of a notice is printable ASCII: 16 bytes at a time, tested
        // without branches, copy straight across.
        while let Some(block) = bytes.get(i..i + 16) {
            if !block.iter().fold(true, |ok, &b| ok & printable(b)) {
                break;
            }
            let start = off(pos + i);
            out.extend(block.iter().zip(start..).map(|(&b, s)| Ch {
                c: char::from(b),
                s,
                e: s.saturating_add(1),
            }));
            i += 16;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        if let Some(c) = fold(c) {
            out.push(Ch {
                c,
                s: off(pos + i),
                e: off(pos + i + c.len_utf8()),
            });
        }
        i += c.len_utf8();
    }
}

/// `None` drops the char (superscript footnote markers, zero-width and control chars).
fn fold(c: char) -> Option<char> {
    if c.is_ascii_graphic() || c == ' ' || c == '\n' {
        return Some(c);
    }
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{A0}' | '\t' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        '\u{C}' | '\u{B}' | '\u{2028}' | '\u{2029}' => '\n',
        '\u{B9}' | '\u{B2}' | '\u{B3}' | '\u{2070}'..='\u{2079}' => return None,
        '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\r' => return None,
        c if c.is_control() && c != '\n' => return None,
        c => c,
    })
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "table",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "main",
    "title",
    "td",
    "th",
];

/// HTML to text: block tags become line breaks, other tags vanish, entities are decoded,
/// script and style bodies are skipped. Source newlines are soft, as in a browser.
pub(crate) fn html_to_text(chars: &[Ch]) -> Vec<Ch> {
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    let mut skip_until: Option<&str> = None;
    // One buffer for every tag's text: tags are frequent, allocations are not free.
    let mut tag_buf = String::new();
    while i < chars.len() {
        let ch = chars[i];
        if ch.c == '<' {
            let close = chars[i..].iter().position(|c| c.c == '>').map(|p| i + p);
            let Some(close) = close else {
                break;
            };
            tag_buf.clear();
            tag_buf.extend(chars[i + 1..close].iter().map(|c| c.c.to_ascii_lowercase()));
            let tag = tag_buf.trim();
            let bare = tag.trim_start_matches('/');
            let name_len = bare
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '!'))
                .unwrap_or(bare.len());
            let name = &bare[..name_len];
            if let Some(end) = skip_until {
                if tag.starts_with('/') && name == end {
                    skip_until = None;
                }
            } else if (name == "script" || name == "style") && !tag.starts_with('/') {
                skip_until = Some(if name == "script" { "script" } else { "style" });
            } else if BLOCK_TAGS.contains(&name) {
                let sep = if name == "td" || name == "th" {
                    ' '
                } else {
                    '\n'
                };
                out.push(Ch { c: sep, ..ch });
            }
            i = close + 1;
            continue;
        }
        if skip_until.is_some() {
            i += 1;
            continue;
        }
        if ch.c == '&' {
            if let Some((c, len)) = entity(&chars[i..]) {
                let e = chars[i + len - 1].e;
                if let Some(c) = fold(c) {
                    out.push(Ch { c, s: ch.s, e });
                }
                i += len;
                continue;
            }
        }
        if ch.c == '\n' {
            out.push(Ch { c: ' ', ..ch });
            i += 1;
            continue;
        }
        // Plain text up to the next tag, entity or newline is copied as it is.
        let run = chars[i..]
            .iter()
            .position(|c| matches!(c.c, '<' | '&' | '\n'))
            .unwrap_or(chars.len() - i)
            .max(1);
        out.extend_from_slice(&chars[i..i + run]);
        i += run;
    }
    out
}

/// Decodes one entity at the start of `chars`: the char and how many input chars it used.
fn entity(chars: &[Ch]) -> Option<(char, usize)> {
    let semi = chars.iter().take(12).position(|c| c.c == ';')?;
    let body: String = chars[1..semi].iter().map(|c| c.c).collect();
    let c = if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(n)?
    } else {
        match body.as_str() {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" | "ldquo" | "rdquo" => '"',
            "apos" | "lsquo" | "rsquo" => '\'',
            "nbsp" => ' ',
            "ndash" => '\u{2013}',
            "mdash" => '\u{2014}',
            "hellip" => '\u{2026}',
            "pound" => '\u{A3}',
            "bull" | "middot" => '\u{2022}',
            _ => return None,
        }
    };
    Some((c, semi + 1))
}

/// A cleaned line: markup, bullets and list dashes removed, trimmed.
pub(crate) struct Line {
    pub chars: Vec<Ch>,
    pub text: String,
}

/// Splits into lines and cleans each one.
pub(crate) fn clean_lines(chars: &[Ch]) -> Vec<Line> {
    chars.split(|c| c.c == '\n').map(clean_line).collect()
}

const BULLETS: &[char] = &[
    '-', '*', '+', '\u{2022}', '\u{B7}', '\u{F0B7}', '\u{25AA}', '\u{25CF}', '\u{25E6}',
    '\u{2023}', '\u{2043}', '\u{F0A7}',
];

/// What a line holds, from one scan, so that most lines skip most rewrites.
#[derive(Clone, Copy)]
struct Shape {
    markup: bool,
    digits: bool,
    ascii: bool,
}

fn shape(raw: &[Ch]) -> Shape {
    let mut s = Shape {
        markup: false,
        digits: false,
        ascii: true,
    };
    for ch in raw {
        if ch.c.is_ascii_alphabetic() || ch.c == ' ' {
            continue; // most chars, settled in one test
        }
        match ch.c {
            '*' | '_' | '|' | '\\' => s.markup = true,
            '0'..='9' => s.digits = true,
            c if !c.is_ascii() => s.ascii = false,
            _ => {}
        }
    }
    s
}

fn clean_line(raw: &[Ch]) -> Line {
    let shape = shape(raw);
    if shape.markup {
        clean_line_body(&strip_markup(raw), shape)
    } else {
        clean_line_body(raw, shape)
    }
}

/// Markdown emphasis, table pipes and escapes carry no words.
fn strip_markup(raw: &[Ch]) -> Vec<Ch> {
    let mut v: Vec<Ch> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let c = raw[i].c;
        let next = raw.get(i + 1).map(|n| n.c);
        if (c == '*' && next == Some('*')) || (c == '_' && next == Some('_')) {
            i += 2;
            continue;
        }
        if c == '|' || (c == '\\' && next.is_some_and(|n| n.is_ascii_punctuation())) {
            if c == '|' {
                v.push(Ch { c: ' ', ..raw[i] });
            }
            i += 1;
            continue;
        }
        v.push(raw[i]);
        i += 1;
    }
    v
}

fn clean_line_body(v: &[Ch], shape: Shape) -> Line {
    let mut start = 0;
    let mut end = v.len();
    while start < end && v[start].c.is_whitespace() {
        start += 1;
    }
    while end > start && v[end - 1].c.is_whitespace() {
        end -= 1;
    }
    let mut body = &v[start..end];
    // Horizontal rules and table separators.
    if !body.is_empty()
        && body
            .iter()
            .all(|c| matches!(c.c, '-' | '=' | '_' | ':' | ' '))
    {
        body = &[];
    }
    // Markdown heading marks.
    let hashes = body.iter().take_while(|c| c.c == '#').count();
    if hashes > 0 && body.get(hashes).is_none_or(|c| c.c == ' ') {
        body = trim_start(&body[hashes..]);
    }
    // Bullets and list dashes ("- 1." keeps the number, "- text" loses the dash).
    if let Some(first) = body.first() {
        if BULLETS.contains(&first.c) && body.get(1).is_none_or(|c| c.c == ' ') {
            body = trim_start(&body[1..]);
        }
    }
    let chars = if shape.digits {
        strip_footnote_markers(body)
    } else {
        body.to_vec()
    };
    Line {
        text: text_of(&chars, shape.ascii),
        chars,
    }
}

fn text_of(chars: &[Ch], ascii: bool) -> String {
    if ascii {
        // One byte per char: a straight copy, no UTF-8 encoding per char.
        let bytes: Vec<u8> = chars.iter().map(|c| c.c as u8).collect();
        if let Ok(text) = String::from_utf8(bytes) {
            return text;
        }
    }
    chars.iter().map(|c| c.c).collect()
}

fn trim_start(s: &[Ch]) -> &[Ch] {
    let n = s.iter().take_while(|c| c.c.is_whitespace()).count();
    &s[n..]
}

/// Drops digit footnote markers glued to a word ("Things2," -> "Things,").
fn strip_footnote_markers(s: &[Ch]) -> Vec<Ch> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        // Everything up to the next digit is copied in one go.
        let next = s[i..]
            .iter()
            .position(|c| c.c.is_ascii_digit())
            .map_or(s.len(), |p| i + p);
        out.extend_from_slice(&s[i..next]);
        i = next;
        if i == s.len() {
            break;
        }
        let digits = s[i..].iter().take_while(|c| c.c.is_ascii_digit()).count();
        if !is_footnote_marker(s, i, digits) {
            out.extend_from_slice(&s[i..i + digits]);
        }
        i += digits;
    }
    out
}

/// Whether the digits `s[i..i + digits]` are a footnote marker glued to what precedes.
fn is_footnote_marker(s: &[Ch], i: usize, digits: usize) -> bool {
    if i < 3 || digits > 2 {
        return false;
    }
    let after = s.get(i + digits).map(|c| c.c);
    let ends = after
        .is_none_or(|a| a.is_whitespace() || matches!(a, ',' | '.' | ';' | ':' | ')' | '"' | '\''));
    if !ends {
        return false;
    }
    let letters = s[..i]
        .iter()
        .rev()
        .take_while(|c| c.c.is_ascii_lowercase())
        .count();
    let word_start = i - letters;
    let starts_word = word_start == 0 || !s[word_start - 1].c.is_alphanumeric();
    // "Things2," or, after a closing quote, 'capacity."3'.
    let glued = letters >= 3 && starts_word;
    let quoted = s[i - 1].c == '"' && (s[i - 2].c == '.' || s[i - 2].c.is_alphabetic());
    glued || quoted
}
