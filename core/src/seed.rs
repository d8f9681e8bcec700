//! Synthetic responses for benchmarks and demonstrations: `yoriai seed-responses`.
//!
//! Every respondent gets a few hidden traits (age band, a child-rearing household, how keen
//! on the centre they are) that shape their answers the way real ones are shaped: families with
//! children want Sunday opening more, older residents answer on paper more often, most leave
//! the free-text boxes empty. Questions of the community-centre template with those meanings
//! (`age`, `household`, `children`, `sunday`, `district`) follow the traits; any other question
//! gets a plausible skewed answer of its kind. Every response is valid for the survey (show-if
//! rules applied, limits kept), so it reads back like a real one.

use crate::Core;
use crate::analytics::SeedRow;
use crate::db::District;
use crate::error::{Error, Result};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use shared::Lang;
use shared::answer::{Answer, Answers, Channel};
use shared::survey::{OTHER, Question, QuestionKind, SurveyDefinition, other_key};
use std::collections::BTreeMap;

const COMMENTS: &[&str] = &[
    "日曜日も開けてほしいです。",
    "子どもと一緒に参加できる講座を増やしてほしい。",
    "駐車場が少なくて使いにくいです。",
    "夜の時間帯に使えると助かります。",
    "いつもきれいにしてくださってありがとうございます。",
    "Wi-Fiがあると仕事帰りに寄れます。",
    "高齢者向けの体操教室を続けてください。",
    "防災の勉強会をしてほしい。",
    "地域の人と知り合うきっかけがほしい。",
    "予約の方法がわかりにくい。",
    "子育てサークルの場所として使わせてほしい。",
    "特になし",
];

/// A respondent's hidden traits.
struct Person {
    /// 0 = under 20 … 7 = 80 and over.
    age: usize,
    /// Lives with children.
    kids: bool,
    /// How keen on the centre, 0–1.
    keen: f64,
}

/// Makes synthetic responses for one survey.
pub struct Generator {
    rng: StdRng,
    def: SurveyDefinition,
    districts: Vec<District>,
    /// Relative weight of each district (some districts answer far more than others).
    district_weights: Vec<f64>,
    start: DateTime<Utc>,
    days: i64,
}

fn weighted(rng: &mut StdRng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut x = rng.r#gen::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len().saturating_sub(1)
}

/// Decreasing weights 1, 1/2, 1/3… in an order fixed per question, so each question has its
/// own favourite options.
fn zipf(n: usize, salt: &str) -> Vec<f64> {
    let shift = salt.bytes().map(usize::from).sum::<usize>() % n.max(1);
    (0..n)
        .map(|i| 1.0 / (((i + n - shift) % n) + 1) as f64)
        .collect()
}

impl Generator {
    /// A generator for `def`, spreading responses over the `days` days before `end`.
    pub fn new(
        def: SurveyDefinition,
        districts: Vec<District>,
        seed: u64,
        end: DateTime<Utc>,
        days: i64,
    ) -> Generator {
        let district_weights = zipf(districts.len(), "districts");
        Generator {
            rng: StdRng::seed_from_u64(seed),
            def,
            districts,
            district_weights,
            start: end - Duration::days(days.max(1)),
            days: days.max(1),
        }
    }

    fn person(&mut self) -> Person {
        let age = weighted(
            &mut self.rng,
            &[3.0, 8.0, 12.0, 15.0, 14.0, 17.0, 18.0, 8.0],
        );
        let kid_odds = [0.05, 0.15, 0.55, 0.6, 0.3, 0.08, 0.03, 0.01][age];
        Person {
            age,
            kids: self.rng.gen_bool(kid_odds),
            keen: self.rng.r#gen::<f64>(),
        }
    }

