//! The rules every definition keeps: ids, options, limits and show-if conditions, checked once when
//! a definition is made.

use super::*;

pub(super) fn check_id(id: &str) -> Result<(), DefinitionError> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ok {
        Ok(())
    } else {
        Err(DefinitionError::BadId(id.to_string()))
    }
}

pub(super) fn check_condition(
    owner: &str,
    condition: &Condition,
    earlier: &[&Question],
) -> Result<(), DefinitionError> {
    let bad = || DefinitionError::BadCondition(owner.to_string());
    let target = earlier
        .iter()
        .find(|q| q.id == condition.question())
        .ok_or_else(bad)?;
    let values = condition.values();
    if let Condition::AnyOf { values, .. } = condition
        && values.is_empty()
    {
        return Err(bad());
    }
    if values.is_empty() {
        return Ok(());
    }
    let possible = target.comparable_values().ok_or_else(bad)?;
    if values.iter().all(|v| possible.iter().any(|p| p == v)) {
        Ok(())
    } else {
        Err(bad())
    }
}

pub(super) fn check_question(q: &Question) -> Result<(), DefinitionError> {
    check_id(&q.id)?;
    if q.label.ja.trim().is_empty() {
        return Err(DefinitionError::MissingLabel(q.id.clone()));
    }
    let limits = || DefinitionError::BadLimits(q.id.clone());
    match &q.kind {
        QuestionKind::SingleChoice { options, other } => check_options(&q.id, options, *other),
        QuestionKind::MultipleChoice {
            options,
            min,
            max,
            other,
        } => {
            check_options(&q.id, options, *other)?;
            let count = u16::try_from(options.len() + usize::from(*other)).unwrap_or(u16::MAX);
            let min = min.unwrap_or(0);
            let max = max.unwrap_or(count);
            if min > max || max == 0 || max > count {
                return Err(limits());
            }
            Ok(())
        }
        QuestionKind::Dropdown { options } => check_options(&q.id, options, false),
        QuestionKind::YesNo => Ok(()),
        QuestionKind::Agreement { points, labels } => {
            let labels_ok = labels.as_ref().is_none_or(|l| {
                l.len() == usize::from(*points) && l.iter().all(|t| !t.ja.trim().is_empty())
            });
            if matches!(points, 5 | 7) && labels_ok {
                Ok(())
            } else {
                Err(limits())
            }
        }
        QuestionKind::Scale { .. } => Ok(()),
        QuestionKind::Stars { max } => {
            if (3..=10).contains(max) {
                Ok(())
            } else {
                Err(limits())
            }
        }
        QuestionKind::Number { min, max, .. } => {
            let finite = min.is_none_or(f64::is_finite) && max.is_none_or(f64::is_finite);
            let ordered = match (min, max) {
                (Some(lo), Some(hi)) => lo <= hi,
                _ => true,
            };
            if finite && ordered {
                Ok(())
            } else {
                Err(limits())
            }
        }
        QuestionKind::Text { max_len, .. } => {
            if *max_len == 0 || *max_len > MAX_TEXT_LEN {
                Err(limits())
            } else {
                Ok(())
            }
        }
        QuestionKind::Date { min, max } => {
            let parse = |d: &Option<String>| match d {
                None => Ok(None),
                Some(d) => crate::answer::parse_date(d).map(Some).ok_or_else(limits),
            };
            match (parse(min)?, parse(max)?) {
                (Some(lo), Some(hi)) if lo > hi => Err(limits()),
                _ => Ok(()),
            }
        }
        QuestionKind::Ranking { options, top } => {
            check_options(&q.id, options, false)?;
            let count = u16::try_from(options.len()).unwrap_or(u16::MAX);
            if top.is_some_and(|t| t == 0 || t > count) {
                Err(limits())
            } else {
                Ok(())
            }
        }
        QuestionKind::Matrix { rows, columns } => {
            let distinct = |list: &[Choice]| {
                let mut seen = HashSet::new();
                list.iter().all(|c| {
                    check_id(&c.value).is_ok()
                        && !c.label.ja.trim().is_empty()
                        && seen.insert(&c.value)
                })
            };
            let sizes = !rows.is_empty() && rows.len() <= MAX_OPTIONS && columns.len() >= 2;
            if sizes && distinct(rows) && distinct(columns) && columns.len() <= 11 {
                Ok(())
            } else {
                Err(DefinitionError::BadOptions(q.id.clone()))
            }
        }
    }
}

pub(super) fn check_options(
    id: &str,
    options: &[Choice],
    other: bool,
) -> Result<(), DefinitionError> {
    let mut values = HashSet::new();
    let distinct = options.iter().all(|o| {
        let reserved = other && o.value == OTHER;
        let filled = !o.value.trim().is_empty() && !o.label.ja.trim().is_empty();
        filled && !reserved && o.value.len() <= 64 && values.insert(&o.value)
    });
    if options.len() < 2 || options.len() > MAX_OPTIONS || !distinct {
        return Err(DefinitionError::BadOptions(id.to_string()));
    }
    Ok(())
}
