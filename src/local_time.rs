//! The phone's clock and calendar, in the forms core and the screens need.

use fieldbook_core::Context;
use wasm_bindgen::JsValue;

/// What validation needs to know about now, in the phone's time zone.
pub fn context() -> Context {
    let date = js_sys::Date::new_0();
    // getTimezoneOffset is minutes *behind* UTC; core wants minutes ahead.
    Context::at(date.get_time() as i64, -(date.get_timezone_offset() as i32))
}

thread_local! {
    /// Made once: `toLocaleString` builds a formatter at every call, which costs the sync bar
    /// about a third of a millisecond each time it redraws "Last synced", as it does at every save.
    static MOMENTS: js_sys::Function = {
        let options = js_sys::Object::new();
        for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
            let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
        }
        let locales = js_sys::Array::of1(&"en-GB".into());
        js_sys::Intl::DateTimeFormat::new(&locales, &options).format()
    };
}

/// A moment written as people in the UK read it, such as "3 Mar 2026, 14:05".
pub fn describe(ms: u64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    MOMENTS
        .with(|format| format.call1(&JsValue::UNDEFINED, &date))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}
