//! Single-byte font encodings (WinAnsi, Standard, MacRoman) and glyph names.

/// WinAnsiEncoding 0x80..=0x9F (the rest is Latin-1).
const WIN_ANSI_80: [char; 32] = [
    '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘',
    '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
];

/// MacRomanEncoding 0x80..=0xFF.
const MAC_ROMAN_80: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø\
¿¡¬√ƒ≈∆«»… ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{F8FF}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Base {
    WinAnsi,
    Standard,
    MacRoman,
}

impl Base {
    pub(super) fn from_name(name: &[u8]) -> Option<Self> {
        match name {
            b"WinAnsiEncoding" => Some(Self::WinAnsi),
            b"StandardEncoding" => Some(Self::Standard),
            b"MacRomanEncoding" => Some(Self::MacRoman),
            _ => None,
        }
    }

    pub(super) fn char(self, code: u8) -> Option<char> {
        let c = match (self, code) {
            (_, 0..=0x1F | 0x7F) => return None,
            (Self::Standard, 0x27) => '’',
            (Self::Standard, 0x60) => '‘',
            (Self::Standard, 0x80..) => return standard_high(code),
            (_, 0x20..=0x7E) => char::from(code),
            (Self::WinAnsi, 0x80..=0x9F) => WIN_ANSI_80[usize::from(code - 0x80)],
            (Self::WinAnsi, _) => char::from(code),
            (Self::MacRoman, 0x80..) => MAC_ROMAN_80.chars().nth(usize::from(code - 0x80))?,
        };
        (c != '\0').then_some(c)
    }
}

/// The StandardEncoding characters above 0x7F that prose uses.
fn standard_high(code: u8) -> Option<char> {
    Some(match code {
        0xA1 => '¡',
        0xA2 => '¢',
        0xA3 => '£',
        0xA5 => '¥',
        0xA7 => '§',
        0xA9 => '\'',
        0xAA => '“',
        0xAB => '«',
        0xAE => 'ﬁ',
        0xAF => 'ﬂ',
        0xB1 => '–',
        0xB2 => '†',
        0xB3 => '‡',
        0xB7 => '•',
        0xBA => '”',
        0xBB => '»',
        0xBC => '…',
        0xD0 => '—',
        0xE1 => 'Æ',
        0xE9 => 'Ø',
        0xF1 => 'æ',
        0xF5 => 'ı',
        0xF9 => 'ø',
        0xFA => 'œ',
        0xFB => 'ß',
        _ => return None,
    })
}

/// The text of a glyph name from an encoding's Differences array.
pub(super) fn glyph_text(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let name = name.split('.').next().unwrap_or(name);
    if name.chars().count() == 1 && name.is_ascii() {
        return Some(name.to_string());
    }
    if let Some(hex) = name.strip_prefix("uni") {
        let units: Vec<u16> = (0..hex.len() / 4)
            .filter_map(|i| u16::from_str_radix(hex.get(i * 4..i * 4 + 4)?, 16).ok())
            .collect();
        return (!units.is_empty()).then(|| String::from_utf16_lossy(&units));
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) {
            if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                return Some(c.to_string());
            }
        }
    }
    let s = match name {
        "space" | "nbspace" => " ",
        "exclam" => "!",
        "quotedbl" => "\"",
        "numbersign" => "#",
        "dollar" => "$",
        "percent" => "%",
        "ampersand" => "&",
        "quotesingle" => "'",
        "parenleft" => "(",
        "parenright" => ")",
        "asterisk" => "*",
        "plus" => "+",
        "comma" => ",",
        "hyphen" | "minus" => "-",
        "period" => ".",
        "slash" => "/",
        "zero" => "0",
        "one" => "1",
        "two" => "2",
        "three" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        "nine" => "9",
        "colon" => ":",
        "semicolon" => ";",
        "less" => "<",
        "equal" => "=",
        "greater" => ">",
        "question" => "?",
        "at" => "@",
        "bracketleft" => "[",
        "backslash" => "\\",
        "bracketright" => "]",
        "asciicircum" => "^",
        "underscore" => "_",
        "grave" => "`",
        "braceleft" => "{",
        "bar" => "|",
        "braceright" => "}",
        "asciitilde" => "~",
        "quoteleft" => "‘",
        "quoteright" => "’",
        "quotedblleft" => "“",
        "quotedblright" => "”",
        "quotesinglbase" => "‚",
        "quotedblbase" => "„",
        "bullet" | "periodcentered" | "middot" => "•",
        "endash" => "–",
        "emdash" => "—",
        "ellipsis" => "…",
        "fi" => "fi",
        "fl" => "fl",
        "ff" => "ff",
        "ffi" => "ffi",
        "ffl" => "ffl",
        "sterling" => "£",
        "Euro" => "€",
        "section" => "§",
        "paragraph" => "¶",
        "copyright" => "©",
        "registered" => "®",
        "trademark" => "™",
        "degree" => "°",
        "dagger" => "†",
        "daggerdbl" => "‡",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "agrave" => "à",
        "ccedilla" => "ç",
        "odieresis" => "ö",
        "udieresis" => "ü",
        "adieresis" => "ä",
        _ => return None,
    };
    Some(s.to_string())
}
