//! The save journal: each user-visible write, made durable in IndexedDB before "Saved" is shown.
//!
//! Chromium commits localStorage to disk a few seconds after `setItem` returns, so a phone that
//! dies just after "Saved" loses the record. An IndexedDB transaction opened with
//! `{durability: "strict"}` is on disk when its `complete` event fires. localStorage stays the
//! store; the journal holds the latest write per key until localStorage has surely committed it,
//! and start-up puts back whatever localStorage lost. See docs/storage.md.

use std::future::Future;

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbKeyRange, IdbObjectStoreParameters, IdbOpenDbRequest, IdbRequest,
    IdbTransaction, IdbTransactionMode,
};

const DATABASE: &str = "fieldbook-journal";
const VERSION: u32 = 1;
const STORE: &str = "entries";

/// Field names of a stored entry; `key` is the object store's key path.
const KEY: &str = "key";
const VALUE: &str = "value";
const AT_MS: &str = "at_ms";
/// An index on `at_ms`, so a trim finds old entries without reading every one.
const AT_INDEX: &str = "by_time";

#[wasm_bindgen]
extern "C" {
    // web-sys has `IdbTransactionOptions` only behind `web_sys_unstable_apis`, which would
    // rebuild web-sys for the whole workspace; this binds the same call with a plain object.
    // Browsers that do not know `durability` ignore the member.
    #[wasm_bindgen(extends = IdbDatabase)]
    type WithOptions;

    #[wasm_bindgen(method, catch, js_name = transaction)]
    fn transaction_with_options(
        this: &WithOptions,
        store: &str,
        mode: &str,
        options: &Object,
    ) -> Result<IdbTransaction, JsValue>;
}

/// One open journal database.
#[derive(Clone)]
pub struct Journal {
    db: IdbDatabase,
    strict: Object,
}

/// A journaled write: `value` None means the key was removed.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub value: Option<String>,
    pub at_ms: f64,
}

impl Journal {
    /// The journal, or None where IndexedDB is missing or refused (some private modes): the app
    /// still runs, and its saves are then as durable as localStorage makes them.
    pub async fn open() -> Option<Journal> {
        let factory = web_sys::window()?.indexed_db().ok()??;
        let request = factory.open_with_u32(DATABASE, VERSION).ok()?;
        let upgrade = {
            let request = request.clone();
            Closure::once(move || create_store(&request))
        };
        request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let opened = settle(&request).await;
        request.set_onupgradeneeded(None);
        drop(upgrade);
        let db: IdbDatabase = opened.ok()?.dyn_into().ok()?;
        // Another tab deleting or upgrading the database must not wait on this one.
        let closing = db.clone();
        let on_version_change = Closure::<dyn FnMut()>::new(move || closing.close());
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        on_version_change.forget();
        let strict = Object::new();
        Reflect::set(&strict, &"durability".into(), &"strict".into()).ok()?;
        Some(Journal { db, strict })
    }

