//! Content streams: the text-showing operators, run with the graphics and text state
//! that place each string on the page.

use super::font::{deref, get, number, Font};
use super::load::{decoded, MAX_CONTENT_TOTAL, MAX_PAGES};
use super::ops::{Lexer, Operand};
use super::PdfError;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// Operators run in one document, forms included, before giving up.
const MAX_OPERATIONS: usize = 20_000_000;
/// Forms drawn inside forms, at most this deep.
const MAX_FORM_DEPTH: usize = 8;
/// Strings shown in one document, at most (each is kept until the page is laid out).
const MAX_SPANS: usize = 4_000_000;

/// A string shown on a page, in page space (points, y up).
#[derive(Debug, Clone)]
pub(super) struct Span {
    pub(super) x0: f32,
    pub(super) x1: f32,
    pub(super) y: f32,
    pub(super) size: f32,
    pub(super) text: String,
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn matrix(operands: &[Operand]) -> Option<Matrix> {
    let v: Vec<f32> = operands.iter().filter_map(Operand::number).collect();
    v.try_into().ok()
}

fn object_matrix(items: &[Object]) -> Option<Matrix> {
    let v: Vec<f32> = items.iter().filter_map(number).collect();
    v.try_into().ok()
}

/// The spans of each page, in page order.
pub(super) fn pages(doc: &Document) -> Result<Vec<Vec<Span>>, PdfError> {
    let ids: Vec<ObjectId> = doc.page_iter().take(MAX_PAGES + 1).collect();
    if ids.len() > MAX_PAGES {
        return Err(PdfError::TooLarge("more than 5000 pages"));
    }
    let mut run = Run {
        doc,
        fonts: HashMap::new(),
        operations: 0,
        content_bytes: 0,
        spans: 0,
    };
    ids.iter().map(|&id| run.page(id)).collect()
}

struct Run<'a> {
    doc: &'a Document,
    fonts: HashMap<ObjectId, Rc<Font>>,
    operations: usize,
    content_bytes: usize,
    spans: usize,
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

impl<'a> Run<'a> {
    fn page(&mut self, id: ObjectId) -> Result<Vec<Span>, PdfError> {
        let Ok(page) = self.doc.get_dictionary(id) else {
            return Ok(Vec::new());
        };
        let resources = inherited(self.doc, page, b"Resources").and_then(|o| o.as_dict().ok());
        let mut data = Vec::new();
        let contents = get(self.doc, page, b"Contents");
        let streams: Vec<&Object> = match contents {
            Object::Array(a) => a.iter().map(|o| deref(self.doc, o)).collect(),
            other => vec![other],
        };
        for s in streams {
            if let Some(d) = s.as_stream().ok().and_then(decoded) {
                data.extend_from_slice(&d);
                data.push(b'\n');
            }
        }
        let mut spans = Vec::new();
        let state = State {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.stream(&data, resources, state, 0, &mut spans)?;
        self.spans += spans.len();
        if self.spans > MAX_SPANS {
            return Err(PdfError::TooLarge("more than 4 million strings shown"));
        }
        Ok(spans)
    }

    fn stream(
        &mut self,
        data: &[u8],
        resources: Option<&'a Dictionary>,
        mut gs: State,
        depth: usize,
        spans: &mut Vec<Span>,
    ) -> Result<(), PdfError> {
        self.content_bytes += data.len();
        if self.content_bytes > MAX_CONTENT_TOTAL {
            return Err(PdfError::TooLarge("page content exceeds 256 MiB"));
        }
        let mut lexer = Lexer::new(data);
        let mut args: Vec<Operand> = Vec::new();
        let mut stack: Vec<State> = Vec::new();
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        while let Some(operator) = lexer.next(&mut args) {
            self.operations += 1;
            if self.operations > MAX_OPERATIONS {
                return Err(PdfError::TooLarge(
                    "more than 20 million drawing operations",
                ));
            }
            if spans.len() > MAX_SPANS {
                return Err(PdfError::TooLarge("more than 4 million strings shown"));
            }
            let args = args.as_slice();
            let num = |i: usize| args.get(i).and_then(Operand::number).unwrap_or(0.0);
            match operator {
                b"q" if stack.len() < 256 => stack.push(gs.clone()),
                b"Q" => gs = stack.pop().unwrap_or(gs),
                b"cm" => {
                    if let Some(m) = matrix(args) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                b"BT" => (tm, tlm) = (IDENTITY, IDENTITY),
                b"Tf" => {
                    gs.size = num(1);
                    gs.font = match args.first() {
                        Some(Operand::Name(n)) => self.font(resources, n),
                        _ => None,
                    };
                }
                b"Tc" => gs.char_space = num(0),
                b"Tw" => gs.word_space = num(0),
                b"Tz" => gs.scale = num(0) / 100.0,
                b"TL" => gs.leading = num(0),
                b"Ts" => gs.rise = num(0),
                b"Td" | b"TD" => {
                    if operator == b"TD" {
                        gs.leading = -num(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" => {
                    if let Some(m) = matrix(args) {
                        (tm, tlm) = (m, m);
                    }
                }
                b"T*" | b"'" | b"\"" => {
                    if operator == b"\"" {
                        gs.word_space = num(0);
                        gs.char_space = num(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    if let (false, Some(Operand::String(s))) = (operator == b"T*", args.last()) {
                        show(&gs, &mut tm, s, spans);
                    }
                }
                b"Tj" => {
                    if let Some(Operand::String(s)) = args.first() {
                        show(&gs, &mut tm, s, spans);
                    }
                }
                b"TJ" => {
                    let Some(Operand::Array(items)) = args.first() else {
                        continue;
                    };
                    for item in items {
                        match item {
                            Operand::String(s) => show(&gs, &mut tm, s, spans),
                            other => {
                                let adjust = other.number().unwrap_or(0.0);
                                let tx = -adjust / 1000.0 * gs.size * gs.scale;
                                tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                            }
                        }
                    }
                }
                b"Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(Operand::Name(name)) = args.first() {
                        self.form(resources, name, &gs, depth, spans)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn form(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
        gs: &State,
        depth: usize,
        spans: &mut Vec<Span>,
    ) -> Result<(), PdfError> {
        let doc = self.doc;
        let Some(xobjects) = resources.and_then(|r| get(doc, r, b"XObject").as_dict().ok()) else {
            return Ok(());
        };
        let Ok(form) = get(doc, xobjects, name).as_stream() else {
            return Ok(());
        };
        if get(doc, &form.dict, b"Subtype").as_name().ok() != Some(b"Form".as_slice()) {
            return Ok(());
        }
        let Some(data) = decoded(form) else {
            return Ok(());
        };
        let mut inner = gs.clone();
        if let Some(m) = get(doc, &form.dict, b"Matrix")
            .as_array()
            .ok()
            .and_then(|a| object_matrix(a))
        {
            inner.ctm = mul(&m, &gs.ctm);
        }
        let own = get(doc, &form.dict, b"Resources").as_dict().ok();
        self.stream(&data, own.or(resources), inner, depth + 1, spans)
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let doc = self.doc;
        let fonts = resources.and_then(|r| get(doc, r, b"Font").as_dict().ok())?;
        let entry = fonts.get(name).ok()?;
        if let Object::Reference(id) = entry {
            if let Some(f) = self.fonts.get(id) {
                return Some(f.clone());
            }
            let font = Rc::new(Font::load(doc, deref(doc, entry).as_dict().ok()?));
            self.fonts.insert(*id, font.clone());
            return Some(font);
        }
        Some(Rc::new(Font::load(doc, entry.as_dict().ok()?)))
    }
}

/// A page attribute, looked up through the page tree's parents when absent.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        match get(doc, node, key) {
            Object::Null => node = get(doc, node, b"Parent").as_dict().ok()?,
            found => return Some(found),
        }
    }
    None
}

/// Shows one string: appends its span and advances the text matrix.
fn show(gs: &State, tm: &mut Matrix, bytes: &[u8], spans: &mut Vec<Span>) {
    let Some(font) = gs.font.as_deref() else {
        return;
    };
    let params = [gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise];
    let start = mul(&mul(&params, tm), &gs.ctm);
    let mut text = String::new();
    font.glyphs(bytes, |g| {
        text.push_str(g.text);
        let spacing = gs.char_space + if g.word_space { gs.word_space } else { 0.0 };
        let tx = (g.advance * gs.size + spacing) * gs.scale;
        *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
    });
    let end = mul(&mul(&params, tm), &gs.ctm);
    let size = (start[2] * start[2] + start[3] * start[3]).sqrt();
    if text.is_empty() || !size.is_finite() || !start[4].is_finite() || !start[5].is_finite() {
        return;
    }
    spans.push(Span {
        x0: start[4],
        x1: end[4].max(start[4]),
        y: start[5],
        size,
        text,
    });
}
