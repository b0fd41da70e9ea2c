//! The official return as a document: each category's figure with its
//! label in plain words, its definition and its source, in the order of
//! the JSON (`foidesk stats --json`), written as CSV or as an XLSX
//! workbook. Pure: everything is built in memory from `ReturnCounts`.

mod definitions;
mod sheet;
mod table;

use foidesk_calendar::Date;
use foidesk_case::returns::{InitialOutcome, ReturnCounts, ReviewOutcome, Timeliness as Kind};
use foidesk_law::{vocabulary, Catalogue, ProvisionId};
use serde::{Deserialize, Serialize};

pub use definitions::{definition, Definition, Source, DEFINITIONS, EXEMPTION_KEY, SOURCES};

vocabulary! {
    /// The groups of the return, in the order of its JSON.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Section {
        Received = "received", "Requests received";
        Timeliness = "timeliness", "Timeliness";
        InitialOutcomes = "initial_outcomes", "Initial outcomes";
        Exemptions = "exemptions", "Exemptions and exceptions relied on";
        InternalReviews = "internal_reviews", "Internal reviews";
        Eir = "eir", "Environmental Information Regulations";
        RoundRobins = "round_robins", "Round robins";
    }
}

/// What the return is of: a period, an authority (or all) and the counts.
#[derive(Clone, Copy, Debug)]
pub struct ReturnReport<'a> {
    pub from: Date,
    pub to: Date,
    /// The authority's name; `None`: every authority the figures cover.
    pub authority: Option<&'a str>,
    pub counts: &'a ReturnCounts,
    /// Requests counted that are in a round robin (foidesk's figure beside
    /// the return's categories).
    pub round_robins: u64,
}

/// One line of the return.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReturnRow {
    pub section: Section,
    /// The figure's key in the JSON (an exemption's: its provision id).
    pub key: String,
    /// The category in plain words, starting with a capital.
    pub label: String,
    pub count: u64,
    pub definition: &'static Definition,
}

/// Why an export could not be written (a fault of the writer, never of
/// the figures).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write the CSV: {0}")]
    Csv(String),
    #[error("cannot write the spreadsheet: {0}")]
    Spreadsheet(String),
    #[error("no definition of {section} '{key}' in the return's table")]
    Undefined { section: &'static str, key: String },
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The label of `key` in `section`: its vocabulary's, else the table's.
fn label_of(section: Section, key: &str, def: &Definition) -> String {
    let from_vocab = match section {
        Section::Timeliness => Kind::from_name(key).map(Kind::label),
        Section::InitialOutcomes => InitialOutcome::from_name(key).map(InitialOutcome::label),
        Section::InternalReviews => ReviewOutcome::from_name(key).map(ReviewOutcome::label),
        _ => None,
    };
    capitalised(from_vocab.or(def.own_label).unwrap_or(key))
}

/// An exemption's words: its id and the catalogue's title for it.
pub fn exemption_label(id: &str) -> String {
    let catalogue = Catalogue::standard();
    let title = ProvisionId::parse(id).ok().and_then(|p| {
        catalogue
            .part(&p)
            .map(|part| part.title.clone())
            .or_else(|| catalogue.provision(&p).map(|v| v.title.clone()))
    });
    match title {
        Some(t) => format!("{id} {t}"),
        None => id.to_owned(),
    }
}

impl ReturnReport<'_> {
    /// Every line, in the order of the JSON: exemptions one line each.
    pub fn rows(&self) -> Result<Vec<ReturnRow>, ExportError> {
        table::rows(self.counts, self.round_robins)
    }

    /// "Kent County Council" or "All authorities".
    pub fn authority_words(&self) -> &str {
        self.authority.unwrap_or("All authorities")
    }

    /// "1 April 2024 to 30 June 2024".
    pub fn period_words(&self) -> String {
        format!("{} to {}", self.from.long_form(), self.to.long_form())
    }

    /// The return as CSV: one row per figure, each with the period, the
    /// authority, its group, key, label, count, definition and source.
    pub fn csv(&self) -> Result<Vec<u8>, ExportError> {
        sheet::csv(self)
    }

    /// The return as an XLSX workbook, marked as made on `made`.
    pub fn xlsx(&self, made: Date) -> Result<Vec<u8>, ExportError> {
        sheet::xlsx(self, made)
    }
}
