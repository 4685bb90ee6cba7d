//! One entry set aside because it could not be read: export it, or discard it after confirming.

use leptos::prelude::*;

use super::damaged_entries::TITLE;
use crate::download::download;
use crate::focus;
use crate::local_time;
use crate::state::Data;
use crate::storage::Quarantined;

#[component]
pub fn DamagedEntry(entry: Quarantined) -> impl IntoView {
    let data = expect_context::<Data>();
    let confirming = RwSignal::new(false);
    let key = entry.key.clone();
    let (discard_id, keep_id) = (
        format!("damaged-{key}-discard"),
        format!("damaged-{key}-keep"),
    );
    // Quarantine entries that could not be read themselves carry no time.
    let when = match entry.at_ms {
        0 => "Set aside at an unknown time.".to_owned(),
        at => format!("Set aside {}.", local_time::describe(at)),
    };
    let export = {
        let entry = entry.clone();
        move |_| {
            let json =
                serde_json::to_string_pretty(&entry).expect("a quarantine entry always serialises");
            download(
                &format!("fieldbook-damaged-{}.json", entry.key.replace('/', "-")),
                "application/json",
                &json,
            );
        }
    };
    let ask = {
        let keep_id = keep_id.clone();
        move |_| {
            confirming.set(true);
            focus::focus_soon(keep_id.clone());
        }
    };
    let keep = {
        let discard_id = discard_id.clone();
        move |_| {
            confirming.set(false);
            focus::focus_soon(discard_id.clone());
        }
    };
    let discard = {
        let key = key.clone();
        move |_| {
            data.write(|store| store.discard_quarantined(&key));
            focus::focus_soon(TITLE);
        }
    };

    view! {
        <li class="entry">
            <p class="entry-key">
                <code>{key.clone()}</code>
            </p>
            <p>{entry.reason}</p>
            <p class="muted">{when}</p>
            {(!entry.moved)
                .then(|| {
                    view! {
                        <p>"There was no room to move it aside, so it is still where it was."</p>
                    }
                })}
            <div class="row-actions">
                <button type="button" class="secondary" on:click=export>
                    "Export"
                    <span class="visually-hidden">" " {key.clone()}</span>
                </button>
                <button
                    type="button"
                    class="secondary danger"
                    id=discard_id
                    aria-expanded=move || confirming.get().to_string()
                    on:click=ask
                >
                    "Discard"
                    <span class="visually-hidden">" " {key.clone()}</span>
                </button>
            </div>
            <Show when=move || confirming.get()>
                <div class="confirm">
                    <p>
                        "Discard this entry for good? Fieldbook cannot get it back unless you "
                        "exported it."
                    </p>
                    <div class="row-actions">
                        <button type="button" class="danger" on:click=discard.clone()>
                            "Discard for good"
                        </button>
                        <button
                            type="button"
                            class="secondary"
                            id=keep_id.clone()
                            on:click=keep.clone()
                        >
                            "Keep it"
                        </button>
                    </div>
                </div>
            </Show>
        </li>
    }
}
