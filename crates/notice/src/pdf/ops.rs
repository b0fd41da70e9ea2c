//! A content-stream lexer: operands and operators, borrowing from the stream where it
//! can. lopdf's own content parser builds a tree of objects and was most of the time
//! spent reading a notice; text extraction needs numbers, names, strings and arrays.

use std::borrow::Cow;

#[derive(Debug, Clone)]
pub(super) enum Operand<'a> {
    Number(f32),
    Name(Cow<'a, [u8]>),
    String(Cow<'a, [u8]>),
    Array(Vec<Operand<'a>>),
    /// A dictionary, boolean, null or anything else text does not need.
    Other,
}

impl Operand<'_> {
    pub(super) fn number(&self) -> Option<f32> {
        match self {
            Self::Number(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }
}

/// Arrays nested deeper than this are read as [`Operand::Other`].
const MAX_NESTING: usize = 8;

pub(super) struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl<'a> Lexer<'a> {
    pub(super) fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0 }
    }

    /// The next operator, its operands in `operands` (cleared first); `None` at the end.
    pub(super) fn next(&mut self, operands: &mut Vec<Operand<'a>>) -> Option<&'a [u8]> {
        operands.clear();
        loop {
            self.skip_white();
            let &b = self.data.get(self.pos)?;
            if b.is_ascii_alphabetic() || b == b'\'' || b == b'"' || b == b'*' {
                let op = self.word();
                if op == b"BI" {
                    self.skip_inline_image();
                }
                return Some(op);
            }
            match self.operand(0) {
                Some(o) => {
                    if operands.len() < 64 {
                        operands.push(o);
                    }
                }
                None => self.pos += 1,
            }
        }
    }

    fn skip_white(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self
                    .data
                    .get(self.pos)
                    .is_some_and(|&b| b != b'\n' && b != b'\r')
                {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// A run of regular bytes, at least one (a stray delimiter is taken alone).
    fn word(&mut self) -> &'a [u8] {
        let start = self.pos;
        if self.word_or_empty().is_empty() {
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    /// One operand at the position, or `None` for a stray byte (skipped by the caller).
    fn operand(&mut self, depth: usize) -> Option<Operand<'a>> {
        let b = *self.data.get(self.pos)?;
        Some(match b {
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number(),
            b'/' => {
                self.pos += 1;
                Operand::Name(unescape_name(self.word_or_empty()))
            }
            b'(' => Operand::String(self.literal()),
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.skip_dictionary();
                Operand::Other
            }
            b'<' => Operand::String(Cow::Owned(self.hex())),
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    match self.data.get(self.pos) {
                        None => break,
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        Some(&c) if c.is_ascii_alphabetic() => {
                            // true, false, null, or an operator where it should not be.
                            self.word();
                            items.push(Operand::Other);
                        }
                        Some(_) => match self.operand(depth + 1) {
                            Some(o) if depth < MAX_NESTING => items.push(o),
                            Some(_) => {}
                            None => self.pos += 1,
                        },
                    }
                }
                if depth < MAX_NESTING {
                    Operand::Array(items)
                } else {
                    Operand::Other
                }
            }
            _ => return None,
        })
    }

    fn word_or_empty(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self
            .data
            .get(self.pos)
            .is_some_and(|&b| !is_white(b) && !is_delimiter(b))
        {
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    /// A number: sign, digits, a point and digits (no exponent in content streams).
    fn number(&mut self) -> Operand<'a> {
        let mut negative = false;
        while let Some(&b @ (b'+' | b'-')) = self.data.get(self.pos) {
            negative ^= b == b'-';
            self.pos += 1;
        }
        let (mut value, mut scale, mut point) = (0f64, 1f64, false);
        while let Some(&b) = self.data.get(self.pos) {
            match b {
                b'0'..=b'9' => {
                    value = value * 10.0 + f64::from(b - b'0');
                    if point {
                        scale *= 10.0;
                    }
                }
                b'.' if !point => point = true,
                _ => break,
            }
            self.pos += 1;
        }
        let value = (value / scale) as f32;
        Operand::Number(if negative { -value } else { value })
    }

    /// A literal string, `(` at the position; borrowed unless it has escapes.
    fn literal(&mut self) -> Cow<'a, [u8]> {
        self.pos += 1;
        let start = self.pos;
        let mut depth = 0usize;
        let mut escaped = false;
        while let Some(&b) = self.data.get(self.pos) {
            match b {
                b'\\' => {
                    escaped = true;
                    self.pos += 1;
                }
                b'(' => depth += 1,
                b')' if depth == 0 => break,
                b')' => depth -= 1,
                b'\r' => escaped = true,
                _ => {}
            }
            self.pos += 1;
        }
        let raw = &self.data[start..self.pos.min(self.data.len())];
        self.pos += 1;
        if escaped {
            Cow::Owned(unescape_literal(raw))
        } else {
            Cow::Borrowed(raw)
        }
    }

    fn hex(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(d) = (b as char).to_digit(16) {
                let d = d as u8;
                match high.take() {
                    Some(h) => out.push(h << 4 | d),
                    None => high = Some(d),
                }
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    fn skip_dictionary(&mut self) {
        let mut depth = 0usize;
        while self.pos < self.data.len() {
            match &self.data[self.pos..] {
                [b'<', b'<', ..] => {
                    depth += 1;
                    self.pos += 2;
                }
                [b'>', b'>', ..] => {
                    depth = depth.saturating_sub(1);
                    self.pos += 2;
                    if depth == 0 {
                        return;
                    }
                }
                [b'(', ..] => {
                    self.literal();
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Skips an inline image's parameters and data: from `BI` past `ID` to `EI`.
    fn skip_inline_image(&mut self) {
        let rest = &self.data[self.pos..];
        let Some(id) = find_word(rest, b"ID", 0) else {
            self.pos = self.data.len();
            return;
        };
        self.pos += find_word(rest, b"EI", id + 3).map_or(rest.len(), |ei| ei + 2);
    }
}

/// Where `word` stands alone (whitespace before, whitespace or the end after) in
/// `data`, searching from `from`.
fn find_word(data: &[u8], word: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i + word.len() <= data.len() {
        let at = memchr::memmem::find(&data[i..], word)? + i;
        let before = at == 0 || is_white(data[at - 1]);
        let after = data.get(at + word.len()).is_none_or(|&b| is_white(b));
        if before && after {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

fn unescape_name(raw: &[u8]) -> Cow<'_, [u8]> {
    if !raw.contains(&b'#') {
        return Cow::Borrowed(raw);
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let hex = raw
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (raw[i], hex) {
            (b'#', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    Cow::Owned(out)
}

fn unescape_literal(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        i += 1;
        if b == b'\r' {
            // An end of line in a string is a line feed, whatever its bytes.
            out.push(b'\n');
            if raw.get(i) == Some(&b'\n') {
                i += 1;
            }
            continue;
        }
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let Some(&e) = raw.get(i) else { break };
        i += 1;
        match e {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                for _ in 0..2 {
                    match raw.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v as u8);
            }
            b'\r' => {
                if raw.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(data: &[u8]) -> Vec<(String, usize)> {
        let mut lexer = Lexer::new(data);
        let mut operands = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = lexer.next(&mut operands) {
            out.push((String::from_utf8_lossy(op).into_owned(), operands.len()));
        }
        out
    }

    #[test]
    fn reads_text_operators_and_skips_inline_images() {
        let data = b"BT /F1 12 Tf 1 0 0 1 62.4 794.4 Tm [(R)-4(e\\)) <0041>] TJ \
            /P <</MCID 0>> BDC BI /W 1 /H 1 ID \x00EI\xff EI Q ET";
        let got = ops(data);
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BT", "Tf", "Tm", "TJ", "BDC", "BI", "Q", "ET"]);
        assert_eq!(got[2].1, 6);
    }

    #[test]
    fn unescapes_literal_strings() {
        let mut lexer = Lexer::new(b"(a\\(b\\)\\101\\\nc) Tj");
        let mut operands = Vec::new();
        assert_eq!(lexer.next(&mut operands), Some(&b"Tj"[..]));
        match &operands[0] {
            Operand::String(s) => assert_eq!(&**s, b"a(b)Ac"),
            other => panic!("{other:?}"),
        }
    }
}
