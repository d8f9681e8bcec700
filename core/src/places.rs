//! A ward's places from a spreadsheet: its wards, their school districts (校区) in the ward's
//! own order, and each district's community centre. `yoriai import-places FILE` reads a CSV
//! (UTF-8, header row, one district per row; `docs/examples/kokura-minami-places.csv` is the
//! Kokura Minami file) and either imports all of it or names every problem by line and column
//! and imports nothing. Importing again updates names and order; nothing is duplicated.
//!
//! | column | meaning |
//! | --- | --- |
//! | `ward_code`, `ward_ja`, `ward_en` | the ward (the same names on every row of a ward) |
//! | `district_code` | stable code, unique in the installation (`a-z`, `0-9`, `-`) |
//! | `district_ja`, `district_en`, `district_reading` | names; the reading in hiragana gives the furigana of easy Japanese |
//! | `centre_ja`, `centre_en` | the district's community centre (may be empty: no centre) |
//!
//! The order of the rows is the order every list of a ward's districts follows.

mod listing;

use crate::Core;
use crate::db::{NewDistrict, Store, on_pool};
use crate::error::{Error, Result};
use shared::ApiError;
use std::collections::HashMap;

/// The columns a places file has, in this order.
pub const COLUMNS: [&str; 9] = [
    "ward_code",
    "ward_ja",
    "ward_en",
    "district_code",
    "district_ja",
    "district_en",
    "district_reading",
    "centre_ja",
    "centre_en",
];

/// The longest name or code, in characters.
const MAX_CHARS: usize = 100;

/// A problem with a places file: where (the line as a spreadsheet numbers it, header = 1, and
/// the column) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The line (1 is the header).
    pub line: u64,
    /// The column's name, when the problem is in one.
    pub column: Option<&'static str>,
    /// What is wrong, in Japanese and English.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.column {
            Some(column) => write!(f, "line {}, {column}: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// One row of a places file, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    line: u64,
    cells: [String; 9],
}

/// A column of a places file, in [`COLUMNS`]' order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    WardCode,
    WardJa,
    WardEn,
    DistrictCode,
    DistrictJa,
    DistrictEn,
    DistrictReading,
    CentreJa,
    CentreEn,
}

impl Column {
    /// Its name in the header.
    fn name(self) -> &'static str {
        COLUMNS[self as usize]
    }
}

impl Row {
    fn cell(&self, column: Column) -> &str {
        &self.cells[column as usize]
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    /// Wards in the file.
    pub wards: usize,
    /// Districts in the file.
    pub districts: usize,
    /// Community centres in the file.
    pub centres: usize,
}

/// A code: lower-case ASCII letters, digits and hyphens, not starting with a hyphen.
fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && !code.starts_with('-')
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A reading: hiragana (with the long-vowel mark), as furigana is written.
fn valid_reading(reading: &str) -> bool {
    !reading.is_empty()
        && reading
            .chars()
            .all(|c| ('\u{3041}'..='\u{3096}').contains(&c) || c == 'ー')
}

/// Reads a places file, checking every row; every problem is listed.
fn read(bytes: &[u8]) -> std::result::Result<Vec<Row>, Vec<Problem>> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        vec![Problem {
            line: 1,
            column: None,
            message: "UTF-8 で保存してください / save the file as UTF-8".into(),
        }]
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    let mut line = 0;
    for record in reader.records() {
        line += 1;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(Problem {
                    line,
                    column: None,
                    message: format!("CSV として読めません / not readable as CSV: {e}"),
                });
                continue;
            }
        };
        if line == 1 {
            let header: Vec<&str> = record.iter().map(str::trim).collect();
            if header != COLUMNS {
                problems.push(Problem {
                    line,
                    column: None,
                    message: format!(
                        "見出しの行は次のとおりにしてください / the header must be: {}",
                        COLUMNS.join(",")
                    ),
                });
                return Err(problems);
            }
            continue;
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != COLUMNS.len() {
            problems.push(Problem {
                line,
                column: None,
                message: format!(
                    "列が {} 個あります（{} 個必要です） / {} columns, {} expected",
                    record.len(),
                    COLUMNS.len(),
                    record.len(),
                    COLUMNS.len()
                ),
            });
            continue;
        }
        let cells: [String; 9] = std::array::from_fn(|i| record[i].trim().to_string());
        let row = Row { line, cells };
        check_row(&row, &mut problems);
        rows.push(row);
    }
    if line <= 1 {
        problems.push(Problem {
            line: 1,
            column: None,
            message: "校区の行がありません / no district rows".into(),
        });
    }
    check_across_rows(&rows, &mut problems);
    if problems.is_empty() {
        Ok(rows)
    } else {
        problems.sort_by_key(|p| p.line);
        Err(problems)
    }
}

