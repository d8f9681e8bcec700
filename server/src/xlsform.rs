//! XLSForm files: `.xlsx` in and out. The mapping between sheets of cells and a survey is
//! `shared::xlsform`; this module only turns bytes into cells (calamine) and cells into bytes
//! (rust_xlsxwriter).

use shared::xlsform::{Issue, Problem, Sheet, Workbook};

/// The largest XLSForm file accepted (a large questionnaire is well under 200 KB).
pub const MAX_XLSX_BYTES: usize = 1024 * 1024;

/// The refusal for a file that is not a readable `.xlsx` workbook.
fn unreadable() -> Vec<Issue> {
    vec![Issue {
        sheet: String::new(),
        row: 0,
        column: None,
        problem: Problem::NotAWorkbook,
    }]
}

/// Reads every sheet of an `.xlsx` file as text cells, rows numbered as in the spreadsheet.
pub fn read_xlsx(bytes: &[u8]) -> Result<Workbook, Vec<Issue>> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).map_err(|_| unreadable())?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|_| unreadable())?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let left = usize::try_from(left).unwrap_or(0);
        let mut rows: Vec<Vec<String>> = (0..top).map(|_| Vec::new()).collect();
        for row in range.rows() {
            let mut cells = vec![String::new(); left];
            cells.extend(row.iter().map(cell_text));
            rows.push(cells);
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(Workbook { sheets })
}

/// A cell as text: numbers as written (`1`, not `1.0`), booleans as `true`/`false`.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => shared::answer::format_number(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// Writes sheets of text cells as an `.xlsx` file, header rows in bold and frozen.
pub fn write_xlsx(book: &Workbook) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut out = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for sheet in &book.sheets {
        let ws = out.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r).unwrap_or(u32::MAX);
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                if r == 0 {
                    ws.write_string_with_format(r, c, cell, &bold)?;
                } else if !cell.is_empty() {
                    ws.write_string(r, c, cell)?;
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
        ws.autofit();
    }
    out.save_to_buffer()
}
