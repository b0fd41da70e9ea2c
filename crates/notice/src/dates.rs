//! Dates as notices write them: "7 November 2019", "6th October 2017", "30 Sept 2023".

use std::ops::Range;

use foidesk_calendar::Date;

const MONTHS: &[(&str, i8)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("sept", 9),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// The first valid date in `text` and its byte range.
pub(crate) fn first_date(text: &str) -> Option<(Date, Range<usize>)> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            if let Some(found) = date_at(b, i) {
                return Some(found);
            }
        }
        i += 1;
    }
    None
}

fn date_at(b: &[u8], start: usize) -> Option<(Date, Range<usize>)> {
    let mut i = start;
    let day = number(b, &mut i, 2)?;
    for suffix in [&b"st"[..], b"nd", b"rd", b"th"] {
        if b.get(i..i + 2)
            .is_some_and(|s| s.eq_ignore_ascii_case(suffix))
        {
            i += 2;
            break;
        }
    }
    // Collapsed text can keep several spaces (or a tab) where a line broke.
    i = past_spaces(b, i)?;
    let word = b[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let name = b[i..i + word].to_ascii_lowercase();
    let (_, month) = MONTHS
        .iter()
        .find(|(m, _)| m.as_bytes() == name.as_slice())?;
    i += word;
    if b.get(i) == Some(&b'.') {
        i += 1;
    }
    if b.get(i) == Some(&b',') {
        i += 1;
    }
    i = past_spaces(b, i)?;
    let year_start = i;
    let year = number(b, &mut i, 4)?;
    if i - year_start != 4 || b.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let day = i8::try_from(day).ok()?;
    let year = i16::try_from(year).ok()?;
    let date = Date::new(year, *month, day).ok()?;
    Some((date, start..i))
}

/// Past one or more spaces or tabs at `i`; `None` when there are none.
fn past_spaces(b: &[u8], i: usize) -> Option<usize> {
    let n = b[i.min(b.len())..]
        .iter()
        .take_while(|c| matches!(c, b' ' | b'\t'))
        .count();
    (n > 0).then_some(i + n)
}

fn number(b: &[u8], i: &mut usize, max: usize) -> Option<u32> {
    let n = b[*i..]
        .iter()
        .take(max + 1)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if n == 0 || n > max {
        return None;
    }
    let v = b[*i..*i + n]
        .iter()
        .fold(0u32, |acc, &c| acc * 10 + u32::from(c - b'0'));
    *i += n;
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let d = |s: &str| first_date(s).map(|(d, _)| d.to_string());
        assert_eq!(d("On 7 November 2019, the"), Some("2019-11-07".into()));
        assert_eq!(d("on 12 April 2018, declining"), Some("2018-04-12".into()));
        assert_eq!(d("the 6th October 2017"), Some("2017-10-06".into()));
        assert_eq!(d("31 February 2018"), None);
        assert_eq!(d("section 31 of FOIA"), None);
        assert_eq!(d("5 May 20199"), None);
        assert_eq!(
            d("on 12   April 2018, declining"),
            Some("2018-04-12".into())
        );
        assert_eq!(d("on 31 January  \t2018"), Some("2018-01-31".into()));
    }
}
