//! What the authority's letters (refusal notice, review outcome) share: the heading fields,
//! the salutation, the right to complain to the Commissioner, and the sign-off.

use foidesk_calendar::Date;

use crate::cite::long;
use crate::draft::Draft;
use crate::facts::Signatory;

/// Date, to, from and reference; "Dear …". Returns what the request was about.
pub(crate) fn head(d: &mut Draft<'_>, date: Date) -> String {
    let input = d.input;
    let case = input.case;
    let facts = input.facts;
    let requester = d.text(
        "requester",
        facts.requester.as_ref().or(case.request.requester.as_ref()),
    );
    let summary = d.text("request_summary", facts.request_summary.as_ref());
    let mut fields = vec![
        (d.t("field.date", &[]), long(date)),
        (d.t("field.to", &[]), requester.clone()),
        (d.t("field.from", &[]), case.request.authority.clone()),
    ];
    if let Some(r) = &case.reference {
        fields.push((d.t("field.reference", &[]), r.clone()));
    }
    d.fields(fields);
    d.say("letter.dear", &[("name", &requester)]);
    summary
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

/// "Yours sincerely," and the signatory (`{prefix}.signatory`) for the authority.
pub(crate) fn sign_off(d: &mut Draft<'_>, prefix: &str, signatory: &Signatory) {
    d.say("letter.yours", &[]);
    let mut lines = d.signatory(prefix, signatory);
    lines.push(d.input.case.request.authority.clone());
    d.lines(lines);
}
