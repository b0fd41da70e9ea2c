//! Files attached to a case: the "Attachments" section of the case page,
//! the upload page (a multipart form, its CSRF token a field of it) and the
//! download. A refused file (empty, too large, not a kept type) comes back
//! with an error naming it, and nothing is written. Someone who may not see
//! the case gets the same 404 as for a case that does not exist.

use axum::body::Body;
use axum::extract::multipart::{Field, MultipartRejection};
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::{
    size_in_words, Access, Attachment, CaseView, EngineError, NewAttachment, MAX_ATTACHMENT_BYTES,
};
use maud::{html, Markup};

use super::case_page::visible;
use super::page::{csrf_field, layout, problem, select, success_banner, Problem, Viewer};
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, respond};
use crate::error::internal;
use crate::AppState;

/// The upload route's body limit. Every other route keeps `MAX_BODY_BYTES`.
/// It is twice the largest file, so that a file up to about twice too large
/// is read far enough to be named in the error (no more than
/// `MAX_ATTACHMENT_BYTES` of it is ever held); a body larger still is
/// refused unread, with an error that cannot name the file.
pub const UPLOAD_BODY_BYTES: usize = 2 * MAX_ATTACHMENT_BYTES;

/// What the file input accepts (a hint to the browser; the engine checks).
const ACCEPT: &str = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.eml,.msg";

/// The kinds of file kept, in words for the hint.
const KINDS: &str = "PDF, Word (.docx), Excel (.xlsx), PNG, JPEG or GIF images, \
                     and emails (.eml or .msg)";

/// The files kept on a case, or `None` (the fault logged) if they could not
/// be listed just now: the case page still shows the case.
pub async fn listed(state: &AppState, who: &WebUser, view: &CaseView) -> Option<Vec<Attachment>> {
    match state
        .service
        .as_user(&who.user)
        .attachments(view.summary.id)
        .await
    {
        Ok(files) => Some(files),
        Err(e) => {
            let _ = internal(&e);
            None
        }
    }
}

