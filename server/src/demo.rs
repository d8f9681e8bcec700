//! Demo data: Kokura Minami ward's school districts, a few community centres, a staff account
//! and the community-centre survey, so a new installation has something real to show.
//!
//! Everything here is ordinary data; another ward replaces it through the admin pages (or its
//! own seed), never by changing code.

use crate::error::Result;
use crate::services::Services;
use chrono::{Duration, FixedOffset, TimeZone, Utc};
use shared::account::Role;
use shared::survey::{Choice, Question, QuestionKind, SurveyDefinition, Text};
use shared::views::SurveyStatus;

/// The demo staff account's e-mail address.
pub const DEMO_STAFF_EMAIL: &str = "staff@demo.yoriai.jp";
/// The demo staff account's password. Demo installations only: it is printed at start-up.
pub const DEMO_STAFF_PASSWORD: &str = "yoriai-demo-2026";
/// The slug of the demo community-centre survey.
pub const DEMO_SURVEY_SLUG: &str = "shimin-center-2026";
/// The slug of a demo survey that has closed.
pub const DEMO_CLOSED_SLUG: &str = "natsumatsuri-2025";

/// School districts (小学校区) of Kokura Minami ward: code, Japanese name, English name.
const DISTRICTS: &[(&str, &str, &str)] = &[
    ("kmn-kitagata", "北方", "Kitagata"),
    ("kmn-yugawa", "湯川", "Yugawa"),
    ("kmn-kikugaoka", "企救丘", "Kikugaoka"),
    ("kmn-moritsune", "守恒", "Moritsune"),
    ("kmn-tokuriki", "徳力", "Tokuriki"),
    ("kmn-numa", "沼", "Numa"),
    ("kmn-sone", "曽根", "Sone"),
    ("kmn-kusami", "朽網", "Kusami"),
    ("kmn-higashikusami", "東朽網", "Higashi-Kusami"),
    ("kmn-kuzuhara", "葛原", "Kuzuhara"),
    ("kmn-nagao", "長尾", "Nagao"),
    ("kmn-shii", "志井", "Shii"),
    ("kmn-yoshida", "吉田", "Yoshida"),
    ("kmn-yokoshiro", "横代", "Yokoshiro"),
];

fn choice(value: &str, ja: &str, en: &str) -> Choice {
    Choice {
        value: value.into(),
        label: Text::ja_en(ja, en),
    }
}

fn question(id: &str, ja: &str, en: &str, required: bool, kind: QuestionKind) -> Question {
    Question {
        id: id.into(),
        label: Text::ja_en(ja, en),
        help: None,
        required,
        kind,
    }
}

/// The questions of the demo community-centre survey (policy B-1).
pub fn community_centre_survey() -> Result<SurveyDefinition> {
    let mut uses = question(
        "sunday_uses",
        "日曜日に開館したら、どのように利用したいですか（3つまで）",
        "If the centre opened on Sundays, how would you use it? (up to 3)",
        false,
        QuestionKind::MultipleChoice {
            options: vec![
                choice(
                    "kids",
                    "子育てサロン・親子の集まり",
                    "Parent-and-child gatherings",
                ),
                choice("lessons", "講座・習い事", "Classes and lessons"),
                choice(
                    "study",
                    "自習・テレワークの場所",
                    "A place to study or work",
                ),
                choice("events", "地域の行事・催し", "Local events"),
                choice(
                    "rooms",
                    "サークル活動の部屋を借りる",
                    "Booking a room for a club",
                ),
                choice("other", "その他", "Other"),
            ],
            min: None,
            max: Some(3),
        },
    );
    uses.help = Some(Text::ja_en(
        "開館日が増えたら利用したいことを教えてください。",
        "Tell us what you would use the extra opening day for.",
    ));
    let definition = SurveyDefinition::new(vec![
        question(
            "visited",
            "この1年間に、お住まいの地域の市民センターを利用しましたか",
            "In the past year, have you used your local community centre?",
            true,
            QuestionKind::SingleChoice {
                options: vec![
                    choice(
                        "often",
                        "よく利用した（月1回以上）",
                        "Often (monthly or more)",
                    ),
                    choice("sometimes", "ときどき利用した", "Sometimes"),
                    choice("never", "利用しなかった", "Not at all"),
                ],
            },
        ),
        question(
            "sunday",
            "市民センターが日曜日に開いていたら、利用したいと思いますか",
            "Would you use the community centre if it opened on Sundays?",
            true,
            QuestionKind::SingleChoice {
                options: vec![
                    choice("yes", "利用したい", "Yes"),
                    choice(
                        "maybe",
                        "内容によっては利用したい",
                        "Depending on what is on",
                    ),
                    choice("no", "利用しない", "No"),
                    choice("unsure", "わからない", "Not sure"),
                ],
            },
        ),
        uses,
        question(
            "age",
            "あなたの年代を教えてください",
            "Your age group",
            false,
            QuestionKind::SingleChoice {
                options: vec![
                    choice("u20", "10代", "Under 20"),
                    choice("20s", "20代", "20s"),
                    choice("30s", "30代", "30s"),
                    choice("40s", "40代", "40s"),
                    choice("50s", "50代", "50s"),
                    choice("60s", "60代", "60s"),
                    choice("70p", "70代以上", "70 or over"),
                ],
            },
        ),
        question(
            "comment",
            "市民センターへのご意見・ご要望があればお書きください",
            "Any other thoughts or wishes for the community centre?",
            false,
            QuestionKind::Text {
                multiline: true,
                max_len: 1000,
            },
        ),
    ])?;
    Ok(definition)
}

