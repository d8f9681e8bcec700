//! Survey text with furigana: `{市民|しみん}` becomes `<ruby>市民<rt>しみん</rt></ruby>`.

use leptos::prelude::*;
use shared::text::{Segment, segments};

/// Renders a text, with its furigana markup as ruby.
#[component]
pub fn Rich(#[prop(into)] text: String) -> impl IntoView {
    segments(&text)
        .into_iter()
        .map(|segment| match segment {
            Segment::Plain(p) => p.to_string().into_any(),
            Segment::Ruby { base, reading } => {
                let (base, reading) = (base.to_string(), reading.to_string());
                view! { <ruby>{base}<rt>{reading}</rt></ruby> }.into_any()
            }
        })
        .collect_view()
}
