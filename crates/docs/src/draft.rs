//! The builder every document type writes through. It records each fact it asks for:
//! present ones in `facts_used`, absent ones as missing. A missing fact yields an empty
//! string so that building can go on and find every other missing fact; `finish` then
//! refuses the whole document, so no blank ever reaches a reader.

use foidesk_calendar::Date;
use foidesk_law::{Amount, Parameter, ProvisionId, Regime};

use crate::cite;

use crate::fact::FactId;
use crate::facts::Signatory;
use crate::model::{Block, Document, DocumentKind};
use crate::template::Templates;
use crate::{Input, Missing, RenderError};

pub(crate) struct Draft<'a> {
    pub input: &'a Input<'a>,
    templates: Option<&'static Templates>,
    numbered: bool,
    next_number: u32,
    blocks: Vec<Block>,
    used: Vec<FactId>,
    missing: Vec<FactId>,
    meets: Vec<ProvisionId>,
    error: Option<RenderError>,
}

impl<'a> Draft<'a> {
    pub fn new(input: &'a Input<'a>, numbered: bool) -> Draft<'a> {
        let (templates, error) = match Templates::standard() {
            Ok(t) => (Some(t), None),
            Err(e) => (
                None,
                Some(RenderError::Template {
                    key: e.key,
                    message: e.message,
                }),
            ),
        };
        Draft {
            input,
            templates,
            numbered,
            next_number: 1,
            blocks: Vec::new(),
            used: Vec::new(),
            missing: Vec::new(),
            meets: Vec::new(),
            error,
        }
    }

    /// How running text names the authority: its short name if the facts give one.
    pub fn authority(&self) -> String {
        let input = self.input;
        input
            .facts
            .authority
            .short_name
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or(&input.case.request.authority)
            .to_owned()
    }

    pub fn eir(&self) -> bool {
        self.input.case.request.regime == Regime::Eir
    }

    /// Whether nothing has been found missing or wrong so far.
    pub fn is_complete(&self) -> bool {
        self.error.is_none() && self.missing.is_empty()
    }

    /// Records an error; the first one is what `finish` reports.
    pub fn fail(&mut self, e: RenderError) {
        self.error.get_or_insert(e);
    }

    pub fn try_or<T>(&mut self, r: Result<T, RenderError>, fallback: T) -> T {
        r.unwrap_or_else(|e| {
            self.fail(e);
            fallback
        })
    }

    fn note(&mut self, id: FactId, present: bool) {
        let list = if present {
            &mut self.used
        } else {
            &mut self.missing
        };
        if !list.contains(&id) {
            list.push(id);
        }
    }

    /// A fact that must be present; `None` is recorded as missing.
    pub fn need<T>(&mut self, id: impl Into<FactId>, value: Option<T>) -> Option<T> {
        self.note(id.into(), value.is_some());
        value
    }

    /// The period `parameter` in force on `from`, and the date it ends; an error is recorded.
    pub fn period_from(
        &mut self,
        what: &'static str,
        parameter: Parameter,
        from: Date,
    ) -> Option<(Amount, Date)> {
        let input = self.input;
        let r = cite::period(input.law, what, parameter, from)
            .and_then(|a| cite::add(input.calendar, what, from, a).map(|end| (a, end)));
        r.map_err(|e| self.fail(e)).ok()
    }

    /// A signatory's name and role, both needed (`{prefix}.signatory.name`, `.role`; with
    /// no prefix, `signatory.name`, `.role`).
    pub fn signatory(&mut self, prefix: &str, s: &Signatory) -> Vec<String> {
        let dot = if prefix.is_empty() { "" } else { "." };
        let name = self.text(format!("{prefix}{dot}signatory.name"), s.name.as_ref());
        let role = self.text(format!("{prefix}{dot}signatory.role"), s.role.as_ref());
        vec![name, role]
    }

    /// A text fact; blank counts as absent.
    pub fn text(&mut self, id: impl Into<FactId>, value: Option<&String>) -> String {
        let value = value.map(|s| s.trim()).filter(|s| !s.is_empty());
        self.need(id, value).unwrap_or_default().to_owned()
    }

    /// A list fact; an empty list (or one of blanks) counts as absent.
    pub fn list_fact(&mut self, id: impl Into<FactId>, values: &[String]) -> Vec<String> {
        let values: Vec<String> = values
            .iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        let present = !values.is_empty();
        self.note(id.into(), present);
        values
    }

    /// A template snippet, filled.
    pub fn t(&mut self, key: &str, vars: &[(&str, &str)]) -> String {
        let eir = self.eir();
        let result = match self.templates {
            Some(t) => t.fill(key, eir, vars),
            None => return String::new(),
        };
        result.unwrap_or_else(|e| {
            self.fail(RenderError::Template {
                key: e.key,
                message: e.message,
            });
            String::new()
        })
    }

    /// Marks a statutory requirement as met by what the document says.
    pub fn meets(&mut self, provision: &str) {
        match provision.parse::<ProvisionId>() {
            Ok(id) if !self.meets.contains(&id) => self.meets.push(id),
            Ok(_) => {}
            Err(e) => self.fail(RenderError::Template {
                key: provision.to_owned(),
                message: e.to_string(),
            }),
        }
    }

    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.blocks.push(Block::Heading {
            level,
            text: text.into(),
        });
    }

    pub fn para(&mut self, text: impl Into<String>) {
        let number = self.numbered.then(|| {
            let n = self.next_number;
            self.next_number = n.saturating_add(1);
            n
        });
        self.blocks.push(Block::Paragraph {
            number,
            text: text.into(),
        });
    }

    /// A paragraph from a template snippet.
    pub fn say(&mut self, key: &str, vars: &[(&str, &str)]) {
        let text = self.t(key, vars);
        self.para(text);
    }

    pub fn list(&mut self, items: Vec<String>) {
        if !items.is_empty() {
            self.blocks.push(Block::List { items });
        }
    }

    pub fn lines(&mut self, lines: Vec<String>) {
        if !lines.is_empty() {
            self.blocks.push(Block::Lines { lines });
        }
    }

    pub fn fields(&mut self, fields: Vec<(String, String)>) {
        self.blocks.push(Block::Fields { fields });
    }

    /// The document, or every missing fact, or the first error.
    pub fn finish(self, kind: DocumentKind, title: String) -> Result<Document, RenderError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        if !self.missing.is_empty() {
            return Err(RenderError::Missing(Missing {
                facts: self.missing,
            }));
        }
        Ok(Document {
            kind,
            title,
            blocks: self.blocks,
            facts_used: self.used,
            meets: self.meets,
        })
    }
}
