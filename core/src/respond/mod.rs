//! Answering a survey: start (checking the response policy), one section per screen with the
//! answers saved on the server after each, a review, and one idempotent submit.
//!
//! Every step is a plain page or form post, so it works without JavaScript; the draft lives in
//! the database behind a cookie, so a closed tab, a reload or a lost signal loses nothing.

pub mod limits;
mod store;

use crate::Core;
use crate::accounts::{new_form_key, new_token, token_hash};
use crate::db::{DraftRecord, Inserted, NewDraft, NewResponse, SurveyRecord, VersionRecord};
use crate::error::{Result, not_found};
use crate::surveys::check_open;
use chrono::Utc;
use shared::ApiError;
use shared::answer::Channel;
use shared::answer::{
    Answer, Answers, FormValues, answers_to_form, check_complete, collect_questions,
    collect_section,
};
use shared::survey::{ResponsePolicy, Section, SurveyDefinition};
use shared::views::CurrentUser;
use shared::views::{
    PaperView, Receipt, ReviewView, SavedProgress, SectionPage, SectionView, SurveyStart,
};
use shared::{FieldErrors, Lang};
use std::sync::Arc;

mod screens;

/// What a request says about who is answering a survey.
#[derive(Debug, Clone, Default)]
pub struct Respondent {
    /// The token of the answers saved on this device, from its cookie.
    pub draft_token: Option<String>,
    /// The device's own token, from its cookie (for one-per-device surveys).
    pub device_token: Option<String>,
    /// The signed-in account, if any.
    pub user: Option<CurrentUser>,
}

/// The result of starting: where to go, and the tokens to remember.
#[derive(Debug, Clone)]
pub struct Started {
    /// The cookie token of a new draft, if one was made.
    pub new_token: Option<String>,
    /// A new device token, when a one-per-device survey met a browser without one.
    pub new_device: Option<String>,
    /// The page to go to next.
    pub go_to: String,
}

/// See [`Core::standing`].
enum Standing {
    Answering(Box<(SurveyRecord, DraftRecord, Arc<VersionRecord>)>),
    GoTo(String),
}

/// The address of screen `number` (1-based).
pub fn section_path(slug: &str, number: usize) -> String {
    format!("/s/{slug}/p/{number}")
}

/// The address of the review page.
pub fn review_path(slug: &str) -> String {
    format!("/s/{slug}/review")
}

/// The address of the thank-you page.
pub fn thanks_path(slug: &str) -> String {
    format!("/s/{slug}/thanks")
}

/// The address of a survey's first page.
pub fn start_path(slug: &str) -> String {
    format!("/s/{slug}")
}

/// The screen after `index` shown for these answers, as an address (the review after the last).
fn next_path(
    slug: &str,
    def: &SurveyDefinition,
    index: Option<usize>,
    answers: &Answers,
) -> String {
    let shown = def.shown_sections(&answers.pruned(def));
    match shown.into_iter().find(|&i| index.is_none_or(|at| i > at)) {
        Some(i) => section_path(slug, i + 1),
        None => review_path(slug),
    }
}

/// The section as shown for the answers so far: questions hidden by answers on other screens are
/// left out, conditions already decided are dropped, and only conditions on this screen's own
/// questions remain (for the browser, or the respondent, to apply while answering).
fn section_as_shown(section: &Section, known: &Answers) -> Section {
    let own: Vec<&str> = section.questions.iter().map(|q| q.id.as_str()).collect();
    let mut shown = section.clone();
    let mut kept_ids: Vec<String> = Vec::new();
    shown.questions.clear();
    for q in &section.questions {
        let mut q = q.clone();
        match &q.show_if {
            None => {}
            // Depends on a question this screen left out: hidden too.
            Some(c)
                if own.contains(&c.question()) && !kept_ids.iter().any(|id| id == c.question()) =>
            {
                continue;
            }
            Some(c) if own.contains(&c.question()) => {}
            Some(c) => {
                if !c.holds(known) {
                    continue;
                }
                q.show_if = None;
            }
        }
        kept_ids.push(q.id.clone());
        shown.questions.push(q);
    }
    shown
}

/// The first shown screen without any answer (1-based), or `None` when all have some.
fn resume_at(def: &SurveyDefinition, answers: &Answers) -> Option<usize> {
    let kept = answers.pruned(def);
    def.shown_sections(&kept)
        .into_iter()
        .find(|&i| {
            def.sections()
                .get(i)
                .is_some_and(|s| s.questions.iter().all(|q| kept.get(&q.id).is_none()))
        })
        .map(|i| i + 1)
}

