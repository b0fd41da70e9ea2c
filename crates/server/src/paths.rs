//! Case validation names places for a person editing a TOML file ("event 3
//! (response), outcomes[2], field `part`", counting from 1). The API names
//! them as JSON paths into the body, counting from 0
//! ("events[2].outcomes[1].part").

pub fn json_path(location: &str) -> String {
    let mut text = location.to_owned();
    if let Some(rest) = text.strip_prefix("event ") {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (number, mut tail) = rest.split_at(digits);
        if let Some(after_kind) = tail.strip_prefix(" (").and_then(|t| t.split_once(')')) {
            tail = after_kind.1;
        }
        text = format!("events[{number}]{tail}");
    }
    let text = text
        .replace(", field `", ".")
        .replace('`', "")
        .replace(", ", ".");
    from_zero(&text)
}

/// Every `[n]` becomes `[n-1]`.
fn from_zero(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        match rest[..digits].parse::<u64>() {
            Ok(n) if rest[digits..].starts_with(']') => {
                out.push_str(&n.saturating_sub(1).to_string());
                rest = &rest[digits..];
            }
            _ => {}
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::json_path;

    fn check(location: &str, expected: &str) {
        assert_eq!(json_path(location), expected, "{location}");
    }

    #[test]
    fn locations_become_json_paths_counting_from_zero() {
        check("request.authority", "request.authority");
        check("request.parts[1]", "request.parts[0]");
        check(
            "request.school_calendar.closures[2].from",
            "request.school_calendar.closures[1].from",
        );
        check("event 3, field `kind`", "events[2].kind");
        check("event 3 (response), field `date`", "events[2].date");
        check(
            "event 3 (response), outcomes[2], field `part`",
            "events[2].outcomes[1].part",
        );
        check(
            "event 12 (pit_extension).provisions[1]",
            "events[11].provisions[0]",
        );
        check(
            "event 1 (decision_notice), breaches[10]",
            "events[0].breaches[9]",
        );
        check("odd [x] text", "odd [x] text");
    }
}
