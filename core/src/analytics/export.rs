//! Exporting a survey's responses (staff only), streamed: the bytes leave while later rows are
//! still being read, so memory stays flat however many responses there are. See
//! [`format`] for the layout and formats.

pub mod format;

use super::ResponseFacts;
use crate::Core;
use crate::db::{Store, SurveyRecord};
use crate::error::{Error, Result};
use format::{CsvSink, Format, Layout, Names, Value, json_response};
use shared::Lang;
use shared::analytics::Filter;
use shared::answer::Answers;
use shared::survey::standard_agreement;
use shared::views::CurrentUser;
use std::collections::HashMap;
use std::io::Write;
use tokio::sync::mpsc;

/// Rows read from the database at a time.
const PAGE: i64 = 2_000;
/// Bytes gathered before a chunk is sent.
const CHUNK: usize = 64 * 1024;
/// The most rows an Excel sheet holds, header included.
const XLSX_MAX_ROWS: u32 = 1_048_576;

/// The pieces of an export as they are made; an `Err` ends it (the download is cut short,
/// never silently truncated).
pub type Chunks = mpsc::Receiver<std::io::Result<Vec<u8>>>;

/// An export on its way.
pub struct ExportStream {
    /// The name to save it under.
    pub file_name: String,
    /// Its format.
    pub format: Format,
    /// Its bytes.
    pub chunks: Chunks,
}

/// The responses kept by a filter: all of them, or these ids (sorted).
#[derive(Clone)]
enum Keep {
    All,
    Ids(Vec<i64>),
}

impl Keep {
    fn keeps(&self, id: i64) -> bool {
        match self {
            Keep::All => true,
            Keep::Ids(ids) => ids.binary_search(&id).is_ok(),
        }
    }
}

fn answers_of(row: &ResponseFacts) -> Answers {
    serde_json::from_str(&row.answers_json).unwrap_or_default()
}

/// Reads a survey's responses a page at a time, in id order.
struct Pager {
    store: Store,
    survey_id: i64,
    after: i64,
}

impl Pager {
    fn new(store: Store, survey_id: i64) -> Pager {
        Pager {
            store,
            survey_id,
            after: 0,
        }
    }

    /// The next page, or `None` after the last.
    async fn next(&mut self) -> Result<Option<Vec<ResponseFacts>>> {
        let page = self
            .store
            .responses_page(self.survey_id, self.after, PAGE)
            .await?;
        Ok(page.last().map(|last| last.id).map(|last| {
            self.after = last;
            page
        }))
    }
}

fn io_error(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

async fn fail(tx: &mpsc::Sender<std::io::Result<Vec<u8>>>, e: Error) {
    tracing::error!(error = %e, "export failed");
    let _ = tx.send(Err(io_error(e))).await;
}

async fn csv(
    store: Store,
    survey_id: i64,
    layout: Layout,
    keep: Keep,
    tx: mpsc::Sender<std::io::Result<Vec<u8>>>,
) {
    let run = async {
        let mut sink = CsvSink::new(&layout.headers())?;
        // The byte-order mark and the header leave at once.
        if tx.send(Ok(sink.take()?)).await.is_err() {
            return Ok(());
        }
        let mut pager = Pager::new(store, survey_id);
        while let Some(page) = pager.next().await? {
            for row in page.iter().filter(|r| keep.keeps(r.id)) {
                sink.push(&layout.row(row, &answers_of(row)))?;
            }
            let chunk = sink.take()?;
            if !chunk.is_empty() && tx.send(Ok(chunk)).await.is_err() {
                // The reader went away.
                return Ok(());
            }
        }
        Ok::<_, Error>(())
    };
    if let Err(e) = run.await {
        fail(&tx, e).await;
    }
}

async fn json(
    store: Store,
    survey_id: i64,
    head: String,
    districts: HashMap<i64, String>,
    keep: Keep,
    tx: mpsc::Sender<std::io::Result<Vec<u8>>>,
) {
    let run = async {
        if tx.send(Ok(head.into_bytes())).await.is_err() {
            return Ok(());
        }
        let mut first = true;
        let mut pager = Pager::new(store, survey_id);
        while let Some(page) = pager.next().await? {
            let mut chunk = String::new();
            for row in page.iter().filter(|r| keep.keeps(r.id)) {
                if !first {
                    chunk.push(',');
                }
                first = false;
                chunk.push('\n');
                let district = row
                    .district_id
                    .and_then(|d| districts.get(&d))
                    .map(String::as_str);
                chunk.push_str(&json_response(row, &row.answers_json, district));
            }
            if !chunk.is_empty() && tx.send(Ok(chunk.into_bytes())).await.is_err() {
                return Ok(());
            }
        }
        let _ = tx.send(Ok(b"\n]}\n".to_vec())).await;
        Ok::<_, Error>(())
    };
    if let Err(e) = run.await {
        fail(&tx, e).await;
    }
}

/// Sends what the zip writer writes, in chunks, from the blocking thread.
struct ChannelWriter {
    tx: mpsc::Sender<std::io::Result<Vec<u8>>>,
    buf: Vec<u8>,
}

impl Write for ChannelWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= CHUNK {
            self.flush()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::take(&mut self.buf);
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "reader gone"))
    }
}

