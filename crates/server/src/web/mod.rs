//! The web pages: server-rendered HTML that works without JavaScript, in
//! the patterns of the GOV.UK Design System. Every form that changes
//! anything carries a CSRF token; every value shown is escaped.

mod admin;
mod attachments;
mod case_list;
mod case_page;
mod chart;
mod commissioner_figures;
mod complaint;
mod complaint_queue;
mod coordinator;
mod dashboard;
mod dashboard_figures;
mod decision;
mod documents;
mod forms;
mod intake;
mod invite;
mod join;
mod letters;
mod library;
mod library_admin;
mod library_chart;
mod library_law;
mod lifecycle;
mod make_request;
mod my_requests;
mod official_return;
mod open_complaint;
pub(crate) mod page;
mod period;
mod precedent;
mod profile;
mod questions;
mod register;
mod request_sent;
mod requester_actions;
mod round_robin;
mod round_robin_actions;
mod round_robin_warnings;
pub(crate) mod session;
mod sign_in;
mod stats;
mod thread;
mod timeliness;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use maud::{html, Markup};

use crate::AppState;
use page::{layout, Viewer};
use session::WebUser;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard::show))
        .route("/sign-in", get(sign_in::form).post(sign_in::submit))
        .route("/sign-out", post(sign_in::sign_out))
        .route("/cases", get(case_list::list))
        .route("/cases.csv", get(case_list::csv))
        .route("/complaints", get(complaint_queue::list))
        .route("/complaints.csv", get(complaint_queue::csv))
        .route(
            "/complaints/new",
            get(open_complaint::start).post(open_complaint::answer),
        )
        .route("/complaints/{id}/opened", get(open_complaint::opened))
        .route("/requests/new", get(intake::start).post(intake::answer))
        .route("/requests/{id}/confirmation", get(intake::confirmation))
        .route(
            "/requests/make",
            get(make_request::start).post(make_request::answer),
        )
        .route("/requests/sent/{id}", get(request_sent::sent))
        .route("/join/{token}", get(join::form).post(join::submit))
        .route("/sign-up", get(join::sign_up_form).post(join::sign_up))
        .route("/cases/{id}", get(case_page::show))
        .route(
            "/cases/{id}/record/{kind}",
            get(forms::form).post(forms::submit),
        )
        .route(
            "/cases/{id}/correct/{number}",
            get(forms::correct_form).post(forms::correct_submit),
        )
        .route(
            "/cases/{id}/letters/{kind}/event",
            get(forms::letter_form).post(forms::letter_submit),
        )
        .route("/cases/{id}/letters/{kind}", get(letters::overview))
        .route(
            "/cases/{id}/letters/{kind}/questions/{n}",
            get(letters::questions).post(letters::answer),
        )
        .route("/cases/{id}/letters/{kind}/send", post(letters::send))
        .route(
            "/cases/{id}/documents/{kind}",
            get(documents::form).post(documents::generate),
        )
        .route(
            "/cases/{id}/attachments/new",
            get(attachments::form)
                .post(attachments::upload)
                .layer(DefaultBodyLimit::max(attachments::UPLOAD_BODY_BYTES)),
        )
        .route("/cases/{id}/attachments/{n}", get(attachments::download))
        .route(
            "/cases/{id}/requester/{action}",
            get(requester_actions::form).post(requester_actions::submit),
        )
        .route(
            "/cases/{id}/requester/{action}/sent",
            get(requester_actions::sent),
        )
        .route("/admin", get(admin::show))
        .route(
            "/admin/authorities/{slug}/profile",
            get(profile::form).post(profile::submit),
        )
        .route("/admin/register", get(register::show).post(register::add))
        .route(
            "/admin/register/{slug}/aliases",
            get(register::alias_form).post(register::add_alias),
        )
        .route("/admin/users", post(admin::add_user))
        .route("/admin/invitations", post(invite::invite))
        .route("/admin/sign-up", post(invite::set_sign_up))
        .route("/admin/users/{id}/disable", post(lifecycle::disable))
        .route("/admin/users/{id}/enable", post(lifecycle::enable))
        .route(
            "/admin/users/{id}/sessions/end",
            post(lifecycle::end_sessions),
        )
        .route("/admin/password", post(lifecycle::reset_password))
        .route(
            "/cases/{id}/round-robin/link",
            get(round_robin_actions::link_form).post(round_robin_actions::link),
        )
        .route(
            "/cases/{id}/round-robin/leave",
            get(round_robin_actions::leave_form).post(round_robin_actions::leave),
        )
        .route(
            "/authorities/{slug}/sharing",
            post(round_robin_actions::sharing),
        )
        .route("/round-robins", get(coordinator::list))
        .route("/round-robins/{id}", get(coordinator::show))
        .route("/round-robins/{id}/advice", post(coordinator::advise))
        .route("/statistics", get(stats::show))
        .route("/statistics/return", get(official_return::show))
        .route("/statistics/commissioner", get(commissioner_figures::show))
        .route("/statistics/return.csv", get(official_return::csv))
        .route("/statistics/return.xlsx", get(official_return::xlsx))
        .route("/library", get(library::search))
        .route("/library/outcomes", get(library_chart::show))
        .route("/library/{id}", get(library::notice))
        .route("/law/{provision}", get(library_law::show))
        .route("/admin/library", post(library_admin::set))
        .route("/assets/app.css", get(stylesheet))
}

