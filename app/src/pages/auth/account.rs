//! `/account`: one's own account. Change the name others see, change the password (every other
//! browser is signed out), see the browsers signed in and sign one or all others out, and
//! download a copy of one's data. Plain forms to the server's `/account/…` handlers, so all of
//! it works without JavaScript; a refused form comes back with what was typed (passwords
//! excepted) and the reason beside the field.

use crate::api::account::get_account;
use crate::api::request::RejectedForm;
use crate::components::account::{SignOutButton, error_or_sign_in};
use crate::components::forms::{rejected_field, rejected_summary};
use crate::i18n::{tre, use_lang};
use crate::time::format_jst;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::Lang;
use shared::account::{Digest, Role};
use shared::views::{AccountView, SessionView};

fn saved_message(lang: Lang, saved: Option<String>, ended: bool) -> Option<&'static str> {
    match (saved.as_deref(), ended) {
        (Some("joined"), _) => Some(tre(
            lang,
            "登録が済みました。ようこそ、Yoriai へ。",
            "You have joined. Welcome to Yoriai.",
            "とうろく できました。ようこそ。",
        )),
        (Some("email-sent"), _) => Some(tre(
            lang,
            "新しいメールアドレスに確認のメールを送りました。メールのリンクを開くと変更されます（24時間有効）。",
            "We sent a mail to the new address: open its link to make the change (it works for 24 hours).",
            "あたらしい メールアドレスに メールを おくりました。リンクを ひらくと かわります。",
        )),
        (Some("email"), _) => Some(tre(
            lang,
            "メールアドレスを変更しました。前のアドレスにもお知らせしました。",
            "Your address was changed. We told the old address too.",
            "メールアドレスを かえました。",
        )),
        (Some("digest"), _) => Some(tre(
            lang,
            "まとめメールの設定を保存しました。",
            "Your digest setting was saved.",
            "まとめ メールの せっていを ほぞん しました。",
        )),
        (Some("name"), _) => Some(tre(
            lang,
            "お名前を変更しました。",
            "Your name was changed.",
            "なまえを かえました。",
        )),
        (Some("password"), _) => Some(tre(
            lang,
            "パスワードを変更しました。ほかの端末はログアウトしました。確認のメールをお送りしました。",
            "Your password was changed and every other device signed out. We sent you a mail about it.",
            "パスワードを かえました。ほかの きかいは ログアウト しました。メールで おしらせ しました。",
        )),
        (_, true) => Some(tre(
            lang,
            "選んだ端末をログアウトしました。",
            "The device you chose was signed out.",
            "えらんだ きかいを ログアウト しました。",
        )),
        _ => None,
    }
}

fn session_row(lang: Lang, s: SessionView) -> impl IntoView {
    let device = if s.device.is_empty() {
        tre(
            lang,
            "（不明なブラウザ）",
            "(unknown browser)",
            "（わからない ブラウザ）",
        )
        .to_string()
    } else {
        s.device.clone()
    };
    view! {
        <li class="session" data-current=s.current.to_string()>
            <p class="device">{device}</p>
            <p class="hint">
                {tre(lang, "ログイン：", "Signed in: ", "ログイン：")}{format_jst(s.created_at, lang)}
                " · "
                {tre(lang, "最後の利用：", "Last used: ", "さいごに つかった：")}{format_jst(s.last_seen_at, lang)}
            </p>
            {if s.current {
                view! { <p class="badge">{tre(lang, "この端末", "This device", "この きかい")}</p> }.into_any()
            } else {
                view! {
                    <form method="post" action="/account/sessions">
                        <input type="hidden" name="form" value="sessions"/>
                        <input type="hidden" name="session" value=s.key.clone()/>
                        <button type="submit" class="secondary">{tre(lang, "ログアウトさせる", "Sign it out", "ログアウト させる")}</button>
                    </form>
                }
                .into_any()
            }}
        </li>
    }
}

