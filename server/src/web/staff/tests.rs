use super::*;

#[test]
fn times_are_read_as_japan_time() {
    let at = jst_instant(Some("2026-12-01T09:30"));
    assert_eq!(
        at.map(|t| t.map(|t| t.to_rfc3339())),
        Ok(Some("2026-12-01T00:30:00+00:00".to_string()))
    );
    assert_eq!(jst_instant(Some(" ")), Ok(None));
    assert_eq!(jst_instant(Some("tomorrow")), Err(FieldError::Invalid));
}
