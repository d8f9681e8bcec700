//! Analytics: results, cross-tabs and the overview of a survey, for staff (raw numbers) and
//! council members (their district, small groups hidden).
//!
//! **Speed.** Each survey's responses are held in memory as a [`Cube`] (a few bytes per
//! answer), filled from the database once and then brought up to date on every request by
//! reading only the responses with an id above the newest one held (the `(survey_id, id)`
//! index). Results at a million responses are one pass over compact columns, not a million JSON
//! documents. With several app servers on PostgreSQL each holds its own cube; a response whose
//! id was taken before another's but committed after it would be skipped by "id above the
//! newest", so the cube also compares its size with the survey's response counter (kept in
//! the same transaction as every insert) and reads everything again when it falls short.

pub mod export;
mod store;
pub mod texts;

use crate::Core;
use crate::access::targets_district_of;
use crate::db::SurveyRecord;
use crate::error::{Result, not_found};
use shared::account::Role;
use shared::analytics::{Cube, Facts, ResultsQuery, ResultsView};
use shared::answer::Answers;
use shared::survey::{SurveyDefinition, SurveyStatus, Text};
use shared::views::CurrentUser;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

mod publication;

pub use store::{AnalyticsCounts, ResponseFacts, SeedRow, TextQuery, TextRow};

/// A survey's cube and the version whose questions it follows.
pub struct CubeEntry {
    version: Option<i64>,
    cube: Option<Cube>,
}

impl CubeEntry {
    /// The cube (present after [`Core::cube`] returned it).
    pub fn cube(&self) -> Option<&Cube> {
        self.cube.as_ref()
    }
}

/// Every survey's cube, built on first use.
#[derive(Default)]
pub struct Cubes {
    entries: Mutex<HashMap<i64, Arc<tokio::sync::Mutex<CubeEntry>>>>,
}

impl Cubes {
    fn entry(&self, survey_id: i64) -> Arc<tokio::sync::Mutex<CubeEntry>> {
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        entries
            .entry(survey_id)
            .or_insert_with(|| {
                Arc::new(tokio::sync::Mutex::new(CubeEntry {
                    version: None,
                    cube: None,
                }))
            })
            .clone()
    }
}

/// Who sees which numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Staff: raw numbers, every district.
    Staff,
    /// Anyone else allowed to look: counts below `min_cell` hidden.
    Suppressed {
        /// The smallest group shown.
        min_cell: u64,
        /// Only this district, when the viewer is limited to one.
        district: Option<i64>,
    },
}

fn push(cube: &mut Cube, row: ResponseFacts) {
    // A stored response that no longer reads is counted with no answers (and logged), rather
    // than making every analysis of the survey fail.
    let answers: Answers = serde_json::from_str(&row.answers_json).unwrap_or_else(|e| {
        tracing::warn!(response = row.id, error = %e, "unreadable answers left out of analytics");
        Answers::default()
    });
    cube.push(Facts {
        id: row.id,
        day: shared::time::jst_date(row.submitted_at),
        district: row.district_id,
        referrer: row.referred_group_id,
        channel: row.channel,
        lang: row.lang,
        answers: &answers,
    });
}

impl Core {
    async fn district_names(&self, ward_id: i64) -> Result<Vec<(i64, Text)>> {
        Ok(self
            .store
            .districts(ward_id)
            .await?
            .iter()
            .map(|d| (d.id, crate::surveys::builder::district_name(d)))
            .collect())
    }

    /// The smallest group a survey shows outside staff.
    async fn min_cell(&self, survey_id: i64) -> Result<u64> {
        let k = self
            .store
            .analytics_counts(survey_id)
            .await?
            .map_or(i64::from(shared::analytics::DEFAULT_MIN_CELL), |c| {
                c.min_cell
            });
        Ok(u64::try_from(k).unwrap_or(1))
    }

    /// The definition a survey's results follow: the current published version's, or the
    /// working copy's before the first publication.
    pub(crate) async fn results_definition(
        &self,
        survey: &SurveyRecord,
    ) -> Result<SurveyDefinition> {
        if let Some(id) = survey.current_version_id
            && let Some(version) = self.store.version(id).await?
        {
            return Ok(version.definition.clone());
        }
        Ok(survey.definition.clone())
    }

