//! "Account": who this phone is signed in as, on which server, and signing out. Signing out
//! removes Fieldbook's data from the phone, so with anything unsynced it asks first, says how
//! many records would be lost, and offers a backup.

use fieldbook_core::roles::{can_import_framework, can_manage_users, Role};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::components::export_backup;
use crate::state::{now_ms, Data, Part};
use crate::sync::Client;

const CONFIRM: &str = "sign-out-confirm";

#[component]
pub fn Account() -> impl IntoView {
    let data = expect_context::<Data>();
    let navigate = use_navigate();
    let session =
        Memo::new(move |_| data.follow(&[Part::Settings], |store| store.session().cloned()));
    let unsynced = Memo::new(move |_| {
        let parts = [Part::DOCS.as_slice(), &[Part::Sync]].concat();
        data.follow(&parts, |store| store.waiting())
    });
    let confirming = RwSignal::new(false);

    let sign_out = move || {
        let Some(session) = data.peek(|store| store.session().cloned()) else {
            return;
        };
        // The server forgets the token; offline, it simply expires.
        leptos::task::spawn_local(async move {
            let _ = Client::new(&session.server, &session.token).logout().await;
        });
        data.write(|store| store.sign_out_and_clear(now_ms(), crate::random::fill));
        confirming.set(false);
        navigate("/sign-in", Default::default());
    };
    let start = {
        let sign_out = sign_out.clone();
        move |_| {
            if data.peek(|store| store.waiting() == 0) {
                sign_out();
            } else {
                confirming.set(true);
                crate::focus::focus_soon(CONFIRM);
            }
        }
    };

    view! {
        <section class="panel" aria-labelledby="account-title">
            <h2 id="account-title">"Account"</h2>
            {move || match session.get() {
                None => view! {
                    <p>"Not signed in. Records stay on this phone until you sign in to your team's server."</p>
                    <A href="/sign-in" {..} class="button">"Sign in"</A>
                }
                    .into_any(),
                Some(session) => {
                    let teams = if session.user.teams.is_empty() {
                        String::new()
                    } else {
                        format!(", {}", session.user.teams.join(", "))
                    };
                    let role = Role::label(session.user.role);
                    let start = start.clone();
                    // The admin app is a separate download at /admin/, so a full page load.
                    let admin = if can_manage_users(&session.user) {
                        Some("Administration")
                    } else {
                        can_import_framework(&session.user).then_some("Publish a framework")
                    };
                    view! {
                        <p>
                            "Signed in as " <strong>{session.user.username.clone()}</strong>
                            {format!(" ({role}{teams}) on {}.", session.server)}
                        </p>
                        {admin.map(|name| view! { <a class="button secondary" href="/admin/" rel="external">{name}</a> })}
                        <button type="button" class="secondary" on:click=start>"Sign out"</button>
                    }
                        .into_any()
                }
            }}
            <Show when=move || confirming.get()>
                <div class="confirm" id=CONFIRM tabindex="-1" role="group" aria-labelledby="sign-out-question">
                    <p id="sign-out-question">
                        {move || match unsynced.get() {
                            1 => "1 record has not reached the server. Signing out deletes everything on this phone, so it would be lost.".to_owned(),
                            n => format!("{n} records have not reached the server. Signing out deletes everything on this phone, so they would be lost."),
                        }}
                    </p>
                    <div class="row-actions">
                        <button type="button" on:click=move |_| export_backup(data)>"Export a backup first"</button>
                        <button type="button" class="danger" on:click={
                            let sign_out = sign_out.clone();
                            move |_| sign_out()
                        }>"Sign out and delete them"</button>
                        <button type="button" class="secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
                    </div>
                </div>
            </Show>
        </section>
    }
}
