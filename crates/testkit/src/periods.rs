//! Reading the periods a text states ("20 working days", "28-day", "3 months"),
//! for the tests that check every stated period is a dated parameter.

/// The unit of a period as a text states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    WorkingDays,
    CalendarDays,
    Weeks,
    Months,
}

/// Every "20 working days", "20th working day", "20 extra working days", "28-day",
/// "35 calendar days", "6 weeks", "3 months" in `text`, whatever whitespace
/// separates the words.
pub fn periods(text: &str) -> Vec<(u32, Unit)> {
    const UNITS: [(&str, Unit); 5] = [
        ("working day", Unit::WorkingDays),
        ("calendar day", Unit::CalendarDays),
        ("day", Unit::CalendarDays),
        ("week", Unit::Weeks),
        ("month", Unit::Months),
    ];
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let end = i + bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let Ok(number) = text[i..end].parse::<u32>() else {
            i = end;
            continue;
        };
        let mut rest = &text[end..];
        for ordinal in ["st", "nd", "rd", "th"] {
            rest = rest.strip_prefix(ordinal).unwrap_or(rest);
        }
        if let Some(after) = rest.strip_prefix([' ', '-']) {
            let after = after.replace('-', " ");
            let after = after.strip_prefix("extra ").unwrap_or(&after);
            if let Some((_, unit)) = UNITS.iter().find(|(word, _)| after.starts_with(word)) {
                out.push((number, *unit));
            }
        }
        i = end;
    }
    out
}
