use foidesk_calendar::Date;

/// Where "today" comes from. Only the engine asks.
pub trait Clock: Send + Sync {
    fn today(&self) -> Date;
    /// Now, RFC 3339 in UTC.
    fn timestamp(&self) -> String;
}

/// Today's date in the UK (Europe/London), falling back to UTC when the
/// system has no time zone database.
pub struct SystemClock;

impl Clock for SystemClock {
    fn today(&self) -> Date {
        let now = jiff::Timestamp::now();
        let tz = jiff::tz::TimeZone::get("Europe/London").unwrap_or(jiff::tz::TimeZone::UTC);
        let d = now.to_zoned(tz).date();
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
