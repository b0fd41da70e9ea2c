//! The statute catalogue: every provision, its parts and exemption facts, and the dated
//! parameters, parsed once from the embedded TOML.

mod provision;
pub(crate) mod raw;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use foidesk_calendar::Date;

pub use provision::{Part, Provision, ProvisionKind};

use crate::citation::{self, Citation, CitationParse};
use crate::effect::{Effect, TestType};
use crate::parameters::{self, Parameter, ParameterTable, ParameterValue};
use crate::{LawError, ProvisionId};

const FOIA: (&str, &str) = ("data/foia.toml", include_str!("../../data/foia.toml"));
const EIR: (&str, &str) = ("data/eir.toml", include_str!("../../data/eir.toml"));
const PARAMETERS: (&str, &str) = (
    "data/parameters.toml",
    include_str!("../../data/parameters.toml"),
);

/// The law as data. Immutable; `standard()` is the embedded edition.
#[derive(Clone, Debug)]
pub struct Catalogue {
    /// Keyed by section/regulation (`s.31`, `reg.12`).
    provisions: BTreeMap<ProvisionId, Provision>,
    parameters: ParameterTable,
}

impl Catalogue {
    /// The embedded catalogue, parsed on first use. The data is checked by unit tests, so a
    /// failure here is a build defect, not a runtime condition.
    pub fn standard() -> &'static Catalogue {
        static STANDARD: OnceLock<Catalogue> = OnceLock::new();
        STANDARD.get_or_init(|| {
            Catalogue::from_sources(&[FOIA, EIR], PARAMETERS)
                .expect("embedded law data is valid (checked by tests)")
        })
    }

    /// Builds a catalogue from statute files and a parameters file (name, TOML text).
    pub fn from_sources(
        statutes: &[(&'static str, &str)],
        parameters: (&'static str, &str),
    ) -> Result<Catalogue, LawError> {
        let mut provisions = BTreeMap::new();
        for &(file, text) in statutes {
            for p in raw::parse_statute(file, text)? {
                let id = p.id.clone();
                if provisions.insert(id.clone(), p).is_some() {
                    return Err(LawError::Data {
                        file,
                        message: format!("{id} defined twice"),
                    });
                }
            }
        }
        let (parameters_file, parameters_text) = parameters;
        let parameters = parameters::parse_parameters(parameters_file, parameters_text)?;
        if let Some(missing) = Parameter::ALL.iter().find(|p| !parameters.contains_key(p)) {
            return Err(LawError::Data {
                file: parameters_file,
                message: format!("parameter {missing} missing"),
            });
        }
        Ok(Catalogue {
            provisions,
            parameters,
        })
    }

    /// A copy with some parameters replaced by those in `text` (same format as
    /// data/parameters.toml). Used to change a policy such as the complaint window.
    pub fn with_parameters(&self, file: &'static str, text: &str) -> Result<Catalogue, LawError> {
        let overrides = parameters::parse_parameters(file, text)?;
        let mut out = self.clone();
        out.parameters.extend(overrides);
        Ok(out)
    }

    fn entry(&self, id: &ProvisionId) -> Option<&Provision> {
        self.provisions.get(&id.top())
    }

    /// The top-level entry that contains `id`, if `id` is known.
    pub fn provision(&self, id: &ProvisionId) -> Option<&Provision> {
        self.entry(id).filter(|p| p.knows(id))
    }

    /// The listed part with exactly this id (`None` for a section itself).
    pub fn part(&self, id: &ProvisionId) -> Option<&Part> {
        self.entry(id).and_then(|p| p.part(id))
    }

    /// True if the catalogue has `id` as a provision, a listed part, or a prefix path of one.
    pub fn is_known(&self, id: &ProvisionId) -> bool {
        self.provision(id).is_some()
    }

    /// Every entry, FOIA first, in section order.
    pub fn provisions(&self) -> impl Iterator<Item = &Provision> {
        self.provisions.values()
    }

    /// A FOIA Part II exemption or EIR exception (incl. reg.13), or a limb of one.
    pub fn is_exemption(&self, id: &ProvisionId) -> bool {
        self.entry(id).is_some_and(|p| p.is_exemption(id))
    }

    /// The subsection removing the duty to confirm or deny for this exemption limb
    /// (`s.31(1)(a)` -> `s.31(3)`, `s.43(1)` -> `None`); `id` itself if it is one.
    pub fn ncnd_provision(&self, id: &ProvisionId) -> Option<ProvisionId> {
        self.entry(id).and_then(|p| p.ncnd_for(id))
    }

    /// True for `s.31(3)`, `s.24(2)`, `reg.12(6)`, `reg.13(5B)` and their limbs.
    pub fn is_ncnd_provision(&self, id: &ProvisionId) -> bool {
        self.entry(id).is_some_and(|p| p.is_ncnd(id))
    }

    /// Absolute or qualified as s.2(3) stood on `date`; `None` for non-exemptions and for
    /// limbs not in force on that date.
    pub fn effect_on(&self, id: &ProvisionId, date: Date) -> Option<Effect> {
        self.entry(id).and_then(|p| p.effect_on(id, date))
    }

    /// The harm test; `None` for non-exemptions or where it depends on the limb.
    pub fn test_type(&self, id: &ProvisionId) -> Option<TestType> {
        self.entry(id).and_then(|p| p.test_type(id))
    }

    /// True if `id` is known and it (and every part above it) is in force on `date`.
    pub fn in_force_on(&self, id: &ProvisionId, date: Date) -> bool {
        self.entry(id).is_some_and(|p| p.in_force_on(id, date))
    }

    /// The value of `name` on date `on`.
    pub fn parameter(&self, name: Parameter, on: Date) -> Result<&ParameterValue, LawError> {
        self.parameter_history(name)
            .iter()
            .find(|v| v.applies_on(on))
            .ok_or_else(|| LawError::NotInForce {
                what: format!("parameter {name}"),
                date: on,
            })
    }

    /// Every dated value of `name`, oldest first.
    pub fn parameter_history(&self, name: Parameter) -> &[ParameterValue] {
        self.parameters.get(&name).map_or(&[], Vec::as_slice)
    }

    /// Finds citations in free text and splits them into known and unknown provisions.
    pub fn parse_citations(&self, text: &str) -> CitationParse {
        let (all, diagnostics) = citation::parse_citations(text);
        let (citations, unknown): (Vec<Citation>, Vec<Citation>) =
            all.into_iter().partition(|c| self.is_known(&c.id));
        CitationParse {
            citations,
            unknown,
            diagnostics,
        }
    }

    /// `law show`: the entry containing `id`, with `id` highlighted if it is a part.
    pub fn describe(&self, id: &ProvisionId, on: Option<Date>) -> Result<String, LawError> {
        let p = self
            .provision(id)
            .ok_or_else(|| LawError::UnknownProvision { id: id.to_string() })?;
        Ok(p.describe_limb(id, on))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_parses() {
        let c = Catalogue::from_sources(&[FOIA, EIR], PARAMETERS).expect("valid data");
        assert!(c.provisions().count() > 50);
    }

    #[test]
    fn bad_data_is_reported_with_the_file() {
        let bad = "[[provision]]\nid = \"s.31(1)\"\ntitle = \"x\"\nkind = \"duty\"\n\
                   references = [{ title = \"r\", href = \"https://www.legislation.gov.uk/\" }]\n";
        match Catalogue::from_sources(&[("bad.toml", bad)], PARAMETERS) {
            Err(LawError::Data { file, message }) => {
                assert_eq!(file, "bad.toml");
                assert!(message.contains("whole section"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
