//! A year of answered requests to the demo officer's authority, so the
//! dashboard's chart and the statistics have figures from the first start:
//! two to four a month over the twelve months before this one, most
//! answered in time, some late, a few withheld or not held. Dates count
//! back from today, so the demo never ages. The asks are foidesk's own.

use anyhow::Context as _;
use foidesk_engine::api::{CaseFile, Date};
use foidesk_engine::{EngineError, System};

/// What was asked, one a request, in turn.
const ASKS: [&str; 12] = [
    "The number of stop and search encounters in the borough last quarter, by month.",
    "How many officers completed first aid refresher training last year.",
    "The cost of fuel for the force's vehicle fleet in the last financial year.",
    "The number of reports of stolen bicycles received last year.",
    "Any guidance given to officers on recording anti-social behaviour.",
    "The number of vacancies for police community support officers today.",
    "The force's spending on translation and interpreting services last year.",
    "How many calls to the non-emergency number were abandoned last month.",
    "The number of speeding offences detected by mobile cameras last year.",
    "Minutes of the last meeting about the custody suite refurbishment.",
    "The number of complaints about police driving received last year.",
    "The names of suppliers of the force's radio equipment.",
];

/// Working days from receipt to the answer, in turn: over 20 is late
/// (FOIA s.10(1)).
const DAYS_TO_ANSWER: [u32; 10] = [12, 19, 25, 8, 17, 31, 15, 20, 11, 22];

/// The answer to part 1, in turn: an outcome and the exemption it rests on.
const ANSWERS: [(&str, Option<&str>); 7] = [
    ("disclosed", None),
    ("disclosed", None),
    ("withheld", Some("s.40(2)")),
    ("disclosed", None),
    ("not_held", None),
    ("part_disclosed", Some("s.43(2)")),
    ("disclosed", None),
];

/// How many requests the year holds: two to four a month.
pub(crate) fn count() -> usize {
    (1..=12).map(|back: usize| 2 + back % 3).sum()
}

/// Open the year's answered requests under `authority`; returns how many
/// were opened (none on a second start: each reference exists).
pub(crate) async fn load(system: &System, authority: &str) -> anyhow::Result<usize> {
    let engine = system.engine();
    let today = engine.today();
    let this_month = Date::new(today.year(), today.month(), 1)?;
    let mut opened = 0;
    let mut n = 0usize;
    for back in (1..=12).rev() {
        let month = this_month.checked_add_months(-back)?;
        for j in 0..2 + (back as usize % 3) {
            let received = month.checked_add_days(3 + 8 * j as i64)?;
            let days = DAYS_TO_ANSWER[n % DAYS_TO_ANSWER.len()];
            // Only what has happened by today: last month's latest are
            // answered today, so the demo always holds the same requests.
            let answered = engine
                .calendar()
                .add_working_days(received, days)?
                .min(today);
            let (outcome, provision) = ANSWERS[n % ANSWERS.len()];
            let ask = ASKS[n % ASKS.len()];
            n += 1;
            let cited = provision.map_or(String::new(), |p| format!(", provisions = [\"{p}\"]"));
            let text = format!(
                "[request]\nauthority = \"Commissioner of the Metropolitan Police Service\"\n\
                 regime = \"FOIA\"\nreceived = \"{received}\"\nchannel = \"email\"\n\
                 requester_type = \"member_of_the_public\"\n\
                 [[request.parts]]\nid = \"1\"\ntext = \"{ask}\"\n\
                 [[events]]\nkind = \"response\"\ndate = \"{answered}\"\n\
                 outcomes = [{{ part = \"1\", outcome = \"{outcome}\"{cited} }}]\n\
                 public_interest_reasons = true\nstates_review_procedure = true\n\
                 states_complaint_right = true\n"
            );
            let file: CaseFile = toml::from_str(&text).context("an answered demo request")?;
            let reference = format!("MPS-{}-{:02}-{j}", month.year(), month.month());
            match system
                .open_case(authority, &reference, file, "demo loader")
                .await
            {
                Ok(_) => opened += 1,
                Err(EngineError::Duplicate { .. }) => {}
                Err(e) => return Err(e).with_context(|| format!("opening {reference}")),
            }
        }
    }
    Ok(opened)
}
