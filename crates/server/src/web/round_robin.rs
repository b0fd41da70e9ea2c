//! The round robin as people see it: a table with a row per authority and
//! a column per part of the request, each cell saying whether the authority
//! confirmed it held the information, what it did with it, under which
//! provisions and when. The case page and the coordinator's page both draw
//! it. Nothing here takes a requester field: the grid has none.

use foidesk_engine::api::{
    CellResult, GridCell, GridRow, Likeness, LinkBy, RelatedRequest, RoundRobinGrid, Stance,
};
use foidesk_engine::{Access, CaseView, Role};
use maud::{html, Markup};

use super::case_page::provision_words;
use super::page::{csrf_field, success_banner};
use super::session::WebUser;
use crate::AppState;

/// The tag for a cell: its stance when it has one, else its result.
fn tag(cell: &GridCell) -> Markup {
    let (colour, words) = match (cell.stance, cell.result) {
        (Some(Stance::Ncnd), _) => ("tag--yellow", "neither confirm nor deny"),
        (Some(Stance::NotHeld), _) => ("tag--grey", "not held"),
        (Some(Stance::ConfirmedHeld), _) => ("tag--green", "confirmed held"),
        (None, CellResult::Pending) => ("", "pending"),
        (None, CellResult::NotShared) => ("tag--grey", "not shared"),
        (None, CellResult::CostLimit | CellResult::Vexatious) => ("tag--red", "refused"),
        (None, CellResult::NotAsked) => ("tag--grey", "not asked"),
        (None, _) => ("tag--grey", "answered"),
    };
    html! { strong class={ "tag " (colour) } { (words) } }
}

/// What the cell says beyond its tag, in words.
fn cell_body(cell: &GridCell) -> Markup {
    // The tag already says "pending" or "not shared"; a refusal's ground and
    // an answer's result follow it.
    let result = match (cell.stance, cell.result) {
        (None, CellResult::Pending | CellResult::NotShared | CellResult::NotAsked) => None,
        (Some(Stance::NotHeld), CellResult::NotHeld) => None,
        // Neither confirming nor denying withholds: the tag says it all.
        (Some(Stance::Ncnd), CellResult::Withheld) => None,
        (_, r) => Some(r.label()),
    };
    let provisions: Vec<String> = cell.provisions.iter().map(|p| provision_words(p)).collect();
    html! {
        (tag(cell))
        @if let Some(r) = result { br; (r) }
        @if !provisions.is_empty() { br; "under " (provisions.join(", ")) }
        @if let Some(d) = cell.date { br; span class="body-s" { (d.long_form()) } }
        @if let Some(n) = &cell.decision_notice { br; span class="body-s" { "Decision notice " (n) } }
        @if let Some(a) = &cell.appeal { br; span class="body-s" { "Appeal " (a) } }
        @if cell.result == CellResult::NotShared {
            br; span class="body-s" { "This authority does not share its answers." }
        }
    }
}

fn authority_cell(row: &GridRow) -> Markup {
    html! {
        @match row.case_id {
            Some(id) => a href={ "/cases/" (id) } { (row.authority) },
            None => (row.authority),
        }
        @if row.own { " " strong class="tag" { "yours" } }
        br; span class="body-s" { (row.regime) }
    }
}

