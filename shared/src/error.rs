//! The one error type that crosses the wire to a browser.
//!
//! The server maps its richer internal errors to this enum at the boundary. Nothing here carries
//! internal detail: a 5xx is logged on the server and shown to the user only as `Internal`.

use serde::{Deserialize, Serialize};

/// Why a single form field was rejected. The user interface turns each into a translated
/// message, so the codes stay language-neutral.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldError {
    /// The field is required and was left empty.
    Required,
    /// A choice was submitted that the question does not offer.
    UnknownOption,
    /// Fewer choices were picked than the question asks for.
    TooFewChoices {
        /// The smallest number of picks allowed.
        min: u16,
    },
    /// More choices were picked than the question allows.
    TooManyChoices {
        /// The largest number of picks allowed.
        max: u16,
    },
    /// The text is longer than allowed, counted in characters.
    TooLong {
        /// The largest number of characters allowed.
        max: u32,
    },
    /// The text is shorter than required, counted in characters.
    TooShort {
        /// The smallest number of characters required.
        min: u32,
    },
    /// The value does not have the expected shape (an e-mail address, say).
    Invalid,
    /// "Other" was picked but nothing was typed to say what.
    OtherRequired,
    /// A number was expected.
    NotANumber,
    /// A whole number was expected.
    NotWhole,
    /// The number or date is outside the limits (written as the respondent would read them).
    OutOfRange {
        /// The smallest value accepted, if any.
        min: Option<String>,
        /// The largest value accepted, if any.
        max: Option<String>,
    },
    /// A date was expected.
    NotADate,
    /// Two options were given the same rank.
    RankRepeated,
    /// Not every rank from 1 to `needed` was given.
    RankingIncomplete {
        /// How many options must be ranked.
        needed: u16,
    },
    /// The ranks given skip one (1 and 3 without 2) in a ranking that may stop early.
    RankingGap,
    /// Some rows of a matrix were answered and others not.
    RowsMissing,
    /// The text holds a control character (NUL, say) that nobody types and that cannot be
    /// stored; usually pasted from another program.
    ControlCharacters,
    /// The value is already used by another account (an e-mail address at sign-up).
    Taken,
    /// An administrator invited an address that has an account: its role is changed on its
    /// page instead.
    HasAccount,
    /// The person runs a group alone that others belong to: they hand it over first.
    HandOverFirst,
    /// The web address (slug) is already used by another survey.
    AddressTaken,
    /// A name chosen by a resident that would present them as the ward office.
    OfficeName,
    /// The current password, asked before changing it, is not the account's.
    WrongPassword,
    /// The file is not a photo that can be read (JPEG, PNG or WebP).
    NotAPhoto,
    /// The photo is larger than allowed.
    PhotoTooLarge {
        /// The largest size, in megabytes.
        max_mb: u32,
    },
}

/// Per-field errors, in the order of the fields on the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<(String, FieldError)>);

impl FieldErrors {
    /// Records an error for the field with the given name.
    pub fn push(&mut self, field: impl Into<String>, error: FieldError) {
        self.0.push((field.into(), error));
    }

