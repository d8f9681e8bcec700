//! The liaison log as a spreadsheet: the staff list's view (its filter), as CSV (UTF-8 with a
//! byte-order mark, CRLF, formulas defused: Excel opens it as it is) or XLSX. Audited.

use crate::Core;
use crate::analytics::export::format::{CsvSink, Format, Value, defuse};
use crate::error::{Error, Result};
use chrono::Utc;
use shared::matters::MatterFilter;
use shared::views::CurrentUser;
use shared::{ApiError, Lang};

/// How many matters an export holds at most.
const EXPORT_LIMIT: i64 = 100_000;

/// A finished export.
#[derive(Debug, Clone)]
pub struct MatterExport {
    /// The file's name (`matters-YYYYMMDD.csv`).
    pub file_name: String,
    /// Its media type.
    pub content_type: &'static str,
    /// The file.
    pub bytes: Vec<u8>,
}

const HEADERS: [&str; 14] = [
    "番号",
    "件名",
    "種類",
    "状況",
    "校区",
    "担当部署",
    "場所",
    "出どころ",
    "内容",
    "引用（出どころの記録）",
    "次の確認日",
    "確認日超過",
    "受付日時",
    "更新日時",
];

/// A time as a spreadsheet reads it, in Japan's time.
fn jst(at: chrono::DateTime<Utc>) -> String {
    (at + chrono::TimeDelta::hours(9))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

impl Core {
    /// The matters `filter` keeps, as a file in `format` (CSV or XLSX).
    pub async fn export_matters(
        &self,
        user: &CurrentUser,
        filter: &MatterFilter,
        format: Format,
    ) -> Result<MatterExport> {
        let ward = self.matters_ward(user).await?;
        if !matches!(format, Format::Csv | Format::Xlsx) {
            return Err(ApiError::BadRequest.into());
        }
        let (records, _) = self
            .store
            .list_matters(ward, filter, super::today(), EXPORT_LIMIT)
            .await?;
        let rows = self.matter_rows(ward, &records).await?;
        let table: Vec<Vec<Value>> = records
            .iter()
            .zip(&rows)
            .map(|(m, r)| {
                let text = |s: &str| Value::Text(s.to_string());
                vec![
                    Value::Number(m.id as f64),
                    text(&m.title),
                    text(r.kind.label(Lang::Ja)),
                    text(r.status.label(Lang::Ja)),
                    text(&r.districts.join("・")),
                    text(&r.departments.join("・")),
                    m.place.as_deref().map_or(Value::Empty, text),
                    text(r.source.label(Lang::Ja)),
                    text(&m.description),
                    m.source_excerpt.as_deref().map_or(Value::Empty, text),
                    m.follow_up_on
                        .map_or(Value::Empty, |d| text(&d.format("%Y-%m-%d").to_string())),
                    text(if r.overdue { "超過" } else { "" }),
                    text(&jst(m.created_at)),
                    text(&jst(m.updated_at)),
                ]
            })
            .collect();
        let bytes = match format {
            Format::Xlsx => tokio::task::spawn_blocking(move || xlsx(&table))
                .await
                .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))??,
            _ => {
                let headers: Vec<String> = HEADERS.iter().map(|h| h.to_string()).collect();
                let mut sink = CsvSink::new(&headers)?;
                for row in &table {
                    sink.push(row)?;
                }
                sink.take()?
            }
        };
        let now = Utc::now();
        self.store
            .audit(
                Some(user.id),
                "export_matters",
                &format!("{} matters as {}", records.len(), format.extension()),
                now,
            )
            .await?;
        Ok(MatterExport {
            file_name: format!(
                "matters-{}.{}",
                (now + chrono::TimeDelta::hours(9)).format("%Y%m%d"),
                format.extension()
            ),
            content_type: format.content_type(),
            bytes,
        })
    }
}

/// The table as a workbook: a bold, frozen header row, texts defused.
fn xlsx(table: &[Vec<Value>]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format as CellFormat, Workbook};
    let failed = |e: rust_xlsxwriter::XlsxError| Error::Io(std::io::Error::other(e.to_string()));
    let mut book = Workbook::new();
    let bold = CellFormat::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("地域情報").map_err(failed)?;
    for (col, header) in (0u16..).zip(HEADERS) {
        sheet
            .write_string_with_format(0, col, header, &bold)
            .map_err(failed)?;
        sheet
            .set_column_width(col, if col == 8 { 40 } else { 14 })
            .map_err(failed)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    for (line, row) in (1u32..).zip(table) {
        for (col, value) in (0u16..).zip(row) {
            match value {
                Value::Empty => {}
                Value::Text(t) => {
                    sheet.write_string(line, col, defuse(t)).map_err(failed)?;
                }
                Value::Number(x) => {
                    sheet.write_number(line, col, *x).map_err(failed)?;
                }
            }
        }
    }
    book.save_to_buffer().map_err(failed)
}
