//! The fonts the PDF embeds (Liberation Sans 2, regular and bold, under the SIL Open Font
//! Licence: see `fonts/LICENSE-OFL.txt`), compiled in, with their glyphs and widths read by
//! ttf-parser. They cover Welsh (â ê î ô û ŵ ŷ and capitals) and the other accented Latin
//! letters of names; a character neither font has is shown as the font's missing glyph, and
//! its text still survives in the PDF's ToUnicode map.

use std::sync::OnceLock;

use ttf_parser::{Face, GlyphId};

const REGULAR: &[u8] = include_bytes!("../../fonts/LiberationSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../fonts/LiberationSans-Bold.ttf");

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Font {
    Regular,
    Bold,
}

impl Font {
    pub const ALL: [Font; 2] = [Font::Regular, Font::Bold];

    pub fn resource(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
        }
    }

    /// The PostScript name, as the PDF names the subset.
    pub fn base_name(self) -> &'static str {
        match self {
            Font::Regular => "LiberationSans",
            Font::Bold => "LiberationSans-Bold",
        }
    }

    pub fn data(self) -> &'static [u8] {
        match self {
            Font::Regular => REGULAR,
            Font::Bold => BOLD,
        }
    }

    /// The parsed font; `None` only if the compiled-in file were corrupt (a test checks not).
    pub fn face(self) -> Option<&'static Face<'static>> {
        static FACES: OnceLock<[Option<Face<'static>>; 2]> = OnceLock::new();
        let faces = FACES.get_or_init(|| Font::ALL.map(|f| Face::parse(f.data(), 0).ok()));
        faces[self as usize].as_ref()
    }

    /// Font units per em (2048 for Liberation Sans).
    pub fn units_per_em(self) -> f32 {
        self.face().map_or(1000.0, |f| f32::from(f.units_per_em()))
    }
}

/// The glyph that shows `c` (a no-break space as a space; 0, the missing glyph, if none).
pub(super) fn glyph(font: Font, c: char) -> u16 {
    let c = if c == '\u{00A0}' { ' ' } else { c };
    font.face()
        .and_then(|f| f.glyph_index(c))
        .map_or(0, |g| g.0)
}

/// Advance width of glyph `gid` in 1/1000 em.
pub(super) fn advance(font: Font, gid: u16) -> f32 {
    let units = font
        .face()
        .and_then(|f| f.glyph_hor_advance(GlyphId(gid)))
        .map_or(0.0, f32::from);
    units * 1000.0 / font.units_per_em()
}

/// Width of `c` in 1/1000 em (Latin-1 from a table built once).
fn char_width(font: Font, c: char) -> f32 {
    static LATIN: OnceLock<[[f32; 256]; 2]> = OnceLock::new();
    let table = LATIN.get_or_init(|| {
        Font::ALL.map(|f| {
            let mut t = [0.0; 256];
            for (i, w) in t.iter_mut().enumerate() {
                let c = char::from(u8::try_from(i).unwrap_or(b' '));
                *w = advance(f, glyph(f, c));
            }
            t
        })
    });
    match usize::try_from(u32::from(c)) {
        Ok(i) if i < 256 => table[font as usize][i],
        _ => advance(font, glyph(font, c)),
    }
}

/// Width of `text` at `size` points.
pub(super) fn text_width(font: Font, size: f32, text: &str) -> f32 {
    let units: f32 = text.chars().map(|c| char_width(font, c)).sum();
    units * size / 1000.0
}

/// Breaks `text` into lines no wider than `max` points; a word too long for a line is
/// split wherever it must be.
pub(super) fn wrap(font: Font, size: f32, max: f32, text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut width = 0.0;
    let space = text_width(font, size, " ");
    for word in text.split_whitespace() {
        let word_width = text_width(font, size, word);
        let candidate = if line.is_empty() {
            word_width
        } else {
            width + space + word_width
        };
        if candidate <= max {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            width = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        width = 0.0;
        for c in word.chars() {
            let w = text_width(font, size, c.encode_utf8(&mut [0; 4]));
            if width + w > max && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                width = 0.0;
            }
            line.push(c);
            width += w;
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
    }

    /// Both fonts parse and show every letter of Welsh and the accented Latin of names,
    /// and the punctuation the templates use.
    #[test]
    fn the_fonts_cover_welsh_and_accented_latin() {
        let letters = "âêîôûŵŷÂÊÎÔÛŴŶáéíóúýàèìòùẁẃẅỳäëïöüÿçñøåæœßłńśźżčšžőűğış\
                       ÁÉÍÓÚÀÈÌÒÙÄËÏÖÜÇÑØÅÆŒŁŃŚŹŻČŠŽŐŰĞİŞ‘’“”–—•£§€";
        for font in Font::ALL {
            assert!(font.face().is_some(), "{font:?} parses");
            for c in letters.chars() {
                assert_ne!(glyph(font, c), 0, "{font:?} lacks {c}");
            }
        }
        // Helvetica-compatible metrics: a space is 0.278 em.
        assert!((advance(Font::Regular, glyph(Font::Regular, ' ')) - 278.0).abs() < 1.0);
    }
}
