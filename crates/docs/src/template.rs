//! Templates: foidesk's own wording, kept in `templates/*.txt`, with no logic in them.
//!
//! A file is a list of snippets. A line `@name` starts one; its text is the following lines
//! joined with single spaces, up to the next `@` line. Lines starting with `#` are comments.
//! The only markup is `{{placeholder}}`; which snippet to use, and how often, is decided in
//! code. A snippet named `x.eir` replaces `x` in documents under the EIR.

use std::collections::BTreeMap;
use std::sync::OnceLock;

const FILES: &[(&str, &str)] = &[
    ("common.txt", include_str!("../templates/common.txt")),
    ("refusal.txt", include_str!("../templates/refusal.txt")),
    ("review.txt", include_str!("../templates/review.txt")),
    ("decision.txt", include_str!("../templates/decision.txt")),
    ("letters.txt", include_str!("../templates/letters.txt")),
];

#[derive(Debug)]
pub(crate) struct Templates {
    snippets: BTreeMap<String, String>,
}

/// A defect in a template or its use, with the snippet it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TemplateError {
    pub key: String,
    pub message: String,
}

impl Templates {
    /// The embedded templates, parsed once (tests check they parse).
    pub fn standard() -> Result<&'static Templates, TemplateError> {
        static STANDARD: OnceLock<Result<Templates, TemplateError>> = OnceLock::new();
        STANDARD
            .get_or_init(|| Templates::parse(FILES))
            .as_ref()
            .map_err(Clone::clone)
    }

    pub fn parse(files: &[(&str, &str)]) -> Result<Templates, TemplateError> {
        let mut snippets = BTreeMap::new();
        for (file, text) in files {
            let mut current: Option<(String, Vec<&str>)> = None;
            for line in text.lines().map(str::trim) {
                if line.starts_with('#') {
                    continue;
                }
                if let Some(name) = line.strip_prefix('@') {
                    store(&mut snippets, file, current.take())?;
                    current = Some((name.trim().to_owned(), Vec::new()));
                } else if let Some((_, lines)) = current.as_mut() {
                    if !line.is_empty() {
                        lines.push(line);
                    }
                } else if !line.is_empty() {
                    return Err(TemplateError {
                        key: (*file).to_owned(),
                        message: format!("text before the first snippet: {line:?}"),
                    });
                }
            }
            store(&mut snippets, file, current)?;
        }
        Ok(Templates { snippets })
    }

    #[cfg(test)]
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.snippets.keys().map(String::as_str)
    }

    /// The snippet `key` (its `.eir` form under the EIR) with its placeholders filled.
    pub fn fill(
        &self,
        key: &str,
        eir: bool,
        vars: &[(&str, &str)],
    ) -> Result<String, TemplateError> {
        let eir_key = format!("{key}.eir");
        let text = eir
            .then(|| self.snippets.get(&eir_key))
            .flatten()
            .or_else(|| self.snippets.get(key))
            .ok_or_else(|| TemplateError {
                key: key.to_owned(),
                message: "no such snippet".into(),
            })?;
        fill(text, vars).map_err(|message| TemplateError {
            key: key.to_owned(),
            message,
        })
    }
}

fn store(
    snippets: &mut BTreeMap<String, String>,
    file: &str,
    current: Option<(String, Vec<&str>)>,
) -> Result<(), TemplateError> {
    let Some((name, lines)) = current else {
        return Ok(());
    };
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
    let problem = if !valid {
        Some("a snippet name is lowercase letters, digits, '_' and '.'")
    } else if lines.is_empty() {
        Some("empty snippet")
    } else if snippets.contains_key(&name) {
        Some("defined twice")
    } else {
        None
    };
    if let Some(problem) = problem {
        return Err(TemplateError {
            key: format!("{file}: @{name}"),
            message: problem.into(),
        });
    }
    snippets.insert(name, lines.join(" "));
    Ok(())
}

/// Whether text placed after `before` starts a sentence (so "the MPS" becomes "The MPS").
fn starts_sentence(before: &str) -> bool {
    let trimmed = before.trim_end();
    trimmed.is_empty() || (trimmed.len() < before.len() && trimmed.ends_with(['.', '?', '!']))
}

/// Replaces each `{{name}}` with its value, capitalised where it starts a sentence. Values
/// are never expanded again, so text from a facts file cannot reach into a template.
pub(crate) fn fill(text: &str, vars: &[(&str, &str)]) -> Result<String, String> {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("}}").ok_or_else(|| "unclosed {{".to_owned())?;
        let name = &after[..close];
        let value = vars
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| *v)
            .ok_or_else(|| format!("no value for {{{{{name}}}}}"))?;
        if starts_sentence(&out) {
            let mut chars = value.chars();
            out.extend(chars.next().into_iter().flat_map(char::to_uppercase));
            out.push_str(chars.as_str());
        } else {
            out.push_str(value);
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_once() {
        assert_eq!(
            fill("Dear {{who}},", &[("who", "{{who}}")]).unwrap(),
            "Dear {{who}},"
        );
        assert!(fill("{{x}}", &[]).unwrap_err().contains("no value"));
        let vars = [("a", "the MPS")];
        assert_eq!(
            fill("{{a}} did. {{a}} and {{a}}", &vars).unwrap(),
            "The MPS did. The MPS and the MPS"
        );
        assert_eq!(fill("s.{{a}}", &vars).unwrap(), "s.the MPS");
        assert!(fill("{{x", &[("x", "")]).unwrap_err().contains("unclosed"));
    }

    #[test]
    fn parse_joins_lines_and_picks_eir() {
        let t = Templates::parse(&[("t", "# c\n@a\none\ntwo\n\n@a.eir\nthree\n")]).unwrap();
        assert_eq!(t.fill("a", false, &[]).unwrap(), "one two");
        assert_eq!(t.fill("a", true, &[]).unwrap(), "three");
        assert!(Templates::parse(&[("t", "@a\n@b\nx")]).is_err());
        assert!(Templates::parse(&[("t", "x\n@a\ny")]).is_err());
    }

    /// The crate's code, to check that every snippet is used (read at compile time).
    const SOURCES: &[&str] = &[
        include_str!("decision/mod.rs"),
        include_str!("decision/reasons.rs"),
        include_str!("letter.rs"),
        include_str!("letters.rs"),
        include_str!("refusal.rs"),
        include_str!("review.rs"),
        include_str!("story.rs"),
        include_str!("weigh.rs"),
    ];

    /// Snippets whose names the code builds: `format!("outcome.{}", …)` and the like.
    const FAMILIES: &[&str] = &[
        "outcome.",
        "label.",
        "refusal.what.",
        "event.review.",
        "refusal.pi_",
        "reasons.pi_",
    ];

    #[test]
    fn embedded_templates_parse_and_every_snippet_is_used() {
        let t = Templates::standard().expect("templates parse");
        assert!(t.names().count() > 100);
        for name in t.names() {
            let base = name.strip_suffix(".eir").unwrap_or(name);
            let base = base.strip_suffix("_parts").unwrap_or(base);
            let quoted = format!("\"{base}\"");
            let used = SOURCES.iter().any(|s| s.contains(&quoted))
                || FAMILIES.iter().any(|f| base.starts_with(f));
            assert!(used, "snippet @{name} is never used");
        }
    }
}
