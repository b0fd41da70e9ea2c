//! Generate a document for a case and download it. The person supplies the
//! facts a case file does not hold (why an exemption applies, the public
//! interest, who signs) as TOML, starting from an outline; a missing fact
//! comes back named in the error summary, never as a blank in a letter.
//! People write letters and the decision notice through the guided form
//! (`letters.rs`); no page links here, which stays for facts kept in files.

use super::PageForm;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use foidesk_engine::api::EventType;
use foidesk_engine::{
    facts_outline, Access, CaseView, DocumentKind, Facts, Format, RenderError, User,
};
use maud::html;
use serde::Deserialize;

use super::case_page::visible;
use super::page::{csrf_field, layout, problem, select, textarea, Problem, Viewer};
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, respond};
use crate::error::internal;
use crate::AppState;

/// The document's name as a heading: its label with a capital.
pub fn title(kind: DocumentKind) -> String {
    let label = kind.label();
    let mut chars = label.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Who writes which document: the authority its letters, the regulator its notices.
pub fn may_write(user: &User, view: &CaseView, kind: DocumentKind) -> bool {
    let event = match kind {
        DocumentKind::Decision => EventType::DecisionNotice,
        _ => EventType::Response,
    };
    user.access_to(&view.summary) == Access::Write && user.may_record(event)
}

const FORMATS: [(&str, &str); 3] = [
    ("html", "Web page (HTML)"),
    ("md", "Markdown"),
    ("pdf", "PDF"),
];

fn page(
    status: StatusCode,
    who: &WebUser,
    view: &CaseView,
    kind: DocumentKind,
    facts: &str,
    format: &str,
    errors: &[Problem],
) -> Response {
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let heading = title(kind);
    let heading = heading.as_str();
    let body = html! {
        span class="caption" { "Case " (view.summary.reference) }
        h1 { (heading) }
        @if kind == DocumentKind::Decision {
            div class="inset-text" id="guided" {
                p { "Decision notices are written through a guided form: " a href={ "/cases/" (view.summary.id) "/letters/decision_notice" } { "issue the decision notice" } ". This page is for those who keep the facts in a file." }
            }
        }
        p { "Fill in the facts below in TOML. The case file gives the rest: dates, parts, outcomes and provisions. An empty text counts as missing." }
        details {
            summary { "The facts this document may need" }
            table class="table" {
                caption class="visually-hidden" { "Facts" }
                thead { tr { th scope="col" { "Fact" } th scope="col" { "When" } } }
                tbody { @for n in kind.needs() { tr { td { code { (n.id) } } td { (n.when) } } } }
            }
        }
        form method="post" action={ "/cases/" (view.summary.id) "/documents/" (kind.name()) } novalidate {
            (csrf_field(&who.csrf))
            (textarea("facts", "Facts", Some("TOML: the outline below has an entry for each provision the case relies on."), facts, errors))
            (select("format", "Format", &FORMATS, format, errors))
            button class="button" type="submit" { "Generate" }
            a class="button button--secondary" href={ "/cases/" (view.summary.id) } { "Back to the case" }
        }
    };
    respond(status, layout(heading, Some(&viewer), errors, body))
}

async fn checked(
    state: &AppState,
    who: &WebUser,
    id: &str,
    kind: &str,
) -> Result<(CaseView, DocumentKind), Response> {
    let view = visible(state, who, id).await?;
    let Some(kind) = DocumentKind::from_name(kind) else {
        return Err(message_page(
            who,
            StatusCode::NOT_FOUND,
            "No such document",
            "Documents are refusal, review and decision.",
        ));
    };
    if !may_write(&who.user, &view, kind) {
        return Err(message_page(
            who,
            StatusCode::FORBIDDEN,
            "You cannot write this document",
            "Your role does not write this document for this case.",
        ));
    }
    Ok((view, kind))
}

pub async fn form(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, kind)): Path<(String, String)>,
) -> Response {
    let (view, kind) = match checked(&state, &who, &id, &kind).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let outline = facts_outline(&view, kind, &who.user.name);
    match toml::to_string(&outline) {
        Ok(text) => page(StatusCode::OK, &who, &view, kind, &text, "html", &[]),
        Err(e) => internal(&e).into_response(),
    }
}

#[derive(Deserialize)]
pub struct DocumentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    facts: String,
    #[serde(default)]
    format: String,
}

pub async fn generate(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, kind)): Path<(String, String)>,
    PageForm(form): PageForm<DocumentForm>,
) -> Response {
    if !tokens_match(&form.csrf, &who.csrf) {
        return csrf_refused(&who);
    }
    let (view, kind) = match checked(&state, &who, &id, &kind).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let again = |errors: Vec<Problem>| {
        page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &who,
            &view,
            kind,
            &form.facts,
            &form.format,
            &errors,
        )
    };
    let Some(format) = Format::from_name(&form.format) else {
        return again(vec![problem("format", "Choose HTML, Markdown or PDF")]);
    };
    let facts = match Facts::from_toml(&form.facts) {
        Ok(f) => f,
        Err(e) => return again(vec![problem("facts", e.to_string())]),
    };
    let document = match state.service.engine().render_document(&view, kind, &facts) {
        Ok(d) => d,
        Err(RenderError::Missing(missing)) => {
            let errors = missing
                .facts
                .iter()
                .map(|f| problem("facts", format!("Missing fact: {f}")))
                .collect();
            return again(errors);
        }
        Err(
            e @ (RenderError::Invalid { .. }
            | RenderError::NotApplicable(_)
            | RenderError::Date { .. }),
        ) => return again(vec![problem("facts", e.to_string())]),
        Err(e) => return internal(&e).into_response(),
    };
    let bytes = match document.to_bytes(format) {
        Ok(b) => b,
        Err(e) => return internal(&e).into_response(),
    };
    let (content_type, disposition) = match format {
        Format::Html => ("text/html; charset=utf-8", "inline"),
        Format::Markdown => ("text/markdown; charset=utf-8", "attachment"),
        Format::Pdf => ("application/pdf", "attachment"),
    };
    let file = format!("{}-case-{}.{}", kind.name(), view.summary.id, format.name());
    // The HTML document carries its own style, allowed by its hash.
    let policy = match (format, std::str::from_utf8(&bytes)) {
        (Format::Html, Ok(html)) => Some([(
            header::CONTENT_SECURITY_POLICY,
            crate::headers::document_policy(html),
        )]),
        _ => None,
    };
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("{disposition}; filename=\"{file}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        policy,
        bytes,
    )
        .into_response()
}
