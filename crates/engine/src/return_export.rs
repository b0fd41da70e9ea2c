//! The official return as files: CSV and XLSX, written by the docs crate
//! with each figure's label, definition and source.

use foidesk_calendar::Date;
use foidesk_docs::returns::{ExportError, ReturnReport, ReturnRow};

use crate::{EngineError, OfficialReturn};

fn failed(e: ExportError) -> EngineError {
    EngineError::Serialise {
        message: e.to_string(),
    }
}

impl OfficialReturn {
    fn report(&self) -> ReturnReport<'_> {
        ReturnReport {
            from: self.period.from,
            to: self.period.to,
            authority: self.authority.as_ref().map(|a| a.name.as_str()),
            counts: &self.counts,
            round_robins: self.round_robins,
        }
    }

    /// Every figure with its label, definition and source, in the JSON's order.
    pub fn rows(&self) -> Result<Vec<ReturnRow>, EngineError> {
        self.report().rows().map_err(failed)
    }

    /// One CSV row per figure, the same figures as `to_json`.
    pub fn csv(&self) -> Result<Vec<u8>, EngineError> {
        self.report().csv().map_err(failed)
    }

    /// The XLSX workbook, marked as made on `made` (the caller's today).
    pub fn xlsx(&self, made: Date) -> Result<Vec<u8>, EngineError> {
        self.report().xlsx(made).map_err(failed)
    }

    /// A file name for the return: `return-kent-2024-04-01-to-2024-06-30`
    /// (`all-authorities` without one), without its extension.
    pub fn file_stem(&self) -> String {
        let who = self
            .authority
            .as_ref()
            .map_or("all-authorities", |a| a.slug.as_str());
        format!("return-{who}-{}-to-{}", self.period.from, self.period.to)
    }
}
