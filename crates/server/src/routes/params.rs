//! Path, query and header values, each checked with a message naming it.

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::Query;
use axum::http::{header, HeaderMap, StatusCode};

use crate::error::ApiError;

/// Query parameters, refusing any the route does not know (a misspelt
/// filter must not silently widen a list).
pub struct Params(HashMap<String, String>);

impl Params {
    pub fn new(
        query: Result<Query<HashMap<String, String>>, QueryRejection>,
        known: &[&str],
    ) -> Result<Params, ApiError> {
        let Query(map) = query.map_err(|e| ApiError::bad_request(e.body_text()))?;
        if let Some(name) = map.keys().find(|k| !known.contains(&k.as_str())) {
            return Err(ApiError::bad_request(format!(
                "unknown query parameter '{name}'; this route takes {}",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            )));
        }
        // No slug, reference or name holds one, and PostgreSQL cannot even
        // compare text with a NUL in it.
        if let Some(name) = map
            .iter()
            .find(|(_, v)| v.chars().any(char::is_control))
            .map(|(k, _)| k)
        {
            return Err(ApiError::bad_request(format!(
                "query parameter '{name}' contains a control character"
            )));
        }
        Ok(Params(map))
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// A whole number in `min..=max`, or `default` when absent.
    pub fn number(&self, name: &str, default: i64, min: i64, max: i64) -> Result<i64, ApiError> {
        match self.0.get(name) {
            None => Ok(default),
            Some(text) => match text.parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(ApiError::bad_request(format!(
                    "query parameter '{name}' must be a whole number from {min} to {max}, not '{text}'"
                ))),
            },
        }
    }
}

/// A case id from the path; anything else names no case.
pub fn case_id(text: &str) -> Result<i64, ApiError> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| {
            ApiError::not_found(format!("no case '{text}': case ids are positive numbers"))
        })
}

/// The version an append expects, from `If-Match: "6"` (or `6`).
pub fn if_match(headers: &HeaderMap) -> Result<i64, ApiError> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Err(ApiError::new(
            StatusCode::PRECONDITION_REQUIRED,
            "version_required",
            "send If-Match: \"<version>\" with the case's version (its ETag), so an append never overwrites one you have not seen",
        ));
    };
    let text = value.to_str().unwrap_or("").trim();
    let bare = text.strip_prefix("W/").unwrap_or(text).trim_matches('"');
    bare.parse::<i64>().ok().filter(|v| *v >= 0).ok_or_else(|| {
        ApiError::bad_request(format!(
            "If-Match must be a case version such as \"3\", not '{text}'"
        ))
    })
}
