//! The administration page's library section: whether people who are not
//! signed in may read the decision notices (a stored setting every server
//! on the store reads).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use foidesk_engine::EngineError;
use maud::{html, Markup};
use serde::Deserialize;

use super::page::{csrf_field, radios};
use super::session::{tokens_match, WebUser};
use super::{csrf_refused, message_page, PageForm};
use crate::error::internal;
use crate::AppState;

#[derive(Deserialize)]
pub struct LibraryForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    public: String,
}

/// The section, with the setting as stored.
pub async fn section(state: &AppState, who: &WebUser) -> Markup {
    let public = match state.service.library_is_public().await {
        Ok(p) => p,
        Err(e) => {
            let _ = internal(&e);
            return html! { h2 id="library" { "Library" } p { "The library's setting could not be read." } };
        }
    };
    html! {
        h2 id="library" { "Library" }
        p { "Decision notices are in the " a href="/library" { "library" } ". Every signed-in user may read it." }
        form method="post" action="/admin/library" {
            (csrf_field(&who.csrf))
            (radios("public", "Who else may read the library?", None,
                &[("off", "Only people who are signed in"), ("on", "Anyone, without signing in")],
                if public { "on" } else { "off" }, &[]))
            button class="button" type="submit" { "Save who may read the library" }
        }
    }
}

/// POST /admin/library
pub async fn set(
    State(state): State<AppState>,
    who: WebUser,
    PageForm(form): PageForm<LibraryForm>,
) -> Response {
    if !tokens_match(&form.csrf, &who.csrf) {
        return csrf_refused(&who);
    }
    let on = match form.public.as_str() {
        "on" => true,
        "off" => false,
        _ => return message_page(
            &who,
            StatusCode::UNPROCESSABLE_ENTITY,
            "Choose who may read the library",
            "Go back and choose whether only signed-in people, or anyone, may read the library.",
        ),
    };
    match state
        .service
        .as_user(&who.user)
        .set_public_library(on)
        .await
    {
        Ok(()) => Redirect::to("/admin#library").into_response(),
        Err(EngineError::Forbidden { message }) => {
            message_page(&who, StatusCode::FORBIDDEN, "Administrators only", &message)
        }
        Err(e) => internal(&e).into_response(),
    }
}