/// 23:59 Japan time on the day of `at`, as the ward would announce a deadline.
fn end_of_day_in_japan(at: chrono::DateTime<Utc>) -> Option<chrono::DateTime<Utc>> {
    let jst = FixedOffset::east_opt(9 * 3600)?;
    let day = at.with_timezone(&jst).date_naive();
    let local = day.and_hms_opt(23, 59, 0)?;
    jst.from_local_datetime(&local)
        .single()
        .map(|d| d.with_timezone(&Utc))
}

/// Loads the demo data. Safe to run twice: existing rows are kept or renamed, not duplicated.
pub async fn seed(services: &Services) -> Result<()> {
    let store = &services.store;
    let now = Utc::now();
    let ward = store
        .upsert_ward("kitakyushu-kokuraminami", "小倉南区", "Kokura Minami Ward")
        .await?;
    for (code, ja, en) in DISTRICTS {
        let district = store.upsert_district(ward, code, ja, en).await?;
        store
            .upsert_centre(
                district,
                &format!("{ja}市民センター"),
                &format!("{en} Community Centre"),
            )
            .await?;
    }
    if store.credentials(DEMO_STAFF_EMAIL).await?.is_none() {
        services
            .create_user(
                DEMO_STAFF_EMAIL,
                "小倉 花子（区役所）",
                DEMO_STAFF_PASSWORD,
                Role::Staff,
                Some(ward),
            )
            .await?;
    }
    if store.survey_by_slug(DEMO_SURVEY_SLUG).await?.is_none() {
        store
            .create_survey(
                &crate::db::NewSurvey {
                    ward_id: ward,
                    slug: DEMO_SURVEY_SLUG.into(),
                    title: Text::ja_en(
                        "市民センターのあり方に関するアンケート",
                        "Survey on the future of our community centre",
                    ),
                    intro: Text::ja_en(
                        "小倉南区では、働く世代や子育て世代にも使いやすい市民センターを、まちづくり協議会の皆さんと一緒に考えています。日曜日の開館などについて、ご意見をお聞かせください（所要時間：約3分）。",
                        "Kokura Minami Ward and the neighbourhood council are planning community centres that also work for working parents and young families. Please tell us what you think, for example about Sunday opening (about 3 minutes).",
                    ),
                    status: SurveyStatus::Open,
                    definition: community_centre_survey()?,
                    opens_at: None,
                    closes_at: end_of_day_in_japan(now + Duration::days(60)),
                },
                now,
            )
            .await?;
    }
    if store.survey_by_slug(DEMO_CLOSED_SLUG).await?.is_none() {
        store
            .create_survey(
                &crate::db::NewSurvey {
                    ward_id: ward,
                    slug: DEMO_CLOSED_SLUG.into(),
                    title: Text::ja_en("夏祭りふりかえりアンケート", "Summer festival feedback"),
                    intro: Text::ja_en("ご協力ありがとうございました。", "Thank you."),
                    status: SurveyStatus::Closed,
                    definition: community_centre_survey()?,
                    opens_at: None,
                    closes_at: None,
                },
                now,
            )
            .await?;
    }
    store
        .audit(None, "seed_demo", "demo data loaded", now)
        .await?;
    Ok(())
}
