//! The library of decision notices in the browser: search with the command
//! line's facets (`/library`), and one notice with its numbered paragraphs
//! (`/library/{id}`). Every signed-in user may read it; others only when an
//! administrator has opened it to the public (a stored setting).

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::api::{
    Date, Hit, HitParagraph, LibraryOutcome, NumberedParagraph, ProvisionId, SearchQuery,
    SearchResults, Sort,
};
use foidesk_engine::{AuthorityKind, LibraryDesk};
use maud::{html, Markup};

use super::page::{date_from_fields, date_input, layout, problem, Problem, Viewer};
use super::respond;
use super::session::{csrf_token, WebUser};
use crate::auth::session_cookie;
use crate::error::internal;
use crate::AppState;

/// Notices a page of results shows.
pub const RESULTS: usize = 50;

type QueryMap = HashMap<String, String>;

/// Whoever reads the library: a signed-in user, or nobody in particular.
pub struct Reader(pub Option<WebUser>);

impl FromRequestParts<AppState> for Reader {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Some(secret) = session_cookie(&parts.headers) else {
            return Ok(Reader(None));
        };
        match state.service.user_for_session(&secret).await {
            Ok(Some(user)) => Ok(Reader(Some(WebUser {
                user,
                csrf: csrf_token(&secret),
            }))),
            Ok(None) => Ok(Reader(None)),
            Err(e) => Err(internal(&e).into_response()),
        }
    }
}

impl Reader {
    /// The library as this reader may use it; someone not signed in is sent
    /// to sign in unless the library is public.
    pub async fn desk<'a>(&'a self, state: &'a AppState) -> Result<LibraryDesk<'a>, Response> {
        match &self.0 {
            Some(who) => state
                .service
                .as_user(&who.user)
                .library()
                .await
                .map_err(|e| internal(&e).into_response()),
            None => match state.service.public_library().await {
                Ok(Some(desk)) => Ok(desk),
                Ok(None) => Err(Redirect::to("/sign-in").into_response()),
                Err(e) => Err(internal(&e).into_response()),
            },
        }
    }

    /// The page shell, with the header's menu for a signed-in reader.
    pub fn page(
        &self,
        status: StatusCode,
        title: &str,
        errors: &[Problem],
        body: Markup,
    ) -> Response {
        let viewer = self.0.as_ref().map(|w| Viewer {
            user: &w.user,
            csrf: &w.csrf,
        });
        respond(status, layout(title, viewer.as_ref(), errors, body))
    }
}

fn get<'a>(q: &'a QueryMap, name: &str) -> &'a str {
    q.get(name).map(|v| v.trim()).unwrap_or("")
}

fn date_of(q: &QueryMap, id: &str) -> (String, String, String) {
    let part = |p: &str| get(q, &format!("{id}-{p}")).to_owned();
    (part("day"), part("month"), part("year"))
}

