//! The authority's letters other than the refusal notice and the review outcome: the
//! acknowledgement, the clarification request (s.1(3); EIR reg.9), the fees notice (s.9), the
//! refusals on cost (s.12 with s.16 advice) and as vexatious or repeated (s.14), and the
//! disclosure letter (part by part, when nothing is refused). Each is framed by
//! [`crate::letter`] and dated by its event (or the facts' date).

use foidesk_calendar::Date;
use foidesk_case::{AuthorityType, EventKind, Outcome, Response};
use foidesk_law::{Amount, Parameter, Regime};

use crate::cite::{describe, long, upper_first};
use crate::draft::Draft;
use crate::facts::VexatiousGround;
use crate::letter;
use crate::refusal::review_rights;
use crate::story::{self, parts_label};
use crate::{Document, DocumentKind, Input, RenderError};

/// "£450", "£12.50".
pub(crate) fn money(pence: u64) -> String {
    if pence.is_multiple_of(100) {
        format!("£{}", pence / 100)
    } else {
        format!("£{}.{:02}", pence / 100, pence % 100)
    }
}

fn foia_only(input: &Input<'_>, what: &str, instead: &str) -> Result<(), RenderError> {
    match input.case.request.regime {
        Regime::Foia => Ok(()),
        Regime::Eir => Err(RenderError::NotApplicable(format!(
            "{what} is a letter under the Freedom of Information Act; under the Environmental Information Regulations, {instead}"
        ))),
    }
}

/// The email letters give for replies (the frame already asks for it).
fn email(d: &Draft<'_>) -> String {
    d.input
        .facts
        .authority
        .email
        .as_deref()
        .map(str::trim)
        .unwrap_or_default()
        .to_owned()
}

pub(crate) fn acknowledgement(input: &Input<'_>) -> Result<Document, RenderError> {
    let mut d = Draft::new(input, false);
    let case = input.case;
    let received = case.request.received;
    let date = letter::date(&d, received);
    let summary = letter::head(&mut d, date);
    let authority = d.authority();
    d.say(
        "ack.received",
        &[
            ("summary", &summary),
            ("authority", &authority),
            ("received", &long(received)),
        ],
    );
    let due = d.need("case.response_due", input.assessment.deadlines.response_due);
    let due = due.map(long).unwrap_or_default();
    let standard = matches!(
        case.request.authority_type,
        AuthorityType::Standard | AuthorityType::CentralGovernment
    );
    if standard || d.eir() {
        let period = d
            .period_from(
                "the time for compliance",
                Parameter::ResponseWorkingDays,
                received,
            )
            .map(|(a, _)| describe(a))
            .unwrap_or_default();
        d.say(
            "ack.due",
            &[
                ("authority", &authority),
                ("due", &due),
                ("period", &period),
            ],
        );
    } else {
        d.say("ack.due_other", &[("authority", &authority), ("due", &due)]);
    }
    d.meets(if d.eir() { "reg.5(2)" } else { "s.10(1)" });
    d.say("ack.later", &[("authority", &authority)]);
    let email = email(&d);
    d.say("ack.contact", &[("email", &email)]);
    letter::sign_off(&mut d, "", &input.facts.signatory);
    let title = d.t("ack.title", &[]);
    d.finish(DocumentKind::Acknowledgement, title)
}

pub(crate) fn clarification(input: &Input<'_>) -> Result<Document, RenderError> {
    let mut d = Draft::new(input, false);
    let case = input.case;
    let sought = story::last(&case.events, |k| {
        matches!(k, EventKind::ClarificationSought)
    });
    let sought = d.need("case.clarification_sought", sought);
    let date = letter::date(&d, sought.map_or(case.request.received, |e| e.date));
    let summary = letter::head(&mut d, date);
    let authority = d.authority();
    let received = long(case.request.received);
    d.say(
        "clar.intro",
        &[("received", &received), ("summary", &summary)],
    );
    d.say("clar.need", &[("authority", &authority)]);
    let questions = d.list_fact(
        "clarification.questions",
        &input.facts.clarification.questions,
    );
    d.list(questions);
    d.say("clar.law", &[("authority", &authority)]);
    d.meets(if d.eir() { "reg.9" } else { "s.1(3)" });
    let email = email(&d);
    d.say("clar.help", &[("authority", &authority), ("email", &email)]);
    letter::sign_off(&mut d, "", &input.facts.signatory);
    let title = d.t("clar.title", &[]);
    d.finish(DocumentKind::Clarification, title)
}

