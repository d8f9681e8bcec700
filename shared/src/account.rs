//! Accounts: e-mail addresses, passwords, display names and roles, each checked by parsing.

use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// The shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// The longest password accepted, in characters (hashing a huge input would be a cheap attack).
pub const MAX_PASSWORD_CHARS: usize = 256;

/// A plausible e-mail address, trimmed and lower-cased, so that one person has one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Checks the shape of an address: one `@`, something before it, a dot in the domain.
    pub fn parse(input: &str) -> Result<Email, FieldError> {
        let email = input.trim().to_lowercase();
        if email.is_empty() {
            return Err(FieldError::Required);
        }
        let valid = email.len() <= 254
            && !email.chars().any(|c| {
                c.is_whitespace() || c.is_control() || crate::text::is_bidi_or_invisible(c)
            })
            && match email.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                }
                None => false,
            };
        if valid {
            Ok(Email(email))
        } else {
            Err(FieldError::Invalid)
        }
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password that meets the policy. It is never stored or logged; only its hash is.
#[derive(Clone)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

impl NewPassword {
    /// Accepts passwords of 12 to 256 characters (any script; spaces allowed).
    pub fn parse(input: &str) -> Result<NewPassword, FieldError> {
        let chars = input.chars().count();
        if chars == 0 {
            Err(FieldError::Required)
        } else if chars < MIN_PASSWORD_CHARS {
            Err(FieldError::TooShort {
                min: MIN_PASSWORD_CHARS as u32,
            })
        } else if chars > MAX_PASSWORD_CHARS {
            Err(FieldError::TooLong {
                max: MAX_PASSWORD_CHARS as u32,
            })
        } else {
            Ok(NewPassword(input.to_string()))
        }
    }

    /// The password itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A name shown to other people: 1 to 50 characters, Japanese welcome, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    /// Trims and checks a display name.
    pub fn parse(input: &str) -> Result<DisplayName, FieldError> {
        let name = input.trim();
        if name.is_empty() {
            Err(FieldError::Required)
        } else if name.chars().count() > 50 {
            Err(FieldError::TooLong { max: 50 })
        } else if name
            .chars()
            .any(|c| c.is_control() || crate::text::is_bidi_or_invisible(c))
        {
            Err(FieldError::Invalid)
        } else {
            Ok(DisplayName(name.to_string()))
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Checks a name a resident, organiser or council member chooses for themselves: as
    /// [`DisplayName::parse`], and it may not present its holder as the ward office (「…
    /// （区役所）」, 「職員」, "staff"), which only staff accounts, made by an administrator, are.
    pub fn parse_own(input: &str) -> Result<DisplayName, FieldError> {
        let name = DisplayName::parse(input)?;
        let lower = name.0.to_lowercase();
        let claims = ["役所", "職員", "区役", "市役"]
            .iter()
            .any(|w| name.0.contains(w))
            || ["staff", "ward office", "city hall"]
                .iter()
                .any(|w| lower.contains(w));
        if claims {
            Err(FieldError::OfficeName)
        } else {
            Ok(name)
        }
    }
}

/// What an account may do. Staff-like roles may also be limited to one district.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages users, districts and centres in every ward.
    Admin,
    /// Ward-office staff: builds surveys, enters paper answers, analyses results.
    Staff,
    /// A neighbourhood-council (まちづくり協議会) member who co-designs surveys.
    Council,
    /// Runs a local group in the network directory.
    Organiser,
    /// A resident with an account.
    Resident,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Staff,
        Role::Council,
        Role::Organiser,
        Role::Resident,
    ];

    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Staff => "staff",
            Role::Council => "council",
            Role::Organiser => "organiser",
            Role::Resident => "resident",
        }
    }

    /// Reads a stored role name.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether this role may see the staff pages (survey lists and answers).
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Admin | Role::Staff)
    }
}

/// How often one is mailed a digest of what one has not read (notifications about the surveys
/// one works on, notices from the ward and the community centre).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Digest {
    /// No digest (the default).
    #[default]
    Off,
    /// Every morning, with what came since the last one.
    Daily,
    /// Every Monday morning.
    Weekly,
}

impl Digest {
    /// Every choice, in the order the account page lists them.
    pub const ALL: [Digest; 3] = [Digest::Off, Digest::Daily, Digest::Weekly];

    /// The name stored in the database and sent by the form.
    pub fn as_str(self) -> &'static str {
        match self {
            Digest::Off => "off",
            Digest::Daily => "daily",
            Digest::Weekly => "weekly",
        }
    }

    /// Reads a stored or submitted name.
    pub fn parse(s: &str) -> Option<Digest> {
        Digest::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Hanako@Example.JP ").map(|e| e.as_str().to_string()),
            Ok("hanako@example.jp".to_string())
        );
        assert_eq!(Email::parse(""), Err(FieldError::Required));
        for bad in [
            "hanako",
            "@example.jp",
            "a@b",
            "a@@b.jp",
            "a b@c.jp",
            "a@.jp",
        ] {
            assert_eq!(Email::parse(bad), Err(FieldError::Invalid), "{bad}");
        }
    }

    #[test]
    fn passwords_need_twelve_characters_in_any_script() {
        assert_eq!(
            NewPassword::parse("short").map(|_| ()),
            Err(FieldError::TooShort { min: 12 })
        );
        assert!(NewPassword::parse("こくらみなみくのしみんせんたー").is_ok());
        assert!(NewPassword::parse(&"x".repeat(257)).is_err());
        assert_eq!(
            format!("{:?}", NewPassword::parse("correct horse battery")),
            "Ok(NewPassword(***))"
        );
    }

    #[test]
    fn display_names_accept_japanese_and_refuse_control_characters() {
        assert_eq!(
            DisplayName::parse(" 小倉 花子 ").map(|n| n.as_str().to_string()),
            Ok("小倉 花子".to_string())
        );
        assert_eq!(DisplayName::parse("a\u{7}b"), Err(FieldError::Invalid));
        // Direction overrides and invisible characters make one name look like another.
        assert_eq!(
            DisplayName::parse("小倉\u{202E}（区役所）"),
            Err(FieldError::Invalid)
        );
        assert_eq!(DisplayName::parse("小\u{200B}倉"), Err(FieldError::Invalid));
        assert_eq!(DisplayName::parse("a\0b"), Err(FieldError::Invalid));
        // A resident cannot pass as the ward office; staff names come from administrators.
        assert_eq!(
            DisplayName::parse_own("山田 太郎（区役所）"),
            Err(FieldError::OfficeName)
        );
        assert_eq!(
            DisplayName::parse_own("Yamada (Ward Office)"),
            Err(FieldError::OfficeName)
        );
        assert!(DisplayName::parse_own("山田 太郎").is_ok());
        assert!(DisplayName::parse("小倉南区役所 職員").is_ok());
        assert_eq!(
            DisplayName::parse(&"名".repeat(51)),
            Err(FieldError::TooLong { max: 50 })
        );
    }

    #[test]
    fn roles_round_trip_and_only_admin_and_staff_see_staff_pages() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
        assert!(Role::Staff.is_staff() && Role::Admin.is_staff());
        assert!(!Role::Council.is_staff() && !Role::Resident.is_staff());
    }
}
