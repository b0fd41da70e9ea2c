//! Errors as the client sees them: a status, a stable code, a message that
//! says what is wrong, and the path of each bad field. The caller's mistakes
//! are 4xx; anything else is a 500 whose text goes to the log only, with an
//! incident number the client can quote.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use foidesk_engine::api::{CaseError, ConsistencyWarning};
use foidesk_engine::EngineError;
use serde::Serialize;

use crate::paths::json_path;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub path: String,
    pub message: String,
}

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub fields: Vec<FieldError>,
    /// The current version, on a conflict.
    pub current_version: Option<i64>,
    /// The consistency warnings a response needs a reason for.
    pub warnings: Vec<ConsistencyWarning>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            fields: Vec::new(),
            current_version: None,
            warnings: Vec::new(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn unauthenticated() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "sign in first: send 'Authorization: Bearer <token>' or a session cookie",
        )
    }

    /// One bad field, 422.
    pub fn invalid(path: impl Into<String>, message: impl Into<String>) -> ApiError {
        let message = message.into();
        let path = path.into();
        ApiError {
            fields: vec![FieldError {
                path: path.clone(),
                message: message.clone(),
            }],
            ..ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                format!("{path}: {message}"),
            )
        }
    }

    /// An engine error, with field paths as `scope` says the body holds them.
    pub fn from_engine(err: EngineError, scope: &PathScope) -> ApiError {
        match err {
            EngineError::Case(e) => case_error(e, scope),
            EngineError::Invalid { field, message } => ApiError::invalid(field, message),
            EngineError::Forbidden { message } => {
                ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
            }
            e @ EngineError::Disabled => {
                ApiError::new(StatusCode::FORBIDDEN, "account_disabled", e.to_string())
            }
            e @ EngineError::Throttled { .. } => ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_attempts",
                e.to_string(),
            ),
            EngineError::NotFound { what, key } => ApiError::not_found(format!("no {what} {key}")),
            EngineError::Duplicate { what, key } => ApiError::new(
                StatusCode::CONFLICT,
                "duplicate",
                format!("{what} '{key}' already exists"),
            ),
            e @ EngineError::Conflict { current, .. } => ApiError {
                current_version: Some(current),
                ..ApiError::new(StatusCode::CONFLICT, "version_conflict", e.to_string())
            },
            EngineError::ReasonNeeded(warnings) => {
                let message = format!(
                    "the planned response has {} consistency warning(s): to go on, send the \
                     reason as \"consistency_reason\" beside the event",
                    warnings.len()
                );
                ApiError {
                    warnings,
                    ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "reason_needed", message)
                }
            }
            e @ EngineError::NothingToAppend => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", e.to_string())
            }
            e @ EngineError::TooManyEvents { .. } => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "too_many_events",
                e.to_string(),
            ),
            EngineError::Calendar(e) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", e.to_string())
            }
            // Dates outside what the calendar and the law's parameters cover.
            EngineError::Assess(e) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", e.to_string())
            }
            EngineError::InvalidProvision { .. }
            | EngineError::UnknownProvision { .. }
            | EngineError::NoCitation { .. }
            | EngineError::NoticeIncomplete { .. } => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", err.to_string())
            }
            other => internal(&other),
        }
    }
}

/// Where validation paths point, so they name fields of the body as sent.
pub enum PathScope {
    /// The body is a whole case file at this JSON path ("" for the root).
    CaseFile(&'static str),
    /// The body is one event, which became event `number` (1-based) of the timeline.
    Event { number: usize },
}

fn case_error(e: CaseError, scope: &PathScope) -> ApiError {
    let message = e.to_string();
    // The field's own message, without the human location the path replaces.
    let (location, detail) = match &e {
        CaseError::Syntax { .. } => (None, message.clone()),
        CaseError::Field { location, message } => (Some(json_path(location)), message.clone()),
        CaseError::UnknownProvision {
            location,
            provision,
        } => (
            Some(json_path(location)),
            format!("unknown provision '{provision}' (not in foidesk's statute catalogue)"),
        ),
        CaseError::EventBeforeReceipt { event, .. } | CaseError::OutOfOrder { event, .. } => {
            let at = format!("events[{}].date", event.saturating_sub(1));
            (Some(at), message.clone())
        }
    };
    let Some(path) = location else {
        return ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message);
    };
    let path = match scope {
        PathScope::CaseFile("") => path,
        PathScope::CaseFile(prefix) => format!("{prefix}.{path}"),
        PathScope::Event { number } => {
            let own = format!("events[{}]", number.saturating_sub(1));
            match path.strip_prefix(&own) {
                Some("") => "$".to_owned(),
                Some(rest) => rest.trim_start_matches('.').to_owned(),
                // The new event clashes with the stored timeline.
                None => format!("$ (stored {path})"),
            }
        }
    };
    ApiError {
        fields: vec![FieldError {
            path,
            message: detail,
        }],
        ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message)
    }
}

/// A fault of ours: logged in full, reported by incident number only.
pub fn internal(err: &dyn std::fmt::Display) -> ApiError {
    let mut bytes = [0u8; 4];
    let incident = match getrandom::fill(&mut bytes) {
        Ok(()) => format!("{:08x}", u32::from_be_bytes(bytes)),
        Err(_) => "unnumbered".to_owned(),
    };
    tracing::error!(incident = %incident, error = %err, "internal error");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        format!("something went wrong on the server (incident {incident}); it has been logged"),
    )
}

#[derive(Serialize)]
struct Body<'a> {
    error: Inner<'a>,
}

#[derive(Serialize)]
struct Inner<'a> {
    status: u16,
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "<[FieldError]>::is_empty")]
    fields: &'a [FieldError],
    #[serde(skip_serializing_if = "Option::is_none")]
    current_version: Option<i64>,
    #[serde(skip_serializing_if = "<[ConsistencyWarning]>::is_empty")]
    warnings: &'a [ConsistencyWarning],
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            error: Inner {
                status: self.status.as_u16(),
                code: self.code,
                message: &self.message,
                fields: &self.fields,
                current_version: self.current_version,
                warnings: &self.warnings,
            },
        };
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"foidesk\""),
            );
        }
        if let Some(v) = self.current_version {
            if let Ok(etag) = HeaderValue::from_str(&format!("\"{v}\"")) {
                response.headers_mut().insert(header::ETAG, etag);
            }
        }
        response
    }
}
