//! The regulator's contact details, as data (`data/regulator.toml`), not code.

use std::sync::OnceLock;

use serde::Deserialize;

const REGULATOR: &str = include_str!("../data/regulator.toml");

/// The Information Commissioner's public contact details.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regulator {
    pub name: String,
    /// The postal address, one printed line each.
    pub address: Vec<String>,
    /// The Tribunal appeals against a decision notice go to (s.57), one
    /// printed line each.
    pub tribunal: Vec<String>,
    /// Where the details come from.
    pub references: Vec<Reference>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub title: String,
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("regulator data: {0}")]
pub struct RegulatorError(String);

impl Regulator {
    /// The embedded details, parsed on first use. The data is checked by a unit
    /// test, so a failure here is a build defect, not a runtime condition.
    pub fn standard() -> &'static Regulator {
        static STANDARD: OnceLock<Regulator> = OnceLock::new();
        STANDARD.get_or_init(|| {
            Regulator::from_toml(REGULATOR).expect("embedded regulator data is valid (tested)")
        })
    }

    /// Parses regulator data; every field must be present and not blank.
    pub fn from_toml(text: &str) -> Result<Regulator, RegulatorError> {
        let r: Regulator = toml::from_str(text).map_err(|e| RegulatorError(e.to_string()))?;
        let blank = |s: &String| s.trim().is_empty();
        if blank(&r.name) || r.address.is_empty() || r.address.iter().any(blank) {
            return Err(RegulatorError("a name and an address are required".into()));
        }
        if r.tribunal.is_empty() || r.tribunal.iter().any(blank) {
            return Err(RegulatorError("the Tribunal's address is required".into()));
        }
        if r.references.is_empty()
            || r.references
                .iter()
                .any(|x| blank(&x.title) || blank(&x.href))
        {
            return Err(RegulatorError("every detail needs a reference".into()));
        }
        Ok(r)
    }

    /// The name, then the address: the lines a letter prints.
    pub fn contact_lines(&self) -> Vec<String> {
        std::iter::once(&self.name)
            .chain(&self.address)
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_data_parses_and_cites_the_ico() {
        let r = Regulator::from_toml(REGULATOR).unwrap();
        assert_eq!(r.contact_lines().len(), 3);
        assert!(r.tribunal.iter().any(|l| l.contains("Tribunal")));
        assert!(r
            .references
            .iter()
            .any(|x| x.href == "https://ico.org.uk/global/contact-us/"));
    }

    #[test]
    fn missing_or_blank_details_are_refused() {
        assert!(Regulator::from_toml("name = \"ICO\"").is_err());
        let no_tribunal = "name = \"ICO\"\naddress = [\"Wilmslow\"]\ntribunal = []\n[[references]]\ntitle = \"t\"\nhref = \"h\"";
        assert!(Regulator::from_toml(no_tribunal).is_err());
        let no_reference = "name = \"ICO\"\naddress = [\"Wilmslow\"]\nreferences = []";
        assert!(Regulator::from_toml(no_reference).is_err());
        let blank =
            "name = \" \"\naddress = [\"Wilmslow\"]\n[[references]]\ntitle = \"t\"\nhref = \"h\"";
        assert!(Regulator::from_toml(blank).is_err());
    }
}
