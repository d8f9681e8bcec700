//! Reading one survey row's type, appearance, parameters and constraint into a question kind.

use super::*;

/// The kind of a question row.
#[allow(clippy::too_many_arguments, reason = "the parts of one row")]
pub(super) fn question_kind(
    kind: &str,
    args: &[&str],
    appearance: &str,
    row: &[String],
    cols: &Columns,
    lists: &HashMap<String, Vec<Choice>>,
    issues: &mut Vec<Issue>,
    at: usize,
) -> Option<QuestionKind> {
    let issue = |column: &str, problem: Problem| Issue {
        sheet: cols.sheet.clone(),
        row: at,
        column: Some(column.to_string()),
        problem,
    };
    let constraint = cols.get(row, "constraint");
    let bad_constraint = || {
        issue(
            "constraint",
            Problem::UnsupportedConstraint(constraint.into()),
        )
    };
    let list = |issues: &mut Vec<Issue>| {
        let name = args.first().copied().unwrap_or_default();
        let found = lists.get(name).cloned();
        if found.is_none() {
            issues.push(issue("type", Problem::UnknownList(name.into())));
        }
        found.map(|options| (name, options))
    };
    let other = args
        .get(1)
        .is_some_and(|a| a.eq_ignore_ascii_case("or_other"));
    let text = |base: &str, issues: &mut Vec<Issue>| {
        cols.text(row, base).unwrap_or_else(|p| {
            issues.push(issue(base, p));
            None
        })
    };
    let params = parameters(cols.get(row, "parameters"));
    if params.is_none() {
        issues.push(issue(
            "parameters",
            Problem::BadParameters(cols.get(row, "parameters").into()),
        ));
        return None;
    }
    let params = params.unwrap_or_default();
    // Parameters Yoriai cannot honour (`randomize`, `seed`, …) are refused by name rather than
    // dropped: the form would behave differently without them.
    let known: &[&str] = match kind {
        "range" => &["start", "end", "step"],
        "rank" => &["top"],
        _ => &[],
    };
    let mut unknown: Vec<String> = params
        .iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if !unknown.is_empty() {
        unknown.sort();
        issues.push(issue(
            "parameters",
            Problem::BadParameters(unknown.join(" ")),
        ));
        return None;
    }
    let param = |k: &str| params.get(k).map(String::as_str);
    match kind {
        "select_one" => {
            let (name, options) = list(issues)?;
            let values: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
            let points = u8::try_from(values.len()).unwrap_or(0);
            let numbered = values
                .iter()
                .enumerate()
                .all(|(i, v)| *v == (i + 1).to_string());
            if appearance.contains("likert") && numbered && matches!(points, 5 | 7) && !other {
                let labels = (name != agree_list(points))
                    .then(|| options.iter().map(|o| o.label.clone()).collect());
                Some(QuestionKind::Agreement { points, labels })
            } else if appearance.contains("minimal") && !other {
                Some(QuestionKind::Dropdown { options })
            } else if name == YES_NO_LIST && values == ["yes", "no"] && !other {
                Some(QuestionKind::YesNo)
            } else {
                Some(QuestionKind::SingleChoice { options, other })
            }
        }
        "select_multiple" => {
            let (_, options) = list(issues)?;
            let Some((min, max)) =
                read_limits(constraint, "count-selected(.)", |v| v.parse::<u16>().ok())
            else {
                issues.push(bad_constraint());
                return None;
            };
            Some(QuestionKind::MultipleChoice {
                options,
                min,
                max,
                other,
            })
        }
        "rank" => {
            let (_, options) = list(issues)?;
            // How many to rank: `yoriai_top` (pyxform allows only `randomize` and `seed` in a
            // rank's parameters), or `top=n` there as earlier exports wrote it.
            let written = Some(cols.get(row, "yoriai_top")).filter(|t| !t.is_empty());
            let top = match written.or_else(|| param("top")).map(str::parse::<u16>) {
                None => None,
                Some(Ok(n)) => Some(n),
                Some(Err(_)) => {
                    issues.push(issue(
                        "parameters",
                        Problem::BadParameters(cols.get(row, "parameters").into()),
                    ));
                    return None;
                }
            };
            Some(QuestionKind::Ranking { options, top })
        }
        "text" => {
            let limit = limits(constraint, "string-length(.)");
            let max_len = match limit {
                Some((None, Some(max))) => max.parse::<u32>().ok(),
                Some((None, None)) => Some(if appearance.contains("multiline") {
                    2000
                } else {
                    400
                }),
                _ => None,
            };
            let Some(max_len) = max_len else {
                issues.push(bad_constraint());
                return None;
            };
            Some(QuestionKind::Text {
                multiline: appearance.contains("multiline"),
                max_len,
            })
        }
        "integer" | "decimal" => {
            let Some((min, max)) = read_limits(constraint, ".", |v| v.parse::<f64>().ok()) else {
                issues.push(bad_constraint());
                return None;
            };
            Some(QuestionKind::Number {
                min,
                max,
                integer: kind == "integer",
                unit: text("yoriai_unit", issues),
            })
        }
        "date" => {
            let Some((min, max)) = read_limits(constraint, ".", date_literal) else {
                issues.push(bad_constraint());
                return None;
            };
            Some(QuestionKind::Date { min, max })
        }
        "range" => {
            let (start, end, step) = (param("start"), param("end"), param("step"));
            let max = end.and_then(|e| e.parse::<u8>().ok());
            match (appearance.contains("rating"), start, step, max) {
                (true, Some("1"), Some("1") | None, Some(max)) => Some(QuestionKind::Stars { max }),
                (false, Some("0"), Some("1") | None, Some(10)) => Some(QuestionKind::Scale {
                    low: text("yoriai_low", issues),
                    high: text("yoriai_high", issues),
                }),
                _ => {
                    issues.push(issue(
                        "parameters",
                        Problem::BadParameters(cols.get(row, "parameters").into()),
                    ));
                    None
                }
            }
        }
        other => {
            issues.push(issue("type", Problem::UnsupportedType(other.into())));
            None
        }
    }
}