/// Whether a request is an attachment upload (`POST
/// /cases/{id}/attachments/new`), which may be larger and slower than others.
pub(crate) fn is_upload(method: &axum::http::Method, path: &str) -> bool {
    let mut parts = path.split('/');
    *method == axum::http::Method::POST
        && parts.next() == Some("")
        && parts.next() == Some("cases")
        && parts.next().is_some_and(|id| !id.is_empty())
        && parts.next() == Some("attachments")
        && parts.next() == Some("new")
        && parts.next().is_none()
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../assets/app.css"),
    )
        .into_response()
}

/// An HTML page with a status; every page is marked not to be cached, since
/// each shows one person's cases.
pub fn respond(status: StatusCode, markup: Markup) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        markup.into_string(),
    )
        .into_response()
}

/// A page saying something is missing or not allowed, in the site's shell.
pub fn message_page(who: &WebUser, status: StatusCode, title: &str, text: &str) -> Response {
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let body = html! {
        h1 { (title) }
        p { (text) }
        p { a href="/" { "Go to your dashboard" } }
    };
    respond(status, layout(title, Some(&viewer), &[], body))
}

/// A form post whose CSRF token is missing or wrong: refused, nothing written.
pub fn csrf_refused(who: &WebUser) -> Response {
    message_page(
        who,
        StatusCode::FORBIDDEN,
        "This form has expired",
        "The form was not sent from this site, or your session has changed. Go back, reload the page and try again.",
    )
}

/// A form body; one that cannot be read (another content type, broken
/// encoding) gets a page saying so, like every other page error.
pub struct PageForm<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequest<S> for PageForm<T> {
    type Rejection = Response;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Response> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(value)) => Ok(PageForm(value)),
            Err(rejection) => {
                let body = html! {
                    h1 { "The form could not be read" }
                    p { (rejection.body_text()) }
                    p { a href="/" { "Go to your dashboard" } }
                };
                let status = rejection.status();
                Err(respond(
                    status,
                    layout("The form could not be read", None, &[], body),
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::http::Method;

    #[test]
    fn only_the_upload_route_is_an_upload() {
        for (method, path, upload) in [
            (Method::POST, "/cases/12/attachments/new", true),
            (Method::GET, "/cases/12/attachments/new", false),
            (Method::POST, "/cases/12/record/response", false),
            (Method::POST, "/cases//attachments/new", false),
            (Method::POST, "/cases/12/attachments/new/x", false),
            (Method::POST, "/api/v1/cases/12/attachments/new", false),
        ] {
            assert_eq!(super::is_upload(&method, path), upload, "{method} {path}");
        }
    }
}
