//! Reading one question's answer from the posted form: each kind's fields, limits and errors.

use super::*;

/// The non-empty, trimmed values posted under `name`.
pub(super) fn picked<'a>(form: &'a FormValues, name: &str) -> Vec<&'a str> {
    form.all(name)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect()
}

/// The single trimmed value posted under `name`, with `\r\n` made `\n`; empty when absent.
pub(super) fn text_value(form: &FormValues, name: &str) -> String {
    form.first(name)
        .unwrap_or_default()
        .replace("\r\n", "\n")
        .trim()
        .to_string()
}

/// What one question's fields said: nothing, an answer (and maybe an "other" text), or why not.
pub(super) type Read = Result<Option<(Answer, Option<String>)>, FieldError>;

/// Reads one question's answer from the form, checking every rule of its kind (but not whether
/// it is required or shown; the callers decide that).
pub fn read_answer(q: &Question, form: &FormValues) -> Read {
    let name = field_name(&q.id);
    let values = picked(form, &name);
    let in_list = |list: &[Choice], v: &str| list.iter().any(|o| o.value == v);
    let other_text = || {
        let text = text_value(form, &other_key(&name));
        let len = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
        if text.chars().any(crate::text::is_forbidden_control) {
            Err(FieldError::ControlCharacters)
        } else if text.is_empty() {
            Err(FieldError::OtherRequired)
        } else if len > OTHER_MAX_LEN {
            Err(FieldError::TooLong { max: OTHER_MAX_LEN })
        } else {
            Ok(text)
        }
    };
    let number_in = |v: &str, lo: u8, hi: u8| match parse_number(v) {
        Some(n) if n.fract() == 0.0 && n >= f64::from(lo) && n <= f64::from(hi) => Ok(n),
        _ => Err(FieldError::UnknownOption),
    };
    let one = |values: &[&str]| match values {
        [] => Ok(None),
        [v] => Ok(Some((*v).to_string())),
        _ => Err(FieldError::TooManyChoices { max: 1 }),
    };
    match &q.kind {
        QuestionKind::SingleChoice { options, other } => match one(&values)? {
            None => Ok(None),
            Some(v) if *other && v == OTHER => Ok(Some((Answer::Value(v), Some(other_text()?)))),
            Some(v) if in_list(options, &v) => Ok(Some((Answer::Value(v), None))),
            Some(_) => Err(FieldError::UnknownOption),
        },
        QuestionKind::MultipleChoice {
            options,
            min,
            max,
            other,
        } => {
            let other_picked = *other && values.contains(&OTHER);
            if values
                .iter()
                .any(|v| !(in_list(options, v) || (*other && *v == OTHER)))
            {
                return Err(FieldError::UnknownOption);
            }
            // Keep the survey's order and drop repeats, whatever order the form used.
            let mut chosen: Vec<String> = options
                .iter()
                .filter(|o| values.contains(&o.value.as_str()))
                .map(|o| o.value.clone())
                .collect();
            if other_picked {
                chosen.push(OTHER.to_string());
            }
            let count = u16::try_from(chosen.len()).unwrap_or(u16::MAX);
            match (min, max) {
                _ if chosen.is_empty() => Ok(None),
                (Some(min), _) if count < *min => Err(FieldError::TooFewChoices { min: *min }),
                (_, Some(max)) if count > *max => Err(FieldError::TooManyChoices { max: *max }),
                _ => {
                    let other = if other_picked {
                        Some(other_text()?)
                    } else {
                        None
                    };
                    Ok(Some((Answer::Values(chosen), other)))
                }
            }
        }
        QuestionKind::Dropdown { options } => match one(&values)? {
            None => Ok(None),
            Some(v) if in_list(options, &v) => Ok(Some((Answer::Value(v), None))),
            Some(_) => Err(FieldError::UnknownOption),
        },
        QuestionKind::YesNo => match one(&values)? {
            None => Ok(None),
            Some(v) if v == "yes" || v == "no" => Ok(Some((Answer::Value(v), None))),
            Some(_) => Err(FieldError::UnknownOption),
        },
        QuestionKind::Agreement { points, .. } => one(&values)?
            .map(|v| number_in(&v, 1, *points).map(|n| (Answer::Number(n), None)))
            .transpose(),
        QuestionKind::Scale { .. } => one(&values)?
            .map(|v| number_in(&v, 0, 10).map(|n| (Answer::Number(n), None)))
            .transpose(),
        QuestionKind::Stars { max } => one(&values)?
            .map(|v| number_in(&v, 1, *max).map(|n| (Answer::Number(n), None)))
            .transpose(),
        QuestionKind::Number {
            min, max, integer, ..
        } => {
            let Some(v) = one(&values)? else {
                return Ok(None);
            };
            let n = parse_number(&v).ok_or(FieldError::NotANumber)?;
            if *integer && n.fract() != 0.0 {
                return Err(FieldError::NotWhole);
            }
            if min.is_some_and(|lo| n < lo) || max.is_some_and(|hi| n > hi) {
                return Err(FieldError::OutOfRange {
                    min: min.map(format_number),
                    max: max.map(format_number),
                });
            }
            Ok(Some((Answer::Number(n), None)))
        }
        QuestionKind::Text { max_len, .. } => {
            let text = text_value(form, &name);
            let len = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
            if text.is_empty() {
                Ok(None)
            } else if text.chars().any(crate::text::is_forbidden_control) {
                Err(FieldError::ControlCharacters)
            } else if len > *max_len {
                Err(FieldError::TooLong { max: *max_len })
            } else {
                Ok(Some((Answer::Value(text), None)))
            }
        }
        QuestionKind::Date { min, max } => {
            let Some(v) = one(&values)? else {
                return Ok(None);
            };
            let date = parse_date(&v).ok_or(FieldError::NotADate)?;
            let bound = |d: &Option<String>| d.as_deref().and_then(parse_date);
            if bound(min).is_some_and(|lo| date < lo) || bound(max).is_some_and(|hi| date > hi) {
                return Err(FieldError::OutOfRange {
                    min: min.clone(),
                    max: max.clone(),
                });
            }
            Ok(Some((Answer::Value(date.to_string()), None)))
        }
        QuestionKind::Ranking { options, top } => read_ranking(q, form, options, *top),
        QuestionKind::Matrix { rows, columns } => {
            let mut picks = BTreeMap::new();
            for row in rows {
                let values = picked(form, &part_name(&q.id, &row.value));
                match one(&values)? {
                    Some(v) if in_list(columns, &v) => {
                        picks.insert(row.value.clone(), v);
                    }
                    Some(_) => return Err(FieldError::UnknownOption),
                    None => {}
                }
            }
            // An optional matrix may be answered in part: the rows a resident left blank
            // are simply unanswered. A required one needs every row.
            if picks.is_empty() {
                Ok(None)
            } else if q.required && picks.len() < rows.len() {
                Err(FieldError::RowsMissing)
            } else {
                Ok(Some((Answer::Rows(picks), None)))
            }
        }
    }
}