/// The search the form asks for, or the problems with what was typed.
pub fn asked(
    state: &AppState,
    q: &QueryMap,
) -> Result<(SearchQuery, Option<AuthorityKind>), Vec<Problem>> {
    let mut problems = Vec::new();
    let provision = match get(q, "provision") {
        "" => None,
        p => match state.service.engine().provision(p) {
            Ok((id, _)) => Some(id),
            Err(_) => match ProvisionId::parse(p) {
                Ok(id) => Some(id),
                Err(_) => {
                    problems.push(problem(
                        "provision",
                        "Enter a provision like s.31, s.31(3) or reg.12(5)(e)",
                    ));
                    None
                }
            },
        },
    };
    let outcome = match get(q, "outcome") {
        "" => None,
        o => match LibraryOutcome::from_name(o) {
            Some(o) => Some(o),
            None => {
                problems.push(problem("outcome", "Choose a decision from the list"));
                None
            }
        },
    };
    let kind = match get(q, "kind") {
        "" => None,
        k => match AuthorityKind::from_name(k) {
            Some(k) => Some(k),
            None => {
                problems.push(problem("kind", "Choose a kind of authority from the list"));
                None
            }
        },
    };
    let ncnd = match get(q, "ncnd") {
        "" => None,
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            problems.push(problem(
                "ncnd",
                "Choose whether the authority neither confirmed nor denied",
            ));
            None
        }
    };
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
    let from = date("from", "The date decided from");
    let to = date("to", "The date decided to");
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            problems.push(problem(
                "to",
                "The date decided to must be the same as or after the date decided from",
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let query = SearchQuery {
        text: get(q, "q").to_owned(),
        provision,
        authority: Some(get(q, "authority").to_owned()).filter(|a| !a.is_empty()),
        outcome,
        ncnd,
        from,
        to,
        kind: None,
        sort: if get(q, "sort") == "newest" {
            Sort::Newest
        } else {
            Sort::Relevance
        },
        limit: RESULTS,
    };
    Ok((query, kind))
}

/// GET /library
pub async fn search(
    State(state): State<AppState>,
    reader: Reader,
    Query(q): Query<QueryMap>,
) -> Response {
    let desk = match reader.desk(&state).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let (results, problems) = match asked(&state, &q) {
        Ok((query, kind)) => match desk.search(query, kind).await {
            Ok(r) => (Some(r), Vec::new()),
            Err(e) => return internal(&e).into_response(),
        },
        Err(problems) => (None, problems),
    };
    let body = html! {
        h1 { "Decision notices" }
        p { "The Information Commissioner's decisions in the library. Search their words, or filter by provision, decision and date. "
            a href="/library/outcomes" { "Outcomes by provision and year" } }
        div class="filter-layout" {
            div class="filter-layout__filter" { (filter_form(&q, &problems)) }
            div class="filter-layout__content" {
                @if let Some(results) = &results { (result_list(results)) }
            }
        }
    };
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    reader.page(status, "Decision notices", &problems, body)
}

fn filter_form(q: &QueryMap, problems: &[Problem]) -> Markup {
    let option = |value: &str, label: &str, chosen: &str| {
        html! { option value=(value) selected[value == chosen] { (label) } }
    };
    let from = date_of(q, "from");
    let to = date_of(q, "to");
    let error = |id: &str| super::page::error_for(problems, id);
    let field = |id: &str, label: &str, hint: Option<&str>, kind: &str| {
        html! {
            div class={ "form-group" @if error(id).is_some() { " form-group--error" } } {
                label class="label" for=(id) { (label) }
                @if let Some(h) = hint { div class="hint" id={ (id) "-hint" } { (h) } }
                @if let Some(e) = error(id) {
                    p class="error-message" id={ (id) "-error" } { span class="visually-hidden" { "Error: " } (e) }
                }
                input class={ "input" @if error(id).is_some() { " input--error" } } id=(id) name=(id) type=(kind)
                    value=(get(q, id)) aria-describedby=[hint.map(|_| format!("{id}-hint"))];
            }
        }
    };
    let select = |id: &str, label: &str, options: &[(&str, &str)]| {
        html! {
            div class={ "form-group" @if error(id).is_some() { " form-group--error" } } {
                label class="label" for=(id) { (label) }
                @if let Some(e) = error(id) {
                    p class="error-message" id={ (id) "-error" } { span class="visually-hidden" { "Error: " } (e) }
                }
                select class="select" id=(id) name=(id) {
                    @for (v, l) in options { (option(v, l, get(q, id))) }
                }
            }
        }
    };
    let outcomes: Vec<(&str, &str)> = std::iter::once(("", "Any decision"))
        .chain(
            LibraryOutcome::ALL
                .iter()
                .map(|o| (o.as_str(), o.commissioner_words())),
        )
        .collect();
    let kinds: Vec<(&str, &str)> = std::iter::once(("", "Any kind"))
        .chain(AuthorityKind::ALL.iter().map(|k| (k.as_str(), k.label())))
        .collect();
    html! {
        form class="filter" method="get" action="/library" {
            h2 class="filter__title" { "Search" }
            (field("q", "Words in the notice", Some("For example, \"smart devices\" or listening"), "search"))
            (field("provision", "Provision", Some("s.31 also finds s.31(3)"), "text"))
            (select("outcome", "Decision", &outcomes))
            (select("ncnd", "Neither confirmed nor denied?", &[("", "Either"), ("yes", "Yes"), ("no", "No")]))
            (field("authority", "Authority", Some("Words in its name"), "text"))
            (select("kind", "Kind of authority", &kinds))
            (date_input("from", "Decided from", Some("For example, 1 4 2020"), (&from.0, &from.1, &from.2), problems))
            (date_input("to", "Decided to", None, (&to.0, &to.1, &to.2), problems))
            (select("sort", "Order", &[("", "Best match first"), ("newest", "Newest first")]))
            button class="button" type="submit" { "Search" }
            p { a href="/library" { "Clear the search" } }
        }
    }
}

fn result_list(results: &SearchResults) -> Markup {
    html! {
        p id="result-count" {
            @match results.total {
                0 => "No notices match.",
                1 => "1 notice matches.",
                n => { (n) " notices match." @if n > results.hits.len() { " The first " (results.hits.len()) " are shown." } }
            }
        }
        @for w in &results.warnings { p class="hint" { "Ignored: " (w) } }
        ol class="library-results" {
            @for hit in &results.hits { li { (result(hit)) } }
        }
    }
}

/// One hit: its reference, authority, date, decision and best paragraph.
pub fn result(hit: &Hit) -> Markup {
    html! {
        h2 class="library-results__title" {
            a href={ "/library/" (hit.id) } { (title(hit)) }
        }
        p class="body-s" { (facts(hit)) }
        @if let Some(p) = &hit.paragraph { (paragraph_quote(p)) }
    }
}

/// "IC-123-ABC: Kent Police", or what the notice has of the two.
pub fn title(hit: &Hit) -> String {
    match (&hit.reference, &hit.public_authority) {
        (Some(r), Some(a)) => format!("{r}: {a}"),
        (Some(r), None) => r.clone(),
        (None, Some(a)) => a.clone(),
        (None, None) => format!("Notice {}", hit.id),
    }
}

/// The date, decision, NCND and provisions, in words.
pub fn facts(hit: &Hit) -> Markup {
    let outcome = hit
        .outcome
        .as_deref()
        .and_then(LibraryOutcome::from_name)
        .map(|o| o.commissioner_words());
    html! {
        @if let Some(d) = date_words(hit.date.as_deref()) { "Decided " (d) ". " }
        @if let Some(o) = outcome { "Complaint: " (o) ". " }
        @if hit.ncnd { strong class="tag tag--grey" { "Neither confirm nor deny" } " " }
        @if !hit.provisions_cited.is_empty() { "Cites " (hit.provisions_cited.join(", ")) "." }
    }
}

pub fn date_words(iso: Option<&str>) -> Option<String> {
    iso.and_then(|d| d.parse::<Date>().ok())
        .map(Date::long_form)
}

/// A paragraph with its number, the matched words marked.
pub fn paragraph_quote(p: &HitParagraph) -> Markup {
    let mut pieces: Vec<(bool, &str)> = Vec::new();
    let mut at = 0;
    for [s, e] in &p.highlights {
        let (s, e) = (*s, *e);
        if s < at || e > p.text.len() || !p.text.is_char_boundary(s) || !p.text.is_char_boundary(e)
        {
            continue;
        }
        pieces.push((false, &p.text[at..s]));
        pieces.push((true, &p.text[s..e]));
        at = e;
    }
    pieces.push((false, &p.text[at..]));
    html! {
        blockquote class="inset-text" {
            @if p.number > 0 { span class="library-paragraph__number" { "Paragraph " (p.number) ": " } }
            @for (marked, text) in pieces {
                @if marked { mark { (text) } } @else { (text) }
            }
        }
    }
}

/// GET /library/{id}
pub async fn notice(
    State(state): State<AppState>,
    reader: Reader,
    Path(id): Path<String>,
) -> Response {
    let desk = match reader.desk(&state).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let page = match id.parse::<i64>() {
        Ok(id) => match desk.notice(id) {
            Ok(page) => page,
            Err(e) => return internal(&e).into_response(),
        },
        Err(_) => None,
    };
    let Some(page) = page else {
        let body = html! {
            h1 { "Notice not found" }
            p { "There is no notice with that number in the library." }
            p { a href="/library" { "Search the library" } }
        };
        return reader.page(StatusCode::NOT_FOUND, "Notice not found", &[], body);
    };
    let hit = &page.hit;
    let heading = title(hit);
    let law = state.service.engine().law();
    // Paragraphs under their headings, each heading once.
    let mut sections: Vec<(Option<&str>, Vec<&NumberedParagraph>)> = Vec::new();
    for p in &page.paragraphs {
        let heading = p.heading.as_deref();
        match sections.last_mut() {
            Some((h, list)) if *h == heading => list.push(p),
            _ => sections.push((heading, vec![p])),
        }
    }
    let body = html! {
        p { a href="/library" { "Back to the library" } }
        h1 { (heading) }
        dl class="summary-list" {
            @if let Some(r) = &hit.reference { (super::page::summary_row("Reference", html! { (r) })) }
            @if let Some(a) = &hit.public_authority { (super::page::summary_row("Authority", html! { (a) })) }
            @if let Some(d) = date_words(hit.date.as_deref()) { (super::page::summary_row("Decided", html! { (d) })) }
            @if let Some(o) = hit.outcome.as_deref().and_then(LibraryOutcome::from_name) {
                (super::page::summary_row("Complaint", html! { (o.commissioner_words()) " (" (o.label()) ")" }))
            }
            (super::page::summary_row("Neither confirm nor deny", html! { @if hit.ncnd { "Yes: the authority neither confirmed nor denied" } @else { "No" } }))
            @if !hit.provisions_cited.is_empty() {
                (super::page::summary_row("Provisions cited", html! {
                    ul class="list" {
                        @for p in &hit.provisions_cited {
                            li {
                                @match ProvisionId::parse(p).ok().filter(|id| law.provision(id).is_some()) {
                                    Some(id) => a href={ "/law/" (id) } { (p) },
                                    None => (p),
                                }
                            }
                        }
                    }
                }))
            }
            @if let Some(u) = &hit.url { (super::page::summary_row("Published at", html! { a href=(u) { (u) } })) }
        }
        h2 { "The notice" }
        @for (heading, paragraphs) in &sections {
            @if let Some(h) = heading { h3 { (h) } }
            ol class="library-notice" {
                @for p in paragraphs {
                    li id={ "p" (p.number) } value=(p.number) { (p.text) }
                }
            }
        }
    };
    reader.page(StatusCode::OK, &heading, &[], body)
}
