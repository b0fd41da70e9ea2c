use foidesk_calendar::Date;

/// Why a case file was refused. Every variant says where the problem is
/// (the field or the event) so the user can fix the file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CaseError {
    #[error("case file is not valid TOML or has the wrong shape: {message}")]
    Syntax { message: String },

    #[error("{location}: {message}")]
    Field { location: String, message: String },

    #[error("{location}: unknown provision '{provision}' (not in foidesk's statute catalogue)")]
    UnknownProvision { location: String, provision: String },

    #[error(
        "event {event} ({kind}): its date {date} is before the request was received on {received}"
    )]
    EventBeforeReceipt {
        event: usize,
        kind: &'static str,
        date: Date,
        received: Date,
    },

    #[error("event {event} ({kind}) on {date}: {message}")]
    OutOfOrder {
        event: usize,
        kind: &'static str,
        date: Date,
        message: String,
    },
}

impl CaseError {
    pub(crate) fn field(location: impl Into<String>, message: impl Into<String>) -> CaseError {
        CaseError::Field {
            location: location.into(),
            message: message.into(),
        }
    }
}
