//! What the server sends to pages: plain data, already checked and ready to show.

use crate::account::Role;
use crate::answer::{Answers, Channel, FormValues};
use crate::error::FieldErrors;
use crate::lang::Lang;
use crate::survey::{ResponsePolicy, Section, SurveyDefinition, SurveyStatus, Text};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The first page of a survey: what it is about, and where the respondent stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyStart {
    /// The URL slug, as in `/s/{slug}`.
    pub slug: String,
    /// The title.
    pub title: Text,
    /// Why the ward asks.
    pub intro: Text,
    /// The last moment answers are taken, if set.
    pub closes_at: Option<DateTime<Utc>>,
    /// Who may answer how often.
    pub policy: ResponsePolicy,
    /// How many screens of questions there are (at most; logic may skip some).
    pub section_count: usize,
    /// How many questions there are (at most).
    pub question_count: usize,
    /// Answers saved earlier on this device, if any.
    pub saved: Option<SavedProgress>,
    /// This person (device or account) has already answered.
    pub already_answered: bool,
    /// The policy needs a signed-in resident and nobody is signed in.
    pub needs_sign_in: bool,
    /// The invitation code a card's link carried was refused (unknown or already used).
    pub code_refusal: Option<crate::error::ApiError>,
}

/// How far a respondent got before leaving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedProgress {
    /// How many questions have an answer.
    pub answered: usize,
    /// The screen to continue on (1-based); `None` when every screen has answers (go to the
    /// review).
    pub resume_at: Option<usize>,
    /// The answers were already sent.
    pub submitted: bool,
}

/// One screen of questions, ready to answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionView {
    /// The survey's slug.
    pub slug: String,
    /// The survey's title.
    pub survey_title: Text,
    /// This screen's number in the survey (1-based), as in `/s/{slug}/p/{number}`.
    pub number: usize,
    /// Its place among the screens shown for the answers so far (1-based)…
    pub position: usize,
    /// …out of this many.
    pub shown_count: usize,
    /// The section, with questions hidden by earlier answers left out. Conditions that remain
    /// refer to questions on this screen.
    pub section: Section,
    /// The saved answers, as form fields.
    pub values: FormValues,
}

/// Where a request for a screen of questions leads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SectionPage {
    /// Show this screen.
    Show(Box<SectionView>),
    /// Go elsewhere (the start page when nothing was started, the next screen when this one
    /// is skipped by the answers so far).
    Redirect(String),
}

/// Everything answered, to check before sending.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewView {
    /// The survey's slug.
    pub slug: String,
    /// The survey's title.
    pub survey_title: Text,
    /// The questions.
    pub definition: SurveyDefinition,
    /// The answers to the questions shown (hidden ones dropped).
    pub answers: Answers,
    /// The screens shown for these answers (0-based indexes).
    pub shown_sections: Vec<usize>,
    /// The first screen with a required question unanswered, and its messages.
    pub missing: Option<(usize, FieldErrors)>,
    /// These answers were already sent (the page then leads to the thank-you page).
    pub submitted: bool,
}

/// The acknowledgement of a stored response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The stored response's id.
    pub response_id: i64,
    /// False when this submit repeated an earlier one and nothing new was stored.
    pub newly_stored: bool,
}

/// A signed-in person, as pages need to know them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// The account id.
    pub id: i64,
    /// The name to greet them by.
    pub display_name: String,
    /// What they may do.
    pub role: Role,
    /// The ward they work in (none for an admin of every ward, or a resident).
    pub ward_id: Option<i64>,
    /// The district they are limited to, if any.
    pub district_id: Option<i64>,
}

/// One survey in the staff list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveySummary {
    /// The survey id.
    pub id: i64,
    /// The URL slug.
    pub slug: String,
    /// The title.
    pub title: Text,
    /// Where it is in its life.
    pub status: SurveyStatus,
    /// How many responses are stored.
    pub response_count: i64,
    /// When the latest response arrived.
    pub last_response_at: Option<DateTime<Utc>>,
}

/// One stored response, for the staff page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseRow {
    /// The response id.
    pub id: i64,
    /// When it arrived.
    pub submitted_at: DateTime<Utc>,
    /// How it arrived.
    pub channel: Channel,
    /// The language it was answered in.
    pub lang: Lang,
    /// The number of the survey version answered.
    pub version: Option<i64>,
    /// The respondent's district (its Japanese name), if known.
    pub district: Option<String>,
    /// Who typed it in, for a paper response.
    pub entered_by: Option<String>,
    /// The answers.
    pub answers: Answers,
}

/// A survey with its latest responses, for the staff page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyResponses {
    /// The survey.
    pub summary: SurveySummary,
    /// Its questions, to label the answers.
    pub definition: SurveyDefinition,
    /// The latest responses, newest first.
    pub latest: Vec<ResponseRow>,
}

/// A survey as the staff builder edits it: the working copy and its settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BuilderView {
    /// Id, slug, status and counts.
    pub summary: SurveySummary,
    /// The working title.
    pub title: Text,
    /// The working introduction.
    pub intro: Text,
    /// The working questions.
    pub definition: SurveyDefinition,
    /// Who may answer how often.
    pub policy: ResponsePolicy,
    /// When answers start being accepted.
    pub opens_at: Option<DateTime<Utc>>,
    /// When answers stop being accepted.
    pub closes_at: Option<DateTime<Utc>>,
    /// Every district of the ward: id and name.
    pub districts: Vec<(i64, Text)>,
    /// The districts the survey is for (none: the whole ward).
    pub target_districts: Vec<i64>,
    /// The number of the version residents answer now, if published.
    pub published_version: Option<i64>,
    /// The working copy differs from the published version.
    pub unpublished_changes: bool,
    /// The working copy's revision (editors send it back, so a stale save is caught).
    pub revision: i64,
    /// Since when the draft is in review by the council (none: not sent).
    pub in_review: Option<DateTime<Utc>>,
    /// How many invitation codes exist, and how many were used.
    pub codes: (i64, i64),
}

