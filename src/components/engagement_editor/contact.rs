//! Contact details for follow-up, offered only where the organisation keeps them (or the record
//! holds some already): the details, when consent was given, and when they are removed.

use fieldbook_core::form::ContactForm;
use fieldbook_core::organisation::Organisation;
use leptos::prelude::*;

use super::editor::{field_id, Editor};
use crate::components::TextField;
use crate::{focus, local_time};

#[component]
pub fn ContactDetails(editor: Editor, organisation: Organisation) -> impl IntoView {
    let has = move || editor.form.with(|form| form.contact.is_some());
    let (details, set_details) = editor.text(
        |f| f.contact.as_ref().map(|c| &c.details),
        |f| f.contact.as_mut().map(|c| &mut c.details),
    );
    let (consent_on, _) = editor.text(
        |f| f.contact.as_ref().map(|c| &c.consent_on),
        |f| f.contact.as_mut().map(|c| &mut c.consent_on),
    );
    let set_consent_on = move |text: String| {
        editor.edit(|form| {
            if let Some(contact) = form.contact.as_mut() {
                contact.set_consent_on(&text, &organisation);
            }
        })
    };
    let (retain_until, set_retain_until) = editor.text(
        |f| f.contact.as_ref().map(|c| &c.retain_until),
        |f| f.contact.as_mut().map(|c| &mut c.retain_until),
    );
    let error = move |path: &'static str| editor.error(move || path.to_owned());
    let add = move |_| {
        let today = local_time::context().now.date();
        editor.edit(|form| form.contact = Some(ContactForm::new(today, &organisation)));
        focus::focus_soon(field_id("contact.details"));
    };
    let period = format!(
        "They are removed on their \"Keep until\" date, at most {} months after consent.",
        organisation.retention_months
    );
    view! {
        <p class="hint">"Only with the person's consent, to follow up with them."</p>
        <p class="hint">{period}</p>
        <Show
            when=has
            fallback=move || {
                organisation
                    .contact_details
                    .then(|| {
                        view! {
                            <button type="button" class="secondary" on:click=add>
                                "Add contact details"
                            </button>
                        }
                    })
            }
        >
            <TextField
                id=field_id("contact.details")
                label="Contact details"
                value=details
                on_change=set_details
                error=error("contact.details")
                hint="A phone number or email address. Keep them out of notes: only this field stays out of reports and exports."
            />
            // Stacked: two date inputs side by side do not fit a 360 px screen.
            <TextField
                id=field_id("contact.consent_on")
                label="Consent given on"
                value=consent_on
                on_change=set_consent_on
                error=error("contact.consent_on")
                kind="date"
            />
            <TextField
                id=field_id("contact.retain_until")
                label="Keep until"
                value=retain_until
                on_change=set_retain_until
                error=error("contact.retain_until")
                kind="date"
            />
            <p class="field-error">{move || error("contact").get()}</p>
            <button
                type="button"
                class="secondary danger"
                on:click=move |_| editor.edit(|form| form.contact = None)
            >
                "Remove contact details"
            </button>
        </Show>
    }
}
