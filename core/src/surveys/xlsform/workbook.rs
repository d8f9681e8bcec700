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

/// The most rows a sheet of an XLSForm may use (a long questionnaire has a few hundred).
pub const MAX_ROWS: u32 = 5_000;
/// The most columns a sheet may use (labels in a dozen languages and every setting fit).
pub const MAX_COLUMNS: u32 = 200;
/// The most non-empty cells of a whole workbook.
pub const MAX_CELLS: usize = 200_000;
/// The most bytes the workbook's parts may hold once unpacked (a zip of 1 MiB can unpack to
/// gigabytes).
pub const MAX_UNPACKED_BYTES: u128 = 64 * 1024 * 1024;

/// The refusal for a workbook or sheet beyond the limits above, naming where.
fn too_large(sheet: &str, row: u32, column: Option<u32>) -> Vec<Issue> {
    vec![Issue {
        sheet: sheet.to_string(),
        row: usize::try_from(row).unwrap_or(usize::MAX).saturating_add(1),
        column: column.map(column_name),
        problem: Problem::TooLarge {
            rows: MAX_ROWS,
            columns: MAX_COLUMNS,
        },
    }]
}

/// A column's spreadsheet name: 0 → `A`, 25 → `Z`, 26 → `AA`.
fn column_name(mut index: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + u8::try_from(index % 26).unwrap_or(0));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Reads every sheet of an `.xlsx` file as text cells, rows numbered as in the spreadsheet.
///
/// A hostile file must not take the server down: the workbook's unpacked size is checked
/// before anything is read, and cells are read one at a time (never as one rectangle from the
/// first to the last cell, which for cells at A1 and XFD1048576 would be 17 billion cells), so
/// a cell beyond [`MAX_ROWS`] × [`MAX_COLUMNS`] or past [`MAX_CELLS`] stops the reading with a
/// refusal that names the sheet and the cell. CPU-bound: call it off the async runtime.
pub fn read_xlsx(bytes: &[u8]) -> Result<Workbook, Vec<Issue>> {
    use calamine::Reader;
    // The sizes the zip's central directory declares for its parts (read without unpacking).
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| unreadable())?;
    let mut unpacked = 0u128;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|_| unreadable())?;
        unpacked = unpacked.saturating_add(u128::from(part.size()));
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(too_large("", 0, None));
    }
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).map_err(|_| unreadable())?;
    let mut sheets = Vec::new();
    let mut cells_read = 0usize;
    for name in book.sheet_names() {
        let mut reader = book
            .worksheet_cells_reader(&name)
            .map_err(|_| unreadable())?;
        let mut rows: Vec<Vec<String>> = Vec::new();
        while let Some(cell) = reader.next_cell().map_err(|_| unreadable())? {
            let text = cell_text(&calamine::Data::from(cell.get_value().clone()));
            if text.is_empty() {
                // Formatting alone (a coloured column down to row 1,048,576) is not content.
                continue;
            }
            let (row, column) = cell.get_position();
            cells_read += 1;
            if row >= MAX_ROWS || column >= MAX_COLUMNS || cells_read > MAX_CELLS {
                return Err(too_large(&name, row, Some(column)));
            }
            let (row, column) = (row as usize, column as usize);
            if rows.len() <= row {
                rows.resize_with(row + 1, Vec::new);
            }
            let cells = &mut rows[row];
            if cells.len() <= column {
                cells.resize(column + 1, String::new());
            }
            cells[column] = text;
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail by panicking")]
    use super::*;

    /// An `.xlsx` with a value at each of these cells of a `survey` sheet.
    fn workbook(cells: &[(u32, u16, &str)]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("survey").unwrap();
        for (row, column, text) in cells {
            sheet.write_string(*row, *column, *text).unwrap();
        }
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn a_cell_far_away_is_refused_without_reading_the_rectangle() {
        // A1 and XFD1048576: read as one rectangle, 17 billion cells (512 GiB); here a refusal
        // naming the cell, at once.
        let bytes = workbook(&[(0, 0, "type"), (1_048_575, 16_383, "x")]);
        assert!(bytes.len() < 10_000, "a small file: {}", bytes.len());
        let started = std::time::Instant::now();
        let issues = read_xlsx(&bytes).unwrap_err();
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].sheet, "survey");
        assert_eq!(issues[0].row, 1_048_576);
        assert_eq!(issues[0].column.as_deref(), Some("XFD"));
        assert!(matches!(issues[0].problem, Problem::TooLarge { .. }));
        // Too many columns, or too many rows, each named.
        let wide = read_xlsx(&workbook(&[(0, 0, "type"), (0, 250, "x")])).unwrap_err();
        assert_eq!(wide[0].column.as_deref(), Some("IQ"));
        let long = read_xlsx(&workbook(&[(0, 0, "type"), (9_999, 0, "x")])).unwrap_err();
        assert_eq!(long[0].row, 10_000);
    }

    #[test]
    fn ordinary_sheets_read_as_before() {
        let book = read_xlsx(&workbook(&[(0, 0, "type"), (0, 1, "name"), (2, 1, "q1")])).unwrap();
        assert_eq!(book.sheets[0].name, "survey");
        assert_eq!(
            book.sheets[0].rows,
            vec![
                vec!["type".to_string(), "name".to_string()],
                vec![],
                vec![String::new(), "q1".to_string()],
            ]
        );
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16_383), "XFD");
    }

    #[test]
    fn not_a_workbook_is_said_so() {
        assert!(matches!(
            read_xlsx(b"not a zip").unwrap_err()[0].problem,
            Problem::NotAWorkbook
        ));
    }
}
