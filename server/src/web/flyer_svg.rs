//! The flyer as one A4 SVG file, for a print shop, a newsletter layout or an e-mail: the same
//! content and order as the flyer page, drawn with plain SVG text and the QR code as a path.
//! Lines are wrapped here (full-width characters count one em, others about half), so the file
//! needs nothing but a Japanese font on the machine that prints it.

use app::i18n::{Msg, survey_size_short, t};
use app::time::format_jst;
use shared::Lang;
use shared::views::FlyerView;
use std::fmt::Write;

/// The page, in millimetres.
const WIDTH: f64 = 210.0;
const HEIGHT: f64 = 297.0;
const MARGIN: f64 = 15.0;
const BRAND: &str = "#1d5c4a";
const FONT: &str = "'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', 'Meiryo', sans-serif";

/// How wide a character is, in ems.
fn char_width(c: char) -> f64 {
    if c.is_ascii() { 0.56 } else { 1.0 }
}

/// Splits text into lines no wider than `width` ems, breaking Latin text at spaces where it can.
pub fn wrap(text: &str, width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        let mut used = 0.0;
        for c in paragraph.chars() {
            let w = char_width(c);
            if used + w > width && !line.is_empty() {
                // Carry a Latin word over whole when the line has a space to break at.
                let carry = match line.rfind(' ') {
                    Some(i) if c.is_ascii_alphanumeric() && line[i..].is_ascii() => {
                        let rest = line[i + 1..].to_string();
                        line.truncate(i);
                        rest
                    }
                    _ => String::new(),
                };
                lines.push(std::mem::take(&mut line));
                used = carry.chars().map(char_width).sum();
                line = carry;
            }
            if !(line.is_empty() && c == ' ') {
                line.push(c);
                used += w;
            }
        }
        lines.push(line);
    }
    lines
}

/// Text made safe for XML.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A block of wrapped text from `y` down; returns the `y` after it.
#[allow(clippy::too_many_arguments, reason = "the parts of one text block")]
fn block(
    out: &mut String,
    text: &str,
    x: f64,
    y: f64,
    width: f64,
    size: f64,
    weight: u16,
    fill: &str,
) -> f64 {
    let mut y = y;
    for line in wrap(text, width / size) {
        let _ = writeln!(
            out,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{size:.1}" font-weight="{weight}" fill="{fill}">{}</text>"#,
            esc(&line)
        );
        y += size * 1.45;
    }
    y
}

/// The flyer as an A4 SVG document. `qr` is the QR code's module grid size and its inner SVG
/// (the dark modules as one path, one unit per module).
pub fn flyer_svg(f: &FlyerView, with_english: bool, qr: (u32, &str)) -> String {
    let ja = Lang::Ja;
    let en = |msg: Msg| with_english.then(|| t(Lang::En, msg));
    let content = WIDTH - 2.0 * MARGIN;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}mm" height="{HEIGHT}mm" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONT}">
