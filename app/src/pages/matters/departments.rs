//! `/matters/departments`: the ward's departments (コミュニティ支援課, 保健福祉課, …) and their
//! staff, who are told by mail when a matter is given to their department.

use super::staff_nav;
use crate::api::matters::get_departments;
use crate::api::request::RejectedForm;
use crate::components::account::error_or_sign_in;
use crate::components::forms::{rejected_field, rejected_summary};
use crate::i18n::{tr, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The departments page.
#[component]
pub fn DepartmentsPage() -> impl IntoView {
    let lang = use_lang();
    let rejected = use_context::<RejectedForm>();
    let done = use_query_map().read_untracked().get("done");
    let title = tr(lang, "部署と職員", "Departments and staff");
    view! {
        <Title text=title/>
        {staff_nav(lang, "/matters/departments")}
        <h1>{title}</h1>
        {done.map(|d| view! { <p class="notice" role="status" data-done=d>{tr(lang, "変更しました。", "Changed.")}</p> })}
        <Suspense>
            {move || {
                let rejected = rejected.clone();
                Suspend::new(async move {
                    match get_departments().await {
                        Ok(v) => {
                            let error = |name: &str| rejected_field(rejected.as_ref(), lang, name);
                            let typed = |name: &str| rejected.as_ref().and_then(|r| r.values.first(name).map(str::to_string)).unwrap_or_default();
                            let cards = v.departments.iter().map(|d| {
                                let members = d.members.iter().map(|(user, name)| view! {
                                    <li>{name.clone()}
                                        <form method="post" action="/matters/departments" class="inline">
                                            <input type="hidden" name="action" value="member"/>
                                            <input type="hidden" name="department" value=d.id.to_string()/>
                                            <input type="hidden" name="user" value=user.to_string()/>
                                            <input type="hidden" name="member" value="0"/>
                                            <button type="submit" class="secondary">{tr(lang, "外す", "Remove")}</button>
                                        </form>
                                    </li>
                                }).collect_view();
                                let others = v.staff.iter().filter(|(u, _)| !d.members.iter().any(|(m, _)| m == u)).map(|(u, name)| view! {
                                    <option value=u.to_string()>{name.clone()}</option>
                                }).collect_view();
                                view! {
                                    <section class="card department" data-department=d.id>
                                        <h2>{d.name.clone()}</h2>
                                        {d.email.clone().map(|e| view! { <p class="hint">{e}</p> })}
                                        <ul class="members">{members}</ul>
                                        <form method="post" action="/matters/departments" class="add-member">
                                            <input type="hidden" name="action" value="member"/>
                                            <input type="hidden" name="department" value=d.id.to_string()/>
                                            <input type="hidden" name="member" value="1"/>
                                            <label for=format!("member-{}", d.id)>{tr(lang, "職員を加える", "Add staff")}</label>
                                            <select id=format!("member-{}", d.id) name="user">{others}</select>
                                            <button type="submit" class="secondary">{tr(lang, "加える", "Add")}</button>
                                        </form>
                                    </section>
                                }
                            }).collect_view();
                            view! {
                                {rejected_summary(rejected.as_ref(), lang).map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
                                <p class="field-error">{error("user")}{error("department")}</p>
                                {cards}
                                <form method="post" action="/matters/departments" class="stack card add-department" novalidate>
                                    <h2>{tr(lang, "部署を加える", "Add a department")}</h2>
                                    <input type="hidden" name="action" value="add"/>
                                    <div class="question">
                                        <label for="department-name">{tr(lang, "名前", "Name")}</label>
                                        <p class="field-error">{error("name")}</p>
                                        <input type="text" id="department-name" name="name" maxlength="100" value=typed("name")/>
                                    </div>
                                    <div class="question">
                                        <label for="department-email">{tr(lang, "共有のメールアドレス（任意）", "Shared mailbox (optional)")}</label>
                                        <p class="field-error">{error("email")}</p>
                                        <input type="email" id="department-email" name="email" value=typed("email")/>
                                    </div>
                                    <button type="submit" class="primary">{tr(lang, "加える", "Add")}</button>
                                </form>
                            }
                            .into_any()
                        }
                        Err(e) => error_or_sign_in(e, "/matters/departments"),
                    }
                })
            }}
        </Suspense>
    }
}