fn check_row(row: &Row, problems: &mut Vec<Problem>) {
    let mut problem = |column: &'static str, message: &str| {
        problems.push(Problem {
            line: row.line,
            column: Some(column),
            message: message.into(),
        });
    };
    for (column, value) in COLUMNS.iter().zip(&row.cells) {
        let optional = column.starts_with("centre_");
        if value.is_empty() && !optional {
            problem(column, "空欄です / empty");
        } else if value.chars().count() > MAX_CHARS {
            problem(column, "100 文字までです / at most 100 characters");
        } else if value.chars().any(char::is_control) {
            problem(
                column,
                "制御文字は使えません / control characters are not allowed",
            );
        }
    }
    for column in [Column::WardCode, Column::DistrictCode] {
        let value = row.cell(column);
        if !value.is_empty() && !valid_code(value) {
            problem(
                column.name(),
                "半角英小文字・数字・ハイフンで書いてください / use a-z, 0-9 and -",
            );
        }
    }
    let reading = row.cell(Column::DistrictReading);
    if !reading.is_empty() && !valid_reading(reading) {
        problem(
            Column::DistrictReading.name(),
            "ひらがなで書いてください / write the reading in hiragana",
        );
    }
    if row.cell(Column::CentreJa).is_empty() != row.cell(Column::CentreEn).is_empty() {
        problem(
            Column::CentreEn.name(),
            "市民センターの名前は日本語と英語の両方を書くか、両方空欄にしてください / give the centre both names or neither",
        );
    }
}

fn check_across_rows(rows: &[Row], problems: &mut Vec<Problem>) {
    let mut codes: HashMap<&str, u64> = HashMap::new();
    let mut wards: HashMap<&str, (&str, &str, u64)> = HashMap::new();
    for row in rows {
        let code = row.cell(Column::DistrictCode);
        if let Some(first) = codes.insert(code, row.line) {
            problems.push(Problem {
                line: row.line,
                column: Some("district_code"),
                message: format!(
                    "{first} 行目と同じ校区コードです / the same code as line {first}"
                ),
            });
        }
        let names = (row.cell(Column::WardJa), row.cell(Column::WardEn), row.line);
        match wards.get(row.cell(Column::WardCode)) {
            Some((ja, en, first)) if (*ja, *en) != (names.0, names.1) => problems.push(Problem {
                line: row.line,
                column: Some("ward_ja"),
                message: format!(
                    "{first} 行目と区の名前が違います / the ward's names differ from line {first}"
                ),
            }),
            Some(_) => {}
            None => {
                wards.insert(row.cell(Column::WardCode), names);
            }
        }
    }
}

impl Store {
    /// The code of the ward a district code belongs to, if any.
    pub async fn ward_of_district_code(&self, code: &str) -> Result<Option<String>> {
        let sql = "SELECT w.code FROM districts d JOIN wards w ON w.id = d.ward_id \
                   WHERE d.code = $1";
        Ok(on_pool!(&self.db, |pool| sqlx::query_scalar(sql)
            .bind(code)
            .fetch_optional(pool)
            .await?))
    }
}

impl Core {
    /// Checks a places file whole, without writing: every problem, or nothing.
    pub async fn check_places(
        &self,
        bytes: &[u8],
    ) -> Result<std::result::Result<(), Vec<Problem>>> {
        Ok(self.checked_rows(bytes).await?.map(drop))
    }

    /// The rows of a places file, each checked, and every district code against the other
    /// wards'.
    async fn checked_rows(
        &self,
        bytes: &[u8],
    ) -> Result<std::result::Result<Vec<Row>, Vec<Problem>>> {
        let rows = match read(bytes) {
            Ok(rows) => rows,
            Err(problems) => return Ok(Err(problems)),
        };
        let mut problems = Vec::new();
        for row in &rows {
            let code = row.cell(Column::DistrictCode);
            if let Some(ward) = self.store.ward_of_district_code(code).await?
                && ward != row.cell(Column::WardCode)
            {
                problems.push(Problem {
                    line: row.line,
                    column: Some("district_code"),
                    message: format!(
                        "この校区コードは別の区（{ward}）で使われています / already used by ward {ward}"
                    ),
                });
            }
        }
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        Ok(Ok(rows))
    }

