//! The case list: the cases this person may see, filtered (a GET form in
//! the GOV.UK filter layout), searched, sorted by column and paged; and the
//! same rows as CSV (`/cases.csv` with the same query string). The CSV's
//! cells are the table's words, so the download is the list as shown.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use foidesk_engine::api::{CaseSort, Date, ListedCase, Regime, RequesterType, Status};
use foidesk_engine::{CaseListFilter, Role, MAX_LISTED};
use maud::{html, Markup};

use super::page::{date_from_fields, date_input, layout, problem, status_tag, Problem, Viewer};
use super::respond;
use super::session::WebUser;
use crate::error::internal;
use crate::AppState;

/// Rows a page of the list shows.
const PAGE: i64 = 50;
/// Characters of the first part shown as the subject.
const SUBJECT_CHARS: usize = 80;

pub(super) type QueryMap = HashMap<String, String>;

pub(super) fn get<'a>(q: &'a QueryMap, name: &str) -> &'a str {
    q.get(name).map(|v| v.trim()).unwrap_or("")
}

fn date_of(q: &QueryMap, id: &str) -> (String, String, String) {
    let part = |p: &str| get(q, &format!("{id}-{p}")).to_owned();
    (part("day"), part("month"), part("year"))
}

/// The accounts a case of `authority_id` can be assigned to, as (email,
/// label) options for a select or radios: the authority's enabled officers.
/// The assignment form adds its own "Nobody" and the list its "Anyone"/"Me".
pub async fn assignee_options(
    state: &AppState,
    who: &WebUser,
    authority_id: i64,
) -> Result<Vec<(String, String)>, Response> {
    let colleagues = state
        .service
        .as_user(&who.user)
        .colleagues(authority_id)
        .await
        .map_err(|e| internal(&e).into_response())?;
    Ok(colleagues
        .into_iter()
        .map(|c| {
            let label = format!("{} ({})", c.name, c.email);
            (c.email, label)
        })
        .collect())
}

/// The filters as asked for, and any problem with the dates typed.
struct Asked {
    filter: CaseListFilter,
    problems: Vec<Problem>,
    page: i64,
}

fn asked(who: &WebUser, q: &QueryMap) -> Asked {
    let mut problems = Vec::new();
    let mut date = |id: &str, what: &str| {
        let typed = date_of(q, id);
        match date_from_fields(what, (&typed.0, &typed.1, &typed.2)) {
            Ok(d) => d,
            Err(message) => {
                problems.push(problem(id, message));
                None
            }
        }
    };
    let received_from = date("from", "The date received from");
    let received_to = date("to", "The date received to");
    let assignee = match get(q, "assignee") {
        "" => None,
        "me" => Some(who.user.email.clone()),
        email => Some(email.to_owned()),
    };
    let sort = CaseSort::from_name(get(q, "sort")).unwrap_or(CaseSort::Received);
    let descending = match get(q, "dir") {
        "asc" => false,
        "desc" => true,
        // Newest first by date; A to Z otherwise.
        _ => sort == CaseSort::Received,
    };
    let page = get(q, "page")
        .parse::<i64>()
        .unwrap_or(1)
        .clamp(1, MAX_LISTED / PAGE);
    Asked {
        filter: CaseListFilter {
            status: Status::from_name(get(q, "status")),
            overdue: get(q, "overdue") == "yes",
            assignee,
            regime: match get(q, "regime") {
                "FOIA" => Some(Regime::Foia),
                "EIR" => Some(Regime::Eir),
                _ => None,
            },
            received_from,
            received_to,
            search: Some(get(q, "q").to_owned()).filter(|s| !s.is_empty()),
            sort,
            descending,
            offset: (page - 1) * PAGE,
            limit: PAGE + 1,
        },
        problems,
        page,
    }
}

