//! Saving the question editor while staff type: a moment after the last keystroke, the form
//! goes to the `save_question` server function as it would post. The save button stays and
//! works without JavaScript; saves by one person never conflict with each other.
// On the server the island only renders: saving runs in the browser.
#![cfg_attr(not(feature = "hydrate"), allow(dead_code))]

use super::*;
use crate::i18n::tr;

/// How long typing must pause before the form is saved, in milliseconds.
pub const AUTOSAVE_DELAY_MS: u64 = 800;

/// What the autosave is doing, as the line above the preview says it.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Status {
    /// Nothing typed yet.
    Idle,
    /// Typed, to be saved when typing pauses.
    Waiting,
    /// Being saved.
    Saving,
    /// Saved as this revision.
    Saved(i64),
    /// The kind was switched: the save button shows that kind's own fields.
    KindSwitched,
    /// Refused, for this reason (the fields keep what was typed).
    Refused(String),
    /// Someone else changed this question meanwhile: the question as they saved it (`None`
    /// when it could not be read). Autosave waits until told to go on.
    Conflict(Option<Box<Question>>),
}

/// The autosave's state, shared by the island's handlers.
#[derive(Clone, Copy)]
pub(super) struct Autosave {
    lang: Lang,
    survey_id: i64,
    status: RwSignal<Status>,
    /// The question as last saved: what the server reads the form against.
    pub(super) saved: StoredValue<Question>,
    timer: StoredValue<Option<leptos::prelude::TimeoutHandle>>,
    /// A save is under way; `again`: the form changed meanwhile.
    busy: StoredValue<(bool, bool)>,
    /// No more autosaves: after a conflict (until "save mine"), or once the form is posted.
    stopped: StoredValue<bool>,
    /// The kind whose own fields are being fetched.
    fetching_kind: StoredValue<Option<String>>,
}

/// Whether the kind chosen in the form is not the kind whose fields the form holds (the kind
/// was just switched).
fn kind_pending(values: &FormValues, saved: &Question) -> bool {
    let fields_of = values
        .first("kind_fields")
        .unwrap_or(shared::edit::kind_name(&saved.kind));
    values.first("kind").is_some_and(|k| k != fields_of)
}

impl Autosave {
    pub(super) fn new(lang: Lang, survey_id: i64, saved: Question) -> Autosave {
        Autosave {
            lang,
            survey_id,
            status: RwSignal::new(Status::Idle),
            saved: StoredValue::new(saved),
            timer: StoredValue::new(None),
            busy: StoredValue::new((false, false)),
            stopped: StoredValue::new(false),
            fetching_kind: StoredValue::new(None),
        }
    }

    /// Saves no more (the form is being posted).
    pub(super) fn stop(self) {
        #[cfg(feature = "hydrate")]
        if let Some(timer) = self.timer.get_value() {
            timer.clear();
        }
        self.stopped.set_value(true);
    }

    /// The form changed: save it when typing pauses.
    #[cfg(feature = "hydrate")]
    pub(super) fn schedule(self) {
        if self.stopped.get_value() {
            return;
        }
        if let Some(timer) = self.timer.get_value() {
            timer.clear();
        }
        self.status.set(Status::Waiting);
        let timer = set_timeout_with_handle(
            move || self.save_now(),
            std::time::Duration::from_millis(AUTOSAVE_DELAY_MS),
        );
        self.timer.set_value(timer.ok());
    }

    /// The kind was switched in the form: puts that kind's own fields in place of the old
    /// kind's (the form posted to `…/fields`, whose answer is those fields rendered by the
    /// server from what is typed; nothing saved), then tells the editor
    /// its form changed, so that the preview follows and the autosave saves the new kind. If
    /// the fields cannot be had, the save button still shows them.
    #[cfg(feature = "hydrate")]
    pub(super) fn fetch_kind_fields(self, values: &FormValues) {
        let saved = self.saved.get_value();
        let Some(kind) = values
            .first("kind")
            .filter(|_| kind_pending(values, &saved))
        else {
            return;
        };
        if self.fetching_kind.get_value().as_deref() == Some(kind) {
            return;
        }
        let Some(form) = super::dom::the_editor_form() else {
            return;
        };
        self.fetching_kind.set_value(Some(kind.to_string()));
        self.status.set(Status::Waiting);
        let kind = kind.to_string();
        leptos::task::spawn_local(async move {
            let url = format!("{}/fields", form.action());
            let html = crate::components::browser::post_form(&url, &form).await;
            // Only the latest switch counts.
            if self.fetching_kind.get_value().as_deref() != Some(kind.as_str()) {
                return;
            }
            self.fetching_kind.set_value(None);
            match html {
                Some(html) if super::dom::put_kind_fields(&kind, &html) => {}
                _ => self.status.set(Status::KindSwitched),
            }
        });
    }

    /// After a conflict: saves what is typed over the other change, and goes on saving.
    fn save_mine(self) {
        self.stopped.set_value(false);
        #[cfg(feature = "hydrate")]
        self.save_now();
    }

