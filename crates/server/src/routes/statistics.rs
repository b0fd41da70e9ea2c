//! The official return as JSON (`GET /api/v1/statistics/return`): the same
//! document as `foidesk stats --json`, as the caller may see it.

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use foidesk_engine::api::Date;
use foidesk_engine::Period;

use super::params::Params;
use crate::auth::Caller;
use crate::error::{ApiError, PathScope};
use crate::AppState;

const ROOT: PathScope = PathScope::CaseFile("");

fn date(params: &Params, name: &str) -> Result<Date, ApiError> {
    let text = params.text(name).ok_or_else(|| {
        ApiError::bad_request(format!(
            "query parameter '{name}' is required: a date such as 2024-04-01"
        ))
    })?;
    Date::parse(text)
        .map_err(|e| ApiError::bad_request(format!("query parameter '{name}' must be a date: {e}")))
}

pub async fn official_return(
    State(state): State<AppState>,
    Caller(user): Caller,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let params = Params::new(query, &["from", "to", "authority"])?;
    let (from, to) = (date(&params, "from")?, date(&params, "to")?);
    let period = Period::new(from, to).map_err(|e| ApiError::from_engine(e, &ROOT))?;
    let ret = state
        .service
        .as_user(&user)
        .official_return(params.text("authority"), period)
        .await
        .map_err(|e| ApiError::from_engine(e, &ROOT))?;
    let json = ret.to_json().map_err(|e| ApiError::from_engine(e, &ROOT))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}
