//! Cases: list, open (JSON or an imported TOML file), read, assess, append
//! events, export, and the queues.

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use foidesk_engine::api::CaseSummary;
use foidesk_engine::api::{CaseFile, EventFile, NextDeadline};
use foidesk_engine::{CaseView, QueueFilter, QueueKind};
use serde::{Deserialize, Serialize};

use super::params::{case_id, if_match, Params};
use crate::auth::Caller;
use crate::body::{plain_text, JsonBody, TomlBody};
use crate::error::{internal, ApiError, PathScope};
use crate::AppState;

type QueryResult = Result<Query<HashMap<String, String>>, QueryRejection>;

const ROOT: PathScope = PathScope::CaseFile("");

#[derive(Serialize)]
pub struct SummaryOut {
    id: i64,
    authority_id: i64,
    reference: String,
    desk: String,
    requester: Option<String>,
    version: i64,
    status: String,
    next_deadline: Option<String>,
    assignee: Option<String>,
}

impl From<CaseSummary> for SummaryOut {
    fn from(s: CaseSummary) -> SummaryOut {
        SummaryOut {
            id: s.id,
            authority_id: s.authority_id,
            reference: s.reference,
            desk: s.projection.desk,
            requester: s.requester,
            version: s.version,
            status: s.projection.status,
            next_deadline: s.projection.next_deadline,
            assignee: s.projection.assignee,
        }
    }
}

#[derive(Serialize)]
struct CaseOut {
    #[serde(flatten)]
    summary: SummaryOut,
    next_deadline_name: Option<&'static str>,
    case: CaseFile,
}

#[derive(Serialize)]
struct Recorded {
    version: usize,
    recorded_by: String,
    recorded_at: String,
    event: EventFile,
}

/// A case as JSON, with its version as the ETag.
fn case_response(status: StatusCode, view: CaseView) -> Result<Response, ApiError> {
    let id = view.summary.id;
    let version = view.summary.version;
    let next: Option<NextDeadline> = view.stage.next_deadline;
    let out = CaseOut {
        summary: view.summary.into(),
        next_deadline_name: next.map(|n| n.name),
        case: view.file,
    };
    let mut response = (status, Json(out)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::ETAG, header_value(&format!("\"{version}\""))?);
    if status == StatusCode::CREATED {
        headers.insert(
            header::LOCATION,
            header_value(&format!("/api/v1/cases/{id}"))?,
        );
    }
    Ok(response)
}

fn header_value(text: &str) -> Result<HeaderValue, ApiError> {
    HeaderValue::from_str(text).map_err(|e| internal(&e))
}

async fn visible(state: &AppState, caller: &Caller, id: &str) -> Result<CaseView, ApiError> {
    let id = case_id(id)?;
    state
        .service
        .as_user(&caller.0)
        .case(id)
        .await
        .map_err(|e| ApiError::from_engine(e, &ROOT))?
        .ok_or_else(|| ApiError::not_found(format!("no case {id}")))
}

pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    query: QueryResult,
) -> Result<Json<serde_json::Value>, ApiError> {
    let params = Params::new(query, &["after", "limit"])?;
    let after = params.number("after", 0, 0, i64::MAX)?;
    let limit = params.number("limit", 100, 1, 1000)?;
    let rows = state
        .service
        .as_user(&caller.0)
        .cases(after, limit)
        .await
        .map_err(|e| ApiError::from_engine(e, &ROOT))?;
    let full = i64::try_from(rows.len()).is_ok_and(|n| n == limit);
    let next_after = if full {
        rows.last().map(|c| c.id)
    } else {
        None
    };
    let cases: Vec<SummaryOut> = rows.into_iter().map(SummaryOut::from).collect();
    Ok(Json(
        serde_json::json!({ "cases": cases, "next_after": next_after }),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCaseBody {
    authority: String,
    reference: String,
    case: CaseFile,
}

pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<NewCaseBody>,
) -> Result<Response, ApiError> {
    let view = state
        .service
        .as_user(&caller.0)
        .open_case(&body.authority, &body.reference, body.case)
        .await
        .map_err(|e| ApiError::from_engine(e, &PathScope::CaseFile("case")))?;
    case_response(StatusCode::CREATED, view)
}

pub async fn import(
    State(state): State<AppState>,
    caller: Caller,
    query: QueryResult,
    TomlBody(text): TomlBody,
) -> Result<Response, ApiError> {
    let params = Params::new(query, &["authority", "reference"])?;
    let authority = params
        .text("authority")
        .ok_or_else(|| ApiError::bad_request("name the authority: ?authority=SLUG"))?;
    // As for JSON: text that does not parse is 400; a wrong shape is 422
    // with the field's path.
    let file: CaseFile =
        serde_path_to_error::deserialize(toml::Deserializer::new(&text)).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let mut message = inner.to_string().trim_end().to_owned();
            // serde sees an unquoted TOML date as a map, which says nothing useful.
            let at = inner.span().and_then(|span| text.get(span));
            if at.is_some_and(|t| t.parse::<toml::value::Datetime>().is_ok()) {
                message.push_str("\n(a date in a case file is a quoted string: \"2019-11-07\")");
            }
            if text.parse::<toml::Table>().is_err() {
                ApiError::bad_request(format!("the case file is not valid TOML: {message}"))
            } else {
                ApiError::invalid(if path == "." { "$".to_owned() } else { path }, message)
            }
        })?;
    // TOML escapes can spell any character; hold the file to the JSON rule.
    plain_text(&serde_json::to_value(&file).map_err(|e| internal(&e))?, "")?;
    let from_file = file.case.as_ref().and_then(|c| c.reference.clone());
    let reference = params
        .text("reference")
        .map(str::to_owned)
        .or(from_file)
        .ok_or_else(|| {
            ApiError::bad_request("name the case: ?reference=REF, or [case] reference in the file")
        })?;
    let view = state
        .service
        .as_user(&caller.0)
        .open_case(authority, &reference, file)
        .await
        .map_err(|e| ApiError::from_engine(e, &ROOT))?;
    case_response(StatusCode::CREATED, view)
}

