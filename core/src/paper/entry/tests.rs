use super::sheet_number;

#[test]
fn sheet_numbers_are_short_plain_and_width_insensitive() {
    assert_eq!(sheet_number(" ００１２ "), Some("0012".into()));
    assert_eq!(sheet_number("A-17"), Some("A-17".into()));
    assert_eq!(sheet_number("Ａー３"), Some("A-3".into()));
    assert_eq!(sheet_number(""), None);
    assert_eq!(sheet_number("12 34"), None);
    assert_eq!(sheet_number("../1"), None);
    assert_eq!(sheet_number(&"1".repeat(21)), None);
}
