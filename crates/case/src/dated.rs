//! A case records what has happened, so nothing in it may be dated after the
//! latest date the caller allows (today, plus any tolerance it grants). The
//! caller passes that date, as `as_at` for assessment: this crate reads no clock.
//!
//! Checked: the date of receipt and each event's `date`. Not checked: a
//! pit_extension's `estimate` (a forecast, so rightly ahead) and school
//! closures (a calendar, which may run ahead).

use foidesk_calendar::Date;

use crate::error::CaseError;
use crate::model::{Case, Correction, Event};

/// The receipt and every event are dated on or before `latest`.
pub fn check_dates_not_after(case: &Case, latest: Date) -> Result<(), CaseError> {
    let received = case.request.received;
    if received > latest {
        return Err(CaseError::field(
            "request.received",
            too_late(received, latest),
        ));
    }
    case.events
        .iter()
        .try_for_each(|e| check_event(e, latest))?;
    case.corrections
        .iter()
        .try_for_each(|c| check_correction(c, latest))
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
        .try_for_each(|e| check_event(e, latest))?;
    case.corrections
        .iter()
        .filter(|c| c.number == number)
        .try_for_each(|c| check_correction(c, latest))
}

/// A correction's own date, and the date of the event it puts right.
fn check_correction(c: &Correction, latest: Date) -> Result<(), CaseError> {
    if c.date > latest {
        return Err(CaseError::field(
            format!("event {} (correction), field `date`", c.number),
            too_late(c.date, latest),
        ));
    }
    match &c.replacement {
        Some(e) if e.date > latest => Err(CaseError::field(
            format!("event {} (correction), field `corrected.date`", c.number),
            too_late(e.date, latest),
        )),
        _ => Ok(()),
    }
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

/// In plain words, with dates as people write them.
fn too_late(date: Date, latest: Date) -> String {
    format!(
        "The date must be today or in the past: {} is after {}. Record what has happened, on or after the day it happens",
        date.long_form(),
        latest.long_form()
    )
}
