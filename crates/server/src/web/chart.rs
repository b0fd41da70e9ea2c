//! Bar charts as inline SVG, built with maud so every label is escaped. Each
//! chart has a title and a description for screen readers, and the page
//! shows the same figures in a table beside it.

use maud::{html, Markup};

/// One bar: its label and value (0 to `max`).
pub struct Bar {
    pub label: String,
    pub value: u32,
}

const WIDTH: u32 = 640;
/// Most bars drawn; a longer series is charted from its last this many
/// (the table beside the chart lists every figure).
pub const MAX_BARS: usize = 36;
const HEIGHT: u32 = 240;
const LEFT: u32 = 40;
const BOTTOM: u32 = 50;

/// Vertical bars on a 0..=max scale, `unit` after each value ("%").
pub fn bars(id: &str, title: &str, bars: &[Bar], max: u32, unit: &str) -> Markup {
    let bars = &bars[bars.len().saturating_sub(MAX_BARS)..];
    let max = max.max(1);
    let plot_h = HEIGHT - BOTTOM - 10;
    let n = u32::try_from(bars.len()).unwrap_or(1).max(1);
    let slot = ((WIDTH - LEFT) / n).max(1);
    let bar_w = (slot * 7 / 10).clamp(1, slot);
    let description = bars
        .iter()
        .map(|b| format!("{}: {}{unit}", b.label, b.value))
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        svg class="chart" role="img" viewBox={ "0 0 " (WIDTH) " " (HEIGHT) }
            aria-labelledby={ (id) "-title " (id) "-desc" } xmlns="http://www.w3.org/2000/svg" {
            title id={ (id) "-title" } { (title) }
            desc id={ (id) "-desc" } { (description) }
            line x1=(LEFT) y1="10" x2=(LEFT) y2=(HEIGHT - BOTTOM) stroke="#0b0c0c" {}
            line x1=(LEFT) y1=(HEIGHT - BOTTOM) x2=(WIDTH) y2=(HEIGHT - BOTTOM) stroke="#0b0c0c" {}
            text x="0" y="16" { (max) (unit) }
            text x="0" y=(HEIGHT - BOTTOM) { "0" }
            @for (i, b) in (0u32..).zip(bars) {
                @let h = b.value.min(max).saturating_mul(plot_h) / max;
                @let x = LEFT + i * slot + (slot - bar_w) / 2;
                @let y = HEIGHT - BOTTOM - h;
                rect x=(x) y=(y) width=(bar_w) height=(h) fill="#1d70b8" {}
                text x=(x) y=(y.saturating_sub(4).max(12)) { (b.value) (unit) }
                text x=(x) y=(HEIGHT - BOTTOM + 16) transform={ "rotate(30 " (x) " " (HEIGHT - BOTTOM + 16) ")" } { (b.label) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{bars, Bar, MAX_BARS};

    fn check(count: u32, max: u32) {
        let series: Vec<Bar> = (0..count)
            .map(|n| Bar {
                label: format!("<b>{n}"),
                value: n,
            })
            .collect();
        let svg = bars("c", "t", &series, max, "%").into_string();
        let drawn = svg.matches("<rect").count();
        assert_eq!(drawn, (count as usize).min(MAX_BARS), "{count} bars");
        assert!(!svg.contains("<b>"), "labels are escaped");
    }

    #[test]
    fn any_number_of_bars_draws_without_overflow() {
        for (count, max) in [(0, 0), (1, 100), (36, 100), (301, 100), (5_000, u32::MAX)] {
            check(count, max);
        }
    }
}
