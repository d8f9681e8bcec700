use super::*;

#[test]
fn excerpts_keep_the_first_line_and_say_when_there_is_more() {
    assert_eq!(excerpt("短い紹介"), "短い紹介");
    assert_eq!(excerpt("一行目\n二行目"), "一行目…");
    let long = "あ".repeat(100);
    assert_eq!(excerpt(&long).chars().count(), EXCERPT_CHARS + 1);
}
