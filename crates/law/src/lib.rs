//! foidesk-law: what does UK information-access law say about a provision on a given date?
//!
//! The crate answers, for FOIA 2000 and the EIR 2004: is this a provision we know
//! ([`Catalogue::is_known`]); is it an exemption, and which subsection removes the duty to
//! confirm or deny ([`Catalogue::ncnd_provision`]); is it class- or prejudice-based; was it
//! absolute or qualified as s.2(3) stood on a date ([`Catalogue::effect_on`]); what are the
//! dated time and cost limits ([`Catalogue::parameter`]); and which provisions does a piece of
//! text cite ([`Catalogue::parse_citations`]).
//!
//! Invariants:
//! * The law is data: `data/*.toml`, embedded at build time. Every provision, part and dated
//!   value has its [`Reference`]s (legislation.gov.uk or official guidance, with secondary
//!   sources apart) and every unsourced fact is marked `unverified`. The embedded data is validated by tests, so
//!   [`Catalogue::standard`] cannot fail at run time.
//! * Pure: no I/O, no clock, no async. Dates are always passed in.
//! * Dated ranges are half-open: `from` inclusive, `until` exclusive.
//! * Ids are canonical (`s.31(1)(a)`, `reg.12(5)(e)`); Display, FromStr and serde all use
//!   that one form.
//! * Citation parsing never panics and every span lies on char boundaries of its input.

mod catalogue;
mod citation;
mod describe;
mod effect;
mod error;
mod id;
mod parameters;
mod reference;
mod vocab;

pub use catalogue::{Catalogue, Part, Provision, ProvisionKind};
pub use citation::{parse_citations, Citation, CitationParse, Diagnostic};
pub use effect::{DatedEffect, Effect, Rule, TestType};
pub use error::LawError;
pub use id::{ProvisionId, Regime};
pub use parameters::{Amount, Parameter, ParameterValue};
pub use reference::Reference;
pub use vocab::NoticeOutcome;
