//! Saving text as a file on the phone: a Blob behind a temporary link that is clicked once.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offer `contents` to the user as a file called `filename`, of type `mime`. Browsers show
/// their own download prompt or bar, so there is nothing to report back on success; the steps
/// that can fail (making the Blob or the link) only do so when the page is being torn down.
pub fn download(filename: &str, mime: &str, contents: &str) {
    let _ = try_download(filename, mime, contents);
}

fn try_download(filename: &str, mime: &str, contents: &str) -> Result<(), JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;

    let document = leptos::prelude::document();
    let anchor: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    // The router leaves links with a `download` attribute to the browser.
    anchor.set_download(filename);
    anchor.set_hidden(true);
    // Some browsers only follow a click on a link that is in the document.
    document
        .body()
        .ok_or("the page has no body")?
        .append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    // Revoking at once can cancel the download in Safari, so let go of the Blob a moment later.
    leptos::prelude::set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(1),
    );
    Ok(())
}
