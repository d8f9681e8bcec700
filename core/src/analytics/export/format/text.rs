//! Cells as text: channel names, defused formulas, plain numbers, CSV rows and JSON lines.

use super::*;

pub(super) fn channel_name(channel: shared::answer::Channel, lang: Lang) -> &'static str {
    use shared::answer::Channel;
    match (channel, lang) {
        (Channel::Web, Lang::En) => "Web",
        (Channel::Paper, Lang::En) => "Paper",
        (Channel::Staff, Lang::En) => "Entered by staff",
        (Channel::Web, _) => "ウェブ",
        (Channel::Paper, _) => "紙",
        (Channel::Staff, _) => "職員が入力",
    }
}

/// A text made safe to open in a spreadsheet: one that would start a formula gets a leading
/// apostrophe (shown by no spreadsheet, and making the cell plain text).
pub fn defuse(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A number as CSV writes it: whole numbers without a decimal point.
pub(super) fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Writes CSV records (CRLF) into a buffer that is drained chunk by chunk.
pub struct CsvSink {
    pub(super) writer: csv::Writer<Vec<u8>>,
}

pub(super) fn csv_writer(start: Vec<u8>) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(start)
}

impl CsvSink {
    /// A sink whose first bytes are the UTF-8 byte-order mark and the header row.
    pub fn new(headers: &[String]) -> Result<CsvSink> {
        let mut writer = csv_writer(b"\xEF\xBB\xBF".to_vec());
        writer.write_record(headers).map_err(csv_error)?;
        Ok(CsvSink { writer })
    }

    /// Adds a row.
    pub fn push(&mut self, row: &[Value]) -> Result<()> {
        let fields = row.iter().map(|v| match v {
            Value::Empty => String::new(),
            Value::Text(t) => defuse(t),
            Value::Number(x) => number_text(*x),
        });
        self.writer.write_record(fields).map_err(csv_error)
    }

    /// The bytes written so far (taken out of the buffer).
    pub fn take(&mut self) -> Result<Vec<u8>> {
        let full = std::mem::replace(&mut self.writer, csv_writer(Vec::new()));
        full.into_inner()
            .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
    }
}

pub(super) fn csv_error(e: csv::Error) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

/// One response in the JSON export.
pub fn json_response(r: &ResponseFacts, answers_json: &str, district: Option<&str>) -> String {
    let answers = if answers_json.trim().is_empty() {
        "{}"
    } else {
        answers_json
    };
    let meta = serde_json::json!({
        "id": r.id,
        "submitted_at": r.submitted_at,
        "channel": r.channel.as_str(),
        "lang": r.lang.code(),
        "district_id": r.district_id,
        "district": district,
        "referred_group_id": r.referred_group_id,
    });
    // The stored answers are already JSON: splice them in rather than parse and print again.
    let mut out = meta.to_string();
    out.pop();
    out.push_str(",\"answers\":");
    out.push_str(answers);
    out.push('}');
    out
}
