//! Times as a person reads them here, in the browser's time zone, and dates typed in a form as
//! milliseconds.

use wasm_bindgen::JsValue;

/// Such as "3 Dec 2026, 14:05".
pub fn describe(ms: u64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    let options = js_sys::Object::new();
    for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    String::from(date.to_locale_string("en-GB", &options))
}

/// The start of the local day `day` (`YYYY-MM-DD`, as a date input gives it), `days_later`
/// days on; `None` when the field is empty or not a date.
pub fn day_start_ms(day: &str, days_later: u32) -> Option<u64> {
    if day.is_empty() {
        return None;
    }
    // A date and time with no zone is read as local time.
    let date = js_sys::Date::new(&JsValue::from_str(&format!("{day}T00:00:00")));
    if date.get_time().is_nan() {
        return None;
    }
    date.set_date(date.get_date() + days_later);
    Some(date.get_time() as u64)
}
