//! The crate's one error type.

use crate::date::Date;

/// Everything that can go wrong in this crate. Messages quote the offending input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// Text or numbers that do not make a real calendar date. `text` is the input as given.
    /// (Also used, with `reason` starting "holiday table", if the embedded table fails to parse;
    /// a unit test guarantees it does not.)
    #[error("invalid date {text:?}: {reason}")]
    InvalidDate { text: String, reason: String },
    /// A date (or a computed date, described in words) outside the supported range.
    #[error("{date} is outside the supported date range {min} to {max}")]
    OutOfRange { date: String, min: Date, max: Date },
    /// Arithmetic that would leave the representable years 0000-9999.
    #[error("arithmetic overflow: {what}")]
    Overflow { what: String },
}

impl CalendarError {
    /// OutOfRange naming `what` (a date or a description of a computed date).
    pub(crate) fn out_of_range(what: impl Into<String>) -> CalendarError {
        CalendarError::OutOfRange {
            date: what.into(),
            min: Date::min_supported(),
            max: Date::max_supported(),
        }
    }
}
