//! The public interest test, as refusal notices and decision notices both set it out: the
//! arguments each way, the weighing, and the conclusion, citing the test that applies
//! (FOIA s.2(1)(b) for the duty to confirm or deny, s.2(2)(b) for disclosure; EIR
//! reg.12(1)(b) with the presumption in reg.12(2)).

use foidesk_law::ProvisionId;

use crate::cite::cite;
use crate::draft::Draft;
use crate::facts::PublicInterest;

/// `key` is the fact path of the entry (`refusal.exemption[s.31(3)]`); `prefix` picks the
/// document's snippets (`refusal.pi_*`, `reasons.pi_*`); `conclusion` names the closing one.
pub(crate) fn weigh(
    d: &mut Draft<'_>,
    pi: Option<&PublicInterest>,
    key: &str,
    ncnd: bool,
    provision: &str,
    prefix: &str,
    conclusion: &str,
) {
    let authority = d.authority();
    let for_ = d.list_fact(
        format!("{key}.public_interest.for"),
        pi.map_or(&[][..], |p| &p.for_disclosure),
    );
    let against = d.list_fact(
        format!("{key}.public_interest.against"),
        pi.map_or(&[][..], |p| &p.against),
    );
    let balance = d.text(
        format!("{key}.public_interest.balance"),
        pi.and_then(|p| p.balance.as_ref()),
    );
    let act = d.t(if ncnd { "act.confirm" } else { "act.disclose" }, &[]);
    let maintain = d.t(
        if ncnd {
            "maintain.exclusion"
        } else {
            "maintain.exemption"
        },
        &[],
    );
    let test = if ncnd { "s.2(1)(b)" } else { "s.2(2)(b)" };
    let test = test
        .parse::<ProvisionId>()
        .map(|id| cite(&id))
        .unwrap_or_default();
    let vars = [
        ("authority", authority.as_str()),
        ("act", act.as_str()),
        ("maintain", maintain.as_str()),
        ("test", test.as_str()),
        ("provision", provision),
    ];
    d.say(&format!("{prefix}.pi_intro"), &vars);
    d.say(&format!("{prefix}.pi_for"), &vars);
    d.list(for_);
    d.say(&format!("{prefix}.pi_against"), &vars);
    d.list(against);
    d.para(balance);
    d.say(conclusion, &vars);
}
