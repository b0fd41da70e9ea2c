//! ToUnicode CMaps: character codes to Unicode text (bfchar and bfrange sections).

use std::collections::HashMap;

/// At most this many codes are mapped, whatever the ranges claim.
const MAX_ENTRIES: usize = 1 << 17;

#[derive(Debug, Default)]
pub(super) struct ToUnicode {
    /// Key: code length in bytes (high 32 bits) and code.
    map: HashMap<u64, Box<str>>,
    /// Byte lengths of codes, from the codespace ranges (empty: not declared).
    pub(super) code_lengths: Vec<u8>,
}

fn key(len: usize, code: u32) -> u64 {
    (len as u64) << 32 | u64::from(code)
}

impl ToUnicode {
    pub(super) fn get(&self, len: usize, code: u32) -> Option<&str> {
        self.map.get(&key(len, code)).map(|s| &**s)
    }

    pub(super) fn parse(data: &[u8]) -> Self {
        let mut cmap = Self::default();
        let tokens = tokens(data);
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                Token::Word(w) if w == b"begincodespacerange" => {
                    i += 1;
                    while let Some(Token::Hex(lo)) = tokens.get(i) {
                        let len = lo.len().clamp(1, 4) as u8;
                        if !cmap.code_lengths.contains(&len) {
                            cmap.code_lengths.push(len);
                        }
                        i += 2;
                    }
                }
                Token::Word(w) if w == b"beginbfchar" => {
                    i += 1;
                    while let (Some(Token::Hex(src)), Some(Token::Hex(dst))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        cmap.insert(src.len(), code(src), utf16(dst));
                        i += 2;
                    }
                }
                Token::Word(w) if w == b"beginbfrange" => {
                    i += 1;
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        cmap.range(lo, code(hi), tokens.get(i + 2));
                        i += 3;
                    }
                }
                _ => i += 1,
            }
        }
        cmap
    }

    fn insert(&mut self, len: usize, code: u32, text: String) {
        if self.map.len() < MAX_ENTRIES {
            self.map.insert(key(len, code), text.into_boxed_str());
        }
    }

    fn range(&mut self, lo: &[u8], hi: u32, dst: Option<&Token>) {
        let (len, lo) = (lo.len(), code(lo));
        match dst {
            Some(Token::Hex(base)) => {
                let mut units = utf16_units(base);
                for c in lo..=hi.max(lo) {
                    if self.map.len() >= MAX_ENTRIES {
                        break;
                    }
                    self.insert(len, c, String::from_utf16_lossy(&units));
                    if let Some(last) = units.last_mut() {
                        *last = last.wrapping_add(1);
                    }
                }
            }
            Some(Token::Array(items)) => {
                for (c, item) in (lo..=hi.max(lo)).zip(items) {
                    self.insert(len, c, utf16(item));
                }
            }
            _ => {}
        }
    }
}

enum Token {
    Hex(Vec<u8>),
    Array(Vec<Vec<u8>>),
    Word(Vec<u8>),
}

fn tokens(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut array: Option<Vec<Vec<u8>>> = None;
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'<' if data.get(i + 1) != Some(&b'<') => {
                let end = data[i..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(data.len(), |p| i + p);
                let hex = hex_bytes(&data[i + 1..end]);
                match array.as_mut() {
                    Some(a) => a.push(hex),
                    None => out.push(Token::Hex(hex)),
                }
                i = end + 1;
            }
            b'[' => {
                array = Some(Vec::new());
                i += 1;
            }
            b']' => {
                out.push(Token::Array(array.take().unwrap_or_default()));
                i += 1;
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b if b.is_ascii_alphabetic() => {
                let start = i;
                while i < data.len() && data[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                if array.is_none() {
                    out.push(Token::Word(data[start..i].to_vec()));
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn hex_bytes(s: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = s
        .iter()
        .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0))
        .collect()
}

fn code(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| acc << 8 | u32::from(b))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| u16::from(p[0]) << 8 | u16::from(p.get(1).copied().unwrap_or(0)))
        .collect()
}

fn utf16(bytes: &[u8]) -> String {
    String::from_utf16_lossy(&utf16_units(bytes))
}