impl Core {
    /// An open survey and the version residents answer now.
    async fn live_survey(&self, slug: &str) -> Result<(SurveyRecord, Arc<VersionRecord>)> {
        let survey = self.open_survey(slug).await?;
        let Some(version_id) = survey.current_version_id else {
            return not_found();
        };
        match self.store.version(version_id).await? {
            Some(version) => Ok((survey, version)),
            None => not_found(),
        }
    }

    /// The survey of this address, if it takes answers now.
    async fn open_survey(&self, slug: &str) -> Result<SurveyRecord> {
        let survey = self.survey_record(slug).await?;
        check_open(&survey, Utc::now())?;
        Ok(survey)
    }

    /// The saved answers of this respondent, if any.
    async fn draft_of(
        &self,
        survey: &SurveyRecord,
        who: &Respondent,
    ) -> Result<Option<DraftRecord>> {
        match &who.draft_token {
            Some(token) => self.store.draft(survey.id, &token_hash(token)).await,
            None => Ok(None),
        }
    }

    /// The draft and the version it answers.
    async fn draft_and_version(
        &self,
        survey: &SurveyRecord,
        who: &Respondent,
    ) -> Result<Option<(DraftRecord, Arc<VersionRecord>)>> {
        let Some(draft) = self.draft_of(survey, who).await? else {
            return Ok(None);
        };
        match self.store.version(draft.version_id).await? {
            Some(version) => Ok(Some((draft, version))),
            None => Ok(None),
        }
    }

    /// Where a respondent stands in an open survey: answering (the unsent draft and the version
    /// it answers), or somewhere else to go (the start page when nothing was started, the
    /// thank-you page when the answers were already sent).
    async fn standing(&self, slug: &str, who: &Respondent) -> Result<Standing> {
        let survey = self.open_survey(slug).await?;
        Ok(match self.draft_and_version(&survey, who).await? {
            None => Standing::GoTo(start_path(slug)),
            Some((draft, _)) if draft.response_id.is_some() => Standing::GoTo(thanks_path(slug)),
            Some((draft, version)) => Standing::Answering(Box::new((survey, draft, version))),
        })
    }

    /// The mark that records this respondent as having answered, for policies that limit it.
    fn respondent_mark(survey: &SurveyRecord, who: &Respondent) -> Result<Option<String>> {
        match survey.policy {
            ResponsePolicy::Open | ResponsePolicy::Code => Ok(None),
            ResponsePolicy::Device => match &who.device_token {
                Some(token) => Ok(Some(format!("device:{}", token_hash(token)))),
                // Without the device cookie nothing can be saved either.
                None => Err(ApiError::BadRequest.into()),
            },
            ResponsePolicy::Resident => match &who.user {
                Some(user) => Ok(Some(format!("user:{}", user.id))),
                None => Err(ApiError::Unauthorized.into()),
            },
        }
    }

    /// Whether this respondent has already answered (for policies that limit it).
    async fn has_answered(&self, survey: &SurveyRecord, who: &Respondent) -> Result<bool> {
        let mark = match survey.policy {
            ResponsePolicy::Device if who.device_token.is_none() => None,
            ResponsePolicy::Resident if who.user.is_none() => None,
            _ => Self::respondent_mark(survey, who)?,
        };
        match mark {
            Some(mark) => self.store.has_mark(survey.id, &mark).await,
            None => Ok(false),
        }
    }

    /// A published survey laid out for printing. Drafts stay invisible (404); closed surveys can
    /// still be printed for the record.
    pub async fn paper(&self, slug: &str) -> Result<PaperView> {
        let survey = self.survey_record(slug).await?;
        let version = match survey.current_version_id {
            Some(id) if survey.status != shared::survey::SurveyStatus::Draft => {
                self.store.version(id).await?
            }
            _ => None,
        };
        let Some(version) = version else {
            return not_found();
        };
        Ok(PaperView {
            slug: survey.slug,
            title: version.title.clone(),
            intro: version.intro.clone(),
            closes_at: survey.closes_at,
            policy: survey.policy,
            definition: version.definition.clone(),
            version: version.number,
            origin: self.config.public_origin.clone(),
        })
    }

