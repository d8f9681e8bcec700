//! Word-level differences between two texts (Japanese split by script, other text at spaces).

use super::*;

// --- Differences --------------------------------------------------------------------------------

/// A stretch of text in a difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Piece {
    /// In both versions.
    Same(String),
    /// Only in the newer version.
    Added(String),
    /// Only in the older version.
    Removed(String),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum CharClass {
    Han,
    Hiragana,
    Katakana,
    Word,
    Space,
    Other,
}

pub(super) fn class(c: char) -> CharClass {
    match c {
        '\u{3040}'..='\u{309f}' => CharClass::Hiragana,
        '\u{30a0}'..='\u{30ff}' | '\u{ff66}'..='\u{ff9f}' => CharClass::Katakana,
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '々' => CharClass::Han,
        c if c.is_alphanumeric() => CharClass::Word,
        c if c.is_whitespace() => CharClass::Space,
        _ => CharClass::Other,
    }
}

/// Splits text into words: runs of letters or digits, of kanji, of hiragana, of katakana, of
/// spaces, and single punctuation marks. Japanese has no spaces between words; script changes
/// are the usual boundaries a reader sees (「公民館の利用」 → 公民館 / の / 利用).
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut last: Option<CharClass> = None;
    for (i, c) in text.char_indices() {
        let k = class(c);
        let boundary = match last {
            None => false,
            Some(CharClass::Other) => true,
            Some(prev) => prev != k,
        };
        if boundary {
            out.push(&text[start..i]);
            start = i;
        }
        last = Some(k);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

pub(super) fn push_piece(out: &mut Vec<Piece>, piece: Piece) {
    match (out.last_mut(), piece) {
        (Some(Piece::Same(a)), Piece::Same(b))
        | (Some(Piece::Added(a)), Piece::Added(b))
        | (Some(Piece::Removed(a)), Piece::Removed(b)) => a.push_str(&b),
        (_, piece) => out.push(piece),
    }
}

/// The word-level difference between two texts.
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let (a, b) = (words(old), words(new));
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                push_piece(
                    &mut out,
                    Piece::Same(a[old_index..old_index + len].concat()),
                );
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => push_piece(
                &mut out,
                Piece::Removed(a[old_index..old_index + old_len].concat()),
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push_piece(
                &mut out,
                Piece::Added(b[new_index..new_index + new_len].concat()),
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push_piece(
                    &mut out,
                    Piece::Removed(a[old_index..old_index + old_len].concat()),
                );
                push_piece(
                    &mut out,
                    Piece::Added(b[new_index..new_index + new_len].concat()),
                );
            }
        }
    }
    out
}

/// Whether a difference changes anything.
pub fn changed(pieces: &[Piece]) -> bool {
    pieces.iter().any(|p| !matches!(p, Piece::Same(_)))
}