    /// The survey's cube, up to date with every response stored before this call.
    pub async fn cube(
        &self,
        survey: &SurveyRecord,
    ) -> Result<tokio::sync::OwnedMutexGuard<CubeEntry>> {
        let mut entry = self.cubes.entry(survey.id).lock_owned().await;
        // The record was read before any row below: every response it counts is committed.
        let expected = survey.response_count;
        let mut how = "incremental";
        if entry.cube.is_none() || entry.version != survey.current_version_id {
            how = "new";
            entry.cube = Some(Cube::new(
                self.results_definition(survey).await?,
                &shared::survey::standard_agreement,
            ));
            entry.version = survey.current_version_id;
        }
        let names = self.district_names(survey.ward_id).await?;
        let groups: Vec<(i64, Text)> = self
            .store
            .group_names(survey.ward_id)
            .await?
            .into_iter()
            .map(|(id, name)| (id, Text::ja(name)))
            .collect();
        let Some(cube) = entry.cube.as_mut() else {
            return Err(crate::error::Error::Corrupt("cube missing".into()));
        };
        cube.set_district_names(names.clone());
        cube.set_referrer_names(groups.clone());
        let after = cube.last_id().unwrap_or(0);
        let before = cube.len();
        self.store
            .each_response(survey.id, after, |row| {
                push(cube, row);
                Ok(())
            })
            .await?;
        let mut read = cube.len() - before;
        let fresh_read = (cube.len() as i64) < expected;
        if fresh_read {
            // A response committed after a later id was read: read them all again.
            tracing::info!(survey = survey.id, "analytics: re-reading responses");
            let mut fresh = Cube::new(
                cube.definition().clone(),
                &shared::survey::standard_agreement,
            );
            fresh.set_district_names(names);
            fresh.set_referrer_names(groups);
            self.store
                .each_response(survey.id, 0, |row| {
                    push(&mut fresh, row);
                    Ok(())
                })
                .await?;
            read += fresh.len();
            how = "reread";
            *cube = fresh;
        }
        metrics::counter!(crate::metrics::CUBE_REFRESHES, "how" => how).increment(1);
        metrics::counter!(crate::metrics::CUBE_ROWS).increment(read as u64);
        // Themes coded since the cube last read them (or a cube read afresh): read them again.
        let version = self.store.tags_version(survey.id).await?;
        if fresh_read || cube.tags_version() != Some(version) {
            let (version, assignments) = self.store.tag_assignments(survey.id).await?;
            let tags = self.store.text_tags(survey.id).await?;
            cube.set_tags(version, tags, &assignments);
        }
        Ok(entry)
    }

    /// Who `user` is for the results of `survey_id`: staff see raw numbers; a council member
    /// sees a published survey meant for their district (or the whole ward), only their
    /// district, with small groups hidden. Anyone else: not found.
    pub async fn results_audience(
        &self,
        user: &CurrentUser,
        survey_id: i64,
    ) -> Result<(SurveyRecord, Audience)> {
        let survey = self.survey_in_ward(user, survey_id).await?;
        if user.role.is_staff() {
            return Ok((survey, Audience::Staff));
        }
        if user.role == Role::Council && survey.current_version_id.is_some() {
            let targets = self.store.survey_districts(survey_id).await?;
            if targets_district_of(user, &targets) && survey.status != SurveyStatus::Draft {
                return Ok((
                    survey,
                    Audience::Suppressed {
                        min_cell: self.min_cell(survey_id).await?,
                        district: user.district_id,
                    },
                ));
            }
        }
        // Council members reviewing a draft see it through co-design, not here.
        not_found()
    }

    /// The results page: the overview, every question, and the cross-tab asked for.
    pub async fn results_view(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        query: &ResultsQuery,
    ) -> Result<ResultsView> {
        let (survey, audience) = self.results_audience(user, survey_id).await?;
        self.results_for(&survey, audience, query).await
    }

    /// The results of `survey` as `audience` may see them (also used by the CLI report).
    pub async fn results_for(
        &self,
        survey: &SurveyRecord,
        audience: Audience,
        query: &ResultsQuery,
    ) -> Result<ResultsView> {
        let mut query = query.clone();
        let min_cell = match audience {
            Audience::Staff => None,
            Audience::Suppressed { min_cell, district } => {
                if let Some(d) = district {
                    query.filter.districts = vec![d];
                }
                Some(min_cell)
            }
        };
        let counts = self.store.analytics_counts(survey.id).await?;
        let districts = self.district_names(survey.ward_id).await?;
        let entry = self.cube(survey).await?;
        let Some(cube) = entry.cube() else {
            return Err(crate::error::Error::Corrupt("cube missing".into()));
        };
        let filter = &query.filter;
        let crosstab = match (&query.rows, &query.columns) {
            (Some(rows), Some(columns)) => cube.crosstab(rows, columns, filter, min_cell),
            _ => None,
        };
        Ok(ResultsView {
            survey_id: survey.id,
            slug: survey.slug.clone(),
            title: survey.title.clone(),
            filter: query.filter.clone(),
            min_cell: min_cell.map(|k| u32::try_from(k).unwrap_or(u32::MAX)),
            dashboard: cube.dashboard(filter, min_cell),
            // Unfiltered counts: staff only.
            started: counts.filter(|_| min_cell.is_none()).map(|c| c.started),
            sent_web: counts.filter(|_| min_cell.is_none()).map(|c| c.web),
            questions: match &query.only {
                Some(q) => cube.result(q, filter, min_cell).into_iter().collect(),
                None => cube.results(filter, min_cell),
            },
            crosstab,
            vars: cube.vars(),
            districts,
            survey_min_cell: counts
                .filter(|_| min_cell.is_none())
                .map(|c| u32::try_from(c.min_cell).unwrap_or(u32::MAX)),
            publication: match min_cell {
                None => self.store.publication(survey.id).await?,
                Some(_) => None,
            },
        })
    }

    /// Reads the responses of every survey residents can see into its cube, so that the first
    /// look at a large survey's results does not wait for it (run in the background at start).
    pub async fn warm_cubes(&self) -> Result<()> {
        for summary in self.store.surveys(None, None).await? {
            if summary.status == SurveyStatus::Draft {
                continue;
            }
            if let Some(survey) = self.store.survey_by_id(summary.id).await? {
                let started = std::time::Instant::now();
                drop(self.cube(&survey).await?);
                tracing::info!(
                    survey = survey.id,
                    responses = survey.response_count,
                    seconds = started.elapsed().as_secs_f64(),
                    "analytics ready"
                );
            }
        }
        Ok(())
    }
}
