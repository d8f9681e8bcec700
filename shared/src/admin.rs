//! Administration (`/admin`): the people of a ward (or of the city), invitations, and the mail
//! log. What the pages receive and what an invitation form says, read by parsing.

use crate::account::Role;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How many days an account invitation's link works.
pub const INVITATION_DAYS: i64 = 7;

/// What an invitation makes of the invited person. A centre director is a resident account
/// that directs a community centre (館長): it approves its district's groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Invitee {
    /// Ward-office staff (surveys, answers, paper entry).
    Staff,
    /// A neighbourhood-council member of one district (co-designs surveys).
    Council,
    /// The director of one community centre.
    Director,
    /// An administrator (of the inviting administrator's ward, or of every ward).
    Admin,
}

impl Invitee {
    /// Every kind, in the order the form lists them.
    pub const ALL: [Invitee; 4] = [
        Invitee::Staff,
        Invitee::Council,
        Invitee::Director,
        Invitee::Admin,
    ];

    /// The form's value.
    pub fn as_str(self) -> &'static str {
        match self {
            Invitee::Staff => "staff",
            Invitee::Council => "council",
            Invitee::Director => "director",
            Invitee::Admin => "admin",
        }
    }

    /// Reads a form's value.
    pub fn parse(s: &str) -> Option<Invitee> {
        Invitee::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The account role the invitation makes.
    pub fn role(self) -> Role {
        match self {
            Invitee::Staff => Role::Staff,
            Invitee::Council => Role::Council,
            Invitee::Director => Role::Resident,
            Invitee::Admin => Role::Admin,
        }
    }

    /// The kind an invitation of `role` with (or without) a centre is.
    pub fn of(role: Role, centre: bool) -> Option<Invitee> {
        match role {
            Role::Staff => Some(Invitee::Staff),
            Role::Council => Some(Invitee::Council),
            Role::Admin => Some(Invitee::Admin),
            Role::Resident if centre => Some(Invitee::Director),
            Role::Resident | Role::Organiser => None,
        }
    }
}

/// A place to choose in a form: id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Id.
    pub id: i64,
    /// Name (Japanese).
    pub name: String,
}

/// A ward with its districts and centres, for the forms' lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WardChoices {
    /// The ward.
    pub ward: Choice,
    /// Its districts, in its order.
    pub districts: Vec<Choice>,
    /// Its community centres.
    pub centres: Vec<Choice>,
}

/// One account in the administrators' list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    /// Account id.
    pub id: i64,
    /// Name.
    pub display_name: String,
    /// E-mail address.
    pub email: String,
    /// Role.
    pub role: Role,
    /// Ward name (none: every ward).
    pub ward: Option<String>,
    /// District name, if limited to one.
    pub district: Option<String>,
    /// Centres they direct.
    pub centres: Vec<String>,
    /// Last sign-in, if any.
    pub last_sign_in_at: Option<DateTime<Utc>>,
    /// When deactivated, if they are.
    pub deactivated_at: Option<DateTime<Utc>>,
}

/// An invitation not yet accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRow {
    /// Id.
    pub id: i64,
    /// Invited address.
    pub email: String,
    /// The name it was made out to.
    pub display_name: String,
    /// What it makes them.
    pub invitee: Invitee,
    /// Ward, district and centre names, as far as given.
    pub place: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// Whether it has expired.
    pub expired: bool,
}

/// The people page: accounts (filtered), open invitations, and the choices for the forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleView {
    /// Whether the administrator manages every ward (else only `wards[0]`).
    pub city_wide: bool,
    /// The accounts the filter found (at most [`MAX_PEOPLE_LISTED`]).
    pub people: Vec<PersonRow>,
    /// Whether more accounts matched than are listed.
    pub more: bool,
    /// Invitations not yet accepted or withdrawn, newest first.
    pub invitations: Vec<InvitationRow>,
    /// The wards the administrator manages, with their districts and centres.
    pub wards: Vec<WardChoices>,
    /// A fresh key for the invitation form (sending one form twice makes one invitation).
    pub form_key: String,
}

/// The most accounts one people page lists.
pub const MAX_PEOPLE_LISTED: usize = 200;

