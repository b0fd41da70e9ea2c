//! The parts of a request, asked on one page of several flows: a box a
//! part, added and removed with submit buttons (so no JavaScript is needed).

use foidesk_engine::MAX_PARTS;
use maud::{html, Markup};

use super::Fields;
use crate::web::page::{error_for, problem, Problem};

pub(crate) fn parts(f: &Fields) -> Vec<String> {
    f.iter()
        .filter(|(k, _)| k == "part")
        .map(|(_, v)| v.clone())
        .collect()
}

fn set_parts(f: &mut Fields, parts: &[String]) {
    f.retain(|(k, _)| k != "part");
    f.extend(parts.iter().map(|p| ("part".to_owned(), p.clone())));
}

/// The problems with the parts: none written (`empty` says so), or too many.
pub(crate) fn parts_problems(f: &Fields, empty: &str) -> Vec<Problem> {
    let parts = parts(f);
    let mut problems = Vec::new();
    if parts.iter().all(|p| p.trim().is_empty()) {
        problems.push(problem("part-1", empty));
    }
    if parts.len() > MAX_PARTS {
        problems.push(problem(
            "part-1",
            format!("A request can have at most {MAX_PARTS} parts"),
        ));
    }
    problems
}

/// "Add another part" or "Remove part n", if that is the `action`: the
/// parts changed, and true (the parts page is shown again).
pub(crate) fn edit_parts(f: &mut Fields, action: &str) -> bool {
    let mut p = parts(f);
    if action == "add-part" {
        if p.len() < MAX_PARTS {
            p.push(String::new());
        }
    } else if let Some(n) = action.strip_prefix("remove-part-") {
        if let Some(i) = n.parse::<usize>().ok().and_then(|n| n.checked_sub(1)) {
            if i < p.len() && p.len() > 1 {
                p.remove(i);
            }
        }
    } else {
        return false;
    }
    set_parts(f, &p);
    true
}

/// Once the parts page is answered, the empty boxes go.
pub(crate) fn drop_empty_parts(f: &mut Fields) {
    let kept: Vec<String> = parts(f)
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect();
    set_parts(f, &kept);
}

pub(crate) fn parts_fields(f: &Fields, errors: &[Problem]) -> Markup {
    let mut parts = parts(f);
    if parts.is_empty() {
        parts.push(String::new());
    }
    let several = parts.len() > 1;
    html! {
        p class="hint" { "Split the request into the separate things asked for, so each can have its own answer." }
        @for (i, text) in parts.iter().enumerate() {
            @let id = format!("part-{}", i + 1);
            @let error = error_for(errors, &id);
            div class={ "form-group" @if error.is_some() { " form-group--error" } } {
                label class="label" for=(id) { "Part " (i + 1) }
                @if let Some(e) = error {
                    p class="error-message" id={ (id) "-error" } { span class="visually-hidden" { "Error: " } (e) }
                }
                textarea class={ "textarea" @if error.is_some() { " textarea--error" } } id=(id) name="part" rows="3"
                    aria-describedby=[error.map(|_| format!("{id}-error"))] { (text) }
                @if several {
                    div {
                        button class="button button--secondary" type="submit" name="action" value={ "remove-part-" (i + 1) } {
                            "Remove" span class="visually-hidden" { " part " (i + 1) }
                        }
                    }
                }
            }
        }
        @if parts.len() < MAX_PARTS {
            button class="button button--secondary" type="submit" name="action" value="add-part" { "Add another part" }
        }
    }
}
