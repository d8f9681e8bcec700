//! `/groups/new` (anyone signed in proposes a group; staff or a centre director approve it)
//! and `/groups/{id}/edit` (its organisers, or staff, change it). One form for both.

use crate::api::network::{get_group, get_propose_view};
use crate::api::request::RejectedForm;
use crate::components::account::error_or_sign_in;
use crate::components::forms::rejected_field;
use crate::components::forms::rejected_summary;
use crate::components::params::id_param;
use crate::i18n::{tre, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use shared::Lang;
use shared::answer::FormValues;
use shared::network::{ContactPolicy, DistrictOption, GroupKind, GroupPage};

/// The proposal form.
#[component]
pub fn ProposeGroupPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    view! {
        <Title text=tre(lang, "グループを登録する", "Register a group", "グループを とうろく する")/>
        <Suspense>
            {move || {
                let rejected = rejected.clone();
                Suspend::new(async move {
                    match get_propose_view().await {
                        Ok(v) => {
                            let values = rejected.as_ref().map(|r| r.values.clone()).unwrap_or_default();
                            view! {
                                <super::NetworkBar/>
                                <p class="crumbs"><a href="/groups">{tre(lang, "← 地域のグループ", "← Local groups", "← ちいきの グループ")}</a></p>
                                <h1>{tre(lang, "グループを登録する", "Register a group", "グループを とうろく する")}</h1>
                                <p class="lead">
                                    {tre(lang, "お店、クラブ、サークル、NPOなど、校区で活動するグループを登録できます。区役所または市民センターが確認してから一覧に表示されます。登録したあなたがグループの運営者になります。", "Register a shop, club, circle, NPO or any group active in the districts. It appears in the directory once the ward office or community centre has checked it. You become its organiser.", "おみせ、クラブ、サークル、NPO など、こうくで かつどう する グループを とうろく できます。くやくしょ か しみん センターが たしかめてから、いちらんに でます。とうろく した あなたが グループの うんえいしゃに なります。")}
                                </p>
                                {group_form(lang, "/groups/new", &v.districts, &values, rejected.as_ref(), tre(lang, "登録を申請する", "Send for approval", "とうろくを おねがい する"))}
                            }
                            .into_any()
                        }
                        Err(e) => error_or_sign_in(e, "/groups/new"),
                    }
                })
            }}
        </Suspense>
    }
}

/// The edit form of a group.
#[component]
pub fn EditGroupPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let rejected = use_context::<RejectedForm>();
    view! {
        <Title text=tre(lang, "グループの情報を編集", "Edit the group", "グループの じょうほうを なおす")/>
        <Suspense>
            {move || {
                let rejected = rejected.clone();
                Suspend::new(async move {
                    let data = async {
                        Ok::<_, shared::ApiError>((get_propose_view().await?, get_group(id).await?))
                    };
                    let here = format!("/groups/{id}/edit");
                    match data.await {
                        Ok((_, g)) if !g.can.edit => error_or_sign_in(shared::ApiError::Forbidden, &here),
                        Ok((v, g)) => {
                            let values = match rejected.as_ref() {
                                Some(r) => r.values.clone(),
                                None => values_of(&g),
                            };
                            view! {
                                <p class="crumbs"><a href=format!("/groups/{id}")>{tre(lang, "← グループのページ", "← The group's page", "← グループの ページ")}</a></p>
                                <h1>{tre(lang, "グループの情報を編集", "Edit the group", "グループの じょうほうを なおす")}</h1>
                                {group_form(lang, &here, &v.districts, &values, rejected.as_ref(), tre(lang, "保存する", "Save", "ほぞん する"))}
                            }
                            .into_any()
                        }
                        Err(e) => error_or_sign_in(e, &here),
                    }
                })
            }}
        </Suspense>
    }
}

/// The form fields of a stored group.
fn values_of(g: &GroupPage) -> FormValues {
    let mut values = FormValues::default();
    values.push("name", g.card.name.clone());
    values.push("kind", g.card.kind.as_str());
    values.push("description", g.description.clone());
    values.push("meeting_place", g.card.meeting_place.clone());
    values.push("meeting_times", g.card.meeting_times.clone());
    values.push("contact_policy", g.contact_policy.as_str());
    values.push("contact", g.contact.clone().unwrap_or_default());
    for d in &g.district_ids {
        values.push("district", d.to_string());
    }
    values.push("tags", g.card.tags.join("、"));
    values
}