/// Deleting one's account: what happens to one's posts, the password, and an explicit "I
/// understand"; a group run alone is handed over first.
fn delete_section(
    lang: Lang,
    hand_over: &[shared::admin::Choice],
    summary: Option<AnyView>,
    error: &dyn Fn(&str) -> Option<String>,
) -> AnyView {
    let groups = (!hand_over.is_empty()).then(|| {
        let items = hand_over
            .iter()
            .map(|g| view! { <li><a href=format!("/groups/{}", g.id)>{g.name.clone()}</a></li> })
            .collect_view();
        view! {
            <div class="notice warning" data-state="hand-over">
                <p>{tre(lang, "ひとりで世話役をしているグループがあります。削除の前に、ほかのメンバーを世話役にしてください：", "You run these groups alone while others belong to them. Before deleting, make another member an organiser:", "ひとりで せわやくを して いる グループが あります。けす まえに、ほかの ひとを せわやくに して ください：")}</p>
                <p class="field-error" id="groups-error">{error("groups")}</p>
                <ul>{items}</ul>
            </div>
        }
    });
    view! {
        <section class="account-section" id="delete">
            <h2>{tre(lang, "アカウントの削除", "Delete your account", "アカウントを けす")}</h2>
            {summary}
            <p>{tre(lang, "削除すると、メールアドレスとお名前を消去し、参加しているグループ・参加の返事・お知らせも削除します。ログインできなくなり、元に戻せません。アンケートの回答は匿名で、もともとアカウントと結びついていません。", "Deleting erases your address and name, and your group memberships, event replies and notifications. You can no longer sign in, and it cannot be undone. Survey answers are anonymous and were never tied to your account.", "けすと、メールアドレスと なまえ、グループ、へんじ、おしらせを けします。ログイン できなく なり、もとに もどせません。")}</p>
            {groups}
            <form method="post" action="/account/delete#delete" class="stack" novalidate>
                <input type="hidden" name="form" value="delete"/>
                <fieldset class="question">
                    <legend>{tre(lang, "あなたの投稿", "Your posts", "あなたの とうこう")}</legend>
                    <p class="field-error" id="posts-error">{error("posts")}</p>
                    <label class="choice"><input type="radio" name="posts" value="keep"/>" "{tre(lang, "「退会したメンバー」の名前で残す", "Keep them, under “a member who left”", "「たいかい した メンバー」の なまえで のこす")}</label>
                    <label class="choice"><input type="radio" name="posts" value="remove"/>" "{tre(lang, "削除する", "Remove them", "けす")}</label>
                </fieldset>
                <div class="question">
                    <label for="delete_password">{tre(lang, "いまのパスワード", "Current password", "いまの パスワード")}</label>
                    <p class="field-error" id="password-error">{error("password")}</p>
                    <input type="password" id="delete_password" name="password" autocomplete="current-password" aria-describedby="password-error"/>
                </div>
                <p class="field-error" id="confirmed-error">{error("confirmed")}</p>
                <label class="choice"><input type="checkbox" name="confirmed" value="1"/>" "{tre(lang, "削除すると元に戻せないことを理解しました", "I understand this cannot be undone", "もとに もどせない ことが わかりました")}</label>
                <button type="submit" class="danger">{tre(lang, "アカウントを削除する", "Delete my account", "アカウントを けす")}</button>
            </form>
        </section>
    }
    .into_any()
}

/// How often a digest of what one has not read is mailed: off, every morning, every Monday.
fn digest_section(
    lang: Lang,
    current: Digest,
    summary: Option<AnyView>,
    error: Option<String>,
) -> AnyView {
    let choices = Digest::ALL
        .into_iter()
        .map(|d| {
            let (label, hint) = match d {
                Digest::Off => (
                    tre(lang, "送らない", "Off", "おくらない"),
                    tre(
                        lang,
                        "お知らせは Yoriai の中でだけ見られます。",
                        "See them on Yoriai only.",
                        "Yoriaiの なかで だけ みられます。",
                    ),
                ),
                Digest::Daily => (
                    tre(lang, "毎日", "Daily", "まいにち"),
                    tre(
                        lang,
                        "毎朝7時ごろ、前の日からの分を送ります。",
                        "Every morning around 7:00, with what came since the day before.",
                        "まいあさ 7じごろ に おくります。",
                    ),
                ),
                Digest::Weekly => (
                    tre(lang, "毎週", "Weekly", "まいしゅう"),
                    tre(
                        lang,
                        "毎週月曜の朝7時ごろ、1週間分を送ります。",
                        "Monday mornings around 7:00, with the week's.",
                        "まいしゅう げつようびの あさ 7じごろ に おくります。",
                    ),
                ),
            };
            view! {
                <label class="choice">
                    <input type="radio" name="digest" value=d.as_str() checked=d == current/>
                    <span><strong>{label}</strong><br/><span class="hint">{hint}</span></span>
                </label>
            }
        })
        .collect_view();
    view! {
        <section class="account-section" id="digest">
            <h2>{tre(lang, "お知らせのまとめメール", "Digest by e-mail", "おしらせの まとめ メール")}</h2>
            {summary}
            <form method="post" action="/account/digest#digest" class="stack" novalidate>
                <input type="hidden" name="form" value="digest"/>
                <p>{tre(lang, "まだ読んでいないお知らせ（グループやセンターからのお知らせ、アンケート作りの通知）を、まとめてメールで受け取れます。何もない日は送りません。", "Get what you have not read (notices from groups and the centre, news of the surveys you work on) in one mail. Nothing new, no mail.", "まだ よんで いない おしらせを まとめて メールで うけとれます。なにも ない ひは おくりません。")}</p>
                <fieldset class="question">
                    <legend>{tre(lang, "送る頻度", "How often", "おくる かいすう")}</legend>
                    <p class="field-error" id="digest-error">{error}</p>
                    {choices}
                </fieldset>
                <button type="submit" class="primary">{tre(lang, "保存する", "Save", "ほぞん する")}</button>
            </form>
        </section>
    }
    .into_any()
}

