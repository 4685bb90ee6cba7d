//! Warnings under the header when records are at risk: storage is unavailable, unsynced work
//! has waited too long, or Safari on iOS may clear the data after a week without a visit.

use fieldbook_core::keeping;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::{now_ms, Data, Part};

#[component]
pub fn StorageBanners() -> impl IntoView {
    let data = expect_context::<Data>();
    // Whether storage is durable is known when it opens, and changes only when it is reopened.
    let unavailable = move || !data.follow(&[Part::Storage], |store| store.is_durable());
    let waiting = Memo::new(move |_| {
        let parts = [Part::DOCS.as_slice(), &[Part::Sync]].concat();
        data.follow(&parts, |store| {
            let (count, oldest) = store.unsynced();
            keeping::unsynced_warning(oldest.map(|stamp| stamp.wall_ms), now_ms())
                .map(|days| (count, days))
        })
    });
    let home_screen_hint = RwSignal::new(needs_home_screen_hint());

    view! {
        // One polite region for all three, present from the start, so each banner is announced
        // when it appears without re-reading the others.
        <div class="storage-banners" aria-live="polite">
            <Show when=unavailable>
                <div class="banner warning">
                    <p>
                        "This browser is not keeping Fieldbook's data: anything you enter is lost "
                        "when you close the page."
                    </p>
                </div>
            </Show>
            {move || {
                waiting.get()
                    .map(|(count, days)| {
                        view! {
                            <div class="banner warning">
                                <p>
                                    {unsynced_sentence(count, days)}
                                    " Sync when you have a signal, or export a backup, so "
                                    "nothing is lost if the browser clears its data. "
                                    <A href="/settings">"Storage settings"</A>
                                </p>
                            </div>
                        }
                    })
            }}
            <Show when=move || home_screen_hint.get()>
                <div class="banner">
                    <p>
                        "Safari clears a site's data after 7 days without a visit. To keep your "
                        "records, add Fieldbook to your Home Screen: tap Share, then "
                        "\u{201c}Add to Home Screen\u{201d}."
                    </p>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| home_screen_hint.set(false)
                    >
                        "Dismiss"
                    </button>
                </div>
            </Show>
        </div>
    }
}

fn unsynced_sentence(count: usize, days: u64) -> String {
    match count {
        1 => format!("1 record on this phone has not been synced for {days} days."),
        _ => format!(
            "{count} records on this phone have not been synced; \
             the oldest change is {days} days old."
        ),
    }
}

/// On an iPhone or iPad, in the browser rather than opened from the Home Screen.
fn needs_home_screen_hint() -> bool {
    let window = window();
    let navigator = window.navigator();
    let on_ios = keeping::is_ios(
        &navigator.user_agent().unwrap_or_default(),
        navigator.max_touch_points().max(0) as u32,
    );
    // Safari's own flag, then the standard display mode for everyone else.
    let standalone = js_sys::Reflect::get(&navigator, &"standalone".into())
        .ok()
        .and_then(|value| value.as_bool())
        .unwrap_or(false)
        || window
            .match_media("(display-mode: standalone)")
            .ok()
            .flatten()
            .is_some_and(|query| query.matches());
    on_ios && !standalone
}