    /// Saves the form as it is now (after the save under way, if any).
    #[cfg(feature = "hydrate")]
    fn save_now(self) {
        let (busy, _) = self.busy.get_value();
        if busy {
            self.busy.set_value((true, true));
            return;
        }
        let Some(form) = super::dom::the_editor_form() else {
            return;
        };
        let values = super::dom::form_values(&form);
        let saved = self.saved.get_value();
        // A switched kind is saved once its own fields are in the form (`fetch_kind_fields`):
        // saving it before would change the question under the fields shown.
        if kind_pending(&values, &saved) {
            if self.fetching_kind.get_value().is_none() {
                self.status.set(Status::KindSwitched);
            }
            return;
        }
        self.busy.set_value((true, false));
        self.status.set(Status::Saving);
        leptos::task::spawn_local(async move {
            let fields = serde_json::to_string(&values).unwrap_or_default();
            let result =
                crate::api::staff::save_question(self.survey_id, saved.id.clone(), fields).await;
            match result {
                Ok(done) => {
                    super::dom::set_revision(&form, done.revision);
                    self.saved
                        .set_value(shared::edit::question_from_form(&saved, &values));
                    self.status.set(Status::Saved(done.revision));
                }
                Err(shared::ApiError::EditConflict { revision }) => {
                    // Their version becomes what the form is read against, and the base of the
                    // next save: "save mine" then saves over it, knowingly.
                    self.stopped.set_value(true);
                    super::dom::set_revision(&form, revision);
                    let theirs =
                        crate::api::staff::get_saved_question(self.survey_id, saved.id.clone())
                            .await
                            .ok();
                    if let Some(theirs) = &theirs {
                        self.saved.set_value(theirs.clone());
                    }
                    self.status.set(Status::Conflict(theirs.map(Box::new)));
                }
                Err(e) => self.status.set(Status::Refused(refusal(self.lang, &e))),
            }
            let (_, again) = self.busy.get_value();
            self.busy.set_value((false, false));
            if again && !self.stopped.get_value() {
                self.save_now();
            }
        });
    }
}

/// Why a save was refused, in words.
#[cfg(feature = "hydrate")]
fn refusal(lang: Lang, error: &shared::ApiError) -> String {
    match error {
        shared::ApiError::Validation(errors) if errors.get("if.value").is_some() => tr(
            lang,
            "表示の条件にする回答を選ぶと保存されます。",
            "Choose an answer for the condition to save.",
        )
        .to_string(),
        shared::ApiError::Definition(d) => crate::i18n::definition_error(lang, d),
        e => crate::i18n::error_title(lang, e).to_string(),
    }
}

/// The line that says what the autosave did, and on a conflict the other version with the
/// choice to save over it.
pub(super) fn autosave_status(
    autosave: Autosave,
    earlier: StoredValue<Vec<Question>>,
) -> impl IntoView {
    let lang = autosave.lang;
    move || {
        let status = autosave.status.get();
        let (state, text) = match &status {
            Status::Idle => ("idle", String::new()),
            Status::Waiting => ("waiting", tr(lang, "変更があります…", "Changed…").to_string()),
            Status::Saving => ("saving", tr(lang, "保存しています…", "Saving…").to_string()),
            Status::Saved(revision) => (
                "saved",
                match lang {
                    Lang::En => format!("Saved automatically (revision {revision})."),
                    _ => format!("自動保存しました（編集版 {revision}）。"),
                },
            ),
            Status::KindSwitched => (
                "kind",
                tr(
                    lang,
                    "質問の種類を変えました。「保存」を押すと、その種類の欄が出ます（それまで自動保存はしません）。",
                    "The kind was changed. Press \u{201c}Save\u{201d} to get that kind's own fields (until then nothing is saved automatically).",
                )
                .to_string(),
            ),
            Status::Refused(why) => (
                "refused",
                format!("{} {why}", tr(lang, "保存できませんでした。", "Not saved.")),
            ),
            Status::Conflict(_) => (
                "conflict",
                tr(
                    lang,
                    "ほかの方がこの質問を変更しました。あなたの入力は欄にそのまま残っています。",
                    "Someone else changed this question. What you typed stays in the fields.",
                )
                .to_string(),
            ),
        };
        let theirs = match status {
            Status::Conflict(theirs) => Some(view! {
                <section class="autosave-conflict">
                    <h2>{tr(lang, "保存されている内容（ほかの方の変更後）", "As saved now (after the other change)")}</h2>
                    {theirs.map(|q| view! {
                        <div class="phone">{earlier.with_value(|e| question_preview(lang, &q, e))}</div>
                    })}
                    <button type="button" class="primary" on:click=move |_| autosave.save_mine()>
                        {tr(lang, "自分の入力で保存する", "Save what I typed")}
                    </button>
                    <p class="help">{tr(
                        lang,
                        "ほかの方の変更を残すときは、欄を直してから保存してください。",
                        "To keep the other change, adjust the fields first, then save.",
                    )}</p>
                </section>
            }
            .into_any()),
            _ => None,
        };
        view! {
            <p class="autosave" role="status" aria-live="polite" data-autosave=state>{text}</p>
            {theirs}
        }
        .into_any()
    }
}