    /// Imports a places file: all of it, or nothing with every problem listed. Every row is
    /// checked (and every district code against the other wards) before anything is written;
    /// the writes are upserts, so importing the same file again changes nothing.
    pub async fn import_places(
        &self,
        bytes: &[u8],
    ) -> Result<std::result::Result<Imported, Vec<Problem>>> {
        let rows = match self.checked_rows(bytes).await? {
            Ok(rows) => rows,
            Err(problems) => return Ok(Err(problems)),
        };
        let mut wards: HashMap<String, i64> = HashMap::new();
        let mut positions: HashMap<i64, i64> = HashMap::new();
        let mut centres = 0;
        for row in &rows {
            let ward_code = row.cell(Column::WardCode);
            let ward = match wards.get(ward_code) {
                Some(id) => *id,
                None => {
                    let id = self
                        .store
                        .upsert_ward(
                            ward_code,
                            row.cell(Column::WardJa),
                            row.cell(Column::WardEn),
                        )
                        .await?;
                    wards.insert(ward_code.to_string(), id);
                    id
                }
            };
            let position = positions.entry(ward).or_insert(0);
            let easy = easy_name(
                row.cell(Column::DistrictJa),
                row.cell(Column::DistrictReading),
            );
            let district = NewDistrict {
                code: row.cell(Column::DistrictCode),
                name_ja: row.cell(Column::DistrictJa),
                name_en: row.cell(Column::DistrictEn),
                name_easy: Some(&easy),
                position: *position,
            };
            *position += 1;
            let district = self.store.upsert_district(ward, &district).await?;
            if !row.cell(Column::CentreJa).is_empty() {
                self.store
                    .upsert_centre(
                        district,
                        row.cell(Column::CentreJa),
                        row.cell(Column::CentreEn),
                    )
                    .await?;
                centres += 1;
            }
        }
        self.store
            .audit(
                None,
                "import_places",
                &format!("{} wards, {} districts", wards.len(), rows.len()),
                chrono::Utc::now(),
            )
            .await?;
        Ok(Ok(Imported {
            wards: wards.len(),
            districts: rows.len(),
            centres,
        }))
    }
}

/// A district's name in easy Japanese: the name with its reading as furigana.
pub(crate) fn easy_name(ja: &str, reading: &str) -> String {
    format!("{{{ja}|{reading}}}")
}

/// Why an import was refused, as one error for the command line.
pub fn refusal(problems: &[Problem]) -> Error {
    let lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
    Error::Config(format!(
        "nothing was imported; fix these and run it again:\n{}",
        lines.join("\n")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "ward_code,ward_ja,ward_en,district_code,district_ja,district_en,district_reading,centre_ja,centre_en\n";

    #[test]
    fn a_good_file_reads_in_order_and_a_bad_one_names_every_problem() {
        let good = format!(
            "{HEADER}w1,区,Ward,d-1,北方,Kitagata,きたがた,北方市民センター,Kitagata Centre\n\
             w1,区,Ward,d-2,湯川,Yugawa,ゆがわ,,\n"
        );
        let rows = read(good.as_bytes()).unwrap_or_default();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].cell(Column::DistrictCode), "d-2");

        let bad = format!(
            "{HEADER}w1,区,Ward,D 1,北方,Kitagata,キタガタ,北方市民センター,\n\
             w1,別の区,Ward,d-2,,Yugawa,ゆがわ,,\n\
             w1,区,Ward,d-2,湯川,Yugawa,ゆがわ,,\n\
             w1,区,Ward\n"
        );
        let problems = read(bad.as_bytes()).err().unwrap_or_default();
        let found: Vec<(u64, Option<&str>)> = problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(
            found,
            vec![
                (2, Some("district_code")),
                (2, Some("district_reading")),
                (2, Some("centre_en")),
                (3, Some("district_ja")),
                (3, Some("ward_ja")),
                (4, Some("district_code")),
                (5, None),
            ]
        );
        let wrong_header = "code,name\nx,y\n";
        let problems = read(wrong_header.as_bytes()).err().unwrap_or_default();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("ward_code,ward_ja"));
    }
}
