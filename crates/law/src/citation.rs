//! Citation parsing: free text ("sections 31(1)(a) and (b)", "reg 12(4)(b)") to canonical ids.
//!
//! The scanner works on bytes but only ever matches ASCII, so every index it keeps is at an
//! ASCII byte or at the end of the text, and therefore on a char boundary. It never panics:
//! every read goes through `get`.

use std::ops::Range;

use crate::id::{Seg, MAX_DEPTH};
use crate::{ProvisionId, Regime};

/// One provision cited in a text, with the bytes it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    pub id: ProvisionId,
    pub span: Range<usize>,
}

/// Something the parser noticed but did not turn into a citation (or only partly).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub span: Range<usize>,
    pub message: String,
}

/// Citations checked against the catalogue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CitationParse {
    /// Known provisions, in order of first appearance, each once.
    pub citations: Vec<Citation>,
    /// Well-formed citations of provisions the catalogue does not have (e.g. `s.99`).
    pub unknown: Vec<Citation>,
    pub diagnostics: Vec<Diagnostic>,
}

impl CitationParse {
    /// Known ids, in order, deduplicated.
    pub fn provisions(&self) -> Vec<ProvisionId> {
        self.citations.iter().map(|c| c.id.clone()).collect()
    }

    /// Unknown ids, in order, deduplicated.
    pub fn unknown_ids(&self) -> Vec<ProvisionId> {
        self.unknown.iter().map(|c| c.id.clone()).collect()
    }
}

/// Finds citations in `text` without checking them against the catalogue. Output is in order
/// of appearance with duplicates removed (the first span is kept).
pub fn parse_citations(text: &str) -> (Vec<Citation>, Vec<Diagnostic>) {
    let mut scanner = Scanner {
        text,
        b: text.as_bytes(),
        found: Vec::new(),
        diags: Vec::new(),
    };
    scanner.run();
    let mut seen = std::collections::HashSet::new();
    let citations = scanner
        .found
        .into_iter()
        .filter(|c| seen.insert(c.id.clone()))
        .collect();
    (citations, scanner.diags)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// "section", "regulation": needs whitespace before the number.
    Word,
    /// "reg", "regs": optional dot, optional space.
    Abbrev,
    /// "ss.": dot required.
    DottedAbbrev,
    /// "s.31", "s. 31", "s31".
    Short,
}

const TRIGGERS: &[(&str, Regime, bool, Form)] = &[
    ("subsections", Regime::Foia, true, Form::Word),
    ("subsection", Regime::Foia, false, Form::Word),
    ("sections", Regime::Foia, true, Form::Word),
    ("section", Regime::Foia, false, Form::Word),
    ("regulations", Regime::Eir, true, Form::Word),
    ("regulation", Regime::Eir, false, Form::Word),
    ("regs", Regime::Eir, true, Form::Abbrev),
    ("reg", Regime::Eir, false, Form::Abbrev),
    ("ss", Regime::Foia, true, Form::DottedAbbrev),
    ("s", Regime::Foia, false, Form::Short),
];

struct Trigger {
    regime: Regime,
    plural: bool,
    start: usize,
    body: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sep {
    List,
    Range,
}

/// Level of a bracketed segment in UK drafting: (1) number, (a) letter, (i) roman.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Num,
    Letter,
    Roman,
    /// A single i, v or x: letter or roman by context.
    Either,
}

/// Phrases after "of" that mean the citation is to FOIA or the EIR themselves.
const FOIA_OWN: &[&str] = &[
    "the act",
    "this act",
    "foia",
    "the foia",
    "foi act",
    "the foi act",
    "the freedom of information act",
    "freedom of information act",
    "the 2000 act",
];
const EIR_OWN: &[&str] = &[
    "the eir",
    "eir",
    "the regulations",
    "these regulations",
    "the environmental information regulations",
    "environmental information regulations",
];
/// Words that name some other enactment or instrument.
const FOREIGN: &[&str] = &[
    " act",
    "regulations",
    " rules",
    " order",
    "gdpr",
    "dpa",
    "foisa",
    "code",
    "convention",
    "directive",
    "treaty",
    "schedule",
];

struct Scanner<'t> {
    text: &'t str,
    b: &'t [u8],
    found: Vec<Citation>,
    diags: Vec<Diagnostic>,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

