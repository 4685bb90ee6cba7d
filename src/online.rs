//! Whether the browser believes it is online, following its `online` and `offline` events.

use leptos::ev;
use leptos::prelude::*;

/// A signal that starts from `navigator.onLine` and follows the window's connectivity events
/// until the calling component is cleaned up.
pub fn use_online() -> ReadSignal<bool> {
    let (online, set_online) = signal(window().navigator().on_line());
    let went_online = window_event_listener(ev::online, move |_| set_online.set(true));
    let went_offline = window_event_listener(ev::offline, move |_| set_online.set(false));
    on_cleanup(move || {
        went_online.remove();
        went_offline.remove();
    });
    online
}