    /// The first error recorded for a field, if any.
    pub fn get(&self, field: &str) -> Option<&FieldError> {
        self.0
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, e)| e)
    }

    /// True when no field has an error.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An error a server function or form handler reports to the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ApiError {
    /// The thing asked for does not exist (or the caller may not know that it exists).
    #[error("not found")]
    NotFound,
    /// The caller is not signed in, or the session has expired.
    #[error("sign-in required")]
    Unauthorized,
    /// The caller is signed in but lacks the role or district for this.
    #[error("forbidden")]
    Forbidden,
    /// One or more fields were rejected; nothing was stored.
    #[error("some fields are invalid")]
    Validation(FieldErrors),
    /// The survey is not accepting answers (closed, archived or still a draft).
    #[error("the survey is closed")]
    SurveyClosed,
    /// The survey opens later.
    #[error("the survey is not open yet")]
    SurveyNotYetOpen,
    /// A change to a survey's questions was refused (the builder shows why).
    #[error("the survey change was refused: {0}")]
    Definition(crate::survey::DefinitionError),
    /// This person (device, account or invitation code) has already answered the survey.
    #[error("already answered")]
    AlreadyAnswered,
    /// The invitation code is not one the ward handed out for this survey.
    #[error("unknown invitation code")]
    CodeInvalid,
    /// The invitation code has already been used.
    #[error("invitation code already used")]
    CodeUsed,
    /// An XLSForm file could not be imported: every problem found, by sheet, row and column.
    #[error("the XLSForm cannot be imported")]
    XlsForm(Vec<crate::xlsform::Issue>),
    /// The paper sheet with this number has been typed in and stored already.
    #[error("paper sheet already stored")]
    SheetStored,
    /// The second typing of a paper sheet must be done by someone other than the first.
    #[error("same operator for both typings")]
    SameOperator,
    /// The sheet was typed twice and the typings differ: they must be settled first.
    #[error("paper sheet typings differ")]
    SheetDiffers,
    /// Someone else saved the same question since this edit started: nothing was saved, and
    /// the page shows both versions to merge. `revision` is the working copy's revision now.
    #[error("edited by someone else meanwhile")]
    EditConflict {
        /// The revision to merge onto.
        revision: i64,
    },
    /// The invitation link has expired or was used already.
    #[error("invitation expired or used")]
    InvitationUsed,
    /// A link sent by mail (a password reset) has expired, was used already, or never
    /// existed: the person asks for a new one.
    #[error("link expired or used")]
    LinkExpired,
    /// The e-mail and password do not match an account.
    #[error("wrong e-mail or password")]
    BadCredentials,
    /// The account was deactivated by an administrator: it cannot sign in.
    #[error("account deactivated")]
    Deactivated,
    /// A places file (wards, districts, centres) was refused whole: every problem, by line and
    /// column, in Japanese and English.
    #[error("the places file cannot be imported")]
    PlacesFile(Vec<String>),
    /// The change would leave the installation (or a ward) without an active administrator.
    #[error("the last administrator")]
    LastAdmin,
    /// Too many attempts; try again later.
    #[error("too many attempts")]
    RateLimited,
    /// Too many responses were started from one network in a short time (a limit against
    /// scripted answers); a minute later it works again.
    #[error("too many responses started")]
    SlowDown,
    /// The database could not take the request just now (locked, full, unreachable); nothing
    /// was stored. Answered with 503 and a `Retry-After`.
    #[error("busy")]
    Busy,
    /// The event has as many people coming as its capacity; the RSVP was not stored.
    #[error("the event is full")]
    EventFull,
    /// The request conflicts with the current state (a duplicate, say).
    #[error("conflict")]
    Conflict,
    /// The request was malformed or forged (a cross-site request, say).
    #[error("bad request")]
    BadRequest,
    /// The browser could not reach the server (no signal, say). Only the browser produces this.
    #[error("the server could not be reached")]
    Unreachable,
    /// Something failed on the server; details are in the server's log, not here.
    #[error("internal error")]
    Internal,
}