impl Scanner<'_> {
    fn at(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    fn diag(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.diags.push(Diagnostic {
            span,
            message: message.into(),
        });
    }

    fn run(&mut self) {
        let mut i = 0;
        while i < self.b.len() {
            if let Some(t) = self.trigger(i) {
                if let Some(end) = self.list(&t) {
                    i = end.max(i + 1);
                    continue;
                }
            }
            i += 1;
        }
    }

    /// Case-insensitive ASCII match of `word` at `i`.
    fn word_at(&self, i: usize, word: &str) -> bool {
        self.b
            .get(i..i + word.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(word.as_bytes()))
    }

    /// Like `word_at`, and the word is not followed by a letter or digit.
    fn whole_word_at(&self, i: usize, word: &str) -> bool {
        self.word_at(i, word)
            && !self
                .at(i + word.len())
                .is_some_and(|b| b.is_ascii_alphanumeric())
    }

    /// Skips ASCII whitespace and no-break spaces.
    fn skip_ws(&self, mut i: usize) -> usize {
        loop {
            match self.at(i) {
                Some(b) if is_ws(b) => i += 1,
                Some(0xC2) if self.at(i + 1) == Some(0xA0) => i += 2,
                _ => return i,
            }
        }
    }

    /// Skips whitespace and Markdown emphasis markers.
    fn skip_ws_md(&self, mut i: usize) -> usize {
        loop {
            let j = self.skip_ws(i);
            match self.at(j) {
                Some(b'*' | b'_') => i = j + 1,
                _ => return j,
            }
        }
    }

    fn trigger(&self, i: usize) -> Option<Trigger> {
        if !matches!(self.at(i)?, b's' | b'S' | b'r' | b'R') {
            return None;
        }
        let prev = i.checked_sub(1).and_then(|p| self.at(p));
        if prev.is_some_and(|p| p.is_ascii_alphanumeric()) {
            return None;
        }
        for &(word, regime, plural, form) in TRIGGERS {
            if !self.word_at(i, word) {
                continue;
            }
            let after = i + word.len();
            let next = self.at(after);
            if next.is_some_and(|b| b.is_ascii_alphabetic()) {
                continue;
            }
            let body = match form {
                Form::Word => {
                    let j = self.skip_ws(after);
                    (j > after).then_some(j)
                }
                Form::Abbrev => {
                    let j = if next == Some(b'.') { after + 1 } else { after };
                    Some(self.skip_ws(j))
                }
                Form::DottedAbbrev => (next == Some(b'.')).then(|| self.skip_ws(after + 1)),
                Form::Short => {
                    // "U.S. 3" and "Police's.3" are not citations.
                    if matches!(prev, Some(b'.' | b'\'')) {
                        return None;
                    }
                    match next {
                        Some(b'.') => Some(self.skip_ws(after + 1)),
                        Some(b) if b.is_ascii_digit() => Some(after),
                        _ => None,
                    }
                }
            };
            let Some(body) = body else { continue };
            if self.at(body).is_some_and(|b| b.is_ascii_digit()) {
                return Some(Trigger {
                    regime,
                    plural,
                    start: i,
                    body,
                });
            }
        }
        None
    }

    /// A section/regulation number with an optional capital suffix, at `i`.
    fn number(&mut self, i: usize) -> Option<(Seg, usize)> {
        let digits = self
            .b
            .get(i..)?
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 {
            return None;
        }
        let mut end = i + digits;
        if digits > 4 {
            self.diag(i..end, "number too long to be a provision");
            return None;
        }
        let caps = self.b[end..]
            .iter()
            .take_while(|b| b.is_ascii_uppercase())
            .count();
        if caps <= 2 {
            end += caps;
        }
        // "2nd", "10am", "31.5", "12FOIA": not a citation.
        match self.at(end) {
            Some(b) if b.is_ascii_alphanumeric() => return None,
            Some(b'.') if self.at(end + 1).is_some_and(|b| b.is_ascii_digit()) => return None,
            _ => {}
        }
        let seg = Seg::parse(&self.text[i..end]).ok()?;
        Some((seg, end))
    }

    /// Bracketed segments from `i`; spaces (not newlines) may precede each bracket.
    fn brackets(&self, i: usize, room: usize) -> (Vec<Seg>, usize) {
        let mut segs = Vec::new();
        let mut end = i;
        while segs.len() < room {
            let mut q = end;
            while matches!(self.at(q), Some(b' ' | b'\t')) && q - end < 3 {
                q += 1;
            }
            if self.at(q) != Some(b'(') {
                break;
            }
            let Some(close) = (q + 1..(q + 9).min(self.b.len())).find(|&k| self.b[k] == b')')
            else {
                break;
            };
            let Ok(seg) = Seg::parse(&self.text[q + 1..close]) else {
                break;
            };
            segs.push(seg);
            end = close + 1;
        }
        (segs, end)
    }

    /// A full citation body at `i`: number then brackets.
    fn full(&mut self, i: usize) -> Option<(Vec<Seg>, usize)> {
        let (top, end) = self.number(i)?;
        let (rest, end) = self.brackets(end, MAX_DEPTH - 1);
        let mut segs = vec![top];
        segs.extend(rest);
        Some((segs, end))
    }

    /// Skips "(national security)"-style asides that are not segments.
    fn skip_asides(&self, i: usize) -> usize {
        let mut end = i;
        loop {
            let q = self.skip_ws_md(end);
            if self.at(q) != Some(b'(') {
                return end;
            }
            let limit = (q + 120).min(self.b.len());
            let Some(close) = (q + 1..limit).find(|&k| matches!(self.b[k], b')' | b'(')) else {
                return end;
            };
            if self.b[close] != b')' || Seg::parse(&self.text[q + 1..close]).is_ok() {
                return end;
            }
            end = close + 1;
        }
    }

    /// A list separator at `i` ("," / "and" / "or" / "&" / "to" / "-"), and where the next
    /// item starts.
    fn separator(&self, i: usize) -> Option<(Sep, usize)> {
        let mut p = self.skip_ws_md(i);
        let mut sep = None;
        if self.at(p) == Some(b',') {
            sep = Some(Sep::List);
            p = self.skip_ws_md(p + 1);
        }
        for (word, kind) in [("and", Sep::List), ("or", Sep::List), ("to", Sep::Range)] {
            if self.whole_word_at(p, word) {
                return Some((kind, self.skip_ws_md(p + word.len())));
            }
        }
        match self.at(p) {
            Some(b'&') => return Some((Sep::List, self.skip_ws_md(p + 1))),
            Some(b'-') if sep.is_none() => return Some((Sep::Range, self.skip_ws_md(p + 1))),
            // en dash
            Some(0xE2) if sep.is_none() && self.b.get(p + 1..p + 3) == Some(&[0x80, 0x93]) => {
                return Some((Sep::Range, self.skip_ws_md(p + 3)))
            }
            _ => {}
        }
        sep.map(|s| (s, p))
    }

    /// Parses a trigger and the list that follows; returns where scanning resumes.
    fn list(&mut self, t: &Trigger) -> Option<usize> {
        let (segs, mut end) = self.full(t.body)?;
        let first = ProvisionId::from_segs(t.regime, segs)?;
        let mut group = vec![Citation {
            id: first.clone(),
            span: t.start..end,
        }];
        let mut last = first;
        loop {
            let after = self.skip_asides(end);
            let Some((sep, item)) = self.separator(after) else {
                break;
            };
            let next = match self.at(item) {
                Some(b) if b.is_ascii_digit() => {
                    let Some((segs, item_end)) = self.full(item) else {
                        break;
                    };
                    // After a singular trigger, "and 2 other..." is not a citation.
                    if !t.plural && segs.len() == 1 {
                        break;
                    }
                    ProvisionId::from_segs(t.regime, segs).map(|id| (id, item_end))
                }
                Some(b'(') => {
                    let (rel, item_end) = self.brackets(item, MAX_DEPTH - 1);
                    if rel.is_empty() {
                        break;
                    }
                    match resolve(&last, rel) {
                        Some(id) => Some((id, item_end)),
                        None => {
                            self.diag(item..item_end, format!("cannot attach to {last}"));
                            break;
                        }
                    }
                }
                _ => None,
            };
            let Some((id, item_end)) = next else { break };
            if sep == Sep::Range {
                match expand(&last, &id) {
                    Some(between) => group.extend(between.into_iter().map(|id| Citation {
                        id,
                        span: item..item_end,
                    })),
                    None => self.diag(
                        after..item_end,
                        format!("range {last} to {id} not expanded; citing its ends only"),
                    ),
                }
            }
            group.push(Citation {
                id: id.clone(),
                span: item..item_end,
            });
            last = id;
            end = item_end;
        }
        if let Some(span) = self.foreign(end, t.regime) {
            let ids: Vec<String> = group.iter().map(|c| c.id.to_string()).collect();
            let message = format!(
                "{} cites another enactment ({}); ignored",
                ids.join(", "),
                &self.text[span.clone()]
            );
            self.diag(t.start..span.end, message);
        } else {
            self.found.extend(group);
        }
        Some(end)
    }

    /// If the list at `i` is followed by "of <another enactment>", that phrase's span.
    fn foreign(&self, i: usize, regime: Regime) -> Option<Range<usize>> {
        let p = self.skip_ws_md(self.skip_asides(i));
        if !self.whole_word_at(p, "of") {
            return None;
        }
        let start = self.skip_ws(p + 2);
        let mut end = start;
        while end < self.b.len()
            && end - start < 100
            && !matches!(self.b[end], b'.' | b',' | b';' | b':' | b'\n')
        {
            end += 1;
        }
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let tail = self.text[start..end].to_ascii_lowercase();
        let own = match regime {
            Regime::Foia => FOIA_OWN,
            Regime::Eir => EIR_OWN,
        };
        let is_own = own.iter().any(|o| {
            tail.strip_prefix(o)
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphabetic()))
        });
        let padded = format!(" {tail}");
        (!is_own && FOREIGN.iter().any(|f| padded.contains(f))).then_some(start..end)
    }
}

