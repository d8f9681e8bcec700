//! The places as administrators see them (`/admin/places`), and as a CSV file in the import's
//! own format, to edit in a spreadsheet and import again.

use super::*;
use crate::admin::require_admin;
use shared::admin::{PlaceDistrict, PlaceWard, PlacesView};
use shared::views::CurrentUser;

/// A district row with its centre, as stored.
type DistrictRow = (
    i64,
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The reading in an easy-Japanese name written `{北方|きたがた}`, if it has that form.
fn reading_of(easy: &str) -> Option<String> {
    let inner = easy.strip_prefix('{')?.strip_suffix('}')?;
    let (_, reading) = inner.split_once('|')?;
    (!reading.is_empty()).then(|| reading.to_string())
}

impl Store {
    /// Every ward (or only `only`) with its districts in order, their centres and directors.
    pub async fn place_wards(&self, only: Option<i64>) -> Result<Vec<PlaceWard>> {
        let wards = "SELECT id, code, name_ja, name_en FROM wards ORDER BY id";
        let districts = "SELECT d.id, d.ward_id, d.code, d.name_ja, d.name_en, d.name_easy, \
                         (SELECT c.name_ja FROM centres c WHERE c.district_id = d.id ORDER BY c.id LIMIT 1), \
                         (SELECT c.name_en FROM centres c WHERE c.district_id = d.id ORDER BY c.id LIMIT 1) \
                         FROM districts d ORDER BY d.position, d.code";
        let directors = "SELECT c.district_id, u.display_name FROM centre_directors cd \
                         JOIN centres c ON c.id = cd.centre_id JOIN users u ON u.id = cd.user_id \
                         WHERE u.deactivated_at IS NULL ORDER BY u.display_name";
        type WardRow = (i64, String, String, Option<String>);
        let (wards, districts, directors): (Vec<WardRow>, Vec<DistrictRow>, Vec<(i64, String)>) =
            on_pool!(&self.db, |pool| (
                sqlx::query_as(wards).fetch_all(pool).await?,
                sqlx::query_as(districts).fetch_all(pool).await?,
                sqlx::query_as(directors).fetch_all(pool).await?,
            ));
        Ok(wards
            .into_iter()
            .filter(|(id, ..)| only.is_none_or(|o| o == *id))
            .map(|(id, code, name_ja, name_en)| PlaceWard {
                districts: districts
                    .iter()
                    .filter(|d| d.1 == id)
                    .map(
                        |(did, _, code, ja, en, easy, centre, centre_en)| PlaceDistrict {
                            code: code.clone(),
                            name_ja: ja.clone(),
                            name_en: en.clone(),
                            reading: easy.as_deref().and_then(reading_of),
                            centre: centre.clone(),
                            centre_en: centre_en.clone(),
                            directors: directors
                                .iter()
                                .filter(|(d, _)| d == did)
                                .map(|(_, name)| name.clone())
                                .collect(),
                        },
                    )
                    .collect(),
                id,
                code,
                name_ja,
                name_en,
            })
            .collect())
    }
}

impl Core {
    /// The places page: the wards `admin` manages.
    pub async fn places_view(&self, admin: &CurrentUser) -> Result<PlacesView> {
        require_admin(admin)?;
        Ok(PlacesView {
            installation_name: self.installation_name().await?,
            city_wide: admin.ward_id.is_none(),
            wards: self.store.place_wards(admin.ward_id).await?,
        })
    }

    /// The wards `admin` manages as a places file (UTF-8 with a BOM and CRLF, so that Excel
    /// in Japanese opens it as it is), ready to edit and import again.
    pub async fn places_csv(&self, admin: &CurrentUser) -> Result<Vec<u8>> {
        require_admin(admin)?;
        let wards = self.store.place_wards(admin.ward_id).await?;
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::from("\u{feff}".as_bytes()));
        let failed = |e: csv::Error| Error::Config(format!("writing the places file: {e}"));
        out.write_record(COLUMNS).map_err(failed)?;
        for w in &wards {
            for d in &w.districts {
                out.write_record([
                    w.code.as_str(),
                    &w.name_ja,
                    w.name_en.as_deref().unwrap_or_default(),
                    &d.code,
                    &d.name_ja,
                    d.name_en.as_deref().unwrap_or_default(),
                    d.reading.as_deref().unwrap_or_default(),
                    d.centre.as_deref().unwrap_or_default(),
                    d.centre_en.as_deref().unwrap_or_default(),
                ])
                .map_err(failed)?;
            }
        }
        out.into_inner()
            .map_err(|e| Error::Config(format!("writing the places file: {e}")))
    }

    /// Imports a places file uploaded by an administrator of every ward (a ward's
    /// administrator is refused: a file may name any ward).
    pub async fn import_places_as(&self, admin: &CurrentUser, bytes: &[u8]) -> Result<Imported> {
        require_admin(admin)?;
        if admin.ward_id.is_some() {
            return Err(ApiError::Forbidden.into());
        }
        if bytes.is_empty() {
            let mut errors = shared::FieldErrors::default();
            errors.push("places", shared::FieldError::Required);
            return Err(ApiError::Validation(errors).into());
        }
        match self.import_places(bytes).await? {
            Ok(imported) => {
                self.store
                    .audit(
                        Some(admin.id),
                        "places_imported",
                        &format!(
                            "{} wards, {} districts, {} centres",
                            imported.wards, imported.districts, imported.centres
                        ),
                        chrono::Utc::now(),
                    )
                    .await?;
                Ok(imported)
            }
            Err(problems) => {
                Err(ApiError::PlacesFile(problems.iter().map(Problem::to_string).collect()).into())
            }
        }
    }
}

#[cfg(test)]
mod listing_tests {
    use super::reading_of;

    #[test]
    fn readings_come_back_out_of_easy_names() {
        assert_eq!(reading_of("{北方|きたがた}").as_deref(), Some("きたがた"));
        assert_eq!(reading_of("北方"), None);
        assert_eq!(reading_of("{北方|}"), None);
    }
}