/// The longest "other, please specify" text, in characters.
pub const OTHER_MAX_LEN: u32 = 200;

/// Ranks come as one select per option (`q.{id}.{value}` = 1, 2, …), which works without
/// JavaScript. The ranks given must be 1, 2, … with no gaps or repeats; a required ranking
/// must reach `top` (every option without one), an optional one may stop earlier (a resident
/// who only knows their first choice gives rank 1).
pub(super) fn read_ranking(
    q: &Question,
    form: &FormValues,
    options: &[Choice],
    top: Option<u16>,
) -> Read {
    let needed = top.map_or(options.len(), usize::from);
    let mut ranked: Vec<(usize, &str)> = Vec::new();
    for option in options {
        let values = picked(form, &part_name(&q.id, &option.value));
        match values.as_slice() {
            [] => {}
            [v] => match parse_number(v) {
                Some(n) if n.fract() == 0.0 && n >= 1.0 && n <= needed as f64 => {
                    ranked.push((n as usize, option.value.as_str()));
                }
                _ => return Err(FieldError::UnknownOption),
            },
            _ => return Err(FieldError::RankRepeated),
        }
    }
    if ranked.is_empty() {
        return Ok(None);
    }
    ranked.sort_unstable();
    if ranked.windows(2).any(|w| w[0].0 == w[1].0) {
        return Err(FieldError::RankRepeated);
    }
    let in_order = ranked.iter().enumerate().all(|(i, (r, _))| *r == i + 1);
    if q.required && !(in_order && ranked.len() == needed) {
        return Err(FieldError::RankingIncomplete {
            needed: u16::try_from(needed).unwrap_or(u16::MAX),
        });
    }
    if !in_order {
        return Err(FieldError::RankingGap);
    }
    Ok(Some((
        Answer::Values(ranked.into_iter().map(|(_, v)| v.to_string()).collect()),
        None,
    )))
}