pub async fn show(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    case_response(StatusCode::OK, visible(&state, &caller, &id).await?)
}

pub async fn assessment(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let view = visible(&state, &caller, &id).await?;
    Ok(Json(serde_json::json!({
        "case_id": view.summary.id,
        "version": view.summary.version,
        "as_at": state.service.engine().today().to_string(),
        "status": view.stage.status,
        "next_deadline": view.stage.next_deadline,
        "assessment": view.assessment,
    })))
}

pub async fn events(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let view = visible(&state, &caller, &id).await?;
    // A requester's view holds only the events they see, each still
    // numbered by its version; anyone else's holds every event in order.
    let whole = i64::try_from(view.file.events.len()).ok() == Some(view.summary.version);
    let versions: Vec<usize> = if whole {
        (1..=view.file.events.len()).collect()
    } else {
        view.case.events.iter().map(|e| e.number).collect()
    };
    let events: Vec<Recorded> = view
        .file
        .events
        .into_iter()
        .zip(view.recorded)
        .zip(versions)
        .map(|((event, (by, at)), version)| Recorded {
            version,
            recorded_by: by,
            recorded_at: at,
            event,
        })
        .collect();
    Ok(Json(serde_json::json!({
        "case_id": view.summary.id,
        "version": view.summary.version,
        "events": events,
    })))
}

pub async fn append(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<serde_json::Value>,
) -> Result<Response, ApiError> {
    let id = case_id(&id)?;
    let expected = if_match(&headers)?;
    let number = usize::try_from(expected)
        .unwrap_or(usize::MAX)
        .saturating_add(1);
    let (event, reason) = event_and_reason(body)?;
    let view = state
        .service
        .as_user(&caller.0)
        .append_event_with_reason(id, expected, event, reason.as_deref())
        .await
        .map_err(|e| ApiError::from_engine(e, &PathScope::Event { number }))?;
    case_response(StatusCode::CREATED, view)
}

/// The event, and the reason for departing from a consistent answer sent
/// beside it as `consistency_reason` (a string), if any.
fn event_and_reason(mut body: serde_json::Value) -> Result<(EventFile, Option<String>), ApiError> {
    let reason = match body
        .as_object_mut()
        .and_then(|o| o.remove("consistency_reason"))
    {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(_) => {
            return Err(ApiError::invalid(
                "consistency_reason",
                "the reason must be a string",
            ))
        }
    };
    let event = serde_path_to_error::deserialize(body).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { "$".to_owned() } else { path };
        ApiError::invalid(path, e.into_inner().to_string())
    })?;
    Ok((event, reason))
}

/// The grid of the round robin the case is in, as the caller may see it:
/// 404 when the case is in none (or the caller may not see it).
pub async fn round_robin(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let id = case_id(&id)?;
    let grid = state
        .service
        .as_user(&caller.0)
        .round_robin(id)
        .await
        .map_err(|e| ApiError::from_engine(e, &ROOT))?
        .ok_or_else(|| ApiError::not_found(format!("case {id} is in no round robin")))?;
    Ok(Json(serde_json::json!({ "round_robin": grid })))
}

pub async fn export(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let view = visible(&state, &caller, &id).await?;
    let text = toml::to_string(&view.file).map_err(|e| internal(&e))?;
    Ok((
        [(header::CONTENT_TYPE, "application/toml; charset=utf-8")],
        text,
    )
        .into_response())
}

pub async fn queue(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    query: QueryResult,
) -> Result<Json<serde_json::Value>, ApiError> {
    let params = Params::new(query, &["authority", "desk", "assignee", "days", "limit"])?;
    let kind = match name.as_str() {
        "due-today" => QueueKind::DueToday,
        "due-soon" => {
            let days = params.number("days", 5, 1, 60)?;
            QueueKind::DueWithinWorkingDays(u32::try_from(days).unwrap_or(5))
        }
        "overdue" => QueueKind::Overdue,
        _ => {
            return Err(ApiError::not_found(format!(
                "no queue '{name}': use due-today, due-soon or overdue"
            )))
        }
    };
    let authority_id = match params.text("authority") {
        None => None,
        Some(slug) => Some(
            state
                .service
                .as_user(&caller.0)
                .authority(slug)
                .await
                .map_err(|e| ApiError::from_engine(e, &ROOT))?
                .ok_or_else(|| ApiError::not_found(format!("no authority '{slug}'")))?
                .id,
        ),
    };
    let filter = QueueFilter {
        authority_id,
        desk: params.text("desk").map(str::to_owned),
        assignee: params.text("assignee").map(str::to_owned),
    };
    let limit = params.number("limit", 100, 1, 500)?;
    let rows = state
        .service
        .as_user(&caller.0)
        .queue(kind, &filter, limit)
        .await
        .map_err(|e| ApiError::from_engine(e, &ROOT))?;
    let cases: Vec<SummaryOut> = rows.into_iter().map(SummaryOut::from).collect();
    Ok(Json(serde_json::json!({
        "queue": name,
        "as_at": state.service.engine().today().to_string(),
        "cases": cases,
    })))
}