    /// One response, numbered `n` (its idempotency key).
    pub fn row(&mut self, n: u64) -> SeedRow {
        let person = self.person();
        let district =
            (!self.districts.is_empty()).then(|| weighted(&mut self.rng, &self.district_weights));
        let mut answers = Answers::default();
        let questions: Vec<Question> = self.def.questions().cloned().collect();
        for q in &questions {
            // Conditions look back at answers already made; `pruned` below settles sections.
            if q.show_if.as_ref().is_some_and(|c| !c.holds(&answers)) {
                continue;
            }
            let district_code = district.map(|d| self.districts[d].code.clone());
            if let Some(answer) = self.answer(q, &person, district_code, &mut answers) {
                answers.0.insert(q.id.clone(), answer);
            }
        }
        let answers = answers.pruned(&self.def);
        let older = person.age >= 6;
        let channel = match self.rng.r#gen::<f64>() {
            x if x < if older { 0.35 } else { 0.08 } => Channel::Paper,
            x if x < if older { 0.38 } else { 0.1 } => Channel::Staff,
            _ => Channel::Web,
        };
        let lang = match self.rng.r#gen::<f64>() {
            x if x < 0.04 => Lang::EasyJa,
            x if x < 0.07 => Lang::En,
            _ => Lang::Ja,
        };
        // More responses right after the flyers went out, fewer later.
        let day = (self.rng.r#gen::<f64>().powi(2) * self.days as f64) as i64;
        let seconds = self.rng.gen_range(8 * 3600..22 * 3600) - 9 * 3600;
        SeedRow {
            texts: shared::analytics::texts(&self.def, &answers),
            district_id: district.map(|d| self.districts[d].id),
            idempotency_key: format!("seed:{n}"),
            answers_json: serde_json::to_string(&answers).unwrap_or_else(|_| "{}".into()),
            lang,
            channel,
            submitted_at: self.start + Duration::days(day) + Duration::seconds(seconds),
        }
    }

    fn pick(&mut self, values: &[String], salt: &str) -> String {
        let i = weighted(&mut self.rng, &zipf(values.len(), salt));
        values[i].clone()
    }

    fn answer(
        &mut self,
        q: &Question,
        p: &Person,
        district_code: Option<String>,
        answers: &mut Answers,
    ) -> Option<Answer> {
        // Optional questions are sometimes skipped.
        if !q.required && self.rng.gen_bool(0.04) {
            return None;
        }
        let values = |options: &[shared::survey::Choice]| -> Vec<String> {
            options.iter().map(|o| o.value.clone()).collect()
        };
        let answer = match &q.kind {
            QuestionKind::SingleChoice { options, other }
            | QuestionKind::MultipleChoice { options, other, .. }
                if *other && self.rng.gen_bool(0.03) =>
            {
                answers
                    .0
                    .insert(other_key(&q.id), Answer::Value("その他の理由".into()));
                match q.kind {
                    QuestionKind::SingleChoice { .. } => Answer::Value(OTHER.into()),
                    _ => {
                        let mut picks = vec![self.pick(&values(options), &q.id)];
                        picks.push(OTHER.into());
                        Answer::Values(ordered(options, picks))
                    }
                }
            }
            QuestionKind::SingleChoice { options, .. } | QuestionKind::Dropdown { options } => {
                let vs = values(options);
                if q.id == "age" && vs.len() == 8 {
                    Answer::Value(vs[p.age].clone())
                } else if self.def.district_question() == Some(q.id.as_str())
                    && let Some(code) = district_code.filter(|c| vs.contains(c))
                {
                    Answer::Value(code)
                } else {
                    Answer::Value(self.pick(&vs, &q.id))
                }
            }
            QuestionKind::MultipleChoice {
                options, min, max, ..
            } => {
                let vs = values(options);
                let mut picks: Vec<String> = if q.id == "household" {
                    household(p, &vs, &mut self.rng)
                } else {
                    let weights = zipf(vs.len(), &q.id);
                    vs.iter()
                        .zip(&weights)
                        .filter(|(_, w)| self.rng.gen_bool((0.15 + 0.6 * *w).min(0.9)))
                        .map(|(v, _)| v.clone())
                        .collect()
                };
                let least = usize::from(min.unwrap_or(1)).max(1);
                while picks.len() < least.min(vs.len()) {
                    let v = self.pick(&vs, &q.id);
                    if !picks.contains(&v) {
                        picks.push(v);
                    }
                }
                if let Some(max) = max {
                    picks.truncate(usize::from(*max));
                }
                Answer::Values(ordered(options, picks))
            }
            QuestionKind::YesNo => Answer::Value(
                if self.rng.gen_bool(0.3 + 0.4 * p.keen) {
                    "yes"
                } else {
                    "no"
                }
                .into(),
            ),
            QuestionKind::Agreement { points, .. } => {
                let points = f64::from(*points);
                // Sunday opening: families with children agree far more often.
                let lean = if q.id == "sunday" {
                    if p.kids {
                        0.85
                    } else {
                        0.45 - 0.03 * p.age as f64
                    }
                } else {
                    0.3 + 0.5 * p.keen
                };
                let x = (lean + self.rng.gen_range(-0.35..0.35)).clamp(0.0, 0.999);
                Answer::Number((x * points).floor() + 1.0)
            }
            QuestionKind::Scale { .. } => {
                let x = 4.0 + 5.0 * p.keen + self.rng.gen_range(-2.5..2.5);
                Answer::Number(x.round().clamp(0.0, 10.0))
            }
            QuestionKind::Stars { max } => {
                let max = f64::from(*max);
                let x = (0.4 + 0.5 * p.keen + self.rng.gen_range(-0.3..0.3)).clamp(0.0, 0.999);
                Answer::Number((x * max).floor() + 1.0)
            }
            QuestionKind::Number {
                min, max, integer, ..
            } => {
                let low = min.unwrap_or(0.0);
                let high = max.unwrap_or(low + 100.0).min(low + 100.0);
                let x = if q.id == "children" {
                    f64::from(weighted(&mut self.rng, &[0.0, 40.0, 40.0, 15.0, 5.0]) as u8)
                } else {
                    low + (high - low) * self.rng.r#gen::<f64>().powi(2)
                };
                let x = if *integer {
                    x.round()
                } else {
                    (x * 10.0).round() / 10.0
                };
                Answer::Number(x.clamp(low, high))
            }
            QuestionKind::Text { max_len, .. } => {
                if !q.required && self.rng.gen_bool(0.8) {
                    return None;
                }
                let text = COMMENTS[self.rng.gen_range(0..COMMENTS.len())];
                Answer::Value(text.chars().take(*max_len as usize).collect())
            }
            QuestionKind::Date { min, max } => {
                let parse =
                    |d: &Option<String>| d.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
                let to = parse(max).unwrap_or_else(|| self.start.date_naive());
                // Mostly within the last year, never before the earliest date allowed.
                let year_ago = to - Duration::days(365);
                let from = parse(min).map_or(year_ago, |m| m.max(year_ago)).min(to);
                let span = (to - from).num_days().max(0);
                let day = from + Duration::days(self.rng.gen_range(0..=span));
                Answer::Value(day.to_string())
            }
            QuestionKind::Ranking { options, top } => {
                let mut vs = values(options);
                let weights = zipf(vs.len(), &q.id);
                // A noisy sort by each option's weight.
                let mut keyed: Vec<(f64, String)> = vs
                    .drain(..)
                    .zip(weights)
                    .map(|(v, w)| (w * self.rng.gen_range(0.3..1.0), v))
                    .collect();
                keyed.sort_by(|a, b| b.0.total_cmp(&a.0));
                let mut order: Vec<String> = keyed.into_iter().map(|(_, v)| v).collect();
                if let Some(top) = top {
                    order.truncate(usize::from(*top));
                }
                Answer::Values(order)
            }
            QuestionKind::Matrix { rows, columns } => {
                let cs = values(columns);
                let picks: BTreeMap<String, String> = rows
                    .iter()
                    .map(|r| {
                        let lean = (p.keen + self.rng.gen_range(-0.4..0.4)).clamp(0.0, 0.999);
                        let i = (lean * cs.len() as f64) as usize;
                        (r.value.clone(), cs[i.min(cs.len() - 1)].clone())
                    })
                    .collect();
                Answer::Rows(picks)
            }
        };
        Some(answer)
    }
}

