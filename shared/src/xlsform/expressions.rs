//! XLSForm's expressions: required, relevant (show-if), constraints, dates and parameters.

use super::*;

/// `yes`, `true()`, `1` → true; blank, `no`, `false()`, `0` → false.
pub(super) fn parse_required(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "true()" | "1" => Some(true),
        "" | "no" | "n" | "false" | "false()" | "0" => Some(false),
        _ => None,
    }
}

/// `${name}` → `name`.
pub(super) fn reference(text: &str) -> Option<&str> {
    let inner = text.trim().strip_prefix("${")?.strip_suffix('}')?;
    (!inner.is_empty()).then_some(inner)
}

/// `'value'` or `"value"` → `value`.
pub(super) fn quoted(text: &str) -> Option<&str> {
    let t = text.trim();
    let inside = |q: char| {
        t.strip_prefix(q)
            .and_then(|r| r.strip_suffix(q))
            .filter(|r| !r.contains(q))
    };
    inside('\'').or_else(|| inside('"'))
}

/// One term of a `relevant` expression.
pub(super) enum Term<'a> {
    Is(&'a str, &'a str),
    Selected(&'a str, &'a str),
    Answered(&'a str),
}

pub(super) fn term(text: &str) -> Option<Term<'_>> {
    let t = text.trim();
    if let Some(args) = t
        .strip_prefix("selected(")
        .and_then(|r| r.strip_suffix(')'))
    {
        let (q, v) = args.split_once(',')?;
        return Some(Term::Selected(reference(q)?, quoted(v)?));
    }
    if let Some((q, v)) = t.split_once("!=") {
        return quoted(v)?
            .is_empty()
            .then(|| reference(q).map(Term::Answered))?;
    }
    let (q, v) = t.split_once('=')?;
    Some(Term::Is(reference(q)?, quoted(v)?))
}

/// Reads a `relevant` expression Yoriai can express.
pub fn parse_relevant(text: &str) -> Option<Condition> {
    let terms: Vec<Term<'_>> = text.split(" or ").map(term).collect::<Option<Vec<_>>>()?;
    match terms.as_slice() {
        [Term::Is(q, v)] => Some(Condition::Equals {
            question: (*q).into(),
            value: (*v).into(),
        }),
        [Term::Answered(q)] => Some(Condition::Answered {
            question: (*q).into(),
        }),
        [first, ..] => {
            let question = match first {
                Term::Is(q, _) | Term::Selected(q, _) => *q,
                Term::Answered(_) => return None,
            };
            let values = terms
                .iter()
                .map(|t| match t {
                    Term::Is(q, v) | Term::Selected(q, v) if *q == question => Some((*v).into()),
                    _ => None,
                })
                .collect::<Option<Vec<String>>>()?;
            Some(Condition::AnyOf {
                question: question.into(),
                values,
            })
        }
        [] => None,
    }
}

/// Writes a condition as a `relevant` expression ([`parse_relevant`] reads it back).
pub fn write_relevant(condition: &Condition) -> String {
    match condition {
        Condition::Equals { question, value } => format!("${{{question}}} = '{value}'"),
        Condition::AnyOf { question, values } => values
            .iter()
            .map(|v| format!("selected(${{{question}}}, '{v}')"))
            .collect::<Vec<_>>()
            .join(" or "),
        Condition::Answered { question } => format!("${{{question}}} != ''"),
    }
}

/// The limits a constraint sets: `. >= 1 and . <= 15`, `count-selected(.) <= 3`,
/// `string-length(.) <= 40`, `. >= date('2020-01-01')`. `subject` is `.`, `count-selected(.)`
/// or `string-length(.)`; values are returned as written.
pub(super) fn limits(constraint: &str, subject: &str) -> Option<(Option<String>, Option<String>)> {
    let (mut low, mut high) = (None, None);
    if constraint.trim().is_empty() {
        return Some((low, high));
    }
    for part in constraint.split(" and ") {
        let part = part.trim();
        let rest = part.strip_prefix(subject)?.trim_start();
        if let Some(v) = rest.strip_prefix(">=") {
            low = Some(v.trim().to_string());
        } else if let Some(v) = rest.strip_prefix("<=") {
            high = Some(v.trim().to_string());
        } else {
            return None;
        }
    }
    Some((low, high))
}

/// The limits a constraint sets, each read by `read`; `None` when any part cannot be read.
pub(super) fn read_limits<T>(
    constraint: &str,
    subject: &str,
    read: impl Fn(&str) -> Option<T>,
) -> Option<(Option<T>, Option<T>)> {
    let (low, high) = limits(constraint, subject)?;
    let read = |v: Option<String>| match v {
        None => Some(None),
        Some(v) => read(&v).map(Some),
    };
    Some((read(low)?, read(high)?))
}

/// `date('2020-01-01')` → `2020-01-01`.
pub(super) fn date_literal(text: &str) -> Option<String> {
    quoted(text.trim().strip_prefix("date(")?.strip_suffix(')')?).map(str::to_string)
}

/// `start=0 end=10 step=1` → pairs.
pub(super) fn parameters(text: &str) -> Option<HashMap<String, String>> {
    text.split(|c: char| c.is_whitespace() || c == ';' || c == ',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.split_once('=')
                .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        })
        .collect()
}
