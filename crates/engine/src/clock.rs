use foidesk_calendar::Date;

/// Where "today" comes from. Only the engine asks.
pub trait Clock: Send + Sync {
    fn today(&self) -> Date;
    /// Now, RFC 3339 in UTC.
    fn timestamp(&self) -> String;
}

/// The UK's time zone (Europe/London), or UTC when the system has no time
/// zone database.
fn uk() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("Europe/London").unwrap_or(jiff::tz::TimeZone::UTC)
}

/// A stored instant (RFC 3339, as `Clock::timestamp` writes it) as people in
/// the UK read it, to the minute: "14:05 on 30 November 2026", in UK time
/// (Greenwich Mean Time or British Summer Time). None if the text is not an
/// instant.
pub fn time_in_words(instant: &str) -> Option<String> {
    let at: jiff::Timestamp = instant.parse().ok()?;
    let zoned = at.to_zoned(uk());
    let date = Date::new(zoned.year(), zoned.month(), zoned.day()).ok()?;
    Some(format!(
        "{:02}:{:02} on {}",
        zoned.hour(),
        zoned.minute(),
        date.long_form()
    ))
}

/// Today's date in the UK (Europe/London), falling back to UTC when the
/// system has no time zone database.
pub struct SystemClock;

impl Clock for SystemClock {
    fn today(&self) -> Date {
        let now = jiff::Timestamp::now();
        let d = now.to_zoned(uk()).date();
        // A date from jiff is always a valid civil date.
        Date::new(d.year(), d.month(), d.day()).unwrap_or_else(|_| Date::min_supported())
    }

    fn timestamp(&self) -> String {
        jiff::Timestamp::now().to_string()
    }
}

/// A clock stopped at one date, for tests and reproducible runs.
pub struct FixedClock(pub Date);

impl Clock for FixedClock {
    fn today(&self) -> Date {
        self.0
    }

    fn timestamp(&self) -> String {
        format!("{}T00:00:00Z", self.0)
    }
}
