//! Character widths of the two standard fonts the PDF uses (Helvetica and Helvetica-Bold,
//! from Adobe's core-font metrics, in 1/1000 em), and the WinAnsi code of each character
//! the PDF can show. Other characters are shown as '?'.

/// Widths of codes 32 ('space') to 126 ('~').
const REGULAR: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // 32-47
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 48-63
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // 64-79
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 80-95
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // 96-111
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // 112-126
];

const BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // 32-47
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 48-63
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // 64-79
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // 80-95
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // 96-111
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, // 112-126
];

/// WinAnsi characters outside ASCII: (char, code, regular width, bold width).
const EXTRA: &[(char, u8, u16, u16)] = &[
    ('\u{2018}', 0x91, 222, 278),
    ('\u{2019}', 0x92, 222, 278),
    ('\u{201C}', 0x93, 333, 500),
    ('\u{201D}', 0x94, 333, 500),
    ('\u{2022}', 0x95, 350, 350),
    ('\u{2013}', 0x96, 556, 556),
    ('\u{2014}', 0x97, 1000, 1000),
    ('\u{00A3}', 0xA3, 556, 556),
    ('\u{00A7}', 0xA7, 556, 556),
    ('\u{00E9}', 0xE9, 556, 556),
];

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Font {
    Regular,
    Bold,
}

impl Font {
    pub fn resource(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
        }
    }
}

/// The WinAnsi code for `c`, or '?' if the font cannot show it.
pub(super) fn code(c: char) -> u8 {
    match c {
        ' '..='~' => c as u8,
        '\u{00A0}' => b' ',
        _ => EXTRA
            .iter()
            .find(|(e, ..)| *e == c)
            .map_or(b'?', |(_, code, ..)| *code),
    }
}

/// Width of code `b` in 1/1000 em.
fn width(font: Font, b: u8) -> u16 {
    let table = match font {
        Font::Regular => &REGULAR,
        Font::Bold => &BOLD,
    };
    match b {
        32..=126 => table[usize::from(b - 32)],
        _ => EXTRA.iter().find(|(_, code, ..)| *code == b).map_or(
            556,
            |(_, _, r, bold)| match font {
                Font::Regular => *r,
                Font::Bold => *bold,
            },
        ),
    }
}

/// Width of `text` at `size` points.
pub(super) fn text_width(font: Font, size: f32, text: &str) -> f32 {
    let units: u32 = text.chars().map(|c| u32::from(width(font, code(c)))).sum();
    units as f32 * size / 1000.0
}

/// Breaks `text` into lines no wider than `max` points; a word too long for a line is
/// split wherever it must be.
pub(super) fn wrap(font: Font, size: f32, max: f32, text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if text_width(font, size, &candidate) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            line.push(c);
            if text_width(font, size, &line) > max && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::take(&mut line));
                line.push(c);
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_within_width() {
        let text = "The Commissioner's decision is that the authority was entitled to rely on section 24(2).";
        let lines = wrap(Font::Regular, 10.0, 150.0, text);
        assert!(lines.len() > 2);
        assert!(lines
            .iter()
            .all(|l| text_width(Font::Regular, 10.0, l) <= 150.0));
        assert_eq!(lines.join(" "), text);
        let long = "x".repeat(200);
        assert!(wrap(Font::Bold, 10.0, 100.0, &long).len() > 1);
        assert_eq!(code('\u{2019}'), 0x92);
        assert_eq!(code('\u{4E2D}'), b'?');
    }
}