    /// Journal `entries` in one transaction, resolving once it is on disk. Each is put by key,
    /// so the journal holds the latest write per key. The transaction starts at the call, not
    /// when the future is first polled: writes are journaled in the order they were made, and a
    /// page busy redrawing does not hold the disk write back.
    pub fn record(
        &self,
        entries: &[(String, Option<String>)],
    ) -> impl Future<Output = Result<(), String>> + 'static {
        let started = self.put_all(entries);
        async move {
            match started {
                Ok(Some(written)) => written.await,
                Ok(None) => Ok(()),
                Err(error) => Err(error),
            }
        }
    }

    /// Starts the transaction that puts `entries`; None when there are none.
    fn put_all(
        &self,
        entries: &[(String, Option<String>)],
    ) -> Result<Option<impl Future<Output = Result<(), String>> + 'static>, String> {
        if entries.is_empty() {
            return Ok(None);
        }
        let at_ms = js_sys::Date::now();
        let transaction = self
            .db
            .unchecked_ref::<WithOptions>()
            .transaction_with_options(STORE, "readwrite", &self.strict)
            .map_err(describe)?;
        let written = complete(&transaction);
        let store = transaction.object_store(STORE).map_err(describe)?;
        for (key, value) in entries {
            let entry = Object::new();
            let set = |field: &str, value: JsValue| Reflect::set(&entry, &field.into(), &value);
            set(KEY, key.into()).map_err(describe)?;
            set(VALUE, value.as_deref().map_or(JsValue::NULL, JsValue::from)).map_err(describe)?;
            set(AT_MS, at_ms.into()).map_err(describe)?;
            if let Err(error) = store.put(&entry) {
                let _ = transaction.abort();
                return Err(describe(error));
            }
        }
        // Commit now rather than when this task ends: the disk write then runs while the page
        // redraws for the save, instead of after. Where commit() is missing, the end of the task
        // commits it as before.
        #[allow(deprecated)]
        let _ = transaction.commit();
        Ok(Some(written))
    }

    /// Everything journaled and not yet trimmed; empty when the journal cannot be read.
    pub async fn entries(&self) -> Vec<Entry> {
        let Ok(request) = self
            .db
            .transaction_with_str(STORE)
            .and_then(|transaction| transaction.object_store(STORE))
            .and_then(|store| store.get_all())
        else {
            return Vec::new();
        };
        let Ok(all) = settle(&request).await else {
            return Vec::new();
        };
        Array::from(&all).iter().filter_map(|e| entry(&e)).collect()
    }

    /// Delete the entries written before `written_before_ms`. The time is compared inside the
    /// deleting transaction, so an entry rewritten meanwhile is kept. One read of the old keys
    /// through the time index, then every delete at once: a trim after an import of thousands
    /// of records must not hold the next save's journal write behind one round trip per entry.
    pub async fn trim(&self, written_before_ms: f64) {
        let Ok(transaction) = self
            .db
            .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
        else {
            return;
        };
        let Ok(store) = transaction.object_store(STORE) else {
            return;
        };
        let Ok(request) = IdbKeyRange::upper_bound_with_open(&written_before_ms.into(), true)
            .and_then(|old| store.index(AT_INDEX)?.get_all_keys_with_key(&old))
        else {
            return;
        };
        let done = complete(&transaction);
        // The deletes must be issued while the transaction is active, so in the handler itself.
        let delete = {
            let request = request.clone();
            Closure::once(move || {
                if let Ok(keys) = request.result() {
                    for key in Array::from(&keys).iter() {
                        let _ = store.delete(&key);
                    }
                }
            })
        };
        request.set_onsuccess(Some(delete.as_ref().unchecked_ref()));
        let _ = done.await;
        drop(delete);
    }
}

/// Creates the object store when the database is new.
fn create_store(request: &IdbOpenDbRequest) {
    let Some(db) = request
        .result()
        .ok()
        .and_then(|db| db.dyn_into::<IdbDatabase>().ok())
    else {
        return;
    };
    if !db.object_store_names().contains(STORE) {
        let parameters = IdbObjectStoreParameters::new();
        parameters.set_key_path(&KEY.into());
        if let Ok(store) = db.create_object_store_with_optional_parameters(STORE, &parameters) {
            let _ = store.create_index_with_str(AT_INDEX, AT_MS);
        }
    }
}

/// The request's result once it succeeds, or its error. The promise's own resolve and reject
/// are the handlers, so no Rust closure outlives the request.
async fn settle(request: &IdbRequest) -> Result<JsValue, String> {
    let done = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let settled = JsFuture::from(done).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    match settled {
        Ok(_) => request.result().map_err(describe),
        Err(_) => Err(request
            .error()
            .ok()
            .flatten()
            .map_or_else(|| "the request failed".to_owned(), |e| e.message())),
    }
}

/// Resolves on the transaction's `complete` event (with strict durability, once on disk), or
/// with why it aborted. The handlers are set at the call, so no event can come before them.
fn complete(transaction: &IdbTransaction) -> impl Future<Output = Result<(), String>> + 'static {
    let done = Promise::new(&mut |resolve, reject| {
        transaction.set_oncomplete(Some(&resolve));
        transaction.set_onerror(Some(&reject));
        transaction.set_onabort(Some(&reject));
    });
    let transaction = transaction.clone();
    async move {
        match JsFuture::from(done).await {
            Ok(_) => Ok(()),
            Err(_) => Err(transaction
                .error()
                .map_or_else(|| "the journal was not written".to_owned(), |e| e.message())),
        }
    }
}

fn entry(value: &JsValue) -> Option<Entry> {
    let get = |field: &str| Reflect::get(value, &field.into()).ok();
    Some(Entry {
        key: get(KEY)?.as_string()?,
        value: get(VALUE)?.as_string(),
        at_ms: get(AT_MS)?.as_f64()?,
    })
}

fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| {
            error
                .dyn_ref::<web_sys::DomException>()
                .map(|e| e.message())
        })
        .unwrap_or_else(|| format!("{error:?}"))
}