pub(crate) fn fees_notice(input: &Input<'_>) -> Result<Document, RenderError> {
    foia_only(
        input,
        "A fees notice",
        "charges are made under regulation 8, which foidesk does not yet write",
    )?;
    let mut d = Draft::new(input, false);
    let case = input.case;
    let notice = story::last(&case.events, |k| matches!(k, EventKind::FeeNotice { .. }));
    let notice = d.need("case.fee_notice", notice);
    let amount = notice.and_then(|e| match e.kind {
        EventKind::FeeNotice { amount_pence } => amount_pence,
        _ => None,
    });
    let amount = if notice.is_some() {
        d.need("case.fee_notice.amount", amount)
    } else {
        amount
    };
    let date = letter::date(&d, notice.map_or(case.request.received, |e| e.date));
    let summary = letter::head(&mut d, date);
    let authority = d.authority();
    let received = long(case.request.received);
    d.say(
        "fees.intro",
        &[("received", &received), ("summary", &summary)],
    );
    let amount = amount.map(money).unwrap_or_default();
    d.say(
        "fees.notice",
        &[("authority", &authority), ("amount", &amount)],
    );
    let facts = &input.facts.fees;
    let breakdown = d.list_fact("fees.breakdown", &facts.breakdown);
    d.list(breakdown);
    let how = d.text("fees.how_to_pay", facts.how_to_pay.as_ref());
    d.say("fees.pay", &[("how", &how)]);
    if let Some((period, by)) = d.period_from("the time to pay", Parameter::FeePaymentMonths, date)
    {
        d.say(
            "fees.window",
            &[
                ("authority", &authority),
                ("period", &describe(period)),
                ("date", &long(by)),
            ],
        );
    }
    for m in ["s.9(1)", "s.9(2)"] {
        d.meets(m);
    }
    letter::sign_off(&mut d, "", &input.facts.signatory);
    let title = d.t("fees.title", &[]);
    d.finish(DocumentKind::FeesNotice, title)
}

/// The last response, if every part of it has `outcome`.
fn response_all<'a>(input: &Input<'a>, outcome: Outcome) -> Option<(Date, &'a Response)> {
    let e = story::last(&input.case.events, |k| matches!(k, EventKind::Response(_)))?;
    match &e.kind {
        EventKind::Response(r)
            if !r.outcomes.is_empty() && r.outcomes.iter().all(|o| o.outcome == outcome) =>
        {
            Some((e.date, r))
        }
        _ => None,
    }
}

/// The rights every refusal gives: review, then the Commissioner.
fn rights(d: &mut Draft<'_>, date: Date) {
    review_rights(d, date);
    letter::complaint_rights(d, "refusal.complaint");
    letter::commissioner_contact(d);
    d.meets("s.17(7)(b)");
}

/// What differs between the letters that refuse a whole request.
struct WholeRefusal {
    /// The letter, for the EIR's refusal ("A refusal on cost").
    what: &'static str,
    /// What the EIR do instead.
    instead: &'static str,
    /// Why the case calls for no such letter.
    lacking: &'static str,
    /// The template key of its first paragraph.
    intro: &'static str,
}

/// The opening a refusal of the whole request shares: FOIA only, a response
/// refusing every part with `outcome`, the letter's head and its first
/// paragraph. Gives the draft, the response's date, the letter's date and
/// the authority's name.
fn whole_refusal<'a>(
    input: &'a Input<'a>,
    outcome: Outcome,
    says: WholeRefusal,
) -> Result<(Draft<'a>, Date, Date, String), RenderError> {
    foia_only(input, says.what, says.instead)?;
    let Some((event_date, _)) = response_all(input, outcome) else {
        return Err(RenderError::NotApplicable(says.lacking.into()));
    };
    let mut d = Draft::new(input, false);
    let date = letter::date(&d, event_date);
    let summary = letter::head(&mut d, date);
    let authority = d.authority();
    let received = long(input.case.request.received);
    d.say(
        says.intro,
        &[("received", &received), ("summary", &summary)],
    );
    Ok((d, event_date, date, authority))
}

