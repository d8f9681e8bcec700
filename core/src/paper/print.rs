//! What the ward prints: the flyer with the survey's QR code, and sheets of invitation cards
//! whose QR codes carry a single-use code each.
//!
//! QR codes are drawn on the server (the `qrcode` crate) as inline SVG, so they print sharp at
//! any size and the browser needs no script. Addresses use the configured public origin; without
//! one, the address the page was asked for (the page then warns that it may be internal).

use crate::Core;
use crate::error::Result;
use qrcode::{EcLevel, QrCode};
use shared::views::{CodeCard, CodeCardsView, CurrentUser, FlyerView};

/// Invitation cards per printed page of the card sheet (ten cards fill an A4 sheet; ten sheets
/// keep the page quick to load and print).
pub const CARDS_PER_PAGE: usize = 100;

/// A QR code for `data`: its size in modules (with the standard four-module quiet zone on each
/// side) and its drawing (a white square and the dark modules as one path, one unit per
/// module), to place inside an `<svg>` of any size. Error correction level M (15 %) survives a
/// smudged print or a photocopy.
pub fn qr_code(data: &str) -> Result<(u32, String)> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)?;
    let modules = u32::try_from(code.width()).unwrap_or(0) + 8;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .module_dimensions(1, 1)
        .quiet_zone(true)
        .build();
    // Keep what is inside the crate's `<svg …>…</svg>`.
    let start = svg
        .find("<svg")
        .and_then(|i| svg[i..].find('>').map(|j| i + j + 1))
        .unwrap_or(0);
    let end = svg.rfind("</svg>").unwrap_or(svg.len());
    Ok((modules, svg[start..end].to_string()))
}

/// A QR code for `data` as an inline `<svg>` element, sized by the page's CSS.
pub fn qr_svg(data: &str) -> Result<String> {
    let (modules, inner) = qr_code(data)?;
    Ok(format!(
        r#"<svg class="qr" role="img" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {modules} {modules}" shape-rendering="crispEdges">{inner}</svg>"#
    ))
}

impl Core {
    /// What a survey's A4 flyer file shows (staff only): the flyer, its file name, and its QR
    /// code (modules across, and the code's SVG path). The web layer draws it.
    pub async fn flyer_file(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        asked_origin: &str,
    ) -> Result<FlyerFile> {
        let flyer = self.flyer(user, survey_id, asked_origin).await?;
        let qr = qr_code(&flyer.url)?;
        let slug = flyer.url.rsplit('/').next().unwrap_or("survey").to_string();
        Ok(FlyerFile {
            name: format!("{slug}-flyer.svg"),
            flyer,
            qr,
        })
    }
}

/// A flyer to draw as a file.
pub struct FlyerFile {
    /// The file name to offer.
    pub name: String,
    /// What it says.
    pub flyer: FlyerView,
    /// Its QR code: modules across (with the quiet zone) and the SVG path of the dark ones.
    pub qr: (u32, String),
}

impl Core {
    /// The origin printed addresses start with, and whether it is the configured public one.
    pub fn print_origin(&self, asked: &str) -> (String, bool) {
        match &self.config.public_origin {
            Some(o) => (o.trim_end_matches('/').to_string(), true),
            None => (asked.trim_end_matches('/').to_string(), false),
        }
    }

    /// A survey's flyer (staff only). `asked_origin` is the address the page was requested at.
    pub async fn flyer(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        asked_origin: &str,
    ) -> Result<FlyerView> {
        let survey = self.staff_survey(user, survey_id).await?;
        let version = match survey.current_version_id {
            Some(id) => self.store.version(id).await?,
            None => None,
        };
        let (title, intro, definition) = match version {
            Some(v) => (v.title.clone(), v.intro.clone(), v.definition.clone()),
            None => (survey.title, survey.intro, survey.definition),
        };
        let (origin, public_origin) = self.print_origin(asked_origin);
        let url = format!("{origin}/s/{}", survey.slug);
        Ok(FlyerView {
            survey_id,
            status: survey.status,
            title,
            intro,
            closes_at: survey.closes_at,
            question_count: definition.questions().count(),
            qr_svg: qr_svg(&url)?,
            url,
            public_origin,
        })
    }

    /// A page of invitation cards for a survey's unused codes (staff only), optionally only
    /// those of one district. Pages are numbered from 1; a page past the end is empty.
    pub async fn code_cards(
        &self,
        user: &CurrentUser,
        survey_id: i64,
        asked_origin: &str,
        page: usize,
        district_id: Option<i64>,
    ) -> Result<CodeCardsView> {
        let survey = self.staff_survey(user, survey_id).await?;
        let unused: Vec<String> = self
            .store
            .codes(survey_id)
            .await?
            .into_iter()
            .filter(|c| !c.used && (district_id.is_none() || c.district_id == district_id))
            .map(|c| c.code)
            .collect();
        let (origin, public_origin) = self.print_origin(asked_origin);
        let short_url = format!("{origin}/s/{}", survey.slug);
        let page = page.max(1);
        let cards = unused
            .iter()
            .skip((page - 1) * CARDS_PER_PAGE)
            .take(CARDS_PER_PAGE)
            .map(|code| {
                let url = format!("{short_url}?code={code}");
                Ok(CodeCard {
                    code: code.clone(),
                    qr_svg: qr_svg(&url)?,
                    url,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(CodeCardsView {
            survey_id,
            title: survey.title,
            closes_at: survey.closes_at,
            short_url,
            cards,
            page,
            pages: unused.len().div_ceil(CARDS_PER_PAGE),
            unused: unused.len(),
            public_origin,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::qr_svg;

    #[test]
    fn qr_codes_are_inline_svg_sized_by_css() {
        let Ok(svg) = qr_svg("https://example.jp/s/kitagata?code=ABCD2345X") else {
            panic!("a short address fits a QR code");
        };
        assert!(svg.starts_with(r#"<svg class="qr" role="img" "#), "{svg}");
        assert!(
            svg.ends_with("</path></svg>") || svg.ends_with("/></svg>"),
            "{svg}"
        );
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(!svg.contains("<?xml"));
        // Version 4 at level M: 33 modules and 4 of quiet zone on each side.
        assert!(svg.contains(r#"viewBox="0 0 41 41""#), "{svg}");
    }
}