/// The "Attachments" section of a case page: the files kept on the case
/// (as `listed` gave them), each with a download link, and a link to attach
/// another if the user may.
pub fn section(who: &WebUser, view: &CaseView, files: Option<&[Attachment]>) -> Markup {
    let id = view.summary.id;
    let Some(files) = files else {
        return html! {
            h2 id="attachments" { "Attachments" }
            p { "The attachments could not be listed just now. Reload the page to try again." }
        };
    };
    let may_attach = who.user.access_to(&view.summary) == Access::Write;
    html! {
        h2 id="attachments" { "Attachments" }
        @if files.is_empty() {
            p { "Nothing is attached to this case." }
        } @else {
            div class="table-wrap" {
                table class="table" {
                    caption class="visually-hidden" { "Files attached to this case" }
                    thead { tr { th scope="col" { "File" } th scope="col" { "Type and size" } th scope="col" { "Attached" } } }
                    tbody {
                        @for f in files {
                            tr {
                                td { (download_link(id, f)) }
                                td { (f.file_type.label()) ", " (size_in_words(f.size)) }
                                td {
                                    (f.uploaded_in_words()) " by " (f.uploaded_by)
                                    @if let Some(event) = event_words(view, f) { br; span class="body-s" { "With: " (event) } }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if may_attach {
            p { a class="button button--secondary" href={ "/cases/" (id) "/attachments/new" } { "Attach a file" } }
        }
    }
}

/// A link that downloads a kept file, by its name.
pub fn download_link(case_id: i64, f: &Attachment) -> Markup {
    html! { a href={ "/cases/" (case_id) "/attachments/" (f.id) } download { (f.name) } }
}

/// The event a file belongs to, in words: "Response, 3 March 2026".
fn event_words(view: &CaseView, f: &Attachment) -> Option<String> {
    // An event's number is its place in the case file: its version.
    let number = usize::try_from(f.event_version?).ok()?;
    let event = view.case.events.iter().find(|e| e.number == number)?;
    Some(format!(
        "{}, {}",
        event.kind.event_type().label(),
        event.date.long_form()
    ))
}

fn event_options(view: &CaseView) -> Vec<(String, String)> {
    let mut options = vec![(
        String::new(),
        "None: it is about the case as a whole".to_owned(),
    )];
    for event in &view.case.events {
        options.push((
            event.number.to_string(),
            format!(
                "{}, {}",
                event.kind.event_type().label(),
                event.date.long_form()
            ),
        ));
    }
    options
}

fn render(
    status: StatusCode,
    who: &WebUser,
    view: &CaseView,
    event: &str,
    attached: Option<&str>,
    errors: &[Problem],
) -> Response {
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let id = view.summary.id;
    let options = event_options(view);
    let options: Vec<(&str, &str)> = options
        .iter()
        .map(|(v, l)| (v.as_str(), l.as_str()))
        .collect();
    let error = errors
        .iter()
        .find(|p| p.field == "file")
        .map(|p| p.message.as_str());
    let body = html! {
        @if let Some(name) = attached {
            (success_banner(&format!("\u{201c}{name}\u{201d} is attached to case {}", view.summary.reference), None))
        }
        span class="caption" { "Case " (view.summary.reference) }
        h1 { "Attach a file" }
        form method="post" action={ "/cases/" (id) "/attachments/new" } enctype="multipart/form-data" novalidate {
            (csrf_field(&who.csrf))
            div class={ "form-group" @if error.is_some() { " form-group--error" } } {
                label class="label" for="file" { "Upload a file" }
                div class="hint" id="file-hint" {
                    (KINDS) ", up to " (size_in_words(MAX_ATTACHMENT_BYTES as u64)) " each."
                }
                @if let Some(e) = error {
                    p class="error-message" id="file-error" { span class="visually-hidden" { "Error: " } (e) }
                }
                input class={ "file-upload" @if error.is_some() { " file-upload--error" } } id="file" name="file" type="file" accept=(ACCEPT)
                    aria-describedby={ "file-hint" @if error.is_some() { " file-error" } };
            }
            (select("event", "Which event does it belong to?", &options, event, errors))
            button class="button" type="submit" { "Upload" }
            a class="button button--secondary" href={ "/cases/" (id) "#attachments" } { "Back to the case" }
        }
    };
    respond(status, layout("Attach a file", Some(&viewer), errors, body))
}

/// The case, if this user may attach files to it.
async fn writable(state: &AppState, who: &WebUser, id: &str) -> Result<CaseView, Response> {
    let view = visible(state, who, id).await?;
    if who.user.access_to(&view.summary) != Access::Write {
        return Err(message_page(
            who,
            StatusCode::FORBIDDEN,
            "You cannot attach files to this case",
            "Your role may read this case but not add to it.",
        ));
    }
    Ok(view)
}

pub async fn form(State(state): State<AppState>, who: WebUser, Path(id): Path<String>) -> Response {
    match writable(&state, &who, &id).await {
        Ok(view) => render(StatusCode::OK, &who, &view, "", None, &[]),
        Err(r) => r,
    }
}

/// What the upload form sent.
#[derive(Default)]
struct Upload {
    csrf: String,
    event: String,
    file: Option<NewAttachment>,
    /// The name of a file larger than the limit, whose bytes were not kept.
    too_large: Option<String>,
}

/// Why an upload could not be read.
enum Unreadable {
    /// The body was over the route's limit before a file was named.
    TooLarge,
    Broken(String),
}

fn unreadable(status: StatusCode, text: String) -> Unreadable {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        Unreadable::TooLarge
    } else {
        Unreadable::Broken(text)
    }
}

/// Read a file field's bytes, keeping at most the limit; past it, drain
/// the rest (up to the route's body limit) and say it was too large.
async fn read_file(mut field: Field<'_>, upload: &mut Upload) -> Result<(), Unreadable> {
    let name = field.file_name().unwrap_or("").to_owned();
    let mut bytes = Vec::new();
    let mut over = false;
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => {
                if !over && bytes.len() + chunk.len() > MAX_ATTACHMENT_BYTES {
                    over = true;
                    bytes = Vec::new();
                }
                if !over {
                    bytes.extend_from_slice(&chunk);
                }
            }
            Ok(None) => break,
            // The route's body limit, reached only by a file over the limit.
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                over = true;
                break;
            }
            Err(e) => return Err(Unreadable::Broken(e.body_text())),
        }
    }
    if over {
        upload.too_large = Some(name);
    } else {
        upload.file = Some(NewAttachment { name, bytes });
    }
    Ok(())
}

/// A short text field, at most 1 KiB.
async fn short_text(mut field: Field<'_>) -> Result<String, Unreadable> {
    let mut bytes = Vec::new();
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
            Ok(None) => break,
            Err(e) => return Err(unreadable(e.status(), e.body_text())),
        }
        if bytes.len() > 1024 {
            return Err(Unreadable::Broken("a form field is too long".into()));
        }
    }
    String::from_utf8(bytes).map_err(|_| Unreadable::Broken("a form field is not text".into()))
}

async fn read_upload(mut multipart: Multipart) -> Result<Upload, Unreadable> {
    let mut upload = Upload::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Err(unreadable(e.status(), e.body_text())),
        };
        match field.name().unwrap_or("") {
            "file" => read_file(field, &mut upload).await?,
            "csrf" => upload.csrf = short_text(field).await?,
            "event" => upload.event = short_text(field).await?,
            _ => {}
        }
        if upload.too_large.is_some() {
            break;
        }
    }
    Ok(upload)
}