/// How many authorities gave each answer to a part: "30 neither confirm nor
/// deny, 4 confirmed held, 6 pending".
fn tally(grid: &RoundRobinGrid, part: &str) -> String {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for row in &grid.rows {
        let Some(cell) = row.cells.iter().find(|c| c.part == part) else {
            continue;
        };
        let words = match (cell.stance, cell.result) {
            (Some(s), _) => s.label(),
            (None, CellResult::Pending) => "pending",
            (None, CellResult::NotShared) => "not shared",
            (None, CellResult::NotAsked) => "not asked",
            (None, _) => "refused",
        };
        match counts.iter_mut().find(|(w, _)| *w == words) {
            Some((_, n)) => *n += 1,
            None => counts.push((words, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let said: Vec<String> = counts.iter().map(|(w, n)| format!("{n} {w}")).collect();
    said.join(", ")
}

/// The request's parts and how each was answered, the coordinator's
/// advice, then the grid itself.
pub fn grid(grid: &RoundRobinGrid, caption: &str) -> Markup {
    html! {
        dl class="summary-list" id="round-robin-parts" {
            @for p in &grid.parts {
                div class="summary-list__row" {
                    dt class="summary-list__key" { "Part " (p.id) }
                    dd class="summary-list__value" {
                        (p.text)
                        br; span class="body-s" { (tally(grid, &p.id)) }
                    }
                }
            }
        }
        (advice(grid))
        div class="table-wrap" {
            table class="table table--stack round-robin" id="round-robin-grid" {
                caption { (caption) }
                thead {
                    tr {
                        th scope="col" { "Authority" }
                        @for p in &grid.parts { th scope="col" { "Part " (p.id) } }
                    }
                }
                tbody {
                    // The caller's own row first.
                    @for row in grid.rows.iter().filter(|r| r.own).chain(grid.rows.iter().filter(|r| !r.own)) {
                        tr class=[row.own.then_some("round-robin__own")] {
                            th scope="row" data-label="Authority" { (authority_cell(row)) }
                            @for p in &grid.parts {
                                @let label = format!("Part {}", p.id);
                                td data-label=(label) {
                                    @match row.cells.iter().find(|c| c.part == p.id) {
                                        Some(cell) => (cell_body(cell)),
                                        None => "not asked",
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The coordinator's latest advice on each part, if any.
fn advice(grid: &RoundRobinGrid) -> Markup {
    html! {
        @if !grid.advice.is_empty() {
            h3 { "National advice" }
            ul class="list" id="round-robin-advice" {
                @for a in &grid.advice {
                    li {
                        "Part " (a.part) ": " (a.outcome.label())
                        @if !a.provisions.is_empty() {
                            @let words: Vec<String> = a.provisions.iter().map(|p| provision_words(p)).collect();
                            ", under " (words.join(", "))
                        }
                        @if let Some(d) = a.date { " (" (d.long_form()) ")" }
                        @if let Some(n) = &a.note { br; span class="body-s" { (n) } }
                    }
                }
            }
        }
    }
}

/// What a round-robin action that redirected back to the case says it did.
fn done_words(done: &str) -> Option<&'static str> {
    match done {
        "joined" => Some("The request is linked to the round robin"),
        "left" => Some("The request is no longer in the round robin"),
        "sharing-on" => Some("Your authority now shares its answers with round robins"),
        "sharing-off" => Some("Your authority no longer shares its answers with round robins"),
        _ => None,
    }
}

/// Whether this user may change which round robin the case is in.
fn may_link(who: &WebUser, view: &CaseView) -> bool {
    matches!(who.user.role, Role::Officer | Role::Administrator)
        && who.user.access_to(&view.summary) == Access::Write
}

/// The round-robin panel of the staff case page: the grid when the case is
/// in a round robin, requests like it that are not, and the officer's
/// actions. `done` is what an action just did (`?round-robin=`).
pub async fn panel(state: &AppState, who: &WebUser, view: &CaseView, done: Option<&str>) -> Markup {
    let me = state.service.as_user(&who.user);
    let id = view.summary.id;
    let grid = me.round_robin(id).await;
    let related = me.related_requests(id).await.unwrap_or_default();
    let acts = may_link(who, view);
    html! {
        section id="round-robin" aria-labelledby="round-robin-title" {
            h2 id="round-robin-title" { "Round robin" }
            @if let Some(words) = done.and_then(done_words) { (success_banner(words, None)) }
            @match &grid {
                Ok(Some(g)) => {
                    p {
                        "The same request went to " (g.rows.len()) " authorities."
                        @if !g.references.is_empty() { " Known as " (g.references.join(", ")) "." }
                        " Answers of authorities that do not share them show only as answered or pending."
                    }
                    (self::grid(g, "How each authority answered, part by part"))
                    @if let Some(own) = g.rows.iter().find(|r| r.own) {
                        @if who.user.role == Role::Officer { (sharing_form(who, &own.authority_slug, own.shared, id)) }
                    }
                }
                Ok(None) => p { "This request is not linked to a round robin." },
                Err(_) => p { "The round robin cannot be shown just now." },
            }
            (related_list(who, id, &related, acts))
            @if acts {
                div class="button-group" id="round-robin-actions" {
                    a class="button button--secondary" href={ "/cases/" (id) "/round-robin/link" } { "Link by a reference" }
                    @if matches!(grid, Ok(Some(_))) {
                        a class="button button--secondary" href={ "/cases/" (id) "/round-robin/leave" } { "Leave the round robin" }
                    }
                }
            }
        }
    }
}

/// Variants an officer may confirm, and requests only on the same topic.
fn related_list(who: &WebUser, case: i64, related: &[RelatedRequest], acts: bool) -> Markup {
    html! {
        @if !related.is_empty() {
            h3 { "Requests like this one" }
            ul class="list" id="related-requests" {
                @for r in related {
                    li {
                        @match r.case_id {
                            Some(c) => a href={ "/cases/" (c) } { (r.authority) },
                            None => (r.authority),
                        }
                        @if let Some(d) = r.received { ", received " (d.long_form()) }
                        ": " (likeness_words(r.likeness))
                        " (" (format!("{:.0}", r.similarity * 100.0)) "% alike)"
                        @if let (true, Some(link)) = (acts, &r.link) {
                            form method="post" action={ "/cases/" (case) "/round-robin/link" } class="inline-form" {
                                (csrf_field(&who.csrf))
                                @match link {
                                    LinkBy::Confirm(rr) => input type="hidden" name="round_robin" value=(rr);,
                                    LinkBy::Case(c) => input type="hidden" name="with_case" value=(c);,
                                    LinkBy::Reference(text) => input type="hidden" name="reference" value=(text);,
                                }
                                button class="link-button" type="submit" { "Confirm it is the same request" span class="visually-hidden" { " as " (r.authority) "'s" } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn likeness_words(l: Likeness) -> &'static str {
    match l {
        Likeness::Same => "the same request",
        Likeness::Variant => "a variant of this request",
        Likeness::Related => "on the same topic",
        Likeness::Unrelated => "unrelated",
    }
}

/// The officer's own authority's sharing setting, with the button to change it.
pub fn sharing_form(who: &WebUser, slug: &str, shares: bool, case: i64) -> Markup {
    html! {
        form method="post" action={ "/authorities/" (slug) "/sharing" } id="sharing" {
            (csrf_field(&who.csrf))
            input type="hidden" name="case" value=(case);
            input type="hidden" name="shares" value=(if shares { "no" } else { "yes" });
            p class="body-s" {
                @if shares { "Your authority shares its answers with the other authorities in its round robins. " }
                @else { "Your authority does not share its answers with the other authorities in its round robins: they see only whether you have answered. " }
                button class="link-button" type="submit" { @if shares { "Stop sharing" } @else { "Share our answers" } }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use foidesk_engine::api::{CellResult, GridCell, GridPart, GridRow, RoundRobinGrid, Stance};

    fn cell(part: &str, stance: Option<Stance>, result: CellResult) -> GridCell {
        GridCell {
            part: part.into(),
            stance,
            result,
            provisions: vec![],
            date: None,
            decision_notice: None,
            appeal: None,
        }
    }

    fn row(name: &str, cells: Vec<GridCell>) -> GridRow {
        GridRow {
            authority: name.into(),
            authority_slug: name.to_lowercase(),
            regime: "FOIA".into(),
            own: false,
            shared: true,
            case_id: None,
            cells,
        }
    }

    fn check(rows: Vec<GridRow>, part: &str, said: &str) {
        let grid = RoundRobinGrid {
            id: 1,
            references: vec![],
            parts: vec![GridPart {
                id: part.into(),
                text: "x".into(),
            }],
            rows,
            advice: vec![],
        };
        assert_eq!(super::tally(&grid, part), said);
    }

    #[test]
    fn a_part_is_tallied_by_stance_then_by_what_has_no_stance_most_first() {
        let ncnd = || cell("2", Some(Stance::Ncnd), CellResult::Withheld);
        check(
            vec![
                row("A", vec![ncnd()]),
                row("B", vec![cell("2", None, CellResult::Pending)]),
                row("C", vec![ncnd()]),
                row("D", vec![cell("2", None, CellResult::CostLimit)]),
                row("E", vec![cell("1", None, CellResult::Pending)]),
            ],
            "2",
            "2 neither confirm nor deny, 1 pending, 1 refused",
        );
        check(vec![], "1", "");
    }
}
