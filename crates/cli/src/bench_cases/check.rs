//! The bench's check that the figures count every case: for each month of
//! the administrator's twelve months, and of one officer's, the figures'
//! requests received and answered in time equal a plain SQL count over
//! the store (`System::count_received`), which shares none of their code.

use foidesk_engine::api::{Date, ReturnTimeliness};
use foidesk_engine::{Figures, Period, System};

/// One month whose figures and plain count were compared.
#[derive(serde::Serialize)]
pub(crate) struct MonthCheck {
    pub authority: Option<String>,
    pub year: i16,
    pub month: i8,
    pub figure: &'static str,
    pub figures: u64,
    pub counted: u64,
}

impl MonthCheck {
    pub fn agrees(&self) -> bool {
        self.figures == self.counted
    }
}

/// The figures of `authority` (or all) for the twelve months to `today`,
/// compared month by month with plain counts.
pub(crate) async fn check_months(
    system: &System,
    authority: Option<&str>,
    today: Date,
) -> anyhow::Result<Vec<MonthCheck>> {
    let figures: Figures = system
        .figures(authority, Period::twelve_months_to(today)?)
        .await?;
    let mut out = Vec::new();
    for m in &figures.months {
        let first = Date::new(m.year, m.month, 1)?;
        let last = first.checked_add_months(1)?.checked_add_days(-1)?;
        let month = Period::new(first, last.min(today))?;
        for (figure, shown, timeliness) in [
            ("received", m.figures.received, None),
            ("in time", m.figures.in_time, Some(ReturnTimeliness::InTime)),
            (
                "in time with an extension",
                m.figures.in_time_with_extension,
                Some(ReturnTimeliness::InTimeWithExtension),
            ),
            ("late", m.figures.late, Some(ReturnTimeliness::Late)),
        ] {
            out.push(MonthCheck {
                authority: authority.map(str::to_owned),
                year: m.year,
                month: m.month,
                figure,
                figures: shown,
                counted: system.count_received(authority, month, timeliness).await?,
            });
        }
    }
    Ok(out)
}