pub async fn upload(
    State(state): State<AppState>,
    who: WebUser,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let view = match writable(&state, &who, &id).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let refused = |why: Unreadable| {
        let (status, message) = match why {
            Unreadable::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "The file you chose is much larger than {}, the most a file may be",
                    size_in_words(MAX_ATTACHMENT_BYTES as u64)
                ),
            ),
            Unreadable::Broken(text) => (
                StatusCode::BAD_REQUEST,
                format!("The upload could not be read ({text}). Choose the file and try again"),
            ),
        };
        render(status, &who, &view, "", None, &[problem("file", message)])
    };
    let multipart = match multipart {
        Ok(m) => m,
        Err(rejection) => return refused(unreadable(rejection.status(), rejection.body_text())),
    };
    let upload = match read_upload(multipart).await {
        Ok(u) => u,
        Err(why) => return refused(why),
    };
    if let Some(name) = &upload.too_large {
        // The token may not have been read if it came after the file; no
        // write happens here either way.
        let p = problem(
            "file",
            format!(
                "\u{201c}{name}\u{201d} is larger than {}, the most a file may be",
                size_in_words(MAX_ATTACHMENT_BYTES as u64)
            ),
        );
        return render(
            StatusCode::PAYLOAD_TOO_LARGE,
            &who,
            &view,
            &upload.event,
            None,
            &[p],
        );
    }
    if !tokens_match(&upload.csrf, &who.csrf) {
        return csrf_refused(&who);
    }
    let event_version = match upload.event.trim() {
        "" => None,
        v => match v.parse::<i64>() {
            Ok(v) => Some(v),
            Err(_) => {
                let p = problem("event", "Choose an event from the list");
                return render(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &who,
                    &view,
                    "",
                    None,
                    &[p],
                );
            }
        },
    };
    let Some(file) = upload.file else {
        let p = problem("file", "Choose a file to attach");
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &who,
            &view,
            &upload.event,
            None,
            &[p],
        );
    };
    match state
        .service
        .as_user(&who.user)
        .add_attachment(view.summary.id, file, event_version)
        .await
    {
        Ok(kept) => render(StatusCode::OK, &who, &view, "", Some(&kept.name), &[]),
        Err(EngineError::Invalid { field, message }) => {
            let field = if field == "event" { "event" } else { "file" };
            let p = problem(field, message);
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &who,
                &view,
                &upload.event,
                None,
                &[p],
            )
        }
        Err(EngineError::NotFound { .. }) => {
            Redirect::to(&format!("/cases/{}", view.summary.id)).into_response()
        }
        Err(EngineError::Forbidden { message }) => message_page(
            &who,
            StatusCode::FORBIDDEN,
            "You cannot attach files to this case",
            &message,
        ),
        Err(e) => internal(&e).into_response(),
    }
}

/// `attachment; filename="…"` with an ASCII stand-in, and the exact name
/// as RFC 6266's `filename*` (UTF-8, percent-encoded).
fn disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

pub async fn download(
    State(state): State<AppState>,
    who: WebUser,
    Path((id, n)): Path<(String, String)>,
) -> Response {
    let not_found = || {
        message_page(
            &who,
            StatusCode::NOT_FOUND,
            "File not found",
            "There is no file with that number on a case you can see.",
        )
    };
    let (Ok(id), Ok(n)) = (id.parse::<i64>(), n.parse::<i64>()) else {
        return not_found();
    };
    match state.service.as_user(&who.user).attachment(id, n).await {
        Ok(Some(file)) => {
            let disposition = HeaderValue::from_str(&disposition(&file.attachment.name))
                .unwrap_or(HeaderValue::from_static("attachment"));
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static(file.attachment.content_type()),
                    ),
                    (header::CONTENT_DISPOSITION, disposition),
                    (
                        header::X_CONTENT_TYPE_OPTIONS,
                        HeaderValue::from_static("nosniff"),
                    ),
                    (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
                ],
                Body::from(file.bytes),
            )
                .into_response()
        }
        Ok(None) => not_found(),
        Err(e) => internal(&e).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::disposition;

    #[test]
    fn a_download_keeps_its_name_and_cannot_break_the_header() {
        for (name, header) in [
            ("letter.pdf", "attachment; filename=\"letter.pdf\"; filename*=UTF-8''letter.pdf"),
            (
                "Siân's \"reply\".pdf",
                "attachment; filename=\"Si_n's _reply_.pdf\"; filename*=UTF-8''Si%C3%A2n%27s%20%22reply%22.pdf",
            ),
        ] {
            assert_eq!(disposition(name), header);
        }
    }
}