/// A published survey as a printed questionnaire needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaperView {
    /// The URL slug, printed as the web address.
    pub slug: String,
    /// The title.
    pub title: Text,
    /// Why the ward asks.
    pub intro: Text,
    /// The deadline, if set.
    pub closes_at: Option<DateTime<Utc>>,
    /// Who may answer how often (a code box is printed for one-per-code surveys).
    pub policy: ResponsePolicy,
    /// The published questions.
    pub definition: SurveyDefinition,
    /// The published version's number, printed in the footer so paper answers are entered
    /// against the right version.
    pub version: i64,
    /// The site's public address (`https://…`), when configured; otherwise the page uses the
    /// address it was asked for.
    pub origin: Option<String>,
}

/// A survey's printable flyer: what it asks, until when, and the QR code to its first page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlyerView {
    /// Id (for the staff links around the flyer).
    pub survey_id: i64,
    /// Where the survey is in its life (a draft's QR code does not work yet).
    pub status: SurveyStatus,
    /// The title (of the published version, else the working copy).
    pub title: Text,
    /// Why the ward asks.
    pub intro: Text,
    /// The deadline, if set.
    pub closes_at: Option<DateTime<Utc>>,
    /// How many questions there are at most.
    pub question_count: usize,
    /// The full address the QR code holds (`https://…/s/{slug}`).
    pub url: String,
    /// The QR code, as an inline SVG element.
    pub qr_svg: String,
    /// Whether the address comes from the configured public origin (otherwise from the address
    /// the page was asked for, which may be an internal one).
    pub public_origin: bool,
}

/// One printed invitation card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeCard {
    /// The code, normalised (no hyphen).
    pub code: String,
    /// The address the QR code holds: the survey's first page with the code applied.
    pub url: String,
    /// The QR code, as an inline SVG element.
    pub qr_svg: String,
}

/// A sheet of invitation cards to print and cut out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeCardsView {
    /// Id.
    pub survey_id: i64,
    /// The title.
    pub title: Text,
    /// The deadline, if set.
    pub closes_at: Option<DateTime<Utc>>,
    /// The survey's address without the code, printed under the QR code for typing in.
    pub short_url: String,
    /// The cards on this page.
    pub cards: Vec<CodeCard>,
    /// This page (1-based) and how many pages of unused codes there are.
    pub page: usize,
    /// How many pages there are.
    pub pages: usize,
    /// How many unused codes there are in all (for the chosen district).
    pub unused: usize,
    /// Whether the addresses come from the configured public origin.
    pub public_origin: bool,
}

/// A paper sheet typed once and waiting for its second typing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaitingSheet {
    /// The number written on the sheet.
    pub sheet: String,
    /// Who typed it first.
    pub operator: String,
    /// When.
    pub entered_at: DateTime<Utc>,
}

/// The paper entry page: the published questions, numbered as printed, and the sheets in
/// progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryView {
    /// Id.
    pub survey_id: i64,
    /// The title.
    pub title: Text,
    /// Where the survey is in its life.
    pub status: SurveyStatus,
    /// The published version's number (printed in the sheet's footer).
    pub version: i64,
    /// The published questions.
    pub definition: SurveyDefinition,
    /// Who may answer how often (a code field for one-per-code surveys).
    pub policy: ResponsePolicy,
    /// Every sheet is typed twice, by two people.
    pub double_entry: bool,
    /// How many paper responses are stored.
    pub paper_count: i64,
    /// Sheets typed once, waiting for the second typing.
    pub waiting: Vec<WaitingSheet>,
    /// Sheets typed twice whose typings differ.
    pub differing: Vec<String>,
}

/// One typing of a sheet, as the differences page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryPass {
    /// Who typed it.
    pub operator: String,
    /// What they typed, read.
    pub answers: Answers,
    /// The invitation code they typed, if any.
    pub code: Option<String>,
}

/// Two typings of a sheet that differ, to settle question by question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DifferencesView {
    /// Id.
    pub survey_id: i64,
    /// The title.
    pub title: Text,
    /// The number written on the sheet.
    pub sheet: String,
    /// The questions the typings were made against.
    pub definition: SurveyDefinition,
    /// The first typing.
    pub first: EntryPass,
    /// The second typing.
    pub second: EntryPass,
    /// The ids of the questions whose answers differ, in questionnaire order.
    pub differing: Vec<String>,
}

/// One's own account (`/account`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    /// Their e-mail address.
    pub email: String,
    /// Their name as others see it.
    pub display_name: String,
    /// What they may do.
    pub role: Role,
    /// Their home district's name, if they gave one.
    pub district: Option<String>,
    /// When the account was made.
    pub created_at: DateTime<Utc>,
    /// Their sessions that have not expired, newest first.
    pub sessions: Vec<SessionView>,
    /// The groups they run alone while others belong to them (to hand over before leaving).
    pub hand_over: Vec<crate::admin::Choice>,
    /// How often they are mailed a digest of what they have not read.
    pub digest: crate::account::Digest,
}

/// One signed-in browser, as its owner sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionView {
    /// What the form names it by (the start of its stored hash; not a key to anything).
    pub key: String,
    /// When it signed in.
    pub created_at: DateTime<Utc>,
    /// When it was last used (to within a few minutes).
    pub last_seen_at: DateTime<Utc>,
    /// The browser, as it described itself (shortened).
    pub device: String,
    /// Whether it is the browser asking.
    pub current: bool,
}
