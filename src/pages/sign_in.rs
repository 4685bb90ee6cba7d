//! Signing in to the sync server. The server defaults to the one the app came from.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::TextField;
use crate::state::Data;
use crate::storage::Session;
use crate::sync::{Client, SyncService};

#[component]
pub fn SignIn() -> impl IntoView {
    let data = expect_context::<Data>();
    let service = expect_context::<SyncService>();
    let navigate = use_navigate();
    let origin = window().location().origin().unwrap_or_default();
    let known = data.peek(|store| store.session().cloned());
    let server = RwSignal::new(known.as_ref().map_or(origin, |s| s.server.clone()));
    let username = RwSignal::new(known.map(|s| s.user.username).unwrap_or_default());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let none = Signal::derive(|| None::<String>);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (base, name, secret) = (
            server.get_untracked(),
            username.get_untracked(),
            password.get_untracked(),
        );
        if name.trim().is_empty() || secret.is_empty() {
            error.set(Some("Give your username and password.".into()));
            crate::focus::focus_soon("sign-in-error");
            return;
        }
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match Client::login(&base, name.trim(), &secret).await {
                Ok(session) => {
                    // From now on records are made under the account's name, in its role.
                    let saved = data.write(|store| {
                        store.save_session(&Session {
                            server: base.trim_end_matches('/').to_owned(),
                            token: session.token,
                            expires_at_ms: session.expires_at_ms,
                            user: session.user,
                            expired: false,
                        })
                    });
                    busy.set(false);
                    match saved {
                        Ok(()) => {
                            service.signed_in();
                            navigate("/record", Default::default());
                        }
                        Err(failure) => error.set(Some(failure.to_string())),
                    }
                }
                Err(failure) => {
                    busy.set(false);
                    password.set(String::new());
                    error.set(Some(failure.to_string()));
                    crate::focus::focus_soon("sign-in-error");
                }
            }
        });
    };
    view! {
        <section class="page" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">"Sign in"</h1>
            <p>"Sign in to send your records to your team's server and receive theirs. You can record without signing in; records wait on this phone."</p>
            <form class="sign-in" novalidate on:submit=submit>
                <TextField id="sign-in-server" label="Server" value=server on_change=move |t| server.set(t) error=none kind="url" hint="Where your organisation runs Fieldbook." />
                <TextField id="sign-in-username" label="Username" value=username on_change=move |t| username.set(t) error=none />
                <TextField id="sign-in-password" label="Password" value=password on_change=move |t| password.set(t) error=none kind="password" />
                <p id="sign-in-error" class="form-problems" role="alert" tabindex="-1">{move || error.get()}</p>
                <div class="form-actions">
                    <button type="submit" disabled=move || busy.get()>
                        {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                    </button>
                </div>
            </form>
        </section>
    }
}
