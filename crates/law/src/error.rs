//! The crate's one error type.

use foidesk_calendar::Date;

/// Everything that can go wrong asking the law a question.
#[derive(Debug, thiserror::Error)]
pub enum LawError {
    /// The text is not a canonical provision id such as `s.31(1)(a)` or `reg.12(5)(e)`.
    #[error("invalid provision id {text:?}: {reason}")]
    InvalidId { text: String, reason: String },
    /// A well-formed id that the catalogue does not contain.
    #[error("unknown provision {id}")]
    UnknownProvision { id: String },
    /// No value (or provision) in force on that date.
    #[error("{what} has no value in force on {date}")]
    NotInForce { what: String, date: Date },
    /// The embedded (or supplied) TOML data is malformed.
    #[error("law data {file}: {message}")]
    Data { file: &'static str, message: String },
    /// A provision, part or dated value in the data names no reference (legislation or official
    /// guidance) for itself.
    #[error("law data {file}: {what} has no reference")]
    MissingReference { file: &'static str, what: String },
}
