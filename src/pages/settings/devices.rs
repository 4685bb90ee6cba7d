//! "Devices signed in": every phone or computer signed in to this account, from the server, and
//! signing one out from here, such as a lost phone. The list needs a connection.

use fieldbook_core::protocol::SessionSummary;
use leptos::prelude::*;

use crate::local_time;
use crate::state::{Data, Part};
use crate::sync::{Client, Failure};

#[component]
pub fn Devices() -> impl IntoView {
    let data = expect_context::<Data>();
    let client = Memo::new(move |_| {
        data.follow(&[Part::Settings], |store| store.session().cloned())
            .filter(|session| !session.expired)
            .map(|session| (session.server, session.token))
    });
    let listed = LocalResource::new(move || {
        let client = client.get();
        async move {
            let (server, token) = client?;
            Some(Client::new(&server, &token).sessions().await)
        }
    });
    // What the last sign-out did: Ok for done, Err for not done, each in words.
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let sign_out = Action::new_local(move |session: &SessionSummary| {
        let (id, device) = (session.id.clone(), session.device());
        let client = client.get_untracked();
        async move {
            let Some((server, token)) = client else {
                return;
            };
            let result = Client::new(&server, &token).revoke_session(&id).await;
            outcome.set(Some(match result {
                Ok(()) => Ok(format!("{device} is signed out. It can no longer sync.")),
                Err(failure) => Err(format!("{device} is still signed in. {failure}")),
            }));
            listed.refetch();
        }
    });

    view! {
        <Show when=move || client.with(Option::is_some)>
            <section class="panel" aria-labelledby="devices-title">
                <h2 id="devices-title">"Devices signed in"</h2>
                <p>
                    "Every phone or computer signed in to your account. Sign out one you no "
                    "longer have: it can no longer sync, and anything it had not synced stays on it."
                </p>
                <Transition fallback=|| view! { <p>"Asking the server…"</p> }>
                    {move || listed.get().flatten().map(|answer| devices(answer, sign_out))}
                </Transition>
                // Always there, so what a sign-out did is announced; marked done only when it was.
                <p
                    role="status"
                    class=move || match outcome.get() {
                        Some(Ok(_)) => "saved",
                        Some(Err(_)) => "save-error",
                        None => "",
                    }
                >
                    {move || outcome.get().map(|said| said.unwrap_or_else(|not_done| not_done))}
                </p>
            </section>
        </Show>
    }
}

fn devices(
    answer: Result<Vec<SessionSummary>, Failure>,
    sign_out: Action<SessionSummary, ()>,
) -> AnyView {
    let mut sessions = match answer {
        Ok(sessions) => sessions,
        Err(failure) => {
            return view! { <p>{format!("The list needs a connection to the server. {failure}")}</p> }
                .into_any()
        }
    };
    // This phone first, then the most recently used.
    fieldbook_core::sort::sort_by_key(&mut sessions, |session| {
        (!session.current, std::cmp::Reverse(session.last_used_ms))
    });
    view! {
        <ul class="device-list">
            {sessions
                .into_iter()
                .map(|session| {
                    let device = session.device();
                    let used = local_time::describe(session.last_used_ms);
                    let label = format!("Sign out {device}, last used {used}");
                    let this = session.current;
                    view! {
                        <li class="device">
                            <p>
                                <strong>{device}</strong>
                                {this.then_some(" (this phone)")}
                            </p>
                            <p>
                                {format!("Signed in {}. Last used {used}.", local_time::describe(session.created_ms))}
                            </p>
                            {(!this).then(|| view! {
                                <button
                                    type="button"
                                    class="secondary"
                                    aria-label=label
                                    disabled=move || sign_out.pending().get()
                                    on:click=move |_| { sign_out.dispatch(session.clone()); }
                                >
                                    "Sign out"
                                </button>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
