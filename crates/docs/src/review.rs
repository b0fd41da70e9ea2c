//! The outcome of an internal review (EIR: the reconsideration under reg.11): upheld,
//! upheld in part, overturned or declined, with the reasons, what happens now, and the
//! right to complain to the Commissioner with the window the Commissioner applied then.

use foidesk_case::{EventKind, ReviewResult};
use foidesk_law::Parameter;

use crate::cite::{describe, long};
use crate::draft::Draft;
use crate::letter;
use crate::story;
use crate::{Document, DocumentKind, Input, RenderError};

pub(crate) fn build(input: &Input<'_>) -> Result<Document, RenderError> {
    let mut d = Draft::new(input, false);
    let case = input.case;
    let facts = input.facts;
    let authority = d.authority();
    let review = story::last(&case.events, |k| {
        matches!(k, EventKind::InternalReview { .. })
    });
    let review = d.need("case.internal_review", review);
    let response = d.need("case.response", story::response(&case.events));
    let date = letter::date(&d, review.map_or(case.request.received, |e| e.date));
    let summary = letter::head(&mut d, date);

    let h = d.t("review.h.background", &[]);
    d.heading(2, h);
    story::request(&mut d, &summary, "review.request");
    if let Some((event, r)) = response {
        let said = story::outcomes_said(&mut d, r);
        d.say(
            "review.response",
            &[
                ("date", &long(event.date)),
                ("authority", &authority),
                ("outcomes", &said),
            ],
        );
    }
    let asked = story::last(&case.events, |k| {
        matches!(k, EventKind::InternalReviewRequested)
    })
    .filter(|e| e.date <= date);
    if let Some(asked) = asked {
        d.say(
            "review.asked",
            &[("date", &long(asked.date)), ("authority", &authority)],
        );
    }

    let h = d.t("review.h.outcome", &[]);
    d.heading(2, h);
    let result = review.and_then(|e| match e.kind {
        EventKind::InternalReview { result } => Some(result),
        _ => None,
    });
    let key = match result {
        Some(ReviewResult::Upheld) | None => "review.result.upheld",
        Some(ReviewResult::UpheldInPart) => "review.result.upheld_in_part",
        Some(ReviewResult::Overturned) => "review.result.overturned",
        Some(ReviewResult::Declined) => "review.result.declined",
    };
    d.say(key, &[("authority", &authority)]);
    if result != Some(ReviewResult::Declined) {
        d.say("review.basis", &[("authority", &authority)]);
    }
    let h = d.t("review.h.reasons", &[]);
    d.heading(2, h);
    for reason in d.list_fact("review.reasons", &facts.review.reasons) {
        d.para(reason);
    }
    if matches!(
        result,
        Some(ReviewResult::UpheldInPart | ReviewResult::Overturned)
    ) {
        let h = d.t("review.h.actions", &[]);
        d.heading(2, h);
        let actions = d.list_fact("review.actions", &facts.review.actions);
        d.list(actions);
    }

    letter::complaint_rights(&mut d, "review.complaint");
    if let Some((window, by)) =
        d.period_from("the complaint window", Parameter::ComplaintWindow, date)
    {
        d.say(
            "review.complaint_window",
            &[("period", &describe(window)), ("date", &long(by))],
        );
    }
    letter::commissioner_contact(&mut d);
    letter::sign_off(&mut d, "review", &facts.review.signatory);
    let title = d.t("review.title", &[]);
    d.finish(DocumentKind::Review, title)
}