fn write_xlsx(
    layout: &Layout,
    keep: &Keep,
    mut rows: mpsc::Receiver<Vec<ResponseFacts>>,
    tx: mpsc::Sender<std::io::Result<Vec<u8>>>,
) -> Result<()> {
    use rust_xlsxwriter::{Format as CellFormat, Workbook};
    let xlsx = |e: rust_xlsxwriter::XlsxError| Error::Io(io_error(e));
    let mut book = Workbook::new();
    let bold = CellFormat::new().set_bold();
    let sheet = book.add_worksheet_with_constant_memory().map_err(xlsx)?;
    sheet.set_name("回答").map_err(xlsx)?;
    for (col, header) in layout.headers().iter().enumerate() {
        let col = u16::try_from(col).map_err(|_| Error::Config("too many columns".into()))?;
        sheet
            .write_string_with_format(0, col, header, &bold)
            .map_err(xlsx)?;
        sheet.set_column_width(col, 14).map_err(xlsx)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
    let mut line: u32 = 1;
    while let Some(page) = rows.blocking_recv() {
        for row in page.iter().filter(|r| keep.keeps(r.id)) {
            if line >= XLSX_MAX_ROWS {
                return Err(Error::Config(
                    "more responses than an Excel sheet holds: export CSV instead".into(),
                ));
            }
            for (col, value) in layout.row(row, &answers_of(row)).iter().enumerate() {
                let col = u16::try_from(col).unwrap_or(u16::MAX);
                match value {
                    Value::Empty => {}
                    Value::Text(t) => {
                        sheet.write_string(line, col, t).map_err(xlsx)?;
                    }
                    Value::Number(x) => {
                        sheet.write_number(line, col, *x).map_err(xlsx)?;
                    }
                }
            }
            line += 1;
        }
    }
    let codes = book.add_worksheet();
    codes.set_name("コード").map_err(xlsx)?;
    for (col, header) in ["列", "値", "ラベル"].iter().enumerate() {
        codes
            .write_string_with_format(0, col as u16, *header, &bold)
            .map_err(xlsx)?;
    }
    codes.set_column_width(0, 40).map_err(xlsx)?;
    codes.set_column_width(2, 30).map_err(xlsx)?;
    for (n, (column, value, label)) in layout.codes().iter().enumerate() {
        let r = u32::try_from(n + 1).unwrap_or(u32::MAX);
        codes.write_string(r, 0, column).map_err(xlsx)?;
        codes.write_string(r, 1, value).map_err(xlsx)?;
        codes.write_string(r, 2, label).map_err(xlsx)?;
    }
    let mut out = ChannelWriter {
        tx,
        buf: Vec::with_capacity(CHUNK),
    };
    book.save_to_writer(&mut out).map_err(xlsx)?;
    out.flush()?;
    Ok(())
}

async fn xlsx(
    store: Store,
    survey_id: i64,
    layout: Layout,
    keep: Keep,
    tx: mpsc::Sender<std::io::Result<Vec<u8>>>,
) {
    let (rows_tx, rows_rx) = mpsc::channel::<Vec<ResponseFacts>>(2);
    let out = tx.clone();
    let worker = tokio::task::spawn_blocking(move || write_xlsx(&layout, &keep, rows_rx, out));
    let read = async {
        let mut pager = Pager::new(store, survey_id);
        while let Some(page) = pager.next().await? {
            if rows_tx.send(page).await.is_err() {
                break;
            }
        }
        Ok::<_, Error>(())
    }
    .await;
    drop(rows_tx);
    let written = match worker.await {
        Ok(result) => result,
        Err(e) => Err(Error::Io(io_error(e))),
    };
    if let Err(e) = read.and(written) {
        fail(&tx, e).await;
    }
}

impl Core {
    /// Starts exporting a survey's responses kept by `filter` (staff only), labelled in
    /// `lang`; recorded in the audit log.
    pub async fn export(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        format: Format,
        lang: Lang,
        filter: &Filter,
    ) -> Result<ExportStream> {
        let survey = self.staff_survey(user, survey_id).await?;
        let detail = format!(
            "{} {}",
            format.extension(),
            serde_json::to_string(filter).unwrap_or_default()
        );
        self.store
            .audit_survey(
                user.id,
                "export",
                survey_id,
                &detail,
                None,
                None,
                chrono::Utc::now(),
            )
            .await?;
        self.export_for(&survey, format, lang, filter).await
    }

    /// Starts exporting (no permission check: the CLI runs as the operator of the server).
    pub async fn export_for(
        &self,
        survey: &SurveyRecord,
        format: Format,
        lang: Lang,
        filter: &Filter,
    ) -> Result<ExportStream> {
        let keep = if filter.is_empty() {
            Keep::All
        } else {
            let entry = self.cube(survey).await?;
            let cube = entry
                .cube()
                .ok_or_else(|| Error::Corrupt("cube missing".into()))?;
            Keep::Ids(cube.ids(filter))
        };
        let def = self.results_definition(survey).await?;
        let districts: HashMap<i64, String> = self
            .store
            .districts(survey.ward_id)
            .await?
            .iter()
            .map(|d| (d.id, crate::surveys::builder::district_name(d).plain(lang)))
            .collect();
        let groups: HashMap<i64, String> = self
            .store
            .group_names(survey.ward_id)
            .await?
            .into_iter()
            .collect();
        let (tx, chunks) = mpsc::channel(4);
        let store = self.store.clone();
        match format {
            Format::Csv => {
                let names = Names { districts, groups };
                let layout = Layout::new(&def, lang, names, &standard_agreement);
                tokio::spawn(csv(store, survey.id, layout, keep, tx));
            }
            Format::Xlsx => {
                let names = Names { districts, groups };
                let layout = Layout::new(&def, lang, names, &standard_agreement);
                tokio::spawn(xlsx(store, survey.id, layout, keep, tx));
            }
            Format::Json => {
                let head = serde_json::json!({
                    "survey": {
                        "id": survey.id,
                        "slug": survey.slug,
                        "title": survey.title,
                        "version_id": survey.current_version_id,
                        "definition": def,
                    },
                    "filter": filter,
                })
                .to_string();
                // Open the object's last member, the list of responses.
                let head = format!(
                    "{},\"responses\":[",
                    head.strip_suffix('}').unwrap_or(&head)
                );
                tokio::spawn(json(store, survey.id, head, districts, keep, tx));
            }
        }
        let stamp = shared::time::jst_date(chrono::Utc::now()).format("%Y%m%d");
        Ok(ExportStream {
            file_name: format!("{}-{stamp}.{}", survey.slug, format.extension()),
            format,
            chunks,
        })
    }
}