    /// The first page of a survey. `code` is the invitation code a card's link carries, checked
    /// at once so a used card says so before anyone starts.
    pub async fn survey_start(
        &self,
        slug: &str,
        who: &Respondent,
        code: Option<&str>,
    ) -> Result<SurveyStart> {
        let (survey, version) = self.live_survey(slug).await?;
        let code_refusal = match (survey.policy, code) {
            (ResponsePolicy::Code, Some(code)) => match self.check_code(&survey, code).await {
                Ok(_) => None,
                Err(crate::error::Error::Api(refusal)) => Some(refusal),
                Err(e) => return Err(e),
            },
            _ => None,
        };
        let saved = match self.draft_and_version(&survey, who).await? {
            Some((draft, version)) => Some(SavedProgress {
                answered: draft
                    .answers
                    .pruned(&version.definition)
                    .0
                    .keys()
                    .filter(|k| version.definition.question(k).is_some())
                    .count(),
                resume_at: resume_at(&version.definition, &draft.answers),
                submitted: draft.response_id.is_some(),
            }),
            None => None,
        };
        let def = &version.definition;
        Ok(SurveyStart {
            already_answered: self.has_answered(&survey, who).await?,
            needs_sign_in: survey.policy == ResponsePolicy::Resident && who.user.is_none(),
            slug: survey.slug,
            title: version.title.clone(),
            intro: version.intro.clone(),
            closes_at: survey.closes_at,
            policy: survey.policy,
            section_count: def.sections().len(),
            question_count: def.questions().count(),
            saved,
            code_refusal,
        })
    }

    /// The id of an unused invitation code of the survey, typed in any form; otherwise the
    /// refusal to show.
    pub(crate) async fn check_code(&self, survey: &SurveyRecord, typed: &str) -> Result<i64> {
        let Some(code) = shared::invitation::normalise(typed) else {
            return Err(ApiError::CodeInvalid.into());
        };
        match self.store.code(survey.id, &code).await? {
            None => Err(ApiError::CodeInvalid.into()),
            Some(c) if c.used => Err(ApiError::CodeUsed.into()),
            Some(c) => Ok(c.id),
        }
    }

    /// Starts (or resumes) answering: checks the policy, makes a draft, says where to go. New
    /// drafts are limited per client `address` ([`Core::starts`]); resuming is not.
    /// `via` is the group whose survey link the respondent followed (`?via=` on the start
    /// page); it is kept on the response when it names an approved group of the survey's ward,
    /// and quietly ignored otherwise (a stale link must not stop anyone answering).
    pub async fn start(
        &self,
        slug: &str,
        who: &Respondent,
        code: Option<&str>,
        via: Option<&str>,
        address: &str,
    ) -> Result<Started> {
        let (survey, version) = self.live_survey(slug).await?;
        if let Some((draft, version)) = self.draft_and_version(&survey, who).await?
            && draft.response_id.is_none()
        {
            let go_to = match resume_at(&version.definition, &draft.answers) {
                Some(n) => section_path(slug, n),
                None => review_path(slug),
            };
            return Ok(Started {
                new_token: None,
                new_device: None,
                go_to,
            });
        }
        // A device cookie only where the survey needs one.
        let mut who = who.clone();
        let mut new_device = None;
        if survey.policy == ResponsePolicy::Device && who.device_token.is_none() {
            let token = new_token();
            who.device_token = Some(token.clone());
            new_device = Some(token);
        }
        let who = &who;
        if self.has_answered(&survey, who).await? {
            return Err(ApiError::AlreadyAnswered.into());
        }
        // Checked now for a clear message; checked again, atomically, when the answers are sent.
        Self::respondent_mark(&survey, who)?;
        let code_id = match survey.policy {
            ResponsePolicy::Code => Some(self.check_code(&survey, code.unwrap_or_default()).await?),
            _ => None,
        };
        self.starts.check(address)?;
        let token = new_token();
        let referred_group_id = self.referring_group(&survey, via).await?;
        self.store
            .create_draft(
                &NewDraft {
                    survey_id: survey.id,
                    version_id: version.id,
                    token_hash: &token_hash(&token),
                    idempotency_key: &new_form_key(),
                    code_id,
                    referred_group_id,
                },
                Utc::now(),
            )
            .await?;
        Ok(Started {
            new_token: Some(token),
            new_device,
            go_to: next_path(slug, &version.definition, None, &Answers::default()),
        })
    }

    /// The approved group of the survey's ward that `via` names, if any.
    async fn referring_group(
        &self,
        survey: &SurveyRecord,
        via: Option<&str>,
    ) -> Result<Option<i64>> {
        let Some(id) = via.and_then(|v| v.trim().parse::<i64>().ok()) else {
            return Ok(None);
        };
        Ok(self.store.group(id).await?.and_then(|g| {
            (g.ward_id == survey.ward_id && g.status == shared::network::GroupStatus::Approved)
                .then_some(g.id)
        }))
    }
}

#[cfg(test)]
mod tests;
