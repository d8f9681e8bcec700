//! Administration (`/admin`): the people who work with Yoriai and the mail log.
//!
//! **Who.** Only administrators. An administrator with a ward manages that ward's people
//! (and may make other administrators of it); one without a ward manages every ward and the
//! installation (the mail log). A person of another ward is 404 to a ward administrator, as
//! if they did not exist.
//!
//! **People** ([`people`]): the list (by role, with last sign-in), one person's role and
//! scope (ward, district, the centre they direct), deactivation (their sessions end in the same
//! transaction) and reactivation. Nobody deactivates or demotes themselves, and the last
//! active administrator of a ward (or of the city) stays one ([`shared::ApiError::LastAdmin`]).
//!
//! **Invitations** ([`invitations`]): staff, council members, centre directors and
//! administrators are invited by a single-use link (only its hash is stored) that is mailed
//! through the outbox, in the same transaction, and shown once to print. Accepting it makes
//! the account. Every change is in the audit log.

mod invitations;
mod people;
mod store;

pub use invitations::InvitationForm;
pub use store::{InvitationRecord, NewInvitation, PeopleFilter, PersonRecord};

use crate::Core;
use crate::db::Store;
use crate::error::{Result, not_found};
use chrono::{DateTime, Utc};
use shared::account::Role;
use shared::admin::{
    Choice, InvitationInfo, InvitationMade, InvitationRow, Invitee, MailLogView, PeopleView,
    PersonRow, PersonView, WardChoices,
};
use shared::views::CurrentUser;
use shared::{ApiError, FieldError, FieldErrors};

/// The most mails the mail log page lists.
pub const MAIL_LOG_ROWS: i64 = 300;

/// Only administrators: `Forbidden` for every other role.
pub(crate) fn require_admin(user: &CurrentUser) -> Result<()> {
    if user.role == Role::Admin {
        Ok(())
    } else {
        Err(ApiError::Forbidden.into())
    }
}

/// Whether `admin` manages people of ward `ward` (an administrator without a ward manages all).
fn manages(admin: &CurrentUser, ward: Option<i64>) -> bool {
    admin.ward_id.is_none() || ward == admin.ward_id
}

/// Where a person works, read from a form against the wards the administrator manages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Placement {
    role: Role,
    ward: Option<i64>,
    district: Option<i64>,
    centre: Option<i64>,
}

/// A form's scope fields: what the person becomes (`kind`: an [`Invitee`], or `resident` on a
/// person's page), and the ids of ward, district and centre (empty: none).
#[derive(Debug, Clone, Copy, Default)]
pub struct ScopeForm<'a> {
    /// `staff`, `council`, `director`, `admin` (or `resident`).
    pub kind: &'a str,
    /// Ward id.
    pub ward: &'a str,
    /// District id.
    pub district: &'a str,
    /// Centre id.
    pub centre: &'a str,
}

fn id_of(value: &str) -> std::result::Result<Option<i64>, FieldError> {
    match value.trim() {
        "" => Ok(None),
        v => v.parse().map(Some).map_err(|_| FieldError::UnknownOption),
    }
}

/// Reads a scope form, pushing every problem into `errors`. A ward administrator's people are
/// of their ward whatever the form says; council members need a district, directors a centre,
/// and every place must be of the chosen ward.
fn placement(
    admin: &CurrentUser,
    form: &ScopeForm<'_>,
    wards: &[WardChoices],
    resident_allowed: bool,
    errors: &mut FieldErrors,
) -> Option<Placement> {
    let kind = form.kind.trim();
    let role = match Invitee::parse(kind) {
        Some(k) => Some((k.role(), k == Invitee::Director)),
        None if kind == "resident" && resident_allowed => Some((Role::Resident, false)),
        None => {
            errors.push(
                "kind",
                if kind.is_empty() {
                    FieldError::Required
                } else {
                    FieldError::UnknownOption
                },
            );
            None
        }
    };
    let mut read = |field: &str, value: &str| id_of(value).map_err(|e| errors.push(field, e)).ok();
    let (ward, district, centre) = (
        read("ward", form.ward).flatten(),
        read("district", form.district).flatten(),
        read("centre", form.centre).flatten(),
    );
    let (role, directs) = role?;
    let ward = match admin.ward_id {
        Some(own) => Some(own),
        None => ward,
    };
    let chosen = ward.and_then(|w| wards.iter().find(|x| x.ward.id == w));
    if ward.is_some() && chosen.is_none() {
        errors.push("ward", FieldError::UnknownOption);
    }
    // Only an administrator may be of every ward; a resident keeps the ward they had.
    if ward.is_none() && !matches!(role, Role::Admin | Role::Resident) {
        errors.push("ward", FieldError::Required);
    }
    let in_districts = |id| chosen.is_some_and(|w| w.districts.iter().any(|c| c.id == id));
    let in_centres = |id| chosen.is_some_and(|w| w.centres.iter().any(|c| c.id == id));
    let district = match (role, district) {
        (Role::Council | Role::Staff, Some(d)) if in_districts(d) => Some(d),
        (Role::Council | Role::Staff, Some(_)) => {
            errors.push("district", FieldError::UnknownOption);
            None
        }
        (Role::Council, None) => {
            errors.push("district", FieldError::Required);
            None
        }
        _ => None,
    };
    let centre = match (directs, centre) {
        (true, Some(c)) if in_centres(c) => Some(c),
        (true, Some(_)) => {
            errors.push("centre", FieldError::UnknownOption);
            None
        }
        (true, None) => {
            errors.push("centre", FieldError::Required);
            None
        }
        (false, _) => None,
    };
    Some(Placement {
        role,
        ward,
        district,
        centre,
    })
}

/// "Ward · district · centre", as far as given, in Japanese.
fn place_name(
    wards: &[WardChoices],
    ward: Option<i64>,
    district: Option<i64>,
    centre: Option<i64>,
) -> String {
    let Some(w) = ward.and_then(|w| wards.iter().find(|x| x.ward.id == w)) else {
        return "全区".to_string();
    };
    let name = |list: &[Choice], id: Option<i64>| {
        id.and_then(|id| list.iter().find(|c| c.id == id))
            .map(|c| c.name.clone())
    };
    [
        Some(w.ward.name.clone()),
        name(&w.districts, district),
        name(&w.centres, centre),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

impl Core {
    /// The mail log (administrators of every ward only: it names people of all wards), and
    /// where mail goes when no SMTP server is configured.
    pub async fn mail_log_view(&self, admin: &CurrentUser) -> Result<MailLogView> {
        require_admin(admin)?;
        if admin.ward_id.is_some() {
            return Err(ApiError::Forbidden.into());
        }
        Ok(MailLogView {
            mails: self.store.mail_log(MAIL_LOG_ROWS).await?,
            file_dir: self
                .config
                .smtp_url
                .is_none()
                .then(|| self.config.mail_dir.display().to_string()),
        })
    }

    /// The wards `admin` manages, with their places.
    async fn managed_wards(&self, admin: &CurrentUser) -> Result<Vec<WardChoices>> {
        self.store.ward_choices(admin.ward_id).await
    }
}
