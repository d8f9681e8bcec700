//! Stored answers in words, as the review page and staff pages show them.

use crate::i18n::{Msg, agreement_labels, stars, t};
use shared::Lang;
use shared::answer::{Answer, Answers, Channel, format_number};
use shared::survey::{OTHER, Question, QuestionKind};

/// An answer in words (option labels rather than stored values; furigana left out).
pub fn answer_text(lang: Lang, q: &Question, answers: &Answers) -> String {
    let Some(answer) = answers.get(&q.id) else {
        return t(lang, Msg::Unanswered).to_string();
    };
    // English takes its own punctuation, not 「：」「、」「（）」.
    let (colon, comma, open, close) = if lang == Lang::En {
        (": ", ", ", " (", ")")
    } else {
        ("：", "、", "（", "）")
    };
    let label_of = |v: &str| {
        if v == OTHER && q.has_other() {
            let detail = answers.other_text(&q.id).unwrap_or_default();
            return format!("{}{open}{detail}{close}", t(lang, Msg::OtherSpecify));
        }
        q.options()
            .iter()
            .find(|o| o.value == v)
            .map_or_else(|| v.to_string(), |o| o.label.plain(lang))
    };
    match (&q.kind, answer) {
        (QuestionKind::YesNo, Answer::Value(v)) => match v.as_str() {
            "yes" => t(lang, Msg::Yes).to_string(),
            _ => t(lang, Msg::No).to_string(),
        },
        (QuestionKind::Ranking { .. }, Answer::Values(vs)) => vs
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{}. {}", i + 1, label_of(v)))
            .collect::<Vec<_>>()
            .join(" / "),
        (QuestionKind::Agreement { points, labels }, Answer::Number(n)) => {
            let index = (*n as usize).saturating_sub(1);
            let label = match labels {
                Some(labels) => labels.get(index).map(|l| l.plain(lang)),
                None => agreement_labels(lang, *points)
                    .get(index)
                    .map(|s| (*s).to_string()),
            };
            label.unwrap_or_else(|| format_number(*n))
        }
        (QuestionKind::Stars { .. }, Answer::Number(n)) => stars(lang, *n as u8),
        (QuestionKind::Number { unit, .. }, Answer::Number(n)) => match unit {
            Some(unit) => format!("{} {}", format_number(*n), unit.plain(lang)),
            None => format_number(*n),
        },
        (QuestionKind::Matrix { rows, columns }, Answer::Rows(picks)) => rows
            .iter()
            .map(|row| {
                let column = picks
                    .get(&row.value)
                    .and_then(|c| columns.iter().find(|col| &col.value == c))
                    .map(|c| c.label.plain(lang))
                    .unwrap_or_default();
                format!("{}{colon}{column}", row.label.plain(lang))
            })
            .collect::<Vec<_>>()
            .join(" / "),
        (_, Answer::Value(v)) => label_of(v),
        (_, Answer::Values(vs)) => vs
            .iter()
            .map(|v| label_of(v))
            .collect::<Vec<_>>()
            .join(comma),
        (_, Answer::Number(n)) => format_number(*n),
        (_, Answer::Rows(rows)) => rows
            .iter()
            .map(|(r, c)| format!("{r}{colon}{c}"))
            .collect::<Vec<_>>()
            .join(" / "),
    }
}

/// The name of a channel.
pub fn channel_label(lang: Lang, channel: Channel) -> &'static str {
    match channel {
        Channel::Web => t(lang, Msg::ChannelWeb),
        Channel::Paper => t(lang, Msg::ChannelPaper),
        Channel::Staff => t(lang, Msg::ChannelStaff),
    }
}
