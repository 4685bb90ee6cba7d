//! Data protection on a person's screen: export everything held about them, or erase them, after
//! a confirmation that says exactly what happens and asks for their username.

use fieldbook_core::protocol::admin::Account;
use leptos::prelude::*;

use crate::api::Api;
use crate::components::{Said, Status};
use crate::download::download_json;
use crate::session::Offer;

#[component]
pub fn Protection(account: Account, changed: impl Fn() + Copy + 'static) -> impl IntoView {
    let offer = expect_context::<Offer>();
    offer
        .protection
        .then(|| view! { <ProtectionPanel account=account changed=changed /> })
}

#[component]
fn ProtectionPanel(account: Account, changed: impl Fn() + Copy + 'static) -> impl IntoView {
    let api = expect_context::<StoredValue<Api>>();
    let username = StoredValue::new(account.user.username.clone());
    let said: Said = RwSignal::new(None);
    let confirming = RwSignal::new(false);
    let typed = RwSignal::new(String::new());

    let export = Action::new_local(move |_: &()| {
        let (api, username) = (api.get_value(), username.get_value());
        async move {
            let saved = match api.export(&username).await {
                Ok(json) => download_json(&format!("fieldbook-{username}.json"), &json)
                    .map(|()| format!("Their records are downloaded as fieldbook-{username}.json."))
                    .map_err(|_| "The download could not be started.".to_owned()),
                Err(failure) => Err(format!("Nothing was exported. {failure}")),
            };
            said.set(Some(saved));
        }
    });
    let erase = Action::new_local(move |_: &()| {
        let (api, username) = (api.get_value(), username.get_value());
        async move {
            said.set(Some(match api.erase(&username).await {
                Ok(erased) => {
                    confirming.set(false);
                    changed();
                    Ok(format!(
                        "{username} is erased: {} is in their place in {} records.",
                        erased.pseudonym, erased.records_changed
                    ))
                }
                Err(failure) => Err(format!("Nothing was erased. {failure}")),
            }));
        }
    });
    let matches = move || typed.with(|typed| typed.trim() == username.get_value());

    view! {
        <section class="panel" aria-labelledby="protection-title">
            <h2 id="protection-title">"Data protection"</h2>
            <p>"For a subject access request: everything the server holds that names this person, as a file."</p>
            <button type="button" class="secondary" disabled=move || export.pending().get() on:click=move |_| { export.dispatch(()); }>
                "Export their records"
            </button>
            <h3>"Erasure"</h3>
            <button type="button" class="secondary danger" on:click=move |_| confirming.set(true)>
                "Erase this person"
            </button>
            <Show when=move || confirming.get()>
                <form
                    class="confirm"
                    aria-labelledby="erase-question"
                    on:submit=move |event| {
                        event.prevent_default();
                        if matches() {
                            erase.dispatch(());
                        }
                    }
                >
                    <p id="erase-question">{format!("Erase {}? This is what happens:", username.get_value())}</p>
                    <ul class="consequences">
                        <li>"Their name is replaced by a pseudonym in every record, in their account and in the audit log."</li>
                        <li>"Contact details in their records are cleared."</li>
                        <li>"Their account is disabled and every device they use is signed out."</li>
                        <li>"It cannot be undone."</li>
                    </ul>
                    <div class="field">
                        <label for="erase-username">{format!("Type {} to confirm", username.get_value())}</label>
                        <input id="erase-username" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" bind:value=typed />
                    </div>
                    <div class="row-actions">
                        <button type="submit" class="danger" disabled=move || !matches() || erase.pending().get()>
                            "Erase for good"
                        </button>
                        <button type="button" class="secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
                    </div>
                </form>
            </Show>
            <Status said=said />
        </section>
    }
}
