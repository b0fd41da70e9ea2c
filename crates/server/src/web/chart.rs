//! Horizontal bar charts: each row's label and value are HTML text at the
//! page's size, so they wrap rather than shrink or get cut off at 375 px;
//! only the bar is drawn, as an SVG rectangle whose width is a percentage
//! attribute (the Content-Security-Policy allows no inline style). The
//! chart is a figure named by its caption; the page gives the same
//! figures in a table.

use maud::{html, Markup};

/// One row: its label, its value (0 to 100 per cent; `None` draws no bar)
/// and what the value column says.
pub struct Bar {
    pub label: String,
    pub percent: Option<u64>,
    pub words: String,
}

/// A chart of `bars`, named by `caption`; `id` makes the caption's id.
pub fn bars(id: &str, caption: &str, bars: &[Bar]) -> Markup {
    html! {
        figure class="bar-chart" id=(id) aria-labelledby={ (id) "-caption" } {
            figcaption class="bar-chart__caption" id={ (id) "-caption" } { (caption) }
            ol class="bar-chart__rows" {
                @for b in bars {
                    li class={ "bar-chart__row" @if b.percent.is_none() { " bar-chart__row--none" } } {
                        span class="bar-chart__label" { (b.label) }
                        @if let Some(p) = b.percent {
                            svg class="bar-chart__bar" aria-hidden="true" focusable="false"
                                xmlns="http://www.w3.org/2000/svg" {
                                rect class="bar-chart__scale" width="100%" height="100%" {}
                                rect class="bar-chart__fill" width={ (p.min(100)) "%" } height="100%" {}
                            }
                        }
                        span class="bar-chart__value" { (b.words) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{bars, Bar};

    /// `count` bars of `percent` draw `count` rows, a bar in each that has
    /// a value, its width never past 100%, every label escaped.
    fn check(count: usize, percent: Option<u64>, width: &str) {
        let series: Vec<Bar> = (0..count)
            .map(|n| Bar {
                label: format!("<b>{n}"),
                percent,
                words: "w".into(),
            })
            .collect();
        let html = bars("c", "t", &series).into_string();
        assert_eq!(html.matches("<li").count(), count, "{count} rows");
        let drawn = html.matches("bar-chart__fill").count();
        assert_eq!(drawn, if percent.is_some() { count } else { 0 });
        if drawn > 0 {
            assert!(
                html.contains(&format!("class=\"bar-chart__fill\" width=\"{width}\"")),
                "{html}"
            );
        }
        assert!(!html.contains("<b>"), "labels are escaped");
    }

    #[test]
    fn every_row_is_drawn_and_no_bar_runs_past_the_scale() {
        for (count, percent, width) in [
            (0, Some(50), ""),
            (1, Some(0), "0%"),
            (12, Some(75), "75%"),
            (480, Some(100), "100%"),
            (3, Some(u64::MAX), "100%"),
            (12, None, ""),
        ] {
            check(count, percent, width);
        }
    }
}