/// The drafting level of each segment of `segs` (index 0 is the section number).
fn levels(segs: &[Seg]) -> Vec<Level> {
    let mut out = Vec::with_capacity(segs.len());
    for (k, seg) in segs.iter().enumerate() {
        let level = match seg {
            Seg::Num(..) => Level::Num,
            Seg::Alpha(_) if k > 0 && matches!(segs[k - 1], Seg::Alpha(_)) => Level::Roman,
            Seg::Alpha(_) => Level::Letter,
        };
        out.push(level);
    }
    out
}

fn roman_value(s: &str) -> Option<u32> {
    const NUMERALS: [&str; 20] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
        "xv", "xvi", "xvii", "xviii", "xix", "xx",
    ];
    NUMERALS.iter().position(|n| *n == s).map(|p| p as u32 + 1)
}

fn roman(n: u32) -> Option<String> {
    const NUMERALS: [&str; 20] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
        "xv", "xvi", "xvii", "xviii", "xix", "xx",
    ];
    NUMERALS
        .get(n.checked_sub(1)? as usize)
        .map(|s| s.to_string())
}

fn classify(seg: &Seg) -> Level {
    match seg {
        Seg::Num(..) => Level::Num,
        Seg::Alpha(s) if matches!(s.as_str(), "i" | "v" | "x") => Level::Either,
        Seg::Alpha(s) if roman_value(s).is_some() => Level::Roman,
        Seg::Alpha(_) => Level::Letter,
    }
}