/// Picks in the survey's order (as a form posts them); "other" last.
fn ordered(options: &[shared::survey::Choice], mut picks: Vec<String>) -> Vec<String> {
    picks.sort_by_key(|v| {
        options
            .iter()
            .position(|o| o.value == *v)
            .unwrap_or(usize::MAX)
    });
    picks.dedup();
    picks
}

fn household(p: &Person, values: &[String], rng: &mut StdRng) -> Vec<String> {
    let mut wanted: Vec<&str> = Vec::new();
    if p.age >= 6 && rng.gen_bool(0.3) {
        wanted.push("alone");
    } else if p.age >= 2 {
        wanted.push("partner");
    }
    if p.kids {
        if rng.gen_bool(0.5) {
            wanted.push("preschool");
        }
        wanted.push("school");
    }
    if (3..=5).contains(&p.age) && rng.gen_bool(0.15) {
        wanted.push("elderly");
    }
    let mut picks: Vec<String> = wanted
        .into_iter()
        .filter(|v| values.iter().any(|x| x == v))
        .map(str::to_string)
        .collect();
    if picks.is_empty() && values.iter().any(|x| x == "alone") {
        picks.push("alone".into());
    }
    picks.shuffle(rng);
    picks
}
/// Adds `count` synthetic responses to a published survey, in transactions of 10,000.
pub async fn seed_responses(
    services: &Core,
    slug: &str,
    count: u64,
    seed: u64,
    days: i64,
) -> Result<u64> {
    let survey = services.survey_record(slug).await?;
    let Some(version_id) = survey.current_version_id else {
        return Err(Error::Config(format!("{slug} is not published yet")));
    };
    let Some(version) = services.store.version(version_id).await? else {
        return Err(Error::Config(format!("{slug}: its version is missing")));
    };
    let districts = services.store.districts(survey.ward_id).await?;
    // Continue the numbering after the responses already there, so repeated runs add more.
    let first = u64::try_from(survey.response_count).unwrap_or(0);
    let mut generator = Generator::new(
        version.definition.clone(),
        districts,
        seed.wrapping_add(first),
        chrono::Utc::now(),
        days,
    );
    let started = std::time::Instant::now();
    let mut added = 0;
    let mut n = first;
    while n < first + count {
        let batch = (first + count - n).min(10_000);
        let rows: Vec<_> = (n..n + batch).map(|k| generator.row(k)).collect();
        added += services
            .store
            .insert_seeded(survey.id, version_id, &rows)
            .await?;
        n += batch;
        if count >= 50_000 {
            eprintln!(
                "{} / {count} ({:.0} s)",
                n - first,
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(added)
}