<title>{}</title>
<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>"#,
        esc(&f.title.plain(ja))
    );
    let mut y = MARGIN + 8.0;
    y = block(
        &mut out,
        t(ja, Msg::FlyerAsk),
        MARGIN,
        y,
        content,
        6.0,
        700,
        "#000",
    );
    if let Some(text) = en(Msg::FlyerAsk) {
        y = block(&mut out, text, MARGIN, y - 2.0, content, 4.0, 400, "#333");
    }
    let _ = writeln!(
        out,
        r#"<rect x="{MARGIN}" y="{:.1}" width="{content}" height="1" fill="{BRAND}"/>"#,
        y - 4.0
    );
    y += 9.0;
    y = block(
        &mut out,
        &f.title.plain(ja),
        MARGIN,
        y,
        content,
        10.0,
        700,
        "#000",
    );
    if let (true, Some(title)) = (with_english, f.title.en.as_deref()) {
        y = block(&mut out, title, MARGIN, y - 2.0, content, 5.5, 700, "#000");
    }
    y += 3.0;
    y = block(
        &mut out,
        &f.intro.plain(ja),
        MARGIN,
        y,
        content,
        4.6,
        400,
        "#000",
    );
    if let (true, Some(intro)) = (with_english, f.intro.en.as_deref()) {
        y = block(&mut out, intro, MARGIN, y, content, 3.8, 400, "#333");
    }
    // The QR code and how to use it, in a framed box.
    let top = y + 2.0;
    let (modules, inner) = qr;
    let qr_size = 64.0;
    let _ = writeln!(
        out,
        r#"<svg x="{:.1}" y="{:.1}" width="{qr_size}" height="{qr_size}" viewBox="0 0 {modules} {modules}" shape-rendering="crispEdges">{inner}</svg>"#,
        MARGIN + 5.0,
        top + 6.0
    );
    let text_x = MARGIN + qr_size + 12.0;
    let text_width = content - qr_size - 17.0;
    let mut ty = top + 14.0;
    ty = block(
        &mut out,
        t(ja, Msg::FlyerScan),
        text_x,
        ty,
        text_width,
        5.0,
        700,
        "#000",
    );
    if let Some(text) = en(Msg::FlyerScan) {
        ty = block(&mut out, text, text_x, ty, text_width, 3.8, 400, "#333");
    }
    ty += 2.0;
    ty = block(
        &mut out,
        t(ja, Msg::FlyerOrType),
        text_x,
        ty,
        text_width,
        3.6,
        400,
        "#000",
    );
    if let Some(text) = en(Msg::FlyerOrType) {
        ty = block(&mut out, text, text_x, ty, text_width, 3.2, 400, "#333");
    }
    let address = f.url.split_once("://").map_or(f.url.as_str(), |(_, a)| a);
    ty = block(
        &mut out,
        address,
        text_x,
        ty + 1.0,
        text_width,
        4.6,
        700,
        "#000",
    );
    let bottom = (top + qr_size + 12.0).max(ty + 2.0);
    let _ = writeln!(
        out,
        r#"<rect x="{MARGIN}" y="{top:.1}" width="{content}" height="{:.1}" rx="4" fill="none" stroke="{BRAND}" stroke-width="1"/>"#,
        bottom - top
    );
    y = bottom + 10.0;
    if let Some(at) = f.closes_at {
        let line = format!("{} {}", t(ja, Msg::Deadline), format_jst(at, ja));
        let height = if with_english { 18.0 } else { 12.0 };
        let _ = writeln!(
            out,
            r#"<rect x="{MARGIN}" y="{:.1}" width="{content}" height="{height}" rx="2" fill="none" stroke="black" stroke-width="0.6"/>
<text x="{:.1}" y="{:.1}" font-size="6.5" font-weight="700" text-anchor="middle">{}</text>"#,
            y - 7.0,
            WIDTH / 2.0,
            y + 1.0,
            esc(&line)
        );
        if with_english {
            let line = format!(
                "{}: {}",
                t(Lang::En, Msg::Deadline),
                format_jst(at, Lang::En)
            );
            let _ = writeln!(
                out,
                r#"<text x="{:.1}" y="{:.1}" font-size="4" fill="rgb(51,51,51)" text-anchor="middle">{}</text>"#,
                WIDTH / 2.0,
                y + 7.0,
                esc(&line)
            );
        }
        y += height + 4.0;
    }
    let facts = [
        (
            survey_size_short(ja, f.question_count),
            with_english.then(|| survey_size_short(Lang::En, f.question_count)),
        ),
        (
            t(ja, Msg::Anonymous).to_string(),
            en(Msg::Anonymous).map(str::to_string),
        ),
        (
            t(ja, Msg::FlyerPaper).to_string(),
            en(Msg::FlyerPaper).map(str::to_string),
        ),
    ];
    for (fact, english) in facts {
        let _ = writeln!(
            out,
            r#"<circle cx="{:.1}" cy="{:.1}" r="1" fill="black"/>"#,
            MARGIN + 2.0,
            y - 1.5
        );
        y = block(
            &mut out,
            &fact,
            MARGIN + 6.0,
            y,
            content - 6.0,
            4.2,
            400,
            "#000",
        );
        if let Some(english) = english {
            y = block(
                &mut out,
                &english,
                MARGIN + 6.0,
                y - 1.0,
                content - 6.0,
                3.4,
                400,
                "#333",
            );
        }
        y += 1.5;
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn lines_wrap_by_width_and_latin_words_stay_whole() {
        assert_eq!(
            wrap("あいうえおかきくけこ", 4.0),
            ["あいうえ", "おかきく", "けこ"]
        );
        assert_eq!(
            wrap("Scan the QR code with your phone", 10.0),
            ["Scan the QR code", "with your phone"]
        );
        assert_eq!(
            wrap("Scan the QR code with your phone", 6.0),
            ["Scan the", "QR code", "with your", "phone"]
        );
        assert_eq!(wrap("一行目\n二行目", 10.0), ["一行目", "二行目"]);
    }
}