/// "4 working days left", "Due today", "Overdue by 2 working days", "None running".
pub fn deadline_words(state: &AppState, due: Option<Date>) -> String {
    let Some(due) = due else {
        return "None running".into();
    };
    let today = state.service.engine().today();
    let cal = state.service.engine().calendar();
    let plural = |n: u32| {
        if n == 1 {
            "working day"
        } else {
            "working days"
        }
    };
    if due == today {
        "Due today".into()
    } else if due > today {
        match cal.working_days_between(today, due) {
            Ok(n) => format!("{n} {} left", plural(n)),
            Err(_) => due.long_form(),
        }
    } else {
        match cal.working_days_between(due, today) {
            // It fell on the last working day and today is not one.
            Ok(0) => "Overdue".into(),
            Ok(n) => format!("Overdue by {n} {}", plural(n)),
            Err(_) => due.long_form(),
        }
    }
}

fn subject(row: &ListedCase) -> String {
    let text = row.listing.subject.as_deref().unwrap_or("").trim();
    if text.chars().count() <= SUBJECT_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(SUBJECT_CHARS).collect();
    // End at a word, not inside one.
    let at = cut
        .rfind(' ')
        .filter(|&i| i > SUBJECT_CHARS / 2)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

fn received(row: &ListedCase) -> String {
    row.listing
        .received
        .as_deref()
        .and_then(|d| Date::parse(d).ok())
        .map(Date::long_form)
        .unwrap_or_default()
}

fn requester_type(row: &ListedCase) -> &'static str {
    row.listing
        .requester_type
        .as_deref()
        .and_then(RequesterType::from_name)
        .map(RequesterType::label)
        .unwrap_or("")
}

fn status_words(row: &ListedCase) -> String {
    Status::from_name(&row.summary.projection.status)
        .map(|s| s.label().to_owned())
        .unwrap_or_else(|| row.summary.projection.status.replace('_', " "))
}

fn next_deadline(state: &AppState, row: &ListedCase) -> String {
    let due = row
        .summary
        .projection
        .next_deadline
        .as_deref()
        .and_then(|d| Date::parse(d).ok());
    deadline_words(state, due)
}

/// The columns, in order: (sort key, heading). The requester type is only
/// for the authority's own people.
fn columns(who: &WebUser) -> Vec<(Option<CaseSort>, &'static str)> {
    let mut out = vec![
        (Some(CaseSort::Reference), "Reference"),
        (Some(CaseSort::Subject), "Subject"),
    ];
    if who.user.is_of_an_authority() {
        out.push((None, "Requester type"));
    }
    out.extend([
        (Some(CaseSort::Received), "Received"),
        (Some(CaseSort::Status), "Status"),
        (Some(CaseSort::NextDeadline), "Next deadline"),
    ]);
    out
}

/// One row's cells as words, in the order of `columns`.
fn cells(state: &AppState, who: &WebUser, row: &ListedCase) -> Vec<String> {
    let mut out = vec![row.summary.reference.clone(), subject(row)];
    if who.user.is_of_an_authority() {
        out.push(requester_type(row).to_owned());
    }
    out.extend([received(row), status_words(row), next_deadline(state, row)]);
    out
}

