//! How documents name the law and state its periods: "section 31(3) (law enforcement)",
//! "regulation 12(5)(e)", dates in the long form, periods from the law crate's dated
//! parameters with checked arithmetic.

use foidesk_calendar::{Date, WorkingDayCalendar};
use foidesk_law::{Amount, Catalogue, Parameter, ProvisionId, Regime};

use crate::RenderError;

/// "section 31(3)" or "regulation 12(5)(e)".
pub(crate) fn cite(id: &ProvisionId) -> String {
    let canonical = id.to_string();
    match id.regime() {
        Regime::Foia => format!("section {}", canonical.trim_start_matches("s.")),
        Regime::Eir => format!("regulation {}", canonical.trim_start_matches("reg.")),
    }
}

/// "section 24(2)", "sections 24(2) and 31(3)", "regulations 12(4)(b), 12(5)(e) and 13(1)";
/// mixed regimes are cited one by one.
pub(crate) fn cite_all(ids: &[ProvisionId]) -> String {
    let one_regime = ids.windows(2).all(|w| w[0].regime() == w[1].regime());
    match (ids, one_regime) {
        ([only], _) => cite(only),
        ([first, ..], true) => {
            let word = match first.regime() {
                Regime::Foia => "sections ",
                Regime::Eir => "regulations ",
            };
            let bare: Vec<String> = ids
                .iter()
                .map(|id| {
                    let c = id.to_string();
                    c.trim_start_matches(id.regime().prefix()).to_owned()
                })
                .collect();
            format!("{word}{}", and_list(&bare))
        }
        _ => and_list(&ids.iter().map(cite).collect::<Vec<_>>()),
    }
}

/// "a", "a and b", "a, b and c".
pub(crate) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The provision's subject in lower case: the section's title under FOIA, the exception's
/// own title under the EIR ("law enforcement", "internal communications"), where the
/// regulation's title would name only the list it is in.
pub(crate) fn subject(law: &Catalogue, id: &ProvisionId) -> String {
    let own = id.depth() >= 3 || law.is_ncnd_provision(id);
    let title = match id.regime() {
        Regime::Eir if own => law.part(id).map(|p| p.title.clone()),
        _ => None,
    }
    .or_else(|| law.provision(id).map(|p| p.title.clone()))
    .unwrap_or_default();
    lower_first(&title)
}

/// "section 31(3) (law enforcement)".
pub(crate) fn cite_named(law: &Catalogue, id: &ProvisionId) -> String {
    format!("{} ({})", cite(id), subject(law, id))
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(s.chars().skip(1)).collect()
        }
        _ => s.to_owned(),
    }
}

pub(crate) fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(a) => a.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "20 September 2018".
pub(crate) fn long(d: Date) -> String {
    d.long_form()
}

/// A period in force on `on`, as the law crate states it.
pub(crate) fn period(
    law: &Catalogue,
    what: &'static str,
    parameter: Parameter,
    on: Date,
) -> Result<Amount, RenderError> {
    law.parameter(parameter, on)
        .map(|v| v.amount)
        .map_err(|e| RenderError::Date {
            what,
            message: e.to_string(),
        })
}

/// `from` plus `amount`, with checked arithmetic.
pub(crate) fn add(
    calendar: &WorkingDayCalendar,
    what: &'static str,
    from: Date,
    amount: Amount,
) -> Result<Date, RenderError> {
    let err = |message: String| RenderError::Date { what, message };
    let result = match amount {
        Amount::WorkingDays(n) => calendar.add_working_days(from, n),
        Amount::CalendarDays(n) => from.checked_add_days(i64::from(n)),
        Amount::Weeks(n) => from.checked_add_days(i64::from(n) * 7),
        Amount::Months(n) => match i32::try_from(n) {
            Ok(n) => from.checked_add_months(n),
            Err(e) => return Err(err(e.to_string())),
        },
        Amount::Pence(_) => return Err(err("expected a period, found money".into())),
    };
    result.map_err(|e| err(e.to_string()))
}

/// Where a dated parameter comes from, as its first reference names it:
/// "Tribunal Procedure (…) Rules 2009 (SI 2009/1976) r.22(1)(b)".
pub(crate) fn source(law: &Catalogue, parameter: Parameter, on: Date) -> Option<String> {
    let value = law.parameter(parameter, on).ok()?;
    value.references.first().map(|r| r.title.clone())
}

/// "35 calendar days", "6 weeks", "3 months", "40 working days".
pub(crate) fn describe(amount: Amount) -> String {
    amount.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<ProvisionId> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn citations_read_back() {
        let law = Catalogue::standard();
        for list in [
            &["s.31(3)"][..],
            &["s.24(2)", "s.31(3)"],
            &["s.31(1)(a)", "s.31(1)(b)", "s.40(2)"],
            &["reg.12(5)(e)", "reg.12(4)(b)"],
            &["s.40(2)", "reg.13(1)"],
        ] {
            let want = ids(list);
            let text = cite_all(&want);
            assert_eq!(law.parse_citations(&text).provisions(), want, "{text}");
        }
        assert_eq!(
            cite_named(law, &"s.31(3)".parse().unwrap()),
            "section 31(3) (law enforcement)"
        );
        assert_eq!(
            subject(law, &"reg.12(4)(e)".parse().unwrap()),
            "internal communications"
        );
        let on = |d| Date::parse(d).unwrap();
        assert_eq!(
            source(law, Parameter::AppealCalendarDays, on("2020-06-23")).unwrap(),
            "Tribunal Procedure (First-tier Tribunal) (General Regulatory Chamber) Rules 2009 (SI 2009/1976) r.22(1)(b)"
        );
        assert_eq!(
            source(law, Parameter::AppealCalendarDays, on("2008-06-23")).unwrap(),
            "Information Tribunal (Enforcement Appeals) Rules 2005 (SI 2005/14)"
        );
    }
}
