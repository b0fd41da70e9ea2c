//! A case records what has happened, so nothing in it may be dated after the
//! latest date the caller allows (today, plus any tolerance it grants). The
//! caller passes that date, as `as_at` for assessment: this crate reads no clock.
//!
//! Checked: the date of receipt and each event's `date`. Not checked: a
//! pit_extension's `estimate` (a forecast, so rightly ahead) and school
//! closures (a calendar, which may run ahead).

use foidesk_calendar::Date;

use crate::error::CaseError;
use crate::model::{Case, Event};

/// The receipt and every event are dated on or before `latest`.
pub fn check_dates_not_after(case: &Case, latest: Date) -> Result<(), CaseError> {
    let received = case.request.received;
    if received > latest {
        return Err(CaseError::field(
            "request.received",
            too_late(received, latest),
        ));
    }
    case.events.iter().try_for_each(|e| check_event(e, latest))
}

/// Event `number` (1-based, in file order) is dated on or before `latest`;
/// the rest of the timeline is not looked at (it was checked when written).
pub fn check_event_date_not_after(
    case: &Case,
    number: usize,
    latest: Date,
) -> Result<(), CaseError> {
    case.events
        .iter()
        .filter(|e| e.number == number)
        .try_for_each(|e| check_event(e, latest))
}

fn check_event(e: &Event, latest: Date) -> Result<(), CaseError> {
    if e.date > latest {
        return Err(CaseError::field(
            format!("event {} ({}), field `date`", e.number, e.kind.name()),
            too_late(e.date, latest),
        ));
    }
    Ok(())
}

fn too_late(date: Date, latest: Date) -> String {
    format!(
        "{date} is in the future (the latest date accepted is {latest}): record what has happened, on or after the day it happens"
    )
}
