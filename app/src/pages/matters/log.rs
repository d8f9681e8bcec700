//! `/matters/new`: staff log a local matter they heard of or saw (the report form, for several
//! districts, with a date to follow it up).

use super::report::report_form;
use super::staff_nav;
use crate::api::matters::get_report_form;
use crate::api::request::RejectedForm;
use crate::components::account::error_or_sign_in;
use crate::i18n::{tr, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;

/// The staff form.
#[component]
pub fn LogMatterPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    let title = tr(lang, "地域情報を記録する", "Log a local matter");
    view! {
        <Title text=title/>
        {staff_nav(lang, "/matters/new")}
        <h1>{title}</h1>
        <Suspense>
            {move || {
                let rejected = rejected.clone();
                Suspend::new(async move {
                    let form = async {
                        match crate::api::staff::get_current_user().await? {
                            Some(user) if user.role.is_staff() => get_report_form().await,
                            Some(_) => Err(shared::ApiError::Forbidden),
                            None => Err(shared::ApiError::Unauthorized),
                        }
                    };
                    match form.await {
                        Ok(form) => report_form(lang, &form, rejected.as_ref(), true).into_any(),
                        Err(e) => error_or_sign_in(e, "/matters/new"),
                    }
                })
            }}
        </Suspense>
    }
}