impl ApiError {
    /// The refusal's kind as a short, stable name (`NotFound`, `Validation`, …), for pages to
    /// mark what they show (`data-error`) without the details a debug print would leak.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::NotFound => "NotFound",
            ApiError::Unauthorized => "Unauthorized",
            ApiError::Forbidden => "Forbidden",
            ApiError::Validation(_) => "Validation",
            ApiError::SurveyClosed => "SurveyClosed",
            ApiError::SurveyNotYetOpen => "SurveyNotYetOpen",
            ApiError::Definition(_) => "Definition",
            ApiError::AlreadyAnswered => "AlreadyAnswered",
            ApiError::CodeInvalid => "CodeInvalid",
            ApiError::CodeUsed => "CodeUsed",
            ApiError::XlsForm(_) => "XlsForm",
            ApiError::SheetStored => "SheetStored",
            ApiError::SameOperator => "SameOperator",
            ApiError::SheetDiffers => "SheetDiffers",
            ApiError::EditConflict { .. } => "EditConflict",
            ApiError::InvitationUsed => "InvitationUsed",
            ApiError::LinkExpired => "LinkExpired",
            ApiError::BadCredentials => "BadCredentials",
            ApiError::Deactivated => "Deactivated",
            ApiError::LastAdmin => "LastAdmin",
            ApiError::PlacesFile(_) => "PlacesFile",
            ApiError::RateLimited => "RateLimited",
            ApiError::SlowDown => "SlowDown",
            ApiError::Busy => "Busy",
            ApiError::EventFull => "EventFull",
            ApiError::Conflict => "Conflict",
            ApiError::BadRequest => "BadRequest",
            ApiError::Unreachable => "Unreachable",
            ApiError::Internal => "Internal",
        }
    }

    /// The HTTP status this error is sent with.
    pub fn status(&self) -> u16 {
        match self {
            ApiError::NotFound => 404,
            ApiError::Unauthorized | ApiError::BadCredentials => 401,
            ApiError::Forbidden | ApiError::Deactivated => 403,
            ApiError::Validation(_) => 422,
            ApiError::SurveyClosed => 410,
            ApiError::SurveyNotYetOpen
            | ApiError::Conflict
            | ApiError::AlreadyAnswered
            | ApiError::CodeUsed
            | ApiError::SheetStored
            | ApiError::SameOperator
            | ApiError::SheetDiffers
            | ApiError::EventFull
            | ApiError::LastAdmin
            | ApiError::EditConflict { .. } => 409,
            ApiError::InvitationUsed | ApiError::LinkExpired => 410,
            ApiError::CodeInvalid
            | ApiError::Definition(_)
            | ApiError::XlsForm(_)
            | ApiError::PlacesFile(_) => 422,
            ApiError::RateLimited | ApiError::SlowDown => 429,
            ApiError::BadRequest => 400,
            ApiError::Internal => 500,
            ApiError::Unreachable | ApiError::Busy => 503,
        }
    }
}

impl ApiError {
    /// How many seconds a client is asked to wait before trying again (`Retry-After`), for the
    /// refusals that pass with time.
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            ApiError::Busy => Some(5),
            ApiError::SlowDown => Some(60),
            ApiError::RateLimited => Some(15 * 60),
            _ => None,
        }
    }
}

#[cfg(feature = "server_fn")]
impl server_fn::error::FromServerFnError for ApiError {
    type Encoder = server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: server_fn::error::ServerFnErrorErr) -> Self {
        use server_fn::error::ServerFnErrorErr as E;
        match value {
            E::Args(_) | E::MissingArg(_) | E::Deserialization(_) => ApiError::BadRequest,
            E::Request(_) => ApiError::Unreachable,
            _ => ApiError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_match_http_semantics() {
        assert_eq!(ApiError::NotFound.status(), 404);
        assert_eq!(ApiError::Validation(FieldErrors::default()).status(), 422);
        assert_eq!(ApiError::SurveyClosed.status(), 410);
        assert_eq!(ApiError::RateLimited.status(), 429);
        assert_eq!(ApiError::SlowDown.status(), 429);
        assert_eq!(ApiError::Unauthorized.status(), 401);
    }

    #[test]
    fn refusals_that_pass_with_time_say_when_to_retry() {
        assert_eq!(ApiError::Busy.retry_after(), Some(5));
        assert_eq!(ApiError::SlowDown.retry_after(), Some(60));
        // The sign-in limit counts failures over 15 minutes.
        assert_eq!(ApiError::RateLimited.retry_after(), Some(900));
        assert_eq!(ApiError::NotFound.retry_after(), None);
        assert_eq!(ApiError::AlreadyAnswered.retry_after(), None);
    }

    #[test]
    fn field_errors_find_the_first_error_of_a_field() {
        let mut errors = FieldErrors::default();
        assert!(errors.is_empty());
        errors.push("q1", FieldError::Required);
        errors.push("q1", FieldError::Invalid);
        assert_eq!(errors.get("q1"), Some(&FieldError::Required));
        assert_eq!(errors.get("q2"), None);
    }
}