/// The query string with some values replaced (empty values dropped).
pub(super) fn query_with(q: &QueryMap, changes: &[(&str, &str)]) -> String {
    let mut pairs: Vec<(String, String)> = q
        .iter()
        .filter(|(k, v)| !v.is_empty() && !changes.iter().any(|(c, _)| c == k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    pairs.extend(
        changes
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    pairs.sort();
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    if encoded.is_empty() {
        String::new()
    } else {
        format!("?{}", encoded.join("&"))
    }
}

/// Percent-encoding for a query string's keys and values.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn heading(q: &QueryMap, filter: &CaseListFilter, sort: Option<CaseSort>, title: &str) -> Markup {
    let Some(sort) = sort else {
        return html! { th scope="col" { (title) } };
    };
    let current = filter.sort == sort;
    let aria = current.then_some(if filter.descending {
        "descending"
    } else {
        "ascending"
    });
    let next_dir = if current && !filter.descending {
        "desc"
    } else {
        "asc"
    };
    let href = query_with(
        q,
        &[("sort", sort.as_str()), ("dir", next_dir), ("page", "")],
    );
    html! {
        th scope="col" aria-sort=[aria] {
            a class="sort-link" href={ "/cases" (href) } { (title) }
        }
    }
}

async fn filter_form(
    state: &AppState,
    who: &WebUser,
    q: &QueryMap,
    problems: &[Problem],
) -> Markup {
    let mut assignees: Vec<(String, String)> =
        vec![(String::new(), "Anyone".into()), ("me".into(), "Me".into())];
    if let (Role::Officer, Some(authority)) = (who.user.role, who.user.authority_id) {
        if let Ok(more) = assignee_options(state, who, authority).await {
            assignees.extend(more.into_iter().filter(|(e, _)| *e != who.user.email));
        }
    }
    let statuses: Vec<(&str, &str)> = std::iter::once(("", "Any status"))
        .chain(Status::ALL.iter().map(|s| (s.as_str(), s.label())))
        .collect();
    let option = |value: &str, label: &str, chosen: &str| {
        html! { option value=(value) selected[value == chosen] { (label) } }
    };
    let from = date_of(q, "from");
    let to = date_of(q, "to");
    html! {
        form class="filter" method="get" action="/cases" {
            h2 class="filter__title" { "Filter" }
            div class="form-group" {
                label class="label" for="q" { "Search the request text" }
                input class="input" id="q" name="q" type="search" value=(get(q, "q"));
            }
            div class="form-group" {
                label class="label" for="status" { "Status" }
                select class="select" id="status" name="status" {
                    @for (v, l) in &statuses { (option(v, l, get(q, "status"))) }
                }
            }
            div class="form-group" {
                div class="checkboxes__item" {
                    input class="checkboxes__input" type="checkbox" id="overdue" name="overdue" value="yes" checked[get(q, "overdue") == "yes"];
                    label class="label checkboxes__label" for="overdue" { "Overdue only" }
                }
            }
            div class="form-group" {
                label class="label" for="assignee" { "Assigned to" }
                select class="select" id="assignee" name="assignee" {
                    @for (v, l) in &assignees { (option(v, l, get(q, "assignee"))) }
                }
            }
            div class="form-group" {
                label class="label" for="regime" { "Law" }
                select class="select" id="regime" name="regime" {
                    (option("", "Either", get(q, "regime")))
                    (option("FOIA", "FOIA", get(q, "regime")))
                    (option("EIR", "EIR", get(q, "regime")))
                }
            }
            (date_input("from", "Received from", Some("For example, 1 4 2026"), (&from.0, &from.1, &from.2), problems))
            (date_input("to", "Received to", None, (&to.0, &to.1, &to.2), problems))
            @if !get(q, "sort").is_empty() { input type="hidden" name="sort" value=(get(q, "sort")); }
            @if !get(q, "dir").is_empty() { input type="hidden" name="dir" value=(get(q, "dir")); }
            button class="button" type="submit" { "Apply filters" }
            p { a href="/cases" { "Clear filters" } }
        }
    }
}

/// GET /cases
pub async fn list(
    State(state): State<AppState>,
    who: WebUser,
    Query(q): Query<QueryMap>,
) -> Response {
    if who.user.role == Role::Requester {
        return super::my_requests::page(&state, &who).await;
    }
    let Asked {
        filter,
        problems,
        page,
    } = asked(&who, &q);
    let mut rows = if problems.is_empty() {
        match state.service.as_user(&who.user).case_list(&filter).await {
            Ok(rows) => rows,
            Err(e) => return internal(&e).into_response(),
        }
    } else {
        Vec::new()
    };
    let more = i64::try_from(rows.len()).is_ok_and(|n| n > PAGE);
    rows.truncate(usize::try_from(PAGE).unwrap_or(50));
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let columns = columns(&who);
    let mine = query_with(&QueryMap::new(), &[("assignee", "me")]);
    let body = html! {
        h1 { "Cases" }
        p class="actions" {
            @if matches!(who.user.role, Role::Officer | Role::Administrator) {
                a class="button" href="/requests/new" { "Log a new request" }
                " "
            }
            a href={ "/cases" (mine) } { "My cases" }
            " · "
            a href={ "/cases.csv" (query_with(&q, &[("page", "")])) } download { "Download these cases (CSV)" }
        }
        div class="filter-layout" {
            div class="filter-layout__filter" { (filter_form(&state, &who, &q, &problems).await) }
            div class="filter-layout__content" {
                @if rows.is_empty() {
                    p { "No cases match." }
                } @else {
                    div class="table-wrap" {
                        table class="table case-list" {
                            caption class="visually-hidden" { "Cases you can see, page " (page) }
                            thead { tr {
                                @for (sort, title) in &columns { (heading(&q, &filter, *sort, title)) }
                            } }
                            tbody {
                                @for row in &rows {
                                    @let words = cells(&state, &who, row);
                                    tr {
                                        @for (i, (cell, (_, title))) in words.iter().zip(&columns).enumerate() {
                                            td data-label=(title) {
                                                @if i == 0 {
                                                    a href={ "/cases/" (row.summary.id) } { (cell) }
                                                } @else if *title == "Status" {
                                                    (status_tag(&row.summary.projection.status))
                                                } @else {
                                                    (cell)
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                nav class="pagination" aria-label="Pages of cases" {
                    @if page > 1 {
                        a href={ "/cases" (query_with(&q, &[("page", &(page - 1).to_string())])) } { "Previous page" }
                        " "
                    }
                    @if more {
                        a href={ "/cases" (query_with(&q, &[("page", &(page + 1).to_string())])) } { "Next page" }
                    }
                }
            }
        }
    };
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    respond(status, layout("Cases", Some(&viewer), &problems, body))
}

/// A cell a spreadsheet would read as a formula is written as text.
fn defused(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// The rows as CSV with a header row, every cell defused.
pub fn csv_of(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header)?;
    for row in rows {
        w.write_record(row.iter().map(|c| defused(c)))?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// GET /cases.csv: every case the same filters select (up to `MAX_LISTED`),
/// in the same order, with the list's words.
pub async fn csv(
    State(state): State<AppState>,
    who: WebUser,
    Query(q): Query<QueryMap>,
) -> Response {
    let Asked {
        mut filter,
        problems,
        ..
    } = asked(&who, &q);
    if !problems.is_empty() {
        return (
            StatusCode::BAD_REQUEST,
            "The dates in the filter are not real dates.",
        )
            .into_response();
    }
    filter.offset = 0;
    filter.limit = MAX_LISTED;
    let (header, rows) = if who.user.role == Role::Requester {
        // A requester's list is "My requests", so their CSV has its columns.
        match state
            .service
            .as_user(&who.user)
            .my_requests(usize::try_from(MAX_LISTED).unwrap_or(usize::MAX))
            .await
        {
            Ok(mine) => (
                vec!["Authority", "Request", "Reference", "Sent", "Status"],
                mine.rows
                    .into_iter()
                    .map(|r| {
                        vec![
                            r.authority,
                            r.subject,
                            r.reference,
                            r.sent.long_form(),
                            r.status,
                        ]
                    })
                    .collect(),
            ),
            Err(e) => return internal(&e).into_response(),
        }
    } else {
        let rows = match state.service.as_user(&who.user).case_list(&filter).await {
            Ok(rows) => rows,
            Err(e) => return internal(&e).into_response(),
        };
        let header: Vec<&str> = columns(&who).into_iter().map(|(_, t)| t).collect();
        let rows: Vec<Vec<String>> = rows.iter().map(|r| cells(&state, &who, r)).collect();
        (header, rows)
    };
    match csv_of(&header, &rows) {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"cases.csv\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => internal(&e).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::{csv_of, defused};

    fn check(cell: &str, want: &str) {
        assert_eq!(defused(cell), want, "{cell:?}");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_written_as_text() {
        check("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")");
        check("+1", "'+1");
        check("-1", "'-1");
        check("@SUM(A1)", "'@SUM(A1)");
        check("MET-2026-0001", "MET-2026-0001");
        check("", "");
    }

    #[test]
    fn quotes_commas_and_lines_are_quoted() {
        let rows = vec![vec!["a, \"b\"".to_owned(), "two\nlines".to_owned()]];
        let bytes = csv_of(&["One", "Two"], &rows).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "One,Two\n\"a, \"\"b\"\"\",\"two\nlines\"\n"
        );
    }
}
