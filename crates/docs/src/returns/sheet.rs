//! The return written as CSV (csv crate) and as an XLSX workbook
//! (rust_xlsxwriter), both into memory.

use foidesk_calendar::Date;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use super::{ExportError, ReturnReport, SOURCES};

/// The CSV's columns; a return is one block of them per figure, so
/// returns for several periods or authorities can be stacked.
pub const CSV_COLUMNS: [&str; 9] = [
    "Authority",
    "From",
    "To",
    "Group",
    "Key",
    "Category",
    "Count",
    "Definition",
    "Source",
];

/// A cell a spreadsheet would read as a formula, made text (the authority's
/// name is typed by people; everything else is foidesk's own words).
fn defused(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

pub(super) fn csv(report: &ReturnReport) -> Result<Vec<u8>, ExportError> {
    let fail = |e: csv::Error| ExportError::Csv(e.to_string());
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(CSV_COLUMNS).map_err(fail)?;
    let (from, to) = (report.from.to_string(), report.to.to_string());
    let authority = defused(report.authority_words());
    for row in report.rows()? {
        out.write_record([
            authority.as_str(),
            &from,
            &to,
            row.section.label(),
            &row.key,
            &row.label,
            &row.count.to_string(),
            row.definition.counts,
            row.definition.source,
        ])
        .map_err(fail)?;
    }
    out.into_inner()
        .map_err(|e| ExportError::Csv(e.to_string()))
}

fn sheet_error(e: XlsxError) -> ExportError {
    ExportError::Spreadsheet(e.to_string())
}

/// The workbook's columns after the title lines.
const SHEET_COLUMNS: [(&str, f64); 6] = [
    ("Group", 24.0),
    ("Category", 40.0),
    ("Count", 10.0),
    ("Definition", 80.0),
    ("Source", 36.0),
    ("Key", 24.0),
];

/// The first row of figures (0-based): after the title, the authority,
/// the period, a blank line and the column headings.
pub const FIRST_FIGURE_ROW: u32 = 5;

pub(super) fn xlsx(report: &ReturnReport, made: Date) -> Result<Vec<u8>, ExportError> {
    let rows = report.rows()?;
    let mut book = Workbook::new();
    // Dated by the caller: the crate would otherwise stamp the clock's time.
    let made = ExcelDateTime::from_ymd(
        u16::try_from(made.year()).unwrap_or(2000),
        u8::try_from(made.month()).unwrap_or(1),
        u8::try_from(made.day()).unwrap_or(1),
    )
    .map_err(sheet_error)?;
    let title = format!(
        "Official FOI return: {}, {}",
        report.authority_words(),
        report.period_words()
    );
    book.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_creation_datetime(&made),
    );
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Return").map_err(sheet_error)?;
    sheet
        .write_string_with_format(0, 0, "Official FOI return", &bold)
        .map_err(sheet_error)?;
    sheet
        .write_string(1, 0, format!("Authority: {}", report.authority_words()))
        .map_err(sheet_error)?;
    sheet
        .write_string(2, 0, format!("Period: {}", report.period_words()))
        .map_err(sheet_error)?;
    for (col, (name, width)) in (0u16..).zip(SHEET_COLUMNS) {
        sheet
            .write_string_with_format(FIRST_FIGURE_ROW - 1, col, name, &bold)
            .map_err(sheet_error)?;
        sheet.set_column_width(col, width).map_err(sheet_error)?;
    }
    let mut at = FIRST_FIGURE_ROW;
    for row in &rows {
        sheet
            .write_string(at, 0, row.section.label())
            .map_err(sheet_error)?;
        sheet.write_string(at, 1, &row.label).map_err(sheet_error)?;
        // Counts are whole numbers far below 2^53, exact as a double.
        sheet
            .write_number(at, 2, row.count as f64)
            .map_err(sheet_error)?;
        sheet
            .write_string_with_format(at, 3, row.definition.counts, &wrap)
            .map_err(sheet_error)?;
        sheet
            .write_string_with_format(at, 4, row.definition.source, &wrap)
            .map_err(sheet_error)?;
        sheet.write_string(at, 5, &row.key).map_err(sheet_error)?;
        at += 1;
    }
    at += 1;
    sheet
        .write_string_with_format(at, 0, "Sources", &bold)
        .map_err(sheet_error)?;
    for source in SOURCES {
        at += 1;
        sheet.write_string(at, 0, source.tag).map_err(sheet_error)?;
        sheet
            .write_string(at, 1, source.title)
            .map_err(sheet_error)?;
        sheet.write_string(at, 3, source.url).map_err(sheet_error)?;
    }
    book.save_to_buffer().map_err(sheet_error)
}