fn group_form(
    lang: Lang,
    action: &str,
    districts: &[DistrictOption],
    values: &FormValues,
    rejected: Option<&RejectedForm>,
    submit: &'static str,
) -> impl IntoView {
    let value = |name: &str| values.first(name).unwrap_or_default().to_string();
    let error = |name: &str| rejected_field(rejected, lang, name);
    let kind = value("kind");
    let policy = values
        .first("contact_policy")
        .and_then(ContactPolicy::parse)
        .unwrap_or(ContactPolicy::Centre);
    let summary = rejected_summary(rejected, lang).or_else(|| {
        matches!(
            rejected.map(|r| &r.error),
            Some(shared::ApiError::Validation(_))
        )
        .then(|| {
            tre(
                lang,
                "入力内容を確認してください。",
                "Please check the highlighted fields.",
                "かいた ことを たしかめて ください。",
            )
            .to_string()
        })
    });
    view! {
        {summary.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
        <form method="post" action=action.to_string() class="stack group-form" novalidate>
            <div class="question">
                <label for="name">{tre(lang, "グループの名前", "Name", "グループの なまえ")}<span class="badge required">{tre(lang, "必須", "required", "かならず かく")}</span></label>
                <p class="field-error" id="name-error">{error("name")}</p>
                <input type="text" id="name" name="name" maxlength="60" value=value("name") aria-describedby="name-error"/>
            </div>
            <div class="question">
                <label for="kind">{tre(lang, "種類", "Kind", "しゅるい")}<span class="badge required">{tre(lang, "必須", "required", "かならず かく")}</span></label>
                <p class="field-error" id="kind-error">{error("kind")}</p>
                <select id="kind" name="kind" aria-describedby="kind-error">
                    <option value="">{tre(lang, "選んでください", "Choose", "えらんで ください")}</option>
                    {GroupKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=kind == k.as_str()>{k.label(lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="question">
                <label for="description">{tre(lang, "どんな活動をしていますか", "What does the group do?", "どんな かつどうを して いますか")}<span class="badge required">{tre(lang, "必須", "required", "かならず かく")}</span></label>
                <p class="field-error" id="description-error">{error("description")}</p>
                <textarea id="description" name="description" rows="6" maxlength="2000" aria-describedby="description-error">{value("description")}</textarea>
            </div>
            <fieldset class="question">
                <legend>{tre(lang, "活動している校区", "Districts it is active in", "かつどう して いる こうく")}<span class="badge required">{tre(lang, "必須", "required", "かならず かく")}</span></legend>
                <p class="field-error" id="district-error">{error("district")}</p>
                <div class="options">
                    {districts.iter().map(|d| {
                        let id = d.id.to_string();
                        let checked = values.contains("district", &id);
                        view! {
                            <label class="option">
                                <input type="checkbox" name="district" value=id checked=checked/>
                                <span>{d.name.plain(lang)}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="question">
                <label for="meeting_place">{tre(lang, "活動場所", "Where it meets", "あつまる ところ")}</label>
                <p class="hint">{tre(lang, "例: 南ヶ丘市民センター 2階和室", "e.g. the community centre, 2nd floor", "れい: しみん センターの 2かいの わしつ")}</p>
                <p class="field-error" id="meeting_place-error">{error("meeting_place")}</p>
                <input type="text" id="meeting_place" name="meeting_place" maxlength="200" value=value("meeting_place") aria-describedby="meeting_place-error"/>
            </div>
            <div class="question">
                <label for="meeting_times">{tre(lang, "活動日時", "When it meets", "あつまる 日と 時間")}</label>
                <p class="hint">{tre(lang, "例: 毎週水曜 10時〜12時", "e.g. Wednesdays 10:00–12:00", "れい: まいしゅう すいようび 10時〜12時")}</p>
                <p class="field-error" id="meeting_times-error">{error("meeting_times")}</p>
                <input type="text" id="meeting_times" name="meeting_times" maxlength="200" value=value("meeting_times") aria-describedby="meeting_times-error"/>
            </div>
            <div class="question">
                <label for="tags">{tre(lang, "関心のあること（タグ）", "Interests (tags)", "きょうみの ある こと（タグ）")}</label>
                <p class="hint">{tre(lang, "読点（、）かスペースで区切って10個まで。例: 子育て、公園、日曜", "Up to 10, separated by commas or spaces. e.g. parenting, park", "「、」か スペースで わけて 10こ まで。れい: こそだて、こうえん、にちよう")}</p>
                <p class="field-error" id="tags-error">{error("tags")}</p>
                <input type="text" id="tags" name="tags" value=value("tags") aria-describedby="tags-error"/>
            </div>
            <fieldset class="question">
                <legend>{tre(lang, "連絡の受け方", "How people get in touch", "れんらくの うけかた")}</legend>
                <p class="field-error" id="contact_policy-error">{error("contact_policy")}</p>
                <div class="options">
                    {ContactPolicy::ALL.into_iter().map(|p| view! {
                        <label class="option">
                            <input type="radio" name="contact_policy" value=p.as_str() checked=p == policy/>
                            <span>{p.label(lang)}</span>
                        </label>
                    }).collect_view()}
                </div>
                <label for="contact">{tre(lang, "連絡先（電話、メール、ウェブサイトなど）", "Contact (phone, e-mail, website…)", "れんらくさき（でんわ、メール、ウェブサイト など）")}</label>
                <p class="field-error" id="contact-error">{error("contact")}</p>
                <input type="text" id="contact" name="contact" maxlength="200" value=value("contact") aria-describedby="contact-error"/>
            </fieldset>
            <button type="submit" class="primary">{submit}</button>
        </form>
    }
}