fn same_level(have: Level, want: Level) -> bool {
    have == want || (want == Level::Either && matches!(have, Level::Letter | Level::Roman))
}

/// "(b)" after `s.31(1)(a)` is `s.31(1)(b)`: replace from the last segment at the same
/// drafting level, or go one level deeper if that is the natural next level.
fn resolve(prev: &ProvisionId, rel: Vec<Seg>) -> Option<ProvisionId> {
    let segs = prev.segs();
    let have = levels(segs);
    let want = classify(rel.first()?);
    let keep = match (1..segs.len()).rev().find(|&k| same_level(have[k], want)) {
        Some(k) => k,
        None => {
            let natural = match have.last()? {
                _ if segs.len() == 1 => Level::Num,
                Level::Num => Level::Letter,
                _ => Level::Roman,
            };
            if !same_level(natural, want) {
                return None;
            }
            segs.len()
        }
    };
    let mut out = segs[..keep].to_vec();
    out.extend(rel);
    ProvisionId::from_segs(prev.regime(), out)
}

/// The ids strictly between `from` and `to` for "(a) to (d)", "(1)-(3)", "(i) to (iv)".
fn expand(from: &ProvisionId, to: &ProvisionId) -> Option<Vec<ProvisionId>> {
    if from.depth() < 2 || from.parent() != to.parent() {
        return None;
    }
    let segs = from.segs();
    let level = *levels(segs).last()?;
    let (a, b) = (segs.last()?, to.segs().last()?);
    let middle: Vec<Seg> = match (a, b) {
        (Seg::Num(x, sx), Seg::Num(y, sy))
            if sx.is_empty() && sy.is_empty() && x < y && y - x <= 30 =>
        {
            (x + 1..*y).map(|n| Seg::Num(n, String::new())).collect()
        }
        (Seg::Alpha(x), Seg::Alpha(y)) if level == Level::Roman => {
            let (x, y) = (roman_value(x)?, roman_value(y)?);
            if x >= y {
                return None;
            }
            (x + 1..y)
                .map(|n| roman(n).map(Seg::Alpha))
                .collect::<Option<_>>()?
        }
        (Seg::Alpha(x), Seg::Alpha(y)) if x.len() == 1 && y.len() == 1 && x < y => {
            let (x, y) = (x.as_bytes()[0], y.as_bytes()[0]);
            (x + 1..y)
                .map(|c| Seg::Alpha((c as char).to_string()))
                .collect()
        }
        _ => return None,
    };
    let parent = from.parent()?;
    middle
        .into_iter()
        .map(|seg| {
            let mut s = parent.segs().to_vec();
            s.push(seg);
            ProvisionId::from_segs(from.regime(), s)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, expected canonical ids in order)
    fn check(text: &str, expected: &[&str]) {
        let (found, _) = parse_citations(text);
        let got: Vec<String> = found.iter().map(|c| c.id.to_string()).collect();
        assert_eq!(got, expected, "{text:?}");
        for c in &found {
            assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
        }
    }

    #[test]
    fn syntax() {
        let cases: &[(&str, &[&str])] = &[
            ("section 31(1)(a)", &["s.31(1)(a)"]),
            ("s.31(1)(a) and (b)", &["s.31(1)(a)", "s.31(1)(b)"]),
            ("sections 31(1)(a) and (b)", &["s.31(1)(a)", "s.31(1)(b)"]),
            ("sections 24(2) and 31(3)", &["s.24(2)", "s.31(3)"]),
            (
                "the section 31(1) (a) and (b) exemptions",
                &["s.31(1)(a)", "s.31(1)(b)"],
            ),
            (
                "sections 31(1)(a), (b) and (c)",
                &["s.31(1)(a)", "s.31(1)(b)", "s.31(1)(c)"],
            ),
            ("s31(3)", &["s.31(3)"]),
            ("s.40(2)", &["s.40(2)"]),
            ("s. 40(2)", &["s.40(2)"]),
            ("section 40(2) of FOIA", &["s.40(2)"]),
            ("regulation 12(5)(e)", &["reg.12(5)(e)"]),
            ("reg 12(4)(b)", &["reg.12(4)(b)"]),
            ("reg.13", &["reg.13"]),
            (
                "Regulations 12(4)(b) and 12(5)(e)",
                &["reg.12(4)(b)", "reg.12(5)(e)"],
            ),
            ("section 10 of the FOIA", &["s.10"]),
            (
                "sections 24(2) (national security) and 31(3) (law enforcement) of FOIA",
                &["s.24(2)", "s.31(3)"],
            ),
            (
                "**sections 31(1)(a)** and **(b)**",
                &["s.31(1)(a)", "s.31(1)(b)"],
            ),
            (
                "section 22A(1)(b)(i) and (ii)",
                &["s.22A(1)(b)(i)", "s.22A(1)(b)(ii)"],
            ),
            (
                "section 31(1)(a) to (c)",
                &["s.31(1)(a)", "s.31(1)(b)", "s.31(1)(c)"],
            ),
            (
                "section 22A(1)(b)(i)-(iii)",
                &["s.22A(1)(b)(i)", "s.22A(1)(b)(ii)", "s.22A(1)(b)(iii)"],
            ),
            (
                "section 31(1)(a) and 31(1)(b)",
                &["s.31(1)(a)", "s.31(1)(b)"],
            ),
            ("ss.21 and 44", &["s.21", "s.44"]),
            ("section 40(2) and section 40(2) again", &["s.40(2)"]),
            (
                "section 24(2) and regulation 12(5)(a)",
                &["s.24(2)", "reg.12(5)(a)"],
            ),
            ("Section 24(2) – national security", &["s.24(2)"]),
            ("section 12 and 2 other points", &["s.12"]),
            ("section 10.5 of the guide", &[]),
            ("the 2nd section", &[]),
            ("the U.S. 3 million", &[]),
            ("section 1 of the Data Protection Act 2018", &[]),
            ("regulation 3 of the Fees Regulations", &[]),
            ("section 54 of the Act and may be dealt with", &["s.54"]),
            ("section 99(1)", &["s.99(1)"]),
            ("regardless 12", &[]),
            ("section\n31(3)", &["s.31(3)"]),
            ("“section 31(3)”", &["s.31(3)"]),
            (
                "subsections 31(1)(a) and 31(1)(b)",
                &["s.31(1)(a)", "s.31(1)(b)"],
            ),
            ("subsections (2) and (3)", &[]),
            ("section 123456", &[]),
        ];
        for (text, expected) in cases {
            check(text, expected);
        }
    }

    #[test]
    fn spans_point_at_the_citation() {
        let text = "£5 — citing sections 24(2) (national security) and 31(3) of FOIA";
        let (found, _) = parse_citations(text);
        assert_eq!(&text[found[0].span.clone()], "sections 24(2)");
        assert_eq!(&text[found[1].span.clone()], "31(3)");
    }

    #[test]
    fn foreign_enactments_are_diagnosed() {
        let (found, diags) = parse_citations("section 1 of the Data Protection Act 2018");
        assert!(found.is_empty());
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("another enactment"), "{diags:?}");
    }
}
