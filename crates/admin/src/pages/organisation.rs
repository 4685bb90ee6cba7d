//! Contact details: whether records may hold them for follow-up, and for how long after consent.
//! Phones learn the setting at their next sync; the server refuses what it does not allow.

use fieldbook_core::organisation::{self, MAX_RETENTION_MONTHS};
use leptos::prelude::*;

use super::failed;
use crate::api::Api;
use crate::components::{Allowed, Said, Status};
use crate::session::Offer;

#[component]
pub fn Organisation() -> impl IntoView {
    let offer = expect_context::<Offer>();
    view! {
        <Allowed when=offer.protection title="Contact details">
            <ContactDetailsScreen />
        </Allowed>
    }
}

#[component]
fn ContactDetailsScreen() -> impl IntoView {
    let api = expect_context::<StoredValue<Api>>();
    let saved = LocalResource::new(move || {
        let api = api.get_value();
        async move { api.organisation().await }
    });
    view! {
        <h1>"Contact details"</h1>
        <Transition fallback=|| view! { <p>"Asking the server…"</p> }>
            {move || {
                saved
                    .get()
                    .map(|answer| answer.map_or_else(failed, |setting| view! { <Form setting /> }.into_any()))
            }}
        </Transition>
    }
}

#[component]
fn Form(setting: organisation::Organisation) -> impl IntoView {
    let api = expect_context::<StoredValue<Api>>();
    let keeps = RwSignal::new(setting.contact_details);
    let months = RwSignal::new(setting.retention_months.to_string());
    let said: Said = RwSignal::new(None);
    let save = Action::new_local(move |setting: &organisation::Organisation| {
        let (api, setting) = (api.get_value(), *setting);
        async move {
            said.set(Some(match api.set_organisation(&setting).await {
                Ok(saved) if saved.contact_details => Ok(format!(
                    "Saved. Records may hold contact details, kept at most {} months after \
                     consent. Phones offer them after their next sync.",
                    saved.retention_months
                )),
                Ok(_) => Ok(
                    "Saved. New records will hold no contact details; those already \
                             held stay until their date."
                        .to_owned(),
                ),
                Err(failure) => Err(format!("Not saved. {failure}")),
            }));
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match months.get_untracked().trim().parse::<u32>() {
            Ok(retention_months) => {
                save.dispatch(organisation::Organisation {
                    contact_details: keeps.get_untracked(),
                    retention_months,
                });
            }
            Err(_) => said.set(Some(Err(format!(
                "Not saved. The number of months should be a whole number from 1 to \
                 {MAX_RETENTION_MONTHS}."
            )))),
        }
    };
    view! {
        <form class="panel" aria-labelledby="contact-title" on:submit=submit>
            <h2 id="contact-title">"Follow-up contact details"</h2>
            <p>
                "Records hold no personal data unless you turn this on. Then outreach staff may \
                 add a person's contact details to a record, with the day they gave consent and \
                 the day to keep them until. The server removes them on that day; they never \
                 appear in reports or exports."
            </p>
            <div class="field">
                <label class="chip">
                    <input type="checkbox" bind:checked=keeps />
                    <span>"Records may hold contact details"</span>
                </label>
            </div>
            <div class="field">
                <label for="contact-months">"Keep them for at most (months after consent)"</label>
                <input id="contact-months" type="text" inputmode="numeric" autocomplete="off" bind:value=months />
            </div>
            <button type="submit" disabled=move || save.pending().get()>"Save"</button>
            <Status said=said />
        </form>
    }
}