/// One account, for its administration page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonView {
    /// The account.
    pub person: PersonRow,
    /// Its ward id (for the form).
    pub ward_id: Option<i64>,
    /// Its district id (for the form).
    pub district_id: Option<i64>,
    /// The centre it directs (for the form).
    pub centre_id: Option<i64>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// How many browsers are signed in.
    pub sessions: i64,
    /// Whether this is the administrator looking (who may not deactivate or demote themselves).
    pub is_self: bool,
    /// The wards the administrator manages, for the form.
    pub wards: Vec<WardChoices>,
    /// Whether the administrator manages every ward.
    pub city_wide: bool,
}

/// What an invitation link shows before it is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationInfo {
    /// Invited address (the account's sign-in).
    pub email: String,
    /// The name it was made out to (they may change it).
    pub display_name: String,
    /// What it makes them.
    pub invitee: Invitee,
    /// Ward, district and centre names, as far as given.
    pub place: String,
}

/// An invitation just made: its link is shown once (to print or hand over), and was mailed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationMade {
    /// The whole link; none when the same form was sent again (its link was shown the first
    /// time and cannot be shown again).
    pub link: Option<String>,
    /// The invited address.
    pub email: String,
    /// Whether an earlier invitation to the address was withdrawn by this one.
    pub replaced: bool,
    /// The link as a QR code (an inline `<svg>`), to print.
    pub qr_svg: Option<String>,
}

/// A district on the places page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceDistrict {
    /// Stable code.
    pub code: String,
    /// Japanese name.
    pub name_ja: String,
    /// English name.
    pub name_en: Option<String>,
    /// Reading in hiragana (the furigana of easy Japanese).
    pub reading: Option<String>,
    /// Its community centre (Japanese).
    pub centre: Option<String>,
    /// Its community centre (English).
    pub centre_en: Option<String>,
    /// The centre's active directors.
    pub directors: Vec<String>,
}

/// A ward on the places page, its districts in its order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceWard {
    /// Id.
    pub id: i64,
    /// Stable code.
    pub code: String,
    /// Japanese name.
    pub name_ja: String,
    /// English name.
    pub name_en: Option<String>,
    /// Its districts, in order.
    pub districts: Vec<PlaceDistrict>,
}

/// The places page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacesView {
    /// The installation's name, if set up with one.
    pub installation_name: Option<String>,
    /// Whether the administrator manages every ward (and may import).
    pub city_wide: bool,
    /// The wards the administrator manages.
    pub wards: Vec<PlaceWard>,
}

/// How long what is no longer needed is kept, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// Answers saved but never sent.
    pub draft_days: i64,
    /// Client addresses of sign-ins, sign-ups and reset requests.
    pub address_days: i64,
    /// The log of mail sent.
    pub mail_days: i64,
}

/// The privacy notice and the retention periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyView {
    /// The notice in Japanese (also for easy Japanese).
    pub notice_ja: String,
    /// The notice in English.
    pub notice_en: String,
    /// The periods in force.
    pub retention: Retention,
    /// The installation's name, if set up with one.
    pub installation_name: Option<String>,
}

/// One mail in the administrators' mail log (bodies are never shown: a sent mail keeps none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailRow {
    /// Id.
    pub id: i64,
    /// Why it was sent (`invitation`, `password_reset`, …).
    pub kind: String,
    /// To whom.
    pub recipient: String,
    /// Subject.
    pub subject: String,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// Tries so far.
    pub attempts: i64,
    /// When it was sent.
    pub sent_at: Option<DateTime<Utc>>,
    /// When it was given up.
    pub failed_at: Option<DateTime<Utc>>,
    /// The last error, if any.
    pub last_error: Option<String>,
}

/// The mail log page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailLogView {
    /// Newest first.
    pub mails: Vec<MailRow>,
    /// Whether mail goes to files (no SMTP server configured), and where.
    pub file_dir: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invitees_round_trip_and_make_their_roles() {
        for k in Invitee::ALL {
            assert_eq!(Invitee::parse(k.as_str()), Some(k));
            assert_eq!(Invitee::of(k.role(), k == Invitee::Director), Some(k));
        }
        assert_eq!(Invitee::parse("resident"), None);
        assert_eq!(Invitee::of(Role::Resident, false), None);
        assert_eq!(Invitee::Director.role(), Role::Resident);
    }
}
