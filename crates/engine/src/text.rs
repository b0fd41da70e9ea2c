//! Text a person typed is stored only if it is plain: no control characters
//! but tab and line breaks. PostgreSQL cannot store NUL at all, and none of
//! them belongs in a case, a name or an address. Every front end gets this
//! check from the engine.

use serde::Serialize;

use crate::EngineError;

fn control(text: &str) -> Option<char> {
    text.chars()
        .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// One field's text.
pub(crate) fn plain(field: &str, text: &str) -> Result<(), EngineError> {
    match control(text) {
        None => Ok(()),
        Some(c) => Err(EngineError::Invalid {
            field: field.to_owned(),
            message: format!(
                "contains the control character U+{:04X}, which foidesk does not store",
                u32::from(c)
            ),
        }),
    }
}

/// Every string in a value (a case file, an event), named by its path.
pub(crate) fn plain_all<T: Serialize>(value: &T) -> Result<(), EngineError> {
    let value = serde_json::to_value(value).map_err(|e| EngineError::Serialise {
        message: e.to_string(),
    })?;
    walk(&value, "")
}

fn walk(value: &serde_json::Value, path: &str) -> Result<(), EngineError> {
    use serde_json::Value;
    match value {
        Value::String(text) => plain(if path.is_empty() { "$" } else { path }, text),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| walk(item, &format!("{path}[{i}]"))),
        Value::Object(map) => map.iter().try_for_each(|(key, item)| {
            let path = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            walk(item, &path)
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::{plain, plain_all};

    fn check(text: &str, ok: bool) {
        assert_eq!(plain("f", text).is_ok(), ok, "{text:?}");
    }

    #[test]
    fn only_tab_and_line_breaks_pass_among_control_characters() {
        check("plain text, «quoted», 'single'", true);
        check("line one\nline two\r\n\ttabbed", true);
        check("nul\0", false);
        check("bell\u{7}", false);
        check("escape\u{1b}[31m", false);
        check("delete\u{7f}", false);
        check("next line\u{85}", false);
    }

    #[test]
    fn the_path_names_the_field() {
        let value = serde_json::json!({"request": {"parts": [{"text": "ok"}, {"text": "bad\0"}]}});
        let err = plain_all(&value).unwrap_err().to_string();
        assert!(err.starts_with("request.parts[1].text:"), "{err}");
    }
}
