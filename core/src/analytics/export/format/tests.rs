use super::text::number_text;
use super::*;

#[test]
fn formulas_are_defused_and_numbers_read_plainly() {
    assert_eq!(defuse("=1+1"), "'=1+1");
    assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(defuse("-5"), "'-5");
    assert_eq!(defuse("日曜も開けて"), "日曜も開けて");
    assert_eq!(number_text(3.0), "3");
    assert_eq!(number_text(2.5), "2.5");
}

#[test]
fn csv_has_a_bom_crlf_and_quotes_where_needed() {
    let mut sink =
        CsvSink::new(&["番号".into(), "ご意見".into()]).unwrap_or_else(|e| panic!("{e}"));
    sink.push(&[
        Value::Number(1.0),
        Value::Text("駐車場が少ない, 夜も\"開けて\"".into()),
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    sink.push(&[Value::Number(2.0), Value::Empty])
        .unwrap_or_else(|e| panic!("{e}"));
    let bytes = sink.take().unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap_or_default();
    assert_eq!(
        text,
        "番号,ご意見\r\n1,\"駐車場が少ない, 夜も\"\"開けて\"\"\"\r\n2,\r\n"
    );
    assert!(sink.take().unwrap_or_else(|e| panic!("{e}")).is_empty());
}
