//! A person's signed-in devices, each with its own "Sign out", such as for a lost phone.

use fieldbook_core::protocol::SessionSummary;
use leptos::prelude::*;

use super::failed;
use crate::api::Api;
use crate::components::{Said, Status};
use crate::when;

#[component]
pub fn Devices(username: String) -> impl IntoView {
    let api = expect_context::<StoredValue<Api>>();
    let username = StoredValue::new(username);
    let listed = LocalResource::new(move || {
        let (api, username) = (api.get_value(), username.get_value());
        async move { api.sessions(&username).await }
    });
    let said: Said = RwSignal::new(None);
    let sign_out = Action::new_local(move |session: &SessionSummary| {
        let (api, username) = (api.get_value(), username.get_value());
        let (id, device) = (session.id.clone(), session.device());
        async move {
            said.set(Some(match api.sign_out(&username, &id).await {
                Ok(()) => Ok(format!("{device} is signed out. It can no longer sync.")),
                Err(failure) => Err(format!("{device} is still signed in. {failure}")),
            }));
            listed.refetch();
        }
    });

    view! {
        <section class="panel" aria-labelledby="devices-title">
            <h2 id="devices-title">"Devices signed in"</h2>
            <Transition fallback=|| view! { <p>"Asking the server…"</p> }>
                {move || listed.get().map(|answer| answer.map_or_else(failed, |sessions| devices(sessions, sign_out)))}
            </Transition>
            <Status said=said />
        </section>
    }
}

fn devices(mut sessions: Vec<SessionSummary>, sign_out: Action<SessionSummary, ()>) -> AnyView {
    if sessions.is_empty() {
        return view! { <p>"None: this person is not signed in anywhere."</p> }.into_any();
    }
    sessions.sort_by_key(|session| std::cmp::Reverse(session.last_used_ms));
    view! {
        <ul class="device-list">
            {sessions
                .into_iter()
                .map(|session| {
                    let device = session.device();
                    let used = when::describe(session.last_used_ms);
                    let label = format!("Sign out {device}, last used {used}");
                    view! {
                        <li class="device">
                            <p><strong>{device}</strong></p>
                            <p>{format!("Signed in {}. Last used {used}.", when::describe(session.created_ms))}</p>
                            <button
                                type="button"
                                class="secondary"
                                aria-label=label
                                disabled=move || sign_out.pending().get()
                                on:click=move |_| { sign_out.dispatch(session.clone()); }
                            >
                                "Sign out"
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
