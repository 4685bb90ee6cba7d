//! The welcome a new phone shows once on Record: what the three areas are for, in one short
//! step. "Got it" puts it away for good on this phone, read or not; "New engagement" stays just
//! below it, so nobody has to read it to start.

use leptos::prelude::*;

use crate::focus;
use crate::state::{Data, Part};

const TITLE: &str = "welcome-title";

#[component]
pub fn Welcome() -> impl IntoView {
    let data = expect_context::<Data>();
    let parts = [Part::DOCS.as_slice(), &[Part::Settings]].concat();
    let shown = Memo::new(move |_| data.follow(&parts, |store| store.needs_welcome()));
    let done = move |_| {
        let mut settings = data.settings();
        settings.welcomed = true;
        // If this fails the welcome shows again next time; nothing else is lost.
        let _ = data.write(|store| store.save_settings(&settings));
        focus::focus_soon("record-new");
    };

    view! {
        <Show when=move || shown.get()>
            <section class="panel welcome" aria-labelledby=TITLE>
                <h2 id=TITLE>"Welcome to Fieldbook"</h2>
                <p>
                    "Fieldbook keeps your community engagement work on this phone, with or "
                    "without signal."
                </p>
                <dl>
                    <dt>"Record"</dt>
                    <dd>"Note an engagement in under a minute: where, how, who came and what they said."</dd>
                    <dt>"Training"</dt>
                    <dd>"Follow your progress against your competency framework and keep evidence notes."</dd>
                    <dt>"Coordinate"</dt>
                    <dd>"For co-ordinators: the team's records, signing off training and the half-year report."</dd>
                </dl>
                <p>"Sign in to sync with your organisation. Until then, everything stays on this phone."</p>
                <button type="button" on:click=done>
                    "Got it"
                </button>
            </section>
        </Show>
    }
}
