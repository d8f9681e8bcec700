//! Invitation codes: short, easy to read aloud and type, with a check character that catches
//! any single mistyped character and most swapped neighbours.
//!
//! The alphabet leaves out characters people confuse (0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V), so a code
//! read from a printed card or over the phone comes through. Codes are shown in groups of four
//! (`KM7R-XH3C-W`); spaces, hyphens, lower case and full-width letters are all accepted back.

/// The characters codes are made of: 23 (a prime, which the check character needs), none
/// easily confused with another.
pub const CHARS: &[u8] = b"ACDEFGHJKMNPQRTWXY34679";

/// How many random characters a code has before its check character.
pub const BODY_LEN: usize = 8;

fn index(c: u8) -> Option<usize> {
    CHARS.iter().position(|&x| x == c)
}

/// The check character for a code body: a weighted sum modulo a prime-sized alphabet, so a
/// single changed character or two swapped neighbours change it.
fn check_char(body: &[u8]) -> Option<u8> {
    let n = CHARS.len();
    let mut sum = 0usize;
    for (i, &c) in body.iter().enumerate() {
        sum += (i + 1) * index(c)?;
    }
    CHARS.get(sum % n).copied()
}

/// Makes a code from random bytes (at least [`BODY_LEN`] of them). The server supplies the
/// randomness; this crate does no I/O.
pub fn code_from_bytes(random: &[u8]) -> Option<String> {
    let body: Vec<u8> = random
        .iter()
        .take(BODY_LEN)
        .map(|b| CHARS[usize::from(*b) % CHARS.len()])
        .collect();
    if body.len() < BODY_LEN {
        return None;
    }
    let check = check_char(&body)?;
    let mut code = String::from_utf8(body).ok()?;
    code.push(char::from(check));
    Some(code)
}

/// Reads a code as typed: drops spaces and hyphens, folds full-width and lower case, and checks
/// the check character. `None` when it cannot be a code.
pub fn normalise(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter_map(|c| {
            let c = match c {
                'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '０'..='９' => {
                    char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
                }
                c => c,
            };
            match c {
                ' ' | '-' | '　' | 'ー' | '－' => None,
                c => Some(c.to_ascii_uppercase()),
            }
        })
        .collect();
    let bytes = code.as_bytes();
    if bytes.len() != BODY_LEN + 1 || !bytes.iter().all(|&b| index(b).is_some()) {
        return None;
    }
    let (body, check) = bytes.split_at(BODY_LEN);
    (check_char(body)? == check[0]).then_some(code)
}

/// A code as printed: `KM7RXH3CW` becomes `KM7R-XH3C-W`.
pub fn display(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_however_they_are_typed() {
        let Some(code) = code_from_bytes(&[7, 200, 33, 91, 150, 3, 64, 255]) else {
            panic!("eight bytes make a code")
        };
        assert_eq!(code.len(), BODY_LEN + 1);
        assert_eq!(normalise(&code), Some(code.clone()));
        assert_eq!(normalise(&display(&code)), Some(code.clone()));
        assert_eq!(normalise(&code.to_lowercase()), Some(code.clone()));
        let wide: String = code
            .chars()
            .map(|c| char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c))
            .collect();
        assert_eq!(normalise(&wide), Some(code.clone()));
        assert_eq!(normalise("SHORT"), None);
    }

    #[test]
    fn one_mistyped_or_swapped_character_is_caught() {
        let Some(code) = code_from_bytes(&[1, 2, 3, 4, 5, 6, 7, 8]) else {
            panic!("eight bytes make a code")
        };
        let bytes = code.as_bytes().to_vec();
        for i in 0..bytes.len() {
            for &c in CHARS {
                if c == bytes[i] {
                    continue;
                }
                let mut typo = bytes.clone();
                typo[i] = c;
                let typo = String::from_utf8(typo).unwrap_or_default();
                assert_eq!(normalise(&typo), None, "{typo}");
            }
        }
        for i in 0..BODY_LEN - 1 {
            if bytes[i] == bytes[i + 1] {
                continue;
            }
            let mut swapped = bytes.clone();
            swapped.swap(i, i + 1);
            let swapped = String::from_utf8(swapped).unwrap_or_default();
            assert_eq!(normalise(&swapped), None, "{swapped}");
        }
    }

    #[test]
    fn confusable_characters_never_appear() {
        for c in "0O1IL5S2Z8BUV".chars() {
            assert!(!CHARS.contains(&(c as u8)), "{c}");
        }
    }
}
