//! When sync runs, and what it has to say: at start, when the phone comes online, when the page
//! is shown again, every five minutes while it is shown, and on "Sync now"; after a failure,
//! again after a growing wait. Sync runs in the page because service workers cannot read
//! localStorage.

use fieldbook_core::permissions::keeps_records;
use fieldbook_core::protocol::backoff_ms;
use leptos::ev;
use leptos::prelude::*;

use fieldbook_local::sync::{sync_once, SyncError};
use fieldbook_local::Store;

use super::host::Syncing;
use super::lock::with_sync_lock;
use super::Client;
use crate::state::{Data, Timing};

const EVERY_MS: i32 = 5 * 60 * 1000;

/// What the sync bar shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncStatus {
    pub running: bool,
    /// The last failure, in words; None after a success.
    pub error: Option<String>,
    /// The server wants the user to sign in again.
    pub needs_sign_in: bool,
    /// Failures in a row, for the backoff.
    pub failures: u32,
    /// When the next retry is due, after a failure.
    pub retry_at_ms: Option<u64>,
}

#[derive(Clone, Copy)]
pub struct SyncService {
    data: Data,
    status: RwSignal<SyncStatus>,
    retry: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

impl SyncService {
    /// Start syncing on every trigger, and put the service in context.
    pub fn provide(data: Data) -> SyncService {
        let service = SyncService {
            data,
            status: RwSignal::new(SyncStatus::default()),
            retry: StoredValue::new_local(None),
        };
        provide_context(service);
        let online = window_event_listener(ev::online, move |_| service.sync_now());
        let shown = window_event_listener(ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                service.sync_now();
            }
        });
        let every = set_interval_with_handle(
            move || {
                if document().visibility_state() == web_sys::VisibilityState::Visible {
                    service.sync_now();
                }
            },
            std::time::Duration::from_millis(EVERY_MS as u64),
        )
        .ok();
        on_cleanup(move || {
            online.remove();
            shown.remove();
            if let Some(every) = every {
                every.clear();
            }
        });
        service.sync_now();
        service
    }

    pub fn status(&self) -> Signal<SyncStatus> {
        self.status.into()
    }

    /// Sync now, unless a sync is already running here or in another tab.
    pub fn sync_now(self) {
        if self.status.get_untracked().running {
            return;
        }
        // Administrators keep no records, so there is nothing for them to sync (the server would
        // refuse it); neither is there without a session.
        let keeps = |store: &Store| store.session().is_some_and(|s| keeps_records(&s.user));
        if !self.data.peek(keeps) {
            return;
        }
        self.status.update(|status| status.running = true);
        leptos::task::spawn_local(async move {
            let data = self.data;
            let status = self.status;
            let ran = with_sync_lock(move || async move {
                let timing = Timing::start("fieldbook:sync");
                let outcome = match data.peek(|store| store.session().cloned()) {
                    Some(session) => {
                        let client = Client::new(&session.server, &session.token);
                        sync_once(&Syncing::new(data), &client).await
                    }
                    None => Err(SyncError::NotSignedIn),
                };
                drop(timing);
                status.update(|status| match outcome {
                    Ok(_) => {
                        status.error = None;
                        status.needs_sign_in = false;
                        status.failures = 0;
                        status.retry_at_ms = None;
                    }
                    Err(error) => {
                        status.needs_sign_in =
                            matches!(error, SyncError::SignIn(_) | SyncError::NotSignedIn);
                        status.error = Some(error.to_string());
                        status.failures += 1;
                    }
                });
            })
            .await;
            self.status.update(|status| status.running = false);
            if ran {
                self.schedule_retry();
            }
        });
    }

    /// After a failure that trying again can fix, try again after the backoff.
    fn schedule_retry(self) {
        let status = self.status.get_untracked();
        if let Some(handle) = self.retry.get_value() {
            handle.clear();
        }
        if status.error.is_none() || status.needs_sign_in {
            self.retry.set_value(None);
            return;
        }
        let wait = backoff_ms(status.failures, js_sys::Math::random());
        self.status
            .update(|status| status.retry_at_ms = Some(crate::state::now_ms() + wait));
        let handle = set_timeout_with_handle(
            move || self.sync_now(),
            std::time::Duration::from_millis(wait),
        )
        .ok();
        self.retry.set_value(handle);
    }

    /// A new sign-in: forget the last failure and sync at once.
    pub fn signed_in(self) {
        self.status.set(SyncStatus::default());
        self.sync_now();
    }
}
