//! Request bodies: JSON for the API, TOML for imported case files. Each
//! rejection is an `ApiError`: 413 when too large, 415 for another content
//! type, 400 for text that does not parse, 422 with the field's path for
//! well-formed text of the wrong shape or holding control characters.
//!
//! Requiring a JSON or TOML content type also stops cross-site form posts:
//! a browser sends those types only after a CORS check, which foidesk never
//! grants.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::ApiError;

/// A JSON body parsed into `T`.
pub struct JsonBody<T>(pub T);

/// A TOML body, as text (the engine parses case files).
pub struct TomlBody(pub String);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = read(req, state, "application/json").await?;
        // Parsed as a value first, so its shape and text can be checked
        // before it is read as `T`.
        let value: Value = serde_json::from_slice(&bytes)
            .map_err(|e| ApiError::bad_request(format!("the body is not valid JSON: {e}")))?;
        if !value.is_object() {
            // serde would otherwise read a struct from an array of its fields.
            return Err(ApiError::invalid("$", "the body must be a JSON object"));
        }
        plain_text(&value, "")?;
        serde_path_to_error::deserialize(value)
            .map(JsonBody)
            .map_err(|e| {
                let path = e.path().to_string();
                let path = if path == "." { "$".to_owned() } else { path };
                ApiError::invalid(path, e.into_inner().to_string())
            })
    }
}

/// Refuse control characters in any string of `value` (at JSON path
/// `path`), except tab and line breaks: PostgreSQL cannot store NUL, and
/// none belongs in a case, a name or an address.
pub fn plain_text(value: &Value, path: &str) -> Result<(), ApiError> {
    match value {
        Value::String(text) => match text
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        {
            Some(c) => Err(ApiError::invalid(
                if path.is_empty() { "$" } else { path },
                format!(
                    "contains the control character U+{:04X}, which foidesk does not store",
                    u32::from(c)
                ),
            )),
            None => Ok(()),
        },
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| plain_text(item, &format!("{path}[{i}]"))),
        Value::Object(map) => map.iter().try_for_each(|(key, item)| {
            if path.is_empty() {
                plain_text(item, key)
            } else {
                plain_text(item, &format!("{path}.{key}"))
            }
        }),
        _ => Ok(()),
    }
}

impl<S: Send + Sync> FromRequest<S> for TomlBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = read(req, state, "application/toml").await?;
        String::from_utf8(bytes.to_vec())
            .map(TomlBody)
            .map_err(|e| ApiError::bad_request(format!("the body is not UTF-8 text: {e}")))
    }
}

async fn read<S: Send + Sync>(req: Request, state: &S, wanted: &str) -> Result<Bytes, ApiError> {
    let given = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
    if given.as_deref() != Some(wanted) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!(
                "send the body as Content-Type: {wanted} (got {})",
                given.as_deref().unwrap_or("none")
            ),
        ));
    }
    Bytes::from_request(req, state).await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                format!(
                    "the body is larger than the {} bytes accepted",
                    crate::MAX_BODY_BYTES
                ),
            )
        } else {
            ApiError::bad_request(format!("the body could not be read: {}", e.body_text()))
        }
    })
}
