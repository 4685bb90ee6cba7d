//! Saving text as a file: a Blob behind a temporary link that is clicked once.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `contents` as a JSON file called `filename`; the browser shows its own prompt.
pub fn download_json(filename: &str, contents: &str) -> Result<(), JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = leptos::prelude::document();
    let anchor: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    // The router leaves links with a `download` attribute to the browser.
    anchor.set_download(filename);
    anchor.set_hidden(true);
    document
        .body()
        .ok_or("the page has no body")?
        .append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    // Revoking at once can cancel the download in Safari.
    leptos::prelude::set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(1),
    );
    Ok(())
}