fn account_page(
    lang: Lang,
    account: AccountView,
    rejected: Option<RejectedForm>,
    notice: Option<&'static str>,
    joined: bool,
) -> impl IntoView {
    let which = rejected
        .as_ref()
        .and_then(|r| r.values.first("form").map(str::to_string));
    let summary_for = |form: &str| {
        (which.as_deref() == Some(form))
            .then(|| rejected_summary(rejected.as_ref(), lang))
            .flatten()
            .map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })
    };
    let error = |name: &str| rejected_field(rejected.as_ref(), lang, name);
    let name_value = rejected
        .as_ref()
        .and_then(|r| r.values.first("display_name").map(str::to_string))
        .unwrap_or_else(|| account.display_name.clone());
    let others = account.sessions.iter().filter(|s| !s.current).count();
    view! {
        <SignOutButton name=account.display_name.clone()/>
        {notice.map(|m| {
            let start = joined.then(|| {
                let (href, label) = match account.role {
                    Role::Admin | Role::Staff => ("/staff", tre(lang, "アンケート一覧へ", "Go to the surveys", "アンケートの いちらんへ")),
                    Role::Council => ("/review", tre(lang, "確認するアンケートへ", "Go to the drafts to review", "みる アンケートへ")),
                    Role::Organiser | Role::Resident => ("/groups", tre(lang, "地域のグループへ", "Go to the local groups", "ちいきの グループへ")),
                };
                view! { <p><a class="button primary" href=href>{label}</a></p> }
            });
            view! { <div class="notice" role="status" data-state="saved"><p>{m}</p>{start}</div> }
        })}
        <dl class="account-facts">
            <dt>{tre(lang, "メールアドレス", "E-mail address", "メールアドレス")}</dt>
            <dd>{account.email.clone()}</dd>
            <dt>{tre(lang, "お住まいの校区", "Home district", "すんで いる こうく")}</dt>
            <dd>{account.district.clone().unwrap_or_else(|| tre(lang, "（選んでいません）", "(not given)", "（えらんで いません）").to_string())}</dd>
            <dt>{tre(lang, "登録日", "Member since", "とうろく した ひ")}</dt>
            <dd>{format_jst(account.created_at, lang)}</dd>
        </dl>

        <section class="account-section" id="name">
            <h2>{tre(lang, "お名前", "Your name", "なまえ")}</h2>
            {summary_for("name")}
            <form method="post" action="/account/name" class="stack" novalidate>
                <input type="hidden" name="form" value="name"/>
                <div class="question">
                    <label for="display_name">{tre(lang, "お名前（ほかの人に表示されます）", "Your name (shown to others)", "なまえ（ほかの ひとに みえます）")}</label>
                    <p class="field-error" id="display_name-error">{error("display_name")}</p>
                    <input type="text" id="display_name" name="display_name" autocomplete="nickname" maxlength="50" value=name_value aria-describedby="display_name-error"/>
                </div>
                <button type="submit" class="primary">{tre(lang, "名前を変更する", "Change the name", "なまえを かえる")}</button>
            </form>
        </section>

        <section class="account-section" id="email">
            <h2>{tre(lang, "メールアドレス", "E-mail address", "メールアドレス")}</h2>
            {summary_for("email")}
            <form method="post" action="/account/email#email" class="stack" novalidate>
                <input type="hidden" name="form" value="email"/>
                <div class="question">
                    <label for="new_email">{tre(lang, "新しいメールアドレス", "New address", "あたらしい メールアドレス")}</label>
                    <p class="hint">{tre(lang, "新しいアドレスに確認のメールを送ります。リンクを開くと変更されます。", "We mail the new address a link; opening it makes the change.", "あたらしい アドレスに メールを おくります。リンクを ひらくと かわります。")}</p>
                    <p class="field-error" id="new_email-error">{error("new_email")}</p>
                    <input type="email" id="new_email" name="new_email" autocomplete="email" value=rejected.as_ref().and_then(|r| r.values.first("new_email").map(str::to_string)) aria-describedby="new_email-error"/>
                </div>
                <div class="question">
                    <label for="email_password">{tre(lang, "いまのパスワード", "Current password", "いまの パスワード")}</label>
                    <p class="field-error" id="email_password-error">{error("email_password")}</p>
                    <input type="password" id="email_password" name="email_password" autocomplete="current-password" aria-describedby="email_password-error"/>
                </div>
                <button type="submit" class="primary">{tre(lang, "確認のメールを送る", "Send the confirmation", "かくにんの メールを おくる")}</button>
            </form>
        </section>

        <section class="account-section" id="password">
            <h2>{tre(lang, "パスワード", "Password", "パスワード")}</h2>
            {summary_for("password")}
            <form method="post" action="/account/password" class="stack" novalidate>
                <input type="hidden" name="form" value="password"/>
                <input type="text" name="username" autocomplete="username" value=account.email.clone() hidden/>
                <div class="question">
                    <label for="current_password">{tre(lang, "いまのパスワード", "Current password", "いまの パスワード")}</label>
                    <p class="field-error" id="current_password-error">{error("current_password")}</p>
                    <input type="password" id="current_password" name="current_password" autocomplete="current-password" aria-describedby="current_password-error"/>
                </div>
                <div class="question">
                    <label for="new_password">{tre(lang, "新しいパスワード（12文字以上）", "New password (12 characters or more)", "あたらしい パスワード（12もじ いじょう）")}</label>
                    <p class="hint">{tre(lang, "変更すると、この端末以外はすべてログアウトします。", "Every device but this one will be signed out.", "かえると、この きかい いがいは ぜんぶ ログアウト します。")}</p>
                    <p class="field-error" id="new_password-error">{error("new_password")}</p>
                    <input type="password" id="new_password" name="new_password" autocomplete="new-password" aria-describedby="new_password-error"/>
                </div>
                <button type="submit" class="primary">{tre(lang, "パスワードを変更する", "Change the password", "パスワードを かえる")}</button>
            </form>
        </section>

        <section class="account-section" id="sessions">
            <h2>{tre(lang, "ログイン中の端末", "Devices signed in", "ログイン して いる きかい")}</h2>
            {summary_for("sessions")}
            <ul class="sessions">
                {account.sessions.into_iter().map(|s| session_row(lang, s)).collect_view()}
            </ul>
            {(others > 0).then(|| view! {
                <form method="post" action="/account/sessions">
                    <input type="hidden" name="form" value="sessions"/>
                    <input type="hidden" name="session" value="others"/>
                    <button type="submit" class="secondary">{tre(lang, "この端末以外をすべてログアウト", "Sign out every other device", "この きかい いがいを ぜんぶ ログアウト")}</button>
                </form>
            })}
        </section>

        {digest_section(lang, account.digest, summary_for("digest").map(IntoAny::into_any), error("digest"))}

        {delete_section(lang, &account.hand_over, summary_for("delete").map(IntoAny::into_any), &error)}

        <section class="account-section" id="data">
            <h2>{tre(lang, "あなたのデータ", "Your data", "あなたの データ")}</h2>
            <p>{tre(lang, "アカウント、参加しているグループ、投稿、参加の返事、コメント、お知らせなど、Yoriaiがあなたについて保存しているものをすべてダウンロードできます（JSON形式）。アンケートの回答は匿名で、アカウントと結びついていないため含まれません。", "Download everything Yoriai stores about you: your account, groups, posts, event replies, comments, notifications (as JSON). Survey answers are anonymous and tied to no account, so they are not included.", "アカウント、グループ、とうこう、へんじ、コメント、おしらせ など、Yoriaiが あなたに ついて ほぞん して いる ものを ぜんぶ ダウンロード できます（JSON）。アンケートの こたえは なまえが ないので、はいって いません。")}</p>
            <p><a href="/account/data.json" download="yoriai-my-data.json" class="button secondary">{tre(lang, "データをダウンロード", "Download my data", "データを ダウンロード")}</a></p>
        </section>
    }
}

/// The account page.
#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    let query = use_query_map().read_untracked();
    let notice = if rejected.is_some() {
        None
    } else {
        saved_message(lang, query.get("saved"), query.get("ended").is_some())
    };
    let joined = query.get("saved").as_deref() == Some("joined");
    let title = tre(lang, "アカウント", "Your account", "アカウント");
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <Suspense>
            {move || {
                let rejected = rejected.clone();
                Suspend::new(async move {
                    match get_account().await {
                        Ok(account) => account_page(lang, account, rejected, notice, joined).into_any(),
                        Err(e) => error_or_sign_in(e, "/account"),
                    }
                })
            }}
        </Suspense>
    }
}
