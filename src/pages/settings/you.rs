//! "You": whose name records and training progress are kept under. Signed in, it is the
//! account's, shown and not editable; a phone never signed in uses the name typed here.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{Outcome, SaveStatus, TextField};
use crate::focus;
use crate::state::{Data, Part};

const NAME: &str = "you-name";

#[component]
pub fn You() -> impl IntoView {
    let data = expect_context::<Data>();
    // A memo, so a save (which changes the store) does not rebuild the form and lose "Saved".
    let signed_in = Memo::new(move |_| {
        data.follow(&[Part::Settings], |store| {
            store.session().cloned().map(|s| s.user.username)
        })
    });
    view! {
        <section class="panel" aria-labelledby="you-title">
            <h2 id="you-title" tabindex="-1">"You"</h2>
            {move || match signed_in.get() {
                Some(username) => view! {
                    <p>
                        "Your records and training progress are kept under your account, "
                        <strong>{username}</strong>
                        ". Its name, role and teams come from your organisation's server; an "
                        "administrator changes them."
                    </p>
                }
                    .into_any(),
                None => view! { <LocalName /> }.into_any(),
            }}
        </section>
    }
}

/// The name a phone that is not signed in records under.
#[component]
fn LocalName() -> impl IntoView {
    let data = expect_context::<Data>();
    let name = RwSignal::new(data.settings().user);
    let error = RwSignal::new(None::<String>);
    let outcome = RwSignal::new(Outcome::None);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let typed = name.get_untracked().trim().to_owned();
        if typed.is_empty() {
            error.set(Some("Enter your name, as your team knows you.".to_owned()));
            outcome.set(None);
            focus::focus_soon(NAME);
            return;
        }
        error.set(None);
        // Read afresh, so a field saved meanwhile (the active framework) is kept.
        let mut settings = data.settings();
        settings.user = typed;
        outcome.set(Some(data.write(|store| store.save_settings(&settings))));
    };

    view! {
        <p>
            "Without signing in, this phone keeps your records and training progress under the "
            "name below. Signing off training and reviewing records need a coordinator's "
            "account: " <A href="/sign-in">"sign in"</A> " to use one."
        </p>
        <form novalidate aria-labelledby="you-title" on:submit=submit on:input=move |_| outcome.set(None)>
            <TextField
                id=NAME
                label="Your name"
                value=name
                on_change=move |typed| name.set(typed)
                error=error
            />
            <div class="form-actions">
                <button type="submit">"Save"</button>
            </div>
        </form>
        <SaveStatus outcome />
    }
}
