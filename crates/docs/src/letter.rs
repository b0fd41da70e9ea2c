//! What the authority's letters (refusal notice, review outcome) share: the heading fields,
//! the salutation, the right to complain to the Commissioner, and the sign-off.

use foidesk_calendar::Date;

use crate::cite::long;
use crate::draft::Draft;
use crate::facts::Signatory;

/// The head of every letter the authority writes: its letterhead (a line of its own, the
/// authority's name, postal address, email and who handles requests), our reference and the
/// date, the requester's name and address block, and "Dear …". Returns what the request was
/// about, for the letter to say.
pub(crate) fn head(d: &mut Draft<'_>, date: Date) -> String {
    let input = d.input;
    let case = input.case;
    let facts = input.facts;
    let authority = &facts.authority;
    // Running text names the authority as the profile says ("the Metropolitan Police
    // Service", "Kent Police"): a letter never guesses the article.
    d.text("authority.short_name", authority.short_name.as_ref());
    let mut from = Vec::new();
    if let Some(line) = authority.letterhead.as_deref().map(str::trim) {
        if !line.is_empty() {
            from.push(line.to_owned());
        }
    }
    from.push(case.request.authority.clone());
    from.extend(d.list_fact("authority.address", &authority.address));
    let email = d.text("authority.email", authority.email.as_ref());
    if let Some(contact) = authority.foi_contact.as_deref().map(str::trim) {
        if !contact.is_empty() {
            from.push(contact.to_owned());
        }
    }
    from.push(d.t("letter.email", &[("email", &email)]));
    d.lines(from);

    let mut fields = Vec::new();
    if let Some(r) = &case.reference {
        fields.push((d.t("field.our_reference", &[]), r.clone()));
    }
    fields.push((d.t("field.date", &[]), long(date)));
    d.fields(fields);

    let requester = d.text(
        "requester",
        facts.requester.as_ref().or(case.request.requester.as_ref()),
    );
    let mut to = vec![requester.clone()];
    to.extend(d.list_fact("requester_address", &facts.requester_address));
    d.lines(to);
    let summary = d.text("request_summary", facts.request_summary.as_ref());
    d.say("letter.dear", &[("name", &requester)]);
    summary
}

/// The date a letter bears: the facts' date if given, else `otherwise`.
pub(crate) fn date(d: &Draft<'_>, otherwise: Date) -> Date {
    d.input.facts.date.unwrap_or(otherwise)
}

/// The right to complain to the Commissioner (s.50(1)), in the words of snippet `key`.
pub(crate) fn complaint_rights(d: &mut Draft<'_>, key: &str) {
    let authority = d.authority();
    let h = d.t("heading.complaint", &[]);
    d.heading(2, h);
    d.say(key, &[("authority", &authority)]);
}

/// How to reach the Commissioner.
pub(crate) fn commissioner_contact(d: &mut Draft<'_>) {
    let input = d.input;
    let contact = d.list_fact("commissioner.contact", &input.facts.commissioner.contact);
    d.lines(contact);
}

/// "Yours sincerely," and the signatory (`{prefix}.signatory`, else the authority's usual
/// one) for the authority.
pub(crate) fn sign_off(d: &mut Draft<'_>, prefix: &str, signatory: &Signatory) {
    d.say("letter.yours", &[]);
    let given = |s: &Signatory| {
        [&s.name, &s.role]
            .into_iter()
            .any(|v| v.as_deref().is_some_and(|v| !v.trim().is_empty()))
    };
    let usual = &d.input.facts.authority.signatory;
    let mut lines = if !given(signatory) && given(usual) {
        d.signatory("authority", usual)
    } else {
        d.signatory(prefix, signatory)
    };
    lines.push(d.input.case.request.authority.clone());
    d.lines(lines);
}
