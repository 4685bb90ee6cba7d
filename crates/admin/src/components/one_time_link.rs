//! A one-time password link, to pass on privately: the full address to copy, and when it stops
//! working.

use fieldbook_core::protocol::admin::PasswordLink;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::{Said, Status};
use crate::when;

#[component]
pub fn OneTimeLink(link: PasswordLink) -> impl IntoView {
    let origin = window().location().origin().unwrap_or_default();
    let address = format!("{origin}{}", link.path);
    let copied: Said = RwSignal::new(None);
    let copy = {
        let address = address.clone();
        move |_| {
            let promise = window().navigator().clipboard().write_text(&address);
            leptos::task::spawn_local(async move {
                copied.set(Some(match JsFuture::from(promise).await {
                    Ok(_) => Ok("Copied.".to_owned()),
                    Err(_) => Err(
                        "This browser would not copy it: select the link and copy it by hand."
                            .to_owned(),
                    ),
                }));
            });
        }
    };
    let id = format!("link-{}", link.username);
    view! {
        <div class="one-time-link">
            <p>
                {format!("The password link for {}. ", link.username)}
                "Pass it on privately (in person, or by a message only they read): whoever opens "
                "it can set the password. It works once, until "
                {when::describe(link.expires_at_ms)} "."
            </p>
            <div class="field">
                <label for=id.clone()>{format!("Password link for {}", link.username)}</label>
                <input id=id type="text" readonly prop:value=address />
            </div>
            <button type="button" on:click=copy>"Copy the link"</button>
            <Status said=copied />
        </div>
    }
}
