//! Fonts: character codes to text and to advance widths.

use super::cmap::ToUnicode;
use super::encoding::{glyph_text, Base};
use super::load::decoded;
use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// Follows references (a bounded number, so cycles end).
pub(super) fn deref<'a>(doc: &'a Document, mut object: &'a Object) -> &'a Object {
    for _ in 0..16 {
        match object {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(o) => object = o,
                Err(_) => return &Object::Null,
            },
            _ => return object,
        }
    }
    &Object::Null
}

pub(super) fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> &'a Object {
    dict.get(key).map_or(&Object::Null, |o| deref(doc, o))
}

pub(super) fn number(o: &Object) -> Option<f32> {
    o.as_float().ok().filter(|v| v.is_finite())
}

pub(super) struct Font {
    /// Bytes per character code: 1 for simple fonts, usually 2 for composite ones.
    code_len: usize,
    to_unicode: Option<ToUnicode>,
    /// Text of each code of a simple font, from its encoding.
    simple: Vec<Option<Box<str>>>,
    widths: Widths,
    /// Width units to text space: 1/1000, or a Type 3 font's matrix.
    scale: f32,
}

enum Widths {
    Simple {
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    Composite {
        single: HashMap<u32, f32>,
        ranges: Vec<(u32, u32, f32)>,
        default: f32,
    },
}

/// One character code as shown: its text (may be empty) and advance at font size 1.
pub(super) struct Glyph<'a> {
    pub(super) text: &'a str,
    pub(super) advance: f32,
    /// The single-byte code 32, to which word spacing applies.
    pub(super) word_space: bool,
}

impl Font {
    pub(super) fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = get(doc, dict, b"Subtype").as_name().unwrap_or(b"");
        let to_unicode = get(doc, dict, b"ToUnicode")
            .as_stream()
            .ok()
            .and_then(decoded)
            .map(|data| ToUnicode::parse(&data));
        if subtype == b"Type0" {
            return Self::composite(doc, dict, to_unicode);
        }
        let encoding = get(doc, dict, b"Encoding");
        let (base, differences) = match encoding {
            Object::Name(n) => (Base::from_name(n), None),
            Object::Dictionary(d) => (
                get(doc, d, b"BaseEncoding")
                    .as_name()
                    .ok()
                    .and_then(Base::from_name),
                get(doc, d, b"Differences").as_array().ok(),
            ),
            _ => (None, None),
        };
        let base = base.unwrap_or(Base::WinAnsi);
        let mut simple: Vec<Option<Box<str>>> = (0..=255u8)
            .map(|c| base.char(c).map(|c| c.to_string().into_boxed_str()))
            .collect();
        let mut code = 0usize;
        for item in differences.into_iter().flatten() {
            match deref(doc, item) {
                Object::Integer(n) => code = usize::try_from(*n).unwrap_or(256),
                Object::Name(name) => {
                    if let Some(slot) = simple.get_mut(code) {
                        *slot = glyph_text(name).map(String::into_boxed_str);
                    }
                    code += 1;
                }
                _ => {}
            }
        }
        let descriptor = get(doc, dict, b"FontDescriptor").as_dict().ok();
        let missing = descriptor
            .and_then(|d| number(get(doc, d, b"MissingWidth")))
            .unwrap_or(500.0);
        let first = get(doc, dict, b"FirstChar").as_i64().unwrap_or(0);
        let widths = get(doc, dict, b"Widths")
            .as_array()
            .map(|a| {
                a.iter()
                    .take(256)
                    .map(|w| number(deref(doc, w)).unwrap_or(missing))
                    .collect()
            })
            .unwrap_or_default();
        let scale = match get(doc, dict, b"FontMatrix").as_array() {
            Ok(m) if subtype == b"Type3" => m
                .first()
                .and_then(|o| number(deref(doc, o)))
                .map_or(0.001, |a| a.abs()),
            _ => 0.001,
        };
        Font {
            code_len: 1,
            to_unicode,
            simple,
            widths: Widths::Simple {
                first: u32::try_from(first).unwrap_or(0),
                widths,
                missing,
            },
            scale,
        }
    }

    fn composite(doc: &Document, dict: &Dictionary, to_unicode: Option<ToUnicode>) -> Font {
        // A named CMap (Identity-H and the predefined ones) uses two-byte codes; an
        // embedded one says in its codespace ranges.
        let code_len = match get(doc, dict, b"Encoding") {
            Object::Stream(s) => decoded(s)
                .map(|d| ToUnicode::parse(&d).code_lengths)
                .and_then(|l| (l.len() == 1).then(|| usize::from(l[0])))
                .unwrap_or(2),
            _ => 2,
        };
        let descendant = get(doc, dict, b"DescendantFonts")
            .as_array()
            .ok()
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o).as_dict().ok());
        let default = descendant
            .and_then(|d| number(get(doc, d, b"DW")))
            .unwrap_or(1000.0);
        let mut single = HashMap::new();
        let mut ranges = Vec::new();
        if let Some(w) = descendant.and_then(|d| get(doc, d, b"W").as_array().ok()) {
            let mut i = 0;
            while i < w.len() {
                let first = deref(doc, &w[i]).as_i64().ok();
                match (first, w.get(i + 1).map(|o| deref(doc, o))) {
                    (Some(first), Some(Object::Array(list))) => {
                        for (k, width) in list.iter().enumerate().take(1 << 16) {
                            let code = u32::try_from(first).unwrap_or(0).saturating_add(k as u32);
                            single.insert(code, number(deref(doc, width)).unwrap_or(default));
                        }
                        i += 2;
                    }
                    (Some(first), Some(last)) => {
                        let width = w.get(i + 2).and_then(|o| number(deref(doc, o)));
                        // Ranges are searched one by one: a bounded number of them.
                        if let (Ok(last), Some(width), true) =
                            (last.as_i64(), width, ranges.len() < 4096)
                        {
                            let lo = u32::try_from(first).unwrap_or(0);
                            ranges.push((lo, u32::try_from(last).unwrap_or(lo), width));
                        }
                        i += 3;
                    }
                    _ => i += 1,
                }
            }
        }
        Font {
            code_len,
            to_unicode,
            simple: Vec::new(),
            widths: Widths::Composite {
                single,
                ranges,
                default,
            },
            scale: 0.001,
        }
    }

    fn width(&self, code: u32) -> f32 {
        let w = match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(*missing),
            Widths::Composite {
                single,
                ranges,
                default,
            } => single.get(&code).copied().unwrap_or_else(|| {
                ranges
                    .iter()
                    .find(|(lo, hi, _)| (*lo..=*hi).contains(&code))
                    .map_or(*default, |r| r.2)
            }),
        };
        w * self.scale
    }

    /// Calls `f` for each character code in a shown string.
    pub(super) fn glyphs(&self, bytes: &[u8], mut f: impl FnMut(Glyph<'_>)) {
        for chunk in bytes.chunks(self.code_len) {
            let code = chunk.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b));
            let text = self
                .to_unicode
                .as_ref()
                .and_then(|m| m.get(chunk.len(), code))
                .or_else(|| self.simple.get(code as usize).and_then(|t| t.as_deref()))
                .unwrap_or("");
            f(Glyph {
                text,
                advance: self.width(code),
                word_space: self.code_len == 1 && code == 32,
            });
        }
    }
}
