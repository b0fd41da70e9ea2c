//! A provision's page (`/law/{provision}`), from the statute catalogue: its
//! title, its parts, where the law is published, and the library's notices
//! citing it. Readable by whoever may read the library.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use maud::html;

use foidesk_engine::api::ProvisionId;

use super::library::Reader;
use crate::AppState;

/// GET /law/{provision}
pub async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Path(provision): Path<String>,
) -> axum::response::Response {
    if let Err(r) = reader.desk(&state).await {
        return r;
    }
    let law = state.service.engine().law();
    let found = ProvisionId::parse(provision.trim())
        .ok()
        .and_then(|id| law.provision(&id).map(|p| (id, p)));
    let Some((id, p)) = found else {
        let body = html! {
            h1 { "Provision not found" }
            p { "foidesk's catalogue of the law has no provision " (provision) "." }
            p { a href="/library" { "Search the library" } }
        };
        return reader.page(StatusCode::NOT_FOUND, "Provision not found", &[], body);
    };
    let part = law.part(&id);
    let heading = match part {
        Some(part) => format!("{id}: {}", part.title),
        None => format!("{}: {}", p.id, p.title),
    };
    let search = format!("/library?provision={}", encode(&id.to_string()));
    let body = html! {
        p { a href="/library" { "Back to the library" } }
        h1 { (heading) }
        @if part.is_some() { p { "Part of " a href={ "/law/" (encode(&p.id.to_string())) } { (p.id) ": " (p.title) } "." } }
        dl class="summary-list" {
            (super::page::summary_row("Kind", html! { (p.kind) }))
            @if let Some(from) = p.in_force_from { (super::page::summary_row("In force from", html! { (from.long_form()) })) }
            @if let Some(until) = p.in_force_until { (super::page::summary_row("In force until", html! { (until.long_form()) })) }
            @if !p.ncnd_subsections.is_empty() {
                (super::page::summary_row("No duty to confirm or deny under", html! {
                    @for (i, s) in p.ncnd_subsections.iter().enumerate() { @if i > 0 { ", " } (s) }
                }))
            }
        }
        p { a href=(search) { "Decision notices citing " (id) } }
        @if !p.parts.is_empty() {
            h2 { "Its parts" }
            ul class="list" {
                @for part in &p.parts {
                    li {
                        @if part.id == id { strong { (part.id) ": " (part.title) } }
                        @else { a href={ "/law/" (encode(&part.id.to_string())) } { (part.id) } ": " (part.title) }
                    }
                }
            }
        }
        h2 { "Where the law is published" }
        ul class="list" {
            @for r in &p.references { li { a href=(r.href) { (r.title) } } }
        }
    };
    reader.page(StatusCode::OK, &heading, &[], body)
}

/// A provision in a URL: its brackets and full stop are safe as they are.
fn encode(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '(' | ')' | '-' | '_' => c.to_string(),
            c => {
                let mut buf = [0u8; 4];
                c.encode_utf8(&mut buf)
                    .bytes()
                    .map(|b| format!("%{b:02X}"))
                    .collect()
            }
        })
        .collect()
}