pub(crate) fn cost_refusal(input: &Input<'_>) -> Result<Document, RenderError> {
    let (mut d, event_date, date, authority) = whole_refusal(
        input,
        Outcome::CostLimit,
        WholeRefusal {
            what: "A refusal on cost",
            instead: "a request that would cost too much is refused as manifestly unreasonable (regulation 12(4)(b)) in a refusal notice",
            lacking: "the case has no response refusing the whole request on cost (section 12)",
            intro: "cost.intro",
        },
    )?;
    let case = input.case;
    d.say("cost.notice", &[("authority", &authority)]);
    let limit = if case.request.authority_type == AuthorityType::CentralGovernment {
        Parameter::CostLimitCentralPence
    } else {
        Parameter::CostLimitOtherPence
    };
    let pence = |d: &mut Draft<'_>, p: Parameter| {
        let amount = crate::cite::period(d.input.law, "the appropriate limit", p, event_date);
        match d.try_or(amount.map(Some), None) {
            Some(Amount::Pence(n)) => money(n),
            _ => String::new(),
        }
    };
    let limit = pence(&mut d, limit);
    let rate = pence(&mut d, Parameter::StaffHourlyRatePence);
    d.say(
        "cost.limit",
        &[
            ("authority", &authority),
            ("limit", &limit),
            ("rate", &rate),
        ],
    );
    let facts = &input.facts.cost;
    let h = d.t("cost.h.estimate", &[]);
    d.heading(2, h);
    let estimate = d.text("cost.estimate", facts.estimate.as_ref());
    d.para(estimate);
    let h = d.t("cost.h.advice", &[]);
    d.heading(2, h);
    d.say("cost.advice", &[("authority", &authority)]);
    let advice = d.list_fact("cost.advice", &facts.advice);
    d.list(advice);
    for m in ["s.17(5)", "s.16(1)"] {
        d.meets(m);
    }
    rights(&mut d, date);
    letter::sign_off(&mut d, "", &input.facts.signatory);
    let title = d.t("cost.title", &[]);
    d.finish(DocumentKind::CostRefusal, title)
}

pub(crate) fn vexatious_refusal(input: &Input<'_>) -> Result<Document, RenderError> {
    let (mut d, _, date, authority) = whole_refusal(
        input,
        Outcome::Vexatious,
        WholeRefusal {
            what: "A refusal as vexatious",
            instead: "such a request is refused as manifestly unreasonable (regulation 12(4)(b)) in a refusal notice",
            lacking: "the case has no response refusing the whole request as vexatious or repeated (section 14)",
            intro: "vex.intro",
        },
    )?;
    let facts = &input.facts.vexatious;
    let ground = d.need("vexatious.ground", facts.ground);
    let repeated = ground == Some(VexatiousGround::Repeated);
    d.say(
        if repeated {
            "vex.notice_repeated"
        } else {
            "vex.notice"
        },
        &[("authority", &authority)],
    );
    let h = d.t("vex.h.reasons", &[]);
    d.heading(2, h);
    let reasons = d.text("vexatious.reasons", facts.reasons.as_ref());
    d.para(reasons);
    d.meets("s.17(5)");
    rights(&mut d, date);
    letter::sign_off(&mut d, "", &input.facts.signatory);
    let title = d.t(
        if repeated {
            "vex.title_repeated"
        } else {
            "vex.title"
        },
        &[],
    );
    d.finish(DocumentKind::VexatiousRefusal, title)
}

pub(crate) fn disclosure(input: &Input<'_>) -> Result<Document, RenderError> {
    let mut d = Draft::new(input, false);
    let case = input.case;
    let last = story::last(&case.events, |k| matches!(k, EventKind::Response(_)));
    let response = match last.map(|e| (e, &e.kind)) {
        Some((_, EventKind::Response(r))) if r.refuses_anything() => {
            return Err(RenderError::NotApplicable(
                "the response refuses some of the request, so it is answered with a refusal notice"
                    .into(),
            ))
        }
        Some((e, EventKind::Response(r))) => Some((e.date, r)),
        _ => None,
    };
    let response = d.need("case.response", response);
    let date = letter::date(&d, response.map_or(case.request.received, |(date, _)| date));
    let summary = letter::head(&mut d, date);
    let authority = d.authority();
    let received = long(case.request.received);
    d.say(
        "disc.intro",
        &[("received", &received), ("summary", &summary)],
    );
    d.say("disc.answer", &[("authority", &authority)]);
    let mut items = Vec::new();
    for o in response
        .map(|(_, r)| r.outcomes.as_slice())
        .unwrap_or_default()
    {
        let parts = parts_label(&mut d, &[o.part.as_str()]);
        let item = d.t(
            &format!("label.{}", o.outcome.as_str()),
            &[
                ("part", &upper_first(&parts)),
                ("authority", &authority),
                ("provisions", ""),
            ],
        );
        items.push(item);
    }
    d.list(items);
    let enclosed: Vec<String> = input
        .facts
        .disclosure
        .enclosures
        .iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    if !enclosed.is_empty() {
        let h = d.t("disc.h.enclosed", &[]);
        d.heading(2, h);
        d.list(enclosed);
    }
    d.meets(if d.eir() { "reg.5(1)" } else { "s.1(1)" });
    review_rights(&mut d, date);
    letter::complaint_rights(&mut d, "refusal.complaint");
    letter::commissioner_contact(&mut d);
    letter::sign_off(&mut d, "", &input.facts.signatory);
    let title = d.t("disc.title", &[]);
    d.finish(DocumentKind::Disclosure, title)
}
