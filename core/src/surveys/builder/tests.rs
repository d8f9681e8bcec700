use super::*;

#[test]
fn slugs_are_short_lower_case_words() {
    assert!(valid_slug("kitagata-2026"));
    assert!(!valid_slug("ab"));
    assert!(!valid_slug("Kitagata"));
    assert!(!valid_slug("-lead"));
    assert!(!valid_slug("日曜"));
    assert!(!valid_slug(&"a".repeat(65)));
}
